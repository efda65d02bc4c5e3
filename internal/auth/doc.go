// Package auth owns who someone is and what they may do: password hashing
// (argon2id), login throttling, sessions kept in the database, API bearer
// tokens, the permission checks (permission.go), and where an administrator
// acts (reach.go). The domains call the checks from their application
// functions, so every entry point asks the same; handlers call them only to
// decide what a page offers. auth never decides case outcomes; it only
// answers "may this user do this".
package auth

// Package auth owns who someone is and what they may do: password hashing
// (argon2id), login throttling, sessions kept in the database, API bearer
// tokens, and the permission checks every handler calls (permission.go).
// It never decides case outcomes; it only answers "may this user do this".
package auth

// Package store opens Shenpi's database — an embedded SQLite file or a PostgreSQL
// server — applies the embedded, ordered migrations and runs transactions.
//
// Both engines run the same SQL: queries are written with ? placeholders and
// rebound for PostgreSQL, instants are stored as integer microseconds since the
// Unix epoch (UTC), and migrations use a few tokens ({{id}}, {{blob}}) that
// expand per engine. The domain packages own their tables and queries; store
// owns only the connection, the schema history and the transaction rules.
//
// SQLite allows one writer, so writes go through a single connection while
// reads use a small pool; PostgreSQL uses one pool for both.
package store

// Package catalog owns the approval item catalogue (事项目录 / 权力清单): items
// (事项) with their legal basis, conditions, materials, time limits, fees,
// results, handling mode and application forms; their versions and the review
// that publishes them; import and export of a whole catalogue as JSON; the
// sample files of materials; and the search the portal runs.
//
// # Versions
//
// An item's content lives in numbered versions: draft → submitted →
// published → superseded (an approver may return a submitted version to
// draft). A published version never changes; changing an item starts version
// N+1 as a draft copied from it, and publishing N+1 supersedes N, which stays
// readable through Version: a case keeps the version it was applied under.
// Withdrawing hides an item from the portal without deleting anything. Every
// transition appends an event to the stream item:CODE in the same
// transaction; a publication's event carries the SHA-256 of the published
// content. The actions take the user acting (CreateItem, SaveDraft,
// NewVersion, Submit, Return, Publish, Withdraw, ImportAs) and ask auth
// themselves (CanDraftItem, CanPublishItem, CanImportPublished), so every
// entry point — a page, the API, a command, an exchange — gets the same
// answer; Import, for the demo and for ImportAs, trusts its caller. catalog always enforces the rules of the review itself, e.g. that
// whoever submitted a version does not publish it, and states the rules on
// applying (apply.go): a withdrawn item is not applied for, and an item is
// for citizens, companies or both; casework enforces them on applications.
//
// # Search
//
// Search runs on an in-process bigram index of the published items (code,
// names, conditions, material names), not on SQLite FTS5 trigram and
// PostgreSQL pg_trgm. The reasons:
//
//   - Chinese queries are mostly two characters (食品, 卫生, 许可). Trigram
//     indexes cannot serve a two-character query, so both engines would need
//     a LIKE fallback for exactly the commonest case; bigrams serve it.
//   - One implementation ranks alike on both engines, and needs no
//     PostgreSQL extension (pg_trgm needs CREATE EXTENSION rights that a
//     province's DBA may not grant).
//   - The data is small: 10,000 items fit in a few tens of megabytes, and a
//     query is a posting-list intersection plus a substring test on the
//     candidates — well under the 20 ms p99 budget (BenchmarkSearch10k).
//
// The index is kept fresh by a catalogue generation counter (catalog_state):
// every change the index must see (publish, withdraw) advances it and stamps
// the item with it in the same transaction. Each search reads the counter
// (one indexed single-row query) and, if it moved, reloads only the items
// stamped since. So several nodes on one PostgreSQL server, or a command
// that imports while the server runs, stay consistent without messages
// between them. The counter row is updated inside the transaction, which
// serialises publishers, so generations commit in order and none is missed.
//
// catalog reads the organisation through Directory (department and region
// lookups); it never writes another domain's tables.
package catalog

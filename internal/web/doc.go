// Package web is the shell of Shenpi's web layer: it builds the server,
// routes requests, runs the middleware every request passes (request id,
// security headers, metrics, the session or API token, the language,
// cross-origin protection, the forced password change, recovery from a
// panic), and serves the pages that belong to no audience: the home page
// of each role, login, logout, registration, the password change and the
// language switch. Pages are server-rendered html/template with embedded
// templates and assets, in Simplified Chinese by default and English.
//
// Each audience has its own package under web, with a handler holding only
// what it needs, and the shell composes them:
//
//   - portal: the public site and applicants (catalog, guides, apply, my cases, lookup)
//   - office: staff handling cases (window registration, per-case process changes, delegations)
//   - admin: administration (organisation, users, item editor, processes, calendars)
//   - api: the JSON API under /api/v1, which answers everything in JSON
//
// They share small packages of the shell: page (views, templates checked
// at start-up, rendering, error pages, form readers), request (who asks,
// in which language), messages (the texts), and apply, published,
// itempage, chart and deptnames (items and cases as pages show them). The
// audience packages never import each other; no domain package imports web.
package web

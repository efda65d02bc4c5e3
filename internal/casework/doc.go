// Package casework owns cases (办件): drafts of applications, submission
// with a case number and a receipt (接件凭证), the materials (申请材料) and
// their files, the applicant's own list, withdrawal, and the public lookup
// by number and query code.
//
// A case starts in the system at the moment of receipt, online or at a
// window, never afterwards: the number is allocated and the acceptance
// clock (5 working days, Administrative Licensing Law Art. 32) started in
// the same transaction as the case.submitted event. casework knows the
// approval item only through the small ItemVersion view the caller gives
// it; it never reads the catalogue's tables.
//
// Every function that starts or receives an application takes the user
// acting and admits it itself (admit.go): only applicants apply, a window
// clerk registers for their own department (both asked of auth), a
// withdrawn item is not applied for, an item is for citizens, companies or
// both, and a paper-only material takes no file. So the pages, the API, the
// command line and the exchange all get the same rules. The …In variants
// (SubmitIn, RegisterIn) run inside the caller's transaction, for a package
// that composes a receipt with another domain's change, e.g. starting the
// case's process.
package casework

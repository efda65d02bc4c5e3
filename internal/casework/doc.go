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
package casework

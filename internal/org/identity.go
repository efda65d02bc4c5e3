package org

import (
	"context"

	"github.com/shenpi/shenpi/internal/store"
)

// identityOf names the number that makes an applicant one person or one
// company: the field it is typed in and its value. Staff, and applicants
// without one, have none.
func identityOf(u User) (field, value string) {
	switch {
	case u.Role != RoleApplicant:
		return "", ""
	case u.ApplicantKind == Citizen:
		return "id_number", u.IDNumber
	case u.ApplicantKind == Company:
		return "credit_code", u.CreditCode
	}
	return "", ""
}

// claimIdentity records, in the transaction creating u, that u's resident ID
// or credit code is u's. A number already claimed is refused on the field
// it was typed in, with a message that names nobody and points to the
// password reset; the primary key decides between two racing registrations.
// A resident ID number is claimed by its lookup hash, idHash: the number
// itself is stored only sealed.
func claimIdentity(ctx context.Context, tx *store.Tx, u User, idHash string) error {
	field, value := identityOf(u)
	if value == "" {
		return nil
	}
	if field == "id_number" {
		value = idHash
	}
	_, err := tx.Exec(ctx, `INSERT INTO applicant_identities (kind, value, user_id) VALUES (?, ?, ?)`, field, value, u.ID)
	if store.IsUniqueViolation(err) {
		return invalid(field, "org.user."+field+"_taken")
	}
	return err
}

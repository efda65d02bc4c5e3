package org

import (
	"context"

	"github.com/shenpi/shenpi/internal/ident"
)

// ApplicantByIDNumber finds the applicant whose resident ID number is id,
// for a window clerk identifying a walk-in applicant. An unknown or
// malformed number is ErrNotFound.
func (o *Org) ApplicantByIDNumber(ctx context.Context, id string) (User, error) {
	rid, err := ident.ParseResidentID(id)
	if err != nil {
		return User{}, ErrNotFound
	}
	h, err := idNumberHash(o.q.Keys(), string(rid))
	if err != nil {
		return User{}, err
	}
	u, _, err := o.scanUser(o.q.QueryRow(ctx, userSelect+`WHERE u.role = ? AND u.id_number_hash = ?`, string(RoleApplicant), h))
	return u, err
}

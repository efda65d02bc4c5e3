package casework

import (
	"context"
	"errors"
	"maps"

	"github.com/shenpi/shenpi/internal/catalog"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
)

// Upload is a file a window clerk scanned or received with a walk-in
// application.
type Upload struct {
	Slot     int
	Filename string
	Data     []byte
}

// Registration is a walk-in application that was checked and whose files
// are stored, ready to be received by RegisterIn.
type Registration struct {
	clerk, applicant org.User
	s                submission
}

// Register receives a walk-in application at a window: the clerk enters
// the form and the materials on the applicant's behalf; numbering and
// receipt are the same as online, the channel is recorded as window.
// applicant is whom the clerk identified, the zero User when nobody was
// found: that, like an applicant who may not apply for the item, is one
// more problem of the application, told with all the others.
func (c *Casework) Register(ctx context.Context, clerk, applicant org.User, item ItemVersion, form Form, uploads []Upload) (Case, error) {
	reg, err := c.PrepareRegistration(clerk, applicant, item, form, uploads)
	if err != nil {
		return Case{}, err
	}
	var out *Case
	err = c.db.Tx(ctx, func(tx *store.Tx) error {
		var err error
		out, err = c.RegisterIn(ctx, tx, reg)
		return err
	})
	return received(out, err)
}

// PrepareRegistration checks a walk-in application in full and stores its
// files — outside any transaction, as writing files is slow — for
// RegisterIn to receive. Nothing is recorded yet.
func (c *Casework) PrepareRegistration(clerk, applicant org.User, item ItemVersion, form Form, uploads []Upload) (Registration, error) {
	if err := admitRegistration(clerk, item); err != nil {
		return Registration{}, err
	}
	reg := Registration{clerk: clerk, applicant: applicant,
		s: submission{item: item, applicantID: applicant.ID, channel: Window, registeredBy: clerk.ID, form: form, actor: clerk.Username}}
	refused := map[int]string{}
	for _, u := range uploads {
		m, err := c.storeFile(item, u.Slot, u.Filename, u.Data)
		var inv *InvalidError
		switch {
		case errors.As(err, &inv):
			maps.Copy(refused, inv.Materials)
		case err != nil:
			return Registration{}, err
		default:
			reg.s.materials = append(reg.s.materials, m)
		}
	}
	inv := reg.s.problems()
	maps.Copy(inv.Materials, refused)
	inv.Applicant = applicantProblem(applicant, item)
	if !inv.empty() {
		return Registration{}, inv
	}
	return reg, nil
}

// RegisterIn receives a prepared walk-in application inside the caller's
// transaction, for a package that composes it with another domain's change
// (starting the case's process, say) so that both happen or neither does.
// The case is recorded, and its number known, as the transaction's last
// step: work that needs the number goes in tx.Then.
func (c *Casework) RegisterIn(ctx context.Context, tx *store.Tx, reg Registration) (*Case, error) {
	if err := admitRegistration(reg.clerk, reg.s.item); err != nil {
		return nil, err
	}
	if key := applicantProblem(reg.applicant, reg.s.item); key != "" {
		return nil, &InvalidError{Applicant: key}
	}
	return c.receive(ctx, tx, reg.s)
}

// admitRegistration refuses a walk-in registration the clerk may not make,
// or of an item withdrawn.
func admitRegistration(clerk org.User, item ItemVersion) error {
	if err := admitWindow(clerk, item); err != nil {
		return err
	}
	if item.Withdrawn {
		return catalog.ErrWithdrawn
	}
	return nil
}

// applicantProblem says, by message key, why the applicant a clerk
// identified may not apply for item, or "".
func applicantProblem(applicant org.User, item ItemVersion) string {
	if applicant.ID == 0 || applicant.Role != org.RoleApplicant {
		return "case.window.applicant_unknown"
	}
	return refuse.Reason(item.Audience.Admits(applicant.ApplicantKind))
}

package casework

import (
	"context"
	"fmt"
	"maps"
	"time"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/seal"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// AcceptanceDays is the time to decide on acceptance: on the spot or
// within 5 working days of receipt (Administrative Licensing Law Art. 32).
const AcceptanceDays = 5

// submission is a case about to be received, online or at a window.
type submission struct {
	item         ItemVersion
	applicantID  int64
	channel      Channel
	registeredBy int64
	form         Form
	materials    []Material
	from         string // the draft's stream, whose materials move to the case
	actor        string
}

// problems finds everything wrong with a submission at once, so the
// applicant is told in one go (一次性告知), not one problem per try.
func (s submission) problems() *InvalidError {
	inv := &InvalidError{Fields: map[string]FormProblem{}, Materials: map[int]string{}}
	if s.item.Validate != nil {
		maps.Copy(inv.Fields, s.item.Validate(s.form))
	}
	have := map[int]bool{}
	for _, m := range s.materials {
		have[m.Slot] = true
	}
	for i, rule := range s.item.Materials {
		if rule.Required && !have[i] {
			inv.Materials[i] = "casework.material.missing"
		}
	}
	return inv
}

func (e *InvalidError) empty() bool {
	return len(e.Fields) == 0 && len(e.Materials) == 0 && e.Applicant == ""
}

// Submit turns an applicant's draft into a case: it is checked in full,
// numbered, its acceptance clock started and its event written, in one
// transaction.
func (c *Casework) Submit(ctx context.Context, applicant org.User, draftID string, item ItemVersion) (Case, error) {
	var out *Case
	err := c.db.Tx(ctx, func(tx *store.Tx) error {
		var err error
		out, err = c.SubmitIn(ctx, tx, applicant, draftID, item)
		return err
	})
	return received(out, err)
}

// SubmitIn is Submit inside the caller's transaction, for a package that
// composes it with another domain's change (starting the case's process,
// say) so that both happen or neither does. The case is recorded, and its
// number known, as the transaction's last step (see receive): work that
// needs the number goes in tx.Then.
func (c *Casework) SubmitIn(ctx context.Context, tx *store.Tx, applicant org.User, draftID string, item ItemVersion) (*Case, error) {
	if err := Admit(applicant, item); err != nil {
		return nil, err
	}
	d, err := c.draft(ctx, tx, applicant.ID, draftID)
	if err != nil {
		return nil, err
	}
	if d.ItemCode != item.Code || d.ItemVersion != item.Version {
		return nil, fmt.Errorf("casework: draft %s is for %s v%d, not %s v%d", draftID, d.ItemCode, d.ItemVersion, item.Code, item.Version)
	}
	s := submission{item: item, applicantID: applicant.ID, channel: Online, form: d.Form, materials: d.Materials, from: draftStream(draftID), actor: applicant.Username}
	out, err := c.receive(ctx, tx, s)
	if err != nil {
		return nil, err
	}
	// The draft row goes now; its materials move to the case at commit.
	_, err = tx.Exec(ctx, `DELETE FROM drafts WHERE id = ?`, draftID)
	return out, err
}

// received is the case a committed transaction recorded.
func received(cs *Case, err error) (Case, error) {
	if err != nil {
		return Case{}, err
	}
	return *cs, nil
}

// receive checks a case at the moment of receipt and has it recorded as
// the last step of the transaction (see receipt): the returned Case is
// complete, number included, once the transaction commits.
func (c *Casework) receive(ctx context.Context, tx *store.Tx, s submission) (*Case, error) {
	if inv := s.problems(); !inv.empty() {
		return nil, inv
	}
	if err := c.checkStored(ctx, tx, s.materials); err != nil {
		return nil, err
	}
	now := c.now()
	cal, err := c.deadlines.ForRegion(ctx, tx, s.item.RegionPath)
	if err != nil {
		return nil, err
	}
	r := &receipt{ctx: ctx, c: c, s: s, clock: workday.ClockFromDays(cal, now, AcceptanceDays), cs: Case{
		RegionCode: s.item.RegionCode, DepartmentID: s.item.DepartmentID,
		ItemCode: s.item.Code, ItemVersion: s.item.Version, ItemName: s.item.Name,
		ApplicantID: s.applicantID, Channel: s.channel, RegisteredBy: s.registeredBy,
		Status: Submitted, QueryCode: queryCode(), Form: s.form, SubmittedAt: now, UpdatedAt: now, Materials: s.materials,
	}}
	tx.Hook(r, func() store.CommitHook { return r })
	return &r.cs, nil
}

// attach gives the case its materials: a draft's move over, a window's
// are recorded new.
func (c *Casework) attach(ctx context.Context, tx *store.Tx, s submission, n Number) error {
	if s.from != "" {
		_, err := tx.Exec(ctx, `UPDATE materials SET owner = ? WHERE owner = ?`, Stream(n), s.from)
		return err
	}
	for _, m := range s.materials {
		if err := insertMaterial(ctx, tx, Stream(n), m); err != nil {
			return err
		}
	}
	return nil
}

// submittedPayload is the case.submitted payload of a case just received
// (a *SubmittedPayload, which the projectors are given without decoding),
// its form sealed: the log is kept for good and copied into every backup.
func submittedPayload(keys *seal.Keys, cs Case, acceptanceDue time.Time) (*SubmittedPayload, error) {
	materials := make([]MaterialPayload, len(cs.Materials))
	for i, m := range cs.Materials {
		materials[i] = materialPayload(m)
	}
	form, err := sealForm(keys, formOfEvent, cs.Form)
	if err != nil {
		return nil, err
	}
	return &SubmittedPayload{
		AcceptanceDue: acceptanceDue.UTC().Format(time.RFC3339), ApplicantID: cs.ApplicantID, Channel: cs.Channel,
		DepartmentID: cs.DepartmentID, SealedForm: form, Item: cs.ItemCode, Materials: materials,
		RegisteredBy: cs.RegisteredBy, Version: cs.ItemVersion,
	}, nil
}

package casework

import (
	"context"
	"fmt"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/workday"
)

// The caps on extending a case's limit (延期, Administrative Licensing Law
// Art. 42): a decision due within 20 working days of acceptance may be
// extended by at most 10 more with the head's approval; one handled
// jointly by several departments (统一办理、联合办理、集中办理, 45 working
// days) by at most 15. They bound the sum of a case's approved extensions.
const (
	ExtensionCap      = 10
	JointExtensionCap = 15
)

// ExtensionStatus is where a request for an extension stands.
type ExtensionStatus string

const (
	ExtensionRequested ExtensionStatus = "requested"
	ExtensionApproved  ExtensionStatus = "approved"
	ExtensionRefused   ExtensionStatus = "refused"
)

// Extension is one request to extend a case's limit.
type Extension struct {
	ID          int64
	Number      Number
	Days        int
	Reason      string
	RequestedBy int64
	RequestedAt time.Time
	Status      ExtensionStatus
	DecidedBy   int64
	DecidedAt   time.Time
	Note        string
}

// JointBy tells casework how to learn whether a case is handled jointly
// (its process has assisting departments), which raises its extension
// cap; without it every case has the single cap. It is called outside the
// transaction of the change.
func (c *Casework) JointBy(f func(ctx context.Context, n Number) (bool, error)) { c.joint = f }

// extensionCap is the cap of case n.
func (c *Casework) extensionCap(ctx context.Context, n Number) (int, error) {
	if c.joint == nil {
		return ExtensionCap, nil
	}
	joint, err := c.joint(ctx, n)
	if err != nil {
		return 0, fmt.Errorf("casework: unable to tell whether %s is handled jointly: %w", n, err)
	}
	if joint {
		return JointExtensionCap, nil
	}
	return ExtensionCap, nil
}

// capError refuses days more than the cap leaves.
func capError(limit, used, days int) error {
	return &refuse.Error{Kind: refuse.ErrInvalid, Text: fmt.Sprintf("casework: %d more days exceed the cap of %d (%d used)", days, limit, used),
		Field: "days", Key: "handling.extension.cap", Code: "extension_cap",
		Args: map[string]any{"Cap": limit, "Used": used, "Left": max(limit-used, 0), "Days": days}}
}

// RequestExtension asks the department's approver to extend case n's
// limits by days working days, for reason. A handler of the case's
// department asks, with a reason, within what the cap leaves, one request
// at a time.
func (c *Casework) RequestExtension(ctx context.Context, u org.User, n Number, days int, reason string) (Extension, error) {
	reason, ok := text(reason, 1000)
	switch {
	case reason == "":
		return Extension{}, refuse.Field("casework: an extension needs a reason", "reason", "handling.extension.reason")
	case !ok:
		return Extension{}, refuse.Field("casework: reason too long", "reason", "handling.too_long")
	case days < 1:
		return Extension{}, refuse.Field("casework: an extension adds at least one day", "days", "handling.extension.days")
	}
	limit, err := c.extensionCap(ctx, n)
	if err != nil {
		return Extension{}, err
	}
	var out Extension
	err = c.db.Tx(ctx, func(tx *store.Tx) error {
		if _, err := c.handled(ctx, tx, u, n, auth.CanHandleCase); err != nil {
			return err
		}
		used, err := approvedDays(ctx, tx, n)
		if err != nil {
			return err
		}
		if used+days > limit {
			return capError(limit, used, days)
		}
		now := c.now()
		out = Extension{Number: n, Days: days, Reason: reason, RequestedBy: u.ID, RequestedAt: now, Status: ExtensionRequested}
		err = tx.QueryRow(ctx, `INSERT INTO case_extensions (case_number, days, reason, requested_by, requested_at, status)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, string(n), days, reason, u.ID, store.Micros(now), string(ExtensionRequested)).Scan(&out.ID)
		if store.IsUniqueViolation(err) {
			return refuse.Conflict("casework: an extension request is waiting", "handling.extension.pending")
		}
		if err != nil {
			return fmt.Errorf("casework: unable to record the extension request of %s: %w", n, err)
		}
		return c.appendEvent(ctx, tx, Stream(n), EventExtensionRequested, u.Username, ExtensionRequestedPayload{ID: out.ID, Days: days, Reason: reason})
	})
	return out, err
}

// DecideExtension approves or refuses request id of case n. An approver of
// the case's department decides; a refusal says why. An approval that the
// cap no longer leaves room for (another was approved meanwhile) is
// refused; one approved lengthens every limit of the case by its days and
// marks the case extended.
func (c *Casework) DecideExtension(ctx context.Context, u org.User, n Number, id int64, approve bool, note string) (Extension, error) {
	note, ok := text(note, 1000)
	switch {
	case !ok:
		return Extension{}, refuse.Field("casework: note too long", "note", "handling.too_long")
	case !approve && note == "":
		return Extension{}, refuse.Field("casework: a refusal needs a reason", "note", "handling.extension.refusal_reason")
	}
	limit, err := c.extensionCap(ctx, n)
	if err != nil {
		return Extension{}, err
	}
	var out Extension
	err = c.db.Tx(ctx, func(tx *store.Tx) error {
		cs, err := c.handled(ctx, tx, u, n, auth.CanApproveExtension)
		if err != nil {
			return err
		}
		ext, err := readExtension(ctx, tx, n, id)
		if err != nil {
			return err
		}
		if ext.Status != ExtensionRequested {
			return refuse.Conflict("casework: the extension was decided", "handling.extension.decided")
		}
		now := c.now()
		ext.DecidedBy, ext.DecidedAt, ext.Note = u.ID, now, note
		if !approve {
			ext.Status = ExtensionRefused
			out = ext
			if err := saveDecision(ctx, tx, ext); err != nil {
				return err
			}
			return c.appendEvent(ctx, tx, Stream(n), EventExtensionRefused, u.Username, ExtensionRefusedPayload{ID: id, Note: note})
		}
		used, err := approvedDays(ctx, tx, n)
		if err != nil {
			return err
		}
		if used+ext.Days > limit {
			return capError(limit, used, ext.Days)
		}
		ext.Status = ExtensionApproved
		out = ext
		if err := saveDecision(ctx, tx, ext); err != nil {
			return err
		}
		if cs.Status != stExtended && cs.Status != stSpecial {
			if _, err := hMove(ctx, tx, n, stExtended, now); err != nil {
				return err
			}
		}
		extended, err := c.limitClocks(ctx, tx, n)
		if err != nil {
			return err
		}
		for _, p := range extended {
			if _, err := c.deadlines.Extend(ctx, tx, Stream(n), p, workday.Extension{Days: ext.Days, ApprovedBy: u.Username, Reason: ext.Reason, At: now}); err != nil {
				return err
			}
		}
		return c.appendEvent(ctx, tx, Stream(n), EventExtensionApproved, u.Username,
			ExtensionApprovedPayload{ID: id, Days: ext.Days, TotalDays: used + ext.Days, Note: note, Extended: extended})
	})
	return out, err
}

func saveDecision(ctx context.Context, tx *store.Tx, ext Extension) error {
	_, err := tx.Exec(ctx, `UPDATE case_extensions SET status = ?, decided_by = ?, decided_at = ?, note = ? WHERE id = ?`,
		string(ext.Status), ext.DecidedBy, store.Micros(ext.DecidedAt), ext.Note, ext.ID)
	if err != nil {
		return fmt.Errorf("casework: unable to record the decision on extension %d: %w", ext.ID, err)
	}
	return nil
}

// approvedDays is the sum of case n's approved extensions.
func approvedDays(ctx context.Context, q store.Querier, n Number) (int, error) {
	var days int
	err := q.QueryRow(ctx, `SELECT COALESCE(SUM(days), 0) FROM case_extensions WHERE case_number = ? AND status = ?`,
		string(n), string(ExtensionApproved)).Scan(&days)
	if err != nil {
		return 0, fmt.Errorf("casework: unable to sum the extensions of %s: %w", n, err)
	}
	return days, nil
}

// hasApprovedExtension reports whether case n was ever extended.
func hasApprovedExtension(ctx context.Context, q store.Querier, n Number) (bool, error) {
	days, err := approvedDays(ctx, q, n)
	return days > 0, err
}

const extensionColumns = `id, case_number, days, reason, requested_by, requested_at, status, COALESCE(decided_by, 0), decided_at, note`

func scanExtension(row scanner) (Extension, error) {
	var (
		e                  Extension
		number, status     string
		requested, decided int64
	)
	err := row.Scan(&e.ID, &number, &e.Days, &e.Reason, &e.RequestedBy, &requested, &status, &e.DecidedBy, &decided, &e.Note)
	e.Number, e.Status, e.RequestedAt = Number(number), ExtensionStatus(status), store.FromMicros(requested)
	if decided != 0 {
		e.DecidedAt = store.FromMicros(decided)
	}
	return e, err
}

// readExtension reads request id of case n; another case's is not found.
func readExtension(ctx context.Context, q store.Querier, n Number, id int64) (Extension, error) {
	e, err := scanExtension(q.QueryRow(ctx, `SELECT `+extensionColumns+` FROM case_extensions WHERE id = ? AND case_number = ?`, id, string(n)))
	return e, notFound(err)
}

// Extensions lists the extension requests of case n, oldest first. It
// checks nothing: the caller has shown the case to the user.
func (c *Casework) Extensions(ctx context.Context, n Number) ([]Extension, error) {
	return queryAll(ctx, c.db, "the extensions of "+string(n), scanExtension,
		`SELECT `+extensionColumns+` FROM case_extensions WHERE case_number = ? ORDER BY id`, string(n))
}

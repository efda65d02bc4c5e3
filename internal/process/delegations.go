package process

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/refuse"
	"github.com/shenpi/shenpi/internal/store"
)

// Delegation (授权) lets Deputy stand in for User from From (inclusive) to To (exclusive):
// tasks meant for User in that period go to Deputy, recorded as acting for User.
type Delegation struct {
	ID        int64
	User      string
	Deputy    string
	From, To  time.Time
	Reason    string
	CreatedBy string
	CreatedAt time.Time
	EndedBy   string
	EndedAt   time.Time
}

// InForce reports whether the delegation covers the instant.
func (d Delegation) InForce(at time.Time) bool { return !at.Before(d.From) && at.Before(d.To) }

// Over reports whether the delegation has ended by the instant.
func (d Delegation) Over(at time.Time) bool { return !at.Before(d.To) }

// DelegationStream is the event stream of a user's delegations.
func DelegationStream(user string) string { return "delegation:" + user }

var (
	// ErrDelegationOver is returned for ending a delegation that has already ended.
	ErrDelegationOver = refuse.Conflict("process: the delegation is already over", "")
	// ErrMayNotDelegate: only department staff name deputies (auth.CanDelegate).
	ErrMayNotDelegate = refuse.Forbidden("process: this user may not delegate", "")
	// ErrMayNotEnd: a deputy sees the delegation but only its giver ends it.
	ErrMayNotEnd = refuse.Forbidden("process: only the user who gave a delegation ends it", "")
)

// Delegate records that d.Deputy stands in for u, who asks (d.User is set to u): auth
// decides whether u may delegate at all. The deputy must be an enabled user of the same
// department, the period must end after it starts and after now, a reason is required,
// and a user has one deputy at a time: periods may not overlap.
func (p *Processes) Delegate(ctx context.Context, u org.User, d Delegation) (Delegation, error) {
	if !auth.CanDelegate(u) {
		return d, ErrMayNotDelegate
	}
	actor := u.Username
	d.User = u.Username
	d.Deputy, d.Reason = strings.ToLower(strings.TrimSpace(d.Deputy)), strings.TrimSpace(d.Reason)
	now := p.now()
	switch {
	case d.Deputy == "":
		return d, invalid("deputy", "form.required")
	case d.Deputy == d.User:
		return d, invalid("deputy", "flow.delegation.self")
	case d.From.IsZero():
		return d, invalid("from", "flow.delegation.date")
	case d.To.IsZero():
		return d, invalid("to", "flow.delegation.date")
	case !d.To.After(d.From):
		return d, invalid("to", "flow.delegation.period")
	case !d.To.After(now):
		return d, invalid("to", "flow.delegation.past")
	case d.Reason == "":
		return d, invalid("reason", "form.required")
	}
	user, _, err := p.org.UserWithHash(ctx, d.User)
	if err != nil {
		return d, fmt.Errorf("process: unable to find %s: %w", d.User, err)
	}
	deputy, _, err := p.org.UserWithHash(ctx, d.Deputy)
	switch {
	case errors.Is(err, org.ErrNotFound) || err == nil && deputy.Disabled:
		return d, invalid("deputy", "flow.delegation.deputy_unknown")
	case err != nil:
		return d, fmt.Errorf("process: unable to find %s: %w", d.Deputy, err)
	case user.DepartmentID == 0 || deputy.DepartmentID != user.DepartmentID:
		return d, invalid("deputy", "flow.delegation.deputy_department")
	}
	d.CreatedBy, d.CreatedAt = actor, now
	err = p.db.Tx(ctx, func(tx *store.Tx) error {
		var overlapping int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM delegations WHERE username = ? AND from_at < ? AND to_at > ?`,
			d.User, store.Micros(d.To), store.Micros(d.From)).Scan(&overlapping); err != nil {
			return err
		}
		if overlapping > 0 {
			return invalid("from", "flow.delegation.overlap")
		}
		err := tx.QueryRow(ctx, `INSERT INTO delegations (username, deputy, from_at, to_at, reason, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			d.User, d.Deputy, store.Micros(d.From), store.Micros(d.To), d.Reason, actor, store.Micros(now)).Scan(&d.ID)
		if err != nil {
			return fmt.Errorf("process: unable to store the delegation: %w", err)
		}
		return appendEvent(ctx, tx, DelegationStream(d.User), EventDelegationCreated, actor, now, DelegationCreatedPayload{
			Deputy: d.Deputy, From: d.From.UTC(), ID: d.ID, Reason: d.Reason, To: d.To.UTC(), User: d.User})
	})
	if err != nil {
		return d, err
	}
	p.dir.forget()
	return d, nil
}

// EndDelegation ends a delegation now on behalf of u; tasks already given to the deputy
// stay with them. A delegation u neither gave nor received is not found; its deputy may
// not end it (auth.CanEndDelegation).
func (p *Processes) EndDelegation(ctx context.Context, u org.User, id int64) (Delegation, error) {
	actor := u.Username
	now := p.now()
	var d Delegation
	err := p.db.Tx(ctx, func(tx *store.Tx) error {
		dels, err := queryDelegations(ctx, tx, `WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if len(dels) == 0 {
			return ErrNotFound
		}
		d = dels[0]
		switch {
		case d.User != u.Username && d.Deputy != u.Username:
			return ErrNotFound
		case !auth.CanEndDelegation(u, d.User):
			return ErrMayNotEnd
		}
		if d.Over(now) {
			return ErrDelegationOver
		}
		end := now
		if end.Before(d.From) {
			end = d.From // a delegation ended before it began covers nothing
		}
		if _, err := tx.Exec(ctx, `UPDATE delegations SET to_at = ?, ended_by = ?, ended_at = ? WHERE id = ?`,
			store.Micros(end), actor, store.Micros(now), id); err != nil {
			return err
		}
		d.To, d.EndedBy, d.EndedAt = end, actor, now
		return appendEvent(ctx, tx, DelegationStream(d.User), EventDelegationEnded, actor, now, DelegationEndedPayload{ID: id, To: end.UTC()})
	})
	if err != nil {
		return d, err
	}
	p.dir.forget()
	return d, nil
}

// Delegation returns one delegation.
func (p *Processes) Delegation(ctx context.Context, id int64) (Delegation, error) {
	dels, err := queryDelegations(ctx, p.db, `WHERE id = ?`, id)
	if err != nil {
		return Delegation{}, err
	}
	if len(dels) == 0 {
		return Delegation{}, ErrNotFound
	}
	return dels[0], nil
}

// DelegationsOf lists the delegations a user gave or stands in for, newest first.
func (p *Processes) DelegationsOf(ctx context.Context, user string) ([]Delegation, error) {
	return queryDelegations(ctx, p.db, `WHERE username = ? OR deputy = ? ORDER BY from_at DESC, id DESC`, user, user)
}

// DeputyOf returns the deputy standing in for user at the instant, if any.
func (p *Processes) DeputyOf(user string, at time.Time) (string, bool) {
	return p.dir.DeputyOf(user, at)
}

func queryDelegations(ctx context.Context, q store.Querier, tail string, args ...any) ([]Delegation, error) {
	rows, err := q.Query(ctx, `SELECT id, username, deputy, from_at, to_at, reason, created_by, created_at, ended_by, ended_at
		FROM delegations `+tail, args...)
	if err != nil {
		return nil, fmt.Errorf("process: unable to read delegations: %w", err)
	}
	defer rows.Close()
	var out []Delegation
	for rows.Next() {
		var (
			d                          Delegation
			from, to, created, endedAt int64
		)
		if err := rows.Scan(&d.ID, &d.User, &d.Deputy, &from, &to, &d.Reason, &d.CreatedBy, &created, &d.EndedBy, &endedAt); err != nil {
			return nil, err
		}
		d.From, d.To, d.CreatedAt, d.EndedAt = store.FromMicros(from), store.FromMicros(to), store.FromMicros(created), store.FromMicros(endedAt)
		out = append(out, d)
	}
	return out, rows.Err()
}

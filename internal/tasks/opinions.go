package tasks

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
	"github.com/shenpi/shenpi/internal/store"
)

// The states of an opinion as the case page lists it.
const (
	OpinionSigned       = "signed"     // as written when the task was completed; locked
	OpinionSuperseded   = "superseded" // a consented correction replaced it; kept
	CorrectionPending   = "pending"    // a correction awaiting an approver's consent
	CorrectionEffective = "effective"  // a consented correction, the opinion in force
	CorrectionRefused   = "refused"    // a correction the approver did not consent to
)

// Opinion is a signed opinion (意见) of a completed task, or a correction of one.
type Opinion struct {
	Correction int64 // 0 for the opinion signed with the task
	TaskID     string
	Step       string
	Author     string
	ActingFor  string
	Outcome    string
	Text       string
	Reason     string // of a correction
	Status     string
	At         time.Time
	DecidedBy  string
	DecidedAt  time.Time
}

// opinions lists a case's opinions in the order they were written, the signed ones
// from its process, each followed by its corrections; a consented correction
// supersedes what came before it for the same task, and every one is kept.
func (t *Tasks) opinions(ctx context.Context, v *CaseView) ([]Opinion, error) {
	corrections, err := t.corrections(ctx, v.Case.Number)
	if err != nil {
		return nil, err
	}
	var out []Opinion
	if v.Instance == nil {
		return out, nil
	}
	for _, task := range v.Instance.State.Tasks {
		if task.Status != flow.TaskCompleted || task.Opinion == "" {
			continue
		}
		out = append(out, Opinion{TaskID: task.ID, Step: stepName(v.Tasks, task.ID), Author: task.DoneBy, ActingFor: task.DoneFor,
			Outcome: task.Outcome, Text: task.Opinion, Status: OpinionSigned, At: task.DoneAt})
		for _, c := range corrections {
			if c.TaskID != task.ID {
				continue
			}
			if c.Status == CorrectionEffective {
				for i := range out {
					if out[i].TaskID == task.ID && (out[i].Status == OpinionSigned || out[i].Status == CorrectionEffective) {
						out[i].Status = OpinionSuperseded
					}
				}
			}
			out = append(out, c)
		}
	}
	return out, nil
}

func stepName(tasks []process.TaskEntry, id string) string {
	for _, e := range tasks {
		if e.TaskID == id {
			return e.NodeName
		}
	}
	return id
}

func (t *Tasks) corrections(ctx context.Context, n casework.Number) ([]Opinion, error) {
	rows, err := t.db.Query(ctx, `SELECT id, task_id, step, author, opinion, reason, status, created_at, decided_by, decided_at
		FROM opinion_corrections WHERE case_number = ? ORDER BY id`, string(n))
	if err != nil {
		return nil, fmt.Errorf("tasks: unable to read corrections: %w", err)
	}
	defer rows.Close()
	var out []Opinion
	for rows.Next() {
		var o Opinion
		var at, decided int64
		if err := rows.Scan(&o.Correction, &o.TaskID, &o.Step, &o.Author, &o.Text, &o.Reason, &o.Status, &at, &o.DecidedBy, &decided); err != nil {
			return nil, err
		}
		o.At, o.DecidedAt = store.FromMicros(at), store.FromMicros(decided)
		out = append(out, o)
	}
	return out, rows.Err()
}

// Correction is a request to replace a signed opinion.
type Correction struct {
	Case      casework.Number
	TaskID    string
	Opinion   string
	Reason    string
	RequestID string
}

// Correct asks to replace actor's signed opinion on a completed task with a new text.
// The signed opinion stays as it was (it is locked); the correction supersedes it once
// an approver of the case's department consents (Decide). Only the opinion's author
// asks; one correction of an opinion awaits consent at a time.
func (t *Tasks) Correct(ctx context.Context, actor org.User, c Correction) (int64, error) {
	if !actor.Disabled && actor.Role == org.RoleSupervisor {
		return 0, ErrReadOnly
	}
	if !auth.CanWorkOnTasks(actor) {
		return 0, ErrNotFound
	}
	c.Opinion, c.Reason = strings.TrimSpace(c.Opinion), strings.TrimSpace(c.Reason)
	switch {
	case c.RequestID == "":
		return 0, invalid("request", "task.error.stale_form")
	case c.Opinion == "":
		return 0, invalid("opinion", "task.error.opinion_required")
	case utf8.RuneCountInString(c.Opinion) > MaxOpinion:
		return 0, invalid("opinion", "task.error.opinion_long")
	case c.Reason == "":
		return 0, invalid("reason", "task.error.reason_required")
	case utf8.RuneCountInString(c.Reason) > MaxReason:
		return 0, invalid("reason", "task.error.reason_long")
	}
	inst, err := t.procs.Instance(ctx, string(c.Case))
	if errors.Is(err, process.ErrNotFound) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, err
	}
	var signed *flow.Task
	for i, task := range inst.State.Tasks {
		if task.ID == c.TaskID && task.Status == flow.TaskCompleted && task.Opinion != "" && (task.DoneBy == actor.Username || task.DoneFor == actor.Username) {
			signed = &inst.State.Tasks[i]
		}
	}
	if signed == nil {
		return 0, ErrNotFound
	}
	tasks, err := t.procs.Tasks(ctx, inst.ID)
	if err != nil {
		return 0, err
	}
	step := stepName(tasks, signed.ID)
	var id int64
	err = t.db.Tx(ctx, func(tx *store.Tx) error {
		id = 0
		err := tx.QueryRow(ctx, `SELECT id FROM opinion_corrections WHERE request_id = ?`, c.RequestID).Scan(&id)
		if err == nil {
			return nil // sent twice: the first made it
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var pending int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM opinion_corrections WHERE case_number = ? AND task_id = ? AND status = ?`,
			string(c.Case), c.TaskID, CorrectionPending).Scan(&pending); err != nil {
			return err
		}
		if pending > 0 {
			return ErrPending
		}
		now := t.now()
		if err := tx.QueryRow(ctx, `INSERT INTO opinion_corrections (case_number, task_id, step, author, opinion, reason, status, request_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, string(c.Case), c.TaskID, step, actor.Username, c.Opinion, c.Reason,
			CorrectionPending, c.RequestID, store.Micros(now)).Scan(&id); err != nil {
			return fmt.Errorf("tasks: unable to record the correction: %w", err)
		}
		_, err = event.Append(ctx, tx, event.Draft{Stream: casework.Stream(c.Case), Type: EventCorrectionRequested, Actor: actor.Username, At: now,
			Payload: CorrectionRequestedPayload{Correction: id, TaskID: c.TaskID, Step: step, Opinion: c.Opinion, Reason: c.Reason}})
		return err
	})
	return id, err
}

// Decide consents to a correction, which then supersedes the opinion, or refuses it.
// Only an approver of the case's department other than the author decides (seed 001 篇3
// §17); anyone else gets ErrNotFound. Deciding again as before changes nothing.
func (t *Tasks) Decide(ctx context.Context, actor org.User, n casework.Number, correction int64, consent bool) error {
	if !actor.Disabled && actor.Role == org.RoleSupervisor {
		return ErrReadOnly
	}
	var author, taskID, status, decidedBy string
	err := t.db.QueryRow(ctx, `SELECT author, task_id, status, decided_by FROM opinion_corrections WHERE id = ? AND case_number = ?`,
		correction, string(n)).Scan(&author, &taskID, &status, &decidedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	cs, err := t.cases.Case(ctx, n)
	if errors.Is(err, casework.ErrNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if !auth.CanConsentToCorrection(actor, cs.DepartmentID, author) {
		return ErrNotFound
	}
	next := CorrectionRefused
	if consent {
		next = CorrectionEffective
	}
	if status != CorrectionPending {
		if status == next && decidedBy == actor.Username {
			return nil
		}
		return ErrHandled
	}
	return t.db.Tx(ctx, func(tx *store.Tx) error {
		now := t.now()
		res, err := tx.Exec(ctx, `UPDATE opinion_corrections SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = ?`,
			next, actor.Username, store.Micros(now), correction, CorrectionPending)
		if err != nil {
			return fmt.Errorf("tasks: unable to decide the correction: %w", err)
		}
		if k, err := res.RowsAffected(); err != nil || k != 1 {
			return ErrHandled
		}
		_, err = event.Append(ctx, tx, event.Draft{Stream: casework.Stream(n), Type: EventCorrectionDecided, Actor: actor.Username, At: now,
			Payload: CorrectionDecidedPayload{Correction: correction, TaskID: taskID, Consented: consent}})
		return err
	})
}

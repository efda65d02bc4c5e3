package process

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/store"
)

// Instance is one case's run through a definition version.
type Instance struct {
	ID                string
	Stream            string
	DefinitionKey     string
	DefinitionVersion int
	State             flow.State
	head              event.Head // of Stream, read with State
}

// errStale says the instance was saved by someone else between load and save.
var errStale = errors.New("process: stale state")

// Start begins an instance of defKey inside the caller's transaction tx, so that the case
// and its process start together or not at all. version 0 means the newest published
// version; a retired or draft version starts nothing (ErrNotRunning). stream is where the
// instance's events go, usually the case's own stream; it also owns the step clocks.
// flow's errors (an assignee nobody holds, …) come back unchanged.
func (p *Processes) Start(ctx context.Context, tx *store.Tx, instanceID, stream, defKey string, version int, cmd flow.Start) (flow.State, error) {
	if instanceID == "" || stream == "" {
		return flow.State{}, errors.New("process: an instance needs an id and a stream")
	}
	var status string
	var err error
	if version == 0 {
		err = tx.QueryRow(ctx, `SELECT version, status FROM process_definitions WHERE process_key = ? AND status = 'published'
			ORDER BY version DESC LIMIT 1`, defKey).Scan(&version, &status)
	} else {
		err = tx.QueryRow(ctx, `SELECT version, status FROM process_definitions WHERE process_key = ? AND version = ?`,
			defKey, version).Scan(&version, &status)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return flow.State{}, fmt.Errorf("%w: no published version of %s", ErrNotRunning, defKey)
	}
	if err != nil {
		return flow.State{}, fmt.Errorf("process: unable to find %s: %w", defKey, err)
	}
	if Status(status) != StatusPublished {
		return flow.State{}, fmt.Errorf("%w: %s version %d is %s", ErrNotRunning, defKey, version, status)
	}
	def, err := p.runnable(ctx, tx, defKey, version)
	if err != nil {
		return flow.State{}, err
	}
	now := p.now()
	next, evs, err := flow.Engine{Directory: p.dir.in(ctx, tx)}.Apply(def, flow.State{}, cmd, now)
	if err != nil {
		return flow.State{}, err
	}
	body, err := json.Marshal(next)
	if err != nil {
		return flow.State{}, err
	}
	_, err = tx.Exec(ctx, `INSERT INTO process_instances (id, stream, process_key, process_version, status, version, state, started_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		instanceID, stream, defKey, version, next.Status, next.Version, string(body), store.Micros(now), store.Micros(now))
	if err != nil {
		return flow.State{}, fmt.Errorf("process: unable to start instance %s: %w", instanceID, err)
	}
	inst := Instance{ID: instanceID, Stream: stream, DefinitionKey: defKey, DefinitionVersion: version}
	if _, err := event.AppendAll(ctx, tx, drafts(inst, evs, cmd, now)); err != nil {
		return flow.State{}, err
	}
	if err := p.syncTasks(ctx, tx, inst, def, flow.State{}, next, now); err != nil {
		return flow.State{}, err
	}
	return next, nil
}

// Run applies cmd to an instance in a transaction of its own: load the State, let flow
// apply the command, save the new State unless another save came first, append the
// events, keep the task index and the step clocks. A save that lost a race (PostgreSQL
// runs transactions concurrently) is retried once on the fresh State, where flow answers
// for itself — a task completed meanwhile gives *flow.AlreadyHandledError; losing twice
// gives ErrConflict. A repeated RequestID returns the State and changes nothing. flow's
// errors come back unchanged.
func (p *Processes) Run(ctx context.Context, instanceID string, cmd flow.Command) (flow.State, error) {
	// The engine runs on a committed snapshot read outside the transaction,
	// so that SQLite's single writer only writes; the save checks that the
	// snapshot is still current (saveState) and a stale one is read again.
	// The second contender of a race reads the winner's state and flow
	// answers it "already handled".
	const attempts = 3
	for attempt := 1; ; attempt++ {
		inst, err := loadInstance(ctx, p.db, instanceID)
		if err != nil {
			return flow.State{}, err
		}
		def, err := p.runnable(ctx, p.db, inst.DefinitionKey, inst.DefinitionVersion)
		if err != nil {
			return flow.State{}, err
		}
		now := p.now()
		next, evs, err := flow.Engine{Directory: p.dir.in(ctx, p.db)}.Apply(def, inst.State, cmd, now)
		if err != nil {
			return flow.State{}, err
		}
		if next.Version == inst.State.Version { // a repeated request
			return inst.State, nil
		}
		// Encoding and hashing happen here too, leaving the writer only SQL.
		body, err := json.Marshal(next)
		if err != nil {
			return flow.State{}, err
		}
		sealed, err := event.Seal(inst.head, drafts(inst, evs, cmd, now))
		if err != nil {
			return flow.State{}, err
		}
		err = p.db.Tx(ctx, func(tx *store.Tx) error {
			if err := saveState(ctx, tx, inst, body, next, now); err != nil {
				return err
			}
			if err := sealed.Append(ctx, tx); errors.Is(err, event.ErrStale) {
				return errStale // the case's stream took an event of casework's meanwhile
			} else if err != nil {
				return err
			}
			return p.syncTasks(ctx, tx, inst, def, inst.State, next, now)
		})
		switch {
		case errors.Is(err, errStale) && attempt < attempts:
			continue
		case errors.Is(err, errStale):
			return flow.State{}, ErrConflict
		case err != nil:
			return flow.State{}, err
		}
		return next, nil
	}
}

// Instance returns a stored instance.
func (p *Processes) Instance(ctx context.Context, id string) (Instance, error) {
	return loadInstance(ctx, p.db, id)
}

// InstanceDefinition returns the definition an instance runs on, for drawing it.
func (p *Processes) InstanceDefinition(ctx context.Context, inst Instance) (*flow.Definition, error) {
	return p.runnable(ctx, p.db, inst.DefinitionKey, inst.DefinitionVersion)
}

func loadInstance(ctx context.Context, q store.Querier, id string) (Instance, error) {
	inst := Instance{ID: id}
	var body string
	var version int
	// The stream's head comes in the same statement, so that it is of the
	// same snapshot as the State.
	err := q.QueryRow(ctx, `SELECT i.stream, i.process_key, i.process_version, i.version, i.state, COALESCE(h.seq, 0), COALESCE(h.hash, '')
		FROM process_instances i LEFT JOIN event_heads h ON h.stream = i.stream WHERE i.id = ?`, id).
		Scan(&inst.Stream, &inst.DefinitionKey, &inst.DefinitionVersion, &version, &body, &inst.head.Seq, &inst.head.Hash)
	inst.head.Stream = inst.Stream
	if errors.Is(err, sql.ErrNoRows) {
		return inst, fmt.Errorf("%w: instance %s", ErrNotFound, id)
	}
	if err != nil {
		return inst, fmt.Errorf("process: unable to load instance %s: %w", id, err)
	}
	if err := json.Unmarshal([]byte(body), &inst.State); err != nil {
		return inst, fmt.Errorf("process: stored state of %s does not parse: %w", id, err)
	}
	if inst.State.Version != version {
		return inst, fmt.Errorf("process: instance %s: stored state is version %d, row says %d", id, inst.State.Version, version)
	}
	return inst, nil
}

// saveState writes next, encoded as body, over the version that was loaded,
// or reports errStale.
func saveState(ctx context.Context, tx *store.Tx, inst Instance, body []byte, next flow.State, now time.Time) error {
	res, err := tx.Exec(ctx, `UPDATE process_instances SET state = ?, version = ?, status = ?, updated_at = ? WHERE id = ? AND version = ?`,
		string(body), next.Version, next.Status, store.Micros(now), inst.ID, inst.State.Version)
	if err != nil {
		return fmt.Errorf("process: unable to save instance %s: %w", inst.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errStale
	}
	return nil
}

// drafts are the log entries of a transition's events, on the instance's stream.
func drafts(inst Instance, evs []flow.Event, cmd flow.Command, now time.Time) []event.Draft {
	actor := metaOf(cmd).Actor
	out := make([]event.Draft, len(evs))
	for i, ev := range evs {
		out[i] = event.Draft{Stream: inst.Stream, Type: ev.Type, Actor: actor, At: now, Payload: ev.Payload}
	}
	return out
}

// metaOf reads the Meta every flow command embeds; flow keeps its accessor unexported.
func metaOf(cmd flow.Command) flow.Meta {
	v := reflect.Indirect(reflect.ValueOf(cmd))
	if v.Kind() == reflect.Struct {
		if f := v.FieldByName("Meta"); f.IsValid() {
			if m, ok := f.Interface().(flow.Meta); ok {
				return m
			}
		}
	}
	return flow.Meta{}
}

// HandledBy reports who handled a task and when, if err says it had already been handled,
// for the message "already handled by … at …".
func HandledBy(err error) (by string, at time.Time, ok bool) {
	var ah *flow.AlreadyHandledError
	if errors.As(err, &ah) {
		return ah.By, ah.At, true
	}
	return "", time.Time{}, false
}

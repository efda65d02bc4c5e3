package store

import "context"

// CommitHook is work a package adds to the end of a transaction it writes
// in, such as giving the events it appended their place in the log.
type CommitHook interface {
	BeforeCommit(ctx context.Context, tx *Tx) error
}

type keyedHook struct {
	key  any
	hook CommitHook
}

// Hook returns the hook registered under key in this transaction,
// registering the one newHook makes if there is none yet, so that a package
// writing several times in one transaction gathers its work in one hook.
// Hooks run in the order registered as the last step of the function passed
// to DB.Tx, after it returned nil (under group commit, in that function's
// place in the batch); a hook's error fails the function as its own would.
//
// A hook that has already begun to run gathers nothing more: work
// registered from then on (by a later hook) gets a new hook of its own,
// which runs after.
func (tx *Tx) Hook(key any, newHook func() CommitHook) CommitHook {
	for _, h := range tx.hooks[tx.ran:] {
		if h.key == key {
			return h.hook
		}
	}
	h := newHook()
	tx.hooks = append(tx.hooks, keyedHook{key, h})
	return h
}

// beforeCommit runs the hooks the function registered. Their statements run
// like the function's, so the caller's context, which may already have
// ended, does not cut them short.
//
// A hook may register another (a case recorded at commit appends its
// event, which the event log numbers at commit): it runs after those
// registered before it, so the loop reads the list afresh each turn.
func (tx *Tx) beforeCommit() error {
	for i := 0; i < len(tx.hooks); i++ {
		tx.ran = i + 1
		if err := tx.hooks[i].hook.BeforeCommit(context.Background(), tx); err != nil {
			return err
		}
	}
	return nil
}

// Then has fn run as a commit hook of its own, after the hooks registered
// before it: work composed with another package's change that needs what
// that package writes at commit (a case's number, taken as the last step;
// see casework.SubmitIn) goes here.
func (tx *Tx) Then(fn func(ctx context.Context, tx *Tx) error) {
	h := &hookFunc{fn}
	tx.hooks = append(tx.hooks, keyedHook{key: h, hook: h})
}

type hookFunc struct {
	fn func(ctx context.Context, tx *Tx) error
}

func (h *hookFunc) BeforeCommit(ctx context.Context, tx *Tx) error { return h.fn(ctx, tx) }

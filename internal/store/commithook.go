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
func (tx *Tx) Hook(key any, newHook func() CommitHook) CommitHook {
	for _, h := range tx.hooks {
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
func (tx *Tx) beforeCommit() error {
	for _, h := range tx.hooks {
		if err := h.hook.BeforeCommit(context.Background(), tx); err != nil {
			return err
		}
	}
	return nil
}

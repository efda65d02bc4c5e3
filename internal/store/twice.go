package store

import "context"

// twice runs fn, rolls back what it wrote, and runs it again. A test build
// (go test -tags txtwice) wraps every transaction function in it, so the
// whole suite checks the contract of DB.Tx that fn may run twice — the
// batcher reruns a batch's functions when one of them fails — and a
// function that keeps state across runs (appending to a slice declared
// outside it, counting) shows up as a failing test instead of a rare bug.
func twice(ctx context.Context, fn func(*Tx) error) func(*Tx) error {
	return func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `SAVEPOINT twice`); err != nil {
			return err
		}
		runOrRollBack(tx, fn)              // its result, like its writes, is thrown away
		tx.hooks, tx.ran = tx.hooks[:0], 0 // and its commit hooks, which ran as its last step
		if _, err := tx.Exec(ctx, `ROLLBACK TO SAVEPOINT twice`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `RELEASE SAVEPOINT twice`); err != nil {
			return err
		}
		return fn(tx)
	}
}

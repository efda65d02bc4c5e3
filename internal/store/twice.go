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
		// Its result, like its writes, is thrown away — unless the storage
		// failed (a full disk): that is no result of fn, SQLite may have
		// rolled the whole transaction back, and a second run fails the same.
		if err := runOrRollBack(tx, fn); err != nil && storageFailed(err) {
			return err
		}
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

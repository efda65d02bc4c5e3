package casework

import (
	"context"
	"io"
	"slices"

	"github.com/shenpi/shenpi/internal/store"
)

// OpenFile is File as a stream, with its size, for serving a file without
// holding it whole in memory.
func (c *Casework) OpenFile(sha string) (io.ReadCloser, int64, error) { return c.files.Open(sha) }

// checkStored refuses materials whose files are not where every server
// reads them: with several servers on one PostgreSQL, a file named by a
// case must be readable by the node that serves it next, not only by the
// one it was uploaded to.
func (c *Casework) checkStored(ctx context.Context, tx *store.Tx, materials []Material) error {
	shas := make([]string, len(materials))
	for i, m := range materials {
		shas[i] = m.SHA256
	}
	missing, err := c.files.Missing(ctx, tx, shas)
	if err != nil || len(missing) == 0 {
		return err
	}
	inv := &InvalidError{Fields: map[string]FormProblem{}, Materials: map[int]string{}}
	for _, m := range materials {
		if slices.Contains(missing, m.SHA256) {
			inv.Materials[m.Slot] = "casework.material.not_stored"
		}
	}
	return inv
}

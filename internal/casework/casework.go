package casework

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/shenpi/shenpi/internal/blob"
	"github.com/shenpi/shenpi/internal/deadline"
	"github.com/shenpi/shenpi/internal/event"
	"github.com/shenpi/shenpi/internal/store"
)

// Casework reads and changes cases.
type Casework struct {
	db        *store.DB
	files     *blob.Store
	deadlines *deadline.Book
	now       func() time.Time
	joint     func(ctx context.Context, n Number) (bool, error) // see JointBy
}

// New returns a Casework on db, keeping files in files and clocks in book.
func New(db *store.DB, files *blob.Store, book *deadline.Book, now func() time.Time) *Casework {
	return &Casework{db: db, files: files, deadlines: book, now: now}
}

// Stream is the event stream of a case.
func Stream(n Number) string { return "case:" + string(n) }

func (c *Casework) appendEvent(ctx context.Context, tx *store.Tx, stream, typ, actor string, payload any) error {
	_, err := event.Append(ctx, tx, event.Draft{Stream: stream, Type: typ, Actor: actor, At: c.now(), Payload: payload})
	return err
}

func randomID(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// queryCode is the code printed on the receipt that, with the number, lets
// anyone look up the case's progress: 8 characters without look-alikes.
func queryCode() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 8)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

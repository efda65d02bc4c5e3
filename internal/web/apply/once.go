package apply

import (
	"context"
	"crypto/rand"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/web/page"
)

// Once makes an application form's submission happen once per request id:
// the form carries an id of its own (itempage.Application.Request), and
// a double click or a form sent again makes no second case but shows the
// first one's receipt. The id is recorded like an API Idempotency-Key
// (store.Claim), in the transaction that receives the case, with the
// case's number.
type Once struct {
	DB  *store.DB
	Now func() time.Time
	mu  sync.Mutex
	// running holds a lock per request id being served, so that the
	// second of a double click waits for the first instead of adding its
	// files to the draft the first is submitting.
	running map[onceKey]*onceLock
}

type onceKey struct {
	userID int64
	id     string
}

type onceLock struct {
	sync.Mutex
	users int
}

// RequestID is the id an application form is posted with: the one its
// URL carries (?request=, kept when the form comes back with problems),
// or a new one for a new form.
func RequestID(r *http.Request) string {
	if id := FormRequest(r); id != "" {
		return id
	}
	return rand.Text()
}

// FormRequest is the request id a posted form carries, "" when none (or
// one too long to be ours).
func FormRequest(r *http.Request) string {
	if id := r.URL.Query().Get("request"); len(id) <= 64 {
		return id
	}
	return ""
}

// key names a form's request id among the user's keys, apart from the API's.
func key(id string) string { return "web-form:" + id }

// Begin waits for any request of the user with the same id to end. It
// returns the number of the case the id made already ("" when none), a
// context to receive the case under, and end, to call when done. An empty
// id (a form from before ids) is served as it comes.
func (o *Once) Begin(ctx context.Context, userID int64, id string) (made string, receive context.Context, end func(), err error) {
	if o == nil || id == "" {
		return "", ctx, func() {}, nil
	}
	k := onceKey{userID, id}
	o.mu.Lock()
	if o.running == nil {
		o.running = map[onceKey]*onceLock{}
	}
	l := o.running[k]
	if l == nil {
		l = &onceLock{}
		o.running[k] = l
	}
	l.users++
	o.mu.Unlock()
	l.Lock()
	end = func() {
		l.Unlock()
		o.mu.Lock()
		if l.users--; l.users == 0 {
			delete(o.running, k)
		}
		o.mu.Unlock()
	}
	made, err = o.Made(ctx, userID, id)
	if err != nil || made != "" {
		end()
		return made, ctx, func() {}, err
	}
	return "", store.WithClaim(ctx, &store.Claim{UserID: userID, Key: key(id), At: o.Now()}), end, nil
}

// BeginForm is Begin for a posted application form: when the form's id
// made a case already it redirects to the receipt, and on an error it
// answers that; either way it reports ok false.
func (o *Once) BeginForm(w http.ResponseWriter, r *http.Request, pages *page.Pages, userID int64) (receive context.Context, end func(), ok bool) {
	made, receive, end, err := o.Begin(r.Context(), userID, FormRequest(r))
	if pages.Refused(w, r, err) {
		return nil, nil, false
	}
	if made != "" {
		end()
		pages.Redirect(w, r, "/cases/"+made+"/receipt", "case.submitted")
		return nil, nil, false
	}
	return receive, end, true
}

// MadeMeanwhile redirects to the receipt of the case the form's id made,
// when it made one: a submission that failed may have failed because the
// same form, sent to another node, made its case meanwhile. It reports
// whether it answered.
func (o *Once) MadeMeanwhile(w http.ResponseWriter, r *http.Request, pages *page.Pages, userID int64) bool {
	made, err := o.Made(r.Context(), userID, FormRequest(r))
	if err != nil || made == "" {
		return false
	}
	pages.Redirect(w, r, "/cases/"+made+"/receipt", "case.submitted")
	return true
}

// Made returns the number of the case the id made, "" when none: after a
// submission failed, whether another request with the id (on another
// node) made the case meanwhile.
func (o *Once) Made(ctx context.Context, userID int64, id string) (string, error) {
	if o == nil || id == "" {
		return "", nil
	}
	m, found, err := o.DB.Remembered(ctx, userID, key(id), o.Now())
	if err != nil || !found {
		return "", err
	}
	if m.Created == "" {
		return "", errors.New("apply: a form's request id was recorded without what it made")
	}
	return m.Created, nil
}

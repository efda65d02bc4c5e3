package api

import (
	"bytes"
	"context"
	"net/http"
	"sync"

	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/web/request"
)

// Every state-changing request under /api/ passes through idempotent, so
// an endpoint cannot forget the Idempotency-Key: a retry with the key
// answers the first result and changes nothing (issue 11). The key commits
// in the transaction of the change (store.Claim), so this holds across a
// crash and across nodes; an endpoint only has to make its change in one
// transaction under the request's context.

// changesState reports whether a request of method may change state.
func changesState(method string) bool {
	return method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
}

// validKey: 1 to 255 printable ASCII characters (a UUID, say).
func validKey(key string) bool {
	if key == "" || len(key) > 255 {
		return false
	}
	for _, c := range []byte(key) {
		if c < 0x21 || c > 0x7e {
			return false
		}
	}
	return true
}

func (h *Handler) idempotent(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, u := r.Header.Get("Idempotency-Key"), request.From(r).User
		if key == "" || !changesState(r.Method) || u.ID == 0 || h.db == nil {
			next.ServeHTTP(w, r)
			return
		}
		if !validKey(key) {
			Error(w, http.StatusBadRequest, "idempotency.key_invalid", h.t(r, "api.idempotency.key_invalid"), "Idempotency-Key")
			return
		}
		running := runningKey{u.ID, key}
		if !h.running.start(running) {
			h.inProgress(w, r)
			return
		}
		defer h.running.end(running)
		remembered, found, err := h.db.Remembered(r.Context(), u.ID, key, h.now())
		if err != nil {
			h.internalError(w, r, err)
			return
		}
		if found {
			hash, err := requestHash(r, r.Body)
			if err != nil {
				Error(w, http.StatusBadRequest, "api.json.malformed", h.t(r, "api.json.malformed"))
				return
			}
			h.answerRemembered(w, r, remembered, hash)
			return
		}
		h.runOnce(w, r, next, &store.Claim{UserID: u.ID, Key: key, At: h.now()})
	})
}

// runOnce serves a request with a key not seen yet, keeping its answer
// back until it is stored with the key.
func (h *Handler) runOnce(w http.ResponseWriter, r *http.Request, next http.Handler, claim *store.Claim) {
	body := newHashingBody(r)
	inner := r.WithContext(store.WithClaim(r.Context(), claim))
	inner.Body = body
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	next.ServeHTTP(rec, inner)
	r.Pattern = inner.Pattern // for the metrics, which read the outer request
	hash, hashErr := body.finish()
	switch {
	case claim.Taken():
		// Another request with the key committed first (on another node):
		// this one's change was rolled back; answer as a retry.
		remembered, found, err := h.db.Remembered(r.Context(), claim.UserID, claim.Key, h.now())
		if err != nil || !found || hashErr != nil {
			h.inProgress(w, r)
			return
		}
		h.answerRemembered(w, r, remembered, hash)
		return
	case claim.Recorded():
		if hashErr == nil {
			err := h.db.Answered(context.WithoutCancel(r.Context()), claim, store.Remembered{RequestHash: hash, Status: rec.status,
				ContentType: rec.header.Get("Content-Type"), Location: rec.header.Get("Location"), Body: rec.body.Bytes()})
			if err != nil {
				// The change is made; its retries will be told so, without its answer.
				h.logError(r, err)
			}
		}
	}
	rec.sendTo(w)
}

// answerRemembered answers a retry: the first answer when it is the same
// request, a refusal when the key was used for another.
func (h *Handler) answerRemembered(w http.ResponseWriter, r *http.Request, m store.Remembered, hash string) {
	switch {
	case m.Status == 0 && m.Created != "" && h.answerRebuilt(w, r, m.Created):
	case m.Status == 0:
		w.Header().Set("Retry-After", "1")
		Error(w, http.StatusConflict, "idempotency.unanswered", h.t(r, "api.idempotency.unanswered"))
	case m.RequestHash != hash:
		Error(w, http.StatusUnprocessableEntity, "idempotency.key_reused", h.t(r, "api.idempotency.key_reused"), "Idempotency-Key")
	default:
		if m.ContentType != "" {
			w.Header().Set("Content-Type", m.ContentType)
		}
		if m.Location != "" {
			w.Header().Set("Location", m.Location)
		}
		w.Header().Set("Idempotent-Replayed", "true")
		w.WriteHeader(m.Status)
		w.Write(m.Body)
	}
}

// rebuilder answers a retry of a request whose change committed but whose
// process stopped before storing its answer, from what the change created
// (store.Created): the status, the body and the Location.
type rebuilder func(r *http.Request, u org.User, created string) (int, any, string, error)

// answerRebuilt answers a retry from what the first request created, when
// its endpoint can; it reports whether it answered.
func (h *Handler) answerRebuilt(w http.ResponseWriter, r *http.Request, created string) bool {
	_, pattern := h.mux.Handler(r)
	rebuild, ok := h.rebuilders[pattern]
	if !ok {
		return false
	}
	status, body, location, err := rebuild(r, request.From(r).User, created)
	if err != nil {
		h.internalError(w, r, err)
		return true
	}
	if location != "" {
		w.Header().Set("Location", location)
	}
	w.Header().Set("Idempotent-Replayed", "true")
	writeJSON(w, status, body)
	return true
}

func (h *Handler) inProgress(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "1")
	Error(w, http.StatusConflict, "idempotency.in_progress", h.t(r, "api.idempotency.in_progress"))
}

// runningKeys are the keys of the requests this node is serving, so that a
// second request with one of them is refused at once rather than queued
// behind the first (across nodes the record's primary key decides).
type runningKeys struct {
	mu   sync.Mutex
	keys map[runningKey]bool
}

type runningKey struct {
	userID int64
	key    string
}

func (k *runningKeys) start(key runningKey) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.keys[key] {
		return false
	}
	if k.keys == nil {
		k.keys = map[runningKey]bool{}
	}
	k.keys[key] = true
	return true
}

func (k *runningKeys) end(key runningKey) {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.keys, key)
}

// recorder keeps a handler's answer back until its key is stored.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (rec *recorder) Header() http.Header { return rec.header }

func (rec *recorder) WriteHeader(status int) {
	if !rec.wrote {
		rec.status, rec.wrote = status, true
	}
}

func (rec *recorder) Write(p []byte) (int, error) {
	rec.WriteHeader(http.StatusOK)
	return rec.body.Write(p)
}

func (rec *recorder) sendTo(w http.ResponseWriter) {
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.status)
	w.Write(rec.body.Bytes())
}

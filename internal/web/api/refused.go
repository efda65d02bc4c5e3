package api

import (
	"net/http"

	"github.com/shenpi/shenpi/internal/web/refusal"
	"github.com/shenpi/shenpi/internal/web/request"
)

// refused answers err in JSON, {"error": {code, message, field}}: a
// refusal with its status, anything else as an internal error. It reports
// whether err was non-nil.
func (h *Handler) refused(w http.ResponseWriter, r *http.Request, err error) bool {
	if err == nil {
		return false
	}
	a, ok := refusal.Of(err)
	if !ok {
		h.internalError(w, r, err)
		return true
	}
	Error(w, a.Status, a.Code, h.msgs.T(request.From(r).Lang, a.Key, a.Args), a.Field)
	return true
}

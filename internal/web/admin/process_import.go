package admin

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/shenpi/shenpi/internal/auth"
	"github.com/shenpi/shenpi/internal/flow"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/process"
)

// flowImportLimit bounds an uploaded definition; a 200-node process is some 60 KiB.
const flowImportLimit = 1 << 20

// flowImport saves an uploaded or pasted definition (the export format, read strictly)
// as the draft of its key.
func (h *Handler) flowImport(w http.ResponseWriter, r *http.Request, u org.User) {
	if !auth.CanOpenProcesses(u) {
		h.pages.Forbidden(w, r)
		return
	}
	v := h.pages.NewView(r)
	r.ParseMultipartForm(flowImportLimit)
	for _, f := range []string{"scope", "text"} {
		v.Form.Set(f, r.FormValue(f))
	}
	text := v.Value("text")
	if file, _, err := r.FormFile("file"); err == nil {
		b, err := io.ReadAll(io.LimitReader(file, flowImportLimit))
		file.Close()
		if err != nil {
			h.pages.InternalError(w, r, err)
			return
		}
		text = string(b)
	}
	fail := func(field, key string) {
		v.Errors[field] = key
		h.flowListPage(w, r, u, v, http.StatusUnprocessableEntity)
	}
	scope, ok := parseFlowScope(v.Value("scope"))
	if !ok || !h.newFlowScopes(r.Context()).canEdit(u, scope) {
		fail("scope", "flow.form.scope")
		return
	}
	if strings.TrimSpace(text) == "" {
		fail("text", "flow.import.empty")
		return
	}
	rec, err := h.processes.Import(r.Context(), u.Username, scope, []byte(text))
	var inv *process.InvalidError
	switch {
	case errors.Is(err, flow.ErrMalformedDefinition):
		v.Data = flowListPage{ImportError: strings.TrimPrefix(err.Error(), flow.ErrMalformedDefinition.Error()+": ")}
		fail("text", "flow.import.malformed")
	case errors.As(err, &inv):
		fail("text", inv.Key)
	case errors.Is(err, process.ErrKeyTaken):
		fail("text", "flow.def.key_taken")
	case errors.Is(err, process.ErrConflict):
		fail("text", "flow.def.conflict")
	case err != nil:
		h.pages.InternalError(w, r, err)
	default:
		h.pages.Redirect(w, r, flowVersionPath(rec.Key, rec.Version), "flow.flash.imported")
	}
}

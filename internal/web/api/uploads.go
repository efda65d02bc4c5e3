package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/shenpi/shenpi/internal/casework"
	"github.com/shenpi/shenpi/internal/org"
	"github.com/shenpi/shenpi/internal/web/apply"
	"github.com/shenpi/shenpi/internal/web/request"
)

// upload takes one file for material slot N of an item:
// POST /api/v1/uploads?item=CODE&slot=N, either multipart (field "file")
// or the raw file as the body with ?filename=.
func (h *Handler) upload(w http.ResponseWriter, r *http.Request, u org.User) {
	q := r.URL.Query()
	slot, err := strconv.Atoi(q.Get("slot"))
	if err != nil {
		Error(w, http.StatusBadRequest, "case.api.slot", h.msgs.T(request.From(r).Lang, "case.api.slot", nil), "slot")
		return
	}
	ver, item, err := h.applyFor(r.Context(), u, q.Get("item"))
	if h.refused(w, r, err) {
		return
	}
	if slot < 0 || slot >= len(ver.Materials) {
		Error(w, http.StatusBadRequest, "case.api.slot", h.msgs.T(request.From(r).Lang, "case.api.slot", nil), "slot")
		return
	}
	filename, data, ok := h.uploaded(w, r, item, slot)
	if !ok {
		return
	}
	m, err := h.casework.Upload(r.Context(), u, item, slot, filename, data)
	var inv *casework.InvalidError
	if errors.As(err, &inv) {
		h.invalid(w, r, item, inv)
		return
	}
	if h.refused(w, r, err) {
		return
	}
	writeJSON(w, http.StatusCreated, materialJSON(m))
}

// uploadRebuilt answers a retried upload from the file it stored.
func (h *Handler) uploadRebuilt(r *http.Request, u org.User, sha string) (int, any, string, error) {
	slot, _ := strconv.Atoi(r.URL.Query().Get("slot"))
	_, item, err := h.applyFor(r.Context(), u, r.URL.Query().Get("item"))
	if err != nil {
		return 0, nil, "", err
	}
	m, err := h.casework.Uploaded(r.Context(), u.ID, item, casework.MaterialRef{Slot: slot, SHA256: sha})
	return http.StatusCreated, materialJSON(m), "", err
}

// uploaded reads the file posted for a material slot of item, answering
// a body too large or unreadable itself; it reports whether it read one.
func (h *Handler) uploaded(w http.ResponseWriter, r *http.Request, item casework.ItemVersion, slot int) (string, []byte, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, apply.MaxBody(item))
	filename, data, err := uploadedFile(r)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		h.invalid(w, r, item, &casework.InvalidError{Materials: map[int]string{slot: "casework.material.too_large"}})
		return "", nil, false
	}
	if err != nil {
		Error(w, http.StatusBadRequest, "case.api.file", h.t(r, "case.api.file")+" ("+err.Error()+")", "file")
		return "", nil, false
	}
	return filename, data, true
}

func uploadedFile(r *http.Request) (string, []byte, error) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		f, fh, err := r.FormFile("file")
		if err != nil {
			return "", nil, err
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		return fh.Filename, data, err
	}
	data, err := io.ReadAll(r.Body)
	return r.URL.Query().Get("filename"), data, err
}

func materialJSON(m casework.Material) apiMaterialJSON {
	return apiMaterialJSON{Slot: m.Slot, SHA256: m.SHA256, Filename: m.Filename, Size: m.Size}
}

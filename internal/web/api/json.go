package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/shenpi/shenpi/internal/web/request"
)

// Error writes {"error": {"code", "message", "field"?}} with a status.
func Error(w http.ResponseWriter, status int, code, message string, field ...string) {
	body := map[string]any{"code": code, "message": message}
	if len(field) > 0 && field[0] != "" {
		body["field"] = field[0]
	}
	writeJSON(w, status, map[string]any{"error": body})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	enc.Encode(v)
}

// maxJSONBody bounds API request bodies; uploads have their own limits.
const maxJSONBody = 1 << 20

// decodeJSON reads exactly one JSON object into v, refusing unknown fields,
// trailing data and oversized bodies. The error says what is wrong in words
// a script author can act on; its key is for translation.
func decodeJSON(r *http.Request, v any) (key string, detail error) {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return "api.json.content_type", fmt.Errorf("Content-Type must be application/json")
	}
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxJSONBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syntax *json.SyntaxError
		var typeErr *json.UnmarshalTypeError
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return "api.json.too_large", err
		case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
			return "api.json.malformed", err
		case errors.As(err, &typeErr):
			return "api.json.type", fmt.Errorf("field %q has the wrong type", typeErr.Field)
		case strings.HasPrefix(err.Error(), "json: unknown field"):
			return "api.json.unknown_field", err
		default:
			return "api.json.malformed", err
		}
	}
	if dec.More() {
		return "api.json.trailing", errors.New("only one JSON object is allowed")
	}
	return "", nil
}

// badJSON answers a body decodeJSON refused.
func (h *Handler) badJSON(w http.ResponseWriter, r *http.Request, key string, detail error) {
	Error(w, http.StatusBadRequest, key, h.msgs.T(request.From(r).Lang, key, nil)+" ("+detail.Error()+")")
}

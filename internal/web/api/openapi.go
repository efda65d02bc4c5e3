package api

import (
	_ "embed"
	"net/http"
)

//go:embed openapi.json
var openAPIDocument []byte

func (h *Handler) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPIDocument)
}

// Document is the OpenAPI document the API answers at /api/v1/openapi.json,
// for tests that hold the API to it and for generating clients.
func Document() []byte { return openAPIDocument }

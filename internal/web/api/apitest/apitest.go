// Package apitest holds the API to its OpenAPI document in tests. Validate
// wraps the server's handler so that every request a test makes under
// /api/v1 and every answer it gets are checked against the document with
// kin-openapi's openapi3filter: a route, a parameter, a body or a status the
// document does not describe fails the test that met it. Department systems
// generate their clients from the document, so it must say exactly what the
// server does.
//
// Only tests import this package.
package apitest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/shenpi/shenpi/internal/web/api"
)

// Prefix is where the document's paths are served.
const Prefix = "/api/v1"

var (
	loadOnce sync.Once
	doc      *openapi3.T
	router   routers.Router
	loadErr  error
)

// Document returns the API's OpenAPI document, loaded and validated once.
func Document() (*openapi3.T, error) {
	loadOnce.Do(func() {
		loader := openapi3.NewLoader()
		doc, loadErr = loader.LoadFromData(api.Document())
		if loadErr != nil {
			return
		}
		if loadErr = doc.Validate(loader.Context); loadErr != nil {
			return
		}
		// In tests an object has only the properties the document names,
		// unless it says otherwise (a map): a field the server sends and the
		// document does not describe is a drift too.
		closeObjects(doc)
		// The document's server is the relative /api/v1; requests are
		// matched on their path below it.
		routed := *doc
		routed.Servers = openapi3.Servers{{URL: "/"}}
		router, loadErr = gorillamux.NewRouter(&routed)
	})
	return doc, loadErr
}

// Validate wraps h: each request under Prefix is matched to an operation of
// the document and its parameters and body validated; the answer's status,
// headers and body are validated against that operation's responses. A
// request the document calls invalid may be answered only with a 4xx that
// the operation documents (tests send bad requests on purpose); one the
// server accepts anyway is a drift. Everything else passes through.
func Validate(t testing.TB, h http.Handler) http.Handler {
	if _, err := Document(); err != nil {
		t.Fatalf("apitest: the OpenAPI document: %v", err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, Prefix+"/") || r.URL.Path == Prefix+"/openapi.json" {
			h.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if err := check(r, body, rec); err != nil {
			t.Errorf("apitest: %s %s answered %d: %v\n%s", r.Method, r.URL.RequestURI(), rec.Code, err, clip(rec.Body.Bytes()))
		}
		for k, vs := range rec.Header() {
			w.Header()[k] = vs
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	})
}

// check validates one exchange.
func check(r *http.Request, body []byte, rec *httptest.ResponseRecorder) error {
	ctx := context.Background()
	req := r.Clone(ctx)
	req.URL.Path = strings.TrimPrefix(r.URL.Path, Prefix)
	req.URL.RawPath = ""
	req.RequestURI = ""
	req.Body = io.NopCloser(bytes.NewReader(body))
	route, params, err := router.FindRoute(req)
	if err != nil {
		if rec.Code == http.StatusNotFound || rec.Code == http.StatusMethodNotAllowed {
			return nil // a test of a route that does not exist
		}
		return fmt.Errorf("no operation of the document: %w", err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
	reqErr := openapi3filter.ValidateRequest(ctx, in)
	if reqErr != nil && (rec.Code < 400 || rec.Code >= 500) {
		return fmt.Errorf("the server accepted a request the document calls invalid: %w", reqErr)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: rec.Code, Header: rec.Header(),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	out.SetBodyBytes(rec.Body.Bytes())
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		return fmt.Errorf("the answer is not the document's: %w", err)
	}
	return nil
}

// closeObjects sets additionalProperties false on every object schema of
// the document that has properties and says nothing of others.
func closeObjects(doc *openapi3.T) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(ref *openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		sc := ref.Value
		seen[sc] = true
		if len(sc.Properties) > 0 && sc.AdditionalProperties.Has == nil && sc.AdditionalProperties.Schema == nil {
			sc.AdditionalProperties = openapi3.AdditionalProperties{Has: openapi3.Ptr(false)}
		}
		for _, p := range sc.Properties {
			walk(p)
		}
		walk(sc.Items)
		walk(sc.AdditionalProperties.Schema)
		for _, list := range []openapi3.SchemaRefs{sc.AllOf, sc.AnyOf, sc.OneOf} {
			for _, r := range list {
				walk(r)
			}
		}
	}
	for _, ref := range doc.Components.Schemas {
		walk(ref)
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for _, mt := range op.RequestBody.Value.Content {
					walk(mt.Schema)
				}
			}
			for _, resp := range op.Responses.Map() {
				if resp.Value != nil {
					for _, mt := range resp.Value.Content {
						walk(mt.Schema)
					}
				}
			}
		}
	}
}

func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

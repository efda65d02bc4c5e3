package web

import (
	"net/http"
	"strings"
)

// filesOnly serves the static files and not their directory listings: a
// directory, /static/ itself included, is not found.
func filesOnly(files http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
}

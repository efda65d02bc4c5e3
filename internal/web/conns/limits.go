package conns

import (
	"log/slog"
	"net/http"
	"time"
)

// Limits are the bounds on a client's connections and requests.
type Limits struct {
	HeaderTimeout time.Duration // to read a request's headers
	IdleTimeout   time.Duration // a keep-alive connection waiting for the next request
	Grace         time.Duration // a request's time before any byte counts
	MinRate       int64         // bytes per second a request's body and response must keep to on average
	PerAddress    int           // open connections from one IP address; 0 for no limit
}

// Defaults suit a county's clients on poor links: 4 KB/s is slower than a
// weak mobile connection, and lets a 50 MB upload take more than three hours.
var Defaults = Limits{
	HeaderTimeout: 10 * time.Second,
	IdleTimeout:   60 * time.Second,
	Grace:         30 * time.Second,
	MinRate:       4 << 10,
	PerAddress:    256,
}

// Server returns an HTTP server for h that keeps to l.
func Server(h http.Handler, l Limits, errorLog *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           Paced(h, l),
		ReadHeaderTimeout: l.HeaderTimeout,
		IdleTimeout:       l.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(errorLog.Handler(), slog.LevelWarn),
	}
}

package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/web"
)

// metricsToken is the scrapers' token of the test sites.
const metricsToken = "scraper-secret"

// TestMetricsNeedTheirToken: /metrics on the site answers only a request
// bearing the configured token (issue 11 #8: it was public); without a token
// configured it is not there at all, and the handler for an address of its own
// serves them.
func TestMetricsNeedTheirToken(t *testing.T) {
	db := storetest.SQLite(t)
	s := newSite(t, db)
	scrape := func(url, auth string) (int, string) {
		req, _ := http.NewRequest("GET", url, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	for _, auth := range []string{"", "Bearer wrong", "Bearer " + metricsToken + "x", metricsToken} {
		if status, body := scrape(s.srv.URL+"/metrics", auth); status != 401 || strings.Contains(body, "shenpi_") {
			t.Errorf("%q: %d", auth, status)
		}
	}
	status, body := scrape(s.srv.URL+"/metrics", "Bearer "+metricsToken)
	if status != 200 || !strings.Contains(body, "shenpi_http_requests_total") {
		t.Errorf("with the token: %d", status)
	}
	// The database pools' figures (issue 11 #11: connection churn).
	for _, m := range []string{"shenpi_db_connections_open{pool=", "shenpi_db_connections_in_use{pool=", "shenpi_db_connections_idle{pool=",
		"shenpi_db_waits_total{pool=", "shenpi_db_wait_seconds_total{pool=", "shenpi_db_closed_max_idle_total{pool="} {
		if !strings.Contains(body, m) {
			t.Errorf("/metrics lacks %s", m)
		}
	}

	open, err := web.New(web.Config{DB: db, Org: s.f.Org, Auth: s.a, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	site := httptest.NewServer(open.Handler())
	defer site.Close()
	if status, body := scrape(site.URL+"/metrics", "Bearer anything"); status != 404 || strings.Contains(body, "shenpi_") {
		t.Errorf("no token configured: %d", status)
	}
	own := httptest.NewServer(open.Metrics())
	defer own.Close()
	if status, body := scrape(own.URL, ""); status != 200 || !strings.Contains(body, "go_goroutines") {
		t.Errorf("the metrics' own address: %d", status)
	}
}

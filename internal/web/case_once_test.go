package web_test

import (
	"context"
	"html"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/shenpi/shenpi/internal/store"
	"github.com/shenpi/shenpi/internal/store/storetest"
)

var formActionRe = regexp.MustCompile(`<form method="post" action="([^"]*request=[^"]+)"`)

// formAction is the action of the application form on page, with its request id.
func formAction(t *testing.T, page response) string {
	t.Helper()
	m := formActionRe.FindStringSubmatch(page.body)
	if page.status != 200 || m == nil {
		t.Fatalf("no application form with a request id: %d %s", page.status, page.body)
	}
	return html.UnescapeString(m[1])
}

// TestApplicationFormSentTwiceMakesOneCase: an online submission and a window
// registration carry a request id, so a form sent again, or twice at once (a
// double click), makes one case and shows its receipt each time.
func TestApplicationFormSentTwiceMakesOneCase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newCaseSite(t, db)
		ctx := context.Background()
		files := []file{{0, "申请书.pdf", pdfFile}, {1, "执照.pdf", pdfFile}, {2, "布局.pdf", pdfFile}, {3, "制度.pdf", pdfFile}, {4, "身份证.pdf", pdfFile}}
		citizen, clerk := s.login("citizen1"), s.login("clerka")
		online := func() (*http.Client, string) {
			res := s.post(citizen, "/items/"+foodItem+"/apply", nil)
			return citizen, formAction(t, s.get(citizen, res.location))
		}
		window := func() (*http.Client, string) {
			return clerk, formAction(t, s.get(clerk, "/window/register?item="+foodItem))
		}
		form := with(foodForm(), "action", "submit", "id_number", "11010519491231002X")
		for _, how := range []struct {
			name string
			form func() (*http.Client, string)
		}{{"online", online}, {"window", window}} {
			t.Run(how.name, func(t *testing.T) {
				// Sent again, as a browser's back and resend does.
				c, action := how.form()
				first := s.postMultipart(c, action, form, files...)
				if first.status != 303 || !strings.HasSuffix(first.location, "/receipt") {
					t.Fatalf("submission: %d %s", first.status, first.body)
				}
				events, cases := s.events(ctx), countRows(t, db, `SELECT COUNT(*) FROM cases`)
				if again := s.postMultipart(c, action, form, files...); again.status != 303 || again.location != first.location {
					t.Errorf("sent again: %d %s, first %s", again.status, again.location, first.location)
				}
				if s.events(ctx) != events || countRows(t, db, `SELECT COUNT(*) FROM cases`) != cases {
					t.Error("a form sent again changed something")
				}

				// A double click: both at once.
				c, action = how.form()
				var wg sync.WaitGroup
				answers := make([]response, 2)
				for i := range answers {
					wg.Add(1)
					go func() {
						defer wg.Done()
						answers[i] = s.postMultipart(c, action, form, files...)
					}()
				}
				wg.Wait()
				if answers[0].status != 303 || answers[0].location != answers[1].location || !strings.HasSuffix(answers[0].location, "/receipt") {
					t.Fatalf("double click: %d %s and %d %s", answers[0].status, answers[0].location, answers[1].status, answers[1].location)
				}
				if n := countRows(t, db, `SELECT COUNT(*) FROM cases`); n != cases+1 {
					t.Errorf("a double click made %d cases", n-cases)
				}
				number := numberRe.FindString(answers[0].location)
				if held := caseMaterials(t, db, number); len(held) != len(files) {
					t.Errorf("the case of a double click holds %d materials, want %d", len(held), len(files))
				}
			})
		}
	})
}

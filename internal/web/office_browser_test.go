package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shenpi/shenpi/internal/demo"
	"github.com/shenpi/shenpi/internal/demo/demotest"
	"github.com/shenpi/shenpi/internal/keyset"
	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/web"
	"github.com/shenpi/shenpi/internal/web/browsertest"
)

// demoSite serves the demo as `shenpi serve --demo` does, and names citizen1's demo
// case and whether its acceptance step is still open.
func demoSite(t *testing.T) (srv *httptest.Server, number string, accept bool) {
	t.Helper()
	ctx := context.Background()
	db := storetest.SQLite(t)
	d := demotest.Load(t, db)
	o, items, cases, procs := d.Org, d.Catalog, d.Casework, d.Processes
	s, err := web.New(web.Config{DB: db, Org: o, Auth: d.Auth, Deadlines: d.Clock, Catalog: items, Casework: cases, Processes: procs,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	srv = httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	citizen, _, err := o.UserWithHash(ctx, "citizen1")
	if err != nil {
		t.Fatal(err)
	}
	mine, err := cases.Mine(ctx, citizen.ID, keyset.First())
	if err != nil || len(mine.Items) != 1 {
		t.Fatalf("citizen1's demo cases: %v %v", mine.Items, err)
	}
	number = string(mine.Items[0].Number)
	open, err := procs.OpenTasksFor(ctx, "clerk1")
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range open {
		accept = accept || task.InstanceID == number && task.Node == "accept"
	}
	return srv, number, accept
}

// TestTasksToApprovalInABrowser: on a desktop and on a phone, handler1, reviewer1 and
// approver1 each find citizen1's demo case in their to-do list, open it, and complete
// their step with an opinion, until the case is approved; the lists and the case page
// fit the phone's screen, and the approver sees every opinion under its author's name.
func TestTasksToApprovalInABrowser(t *testing.T) {
	for _, screen := range []struct {
		name          string
		width, height int
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		t.Run(screen.name, func(t *testing.T) {
			srv, number, accept := demoSite(t)
			ctx := browsertest.New(t, screen.width, screen.height)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(screen.width), int64(screen.height))); err != nil {
				t.Fatal(err)
			}
			staff := []struct{ who, opinion string }{
				{"handler1", "经审查，申请材料齐全，符合法定条件，拟同意。"},
				{"reviewer1", "同意承办意见。"},
				{"approver1", "同意，准予许可。"},
			}
			if accept {
				staff = append([]struct{ who, opinion string }{{"clerk1", "材料齐全，予以受理。"}}, staff...)
			}
			for _, s := range staff {
				err := chromedp.Do(ctx,
					chromedp.Navigate(srv.URL+"/login"),
					chromedp.SendKeys(chromedp.CSS(`input[name=username]`), s.who),
					chromedp.SendKeys(chromedp.CSS(`input[name=password]`), demo.Password),
					chromedp.Click(chromedp.CSS(`form.card button[type=submit]`)),
					chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)),
					chromedp.Click(chromedp.CSS(`nav a[href="/tasks"]`)),
					chromedp.WaitVisible(chromedp.CSS(`table.tasks a[href="/office/cases/`+number+`"]`)),
				)
				if err != nil {
					t.Fatalf("%s's to-do: %v", s.who, err)
				}
				left, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`table.tasks .left`)))
				if !strings.Contains(left, "个工作日") {
					t.Errorf("%s's to-do shows no time left: %q", s.who, left)
				}
				browsertest.FitsScreen(t, ctx, s.who+"'s to-do")
				browsertest.Shot(t, ctx, "tasks-"+s.who+"-"+screen.name)
				err = chromedp.Do(ctx,
					chromedp.Click(chromedp.CSS(`table.tasks a[href="/office/cases/`+number+`"]`)),
					chromedp.WaitVisible(chromedp.CSS(`#actions textarea[name=opinion]`)),
				)
				if err != nil {
					t.Fatalf("%s opening the case: %v", s.who, err)
				}
				browsertest.FitsScreen(t, ctx, "the staff case page")
				browsertest.Shot(t, ctx, "case-"+s.who+"-"+screen.name)
				err = chromedp.Do(ctx,
					chromedp.SendKeys(chromedp.CSS(`#actions textarea[name=opinion]`), s.opinion),
					chromedp.Click(chromedp.CSS(`#actions form[action$="/complete"] button[type=submit]`)),
					chromedp.WaitVisible(chromedp.CSS(`.flash`)),
					chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
					chromedp.WaitVisible(chromedp.CSS(`a[href="/login"]`)),
				)
				if err != nil {
					t.Fatalf("%s completing: %v", s.who, err)
				}
			}
			err := chromedp.Do(ctx,
				chromedp.Navigate(srv.URL+"/login"),
				chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "approver1"),
				chromedp.SendKeys(chromedp.CSS(`input[name=password]`), demo.Password),
				chromedp.Click(chromedp.CSS(`form.card button[type=submit]`)),
				chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)),
				chromedp.Navigate(srv.URL+"/office/cases/"+number),
				chromedp.WaitVisible(chromedp.CSS(`.opinion`)),
			)
			if err != nil {
				t.Fatal(err)
			}
			page, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
			for _, want := range []string{"刘洋", "陈静", "杨军", "同意，准予许可。", "已办结"} {
				if !strings.Contains(page, want) {
					t.Errorf("the approved case page lacks %q", want)
				}
			}
			browsertest.FitsScreen(t, ctx, "the approved case")
			browsertest.Shot(t, ctx, "case-approved-"+screen.name)
		})
	}
}

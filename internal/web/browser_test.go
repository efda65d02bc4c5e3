package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/web/browsertest"
)

// TestAdminJourneyInABrowser: the administrator logs in through the form,
// opens the regions page, switches to English, and gets a bad region code
// explained beside the field in English with what they typed kept.
func TestAdminJourneyInABrowser(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	ctx := browsertest.New(t, 1280, 900)
	text := func(sel string) string {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return got
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(s.srv.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "admin"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), pw),
		chromedp.Click(chromedp.CSS(`form.card button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`ul.cards`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if h := text("h1"); !strings.Contains(h, "您好") {
		t.Fatalf("home heading %q", h)
	}
	browsertest.Shot(t, ctx, "admin-home-zh")

	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a[href="/admin/regions"]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/admin/regions"]`)),
		chromedp.Click(chromedp.CSS(`button[name=lang][value=en]`)),
		chromedp.WaitVisible(chromedp.CSS(`button[name=lang][value=zh-Hans]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if h := text("h1"); h != "Regions" {
		t.Fatalf("after the switch the heading is %q", h)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(`input[name=code]`), "32A105"),
		chromedp.SendKeys(chromedp.CSS(`input[name=name]`), "建邺区"),
		chromedp.Click(chromedp.CSS(`form[action="/admin/regions"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.err`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if msg := text("p.err"); !strings.Contains(msg, "region code") {
		t.Fatalf("error beside the field: %q", msg)
	}
	kept, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[name=name]`)))
	if err != nil || kept != "建邺区" {
		t.Fatalf("typed name not kept: %q %v", kept, err)
	}
	browsertest.Shot(t, ctx, "admin-regions-en-error")
}

// TestRegistrationOnAPhone: the registration form at phone width, with a
// wrong ID number explained beside the field.
func TestRegistrationOnAPhone(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	ctx := browsertest.New(t, 390, 844)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(s.srv.URL+"/register"),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "wangwu"),
		chromedp.SendKeys(chromedp.CSS(`input[name=display_name]`), "王五"),
		chromedp.SendKeys(chromedp.CSS(`input[name=id_number]`), "110105194912310021"),
		chromedp.SendKeys(chromedp.CSS(`input[name=mobile]`), "13812345678"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), pw),
		chromedp.SendKeys(chromedp.CSS(`input[name=password2]`), pw),
		chromedp.Click(chromedp.CSS(`form[action="/register"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.err`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`p.err`)))
	if !strings.Contains(msg, "校验位") {
		t.Fatalf("error %q", msg)
	}
	browsertest.FitsScreen(t, ctx, "registration")
	browsertest.Shot(t, ctx, "register-phone-error")
}

// TestCalendarYearInABrowser: the administrator opens the national calendar
// and sees 2026 as month grids with the Spring Festival and its make-up
// Saturdays marked.
func TestCalendarYearInABrowser(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	ctx := browsertest.New(t, 1280, 900)
	err := chromedp.Do(ctx,
		chromedp.Navigate(s.srv.URL+"/login?next=/admin/calendars/cn%3Fyear%3D2026"),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "admin"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), pw),
		chromedp.Click(chromedp.CSS(`form.card button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`div.months`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	holidays, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("td.day.holiday").length`))
	if err != nil || holidays < 25 {
		t.Fatalf("%d holidays marked (%v)", holidays, err)
	}
	title, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("td.day.makeup").title`))
	if err != nil || !strings.Contains(title, "2026-01-04") {
		t.Fatalf("first make-up day %q (%v)", title, err)
	}
	browsertest.Shot(t, ctx, "calendar-2026")
}

package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/web/browsertest"
)

// TestPortalJourneyOnAPhone: a citizen on a phone searches the portal for
// 食品, opens the first item's guide, opens its application form, adds a row
// to a table with the button, types a wrong ID number in it and gets the
// problem beside the cell with what was typed kept — nothing wider than the
// screen on the way.
func TestPortalJourneyOnAPhone(t *testing.T) {
	s := newCatalogSite(t, storetest.SQLite(t))
	ctx := browsertest.New(t, 390, 844)
	notWide := func(page string) { t.Helper(); browsertest.FitsScreen(t, ctx, page) }
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(s.srv.URL+"/portal"),
		chromedp.SendKeys(chromedp.CSS(`input[name=q]`), "食品"),
		chromedp.Submit(chromedp.CSS(`form.portal-search`)),
		chromedp.WaitVisible(chromedp.CSS(`ol.hits`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	notWide("the results")
	browsertest.Shot(t, ctx, "portal-search-phone")
	first, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`ol.hits li h2 a`)))
	if first != "食品经营许可" {
		t.Fatalf("first hit %q", first)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`ol.hits li h2 a`)),
		chromedp.WaitVisible(chromedp.CSS(`#materials`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	notWide("the guide")
	browsertest.Shot(t, ctx, "portal-guide-phone")
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`header .actions a.secondary`)),
		chromedp.WaitVisible(chromedp.CSS(`.catalog-add-row`)),
		chromedp.Click(chromedp.CSS(`.catalog-add-row`)),
		chromedp.WaitReady(chromedp.CSS(`input[name="f.staff.1.id_number"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="f.staff.1.name"]`), "李四"),
		chromedp.SendKeys(chromedp.CSS(`input[name="f.staff.1.id_number"]`), "110105194912310021"),
		chromedp.Submit(chromedp.CSS(`form.card`)),
		chromedp.WaitVisible(chromedp.CSS(`td p.err`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	notWide("the form")
	browsertest.Shot(t, ctx, "portal-form-phone")
	msg, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`td p.err`)))
	kept, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`input[name="f.staff.1.id_number"]`)))
	if !strings.Contains(msg, "校验位") || kept != "110105194912310021" {
		t.Fatalf("cell problem %q, kept %q", msg, kept)
	}
}

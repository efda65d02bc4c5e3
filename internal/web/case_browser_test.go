package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/web/browsertest"
)

// TestApplyJourneyInBrowser: the citizen logs in, finds 食品, opens the
// food licence's guide, applies, fills the form, uploads a PDF for each
// required material, submits and sees the receipt with its number.
func TestApplyJourneyInBrowser(t *testing.T) {
	s := newCaseSite(t, storetest.SQLite(t))
	ctx := browsertest.New(t, 1200, 900)
	pdf := filepath.Join(t.TempDir(), "材料.pdf")
	if err := os.WriteFile(pdf, pdfFile, 0o600); err != nil {
		t.Fatal(err)
	}
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(s.srv.URL + "/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "citizen1"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), pw),
		chromedp.Submit(chromedp.CSS(`input[name=password]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/logout"]`)),
		chromedp.Navigate(s.srv.URL + "/portal"),
		chromedp.SendKeys(chromedp.CSS(`input[name=q]`), "食品"),
		chromedp.Submit(chromedp.CSS(`form.portal-search`)),
		chromedp.Click(chromedp.CSS(`ol.hits li h2 a`)),
		chromedp.Click(chromedp.CSS(`button.apply`)),
		chromedp.WaitVisible(chromedp.CSS(`form.application`)),
	}
	for k, vs := range foodForm() {
		switch k {
		case "f.format":
			steps = append(steps, chromedp.SetValue(chromedp.CSS(`select[name="f.format"]`), vs[0]))
		case "f.online":
			steps = append(steps, chromedp.Click(chromedp.CSS(`input[name="f.online"][value="no"]`)))
		case "f.applicant", "f.mobile", "f.credit_code": // typed over what the account prefilled
			field := chromedp.CSS(`[name="` + k + `"]`)
			steps = append(steps, chromedp.Clear(field), chromedp.SendKeys(field, vs[0]))
		default:
			steps = append(steps, chromedp.SendKeys(chromedp.CSS(`[name="`+k+`"]`), vs[0]))
		}
	}
	for _, slot := range []string{"0", "1", "2", "3", "4"} {
		steps = append(steps, chromedp.SetUploadFiles(chromedp.CSS(`input[name="m.`+slot+`"]`), []string{pdf}))
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
	browsertest.Shot(t, ctx, "case-draft")
	steps = append(steps[:0],
		chromedp.Click(chromedp.CSS(`button[value=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.query-code`)),
	)
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
	browsertest.Shot(t, ctx, "case-receipt")
	number, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.case-number`)))
	if !numberRe.MatchString(number) || !strings.HasPrefix(number, "320102-") {
		t.Fatalf("receipt number %q", number)
	}
}

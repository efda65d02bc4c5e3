package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/shenpi/shenpi/internal/store/storetest"
	"github.com/shenpi/shenpi/internal/web/browsertest"
)

// TestFlowEditorOnAPhone: a department administrator on a phone builds a two-step
// process in the form editor, adding rows with the buttons, checks it (a node nobody can
// reach is named beside its row), fixes it, publishes it and sees its chart — nothing
// wider than the screen on the way.
func TestFlowEditorOnAPhone(t *testing.T) {
	s := newSite(t, storetest.SQLite(t))
	ctx := browsertest.New(t, 390, 844)
	notWide := func(page string) { t.Helper(); browsertest.FitsScreen(t, ctx, page) }
	node := func(n, id, kind, name, role string) chromedp.Action[chromedp.Void] {
		prefix := `[name="n.` + n + `.`
		ts := []chromedp.Action[chromedp.Void]{
			chromedp.SendKeys(chromedp.CSS(prefix+`id"]`), id),
			chromedp.SetValue(chromedp.CSS(prefix+`kind"]`), kind),
			chromedp.SendKeys(chromedp.CSS(prefix+`name"]`), name),
		}
		if role != "" {
			ts = append(ts, chromedp.SetValue(chromedp.CSS(prefix+`a_kind"]`), "role"),
				chromedp.SendKeys(chromedp.CSS(prefix+`role"]`), role),
				chromedp.SendKeys(chromedp.CSS(prefix+`dept"]`), "item"))
		}
		if kind == "end" {
			ts = append(ts, chromedp.SetValue(chromedp.CSS(prefix+`result"]`), "approved"))
		}
		return chromedp.Steps(ts...)
	}
	edge := func(n, from, to string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.SendKeys(chromedp.CSS(`[name="e.`+n+`.from"]`), from),
			chromedp.SendKeys(chromedp.CSS(`[name="e.`+n+`.to"]`), to),
		)
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(s.srv.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "deptadmina"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), pw),
		chromedp.Click(chromedp.CSS(`form.card button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`ul.cards`)),
		chromedp.Navigate(s.srv.URL+"/admin/processes/new"),
		chromedp.WaitVisible(chromedp.CSS(`button.flow-add[data-rows="n."]`)),
		chromedp.Click(chromedp.CSS(`button.flow-add[data-rows="n."]`)),
		chromedp.WaitReady(chromedp.CSS(`[name="n.3.id"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=key]`), "phone-made"),
		chromedp.SendKeys(chromedp.CSS(`input[name=name]`), "手机上建的流程"),
		node("0", "start", "start", "申请", ""),
		node("1", "handle", "task", "承办", "handler"),
		node("2", "done", "end", "办结", ""),
		node("3", "orphan", "task", "孤立", "handler"),
		edge("0", "start", "handle"),
		edge("1", "handle", "done"),
		edge("2", "orphan", "done"),
		chromedp.Click(chromedp.CSS(`button[name=action][value=check]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flow-problems`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	notWide("the checked editor")
	browsertest.Shot(t, ctx, "flow-editor-check-phone")
	beside, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`fieldset.has-problems p.err`)))
	kept, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(`[name="n.3.id"]`)))
	if !strings.Contains(beside, "orphan") || kept != "orphan" {
		t.Fatalf("problem beside the row %q, kept %q", beside, kept)
	}
	// Empty the orphan's row, publish, and look at the chart.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelectorAll('[name^="n.3."], [name^="e.2."]').forEach(el => el.value = ""); true`)); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[name=action][value=publish]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flow-chart img`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	notWide("the published process")
	browsertest.Shot(t, ctx, "flow-editor-published-phone")
	if status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`h1 .status`))); status != "已发布" {
		t.Fatalf("status %q", status)
	}
}

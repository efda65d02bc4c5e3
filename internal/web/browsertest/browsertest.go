// Package browsertest drives Debian's headless Chromium for tests of the
// journeys people take through Shenpi. Without Chromium a test is skipped,
// unless SHENPI_TEST_BROWSER_REQUIRED=1 (as in CI), when it fails. With
// SHENPI_SCREENSHOTS=DIR every Shot is also written there as a PNG, to look
// at what a person would see.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Chromium is where Debian's package installs the browser.
const Chromium = "/usr/bin/chromium"

// New starts a browser for the test with a window of width×height and
// returns its context; everything stops when the test ends.
func New(t *testing.T, width, height int) context.Context {
	t.Helper()
	path := Chromium
	if _, err := os.Stat(path); err != nil {
		if p, err := exec.LookPath("chromium"); err == nil {
			path = p
		} else if os.Getenv("SHENPI_TEST_BROWSER_REQUIRED") == "1" {
			t.Fatal("SHENPI_TEST_BROWSER_REQUIRED=1 but Chromium is not installed")
		} else {
			t.Skip("Chromium is not installed (apt-get install chromium)")
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("accept-lang", "zh-CN,zh"),
		chromedp.WindowSize(width, height),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc(); cancel() })
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return bctx
}

// Shot takes a screenshot of the whole page and, with SHENPI_SCREENSHOTS
// set, saves it as NAME.png there.
func Shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("SHENPI_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // 100 means PNG; less is JPEG
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// FitsScreen fails the test when the page is wider than the window: on a
// phone nothing may need sideways scrolling.
func FitsScreen(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	if err != nil || wide {
		t.Fatalf("%s is wider than the screen (%v)", page, err)
	}
}

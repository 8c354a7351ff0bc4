// Package browsertest starts the real headless Chromium that tests drive: pages are checked as
// readers meet them, from disk (file://) or a local server. Without chromium a test skips
// locally and fails in CI, through testtool.
package browsertest

import (
	"context"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/requinoa/pauta/internal/testtool"
)

// New starts Chromium for one test and returns a browser context; it closes with the test.
// Every tab opened from it (chromedp.NewContext(ctx)) shares the browser.
func New(t testing.TB) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		testtool.Missing(t, "chromium not found on PATH (install the Debian package chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// file:// pages may read other files beside them only through <script src>; tests
		// must see exactly what a reader sees, so no flag loosens that.
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	// Start the browser now so a broken install fails here, with a clear message. The first
	// run must get ctx itself: chromedp ties the browser's life to that context.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("starting chromium at %s: %v", path, err)
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx
}

// Tab opens a new tab in the browser of ctx with a per-action timeout.
func Tab(t testing.TB, browser context.Context, timeout time.Duration) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	tab, cancelTimeout := context.WithTimeout(tab, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
	})
	return tab
}

func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

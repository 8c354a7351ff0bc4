package serve

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/requinoa/pauta/internal/browsertest"
	"github.com/requinoa/pauta/internal/output"
)

// fakeBuild returns whatever the test sets: files or an error.
type fakeBuild struct {
	mu    sync.Mutex
	files output.Files
	err   error
}

func (f *fakeBuild) set(files output.Files, err error) {
	f.mu.Lock()
	f.files, f.err = files, err
	f.mu.Unlock()
}

func (f *fakeBuild) build(context.Context) (output.Files, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.files, f.err
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

const page = `<!DOCTYPE html><html lang="es"><head><meta charset="utf-8"><title>t</title></head><body><p id="v">%s</p><script src="/_pauta/reload.js"></script></body></html>`

func TestLastGoodSiteStaysUp(t *testing.T) {
	fb := &fakeBuild{}
	fb.set(output.Files{"index.html": []byte(strings.Replace(page, "%s", "uno", 1))}, nil)
	s := New(fb.build, io.Discard)
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()

	if code, body := get(t, ts.URL+"/"); code != 200 || !strings.Contains(body, "uno") {
		t.Fatalf("GET / = %d %q", code, body)
	}
	fb.set(nil, errors.New("procedure.yaml:3:5: clave desconocida \"titel\""))
	if err := s.Rebuild(context.Background()); err == nil {
		t.Fatal("want the build error")
	}
	if code, body := get(t, ts.URL+"/index.html"); code != 200 || !strings.Contains(body, "uno") {
		t.Errorf("after a broken edit, GET /index.html = %d %q; want the last good page", code, body)
	}
	// The event stream announces the error with its position.
	res, err := http.Get(ts.URL + "/_pauta/events")
	if err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(res.Body).ReadString('\n')
	res.Body.Close()
	if !strings.Contains(line, `procedure.yaml:3:5: clave desconocida`) {
		t.Errorf("event = %q", line)
	}
	if code, _ := get(t, ts.URL+"/nada.html"); code != 404 {
		t.Errorf("missing page: %d", code)
	}
}

// TestBrowserReload: an open page reloads after a good edit and shows the positioned error of
// a broken one, in real Chromium.
func TestBrowserReload(t *testing.T) {
	fb := &fakeBuild{}
	fb.set(output.Files{"index.html": []byte(strings.Replace(page, "%s", "uno", 1))}, nil)
	s := New(fb.build, io.Discard)
	s.Rebuild(context.Background())
	ts := httptest.NewServer(s.Handler())
	// Registered before the browser so it runs after it: the page's event stream is then
	// closed and Close need not wait for it.
	t.Cleanup(ts.Close)

	b := browsertest.New(t)
	tab := browsertest.Tab(t, b, 60*time.Second)
	if err := chromedp.Do(tab, chromedp.Navigate(ts.URL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	// waitFor polls across reloads: a reload destroys the page a single Poll watches.
	waitFor := func(expr string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			if ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](expr)); err == nil && ok {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("timed out waiting for %s", expr)
	}
	// Wait until the page has its event stream open before changing anything.
	time.Sleep(300 * time.Millisecond)
	fb.set(output.Files{"index.html": []byte(strings.Replace(page, "%s", "dos", 1))}, nil)
	s.Rebuild(context.Background())
	waitFor(`document.getElementById("v") && document.getElementById("v").textContent === "dos"`)

	time.Sleep(300 * time.Millisecond)
	fb.set(nil, errors.New("procedure.yaml:7:9: decree.date: \"2025-02-30\" no es una fecha válida"))
	s.Rebuild(context.Background())
	waitFor(`document.body.innerText.includes("procedure.yaml:7:9: decree.date")`)
	got, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("v").textContent`))
	if err != nil || got != "dos" {
		t.Errorf("the last good page should stay under the error: %q %v", got, err)
	}
}

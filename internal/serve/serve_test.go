package serve

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
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
	// The page must listen before anything changes, or it would take the new build for the
	// one it was loaded with.
	waitStreams(t, s, 1)
	fb.set(output.Files{"index.html": []byte(strings.Replace(page, "%s", "dos", 1))}, nil)
	s.Rebuild(context.Background())
	waitFor(`document.getElementById("v") && document.getElementById("v").textContent === "dos"`)

	waitStreams(t, s, 2) // the reloaded page's own stream
	fb.set(nil, errors.New("procedure.yaml:7:9: decree.date: \"2025-02-30\" no es una fecha válida"))
	s.Rebuild(context.Background())
	waitFor(`document.body.innerText.includes("procedure.yaml:7:9: decree.date")`)
	got, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("v").textContent`))
	if err != nil || got != "dos" {
		t.Errorf("the last good page should stay under the error: %q %v", got, err)
	}
}

// waitStreams waits until n event streams have been opened since the server started.
func waitStreams(t testing.TB, s *Server, n int) {
	t.Helper()
	waitCount(t, s, n, "event streams opened", func() (int, chan struct{}) { return s.streams, s.opened })
}

// waitGen waits until the server has run n builds, good or bad.
func waitGen(t testing.TB, s *Server, n int) {
	t.Helper()
	waitCount(t, s, n, "builds ran", func() (int, chan struct{}) { return s.gen, s.changed })
}

// waitCount waits until the count read (under the server's lock) reaches n, waking on the
// channel read with it, which the server closes when the count moves. The deadline only
// turns a hang into a failure; nothing is timed.
func waitCount(t testing.TB, s *Server, n int, what string, read func() (int, chan struct{})) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		s.mu.Lock()
		got, moved := read()
		s.mu.Unlock()
		if got >= n {
			return
		}
		select {
		case <-moved:
		case <-deadline:
			t.Fatalf("only %d of %d %s", got, n, what)
		}
	}
}

// TestHostHeader: the preview answers requests addressed to this computer only, so a page on
// another site that points its own name at 127.0.0.1 (DNS rebinding) cannot read it.
func TestHostHeader(t *testing.T) {
	fb := &fakeBuild{}
	fb.set(output.Files{"index.html": []byte("<p>secreto</p>")}, nil)
	s := New(fb.build, io.Discard)
	s.Rebuild(context.Background())
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	for _, tc := range []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1:8080", true},
		{"127.0.0.1", true},
		{"localhost:8080", true},
		{"LOCALHOST:8080", true},
		{"[::1]:8080", true},
		{"[::1]", true},
		{"127.0.0.2:8080", true}, // loopback too
		{"atacante.example:8080", false},
		{"atacante.example", false},
		{"localhost.atacante.example:8080", false},
		{"127.0.0.1.nip.io:8080", false},
		{"192.168.1.10:8080", false},
		{"[::ffff:c0a8:10a]:8080", false},
	} {
		for _, p := range []string{"/", "/_pauta/events", ReloadScript} {
			req, err := http.NewRequest("GET", ts.URL+p, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Host = tc.host
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			// The event stream does not end: read its first line only.
			line, _ := bufio.NewReader(res.Body).ReadString('\n')
			res.Body.Close()
			if tc.ok {
				if res.StatusCode != 200 {
					t.Errorf("Host %q %s: %d %q; want 200", tc.host, p, res.StatusCode, line)
				}
				continue
			}
			if res.StatusCode != http.StatusForbidden || strings.Contains(line, "secreto") ||
				!strings.Contains(line, "solo responde a direcciones de este computador") {
				t.Errorf("Host %q %s: %d %q; want 403 with the reason in Spanish", tc.host, p, res.StatusCode, line)
			}
		}
	}
	// HTTP/1.0 without a Host header: a client that does not say where it is going is refused.
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(conn, "GET / HTTP/1.0\r\n\r\n")
	b, _ := io.ReadAll(conn)
	conn.Close()
	if !strings.HasPrefix(string(b), "HTTP/1.0 403") || strings.Contains(string(b), "secreto") {
		t.Errorf("request with no Host: %q; want 403", b)
	}
}

// TestOnlyBuiltFiles: nothing but the built site is served, however the path is spelled.
func TestOnlyBuiltFiles(t *testing.T) {
	fb := &fakeBuild{}
	fb.set(output.Files{"index.html": []byte("<p>sitio</p>"), "assets/a.css": []byte("p{}")}, nil)
	s := New(fb.build, io.Discard)
	s.Rebuild(context.Background())
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	for _, p := range []string{"/serve.go", "/../serve.go", "/%2e%2e/serve.go", "/assets/../../serve_test.go",
		"/assets/..%2f..%2fserve.go", "/assets/", "//etc/passwd", "/.."} {
		// A raw request, as a browser does not send "..": the server must hold alone.
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", p)
		b, _ := io.ReadAll(conn)
		conn.Close()
		if strings.HasPrefix(string(b), "HTTP/1.1 200") || strings.Contains(string(b), "package serve") {
			t.Errorf("GET %s served something that is not in the site:\n%s", p, b)
		}
	}
	if code, body := get(t, ts.URL+"/assets/a.css"); code != 200 || body != "p{}" {
		t.Errorf("GET /assets/a.css = %d %q", code, body)
	}
}

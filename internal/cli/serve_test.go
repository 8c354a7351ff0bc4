package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a stderr the server goroutine writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serving is a pauta serve running for a test.
type serving struct {
	base   string // http://127.0.0.1:port/
	stderr *syncBuffer
}

// startServe runs pauta serve on a free port until the test ends.
func startServe(t testing.TB, opts ServeOptions) *serving {
	t.Helper()
	opts.Addr = "127.0.0.1:0"
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, IO{Out: io.Discard, Err: stderr}, opts) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	s := &serving{stderr: stderr}
	until(t, func() bool {
		s.base = regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(stderr.String())
		return s.base != ""
	})
	return s
}

func (s *serving) get(t testing.TB, name string) (int, string) {
	t.Helper()
	res, err := http.Get(s.base + name)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// serveEvent is one message of the event stream that open pages listen to.
type serveEvent struct {
	Gen   int    `json:"gen"`
	Error string `json:"error"`
}

// events opens the event stream as a page does; each message arrives on the channel.
func (s *serving) events(t testing.TB) <-chan serveEvent {
	t.Helper()
	res, err := http.Get(s.base + "_pauta/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	ch := make(chan serveEvent, 16)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var e serveEvent
			if json.Unmarshal([]byte(data), &e) == nil {
				ch <- e
			}
		}
	}()
	return ch
}

// waitEvent reads events until one satisfies ok. The deadline only turns a hang into a
// failure; nothing is timed.
func waitEvent(t testing.TB, ch <-chan serveEvent, what string, ok func(serveEvent) bool) serveEvent {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case e, open := <-ch:
			if !open {
				t.Fatalf("event stream closed while waiting for %s", what)
			}
			if ok(e) {
				return e
			}
		case <-deadline:
			t.Fatalf("no event: %s", what)
		}
	}
}

// TestServe edits a real project under pauta serve: a good edit is announced and served, a
// broken one is reported with its position in the terminal and the event stream while the
// last good site stays up.
func TestServe(t *testing.T) {
	dir := newProject(t)
	s := startServe(t, ServeOptions{Src: dir})
	ev := s.events(t)
	first := waitEvent(t, ev, "the current build", func(serveEvent) bool { return true })
	if first.Error != "" {
		t.Fatalf("first build failed: %s", first.Error)
	}
	if _, page := s.get(t, "index.html"); !strings.Contains(page, "Manual de prueba") || !strings.Contains(page, "/_pauta/reload.js") {
		t.Fatal("served page lacks the manual or the reload script")
	}

	edit(t, filepath.Join(dir, "procedure.yaml"), "title: Manual de prueba", "title: Manual revisado")
	waitEvent(t, ev, "a good build after the edit", func(e serveEvent) bool { return e.Gen > first.Gen && e.Error == "" })
	if _, page := s.get(t, "index.html"); !strings.Contains(page, "Manual revisado") {
		t.Error("the edit is announced but not served")
	}

	edit(t, filepath.Join(dir, "procedure.yaml"), "      title: Objetivo", "      titel: Objetivo")
	const want = `procedure.yaml:29:7: manual.sections[1]: clave desconocida "titel"`
	waitEvent(t, ev, "the broken edit's error", func(e serveEvent) bool { return strings.Contains(e.Error, want) })
	if !strings.Contains(s.stderr.String(), want) {
		t.Errorf("the terminal does not show the positioned error:\n%s", s.stderr.String())
	}
	if _, page := s.get(t, "index.html"); !strings.Contains(page, "Manual revisado") {
		t.Error("the last good site is gone after a broken edit")
	}

	// Through the real listener too, a page of another site is refused (DNS rebinding).
	req, _ := http.NewRequest("GET", s.base+"index.html", nil)
	req.Host = "atacante.example:8080"
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden || strings.Contains(string(b), "Manual") {
		t.Errorf("Host atacante.example: %d %q; want 403", res.StatusCode, b)
	}
}

// TestServeDraftOrInForce: once a version is published and procedure.yaml edited, pauta serve
// shows the edit, marked BORRADOR; --vigente shows the version in force, unmarked.
func TestServeDraftOrInForce(t *testing.T) {
	dir := newProject(t)
	mustRun(t, ExitOK, "publish", "--src", dir, "--decreto", "10", "--fecha", "2025-03-04")
	edit(t, filepath.Join(dir, "procedure.yaml"), "title: Manual de prueba", "title: Manual revisado")
	for _, tc := range []struct {
		name        string
		opts        ServeOptions
		want, never string
		draft       bool
	}{
		{"default", ServeOptions{Src: dir}, "Manual revisado", "Manual de prueba", true},
		{"--vigente", ServeOptions{Src: dir, InForce: true}, "Manual de prueba", "Manual revisado", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := startServe(t, tc.opts)
			waitEvent(t, s.events(t), "the first build", func(serveEvent) bool { return true })
			_, page := s.get(t, "index.html")
			if !strings.Contains(page, tc.want) || strings.Contains(page, tc.never) {
				t.Errorf("page should show %q, not %q", tc.want, tc.never)
			}
			if got := strings.Contains(page, "BORRADOR — sin validez"); got != tc.draft {
				t.Errorf("BORRADOR mark: %v, want %v", got, tc.draft)
			}
		})
	}
	// The flags as a user types them.
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"serve", "--src", dir, "--vigente", "--borrador"}, ExitUsage, "--vigente y --borrador se excluyen"},
		{[]string{"serve", "--src", filepath.Join(dir, "no-existe")}, ExitUsage, "no existe — indique la carpeta del proyecto"},
	} {
		code, _, stderr := run(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("pauta %s: exit %d %q; want %d with %q", strings.Join(tc.args, " "), code, stderr, tc.code, tc.want)
		}
	}
}

// TestServeStaysInProject: a link leading out of the project, or a file that is not a regular
// file, is refused with its name; what it leads to is never served.
func TestServeStaysInProject(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secreto.txt")
	if err := os.WriteFile(outside, []byte("# Fuera\n\nclave-secreta-de-fuera\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, file string
		make       func(name string) error
		want       string
	}{
		{"page linked out", "content/ayuda.md", func(n string) error { return os.Symlink(outside, n) },
			"content/ayuda.md: es un enlace simbólico que lleva fuera del proyecto"},
		{"theme asset linked out", "themes/assets/x.txt", func(n string) error { return os.Symlink(outside, n) },
			"themes/assets/x.txt: es un enlace simbólico que lleva fuera del proyecto"},
		{"theme folder linked out", "themes/assets/fuera", func(n string) error { return os.Symlink(filepath.Dir(outside), n) },
			"es un enlace simbólico que lleva fuera del proyecto"},
		{"FIFO among the assets", "themes/assets/tubo", func(n string) error { return mkfifo(n) },
			"assets/tubo: no es un archivo común"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := newProject(t)
			name := filepath.Join(dir, filepath.FromSlash(tc.file))
			os.Remove(name)
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := tc.make(name); err != nil {
				t.Skipf("cannot make %s here: %v", tc.file, err)
			}
			s := startServe(t, ServeOptions{Src: dir})
			e := waitEvent(t, s.events(t), "the first build", func(serveEvent) bool { return true })
			if !strings.Contains(e.Error, tc.want) {
				t.Errorf("build error %q; want %q", e.Error, tc.want)
			}
			for _, p := range []string{"index.html", "ayuda.html", "assets/x.txt", "assets/fuera/secreto.txt", "buscar.json"} {
				if _, body := s.get(t, p); strings.Contains(body, "clave-secreta-de-fuera") {
					t.Errorf("%s serves the file outside the project", p)
				}
			}
		})
	}
	// A link that stays inside the project is the author's own business.
	dir := newProject(t)
	page := filepath.Join(dir, "content", "ayuda.md")
	if err := os.Rename(page, filepath.Join(dir, "ayuda-real.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("..", "ayuda-real.md"), page); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	s := startServe(t, ServeOptions{Src: dir})
	if e := waitEvent(t, s.events(t), "the first build", func(serveEvent) bool { return true }); e.Error != "" {
		t.Errorf("a link inside the project is refused: %s", e.Error)
	}
}

func until(t testing.TB, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("timed out")
}

package cli

import (
	"bufio"
	"context"
	"io"
	"net/http"
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

// TestServe edits a real project under pauta serve: a good edit is served, a broken one is
// reported with its position in the terminal and the event stream while the last good site
// stays up.
func TestServe(t *testing.T) {
	dir := newProject(t)
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, IO{Out: io.Discard, Err: stderr}, ServeOptions{Src: dir, Addr: "127.0.0.1:0"})
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	var base string
	until(t, func() bool {
		m := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(stderr.String())
		base = m
		return m != ""
	})
	page := func() string {
		res, err := http.Get(base + "index.html")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	if !strings.Contains(page(), "Manual de prueba") || !strings.Contains(page(), "/_pauta/reload.js") {
		t.Fatal("served page lacks the manual or the reload script")
	}

	edit(t, filepath.Join(dir, "procedure.yaml"), "title: Manual de prueba", "title: Manual revisado")
	until(t, func() bool { return strings.Contains(page(), "Manual revisado") })

	edit(t, filepath.Join(dir, "procedure.yaml"), "      title: Objetivo", "      titel: Objetivo")
	until(t, func() bool {
		return strings.Contains(stderr.String(), `procedure.yaml:29:7: manual.sections[1]: clave desconocida "titel"`)
	})
	res, err := http.Get(base + "_pauta/events")
	if err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(res.Body).ReadString('\n')
	res.Body.Close()
	if !strings.Contains(line, `procedure.yaml:29:7`) {
		t.Errorf("event stream does not carry the positioned error: %s", line)
	}
	if !strings.Contains(page(), "Manual revisado") {
		t.Error("the last good site is gone after a broken edit")
	}
}

func until(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("timed out")
}

package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/projectfs"
	"github.com/requinoa/pauta/internal/site"
)

// BenchmarkEditToReload measures what an author waits for: from the moment an edit of
// procedure.yaml is written to the moment the reload event reaches a page listening to the
// preview, through the real watcher, build and event stream. It compares the fsnotify watcher
// with the poller it replaced (every 300 ms), in the same run, on a trivial build (the
// watcher's own delay), on the test project and on the Requínoa seed (pauta serve's draft).
//
// Authors do not save in step with the poller, so each edit waits a random pause of up to one
// polling interval first. Reported: the median, 90th percentile and worst wait, in ms, and the
// median of the build alone.
//
//	go test ./internal/serve -run '^$' -bench EditToReload -benchtime 20x
func BenchmarkEditToReload(b *testing.B) {
	for _, project := range []struct{ name, dir, title string }{
		{"none", "", ""},
		{"minimal", "../../testdata/projects/minimal", "  title: Manual de prueba"},
		{"seed", "../..", "  title: Manual de Procedimientos para Accesos Remotos de Soporte Técnico remoto"},
	} {
		for _, mode := range []string{"fsnotify", "poll300ms"} {
			b.Run(project.name+"/"+mode, func(b *testing.B) {
				benchEdits(b, project.dir, project.title, mode == "poll300ms")
			})
		}
	}
}

func benchEdits(b *testing.B, from, title string, poll bool) {
	dir := b.TempDir()
	var build BuildFunc
	if from == "" {
		writeB(b, filepath.Join(dir, "procedure.yaml"), "v0")
		build = func(context.Context) (output.Files, error) { return output.Files{"index.html": nil}, nil }
	} else {
		copyProject(b, from, dir)
		src := projectfs.New(dir)
		build = func(ctx context.Context) (output.Files, error) {
			s, err := site.Render(ctx, src, site.Options{Draft: true, LiveReload: ReloadScript})
			if err != nil {
				return nil, err
			}
			return s.Files, nil
		}
	}
	// The build's own share of each wait, to tell it from the watcher's.
	var mu sync.Mutex
	var builds []time.Duration
	inner := build
	build = func(ctx context.Context) (output.Files, error) {
		start := time.Now()
		f, err := inner(ctx)
		mu.Lock()
		builds = append(builds, time.Since(start))
		mu.Unlock()
		return f, err
	}
	yaml := filepath.Join(dir, "procedure.yaml")
	orig, err := os.ReadFile(yaml)
	if err != nil {
		b.Fatal(err)
	}
	if title != "" && !strings.Contains(string(orig), title) {
		b.Fatalf("%s has no line %q", from, title)
	}

	s := New(build, io.Discard)
	var w *Watcher
	if poll {
		w = s.watchPolling(dir, pollEvery)
	} else if w = s.Watch(dir); w.fsw == nil {
		b.Fatal("fsnotify is not available")
	}
	if err := s.Rebuild(context.Background()); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go w.Run(ctx)
	ts := httptest.NewServer(s.Handler())
	defer func() {
		cancel() // ends the event stream first: Close waits for it
		ts.Close()
	}()
	events := listen(b, ctx, ts.URL)
	gen := (<-events).Gen

	rng := rand.New(rand.NewPCG(1, 2)) // the same pauses in every run and mode
	waits := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		time.Sleep(time.Duration(rng.Int64N(int64(pollEvery))))
		text := "v" + string(rune('a'+i%26))
		if title != "" {
			text = strings.Replace(string(orig), title, title+" "+strings.Repeat("x", i%7+1)+string(rune('a'+i%26)), 1)
		}
		b.StartTimer()
		start := time.Now()
		if err := os.WriteFile(yaml, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		// A build that caught the file half-written fails; the next one is the edit's.
		for e := range events {
			if e.Gen > gen && e.Error == "" {
				gen = e.Gen
				break
			}
		}
		waits = append(waits, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(waits)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(waits[len(waits)/2]), "ms-median")
	b.ReportMetric(ms(waits[len(waits)*9/10]), "ms-p90")
	b.ReportMetric(ms(waits[len(waits)-1]), "ms-max")
	mu.Lock()
	slices.Sort(builds)
	b.ReportMetric(ms(builds[len(builds)/2]), "ms-build-median")
	mu.Unlock()
}

// event is a message of the event stream.
type event struct {
	Gen   int    `json:"gen"`
	Error string `json:"error"`
}

// listen opens the event stream as a page does.
func listen(b *testing.B, ctx context.Context, base string) <-chan event {
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/_pauta/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	ch := make(chan event, 16)
	go func() {
		defer res.Body.Close()
		defer close(ch)
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var e event
				if json.Unmarshal([]byte(data), &e) == nil {
					ch <- e
				}
			}
		}
	}()
	return ch
}

func writeB(b *testing.B, name, text string) {
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
}

// copyProject copies a project's source (procedure.yaml, content/, themes/ overrides) into dir.
func copyProject(b *testing.B, from, dir string) {
	if err := copySource(from, dir); err != nil {
		b.Fatal(err)
	}
}

// copySource copies procedure.yaml and content/ of the project in from into dir.
func copySource(from, dir string) error {
	yaml, err := os.ReadFile(filepath.Join(from, "procedure.yaml"))
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "procedure.yaml"), yaml, 0o644); err != nil {
		return err
	}
	return os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join(from, "content")))
}

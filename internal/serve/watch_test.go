package serve

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/requinoa/pauta/internal/output"
)

// dirBuild "builds" by reading the project's procedure.yaml and content/ pages, so a test can
// tell which edits a build saw.
type dirBuild struct {
	dir  string
	mu   sync.Mutex
	seen []string // what each build read, in order
}

func (d *dirBuild) build(context.Context) (output.Files, error) {
	var parts []string
	filepath.WalkDir(d.dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(d.dir, p)
			parts = append(parts, filepath.ToSlash(rel)+"="+string(b))
		}
		return nil
	})
	d.mu.Lock()
	d.seen = append(d.seen, strings.Join(parts, " "))
	d.mu.Unlock()
	return output.Files{"index.html": []byte("ok")}, nil
}

func (d *dirBuild) builds() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.seen...)
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// watched starts a server watching a fresh project with fsnotify (or, with poll, by polling)
// and returns it with its build.
func watched(t *testing.T, poll bool) (*Server, *dirBuild, string) {
	t.Helper()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "procedure.yaml"), "v1")
	write(t, filepath.Join(dir, "content", "ayuda.md"), "a1")
	db := &dirBuild{dir: dir}
	s := New(db.build, io.Discard)
	var w *Watcher
	if poll {
		w = s.watchPolling(dir, settleTime)
	} else if w = s.Watch(dir); w.fsw == nil {
		t.Fatal("fsnotify is not available here; the fallback would hide a broken watcher")
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		w.Run(ctx)
		close(done)
	}()
	t.Cleanup(func() { cancel(); <-done })
	return s, db, dir
}

// TestWatch: every kind of edit an author makes gives a rebuild that sees it, and what pauta
// or an editor writes beside the source gives none.
func TestWatch(t *testing.T) {
	for _, mode := range []string{"fsnotify", "poll"} {
		t.Run(mode, func(t *testing.T) {
			s, db, dir := watched(t, mode == "poll")
			gen := 0
			// step makes an edit and waits for the build that follows it; sentinel proves
			// that nothing else rebuilt in between.
			step := func(what string, edit func(), want string) {
				t.Helper()
				edit()
				gen++
				waitGen(t, s, gen)
				b := db.builds()
				if len(b) != gen {
					t.Fatalf("%s: %d builds, want %d: %q", what, len(b), gen, b)
				}
				if !strings.Contains(b[gen-1], want) {
					t.Fatalf("%s: the build saw %q, want %q in it", what, b[gen-1], want)
				}
			}
			step("write", func() { write(t, filepath.Join(dir, "procedure.yaml"), "v2") }, "procedure.yaml=v2")
			step("save through a temporary file renamed over the original, as editors do", func() {
				tmp := filepath.Join(dir, ".procedure.yaml.swp")
				write(t, tmp, "v3")
				write(t, filepath.Join(dir, "4913"), "")
				os.Remove(filepath.Join(dir, "4913"))
				if err := os.Rename(tmp, filepath.Join(dir, "procedure.yaml")); err != nil {
					t.Fatal(err)
				}
			}, "procedure.yaml=v3")
			step("nothing pauta writes itself, nor .git, nor editor backups, rebuilds", func() {
				write(t, filepath.Join(dir, "public", "index.html"), "x")
				write(t, filepath.Join(dir, "borrador", "index.html"), "x")
				write(t, filepath.Join(dir, ".git", "index"), "x")
				write(t, filepath.Join(dir, ".pauta-staging-public-1", "index.html"), "x")
				write(t, filepath.Join(dir, "content", "ayuda.md~"), "x")
				write(t, filepath.Join(dir, "content", "#ayuda.md#"), "x")
				// Then a real edit: exactly one more build, which sees it. (That the writes
				// above alone would build nothing is TestIgnored's.)
				write(t, filepath.Join(dir, "content", "ayuda.md"), "a2")
			}, "content/ayuda.md=a2")
			if mode == "poll" {
				// An empty folder changes no file the poller sees.
				os.Mkdir(filepath.Join(dir, "content", "nueva"), 0o755)
			} else {
				step("a new folder", func() { os.Mkdir(filepath.Join(dir, "content", "nueva"), 0o755) }, "procedure.yaml=v3")
			}
			step("a page in the new folder", func() {
				write(t, filepath.Join(dir, "content", "nueva", "p.md"), "n1")
			}, "content/nueva/p.md=n1")
			step("a removed page", func() { os.Remove(filepath.Join(dir, "content", "nueva", "p.md")) }, "procedure.yaml=v3")
			if b := db.builds(); strings.Contains(b[len(b)-1], "nueva/p.md") {
				t.Errorf("the last build still saw the removed page: %q", b[len(b)-1])
			}
		})
	}
}

func TestIgnored(t *testing.T) {
	for _, tc := range []struct {
		rel  string
		want bool
	}{
		{"procedure.yaml", false},
		{"content/ayuda.md", false},
		{"content/versiones/2024-2387/procedure.yaml", false},
		{"themes/assets/pauta.css", false},
		{"content/public/x.md", false}, // only the project's own output folders
		{"public", true},
		{"public/index.html", true},
		{"borrador/v/index.html", true},
		{"node_modules/x/y.js", true},
		{".git/index", true},
		{".pauta-staging-public-123/index.html", true},
		{"content/versiones/.lock", true},
		{".procedure.yaml.swp", true},
		{"procedure.yaml~", true},
		{"content/#ayuda.md#", true},
		{"content/.#ayuda.md", true},
		{"4913", true},
		{"procedure.yaml___jb_tmp___", true},
	} {
		if got := ignored(tc.rel); got != tc.want {
			t.Errorf("ignored(%q) = %v, want %v", tc.rel, got, tc.want)
		}
	}
}

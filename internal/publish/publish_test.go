package publish

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/versions"
)

var date = procedure.Date{Year: 2025, Month: 3, Day: 4}

// newProject copies the minimal test project into a temporary folder.
func newProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	from := "../../testdata/projects/minimal"
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// state lists what content/versiones holds, staging folders included.
func state(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, versions.Dir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != ".lock" {
			names = append(names, e.Name())
		}
	}
	return names
}

// failing makes the n-th write operation fail.
type failing struct {
	osFiles
	n, calls int
}

var errInjected = errors.New("injected failure")

func (f *failing) fail() bool { f.calls++; return f.calls == f.n }
func (f *failing) MkdirAll(name string, perm fs.FileMode) error {
	if f.fail() {
		return errInjected
	}
	return f.osFiles.MkdirAll(name, perm)
}
func (f *failing) WriteFile(name string, data []byte, perm fs.FileMode) error {
	if f.fail() {
		// A write that fails half-way leaves a partial file behind, as a full disk would.
		os.WriteFile(name, data[:len(data)/2], perm)
		return errInjected
	}
	return f.osFiles.WriteFile(name, data, perm)
}
func (f *failing) Rename(a, b string) error {
	if f.fail() {
		return errInjected
	}
	return f.osFiles.Rename(a, b)
}
func (f *failing) ReplaceFile(a, b string) error {
	if f.fail() {
		return errInjected
	}
	return f.osFiles.ReplaceFile(a, b)
}
func (f *failing) SyncTree(dir string) error {
	if f.fail() {
		return errInjected
	}
	return f.osFiles.SyncTree(dir)
}

// TestFailingWrites makes each write of a publication fail in turn: every time, nothing is
// published and no staging folder is left; then a clean run publishes.
func TestFailingWrites(t *testing.T) {
	dir := newProject(t)
	for n := 1; ; n++ {
		f := &failing{n: n}
		_, err := Publish(context.Background(), dir, Options{Decree: 10, Date: date, files: f})
		if f.calls < n {
			if err != nil {
				t.Fatalf("run without failure: %v", err)
			}
			break // every operation has been made to fail once
		}
		if !errors.Is(err, errInjected) {
			t.Fatalf("failure at operation %d: err = %v", n, err)
		}
		switch got := strings.Join(state(t, dir), " "); got {
		case "":
		case "2025-10", "2025-10 vigente.json":
			// An operation after the rename failed (flushing, writing the head): the version
			// is in place and whole; remove it to go on testing earlier failures.
			assertWhole(t, dir, "2025-10")
			removeAll(filepath.Join(dir, versions.Dir, "2025-10"))
			os.Remove(filepath.Join(dir, filepath.FromSlash(versions.HeadFile)))
		default:
			t.Fatalf("failure at operation %d left %v", n, got)
		}
	}
	assertWhole(t, dir, "2025-10")
	if got := strings.Join(state(t, dir), " "); got != "2025-10 vigente.json" {
		t.Errorf("after a clean run: %s", got)
	}
}

func assertWhole(t *testing.T, dir, id string) {
	t.Helper()
	vs, err := versions.List(os.DirFS(dir))
	if err != nil {
		t.Fatalf("published versions do not load: %v", err)
	}
	if versions.Find(vs, id) == nil {
		t.Fatalf("version %s is not published; state %v", id, state(t, dir))
	}
}

// TestKilled kills a real publisher between each pair of steps: afterwards the version is
// either absent or whole, and the next publication succeeds and sweeps the leftovers.
func TestKilled(t *testing.T) {
	if os.Getenv("PAUTA_PUBLISH_HELPER") != "" {
		t.Skip("helper process")
	}
	for _, at := range []string{"locked", "copied procedure.yaml", "copied content/ayuda.md", "staged", "renamed", "head"} {
		t.Run(at, func(t *testing.T) {
			dir := newProject(t)
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperPublish$")
			cmd.Env = append(os.Environ(), "PAUTA_PUBLISH_HELPER="+dir, "PAUTA_PUBLISH_DIE_AT="+at)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 86 {
				t.Fatalf("helper did not die at %q: %v\n%s", at, err, out)
			}
			got := state(t, dir)
			published := false
			for _, name := range got {
				if name == "2025-10" {
					published = true
				} else if name != "vigente.json" && !strings.HasPrefix(name, stagingPrefix) {
					t.Errorf("unexpected entry %s", name)
				}
			}
			if published {
				assertWhole(t, dir, "2025-10")
			} else if vs, err := versions.List(os.DirFS(dir)); err != nil || len(vs) != 0 {
				t.Errorf("a half-published version is visible: %v %v", vs, err)
			}
			res, err := Publish(context.Background(), dir, Options{Decree: 10, Date: date})
			if err != nil {
				t.Fatal(err)
			}
			if res.Unchanged != published {
				t.Errorf("after a kill at %q: Unchanged = %v, published before = %v", at, res.Unchanged, published)
			}
			if got := strings.Join(state(t, dir), " "); got != "2025-10 vigente.json" {
				t.Errorf("leftovers after the next publication: %v", got)
			}
		})
	}
}

// TestHelperPublish is the publisher TestKilled kills.
func TestHelperPublish(t *testing.T) {
	dir := os.Getenv("PAUTA_PUBLISH_HELPER")
	if dir == "" {
		t.Skip("run by TestKilled only")
	}
	dieAt := os.Getenv("PAUTA_PUBLISH_DIE_AT")
	Publish(context.Background(), dir, Options{Decree: 10, Date: date, afterStep: func(step string) {
		if step == dieAt {
			os.Exit(86)
		}
	}})
	t.Fatal("the publisher did not reach the step it should die at")
}

// TestOnePublisherAtATime: while one publisher holds the lock, another is refused.
func TestOnePublisherAtATime(t *testing.T) {
	dir := newProject(t)
	root := filepath.Join(dir, versions.Dir)
	os.MkdirAll(root, 0o755)
	unlock, err := lock(filepath.Join(root, ".lock"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Publish(context.Background(), dir, Options{Decree: 10, Date: date})
	var r *Refusal
	if !errors.As(err, &r) || !strings.Contains(r.Msg, "otra publicación está en curso") {
		t.Errorf("err = %v", err)
	}
	unlock()
	if _, err := Publish(context.Background(), dir, Options{Decree: 10, Date: date}); err != nil {
		t.Errorf("after unlock: %v", err)
	}
}

// TestRefusals: invalid source or mismatched decree change nothing.
func TestRefusals(t *testing.T) {
	dir := newProject(t)
	if _, err := Publish(context.Background(), dir, Options{Decree: 11, Date: date}); err == nil {
		t.Error("a decree number other than procedure.yaml's was accepted")
	}
	os.WriteFile(filepath.Join(dir, "procedure.yaml"), []byte("pauta: 1\n"), 0o644)
	_, err := Publish(context.Background(), dir, Options{Decree: 10, Date: date})
	var list procedure.ErrorList
	if !errors.As(err, &list) {
		t.Errorf("invalid source: err = %v", err)
	}
	if got := state(t, dir); len(got) != 0 {
		t.Errorf("refusals left %v", got)
	}
}

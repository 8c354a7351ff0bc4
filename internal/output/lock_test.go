package output

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A second stage of the same folder waits for the first; past its wait it gives up with
// ErrBusy, telling the user once why it waits, and leaves the folder to the first.
func TestSecondStageWaitsForTheFirst(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	if err := Write(t.Context(), target, Site, Files{"index.html": []byte("v1")}); err != nil {
		t.Fatal(err)
	}
	first, err := NewStage(t.Context(), target, Site)
	if err != nil {
		t.Fatal(err)
	}
	var notices []string
	ctx := WithLockNotice(WithLockWait(t.Context(), 150*time.Millisecond), func(dir string) { notices = append(notices, dir) })
	if _, err := NewStage(ctx, target, Site); !errors.Is(err, ErrBusy) {
		t.Fatalf("second stage while the first runs: %v, want ErrBusy", err)
	}
	if len(notices) != 1 || notices[0] != target {
		t.Errorf("notices %q, want one naming %s", notices, target)
	}
	if _, err := NewStage(WithLockWait(t.Context(), 0), target, Site); !errors.Is(err, ErrBusy) {
		t.Fatalf("with no wait: %v, want ErrBusy", err)
	}
	if err := first.Put("index.html", []byte("v2")); err != nil {
		t.Fatal(err)
	}

	// One that waits long enough gets the folder once the first is done, and finds its output.
	got := make(chan error, 1)
	waiting := make(chan struct{})
	var once sync.Once
	ctx = WithLockNotice(WithLockWait(t.Context(), time.Minute), func(string) { once.Do(func() { close(waiting) }) })
	go func() {
		st, err := NewStage(ctx, target, Site)
		if err == nil {
			err = st.Put("index.html", []byte("v3"))
			if err == nil {
				err = st.Commit()
			}
		}
		got <- err
	}()
	<-waiting
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatalf("the waiting stage: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(target, "index.html")); string(b) != "v3" {
		t.Errorf("index.html = %q, want the last build's v3", b)
	}
	assertNoStaging(t, filepath.Dir(target))
}

// An aborted stage lets the next one in at once, and so does a cancelled wait end at once.
func TestAbortReleasesAndWaitIsCancellable(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	st, err := NewStage(t.Context(), target, Site)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := NewStage(ctx, target, Site); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled wait: %v, want context.Canceled", err)
	}
	st.Abort()
	st2, err := NewStage(WithLockWait(t.Context(), 0), target, Site)
	if err != nil {
		t.Fatalf("after Abort: %v", err)
	}
	st2.Abort()
}

// A process killed while it holds a folder does not keep it: the system drops its lock, and
// the next build removes the staging folder it left.
func TestKilledHolderReleasesTheFolder(t *testing.T) {
	if os.Getenv("PAUTA_LOCK_HELPER") != "" {
		t.Skip("helper process")
	}
	target := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldStage$")
	cmd.Env = append(os.Environ(), "PAUTA_LOCK_HELPER="+target)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "held") {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper did not take the folder: %q %v", line, err)
	}
	if _, err := NewStage(WithLockWait(t.Context(), 0), target, Site); !errors.Is(err, ErrBusy) {
		t.Errorf("while the helper holds it: %v, want ErrBusy", err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if n := countStaging(t, filepath.Dir(target)); n != 1 {
		t.Fatalf("%d staging folders after the kill, want the helper's one", n)
	}
	st, err := NewStage(WithLockWait(t.Context(), 0), target, Site)
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	assertNoStaging(t, filepath.Dir(target))
}

// TestHelperHoldStage is the process TestKilledHolderReleasesTheFolder kills.
func TestHelperHoldStage(t *testing.T) {
	target := os.Getenv("PAUTA_LOCK_HELPER")
	if target == "" {
		t.Skip("run by TestKilledHolderReleasesTheFolder only")
	}
	st, err := NewStage(t.Context(), target, Site)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Put("index.html", []byte("half")); err != nil {
		t.Fatal(err)
	}
	io.WriteString(os.Stdout, "held\n")
	select {} // until killed
}

func countStaging(t *testing.T, parent string) int {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), stagingPrefix) {
			n++
		}
	}
	return n
}

// A build of one folder never sweeps away the live staging folder of another whose name
// starts the same.
func TestSweepSparesOtherFolders(t *testing.T) {
	parent := t.TempDir()
	other, err := NewStage(t.Context(), filepath.Join(parent, "public-2"), Site)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.Put("index.html", []byte("dos")); err != nil {
		t.Fatal(err)
	}
	if err := Write(t.Context(), filepath.Join(parent, "public"), Site, Files{"index.html": []byte("uno")}); err != nil {
		t.Fatal(err)
	}
	if err := other.Commit(); err != nil {
		t.Fatalf("public-2 after a build of public: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(parent, "public-2", "index.html")); string(b) != "dos" {
		t.Errorf("public-2/index.html = %q", b)
	}
	assertNoStaging(t, parent)
}

func TestIsStagingOf(t *testing.T) {
	tests := []struct {
		name, base string
		want       bool
	}{
		{".pauta-staging-public-123456", "public", true},
		{".pauta-staging-public-123456.old", "public", true},
		{".pauta-staging-public-2-123456", "public", false},
		{".pauta-staging-public-2-123456", "public-2", true},
		{".pauta-staging-public-", "public", false},
		{".pauta-staging-public-12x", "public", false},
		{"public", "public", false},
	}
	for _, tt := range tests {
		if got := isStagingOf(tt.name, tt.base); got != tt.want {
			t.Errorf("isStagingOf(%q, %q) = %v, want %v", tt.name, tt.base, got, tt.want)
		}
	}
}

// --out given as a symbolic link to a site: the site it leads to is replaced, and the link
// stays a link; so for a relative link, a chain of links, and a link to a folder not made yet.
func TestStageThroughLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "srv", "manual")
	if err := Write(t.Context(), real, Site, Files{"index.html": []byte("v1")}); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "public")
	if err := os.Symlink(filepath.Join("srv", "manual"), link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	chain := filepath.Join(dir, "otra")
	if err := os.Symlink("public", chain); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "nuevo")
	if err := os.Symlink(filepath.Join(dir, "srv", "aun-no"), dangling); err != nil {
		t.Fatal(err)
	}
	for i, tt := range []struct{ out, real string }{{link, real}, {chain, real}, {dangling, filepath.Join(dir, "srv", "aun-no")}} {
		body := []byte{'v', byte('2' + i)}
		if err := Write(t.Context(), tt.out, Site, Files{"index.html": body}); err != nil {
			t.Fatalf("%s: %v", tt.out, err)
		}
		if info, err := os.Lstat(tt.out); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link: %v", tt.out, err)
		}
		if b, _ := os.ReadFile(filepath.Join(tt.real, "index.html")); string(b) != string(body) {
			t.Errorf("%s: the folder it leads to holds %q, want %q", tt.out, b, body)
		}
		assertNoStaging(t, dir)
		assertNoStaging(t, filepath.Join(dir, "srv"))
	}
}

// pauta diff -o writes a comparison into a folder of its own or an earlier comparison, never
// over a built site; a build may replace a comparison.
func TestComparisonNeverReplacesSite(t *testing.T) {
	dir := t.TempDir()
	site, cmp := filepath.Join(dir, "public"), filepath.Join(dir, "comparacion")
	if err := Write(t.Context(), site, Site, Files{"index.html": []byte("sitio")}); err != nil {
		t.Fatal(err)
	}
	before := read(t, site)
	if err := Write(t.Context(), site, Comparison, Files{"index.html": []byte("diff")}); !errors.Is(err, ErrSite) {
		t.Fatalf("comparison over a site: %v, want ErrSite", err)
	}
	if after := read(t, site); len(after) != len(before) || after["index.html"] != "sitio" {
		t.Errorf("site changed: %v", after)
	}
	for range 2 {
		if err := Write(t.Context(), cmp, Comparison, Files{"index.html": []byte("diff")}); err != nil {
			t.Fatalf("comparison into its own folder: %v", err)
		}
	}
	if err := Write(t.Context(), cmp, Site, Files{"index.html": []byte("sitio")}); err != nil {
		t.Fatalf("build over a comparison: %v", err)
	}
	assertNoStaging(t, dir)
}

// The unchanged-file reuse links the file it compared, not whatever its name leads to by the
// time of the link: a file put in the previous output's place during a build is not taken in.
func TestReuseLinksTheFileCompared(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	if err := Write(t.Context(), target, Site, Files{"a.html": []byte("igual")}); err != nil {
		t.Fatal(err)
	}
	st, err := NewStage(t.Context(), target, Site)
	if err != nil {
		t.Fatal(err)
	}
	err = st.Write("a.html", func(w io.Writer) error {
		if _, err := io.WriteString(w, "igual"); err != nil {
			return err
		}
		// Flushed: the bytes were compared with the previous file. Now another file of the
		// same size takes its name.
		if f, ok := w.(interface{ Flush() error }); ok {
			if err := f.Flush(); err != nil {
				return err
			}
		}
		other := filepath.Join(dir, "otro")
		if err := os.WriteFile(other, []byte("OTRO!"), fileMode); err != nil {
			return err
		}
		return os.Rename(other, filepath.Join(target, "a.html"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(target, "a.html")); string(b) != "igual" {
		t.Errorf("a.html = %q, want what the build wrote", b)
	}
}

// A build killed between the two renames that replace a folder where the system cannot swap
// two folders at once leaves the previous output aside and no target: the next build puts it
// back before anything else, so a build that then fails leaves the site as it was.
func TestAsideOutputIsPutBack(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "public")
	if err := Write(t.Context(), target, Site, Files{"index.html": []byte("v1")}); err != nil {
		t.Fatal(err)
	}
	aside := filepath.Join(parent, stagingPrefix+"public-123456.old")
	if err := os.Rename(target, aside); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(parent, stagingPrefix+"public-123456"), 0o755); err != nil {
		t.Fatal(err)
	}
	st, err := NewStage(t.Context(), target, Site)
	if err != nil {
		t.Fatal(err)
	}
	st.Abort()
	if b, err := os.ReadFile(filepath.Join(target, "index.html")); err != nil || string(b) != "v1" {
		t.Errorf("after a failed build: index.html %q, %v; want the previous output back", b, err)
	}
	assertNoStaging(t, parent)
}

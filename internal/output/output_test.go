package output

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func read(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteReplacesWhole(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	if err := Write(t.Context(), target, Site, Files{"index.html": []byte("v1"), "old/only.html": []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if err := Write(t.Context(), target, Site, Files{"index.html": []byte("v2")}); err != nil {
		t.Fatal(err)
	}
	got := read(t, target)
	if got["index.html"] != "v2" || got["old/only.html"] != "" || len(got) != 2 {
		t.Errorf("after rebuild: %v (want index.html=v2 and the marker only)", got)
	}
	assertNoStaging(t, filepath.Dir(target))
}

// TestFailedWriteKeepsOld: a write that fails half-way leaves the earlier output as it was.
func TestFailedWriteKeepsOld(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	if err := Write(t.Context(), target, Site, Files{"index.html": []byte("v1")}); err != nil {
		t.Fatal(err)
	}
	before := read(t, target)
	// "a/b" as a file and "a/b/c" under it: the second cannot be written, after the first was.
	err := Write(t.Context(), target, Site, Files{"a/b": []byte("file"), "a/b/c": []byte("under a file"), "index.html": []byte("v2")})
	if err == nil {
		t.Fatal("want an error")
	}
	if after := read(t, target); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("output changed: %v → %v", before, after)
	}
	assertNoStaging(t, filepath.Dir(target))
}

func TestRefusesForeignFolder(t *testing.T) {
	target := t.TempDir()
	os.WriteFile(filepath.Join(target, "notas.txt"), []byte("mías"), 0o644)
	if err := Write(t.Context(), target, Site, Files{"index.html": []byte("x")}); !errors.Is(err, ErrNotOurs) {
		t.Fatalf("err = %v, want ErrNotOurs", err)
	}
	if b, _ := os.ReadFile(filepath.Join(target, "notas.txt")); string(b) != "mías" {
		t.Error("user's file touched")
	}
}

func assertNoStaging(t *testing.T, parent string) {
	t.Helper()
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), stagingPrefix) {
			t.Errorf("staging folder left behind: %s", e.Name())
		}
	}
}

// TestKilledWrite kills a real process in the middle of writing a large site, many times at
// different moments, and checks the target is always either the old site or the new one,
// whole, never a mix; the next write removes the dead process's staging folder.
func TestKilledWrite(t *testing.T) {
	if os.Getenv("PAUTA_OUTPUT_HELPER") != "" {
		t.Skip("helper process")
	}
	target := filepath.Join(t.TempDir(), "public")
	if err := Write(t.Context(), target, Site, site("old", 10)); err != nil {
		t.Fatal(err)
	}
	sawNew, sawOld := false, false
	// The last delay is long enough for the write to finish: the new site must then be whole.
	for i, delay := range []time.Duration{5, 20, 40, 80, 150, 300, 600, 1200, 10000} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWrite$")
		cmd.Env = append(os.Environ(), "PAUTA_OUTPUT_HELPER="+target, fmt.Sprintf("PAUTA_OUTPUT_TAG=new%d", i))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		finished := make(chan error, 1)
		go func() { finished <- cmd.Wait() }()
		select {
		case <-time.After(delay * time.Millisecond):
			cmd.Process.Signal(syscall.SIGKILL)
			<-finished
		case err := <-finished:
			if err != nil {
				t.Fatalf("helper failed: %v\n%s", err, stderr.String())
			}
		}
		got := read(t, target)
		tag := strings.Fields(got["page-0000.html"] + " ?")[0]
		for name, body := range got {
			if name == Marker {
				continue
			}
			if !strings.HasPrefix(body, tag+" ") {
				t.Fatalf("kill after %v ms: mixed output, %s has %q but page-0000 has %q", delay, name, body[:10], tag)
			}
		}
		if want := len(site(tag, 10)) + 1; len(got) != want {
			t.Fatalf("kill after %v ms: %d files, want %d (a whole site)", delay, len(got), want)
		}
		if tag == "old" {
			sawOld = true
		} else {
			sawNew = true
		}
	}
	t.Logf("saw the old site whole: %v; saw a new site whole: %v", sawOld, sawNew)
	if !sawNew {
		t.Error("no write ever finished: the test did not exercise a completed swap")
	}
	if err := Write(t.Context(), target, Site, site("final", 2)); err != nil {
		t.Fatal(err)
	}
	assertNoStaging(t, filepath.Dir(target))
}

// TestHelperWrite is the process TestKilledWrite kills: it writes a site big enough to take
// a while.
func TestHelperWrite(t *testing.T) {
	target := os.Getenv("PAUTA_OUTPUT_HELPER")
	if target == "" {
		t.Skip("run by TestKilledWrite only")
	}
	if err := Write(t.Context(), target, Site, site(os.Getenv("PAUTA_OUTPUT_TAG"), 10)); err != nil {
		t.Fatal(err)
	}
}

// site makes n*100 pages whose contents all start with tag.
func site(tag string, n int) Files {
	f := Files{}
	for i := 0; i < n*100; i++ {
		f[fmt.Sprintf("page-%04d.html", i)] = []byte(tag + " " + strings.Repeat("x", 2000))
	}
	return f
}

// TestUnflushableFileKeepsOld: every file is flushed before the swap, and a file that cannot
// be (here, gone from the staging folder behind the build's back) fails the build before the
// target is touched.
func TestUnflushableFileKeepsOld(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	if err := Write(t.Context(), target, Site, Files{"index.html": []byte("v1")}); err != nil {
		t.Fatal(err)
	}
	before := read(t, target)
	st, err := NewStage(t.Context(), target, Site)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "assets/pauta.css"} {
		if err := st.Put(name, []byte("v2 "+name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(filepath.Join(st.dir, "assets", "pauta.css")); err != nil {
		t.Fatal(err)
	}
	err = st.Commit()
	if err == nil || !strings.Contains(err.Error(), "pauta.css") {
		t.Fatalf("Commit with a file gone: %v, want an error naming it", err)
	}
	if got := read(t, target); fmt.Sprint(got) != fmt.Sprint(before) {
		t.Errorf("target changed: %v, want %v", got, before)
	}
	assertNoStaging(t, filepath.Dir(target))
}

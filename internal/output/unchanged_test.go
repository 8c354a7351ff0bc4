package output

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stream writes b to the stage as a renderer does, in pieces of n bytes.
func stream(st *Stage, name string, b []byte, n int) error {
	return st.Write(name, func(w io.Writer) error {
		for len(b) > 0 {
			k := min(n, len(b))
			if _, err := w.Write(b[:k]); err != nil {
				return err
			}
			b = b[k:]
		}
		return nil
	})
}

// A rebuild keeps the files whose bytes did not change (same inode, same date) and writes
// the others whole, wherever they differ, streamed or not.
func TestUnchangedFilesAreKept(t *testing.T) {
	long := bytes.Repeat([]byte("0123456789abcdef"), 50000) // 800 KB: many pieces of a stream
	changedLate := bytes.Clone(long)
	changedLate[len(long)-3] = 'X'
	cases := []struct {
		name        string
		before, now []byte
	}{
		{"same.html", []byte("<p>igual</p>"), []byte("<p>igual</p>")},
		{"same-long.js", long, long},
		{"empty.txt", nil, nil},
		{"changed.html", []byte("<p>uno</p>"), []byte("<p>dos</p>")},
		{"changed-late.js", long, changedLate},
		{"longer.html", []byte("abc"), []byte("abcdef")},
		{"shorter.html", []byte("abcdef"), []byte("abc")},
		{"from-empty.html", nil, []byte("x")},
		{"to-empty.html", []byte("x"), nil},
		{"sub/new.html", nil, nil},
	}
	target := filepath.Join(t.TempDir(), "public")
	first := Files{}
	for _, c := range cases {
		if c.name != "sub/new.html" {
			first[c.name] = c.before
		}
	}
	if err := Write(t.Context(), target, Site, first); err != nil {
		t.Fatal(err)
	}
	before := map[string]os.FileInfo{}
	for _, c := range cases {
		if info, err := os.Stat(filepath.Join(target, c.name)); err == nil {
			before[c.name] = info
		}
	}
	for _, piece := range []int{1 << 20, 4096, 7} {
		st, err := NewStage(t.Context(), target, Site)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			if err := stream(st, c.name, c.now, piece); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.Commit(); err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			full := filepath.Join(target, c.name)
			got, err := os.ReadFile(full)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, c.now) {
				t.Errorf("pieces of %d: %s holds %d bytes, not what was written (%d)", piece, c.name, len(got), len(c.now))
			}
			info, err := os.Stat(full)
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm() != fileMode {
				t.Errorf("%s: mode %v", c.name, info.Mode())
			}
			kept := before[c.name] != nil && os.SameFile(info, before[c.name])
			if unchanged := before[c.name] != nil && bytes.Equal(c.before, c.now); kept != unchanged {
				t.Errorf("pieces of %d: %s kept: %v, want %v", piece, c.name, kept, unchanged)
			}
		}
		// The next round compares with this one's files.
		for i, c := range cases {
			if info, err := os.Stat(filepath.Join(target, c.name)); err == nil {
				before[c.name] = info
			}
			cases[i].before = c.now
		}
	}
	assertNoStaging(t, filepath.Dir(target))
}

// A file of the previous output that is not a plain file of the build's mode is never kept:
// one whose mode was changed, a symbolic link put in its place, or a file someone gave
// another name outside the output.
func TestOnlyPlainFilesAreKept(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "public")
	files := Files{"a.html": []byte("a"), "b.html": []byte("b"), "c.html": []byte("c")}
	if err := Write(t.Context(), target, Site, files); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(target, "a.html"), 0o600); err != nil {
		t.Fatal(err)
	}
	elsewhere := filepath.Join(dir, "b-elsewhere.html")
	if err := os.WriteFile(elsewhere, []byte("b"), fileMode); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(target, "b.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(target, "b.html")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	outside := filepath.Join(dir, "c-outside.html")
	if err := os.Link(filepath.Join(target, "c.html"), outside); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	before, _ := os.Stat(filepath.Join(target, "a.html"))
	if err := Write(t.Context(), target, Site, files); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(filepath.Join(target, "a.html"))
	if os.SameFile(before, after) || after.Mode().Perm() != fileMode {
		t.Errorf("a file whose mode was changed was kept (mode %v)", after.Mode())
	}
	if info, err := os.Lstat(filepath.Join(target, "b.html")); err != nil || !info.Mode().IsRegular() {
		t.Errorf("b.html after the build: %v, %v; want a plain file", info.Mode(), err)
	}
	c, _ := os.Stat(filepath.Join(target, "c.html"))
	if o, _ := os.Stat(outside); os.SameFile(c, o) {
		t.Error("the output shares a file with a name outside it")
	}
}

// A build that fails after keeping files leaves the previous output whole.
func TestFailedWriteAfterKeptFiles(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	if err := Write(t.Context(), target, Site, Files{"a.html": []byte("a"), "b.html": []byte("b")}); err != nil {
		t.Fatal(err)
	}
	before := read(t, target)
	st, err := NewStage(t.Context(), target, Site)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Put("a.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	err = st.Write("b.html", func(w io.Writer) error {
		io.WriteString(w, "b")
		return errors.New("render failed")
	})
	if err == nil || !strings.Contains(err.Error(), "render failed") {
		t.Fatalf("error %v", err)
	}
	st.Abort()
	if after := read(t, target); len(after) != len(before) || after["a.html"] != "a" || after["b.html"] != "b" {
		t.Errorf("after a failed build: %v, want %v", after, before)
	}
	assertNoStaging(t, filepath.Dir(target))
}

// A build reports the site's files it wrote and kept, never the folder's marker: a rebuild
// of the same two files writes two and keeps two.
func TestCountsLeaveOutTheMarker(t *testing.T) {
	target := filepath.Join(t.TempDir(), "public")
	files := Files{"index.html": []byte("<p>uno</p>"), "assets/a.css": []byte("p{}")}
	for build, wantKept := range []int{0, 2} {
		st, err := NewStage(t.Context(), target, Site)
		if err != nil {
			t.Fatal(err)
		}
		for name, b := range files {
			if err := st.Put(name, b); err != nil {
				t.Fatal(err)
			}
		}
		if st.Count() != 2 || st.Kept() != wantKept {
			t.Errorf("build %d: %d written, %d kept; want 2 and %d", build+1, st.Count(), st.Kept(), wantKept)
		}
		if err := st.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(filepath.Join(target, Marker)); err != nil {
		t.Errorf("the marker: %v", err)
	}
}

package projectfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/requinoa/pauta/internal/procedure"
)

// project makes a project folder with a few files inside and one secret file outside it.
func project(t *testing.T) (root, secret string) {
	t.Helper()
	dir := t.TempDir()
	root = filepath.Join(dir, "proyecto")
	secret = filepath.Join(dir, "secreto.txt")
	for name, body := range map[string]string{
		"procedure.yaml":          "pauta: 1\n",
		"content/ayuda.md":        "# Ayuda\n",
		"themes/assets/pauta.css": "body{}\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(secret, []byte("root:x:0:0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root, secret
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// refused asserts err is a source error naming name and saying why.
func refused(t *testing.T, err error, name, why string) {
	t.Helper()
	var list procedure.ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("error = %v, want one source error", err)
	}
	if list[0].File != name || !strings.Contains(list[0].Msg, why) {
		t.Fatalf("error = %v, want it to name %s and say %q", err, name, why)
	}
}

func TestReadsTheProject(t *testing.T) {
	root, _ := project(t)
	// A link that stays inside the project is a file of the project.
	symlink(t, "../content/ayuda.md", filepath.Join(root, "themes", "ayuda.md"))
	symlink(t, "content", filepath.Join(root, "paginas"))
	if err := fstest.TestFS(New(root), "procedure.yaml", "content/ayuda.md", "themes/assets/pauta.css", "themes/ayuda.md"); err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(New(root), "paginas/ayuda.md")
	if err != nil || string(b) != "# Ayuda\n" {
		t.Fatalf("read through a link inside the project: %q, %v", b, err)
	}
}

func TestProjectReachedThroughALink(t *testing.T) {
	root, _ := project(t)
	link := filepath.Join(t.TempDir(), "atajo")
	symlink(t, root, link)
	if _, err := fs.ReadFile(New(link), "content/ayuda.md"); err != nil {
		t.Fatalf("a project opened through a link to its folder: %v", err)
	}
}

func TestLinksOutAreRefused(t *testing.T) {
	for _, tc := range []struct {
		name, link, target string // target "SECRET" is the file outside; "OUT" its folder
		read               string
	}{
		{"a page", "content/publicar.md", "SECRET", "content/publicar.md"},
		{"an asset", "themes/assets/x.txt", "SECRET", "themes/assets/x.txt"},
		{"a folder", "themes/assets/fuera", "OUT", "themes/assets/fuera/secreto.txt"},
		{"a relative link", "content/rel.md", "../../secreto.txt", "content/rel.md"},
		{"a link to a link", "content/b.md", "a.md", "content/b.md"},
		{"/dev/zero", "themes/assets/z.css", "/dev/zero", "themes/assets/z.css"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, secret := project(t)
			target := tc.target
			switch target {
			case "SECRET":
				target = secret
			case "OUT":
				target = filepath.Dir(secret)
			}
			if tc.name == "a link to a link" {
				symlink(t, secret, filepath.Join(root, "content", "a.md"))
			}
			symlink(t, target, filepath.Join(root, filepath.FromSlash(tc.link)))
			fsys := New(root)
			b, err := fs.ReadFile(fsys, tc.read)
			if err == nil {
				t.Fatalf("read %q through a link out of the project", b)
			}
			refused(t, err, tc.read, "lleva fuera del proyecto")
			if _, err := fs.Stat(fsys, tc.read); err == nil {
				t.Error("Stat follows the link out")
			}
		})
	}
}

func TestLinkedFolderOutIsNotListed(t *testing.T) {
	root, secret := project(t)
	symlink(t, filepath.Dir(secret), filepath.Join(root, "themes", "fuera"))
	_, err := fs.ReadDir(New(root), "themes/fuera")
	refused(t, err, "themes/fuera", "lleva fuera del proyecto")
}

func TestSizeLimit(t *testing.T) {
	root, _ := project(t)
	if err := os.WriteFile(filepath.Join(root, "content", "grande.md"), make([]byte, 101), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "content", "justo.md"), make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys := NewLimit(root, 100)
	_, err := fs.ReadFile(fsys, "content/grande.md")
	refused(t, err, "content/grande.md", "pesa más de 100 bytes")
	if b, err := fs.ReadFile(fsys, "content/justo.md"); err != nil || len(b) != 100 {
		t.Fatalf("a file of exactly the limit: %d bytes, %v", len(b), err)
	}
}

// TestGrowingFile: a file that grows past the limit after it was opened is cut off by its
// name, not read to the end.
func TestGrowingFile(t *testing.T) {
	root, _ := project(t)
	name := filepath.Join(root, "content", "crece.md")
	if err := os.WriteFile(name, make([]byte, 10), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := NewLimit(root, 100).Open("content/crece.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := os.WriteFile(name, make([]byte, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	total := 0
	for {
		n, err := f.Read(buf)
		total += n
		if err != nil {
			refused(t, err, "content/crece.md", "pesa más de 100 bytes")
			break
		}
	}
	if total > 100 {
		t.Errorf("read %d bytes past a limit of 100", total)
	}
}

func TestMissingAndInvalid(t *testing.T) {
	root, _ := project(t)
	fsys := New(root)
	if _, err := fsys.Open("content/no.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
	symlink(t, "nada.md", filepath.Join(root, "content", "roto.md"))
	if _, err := fsys.Open("content/roto.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dangling link: %v, want fs.ErrNotExist", err)
	}
	if _, err := fsys.Open("../secreto.txt"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("path with ..: %v, want fs.ErrInvalid", err)
	}
}

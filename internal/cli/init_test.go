package cli

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/testtool"
)

// particular is what a new project must never carry of the procedure pauta was made for.
var particular = regexp.MustCompile(`(?i)requ[ií]noa|anydesk|2387`)

// TestInitNeutralSite: a project started with pauta init, and the site built from it (pages,
// search index, schema, Akoma Ntoso XML, the text and metadata of both PDFs), name neither the
// municipality, nor the software, nor the decree of the procedure pauta was made for.
func TestInitNeutralSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nuevo")
	out := filepath.Join(t.TempDir(), "public")
	mustRun(t, ExitOK, "init", dir)
	mustRun(t, ExitOK, "build", "--src", dir, "--out", out)

	scan := func(root string) map[string]int {
		kinds := map[string]int{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			ext := filepath.Ext(p)
			kinds[ext]++
			if ext == ".pdf" {
				return nil // compressed: read through poppler below
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if m := particular.Find(b); m != nil {
				rel, _ := filepath.Rel(root, p)
				t.Errorf("%s contains %q", rel, m)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return kinds
	}
	scan(dir)
	kinds := scan(out)
	// Without these the scan would pass on a site that was never built.
	for _, ext := range []string{".html", ".js", ".xml", ".json", ".pdf"} {
		if kinds[ext] == 0 {
			t.Errorf("the site has no %s file: %v", ext, kinds)
		}
	}

	pdftotext := testtool.Require(t, "pdftotext", "poppler-utils")
	pdfinfo := testtool.Require(t, "pdfinfo", "poppler-utils")
	for _, name := range []string{"checklist.pdf", "decreto.pdf"} {
		pdf := filepath.Join(out, name)
		text, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", name, err)
		}
		info, err := exec.Command(pdfinfo, "-enc", "UTF-8", pdf).Output()
		if err != nil {
			t.Fatalf("pdfinfo %s: %v", name, err)
		}
		if !bytes.Contains(text, []byte("Municipalidad de Ejemplo")) {
			t.Errorf("%s: pdftotext finds no text of the project:\n%s", name, text)
		}
		if m := particular.Find(append(text, info...)); m != nil {
			t.Errorf("%s contains %q", name, m)
		}
	}
}

// TestInitCurrentFolder: without a folder, pauta init fills the current one when it is
// empty, and the project checks.
func TestInitCurrentFolder(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	got := mustRun(t, ExitOK, "init")
	if !strings.Contains(got, "la carpeta actual") {
		t.Errorf("message does not say where the project is:\n%s", got)
	}
	for _, name := range []string{procedure.DefaultFile, procedure.SchemaFile, procedure.GuideFile, "content/como-usar.md"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("init wrote no %s in the current folder", name)
		}
	}
	mustRun(t, ExitOK, "check")
}

// TestInitRefuses: a folder with files of its own, or a file, is not a place for a new
// project: exit 2, a message saying why and what to do, and nothing written.
func TestInitRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the argument
		want  []string
	}{
		{"folder with a file", func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "notas.txt"), "mis notas")
			return dir
		}, []string{"no está vacía", "notas.txt", "carpeta nueva"}},
		{"folder with an old project", func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, "procedure.yaml"), "pauta: 1\n")
			writeFile(t, filepath.Join(dir, "content", "a.md"), "# A\n")
			return dir
		}, []string{"no está vacía", "procedure.yaml", "content"}},
		{"a file", func(t *testing.T, dir string) string {
			f := filepath.Join(dir, "archivo.txt")
			writeFile(t, f, "x")
			return f
		}, []string{"no una carpeta"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			arg := tt.setup(t, dir)
			before := tree(t, dir)
			code, _, stderr := run(t, "init", arg)
			if code != ExitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, ExitUsage, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if after := tree(t, dir); after != before {
				t.Errorf("the refused folder changed:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

// TestInitHiddenFilesAccepted: a folder holding only hidden entries, as a repository just made
// with git init, takes the project and keeps them.
func TestInitHiddenFilesAccepted(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/main\n")
	writeFile(t, filepath.Join(dir, ".gitignore"), "public/\n")
	mustRun(t, ExitOK, "init", dir)
	if b, err := os.ReadFile(filepath.Join(dir, ".gitignore")); err != nil || string(b) != "public/\n" {
		t.Errorf(".gitignore changed: %q, %v", b, err)
	}
	mustRun(t, ExitOK, "check", "--src", dir)
}

// TestInitWritesSchemaAndGuide: the schema the first line of procedure.yaml points at is
// there, beside it, and is the one pauta generates; the guide is the one pauta formato prints.
func TestInitWritesSchemaAndGuide(t *testing.T) {
	for _, example := range []string{"", "requinoa"} {
		t.Run("ejemplo="+example, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "nuevo")
			args := []string{"init", dir}
			if example != "" {
				args = append(args, "--ejemplo", example)
			}
			mustRun(t, ExitOK, args...)
			src := readFile(t, filepath.Join(dir, procedure.DefaultFile))
			first, _, _ := strings.Cut(src, "\n")
			if first != "# yaml-language-server: $schema="+procedure.SchemaFile {
				t.Errorf("first line of procedure.yaml = %q, want the modeline naming %s", first, procedure.SchemaFile)
			}
			want, err := procedure.Schema()
			if err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, filepath.Join(dir, procedure.SchemaFile)); got != string(want) {
				t.Error("the schema written is not the one pauta generates")
			}
			if _, guide, _ := run(t, "formato"); readFile(t, filepath.Join(dir, procedure.GuideFile)) != guide {
				t.Errorf("%s is not the guide pauta formato prints", procedure.GuideFile)
			}
		})
	}
}

// TestInitExampleRequinoa: the real procedure stays available on request, as the repository
// holds it.
func TestInitExampleRequinoa(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "requinoa")
	mustRun(t, ExitOK, "init", "--ejemplo", "requinoa", dir)
	for _, name := range []string{procedure.DefaultFile, "content/como-usar.md", "content/publicar.md"} {
		if readFile(t, filepath.Join(dir, name)) != readFile(t, filepath.Join("..", "..", name)) {
			t.Errorf("%s differs from the repository's", name)
		}
	}
	mustRun(t, ExitOK, "check", "--src", dir)

	code, _, stderr := run(t, "init", "--ejemplo", "santiago", filepath.Join(t.TempDir(), "x"))
	if code != ExitUsage || !strings.Contains(stderr, "requinoa") {
		t.Errorf("unknown example: exit %d, stderr:\n%s\nwant exit %d naming the examples there are", code, stderr, ExitUsage)
	}
}

// TestFormatPrintsGuide: pauta formato (and its English name) prints the guide.
func TestFormatPrintsGuide(t *testing.T) {
	for _, name := range []string{"formato", "format"} {
		code, got, stderr := run(t, name)
		if code != ExitOK || got != string(procedure.Guide()) || stderr != "" {
			t.Errorf("pauta %s: exit %d, printed %d bytes, not the guide; stderr: %s", name, code, len(got), stderr)
		}
	}
}

// TestInitUndo: when a project cannot be written whole, what was written is taken back, and
// the folder is as it was: a half project would pass for a whole one.
func TestInitUndo(t *testing.T) {
	parent := t.TempDir()
	writeFile(t, filepath.Join(parent, ".git", "HEAD"), "x")
	before := tree(t, parent)
	w := &newFiles{dir: parent}
	for _, name := range []string{"procedure.yaml", "content/a.md", "content/sub/b.md"} {
		if err := w.write(name, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.write("content/a.md", []byte("y")); err == nil {
		t.Fatal("a second write of the same file overwrote it")
	}
	w.undo()
	if after := tree(t, parent); after != before {
		t.Errorf("after undo:\n%s\nwant:\n%s", after, before)
	}
	if _, err := os.Stat(filepath.Join(parent, "content")); !os.IsNotExist(err) {
		t.Errorf("the folder content/ made for the project is still there: %v", err)
	}
}

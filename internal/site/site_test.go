package site

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/requinoa/pauta/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func render(t *testing.T, src string) *Site {
	t.Helper()
	s, err := Render(context.Background(), os.DirFS(src), Options{})
	if err != nil {
		t.Fatalf("render %s: %v", src, err)
	}
	return s
}

// TestGolden compares the HTML pages of a small project with reviewed copies. Run
// `go test ./internal/site -run TestGolden -update` after an intended change, and read the diff.
func TestGolden(t *testing.T) {
	s := render(t, "../../testdata/projects/minimal")
	for _, name := range s.Files.Paths() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			testtool.Golden(t, filepath.Join("testdata", "golden", "minimal", name), s.Files[name], *update)
		})
	}
}

// TestDeterministic: the same source gives byte-identical files, build after build.
func TestDeterministic(t *testing.T) {
	out1, out2 := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, out := range []string{out1, out2} {
		if _, err := Build(context.Background(), os.DirFS("../.."), out, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	a, b := readTree(t, out1), readTree(t, out2)
	if len(a) != len(b) {
		t.Fatalf("%d files vs %d", len(a), len(b))
	}
	for name, body := range a {
		if !bytes.Equal(body, b[name]) {
			t.Errorf("%s differs between two builds of the same source", name)
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestThemeOverride: a project's themes/ file replaces the default one of the same name and
// leaves the others.
func TestThemeOverride(t *testing.T) {
	src := fstest.MapFS{}
	for _, name := range []string{"procedure.yaml", "content/ayuda.md"} {
		b, err := os.ReadFile(filepath.Join("../../testdata/projects/minimal", name))
		if err != nil {
			t.Fatal(err)
		}
		src[name] = &fstest.MapFile{Data: b}
	}
	src["themes/assets/pauta.css"] = &fstest.MapFile{Data: []byte("/* colores municipales */\nbody { color: #123; }\n")}
	src["themes/page.html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}<article class="propia"><h1>{{.Page.Title}}</h1>{{.Page.Body}}</article>{{end}}`)}
	s, err := Render(context.Background(), src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(s.Files["assets/pauta.css"]); got != "body { color: #123; }\n" {
		t.Errorf("pauta.css = %q, want the project's", got)
	}
	if !strings.Contains(string(s.Files["ayuda.html"]), `<article class="propia">`) {
		t.Error("the project's page.html was not used")
	}
	if !strings.Contains(string(s.Files["index.html"]), `class="manual"`) {
		t.Error("the default manual.html should still render the manual")
	}
	if _, ok := s.Files["assets/pauta.js"]; !ok {
		t.Error("default assets must remain beside the overridden one")
	}
}

// TestVersionCodeOnEveryPage: each page names the approving decree and prints the version code.
func TestVersionCodeOnEveryPage(t *testing.T) {
	s := render(t, "../..")
	for _, name := range s.Files.Paths() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		body := string(s.Files[name])
		for _, want := range []string{s.Procedure.Code, "Decreto Alcaldicio N°\u00a02387 del 2 de agosto de 2024", "vigente desde el 2 de agosto de 2024"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s does not show %q", name, want)
			}
		}
	}
}

// TestDraft: --borrador marks every page.
func TestDraft(t *testing.T) {
	s, err := Render(context.Background(), os.DirFS("../../testdata/projects/minimal"), Options{Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range s.Files.Paths() {
		if strings.HasSuffix(name, ".html") && !strings.Contains(string(s.Files[name]), "BORRADOR — sin validez") {
			t.Errorf("%s lacks the draft banner", name)
		}
	}
}

// TestPublishedSiteLayout: a site with a published version has the version in force at the
// root and again under v/<id>/, each page linking from where it sits, and the parts that do
// not depend on the place (index, PDFs, export) at both.
func TestPublishedSiteLayout(t *testing.T) {
	s := render(t, "../..")
	if len(s.Versions) == 0 {
		t.Fatal("the seed has no published version")
	}
	v := "v/" + s.Versions[len(s.Versions)-1].ID + "/"
	for name, wantLink := range map[string]string{
		"index.html":       `href="versiones.html"`,
		"decreto.html":     `href="versiones.html"`,
		v + "index.html":   `href="../../versiones.html"`,
		v + "decreto.html": `href="../../versiones.html"`,
	} {
		body, ok := s.Files[name]
		if !ok {
			t.Errorf("%s missing", name)
			continue
		}
		if !strings.Contains(string(body), wantLink) {
			t.Errorf("%s does not link to the versions page with %s", name, wantLink)
		}
	}
	for _, shared := range []string{"decreto.pdf", "checklist.pdf", "akn.xml", "assets/search-index.js"} {
		if _, ok := s.Files[shared]; !ok {
			t.Errorf("%s missing at the root", shared)
		}
		if _, ok := s.Files[v+shared]; !ok {
			t.Errorf("%s missing under %s", shared, v)
		}
	}
}

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/requinoa/pauta/internal/browsertest"
)

func mustRun(t *testing.T, want int, args ...string) string {
	t.Helper()
	code, stdout, stderr := run(t, args...)
	if code != want {
		t.Fatalf("pauta %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, want, stdout, stderr)
	}
	return stdout + stderr
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPublishSecondVersion walks the Secretaría's path: publish the first decree, change a
// step, publish the second, and check what readers and auditors see.
func TestPublishSecondVersion(t *testing.T) {
	dir := newProject(t)
	yaml := filepath.Join(dir, "procedure.yaml")
	out := filepath.Join(t.TempDir(), "public")

	got := mustRun(t, ExitOK, "publish", "--src", dir, "--decreto", "10", "--fecha", "2025-03-04")
	if !strings.Contains(got, "Publicada la versión 2025-10") {
		t.Fatalf("publish said: %s", got)
	}
	first := filepath.Join(dir, "content/versiones/2025-10")
	frozen := tree(t, first)
	mustRun(t, ExitOK, "build", "--src", dir, "--out", out)
	oldCode := strings.TrimSpace(strings.Split(strings.Split(readFile(t, filepath.Join(first, "version.json")), `"code": "`)[1], `"`)[0])

	// The same text again is a no-op; the decree must match procedure.yaml.
	if got := mustRun(t, ExitOK, "publicar", "--src", dir, "--decreto", "10", "--fecha", "2025-03-04"); !strings.Contains(got, "ya estaba publicada") {
		t.Errorf("republishing the same text: %s", got)
	}
	mustRun(t, ExitSource, "publish", "--src", dir, "--decreto", "11", "--fecha", "2025-03-04")

	// A second version: a reworded item, a new step, a new decree.
	edit(t, yaml, "text: Hacer algo.", "text: Hacer algo distinto y registrarlo.")
	edit(t, yaml, "  number: 10", "  number: 11")
	edit(t, yaml, "  date: 2025-03-04", "  date: 2025-06-01")
	edit(t, yaml, "checklist:\n", `        - id: segundo
          title: Segundo paso
          text: Cerrar la sesión.
checklist:
`)
	// Republishing decree 10 with this other text is refused, and nothing changes.
	edit(t, yaml, "  number: 11", "  number: 10")
	edit(t, yaml, "  date: 2025-06-01", "  date: 2025-03-04")
	if got := mustRun(t, ExitSource, "publish", "--src", dir, "--decreto", "10", "--fecha", "2025-03-04"); !strings.Contains(got, "ya está publicada con otro texto") {
		t.Errorf("republishing other content: %s", got)
	}
	// A date before the version in force is refused.
	edit(t, yaml, "  number: 10", "  number: 9")
	edit(t, yaml, "  date: 2025-03-04", "  date: 2025-01-02")
	if got := mustRun(t, ExitSource, "publish", "--src", dir, "--decreto", "9", "--fecha", "2025-01-02"); !strings.Contains(got, "anterior a la versión vigente") {
		t.Errorf("publishing an older date: %s", got)
	}
	edit(t, yaml, "  number: 9", "  number: 11")
	edit(t, yaml, "  date: 2025-01-02", "  date: 2025-06-01")
	// Unpublished changes are announced by build, and shown by a draft build.
	if got := mustRun(t, ExitOK, "build", "--src", dir, "--out", out); !strings.Contains(got, "cambios sin publicar") {
		t.Errorf("build does not mention the unpublished changes: %s", got)
	}
	draft := filepath.Join(t.TempDir(), "borrador")
	mustRun(t, ExitOK, "build", "--borrador", "--src", dir, "--out", draft)
	if b := readFile(t, filepath.Join(draft, "index.html")); !strings.Contains(b, "BORRADOR — sin validez") || !strings.Contains(b, "registrarlo") {
		t.Error("the draft build does not show the prepared text with its banner")
	}

	mustRun(t, ExitOK, "publish", "--src", dir, "--decreto", "11", "--fecha", "2025-06-01")
	mustRun(t, ExitOK, "build", "--src", dir, "--out", out)

	if after := tree(t, first); after != frozen {
		t.Errorf("the first published version changed:\nbefore:\n%s\nafter:\n%s", frozen, after)
	}
	for _, f := range []string{"index.html", "decreto.html", "checklist.pdf", "decreto.pdf", "akn.xml"} {
		for _, v := range []string{"2025-10", "2025-11"} {
			if _, err := os.Stat(filepath.Join(out, "v", v, f)); err != nil {
				t.Errorf("version %s lacks %s", v, f)
			}
		}
	}
	oldPage := readFile(t, filepath.Join(out, "v/2025-10/index.html"))
	for _, want := range []string{"No vigente — reemplazada por el Decreto Alcaldicio N°\u00a011 del 1 de junio de 2025", `href="../../index.html"`, "Hacer algo."} {
		if !strings.Contains(oldPage, want) {
			t.Errorf("old version's manual lacks %q", want)
		}
	}
	root := readFile(t, filepath.Join(out, "index.html"))
	if !strings.Contains(root, "Hacer algo distinto y registrarlo.") || !strings.Contains(root, "Versión vigente desde el 1 de junio de 2025") {
		t.Error("the root does not show the version in force and since when")
	}
	cmp := readFile(t, filepath.Join(out, "comparado-2025-10-2025-11.html"))
	for _, want := range []string{"Hacer algo <ins>distinto y registrarlo</ins>.", "<del>10</del> <ins>11</ins>", "Segundo paso", "añadido"} {
		if !strings.Contains(cmp, want) {
			t.Errorf("comparison lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "comparado-2025-10-2025-11.pdf")); err != nil {
		t.Error("no comparison PDF")
	}
	versions := readFile(t, filepath.Join(out, "versiones.html"))
	if !strings.Contains(versions, "Reemplazada") || !strings.Contains(versions, "Vigente") {
		t.Error("versions page lacks the statuses")
	}
	if csv := readFile(t, filepath.Join(out, "transparencia.csv")); !strings.Contains(csv, "Decreto alcaldicio,11,2025-06-01") {
		t.Errorf("transparency CSV:\n%s", csv)
	}

	// verify answers for both codes, and for a PDF.
	if got := mustRun(t, ExitOK, "verify", "--src", dir, oldCode); !strings.Contains(got, "no vigente") || !strings.Contains(got, "reemplazada por la versión 2025-11") {
		t.Errorf("verify old code: %s", got)
	}
	if got := mustRun(t, ExitOK, "verify", "--src", dir, filepath.Join(out, "checklist.pdf")); !strings.Contains(got, "versión 2025-11") || !strings.Contains(got, "vigente desde") {
		t.Errorf("verify new PDF: %s", got)
	}
	if got := mustRun(t, ExitOK, "verify", "--src", dir, filepath.Join(out, "v/2025-10/decreto.pdf")); !strings.Contains(got, oldCode) {
		t.Errorf("verify old PDF: %s", got)
	}
	mustRun(t, ExitSource, "verify", "--src", dir, "0000-0000")

	// diff for any pair, as text and as a page.
	diffOut := filepath.Join(t.TempDir(), "cmp")
	if got := mustRun(t, ExitOK, "diff", "--src", dir, "2025-10", "2025-11", "-o", diffOut); !strings.Contains(got, "Hacer algo {+distinto y registrarlo+}.") {
		t.Errorf("diff text: %s", got)
	}
	if _, err := os.Stat(filepath.Join(diffOut, "index.html")); err != nil {
		t.Error("diff -o wrote no page")
	}
}

func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nuevo")
	mustRun(t, ExitOK, "init", dir)
	mustRun(t, ExitOK, "check", "--src", dir)
	mustRun(t, ExitUsage, "init", dir)
}

// twoVersionsSite publishes a new project as decree 10 of 2025-03-04, with oldText in place
// of its step "Hacer algo." when oldText is given, then as decree 11 of 2025-06-01 with the
// step as it was, and builds the site; it returns the site's folder.
func twoVersionsSite(t *testing.T, oldText string) string {
	t.Helper()
	dir := newProject(t)
	yaml := filepath.Join(dir, "procedure.yaml")
	out := filepath.Join(t.TempDir(), "public")
	if oldText != "" {
		edit(t, yaml, "text: Hacer algo.", "text: "+oldText)
	}
	mustRun(t, ExitOK, "publish", "--src", dir, "--decreto", "10", "--fecha", "2025-03-04")
	if oldText != "" {
		edit(t, yaml, "text: "+oldText, "text: Hacer algo.")
	}
	edit(t, yaml, "  number: 10", "  number: 11")
	edit(t, yaml, "  date: 2025-03-04", "  date: 2025-06-01")
	mustRun(t, ExitOK, "publish", "--src", dir, "--decreto", "11", "--fecha", "2025-06-01")
	mustRun(t, ExitOK, "build", "--src", dir, "--out", out)
	return out
}

// TestReplacedVersionLinksSameSection opens a replaced version's section in Chromium from
// disk: its notice leads to the same section of the version in force.
func TestReplacedVersionLinksSameSection(t *testing.T) {
	out := twoVersionsSite(t, "")

	b := browsertest.New(t)
	tab := browsertest.Tab(t, b, 60*time.Second)
	page := "file://" + filepath.Join(out, "v/2025-10/index.html") + "#primero"
	if err := chromedp.Do(tab, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	href, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector(".estado-reemplazada a").href`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "file://" + filepath.Join(out, "index.html") + "#primero"; href != want {
		t.Errorf("notice links to %s, want %s", href, want)
	}
}

// TestSearchAllVersions: the search page of the version in force finds, on request, the text
// of a replaced version, with a link into that version's own pages.
func TestSearchAllVersions(t *testing.T) {
	out := twoVersionsSite(t, "Registrar la bitácora antigua.")

	b := browsertest.New(t)
	tab := browsertest.Tab(t, b, 60*time.Second)
	base := "file://" + filepath.Join(out, "buscar.html")
	// Without the option, only the version being read is searched.
	if err := chromedp.Do(tab, chromedp.Navigate(base+"?q=bitacora")); err != nil {
		t.Fatal(err)
	}
	n, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("#resultados a").length`))
	if err != nil || n != 0 {
		t.Errorf("the version in force has no 'bitácora', yet %d results (%v)", n, err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(base+"?q=bitacora&todas=1")); err != nil {
		t.Fatal(err)
	}
	var hrefs []string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		hrefs, err = chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#resultados-otras a"), a => a.getAttribute("href"))`))
		if err == nil && len(hrefs) > 0 {
			break
		}
	}
	if len(hrefs) == 0 || !strings.HasPrefix(hrefs[0], "v/2025-10/index.html") || !strings.HasSuffix(hrefs[0], "#primero") {
		t.Errorf("results in other versions: %v (%v)", hrefs, err)
	}
	text, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("resultados-otras").innerText`))
	if !strings.Contains(text, "Versión 2025-10 (reemplazada)") {
		t.Errorf("a result from another version does not say which: %q", text)
	}
}

// A help page edited since publication is an unpublished change that build names, and that
// comparar lists, though the approved text is the same.
func TestUnpublishedPageChange(t *testing.T) {
	dir := t.TempDir()
	if err := copyDir("../../content", filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	// The text and the pages as published, so that only the page edited below differs.
	for _, f := range []string{"procedure.yaml", "content/como-usar.md", "content/publicar.md"} {
		frozen, err := os.ReadFile(filepath.Join(dir, "content/versiones/2024-2387", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), frozen, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if got := mustRun(t, ExitOK, "build", "--src", dir, "--out", out); strings.Contains(got, "cambios sin publicar") {
		t.Fatalf("the published text and pages read as a change: %s", got)
	}
	page := filepath.Join(dir, "content", "publicar.md")
	edit(t, page, "# ", "# Cómo ")
	if got := mustRun(t, ExitOK, "build", "--src", dir, "--out", out); !strings.Contains(got, "sus páginas (content/publicar.md) tienen cambios sin publicar") {
		t.Errorf("build does not name the edited page: %s", got)
	}
	if got := mustRun(t, ExitOK, "comparar", "2024-2387", "borrador", "--src", dir); !strings.Contains(got, "Sin cambios en el texto.") ||
		!strings.Contains(got, "Páginas de ayuda con cambios: content/publicar.md.") {
		t.Errorf("comparar does not list the edited page: %s", got)
	}
}

package cli

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
)

// publishedCode reads the code a published version recorded.
func publishedCode(t *testing.T, dir, id string) string {
	t.Helper()
	var meta struct{ Code string }
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "content/versiones", id, "version.json"))), &meta); err != nil {
		t.Fatal(err)
	}
	return meta.Code
}

// everyPage returns the text of each page of the PDF at path.
func everyPage(t *testing.T, path string) []string {
	t.Helper()
	info := pdftest.PDFInfo(t, path)
	var pages []string
	for i := 1; i <= info.Pages; i++ {
		pages = append(pages, pdftest.Text(t, path, fmt.Sprint(i)))
	}
	return pages
}

// TestReplacedVersionPapers: every page of both PDFs of a replaced version says it is no
// longer in force and by which decree, with its own version code; the pages of that version
// label their downloads the same way and offer the checklist in force. The papers in force
// carry no such mark.
func TestReplacedVersionPapers(t *testing.T) {
	dir := newProject(t)
	publishDecree(t, ExitOK, dir, "10", "2025-03-04")
	edit(t, filepath.Join(dir, "procedure.yaml"), "text: Hacer algo.", "text: Hacer otra cosa.")
	publishDecree(t, ExitOK, dir, "11", "2025-06-01")
	out := filepath.Join(t.TempDir(), "public")
	mustRun(t, ExitOK, "build", "--src", dir, "--out", out)
	oldCode, newCode := publishedCode(t, dir, "2025-10"), publishedCode(t, dir, "2025-11")

	notice := "NO VIGENTE — reemplazada por el Decreto Alcaldicio N° 11 del 01-06-2025"
	for _, f := range []string{"v/2025-10/checklist.pdf", "v/2025-10/decreto.pdf"} {
		pages := everyPage(t, filepath.Join(out, f))
		for i, text := range pages {
			if !strings.Contains(text, notice) || !strings.Contains(text, pdfdoc.VersionLine(oldCode)) {
				t.Errorf("%s page %d of %d lacks the notice or the code %s: %s", f, i+1, len(pages), oldCode, text)
			}
		}
	}
	for _, f := range []string{"v/2025-11/checklist.pdf", "v/2025-11/decreto.pdf", "checklist.pdf", "decreto.pdf"} {
		for i, text := range everyPage(t, filepath.Join(out, f)) {
			if strings.Contains(text, pdfdoc.ReplacedMark) || !strings.Contains(text, pdfdoc.VersionLine(newCode)) {
				t.Errorf("%s page %d: %s", f, i+1, text)
			}
		}
	}
	inForceLink := regexp.MustCompile(`<a href="../../checklist.pdf" download>Lista de verificación vigente \(PDF\)</a>`)
	for _, f := range []string{"v/2025-10/index.html", "v/2025-10/decreto.html"} {
		page := readFile(t, filepath.Join(out, f))
		if !inForceLink.MatchString(page) {
			t.Errorf("%s does not offer the checklist in force", f)
		}
		// The page dates the decree as its running text does.
		onPage := "NO VIGENTE — reemplazada por el Decreto Alcaldicio N°\u00a011 del 1 de junio de 2025"
		if n := strings.Count(page, onPage); n < 2 {
			t.Errorf("%s labels %d of its 2 downloads %q", f, n, onPage)
		}
	}
	for _, f := range []string{"index.html", "v/2025-11/index.html"} {
		if page := readFile(t, filepath.Join(out, f)); strings.Contains(page, pdfdoc.ReplacedMark) {
			t.Errorf("%s, in force, says %s", f, pdfdoc.ReplacedMark)
		}
	}
}

// TestChecklistPrintsVersionInForce: what a technician prints by default is the version in
// force, even while procedure.yaml has unpublished changes; --borrador prints those, marked;
// with nothing published, the prepared text is printed as a draft, with a warning.
func TestChecklistPrintsVersionInForce(t *testing.T) {
	dir := newProject(t)
	pdf := filepath.Join(t.TempDir(), "lista.pdf")
	draftOnly := func(what string) {
		t.Helper()
		for i, text := range everyPage(t, pdf) {
			if !strings.Contains(text, pdfdoc.DraftText) || strings.Contains(text, "aprobado por") {
				t.Errorf("%s, page %d: %s", what, i+1, text)
			}
		}
	}

	_, _, stderr := run(t, "checklist", "--src", dir, "-o", pdf)
	if !strings.Contains(stderr, "aún no hay ninguna versión publicada") {
		t.Errorf("nothing published, stderr: %s", stderr)
	}
	draftOnly("nothing published")

	publishDecree(t, ExitOK, dir, "10", "2025-03-04")
	code := publishedCode(t, dir, "2025-10")
	edit(t, filepath.Join(dir, "procedure.yaml"), "text: Se hizo algo", "text: Se hizo otra cosa")
	_, _, stderr = run(t, "checklist", "--src", dir, "-o", pdf)
	if !strings.Contains(stderr, "se imprime la versión vigente 2025-10") || !strings.Contains(stderr, "(versión "+code+")") {
		t.Errorf("unpublished changes, stderr: %s", stderr)
	}
	for i, text := range everyPage(t, pdf) {
		for _, want := range []string{"Procedimiento aprobado por Decreto Alcaldicio N° 10 del 04-03-2025", pdfdoc.VersionLine(code), "Se hizo algo"} {
			if !strings.Contains(text, want) {
				t.Errorf("page %d lacks %q", i+1, want)
			}
		}
		if strings.Contains(text, "otra cosa") || strings.Contains(text, pdfdoc.DraftText) {
			t.Errorf("page %d prints the unpublished text: %s", i+1, text)
		}
	}
	if got := mustRun(t, ExitOK, "verify", "--src", dir, pdf); !strings.Contains(got, "vigente") {
		t.Errorf("verify of the printed checklist: %s", got)
	}

	mustRun(t, ExitOK, "checklist", "--src", dir, "--borrador", "-o", pdf)
	draftOnly("--borrador")
	if text := pdftest.Text(t, pdf, ""); !strings.Contains(text, "otra cosa") {
		t.Errorf("--borrador does not print the prepared text: %s", text)
	}
}

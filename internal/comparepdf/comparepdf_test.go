package comparepdf

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/versions"
)

// edit applies replacements to src, failing the test when one does not apply, so a change to
// the minimal project cannot silently empty the comparison.
func edit(t *testing.T, src string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(src, pairs[i]) {
			t.Fatalf("the minimal project has no %q to replace", pairs[i])
		}
		src = strings.Replace(src, pairs[i], pairs[i+1], 1)
	}
	return src
}

func loadSrc(t *testing.T, src string) *procedure.Procedure {
	t.Helper()
	p, err := procedure.Load(fstest.MapFS{
		"procedure.yaml":   {Data: []byte(src)},
		"content/ayuda.md": {Data: []byte("# Ayuda\n\nTexto de ayuda.\n")},
	}, procedure.DefaultFile)
	if err != nil {
		t.Fatalf("loading:\n%v", err)
	}
	return p
}

// pair builds two versions from the minimal project: the older one with a second item and a
// scope section, the newer one with a changed item, an added step, the second item removed,
// the scope section moved after the steps, and a new decree number and date.
func pair(t *testing.T) *versions.Comparison {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/projects/minimal/procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	old := edit(t, string(raw),
		"            - id: primero-a\n              text: Hacer algo.\n",
		"            - id: primero-a\n              text: Hacer algo.\n            - id: primero-b\n              text: Anotar el resultado en el libro de novedades.\n",
		"    - id: pasos\n",
		"    - id: alcance\n      title: Alcance\n      text: Aplica al personal de soporte.\n    - id: pasos\n",
	)
	cur := edit(t, old,
		"number: 10", "number: 11",
		"date: 2025-03-04", "date: 2025-06-05",
		"text: Hacer algo.", "text: Realizar algo con cuidado y dejar registro escrito.",
		"            - id: primero-b\n              text: Anotar el resultado en el libro de novedades.\n", "",
		"    - id: alcance\n      title: Alcance\n      text: Aplica al personal de soporte.\n", "",
	)
	cur = edit(t, cur,
		"checklist:\n",
		"        - id: segundo\n          title: Segundo paso\n          text: Revisar el trabajo con el usuario antes de cerrar.\n"+
			"    - id: alcance\n      title: Alcance\n      text: Aplica al personal de soporte.\n"+
			"checklist:\n",
	)
	return versions.Compare(loadSrc(t, old), loadSrc(t, cur))
}

func TestPairHasEveryKind(t *testing.T) {
	cmp := pair(t)
	for _, k := range []versions.Kind{versions.Added, versions.Removed, versions.Moved, versions.Changed} {
		if cmp.Count(k) == 0 {
			t.Errorf("the test pair has no %s part: the PDF test would not cover it", k)
		}
	}
}

func renderFile(t *testing.T, cmp *versions.Comparison, opt Options) (string, []byte) {
	t.Helper()
	b, err := Render(cmp, opt)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return pdftest.File(t, "comparado.pdf", b), b
}

// TestContent reads the PDF back as text: both versions named with their codes, the summary,
// and every change with its old and new words.
func TestContent(t *testing.T) {
	cmp := pair(t)
	path, _ := renderFile(t, cmp, Options{})
	pdftest.QPDFCheck(t, path)
	text := pdftest.Text(t, path, "")
	want := []string{
		"Texto comparado",
		"Versión anterior", cmp.Old.Decree.Citation(), "código " + cmp.Old.Code,
		"Versión nueva", cmp.New.Decree.Citation(), "código " + cmp.New.Code,
		"Resumen de los cambios",
		// The changed item, old and new words in reading order.
		"Hacer Realizar algo con cuidado y dejar registro escrito.",
		// The removed item, the added step, the moved section and where it was.
		"Anotar el resultado en el libro de novedades.",
		"Segundo paso — Revisar el trabajo con el usuario antes de cerrar.",
		"Antes en: el mismo lugar, en otro orden",
		"MODIFICADO", "AÑADIDO", "ELIMINADO", "MOVIDO",
		"DECRETO ALCALDICIO N° 10", "N° 11",
		"Página 1 de",
		"Versión anterior " + cmp.Old.Code + " · versión nueva " + cmp.New.Code,
	}
	for _, s := range want {
		if !strings.Contains(text, s) {
			t.Errorf("the PDF text lacks %q", s)
		}
	}
	for _, k := range []versions.Kind{versions.Added, versions.Removed, versions.Moved, versions.Changed} {
		words := strings.SplitN(plural(cmp.Count(k), k), " ", 2)
		if !strings.Contains(text, words[1]) {
			t.Errorf("the summary lacks %q", words[1])
		}
	}
	for _, f := range pdftest.Fonts(t, path) {
		if !f.Embedded {
			t.Errorf("font %s is not embedded", f.Name)
		}
	}
	if info := pdftest.PDFInfo(t, path); info.Width < 611 || info.Width > 613 || info.Height < 791 || info.Height > 793 {
		t.Errorf("page is %.0f × %.0f pt, want carta (612 × 792)", info.Width, info.Height)
	}
}

func TestDeterministic(t *testing.T) {
	cmp := pair(t)
	_, a := renderFile(t, cmp, Options{})
	_, b := renderFile(t, cmp, Options{})
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same comparison differ")
	}
}

func TestDraft(t *testing.T) {
	path, _ := renderFile(t, pair(t), Options{Draft: true})
	if text := pdftest.Text(t, path, "1"); !strings.Contains(text, pdfdoc.DraftText) {
		t.Errorf("a draft's first page does not say %q", pdfdoc.DraftText)
	}
}

// TestLongChange: a change longer than a page flows onto the next pages, with the running head
// and the footer on each.
func TestLongChange(t *testing.T) {
	cmp := pair(t)
	long := strings.Repeat("palabra antigua ", 900)
	longer := strings.Repeat("palabra nueva ", 900)
	cmp.Changes = append(cmp.Changes, versions.Change{ID: "largo", Part: "Sección", Where: "Manual", Kinds: []versions.Kind{versions.Changed},
		Diff: versions.WordDiff(long, longer), Manual: true})
	path, _ := renderFile(t, cmp, Options{})
	pdftest.QPDFCheck(t, path)
	info := pdftest.PDFInfo(t, path)
	if info.Pages < 3 {
		t.Fatalf("%d pages, want the long change to run over several", info.Pages)
	}
	last := pdftest.Text(t, path, "3")
	if !strings.Contains(last, "Texto comparado: ") || !strings.Contains(last, "Página 3 de") {
		t.Errorf("page 3 lacks the running head or the footer:\n%s", last)
	}
}

func TestNoChanges(t *testing.T) {
	cmp := pair(t)
	same := versions.Compare(cmp.New, cmp.New)
	path, _ := renderFile(t, same, Options{})
	if text := pdftest.Text(t, path, ""); !strings.Contains(text, "Las dos versiones tienen el mismo texto.") {
		t.Errorf("an empty comparison does not say so:\n%s", text)
	}
}

func TestNilComparison(t *testing.T) {
	if _, err := Render(&versions.Comparison{}, Options{}); err == nil {
		t.Fatal("Render accepted a comparison without versions")
	}
}

// TestMarksAreDrawn looks at the rendered page, as a reader of a black and white copy does: a
// deleted word has a rule through its middle, an inserted word a rule under it, and a kept word
// neither.
func TestMarksAreDrawn(t *testing.T) {
	path, _ := renderFile(t, pair(t), Options{})
	const dpi = 150
	f, err := os.Open(pdftest.PNG(t, path, 1, dpi))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	words := pdftest.Words(t, path)
	tests := []struct {
		word string
		want string // "strike", "underline" or "none"
	}{
		{"Hacer", "strike"},
		{"Realizar", "underline"},
		{"cuidado", "underline"},
		{"algo", "none"},
		{"Anotar", "strike"},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			var box *pdftest.Word
			for i, w := range words {
				if w.Page == 1 && w.Text == tt.word {
					box = &words[i]
					break
				}
			}
			if box == nil {
				t.Fatalf("%q is not on page 1", tt.word)
			}
			if got := ruleThrough(img, *box, dpi); got != tt.want {
				t.Errorf("%q has %s, want %s", tt.word, got, tt.want)
			}
		})
	}
}

// ruleThrough finds a dark horizontal rule spanning the word's box: in its upper three
// quarters it strikes the word through, below that it underlines it.
func ruleThrough(img image.Image, w pdftest.Word, dpi float64) string {
	px := func(pt float64) int { return int(pt * dpi / 72) }
	x0, x1 := px(w.XMin)+1, px(w.XMax)-1
	y0, y1 := px(w.YMin), px(w.YMax)+2
	for y := y0; y <= y1; y++ {
		dark := 0
		for x := x0; x <= x1; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if (r+g+b)/3 < 0x8000 {
				dark++
			}
		}
		if x1 > x0 && float64(dark) >= 0.95*float64(x1-x0+1) {
			if float64(y-y0) < 0.75*float64(px(w.YMax)-y0) {
				return "strike"
			}
			return "underline"
		}
	}
	return "none"
}

// TestWords: a diff becomes words and marked runs as a reader expects them on paper.
func TestWords(t *testing.T) {
	const same, del, ins = versions.Same, versions.Deleted, versions.Inserted
	tests := []struct {
		name string
		segs []versions.Segment
		want string // [-deleted-] {+inserted+}
	}{
		{"replaced word", []versions.Segment{{Op: del, Text: "Hacer"}, {Op: ins, Text: "Realizar"}, {Op: same, Text: " algo"}},
			"[-Hacer-] {+Realizar+} algo"},
		{"punctuation stays with its word", []versions.Segment{{Op: same, Text: "algo "}, {Op: ins, Text: "con cuidado"}, {Op: same, Text: "."}},
			"algo {+con cuidado+}."},
		{"a deleted phrase does not strike the space after a kept word",
			[]versions.Segment{{Op: same, Text: "final"}, {Op: del, Text: " proporcionado por"}, {Op: ins, Text: ", que"}, {Op: same, Text: " este"}},
			"final [-proporcionado por-]{+, que+} este"},
		{"numbers replaced", []versions.Segment{{Op: same, Text: "N° "}, {Op: del, Text: "10"}, {Op: ins, Text: "11"}, {Op: same, Text: " /"}},
			"N° [-10-] {+11+} /"},
		{"line breaks are spaces", []versions.Segment{{Op: same, Text: "uno\ndos\ttres"}}, "uno dos tres"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			for _, r := range runs(segmentWords(tt.segs)) {
				switch r.op {
				case del:
					b.WriteString("[-" + r.text + "-]")
				case ins:
					b.WriteString("{+" + r.text + "+}")
				default:
					b.WriteString(r.text)
				}
			}
			if got := b.String(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

package decreepdf_test

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/decreepdf"
	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
	"github.com/requinoa/pauta/internal/procedure"
)

// The layout tests read positions back from the PDF with pdftotext -bbox, in points from the
// top of the page, as a reader's software sees them.

const deepDir = "../../testdata/projects/deep"

func loadDir(t *testing.T, dir string) *procedure.Procedure {
	t.Helper()
	p, err := procedure.Load(os.DirFS(dir), procedure.DefaultFile)
	if err != nil {
		t.Fatalf("loading %s: %v", dir, err)
	}
	return p
}

// layouts are decrees of different lengths, so the end of the act falls at different places:
// on the first page, at its foot, on a page of its own.
func layouts(t *testing.T) []struct {
	name string
	p    *procedure.Procedure
} {
	seed := func(edit func(d *procedure.Decree)) *procedure.Procedure {
		p := load(t)
		edit(&p.Decree)
		return p
	}
	out := []struct {
		name string
		p    *procedure.Procedure
	}{
		{"seed", load(t)},
		{"deep", loadDir(t, deepDir)},
		{"seed without distribution", seed(func(d *procedure.Decree) { d.Distribution = nil })},
		{"seed without initials or distribution", seed(func(d *procedure.Decree) { d.Distribution, d.Initials = nil, "" })},
		{"seed numbered", seed(func(d *procedure.Decree) { d.Numbering.Vistos, d.Numbering.Considerando = true, true })},
	}
	// One CONSIDERANDO of one line after another moves the end of the act down the first
	// page a line at a time, through every place it can fall, the foot of the page too.
	for k := 0; k <= 14; k++ {
		// With the distribution the end of the act takes a third of a page: it goes to the
		// second page whatever the first holds.
		dists := []bool{false}
		if k == 0 {
			dists = append(dists, true)
		}
		for _, dist := range dists {
			out = append(out, struct {
				name string
				p    *procedure.Procedure
			}{fmt.Sprintf("one visto, %d considerando, distribution %v", k+1, dist), seed(func(d *procedure.Decree) {
				d.Vistos, d.Considerando = d.Vistos[:1], d.Considerando[:1]
				for i := range k {
					d.Considerando = append(d.Considerando, &procedure.Paragraph{ID: fmt.Sprintf("mas-%d", i), Text: "La necesidad de un procedimiento escrito."})
				}
				if !dist {
					d.Distribution, d.Initials = nil, ""
				}
			})})
		}
	}
	return out
}

// page is the words of one page, with where its footer begins.
type page struct {
	words     []pdftest.Word
	footerTop float64 // the top of the footer's first line ("Página x de y")
}

func pages(t *testing.T, path string) []page {
	t.Helper()
	var out []page
	for _, w := range pdftest.Words(t, path) {
		for len(out) < w.Page {
			out = append(out, page{})
		}
		out[w.Page-1].words = append(out[w.Page-1].words, w)
	}
	for i := range out {
		pg := &out[i]
		for _, w := range pg.words {
			if w.Text == "Página" {
				pg.footerTop = w.YMin
			}
		}
		if pg.footerTop == 0 {
			t.Fatalf("page %d has no footer", i+1)
		}
	}
	return out
}

// body is the words above the footer.
func (pg page) body() []pdftest.Word {
	var out []pdftest.Word
	for _, w := range pg.words {
		if w.YMax < pg.footerTop-1 {
			out = append(out, w)
		}
	}
	return out
}

// find returns the first run of words that reads phrase, from the page's body, or false.
func (pg page) find(phrase string) (first, last pdftest.Word, ok bool) {
	want := strings.Fields(phrase)
	ws := pg.body()
	for i := range ws {
		if i+len(want) > len(ws) {
			break
		}
		match := true
		for j, f := range want {
			if ws[i+j].Text != f {
				match = false
				break
			}
		}
		if match {
			return ws[i], ws[i+len(want)-1], true
		}
	}
	return pdftest.Word{}, pdftest.Word{}, false
}

// findAll looks for phrase on every page.
func findAll(ps []page, phrase string) (n int, first, last pdftest.Word, ok bool) {
	for i, pg := range ps {
		if f, l, ok := pg.find(phrase); ok {
			return i + 1, f, l, true
		}
	}
	return 0, pdftest.Word{}, pdftest.Word{}, false
}

// TestEndOfTheAct: at least 35 mm to sign and stamp between the closing formula and the
// signature lines, the names and roles clear of the footer, and the initials and the
// distribution on the signatures' page, the distribution in two columns when long.
func TestEndOfTheAct(t *testing.T) {
	for _, tc := range layouts(t) {
		t.Run(tc.name, func(t *testing.T) {
			d := &tc.p.Decree
			ps := pages(t, render(t, tc.p, decreepdf.Options{}))
			n, _, closing, ok := findAll(ps, d.Closing)
			if !ok {
				t.Fatalf("closing formula %q not found", d.Closing)
			}
			pg := ps[n-1]
			// The closing formula never opens a page: the last resolutive point is with it.
			last := strings.Fields(string(d.Resolutions[len(d.Resolutions)-1].Text))
			if _, _, ok := pg.find(strings.Join(last[len(last)-min(len(last), 4):], " ")); !ok {
				t.Errorf("the closing formula, on page %d, is cut off from the last resolutive point", n)
			}
			// The signature line is drawn 1 mm above the names: the room to sign is what lies
			// between the closing formula and the line.
			name, _, ok := pg.find(d.Signatories[0].Name)
			if !ok {
				t.Fatalf("the first signatory is not on the closing formula's page %d", n)
			}
			if room := name.YMin - closing.YMax - pdftest.MM(1); room < pdftest.MM(35) {
				t.Errorf("%.1f mm to sign between the closing formula and the signature line, want ≥ 35", room/pdftest.MM(1))
			}
			lowest := 0.0
			for _, s := range d.Signatories {
				_, role, ok := pg.find(s.RoleLine())
				if !ok {
					t.Fatalf("role %q is not on the closing formula's page", s.RoleLine())
				}
				lowest = max(lowest, role.YMax)
			}
			if d.Initials != "" {
				ini, _, ok := pg.find(d.Initials)
				if !ok || ini.YMin < name.YMax {
					t.Errorf("the initials are not under the signatures, on their page %d", n)
				}
				lowest = max(lowest, ini.YMax)
			}
			lines := map[int]bool{}
			for _, item := range d.Distribution {
				first, last, ok := pg.find(item)
				if !ok {
					t.Errorf("distribution %q is not on the signatures' page %d", item, n)
					continue
				}
				lines[int(math.Round(first.YMin))] = true
				lowest = max(lowest, last.YMax)
			}
			if len(d.Distribution) > 5 && len(lines) > (len(d.Distribution)+1)/2 {
				t.Errorf("a distribution of %d takes %d lines: want two columns", len(d.Distribution), len(lines))
			}
			// The footer's rule lies 1.5 mm above its first line.
			gap := pg.footerTop - pdftest.MM(1.5) - lowest
			t.Logf("end of the act on page %d, %.1f mm above the footer's rule", n, gap/pdftest.MM(1))
			if gap < pdftest.MM(10) {
				t.Errorf("the end of the act is %.1f mm from the footer's rule, want ≥ 10", gap/pdftest.MM(1))
			}
		})
	}
}

// TestPagesAtLeastAQuarterFull: keeping blocks together never leaves a page but the last
// with less than a quarter of its height written.
func TestPagesAtLeastAQuarterFull(t *testing.T) {
	for _, tc := range layouts(t) {
		t.Run(tc.name, func(t *testing.T) {
			path := render(t, tc.p, decreepdf.Options{})
			info := pdftest.PDFInfo(t, path)
			ps := pages(t, path)
			top := pdftest.MM(16) // the top margin
			for i, pg := range ps[:len(ps)-1] {
				low := top
				for _, w := range pg.body() {
					low = max(low, w.YMax)
				}
				if fill := (low - top) / (pg.footerTop - top); fill < 0.25 {
					t.Errorf("page %d of %d is %.0f%% full", i+1, info.Pages, 100*fill)
				}
			}
		})
	}
}

// TestNestedListsKeepTheirBullets: a list inside an item prints its bullets, a list inside
// it its own, further right; a numbered list its numbers.
func TestNestedListsKeepTheirBullets(t *testing.T) {
	ps := pages(t, render(t, loadDir(t, deepDir), decreepdf.Options{}))
	marker := func(phrase string) pdftest.Word {
		t.Helper()
		for _, pg := range ps {
			ws := pg.body()
			for i := 1; i < len(ws); i++ {
				if f, _, ok := (page{words: ws[i:], footerTop: pg.footerTop}).find(phrase); ok && f == ws[i] {
					return ws[i-1]
				}
			}
		}
		t.Fatalf("%q not found", phrase)
		return pdftest.Word{}
	}
	item := marker("Se revisan los respaldos de la etapa:")
	inner := marker("que el archivo exista;")
	innermost := marker("ni vacío;")
	numbered := marker("que la copia abra;")
	if item.Text != "a." || inner.Text != pdfdocBullet || innermost.Text != pdfdocBullet || numbered.Text != "1." {
		t.Fatalf("markers: item %q, list in it %q, list in that %q, numbered %q", item.Text, inner.Text, innermost.Text, numbered.Text)
	}
	if !(item.XMin+pdftest.MM(3) < inner.XMin && inner.XMin+pdftest.MM(3) < innermost.XMin) {
		t.Errorf("nested lists do not step right: %.1f, %.1f, %.1f pt", item.XMin, inner.XMin, innermost.XMin)
	}
	// The resolutive point with a list keeps it too.
	if m := marker("por correo institucional;"); m.Text != pdfdocBullet {
		t.Errorf("the list in a resolutive point prints %q, not a bullet", m.Text)
	}
}

const pdfdocBullet = "•"

// TestHeadingLevels: each level of the manual prints further right and no larger than the
// one above it, the four levels at four indents, as the page sets them apart.
func TestHeadingLevels(t *testing.T) {
	ps := pages(t, render(t, loadDir(t, deepDir), decreepdf.Options{}))
	var prev pdftest.Word
	for i, h := range []string{"Procedimientos", "1. Etapa 1 del respaldo", "Servidores de la etapa 1", "Bases de datos de la etapa 1"} {
		_, w, _, ok := findAll(ps, h)
		if !ok {
			t.Fatalf("heading %q not found", h)
		}
		if i > 0 {
			if w.XMin < prev.XMin+pdftest.MM(4) {
				t.Errorf("level %d %q at x %.1f pt, level %d at %.1f: want it ≥ 4 mm further right", i+1, h, w.XMin, i, prev.XMin)
			}
			if w.YMax-w.YMin > prev.YMax-prev.YMin+0.01 {
				t.Errorf("level %d %q is larger than level %d", i+1, h, i)
			}
		}
		prev = w
	}
	// Headings written in a text ("###", "####") differ too.
	_, h3, _, ok3 := findAll(ps, "Del Departamento de Informática")
	_, h4, _, ok4 := findAll(ps, "De cada unidad")
	if !ok3 || !ok4 || h4.YMax-h4.YMin >= h3.YMax-h3.YMin {
		t.Errorf("### and #### of a text print alike: %+v, %+v", h3, h4)
	}
}

// TestNumberedVistosAndConsiderando: with decree.numbering the paragraphs of VISTOS and
// CONSIDERANDO print "1.-", "2.-" in the margin; without it, bare.
func TestNumberedVistosAndConsiderando(t *testing.T) {
	for _, tt := range []struct {
		name     string
		p        *procedure.Procedure
		numbered bool
	}{{"deep", loadDir(t, deepDir), true}, {"seed", load(t), false}} {
		t.Run(tt.name, func(t *testing.T) {
			ps := pages(t, render(t, tt.p, decreepdf.Options{}))
			for _, part := range [][]*procedure.Paragraph{tt.p.Decree.Vistos, tt.p.Decree.Considerando} {
				for i, para := range part {
					words := strings.Fields(string(para.Text))
					n, first, _, ok := findAll(ps, strings.Join(words[:min(len(words), 6)], " "))
					if !ok {
						t.Fatalf("paragraph %s not found", para.ID)
					}
					var before pdftest.Word
					for j, w := range ps[n-1].words {
						if w == first && j > 0 {
							before = ps[n-1].words[j-1]
						}
					}
					want := fmt.Sprintf("%d.-", i+1)
					if got := before.Text == want && before.XMax < first.XMin; got != tt.numbered {
						t.Errorf("paragraph %s: numbered %v (word before it %q), want %v", para.ID, got, before.Text, tt.numbered)
					}
				}
			}
		})
	}
}

// TestDraftFooterClearOfThePageNumber: the draft's footer, which opens with "BORRADOR — sin
// validez", never runs into "Página x de y".
func TestDraftFooterClearOfThePageNumber(t *testing.T) {
	for _, pg := range pages(t, render(t, load(t), decreepdf.Options{Draft: true})) {
		var num pdftest.Word
		for _, w := range pg.words {
			if w.Text == "Página" {
				num = w
			}
		}
		for _, w := range pg.words {
			if math.Abs(w.YMin-num.YMin) < 1 && w.XMin < num.XMin && w.XMax > num.XMin-pdftest.MM(2) {
				t.Errorf("page %d: footer word %q (to %.1f pt) runs into the page number (from %.1f pt)", w.Page, w.Text, w.XMax, num.XMin)
			}
		}
	}
}

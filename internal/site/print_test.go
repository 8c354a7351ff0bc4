package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/requinoa/pauta/internal/browsertest"
	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
	"github.com/requinoa/pauta/internal/procedure"
)

// TestPrintKeepsTheEndOfTheAct: decreto.html printed from the browser, on carta and A4, never
// opens a page with the closing formula: the last resolutive point is on its page, above it,
// and the signatures follow it there.
func TestPrintKeepsTheEndOfTheAct(t *testing.T) {
	b := browsertest.New(t)
	for _, src := range []struct{ name, dir string }{{"requinoa", "../.."}, {"deep", "../../testdata/projects/deep"}} {
		p, err := procedure.Load(os.DirFS(src.dir), procedure.DefaultFile)
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), os.DirFS(src.dir), out, Options{Draft: true}); err != nil {
			t.Fatal(err)
		}
		d := &p.Decree
		last := strings.Fields(string(d.Resolutions[len(d.Resolutions)-1].Text))
		last = last[len(last)-min(len(last), 4):]
		for _, paper := range []struct {
			name string
			size chromedp.PaperSize
		}{{"carta", chromedp.PaperLetter}, {"a4", chromedp.PaperA4}} {
			t.Run(src.name+"/"+paper.name, func(t *testing.T) {
				tab := browsertest.Tab(t, b, 60*time.Second)
				if err := chromedp.Do(tab, chromedp.Navigate(fileURL(out, "decreto.html"))); err != nil {
					t.Fatal(err)
				}
				pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(paper.size)))
				if err != nil {
					t.Fatal(err)
				}
				words := pdftest.Words(t, pdftest.Foreign(t, "decreto-impreso.pdf", pdf))
				at := func(phrase []string) (pdftest.Word, bool) {
					for i := range words {
						if i+len(phrase) > len(words) {
							break
						}
						ok := true
						for j, f := range phrase {
							ok = ok && words[i+j].Text == f
						}
						if ok {
							return words[i+len(phrase)-1], true
						}
					}
					return pdftest.Word{}, false
				}
				closing, ok1 := at(strings.Fields(d.Closing))
				point, ok2 := at(last)
				name, ok3 := at(strings.Fields(d.Signatories[len(d.Signatories)-1].Name))
				if !ok1 || !ok2 || !ok3 {
					t.Fatalf("printed decree lacks the closing formula (%v), the last point (%v) or the last signatory (%v)", ok1, ok2, ok3)
				}
				if point.Page != closing.Page || point.YMax > closing.YMin {
					t.Errorf("the closing formula opens page %d, cut off from the last resolutive point on page %d", closing.Page, point.Page)
				}
				if name.Page != closing.Page {
					t.Errorf("the signatures print on page %d, the closing formula on page %d", name.Page, closing.Page)
				}
			})
		}
	}
}

// TestNumbersLevelWithTheirParagraphs: on decreto.html a paragraph's "1.-" sits on the line
// of its first words, in the margin before them.
func TestNumbersLevelWithTheirParagraphs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), os.DirFS("../../testdata/projects/deep"), out, Options{Draft: true}); err != nil {
		t.Fatal(err)
	}
	tab := browsertest.Tab(t, browsertest.New(t), 60*time.Second)
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(out, "decreto.html"))); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".numerado")].flatMap(d => {
		const n = d.querySelector(".num").getBoundingClientRect(), p = d.querySelector("p").getBoundingClientRect();
		return Math.abs(n.top - p.top) > 3 || n.right > p.left ? [d.id + ": number at " + n.top + "–" + n.right + ", text at " + p.top + "–" + p.left] : [];
	})`))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range got {
		t.Errorf("number not level with its paragraph, in the margin: %s", g)
	}
}

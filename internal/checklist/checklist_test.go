package checklist_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/checklist"
	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
	"github.com/requinoa/pauta/internal/procedure"
)

// load reads the project's real procedure.yaml: the checklist tests check Requínoa's sheet.
func load(t testing.TB) *procedure.Procedure {
	t.Helper()
	p, err := procedure.Load(os.DirFS("../.."), procedure.DefaultFile)
	if err != nil {
		t.Fatalf("loading procedure.yaml: %v", err)
	}
	return p
}

func render(t testing.TB, p *procedure.Procedure, opt checklist.Options) []byte {
	t.Helper()
	b, err := checklist.Render(p, opt)
	if err != nil {
		t.Fatalf("Render(%+v): %v", opt, err)
	}
	return b
}

// sessionFields are the fields printed in the grid at the top: those without a phase, in the
// order of the manual.
func sessionFields(p *procedure.Procedure) []*procedure.Field {
	var out []*procedure.Field
	p.Manual.Walk(func(s *procedure.Section) {
		for _, f := range s.Fields {
			if f.Phase == "" {
				out = append(out, f)
			}
		}
	})
	return out
}

// TestEverythingOfTheModelIsPrinted reads the sheet back as text and looks for every part of
// the model, taken from the model rather than copied here.
func TestEverythingOfTheModelIsPrinted(t *testing.T) {
	p := load(t)
	for _, opt := range []checklist.Options{{}, {Fillable: true}} {
		t.Run(fmt.Sprintf("fillable=%v", opt.Fillable), func(t *testing.T) {
			text := pdftest.Text(t, pdftest.File(t, "checklist.pdf", render(t, p, opt)), "")
			want := []string{
				p.Organization.Name, p.Organization.Unit, p.Checklist.Title, p.Checklist.Code,
				"Procedimiento aprobado por " + p.Decree.Citation(),
				p.Checklist.Instructions, p.Checklist.Observations,
				pdfdoc.VersionLine(p.Code), pdfdoc.PageOf(1, 1), "Imprimir a tamaño real (100 %)",
				"Sí No N/A",
			}
			for _, ph := range p.Checklist.Phases {
				want = append(want, ph.Title, ph.Hint)
				shared := len(ph.Checks) > 1
				for _, c := range ph.Checks {
					shared = shared && c.Ref() == ph.Checks[0].Ref()
				}
				for _, c := range ph.Checks {
					// The number, the text, then its source step, as a reader meets them on
					// the line; a step all the checks of a phase share is cited once, by the
					// phase's title, and not on every line.
					if shared {
						want = append(want, p.Checklist.ItemRef(c)+" "+c.Text)
						continue
					}
					want = append(want, p.Checklist.ItemRef(c)+" "+c.Text+" "+c.Ref())
				}
				if shared {
					text := pdftest.Text(t, pdftest.File(t, "checklist.pdf", render(t, p, opt)), "")
					if n := strings.Count(text, ph.Checks[0].Ref()); n != 1 {
						t.Errorf("phase %s: its checks' one citation %q printed %d times, want once", ph.ID, ph.Checks[0].Ref(), n)
					}
				}
				for _, f := range ph.Fields {
					want = append(want, f.Label)
					want = append(want, f.Options...)
				}
			}
			for _, f := range sessionFields(p) {
				want = append(want, f.Label)
				want = append(want, f.Options...)
			}
			for _, s := range p.Checklist.Signatures {
				want = append(want, s.Title)
				want = append(want, s.Lines...)
			}
			for _, w := range want {
				if w = pdftest.Collapse(w); w != "" && !strings.Contains(text, w) {
					t.Errorf("the checklist does not print %q", w)
				}
			}
			if t.Failed() {
				t.Logf("text: %s", text)
			}
		})
	}
}

func TestOneCartaPageForRequinoa(t *testing.T) {
	p := load(t)
	for _, base := range []string{"", "https://www.requinoa.cl/transparencia/procedimientos/accesos-remotos/"} {
		p.Site.BaseURL = base
		info := pdftest.PDFInfo(t, pdftest.File(t, "checklist.pdf", render(t, p, checklist.Options{})))
		if info.Pages != 1 {
			t.Errorf("base_url %q: the Requínoa checklist takes %d pages, want one", base, info.Pages)
		}
		if math.Abs(info.Width-612) > 0.6 || math.Abs(info.Height-792) > 0.6 {
			t.Errorf("default paper is %.1f × %.1f pt, want carta 612 × 792", info.Width, info.Height)
		}
	}
}

func TestPapers(t *testing.T) {
	p := load(t)
	tests := []struct {
		paper string
		w, h  float64
	}{
		{"carta", 612, 792},
		{"oficio", 612.28, 935.43},
		{"a4", 595.28, 841.89},
	}
	for _, tt := range tests {
		t.Run(tt.paper, func(t *testing.T) {
			path := pdftest.File(t, "checklist.pdf", render(t, p, checklist.Options{Paper: tt.paper}))
			info := pdftest.PDFInfo(t, path)
			if info.Pages != 1 || math.Abs(info.Width-tt.w) > 0.6 || math.Abs(info.Height-tt.h) > 0.6 {
				t.Errorf("got %d pages of %.2f × %.2f pt, want 1 of %.2f × %.2f", info.Pages, info.Width, info.Height, tt.w, tt.h)
			}
			checkMargins(t, path, info)
		})
	}
	if _, err := checklist.Render(p, checklist.Options{Paper: "legal"}); err == nil {
		t.Error("an unknown paper must be refused")
	}
}

// checkMargins fails when any word sits outside the printable area the layout promises: 12 mm
// at the sides, 8 mm at the top and bottom. pdftotext's boxes run from the font's ascender to
// its descender, about 1.5 mm beyond the ink of a 9 pt line, hence the slack.
func checkMargins(t *testing.T, path string, info pdftest.Info) {
	t.Helper()
	side, top, bottom := pdftest.MM(10-0.2), pdftest.MM(8-1.5), pdftest.MM(8-1)
	for _, w := range pdftest.Words(t, path) {
		if w.XMin < side || w.XMax > info.Width-side || w.YMin < top || w.YMax > info.Height-bottom {
			t.Errorf("page %d: %q at (%.0f, %.0f)–(%.0f, %.0f) pt is outside the margins", w.Page, w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
		}
	}
}

func TestFontsEmbedded(t *testing.T) {
	p := load(t)
	for _, opt := range []checklist.Options{{}, {Fillable: true}} {
		fonts := pdftest.Fonts(t, pdftest.File(t, "checklist.pdf", render(t, p, opt)))
		if len(fonts) == 0 {
			t.Fatal("pdffonts lists no font")
		}
		for _, f := range fonts {
			if !f.Embedded {
				t.Errorf("fillable=%v: font %s is not embedded", opt.Fillable, f.Name)
			}
		}
	}
}

func TestSameSourceSameBytes(t *testing.T) {
	p := load(t)
	for _, opt := range []checklist.Options{{}, {Fillable: true, Copies: 3, FolioStart: 7}, {Draft: true, Paper: "oficio"}} {
		if !bytes.Equal(render(t, p, opt), render(t, p, opt)) {
			t.Errorf("%+v: two builds differ", opt)
		}
	}
}

func TestQPDFAndSignatureFields(t *testing.T) {
	p := load(t)
	for _, opt := range []checklist.Options{{}, {Fillable: true}, {Fillable: true, Copies: 2, FolioStart: 100}} {
		path := pdftest.File(t, "checklist.pdf", render(t, p, opt))
		pdftest.QPDFCheck(t, path)
		if !opt.Fillable {
			continue
		}
		out := pdftest.Run(t, "poppler-utils", "pdfsig", path)
		copies := max(opt.Copies, 1)
		if n := strings.Count(out, "Signature Field Name:"); n != len(p.Checklist.Signatures)*copies {
			t.Errorf("%+v: pdfsig lists %d signature fields, want %d:\n%s", opt, n, len(p.Checklist.Signatures)*copies, out)
		}
		for _, s := range p.Checklist.Signatures {
			if !strings.Contains(out, "firma-"+s.ID) {
				t.Errorf("%+v: no signature field for %s:\n%s", opt, s.Title, out)
			}
		}
	}
}

// TestFillablePrintsLikeBlank renders both to pixels: the form fields must add nothing to the
// printed page.
func TestFillablePrintsLikeBlank(t *testing.T) {
	p := load(t)
	blank := pdftest.PNG(t, pdftest.File(t, "blank.pdf", render(t, p, checklist.Options{})), 1, 100)
	fill := pdftest.PNG(t, pdftest.File(t, "fill.pdf", render(t, p, checklist.Options{Fillable: true})), 1, 100)
	a, err := os.ReadFile(blank)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(fill)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("the fillable checklist does not print exactly like the blank one")
	}
}

func TestQRLeadsToTheVersion(t *testing.T) {
	p := load(t)
	tests := []struct{ base, version, want string }{
		{"", "", p.Code},
		{"", "v/2024-2387/", p.Code},
		{"https://www.requinoa.cl/procedimientos/soporte-remoto/", "", "https://www.requinoa.cl/procedimientos/soporte-remoto/"},
		{"https://www.requinoa.cl/procedimientos/soporte-remoto/", "v/2024-2387/", "https://www.requinoa.cl/procedimientos/soporte-remoto/v/2024-2387/"},
		{"https://www.municipalidadrequinoa.cl/transparencia/procedimientos/soporte-remoto/", "v/2024-2387/", "https://www.municipalidadrequinoa.cl/transparencia/procedimientos/soporte-remoto/v/2024-2387/"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			p.Site.BaseURL = tt.base
			if got := checklist.QRText(p, tt.version); got != tt.want {
				t.Errorf("QRText = %q, want %q", got, tt.want)
			}
			got := pdftest.QRCodes(t, pdftest.File(t, "checklist.pdf", render(t, p, checklist.Options{VersionPath: tt.version})), 1)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("zbarimg reads %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCopiesCarryTheirFolio(t *testing.T) {
	p := load(t)
	var calls []int
	var buf bytes.Buffer
	err := checklist.Write(&buf, p, checklist.Options{Copies: 3, FolioStart: 998}, func(done, total int) {
		if total != 3 {
			t.Errorf("progress total = %d, want 3", total)
		}
		calls = append(calls, done)
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(calls) != "[1 2 3]" {
		t.Errorf("progress calls %v, want [1 2 3]", calls)
	}
	path := pdftest.File(t, "copies.pdf", buf.Bytes())
	if info := pdftest.PDFInfo(t, path); info.Pages != 3 {
		t.Fatalf("3 copies of a one-page checklist gave %d pages", info.Pages)
	}
	for i, folio := range []string{"0998", "0999", "1000"} {
		text := pdftest.Text(t, path, fmt.Sprint(i+1))
		if !strings.Contains(text, "Folio N° "+folio) {
			t.Errorf("sheet %d does not carry folio %s: %s", i+1, folio, text)
		}
		if !strings.Contains(text, pdfdoc.PageOf(1, 1)) {
			t.Errorf("sheet %d: pages count within one copy, want %q", i+1, pdfdoc.PageOf(1, 1))
		}
	}
}

// TestHighestFolioFitsItsBox: the last folio a batch may carry is drawn whole inside the folio
// box on every paper, ending no further right than the form code above it.
func TestHighestFolioFitsItsBox(t *testing.T) {
	p := load(t)
	last := fmt.Sprint(checklist.MaxFolio)
	for _, paper := range pdfdoc.PaperNames() {
		t.Run(paper, func(t *testing.T) {
			b := render(t, p, checklist.Options{Paper: paper, Copies: 2, FolioStart: checklist.MaxFolio - 1})
			var folio, code *pdftest.Word
			for _, w := range pdftest.Words(t, pdftest.File(t, paper+".pdf", b)) {
				switch {
				case w.Page == 2 && w.Text == last:
					folio = &w
				case w.Page == 2 && w.Text == p.Checklist.Code && code == nil:
					code = &w
				}
			}
			if folio == nil || code == nil {
				t.Fatalf("the second sheet lacks folio %s or form code %s", last, p.Checklist.Code)
			}
			if folio.XMax > code.XMax+0.5 {
				t.Errorf("folio %s ends at x=%.1f pt, past the box's text edge at %.1f pt", last, folio.XMax, code.XMax)
			}
		})
	}
}

func TestOptionsRefused(t *testing.T) {
	p := load(t)
	for _, opt := range []checklist.Options{{Copies: -1}, {Copies: checklist.MaxCopies + 1}, {FolioStart: -3}, {Paper: "A3"},
		{FolioStart: checklist.MaxFolio + 1}, {FolioStart: checklist.MaxFolio, Copies: 2}, {FolioStart: math.MaxInt, Copies: 2}} {
		if _, err := checklist.Render(p, opt); err == nil {
			t.Errorf("%+v: want an error", opt)
		}
	}
}

// longProcedure is the real procedure with many more checks and a text field per phase: a
// procedure several times longer than Requínoa's.
func longProcedure(t testing.TB, extra int) *procedure.Procedure {
	p := load(t)
	for i, ph := range p.Checklist.Phases {
		src := ph.Checks
		if len(src) == 0 {
			continue
		}
		for n := 0; n < extra; n++ {
			c := *src[n%len(src)]
			c.ID = fmt.Sprintf("%s-extra-%d", c.ID, n)
			if n%4 == 0 {
				c.Text += " y se dejó constancia de ello en el registro de la unidad, con fecha y hora"
			}
			ph.Checks = append(ph.Checks, &c)
		}
		ph.Fields = append(ph.Fields, &procedure.Field{ID: fmt.Sprintf("notas-%d", i), Label: "Notas de la fase", Lines: 3, Width: 4})
	}
	// A check drawn from every step: its citation is too long for one line.
	wide := *p.Checklist.Phases[0].Checks[0]
	wide.ID, wide.Sources = "de-todos-los-pasos", nil
	p.Manual.Walk(func(s *procedure.Section) {
		for _, it := range s.Items {
			wide.Sources = append(wide.Sources, procedure.Source{Section: s, Item: it})
		}
	})
	p.Checklist.Phases[0].Checks = append(p.Checklist.Phases[0].Checks, &wide)
	return p
}

func TestLongProcedureFlowsOntoPages(t *testing.T) {
	p := longProcedure(t, 25)
	for _, paper := range []string{"carta", "oficio"} {
		t.Run(paper, func(t *testing.T) {
			path := pdftest.File(t, "long.pdf", render(t, p, checklist.Options{Paper: paper, Fillable: true}))
			info := pdftest.PDFInfo(t, path)
			if info.Pages < 2 {
				t.Fatalf("a long procedure fits on %d page; the test needs more", info.Pages)
			}
			pdftest.QPDFCheck(t, path)
			checkMargins(t, path, info)
			for i := 1; i <= info.Pages; i++ {
				text := pdftest.Text(t, path, fmt.Sprint(i))
				for _, w := range []string{p.Checklist.Title, p.Checklist.Code, pdfdoc.PageOf(i, info.Pages), pdfdoc.VersionLine(p.Code)} {
					if !strings.Contains(text, w) {
						t.Errorf("page %d does not repeat %q", i, w)
					}
				}
			}
			all := pdftest.Text(t, path, "")
			if !strings.Contains(all, "(continuación)") {
				t.Error("a phase that goes on to the next page should repeat its heading marked (continuación)")
			}
			for _, ph := range p.Checklist.Phases {
				for _, c := range ph.Checks {
					if !strings.Contains(all, c.Text) || !strings.Contains(all, c.Ref()) {
						t.Errorf("check %s or its citation %q is missing", c.ID, c.Ref())
					}
				}
			}
			for _, s := range p.Checklist.Signatures {
				if !strings.Contains(pdftest.Text(t, path, fmt.Sprint(info.Pages)), s.Title) {
					t.Errorf("the signatures belong on the last page; %s is not there", s.Title)
				}
			}
		})
	}
}

// BenchmarkCopies500 is `pauta checklist --copies 500`: it must stay well under 2 s.
func BenchmarkCopies500(b *testing.B) {
	p := load(b)
	for _, fillable := range []bool{false, true} {
		b.Run(fmt.Sprintf("fillable=%v", fillable), func(b *testing.B) {
			for b.Loop() {
				var buf bytes.Buffer
				if err := checklist.Write(&buf, p, checklist.Options{Copies: 500, FolioStart: 1, Fillable: fillable}, nil); err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(buf.Len())/1e6, "MB")
			}
		})
	}
}

// BenchmarkRender is the blank checklist's share of a site build.
func BenchmarkRender(b *testing.B) {
	p := load(b)
	for b.Loop() {
		if _, err := checklist.Render(p, checklist.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReplacedVersionMarkedOnEveryPage: every page of every copy of a replaced version's
// checklist says it is no longer in force and by which decree, in black type beside the
// version code, which stays the version's own; a checklist in force says nothing of the kind.
func TestReplacedVersionMarkedOnEveryPage(t *testing.T) {
	p := longProcedure(t, 25)
	notice := pdfdoc.ReplacedNotice("Decreto Alcaldicio N° 3000 del 05-12-2025")
	path := pdftest.File(t, "reemplazada.pdf", render(t, p, checklist.Options{Replaced: notice, Copies: 2}))
	info := pdftest.PDFInfo(t, path)
	if info.Pages < 4 {
		t.Fatalf("two copies of a long checklist on %d pages; the test needs more", info.Pages)
	}
	for i := 1; i <= info.Pages; i++ {
		text := pdftest.Text(t, path, fmt.Sprint(i))
		for _, w := range []string{notice, pdfdoc.VersionLine(p.Code), "Procedimiento aprobado por " + p.Decree.Citation()} {
			if !strings.Contains(text, w) {
				t.Errorf("page %d lacks %q", i, w)
			}
		}
	}
	checkMargins(t, path, info)
	inForce := pdftest.File(t, "vigente.pdf", render(t, p, checklist.Options{}))
	if text := pdftest.Text(t, inForce, ""); strings.Contains(text, pdfdoc.ReplacedMark) {
		t.Errorf("a checklist in force says %q", pdfdoc.ReplacedMark)
	}
}

// TestDraftClaimsNoApproval: a draft is marked on every page and never says a decree approved
// it, since the decree in procedure.yaml is only the one being prepared.
func TestDraftClaimsNoApproval(t *testing.T) {
	p := longProcedure(t, 25)
	path := pdftest.File(t, "borrador.pdf", render(t, p, checklist.Options{Draft: true}))
	info := pdftest.PDFInfo(t, path)
	for i := 1; i <= info.Pages; i++ {
		text := pdftest.Text(t, path, fmt.Sprint(i))
		if !strings.Contains(text, pdfdoc.DraftText) || !strings.Contains(text, "ningún decreto lo ha aprobado") {
			t.Errorf("page %d of a draft is not marked as one: %s", i, text)
		}
		if strings.Contains(text, "aprobado por") {
			t.Errorf("page %d of a draft claims an approval", i)
		}
	}
	if got := pdftest.Run(t, "poppler-utils", "pdfinfo", path); strings.Contains(got, "aprobado por") {
		t.Errorf("the draft's metadata claims an approval:\n%s", got)
	}
}

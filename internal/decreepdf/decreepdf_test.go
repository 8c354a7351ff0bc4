package decreepdf_test

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/decreepdf"
	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/testtool"
	"github.com/requinoa/pauta/internal/testtool/fidelity"
)

func load(t *testing.T) *procedure.Procedure {
	t.Helper()
	p, err := procedure.Load(os.DirFS("../.."), procedure.DefaultFile)
	if err != nil {
		t.Fatalf("loading procedure.yaml: %v", err)
	}
	return p
}

func render(t *testing.T, p *procedure.Procedure, opt decreepdf.Options) string {
	t.Helper()
	b, err := decreepdf.Render(p, opt)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return pdftest.File(t, "decreto.pdf", b)
}

// TestSeedFidelity: the decree and the manual of the seed are carried word for word, as
// pdftotext reads the PDF.
func TestSeedFidelity(t *testing.T) {
	testtool.Require(t, "pdftotext", "poppler-utils")
	text, err := exec.Command("pdftotext", "-layout", render(t, load(t), decreepdf.Options{}), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	fidelity.Check(t, "../..", string(text))
}

// TestEveryPartIsPrinted reads the decree back as text and looks for every part of the model
// in the order of the act.
func TestEveryPartIsPrinted(t *testing.T) {
	p := load(t)
	md := markdown.New(p.Markdown.AllowHTML)
	d := &p.Decree
	want := []string{strings.ToUpper(p.Organization.Name), d.Title(), d.Subject, d.Place + ", " + d.Date.Stamp(), d.Opening, "VISTOS:"}
	paras := func(ps []*procedure.Paragraph) {
		for _, pa := range ps {
			want = append(want, md.Plain(string(pa.Text)))
		}
	}
	paras(d.Vistos)
	want = append(want, "CONSIDERANDO:")
	paras(d.Considerando)
	want = append(want, "DECRETO:")
	paras(d.Resolutions)
	want = append(want, d.Closing)
	for _, s := range d.Signatories {
		want = append(want, s.Name)
	}
	want = append(want, d.Initials, "DISTRIBUCIÓN:")
	want = append(want, d.Distribution...)
	want = append(want, "ANEXO", p.Manual.Title)
	p.Manual.Walk(func(s *procedure.Section) {
		want = append(want, s.Heading())
		if s.Text != "" {
			want = append(want, md.Plain(string(s.Text)))
		}
		for _, it := range s.Items {
			item := md.Plain(string(it.Text))
			if it.Marker != "" {
				item = it.Marker + ". " + item
			}
			want = append(want, item)
		}
	})

	text := pdftest.Text(t, render(t, p, decreepdf.Options{}), "")
	at := 0
	for _, w := range want {
		w = pdftest.Collapse(w)
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Errorf("missing or out of order: %q", w)
			continue
		}
		at += i + len(w)
	}
	for _, s := range d.Signatories {
		if !strings.Contains(text, s.RoleLine()) {
			t.Errorf("role %q is not printed", s.RoleLine())
		}
	}
	if t.Failed() {
		t.Logf("text: %s", text)
	}
}

// TestSignaturesSideBySide: the first signatory at the left, the next at the right, on one line.
func TestSignaturesSideBySide(t *testing.T) {
	p := load(t)
	words := pdftest.Words(t, render(t, p, decreepdf.Options{}))
	find := func(name string) pdftest.Word {
		first := strings.Fields(name)[0]
		for _, w := range words {
			if w.Text == first {
				return w
			}
		}
		t.Fatalf("signatory %q not found", name)
		return pdftest.Word{}
	}
	left, right := find(p.Decree.Signatories[0].Name), find(p.Decree.Signatories[1].Name)
	if left.Page != right.Page || math.Abs(left.YMin-right.YMin) > 1 || left.XMax >= right.XMin {
		t.Errorf("signatures not side by side, first at the left: %+v, %+v", left, right)
	}
}

func TestNumberedResolutions(t *testing.T) {
	p := load(t)
	second := *p.Decree.Resolutions[0]
	second.ID, second.Text = "segundo", "PUBLÍQUESE el presente decreto en el sitio web municipal."
	p.Decree.Resolutions = append(p.Decree.Resolutions, &second)
	text := pdftest.Text(t, render(t, p, decreepdf.Options{}), "")
	for i := range p.Decree.Resolutions {
		if !strings.Contains(text, fmt.Sprintf("%d.- ", i+1)) {
			t.Errorf("resolution %d is not numbered: %s", i+1, text)
		}
	}
}

func TestPagesFooterFontsAndSoundness(t *testing.T) {
	p := load(t)
	path := render(t, p, decreepdf.Options{})
	info := pdftest.PDFInfo(t, path)
	if math.Abs(info.Width-612) > 0.6 || math.Abs(info.Height-792) > 0.6 {
		t.Errorf("page is %.1f × %.1f pt, want carta", info.Width, info.Height)
	}
	for i := 1; i <= info.Pages; i++ {
		text := pdftest.Text(t, path, fmt.Sprint(i))
		for _, w := range []string{pdfdoc.PageOf(i, info.Pages), pdfdoc.VersionLine(p.Code), p.Decree.Citation()} {
			if !strings.Contains(text, w) {
				t.Errorf("page %d footer lacks %q", i, w)
			}
		}
	}
	for _, f := range pdftest.Fonts(t, path) {
		if !f.Embedded {
			t.Errorf("font %s is not embedded", f.Name)
		}
	}
	pdftest.QPDFCheck(t, path)
}

func TestSameSourceSameBytes(t *testing.T) {
	p := load(t)
	for _, opt := range []decreepdf.Options{{}, {Draft: true}} {
		a, err := decreepdf.Render(p, opt)
		if err != nil {
			t.Fatal(err)
		}
		b, err := decreepdf.Render(p, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%+v: two builds differ", opt)
		}
	}
}

func TestDraft(t *testing.T) {
	text := pdftest.Text(t, render(t, load(t), decreepdf.Options{Draft: true}), "1")
	if !strings.Contains(text, pdfdoc.DraftText) {
		t.Errorf("a draft decree must say %q: %s", pdfdoc.DraftText, text)
	}
}

// BenchmarkRender is the decree's share of a site build.
func BenchmarkRender(b *testing.B) {
	p, err := procedure.Load(os.DirFS("../.."), procedure.DefaultFile)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := decreepdf.Render(p, decreepdf.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReplacedVersionMarkedOnEveryPage: every page of a replaced version's decree says it is
// no longer in force and by which decree, and keeps the version's own code.
func TestReplacedVersionMarkedOnEveryPage(t *testing.T) {
	p := load(t)
	notice := pdfdoc.ReplacedNotice("Decreto Alcaldicio N° 3000 del 05-12-2025")
	path := render(t, p, decreepdf.Options{Replaced: notice})
	info := pdftest.PDFInfo(t, path)
	if info.Pages < 2 {
		t.Fatalf("the decree has %d page; the test needs more", info.Pages)
	}
	for i := 1; i <= info.Pages; i++ {
		text := pdftest.Text(t, path, fmt.Sprint(i))
		for _, w := range []string{notice, pdfdoc.VersionLine(p.Code), pdfdoc.PageOf(i, info.Pages)} {
			if !strings.Contains(text, w) {
				t.Errorf("page %d lacks %q", i, w)
			}
		}
	}
	if text := pdftest.Text(t, render(t, p, decreepdf.Options{}), ""); strings.Contains(text, pdfdoc.ReplacedMark) {
		t.Errorf("a decree in force says %q", pdfdoc.ReplacedMark)
	}
}

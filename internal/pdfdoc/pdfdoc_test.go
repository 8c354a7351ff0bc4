package pdfdoc_test

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
	"github.com/requinoa/pauta/internal/procedure"
)

func TestPaperByName(t *testing.T) {
	tests := []struct {
		name    string
		w, h    float64 // mm
		wantErr bool
	}{
		{"", 215.9, 279.4, false},
		{"carta", 215.9, 279.4, false},
		{"Oficio", 216, 330, false},
		{" a4 ", 210, 297, false},
		{"legal", 0, 0, true},
		{"tabloide", 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := pdfdoc.PaperByName(tt.name)
			if tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), "carta, oficio, a4") {
					t.Fatalf("PaperByName(%q) error = %v, want one naming the papers", tt.name, err)
				}
				return
			}
			if err != nil || p.W != tt.w || p.H != tt.h {
				t.Fatalf("PaperByName(%q) = %+v, %v; want %v × %v mm", tt.name, p, err, tt.w, tt.h)
			}
		})
	}
}

// sample draws one page with text, a footer and, when qr is set, a QR code.
func sample(t *testing.T, opt pdfdoc.Options, qr string) []byte {
	t.Helper()
	d := pdfdoc.New(opt)
	d.NewPage()
	d.SetFont(pdfdoc.Font, "B", 14)
	d.Text(20, 30, "Lista de verificación — Requínoa «¿Sí?»")
	d.SetFont(pdfdoc.Font, "", 11)
	d.Text(20, 40, "Paso 1: el técnico (soporte) verifica la identidad\\")
	f := pdfdoc.Footer{Left: []string{pdfdoc.VersionLine("EED8-9A45")}, Page: 1, Pages: 1}
	if qr != "" {
		q, err := pdfdoc.NewQRWithin(qr, 13, 0.4, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		f.QR, f.QRCaption = q, "Manual"
	}
	d.DrawFooter(f, 12, d.Paper.H-8, d.Paper.W-24)
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSameInputSameBytes(t *testing.T) {
	opt := pdfdoc.Options{Date: procedure.Date{Year: 2024, Month: time.August, Day: 2}, Title: "Título", Draft: true}
	a, b := sample(t, opt, "EED8-9A45"), sample(t, opt, "EED8-9A45")
	if !bytes.Equal(a, b) {
		t.Fatal("two builds of the same document differ")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20240802120000")) {
		t.Error("creation date is not the decree's date")
	}
}

func TestPaperSizes(t *testing.T) {
	tests := []struct {
		paper string
		w, h  float64 // points
	}{
		{"carta", 612, 792},
		{"oficio", 612.28, 935.43},
		{"a4", 595.28, 841.89},
	}
	for _, tt := range tests {
		t.Run(tt.paper, func(t *testing.T) {
			p, err := pdfdoc.PaperByName(tt.paper)
			if err != nil {
				t.Fatal(err)
			}
			info := pdftest.PDFInfo(t, pdftest.File(t, tt.paper+".pdf", sample(t, pdfdoc.Options{Paper: p}, "")))
			if math.Abs(info.Width-tt.w) > 0.6 || math.Abs(info.Height-tt.h) > 0.6 {
				t.Errorf("page is %.2f × %.2f pt, want %.2f × %.2f", info.Width, info.Height, tt.w, tt.h)
			}
		})
	}
}

func TestFontsEmbedded(t *testing.T) {
	path := pdftest.File(t, "fonts.pdf", sample(t, pdfdoc.Options{}, ""))
	fonts := pdftest.Fonts(t, path)
	if len(fonts) != 2 {
		t.Errorf("got %d fonts, want regular and bold: %+v", len(fonts), fonts)
	}
	for _, f := range fonts {
		if !f.Embedded {
			t.Errorf("font %s is not embedded", f.Name)
		}
	}
}

func TestQRDecodes(t *testing.T) {
	tests := []struct{ name, text string }{
		{"code", "EED8-9A45"},
		{"address", "https://www.requinoa.cl/transparencia/procedimientos/accesos-remotos-soporte/index.html"},
		{"long address", longAddress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := pdftest.File(t, "qr.pdf", sample(t, pdfdoc.Options{}, tt.text))
			got := pdftest.QRCodes(t, path, 1)
			if len(got) != 1 || got[0] != tt.text {
				t.Fatalf("QR decodes to %q, want %q", got, tt.text)
			}
		})
	}
}

// longAddress is a version's folder on a municipality's transparency pages: 93 characters.
const longAddress = "https://www.municipalidadrequinoa.cl/transparencia/procedimientos/soporte-remoto/v/2024-2387/"

// TestQRSmallestSymbol: the level of correction never makes a code larger than the smallest
// symbol that holds its text, which is what decides how much of a sheet it takes: a version
// code takes the smallest symbol there is, a long address the one of 37 modules (14.8 mm at
// 0.4 mm) that holds it at level L, not the one of 41 that level M would need.
func TestQRSmallestSymbol(t *testing.T) {
	for text, want := range map[string]int{"EED8-9A45": 21, longAddress: 37} {
		q, err := pdfdoc.NewQR(text, 0.4)
		if err != nil {
			t.Fatal(err)
		}
		if q.Modules() != want {
			t.Errorf("%q: %d modules, want %d", text, q.Modules(), want)
		}
	}
}

func TestDraftMark(t *testing.T) {
	path := pdftest.File(t, "draft.pdf", sample(t, pdfdoc.Options{Draft: true}, ""))
	// The diagonal mark extracts letter by letter; without spaces both copies read whole.
	text := pdftest.Text(t, path, "")
	squeeze := func(s string) string { return strings.ReplaceAll(s, " ", "") }
	if strings.Count(squeeze(text), squeeze(pdfdoc.DraftText)) < 2 || !strings.Contains(text, pdfdoc.DraftText+" · ") {
		t.Errorf("a draft page should say %q under the content and in the footer; text: %s", pdfdoc.DraftText, text)
	}
}

// TestFontCoversSource checks the vendored font itself: pdftotext extracts a character even
// where the page shows an empty box, so only the font's cmap tells whether every character
// of the source, and of the texts the PDFs add, has a glyph.
func TestFontCoversSource(t *testing.T) {
	src, err := os.ReadFile("../../procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Texts the packages print besides the source's.
	fixed := pdfdoc.DraftText + pdfdoc.PageOf(1, 2) + pdfdoc.VersionLine("X") +
		"Imprimir a tamaño real (100 %), sin ajustar a la página. Folio N° (continuación) día / mes / año " +
		"hh:mm DISTRIBUCIÓN ANEXO Sí No N/A • - «» ¿? ¡! ·"
	// Every printable ASCII character: Unprintable does not look them up.
	for c := byte(' '); c < 0x7f; c++ {
		fixed += string(rune(c))
	}
	for _, face := range []string{"fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf"} {
		has, err := pdfdoc.GlyphCoverage(face)
		if err != nil {
			t.Fatalf("%s: %v", face, err)
		}
		missing := map[rune]bool{}
		for _, r := range string(src) + fixed {
			if unicode.IsControl(r) || r == ' ' {
				continue
			}
			if !has(r) {
				missing[r] = true
			}
		}
		for r := range missing {
			t.Errorf("%s has no glyph for %q (U+%04X)", face, r, r)
		}
	}
}

func TestWrap(t *testing.T) {
	d := pdfdoc.New(pdfdoc.Options{})
	d.SetFont(pdfdoc.Font, "", 10)
	tests := []struct {
		text string
		w    float64
	}{
		{"El técnico de soporte inicia el software AnyDesk en su dispositivo.", 40},
		{"Supercalifragilísticoexpialidoso", 15},
		{"línea uno\nlínea dos", 100},
	}
	for _, tt := range tests {
		lines := d.Wrap(tt.text, tt.w)
		if got := strings.Join(strings.Fields(strings.Join(lines, " ")), ""); got != strings.Join(strings.Fields(tt.text), "") {
			t.Errorf("Wrap(%q) lost or added text: %q", tt.text, lines)
		}
		for _, l := range lines {
			if d.GetStringWidth(l) > tt.w+0.01 {
				t.Errorf("Wrap(%q, %v): line %q is %.1f mm wide", tt.text, tt.w, l, d.GetStringWidth(l))
			}
		}
	}
}

// TestManyCharacters draws more distinct characters than one code set holds (256 a face), in
// both faces and across lines, and reads them back: every character must come out as drawn.
func TestManyCharacters(t *testing.T) {
	var chars []rune
	for r := rune(0x100); r < 0x250; r++ { // Latin Extended-A and -B: 336 characters
		chars = append(chars, r)
	}
	d := pdfdoc.New(pdfdoc.Options{})
	d.NewPage()
	var lines []string
	for i := 0; i < len(chars); i += 40 {
		line := string(chars[i:min(i+40, len(chars))])
		lines = append(lines, line)
		style := ""
		if (i/40)%2 == 1 {
			style = "B"
		}
		d.SetFont(pdfdoc.Font, style, 10)
		d.Text(10, 20+float64(len(lines))*8, line)
		// Mixed on one line: characters of the first set and of the second, in one string.
		d.Text(10, 150+float64(len(lines))*8, "a"+line+"z")
	}
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	path := pdftest.File(t, "many.pdf", b)
	if dir := os.Getenv("PAUTA_SCREENSHOTS"); dir != "" {
		os.WriteFile(dir+"/many.pdf", b, 0o644)
	}
	pdftest.QPDFCheck(t, path)
	text := pdftest.Text(t, path, "")
	for _, line := range lines {
		if !strings.Contains(text, line) || !strings.Contains(text, "a"+line+"z") {
			t.Errorf("the PDF does not read back %q", line)
		}
	}
}

// Unprintable finds a missing character wherever it sits among ASCII, which it skips eight
// bytes at a time, and passes accented Spanish.
func TestUnprintableFindsMissingAnywhere(t *testing.T) {
	for n := range 24 {
		text := strings.Repeat("a", n) + "漢" + strings.Repeat("b", 24-n)
		if r, missing, err := pdfdoc.Unprintable(text); err != nil || !missing || r != '漢' {
			t.Errorf("at byte %d: %q %v %v", n, r, missing, err)
		}
	}
	if r, missing, err := pdfdoc.Unprintable(strings.Repeat("Sesión técnica N° 5: ¿conforme? ", 10)); err != nil || missing {
		t.Errorf("Spanish text: %q missing %v (%v)", r, missing, err)
	}
}

package pdfform_test

import (
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/font"

	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
)

// TestFormFontHasHelveticaMetrics reads the form's default font back with pdfcpu: standard
// Helvetica with its /FirstChar, /LastChar, /Widths and /FontDescriptor, which strict readers
// require, and each width as pdfcpu's own copy of Adobe's Helvetica metrics gives it for that
// WinAnsiEncoding code, so typed text is measured (and centred, and wrapped) as it is drawn.
func TestFormFontHasHelveticaMetrics(t *testing.T) {
	out := mustForm(t, fields())
	pdftest.Validate(t, "form.pdf", out)
	f := pdftest.ReadFormFont(t, out, "Helv")
	if f.BaseFont != "Helvetica" || f.Descriptor != "Helvetica" {
		t.Errorf("/Helv is /%s with a descriptor for %q, want Helvetica for both", f.BaseFont, f.Descriptor)
	}
	if f.FirstChar != 32 || f.LastChar != 255 {
		t.Errorf("/FirstChar %d /LastChar %d, want 32 and 255: every WinAnsiEncoding character", f.FirstChar, f.LastChar)
	}
	if len(f.Widths) != f.LastChar-f.FirstChar+1 {
		t.Fatalf("%d /Widths for codes %d to %d", len(f.Widths), f.FirstChar, f.LastChar)
	}
	for i, got := range f.Widths {
		code := f.FirstChar + i
		glyph := code
		switch code {
		case 160: // no-break space
			glyph = ' '
		case 173: // soft hyphen
			glyph = '-'
		case 127, 129, 141, 143, 144, 157: // unused: the bullet
			glyph = 149
		}
		want, err := font.CharWidth("Helvetica", rune(glyph))
		if err != nil {
			t.Fatal(err)
		}
		if got != float64(want) {
			t.Errorf("width of code %d = %v, want %d", code, got, want)
		}
	}
}

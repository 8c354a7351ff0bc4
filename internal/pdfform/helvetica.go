package pdfform

import (
	"fmt"
	"strconv"
	"strings"
)

// helvetica writes the form's default font, /Helv: standard Helvetica, not embedded (every
// viewer has it), in WinAnsiEncoding, which covers Spanish. A viewer draws typed text with
// it. PDF 1.7 lets a standard font go without metrics but deprecates it (PDF 2.0 requires
// them), and strict readers refuse it, so the widths and a descriptor are written out.
// Returns the font's object number.
func helvetica(w writer) int {
	descriptor := w.object("<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 " +
		"/FontBBox [-166 -225 1000 931] /ItalicAngle 0 /Ascent 718 /Descent -207 " +
		"/CapHeight 718 /XHeight 523 /StemV 88 /StemH 76 >>")
	widths := make([]string, len(helveticaWidths))
	for i, w := range helveticaWidths {
		widths[i] = strconv.Itoa(w)
	}
	return w.object(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding "+
		"/FirstChar %d /LastChar %d /Widths [%s] /FontDescriptor %d 0 R >>",
		helveticaFirst, helveticaFirst+len(helveticaWidths)-1, strings.Join(widths, " "), descriptor))
}

// helveticaFirst is the first code of helveticaWidths: the space. Codes below are control
// characters, which a text field never draws.
const helveticaFirst = 32

// helveticaWidths are the advance widths (in thousandths of the font size) of Helvetica's
// glyphs for the WinAnsiEncoding codes 32 to 255, from Adobe's Helvetica AFM. Code 160 is the
// no-break space (the space's width) and 173 the soft hyphen (the hyphen's); the unused codes
// (127, 129, 141, 143, 144, 157) show the bullet, to which PDF 32000-1 (Annex D) maps every
// unused code of WinAnsiEncoding.
var helveticaWidths = [...]int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // 32
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 48
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // 64
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 80
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // 96
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 350, // 112
	556, 350, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 350, 611, 350, // 128
	350, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 350, 500, 667, // 144
	278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, // 160
	400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, // 176
	667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // 192
	722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // 208
	556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, // 224
	556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, // 240
}

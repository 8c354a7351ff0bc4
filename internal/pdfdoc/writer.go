package pdfdoc

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/klauspost/compress/zlib"
)

// The writer produces what pauta's PDFs need and nothing more: pages of text in two embedded
// TrueType faces (subset to the glyphs used, with a ToUnicode map so text can be searched and
// copied), straight lines, rectangles and one rotation. Its output has one classic xref table
// and uncompressed object dictionaries. A later stage adds objects of its own through
// OnClose (pdfform's form fields), before the page objects and the catalogue are written.
//
// Each page's content is compressed and written out when the next page starts, with one
// reused compressor, so a long document is never held uncompressed. The total page count,
// unknown until the end, goes in a small second content stream of the pages that print it.
// The compressor is klauspost/compress's zlib, which writes the standard format faster and
// smaller than the standard library's (figures in the README's Development section).

type faces struct{ regular, bold *face }

// vendoredFaces parses the embedded fonts once per process; a face is read-only after parsing.
var vendoredFaces = sync.OnceValues(func() (faces, error) {
	r, err := parseFace("NotoSans-Regular", fontRegular)
	if err != nil {
		return faces{}, err
	}
	b, err := parseFace("NotoSans-Bold", fontBold)
	if err != nil {
		return faces{}, err
	}
	return faces{regular: r, bold: b}, nil
})

type info struct {
	title, subject, author, keywords string
	date                             time.Time
}

// page is one page: its content stream until it is written out, then the stream's object.
type page struct {
	content []byte
	object  int
	counts  []pageCount
	state   gstate
	saved   []gstate
}

// pageCount is text that ends with the total page count, drawn when the total is known.
type pageCount struct {
	font   *face
	size   float64
	rgb    [3]int
	x, y   float64
	suffix string // text after the count
}

// gstate is what the content stream has set so far, so an operator is written only when its
// value changes. A rotation's q … Q restores it.
type gstate struct {
	font      *face
	set       int // the face's code set (see encoding)
	size      float64
	fill      [3]int
	lineWidth float64
}

// pagesAlias stands for the total page count in text drawn with Options.CountPages.
const pagesAlias = "{pauta:paginas}"

const ptPerMM = 72 / 25.4

// Unprintable returns the first character of s that the vendored fonts have no glyph for, in
// regular or in bold, so the source can be checked before anything is drawn.
func Unprintable(s string) (rune, bool, error) {
	fonts, err := vendoredFaces()
	if err != nil {
		return 0, false, err
	}
	for i := 0; i < len(s); {
		// Printable ASCII is in the subset (a test holds it); control characters are layout.
		// Eight bytes at a time: a long manual is megabytes of nearly all ASCII.
		if i+8 <= len(s) && binary.LittleEndian.Uint64([]byte(s[i:i+8]))&0x8080808080808080 == 0 {
			i += 8
			continue
		}
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if unicode.IsControl(r) {
			continue
		}
		_, inRegular := fonts.regular.glyph(r)
		_, inBold := fonts.bold.glyph(r)
		if !inRegular || !inBold {
			return r, true, nil
		}
	}
	return 0, false, nil
}

// AddPage starts a new page; drawing goes to it until the next.
func (d *Doc) AddPage() {
	if d.cur != nil {
		d.writePage(d.cur)
	}
	d.cur = &page{content: d.spare, state: gstate{size: -1, lineWidth: -1, fill: [3]int{-1}}}
	d.spare = nil
	d.pages = append(d.pages, d.cur)
}

// writePage compresses a finished page's content into the file and lets it go.
func (d *Doc) writePage(p *page) {
	if d.w == nil {
		d.w = newPDFWriter(d.out)
	}
	p.object = d.w.stream("", p.content)
	// The next page reuses the buffer: pages of a long document are alike in size.
	d.spare = p.content[:0]
	p.content, p.saved = nil, nil
}

// PageNo is the number of the current page, 1-based; 0 before the first.
func (d *Doc) PageNo() int { return len(d.pages) }

// Error is the first problem met while drawing, such as a character the font has no glyph
// for; drawing goes on, so a caller checks once at the end.
func (d *Doc) Error() error { return d.err }

func (d *Doc) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// SetFont chooses the face for what follows: style "" is regular, "B" bold. Only the vendored
// family (Font) exists.
func (d *Doc) SetFont(family, style string, size float64) {
	if family != Font {
		d.fail(fmt.Errorf("font family %q: only %q is embedded", family, Font))
		return
	}
	switch style {
	case "":
		d.font = d.regular
	case "B":
		d.font = d.bold
	default:
		d.fail(fmt.Errorf("font style %q: only regular and bold are embedded", style))
		return
	}
	d.fontSize = size
}

// GetStringWidth is the width of s in the current font, mm.
func (d *Doc) GetStringWidth(s string) float64 {
	f := d.font
	if f == nil {
		return 0
	}
	return float64(f.units(s)) * 1000 / float64(f.unitsPerEm) * (d.fontSize / ptPerMM) / 1000
}

// units is the advance width of s in font units.
func (f *face) units(s string) int {
	units := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			units += int(f.latinAdv[c])
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r < 256 {
			units += int(f.latinAdv[r])
			continue
		}
		g, _ := f.glyph(r)
		units += int(f.advance[g])
	}
	return units
}

// SetLineWidth sets the width of lines and rectangle borders, mm.
func (d *Doc) SetLineWidth(w float64) { d.lineWidth = w }

// SetTextColor and SetFillColor set the colour of text and of filled rectangles, as 0–255
// RGB. Lines and borders are black, the PDF default.
func (d *Doc) SetTextColor(r, g, b int) { d.textRGB = [3]int{r, g, b} }
func (d *Doc) SetFillColor(r, g, b int) { d.fillRGB = [3]int{r, g, b} }

// Text writes s with its baseline starting at (x, y).
func (d *Doc) Text(x, y float64, s string) {
	p := d.current()
	if p == nil || d.font == nil {
		return
	}
	d.setFill(p, d.textRGB)
	p.content = append(p.content, "BT "...)
	p.content = d.point(p.content, x, y)
	p.content = append(p.content, " Td"...)
	before, after, counted := strings.Cut(s, pagesAlias)
	if !d.countPages {
		before, counted = s, false
	}
	p.content = d.show(p.content, &p.state, d.font, d.fontSize, before)
	p.content = append(p.content, " ET\n"...)
	if counted {
		p.counts = append(p.counts, pageCount{font: d.font, size: d.fontSize, rgb: d.textRGB,
			x: x + d.GetStringWidth(before), y: y, suffix: after})
	}
}

// show appends the operators that show s in face f at size, one byte a character, choosing
// the font resource of each character's code set as needed; st is the stream's state.
func (d *Doc) show(b []byte, st *gstate, f *face, size float64, s string) []byte {
	enc := d.encodingOf(f)
	open := false
	// current is the code set shown in this face and size, or -1 when the stream shows
	// another: a Latin-1 character already given a code in it needs no more than its byte.
	current := -1
	if st.font == f && st.size == size {
		current = st.set
	}
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		// Latin-1, nearly all of a Spanish text: the code is remembered by character.
		if r < 256 {
			if c := int(enc.latin[r]) - 1; c >= 0 && c>>8 == current {
				if !open {
					b = append(b, " ("...)
					open = true
				}
				b = escapeByte(b, byte(c))
				continue
			}
		}
		g, ok := f.glyph(r)
		if !ok {
			if r == utf8.RuneError && n == 1 {
				d.fail(fmt.Errorf("el texto %q no es UTF-8 válido", s))
			} else {
				d.fail(fmt.Errorf("el texto %q lleva el carácter %q (U+%04X), que la fuente de los PDF no tiene: reemplácelo por otro", s, r, r))
			}
			continue
		}
		set, code := enc.codeOf(g, r)
		if r < 256 {
			enc.latin[r] = uint16(set*256+int(code)) + 1
		}
		if st.font != f || st.set != set || st.size != size {
			if open {
				b = append(b, ") Tj"...)
				open = false
			}
			st.font, st.set, st.size = f, set, size
			current = set
			b = append(b, ' ', '/')
			b = append(b, d.resourceName(f, set)...)
			b = append(b, ' ')
			b = num(b, size)
			b = append(b, " Tf"...)
		}
		if !open {
			b = append(b, " ("...)
			open = true
		}
		b = escapeByte(b, code)
	}
	if open {
		b = append(b, ") Tj"...)
	}
	return b
}

// encoding gives each glyph a document draws a one-byte code, so text takes one byte a
// character instead of two: half of what a long decree's pages hold, and of what is
// compressed. Codes come in sets of 256 in the order glyphs are first drawn; each set is a
// font resource of its own (R0, R1… regular, B0, B1… bold) over the one embedded subset.
type encoding struct {
	latin [256]uint16 // per Latin-1 character drawn: its glyph's code, as in code
	code  []uint16    // per glyph: set×256 + code + 1; 0 for a glyph not drawn
	char  []rune      // per glyph: the character it was drawn for, for ToUnicode
	sets  [][]uint16  // per set, the glyph of each code
}

func (e *encoding) codeOf(g uint16, r rune) (set int, code byte) {
	if c := e.code[g]; c != 0 {
		return int(c-1) / 256, byte(c - 1)
	}
	if len(e.sets) == 0 || len(e.sets[len(e.sets)-1]) == 256 {
		e.sets = append(e.sets, make([]uint16, 0, 256))
	}
	set = len(e.sets) - 1
	code = byte(len(e.sets[set]))
	e.sets[set] = append(e.sets[set], g)
	e.code[g] = uint16(set*256+int(code)) + 1
	e.char[g] = r
	return set, code
}

func (d *Doc) encodingOf(f *face) *encoding {
	i := d.faceIndex(f)
	if d.enc[i] == nil {
		d.enc[i] = &encoding{code: make([]uint16, len(f.advance)), char: make([]rune, len(f.advance))}
	}
	return d.enc[i]
}

func (d *Doc) faceIndex(f *face) int {
	if f == d.bold {
		return 1
	}
	return 0
}

// resourceName names a face's code set among the page's fonts: "R0", "B1".
func (d *Doc) resourceName(f *face, set int) string {
	return string("RB"[d.faceIndex(f)]) + strconv.Itoa(set)
}

// Line draws a straight line from (x1, y1) to (x2, y2).
func (d *Doc) Line(x1, y1, x2, y2 float64) {
	p := d.current()
	if p == nil {
		return
	}
	d.setLineWidth(p)
	p.content = d.point(p.content, x1, y1)
	p.content = append(p.content, " m "...)
	p.content = d.point(p.content, x2, y2)
	p.content = append(p.content, " l S\n"...)
}

// Rect draws a rectangle with its top-left corner at (x, y): style "D" strokes its border,
// "F" fills it.
func (d *Doc) Rect(x, y, w, h float64, style string) {
	p := d.current()
	if p == nil {
		return
	}
	op := " re S\n"
	switch style {
	case "F":
		d.setFill(p, d.fillRGB)
		op = " re f\n"
	case "D", "":
		d.setLineWidth(p)
	default:
		d.fail(fmt.Errorf("rectangle style %q: use \"D\" or \"F\"", style))
		return
	}
	p.content = d.point(p.content, x, y+h)
	p.content = append(p.content, ' ')
	p.content = num(p.content, w*ptPerMM)
	p.content = append(p.content, ' ')
	p.content = num(p.content, h*ptPerMM)
	p.content = append(p.content, op...)
}

// TransformBegin saves the drawing state; TransformEnd restores it.
func (d *Doc) TransformBegin() {
	if p := d.current(); p != nil {
		p.saved = append(p.saved, p.state)
		p.content = append(p.content, "q\n"...)
	}
}

func (d *Doc) TransformEnd() {
	p := d.current()
	if p == nil || len(p.saved) == 0 {
		d.fail(fmt.Errorf("TransformEnd without TransformBegin"))
		return
	}
	p.state = p.saved[len(p.saved)-1]
	p.saved = p.saved[:len(p.saved)-1]
	p.content = append(p.content, "Q\n"...)
}

// TransformRotate turns what follows by angle degrees anticlockwise around (x, y).
func (d *Doc) TransformRotate(angle, x, y float64) {
	p := d.current()
	if p == nil {
		return
	}
	rad := angle * math.Pi / 180
	c, s := math.Cos(rad), math.Sin(rad)
	cx, cy := x*ptPerMM, (d.Paper.H-y)*ptPerMM
	for _, v := range []float64{c, s, -s, c, cx - c*cx + s*cy, cy - s*cx - c*cy} {
		p.content = num(p.content, v)
		p.content = append(p.content, ' ')
	}
	p.content = append(p.content, "cm\n"...)
}

func (d *Doc) current() *page {
	if d.cur == nil {
		d.fail(fmt.Errorf("drawing before the first page"))
	}
	return d.cur
}

func (d *Doc) setFill(p *page, rgb [3]int) {
	if p.state.fill != rgb {
		p.state.fill = rgb
		p.content = color(p.content, rgb, "rg")
	}
}

func (d *Doc) setLineWidth(p *page) {
	if p.state.lineWidth != d.lineWidth {
		p.state.lineWidth = d.lineWidth
		p.content = num(p.content, d.lineWidth*ptPerMM)
		p.content = append(p.content, " w\n"...)
	}
}

func color(b []byte, rgb [3]int, op string) []byte {
	for _, c := range rgb {
		b = num(b, float64(c)/255)
		b = append(b, ' ')
	}
	return append(append(b, op...), '\n')
}

// point appends x y in points from the page's bottom-left corner.
func (d *Doc) point(b []byte, x, y float64) []byte {
	b = num(b, x*ptPerMM)
	b = append(b, ' ')
	return num(b, (d.Paper.H-y)*ptPerMM)
}

// num appends v with at most three decimals (a thousandth of a point is far below what any
// printer resolves), without trailing zeros.
func num(b []byte, v float64) []byte {
	v = math.Round(v*1000) / 1000
	if v == 0 {
		return append(b, '0')
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.AppendInt(b, int64(v), 10)
	}
	b = strconv.AppendFloat(b, v, 'f', 3, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	return b
}

// Bytes finishes the document and returns the PDF; for a document made with Options.Out, use
// Close.
func (d *Doc) Bytes() ([]byte, error) {
	if d.out != nil {
		return nil, fmt.Errorf("writing PDF: the document goes to Options.Out")
	}
	if err := d.Close(); err != nil {
		return nil, err
	}
	return d.w.mem.Bytes(), nil
}

// Close finishes the document: the pages' objects, the fonts, the catalog and the
// cross-reference table. With Options.Out, the PDF is then complete there.
func (d *Doc) Close() error {
	if d.err != nil {
		return fmt.Errorf("writing PDF: %w", d.err)
	}
	if len(d.pages) == 0 {
		return fmt.Errorf("writing PDF: no pages")
	}
	d.writePage(d.cur)
	w := d.w
	catalog, pagesRoot, resources := w.reserve(), w.reserve(), w.reserve()
	total := strconv.Itoa(len(d.pages))
	// Page objects are numbered before the OnClose hooks run, so that what they add can
	// point at its page, and written after, with the annotations the hooks gave them. A
	// page's count stream comes just before it, as numbers and bytes always have.
	counts := make([]int, len(d.pages))
	kids := make([]int, len(d.pages))
	for i, p := range d.pages {
		if len(p.counts) > 0 {
			counts[i] = w.reserve()
		}
		kids[i] = w.reserve()
	}
	c, err := d.closing(kids)
	if err != nil {
		return fmt.Errorf("writing PDF: %w", err)
	}
	for i, p := range d.pages {
		contents := fmt.Sprintf("%d 0 R", p.object)
		if counts[i] != 0 {
			w.defineStream(counts[i], "", d.countStream(p, total))
			contents = fmt.Sprintf("[%d 0 R %d 0 R]", p.object, counts[i])
		}
		annots := ""
		if refs := c.annots[i]; len(refs) > 0 {
			annots = " /Annots [" + refList(refs) + "]"
		}
		w.define(kids[i], fmt.Sprintf("<< /Type /Page /Parent %d 0 R /Resources %d 0 R /Contents %s%s >>",
			pagesRoot, resources, contents, annots))
	}
	if d.err != nil {
		return fmt.Errorf("writing PDF: %w", d.err)
	}
	var fonts strings.Builder
	for i, f := range []*face{d.regular, d.bold} {
		if enc := d.enc[i]; enc != nil && len(enc.sets) > 0 {
			for set, obj := range w.font(f, enc) {
				fmt.Fprintf(&fonts, " /%s %d 0 R", d.resourceName(f, set), obj)
			}
		}
	}
	w.define(resources, fmt.Sprintf("<< /ProcSet [/PDF /Text] /Font <<%s >> >>", fonts.String()))
	w.define(pagesRoot, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d /MediaBox [0 0 %s %s] >>",
		refList(kids), len(kids), num(nil, d.Paper.W*ptPerMM), num(nil, d.Paper.H*ptPerMM)))
	w.define(catalog, fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R /Lang (es-CL) /PageLayout /OneColumn "+
		"/OpenAction [%d 0 R /XYZ null null 1] /ViewerPreferences << /DisplayDocTitle true >>%s >>",
		pagesRoot, kids[0], strings.Join(c.catalog, "")))
	infoObj := w.object(d.info.dict())
	w.finish(catalog, infoObj)
	if err := w.out.Flush(); err != nil {
		return fmt.Errorf("writing PDF: %w", err)
	}
	return nil
}

// countStream draws the page counts of p, in a state of its own: it runs after the page's
// main content, whatever that content left set.
func (d *Doc) countStream(p *page, total string) []byte {
	b := []byte("q\n")
	var st gstate // nothing set: the first text sets its font
	for _, c := range p.counts {
		b = color(b, c.rgb, "rg")
		b = append(b, "BT "...)
		b = d.point(b, c.x, c.y)
		b = append(b, " Td"...)
		b = d.show(b, &st, c.font, c.size, total+c.suffix)
		b = append(b, " ET\n"...)
	}
	return append(b, "Q\n"...)
}

func (i info) dict() string {
	// The offset is written out ("Z00'00'", as PDF 1.7's own example writes "-08'00'"):
	// a bare "Z" is allowed, but strict readers (pdfcpu) refuse it.
	date := "D:" + i.date.Format("20060102150405") + "Z00'00'"
	var b strings.Builder
	b.WriteString("<< /Producer (pauta) /Creator (pauta)")
	for _, kv := range [][2]string{{"Title", i.title}, {"Subject", i.subject}, {"Author", i.author}, {"Keywords", i.keywords}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, " /%s %s", kv[0], textString(kv[1]))
		}
	}
	fmt.Fprintf(&b, " /CreationDate (%s) /ModDate (%s) >>", date, date)
	return b.String()
}

// textString encodes a document-information string: UTF-16BE with a byte-order mark, as a
// literal string (what pauta verify reads back).
func textString(s string) string {
	b := []byte{'(', 0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = escapeByte(escapeByte(b, byte(u>>8)), byte(u))
	}
	return string(append(b, ')'))
}

// escapeByte appends c to a literal string.
func escapeByte(b []byte, c byte) []byte {
	switch c {
	case '(', ')', '\\':
		return append(b, '\\', c)
	case '\r':
		return append(b, '\\', 'r')
	}
	return append(b, c)
}

// pdfWriter numbers objects, records their offsets and writes the xref table.
type pdfWriter struct {
	out     *bufio.Writer
	mem     *bytes.Buffer // the file, when it is written to memory
	n       int           // bytes written so far: the next object's offset
	z       *zlib.Writer
	zbuf    bytes.Buffer
	offsets []int // by object number; 0 for object 0 and for reserved, unwritten objects
}

// newPDFWriter writes to out, or to memory when out is nil.
func newPDFWriter(out io.Writer) *pdfWriter {
	w := &pdfWriter{offsets: []int{0}}
	if out == nil {
		w.mem = &bytes.Buffer{}
		out = w.mem
	}
	w.out = bufio.NewWriterSize(out, 64<<10)
	io.WriteString(w, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	// BestSpeed is a valid level: NewWriterLevel cannot fail.
	w.z, _ = zlib.NewWriterLevel(&w.zbuf, zlib.BestSpeed)
	return w
}

// Write counts what goes out; bufio keeps the first error and Close reports it.
func (w *pdfWriter) Write(b []byte) (int, error) {
	n, err := w.out.Write(b)
	w.n += n
	return n, err
}

func (w *pdfWriter) reserve() int {
	w.offsets = append(w.offsets, 0)
	return len(w.offsets) - 1
}

func (w *pdfWriter) define(n int, dict string) {
	w.offsets[n] = w.n
	fmt.Fprintf(w, "%d 0 obj\n%s\nendobj\n", n, dict)
}

func (w *pdfWriter) object(dict string) int {
	n := w.reserve()
	w.define(n, dict)
	return n
}

// stream writes data compressed, with extra entries for its dictionary.
func (w *pdfWriter) stream(extra string, data []byte) int {
	n := w.reserve()
	w.defineStream(n, extra, data)
	return n
}

// defineStream writes reserved object n as stream.
func (w *pdfWriter) defineStream(n int, extra string, data []byte) {
	w.offsets[n] = w.n
	w.zbuf.Reset()
	w.z.Reset(&w.zbuf)
	w.z.Write(data)
	w.z.Close()
	fmt.Fprintf(w, "%d 0 obj\n<< /Length %d /Filter /FlateDecode%s >>\nstream\n", n, w.zbuf.Len(), extra)
	w.Write(w.zbuf.Bytes())
	io.WriteString(w, "\nendstream\nendobj\n")
}

// refList writes object references separated by spaces: "3 0 R 5 0 R".
func refList(refs []int) string {
	var b strings.Builder
	for i, r := range refs {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d 0 R", r)
	}
	return b.String()
}

func (w *pdfWriter) finish(catalog, info int) {
	xref := w.n
	fmt.Fprintf(w, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets))
	for _, off := range w.offsets[1:] {
		fmt.Fprintf(w, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(w, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n",
		len(w.offsets), catalog, info, xref)
}

// font writes a face as one CIDFontType2 over a subset of the glyphs drawn, and one Type0
// font per code set, each with its own encoding CMap (code to glyph) and ToUnicode map.
// Returns the Type0 fonts' object numbers, by set.
func (w *pdfWriter) font(f *face, enc *encoding) []int {
	var gids []int
	keep := map[uint16]bool{}
	for g, c := range enc.code {
		if c != 0 {
			gids = append(gids, g)
			keep[uint16(g)] = true
		}
	}
	// The subset's tag is derived from its glyphs, so the same text gives the same name.
	h := sha256.New()
	for _, g := range gids {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	sum := h.Sum([]byte(f.name))
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[len(f.name)+i]%26
	}
	name := string(tag) + "+" + f.name

	ttf := f.subset(keep)
	file := w.stream(fmt.Sprintf(" /Length1 %d", len(ttf)), ttf)
	scale := func(v int) int { return int(math.Round(float64(v) * 1000 / float64(f.unitsPerEm))) }
	descriptor := w.object(fmt.Sprintf("<< /Type /FontDescriptor /FontName /%s /Flags 32 /FontBBox [%d %d %d %d] "+
		"/ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 /FontFile2 %d 0 R >>",
		name, scale(f.bbox[0]), scale(f.bbox[1]), scale(f.bbox[2]), scale(f.bbox[3]),
		scale(f.ascent), scale(f.descent), scale(f.capHeight), file))

	var widths strings.Builder
	for i := 0; i < len(gids); {
		j := i
		for j+1 < len(gids) && gids[j+1] == gids[j]+1 {
			j++
		}
		fmt.Fprintf(&widths, "%d [", gids[i])
		for k := i; k <= j; k++ {
			if k > i {
				widths.WriteByte(' ')
			}
			fmt.Fprintf(&widths, "%d", scale(int(f.advance[gids[k]])))
		}
		widths.WriteString("] ")
		i = j + 1
	}
	cid := w.object(fmt.Sprintf("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s "+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "+
		"/FontDescriptor %d 0 R /CIDToGIDMap /Identity /W [%s] >>", name, descriptor, strings.TrimSpace(widths.String())))
	var fonts []int
	for set, glyphs := range enc.sets {
		cmapName := fmt.Sprintf("Pauta-%s-%d", f.name, set)
		encoding := w.stream(fmt.Sprintf(" /Type /CMap /CMapName /%s "+
			"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>", cmapName),
			encodingCMap(cmapName, glyphs))
		toUnicode := w.stream("", toUnicodeCMap(glyphs, enc.char))
		fonts = append(fonts, w.object(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding %d 0 R "+
			"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", name, encoding, cid, toUnicode)))
	}
	return fonts
}

// encodingCMap maps the one-byte codes of a set to their glyphs (CIDToGIDMap is the identity).
func encodingCMap(name string, glyphs []uint16) []byte {
	var b bytes.Buffer
	b.WriteString("%!PS-Adobe-3.0 Resource-CMap\n/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n" +
		"/CMapName /" + name + " def\n/CMapType 1 def\n" +
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	for i := 0; i < len(glyphs); i += 100 {
		chunk := glyphs[i:min(i+100, len(glyphs))]
		fmt.Fprintf(&b, "%d begincidchar\n", len(chunk))
		for k, g := range chunk {
			fmt.Fprintf(&b, "<%02X> %d\n", i+k, g)
		}
		b.WriteString("endcidchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// toUnicodeCMap maps each code of a set back to the character drawn with it, so text
// extraction, search and screen readers get the words.
func toUnicodeCMap(glyphs []uint16, char []rune) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	for i := 0; i < len(glyphs); i += 100 {
		chunk := glyphs[i:min(i+100, len(glyphs))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for k, g := range chunk {
			fmt.Fprintf(&b, "<%02X> <", i+k)
			for _, u := range utf16.Encode([]rune{char[g]}) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

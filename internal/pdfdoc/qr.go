package pdfdoc

import (
	"fmt"

	"rsc.io/qr"
)

// QRQuiet is the light margin, in modules, a QR code needs around it to be found by a reader.
const QRQuiet = 4

// QR is a QR code ready to draw: only the module matrix comes from the encoder; the drawing
// is ours, as filled rectangles, so it stays sharp at any zoom and after a photocopy.
type QR struct {
	code   *qr.Code
	Module float64 // side of one module, mm
}

// NewQR encodes text at level M (about 15 % of the symbol may be lost to a crease or a
// smudge and it still reads), with modules of the given side in millimetres.
func NewQR(text string, module float64) (*QR, error) {
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		return nil, fmt.Errorf("encoding QR %q: %w", text, err)
	}
	return &QR{code: c, Module: module}, nil
}

// NewQRWithin encodes text with the largest module, between minModule and maxModule, that
// keeps the symbol within maxSide millimetres: a short code prints large, a long address
// stays small enough for a footer but never below what a phone and a scan can read.
func NewQRWithin(text string, maxSide, minModule, maxModule float64) (*QR, error) {
	q, err := NewQR(text, maxModule)
	if err != nil {
		return nil, err
	}
	q.Module = max(minModule, min(maxModule, maxSide/float64(q.code.Size)))
	return q, nil
}

// Size is the side of the symbol without its quiet zone, mm.
func (q *QR) Size() float64 { return float64(q.code.Size) * q.Module }

// Draw paints the symbol with its top-left corner at (x, y), clearing the quiet zone around
// it to white first. Each run of dark modules in a row is one rectangle, which keeps the
// page small (a few hundred operators instead of a thousand).
func (q *QR) Draw(d *Doc, x, y float64) {
	m := q.Module
	quiet := QRQuiet * m
	d.SetFillColor(255, 255, 255)
	d.Rect(x-quiet, y-quiet, q.Size()+2*quiet, q.Size()+2*quiet, "F")
	d.SetFillColor(0, 0, 0)
	n := q.code.Size
	for row := 0; row < n; row++ {
		for col := 0; col < n; {
			if !q.code.Black(col, row) {
				col++
				continue
			}
			start := col
			for col < n && q.code.Black(col, row) {
				col++
			}
			d.Rect(x+float64(start)*m, y+float64(row)*m, float64(col-start)*m, m, "F")
		}
	}
}

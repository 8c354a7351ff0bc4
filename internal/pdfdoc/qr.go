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

// NewQR encodes text in the smallest symbol that holds it at level L (about 7 % of the symbol
// may be lost and it still reads), at the highest level that symbol still holds (M, Q, H).
// Printed at 100 % on a sheet kept flat, with the code in a corner away from the pen, L is
// enough; the larger a code, the more of the sheet it takes, so the level never makes it
// larger, and whatever room the symbol has to spare goes to correction. Its modules are
// module millimetres wide.
func NewQR(text string, module float64) (*QR, error) {
	c, err := qr.Encode(text, qr.L)
	if err != nil {
		return nil, fmt.Errorf("encoding QR %q: %w", text, err)
	}
	for _, l := range []qr.Level{qr.H, qr.Q, qr.M} {
		if h, err := qr.Encode(text, l); err == nil && h.Size == c.Size {
			c = h
			break
		}
	}
	return &QR{code: c, Module: module}, nil
}

// NewQRWithin encodes text with the largest module, between minModule and maxModule, that
// keeps the symbol within maxSide millimetres: a short code prints large, a long address
// stays small enough for a header but never below what a phone and a scan can read.
func NewQRWithin(text string, maxSide, minModule, maxModule float64) (*QR, error) {
	q, err := NewQR(text, maxModule)
	if err != nil {
		return nil, err
	}
	q.Module = max(minModule, min(maxModule, maxSide/float64(q.code.Size)))
	return q, nil
}

// Modules is how many modules the symbol has on a side (21 for the smallest).
func (q *QR) Modules() int { return q.code.Size }

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

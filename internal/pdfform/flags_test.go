package pdfform_test

import (
	"testing"

	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
	"github.com/requinoa/pauta/internal/pdfform"
)

// TestFlagsAsPDFCPUReadsThem reads the form back with pdfcpu: /SigFlags 1 (signatures
// exist, so viewers offer to sign) only when the form has a signature field, and the
// multiline flag (bit 13 of /Ff) on the observations box alone — without it a viewer keeps
// the observations on one line.
func TestFlagsAsPDFCPUReadsThem(t *testing.T) {
	const multiline = 1 << 12
	text := func(name string, multi bool) pdfform.Field {
		return pdfform.Field{Name: name, Label: name, Kind: pdfform.Text, Page: 1,
			Rect: pdfform.Rect{X: 20, Y: 40, W: 80, H: 10}, Multiline: multi}
	}
	sig := pdfform.Field{Name: "firma", Label: "Firma", Kind: pdfform.Signature, Page: 2,
		Rect: pdfform.Rect{X: 20, Y: 200, W: 60, H: 25}}
	tests := []struct {
		name     string
		fields   []pdfform.Field
		sigFlags int
	}{
		{"with a signature", []pdfform.Field{text("fecha", false), text("obs", true), sig}, 1},
		{"without a signature", []pdfform.Field{text("fecha", false), text("obs", true)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := mustForm(t, tt.fields)
			pdftest.Validate(t, "form.pdf", out)
			form := pdftest.ReadForm(t, out)
			if form.SigFlags != tt.sigFlags {
				t.Errorf("/SigFlags %d, want %d", form.SigFlags, tt.sigFlags)
			}
			got := map[string]pdftest.FormField{}
			for _, f := range form.Fields {
				got[f.Name] = f
			}
			for _, f := range tt.fields {
				g, ok := got[f.Name]
				if !ok {
					t.Errorf("field %s missing; pdfcpu reads %+v", f.Name, form.Fields)
					continue
				}
				if f.Kind != pdfform.Text {
					continue
				}
				if g.Type != "Tx" {
					t.Errorf("field %s type %q, want Tx", f.Name, g.Type)
				}
				if on := g.Flags&multiline != 0; on != f.Multiline {
					t.Errorf("field %s multiline flag %v, want %v (/Ff %d)", f.Name, on, f.Multiline, g.Flags)
				}
			}
		})
	}
}

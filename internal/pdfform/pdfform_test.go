package pdfform_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
	"github.com/requinoa/pauta/internal/pdfform"
)

// twoPages is a pdfdoc document of two carta pages with some text.
func twoPages(t *testing.T) []byte {
	t.Helper()
	d := pdfdoc.New(pdfdoc.Options{})
	for i := 0; i < 2; i++ {
		d.NewPage()
		d.SetFont(pdfdoc.Font, "", 11)
		d.Text(20, 30, "Página con campos")
	}
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func fields() []pdfform.Field {
	return []pdfform.Field{
		{Name: "fecha", Label: "Fecha", Kind: pdfform.Text, Page: 1, Rect: pdfform.Rect{X: 20, Y: 40, W: 50, H: 6}},
		{Name: "obs", Label: "Observaciones (explique cada «No»)", Kind: pdfform.Text, Page: 1, Rect: pdfform.Rect{X: 20, Y: 50, W: 150, H: 20}, Multiline: true},
		{Name: "a1-si", Label: "A 1, Sí: El usuario (final)", Kind: pdfform.Checkbox, Page: 1, Rect: pdfform.Rect{X: 180, Y: 40, W: 4, H: 4}},
		{Name: "a1-no", Label: "A 1, No", Kind: pdfform.Checkbox, Page: 2, Rect: pdfform.Rect{X: 190, Y: 40, W: 4, H: 4}},
		{Name: "firma-tecnico", Label: "Firma: Técnico de soporte", Kind: pdfform.Signature, Page: 2, Rect: pdfform.Rect{X: 20, Y: 200, W: 60, H: 25}},
		{Name: "firma-usuario", Label: "Firma: Usuario final", Kind: pdfform.Signature, Page: 2, Rect: pdfform.Rect{X: 110, Y: 200, W: 60, H: 25}},
		{Name: "item-A2", Label: "A2: El técnico tiene disponibilidad", Kind: pdfform.Radio, Page: 2, Options: []pdfform.Option{
			{Value: "Si", Rect: pdfform.Rect{X: 170, Y: 80, W: 4.5, H: 4.5}},
			{Value: "No", Rect: pdfform.Rect{X: 180, Y: 80, W: 4.5, H: 4.5}},
			{Value: "NA", Rect: pdfform.Rect{X: 190, Y: 80, W: 4.5, H: 4.5}},
		}},
	}
}

func TestAddIsSoundAndDeterministic(t *testing.T) {
	base := twoPages(t)
	out, err := pdfform.Add(base, fields())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, base) {
		t.Fatal("the original bytes must stay untouched: the fields go in an incremental update")
	}
	again, err := pdfform.Add(twoPages(t), fields())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, again) {
		t.Error("two runs differ")
	}
	path := pdftest.File(t, "form.pdf", out)
	pdftest.QPDFCheck(t, path)

	sig := pdftest.Run(t, "poppler-utils", "pdfsig", path)
	for _, name := range []string{"firma-tecnico", "firma-usuario"} {
		if !strings.Contains(sig, "Signature Field Name: "+name) {
			t.Errorf("pdfsig does not list %s:\n%s", name, sig)
		}
	}
	if strings.Count(sig, "not signed") != 2 {
		t.Errorf("want 2 unsigned signature fields:\n%s", sig)
	}
}

// TestFieldsAsQPDFSeesThem reads the form back with qpdf's JSON view: every field with its
// type, name, label and page, and each checkbox off, with an appearance for /Yes and /Off;
// a radio group is one field, off, whose widgets (one per option) each have an appearance
// for its own export value and /Off.
func TestFieldsAsQPDFSeesThem(t *testing.T) {
	out, err := pdfform.Add(twoPages(t), fields())
	if err != nil {
		t.Fatal(err)
	}
	path := pdftest.File(t, "form.pdf", out)
	var form struct {
		Acroform struct {
			Fields []struct {
				Object          string `json:"object"`
				FieldType       string `json:"fieldtype"`
				FullName        string `json:"fullname"`
				AlternativeName string `json:"alternativename"`
				Page            int    `json:"pageposfrom1"`
				Value           any    `json:"value"`
				Radio           bool   `json:"isradiobutton"`
				Flags           int    `json:"fieldflags"`
				Parent          string `json:"parent"`
				Annotation      struct {
					Object string `json:"object"`
					State  string `json:"appearancestate"`
				} `json:"annotation"`
			} `json:"fields"`
		} `json:"acroform"`
	}
	qpdfJSON(t, &form, "--json-key=acroform", path)
	// qpdf lists a radio group once per widget.
	var want []pdfform.Field
	var values []string
	for _, f := range fields() {
		if f.Kind != pdfform.Radio {
			want, values = append(want, f), append(values, "/Yes")
			continue
		}
		for _, o := range f.Options {
			want, values = append(want, f), append(values, "/"+o.Value)
		}
	}
	if len(form.Acroform.Fields) != len(want) {
		t.Fatalf("qpdf sees %d fields, want %d", len(form.Acroform.Fields), len(want))
	}
	kinds := map[pdfform.Kind]string{pdfform.Text: "/Tx", pdfform.Checkbox: "/Btn", pdfform.Signature: "/Sig", pdfform.Radio: "/Btn"}
	parents := map[string]bool{}
	for i, f := range form.Acroform.Fields {
		w := want[i]
		if f.FullName != w.Name || f.FieldType != kinds[w.Kind] || f.Page != w.Page {
			t.Errorf("field %d = %+v, want %s %s on page %d", i, f, w.Name, kinds[w.Kind], w.Page)
		}
		if w.Kind != pdfform.Radio && f.AlternativeName != w.Label {
			t.Errorf("field %s labelled %q, want %q", w.Name, f.AlternativeName, w.Label)
		}
		if w.Kind == pdfform.Radio {
			if !f.Radio || f.Flags&(1<<15) == 0 || f.Parent == "" {
				t.Errorf("%s: widget %s is not a kid of a radio field: %+v", w.Name, f.Annotation.Object, f)
			}
			parents[f.Parent] = true
		}
		if w.Kind != pdfform.Checkbox && w.Kind != pdfform.Radio {
			continue
		}
		if f.Value != "/Off" || f.Annotation.State != "/Off" {
			t.Errorf("%s value %v, state %q, want /Off", w.Name, f.Value, f.Annotation.State)
		}
		num, _, _ := strings.Cut(f.Annotation.Object, " ")
		// "qpdf" is a header followed by the objects asked for.
		var obj struct {
			QPDF []json.RawMessage `json:"qpdf"`
		}
		qpdfJSON(t, &obj, "--json-key=qpdf", "--json-object="+num, path)
		var objects map[string]struct {
			Value struct {
				AP struct {
					N map[string]string `json:"/N"`
				} `json:"/AP"`
			} `json:"value"`
		}
		if len(obj.QPDF) != 2 || json.Unmarshal(obj.QPDF[1], &objects) != nil {
			t.Fatalf("qpdf JSON for object %s: unexpected shape", f.Object)
		}
		ap := objects["obj:"+f.Annotation.Object].Value.AP.N
		if len(ap) != 2 || ap[values[i]] == "" || ap["/Off"] == "" {
			t.Errorf("%s: widget appearances %v, want %s and /Off", w.Name, ap, values[i])
		}
	}
	if len(parents) != 1 {
		t.Errorf("the radio group's widgets belong to %d fields, want one: %v", len(parents), parents)
	}
}

func qpdfJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	raw := pdftest.Run(t, "qpdf", "qpdf", append([]string{"--json"}, args...)...)
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		t.Fatalf("qpdf JSON: %v\n%s", err, raw)
	}
}

func TestAddRejects(t *testing.T) {
	base := twoPages(t)
	tests := []struct {
		name   string
		pdf    []byte
		fields []pdfform.Field
		want   string
	}{
		{"not a PDF", []byte("hola"), fields(), "startxref"},
		{"page out of range", base, []pdfform.Field{{Name: "x", Page: 3}}, "page 3 of 2"},
		{"repeated name", base, []pdfform.Field{{Name: "x", Page: 1}, {Name: "x", Page: 2}}, "repeated"},
		{"already updated", mustAdd(t, base), fields(), "not supported"},
		{"radio of one option", base, []pdfform.Field{{Name: "x", Page: 1, Kind: pdfform.Radio, Options: []pdfform.Option{{Value: "Si"}}}}, "at least two"},
		{"export value not a plain name", base, []pdfform.Field{{Name: "x", Page: 1, Kind: pdfform.Radio, Options: []pdfform.Option{{Value: "Sí"}, {Value: "No"}}}}, "export value"},
		{"export value Off", base, []pdfform.Field{{Name: "x", Page: 1, Kind: pdfform.Radio, Options: []pdfform.Option{{Value: "Off"}, {Value: "No"}}}}, "export value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pdfform.Add(tt.pdf, tt.fields)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Add() error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func mustAdd(t *testing.T, pdf []byte) []byte {
	t.Helper()
	out, err := pdfform.Add(pdf, fields()[:1])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

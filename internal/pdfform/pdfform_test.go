package pdfform_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/pdfdoc/pdftest"
	"github.com/requinoa/pauta/internal/pdfform"
)

// twoPages is a pdfdoc document of two carta pages with some text.
func twoPages() *pdfdoc.Doc {
	d := pdfdoc.New(pdfdoc.Options{})
	for i := 0; i < 2; i++ {
		d.NewPage()
		d.SetFont(pdfdoc.Font, "", 11)
		d.Text(20, 30, "Página con campos")
	}
	return d
}

// withForm is twoPages with fields added as it is closed.
func withForm(fields []pdfform.Field) ([]byte, error) {
	d := twoPages()
	d.OnClose(func(c *pdfdoc.Closing) error { return pdfform.Add(c, fields) })
	return d.Bytes()
}

func mustForm(t *testing.T, fields []pdfform.Field) []byte {
	t.Helper()
	out, err := withForm(fields)
	if err != nil {
		t.Fatal(err)
	}
	return out
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
	out := mustForm(t, fields())
	if again := mustForm(t, fields()); !bytes.Equal(out, again) {
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
	// Blank fields draw nothing: each page prints as the one without fields.
	plain, err := twoPages().Bytes()
	if err != nil {
		t.Fatal(err)
	}
	plainPath := pdftest.File(t, "plain.pdf", plain)
	for page := 1; page <= 2; page++ {
		a, errA := os.ReadFile(pdftest.PNG(t, plainPath, page, 72))
		b, errB := os.ReadFile(pdftest.PNG(t, path, page, 72))
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("page %d with blank fields does not print as the page without them", page)
		}
	}
}

// TestFieldsAsQPDFSeesThem reads the form back with qpdf's JSON view: every field with its
// type, name, label and page, and each checkbox off, with an appearance for /Yes and /Off;
// a radio group is one field, off, whose widgets (one per option) each have an appearance
// for its own export value and /Off.
func TestFieldsAsQPDFSeesThem(t *testing.T) {
	path := pdftest.File(t, "form.pdf", mustForm(t, fields()))
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
	pdftest.QPDFJSON(t, &form, "--json-key=acroform", path)
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
		pdftest.QPDFJSON(t, &obj, "--json-key=qpdf", "--json-object="+num, path)
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

func TestAddRejects(t *testing.T) {
	tests := []struct {
		name   string
		fields []pdfform.Field
		want   string
	}{
		{"page out of range", []pdfform.Field{{Name: "x", Page: 3}}, "page 3 of 2"},
		{"page zero", []pdfform.Field{{Name: "x", Page: 0}}, "page 0 of 2"},
		{"repeated name", []pdfform.Field{{Name: "x", Page: 1}, {Name: "x", Page: 2}}, "repeated"},
		{"names repeated once dots are replaced", []pdfform.Field{{Name: "a.b", Page: 1}, {Name: "a_b", Page: 2}}, "repeated"},
		{"radio of one option", []pdfform.Field{{Name: "x", Page: 1, Kind: pdfform.Radio, Options: []pdfform.Option{{Value: "Si"}}}}, "at least two"},
		{"export value not a plain name", []pdfform.Field{{Name: "x", Page: 1, Kind: pdfform.Radio, Options: []pdfform.Option{{Value: "Sí"}, {Value: "No"}}}}, "export value"},
		{"export value Off", []pdfform.Field{{Name: "x", Page: 1, Kind: pdfform.Radio, Options: []pdfform.Option{{Value: "Off"}, {Value: "No"}}}}, "export value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := withForm(tt.fields)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

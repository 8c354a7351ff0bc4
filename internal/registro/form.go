package registro

import (
	"strings"

	"github.com/requinoa/pauta/internal/checklist"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/slug"
	"github.com/requinoa/pauta/internal/versions"
)

// The answers of a line, in the order the sheet prints them, with the suffixes pauta gives
// the line's three boxes.
var answers = []answer{{"si", "Sí"}, {"no", "No"}, {"na", "N/A"}}

type answer struct{ key, label string }

// Line is a line of the sheet answered with Sí / No / N/A.
type Line struct {
	Ref   string // "A3": the phase's letter and the line's number, as printed
	ID    string // the check's id, which the form fields are named after
	Text  string
	Phase string
}

// Input is a field of the sheet the technician writes or ticks.
type Input struct {
	ID      string
	Label   string
	Type    string   // "text", "date", "time" or "choice"
	Options []string // for choice
}

// SigBlock is a signature block of the sheet.
type SigBlock struct {
	ID    string
	Title string
	Lines []Input // name, RUT, cargo, date: written lines
}

// Form is the layout of the sheet of one published version: what a filled copy holds.
type Form struct {
	Version *versions.Version
	Inputs  []Input // session fields, then phase fields, in printing order
	Lines   []Line
	Sigs    []SigBlock
	// names holds every field name a copy of this version has, in the shapes a line has
	// taken: three checkboxes (id-si, id-no, id-na), or one radio group named after the
	// check's id or, as pauta prints it now, after its number (checklist.ItemField).
	names map[string]bool
	// required holds the names every copy has whatever the shape: text and signature
	// fields.
	required []string
}

// Observations is the field of the observations box.
const Observations = "observaciones"

func newForm(v *versions.Version) *Form {
	p := v.Procedure
	f := &Form{Version: v, names: map[string]bool{}}
	addChoice := func(id string, keys []string) {
		f.names[id] = true
		for _, k := range keys {
			f.names[id+"-"+k] = true
		}
	}
	addInput := func(in *procedure.Field) {
		typ := in.Type
		if typ == "" {
			typ = "text"
		}
		f.Inputs = append(f.Inputs, Input{ID: in.ID, Label: in.Label, Type: typ, Options: in.Options})
		if typ == "choice" {
			keys := make([]string, len(in.Options))
			for i, o := range in.Options {
				keys[i] = slug.Make(o)
			}
			addChoice(in.ID, keys)
			return
		}
		f.names[in.ID] = true
		f.required = append(f.required, in.ID)
	}
	p.Manual.Walk(func(s *procedure.Section) {
		for _, in := range s.Fields {
			if in.Phase == "" {
				addInput(in)
			}
		}
	})
	for _, ph := range p.Checklist.Phases {
		for _, c := range ph.Checks {
			l := Line{Ref: p.Checklist.ItemRef(c), ID: c.ID, Text: c.Text, Phase: ph.Title}
			f.Lines = append(f.Lines, l)
			addChoice(c.ID, []string{"si", "no", "na"})
			f.names[l.Field()] = true
		}
		for _, in := range ph.Fields {
			addInput(in)
		}
	}
	f.names[Observations] = true
	f.required = append(f.required, Observations)
	for _, s := range p.Checklist.Signatures {
		b := SigBlock{ID: s.ID, Title: s.Title}
		f.names["firma-"+s.ID] = true
		f.required = append(f.required, "firma-"+s.ID)
		for _, l := range s.Lines {
			if slug.Make(l) == "firma" {
				continue
			}
			id := s.ID + "-" + slug.Make(l)
			b.Lines = append(b.Lines, Input{ID: id, Label: s.Title + ": " + l, Type: "text"})
			f.names[id] = true
			f.required = append(f.required, id)
		}
		f.Sigs = append(f.Sigs, b)
	}
	return f
}

// fits reports whether a sheet's fields are exactly those of this version's form.
func (f *Form) fits(s *Sheet) bool {
	for name := range s.Values {
		if !f.names[name] {
			return false
		}
	}
	for _, name := range f.required {
		if _, ok := s.Values[name]; !ok {
			return false
		}
	}
	for _, l := range f.Lines {
		if _, radio := s.Values[l.ID]; radio {
			continue
		}
		if _, radio := s.Values[l.Field()]; !radio {
			for _, a := range answers {
				if _, ok := s.Values[l.ID+"-"+a.key]; !ok {
					return false
				}
			}
		}
	}
	return true
}

// Field is the name of the line's radio group on the sheets pauta prints.
func (l Line) Field() string { return checklist.ItemField(l.Ref) }

// choice reads the answer of a line or a choice field in either shape: the keys of the
// boxes ticked, or the export value of the radio group. Export values are compared by
// slug, so "/Sí", "/si" and "/N_A" are all understood.
func choice(s *Sheet, id string, keys []string) (picked []string, unknown string) {
	if v, ok := s.Values[id]; ok && s.Kinds[id] == "Btn" {
		if v == "" {
			return nil, ""
		}
		k := squash(v)
		for _, want := range keys {
			if k == squash(want) {
				return []string{want}, ""
			}
		}
		return nil, v
	}
	for _, k := range keys {
		if s.Values[id+"-"+k] != "" {
			picked = append(picked, k)
		}
	}
	return picked, ""
}

// squash is a name reduced to its letters and digits, without accents or case.
func squash(s string) string {
	return strings.ReplaceAll(slug.Make(strings.ReplaceAll(s, "/", " ")), "-", "")
}

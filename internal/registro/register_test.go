package registro

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/versions"
)

// published reads the repository's own published versions.
func published(t testing.TB) []*versions.Version {
	t.Helper()
	vs, err := versions.List(os.DirFS("../.."))
	if err != nil || len(vs) == 0 {
		t.Fatalf("published versions of the repository: %v (%d)", err, len(vs))
	}
	return vs
}

// complete is a sheet of v with every line "Sí" in the shape given (radio: one field per
// line whose value is the export name), both blocks signed and dated on day.
func complete(v *versions.Version, radio bool, folio int) *Sheet {
	f := newForm(v)
	s := &Sheet{Folio: folio, Values: map[string]string{}, Kinds: map[string]string{}, Signed: map[string]*Signature{}}
	set := func(name, value, kind string) { s.Values[name], s.Kinds[name] = value, kind }
	for _, in := range f.Inputs {
		if in.Type != "choice" {
			set(in.ID, "", "Tx")
			continue
		}
		for name := range f.names {
			if strings.HasPrefix(name, in.ID+"-") {
				set(name, "", "Btn")
			}
		}
	}
	for _, l := range f.Lines {
		if radio {
			set(l.ID, "Sí", "Btn")
			continue
		}
		set(l.ID+"-si", "Yes", "Btn")
		set(l.ID+"-no", "", "Btn")
		set(l.ID+"-na", "", "Btn")
	}
	set(Observations, "", "Tx")
	for _, b := range f.Sigs {
		set("firma-"+b.ID, "firmado", "Sig")
		s.Signed["firma-"+b.ID] = &Signature{Field: "firma-" + b.ID, Signer: b.Title, Valid: true, Whole: true, byteRange: []int64{0, 10, 20, 30}}
		for _, l := range b.Lines {
			set(l.ID, "", "Tx")
		}
	}
	set("fecha", "15-03-2025", "Tx")
	set("hora-inicio", "10:00", "Tx")
	set("hora-termino", "10:30", "Tx")
	return s
}

// TestChecks: each mistake on a sheet is reported, in either shape of the lines, and a
// complete sheet has no problem.
func TestChecks(t *testing.T) {
	vs := published(t)
	v := vs[len(vs)-1]
	first := newForm(v).Lines[0]
	second := newForm(v).Lines[1]
	today := procedure.Date{Year: 2026, Month: 12, Day: 1}
	tests := []struct {
		name   string
		change func(s *Sheet, radio bool)
		want   string // "" is no problem
	}{
		{"complete", func(*Sheet, bool) {}, ""},
		{"unanswered", func(s *Sheet, radio bool) {
			if radio {
				s.Values[first.ID] = ""
			} else {
				s.Values[first.ID+"-si"] = ""
			}
		}, "línea A1 sin responder"},
		{"no unexplained", func(s *Sheet, radio bool) { mark(s, first.ID, "no", radio) }, "línea A1 marcada «No» sin explicación"},
		{"no explained", func(s *Sheet, radio bool) {
			mark(s, first.ID, "no", radio)
			s.Values[Observations] = "El usuario no estaba."
		}, ""},
		{"two noes, one cited", func(s *Sheet, radio bool) {
			mark(s, first.ID, "no", radio)
			mark(s, second.ID, "no", radio)
			s.Values[Observations] = "A1: el usuario no estaba."
		}, "línea A2 marcada «No» sin explicación"},
		{"end before start", func(s *Sheet, _ bool) { s.Values["hora-termino"] = "09:15" }, "Hora de término (09:15) no es posterior a hora de inicio (10:00)"},
		{"future", func(s *Sheet, _ bool) { s.Values["fecha"] = "02-12-2026" }, "la fecha 02-12-2026 es posterior a hoy"},
		{"before the version", func(s *Sheet, _ bool) { s.Values["fecha"] = "01-08-2024" }, "es anterior a la vigencia de la versión " + v.Code()},
		{"unreadable date", func(s *Sheet, _ bool) { s.Values["fecha"] = "el martes" }, "Fecha ilegible «el martes»"},
		{"signature missing", func(s *Sheet, _ bool) {
			for k := range s.Signed {
				delete(s.Signed, k)
				break
			}
		}, "falta la firma de"},
		{"no folio", func(s *Sheet, _ bool) { s.Folio = 0 }, "la hoja no tiene folio impreso"},
	}
	for _, shape := range []bool{false, true} {
		for _, tt := range tests {
			s := complete(v, shape, 41)
			tt.change(s, shape)
			doc := &Document{Code: v.Code(), Sheets: []*Sheet{s}}
			for _, sig := range s.Signed {
				doc.Signatures = append(doc.Signatures, sig)
			}
			es, reason := entriesOf("a.pdf", doc, []*Form{newForm(v)}, Options{Today: today})
			if reason != "" {
				t.Fatalf("%s (radio %v): refused: %s", tt.name, shape, reason)
			}
			got := strings.Join(es[0].Problems, "; ")
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("%s (radio %v): problems %q, want %q", tt.name, shape, got, tt.want)
			}
		}
	}
}

func mark(s *Sheet, id, key string, radio bool) {
	if radio {
		s.Values[id] = map[string]string{"si": "Sí", "no": "No", "na": "N/A"}[key]
		return
	}
	for _, k := range []string{"si", "no", "na"} {
		s.Values[id+"-"+k] = ""
	}
	s.Values[id+"-"+key] = "Yes"
}

// TestFolios: the folder's folios against the ledger.
func TestFolios(t *testing.T) {
	vs := published(t)
	v := vs[len(vs)-1]
	r := &Register{Ledger: []Issued{{From: 10, To: 14}, {From: 20, To: 20}}}
	for _, n := range []int{10, 12, 12, 14, 99} {
		r.Entries = append(r.Entries, &Entry{File: "f" + strconv.Itoa(n) + ".pdf", Folio: n, Version: v})
	}
	r.crossCheck()
	if got := Ranges(r.NotReturned); got != "11, 13, 20" {
		t.Errorf("not returned %q, want 11, 13, 20", got)
	}
	if got := Ranges(r.Twice); got != "12" {
		t.Errorf("twice %q, want 12", got)
	}
	last := r.Entries[len(r.Entries)-1]
	if len(last.Problems) != 1 || !strings.Contains(last.Problems[0], "el folio 99 no figura entre los impresos") {
		t.Errorf("folio 99 problems %q", last.Problems)
	}
}

// TestBuildCancelled: a cancelled register stops and says so.
func TestBuildCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, []Source{{Name: "a.pdf", Data: []byte("%PDF-1.7")}}, Options{Versions: published(t)}); err == nil {
		t.Error("a cancelled register returned no error")
	}
}

// TestPrintedVersion: the version printed on the sheet must be the one the file names.
func TestPrintedVersion(t *testing.T) {
	vs := published(t)
	v := vs[len(vs)-1]
	for _, tt := range []struct{ printed, want string }{
		{v.Code(), ""},
		{"", ""},
		{"AAAA-0000", "la hoja impresa dice versión AAAA-0000 pero el archivo dice " + v.Code()},
	} {
		s := complete(v, false, 41)
		doc := &Document{Code: v.Code(), Printed: tt.printed, Sheets: []*Sheet{s}}
		for _, sig := range s.Signed {
			doc.Signatures = append(doc.Signatures, sig)
		}
		es, reason := entriesOf("a.pdf", doc, []*Form{newForm(v)}, Options{})
		if reason != "" {
			t.Fatal(reason)
		}
		got := strings.Join(es[0].Problems, "; ")
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("printed %q: problems %q, want %q", tt.printed, got, tt.want)
		}
	}
}

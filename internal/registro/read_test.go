package registro

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/requinoa/pauta/internal/procedure"
)

// testdata/firmada.pdf is a checklist printed by pauta checklist --fillable --folio-start 41,
// filled with pypdf and signed twice with pdfsign (the end-to-end test in internal/cli makes
// such files; this one is kept to read without Python).
func signedFile(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/firmada.pdf")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadSigned: the folio, the values and both signatures of a filled, signed file.
func TestReadSigned(t *testing.T) {
	doc, err := Read(signedFile(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Sheets) != 1 || doc.Sheets[0].Folio != 41 {
		t.Fatalf("sheets %d, want one with folio 41", len(doc.Sheets))
	}
	if got := doc.Sheets[0].Values["nombre-tecnico"]; got != "Ana Técnica" {
		t.Errorf("technician %q, want Ana Técnica", got)
	}
	var signers []string
	for _, s := range doc.Signatures {
		signers = append(signers, fmt.Sprintf("%s valid=%v whole=%v", s.Signer, s.Valid, s.Whole))
	}
	want := "Ana Técnica valid=true whole=false; Luis Usuario valid=true whole=true"
	if got := strings.Join(signers, "; "); got != want {
		t.Errorf("signatures %q, want %q", got, want)
	}
}

// TestReadDamaged: a file cut anywhere is refused with a reason, never a crash.
func TestReadDamaged(t *testing.T) {
	b := signedFile(t)
	for _, n := range []int{0, 8, 100, len(b) / 2, len(b) - 40} {
		_, err := Read(b[:n])
		if _, ok := err.(*Unreadable); !ok && n < len(b)/2 {
			t.Errorf("cut at %d: error %v, want a reason", n, err)
		}
	}
	flipped := append([]byte(nil), b...)
	i := strings.Index(string(flipped), `(10\07240)`) + 1
	flipped[i] = 'E'
	doc, err := Read(flipped)
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for _, s := range doc.Signatures {
		if !s.Valid {
			bad++
		}
	}
	if bad == 0 {
		t.Error("a byte changed in the signed content and every signature still verifies")
	}
}

// BenchmarkRegister1000 reads 1,000 filled, signed checklists, as a year of sessions.
func BenchmarkRegister1000(b *testing.B) {
	data := signedFile(b)
	vs := published(b)
	sources := make([]Source, benchFiles)
	for i := range sources {
		sources[i] = Source{Name: fmt.Sprintf("s%04d.pdf", i), Data: data}
	}
	opt := Options{Versions: vs, Today: procedure.Date{Year: 2026, Month: 12, Day: 1}}
	b.ResetTimer()
	for b.Loop() {
		r, err := Build(context.Background(), sources, opt)
		if err != nil || len(r.Entries) != benchFiles {
			b.Fatalf("%v, %d entries", err, len(r.Entries))
		}
		r.CSV()
		if _, err := r.HTML(nil, "x"); err != nil {
			b.Fatal(err)
		}
	}
}

const benchFiles = 1000

// TestPrintedCode: the version code printed on the sheet is read from its text.
func TestPrintedCode(t *testing.T) {
	doc, err := Read(signedFile(t))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Printed == "" || doc.Printed != doc.Code {
		t.Errorf("printed code %q, code in the document information %q", doc.Printed, doc.Code)
	}
}

// TestReadCMap: the one-byte entries of a ToUnicode map, two-byte UTF-16 included, and
// nothing from outside its bfchar sections.
func TestReadCMap(t *testing.T) {
	tests := []struct {
		name, cmap string
		want       map[byte]string
	}{
		{"pdfdoc's own", "begincmap\n2 beginbfchar\n<41> <0041>\n<e9><00E9>\nendbfchar\nendcmap", map[byte]string{0x41: "A", 0xe9: "é"}},
		{"two sections, a surrogate pair", "1 beginbfchar <01> <D83DDE00> endbfchar 1 beginbfchar <02> <00F3> endbfchar", map[byte]string{1: "😀", 2: "ó"}},
		{"ranges left out", "1 beginbfrange <20> <7E> <0020> endbfrange 1 beginbfchar <03> <004E> endbfchar", map[byte]string{3: "N"}},
		{"two-byte codes left out", "1 beginbfchar <0041> <0041> endbfchar", map[byte]string{}},
		{"no map", "garbage <41> <0041>", map[byte]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readCMap([]byte(tt.cmap))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

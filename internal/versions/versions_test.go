package versions

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/requinoa/pauta/internal/procedure"
)

func render(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		switch s.Op {
		case Deleted:
			b.WriteString("[-" + s.Text + "-]")
		case Inserted:
			b.WriteString("{+" + s.Text + "+}")
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func TestWordDiff(t *testing.T) {
	tests := []struct{ old, new, want string }{
		{"el técnico cierra la sesión", "el técnico cierra la sesión", "el técnico cierra la sesión"},
		{"cierra la sesión.", "cierra la sesión en AnyDesk.", "cierra la sesión {+en AnyDesk+}."},
		{"N° 10 del año", "N° 11 del año", "N° [-10-]{+11+} del año"},
		{"uno dos tres", "uno tres", "uno [-dos-] tres"},
		{"a b\n   c", "a b c", "a b c"},
		{"", "nuevo texto", "{+nuevo texto+}"},
		{"viejo texto", "", "[-viejo texto-]"},
		{"Se verifica la identidad", "Se debe verificar la identidad", "Se [-verifica-]{+debe verificar+} la identidad"},
	}
	for _, tt := range tests {
		if got := render(WordDiff(tt.old, tt.new)); got != tt.want {
			t.Errorf("WordDiff(%q, %q)\n got %s\nwant %s", tt.old, tt.new, got, tt.want)
		}
	}
}

func loadText(t *testing.T, src string) *procedure.Procedure {
	t.Helper()
	p, err := procedure.Load(fstest.MapFS{
		"procedure.yaml":   {Data: []byte(src)},
		"content/ayuda.md": {Data: []byte("# Ayuda\n")},
	}, "procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCompare(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/projects/minimal/procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	base := string(raw)
	// Two steps, so one can move; an item to remove.
	twoSteps := strings.Replace(base, "checklist:\n", `        - id: segundo
          title: Segundo paso
          items:
            - id: segundo-a
              text: Revisar.
            - id: segundo-b
              text: Anotar.
checklist:
`, 1)
	old := loadText(t, twoSteps)
	// Reword an item, remove segundo-b, add a third step, and put segundo before primero.
	changed := strings.Replace(twoSteps, "text: Hacer algo.", "text: Hacer algo más.", 1)
	changed = strings.Replace(changed, "            - id: segundo-b\n              text: Anotar.\n", "", 1)
	changed = strings.Replace(changed, "checklist:\n", "        - id: tercero\n          title: Tercer paso\n          text: Cerrar.\nchecklist:\n", 1)
	start := strings.Index(changed, "        - id: segundo\n")
	end := strings.Index(changed, "        - id: tercero\n")
	block := changed[start:end]
	changed = changed[:start] + changed[end:]
	first := strings.Index(changed, "        - id: primero\n")
	changed = changed[:first] + block + changed[first:]
	cmp := Compare(old, loadText(t, changed))

	byID := map[string]Change{}
	for _, ch := range cmp.Changes {
		byID[ch.ID] = ch
	}
	check := func(id string, kinds ...Kind) {
		t.Helper()
		ch, ok := byID[id]
		if !ok {
			t.Errorf("no change reported for %s; changes: %+v", id, cmp.Changes)
			return
		}
		for _, k := range kinds {
			if !ch.Has(k) {
				t.Errorf("%s: kinds %v, want %s", id, ch.Kinds, k)
			}
		}
	}
	check("primero-a", Changed)
	check("segundo-b", Removed)
	check("tercero", Added)
	// Exactly one of the two steps is reported moved: the smallest explanation.
	_, m1 := byID["primero"]
	_, m2 := byID["segundo"]
	if m1 == m2 {
		t.Errorf("want exactly one of primero/segundo moved; changes: %+v", cmp.Changes)
	}
	if _, ok := byID["objetivo"]; ok {
		t.Error("an unchanged section was reported")
	}
	if got := render(byID["primero-a"].Diff); got != "Hacer algo {+más+}." {
		t.Errorf("primero-a diff = %s", got)
	}
	if cmp.Count(Removed) != 1 || cmp.Count(Added) != 1 {
		t.Errorf("counts: removed %d added %d", cmp.Count(Removed), cmp.Count(Added))
	}
}

// TestCompareNumbering: a version that starts numbering its VISTOS shows it, though no
// paragraph's words changed.
func TestCompareNumbering(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/projects/minimal/procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	old := loadText(t, string(raw))
	numbered := loadText(t, strings.Replace(string(raw), "  closing:", "  numbering:\n    vistos: true\n  closing:", 1))
	for _, tc := range []struct {
		name     string
		from, to *procedure.Procedure
		kind     Kind
	}{{"turned on", old, numbered, Added}, {"turned off", numbered, old, Removed}} {
		var found []Change
		for _, ch := range Compare(tc.from, tc.to).Changes {
			if ch.ID == "decreto:numeracion" {
				found = append(found, ch)
			}
		}
		if len(found) != 1 || !found[0].Has(tc.kind) {
			t.Errorf("%s: numbering changes %+v, want one %s", tc.name, found, tc.kind)
		}
	}
	if n := len(Compare(old, old).Changes); n != 0 {
		t.Errorf("a version compared with itself has %d changes", n)
	}
}

package procedure

import (
	"strings"
	"testing"
)

// TestCheckRef: a check's citation names a run of steps under one label once ("paso 1a,
// 2a, 2b"), names the label again after a part without it, and cites each place once.
func TestCheckRef(t *testing.T) {
	src := strings.Replace(minimal(t), "checklist:\n", `        - id: segundo
          title: Segundo paso
          list: letters
          items:
            - id: segundo-a
              text: Revisar.
            - id: segundo-b
              text: Anotar.
          checks:
            - id: run
              phase: antes
              text: Se revisó
              from: [primero-a, segundo-a, segundo-b]
            - id: again
              phase: antes
              text: Se probó
              from: [primero-a, objetivo, segundo-b]
            - id: section
              phase: antes
              text: Se cerró
              from: [segundo, segundo-a]
checklist:
`, 1)
	p, err := Load(project(src), DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"run":     "paso 1a, 2a, 2b",
		"again":   "paso 1a, Objetivo, paso 2b",
		"section": "paso 2, 2a",
	}
	seen := 0
	p.Manual.Walk(func(s *Section) {
		for _, c := range s.Checks {
			if w, ok := want[c.ID]; ok {
				seen++
				if got := c.Ref(); got != w {
					t.Errorf("check %s cites %q, want %q", c.ID, got, w)
				}
			}
		}
	})
	if seen != len(want) {
		t.Errorf("%d of %d checks found", seen, len(want))
	}
}

package main

import (
	"testing"
	"testing/fstest"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/search"
	"github.com/requinoa/pauta/internal/testtool"
)

var tiny = testtool.DecreeHead("La razón.") + `manual:
  title: Manual de prueba
  sections:
    - id: uno
      title: Conexión
      text: La conexión y la CONEXION.
      checks: [{id: ok, phase: antes, text: Conectado}]
checklist:
  code: T-01
  title: Prueba
  phases: [{id: antes, title: Antes}]
  signatures: [{id: tecnico, title: Técnico}]
`

// The bench states the size of what it measures: every word the index reads, and the
// different ones once folded.
func TestCorpus(t *testing.T) {
	p, err := procedure.Load(fstest.MapFS{"procedure.yaml": {Data: []byte(tiny)}}, "procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	words, distinct := corpus(search.Build(p, nil))
	// The section: its heading "Conexión", its text "La conexión y la CONEXION" and its
	// checklist line "Conectado", 7 words; new once folded: conexion, y, conectado (la is in
	// the decree). Counted as the difference from the index without it.
	q := *p
	q.Manual.Sections = nil
	base, baseDistinct := corpus(search.Build(&q, nil))
	if words-base != 7 {
		t.Errorf("the section adds %d words, want 7", words-base)
	}
	if distinct-baseDistinct != 3 || base == 0 {
		t.Errorf("distinct %d, %d without the section: want 3 new", distinct, baseDistinct)
	}
}

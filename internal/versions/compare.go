package versions

import (
	"fmt"
	"slices"
	"strings"

	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/procedure"
)

// Kind says what happened to a part between two versions.
type Kind string

const (
	Added   Kind = "añadido"
	Removed Kind = "eliminado"
	Changed Kind = "modificado"
	Moved   Kind = "movido"
)

// Change is one part of the text that differs between two versions. A part that moved and
// changed wording is reported once, with both facts.
type Change struct {
	ID       string    // the stable id that matched the part across versions
	Part     string    // what it is, in Spanish: "Paso", "Ítem", "VISTOS", …
	Where    string    // its place in the newer version (the older, when removed)
	OldWhere string    // its place in the older version, when it moved
	Kinds    []Kind    // Added, Removed, or any of Changed and Moved
	Diff     []Segment // the wording, marked word by word
	Manual   bool      // part of the manual (else of the decree)
}

// Has reports whether the change is of kind k.
func (c Change) Has(k Kind) bool {
	for _, x := range c.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Comparison is what changed from one version to the next.
type Comparison struct {
	Old, New *procedure.Procedure
	Changes  []Change
}

// ChangedPages are the files of the pages (pages: in procedure.yaml) that one text has and the
// other lacks, or whose Markdown differs, sorted: help beside the approved text, which Compare
// does not compare, but which is part of a version and of its code.
func ChangedPages(oldText, newText *procedure.Procedure) []string {
	body := func(p *procedure.Procedure) map[string]string {
		out := map[string]string{}
		for _, pg := range p.Pages {
			out[pg.File] = strings.ReplaceAll(string(pg.Body), "\r\n", "\n")
		}
		return out
	}
	old, new := body(oldText), body(newText)
	var out []string
	for f, b := range new {
		if ob, ok := old[f]; !ok || ob != b {
			out = append(out, f)
		}
	}
	for f := range old {
		if _, ok := new[f]; !ok {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

// Count returns how many changes are of kind k.
func (c *Comparison) Count(k Kind) int {
	n := 0
	for _, ch := range c.Changes {
		if ch.Has(k) {
			n++
		}
	}
	return n
}

// unit is one comparable part of a procedure, flattened in document order.
type unit struct {
	id, part, parent, where, text string
	manual                        bool
}

// Compare matches the parts of two procedures by their stable ids and reports added, removed,
// moved and reworded ones, in the order of the newer text (removed parts where they stood).
func Compare(old, new *procedure.Procedure) *Comparison {
	md := markdown.New(false)
	a, b := flatten(old, md), flatten(new, md)
	oldByID := map[string]int{}
	for i, u := range a {
		oldByID[u.id] = i
	}
	newByID := map[string]int{}
	for i, u := range b {
		newByID[u.id] = i
	}
	moved := movedIDs(a, b)

	cmp := &Comparison{Old: old, New: new}
	// Removed parts are shown after the last part that precedes them in the old text and
	// still exists, so a reader meets them where they used to be.
	removedAfter := map[string][]unit{}
	anchor := ""
	for _, u := range a {
		if _, kept := newByID[u.id]; kept {
			anchor = u.id
			continue
		}
		removedAfter[anchor] = append(removedAfter[anchor], u)
	}
	emitRemoved := func(after string) {
		for _, u := range removedAfter[after] {
			cmp.Changes = append(cmp.Changes, Change{ID: u.id, Part: u.part, Where: u.where, Kinds: []Kind{Removed},
				Diff: []Segment{{Op: Deleted, Text: u.text}}, Manual: u.manual})
		}
	}
	emitRemoved("")
	for _, u := range b {
		i, existed := oldByID[u.id]
		switch {
		case !existed:
			cmp.Changes = append(cmp.Changes, Change{ID: u.id, Part: u.part, Where: u.where, Kinds: []Kind{Added},
				Diff: []Segment{{Op: Inserted, Text: u.text}}, Manual: u.manual})
		default:
			o := a[i]
			var kinds []Kind
			if moved[u.id] {
				kinds = append(kinds, Moved)
			}
			if o.text != u.text {
				kinds = append(kinds, Changed)
			}
			if len(kinds) > 0 {
				ch := Change{ID: u.id, Part: u.part, Where: u.where, Kinds: kinds, Diff: WordDiff(o.text, u.text), Manual: u.manual}
				if moved[u.id] {
					ch.OldWhere = o.where
				}
				cmp.Changes = append(cmp.Changes, ch)
			}
			emitRemoved(u.id)
		}
	}
	return cmp
}

// movedIDs finds the parts kept in both versions that changed parent, or whose order among
// the siblings kept under the same parent changed. The fewest parts are called moved: those
// outside a longest common order.
func movedIDs(a, b []unit) map[string]bool {
	oldParent := map[string]string{}
	for _, u := range a {
		oldParent[u.id] = u.parent
	}
	moved := map[string]bool{}
	siblingsOld := map[string][]string{}
	siblingsNew := map[string][]string{}
	newParent := map[string]string{}
	for _, u := range b {
		newParent[u.id] = u.parent
	}
	for _, u := range a {
		if p, ok := newParent[u.id]; ok && p == u.parent {
			siblingsOld[u.parent] = append(siblingsOld[u.parent], u.id)
		}
	}
	for _, u := range b {
		p, existed := oldParent[u.id]
		if !existed {
			continue
		}
		if p != u.parent {
			moved[u.id] = true
			continue
		}
		siblingsNew[u.parent] = append(siblingsNew[u.parent], u.id)
	}
	for parent, newOrder := range siblingsNew {
		inOrder := map[string]bool{}
		for _, s := range lcsSteps(siblingsOld[parent], newOrder) {
			if s.op == Same {
				inOrder[s.word] = true
			}
		}
		for _, id := range newOrder {
			if !inOrder[id] {
				moved[id] = true
			}
		}
	}
	return moved
}

// flatten lists the comparable parts of p in document order: the decree's own text first,
// then the manual's sections, items, checks and fields.
func flatten(p *procedure.Procedure, md *markdown.Renderer) []unit {
	var out []unit
	d := &p.Decree
	dec := func(id, part, text string) {
		out = append(out, unit{id: "decreto:" + id, part: part, parent: "decreto", where: "Decreto", text: text})
	}
	dec("encabezado", "Encabezado", fmt.Sprintf("%s / %s %s, %s. %s", d.Title(), d.Subject, d.Place, d.Date.Stamp(), d.Opening))
	for _, g := range []struct {
		name  string
		paras []*procedure.Paragraph
	}{{"VISTOS", d.Vistos}, {"CONSIDERANDO", d.Considerando}, {"DECRETO", d.Resolutions}} {
		for _, para := range g.paras {
			out = append(out, unit{id: para.ID, part: g.name, parent: "decreto:" + g.name, where: "Decreto › " + g.name,
				text: md.Plain(string(para.Text))})
		}
	}
	// How the paragraphs are numbered is part of the act's text: a version that starts (or
	// stops) numbering them shows it, though no paragraph's words changed.
	if n := numbering(d); n != "" {
		dec("numeracion", "Numeración", n)
	}
	dec("cierre", "Fórmula de cierre", d.Closing)
	for _, s := range d.Signatories {
		out = append(out, unit{id: s.ID, part: "Firma", parent: "decreto:firmas", where: "Decreto › Firmas", text: s.Name + ", " + s.RoleLine()})
	}
	if d.Initials != "" {
		dec("iniciales", "Iniciales", d.Initials)
	}
	if len(d.Distribution) > 0 {
		dec("distribucion", "DISTRIBUCIÓN", strings.Join(d.Distribution, "; "))
	}
	out = append(out, unit{id: "manual:titulo", part: "Título del manual", parent: "manual", where: "Manual", text: p.Manual.Title, manual: true})
	p.Manual.Walk(func(s *procedure.Section) {
		parent := "manual"
		if s.Parent != nil {
			parent = s.Parent.ID
		}
		part := "Sección"
		if s.Number != "" && s.Parent != nil && s.Parent.Label != "" {
			part = strings.ToUpper(s.Parent.Label[:1]) + s.Parent.Label[1:] + " " + s.Number
		}
		text := s.Title
		if s.Text != "" {
			text += " — " + md.Plain(string(s.Text))
		}
		out = append(out, unit{id: s.ID, part: part, parent: parent, where: breadcrumb(s), text: text, manual: true})
		for _, it := range s.Items {
			part := "Ítem"
			if it.Marker != "" {
				part = "Ítem " + it.Marker
			}
			out = append(out, unit{id: it.ID, part: part, parent: s.ID, where: breadcrumb(s), text: md.Plain(string(it.Text)), manual: true})
		}
		for _, c := range s.Checks {
			out = append(out, unit{id: c.ID, part: "Verificación de la lista", parent: s.ID + ":checks", where: breadcrumb(s),
				text: fmt.Sprintf("%s (%s)", c.Text, c.Phase), manual: true})
		}
		for _, f := range s.Fields {
			text := f.Label
			if len(f.Options) > 0 {
				text += ": " + strings.Join(f.Options, " / ")
			}
			out = append(out, unit{id: f.ID, part: "Campo de la lista", parent: s.ID + ":fields", where: breadcrumb(s), text: text, manual: true})
		}
	})
	return out
}

// numbering says which parts of the decree number their paragraphs, "" for none.
func numbering(d *procedure.Decree) string {
	var parts []string
	if d.NumberedVistos() {
		parts = append(parts, "VISTOS")
	}
	if d.NumberedConsiderando() {
		parts = append(parts, "CONSIDERANDO")
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " y ") + " numerados 1.-, 2.-, …"
}

// breadcrumb is a section's place in the manual: "Procedimientos › 3. Inicio de Sesión en AnyDesk".
func breadcrumb(s *procedure.Section) string {
	var parts []string
	for x := s; x != nil; x = x.Parent {
		parts = append([]string{x.Heading()}, parts...)
	}
	return strings.Join(parts, " › ")
}

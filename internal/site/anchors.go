package site

import (
	"fmt"
	"path"

	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/procedure"
)

// headingAnchors finds the Markdown headings of the manual and the decree whose anchors are
// taken on the page they are shown on (the manual, and the decree with the manual as its
// annex): a section, an item, a paragraph or a signatory with the same id, an id the site
// uses itself, or a heading of another text. Each text's headings get their ids on their
// own, and two elements with one id send a link to whichever comes first.
func headingAnchors(p *procedure.Procedure, errs *procedure.ErrorList) {
	type owner struct {
		what string
		at   procedure.Pos
	}
	taken := map[string]owner{}
	p.Manual.Walk(func(s *procedure.Section) {
		taken[s.ID] = owner{fmt.Sprintf("de la sección %q", s.ID), s.At("id")}
		for _, it := range s.Items {
			taken[it.ID] = owner{fmt.Sprintf("del ítem %q", it.ID), it.At("id")}
		}
	})
	d := &p.Decree
	for _, group := range [][]*procedure.Paragraph{d.Vistos, d.Considerando, d.Resolutions} {
		for _, para := range group {
			taken[para.ID] = owner{fmt.Sprintf("del párrafo %q del decreto", para.ID), para.At("id")}
		}
	}
	for _, sg := range d.Signatories {
		taken[sg.ID] = owner{fmt.Sprintf("de la firma %q", sg.ID), sg.At("id")}
	}
	md := markdown.New(p.Markdown.AllowHTML)
	text := func(src procedure.Markdown, at procedure.Pos, what string) {
		for _, h := range md.Headings(string(src)) {
			if h.ID == "" {
				continue
			}
			prev, dup := taken[h.ID]
			switch {
			case dup:
				where := ""
				if prev.at.Line > 0 {
					where = fmt.Sprintf(" (línea %d)", prev.at.Line)
				}
				appendErr(errs, p.File, at,
					fmt.Sprintf("el encabezado «%s» %s tendría el id %q, que ya es el %s%s", h.Text, what, h.ID, prev.what, where),
					"cambie el texto del encabezado o el id; dos elementos con un id llevan los enlaces al primero")
			case procedure.ReservedID(h.ID):
				appendErr(errs, p.File, at,
					fmt.Sprintf("el encabezado «%s» %s tendría el id %q, que el sitio usa para sí", h.Text, what, h.ID),
					"cambie el texto del encabezado")
			default:
				taken[h.ID] = owner{fmt.Sprintf("del encabezado «%s» %s", h.Text, what), at}
			}
		}
	}
	p.Manual.Walk(func(s *procedure.Section) {
		text(s.Text, s.At("text"), fmt.Sprintf("de la sección %q", s.ID))
		for _, it := range s.Items {
			text(it.Text, it.At("text"), fmt.Sprintf("del ítem %q", it.ID))
		}
	})
	for _, group := range [][]*procedure.Paragraph{d.Vistos, d.Considerando, d.Resolutions} {
		for _, para := range group {
			text(para.Text, para.At("text"), fmt.Sprintf("del párrafo %q", para.ID))
		}
	}
}

func appendErr(errs *procedure.ErrorList, file string, at procedure.Pos, msg, hint string) {
	*errs = append(*errs, &procedure.Error{File: file, Pos: at, Msg: msg, Hint: hint})
}

// markdownLimits refuses the texts goldmark would take too long or too much memory to parse
// (see markdown.Check), at the place to fix: in a page, its line and column; in
// procedure.yaml, the text's position and the line and column inside it.
func markdownLimits(p *procedure.Procedure, errs *procedure.ErrorList) {
	text := func(src procedure.Markdown, at procedure.Pos) {
		if pr := markdown.Check(string(src)); pr != nil {
			appendErr(errs, p.File, at, fmt.Sprintf("%s (línea %d, columna %d del texto)", pr.Msg, pr.Line, pr.Col), pr.Hint)
		}
	}
	p.Manual.Walk(func(s *procedure.Section) {
		text(s.Text, s.At("text"))
		for _, it := range s.Items {
			text(it.Text, it.At("text"))
		}
	})
	d := &p.Decree
	for _, group := range [][]*procedure.Paragraph{d.Vistos, d.Considerando, d.Resolutions} {
		for _, para := range group {
			text(para.Text, para.At("text"))
		}
	}
	dir := path.Dir(p.File)
	for _, pg := range p.Pages {
		if pr := markdown.Check(string(pg.Body)); pr != nil {
			appendErr(errs, path.Join(dir, pg.File), procedure.Pos{Line: pr.Line, Col: pr.Col}, pr.Msg, pr.Hint)
		}
	}
}

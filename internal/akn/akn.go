// Package akn exports the decree that approves a procedure, with the manual as its annex, as
// an Akoma Ntoso 3.0 act (OASIS LegalDocML), so the municipality can hand its published
// versions to archives and legal information systems in the standard for legislative texts.
//
// The decree's parts map onto the act this way: number, subject, place and date
// are the preface; the opening formula, VISTOS (citations), CONSIDERANDO (recitals) and
// "DECRETO:" are the preamble; the resolutive points are paragraphs of the body; the closing
// formula, the signatures, the initials line and the DISTRIBUCIÓN are the conclusions; and the
// manual is the attachment, a doc named "manual" whose sections keep their numbers, headings,
// texts and lettered or bulleted items. Signatories become TLCPerson and TLCRole references;
// the work is identified by FRBR URIs such as /akn/cl/act/decreto/requinoa/2024-08-02/2387.
//
// Element ids (eId) are the source's stable ids with a prefix for the kind of element
// ("sec_inicio-sesion-anydesk", "cit_ley-18695"), so the same part keeps its id across
// versions and a reference to it survives a renumbering. Markdown texts are written as plain
// text. The output depends only on the procedure and the options: the same input gives the
// same bytes.
package akn

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/slug"
)

// Namespace is the Akoma Ntoso 3.0 namespace.
const Namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

// country is the FRBR country of every act pauta writes: ISO 3166-1 for Chile.
const country = "cl"

// language is the expression's language, ISO 639-2 as AKN's FRBRlanguage asks.
const language = "spa"

// subtype is the FRBR subtype of a municipal decree in the URIs. The kind of decree
// ("DECRETO ALCALDICIO", "DECRETO EXENTO") goes in FRBRname, so every decree of a
// municipality shares one URI space.
const subtype = "decreto"

// component is the name of the attachment component in FRBRthis, as the decree prints its
// title: ANEXO.
const component = "anexo"

// Options identifies the act.
type Options struct {
	// ID is the published version's id, e.g. "2024-2387", recorded as an alias of the
	// expression. Empty means year and decree number, as internal/versions names versions.
	ID string
	// Municipality is the actor in the FRBR URIs, a lowercase ASCII slug such as "requinoa".
	// Empty means the organization's name without "Municipalidad de".
	Municipality string
	// Text renders the procedure's Markdown; sharing one across a build's outputs parses
	// each text once. Nil makes a new one.
	Text *markdown.Renderer
}

// FRBR holds the act's URIs at the three levels AKN identifies.
type FRBR struct {
	Work          string // /akn/cl/act/decreto/requinoa/2024-08-02/2387
	Expression    string // …/2387/spa@2024-08-02
	Manifestation string // …/2387/spa@2024-08-02.akn
}

// Identify returns the URIs Render writes for p.
func Identify(p *procedure.Procedure, opt Options) (FRBR, error) {
	uris, _, err := identify(p, opt)
	return uris, err
}

func identify(p *procedure.Procedure, opt Options) (uris FRBR, actor string, err error) {
	actor = opt.Municipality
	if actor == "" {
		actor = municipalitySlug(p.Organization.Name)
	}
	if actor == "" || slug.Make(actor) != actor {
		return FRBR{}, "", fmt.Errorf("akn: municipality %q is not a lowercase ASCII slug", actor)
	}
	date := p.Decree.Date.String()
	work := fmt.Sprintf("/akn/%s/act/%s/%s/%s/%d", country, subtype, actor, date, p.Decree.Number)
	expr := work + "/" + language + "@" + date
	return FRBR{Work: work, Expression: expr, Manifestation: expr + ".akn"}, actor, nil
}

// Render returns the act as AKN XML.
func Render(p *procedure.Procedure, opt Options) ([]byte, error) {
	var out bytes.Buffer
	if err := Write(&out, p, opt); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Write writes the act as AKN XML to w. On error, what was written is not a valid act.
func Write(w io.Writer, p *procedure.Procedure, opt Options) error {
	uris, actor, err := identify(p, opt)
	if err != nil {
		return err
	}
	if opt.ID == "" {
		opt.ID = fmt.Sprintf("%04d-%d", p.Decree.Date.Year, p.Decree.Number)
	}
	b := &builder{p: p, opt: opt, uris: uris, actor: actor, md: markdown.For(opt.Text, p.Markdown.AllowHTML), eIDs: map[string]bool{}}
	root := el("akomaNtoso", "xmlns", Namespace).add(b.act())
	if b.err != nil {
		return b.err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	root.write(bw, 0, false)
	// The manual's sections are built while written; an id clash among them shows up here.
	if b.err != nil {
		return b.err
	}
	return bw.Flush()
}

// builder turns the model into the element tree.
type builder struct {
	p     *procedure.Procedure
	opt   Options
	uris  FRBR
	actor string
	md    *markdown.Renderer
	eIDs  map[string]bool // every eId given, to refuse a duplicate
	err   error
}

// eID records id as used and returns it. Stable ids are unique in a source, and generated ids
// carry an underscore no stable id has, so a clash means a signatory's id equals one of the
// fixed names below: an error rather than an invalid document.
func (b *builder) eID(id string) string {
	if b.eIDs[id] && b.err == nil {
		b.err = fmt.Errorf("akn: the id %q is used twice in the act; rename it in %s", id, b.p.File)
	}
	b.eIDs[id] = true
	return id
}

// Fixed references: who made the markup, the municipality and the place of the act.
const (
	refPauta        = "pauta"
	refMunicipality = "municipalidad"
	refPlace        = "lugar"
)

// author is the FRBRauthor of the act: the last signatory, the Alcalde in the order the
// format asks for (the Secretaría Municipal, ministro de fe, signs first), in the role he signs
// in. Without signatories (Load never returns such a procedure) it is the municipality.
func (b *builder) author() *elem {
	sigs := b.p.Decree.Signatories
	if len(sigs) == 0 {
		return el("FRBRauthor", "href", "#"+refMunicipality)
	}
	id := sigs[len(sigs)-1].ID
	return el("FRBRauthor", "href", "#"+id, "as", "#"+roleID(id))
}

func (b *builder) act() *elem {
	return el("act", "name", subtype).add(
		b.meta(),
		b.preface(),
		b.preamble(),
		b.body(),
		b.conclusions(),
		b.attachments(),
	)
}

func (b *builder) meta() *elem {
	d := &b.p.Decree
	date := d.Date.String()
	return el("meta").add(
		el("identification", "source", "#"+refPauta).add(
			el("FRBRWork").add(
				el("FRBRthis", "value", b.uris.Work+"/!main"),
				el("FRBRuri", "value", b.uris.Work),
				el("FRBRdate", "date", date, "name", "Generation"),
				b.author(),
				el("FRBRcountry", "value", country),
				el("FRBRsubtype", "value", subtype),
				el("FRBRnumber", "value", fmt.Sprint(d.Number)),
				el("FRBRname", "value", d.Title()),
				el("FRBRprescriptive", "value", "true"),
			),
			el("FRBRExpression").add(
				el("FRBRthis", "value", b.uris.Expression+"/!main"),
				el("FRBRuri", "value", b.uris.Expression),
				// The version code and the version's id let a reader of the XML find the
				// same text on paper and on the site.
				el("FRBRalias", "value", b.p.Code, "name", "codigoVersion"),
				el("FRBRalias", "value", b.opt.ID, "name", "idVersion"),
				el("FRBRdate", "date", date, "name", "Generation"),
				b.author(),
				el("FRBRlanguage", "language", language),
			),
			el("FRBRManifestation").add(
				el("FRBRthis", "value", b.uris.Expression+"/!main.akn"),
				el("FRBRuri", "value", b.uris.Manifestation),
				el("FRBRdate", "date", date, "name", "Generation"),
				el("FRBRauthor", "href", "#"+refMunicipality),
			),
		),
		b.references(),
	)
}

func roleID(signatory string) string { return "cargo_" + signatory }

func (b *builder) references() *elem {
	p := b.p
	refs := el("references", "source", "#"+refPauta).add(
		el("TLCOrganization", "eId", b.eID(refMunicipality), "href", "/akn/ontology/organizations/"+country+"/"+b.actor, "showAs", p.Organization.Name),
		el("TLCOrganization", "eId", b.eID(refPauta), "href", "/akn/ontology/organizations/pauta", "showAs", "pauta"),
		el("TLCLocation", "eId", b.eID(refPlace), "href", "/akn/ontology/locations/"+country+"/"+slug.Make(p.Decree.Place), "showAs", p.Decree.Place),
	)
	for _, s := range p.Decree.Signatories {
		refs.add(el("TLCPerson", "eId", b.eID(s.ID), "href", "/akn/ontology/persons/"+country+"/"+slug.Make(s.Name), "showAs", s.Name))
	}
	for _, s := range p.Decree.Signatories {
		role := slug.Make(s.Role)
		if s.Acting {
			role += "-subrogante"
		}
		refs.add(el("TLCRole", "eId", b.eID(roleID(s.ID)), "href", "/akn/ontology/roles/"+country+"/"+role, "showAs", s.RoleLine()))
	}
	return refs
}

// preface holds what the decree prints above its text: the issuing body, kind and number,
// subject, place and date.
func (b *builder) preface() *elem {
	d := &b.p.Decree
	return el("preface").add(
		el("p", "class", "organizacion").add(textEl("docAuthority", strings.ToUpper(b.p.Organization.Name))),
		el("p", "class", "numero").add(
			textEl("docType", d.Kind),
		).addText(" N° ").add(textEl("docNumber", fmt.Sprint(d.Number))),
		el("p", "class", "materia").add(textEl("docTitle", d.Subject)),
		el("p", "class", "lugarFecha").add(
			textEl("location", d.Place, "refersTo", "#"+refPlace),
		).addText(", ").add(textEl("docDate", d.Date.Stamp(), "date", d.Date.String())),
	)
}

// paras writes a Markdown text as one <p> per paragraph.
func (b *builder) paras(md procedure.Markdown) []*elem {
	var out []*elem
	for _, line := range strings.Split(b.md.Plain(string(md)), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, textEl("p", line))
		}
	}
	if len(out) == 0 {
		// Every block element the schema allows here needs at least one block.
		out = append(out, el("p"))
	}
	return out
}

func (b *builder) preamble() *elem {
	d := &b.p.Decree
	citations := el("citations", "eId", b.eID("vistos")).add(textEl("heading", "VISTOS:"))
	for i, v := range d.Vistos {
		citations.add(numbered(el("citation", "eId", b.eID("cit_"+v.ID)), i, d.NumberedVistos()).add(b.paras(v.Text)...))
	}
	recitals := el("recitals", "eId", b.eID("considerando")).add(textEl("heading", "CONSIDERANDO:"))
	for i, c := range d.Considerando {
		recitals.add(numbered(el("recital", "eId", b.eID("rec_"+c.ID)), i, d.NumberedConsiderando()).add(b.paras(c.Text)...))
	}
	return el("preamble").add(
		el("formula", "name", "openingFormula", "eId", b.eID("formula_apertura")).add(textEl("p", d.Opening)),
		citations,
		recitals,
		el("formula", "name", "enactingFormula", "eId", b.eID("formula_decreto")).add(textEl("p", "DECRETO:")),
	)
}

// numbered gives e its <num> "1.-", the i-th of its part, when the part is numbered: the
// number the decree prints, so the export cites a visto or a point as the paper does.
func numbered(e *elem, i int, on bool) *elem {
	if on {
		e.add(textEl("num", procedure.ParagraphNumber(i)))
	}
	return e
}

// body holds the resolutive points, numbered "1.-" as on paper when there is more than one.
func (b *builder) body() *elem {
	d := &b.p.Decree
	body := el("body")
	for i, r := range d.Resolutions {
		para := numbered(el("paragraph", "eId", b.eID("para_"+r.ID)), i, d.NumberedResolutions())
		body.add(para.add(el("content").add(b.paras(r.Text)...)))
	}
	return body
}

func (b *builder) conclusions() *elem {
	d := &b.p.Decree
	out := el("conclusions").add(
		el("formula", "name", "closingFormula", "eId", b.eID("formula_cierre")).add(textEl("p", d.Closing)),
	)
	if len(d.Signatories) > 0 {
		sigs := el("container", "name", "firmas", "eId", b.eID("firmas"))
		for _, s := range d.Signatories {
			sigs.add(el("p", "class", "firma").add(el("signature").add(
				textEl("person", s.Name, "refersTo", "#"+s.ID, "as", "#"+roleID(s.ID)),
			).addText(" ").add(
				textEl("role", s.RoleLine(), "refersTo", "#"+roleID(s.ID)),
			)))
		}
		out.add(sigs)
	}
	if d.Initials != "" {
		out.add(el("container", "name", "iniciales", "eId", b.eID("iniciales")).add(textEl("p", d.Initials)))
	}
	if len(d.Distribution) > 0 {
		list := el("blockList", "eId", b.eID("distribucion_lista"))
		for _, item := range d.Distribution {
			list.add(el("item").add(textEl("p", item)))
		}
		out.add(el("container", "name", "distribucion", "eId", b.eID("distribucion")).add(
			textEl("p", "DISTRIBUCIÓN:"),
			list,
		))
	}
	return out
}

// attachments holds the manual, the decree's annex, as a doc with its own identification: an
// attachment is a document of its own in AKN.
func (b *builder) attachments() *elem {
	p := b.p
	date := p.Decree.Date.String()
	this := func(uri string) string { return uri + "/!" + component }
	main := el("mainBody")
	main.more = func(emit func(*elem)) {
		for _, s := range p.Manual.Sections {
			emit(b.section(s))
		}
	}
	doc := el("doc", "name", "manual").add(
		el("meta").add(
			el("identification", "source", "#"+refPauta).add(
				el("FRBRWork").add(
					el("FRBRthis", "value", this(b.uris.Work)),
					el("FRBRuri", "value", b.uris.Work),
					el("FRBRdate", "date", date, "name", "Generation"),
					el("FRBRauthor", "href", "#"+refMunicipality),
					el("FRBRcountry", "value", country),
					el("FRBRname", "value", p.Manual.Title),
				),
				el("FRBRExpression").add(
					el("FRBRthis", "value", this(b.uris.Expression)),
					el("FRBRuri", "value", b.uris.Expression),
					el("FRBRdate", "date", date, "name", "Generation"),
					el("FRBRauthor", "href", "#"+refMunicipality),
					el("FRBRlanguage", "language", language),
				),
				el("FRBRManifestation").add(
					el("FRBRthis", "value", this(b.uris.Expression)+".akn"),
					el("FRBRuri", "value", b.uris.Manifestation),
					el("FRBRdate", "date", date, "name", "Generation"),
					el("FRBRauthor", "href", "#"+refMunicipality),
				),
			),
		),
		el("preface").add(
			el("p", "class", "titulo").add(textEl("docTitle", p.Manual.Title)),
			textEl("p", "Aprobado por "+p.Decree.Citation(), "class", "aprobacion"),
		),
		main,
	)
	return el("attachments").add(
		el("attachment", "eId", b.eID("anexo")).add(textEl("heading", "ANEXO"), doc),
	)
}

// section writes a manual section: its number and heading, then, as on the page, its text,
// its items and its sub-sections. Sub-sections of any depth are <subsection>.
func (b *builder) section(s *procedure.Section) *elem {
	name := "section"
	if s.Depth > 1 {
		name = "subsection"
	}
	e := el(name, "eId", b.eID("sec_"+s.ID))
	if s.Number != "" {
		e.add(textEl("num", s.Number+"."))
	}
	e.add(textEl("heading", s.Title))
	if len(s.Items) == 0 && len(s.Sections) == 0 {
		return e.add(el("content").add(b.paras(s.Text)...))
	}
	if s.Text != "" {
		e.add(el("intro").add(b.paras(s.Text)...))
	}
	if len(s.Items) > 0 {
		list := el("list", "eId", b.eID("list_"+s.ID))
		for _, it := range s.Items {
			point := el("point", "eId", b.eID("point_"+it.ID))
			if it.Marker != "" {
				point.add(textEl("num", it.Marker+"."))
			}
			list.add(point.add(el("content").add(b.paras(it.Text)...)))
		}
		e.add(list)
	}
	for _, sub := range s.Sections {
		e.add(b.section(sub))
	}
	return e
}

// municipalitySlug is the URI actor for an organization: "Municipalidad de Requínoa" →
// "requinoa", "Ilustre Municipalidad de Santiago" → "santiago".
func municipalitySlug(name string) string {
	lower := strings.ToLower(name)
	if i := strings.Index(lower, "municipalidad de "); i >= 0 {
		name = name[i+len("municipalidad de "):]
	}
	return slug.Make(name)
}

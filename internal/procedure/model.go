package procedure

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Pos is a place in the source file, 1-based; the zero Pos means "unknown".
type Pos struct {
	Line, Col int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Node records where a mapping and each of its values sit in the YAML source, so validation
// and later stages can point at the exact line and column. The decoder fills it in; it is not
// part of the canonical content (two sources that differ only in layout have the same code).
type Node struct {
	Pos    Pos            `json:"-"`
	Fields map[string]Pos `json:"-"`
}

// At returns the position of the value of key, or of the mapping when the key is absent.
func (n Node) At(key string) Pos {
	if p, ok := n.Fields[key]; ok {
		return p
	}
	return n.Pos
}

// Markdown is source text in CommonMark. It is rendered by internal/markdown, never here.
type Markdown string

// Date is a calendar date written as YYYY-MM-DD.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.String() < e.String() }

// MarshalText keeps the canonical form (and so the version code) independent of how YAML
// spelled the date.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

var monthAbbrev = [...]string{"ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC"}
var monthNames = [...]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
	"septiembre", "octubre", "noviembre", "diciembre"}

// Stamp is the date as a Chilean municipal decree stamps it: "02 AGO 2024".
func (d Date) Stamp() string {
	return fmt.Sprintf("%02d %s %d", d.Day, monthAbbrev[d.Month-1], d.Year)
}

// Numeric is the date as forms write it: "02-08-2024".
func (d Date) Numeric() string { return fmt.Sprintf("%02d-%02d-%04d", d.Day, d.Month, d.Year) }

// Long is the date in running text: "2 de agosto de 2024".
func (d Date) Long() string {
	return fmt.Sprintf("%d de %s de %d", d.Day, monthNames[d.Month-1], d.Year)
}

// Procedure is the whole source of one procedure: the decree that approves it, the manual,
// what the session checklist records, and further pages. Every output is rendered from it.
type Procedure struct {
	Node         `json:"-"`
	Format       int          `yaml:"pauta" pauta:"required" doc:"Format version of this file; always 1."`
	Organization Organization `yaml:"organization" pauta:"required" doc:"Who issues the procedure."`
	Site         Site         `yaml:"site" doc:"Where the site is published."`
	Markdown     MarkdownOpts `yaml:"markdown" doc:"How Markdown texts are rendered."`
	Decree       Decree       `yaml:"decree" pauta:"required" doc:"The act that approves the procedure."`
	Manual       Manual       `yaml:"manual" pauta:"required" doc:"The manual the decree approves."`
	Checklist    Checklist    `yaml:"checklist" pauta:"required" doc:"The printable session checklist."`
	Pages        []*Page      `yaml:"pages" doc:"Further Markdown pages of the site, in menu order."`

	// File is the source's name as errors print it, e.g. "procedure.yaml".
	File string `json:"-"`
	// Code is the version code: a short SHA-256 of the canonical content, printed on every
	// output so a paper copy can be traced to its version.
	Code string `json:"-"`
}

// Organization is the public body that issues the decree and runs the procedure.
type Organization struct {
	Node `json:"-"`
	Name string `yaml:"name" pauta:"required" doc:"Full name, e.g. \"Municipalidad de Requínoa\"."`
	Unit string `yaml:"unit" doc:"The unit that runs the procedure, printed on the checklist."`
}

// Site holds publishing settings.
type Site struct {
	Node    `json:"-"`
	BaseURL string `yaml:"base_url" doc:"Absolute http(s) address where the site is published, ending in \"/\". The checklist's QR code leads there; without it the QR carries the version code."`
}

// MarkdownOpts configures the Markdown renderer.
type MarkdownOpts struct {
	Node      `json:"-"`
	AllowHTML bool `yaml:"allow_html" doc:"Let raw HTML in Markdown through to the pages. Off by default: raw HTML is dropped."`
}

// Decree is the administrative act (decreto alcaldicio) that approves the manual.
type Decree struct {
	Node         `json:"-"`
	Kind         string       `yaml:"kind" pauta:"required" doc:"Kind of act in capitals, e.g. \"DECRETO ALCALDICIO\"."`
	Number       int          `yaml:"number" pauta:"required" doc:"The act's number."`
	Date         Date         `yaml:"date" pauta:"required" doc:"Date of the act, YYYY-MM-DD; the procedure applies from then."`
	Place        string       `yaml:"place" pauta:"required" doc:"Place printed before the date, e.g. \"REQUÍNOA\"."`
	Subject      string       `yaml:"subject" pauta:"required" doc:"The subject line (materia) in capitals."`
	Opening      string       `yaml:"opening" pauta:"required" doc:"The opening formula, e.g. \"Esta Alcaldía decretó hoy lo siguiente:\"."`
	Vistos       []*Paragraph `yaml:"vistos" pauta:"required" doc:"VISTOS: the legal bases, one paragraph each."`
	Considerando []*Paragraph `yaml:"considerando" pauta:"required" doc:"CONSIDERANDO: the reasons, one paragraph each."`
	Resolutions  []*Paragraph `yaml:"resolutions" pauta:"required" doc:"DECRETO: the resolutive points; numbered when there is more than one."`
	Closing      string       `yaml:"closing" pauta:"required" doc:"The closing formula, e.g. \"ANÓTESE, COMUNÍQUESE Y ARCHÍVESE.-\"."`
	Signatories  []*Signatory `yaml:"signatories" pauta:"required" doc:"Who signs, left to right as on paper: the Secretaría Municipal (ministro de fe) first, the Alcalde last."`
	Initials     string       `yaml:"initials" doc:"The initials line, e.g. \"WVM/CAB/MMN/FNM/knc.\"."`
	Distribution []string     `yaml:"distribution" doc:"DISTRIBUCIÓN: who receives a copy."`
}

// Paragraph is one numbered or bulleted paragraph of the decree.
type Paragraph struct {
	Node `json:"-"`
	ID   string   `yaml:"id" pauta:"required" doc:"Stable id (lowercase letters, digits, hyphens)."`
	Text Markdown `yaml:"text" pauta:"required" doc:"The paragraph, Markdown."`
}

// Signatory signs the decree.
type Signatory struct {
	Node   `json:"-"`
	ID     string `yaml:"id" pauta:"required" doc:"Stable id."`
	Name   string `yaml:"name" pauta:"required" doc:"Full name as printed under the signature."`
	Role   string `yaml:"role" pauta:"required" doc:"Office, e.g. \"ALCALDE\"."`
	Acting bool   `yaml:"acting" doc:"True when signing as subrogante: the role is printed with \"(S)\"."`
}

// RoleLine is the role as printed under the signature.
func (s *Signatory) RoleLine() string {
	if s.Acting {
		return s.Role + " (S)"
	}
	return s.Role
}

// Manual is the procedure's manual: the decree's annex and the site's main page.
type Manual struct {
	Node  `json:"-"`
	Title string `yaml:"title" pauta:"required" doc:"Title of the manual."`
	// ShortTitle names the site in browser tabs and the page header, where the full title of
	// an official manual is usually too long.
	ShortTitle string     `yaml:"short_title" doc:"Short name for browser tabs and the header, e.g. \"Accesos remotos de soporte técnico\"; default the title."`
	Sections   []*Section `yaml:"sections" pauta:"required" doc:"Top-level sections, in reading order."`
}

// Section is a part of the manual: a heading with text, a list of items, sub-sections, and
// what the session checklist records for it. A numbered section's sub-sections are its steps.
type Section struct {
	Node     `json:"-"`
	ID       string     `yaml:"id" pauta:"required" doc:"Stable id: the URL anchor and the key that matches versions."`
	Title    string     `yaml:"title" pauta:"required" doc:"Heading, without its number."`
	Text     Markdown   `yaml:"text" doc:"Text under the heading, Markdown."`
	List     string     `yaml:"list" doc:"How items are marked: \"bullets\" (default) or \"letters\" (a, b, c)."`
	Items    []*Item    `yaml:"items" doc:"The section's items, in order."`
	Numbered bool       `yaml:"numbered" doc:"Number the sub-sections 1, 2, 3 (the steps of a procedure)."`
	Label    string     `yaml:"label" doc:"How the checklist cites a numbered sub-section, e.g. \"paso\" gives \"paso 3b\"."`
	Sections []*Section `yaml:"sections" doc:"Sub-sections, in order."`
	Fields   []*Field   `yaml:"fields" doc:"Fields the session checklist asks to fill in for this section."`
	Checks   []*Check   `yaml:"checks" doc:"Check items the session checklist asks to tick for this section."`

	// Filled in by Load.
	Number string   `json:"-"` // "3" for the third sub-section of a numbered section, else ""
	Parent *Section `json:"-"`
	Depth  int      `json:"-"` // 1 for top-level sections
}

// Item is one entry of a section's list.
type Item struct {
	Node `json:"-"`
	ID   string   `yaml:"id" pauta:"required" doc:"Stable id."`
	Text Markdown `yaml:"text" pauta:"required" doc:"The item, Markdown."`

	// Filled in by Load.
	Marker  string   `json:"-"` // "a", "b" for lettered lists, "" for bullets
	Section *Section `json:"-"`
}

// Field is a blank the technician fills in on the checklist.
type Field struct {
	Node    `json:"-"`
	ID      string   `yaml:"id" pauta:"required" doc:"Stable id."`
	Label   string   `yaml:"label" pauta:"required" doc:"Label printed above the blank."`
	Type    string   `yaml:"type" doc:"\"text\" (default), \"date\", \"time\" or \"choice\"."`
	Options []string `yaml:"options" doc:"For type choice: the options, each printed with a box."`
	Width   int      `yaml:"width" doc:"Width in quarters of the page, 1 to 4 (default 1; 4 for a choice)."`
	Lines   int      `yaml:"lines" doc:"Writing lines, 1 to 6 (default 1)."`
	Phase   string   `yaml:"phase" doc:"Id of a checklist phase to print the field in; without it the field goes in the session data at the top."`

	Section *Section `json:"-"`
}

// Check is one line of the checklist, ticked Sí / No / N/A.
type Check struct {
	Node  `json:"-"`
	ID    string   `yaml:"id" pauta:"required" doc:"Stable id."`
	Phase string   `yaml:"phase" pauta:"required" doc:"Id of the checklist phase (pause point) it belongs to."`
	Text  string   `yaml:"text" pauta:"required" doc:"What is verified, as a short statement."`
	From  []string `yaml:"from" doc:"Ids of the items (or sections) it comes from; without it, the section it is written in."`

	Section *Section `json:"-"`
	Sources []Source `json:"-"` // resolved From, in order
}

// Source is a part of the manual a check comes from.
type Source struct {
	Section *Section
	Item    *Item // nil when the check cites a whole section
}

// Checklist describes the blank session checklist.
type Checklist struct {
	Node         `json:"-"`
	Code         string       `yaml:"code" pauta:"required" doc:"Form code printed in the header, e.g. \"SR-01\"."`
	Title        string       `yaml:"title" pauta:"required" doc:"Title of the form."`
	Instructions string       `yaml:"instructions" doc:"One line on how to fill it in."`
	Phases       []*Phase     `yaml:"phases" pauta:"required" doc:"Pause points, in the order of the work."`
	Observations string       `yaml:"observations" doc:"Heading of the observations lines."`
	Signatures   []*Signature `yaml:"signatures" pauta:"required" doc:"Signature blocks, left to right."`
}

// Phase is a pause point of the checklist: the checks done together at one moment of the work.
type Phase struct {
	Node  `json:"-"`
	ID    string `yaml:"id" pauta:"required" doc:"Stable id, cited by checks and fields."`
	Title string `yaml:"title" pauta:"required" doc:"Title of the block, e.g. \"Antes de conectar\"."`
	Hint  string `yaml:"hint" doc:"When to do it, printed beside the title."`

	Checks []*Check `json:"-"` // in task order, filled in by Load
	Fields []*Field `json:"-"`
}

// Signature is a signature block of the checklist.
type Signature struct {
	Node  `json:"-"`
	ID    string   `yaml:"id" pauta:"required" doc:"Stable id."`
	Title string   `yaml:"title" pauta:"required" doc:"Who signs, e.g. \"Técnico de soporte\"."`
	Lines []string `yaml:"lines" doc:"Lines of the block; default Nombre, RUT, Cargo / unidad, Fecha, Firma."`
}

// defaultSignatureLines are the lines of a signature block when the source names none.
func defaultSignatureLines() []string {
	return []string{"Nombre", "RUT", "Cargo / unidad", "Fecha", "Firma"}
}

// Page is a further Markdown page of the site.
type Page struct {
	Node  `json:"-"`
	ID    string `yaml:"id" pauta:"required" doc:"Stable id; the page is written as ID.html."`
	File  string `yaml:"file" pauta:"required" doc:"Path of the Markdown file, relative to procedure.yaml, e.g. \"content/como-usar.md\"."`
	Title string `yaml:"title" doc:"Title; without it, the file's first \"# \" heading."`

	// Body is the file's Markdown, read once by Load.
	Body Markdown `json:"body"`
}

// DecreeTitle is the decree's heading: "DECRETO ALCALDICIO N° 2387".
func (d *Decree) Title() string { return fmt.Sprintf("%s N° %d", d.Kind, d.Number) }

// Citation names the decree in running text: "Decreto Alcaldicio N° 2387 del 02-08-2024".
func (d *Decree) Citation() string {
	return fmt.Sprintf("%s N° %d del %s", sentenceCase(d.Kind), d.Number, d.Date.Numeric())
}

func sentenceCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// Ref is how the checklist cites a section: "paso 3" for a step of a numbered section with a
// label, else the section's title.
func (s *Section) Ref() string {
	if s.Number != "" && s.Parent != nil && s.Parent.Label != "" {
		return s.Parent.Label + " " + s.Number
	}
	if s.Number != "" {
		return s.Number
	}
	return s.Title
}

// Heading is the section's heading as printed: "3. Inicio de Sesión en AnyDesk".
func (s *Section) Heading() string {
	if s.Number != "" {
		return s.Number + ". " + s.Title
	}
	return s.Title
}

// Ref cites the source: "paso 3b", "Req. 2", "Procedimiento de Emergencia".
func (src Source) Ref() string {
	if src.Item != nil && src.Item.Marker != "" {
		return src.Section.Ref() + src.Item.Marker
	}
	return src.Section.Ref()
}

// Ref cites where the check comes from: "paso 3b, 4a"; a run of steps under one label names
// the label once.
func (c *Check) Ref() string {
	var parts []string
	lastLabel := ""
	for _, src := range c.Sources {
		r := src.Ref()
		label := ""
		if src.Section.Number != "" && src.Section.Parent != nil {
			label = src.Section.Parent.Label
		}
		if label != "" && label == lastLabel {
			r = strings.TrimPrefix(r, label+" ")
		}
		lastLabel = label
		if !slices.Contains(parts, r) {
			parts = append(parts, r)
		}
	}
	return strings.Join(parts, ", ")
}

// Walk calls fn for every section of the manual in document order.
func (m *Manual) Walk(fn func(*Section)) {
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			fn(s)
			walk(s.Sections)
		}
	}
	walk(m.Sections)
}

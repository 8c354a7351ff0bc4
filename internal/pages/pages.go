// Package pages renders the site's HTML pages from the procedure model: the manual, the decree
// page with the manual as its annex, the content pages and the search page, in the theme's
// templates, with the theme's assets beside them.
package pages

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/theme"
)

// CSP forbids every request outside the site's own files: no CDN, web font or analytics can
// slip in through a theme or a Markdown text. Same-origin connections stay allowed: the site
// makes none itself, but crawlers and audit tools read robots.txt from the page.
const CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'"

// Options say what surrounds the pages in one build.
type Options struct {
	Draft     bool       // print the "BORRADOR — sin validez" banner
	Status    *Status    // notice under the header: in force since, or replaced by
	Downloads []Download // files written beside the pages, linked from the manual and the decree
	ExtraNav  []Link     // more entries for the site menu, e.g. the versions page
	// SearchScripts are loaded by the search page, in order (index, then engine).
	SearchScripts []string
	// OtherVersions are the other published versions the search page can also search.
	OtherVersions []SearchSource
	// LiveReload is the path of pauta serve's reload script; empty in a real build. The
	// script listens for server events, so the page's policy then also allows connections
	// back to the same origin.
	LiveReload string
	// Text renders the procedure's Markdown; sharing one across a build's outputs parses
	// each text once. Nil makes a new one.
	Text *markdown.Renderer
	// Shared, when set, holds the parts this edition shows like the other editions of its
	// text. Nil renders everything for this edition alone.
	Shared *Shared
}

// Shared is what the editions of one text show alike, rendered once for all of them: the
// manual's sections, the decree and the content pages' bodies. A build writes the version in
// force twice, at the site's root and under v/<id>/, with only the links around these parts
// changed. The editions sharing one must render the same procedure with the same theme and
// Markdown renderer. It is safe for concurrent use.
type Shared struct {
	once  sync.Once
	views *views
	err   error

	mu       sync.Mutex
	editions int // still to render; the last drops views, a long manual's megabytes
}

// NewShared returns the parts shared by the given number of editions.
func NewShared(editions int) *Shared {
	return &Shared{editions: editions}
}

// views are the parts of the pages that depend on the text alone.
type views struct {
	manual, decree map[string]any
	pages          []pageView
}

type pageView struct {
	body template.HTML
	desc string
}

func (s *Shared) get(r *renderer) (*views, error) {
	if s == nil {
		return r.views()
	}
	s.once.Do(func() { s.views, s.err = r.views() })
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.views, s.err
}

// done is called by each edition when its pages are written.
func (s *Shared) done() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.editions--; s.editions == 0 {
		s.views = nil
	}
}

func (r *renderer) views() (*views, error) {
	manual, err := r.manualView()
	if err != nil {
		return nil, err
	}
	decree, err := r.decreeView()
	if err != nil {
		return nil, err
	}
	v := &views{manual: manual, decree: decree}
	for _, pg := range r.p.Pages {
		src := markdown.WithoutTitle(string(pg.Body), pg.Title)
		body, err := r.md.Block(src)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pg.File, err)
		}
		v.pages = append(v.pages, pageView{body: body, desc: firstSentence(r.md.Plain(src))})
	}
	return v, nil
}

// Status is a notice shown on every page under the header.
type Status struct {
	Kind      string // "vigente" or "reemplazada": picks the style
	Text      string
	LinkHref  string
	LinkLabel string
}

// SearchSource is another edition's search index, as the search page loads it.
type SearchSource struct {
	Label string `json:"label"` // "Versión 2024-2387 (reemplazada)"
	Base  string `json:"base"`  // from this edition's folder to that edition's
	Index string `json:"index"` // its index script
}

// Download is a file offered from the manual and decree pages.
type Download struct {
	Href, Label, Detail string
}

// Link is a menu entry.
type Link struct {
	Href, Label string
	Current     bool
}

// Files maps output paths to contents.
type Files = map[string][]byte

// Writer receives the files of the pages as they are rendered: write writes one file's bytes.
// A long manual's page runs to megabytes, so it goes to its file as the template runs.
type Writer interface {
	Write(name string, write func(io.Writer) error) error
}

// memory is a Writer that keeps the files.
type memory Files

func (m memory) Write(name string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	m[name] = buf.Bytes()
	return nil
}

// Render writes every page and the theme's assets to out.
func Render(p *procedure.Procedure, th *theme.Theme, opt Options, out Writer) error {
	r := renderer{p: p, th: th, opt: opt, md: markdown.For(opt.Text, p.Markdown.AllowHTML), out: out}
	defer opt.Shared.done()
	assets, err := th.Assets()
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(assets)) {
		b := assets[name]
		if err := out.Write(name, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
			return err
		}
	}
	v, err := opt.Shared.get(&r)
	if err != nil {
		return err
	}
	site := r.siteView()
	steps := []func() error{
		func() error {
			return r.page("index.html", "manual.html", p.Manual.Title,
				fmt.Sprintf("%s de la %s, aprobado por %s.", p.Manual.Title, p.Organization.Name, p.Decree.Citation()),
				map[string]any{"Manual": v.manual, "Downloads": opt.Downloads}, site)
		},
		func() error {
			return r.page("decreto.html", "decree.html", p.Decree.Title(),
				fmt.Sprintf("%s del %s: %s", p.Decree.Title(), p.Decree.Date.Long(), strings.TrimSuffix(p.Decree.Subject, ".")),
				map[string]any{"Decree": v.decree, "Manual": v.manual, "Downloads": opt.Downloads}, site)
		},
		func() error {
			return r.page("buscar.html", "search.html", "Buscar",
				"Buscar en el "+p.Manual.Title+".",
				map[string]any{"TOC": r.toc(), "OtherVersions": opt.OtherVersions}, site)
		},
	}
	for i, pg := range p.Pages {
		steps = append(steps, func() error {
			return r.page(pg.ID+".html", "page.html", pg.Title, v.pages[i].desc,
				map[string]any{"Page": map[string]any{"Title": pg.Title, "Body": v.pages[i].body}}, site)
		})
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

type renderer struct {
	p   *procedure.Procedure
	th  *theme.Theme
	md  *markdown.Renderer
	opt Options
	out Writer
}

type siteView struct {
	Organization, Unit, ManualTitle, ShortTitle, Citation, Since, Code string
}

func (r *renderer) siteView() siteView {
	return siteView{
		Organization: r.p.Organization.Name,
		Unit:         r.p.Organization.Unit,
		ManualTitle:  r.p.Manual.Title,
		ShortTitle:   cmp.Or(r.p.Manual.ShortTitle, r.p.Manual.Title),
		Citation:     r.p.Decree.LongCitation(),
		Since:        r.p.Decree.Date.Long(),
		Code:         r.p.Code,
	}
}

func (r *renderer) nav(current string) []Link {
	links := []Link{{Href: "index.html", Label: "Manual"}, {Href: "decreto.html", Label: "Decreto"}}
	for _, pg := range r.p.Pages {
		links = append(links, Link{Href: pg.ID + ".html", Label: pg.Title})
	}
	links = append(links, r.opt.ExtraNav...)
	links = append(links, Link{Href: "buscar.html", Label: "Buscar"})
	for i := range links {
		links[i].Current = links[i].Href == current
	}
	return links
}

func (r *renderer) page(out, tpl, title, desc string, data map[string]any, site siteView) error {
	t, err := r.th.Template(tpl, nil)
	if err != nil {
		return err
	}
	// The search page is the heaviest (its index and engine): it leaves out what only the texts
	// use, the styles of the manual, decree and tables, and the reading aids.
	styles := []string{"assets/pauta.css", "assets/textos.css"}
	scripts := []string{"assets/pauta.js", "assets/lectura.js"}
	if out == "buscar.html" {
		styles = styles[:1]
		scripts = append(scripts[:1], r.opt.SearchScripts...)
	}
	if r.opt.LiveReload != "" {
		scripts = append(scripts, r.opt.LiveReload)
	}
	data["Title"] = title
	data["HeadTitle"] = headTitle(title, site)
	data["Description"] = desc
	data["Root"] = ""
	data["CSP"] = CSP
	data["Site"] = site
	data["Nav"] = r.nav(out)
	data["Draft"] = r.opt.Draft
	data["Status"] = r.opt.Status
	data["Styles"] = styles
	data["Scripts"] = scripts
	// The search page has its own, larger box; a second search landmark would confuse
	// screen readers.
	data["SearchPage"] = out == "buscar.html"
	return r.out.Write(out, func(w io.Writer) error {
		if err := t.ExecuteTemplate(w, "layout", data); err != nil {
			return fmt.Errorf("rendering %s: %w", out, err)
		}
		return nil
	})
}

// sectionView is a manual section ready for the templates: its texts are rendered before
// the templates run, so the templates read fields and call no method through reflection,
// once for the manual and once for the decree's annex.
type sectionView struct {
	ID, Title, Number, Heading, FormCode string
	// Cited is the name the checklist cites the section by, "Paso 3", when its parent has a
	// label; "" otherwise.
	Cited    string
	Level    int
	Lettered bool
	Text     template.HTML
	Items    []itemView
	Checks   []checkView
	Sections []sectionView
}

type itemView struct {
	ID   string
	Text template.HTML
}

// checkView is a check as the manual shows it: with the number the sheet prints it with
// ("A5"), and, when it cites more than the section it stands in, the sheet's citation.
type checkView struct{ Item, Phase, Text, Cite string }

func (r *renderer) manualView() (map[string]any, error) {
	phaseTitle := map[string]string{}
	for _, ph := range r.p.Checklist.Phases {
		phaseTitle[ph.ID] = ph.Title
	}
	var view func(s *procedure.Section) (sectionView, error)
	view = func(s *procedure.Section) (sectionView, error) {
		text, err := r.md.Block(string(s.Text))
		if err != nil {
			return sectionView{}, fmt.Errorf("section %s: %w", s.ID, err)
		}
		v := sectionView{ID: s.ID, Title: s.Title, Number: s.Number, Heading: s.CitedHeading(),
			Level: min(s.Depth+1, 5), Lettered: s.List == "letters", FormCode: r.p.Checklist.Code, Text: text}
		if cited := s.CitedNumber(); cited != s.Number {
			v.Cited = cited
		}
		for _, it := range s.Items {
			text, err := r.md.Inline(string(it.Text))
			if err != nil {
				return sectionView{}, fmt.Errorf("item %s: %w", it.ID, err)
			}
			v.Items = append(v.Items, itemView{ID: it.ID, Text: text})
		}
		for _, c := range s.Checks {
			cv := checkView{Item: r.p.Checklist.ItemRef(c), Phase: phaseTitle[c.Phase], Text: c.Text}
			if ref := c.Ref(); ref != s.Ref() {
				cv.Cite = ref
			}
			v.Checks = append(v.Checks, cv)
		}
		for _, sub := range s.Sections {
			sv, err := view(sub)
			if err != nil {
				return sectionView{}, err
			}
			v.Sections = append(v.Sections, sv)
		}
		return v, nil
	}
	// The manual page and the decree's annex show the same sections: they are rendered once,
	// with the theme's "section" template, as Body. Each part's texts are rendered as it is
	// written, not all beforehand: the decree PDF, written beside the pages, takes the texts'
	// layout blocks from the same parse, and a page running ahead would have them held.
	t, err := r.th.Template("manual.html", nil)
	if err != nil {
		return nil, err
	}
	// Body is allocated once, at about its length: a long manual's is megabytes, and growing
	// it by doubling would hold two or three copies at once.
	var body strings.Builder
	body.Grow(bodySize(r.p))
	sections := make([]sectionView, 0, len(r.p.Manual.Sections))
	for _, s := range r.p.Manual.Sections {
		v, err := view(s)
		if err != nil {
			return nil, err
		}
		sections = append(sections, v)
		body.WriteByte('\n')
		if err := t.ExecuteTemplate(&body, "section", v); err != nil {
			return nil, fmt.Errorf("rendering section %s: %w", v.ID, err)
		}
	}
	return map[string]any{"Title": r.p.Manual.Title, "Sections": sections, "Body": template.HTML(body.String()),
		"Annex": lowered(sections)}, nil
}

// lowered is the sections one heading level down, as the decree's annex shows them: under its
// heading "ANEXO", not beside it. The decree page renders them as it is written, so a long
// manual's annex is not also kept in memory.
func lowered(ss []sectionView) []sectionView {
	out := make([]sectionView, len(ss))
	for i, s := range ss {
		s.Level = min(s.Level+1, 6)
		s.Sections = lowered(s.Sections)
		out[i] = s
	}
	return out
}

// bodySize is about the length of the manual's Body.
func bodySize(p *procedure.Procedure) int {
	size := 0
	p.Manual.Walk(func(s *procedure.Section) {
		size += bodyBytesPerSection + 2*len(s.Title) + len(s.Text) + len(s.Items)*bodyBytesPerItem + len(s.Checks)*bodyBytesPerCheck
		for _, it := range s.Items {
			size += len(it.Text)
		}
		for _, c := range s.Checks {
			size += len(c.Text)
		}
	})
	return size
}

// What the default theme's "section" template writes around a section's, an item's and a
// check's own text, about, for sizing Body.
const (
	bodyBytesPerSection = 240
	bodyBytesPerItem    = 24
	bodyBytesPerCheck   = 40
)

type paragraphView struct {
	ID   string
	Num  string // "1.-" in a numbered part, as the decree PDF and the export print it
	Text template.HTML
}

func (r *renderer) decreeView() (map[string]any, error) {
	d := &r.p.Decree
	paras := func(ps []*procedure.Paragraph, numbered bool) ([]paragraphView, error) {
		var out []paragraphView
		for i, para := range ps {
			h, err := r.md.Block(string(para.Text))
			if err != nil {
				return nil, fmt.Errorf("decree paragraph %s: %w", para.ID, err)
			}
			v := paragraphView{ID: para.ID, Text: h}
			if numbered {
				v.Num = procedure.ParagraphNumber(i)
			}
			out = append(out, v)
		}
		return out, nil
	}
	vistos, err := paras(d.Vistos, d.NumberedVistos())
	if err != nil {
		return nil, err
	}
	considerando, err := paras(d.Considerando, d.NumberedConsiderando())
	if err != nil {
		return nil, err
	}
	resolutions, err := paras(d.Resolutions, d.NumberedResolutions())
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"Number": d.Number, "Title": d.Title(), "Subject": d.Subject, "Place": d.Place,
		"Date": d.Date.String(), "Stamp": d.Date.Stamp(), "Opening": d.Opening,
		"Vistos": vistos, "Considerando": considerando, "Resolutions": resolutions,
		"Closing": d.Closing, "Signatories": d.Signatories, "Initials": d.Initials,
		"Distribution": d.Distribution,
	}, nil
}

// toc is the manual's outline as plain links, for the search page without JavaScript.
func (r *renderer) toc() []Link {
	var out []Link
	r.p.Manual.Walk(func(s *procedure.Section) {
		out = append(out, Link{Href: "index.html#" + s.ID, Label: s.CitedHeading()})
	})
	out = append(out, Link{Href: "decreto.html", Label: r.p.Decree.Title()})
	for _, pg := range r.p.Pages {
		out = append(out, Link{Href: pg.ID + ".html", Label: pg.Title})
	}
	return out
}

// maxTitle keeps browser tab titles within what search engines and validators accept.
const maxTitle = 70

// headTitle is the page's <title>: the page, then the site, shortened to fit maxTitle.
func headTitle(page string, site siteView) string {
	full := page + " · " + site.ShortTitle
	if page == site.ManualTitle || page == site.ShortTitle {
		full = site.ShortTitle + " · " + site.Organization
	}
	for _, t := range []string{full, page} {
		if utf8.RuneCountInString(t) <= maxTitle {
			return t
		}
	}
	r := []rune(page)
	cut := strings.LastIndex(string(r[:maxTitle-1]), " ")
	if cut <= 0 {
		return string(r[:maxTitle-1]) + "…"
	}
	return string(r[:maxTitle-1])[:cut] + "…"
}

func firstSentence(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if i := strings.Index(text, ". "); i > 0 && i < 200 {
		return text[:i+1]
	}
	r := []rune(text)
	if len(r) > 160 {
		return string(r[:157]) + "…"
	}
	return text
}

// Package site runs one build: it loads and validates the procedure and its published versions
// once, renders every output from those models (HTML pages, PDFs, search index, comparisons,
// exports) and writes them all atomically.
//
// Layout of a built site: the version in force at the root and every published version under
// v/<id>/, each a complete edition (manual, decree page, content pages, search, checklist.pdf,
// decreto.pdf); at the root also the versions page, the comparisons between consecutive
// versions and the Transparencia Activa index. A project with no published version yet is
// built from procedure.yaml alone.
package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/requinoa/pauta/internal/akn"
	"github.com/requinoa/pauta/internal/checklist"
	"github.com/requinoa/pauta/internal/decreepdf"
	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/pages"
	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/search"
	"github.com/requinoa/pauta/internal/theme"
	"github.com/requinoa/pauta/internal/versions"
	"github.com/requinoa/pauta/themes"
)

// Options configure one build.
type Options struct {
	// Draft renders the text being prepared (procedure.yaml) with a "BORRADOR — sin validez"
	// banner on every page and PDF, instead of the published versions.
	Draft bool
	// LiveReload is pauta serve's reload script, added to every page; never in a real build.
	LiveReload string
}

// Site is a rendered site, not yet written.
type Site struct {
	// Procedure is the text at the root: the version in force, or the prepared text for a
	// draft or a project with nothing published yet.
	Procedure *procedure.Procedure
	// Prepared is procedure.yaml as loaded; Unpublished is true when it differs from the
	// version in force.
	Prepared    *procedure.Procedure
	Unpublished bool
	Versions    []*versions.Version
	// Files are the rendered files, for Render; Build writes them as they come instead.
	Files output.Files
	// Count is the number of files rendered; Kept, of those, how many Build found the same
	// as in the previous output and kept as they were.
	Count, Kept int
}

// Load reads and validates the project in src: procedure.yaml and the pages it lists.
func Load(src fs.FS) (*procedure.Procedure, error) {
	p, err := procedure.Load(src, procedure.DefaultFile)
	if err != nil {
		return nil, err
	}
	// The checks read the model and keep their own lists, joined in a fixed order: the PDFs'
	// checks run beside the Markdown's, on a core a long manual's load leaves idle.
	var errs, limits procedure.ErrorList
	var g errgroup.Group
	g.Go(func() error {
		if err := printable(p, &errs); err != nil {
			return err
		}
		return signatureTitles(p, &errs)
	})
	// Texts goldmark must not parse are refused before anything parses them.
	markdownLimits(p, &limits)
	if err := g.Wait(); err != nil {
		return nil, err
	}
	errs = append(errs, limits...)
	if len(errs) == 0 {
		headingAnchors(p, &errs)
		keywordAnchors(p, &errs)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return p, nil
}

// printable checks that the PDFs can print every character of the texts they print: the
// vendored fonts cover the alphabets of a Spanish procedure, not every script, and a missing
// glyph would print as an empty box in an official decree.
func printable(p *procedure.Procedure, errs *procedure.ErrorList) error {
	var fontErr error
	p.PrintedTexts(func(text string, at procedure.Pos) {
		r, missing, err := pdfdoc.Unprintable(text)
		if err != nil {
			fontErr = err
		}
		if missing {
			*errs = append(*errs, &procedure.Error{File: p.File, Pos: at,
				Msg:  fmt.Sprintf("el carácter %q (U+%04X) no se puede imprimir: la fuente de los PDF no lo tiene", r, r),
				Hint: "reemplácelo por otro o escriba la palabra con letras latinas"})
		}
	})
	return fontErr
}

// signatureTitles refuses a title of a signature block too long for its block: the title
// wraps over the block's width, above the Firma box, but past a few lines it would push the
// sheet onto another page for the sake of a title.
func signatureTitles(p *procedure.Procedure, errs *procedure.ErrorList) error {
	long, err := checklist.LongSignatureTitles(p)
	if err != nil {
		return err
	}
	for _, s := range long {
		*errs = append(*errs, &procedure.Error{File: p.File, Pos: s.At("title"),
			Msg:  fmt.Sprintf("el título del bloque de firma %q no cabe en %d líneas del bloque en la lista de verificación", s.Title, checklist.SignatureTitleLines),
			Hint: "acórtelo a un cargo, p. ej. «Jefe de Administración y Finanzas»; el nombre y la unidad se escriben en sus líneas"})
	}
	return nil
}

// project is a loaded project, ready to render.
type project struct {
	prepared *procedure.Procedure
	versions []*versions.Version
	theme    *theme.Theme
}

// load reads and validates everything a build renders from, before any output is touched.
// The text being prepared and the published versions are read side by side: each is a YAML
// file of the whole procedure.
func load(ctx context.Context, src fs.FS) (*project, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pr := &project{}
	// Each task keeps its own error: which of them is reported, and how, is decided below,
	// not by which one failed first.
	var loadErr, listErr, themeErr error
	var g errgroup.Group
	g.Go(func() error { pr.prepared, loadErr = Load(src); return nil })
	g.Go(func() error { pr.versions, listErr = versions.List(src); return nil })
	g.Go(func() error { pr.theme, themeErr = projectTheme(src); return nil })
	_ = g.Wait() // the tasks return nil; their errors are above
	// The source's own errors first: they are what the user is working on. Errors of the
	// source and of the published versions are reported together, fixed in one pass.
	var srcList, verList procedure.ErrorList
	if errors.As(loadErr, &srcList) && errors.As(listErr, &verList) {
		return nil, append(append(procedure.ErrorList{}, srcList...), verList...)
	}
	for _, err := range []error{loadErr, listErr, themeErr} {
		if err != nil {
			return nil, err
		}
	}
	return pr, nil
}

// sink receives each file of a build as soon as it is rendered, so a build need not hold the
// whole site in memory: Put takes a file's bytes, Write lets write produce them. Both are
// called from several goroutines.
type sink interface {
	Put(name string, data []byte) error
	Write(name string, write func(io.Writer) error) error
}

// collector is a sink that keeps the files in memory.
type collector struct {
	mu    sync.Mutex
	files output.Files
}

func (c *collector) Put(name string, data []byte) error {
	c.mu.Lock()
	c.files[name] = data
	c.mu.Unlock()
	return nil
}

func (c *collector) Write(name string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return c.Put(name, buf.Bytes())
}

// folder is a sink that puts files in folder prefix ("v/2024-2387/") of another.
type folder struct {
	sink
	prefix string
}

func under(s sink, prefix string) sink {
	if prefix == "" {
		return s
	}
	return folder{s, prefix}
}

func (f folder) Put(name string, data []byte) error {
	return f.sink.Put(path.Join(f.prefix, name), data)
}

func (f folder) Write(name string, write func(io.Writer) error) error {
	return f.sink.Write(path.Join(f.prefix, name), write)
}

// both is a sink that puts every file in two places.
type both [2]sink

func (b both) Put(name string, data []byte) error {
	if err := b[0].Put(name, data); err != nil {
		return err
	}
	return b[1].Put(name, data)
}

func (b both) Write(name string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return b.Put(name, buf.Bytes())
}

// Render builds every output of the project in src in memory.
func Render(ctx context.Context, src fs.FS, opt Options) (*Site, error) {
	pr, err := load(ctx, src)
	if err != nil {
		return nil, err
	}
	c := &collector{files: output.Files{}}
	s, err := pr.render(ctx, opt, c)
	if err != nil {
		return nil, themeError(pr.theme, err)
	}
	s.Files, s.Count = c.files, len(c.files)
	return s, nil
}

// Build renders the project in src and writes it to out, replacing the earlier output whole.
// Files are written to a staging folder as they are rendered; out is replaced only when
// every one is written.
func Build(ctx context.Context, src fs.FS, out string, opt Options) (*Site, error) {
	// The search index needs the thesaurus analysed, once per process: the longest part of a
	// small project's index, and it depends on nothing in the project. It is read while the
	// source is, on a core the YAML parser leaves idle; the index waits for it if it is not
	// done, and a build that fails leaves it to finish on its own.
	go search.Prepare()
	pr, err := load(ctx, src)
	if err != nil {
		return nil, err
	}
	st, err := output.NewStage(ctx, out, output.Site)
	if err != nil {
		return nil, err
	}
	s, err := pr.render(ctx, opt, st)
	if err != nil {
		st.Abort()
		return nil, themeError(pr.theme, err)
	}
	s.Count, s.Kept = st.Count(), st.Kept()
	if err := st.Commit(); err != nil {
		return nil, err
	}
	return s, nil
}

func (pr *project) render(ctx context.Context, opt Options, put sink) (*Site, error) {
	s := &Site{Prepared: pr.prepared, Versions: pr.versions}
	vs := pr.versions
	rootFiles := job{costRootFiles, func() error { return addRootFiles(put) }}
	if opt.Draft || len(vs) == 0 {
		s.Procedure = pr.prepared
		jobs := editionJobs(pr.theme, pr.prepared, edition{draft: opt.Draft, liveReload: opt.LiveReload}, put)
		if err := runLongestFirst(ctx, append(jobs, rootFiles)); err != nil {
			return nil, err
		}
		return s, nil
	}
	inForce := vs[len(vs)-1]
	s.Procedure = inForce.Procedure
	s.Unpublished = !inForce.SameText(pr.prepared)
	if err := renderPublished(ctx, pr.theme, vs, &pr.prepared.Search, opt, put, rootFiles); err != nil {
		return nil, err
	}
	return s, nil
}

// addRootFiles adds what only the site's root holds: the JSON Schema of procedure.yaml, for
// editors, and a robots.txt that lets search engines index the manual.
func addRootFiles(out sink) error {
	schema, err := procedure.Schema()
	if err != nil {
		return err
	}
	if err := out.Put(procedure.SchemaFile, schema); err != nil {
		return err
	}
	return out.Put("robots.txt", []byte("User-agent: *\nAllow: /\n"))
}

// RenderPrepared renders the text being prepared alone, as a draft, to prove it builds.
func RenderPrepared(ctx context.Context, src fs.FS, opt Options) (output.Files, error) {
	p, err := Load(src)
	if err != nil {
		return nil, err
	}
	th, err := projectTheme(src)
	if err != nil {
		return nil, err
	}
	c := &collector{files: output.Files{}}
	if err := runLongestFirst(ctx, editionJobs(th, p, edition{draft: true}, c)); err != nil {
		return nil, themeError(th, err)
	}
	return c.files, nil
}

// AKNFile is an edition's Akoma Ntoso export.
const AKNFile = "akn.xml"

// edition says how one text is rendered as a complete site folder.
type edition struct {
	draft      bool
	liveReload string
	status     *pages.Status
	extraNav   []pages.Link
	// versionPath is the published version's folder, where its QR codes lead.
	versionPath string
	// replaced, for a version no longer in force, is the notice its PDFs and downloads carry;
	// inForce is then the checklist to print instead.
	replaced string
	// replacedOnPage says the same on the pages, the date written as in running text.
	replacedOnPage string
	inForce        *pages.Download
	// otherVersions can be searched from this edition's search page too.
	otherVersions []pages.SearchSource
	// search, when set, are the search settings the edition's index is built with instead
	// of its text's own: those of the working procedure.yaml (see WithSearch).
	search *procedure.SearchOpts
	// text renders the edition's Markdown, shared with the other edition of the same text.
	text *markdown.Renderer
	// shared, for the two editions of the version in force, are the parts of their pages
	// that depend on the text alone, rendered for both by whichever comes first.
	shared *pages.Shared
	// pagesOnly skips the parts that do not depend on where the edition sits (index, PDFs,
	// export): the root copy of the version in force takes them from its v/<id>/ folder,
	// which puts them at the root too (sharedAtRoot).
	pagesOnly    bool
	sharedAtRoot sink
}

// editionJobs are the jobs that render one text: pages, search index, PDFs and export.
func editionJobs(th *theme.Theme, p *procedure.Procedure, ed edition, put sink) []job {
	ed.text = markdown.For(ed.text, p.Markdown.AllowHTML)
	downloads := []pages.Download{
		{Href: "checklist.pdf", Label: "Lista de verificación (PDF)", Detail: "para imprimir, una por sesión"},
		{Href: "decreto.pdf", Label: "Decreto con el manual (PDF)", Detail: "texto oficial"},
	}
	if ed.replaced != "" {
		// The papers of a replaced version stay citable, but the one to print is the one in
		// force: it comes first, and these say what they are.
		downloads = []pages.Download{*ed.inForce,
			{Href: "checklist.pdf", Label: "Lista de verificación de esta versión (PDF)", Detail: ed.replacedOnPage + "; no la use en una sesión"},
			{Href: "decreto.pdf", Label: "Decreto con el manual de esta versión (PDF)", Detail: ed.replacedOnPage},
		}
	}
	kb := manualKB(p)
	pagesCost := costPagesFixed + costPagesPerKB*kb
	if ed.pagesOnly {
		// The root copy starts after the v/<id>/ edition's pages, which render the shared
		// parts for both: started together, one would wait for the other, its core idle.
		pagesCost = costPagesFixed
	}
	jobs := []job{{pagesCost, func() error {
		return pages.Render(p, th, pages.Options{Draft: ed.draft, LiveReload: ed.liveReload, Status: ed.status,
			ExtraNav: ed.extraNav, Downloads: downloads, SearchScripts: search.Scripts(),
			OtherVersions: ed.otherVersions, Text: ed.text, Shared: ed.shared}, put)
	}}}
	if ed.pagesOnly {
		return jobs
	}
	shared := put
	if ed.sharedAtRoot != nil {
		shared = both{put, ed.sharedAtRoot}
	}
	return append(jobs,
		job{costSearchFixed + costSearchPerKB*kb, func() error {
			return shared.Write(search.IndexPath, func(w io.Writer) error {
				return search.Build(WithSearch(p, ed.search), ed.text).WriteScript(w)
			})
		}},
		job{costChecklist, func() error {
			b, err := checklist.Render(p, checklist.Options{Draft: ed.draft, Replaced: ed.replaced, VersionPath: ed.versionPath})
			if err != nil {
				return err
			}
			return shared.Put("checklist.pdf", b)
		}},
		job{costDecreePDFFixed + costDecreePDFPerKB*kb, func() error {
			return shared.Write("decreto.pdf", func(w io.Writer) error {
				return decreepdf.Write(w, p, decreepdf.Options{Draft: ed.draft, Replaced: ed.replaced, Text: ed.text})
			})
		}},
		job{costAKNFixed + costAKNPerKB*kb, func() error {
			return shared.Write(AKNFile, func(w io.Writer) error { return akn.Write(w, p, akn.Options{Text: ed.text}) })
		}},
	)
}

// renderPublished renders the version in force at the root, every version under v/<id>/
// and the pages about versions, side by side with more.
func renderPublished(ctx context.Context, th *theme.Theme, vs []*versions.Version, settings *procedure.SearchOpts,
	opt Options, put sink, more ...job) error {
	inForce := vs[len(vs)-1]
	type place struct {
		prefix string
		v      *versions.Version
	}
	places := []place{{"", inForce}}
	for _, v := range vs {
		places = append(places, place{"v/" + v.ID + "/", v})
	}
	texts := map[*versions.Version]*markdown.Renderer{}
	for _, v := range vs {
		texts[v] = markdown.New(v.Procedure.Markdown.AllowHTML)
	}
	// The version in force has two editions, at the root and under v/<id>/, whose pages
	// show the same texts.
	shared := pages.NewShared(2)
	var jobs []job
	for _, pl := range places {
		toRoot := ""
		if pl.prefix != "" {
			toRoot = "../../"
		}
		ed := edition{
			liveReload:    opt.LiveReload,
			status:        versionStatus(pl.v, toRoot),
			extraNav:      []pages.Link{{Href: toRoot + "versiones.html", Label: "Versiones"}},
			versionPath:   "v/" + pl.v.ID + "/",
			otherVersions: searchSources(vs, pl.v, toRoot),
			pagesOnly:     pl.prefix == "",
			text:          texts[pl.v],
			search:        settings,
		}
		if pl.v == inForce {
			ed.shared = shared
		}
		if pl.prefix != "" && pl.v == inForce {
			ed.sharedAtRoot = put
		}
		if !pl.v.InForce() {
			ed.replaced = pdfdoc.ReplacedNotice(pl.v.ReplacedBy.Procedure.Decree.Citation())
			ed.replacedOnPage = pdfdoc.ReplacedNotice(pl.v.ReplacedBy.Procedure.Decree.LongCitation())
			ed.inForce = &pages.Download{Href: toRoot + "checklist.pdf", Label: "Lista de verificación vigente (PDF)",
				Detail: "la que se imprime para cada sesión, aprobada por el " + inForce.Procedure.Decree.LongCitation()}
		}
		jobs = append(jobs, editionJobs(th, pl.v.Procedure, ed, under(put, pl.prefix))...)
	}
	jobs = append(jobs, job{costVersionPages, func() error { return renderVersionPages(th, vs, put) }})
	return runLongestFirst(ctx, append(jobs, more...))
}

// WithSearch is p with the search settings s, or p itself when s is nil. The search block is
// a setting of the site, not of the approved text: the working procedure.yaml's applies to
// every published version the site shows, so a better search needs no new decree. The
// keywords of a place the version lacks are skipped by the index.
func WithSearch(p *procedure.Procedure, s *procedure.SearchOpts) *procedure.Procedure {
	if s == nil {
		return p
	}
	q := *p
	q.Search = *s
	return &q
}

// searchSources lists the versions other than v whose indexes v's search page can load.
func searchSources(vs []*versions.Version, v *versions.Version, toRoot string) []pages.SearchSource {
	var out []pages.SearchSource
	for i := len(vs) - 1; i >= 0; i-- {
		o := vs[i]
		if o == v {
			continue
		}
		state := "reemplazada"
		if o.InForce() {
			state = "vigente"
		}
		base := toRoot + "v/" + o.ID + "/"
		out = append(out, pages.SearchSource{Label: fmt.Sprintf("Versión %s (%s)", o.ID, state), Base: base, Index: base + search.IndexPath})
	}
	return out
}

// versionStatus is the notice a version's pages carry. toRoot leads from the version's folder
// to the site root.
func versionStatus(v *versions.Version, toRoot string) *pages.Status {
	d := &v.Procedure.Decree
	if v.InForce() {
		return &pages.Status{Kind: "vigente",
			Text:     fmt.Sprintf("Versión vigente desde el %s, aprobada por %s.", d.Date.Long(), d.LongCitation()),
			LinkHref: toRoot + "versiones.html", LinkLabel: "Ver todas las versiones"}
	}
	next := &v.ReplacedBy.Procedure.Decree
	return &pages.Status{Kind: "reemplazada",
		Text: fmt.Sprintf("No vigente — reemplazada por el %s, desde el %s. Este texto rigió desde el %s.",
			next.LongCitation(), next.Date.Long(), d.Date.Long()),
		LinkHref: toRoot + "index.html", LinkLabel: "Ir a la versión vigente"}
}

// projectTheme is the default theme with the project's themes/ folder over it.
func projectTheme(src fs.FS) (*theme.Theme, error) {
	info, err := fs.Stat(src, "themes")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return theme.New(themes.Default(), nil), nil
	case err != nil:
		return nil, fmt.Errorf("project theme: %w", err)
	case !info.IsDir():
		return theme.New(themes.Default(), nil), nil
	}
	sub, err := fs.Sub(src, "themes")
	if err != nil {
		return nil, fmt.Errorf("project theme: %w", err)
	}
	return theme.New(themes.Default(), sub), nil
}

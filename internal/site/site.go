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
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sync"

	"github.com/requinoa/pauta/internal/akn"
	"github.com/requinoa/pauta/internal/checklist"
	"github.com/requinoa/pauta/internal/decreepdf"
	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/pages"
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
	Files       output.Files
}

// Load reads and validates the project in src: procedure.yaml and the pages it lists.
func Load(src fs.FS) (*procedure.Procedure, error) {
	return procedure.Load(src, procedure.DefaultFile)
}

// Render builds every output of the project in src in memory.
func Render(ctx context.Context, src fs.FS, opt Options) (*Site, error) {
	prepared, err := Load(src)
	if err != nil {
		return nil, err
	}
	vs, err := versions.List(src)
	if err != nil {
		return nil, err
	}
	th, err := projectTheme(src)
	if err != nil {
		return nil, err
	}
	s := &Site{Prepared: prepared, Versions: vs, Files: output.Files{}}
	if opt.Draft || len(vs) == 0 {
		s.Procedure = prepared
		files, err := renderEdition(ctx, th, prepared, edition{draft: opt.Draft, liveReload: opt.LiveReload})
		if err != nil {
			return nil, err
		}
		s.Files = files
		return s, addRootFiles(s.Files)
	}
	inForce := vs[len(vs)-1]
	s.Procedure = inForce.Procedure
	s.Unpublished = prepared.Code != inForce.Code()
	if err := renderPublished(ctx, th, vs, opt, s.Files); err != nil {
		return nil, err
	}
	return s, addRootFiles(s.Files)
}

// addRootFiles adds what only the site's root holds: the JSON Schema of procedure.yaml, for
// editors, and a robots.txt that lets search engines index the manual.
func addRootFiles(files output.Files) error {
	schema, err := procedure.Schema()
	if err != nil {
		return err
	}
	files[procedure.SchemaFile] = schema
	files["robots.txt"] = []byte("User-agent: *\nAllow: /\n")
	return nil
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
	return renderEdition(ctx, th, p, edition{draft: true})
}

// Build renders the project in src and writes it to out, replacing the earlier output whole.
func Build(ctx context.Context, src fs.FS, out string, opt Options) (*Site, error) {
	s, err := Render(ctx, src, opt)
	if err != nil {
		return nil, err
	}
	if err := output.Write(out, s.Files); err != nil {
		return nil, err
	}
	return s, nil
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
	// otherVersions can be searched from this edition's search page too.
	otherVersions []pages.SearchSource
	// text renders the edition's Markdown, shared with the other edition of the same text.
	text *markdown.Renderer
	// pagesOnly skips the parts that do not depend on where the edition sits (index, PDFs,
	// export): the root copy of the version in force takes them from its v/<id>/ folder.
	pagesOnly bool
}

// renderEdition renders one text: pages, search index and PDFs, side by side on both cores.
func renderEdition(ctx context.Context, th *theme.Theme, p *procedure.Procedure, ed edition) (output.Files, error) {
	if ed.text == nil {
		ed.text = markdown.New(p.Markdown.AllowHTML)
	}
	downloads := []pages.Download{
		{Href: "checklist.pdf", Label: "Lista de verificación (PDF)", Detail: "para imprimir, una por sesión"},
		{Href: "decreto.pdf", Label: "Decreto con el manual (PDF)", Detail: "texto oficial"},
	}
	var (
		mu    sync.Mutex
		files = output.Files{}
	)
	put := func(name string, b []byte) {
		mu.Lock()
		files[name] = b
		mu.Unlock()
	}
	tasks := []func() error{
		func() error {
			f, err := pages.Render(p, th, pages.Options{Draft: ed.draft, LiveReload: ed.liveReload, Status: ed.status,
				ExtraNav: ed.extraNav, Downloads: downloads, SearchScripts: search.Scripts(),
				OtherVersions: ed.otherVersions, Text: ed.text})
			for name, b := range f {
				put(name, b)
			}
			return err
		},
	}
	if !ed.pagesOnly {
		tasks = append(tasks, sharedParts(p, ed, put)...)
	}
	if err := parallel(ctx, tasks...); err != nil {
		return nil, err
	}
	return files, nil
}

// sharedFiles are an edition's files that do not depend on where the edition sits.
func sharedFiles() []string {
	return []string{search.IndexPath, "checklist.pdf", "decreto.pdf", AKNFile}
}

// sharedParts renders sharedFiles.
func sharedParts(p *procedure.Procedure, ed edition, put func(string, []byte)) []func() error {
	return []func() error{
		func() error {
			b, err := search.Build(p, ed.text).Script()
			put(search.IndexPath, b)
			return err
		},
		func() error {
			b, err := checklist.Render(p, checklist.Options{Draft: ed.draft, VersionPath: ed.versionPath})
			put("checklist.pdf", b)
			return err
		},
		func() error {
			b, err := decreepdf.Render(p, decreepdf.Options{Draft: ed.draft, Text: ed.text})
			put("decreto.pdf", b)
			return err
		},
		func() error {
			b, err := akn.Render(p, akn.Options{Text: ed.text})
			put(AKNFile, b)
			return err
		},
	}
}

// renderPublished renders the version in force at the root and every version under v/<id>/.
func renderPublished(ctx context.Context, th *theme.Theme, vs []*versions.Version, opt Options, files output.Files) error {
	inForce := vs[len(vs)-1]
	type job struct {
		prefix string
		v      *versions.Version
	}
	jobs := []job{{"", inForce}}
	for _, v := range vs {
		jobs = append(jobs, job{"v/" + v.ID + "/", v})
	}
	results := make([]output.Files, len(jobs))
	texts := map[*versions.Version]*markdown.Renderer{}
	for _, v := range vs {
		texts[v] = markdown.New(v.Procedure.Markdown.AllowHTML)
	}
	var tasks []func() error
	for i, j := range jobs {
		tasks = append(tasks, func() error {
			toRoot := ""
			if j.prefix != "" {
				toRoot = "../../"
			}
			f, err := renderEdition(ctx, th, j.v.Procedure, edition{
				liveReload:    opt.LiveReload,
				status:        versionStatus(j.v, toRoot),
				extraNav:      []pages.Link{{Href: toRoot + "versiones.html", Label: "Versiones"}},
				versionPath:   "v/" + j.v.ID + "/",
				otherVersions: searchSources(vs, j.v, toRoot),
				pagesOnly:     j.prefix == "",
				text:          texts[j.v],
			})
			results[i] = f
			return err
		})
	}
	if err := parallel(ctx, tasks...); err != nil {
		return err
	}
	for i, j := range jobs {
		for name, b := range results[i] {
			files[path.Join(j.prefix, name)] = b
		}
	}
	for _, name := range sharedFiles() {
		files[name] = files[path.Join("v", inForce.ID, name)]
	}
	return renderVersionPages(th, vs, files)
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
			Text:     fmt.Sprintf("Versión vigente desde el %s, aprobada por %s.", d.Date.Long(), d.Citation()),
			LinkHref: toRoot + "versiones.html", LinkLabel: "Ver todas las versiones"}
	}
	next := &v.ReplacedBy.Procedure.Decree
	return &pages.Status{Kind: "reemplazada",
		Text: fmt.Sprintf("No vigente — reemplazada por el %s, desde el %s. Este texto rigió desde el %s.",
			next.Citation(), next.Date.Long(), d.Date.Long()),
		LinkHref: toRoot + "index.html", LinkLabel: "Ir a la versión vigente"}
}

// parallel runs tasks on as many goroutines and returns the first error; the build is
// CPU-bound, so this spreads it over the machine's cores.
func parallel(ctx context.Context, tasks ...func() error) error {
	errs := make([]error, len(tasks))
	var wg sync.WaitGroup
	for i, task := range tasks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ctx.Err() != nil {
				errs[i] = ctx.Err()
				return
			}
			errs[i] = task()
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
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

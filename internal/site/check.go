package site

import (
	"context"
	"errors"
	"io/fs"

	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/pages"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/search"
	"github.com/requinoa/pauta/internal/versions"
)

// Check reads and validates the project as Build does, writing nothing: procedure.yaml and
// its pages, every published version and the chain that links them, and the theme. What it
// accepts, a build does not refuse for its source. When the project overrides templates of
// the theme, the HTML pages are rendered too (and thrown away), since a template's mistakes
// show only when it is executed. It returns the prepared text and the published versions,
// oldest first.
func Check(ctx context.Context, src fs.FS) (*procedure.Procedure, []*versions.Version, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	pr, err := load(ctx, src)
	if err != nil {
		return nil, nil, err
	}
	th := pr.theme
	names, err := th.Pages()
	if err != nil {
		return nil, nil, err
	}
	overridden := false
	for _, name := range append([]string{"layout.html", "partials.html"}, names...) {
		overridden = overridden || th.Overrides(name)
	}
	var errs []error
	for _, name := range names {
		if _, err := th.Template(name, nil); err != nil {
			errs = append(errs, err)
		}
	}
	if _, err := th.Assets(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) == 0 && overridden {
		p := pr.prepared
		errs = append(errs, pages.Render(p, th, pages.Options{Draft: true, SearchScripts: search.Scripts(),
			Text: markdown.New(p.Markdown.AllowHTML)}, discard{}))
		if len(pr.versions) > 0 {
			errs = append(errs, renderVersionPages(th, pr.versions, discard{}))
		}
	}
	if err := themeError(th, errors.Join(errs...)); err != nil {
		return nil, nil, err
	}
	return pr.prepared, pr.versions, nil
}

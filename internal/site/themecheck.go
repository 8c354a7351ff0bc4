package site

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/requinoa/pauta/internal/markdown"
	"github.com/requinoa/pauta/internal/pages"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/search"
	"github.com/requinoa/pauta/internal/theme"
)

// ThemeDir is the project's folder of theme overrides.
const ThemeDir = "themes"

// templateErr finds text/template's "template: NAME:LINE[:COL]: message", and
// html/template's "html/template:NAME:LINE:COL: message", in an error's text.
var templateErr = regexp.MustCompile(`template: ?([^\s:]+):(\d+)(?::(\d+))?: (.*)`)

// themeError turns the errors of templates the project overrides into mistakes in the
// source, at the template's line and column; other errors are returned unchanged, as the
// default theme's errors are pauta's own.
func themeError(th *theme.Theme, err error) error {
	if err == nil || th == nil {
		return err
	}
	var list procedure.ErrorList
	seen := map[string]bool{}
	for _, line := range strings.Split(err.Error(), "\n") {
		m := templateErr.FindStringSubmatch(line)
		if m == nil || !th.Overrides(m[1]) || seen[m[0]] {
			continue
		}
		seen[m[0]] = true
		ln, _ := strconv.Atoi(m[2])
		col, err := strconv.Atoi(m[3])
		if err != nil {
			col = 1 // the parser names the line only
		}
		list = append(list, &procedure.Error{File: path.Join(ThemeDir, m[1]), Pos: procedure.Pos{Line: ln, Col: col},
			Msg:  "la plantilla del tema no se puede usar: " + m[4],
			Hint: "corrija la plantilla, o bórrela para usar la del tema por omisión"})
	}
	if len(list) == 0 {
		return err
	}
	return list
}

type discard struct{}

func (discard) Put(string, []byte) error { return nil }
func (discard) Write(_ string, write func(io.Writer) error) error {
	return write(io.Discard)
}

// Check reads and validates the project as Build does, writing nothing: procedure.yaml and
// its pages, the published versions and the theme. When the project overrides templates of
// the theme, the HTML pages are rendered too (and thrown away), since a template's mistakes
// show only when it is executed.
func Check(ctx context.Context, src fs.FS) (*procedure.Procedure, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pr, err := load(src)
	if err != nil {
		return nil, err
	}
	th := pr.theme
	names, err := th.Pages()
	if err != nil {
		return nil, err
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
		return nil, err
	}
	return pr.prepared, nil
}

// Package site runs one build: it loads and validates the procedure once, renders every output
// from that one model (HTML pages, PDFs, search index) and writes them all atomically.
package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/pages"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/search"
	"github.com/requinoa/pauta/internal/theme"
	"github.com/requinoa/pauta/themes"
)

// Options configure one build.
type Options struct {
	// Draft renders the text being prepared with a "BORRADOR — sin validez" banner.
	Draft bool
	// LiveReload is pauta serve's reload script, added to every page; never in a real build.
	LiveReload string
}

// Site is a rendered site, not yet written.
type Site struct {
	Procedure *procedure.Procedure
	Files     output.Files
}

// Load reads and validates the project in src: procedure.yaml and the pages it lists.
func Load(src fs.FS) (*procedure.Procedure, error) {
	return procedure.Load(src, procedure.DefaultFile)
}

// Render builds every output of the project in src in memory.
func Render(ctx context.Context, src fs.FS, opt Options) (*Site, error) {
	p, err := Load(src)
	if err != nil {
		return nil, err
	}
	th, err := projectTheme(src)
	if err != nil {
		return nil, err
	}
	files, err := pages.Render(p, th, pages.Options{Draft: opt.Draft, LiveReload: opt.LiveReload,
		SearchScripts: search.Scripts()})
	if err != nil {
		return nil, err
	}
	index, err := search.Build(p).Script()
	if err != nil {
		return nil, err
	}
	files[search.IndexPath] = index
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return &Site{Procedure: p, Files: files}, nil
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

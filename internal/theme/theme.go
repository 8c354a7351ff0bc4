// Package theme resolves a site's theme: the default theme embedded in pauta, with a project's
// own themes/ folder overriding it file by file, so a municipality can change its colours or
// one template without copying the rest.
package theme

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// Theme is the merged set of theme files. It is safe for concurrent use.
type Theme struct {
	fsys fs.FS

	mu     sync.Mutex
	parsed map[string]*template.Template // by page template, for Template(page, nil)

	// common is layout.html and partials.html, parsed once: every page template is parsed into
	// a clone of it. It is never executed itself, which is what lets it be cloned.
	common func() (*template.Template, error)

	// assets are the compacted assets, read once: every edition of a build writes them.
	assets func() (map[string][]byte, error)
}

// New returns the theme made of defaults, overridden by the files of project (which may be nil
// when the project has no themes/ folder).
func New(defaults, project fs.FS) *Theme {
	t := &Theme{fsys: defaults, parsed: map[string]*template.Template{}}
	if project != nil {
		t.fsys = union{top: project, bottom: defaults}
	}
	t.assets = sync.OnceValues(t.readAssets)
	t.common = sync.OnceValues(func() (*template.Template, error) {
		return t.parse(template.New("theme").Option("missingkey=error"), "layout.html", "partials.html")
	})
	return t
}

// Overrides reports whether the project's own themes/ folder holds name, replacing the
// default theme's: a mistake in it is the project's to fix, not pauta's.
func (t *Theme) Overrides(name string) bool {
	u, ok := t.fsys.(union)
	if !ok {
		return false
	}
	info, err := fs.Stat(u.top, name)
	return err == nil && !info.IsDir()
}

// Pages lists the page templates, those a page is rendered with (not layout.html and
// partials.html, which every page includes).
func (t *Theme) Pages() ([]string, error) {
	entries, err := fs.ReadDir(t.fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && path.Ext(n) == ".html" && n != "layout.html" && n != "partials.html" {
			out = append(out, n)
		}
	}
	return out, nil
}

// Template parses the layout and one page template into a template set ready to execute
// "layout". funcs may be nil; without funcs the set is parsed once and shared (a parsed
// html/template may be executed from several goroutines), since a site renders every page
// of every edition with the same few templates.
func (t *Theme) Template(page string, funcs template.FuncMap) (*template.Template, error) {
	if funcs != nil {
		// The functions must be known when the templates that call them are parsed, so
		// nothing parsed without them can be reused.
		return t.parse(template.New("theme").Option("missingkey=error").Funcs(funcs), "layout.html", "partials.html", page)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if tpl, ok := t.parsed[page]; ok {
		return tpl, nil
	}
	common, err := t.common()
	if err != nil {
		return nil, err
	}
	tpl, err := common.Clone()
	if err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	if tpl, err = t.parse(tpl, page); err != nil {
		return nil, err
	}
	t.parsed[page] = tpl
	return tpl, nil
}

// parse adds the named files to tpl, in order, so a later file may redefine an earlier one's
// templates.
func (t *Theme) parse(tpl *template.Template, names ...string) (*template.Template, error) {
	for _, name := range names {
		src, err := fs.ReadFile(t.fsys, name)
		if err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
		if _, err := tpl.New(name).Parse(string(src)); err != nil {
			return nil, t.parseError(name, err)
		}
	}
	return tpl, nil
}

// Error is a template that does not parse. Project is true when the template is the
// project's own (themes/<File>), which is a mistake of the project rather than of pauta.
type Error struct {
	File    string // "themes/page.html" for the project's, "page.html" for the default theme's
	Project bool
	Err     error
}

func (e *Error) Error() string { return "theme: " + e.File + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func (t *Theme) parseError(name string, err error) error {
	if u, ok := t.fsys.(union); ok {
		if _, statErr := fs.Stat(u.top, name); statErr == nil {
			return &Error{File: "themes/" + name, Project: true, Err: err}
		}
	}
	return &Error{File: name, Err: err}
}

// Assets returns every file under assets/, keyed by its path (e.g. "assets/pauta.css"), to be
// copied into the site; scripts and style sheets lose their comment lines and indentation
// (see compact), the rest is copied as is. The files are read once per theme; the map is the
// caller's, the bytes are shared and must not be changed.
func (t *Theme) Assets() (map[string][]byte, error) {
	assets, err := t.assets()
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(assets))
	for name, b := range assets {
		out[name] = b[:len(b):len(b)] // an append makes a copy, never writes into the shared bytes
	}
	return out, nil
}

// readAssets reads and compacts the files under assets/.
func (t *Theme) readAssets() (map[string][]byte, error) {
	out := map[string][]byte{}
	err := fs.WalkDir(t.fsys, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "assets" {
				return fs.SkipDir
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(t.fsys, p)
		if err != nil {
			return err
		}
		out[p] = compact(p, b)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("theme assets: %w", err)
	}
	return out, nil
}

// union is a read-only file system where top's files hide bottom's of the same name and
// folders list the entries of both.
type union struct {
	top, bottom fs.FS
}

func (u union) Open(name string) (fs.File, error) {
	f, err := u.top.Open(name)
	if err == nil {
		info, statErr := f.Stat()
		if statErr == nil && !info.IsDir() {
			return f, nil
		}
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		// A project file that cannot be read (refused, say, for leading out of the project)
		// must not silently give way to the default one.
		return nil, err
	}
	return u.bottom.Open(name)
}

func (u union) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	bottom, errB := fs.ReadDir(u.bottom, name)
	for _, e := range bottom {
		seen[e.Name()] = e
	}
	top, errT := fs.ReadDir(u.top, name)
	for _, e := range top {
		seen[e.Name()] = e
	}
	if errB != nil && errT != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

var _ fs.ReadDirFS = union{}

// compact drops what a browser does not need from a script or style sheet: whole-line
// comments, blank lines and indentation. The theme's sources are commented for the people who
// change them; a page opened from a shared drive reads every byte. Only whole lines are
// dropped, so no string, regular expression or URL can be cut.
func compact(name string, b []byte) []byte {
	var isComment func(line string) bool
	switch path.Ext(name) {
	case ".js":
		isComment = func(line string) bool { return strings.HasPrefix(line, "//") }
	case ".css":
		isComment = func(line string) bool {
			return strings.HasPrefix(line, "/*") && strings.HasSuffix(line, "*/") && strings.Count(line, "*/") == 1
		}
	default:
		return b
	}
	var out strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || isComment(line) {
			continue
		}
		out.WriteString(line)
		out.WriteByte('\n')
	}
	return []byte(out.String())
}

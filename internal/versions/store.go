// Package versions is the store of published versions of a procedure and their comparison.
// A published version is a frozen copy of the source (procedure.yaml and its pages) in
// content/versiones/<id>/, with the version code it had when published; it is read here and
// never changed. Which version is in force, and what replaced each one, follows from their
// decree dates.
package versions

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"

	"github.com/requinoa/pauta/internal/procedure"
)

// Dir is where published versions live, relative to the project.
const Dir = "content/versiones"

// MetaFile records a published version's id and code beside its frozen source.
const MetaFile = "version.json"

// Meta is the content of MetaFile.
type Meta struct {
	ID   string `json:"id"`
	Code string `json:"code"`
}

// Version is one published version.
type Version struct {
	ID        string
	Dir       string // path of its folder in the project, e.g. "content/versiones/2024-2387"
	Procedure *procedure.Procedure
	// ReplacedBy is the next version, nil for the version in force.
	ReplacedBy *Version
	Previous   *Version
}

// Code is the version code printed on the version's outputs.
func (v *Version) Code() string { return v.Procedure.Code }

// InForce reports whether no later version replaced this one.
func (v *Version) InForce() bool { return v.ReplacedBy == nil }

var idPattern = regexp.MustCompile(`^[0-9]{4}-[0-9]+$`)

// ID is the id of the version a decree publishes: year and decree number, "2024-2387".
func ID(d *procedure.Decree) string { return fmt.Sprintf("%04d-%d", d.Date.Year, d.Number) }

// List reads every published version of the project in src, oldest first, and links each to
// the one that replaced it. A version whose files no longer match its recorded code is an
// error: a published text must not change.
func List(src fs.FS) ([]*Version, error) {
	entries, err := fs.ReadDir(src, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", Dir, err)
	}
	var out []*Version
	var errs procedure.ErrorList
	for _, e := range entries {
		if !e.IsDir() || !idPattern.MatchString(e.Name()) {
			continue // staging folders and stray files are not versions
		}
		v, err := load(src, path.Join(Dir, e.Name()))
		if err != nil {
			var list procedure.ErrorList
			if errors.As(err, &list) {
				errs = append(errs, list...)
				continue
			}
			return nil, err
		}
		out = append(out, v)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Procedure.Decree, out[j].Procedure.Decree
		if a.Date != b.Date {
			return a.Date.Before(b.Date)
		}
		return out[i].ID < out[j].ID
	})
	for i := range out {
		if i > 0 {
			out[i].Previous = out[i-1]
		}
		if i+1 < len(out) {
			out[i].ReplacedBy = out[i+1]
		}
	}
	return out, nil
}

func load(src fs.FS, dir string) (*Version, error) {
	sub, err := fs.Sub(src, dir)
	if err != nil {
		return nil, err
	}
	metaName := path.Join(dir, MetaFile)
	raw, err := fs.ReadFile(src, metaName)
	if err != nil {
		return nil, procedure.ErrorList{{File: metaName, Msg: "falta el registro de la versión publicada",
			Hint: "no edite content/versiones a mano; vuelva a publicar con pauta publicar"}}
	}
	var meta Meta
	if err := json.Unmarshal(raw, &meta); err != nil || meta.ID != path.Base(dir) || meta.Code == "" {
		return nil, procedure.ErrorList{{File: metaName, Msg: "registro de versión dañado",
			Hint: "restaure la carpeta desde la copia de respaldo o el control de versiones"}}
	}
	p, err := procedure.Load(sub, procedure.DefaultFile)
	if err != nil {
		var list procedure.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				e.File = path.Join(dir, e.File)
			}
			return nil, list
		}
		return nil, err
	}
	if p.Code != meta.Code {
		return nil, procedure.ErrorList{{File: path.Join(dir, procedure.DefaultFile),
			Msg:  fmt.Sprintf("la versión publicada %s fue modificada: su código era %s y ahora es %s", meta.ID, meta.Code, p.Code),
			Hint: "un texto publicado no se cambia; restaure la carpeta y publique los cambios como una versión nueva"}}
	}
	if want := ID(&p.Decree); want != meta.ID {
		return nil, procedure.ErrorList{{File: path.Join(dir, procedure.DefaultFile),
			Msg:  fmt.Sprintf("la carpeta %s contiene el decreto de la versión %s", meta.ID, want),
			Hint: "restaure la carpeta desde la copia de respaldo o el control de versiones"}}
	}
	return &Version{ID: meta.ID, Dir: dir, Procedure: p}, nil
}

// Find returns the version with the given id, or nil.
func Find(vs []*Version, id string) *Version {
	for _, v := range vs {
		if v.ID == id {
			return v
		}
	}
	return nil
}

// ByCode returns the version whose code is code (as normalised by procedure.NormalizeCode).
func ByCode(vs []*Version, code string) *Version {
	for _, v := range vs {
		if v.Code() == code {
			return v
		}
	}
	return nil
}

// Package versions is the store of published versions of a procedure and their comparison.
// A published version is a frozen copy of the source (procedure.yaml and its pages) in
// content/versiones/<id>/, with the version code it had when published; it is read here and
// never changed. Which version is in force, and what replaced each one, follows from their
// decree dates.
package versions

import (
	"crypto/sha256"
	"encoding/hex"
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

// HeadFile names the last version published, the head of the chain: without it, deleting
// the newest version's folder would leave a shorter chain that still holds together.
const HeadFile = Dir + "/vigente.json"

// Meta is the content of MetaFile.
type Meta struct {
	ID   string `json:"id"`
	Code string `json:"code"`
	// Files is the SHA-256 of each frozen file, so an edit is reported on the file edited.
	// Versions published before pauta recorded it have none.
	Files map[string]string `json:"files,omitempty"`
	// Replaces is the version in force when this one was published, nil only for the first:
	// the links of the chain that make an edited or missing version show.
	Replaces *Link `json:"replaces,omitempty"`
}

// Link names a published version by id and code.
type Link struct {
	ID   string `json:"id"`
	Code string `json:"code"`
}

// FileSum is how Meta.Files records a file.
func FileSum(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Precedes reports whether the version approved by a comes before the one approved by b:
// by decree date, then, on the same day, by decree number.
func Precedes(a, b *procedure.Decree) bool {
	if a.Date != b.Date {
		return a.Date.Before(b.Date)
	}
	return a.Number < b.Number
}

// Version is one published version.
type Version struct {
	ID        string
	Dir       string // path of its folder in the project, e.g. "content/versiones/2024-2387"
	Procedure *procedure.Procedure
	Meta      Meta
	// ReplacedBy is the next version, nil for the version in force.
	ReplacedBy *Version
	Previous   *Version

	// textCode is the code of the version's text without its search settings, as a
	// procedure.yaml's code is computed: the recorded code, except for a version published
	// while the search settings counted.
	textCode string
}

// SameText reports whether p, a procedure.yaml as loaded, says what the version says: no
// unpublished change. The recorded code of a version published while the search settings
// counted includes them, and would tell a change where there is none.
func (v *Version) SameText(p *procedure.Procedure) bool { return v.textCode == p.Code }

// Code is the version code printed on the version's outputs.
func (v *Version) Code() string { return v.Procedure.Code }

// InForce reports whether no later version replaced this one.
func (v *Version) InForce() bool { return v.ReplacedBy == nil }

var idPattern = regexp.MustCompile(`^[0-9]{4}-[0-9]+$`)

// ID is the id of the version a decree publishes: year and decree number, "2024-2387".
func ID(d *procedure.Decree) string { return fmt.Sprintf("%04d-%d", d.Date.Year, d.Number) }

// List reads every published version of the project in src, oldest first, and links each to
// the one that replaced it. A version whose files no longer match its recorded code is an
// error: a published text must not change. So is a break in the chain (see checkChain).
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
	sort.Slice(out, func(i, j int) bool { return Precedes(&out[i].Procedure.Decree, &out[j].Procedure.Decree) })
	if err := checkChain(src, out); err != nil {
		return nil, err
	}
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
	textCode := p.Code
	if p.Code != meta.Code && p.CodeWithSearch == meta.Code {
		// Published when the search settings were part of the code: it keeps that code.
		p.Code = meta.Code
	}
	if p.Code != meta.Code {
		return nil, procedure.ErrorList{{File: editedFile(src, dir, meta),
			Msg:  fmt.Sprintf("la versión publicada %s fue modificada: su código era %s y ahora es %s", meta.ID, meta.Code, p.Code),
			Hint: "un texto publicado no se cambia; restaure el archivo desde la copia de respaldo o el control de versiones y publique los cambios como una versión nueva"}}
	}
	if want := ID(&p.Decree); want != meta.ID {
		return nil, procedure.ErrorList{{File: path.Join(dir, procedure.DefaultFile),
			Msg:  fmt.Sprintf("la carpeta %s contiene el decreto de la versión %s", meta.ID, want),
			Hint: "restaure la carpeta desde la copia de respaldo o el control de versiones"}}
	}
	return &Version{ID: meta.ID, Dir: dir, Procedure: p, Meta: meta, textCode: textCode}, nil
}

// editedFile names the frozen file that no longer matches what was published: the first
// whose recorded SHA-256 differs, or procedure.yaml when the version records none.
func editedFile(src fs.FS, dir string, meta Meta) string {
	names := make([]string, 0, len(meta.Files))
	for name := range meta.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b, err := fs.ReadFile(src, path.Join(dir, name))
		if err != nil || FileSum(b) != meta.Files[name] {
			return path.Join(dir, name)
		}
	}
	return path.Join(dir, procedure.DefaultFile)
}

// checkChain verifies the links between the versions, oldest first: each records the version
// it replaced, and HeadFile the last one. A frozen text edited together with its recorded
// code, or a version folder deleted, breaks a link.
func checkChain(src fs.FS, vs []*Version) error {
	restore := "restaure la carpeta content/versiones desde la copia de respaldo o el control de versiones"
	var errs procedure.ErrorList
	for i, v := range vs {
		meta := path.Join(v.Dir, MetaFile)
		r := v.Meta.Replaces
		switch {
		case i == 0 && r != nil:
			errs = append(errs, &procedure.Error{File: path.Join(Dir, r.ID),
				Msg:  fmt.Sprintf("falta la versión publicada %s (código %s), que la versión %s reemplazó", r.ID, r.Code, v.ID),
				Hint: restore})
		case i == 0:
		case r == nil:
			prev := vs[i-1]
			errs = append(errs, &procedure.Error{File: meta,
				Msg: fmt.Sprintf("la versión %s no registra a qué versión reemplazó", v.ID),
				Hint: fmt.Sprintf("si la publicó una versión anterior de pauta y ninguna versión falta, agregue a %s: "+
					`"replaces": {"id": %q, "code": %q}; si no, %s`, MetaFile, prev.ID, prev.Code(), restore)})
		case r.ID != vs[i-1].ID:
			prev := vs[i-1]
			if Find(vs, r.ID) == nil {
				errs = append(errs, &procedure.Error{File: path.Join(Dir, r.ID),
					Msg:  fmt.Sprintf("falta la versión publicada %s (código %s), que la versión %s reemplazó", r.ID, r.Code, v.ID),
					Hint: restore})
			} else {
				errs = append(errs, &procedure.Error{File: path.Join(prev.Dir, procedure.DefaultFile),
					Msg: fmt.Sprintf("la versión %s reemplazó a la %s, pero por la fecha y número de su decreto la %s queda entre ambas",
						v.ID, r.ID, prev.ID),
					Hint: restore})
			}
		case r.Code != vs[i-1].Code():
			prev := vs[i-1]
			errs = append(errs, &procedure.Error{File: path.Join(prev.Dir, MetaFile),
				Msg: fmt.Sprintf("la versión publicada %s fue modificada: tiene el código %s, pero cuando se publicó la %s reemplazó al código %s",
					prev.ID, prev.Code(), v.ID, r.Code),
				Hint: restore})
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return checkHead(src, vs)
}

// checkHead compares the last version with HeadFile. A head one version behind, with that
// version replacing it, is a publication interrupted after its version was in place: the
// chain holds, and the next publication writes the head.
//
// HeadFile guards the one link no later version records; it is a file like the others, so
// it stops a deleted or edited last version, not someone who rewrites it too.
func checkHead(src fs.FS, vs []*Version) error {
	if len(vs) == 0 {
		return nil
	}
	last := vs[len(vs)-1]
	raw, err := fs.ReadFile(src, HeadFile)
	if errors.Is(err, fs.ErrNotExist) && len(vs) == 1 && last.Meta.Replaces == nil {
		// The first publication stopped before writing the head, or a project published
		// before pauta kept one: a single version has nothing to be checked against.
		return nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return procedure.ErrorList{{File: HeadFile, Msg: "falta el registro de la última versión publicada",
			Hint: fmt.Sprintf(`si las versiones las publicó una versión anterior de pauta y ninguna falta, créelo con {"id": %q, "code": %q}; `+
				"si no, restaure la carpeta content/versiones desde la copia de respaldo o el control de versiones", last.ID, last.Code())}}
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", HeadFile, err)
	}
	var head Link
	if err := json.Unmarshal(raw, &head); err != nil || head.ID == "" {
		return procedure.ErrorList{{File: HeadFile, Msg: "registro de la última versión publicada dañado",
			Hint: "restaure el archivo desde la copia de respaldo o el control de versiones"}}
	}
	if head == (Link{last.ID, last.Code()}) {
		return nil
	}
	if r := last.Meta.Replaces; r != nil && *r == head {
		return nil
	}
	if v := Find(vs, head.ID); v == nil {
		return procedure.ErrorList{{File: path.Join(Dir, head.ID),
			Msg:  fmt.Sprintf("falta la versión publicada %s (código %s), la última que se publicó", head.ID, head.Code),
			Hint: "restaure la carpeta content/versiones desde la copia de respaldo o el control de versiones"}}
	} else if v.Code() != head.Code {
		return procedure.ErrorList{{File: path.Join(v.Dir, MetaFile),
			Msg: fmt.Sprintf("la versión publicada %s fue modificada: tiene el código %s, pero se publicó con el código %s",
				v.ID, v.Code(), head.Code),
			Hint: "restaure la carpeta content/versiones desde la copia de respaldo o el control de versiones"}}
	}
	return procedure.ErrorList{{File: HeadFile,
		Msg:  fmt.Sprintf("la última versión publicada fue la %s, pero la %s la sigue sin haberla reemplazado", head.ID, last.ID),
		Hint: "restaure la carpeta content/versiones desde la copia de respaldo o el control de versiones"}}
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

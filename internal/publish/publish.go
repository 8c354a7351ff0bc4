// Package publish freezes the text being prepared (procedure.yaml and its pages) as a published
// version in content/versiones/<id>/, safely: one publisher at a time, everything written in a
// staging folder and moved into place with one rename, so a crash leaves either the old state
// or the new one. It never modifies or deletes a published version.
package publish

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/projectfs"
	"github.com/requinoa/pauta/internal/site"
	"github.com/requinoa/pauta/internal/versions"
)

// Options are what the Secretaría states when publishing.
type Options struct {
	Decree int            // the decree's number, as in procedure.yaml
	Date   procedure.Date // the decree's date, as in procedure.yaml
	// Today is the date of the publication; zero is the machine's local date.
	Today procedure.Date

	files     fileSystem        // nil: the real one; tests inject failures
	afterStep func(step string) // tests stop the process between steps
}

// Result says what happened.
type Result struct {
	ID, Code string
	// Unchanged is true when the same text was already published under this id.
	Unchanged bool
	// Warnings are what the Secretaría should check although the version was published.
	Warnings []string
}

// Refusal is a publication refused for a reason the user can fix; nothing was changed.
type Refusal struct {
	Msg, Hint string
}

func (r *Refusal) Error() string { return r.Msg + " — " + r.Hint }

const stagingPrefix = ".staging-"

// Publish freezes the project in dir as a published version.
func Publish(ctx context.Context, dir string, opt Options) (*Result, error) {
	files := opt.files
	if files == nil {
		files = osFiles{}
	}
	step := func(name string) {
		if opt.afterStep != nil {
			opt.afterStep(name)
		}
	}
	root := filepath.Join(dir, filepath.FromSlash(versions.Dir))
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", root, err)
	}
	unlock, err := lock(filepath.Join(root, ".lock"))
	if err != nil {
		return nil, err
	}
	defer unlock()
	step("locked")

	src := projectfs.New(dir)
	p, err := site.Load(src)
	if err != nil {
		return nil, err
	}
	if p.Decree.Number != opt.Decree || p.Decree.Date != opt.Date {
		return nil, &Refusal{
			Msg: fmt.Sprintf("procedure.yaml aprueba el texto con el decreto N° %d del %s, no con el N° %d del %s",
				p.Decree.Number, p.Decree.Date, opt.Decree, opt.Date),
			Hint: "escriba en decree: el número y la fecha del decreto que aprueba esta versión, o corrija --decreto y --fecha"}
	}
	today := opt.Today
	if today.IsZero() {
		now := time.Now()
		today = procedure.Date{Year: now.Year(), Month: now.Month(), Day: now.Day()}
	}
	if today.Before(p.Decree.Date) {
		// A decree rules from its date: published before then, the site would call the
		// version in force too early, and a mistyped year would stand before every later one.
		return nil, &Refusal{
			Msg:  fmt.Sprintf("el decreto es del %s, posterior a hoy (%s): la versión no estaría vigente al publicarla", p.Decree.Date, today),
			Hint: "publique el día del decreto o después; si la fecha está mal escrita, corríjala en decree: de procedure.yaml y en --fecha"}
	}
	// The text must render before it is frozen: a version that cannot be built is no use.
	if _, err := site.RenderPrepared(ctx, src, site.Options{}); err != nil {
		return nil, err
	}
	published, err := versions.List(src)
	if err != nil {
		return nil, err
	}
	id := versions.ID(&p.Decree)
	if v := versions.Find(published, id); v != nil {
		if v.SameText(p) {
			if v == published[len(published)-1] {
				// A publication stopped before writing the head: finish it.
				if err := ensureHead(files, dir, versions.Link{ID: v.ID, Code: v.Code()}); err != nil {
					return nil, err
				}
			}
			return &Result{ID: id, Code: p.Code, Unchanged: true}, nil
		}
		return nil, &Refusal{
			Msg:  fmt.Sprintf("la versión %s ya está publicada con otro texto (código %s; el texto actual tiene %s)", id, v.Code(), p.Code),
			Hint: "un texto publicado no se cambia: publique los cambios con un decreto nuevo"}
	}
	var replaces *versions.Link
	var warnings []string
	if n := len(published); n > 0 {
		last := published[n-1]
		if err := followsInForce(&p.Decree, last); err != nil {
			return nil, err
		}
		replaces = &versions.Link{ID: last.ID, Code: last.Code()}
		warnings = numberWarnings(&p.Decree, last)
	}
	removeStaging(files, root)

	staging := filepath.Join(root, stagingPrefix+id+"-"+randomSuffix())
	if err := freeze(files, dir, staging, versions.Meta{ID: id, Code: p.Code, Replaces: replaces}, p, step); err != nil {
		files.RemoveAll(staging)
		return nil, err
	}
	// A check on the copy itself: what was written is exactly what was validated.
	if err := verifyCopy(staging, p.Code); err != nil {
		files.RemoveAll(staging)
		return nil, err
	}
	if err := files.SyncTree(staging); err != nil {
		files.RemoveAll(staging)
		return nil, fmt.Errorf("flushing %s: %w", staging, err)
	}
	step("staged")
	target := filepath.Join(root, id)
	if err := files.Rename(staging, target); err != nil {
		files.RemoveAll(staging)
		return nil, fmt.Errorf("moving the version into place: %w", err)
	}
	step("renamed")
	if err := files.SyncTree(root); err != nil {
		return nil, fmt.Errorf("flushing %s: %w", root, err)
	}
	// The head last: a publisher stopped before this leaves the head one version behind,
	// which versions.List accepts because the new version records the one it replaced.
	if err := writeHead(files, dir, versions.Link{ID: id, Code: p.Code}); err != nil {
		return nil, err
	}
	step("head")
	return &Result{ID: id, Code: p.Code, Warnings: warnings}, nil
}

// followsInForce refuses a decree that would not put its version in force: the version in
// force would still come after it, and the new text would never apply.
func followsInForce(d *procedure.Decree, last *versions.Version) error {
	ld := &last.Procedure.Decree
	if versions.Precedes(ld, d) {
		return nil
	}
	why := "es anterior a"
	if d.Date == ld.Date {
		why = "es del mismo día y de número menor que"
	}
	return &Refusal{
		Msg: fmt.Sprintf("el decreto N° %d del %s no pondría en vigor esta versión: %s la versión vigente %s (%s), que seguiría vigente",
			d.Number, d.Date, why, last.ID, ld.Citation()),
		Hint: "una versión nueva reemplaza a la vigente: su decreto debe ser de fecha posterior, o del mismo día con un número mayor; " +
			"compruebe el número y la fecha en decree: de procedure.yaml y en --decreto y --fecha"}
}

// numberWarnings notes a decree number lower than the one in force within the same year:
// municipalities number decrees by year, so a lower number for a later date is most likely
// a mistyped number or date, but it can be right (a decree signed late), so it is not refused.
func numberWarnings(d *procedure.Decree, last *versions.Version) []string {
	ld := &last.Procedure.Decree
	if d.Date.Year != ld.Date.Year || d.Number >= ld.Number {
		return nil
	}
	return []string{fmt.Sprintf("el decreto N° %d del %s tiene un número menor que el de la versión que reemplaza, %s, aunque es de fecha posterior; compruebe que el número y la fecha sean los del decreto firmado",
		d.Number, d.Date, ld.Citation())}
}

// ensureHead writes the head unless it already names head.
func ensureHead(files fileSystem, dir string, head versions.Link) error {
	raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(versions.HeadFile)))
	var got versions.Link
	if err == nil && json.Unmarshal(raw, &got) == nil && got == head {
		return nil
	}
	return writeHead(files, dir, head)
}

// writeHead records the last version published (versions.HeadFile), through a temporary
// file renamed into place.
func writeHead(files fileSystem, dir string, head versions.Link) error {
	b, err := json.MarshalIndent(head, "", "  ")
	if err != nil {
		return err
	}
	name := filepath.Join(dir, filepath.FromSlash(versions.HeadFile))
	tmp := name + ".tmp"
	if err := files.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		files.RemoveAll(tmp)
		return fmt.Errorf("writing %s: %w", versions.HeadFile, err)
	}
	if err := files.ReplaceFile(tmp, name); err != nil {
		files.RemoveAll(tmp)
		return fmt.Errorf("writing %s: %w", versions.HeadFile, err)
	}
	return files.SyncTree(filepath.Dir(name))
}

// freeze copies the source and its pages into staging and records the id and code.
func freeze(files fileSystem, dir, staging string, meta versions.Meta, p *procedure.Procedure, step func(string)) error {
	if err := files.MkdirAll(staging, 0o755); err != nil {
		return err
	}
	names := []string{procedure.DefaultFile}
	for _, pg := range p.Pages {
		names = append(names, pg.File)
	}
	meta.Files = map[string]string{}
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return fmt.Errorf("reading %s: %w", name, err)
		}
		dst := filepath.Join(staging, filepath.FromSlash(name))
		if err := files.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := files.WriteFile(dst, b, 0o444); err != nil {
			return fmt.Errorf("writing %s: %w", dst, err)
		}
		meta.Files[name] = versions.FileSum(b)
		step("copied " + name)
	}
	raw, err := json.MarshalIndent(meta, "", "  ")
	if err != nil {
		return err
	}
	return files.WriteFile(filepath.Join(staging, versions.MetaFile), append(raw, '\n'), 0o444)
}

func verifyCopy(staging, code string) error {
	p, err := procedure.Load(os.DirFS(staging), procedure.DefaultFile)
	if err != nil {
		return fmt.Errorf("the frozen copy does not load: %w", err)
	}
	if p.Code != code {
		return &Refusal{Msg: "procedure.yaml o una página cambió mientras se publicaba",
			Hint: "espere a terminar de editar y vuelva a publicar"}
	}
	return nil
}

// removeStaging deletes staging folders left by a publisher that died before its rename, and
// a head it died writing.
func removeStaging(files fileSystem, root string) {
	files.RemoveAll(filepath.Join(root, filepath.Base(versions.HeadFile)+".tmp"))
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), stagingPrefix) {
			files.RemoveAll(filepath.Join(root, e.Name()))
		}
	}
}

func randomSuffix() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// fileSystem is the writing the publisher does, so tests can make any step fail.
type fileSystem interface {
	MkdirAll(name string, perm fs.FileMode) error
	WriteFile(name string, data []byte, perm fs.FileMode) error
	Rename(oldName, newName string) error
	ReplaceFile(oldName, newName string) error
	RemoveAll(name string) error
	SyncTree(dir string) error
}

type osFiles struct{}

func (osFiles) MkdirAll(name string, perm fs.FileMode) error { return os.MkdirAll(name, perm) }
func (osFiles) WriteFile(name string, data []byte, perm fs.FileMode) error {
	return os.WriteFile(name, data, perm)
}
func (osFiles) RemoveAll(name string) error               { return removeAll(name) }
func (osFiles) ReplaceFile(oldName, newName string) error { return os.Rename(oldName, newName) }
func (osFiles) SyncTree(dir string) error                 { return output.SyncTree(dir) }

// Rename refuses to replace an existing folder: a published version is never overwritten.
func (osFiles) Rename(oldName, newName string) error {
	if _, err := os.Lstat(newName); err == nil {
		return &Refusal{Msg: "ya existe " + newName, Hint: "otra publicación terminó antes; revise content/versiones"}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.Rename(oldName, newName)
}

// removeAll deletes a staging folder whose files were written read-only.
func removeAll(name string) error {
	filepath.WalkDir(name, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	return os.RemoveAll(name)
}

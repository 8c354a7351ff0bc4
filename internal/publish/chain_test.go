package publish

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/versions"
)

// setDecree makes procedure.yaml approved by decree number of date (YYYY-MM-DD).
func setDecree(t *testing.T, dir string, number int, date string) {
	t.Helper()
	name := filepath.Join(dir, procedure.DefaultFile)
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "  number: "):
			line = fmt.Sprintf("  number: %d", number)
		case strings.HasPrefix(line, "  date: "):
			line = "  date: " + date
		}
		lines = append(lines, line)
	}
	if err := os.WriteFile(name, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

func parseDate(t *testing.T, s string) procedure.Date {
	t.Helper()
	tm, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return procedure.Date{Year: tm.Year(), Month: tm.Month(), Day: tm.Day()}
}

// publishAs publishes the project as approved by decree number of date.
func publishAs(t *testing.T, dir string, number int, date string) (*Result, error) {
	t.Helper()
	setDecree(t, dir, number, date)
	// A fixed day of publication after every date the tests use: they do not depend on the clock.
	return Publish(context.Background(), dir, Options{Decree: number, Date: parseDate(t, date), Today: parseDate(t, "2030-01-01")})
}

func mustPublish(t *testing.T, dir string, number int, date string) *Result {
	t.Helper()
	res, err := publishAs(t, dir, number, date)
	if err != nil {
		t.Fatalf("publishing %d of %s: %v", number, date, err)
	}
	return res
}

// TestPublicationMustTakeEffect: with 2025-3000 of 2025-12-05 in force, a decree that would
// come before it in the order of versions (same day and lower number, or an earlier day) is
// refused, naming 2025-3000, and nothing is written; one after it is published.
func TestPublicationMustTakeEffect(t *testing.T) {
	tests := []struct {
		number  int
		date    string
		refused bool
	}{
		{2999, "2025-12-05", true},
		{2990, "2025-12-04", true},
		{3500, "2025-01-01", true},
		{3001, "2025-12-05", false},
		{5, "2025-12-06", false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d-%s", tt.number, tt.date), func(t *testing.T) {
			dir := newProject(t)
			mustPublish(t, dir, 3000, "2025-12-05")
			before := strings.Join(state(t, dir), " ")
			_, err := publishAs(t, dir, tt.number, tt.date)
			var r *Refusal
			if !tt.refused {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				vs, err := versions.List(os.DirFS(dir))
				if err != nil {
					t.Fatal(err)
				}
				if last := vs[len(vs)-1]; last.Procedure.Decree.Number != tt.number || !last.InForce() {
					t.Errorf("published but the version in force is %s", last.ID)
				}
				return
			}
			if !errors.As(err, &r) || !strings.Contains(r.Msg, "2025-3000") || !strings.Contains(r.Msg, "seguiría vigente") {
				t.Fatalf("err = %v, want a refusal naming 2025-3000", err)
			}
			if after := strings.Join(state(t, dir), " "); after != before {
				t.Errorf("a refused publication changed content/versiones: %s → %s", before, after)
			}
		})
	}
}

// TestVersionsOrder: versions of the same day are ordered by decree number, as numbers
// (2025-999 before 2025-1000, which a comparison of ids as text gets wrong).
func TestVersionsOrder(t *testing.T) {
	dir := newProject(t)
	mustPublish(t, dir, 999, "2025-12-05")
	mustPublish(t, dir, 1000, "2025-12-05")
	vs, err := versions.List(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].ID != "2025-999" || vs[1].ID != "2025-1000" || !vs[1].InForce() {
		t.Errorf("order: %v", vs)
	}
}

// TestDecreeNumberBackwards: a lower number than the version in force, for a later date of
// the same year, is published with a warning; a new year starts its numbering again, and a
// higher number needs no warning.
func TestDecreeNumberBackwards(t *testing.T) {
	tests := []struct {
		number int
		date   string
		warn   bool
	}{
		{5, "2025-12-10", true},
		{5, "2026-01-02", false},
		{3001, "2025-12-10", false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d-%s", tt.number, tt.date), func(t *testing.T) {
			dir := newProject(t)
			mustPublish(t, dir, 3000, "2025-12-05")
			res := mustPublish(t, dir, tt.number, tt.date)
			got := strings.Join(res.Warnings, "\n")
			if tt.warn != strings.Contains(got, "número menor que el de la versión que reemplaza, Decreto Alcaldicio N° 3000") {
				t.Errorf("warnings = %q, want a warning: %v", got, tt.warn)
			}
		})
	}
}

// chain publishes three versions, 2025-10, 2025-11 and 2025-12, each with its own text.
func chain(t *testing.T) string {
	t.Helper()
	dir := newProject(t)
	page := filepath.Join(dir, "content/ayuda.md")
	for i, n := range []int{10, 11, 12} {
		if err := os.WriteFile(page, fmt.Appendf(nil, "# Ayuda\n\nTexto de la versión %d.\n", i+1), 0o644); err != nil {
			t.Fatal(err)
		}
		mustPublish(t, dir, n, fmt.Sprintf("2025-0%d-01", i+3))
	}
	return dir
}

// writable makes a frozen file writable again, as someone editing it by hand would.
func writable(t *testing.T, name string) {
	t.Helper()
	if err := os.Chmod(name, 0o644); err != nil {
		t.Fatal(err)
	}
}

func editFrozen(t *testing.T, dir, id, file, text string) {
	t.Helper()
	name := filepath.Join(dir, versions.Dir, id, filepath.FromSlash(file))
	writable(t, name)
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// forge edits a frozen page and rewrites the version's record to match, as a careful forger
// would: code and file sums all agree with the new text.
func forge(t *testing.T, dir, id string) {
	t.Helper()
	editFrozen(t, dir, id, "content/ayuda.md", "# Ayuda\n\nOtro texto.\n")
	folder := filepath.Join(dir, versions.Dir, id)
	p, err := procedure.Load(os.DirFS(folder), procedure.DefaultFile)
	if err != nil {
		t.Fatal(err)
	}
	metaFile := filepath.Join(folder, versions.MetaFile)
	raw, _ := os.ReadFile(metaFile)
	var meta versions.Meta
	if err := json.Unmarshal(raw, &meta); err != nil {
		t.Fatal(err)
	}
	meta.Code = p.Code
	for name := range meta.Files {
		b, _ := os.ReadFile(filepath.Join(folder, filepath.FromSlash(name)))
		meta.Files[name] = versions.FileSum(b)
	}
	raw, _ = json.Marshal(meta)
	writable(t, metaFile)
	os.WriteFile(metaFile, raw, 0o644)
}

func removeVersion(t *testing.T, dir, id string) {
	t.Helper()
	if err := removeAll(filepath.Join(dir, versions.Dir, id)); err != nil {
		t.Fatal(err)
	}
}

// TestChain: every way of changing what was published, short of rewriting the chain, is
// refused with the version and the file to restore.
func TestChain(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		file   string // the file the error names
		msg    string
	}{
		{"edited page", func(t *testing.T, dir string) {
			editFrozen(t, dir, "2025-11", "content/ayuda.md", "# Ayuda\n\nCambiado.\n")
		}, "content/versiones/2025-11/content/ayuda.md", "la versión publicada 2025-11 fue modificada"},
		{"edited procedure.yaml", func(t *testing.T, dir string) {
			name := filepath.Join(dir, versions.Dir, "2025-11", procedure.DefaultFile)
			b, _ := os.ReadFile(name)
			editFrozen(t, dir, "2025-11", procedure.DefaultFile, strings.Replace(string(b), "Probar.", "Probar otra cosa.", 1))
		}, "content/versiones/2025-11/procedure.yaml", "la versión publicada 2025-11 fue modificada"},
		{"edited text and code", func(t *testing.T, dir string) { forge(t, dir, "2025-11") },
			"content/versiones/2025-11/version.json", "la versión publicada 2025-11 fue modificada"},
		{"first version edited with its code", func(t *testing.T, dir string) { forge(t, dir, "2025-10") },
			"content/versiones/2025-10/version.json", "la versión publicada 2025-10 fue modificada"},
		{"version in force edited with its code", func(t *testing.T, dir string) { forge(t, dir, "2025-12") },
			"content/versiones/2025-12/version.json", "la versión publicada 2025-12 fue modificada"},
		{"missing version", func(t *testing.T, dir string) { removeVersion(t, dir, "2025-11") },
			"content/versiones/2025-11", "falta la versión publicada 2025-11"},
		{"missing first version", func(t *testing.T, dir string) { removeVersion(t, dir, "2025-10") },
			"content/versiones/2025-10", "falta la versión publicada 2025-10"},
		{"missing version in force", func(t *testing.T, dir string) { removeVersion(t, dir, "2025-12") },
			"content/versiones/2025-12", "falta la versión publicada 2025-12"},
		{"missing head", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, filepath.FromSlash(versions.HeadFile)))
		}, versions.HeadFile, "falta el registro de la última versión publicada"},
		{"link removed", func(t *testing.T, dir string) {
			name := filepath.Join(dir, versions.Dir, "2025-12", versions.MetaFile)
			raw, _ := os.ReadFile(name)
			var meta versions.Meta
			json.Unmarshal(raw, &meta)
			meta.Replaces = nil
			raw, _ = json.Marshal(meta)
			writable(t, name)
			os.WriteFile(name, raw, 0o644)
		}, "content/versiones/2025-12/version.json", "la versión 2025-12 no registra a qué versión reemplazó"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := chain(t)
			if _, err := versions.List(os.DirFS(dir)); err != nil {
				t.Fatalf("the chain as published does not load: %v", err)
			}
			tt.change(t, dir)
			_, err := versions.List(os.DirFS(dir))
			var list procedure.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want a source error", err)
			}
			if list[0].File != tt.file || !strings.Contains(list[0].Msg, tt.msg) || list[0].Hint == "" {
				t.Errorf("got %v\nwant %s: …%s…", list, tt.file, tt.msg)
			}
			// Publishing refuses too: a broken record is not built upon.
			if _, err := publishAs(t, dir, 13, "2025-07-01"); !errors.As(err, &list) {
				t.Errorf("publishing on a broken chain: err = %v", err)
			}
		})
	}
}

// TestChainLinks: each version records the one it replaced and the head names the last one.
func TestChainLinks(t *testing.T) {
	dir := chain(t)
	vs, err := versions.List(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vs {
		r := v.Meta.Replaces
		if i == 0 {
			if r != nil {
				t.Errorf("the first version records %v", r)
			}
			continue
		}
		if r == nil || *r != (versions.Link{ID: vs[i-1].ID, Code: vs[i-1].Code()}) {
			t.Errorf("%s records %v, want %s %s", v.ID, r, vs[i-1].ID, vs[i-1].Code())
		}
		if len(v.Meta.Files) != 2 {
			t.Errorf("%s records the sums of %v", v.ID, v.Meta.Files)
		}
	}
	raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(versions.HeadFile)))
	if err != nil {
		t.Fatal(err)
	}
	var head versions.Link
	json.Unmarshal(raw, &head)
	if last := vs[len(vs)-1]; head != (versions.Link{ID: last.ID, Code: last.Code()}) {
		t.Errorf("head %v, last %s %s", head, last.ID, last.Code())
	}
}

// TestLegacySingleVersion: a project whose only version was published before pauta kept the
// chain (no head, no sums, no link) still loads, and its next publication links to it.
func TestLegacySingleVersion(t *testing.T) {
	dir := newProject(t)
	mustPublish(t, dir, 10, "2025-03-04")
	os.Remove(filepath.Join(dir, filepath.FromSlash(versions.HeadFile)))
	metaFile := filepath.Join(dir, versions.Dir, "2025-10", versions.MetaFile)
	raw, _ := os.ReadFile(metaFile)
	var meta versions.Meta
	json.Unmarshal(raw, &meta)
	writable(t, metaFile)
	os.WriteFile(metaFile, fmt.Appendf(nil, `{"id": %q, "code": %q}`, meta.ID, meta.Code), 0o444)
	if _, err := versions.List(os.DirFS(dir)); err != nil {
		t.Fatalf("legacy version: %v", err)
	}
	mustPublish(t, dir, 11, "2025-06-01")
	vs, err := versions.List(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if r := vs[1].Meta.Replaces; r == nil || r.ID != "2025-10" || r.Code != meta.Code {
		t.Errorf("the next version records %v", r)
	}
	// Without sums, an edited page is reported on the version's procedure.yaml.
	editFrozen(t, dir, "2025-10", "content/ayuda.md", "# Otra\n")
	_, err = versions.List(os.DirFS(dir))
	var list procedure.ErrorList
	if !errors.As(err, &list) || list[0].File != "content/versiones/2025-10/procedure.yaml" {
		t.Errorf("err = %v", err)
	}
}

// TestFutureDecreeRefused: a decree dated after the day of publication would be shown in force
// before it rules (and a mistyped year would stand before every later version); the decree of
// the day itself is published.
func TestFutureDecreeRefused(t *testing.T) {
	dir := newProject(t)
	setDecree(t, dir, 10, "2025-03-05")
	_, err := Publish(context.Background(), dir, Options{Decree: 10, Date: parseDate(t, "2025-03-05"), Today: parseDate(t, "2025-03-04")})
	var r *Refusal
	if !errors.As(err, &r) || !strings.Contains(r.Msg, "posterior a hoy (2025-03-04)") {
		t.Fatalf("err = %v", err)
	}
	if got := state(t, dir); len(got) != 0 {
		t.Errorf("a refused publication left %v", got)
	}
	if _, err := Publish(context.Background(), dir, Options{Decree: 10, Date: parseDate(t, "2025-03-05"), Today: parseDate(t, "2025-03-05")}); err != nil {
		t.Errorf("the decree of the day: %v", err)
	}
}

// TestHeadOneBehind: a publisher stopped after moving its version into place leaves the head
// naming the version before; the chain still holds, and publishing the same text again
// finishes the job.
func TestHeadOneBehind(t *testing.T) {
	dir := chain(t)
	head := filepath.Join(dir, filepath.FromSlash(versions.HeadFile))
	vs, err := versions.List(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(versions.Link{ID: vs[1].ID, Code: vs[1].Code()})
	os.WriteFile(head, raw, 0o644)
	if _, err := versions.List(os.DirFS(dir)); err != nil {
		t.Fatalf("a head one version behind: %v", err)
	}
	raw, _ = json.Marshal(versions.Link{ID: vs[0].ID, Code: vs[0].Code()})
	os.WriteFile(head, raw, 0o644)
	if _, err := versions.List(os.DirFS(dir)); err == nil {
		t.Fatal("a head two versions behind is accepted")
	}
	raw, _ = json.Marshal(versions.Link{ID: vs[1].ID, Code: vs[1].Code()})
	os.WriteFile(head, raw, 0o644)
	res := mustPublish(t, dir, 12, "2025-05-01")
	if !res.Unchanged {
		t.Fatalf("republishing the last text: %+v", res)
	}
	var got versions.Link
	b, _ := os.ReadFile(head)
	json.Unmarshal(b, &got)
	if got != (versions.Link{ID: vs[2].ID, Code: vs[2].Code()}) {
		t.Errorf("head after republishing: %v", got)
	}
}

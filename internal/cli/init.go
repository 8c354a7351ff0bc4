package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/starter"
)

// InitOptions are the arguments and flags of pauta init.
type InitOptions struct {
	Dir     string // the new project's folder; "" is the current one
	Example string // "" for the neutral starter, or the name of a real example
}

// examples are the real projects a new one may start from instead of the neutral starter.
var examples = map[string]func() fs.FS{
	"requinoa": pauta.Example,
}

func exampleNames() string {
	var names []string
	for n := range examples {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

func newInitCmd(streams IO) *cobra.Command {
	opts := InitOptions{}
	cmd := &cobra.Command{
		Use:     "iniciar [CARPETA]",
		Aliases: []string{"init"},
		Short:   "Crea un proyecto nuevo con un procedimiento de ejemplo",
		Long: `Crea en CARPETA (por omisión, la carpeta actual) un proyecto nuevo: procedure.yaml con un
procedimiento de ejemplo neutro, que no nombra ningún municipio ni decreto real, sus páginas de
ayuda en content/, procedure.schema.json para que el editor complete y revise procedure.yaml, y
FORMATO.md, la guía del formato (la misma que muestra «pauta formato»).

La carpeta debe estar vacía o no existir. Se admiten archivos ocultos (los que comienzan con
punto, como .git o .gitignore), para poder crear el proyecto en un repositorio recién iniciado.
Nunca se sobrescribe un archivo.

Con --ejemplo requinoa, el proyecto parte del procedimiento real con que se hizo pauta: los
accesos remotos de soporte técnico de la Municipalidad de Requínoa.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("indique una sola carpeta, p. ej. pauta iniciar mi-procedimiento")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			return runInit(cmd.Context(), streams, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Example, "ejemplo", "", "parte del proyecto real `NOMBRE` en vez del ejemplo neutro ("+exampleNames()+")")
	return cmd
}

func runInit(_ context.Context, streams IO, opts InitOptions) error {
	files := starter.Files()
	if opts.Example != "" {
		ex, ok := examples[opts.Example]
		if !ok {
			return usagef("no hay un ejemplo llamado %q; los ejemplos disponibles son: %s", opts.Example, exampleNames())
		}
		files = ex()
	}
	dir := filepath.Clean(cmp.Or(opts.Dir, "."))
	shown := dir
	if dir == "." {
		shown = "la carpeta actual"
	}
	created, err := readyFolder(dir, shown)
	if err != nil {
		return err
	}

	schema, err := procedure.Schema()
	if err != nil {
		return err
	}
	w := &newFiles{dir: dir}
	if created {
		w.dirs = append(w.dirs, dir)
	}
	err = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		return w.write(p, b)
	})
	if err == nil {
		err = w.write(procedure.SchemaFile, schema)
	}
	if err == nil {
		err = w.write(procedure.GuideFile, procedure.Guide())
	}
	if err != nil {
		// Half a project would pass for a whole one: take back what was written.
		w.undo()
		return err
	}

	from := "un procedimiento de ejemplo neutro"
	if opts.Example != "" {
		from = "el ejemplo " + opts.Example
	}
	src := ""
	if dir != "." {
		src = " --fuente " + dir
	}
	fmt.Fprintf(streams.Out, `Proyecto creado en %s a partir de %s.
Reemplace los textos de %s y las páginas de content/ por los de su procedimiento;
la guía del formato está en %s (y en «pauta formato»).
Revise con «pauta revisar%s» y vea el sitio con «pauta servir%s».
`, shown, from, filepath.Join(dir, procedure.DefaultFile), filepath.Join(dir, procedure.GuideFile), src, src)
	return nil
}

// readyFolder checks that dir can take a new project: missing (it is created, and created
// reports so) or holding nothing but hidden entries. Anything else would mix the project with
// files pauta does not know, so it is refused as a folder pauta won't touch.
func readyFolder(dir, shown string) (created bool, err error) {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return false, fmt.Errorf("creating %s: %w", dir, err)
		}
		return true, nil
	case err != nil:
		return false, err
	case !info.IsDir():
		return false, usagef("%s es un archivo, no una carpeta: indique una carpeta nueva o vacía para el proyecto", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	var visible []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			visible = append(visible, e.Name())
		}
	}
	if len(visible) == 0 {
		return false, nil
	}
	some := strings.Join(visible[:min(len(visible), 3)], ", ")
	if len(visible) > 3 {
		some += fmt.Sprintf(" y %d más", len(visible)-3)
	}
	return false, usagef("%s no está vacía (tiene %s): pauta iniciar crea el proyecto solo en una carpeta vacía, "+
		"para no mezclarlo con otros archivos ni sobrescribir nada. Indique una carpeta nueva, "+
		"p. ej. «pauta iniciar mi-procedimiento», o vacíe esta", shown, some)
}

// newFiles writes a project's files under dir, remembering what it made so it can be undone.
type newFiles struct {
	dir   string
	files []string
	dirs  []string
}

func (w *newFiles) write(name string, b []byte) error {
	dst := filepath.Join(w.dir, filepath.FromSlash(name))
	for d := filepath.Dir(dst); d != w.dir && d != "."; d = filepath.Dir(d) {
		if _, err := os.Stat(d); errors.Is(err, fs.ErrNotExist) {
			w.dirs = append(w.dirs, d)
		}
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(dst), err)
	}
	// O_EXCL: never overwrite a file the user already has, even one made since the check.
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("creating %s: %w", dst, err)
	}
	w.files = append(w.files, dst)
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", dst, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", dst, err)
	}
	return nil
}

func (w *newFiles) undo() {
	for _, f := range slices.Backward(w.files) {
		os.Remove(f)
	}
	// Deeper folders first: a path is longer than its parent's.
	slices.SortFunc(w.dirs, func(a, b string) int { return len(b) - len(a) })
	for _, d := range w.dirs {
		os.Remove(d) // only if empty: a folder someone else filled meanwhile stays
	}
}

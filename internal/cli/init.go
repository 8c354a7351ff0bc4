package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta"
	"github.com/requinoa/pauta/internal/procedure"
)

func newInitCmd(streams IO) *cobra.Command {
	return &cobra.Command{
		Use:     "iniciar CARPETA",
		Aliases: []string{"init"},
		Short:   "Crea un proyecto nuevo a partir del ejemplo (el procedimiento de Requínoa)",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("indique la carpeta del proyecto nuevo, p. ej. pauta init mi-procedimiento")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInit(cmd.Context(), streams, args[0])
		},
	}
}

func runInit(_ context.Context, streams IO, dir string) error {
	if _, err := os.Stat(filepath.Join(dir, procedure.DefaultFile)); err == nil {
		return usagef("%s ya tiene un %s; no se sobrescribe", dir, procedure.DefaultFile)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	example := pauta.Example()
	err := fs.WalkDir(example, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(example, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		// O_EXCL: never overwrite a file the user already has.
		f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return fmt.Errorf("creating %s: %w", dst, err)
		}
		if _, err := f.Write(b); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(streams.Out, `Proyecto creado en %s a partir del procedimiento de Requínoa.
Edite %s (el formato está en go doc ./internal/procedure) y las páginas de content/,
revise con «pauta check --src %s» y vea el sitio con «pauta serve --src %s».
`, dir, filepath.Join(dir, procedure.DefaultFile), dir, dir)
	return nil
}

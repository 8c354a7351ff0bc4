package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/projectfs"
	"github.com/requinoa/pauta/internal/site"
	"github.com/requinoa/pauta/internal/versions"
)

// DiffOptions are the flags of pauta diff.
type DiffOptions struct {
	Src string
	Out string
}

// Prepared names the text in procedure.yaml in pauta diff.
const Prepared = "borrador"

func newDiffCmd(streams IO) *cobra.Command {
	opts := DiffOptions{}
	cmd := &cobra.Command{
		Use:     "comparar A B",
		Aliases: []string{"diff"},
		Short:   "Muestra qué cambió entre dos versiones (ids como 2024-2387, o «borrador» para procedure.yaml)",
		Long: `Compara dos versiones por sus ids estables: pasos añadidos, eliminados, movidos y cambios de
redacción palabra por palabra, también en el texto del decreto. Escribe el resumen en la salida;
con --salida escribe además la página y el PDF del texto comparado en esa carpeta.`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usagef("indique dos versiones, p. ej. pauta comparar 2024-2387 borrador")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(cmd.Context(), streams, opts, args[0], args[1])
		},
	}
	cmd.Flags().StringVar(&opts.Src, "fuente", ".", "`carpeta` del proyecto, la que tiene procedure.yaml")
	cmd.Flags().StringVarP(&opts.Out, "salida", "o", "", "`carpeta` donde escribir la página y el PDF del texto comparado")
	return cmd
}

func runDiff(ctx context.Context, streams IO, opts DiffOptions, a, b string) error {
	src := projectfs.New(opts.Src)
	vs, err := versions.List(src)
	if err != nil {
		return err
	}
	pick := func(id string) (*procedure.Procedure, error) {
		if id == Prepared {
			return site.Load(src)
		}
		if v := versions.Find(vs, id); v != nil {
			return v.Procedure, nil
		}
		var ids []string
		for _, v := range vs {
			ids = append(ids, v.ID)
		}
		return nil, usagef("no hay una versión publicada %q; las versiones son: %s", id, strings.Join(append(ids, Prepared), ", "))
	}
	old, err := pick(a)
	if err != nil {
		return err
	}
	new, err := pick(b)
	if err != nil {
		return err
	}
	cmp := versions.Compare(old, new)
	printComparison(streams.Out, cmp, a, b)
	if opts.Out == "" {
		return nil
	}
	files, err := site.RenderComparison(src, cmp, a, b)
	if err != nil {
		return err
	}
	if err := output.Write(ctx, opts.Out, output.Comparison, files); err != nil {
		if errors.Is(err, output.ErrSite) {
			return usagef("%s tiene un sitio construido por pauta, y una comparación nunca lo reemplaza: indique otra carpeta con --salida, p. ej. --salida comparacion", opts.Out)
		}
		return err
	}
	fmt.Fprintf(streams.Err, "pauta: texto comparado escrito en %s (index.html)\n", opts.Out)
	return nil
}

// printComparison writes the changes as text: deleted words in [-…-], inserted in {+…+}.
func printComparison(w io.Writer, cmp *versions.Comparison, a, b string) {
	fmt.Fprintf(w, "Texto comparado: %s (%s) → %s (%s)\n%s\n", a, cmp.Old.Code, b, cmp.New.Code, site.Summary(cmp))
	if pages := versions.ChangedPages(cmp.Old, cmp.New); len(pages) > 0 {
		fmt.Fprintf(w, "Páginas de ayuda con cambios: %s.\n", strings.Join(pages, ", "))
	}
	for _, ch := range cmp.Changes {
		var kinds []string
		for _, k := range ch.Kinds {
			kinds = append(kinds, string(k))
		}
		fmt.Fprintf(w, "\n[%s] %s — %s", strings.Join(kinds, ", "), ch.Part, ch.Where)
		if ch.OldWhere != "" {
			fmt.Fprintf(w, " (antes en: %s)", ch.OldWhere)
		}
		fmt.Fprintln(w)
		var line strings.Builder
		for _, s := range ch.Diff {
			switch s.Op {
			case versions.Deleted:
				line.WriteString("[-" + s.Text + "-]")
			case versions.Inserted:
				line.WriteString("{+" + s.Text + "+}")
			default:
				line.WriteString(s.Text)
			}
		}
		fmt.Fprintf(w, "  %s\n", line.String())
	}
}

package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/projectfs"
	"github.com/requinoa/pauta/internal/serve"
	"github.com/requinoa/pauta/internal/site"
)

// ServeOptions are the flags of pauta serve.
type ServeOptions struct {
	Src  string
	Addr string
	// InForce serves the published site, the version in force, instead of the text being
	// edited.
	InForce bool
}

func newServeCmd(streams IO) *cobra.Command {
	opts := ServeOptions{}
	draft := true
	cmd := &cobra.Command{
		Use:     "servir",
		Aliases: []string{"serve"},
		Short:   "Muestra en 127.0.0.1 el texto que se está editando y lo actualiza al guardar",
		Long: `Muestra en el navegador, en una dirección de este computador, el texto que se está preparando
(procedure.yaml y las páginas de content/), marcado «BORRADOR — sin validez» en cada página. Al
guardar un cambio, la página abierta se recarga sola; si el cambio tiene errores, la página los
muestra con su archivo, línea y columna, y se sigue viendo la última versión sin errores.
Con --vigente muestra en cambio el sitio publicado: la versión vigente y las anteriores.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("borrador") {
				if opts.InForce && draft {
					return usagef("--vigente y --borrador se excluyen: elija uno (sin ninguno, se muestra el borrador)")
				}
				opts.InForce = !draft
			}
			return runServe(cmd.Context(), streams, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Src, "fuente", ".", "`carpeta` del proyecto, la que tiene procedure.yaml")
	cmd.Flags().StringVar(&opts.Addr, "direccion", "127.0.0.1:8080", "`dirección` local donde servir, 127.0.0.1:PUERTO")
	cmd.Flags().BoolVar(&opts.InForce, "vigente", false, "muestra el sitio publicado (la versión vigente) en vez del borrador")
	// The draft became the default; the flag stays so that scripts and habits keep working.
	cmd.Flags().BoolVar(&draft, "borrador", true, "muestra el texto en preparación, marcado BORRADOR (lo que se hace sin --vigente)")
	return cmd
}

func runServe(ctx context.Context, streams IO, opts ServeOptions) error {
	src := projectfs.New(opts.Src)
	build := func(ctx context.Context) (output.Files, error) {
		s, err := site.Render(ctx, src, site.Options{Draft: !opts.InForce, LiveReload: serve.ReloadScript})
		if err != nil {
			return nil, err
		}
		return s.Files, nil
	}
	srv := serve.New(build, streams.Err)
	// Watching starts before the first build, so an edit saved meanwhile is not missed.
	w := srv.Watch(opts.Src)
	srv.Rebuild(ctx) // a broken first build still serves, showing its error
	go w.Run(ctx)
	what := "el borrador (procedure.yaml)"
	if opts.InForce {
		what = "el sitio publicado (versión vigente)"
	}
	return srv.ListenAndServe(ctx, opts.Addr, func(url string) {
		fmt.Fprintf(streams.Err, "pauta servir: %s en %s (Ctrl+C para terminar)\n", what, url)
	})
}

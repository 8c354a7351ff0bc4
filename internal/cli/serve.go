package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/serve"
	"github.com/requinoa/pauta/internal/site"
)

// ServeOptions are the flags of pauta serve.
type ServeOptions struct {
	Src   string
	Addr  string
	Draft bool
}

func newServeCmd(streams IO) *cobra.Command {
	opts := ServeOptions{}
	cmd := &cobra.Command{
		Use:     "servir",
		Aliases: []string{"serve"},
		Short:   "Muestra el sitio en 127.0.0.1 y lo actualiza al guardar cambios",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd.Context(), streams, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Src, "fuente", ".", "`carpeta` del proyecto, la que tiene procedure.yaml")
	cmd.Flags().StringVar(&opts.Addr, "direccion", "127.0.0.1:8080", "`dirección` local donde servir, 127.0.0.1:PUERTO")
	cmd.Flags().BoolVar(&opts.Draft, "borrador", false, "marca cada página como «BORRADOR — sin validez»")
	return cmd
}

func runServe(ctx context.Context, streams IO, opts ServeOptions) error {
	src := os.DirFS(opts.Src)
	build := func(ctx context.Context) (output.Files, error) {
		s, err := site.Render(ctx, src, site.Options{Draft: opts.Draft, LiveReload: serve.ReloadScript})
		if err != nil {
			return nil, err
		}
		return s.Files, nil
	}
	srv := serve.New(build, streams.Err)
	srv.Rebuild(ctx) // a broken first build still serves, showing its error
	go srv.Watch(ctx, []string{filepath.Clean(opts.Src)}, 300*time.Millisecond)
	return srv.ListenAndServe(ctx, opts.Addr, func(url string) {
		fmt.Fprintf(streams.Err, "pauta serve: %s (Ctrl+C para terminar)\n", url)
	})
}

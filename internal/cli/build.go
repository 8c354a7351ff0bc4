package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/projectfs"
	"github.com/requinoa/pauta/internal/site"
	"github.com/requinoa/pauta/internal/versions"
)

// SiteOut is where pauta build writes by default, inside the project folder (--src); DraftOut,
// where pauta build --borrador does, apart from the published site.
const (
	SiteOut  = "public"
	DraftOut = "borrador"
)

// BuildOptions are the flags of pauta build.
type BuildOptions struct {
	Src   string
	Out   string
	Draft bool
}

func newBuildCmd(streams IO) *cobra.Command {
	opts := BuildOptions{}
	cmd := &cobra.Command{
		Use:     "construir",
		Aliases: []string{"build"},
		Short:   "Construye el sitio (manual, decreto, PDF y búsqueda) en public/",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("salida") {
				opts.Out = defaultOut(opts.Src, opts.Draft)
			}
			return runBuild(cmd.Context(), streams, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Src, "fuente", ".", "`carpeta` del proyecto, la que tiene procedure.yaml")
	cmd.Flags().StringVarP(&opts.Out, "salida", "o", "", "`carpeta` de salida; se reemplaza completa (si no se indica: public/ dentro de la carpeta del proyecto; con --borrador, borrador/)")
	cmd.Flags().BoolVar(&opts.Draft, "borrador", false, "marca cada página y PDF como «BORRADOR — sin validez»")
	return cmd
}

// defaultOut is the output folder when --out is not given: inside the project, so building
// another project from here never replaces this folder's site. A draft never lands in the
// folder that gets published, unless asked by name.
func defaultOut(src string, draft bool) string {
	if draft {
		return filepath.Join(src, DraftOut)
	}
	return filepath.Join(src, SiteOut)
}

func runBuild(ctx context.Context, streams IO, opts BuildOptions) error {
	start := time.Now()
	s, err := site.Build(ctx, projectfs.New(opts.Src), opts.Out, site.Options{Draft: opts.Draft})
	if err != nil {
		return err
	}
	kept := ""
	if s.Kept > 0 {
		kept = fmt.Sprintf("; %d sin cambios, conservados tal cual", s.Kept)
	}
	fmt.Fprintf(streams.Err, "pauta: %d archivos escritos en %s (versión %s) en %s%s\n",
		s.Count, opts.Out, s.Procedure.Code, time.Since(start).Round(time.Millisecond), kept)
	if s.Unpublished {
		inForce := s.Versions[len(s.Versions)-1]
		fmt.Fprintf(streams.Err, "pauta: %s cambios sin publicar (código %s): el sitio muestra la versión vigente.\n"+
			"       Véalos con «pauta construir --borrador» o «pauta comparar %s %s»; publíquelos con «pauta publicar».\n",
			unpublished(inForce, s.Prepared), s.Prepared.Code, inForce.ID, Prepared)
	}
	return nil
}

// unpublished says what of the text being prepared differs from the version in force, as the
// subject of «… cambios sin publicar»: the pages' Markdown is part of a version, and when
// only they changed, a comparison of the approved text finds nothing, so they are named.
func unpublished(inForce *versions.Version, prepared *procedure.Procedure) string {
	if pages := versions.ChangedPages(inForce.Procedure, prepared); len(pages) > 0 {
		return "procedure.yaml o sus páginas (" + strings.Join(pages, ", ") + ") tienen"
	}
	return "procedure.yaml tiene"
}

func noArgs(_ *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("argumento inesperado %q", args[0])
	}
	return nil
}

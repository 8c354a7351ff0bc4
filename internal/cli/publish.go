package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/publish"
	"github.com/requinoa/pauta/internal/versions"
)

// PublishOptions are the flags of pauta publish.
type PublishOptions struct {
	Src    string
	Decree int
	Date   string
}

func newPublishCmd(streams IO) *cobra.Command {
	opts := PublishOptions{}
	cmd := &cobra.Command{
		Use:     "publicar --decreto N --fecha AAAA-MM-DD",
		Aliases: []string{"publish"},
		Short:   "Publica el texto de procedure.yaml como versión aprobada por un decreto",
		Long: `Congela procedure.yaml y sus páginas como versión publicada en content/versiones/<año>-<número>/.
Una versión publicada no se modifica ni se borra; la nueva reemplaza a la vigente.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPublish(cmd.Context(), streams, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Src, "fuente", ".", "`carpeta` del proyecto, la que tiene procedure.yaml")
	cmd.Flags().IntVar(&opts.Decree, "decreto", 0, "`número` del decreto que aprueba esta versión")
	cmd.Flags().StringVar(&opts.Date, "fecha", "", "`fecha` del decreto, AAAA-MM-DD")
	return cmd
}

func runPublish(ctx context.Context, streams IO, opts PublishOptions) error {
	if opts.Decree <= 0 {
		return usagef("falta --decreto: el número del decreto que aprueba esta versión")
	}
	t, err := time.Parse("2006-01-02", opts.Date)
	if err != nil {
		return usagef("--fecha %q no es una fecha AAAA-MM-DD válida", opts.Date)
	}
	date := procedure.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
	res, err := publish.Publish(ctx, opts.Src, publish.Options{Decree: opts.Decree, Date: date})
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(streams.Err, "pauta: aviso: %s\n", w)
	}
	if res.Unchanged {
		fmt.Fprintf(streams.Out, "La versión %s ya estaba publicada con este mismo texto (código %s); no se cambió nada.\n", res.ID, res.Code)
		return nil
	}
	fmt.Fprintf(streams.Out, "Publicada la versión %s (código %s) en %s/%s.\nEjecute «pauta construir» para actualizar el sitio.\n",
		res.ID, res.Code, versions.Dir, res.ID)
	return nil
}

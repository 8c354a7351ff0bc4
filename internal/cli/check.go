package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/projectfs"
	"github.com/requinoa/pauta/internal/site"
)

// CheckOptions are the flags of pauta check.
type CheckOptions struct {
	Src string
}

func newCheckCmd(streams IO) *cobra.Command {
	opts := CheckOptions{}
	cmd := &cobra.Command{
		Use:     "revisar",
		Aliases: []string{"check"},
		Short:   "Revisa procedure.yaml, sus páginas y las versiones publicadas sin escribir nada",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheck(cmd.Context(), streams, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Src, "fuente", ".", "`carpeta` del proyecto, la que tiene procedure.yaml")
	return cmd
}

func runCheck(ctx context.Context, streams IO, opts CheckOptions) error {
	p, _, err := site.Check(ctx, projectfs.New(opts.Src))
	if err != nil {
		return err
	}
	fmt.Fprintf(streams.Out, "procedure.yaml: sin errores (versión %s)\n", p.Code)
	return nil
}

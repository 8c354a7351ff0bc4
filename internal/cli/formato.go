package cli

import (
	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/procedure"
)

// newFormatCmd prints the format guide: the people who write procedure.yaml have the binary,
// not the Go source its doc comment lives in.
func newFormatCmd(streams IO) *cobra.Command {
	return &cobra.Command{
		Use:     "formato",
		Aliases: []string{"format"},
		Short:   "Muestra la guía del formato de procedure.yaml (cada clave, con ejemplos)",
		Long: `Muestra la guía del formato de procedure.yaml, en Markdown: cada clave, qué significa y un
ejemplo. Es la misma guía que «pauta iniciar» deja en cada proyecto nuevo como FORMATO.md.
Para guardarla en un archivo: pauta formato > FORMATO.md`,
		Args: noArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			_, err := streams.Out.Write(procedure.Guide())
			return err
		},
	}
}

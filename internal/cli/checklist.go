package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/checklist"
	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/site"
)

// ChecklistOptions are the flags of pauta checklist.
type ChecklistOptions struct {
	Src        string
	Out        string // "-" is standard output
	Paper      string
	Copies     int
	FolioStart int
	Fillable   bool
	Draft      bool
}

// progressFrom is the batch size from which pauta checklist reports progress: smaller
// batches are done before anyone would look.
const progressFrom = 100

func newChecklistCmd(streams IO) *cobra.Command {
	opts := ChecklistOptions{}
	cmd := &cobra.Command{
		Use:     "lista",
		Aliases: []string{"checklist"},
		Short:   "Imprime listas de verificación en PDF, en lotes y con folio",
		Long: `Escribe la lista de verificación de la sesión en PDF, lista para imprimir a tamaño real.
Con --copias y --folio-inicial genera un lote en un solo archivo: cada hoja lleva su número de
folio, de modo que una hoja que falte se nota. Con --rellenable la misma hoja trae campos para
llenarla en pantalla y dos campos de firma electrónica sin firmar.`,
		Example: `  pauta lista -o lista.pdf
  pauta lista --copias 50 --folio-inicial 1201 -o lote-1201.pdf
  pauta lista --papel oficio --rellenable -o lista-oficio.pdf`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runChecklist(cmd.Context(), streams, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Src, "fuente", ".", "`carpeta` del proyecto, la que tiene procedure.yaml")
	f.StringVarP(&opts.Out, "salida", "o", "checklist.pdf", "`archivo` PDF de salida; «-» escribe en la salida estándar")
	f.StringVar(&opts.Paper, "papel", "carta", "`tamaño` del papel: "+strings.Join(pdfdoc.PaperNames(), ", ")+" (oficio es 216 × 330 mm)")
	f.IntVar(&opts.Copies, "copias", 1, fmt.Sprintf("`número` de copias, de 1 a %d", checklist.MaxCopies))
	f.IntVar(&opts.FolioStart, "folio-inicial", 0, "`número` de folio de la primera copia; las siguientes suman uno (0: folio en blanco, para numerar a mano)")
	f.BoolVar(&opts.Fillable, "rellenable", false, "agrega campos para llenar en pantalla y campos de firma electrónica")
	f.BoolVar(&opts.Draft, "borrador", false, "marca cada hoja como «BORRADOR — sin validez»")
	return cmd
}

func runChecklist(ctx context.Context, streams IO, opts ChecklistOptions) error {
	if _, err := pdfdoc.PaperByName(opts.Paper); err != nil {
		return usagef("--papel: %v", err)
	}
	if opts.Copies < 1 || opts.Copies > checklist.MaxCopies {
		return usagef("--copias %d fuera de rango: use de 1 a %d", opts.Copies, checklist.MaxCopies)
	}
	if opts.FolioStart < 0 {
		return usagef("--folio-inicial %d no válido: use un número mayor que cero, o 0 para dejar el folio en blanco", opts.FolioStart)
	}
	if opts.Out == "" {
		return usagef("-o: indique un archivo, o «-» para la salida estándar")
	}
	p, err := site.Load(os.DirFS(opts.Src))
	if err != nil {
		return err
	}
	start := time.Now()
	var progress func(done, total int)
	if opts.Copies >= progressFrom {
		// One line every tenth of the batch: readable in a terminal and in a log alike.
		step := max(opts.Copies/10, 1)
		progress = func(done, total int) {
			if done%step == 0 || done == total {
				fmt.Fprintf(streams.Err, "pauta: %d de %d copias…\n", done, total)
			}
		}
	}
	write := func(w io.Writer) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return checklist.Write(w, p, checklist.Options{
			Paper: opts.Paper, Copies: opts.Copies, FolioStart: opts.FolioStart,
			Fillable: opts.Fillable, Draft: opts.Draft,
		}, progress)
	}
	if opts.Out == "-" {
		return write(streams.Out)
	}
	if err := writeFileAtomic(opts.Out, write); err != nil {
		return err
	}
	what := "1 lista de verificación"
	if opts.Copies > 1 {
		what = fmt.Sprintf("%d listas de verificación", opts.Copies)
	}
	if opts.FolioStart > 0 {
		what += fmt.Sprintf(" (folios %d a %d)", opts.FolioStart, opts.FolioStart+opts.Copies-1)
	}
	fmt.Fprintf(streams.Err, "pauta: %s en %s, papel %s (versión %s) en %s\n",
		what, opts.Out, opts.Paper, p.Code, time.Since(start).Round(time.Millisecond))
	return nil
}

// writeFileAtomic writes name through a temporary file in the same folder and renames it into
// place, so a failed or interrupted batch never leaves half a PDF under the real name.
func writeFileAtomic(name string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return fmt.Errorf("creating %s: %w", name, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/checklist"
	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/pdfdoc"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/projectfs"
	"github.com/requinoa/pauta/internal/registro"
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

// ChecklistOut is the file pauta checklist writes when -o is not given, inside the project
// folder (--src), as pauta build's public/: a checklist printed from here for another project
// lands beside that project's source, not over this folder's.
const ChecklistOut = "checklist.pdf"

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
Imprime la versión vigente, la publicada; con --borrador, el texto en preparación de
procedure.yaml, marcado como borrador en cada hoja.
Con --copias y --folio-inicial genera un lote en un solo archivo: cada hoja lleva su número de
folio, de modo que una hoja que falte se nota. Con --rellenable la misma hoja trae campos para
llenarla en pantalla y dos campos de firma electrónica sin firmar.`,
		Example: `  pauta lista -o lista.pdf
  pauta lista --copias 50 --folio-inicial 1201 -o lote-1201.pdf
  pauta lista --papel oficio --rellenable -o lista-oficio.pdf`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("salida") {
				opts.Out = filepath.Join(opts.Src, ChecklistOut)
			}
			return runChecklist(cmd.Context(), streams, &opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Src, "fuente", ".", "`carpeta` del proyecto, la que tiene procedure.yaml")
	f.StringVarP(&opts.Out, "salida", "o", "", "`archivo` PDF de salida; «-» escribe en la salida estándar (si no se indica: checklist.pdf dentro de la carpeta del proyecto)")
	f.StringVar(&opts.Paper, "papel", "carta", "`tamaño` del papel: "+strings.Join(pdfdoc.PaperNames(), ", ")+" (oficio es 216 × 330 mm)")
	f.IntVar(&opts.Copies, "copias", 1, fmt.Sprintf("`número` de copias, de 1 a %d", checklist.MaxCopies))
	f.IntVar(&opts.FolioStart, "folio-inicial", 0, "`número` de folio de la primera copia; las siguientes suman uno (0: folio en blanco, para numerar a mano)")
	f.BoolVar(&opts.Fillable, "rellenable", false, "agrega campos para llenar en pantalla y campos de firma electrónica")
	f.BoolVar(&opts.Draft, "borrador", false, "imprime el texto en preparación (procedure.yaml) en vez de la versión vigente, con «BORRADOR — sin validez» en cada hoja")
	return cmd
}

func runChecklist(ctx context.Context, streams IO, opts *ChecklistOptions) error {
	if opts.Paper == "" {
		return usagef("--papel vacío: use %s", strings.Join(pdfdoc.PaperNames(), ", "))
	}
	if _, err := pdfdoc.PaperByName(opts.Paper); err != nil {
		return usagef("--papel: %v", err)
	}
	if opts.Copies < 1 || opts.Copies > checklist.MaxCopies {
		return usagef("--copias %d fuera de rango: use de 1 a %d", opts.Copies, checklist.MaxCopies)
	}
	if opts.FolioStart < 0 {
		return usagef("--folio-inicial %d no válido: use un número mayor que cero, o 0 para dejar el folio en blanco", opts.FolioStart)
	}
	// Compared without adding, so no folio near the largest integer can wrap around.
	if last := checklist.MaxFolio - (opts.Copies - 1); opts.FolioStart > last {
		return usagef("--folio-inicial %d fuera de rango: el folio tiene a lo más %d cifras; con --copias %d use un folio inicial de 1 a %d",
			opts.FolioStart, len(fmt.Sprint(checklist.MaxFolio)), opts.Copies, last)
	}
	if opts.Out == "" {
		return usagef("-o: indique un archivo, o «-» para la salida estándar")
	}
	p, versionPath, err := checklistText(ctx, streams, opts)
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
			Fillable: opts.Fillable, Draft: opts.Draft, VersionPath: versionPath,
		}, progress)
	}
	if opts.Out == "-" {
		if err := write(streams.Out); err != nil {
			return err
		}
		return recordFolios(opts, p.Code)
	}
	if err := writeNamedFile(opts.Out, write); err != nil {
		return err
	}
	if err := recordFolios(opts, p.Code); err != nil {
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

// checklistText chooses what is printed: the version in force, which technicians use, or with
// --borrador the text being prepared. With nothing published yet the prepared text is all
// there is; it is printed as a draft, since no decree has approved it.
func checklistText(ctx context.Context, streams IO, opts *ChecklistOptions) (*procedure.Procedure, string, error) {
	prepared, vs, err := site.Check(ctx, projectfs.New(opts.Src))
	if err != nil {
		return nil, "", err
	}
	if opts.Draft {
		return prepared, "", nil
	}
	if len(vs) == 0 {
		opts.Draft = true
		fmt.Fprintf(streams.Err, "pauta: aviso: aún no hay ninguna versión publicada; se imprime procedure.yaml marcado «%s». "+
			"Cuando el decreto esté firmado, publíquelo con pauta publicar.\n", pdfdoc.DraftText)
		return prepared, "", nil
	}
	inForce := vs[len(vs)-1]
	if !inForce.SameText(prepared) {
		fmt.Fprintf(streams.Err, "pauta: se imprime la versión vigente %s; %s cambios sin publicar "+
			"(use --borrador para imprimirlos como borrador).\n", inForce.ID, unpublished(inForce, prepared))
	}
	return inForce.Procedure, "v/" + inForce.ID + "/", nil
}

// writeNamedFile writes the file named with -o (see output.WriteFile); a path that cannot
// name a file is a mistake in the command line.
func writeNamedFile(name string, write func(io.Writer) error) error {
	err := output.WriteFile(name, write)
	if errors.Is(err, output.ErrNoFolder) || errors.Is(err, output.ErrIsFolder) {
		return usagef("-o: %v", err)
	}
	return err
}

// recordFolios adds the folios just printed to the project's ledger, which pauta registro
// compares with the folios that come back filled.
func recordFolios(opts *ChecklistOptions, code string) error {
	if opts.FolioStart == 0 {
		return nil
	}
	now := time.Now()
	return registro.AppendLedger(filepath.Join(opts.Src, registro.LedgerFile), registro.Issued{
		Date: fmt.Sprintf("%04d-%02d-%02d", now.Year(), now.Month(), now.Day()),
		From: opts.FolioStart, To: opts.FolioStart + opts.Copies - 1, Code: code,
	})
}

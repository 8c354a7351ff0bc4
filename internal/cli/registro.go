package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/projectfs"
	"github.com/requinoa/pauta/internal/registro"
	ptheme "github.com/requinoa/pauta/internal/theme"
	"github.com/requinoa/pauta/internal/versions"
	"github.com/requinoa/pauta/themes"
)

// RegistroOptions are the flags of pauta registro.
type RegistroOptions struct {
	Folder string // the folder of filled checklists
	Src    string // the project, for its published versions and folio ledger
	Out    string
	Today  procedure.Date // zero: today, from the clock
}

// registroMaxFile bounds the files read: a filled checklist is well under a megabyte, and a
// folder may hold anything.
const registroMaxFile = 64 << 20

func newRegistroCmd(streams IO) *cobra.Command {
	opts := RegistroOptions{}
	cmd := &cobra.Command{
		Use:     "registro CARPETA",
		Aliases: []string{"register"},
		Short:   "Lee las listas de verificación llenadas y firmadas y escribe el registro de sesiones",
		Long: `Lee todos los PDF de CARPETA (y de sus subcarpetas) que son listas de verificación
impresas con «pauta lista --rellenable» y llenadas en pantalla (Acrobat Reader, Firefox,
Evince, Okular u otro programa), y escribe en la carpeta de salida el registro de sesiones
que pide la Dirección de Control:

  registro.csv   una fila por lista, una columna por campo y una de problemas; UTF-8 con
                 BOM y «;» entre columnas, como lo abre una planilla en Chile
  registro.html  la misma tabla, con filtros por mes, técnico y problema; se abre con doble
                 clic, también en el teléfono
  registro.pdf   el resumen: sesiones por mes, problemas, folios no devueltos o repetidos,
                 archivos que no se pudieron leer y versiones vigentes en el período

Cada lista se compara con la versión publicada que trae impresa. Se informa como problema:
una línea sin responder o con dos respuestas; una línea en «No» sin explicación en las
observaciones (si hay varias en «No», cada una debe citarse por su referencia, p. ej. «B2»);
una firma que falta, que no se verifica o tras la cual el archivo cambió; la hora de término
que no es posterior a la de inicio; una fecha futura, anterior a la vigencia de la versión o
de cuando ya regía otra versión; un folio repetido o sin imprimir.
Las firmas se verifican contra el certificado que traen (nombre del firmante, hora, que el
contenido no cambió y que cubren todo el archivo); la cadena de confianza del certificado no
se verifica.

Quién hace qué: el técnico llena la lista durante la sesión y la firma; el usuario la firma;
el archivo se guarda en la carpeta compartida de la unidad. Ejecute el registro cada mes, o
antes de una revisión, sobre esa carpeta. Los archivos leídos no se modifican. Un archivo que
no es un PDF, está dañado, cifrado o no lo imprimió pauta se informa con su nombre y el motivo,
y el resto se lee.

Los folios impresos con «pauta lista --copias N --folio-inicial K» quedan anotados en
content/folios.csv del proyecto; el registro informa los folios impresos que nunca volvieron.`,
		Example: `  pauta registro /srv/compartida/sesiones
  pauta registro sesiones-2025 -o registro-2025 --fuente ../procedimiento`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("indique la carpeta con las listas llenadas: pauta registro CARPETA")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Folder = args[0]
			return runRegistro(cmd.Context(), streams, &opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Src, "fuente", ".", "`carpeta` del proyecto (la que tiene procedure.yaml y las versiones publicadas)")
	f.StringVarP(&opts.Out, "salida", "o", "registro", "`carpeta` donde se escribe el registro (se reemplaza entera)")
	return cmd
}

func runRegistro(ctx context.Context, streams IO, opts *RegistroOptions) error {
	info, err := os.Stat(opts.Folder)
	if err != nil || !info.IsDir() {
		return usagef("%s no es una carpeta: indique la carpeta con las listas llenadas", opts.Folder)
	}
	if opts.Out == "" {
		return usagef("-o/--salida vacío: indique la carpeta donde escribir el registro")
	}
	outAbs, err := filepath.Abs(opts.Out)
	if err != nil {
		return err
	}
	srcAbs, err := filepath.Abs(opts.Src)
	if err != nil {
		return err
	}
	// public/ is the published site: a register written there would be published with it.
	if within(outAbs, filepath.Join(srcAbs, "public")) {
		return usagef("-o %s está dentro de public/, el sitio publicado: elija otra carpeta", opts.Out)
	}
	src := projectfs.New(opts.Src)
	vs, err := versions.List(src)
	if err != nil {
		return err
	}
	if len(vs) == 0 {
		return notFound{msg: fmt.Sprintf("%s no tiene versiones publicadas: el registro compara cada lista con la versión que trae impresa. Publique la versión vigente con pauta publicar.", opts.Src)}
	}
	ledger, err := registro.ReadLedger(src)
	if err != nil {
		var le *registro.LedgerError
		if errors.As(err, &le) {
			return notFound{msg: le.Error()}
		}
		return err
	}
	sources, rejected, err := collectPDFs(opts.Folder, outAbs)
	if err != nil {
		return err
	}
	today := opts.Today
	if today.IsZero() {
		now := time.Now()
		today = procedure.Date{Year: now.Year(), Month: now.Month(), Day: now.Day()}
	}
	var progress func(done, total int)
	if len(sources) >= progressFrom {
		step := max(len(sources)/10, 1)
		progress = func(done, total int) {
			if done%step == 0 || done == total {
				fmt.Fprintf(streams.Err, "pauta: %d de %d archivos leídos…\n", done, total)
			}
		}
	}
	start := time.Now()
	reg, err := registro.Build(ctx, sources, registro.Options{Versions: vs, Ledger: ledger, Today: today, Progress: progress})
	if err != nil {
		return err
	}
	reg.Rejected = append(reg.Rejected, rejected...)
	registro.SortRejected(reg.Rejected)
	org := vs[len(vs)-1].Procedure.Organization.Name
	css, err := themeCSS(opts.Src)
	if err != nil {
		return err
	}
	page, err := reg.HTML(css, org)
	if err != nil {
		return err
	}
	summary, err := reg.PDF(org)
	if err != nil {
		return err
	}
	files := output.Files{"registro.csv": reg.CSV(), "registro.html": page, "registro.pdf": summary}
	if err := output.Write(ctx, opts.Out, output.Register, files); err != nil {
		if errors.Is(err, output.ErrNotOurs) || errors.Is(err, output.ErrSite) {
			return usagef("-o %s: la carpeta tiene archivos que no son de un registro de pauta; elija otra carpeta o vacíela usted", opts.Out)
		}
		return err
	}
	with := 0
	for _, e := range reg.Entries {
		if len(e.Problems) > 0 {
			with++
		}
	}
	fmt.Fprintf(streams.Err, "pauta: registro de %d listas (%d con problemas, %d archivos no leídos) en %s en %s\n",
		len(reg.Entries), with, len(reg.Rejected), opts.Out, time.Since(start).Round(time.Millisecond))
	return nil
}

// collectPDFs reads every file named .pdf under dir, in path order, leaving out the output
// folder; files that cannot be read at all are returned as rejected.
func collectPDFs(dir, outAbs string) ([]registro.Source, []registro.Rejected, error) {
	var out []registro.Source
	var rejected []registro.Rejected
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			if p == dir {
				return err
			}
			rejected = append(rejected, registro.Rejected{File: rel, Reason: "no se puede leer: " + errors.Unwrap(err).Error()})
			return nil
		}
		if d.IsDir() {
			if abs, _ := filepath.Abs(p); abs == outAbs {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.EqualFold(filepath.Ext(p), ".pdf") || !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if info.Size() > registroMaxFile {
			rejected = append(rejected, registro.Rejected{File: rel, Reason: fmt.Sprintf("pesa %d MB: una lista de verificación pesa mucho menos", info.Size()>>20)})
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			rejected = append(rejected, registro.Rejected{File: rel, Reason: "no se puede leer: " + err.Error()})
			return nil
		}
		out = append(out, registro.Source{Name: rel, Data: b})
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", dir, err)
	}
	return out, rejected, nil
}

func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) || p == dir
}

// themeCSS is the site's style sheet, with the project's overrides, for registro.html.
func themeCSS(src string) ([]byte, error) {
	th := ptheme.New(themes.Default(), nil)
	if info, err := os.Stat(filepath.Join(src, "themes")); err == nil && info.IsDir() {
		th = ptheme.New(themes.Default(), projectfs.New(filepath.Join(src, "themes")))
	}
	assets, err := th.Assets()
	if err != nil {
		return nil, err
	}
	return assets["assets/pauta.css"], nil
}

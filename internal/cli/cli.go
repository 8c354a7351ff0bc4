// Package cli is pauta's command line: each command parses its flags into an options struct
// and calls a run function that does the work through the internal packages. Errors are mapped
// to exit codes in one place, Main.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"text/template"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/publish"
	"github.com/requinoa/pauta/internal/theme"
)

// Exit codes: scripts tell a mistake in the source from a failure of pauta or the machine.
const (
	ExitOK       = 0
	ExitSource   = 1 // the source has errors or the operation was refused; the message says what to do
	ExitUsage    = 2 // wrong command line, or a folder pauta cannot or will not write
	ExitInternal = 3 // a bug in pauta
)

// IO is the streams a command reads and writes, so tests run commands with buffers.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
}

// usageError marks mistakes in the command line. msg, when set, is what the user reads
// instead of err (which keeps the library's original error for errors.As); hint says where
// to look.
type usageError struct {
	err  error
	msg  string
	hint string
}

func (e usageError) Error() string {
	if e.msg != "" {
		return e.msg
	}
	return e.err.Error()
}

func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{err: fmt.Errorf(format, args...)} }

// Main runs pauta with args and returns the exit code; the version comes from the build
// information Go records in the binary.
func Main(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	return Run(ctx, Stamp{}, args, in, out, errOut)
}

// Run is Main for a binary stamped at link time with its version and commit.
func Run(ctx context.Context, stamp Stamp, args []string, in io.Reader, out, errOut io.Writer) int {
	streams := IO{In: in, Out: out, Err: errOut}
	root := newRoot(streams, stamp)
	root.SetArgs(args)
	root.SetIn(in)
	root.SetOut(out)
	root.SetErr(errOut)
	// A mistyped command is reported as such even when flags follow it, which the root would
	// otherwise reject first as unknown flags.
	root.InitDefaultHelpCmd()
	if c, rest, err := root.Find(args); err == nil && c == root && len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		return report(errOut, unknownCommand(root, rest[0]))
	}
	cmd, err := root.ExecuteContextC(output.WithLockNotice(ctx, func(dir string) {
		fmt.Fprintf(errOut, "pauta: esperando a que termine otra construcción en %s…\n", dir)
	}))
	if err == nil {
		return ExitOK
	}
	var usage usageError
	if errors.As(err, &usage) && usage.hint == "" && cmd != nil && cmd != root {
		usage.hint = fmt.Sprintf("Vea las opciones con «%s --help».", cmd.CommandPath())
		err = usage
	}
	return report(errOut, err)
}

// report prints err for a person and chooses the exit code. Every mistake a user can make
// ends here as exit code 1 or 2 with a Spanish message that says what to do; only what no user
// can cause is an "error interno".
func report(w io.Writer, err error) int {
	var (
		list    procedure.ErrorList
		usage   usageError
		refusal *publish.Refusal
		missing notFound
		tpl     *theme.Error
		exec    template.ExecError
		netErr  *net.OpError
		pathErr *fs.PathError
		linkErr *os.LinkError
		sysErr  *os.SyscallError

		leftover *output.LeftoverError
	)
	switch {
	case errors.As(err, &list):
		fmt.Fprintln(w, list.Error())
		n := len(list)
		if n == 1 {
			fmt.Fprintln(w, "pauta: 1 error en el procedimiento; no se modificó ningún archivo.")
		} else {
			fmt.Fprintf(w, "pauta: %d errores en el procedimiento; no se modificó ningún archivo.\n", n)
		}
		return ExitSource
	case errors.Is(err, output.ErrNotOurs):
		fmt.Fprintf(w, "pauta: %v\nLa carpeta de salida no fue escrita por pauta y no se reemplaza: elija otra con --salida, o vacíela usted.\n", err)
		return ExitUsage
	case errors.Is(err, output.ErrBusy):
		fmt.Fprintf(w, "pauta: %v\nNo se modificó nada.\n", err)
		return ExitSource
	case errors.As(err, &refusal):
		fmt.Fprintf(w, "pauta: %v\nNo se modificó nada.\n", refusal)
		return ExitSource
	case errors.As(err, &missing):
		fmt.Fprintf(w, "pauta: %v\n", missing.msg)
		return ExitSource
	case errors.As(err, &usage):
		hint := usage.hint
		if hint == "" {
			hint = "Use «pauta --help» para ver los comandos y opciones."
		}
		fmt.Fprintf(w, "pauta: %v\n%s\n", usage, hint)
		return ExitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(w, "pauta: interrumpido; la salida anterior quedó intacta.")
		return ExitInternal
	case errors.As(err, &tpl) && tpl.Project:
		fmt.Fprintf(w, "pauta: %s: la plantilla del tema tiene un error: %v\n"+
			"Corríjala, o bórrela para usar la del tema predeterminado. No se modificó ningún archivo.\n", tpl.File, tpl.Err)
		return ExitSource
	case errors.As(err, &exec):
		// The default theme renders every test project; a template that fails while rendering
		// is one the project overrode in themes/.
		fmt.Fprintf(w, "pauta: una plantilla del tema falló al generar una página: %v\n"+
			"Revise las plantillas de la carpeta themes/ del proyecto (la que nombra el mensaje); "+
			"los datos disponibles son los de las plantillas del tema predeterminado. No se modificó ningún archivo.\n", exec.Err)
		return ExitSource
	case errors.As(err, &netErr) && netErr.Op == "listen":
		fmt.Fprintf(w, "pauta: no se puede servir en %s: %s\n", netErr.Addr, listenReason(netErr))
		return ExitUsage
	case errors.As(err, &leftover):
		fmt.Fprintf(w, "pauta: el sitio nuevo ya está en %s, pero no se pudo borrar la salida anterior, que quedó en %s (%s).\n"+
			"Bórrela usted, o pida permiso sobre esa carpeta; la próxima construcción vuelve a intentarlo.\n",
			leftover.Target, leftover.Dir, reason(leftover.Err))
		return ExitUsage
	case errors.As(err, &pathErr):
		return reportFile(w, pathErr.Op, pathErr.Path, pathErr.Err)
	case errors.As(err, &linkErr):
		return reportFile(w, linkErr.Op, linkErr.New, linkErr.Err)
	case errors.As(err, &sysErr) && errors.Is(err, syscall.ENOSPC):
		return reportFile(w, sysErr.Syscall, "", sysErr.Err)
	default:
		fmt.Fprintf(w, "pauta: error interno: %v\nEsto es un error de pauta, no suyo: avise al Departamento de Informática con este mensaje.\n", err)
		return ExitInternal
	}
}

// reportFile explains a file the system would not let pauta read or write: a folder that
// does not exist, belongs to someone else, is a file, or is held open by another program.
// These are the paths the user named; a full disk is the one case that is not.
func reportFile(w io.Writer, op, path string, err error) int {
	what := map[string]string{
		"open": "abrir", "openat": "abrir", "mkdir": "crear la carpeta", "mkdirat": "crear la carpeta",
		"rename": "reemplazar", "renameat2": "reemplazar", "remove": "borrar", "unlinkat": "borrar",
		"stat": "consultar", "lstat": "consultar", "write": "escribir", "read": "leer", "link": "enlazar",
		"chmod": "cambiar los permisos de", "sync": "guardar", "fsync": "guardar", "readdirent": "leer la carpeta",
	}[op]
	if what == "" {
		what = "usar"
	}
	subject := ""
	if path != "" {
		subject = " " + path
	}
	// pauta writes through temporary names (".lista.pdf.123", ".pauta-staging-…"): when their
	// folder is the problem, name the folder.
	if base := filepath.Base(path); strings.HasPrefix(base, ".") && (errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)) {
		what, subject = "escribir en la carpeta", " "+filepath.Dir(path)
	}
	fmt.Fprintf(w, "pauta: no se pudo %s%s: %s\n%s\n", what, subject, reason(err), whatToDo(err))
	if errors.Is(err, syscall.ENOSPC) {
		return ExitSource
	}
	return ExitUsage
}

// reason says in Spanish why the system refused.
func reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no existe esa carpeta o archivo"
	case errors.Is(err, syscall.ENOTDIR):
		return "una parte de la ruta es un archivo, no una carpeta"
	case errors.Is(err, syscall.EISDIR):
		return "es una carpeta, no un archivo"
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EPERM):
		return "permiso denegado"
	case errors.Is(err, syscall.EROFS):
		return "el disco es de solo lectura"
	case inUse(err):
		return "está en uso"
	case errors.Is(err, syscall.ENOSPC):
		return "no queda espacio en el disco"
	case errors.Is(err, fs.ErrExist):
		return "ya existe"
	default:
		return err.Error()
	}
}

func whatToDo(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "Cree la carpeta o indique otra ruta (--salida, --fuente)."
	case errors.Is(err, syscall.ENOTDIR):
		return "Indique una ruta que pase solo por carpetas (--salida, --fuente)."
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EPERM), errors.Is(err, syscall.EROFS):
		return "Elija una carpeta donde pueda escribir (--salida) o pida permiso sobre ella; en Windows, cierre también el programa que tenga abierto un archivo de esa carpeta."
	case inUse(err):
		return "Cierre el programa que lo tiene abierto (p. ej. un PDF o una ventana de esa carpeta) y vuelva a intentar."
	case errors.Is(err, syscall.ENOSPC):
		return "Libere espacio en el disco y vuelva a intentar; la salida anterior quedó intacta."
	default:
		return "Revise la ruta y sus permisos, o indique otra."
	}
}

func listenReason(err *net.OpError) string {
	if addrInUse(err) {
		return "el puerto ya está en uso (¿hay otro «pauta servir» abierto?).\n" +
			"Ciérrelo, o elija otro puerto, p. ej. --direccion 127.0.0.1:8081."
	}
	return fmt.Sprintf("%v.\nEscriba la dirección como 127.0.0.1:PUERTO, p. ej. --direccion 127.0.0.1:8080.", err.Err)
}

func newRoot(streams IO, stamp Stamp) *cobra.Command {
	root := &cobra.Command{
		Use:   "pauta",
		Short: "Construye el manual, las listas de verificación y el decreto de un procedimiento",
		Long: `pauta construye, desde una sola fuente (procedure.yaml y las páginas de content/),
el manual en HTML con búsqueda, la lista de verificación en PDF y el decreto que lo aprueba,
de modo que todas las salidas dicen lo mismo.`,
		Version:       stamp.String(),
		SilenceUsage:  true,
		SilenceErrors: true,
		// Flags that name a folder or an address are checked before any work starts.
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error { return checkFlags(cmd) },
	}
	root.SuggestionsMinimumDistance = 2
	root.SetGlobalNormalizationFunc(normalizeFlag)
	root.PersistentFlags().BoolP("help", "h", false, "muestra esta ayuda")
	root.Flags().Bool("version", false, "muestra la versión de pauta, el commit y la versión de Go")
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(flagError)
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { printHelp(c.OutOrStdout(), c) })
	root.SetUsageFunc(func(c *cobra.Command) error { printUsage(c.OutOrStderr(), c); return nil })
	root.AddCommand(newBuildCmd(streams), newCheckCmd(streams), newServeCmd(streams), newChecklistCmd(streams),
		newPublishCmd(streams), newVerifyCmd(streams), newDiffCmd(streams), newInitCmd(streams),
		newFormatCmd(streams), newVersionCmd(streams, stamp))
	root.AddCommand(newBuscarCmd(streams), newRegistroCmd(streams))
	root.SetHelpCommand(newHelpCmd(root))
	root.CompletionOptions.DisableDefaultCmd = true
	// printUsage adds "[opciones]"; cobra would add "[flags]".
	var noFlagsInUse func(*cobra.Command)
	noFlagsInUse = func(c *cobra.Command) {
		c.DisableFlagsInUseLine = true
		for _, sub := range c.Commands() {
			noFlagsInUse(sub)
		}
	}
	noFlagsInUse(root)
	root.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return unknownCommand(cmd, args[0])
		}
		return nil
	}
	root.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	return root
}

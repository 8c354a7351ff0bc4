// Package cli is pauta's command line: each command parses its flags into an options struct
// and calls a run function that does the work through the internal packages. Errors are mapped
// to exit codes in one place, Main.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/publish"
)

// Exit codes: scripts tell a mistake in the source from a failure of pauta or the machine.
const (
	ExitOK       = 0
	ExitSource   = 1 // the source has errors; the message says where and what to do
	ExitUsage    = 2 // wrong command line
	ExitInternal = 3 // anything else: a bug, a full disk, a permission
)

// IO is the streams a command reads and writes, so tests run commands with buffers.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
}

// usageError marks mistakes in the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// Main runs pauta with args and returns the exit code.
func Main(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) int {
	streams := IO{In: in, Out: out, Err: errOut}
	root := newRoot(streams)
	root.SetArgs(args)
	root.SetIn(in)
	root.SetOut(out)
	root.SetErr(errOut)
	err := root.ExecuteContext(output.WithLockNotice(ctx, func(dir string) {
		fmt.Fprintf(errOut, "pauta: esperando a que termine otra construcción en %s…\n", dir)
	}))
	if err == nil {
		return ExitOK
	}
	return report(errOut, err)
}

// report prints err for a person and chooses the exit code.
func report(w io.Writer, err error) int {
	var list procedure.ErrorList
	var usage usageError
	var refusal *publish.Refusal
	var missing notFound
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
		fmt.Fprintf(w, "pauta: %v\nLa carpeta de salida no fue escrita por pauta y no se reemplaza: elija otra con --out, o vacíela usted.\n", err)
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
		fmt.Fprintf(w, "pauta: %v\nUse «pauta --help» para ver los comandos y opciones.\n", usage.err)
		return ExitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(w, "pauta: interrumpido; la salida anterior quedó intacta.")
		return ExitInternal
	default:
		fmt.Fprintf(w, "pauta: error interno: %v\n", err)
		return ExitInternal
	}
}

func newRoot(streams IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "pauta",
		Short: "Construye el manual, las listas de verificación y el decreto de un procedimiento",
		Long: `pauta construye, desde una sola fuente (procedure.yaml y las páginas de content/),
el manual en HTML con búsqueda, la lista de verificación en PDF y el decreto que lo aprueba,
de modo que todas las salidas dicen lo mismo.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{spanishFlagError(err)} })
	root.AddCommand(newBuildCmd(streams), newCheckCmd(streams), newServeCmd(streams), newChecklistCmd(streams),
		newPublishCmd(streams), newVerifyCmd(streams), newDiffCmd(streams), newInitCmd(streams), newFormatCmd(streams), newRegistroCmd(streams))
	root.SetHelpCommand(&cobra.Command{Hidden: true})
	root.CompletionOptions.DisableDefaultCmd = true
	// Cobra reports an unknown command as a plain error; make it a usage error.
	root.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return usagef("comando desconocido %q", args[0])
		}
		return nil
	}
	root.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	return root
}

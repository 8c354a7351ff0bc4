// Command pauta builds a procedure's manual, checklists and decree from one source.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/requinoa/pauta/internal/cli"
	"github.com/requinoa/pauta/internal/gcbudget"
)

func main() {
	gcbudget.Apply(gcbudget.Default)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

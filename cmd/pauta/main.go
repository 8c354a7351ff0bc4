// Command pauta builds a procedure's manual, checklists and decree from one source.
package main

import (
	"context"
	"os"
	"os/signal"

	"github.com/requinoa/pauta/internal/cli"
	"github.com/requinoa/pauta/internal/gcbudget"
)

// version and commit are written at link time by scripts/release.sh
// (-ldflags "-X main.version=v1.2.0 -X main.commit=…"); a plain build leaves them so and
// pauta --version falls back to what Go recorded in the binary.
var (
	version = "dev"
	commit  = ""
)

func main() {
	gcbudget.Apply(gcbudget.Default)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := cli.Run(ctx, cli.Stamp{Version: version, Commit: commit}, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

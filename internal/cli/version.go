package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Stamp is what the release build writes into the binary at link time (-ldflags -X in
// cmd/pauta); empty fields are filled from the build information Go records.
type Stamp struct {
	Version string // e.g. v1.2.0; "" or "dev" when not stamped
	Commit  string // the Git commit the binary was built from
}

// describe returns the text of pauta --version. bi is the binary's build information (nil
// when there is none): `go install …@v1.2.0` records the module version there, and a build
// in a Git checkout records the commit.
func (s Stamp) describe(bi *debug.BuildInfo) string {
	version, commit, modified := s.Version, s.Commit, false
	if bi != nil {
		if version == "" || version == "dev" {
			if v := bi.Main.Version; v != "" && v != "(devel)" {
				version = v
			}
		}
		if commit == "" {
			for _, kv := range bi.Settings {
				switch kv.Key {
				case "vcs.revision":
					commit = kv.Value
				case "vcs.modified":
					modified = kv.Value == "true"
				}
			}
		}
	}
	if version == "" || version == "dev" {
		version = "dev (compilada desde el código fuente, sin número de versión)"
	}
	if commit == "" {
		commit = "desconocido"
	} else if modified {
		commit += " (con cambios sin confirmar)"
	}
	return fmt.Sprintf("pauta %s\ncommit: %s\nGo: %s %s/%s", version, commit, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func (s Stamp) String() string {
	bi, _ := debug.ReadBuildInfo()
	return s.describe(bi)
}

func newVersionCmd(streams IO, stamp Stamp) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Aliases: []string{"versión"},
		Short:   "Muestra la versión de pauta, el commit y la versión de Go",
		Args:    noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintln(streams.Out, stamp.String())
			return nil
		},
	}
}

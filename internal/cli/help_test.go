package cli

import (
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

// TestHelpInSpanish reads the help of pauta and of every command, as --help, -h, help X and
// ayuda X: Spanish headings, Spanish flag names only, and none of cobra's or pflag's English.
var helpFlag = regexp.MustCompile(`-h, --help +muestra esta ayuda`)

func TestHelpInSpanish(t *testing.T) {
	root := newRoot(IO{}, Stamp{})
	commands := [][]string{{}}
	for _, c := range root.Commands() {
		commands = append(commands, []string{c.Name()})
	}
	english := []string{"Usage:", "Flags:", "Available Commands", "Aliases:", "Examples:", "help for", "(default",
		" string ", " int ", "[flags]", "--src", "--out", "--paper", "--copies", "--folio-start", "--fillable", "--addr", "--output"}
	for _, cmd := range commands {
		for _, form := range [][]string{append(cmd, "--help"), append(cmd, "-h"), append([]string{"help"}, cmd...), append([]string{"ayuda"}, cmd...)} {
			code, stdout, stderr := run(t, form...)
			if code != ExitOK {
				t.Errorf("pauta %s: exit code %d\n%s", strings.Join(form, " "), code, stderr)
				continue
			}
			if !strings.Contains(stdout, "Uso:\n  pauta") || !helpFlag.MatchString(stdout) {
				t.Errorf("pauta %s: no Spanish usage:\n%s", strings.Join(form, " "), stdout)
			}
			for _, w := range english {
				if strings.Contains(stdout, w) {
					t.Errorf("pauta %s says %q:\n%s", strings.Join(form, " "), w, stdout)
				}
			}
		}
	}
	_, stdout, _ := run(t, "--help")
	for _, want := range []string{"Comandos:", "construir (build)", "revisar (check)", "servir (serve)", "lista (checklist)",
		"publicar (publish)", "comparar (diff)", "verificar (verify)", "iniciar (init)", "ayuda (help)",
		"Use «pauta [comando] --help» para más información sobre un comando."} {
		if !strings.Contains(stdout, want) {
			t.Errorf("pauta --help does not list %q:\n%s", want, stdout)
		}
	}
	_, stdout, _ = run(t, "lista", "--help")
	for _, want := range []string{"Opciones:", "Opciones globales:", "Ejemplos:", "También se escribe:\n  checklist",
		"  -o, --salida archivo", "--papel tamaño", "--copias número", "(predeterminado: 1)", "--folio-inicial número", "--rellenable",
		"--fuente carpeta", "(predeterminado: la carpeta actual)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("pauta lista --help does not show %q:\n%s", want, stdout)
		}
	}
}

func TestVersion(t *testing.T) {
	goLine := "Go: " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
	vcs := &debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.modified", Value: "true"}}}
	tests := []struct {
		name  string
		stamp Stamp
		bi    *debug.BuildInfo
		want  string
	}{
		{"release build", Stamp{Version: "v1.2.0", Commit: "a1b2c3d"}, vcs, "pauta v1.2.0\ncommit: a1b2c3d\n" + goLine},
		{"go install @version", Stamp{Version: "dev"}, &debug.BuildInfo{Main: debug.Module{Version: "v1.3.0"}},
			"pauta v1.3.0\ncommit: desconocido\n" + goLine},
		{"checkout build", Stamp{Version: "dev"}, vcs,
			"pauta dev (compilada desde el código fuente, sin número de versión)\ncommit: 0123abcd (con cambios sin confirmar)\n" + goLine},
		{"no build information", Stamp{}, nil, "pauta dev (compilada desde el código fuente, sin número de versión)\ncommit: desconocido\n" + goLine},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.stamp.describe(tt.bi); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
	stamp := Stamp{Version: "v9.9.9", Commit: "feedbeef"}
	for _, args := range [][]string{{"--version"}, {"version"}} {
		var out, errOut strings.Builder
		if code := Run(t.Context(), stamp, args, strings.NewReader(""), &out, &errOut); code != ExitOK {
			t.Fatalf("pauta %s: exit code %d: %s", args[0], code, errOut.String())
		}
		if want := "pauta v9.9.9\ncommit: feedbeef\n" + goLine + "\n"; out.String() != want {
			t.Errorf("pauta %s printed:\n%s\nwant:\n%s", args[0], out.String(), want)
		}
	}
}

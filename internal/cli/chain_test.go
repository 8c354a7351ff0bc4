package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// setDecreeLines points procedure.yaml at decree number of date.
func setDecreeLines(t *testing.T, yaml, number, date string) {
	t.Helper()
	b, err := os.ReadFile(yaml)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	for i, line := range lines {
		if strings.HasPrefix(line, "  number: ") {
			lines[i] = "  number: " + number
		} else if strings.HasPrefix(line, "  date: ") {
			lines[i] = "  date: " + date
		}
	}
	if err := os.WriteFile(yaml, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

func publishDecree(t *testing.T, want int, dir, number, date string) (stdout, stderr string) {
	t.Helper()
	setDecreeLines(t, filepath.Join(dir, "procedure.yaml"), number, date)
	code, stdout, stderr := run(t, "publish", "--src", dir, "--decreto", number, "--fecha", date)
	if code != want {
		t.Fatalf("publish %s %s: exit %d, want %d\n%s%s", number, date, code, want, stdout, stderr)
	}
	return stdout, stderr
}

// TestPublishThatWouldNotTakeEffect: issue 11's case. With 2025-3000 of 2025-12-05 in force,
// decree 2999 of the same day is refused with exit 1, naming 2025-3000, and nothing changes.
func TestPublishThatWouldNotTakeEffect(t *testing.T) {
	dir := newProject(t)
	publishDecree(t, ExitOK, dir, "3000", "2025-12-05")
	before := tree(t, dir)
	stdout, stderr := publishDecree(t, ExitSource, dir, "2999", "2025-12-05")
	if strings.Contains(stdout, "Publicada") || !strings.Contains(stderr, "2025-3000") || !strings.Contains(stderr, "No se modificó nada") {
		t.Errorf("stdout %q\nstderr %q", stdout, stderr)
	}
	setDecreeLines(t, filepath.Join(dir, "procedure.yaml"), "3000", "2025-12-05")
	if after := tree(t, dir); after != before {
		t.Errorf("the refused publication changed the project:\n%s\n%s", before, after)
	}
}

// TestPublishWarnsNumberBackwards: a lower number later in the same year is published, with a
// warning on standard error.
func TestPublishWarnsNumberBackwards(t *testing.T) {
	dir := newProject(t)
	publishDecree(t, ExitOK, dir, "3000", "2025-12-05")
	stdout, stderr := publishDecree(t, ExitOK, dir, "5", "2025-12-10")
	if !strings.Contains(stdout, "Publicada la versión 2025-5") || !strings.Contains(stderr, "pauta: aviso: el decreto N° 5") ||
		strings.Contains(stdout, "aviso") {
		t.Errorf("stdout %q\nstderr %q", stdout, stderr)
	}
}

// TestCheckRefusesWhatBuildRefuses: for each change to the published versions, check and
// build both exit 1 with the same error, naming the file to restore.
func TestCheckRefusesWhatBuildRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		want   string
	}{
		{"edited page", func(t *testing.T, dir string) {
			page := filepath.Join(dir, "content/versiones/2025-10/content/ayuda.md")
			os.Chmod(page, 0o644)
			os.WriteFile(page, []byte("# Ayuda\n\nOtro texto.\n"), 0o644)
		}, "content/versiones/2025-10/content/ayuda.md: la versión publicada 2025-10 fue modificada"},
		{"missing version", func(t *testing.T, dir string) {
			makeWritable(t, filepath.Join(dir, "content/versiones/2025-10"))
			os.RemoveAll(filepath.Join(dir, "content/versiones/2025-10"))
		}, "content/versiones/2025-10: falta la versión publicada 2025-10"},
		{"missing version in force", func(t *testing.T, dir string) {
			makeWritable(t, filepath.Join(dir, "content/versiones/2025-11"))
			os.RemoveAll(filepath.Join(dir, "content/versiones/2025-11"))
		}, "content/versiones/2025-11: falta la versión publicada 2025-11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := newProject(t)
			publishDecree(t, ExitOK, dir, "10", "2025-03-04")
			edit(t, filepath.Join(dir, "content/ayuda.md"), "Más texto.", "Más texto, de la segunda versión.")
			publishDecree(t, ExitOK, dir, "11", "2025-06-01")
			out := filepath.Join(t.TempDir(), "public")
			mustRun(t, ExitOK, "check", "--src", dir)
			mustRun(t, ExitOK, "build", "--src", dir, "--out", out)
			built := tree(t, out)
			tt.change(t, dir)
			_, _, checkErr := run(t, "check", "--src", dir)
			mustRun(t, ExitSource, "check", "--src", dir)
			_, _, buildErr := run(t, "build", "--src", dir, "--out", out)
			mustRun(t, ExitSource, "build", "--src", dir, "--out", out)
			if !strings.Contains(checkErr, tt.want) || checkErr != buildErr {
				t.Errorf("want %q in both\ncheck: %s\nbuild: %s", tt.want, checkErr, buildErr)
			}
			if tree(t, out) != built {
				t.Error("the refused build changed the site")
			}
		})
	}
}

// makeWritable lets a test delete a frozen folder, whose files are read-only.
func makeWritable(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err == nil {
			os.Chmod(p, 0o755)
		}
		return nil
	})
}

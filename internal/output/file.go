package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// WriteFile writes a file the user named (pauta checklist -o). What is at name decides how:
//
//   - a regular file, or nothing, is replaced in one step: the bytes go to a temporary file
//     beside it, renamed over it once whole, so a failed or killed run leaves it as it was;
//   - a symbolic link is followed, and the file it leads to is the one replaced;
//   - a device, a FIFO, or the process's own streams (/dev/stdout, /dev/fd/1) are written to
//     as they are: renaming over /dev/null would replace the machine's /dev/null.
//
// Temporary files of earlier runs that were killed are removed from the folder first.
func WriteFile(name string, write func(io.Writer) error) error {
	if isOwnStream(name) {
		// Appending keeps what a shell's >> put before; after a > there is nothing before.
		return writeDirect(name, os.O_WRONLY|os.O_APPEND, write)
	}
	info, err := os.Stat(name)
	if err == nil && info.IsDir() {
		return fmt.Errorf("%s: %w", name, ErrIsFolder)
	}
	if err == nil && !info.Mode().IsRegular() {
		return writeDirect(name, os.O_WRONLY, write)
	}
	real, err := resolveLink(filepath.Clean(name))
	if err != nil {
		return err
	}
	dir := filepath.Dir(real)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("%w %s para escribir %s: créela o indique otra ruta", ErrNoFolder, dir, name)
	}
	removeTemps(dir, time.Now())
	perm := fs.FileMode(0o644)
	if info, err := os.Stat(real); err == nil && info.Mode().IsRegular() {
		perm = info.Mode().Perm() // the user's choice of mode outlives the rewrite
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(real)+tempInfix+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return fmt.Errorf("creating %s: %w", name, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	// On disk before its name is: a power cut after the rename must not leave half a file.
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), real); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return syncDir(dir)
}

// ErrNoFolder is returned when the folder of a file to write does not exist.
var ErrNoFolder = errors.New("no existe la carpeta")

// ErrIsFolder is returned when the file to write is a folder.
var ErrIsFolder = errors.New("es una carpeta, no un archivo: indique el nombre del archivo a escribir")

// tempInfix marks WriteFile's temporary files: ".lista.pdf.pauta-tmp-<pid>-<random>".
const tempInfix = ".pauta-tmp-"

// tempMaxAge is the age past which a temporary file is removed even when the process that
// wrote it cannot be told dead: a run writes its file steadily, so an untouched one is
// abandoned.
const tempMaxAge = 24 * time.Hour

// isOwnStream reports whether name is one of the process's own open files, which a rename
// would not reach and which may be a pipe.
func isOwnStream(name string) bool {
	name = filepath.ToSlash(filepath.Clean(name))
	switch name {
	case "/dev/stdout", "/dev/stderr":
		return true
	}
	for _, dir := range []string{"/dev/fd/", "/proc/self/fd/"} {
		if n, ok := strings.CutPrefix(name, dir); ok {
			_, err := strconv.Atoi(n)
			return err == nil
		}
	}
	return false
}

func writeDirect(name string, flag int, write func(io.Writer) error) error {
	f, err := os.OpenFile(name, flag, 0)
	if err != nil {
		return fmt.Errorf("opening %s: %w", name, err)
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// removeTemps removes the temporary files in dir left by runs that died before their rename:
// those whose process no longer runs, or untouched for tempMaxAge.
func removeTemps(dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, ok := tempOwner(e.Name())
		if !ok || !e.Type().IsRegular() || pid == os.Getpid() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		if !alive(pid) || now.Sub(info.ModTime()) > tempMaxAge {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// tempOwner returns the process id in the name of one of WriteFile's temporary files.
func tempOwner(name string) (int, bool) {
	if !strings.HasPrefix(name, ".") {
		return 0, false
	}
	i := strings.LastIndex(name, tempInfix)
	if i < 0 {
		return 0, false
	}
	pid, random, ok := strings.Cut(name[i+len(tempInfix):], "-")
	if !ok || random == "" {
		return 0, false
	}
	n, err := strconv.Atoi(pid)
	if err != nil || n <= 0 {
		return 0, false
	}
	for _, c := range random {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return n, true
}

package serve

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Reasons a file of the project is not read, in the words the author sees.
var (
	ErrOutside    = errors.New("es un enlace simbólico que lleva fuera de la carpeta del proyecto; pauta no lo lee: copie el archivo dentro del proyecto")
	ErrNotRegular = errors.New("no es un archivo común (es un dispositivo, una tubería o un socket); pauta no lo lee: reemplácelo por un archivo")
)

// ProjectFS is the project folder dir as the preview reads it: only regular files and folders
// inside dir. A symbolic link is followed only when it leads to somewhere inside dir, so a
// link to /etc/passwd is never rendered into a page the preview serves; a FIFO or a device,
// which would hang or exhaust a build, is refused before it is opened.
func ProjectFS(dir string) (fs.FS, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	root, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	return projectFS{root: root}, nil
}

type projectFS struct{ root string } // absolute, with no link in it

func (p projectFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	real, err := filepath.EvalSymlinks(filepath.Join(p.root, filepath.FromSlash(name)))
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: underlying(err)}
	}
	if real != p.root && !strings.HasPrefix(real, p.root+string(filepath.Separator)) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrOutside}
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: underlying(err)}
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	f, err := os.Open(real)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: underlying(err)}
	}
	return f, nil
}

// underlying strips the absolute path from an *fs.PathError, so messages name the file as the
// project does.
func underlying(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Package projectfs is the project folder as pauta reads it: every file stays inside the
// folder, is a regular file (or a folder) and has a bounded size. A symbolic link that leads
// out of the project (content/x.md -> /etc/passwd), a named pipe that would block the build
// for ever, a device such as /dev/zero that never ends: each is refused by name, as a
// mistake in the source, before a byte of it is read. The rest of pauta reads the project
// through the fs.FS this package returns and needs to know nothing of it.
package projectfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/requinoa/pauta/internal/procedure"
)

// MaxFileSize bounds every file read from a project: procedure.yaml's own limit, the largest.
// A real project's files are kilobytes; images of a theme, a few hundred.
const MaxFileSize = procedure.MaxSourceSize

// FS reads the project in one folder. It implements fs.FS, fs.StatFS and fs.ReadDirFS.
type FS struct {
	root  string // as given, for messages
	real  string // root with its own links resolved: a project may itself be reached by one
	limit int64
}

// New returns the project in folder root, reading files of at most MaxFileSize bytes.
func New(root string) *FS { return NewLimit(root, MaxFileSize) }

// NewLimit is New with another size limit.
func NewLimit(root string, limit int64) *FS {
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		// The folder does not exist or cannot be read: Open says so for each file.
		real = root
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	return &FS{root: root, real: real, limit: limit}
}

// Open opens name, a slash-separated path inside the project.
func (f *FS) Open(name string) (fs.File, error) {
	real, err := f.resolve("open", name)
	if err != nil {
		return nil, err
	}
	file, err := os.OpenFile(real, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: unwrapPath(err)}
	}
	// The kind is checked on the open file, not only on the path: what was checked cannot be
	// swapped for a pipe in between, and opening a pipe does not wait for a writer.
	info, err := file.Stat()
	if err != nil {
		file.Close()
		return nil, &fs.PathError{Op: "stat", Path: name, Err: unwrapPath(err)}
	}
	if info.IsDir() {
		return file, nil
	}
	if err := f.regular(name, info); err != nil {
		file.Close()
		return nil, err
	}
	return &limited{file: file, name: name, limit: f.limit}, nil
}

// Stat returns what Open would open.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	real, err := f.resolve("stat", name)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: unwrapPath(err)}
	}
	if !info.IsDir() {
		if err := f.regular(name, info); err != nil {
			return nil, err
		}
	}
	return info, nil
}

// ReadDir lists a folder of the project.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	real, err := f.resolve("readdir", name)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: unwrapPath(err)}
	}
	return entries, nil
}

// resolve follows the links of every part of name and returns the real path, refusing one
// that ends outside the project.
func (f *FS) resolve(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	path := filepath.Join(f.real, filepath.FromSlash(name))
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", &fs.PathError{Op: op, Path: name, Err: unwrapPath(err)}
	}
	if real, err = filepath.Abs(real); err != nil {
		return "", &fs.PathError{Op: op, Path: name, Err: err}
	}
	if !inside(f.real, real) {
		return "", sourceError(name, fmt.Sprintf("es un enlace simbólico que lleva fuera del proyecto, a %s", real),
			"pauta solo lee archivos de la carpeta del proyecto: copie el archivo dentro de ella en vez de enlazarlo")
	}
	return real, nil
}

func inside(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// regular refuses anything but a regular file within the size limit.
func (f *FS) regular(name string, info fs.FileInfo) error {
	if !info.Mode().IsRegular() {
		return sourceError(name, "no es un archivo común sino "+kind(info.Mode()),
			"reemplácelo por un archivo común o sáquelo de la carpeta del proyecto")
	}
	if info.Size() > f.limit {
		return tooBig(name, f.limit)
	}
	return nil
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "una tubería con nombre (FIFO), que dejaría a pauta esperando"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "un dispositivo"
	case m&fs.ModeSocket != 0:
		return "un socket"
	}
	return "un archivo especial"
}

func tooBig(name string, limit int64) error {
	return sourceError(name, fmt.Sprintf("pesa más de %s", size(limit)),
		"pauta lee archivos de hasta "+size(limit)+": revise que sea el archivo correcto o divídalo")
}

func size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// sourceError is a refusal the author must fix, reported like the source's other mistakes:
// with the file's name, exit code 1.
func sourceError(name, msg, hint string) error {
	return procedure.ErrorList{{File: name, Msg: msg, Hint: hint}}
}

// unwrapPath drops the *PathError os gives, which names the real path; the caller names the
// file as the project does.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// limited is an open regular file that refuses to be read past the limit: a file that grows
// while it is read is cut off by its name, not read until memory runs out.
// It has only the methods of fs.File, so that nothing (io.Copy through WriteTo, ReadAt) reads
// around Read.
type limited struct {
	file  *os.File
	name  string
	limit int64
	read  int64
}

func (l *limited) Read(b []byte) (int, error) {
	if l.read >= l.limit {
		// One byte more tells a file of exactly the limit from a longer one.
		var one [1]byte
		if n, _ := l.file.Read(one[:]); n > 0 {
			return 0, tooBig(l.name, l.limit)
		}
		return 0, io.EOF
	}
	if int64(len(b)) > l.limit-l.read {
		b = b[:l.limit-l.read]
	}
	n, err := l.file.Read(b)
	l.read += int64(n)
	return n, err
}

func (l *limited) Stat() (fs.FileInfo, error) { return l.file.Stat() }
func (l *limited) Close() error               { return l.file.Close() }

var (
	_ fs.StatFS    = (*FS)(nil)
	_ fs.ReadDirFS = (*FS)(nil)
)

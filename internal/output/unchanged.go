package output

import (
	"bytes"
	"errors"
	"io"
	"os"
)

// A file of the new output that has the same bytes as the file of the same name in the
// previous output is not written again: the staging folder gets a hard link to the previous
// file. The file keeps its date, so rsync and web caches see it unchanged; the build skips
// writing and flushing it, and removing the previous output after the swap frees nothing.
// Where hard links are refused (another file system, a share that lacks them) the file is
// written as any other.

// fileWriter writes one file of the staging folder. While what is written matches the
// previous file, it only compares; at the first difference it creates the file and copies
// the common beginning from the previous one.
type fileWriter struct {
	full string   // the file in the staging folder
	prev *os.File // the previous output's file while the two match; nil once they differ
	same int64    // bytes found the same so far
	buf  []byte   // what is read from prev to compare
	f    *os.File // the file, once created
}

// newFileWriter writes full, comparing it with prevPath when that is a regular file of the
// previous output with the mode the stage gives its files. A symbolic link the user put
// there is not one (a hard link to it would bring the link itself into the new output), nor
// a file with other names (the new output would share it with them).
func newFileWriter(full, prevPath string) *fileWriter {
	w := &fileWriter{full: full}
	if prevPath == "" {
		return w
	}
	if info, err := os.Lstat(prevPath); err != nil || !info.Mode().IsRegular() || otherNames(info) {
		return w
	}
	prev, err := os.Open(prevPath)
	if err != nil {
		return w
	}
	if info, err := prev.Stat(); err != nil || !info.Mode().IsRegular() || info.Mode().Perm() != fileMode {
		prev.Close()
		return w
	}
	w.prev = prev
	return w
}

// fileMode is the mode of the files of a build.
const fileMode = 0o644

func (w *fileWriter) Write(p []byte) (int, error) {
	if w.prev != nil {
		n, err := w.compare(p)
		if err == nil && n == len(p) {
			return n, nil
		}
		if err := w.create(); err != nil {
			return 0, err
		}
		p = p[n:]
		if _, err := w.f.Write(p); err != nil {
			return 0, err
		}
		return n + len(p), nil
	}
	if w.f == nil {
		if err := w.create(); err != nil {
			return 0, err
		}
	}
	return w.f.Write(p)
}

// compare reads from prev what p should match, and returns how much of p does. It reads in
// pieces of its buffer's size: one write may carry a whole page.
func (w *fileWriter) compare(p []byte) (int, error) {
	if w.buf == nil {
		w.buf = make([]byte, 64<<10)
	}
	n := 0
	for n < len(p) {
		chunk := p[n:min(len(p), n+len(w.buf))]
		got, err := io.ReadFull(w.prev, w.buf[:len(chunk)])
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
			return n, err
		}
		if got == len(chunk) && bytes.Equal(w.buf[:got], chunk) {
			n += got
			w.same += int64(got)
			continue
		}
		k := 0
		for k < got && w.buf[k] == chunk[k] {
			k++
		}
		w.same += int64(k)
		return n + k, nil
	}
	return n, nil
}

// create creates the file and copies into it the beginning it has in common with prev.
func (w *fileWriter) create() error {
	f, err := os.OpenFile(w.full, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, fileMode)
	if err != nil {
		return err
	}
	w.f = f
	if w.prev == nil {
		return nil
	}
	prev := w.prev
	w.prev = nil
	defer prev.Close()
	_, err = io.Copy(f, io.NewSectionReader(prev, 0, w.same))
	return err
}

// finish ends the file. It returns the file to flush, or nil when the file is a link to the
// previous one, already on disk.
func (w *fileWriter) finish() (*os.File, error) {
	if w.prev != nil {
		var one [1]byte
		if n, _ := w.prev.Read(one[:]); n == 0 && w.link() {
			w.prev.Close()
			w.prev = nil
			return nil, nil
		}
		// The previous file goes on, or cannot be linked: write what was found the same.
		if err := w.create(); err != nil {
			return nil, err
		}
	}
	if w.f == nil {
		if err := w.create(); err != nil {
			return nil, err
		}
	}
	return w.f, nil
}

// link gives the staging folder a name for the file compared through prev. A link is made by
// path, and the path may have come to name another file since it was opened (one a user put
// there); the new name is kept only when it names the very file compared.
func (w *fileWriter) link() bool {
	if os.Link(w.prev.Name(), w.full) != nil {
		return false
	}
	compared, err := w.prev.Stat()
	if err != nil {
		os.Remove(w.full)
		return false
	}
	if linked, err := os.Lstat(w.full); err != nil || !os.SameFile(compared, linked) {
		os.Remove(w.full)
		return false
	}
	return true
}

// abandon closes what is open after a failed write.
func (w *fileWriter) abandon() {
	if w.prev != nil {
		w.prev.Close()
	}
	if w.f != nil {
		w.f.Close()
	}
}

// Package output writes a built site to its folder atomically: everything goes into a fresh
// folder beside the target, which then takes the target's place in one step. A failed or killed
// build leaves the earlier output as it was, and nothing stale survives from an earlier build.
// A file whose bytes did not change since the previous build is kept as it was (see
// fileWriter). Builds of one folder take turns (see acquire), and a folder given through a
// symbolic link is replaced where the link leads. WriteFile writes the single files a user
// names, such as a checklist.
package output

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Marker is the file that identifies a folder pauta wrote, so a mistaken --out never replaces a
// folder of the user's own. Its text tells a built site from a comparison (see Kind).
const Marker = ".pauta-output"

// Kind is what a folder holds: pauta diff writes its comparison only where no site is.
type Kind int

const (
	// Site is what pauta build writes: the published record, replaced only by another build.
	Site Kind = iota
	// Comparison is what pauta diff writes; it never replaces a Site.
	Comparison
	// Register is what pauta registro writes; it replaces only a register.
	Register
)

// markerText is what the marker of each kind of folder says.
func (k Kind) markerText() []byte {
	if k == Comparison {
		return []byte("This folder is written by pauta diff and replaced whole on every comparison.\n")
	}
	if k == Register {
		return []byte("This folder is written by pauta registro and replaced whole on every register.\n")
	}
	return []byte("This folder is written by pauta build and replaced whole on every build.\n")
}

// ErrSite is returned when a comparison would replace a folder holding a built site.
var ErrSite = errors.New("la carpeta tiene un sitio construido por pauta")

// stagingPrefix names the temporary folders beside the target; leftovers of a killed build are
// removed by the next one.
const stagingPrefix = ".pauta-staging-"

// Files is a built site: slash-separated relative paths and their contents.
type Files map[string][]byte

// Paths returns the file names in sorted order, so every walk over a site is deterministic.
func (f Files) Paths() []string {
	paths := make([]string, 0, len(f))
	for p := range f {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// ErrNotOurs is returned when the target holds files pauta did not write.
var ErrNotOurs = errors.New("la carpeta no fue escrita por pauta")

// Write replaces the folder target with files of the given kind. The target's parent must
// exist or be creatable.
func Write(ctx context.Context, target string, kind Kind, files Files) error {
	st, err := NewStage(ctx, target, kind)
	if err != nil {
		return err
	}
	for _, p := range files.Paths() {
		if err := st.Put(p, files[p]); err != nil {
			st.Abort()
			return err
		}
	}
	return st.Commit()
}

// Stage is a site being written: each file goes to a staging folder beside the target as soon
// as it is rendered, so a build never holds the whole site in memory; Commit puts the folder
// in the target's place, Abort removes it. Put and Write may be called from several goroutines.
//
// A power cut after the swap must not leave the target naming half-written files, so Commit
// flushes every file to disk first (see flushFiles). The system is asked to start writing each
// file as soon as it is whole (startWriteback), while the rest of the site is rendered, and
// the flushes are all asked for at once at the end: waiting side by side, they are served by
// a few commits of the file system's journal rather than one each.
type Stage struct {
	target, parent, dir string
	prev                string // the previous output, when there is one: target itself
	kind                Kind
	lock                *lock // held from NewStage until Commit or Abort ends

	mu      sync.Mutex
	count   int
	kept    int
	done    bool
	written []string // the files to flush before the swap
}

// NewStage checks that target may be replaced and creates the staging folder beside it. It
// first locks target, waiting for another build of it to finish as ctx says (see
// WithLockWait); the lock is held until Commit or Abort. When target is a symbolic link, the
// folder it leads to is the one replaced, and the link stays.
func NewStage(ctx context.Context, target string, kind Kind) (*Stage, error) {
	target, err := resolveLink(filepath.Clean(target))
	if err != nil {
		return nil, err
	}
	// Refused before anything is created beside a folder of the user's own.
	if err := checkReplaceable(target, kind); err != nil {
		return nil, err
	}
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	lk, err := acquire(ctx, target)
	if err != nil {
		return nil, err
	}
	st, err := newStage(target, parent, kind)
	if err != nil {
		lk.release()
		return nil, err
	}
	st.lock = lk
	return st, nil
}

// newStage makes the staging folder; the caller holds target's lock.
func newStage(target, parent string, kind Kind) (*Stage, error) {
	// Again under the lock: the build that held it may have just made target.
	if err := checkReplaceable(target, kind); err != nil {
		return nil, err
	}
	removeLeftovers(parent, filepath.Base(target))
	dir, err := os.MkdirTemp(parent, stagingPrefix+filepath.Base(target)+"-")
	if err != nil {
		return nil, fmt.Errorf("creating staging folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("staging folder: %w", err)
	}
	st := &Stage{target: target, parent: parent, dir: dir, kind: kind}
	if info, err := os.Stat(target); err == nil && info.IsDir() {
		st.prev = target
	}
	return st, nil
}

// Target is the folder the stage replaces: the one asked for, or where its link leads.
func (st *Stage) Target() string { return st.target }

// Put writes one file of the site; name is a slash-separated path relative to the site root.
func (st *Stage) Put(name string, data []byte) error {
	return st.Write(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write writes one file of the site with write, so a large file need not be in memory whole.
func (st *Stage) Write(name string, write func(io.Writer) error) error {
	if !fs.ValidPath(name) || strings.Contains(name, "\\") || name == Marker {
		return fmt.Errorf("invalid output path %q", name)
	}
	if err := st.write(name, write); err != nil {
		return err
	}
	st.mu.Lock()
	st.count++
	st.mu.Unlock()
	return nil
}

// buffers are the write buffers of the files being written: a site has tens of files, and a
// build that collects no garbage (see gcbudget) would otherwise hold a buffer for each.
var buffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// write writes a file of the staging folder and starts writing it to disk; a file the same as
// in the previous output becomes a link to it instead (see fileWriter).
func (st *Stage) write(name string, write func(io.Writer) error) error {
	full := filepath.Join(st.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	prev := ""
	if st.prev != "" {
		prev = filepath.Join(st.prev, filepath.FromSlash(name))
	}
	fw := newFileWriter(full, prev)
	bw := buffers.Get().(*bufio.Writer)
	bw.Reset(fw)
	err := write(bw)
	if err == nil {
		err = bw.Flush()
	}
	bw.Reset(nil)
	buffers.Put(bw)
	var f *os.File
	if err == nil {
		f, err = fw.finish()
	}
	if err != nil {
		fw.abandon()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if f == nil {
		st.mu.Lock()
		st.kept++ // linked to the previous output's file, which is on disk
		st.mu.Unlock()
		return nil
	}
	startWriteback(f)
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	st.mu.Lock()
	st.written = append(st.written, full)
	st.mu.Unlock()
	return nil
}

// flushers bounds the flushes in flight, each holding an OS thread while it waits.
const flushers = 64

// flushFiles flushes the files to disk, side by side. A file is opened again for it: holding
// every file open until the end would run into the limit of open files on a large site.
func flushFiles(files []string) error {
	var g errgroup.Group
	g.SetLimit(flushers)
	for _, name := range files {
		g.Go(func() error {
			// Writable: Windows flushes only a file opened for writing.
			f, err := os.OpenFile(name, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			err = f.Sync()
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			return err
		})
	}
	return g.Wait()
}

// Count is the number of files put so far.
func (st *Stage) Count() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.count
}

// Kept is the number of files so far that are the same as in the previous output and were
// kept as they were.
func (st *Stage) Kept() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.kept
}

// Abort removes the staging folder; the target is left as it was.
func (st *Stage) Abort() {
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.done {
		st.done = true
		os.RemoveAll(st.dir)
		st.lock.release()
	}
}

// Commit replaces the target with the staged site.
func (st *Stage) Commit() error {
	marker := st.kind.markerText()
	if err := st.write(Marker, func(w io.Writer) error { _, err := w.Write(marker); return err }); err != nil {
		st.Abort()
		return err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.done {
		return errors.New("output: stage already committed or aborted")
	}
	st.done = true
	defer st.lock.release()
	// Until the swap, the staging folder is ours to remove on any failure.
	swapped := false
	defer func() {
		if !swapped {
			os.RemoveAll(st.dir)
		}
	}()
	if err := flushFiles(st.written); err != nil {
		return fmt.Errorf("flushing %s: %w", st.dir, err)
	}
	// The files are on disk; their names must be too before the swap.
	if err := syncDirs(st.dir); err != nil {
		return fmt.Errorf("flushing %s: %w", st.dir, err)
	}
	if err := swap(st.dir, st.target); err != nil {
		return fmt.Errorf("replacing %s: %w", st.target, err)
	}
	swapped = true
	// After the swap the staging path holds the previous output (or nothing).
	if err := os.RemoveAll(st.dir); err != nil {
		return &LeftoverError{Target: st.target, Dir: st.dir, Err: err}
	}
	return syncDir(st.parent)
}

// LeftoverError is a build that replaced the target but could not remove the previous output,
// left in Dir; the next build tries again.
type LeftoverError struct {
	Target, Dir string
	Err         error
}

func (e *LeftoverError) Error() string {
	return fmt.Sprintf("%s replaced, but removing the previous output %s: %v", e.Target, e.Dir, e.Err)
}

func (e *LeftoverError) Unwrap() error { return e.Err }

func checkReplaceable(target string, kind Kind) error {
	info, err := os.Stat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s: %w (es un archivo)", target, ErrNotOurs)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	marker, err := os.ReadFile(filepath.Join(target, Marker))
	if err != nil {
		return fmt.Errorf("%s: %w", target, ErrNotOurs)
	}
	if kind == Comparison && !bytes.Equal(marker, Comparison.markerText()) {
		return fmt.Errorf("%s: %w", target, ErrSite)
	}
	if kind == Register && !bytes.Equal(marker, Register.markerText()) {
		return fmt.Errorf("%s: %w", target, ErrNotOurs)
	}
	return nil
}

// syncDirs flushes every folder under dir, dir included.
func syncDirs(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		return syncDir(p)
	})
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// removeLeftovers deletes staging folders of earlier builds of base that were killed before
// their swap. The caller holds base's lock, so none of them belongs to a live build; a name
// is matched whole, so the staging folder of another target ("public-2" beside "public") is
// never taken for one.
func removeLeftovers(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	// A build killed between the two renames of swapByRenames left the target missing and
	// the previous output under its aside name: that is put back before anything is swept.
	if _, err := os.Lstat(filepath.Join(parent, base)); errors.Is(err, fs.ErrNotExist) {
		for _, e := range entries {
			if e.IsDir() && strings.HasSuffix(e.Name(), ".old") && isStagingOf(e.Name(), base) {
				if os.Rename(filepath.Join(parent, e.Name()), filepath.Join(parent, base)) == nil {
					break
				}
			}
		}
	}
	for _, e := range entries {
		if e.IsDir() && isStagingOf(e.Name(), base) {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// isStagingOf reports whether name is a staging folder of base as NewStage makes them
// (os.MkdirTemp's random part is decimal digits), or the aside name swapByRenames gives the
// previous output for a moment.
func isStagingOf(name, base string) bool {
	rest, ok := strings.CutPrefix(name, stagingPrefix+base+"-")
	if !ok {
		return false
	}
	rest = strings.TrimSuffix(rest, ".old")
	if rest == "" {
		return false
	}
	for _, c := range rest {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// resolveLink follows name while it is a symbolic link, also when the last one leads to
// nothing yet, and returns where it ends: replacing that keeps the links. A missing name is
// returned as it is, to be created.
func resolveLink(name string) (string, error) {
	for range 40 {
		info, err := os.Lstat(name)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return name, nil
		}
		to, err := os.Readlink(name)
		if err != nil {
			return "", fmt.Errorf("reading link %s: %w", name, err)
		}
		if !filepath.IsAbs(to) {
			// Relative to the folder the link is in, as the system reads it, even when that
			// folder is itself reached through a link.
			dir, err := filepath.EvalSymlinks(filepath.Dir(name))
			if err != nil {
				return "", fmt.Errorf("reading link %s: %w", name, err)
			}
			to = filepath.Join(dir, to)
		}
		name = filepath.Clean(to)
	}
	return "", fmt.Errorf("%s: demasiados enlaces simbólicos encadenados", name)
}

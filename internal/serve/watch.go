package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settleTime is how long the watcher waits after the last change before it rebuilds: an editor
// that saves by writing a temporary file and renaming it over the original sends three or four
// events within a millisecond, and they must give one rebuild, not four.
const settleTime = 25 * time.Millisecond

// maxSettle bounds the wait while changes keep coming (a checkout, a copied folder), so the
// page still follows.
const maxSettle = 250 * time.Millisecond

// pollEvery is the fallback's interval, used only when the system cannot notify changes.
const pollEvery = 300 * time.Millisecond

// skipDirs are the folders of a project that pauta writes itself or that are not the source:
// a build into public/ while serving must not trigger a rebuild.
var skipDirs = map[string]bool{"public": true, "borrador": true, "node_modules": true}

// ignored reports whether a change to rel (slash-separated, relative to the project root)
// cannot change the site: pauta's own output folders, hidden files and folders (.git, staging
// folders, locks, editor swap files) and the backups and probes editors leave beside a file.
func ignored(rel string) bool {
	if rel == "." {
		return false
	}
	parts := strings.Split(rel, "/")
	if skipDirs[parts[0]] {
		return true // also the folder itself, swapped in and out by a build
	}
	for _, p := range parts {
		if strings.HasPrefix(p, ".") {
			return true
		}
	}
	base := parts[len(parts)-1]
	return strings.HasSuffix(base, "~") || // emacs, gedit, nano backups
		(strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#")) || // emacs autosave
		base == "4913" || // vim's probe of whether the folder is writable
		strings.HasSuffix(base, ".tmp") || strings.HasSuffix(base, ".swp") ||
		strings.Contains(base, "___jb_") // JetBrains safe write
}

// Watcher tells a Server to rebuild when a file of the project changes.
type Watcher struct {
	s    *Server
	root string
	fsw  *fsnotify.Watcher // nil when polling
	// When polling: how often, and the state last seen.
	every time.Duration
	last  string
}

// Watch starts watching the project folder root, its sub-folders and those created later. It
// returns once the folders are watched, so an edit made after it returns is never missed. When
// the system refuses to notify changes (too many folders for its limit, a file system without
// notifications), it says so and falls back to polling every pollEvery.
func (s *Server) Watch(root string) *Watcher {
	w := &Watcher{s: s, root: filepath.Clean(root)}
	fsw, err := fsnotify.NewWatcher()
	if err == nil {
		if err = w.addTree(fsw, w.root); err != nil {
			fsw.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(s.logOut, "pauta servir: el sistema no avisa de los cambios (%v); se revisa la carpeta cada %s\n",
			err, pollEvery)
		return s.watchPolling(root, pollEvery)
	}
	w.fsw = fsw
	return w
}

// watchPolling watches root by comparing, every so often, the names, sizes and times of its
// files with those seen now.
func (s *Server) watchPolling(root string, every time.Duration) *Watcher {
	w := &Watcher{s: s, root: filepath.Clean(root), every: every}
	w.last = w.snapshot()
	return w
}

// addTree watches dir and every folder under it that is not ignored. Links to folders are not
// followed: what they lead to is not part of the project.
func (w *Watcher) addTree(fsw *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // removed while walking, or unreadable: nothing to watch there
		}
		if !d.IsDir() {
			return nil
		}
		if ignored(w.rel(p)) {
			return fs.SkipDir
		}
		if err := fsw.Add(p); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		return nil
	})
}

func (w *Watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// Run rebuilds after each change until ctx ends.
func (w *Watcher) Run(ctx context.Context) {
	if w.fsw == nil {
		w.poll(ctx)
		return
	}
	defer w.fsw.Close()
	var settle <-chan time.Time // nil while nothing is pending
	var first time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if !w.relevant(ev) {
				continue
			}
			now := time.Now()
			if settle == nil {
				first = now
			}
			wait := min(settleTime, maxSettle-now.Sub(first))
			settle = time.After(max(wait, 0))
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: rebuild, as something changed.
				if settle == nil {
					first = time.Now()
				}
				settle = time.After(settleTime)
				continue
			}
			fmt.Fprintf(w.s.logOut, "pauta servir: aviso del sistema de archivos: %v\n", err)
		case <-settle:
			settle = nil
			w.s.Rebuild(ctx)
		}
	}
}

// relevant reports whether ev can change the site, and starts watching a folder just created.
func (w *Watcher) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false // a touch, an indexer or an antivirus; the content is the same
	}
	if ignored(w.rel(ev.Name)) {
		return false
	}
	if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() && ev.Has(fsnotify.Create) {
		// A new folder (content/nueva/ or one moved in) may hold files already.
		if err := w.addTree(w.fsw, ev.Name); err != nil {
			fmt.Fprintf(w.s.logOut, "pauta servir: no se puede vigilar %s: %v\n", ev.Name, err)
		}
	}
	return true
}

// poll rebuilds when the names, sizes or times of the project's files change.
func (w *Watcher) poll(ctx context.Context) {
	t := time.NewTicker(w.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if now := w.snapshot(); now != w.last {
				w.last = now
				w.s.Rebuild(ctx)
			}
		}
	}
}

// snapshot summarises names, sizes and times of the files that are not ignored.
func (w *Watcher) snapshot() string {
	var lines []string
	filepath.WalkDir(w.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if ignored(w.rel(p)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if info, err := d.Info(); err == nil && !d.IsDir() {
			lines = append(lines, fmt.Sprintf("%s %d %d", p, info.Size(), info.ModTime().UnixNano()))
		}
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// Package serve previews a project while it is edited: it serves the last good build from
// memory on a local address, rebuilds when the source or theme changes, and tells open pages
// to reload, or to show the positioned error of a broken edit while the last good site stays up.
package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/requinoa/pauta/internal/output"
)

// ReloadScript is the address of the live-reload script the server adds to every page; from
// the root, so pages in sub-folders find it too.
const ReloadScript = "/_pauta/reload.js"

// BuildFunc renders the project into files, or returns why it cannot.
type BuildFunc func(ctx context.Context) (output.Files, error)

// Server holds the last good site and the state of the last build.
type Server struct {
	build  BuildFunc
	logOut io.Writer

	mu      sync.Mutex
	files   output.Files
	gen     int    // increases on every build, good or bad
	lastErr string // "" when the last build succeeded
	changed chan struct{}
}

// New returns a server that builds with build and logs to logOut.
func New(build BuildFunc, logOut io.Writer) *Server {
	return &Server{build: build, logOut: logOut, changed: make(chan struct{})}
}

// Rebuild runs one build; on failure the last good files stay and the error is published.
func (s *Server) Rebuild(ctx context.Context) error {
	files, err := s.build(ctx)
	s.mu.Lock()
	s.gen++
	if err != nil {
		s.lastErr = err.Error()
	} else {
		s.files, s.lastErr = files, ""
	}
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
	if err != nil {
		fmt.Fprintf(s.logOut, "pauta serve: la edición tiene errores; se sigue sirviendo la última versión buena:\n%v\n", err)
	} else {
		fmt.Fprintf(s.logOut, "pauta serve: sitio reconstruido (%d archivos)\n", len(files))
	}
	return err
}

// Handler serves the site, the reload script and the change events.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/_pauta/events", s.events)
	mux.HandleFunc(ReloadScript, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, reloadJS)
	})
	mux.HandleFunc("/", s.file)
	return mux
}

func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	s.mu.Lock()
	b, ok := s.files[name]
	broken := s.files == nil && s.lastErr != ""
	lastErr := s.lastErr
	s.mu.Unlock()
	if broken && path.Ext(name) == ".html" {
		// No good build yet: an error page that reloads itself once the edit is fixed.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html lang=\"es\"><meta charset=\"utf-8\"><title>Error en el procedimiento</title>"+
			"<h1>El procedimiento tiene errores</h1><pre>%s</pre><script src=\"%s\"></script></html>",
			html.EscapeString(lastErr), ReloadScript)
		return
	}
	if !ok {
		http.Error(w, "404: no existe "+name, http.StatusNotFound)
		return
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b)
}

// events streams the build state as server-sent events: {"gen": n, "error": "..."}.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	for {
		s.mu.Lock()
		msg, _ := json.Marshal(map[string]any{"gen": s.gen, "error": s.lastErr})
		changed := s.changed
		s.mu.Unlock()
		fmt.Fprintf(w, "data: %s\n\n", msg)
		flusher.Flush()
		select {
		case <-changed:
		case <-r.Context().Done():
			return
		}
	}
}

// Watch rebuilds whenever a file under dir changes, until ctx ends. It polls modification
// times and sizes: portable, with no dependency, and cheap for a project of a few files.
func (s *Server) Watch(ctx context.Context, dirs []string, every time.Duration) {
	last := snapshot(dirs)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			now := snapshot(dirs)
			if now != last {
				last = now
				s.Rebuild(ctx)
			}
		}
	}
}

// snapshot summarises names, sizes and times of the files under dirs, skipping output and
// hidden folders.
func snapshot(dirs []string) string {
	var lines []string
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "public" || d.Name() == "node_modules") {
				return fs.SkipDir
			}
			if info, err := d.Info(); err == nil && !d.IsDir() {
				lines = append(lines, fmt.Sprintf("%s %d %d", p, info.Size(), info.ModTime().UnixNano()))
			}
			return nil
		})
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// ListenAndServe serves on addr until ctx ends. addr must be a loopback address: the preview
// is for the person editing, not the network.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(url string)) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("%s no es una dirección local; use 127.0.0.1", host)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		// Event streams never end on their own; end them with the request's server.
		BaseContext: func(net.Listener) context.Context { return ctx }}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if ready != nil {
		ready("http://" + ln.Addr().String() + "/")
	}
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// reloadJS reloads the page after a good build and shows a broken build's errors over it.
const reloadJS = `(function () {
  "use strict";
  var first = null, box = null;
  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:50vh;overflow:auto;" +
        "background:#fff;color:#7a0000;border:3px solid #a61b1b;padding:1rem;z-index:1000;" +
        "font:14px/1.4 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "La última edición tiene errores; se muestra la última versión buena.\n\n" + text;
  }
  var es = new EventSource("/_pauta/events");
  es.onmessage = function (e) {
    var m = JSON.parse(e.data);
    if (first === null) { first = m.gen; if (m.error) show(m.error); return; }
    if (m.gen === first) return;
    if (m.error) { show(m.error); return; }
    location.reload();
  };
})();
`

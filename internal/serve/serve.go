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
	"mime"
	"net"
	"net/http"
	"path"
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
	// streams counts the event streams ever opened; opened is closed and replaced on each,
	// so a test or a benchmark can wait for a page to be listening.
	streams int
	opened  chan struct{}
}

// New returns a server that builds with build and logs to logOut.
func New(build BuildFunc, logOut io.Writer) *Server {
	return &Server{build: build, logOut: logOut, changed: make(chan struct{}), opened: make(chan struct{})}
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
		fmt.Fprintf(s.logOut, "pauta servir: la edición tiene errores; se sigue sirviendo la última versión buena:\n%v\n", err)
	} else {
		fmt.Fprintf(s.logOut, "pauta servir: sitio reconstruido (%d archivos)\n", len(files))
	}
	return err
}

// Handler serves the site, the reload script and the change events, to requests addressed to
// this computer by name or loopback address only.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", s.file)
	mux.HandleFunc("/_pauta/events", s.events)
	mux.HandleFunc(ReloadScript, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, reloadJS)
	})
	return localOnly(mux)
}

// localOnly refuses requests whose Host is not a name of this computer. The preview listens
// on a loopback address, but a web page the author visits could point a name of its own at
// 127.0.0.1 (DNS rebinding) and read the preview as if it were that site; the browser then
// sends that name as Host.
func localOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !LocalHost(r.Host) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprintf(w, "403: pauta servir solo responde a direcciones de este computador (127.0.0.1, localhost, [::1]); "+
				"esta solicitud venía dirigida a %q. Abra la vista previa con la dirección que muestra pauta servir.\n", r.Host)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// LocalHost reports whether a Host header, with or without its port, names this computer:
// localhost or a loopback address (127.0.0.1, [::1]).
func LocalHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
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
		http.Error(w, "500: esta conexión no admite avisos de cambios", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	for first := true; ; first = false {
		s.mu.Lock()
		msg, _ := json.Marshal(map[string]any{"gen": s.gen, "error": s.lastErr})
		changed := s.changed
		if first {
			// Counted with the first state read, so a build after the count is announced.
			s.streams++
			close(s.opened)
			s.opened = make(chan struct{})
		}
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

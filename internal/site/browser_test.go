package site

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/requinoa/pauta/internal/browsertest"
	"github.com/requinoa/pauta/internal/testtool"
)

// buildRequinoa builds the repo's own project into a fresh folder.
func buildRequinoa(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), os.DirFS("../.."), out, Options{}); err != nil {
		t.Fatal(err)
	}
	return out
}

func htmlPages(t *testing.T, dir string) []string {
	t.Helper()
	var pages []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(pages)
	return pages
}

func fileURL(dir, page string) string {
	return (&url.URL{Scheme: "file", Path: filepath.Join(dir, page)}).String()
}

// pageLog records what a tab requested and complained about.
type pageLog struct {
	mu       sync.Mutex
	requests []string
	problems []string
}

func watch(t *testing.T, tab context.Context) *pageLog {
	t.Helper()
	l := &pageLog{}
	if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tab, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Listen(tab, func(ev any) {
		l.mu.Lock()
		defer l.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			l.requests = append(l.requests, ev.Request.URL)
		case *runtime.EventExceptionThrown:
			l.problems = append(l.problems, "exception: "+ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == "error" || ev.Type == "warning" {
				l.problems = append(l.problems, "console."+string(ev.Type))
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == "error" || ev.Entry.Level == "warning" {
				l.problems = append(l.problems, string(ev.Entry.Source)+": "+ev.Entry.Text)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func (l *pageLog) take() (requests, problems []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	requests, problems = l.requests, l.problems
	l.requests, l.problems = nil, nil
	return requests, problems
}

func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../node_modules/axe-core/axe.min.js")
	if err != nil {
		testtool.Missing(t, "axe-core not installed (run npm ci at the repo root)")
	}
	return string(b)
}

type axeViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// runAxe injects axe-core through DevTools (not subject to the page's CSP) and runs every rule,
// target-size included.
func runAxe(t *testing.T, tab context.Context, src string) []axeViolation {
	t.Helper()
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](src+";true")); err != nil {
		t.Fatalf("injecting axe: %v", err)
	}
	raw, err := chromedp.Run(tab, chromedp.Evaluate[string](`axe.run(document, {rules: {"target-size": {enabled: true}}, resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe.run: %v", err)
	}
	var v []axeViolation
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestBrowser opens every page of the Requínoa site from disk in real Chromium, as a reader on
// a shared drive would: nothing is requested outside the site, nothing is logged as an error
// (CSP violations included), axe-core finds no violation on desktop or phone, every link and
// anchor leads somewhere real, and a screenshot is kept for a person to look at.
func TestBrowser(t *testing.T) {
	out := buildRequinoa(t)
	axe := axeSource(t)
	shots := os.Getenv("PAUTA_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	b := browsertest.New(t)
	links := map[string]bool{}
	for _, page := range htmlPages(t, out) {
		t.Run(page, func(t *testing.T) {
			var tab context.Context
			for _, vp := range []struct {
				name          string
				width, height int64
				mobile        bool
			}{{"escritorio", 1280, 900, false}, {"telefono", 390, 844, true}} {
				// A fresh tab per viewport: each is a first visit, as a reader's would be.
				tab = browsertest.Tab(t, b, 90*time.Second)
				log := watch(t, tab)
				opts := []chromedp.EmulateViewportOption{}
				if vp.mobile {
					opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
				}
				if err := chromedp.Do(tab, chromedp.EmulateViewport(vp.width, vp.height, opts...), chromedp.Navigate(fileURL(out, page))); err != nil {
					t.Fatal(err)
				}
				requests, problems := log.take()
				for _, r := range requests {
					if !strings.HasPrefix(r, "file://"+out+"/") {
						t.Errorf("%s requested %s, outside the site", vp.name, r)
					}
				}
				for _, p := range problems {
					t.Errorf("%s: browser reported %s", vp.name, p)
				}
				for _, v := range runAxe(t, tab, axe) {
					for _, n := range v.Nodes {
						t.Errorf("%s: axe %s (%s): %v %s", vp.name, v.ID, v.Help, n.Target, n.HTML)
					}
				}
				png, err := chromedp.Run(tab, chromedp.FullScreenshot(100)) // 100 is PNG; anything else is JPEG
				if err != nil {
					t.Fatal(err)
				}
				name := filepath.Join(shots, strings.ReplaceAll(page, "/", "_")+"-"+vp.name+".png")
				if err := os.WriteFile(name, png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			hrefs, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("a[href]"), a => a.href)`))
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hrefs {
				links[h] = true
			}
		})
	}
	t.Logf("screenshots in %s", shots)

	// Follow every link the pages hold, once each, in the browser.
	t.Run("links", func(t *testing.T) {
		tab := browsertest.Tab(t, b, 5*time.Minute)
		var all []string
		for l := range links {
			all = append(all, l)
		}
		sort.Strings(all)
		for _, l := range all {
			u, err := url.Parse(l)
			if err != nil {
				t.Errorf("bad link %q", l)
				continue
			}
			if u.Scheme != "file" {
				continue // links to other sites are allowed; the site makes no request to them
			}
			if _, err := os.Stat(u.Path); err != nil {
				t.Errorf("link %s: %v", l, err)
				continue
			}
			if !strings.HasSuffix(u.Path, ".html") {
				continue // a PDF: its existence is what a reader needs
			}
			if err := chromedp.Do(tab, chromedp.Navigate(l)); err != nil {
				t.Errorf("following %s: %v", l, err)
				continue
			}
			ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](`!location.hash || document.getElementById(decodeURIComponent(location.hash.slice(1))) !== null`))
			if err != nil || !ok {
				t.Errorf("link %s: no element with that id (%v)", l, err)
			}
		}
		t.Logf("%d distinct links followed", len(all))
	})
}

// TestPrint: printed, a page drops the navigation and search but keeps the text and the
// version code.
func TestPrint(t *testing.T) {
	out := buildRequinoa(t)
	b := browsertest.New(t)
	tab := browsertest.Tab(t, b, 60*time.Second)
	if err := chromedp.Do(tab, chromedp.Navigate(fileURL(out, "index.html"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[map[string]string](`({
		header: getComputedStyle(document.querySelector(".navegacion")).display,
		notice: document.querySelector(".estado") ? getComputedStyle(document.querySelector(".estado")).display : "none",
		toc: getComputedStyle(document.querySelector(".indice")).display,
		main: getComputedStyle(document.querySelector("main")).display,
		footer: document.querySelector(".pie").innerText,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if got["header"] != "none" || got["toc"] != "none" {
		t.Errorf("print keeps navigation: header %s, toc %s", got["header"], got["toc"])
	}
	if got["notice"] == "none" {
		t.Error("print drops the notice that says whether the text is in force")
	}
	if got["main"] == "none" || !strings.Contains(got["footer"], "Código de versión") {
		t.Errorf("print loses the text or the version code: %v", got)
	}
	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperLetter)))
	if err != nil {
		t.Fatal(err)
	}
	if len(pdf) < 1000 {
		t.Errorf("printed PDF is %d bytes", len(pdf))
	}
}

// TestHTMLValidate runs html-validate (recommended preset) on every page.
func TestHTMLValidate(t *testing.T) {
	bin := "../../node_modules/.bin/html-validate"
	if _, err := os.Stat(bin); err != nil {
		testtool.Missing(t, "html-validate not installed (run npm ci at the repo root)")
	}
	out := buildRequinoa(t)
	pages := htmlPages(t, out)
	args := []string{"--config", "../../.htmlvalidate.json"}
	for _, p := range pages {
		args = append(args, filepath.Join(out, p))
	}
	res, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Errorf("html-validate: %v\n%s", err, res)
	}
}

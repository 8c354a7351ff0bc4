package site_test

// An external test package: publishing a second version needs internal/publish, which imports
// this package.

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/requinoa/pauta/internal/browsertest"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/publish"
	"github.com/requinoa/pauta/internal/site"
	"github.com/requinoa/pauta/internal/testtool"
)

// copyProject copies the repo's own project (procedure.yaml and content/, its published
// version included) into a fresh folder, so that a test can publish in it.
func copyProject(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "proyecto")
	yaml, err := os.ReadFile(filepath.Join("..", "..", procedure.DefaultFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, procedure.DefaultFile), yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// twoVersionSite builds the Requínoa site after publishing a second version (Decreto
// Alcaldicio N° 2999 of 1 March 2025) over the published 2024-2387: versiones.html and
// transparencia.html then have two rows, the old version its "reemplazada" notice, and the
// search page its "other versions" box.
func twoVersionSite(t *testing.T) string {
	t.Helper()
	dir := copyProject(t)
	name := filepath.Join(dir, procedure.DefaultFile)
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	yaml := strings.Replace(string(b), "  number: 2387\n", "  number: 2999\n", 1)
	yaml = strings.Replace(yaml, "  date: 2024-08-02\n", "  date: 2025-03-01\n", 1)
	if yaml == string(b) {
		t.Fatal("procedure.yaml no longer names decree 2387 of 2024-08-02")
	}
	if err := os.WriteFile(name, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = publish.Publish(context.Background(), dir, publish.Options{Decree: 2999,
		Date:  procedure.Date{Year: 2025, Month: 3, Day: 1},
		Today: procedure.Date{Year: 2030, Month: 1, Day: 1}})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), os.DirFS(dir), out, site.Options{}); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPhoneNoSidewaysScroll opens every page of a two-version site in Chromium as a 360 px
// phone would: none may be wider than the screen, its menu unfolded or not (a table, a command
// or a long code would make the reader scroll sideways to find a column), and axe-core finds
// no violation. When a page overflows, the test names the elements that stick out.
// PAUTA_SCREENSHOTS keeps a picture of each page.
func TestPhoneNoSidewaysScroll(t *testing.T) {
	out := twoVersionSite(t)
	shots := os.Getenv("PAUTA_SCREENSHOTS")
	var pages []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(out, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(pages)
	for _, want := range []string{"versiones.html", "transparencia.html", "v/2024-2387/index.html", "v/2025-2999/decreto.html"} {
		if i := sort.SearchStrings(pages, want); i == len(pages) || pages[i] != want {
			t.Fatalf("the two-version site has no %s (pages: %v)", want, pages)
		}
	}
	axe := site.AxeSource(t)
	b := browsertest.New(t)
	for _, page := range pages {
		t.Run(page, func(t *testing.T) {
			tab := browsertest.Tab(t, b, 60*time.Second)
			u := "file://" + filepath.Join(out, page)
			if err := chromedp.Do(tab, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)), chromedp.Navigate(u)); err != nil {
				t.Fatal(err)
			}
			// A phone widens its layout viewport to fit a page that is too wide, so innerWidth
			// grows past 360 as well as scrollWidth.
			got, err := chromedp.Run(tab, chromedp.Evaluate[struct {
				Scroll, Inner int
				Wide, Hidden  []string
			}](`(() => {
				const name = el => el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + (el.id ? "#" + el.id : "");
				const wide = [], hidden = [];
				// The menu, unfolded, must fit as well.
				const menu = document.querySelector("details.menu");
				if (menu) menu.open = true;
				for (const el of document.body.querySelectorAll("*")) {
					if (!el.checkVisibility()) continue;
					const r = el.getBoundingClientRect();
					if (r.width > 0 && r.right > 360.5) wide.push(name(el) + " to " + Math.round(r.right) + " px");
					// A box that scrolls sideways on its own hides part of the page behind a
					// gesture nobody is told about; only a command (pre) may do so.
					const ox = getComputedStyle(el).overflowX;
					if ((ox === "auto" || ox === "scroll") && el.tagName !== "PRE" && el.scrollWidth > el.clientWidth + 1) {
						hidden.push(name(el) + " holds " + el.scrollWidth + " px in " + el.clientWidth);
					}
				}
				if (menu) menu.open = false;
				return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, wide: wide.slice(0, 8), hidden: hidden};
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if w := max(got.Scroll, got.Inner); w > 360 {
				t.Errorf("scrolls sideways at 360 px: the page is %d px wide; sticking out: %s", w, strings.Join(got.Wide, " | "))
			}
			for _, h := range got.Hidden {
				t.Errorf("a box scrolls sideways at 360 px: %s", h)
			}
			for _, v := range site.RunAxe(t, tab, axe) {
				for _, n := range v.Nodes {
					t.Errorf("axe %s (%s): %v %s", v.ID, v.Help, n.Target, n.HTML)
				}
			}
			if shots != "" {
				// The whole page, and the first screen a reader sees.
				for suffix, shot := range map[string]chromedp.Action[[]byte]{"-360.png": chromedp.FullScreenshot(100), "-360-pantalla.png": chromedp.CaptureScreenshot()} {
					png, err := chromedp.Run(tab, shot)
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(shots, strings.ReplaceAll(page, "/", "_")+suffix), png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if page == "decreto.html" {
					// The signatures, and the annex's first headings.
					for _, id := range []string{"firmas", "anexo"} {
						if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.getElementById("`+id+`").scrollIntoView(), true`)); err != nil {
							t.Fatal(err)
						}
						png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
						if err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(filepath.Join(shots, "decreto.html-360-"+id+".png"), png, 0o644); err != nil {
							t.Fatal(err)
						}
					}
				}
				if page == "index.html" {
					// The menu, unfolded.
					if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.querySelector("details.menu").open = true`)); err != nil {
						t.Fatal(err)
					}
					png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(filepath.Join(shots, "index.html-360-menu.png"), png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		})
	}
}

// TestPhoneSearch: on a 360 × 740 touch screen, the search page shows more than one result on
// its first screen, its "other versions" box is large enough to tap (24 px at least, WCAG
// 2.5.8), and it does not speak of arrow keys a phone does not have.
func TestPhoneSearch(t *testing.T) {
	out := twoVersionSite(t)
	b := browsertest.New(t)
	tab := browsertest.Tab(t, b, 60*time.Second)
	page := "file://" + filepath.Join(out, "buscar.html")
	if err := chromedp.Do(tab, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)), chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	// Before any search, the hint under the box is on screen: innerText is what it shows.
	hint, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[document.getElementById("ayuda-busqueda").innerText, document.getElementById("ayuda-busqueda").textContent]`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(hint[0], "Flechas") {
		t.Errorf("a touch screen is told to use the arrow keys: %q", hint[0])
	}
	if !strings.Contains(hint[1], "Flechas") {
		t.Error("the hint about arrow keys is gone from the page, for keyboards too")
	}
	if err := chromedp.Do(tab, chromedp.Navigate(page+"?q=acceso+remoto")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(tab, chromedp.Evaluate[struct {
		Results, Visible int
		BoxW, BoxH       float64
	}](`new Promise(done => {
		const measure = () => {
			const items = Array.from(document.querySelectorAll("#resultados > li"));
			if (!items.length) { setTimeout(measure, 50); return; }
			const box = document.getElementById("todas").getBoundingClientRect();
			done({
				results: items.length,
				visible: items.filter(li => li.getBoundingClientRect().bottom <= window.innerHeight).length,
				boxW: box.width, boxH: box.height,
			});
		};
		measure();
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if shots := os.Getenv("PAUTA_SCREENSHOTS"); shots != "" {
		png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, "buscar-resultados-360-pantalla.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got.Results < 3 {
		t.Fatalf("«acceso remoto» finds %d results; the test needs at least 3", got.Results)
	}
	if got.Visible < 2 {
		t.Errorf("%d of %d results fit on the first screen, want at least 2", got.Visible, got.Results)
	}
	if got.BoxW < 24 || got.BoxH < 24 {
		t.Errorf("the «otras versiones» checkbox is %.0f × %.0f px, want at least 24 × 24", got.BoxW, got.BoxH)
	}

}

// TestRunningTextDates: the pages write a date in running text one way, "1 de marzo de 2025"
// (the decree keeps its own "01 MAR 2025"); "01-03-2025" is left to the Transparencia Activa
// table, where a column of dates reads better so.
func TestRunningTextDates(t *testing.T) {
	out := twoVersionSite(t)
	numeric := regexp.MustCompile(`\b\d\d-\d\d-\d{4}\b`)
	tags := regexp.MustCompile(`(?s)<script.*?</script>|<[^>]*>`)
	n := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || filepath.Base(p) == "transparencia.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		n++
		text := tags.ReplaceAllString(string(b), " ")
		for _, m := range numeric.FindAllStringIndex(text, 3) {
			t.Errorf("%s: a date as forms write it in running text: %q", p, text[max(0, m[0]-40):m[1]])
		}
		return nil
	})
	if n < 10 {
		t.Fatalf("only %d pages looked at", n)
	}
}

// TestDecreeText: on decreto.html the official text runs from its title to its signatures
// with nothing of the site's in between (the PDF buttons come before it), and the manual's
// sections are parts of the annex: headings under its "ANEXO", never beside it.
func TestDecreeText(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), os.DirFS("../.."), out, site.Options{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "decreto.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	title := strings.Index(page, `<header class="decreto-encabezado">`)
	signatures := strings.Index(page, `id="firmas"`)
	annex := strings.Index(page, `<section id="anexo"`)
	if title < 0 || signatures < title || annex < signatures {
		t.Fatalf("decreto.html lacks its title, signatures or annex, or has them out of order (%d, %d, %d)", title, signatures, annex)
	}
	if i := strings.Index(page[title:signatures], `class="descargas"`); i >= 0 {
		t.Errorf("the downloads sit inside the official text: %q", page[title+i-80:title+i+40])
	}
	headings := regexp.MustCompile(`<h([1-6])[ >]`).FindAllStringSubmatch(page[annex:], -1)
	if len(headings) < 5 {
		t.Fatalf("the annex has %d headings", len(headings))
	}
	if headings[0][1] != "2" {
		t.Errorf("the annex opens with an h%s, want h2", headings[0][1])
	}
	for _, h := range headings[1:] {
		if h[1] <= "2" {
			t.Errorf("a section of the annex is an h%s, beside «ANEXO» instead of under it", h[1])
		}
	}
}

// TestIndexFollowsReading: as the reader scrolls the manual, or follows a link to a step, the
// index marks the section being read (aria-current), on a wide screen and on a phone; the
// phone's sticky header never hides the heading a link leads to.
func TestIndexFollowsReading(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), os.DirFS("../.."), out, site.Options{}); err != nil {
		t.Fatal(err)
	}
	b := browsertest.New(t)
	for _, vp := range []struct {
		name          string
		width, height int64
		opts          []chromedp.EmulateViewportOption
	}{{"escritorio", 1280, 900, nil}, {"telefono", 360, 740, []chromedp.EmulateViewportOption{chromedp.EmulateMobile, chromedp.EmulateTouch}}} {
		t.Run(vp.name, func(t *testing.T) {
			tab := browsertest.Tab(t, b, 60*time.Second)
			if err := chromedp.Do(tab, chromedp.EmulateViewport(vp.width, vp.height, vp.opts...), chromedp.Navigate("file://"+filepath.Join(out, "index.html"))); err != nil {
				t.Fatal(err)
			}
			for _, id := range []string{"alcance", "inicio-sesion-anydesk", "procedimiento-emergencia"} {
				got, err := chromedp.Run(tab, chromedp.Evaluate[struct {
					Current        string
					HeadingTop     float64
					HeaderBottom   float64
					CurrentVisible bool
				}](`new Promise(done => {
					location.hash = "#`+id+`";
					// The index follows within a few frames; wait for it up to a second.
					const start = performance.now();
					const look = () => {
						const a = document.querySelector(".indice a[aria-current]");
						if ((!a || a.getAttribute("href") !== "#`+id+`") && performance.now() - start < 1000) { requestAnimationFrame(look); return; }
						const h = document.getElementById("`+id+`").querySelector("h2, h3, h4, h5, h6");
						const header = document.querySelector(".cabecera").getBoundingClientRect();
						const sticky = getComputedStyle(document.querySelector(".cabecera")).position === "sticky";
						done({current: a ? a.getAttribute("href") : "", headingTop: h.getBoundingClientRect().top,
							headerBottom: sticky ? header.bottom : 0});
					};
					requestAnimationFrame(look);
				})`, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				if got.Current != "#"+id {
					t.Errorf("at #%s the index marks %q", id, got.Current)
				}
				if got.HeadingTop < got.HeaderBottom {
					t.Errorf("at #%s the heading (top %.0f px) is under the header (bottom %.0f px)", id, got.HeadingTop, got.HeaderBottom)
				}
			}
		})
	}
}

// TestHTMLValidateTwoVersions runs html-validate on every page of the two-version site: the
// versions table, the comparison and the replaced version's pages only exist there.
func TestHTMLValidateTwoVersions(t *testing.T) {
	bin := "../../node_modules/.bin/html-validate"
	if _, err := os.Stat(bin); err != nil {
		testtool.Missing(t, "html-validate not installed (run npm ci at the repo root)")
	}
	out := twoVersionSite(t)
	args := []string{"--config", "../../.htmlvalidate.json"}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			args = append(args, p)
		}
		return err
	})
	if len(args) < 12 {
		t.Fatalf("only %d pages", len(args)-2)
	}
	if res, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Errorf("html-validate: %v\n%s", err, res)
	}
}

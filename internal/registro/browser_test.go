package registro

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/requinoa/pauta/internal/browsertest"
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/testtool"
)

// sampleHTML writes the registro.html of the kept signed file and a copy changed after
// signing.
func sampleHTML(t *testing.T) string {
	t.Helper()
	good := signedFile(t)
	bad := append([]byte(nil), good...)
	i := strings.Index(string(bad), `(10\07240)`) + 1
	bad[i] = '2'
	reg, err := Build(context.Background(), []Source{{Name: "buena.pdf", Data: good}, {Name: "cambiada.pdf", Data: bad}},
		Options{Versions: published(t), Today: procedure.Date{Year: 2026, Month: 12, Day: 1}})
	if err != nil {
		t.Fatal(err)
	}
	css, err := os.ReadFile("../../themes/default/assets/pauta.css")
	if err != nil {
		t.Fatal(err)
	}
	page, err := reg.HTML(css, "Municipalidad")
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "registro.html")
	if err := os.WriteFile(name, page, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestHTMLValidate: registro.html passes html-validate with the site's configuration.
func TestHTMLValidate(t *testing.T) {
	bin := "../../node_modules/.bin/html-validate"
	if _, err := os.Stat(bin); err != nil {
		testtool.Missing(t, "html-validate not installed (run npm ci at the repo root)")
	}
	cmd := exec.Command(bin, "--config", "../../.htmlvalidate.json", sampleHTML(t))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("html-validate: %v\n%s", err, out)
	}
}

// TestHTMLHead: what Lighthouse asks of the site's pages and a file opened from disk can
// give: a description of the page, and an icon that needs no request (a browser asks
// /favicon.ico otherwise, an error in the console when the folder is served).
func TestHTMLHead(t *testing.T) {
	page, err := os.ReadFile(sampleHTML(t))
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(string(page), "</head>")
	for _, want := range []string{
		`<meta name="description" content="Registro de las sesiones de soporte remoto (Municipalidad): 2 listas de verificación leídas`,
		`<link rel="icon" href="data:,">`,
	} {
		if !strings.Contains(head, want) {
			t.Errorf("the head of registro.html lacks %s", want)
		}
	}
}

// TestBrowser opens registro.html from disk in Chromium, on a desktop and a phone: axe-core
// finds no violation, and choosing a problem in the filter leaves the rows that have it.
func TestBrowser(t *testing.T) {
	name := sampleHTML(t)
	axe, err := os.ReadFile("../../node_modules/axe-core/axe.min.js")
	if err != nil {
		testtool.Missing(t, "axe-core not installed (run npm ci at the repo root)")
	}
	b := browsertest.New(t)
	for _, vp := range []struct {
		name          string
		width, height int64
		mobile        bool
	}{{"escritorio", 1280, 900, false}, {"telefono", 390, 844, true}} {
		tab := browsertest.Tab(t, b, 90*time.Second)
		opts := []chromedp.EmulateViewportOption{}
		if vp.mobile {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
		}
		if err := chromedp.Do(tab, chromedp.EmulateViewport(vp.width, vp.height, opts...), chromedp.Navigate("file://"+name)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](string(axe)+";true")); err != nil {
			t.Fatal(err)
		}
		raw, err := chromedp.Run(tab, chromedp.Evaluate[string](`axe.run(document, {rules: {"target-size": {enabled: true}}, resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		var violations []struct {
			ID   string `json:"id"`
			Help string `json:"help"`
		}
		if err := json.Unmarshal([]byte(raw), &violations); err != nil {
			t.Fatal(err)
		}
		for _, v := range violations {
			t.Errorf("%s: axe %s: %s", vp.name, v.ID, v.Help)
		}
		got, err := chromedp.Run(tab, chromedp.Evaluate[string](`(function(){var s=document.getElementById("f-problema");
s.value="Firma que no corresponde al archivo";s.dispatchEvent(new Event("change"));
var shown=Array.from(document.querySelectorAll("#registro tbody tr")).filter(r=>!r.hidden).map(r=>r.cells[0].textContent);
return document.getElementById("registro-cuenta").textContent+" "+shown.join(",")})()`))
		if err != nil {
			t.Fatal(err)
		}
		if want := "1 de 2 listas. cambiada.pdf"; got != want {
			t.Errorf("%s: filtered by problem: %q, want %q", vp.name, got, want)
		}
	}
}

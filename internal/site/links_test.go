package site

import (
	"bytes"
	"net/url"
	"path"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/requinoa/pauta/internal/output"
	"github.com/requinoa/pauta/internal/testtool/fidelity"
)

// pageRefs is what a reader's browser does with one page: the ids it can scroll to, and every
// address it links to or loads.
type pageRefs struct {
	ids  map[string]bool
	refs []ref
}

type ref struct{ tag, attr, value string }

func parsePage(t *testing.T, name string, body []byte) pageRefs {
	t.Helper()
	p := pageRefs{ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return p
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			for _, a := range tok.Attr {
				switch {
				case a.Key == "id", a.Key == "name" && tok.Data == "a":
					p.ids[a.Val] = true
				case a.Key == "href", a.Key == "src", a.Key == "action":
					p.refs = append(p.refs, ref{tok.Data, a.Key, strings.TrimSpace(a.Val)})
				case a.Key == "srcset":
					for _, part := range strings.Split(a.Val, ",") {
						if f := strings.Fields(part); len(f) > 0 {
							p.refs = append(p.refs, ref{tok.Data, a.Key, f[0]})
						}
					}
				}
			}
		}
	}
}

// linkProblems checks a built site as a reader opening it from disk meets it: every link names
// a file of the site (a folder shows a listing from disk, not its index.html), every #fragment
// an id of its page, nothing is loaded from another site, and nothing is root-relative (that
// breaks from disk and under a subfolder). Links to other sites are allowed: they load nothing.
func linkProblems(t *testing.T, files output.Files) (problems []string, checked int) {
	t.Helper()
	pages := map[string]pageRefs{}
	for name, body := range files {
		if strings.HasSuffix(name, ".html") {
			pages[name] = parsePage(t, name, body)
		}
	}
	isFolder := func(p string) bool {
		for name := range files {
			if strings.HasPrefix(name, p+"/") {
				return true
			}
		}
		return false
	}
	for _, name := range files.Paths() {
		page, ok := pages[name]
		if !ok {
			continue
		}
		for _, r := range page.refs {
			v := r.value
			if v == "" || strings.HasPrefix(v, "mailto:") || strings.HasPrefix(v, "tel:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "javascript:") {
				continue
			}
			checked++
			u, err := url.Parse(v)
			if err != nil {
				problems = append(problems, name+": bad address "+v)
				continue
			}
			if u.Scheme == "http" || u.Scheme == "https" || strings.HasPrefix(v, "//") {
				if r.tag != "a" || r.attr != "href" {
					problems = append(problems, name+": loads from another site <"+r.tag+" "+r.attr+"="+v+">")
				}
				continue
			}
			if u.Scheme != "" {
				continue
			}
			if strings.HasPrefix(v, "/") {
				problems = append(problems, name+": root-relative link "+v+" breaks from disk")
				continue
			}
			target := name
			if u.Path != "" {
				target = path.Join(path.Dir(name), u.Path)
			}
			if target == ".." || strings.HasPrefix(target, "../") {
				problems = append(problems, name+": "+v+" leaves the site folder")
				continue
			}
			if _, ok := files[target]; !ok {
				if isFolder(target) {
					problems = append(problems, name+": "+v+" names a folder; from disk it shows a listing")
				} else {
					problems = append(problems, name+": "+v+" names no file")
				}
				continue
			}
			if u.Fragment != "" && strings.HasSuffix(target, ".html") && !pages[target].ids[u.Fragment] {
				problems = append(problems, name+": "+v+": no id "+u.Fragment+" in "+target)
			}
		}
	}
	return problems, checked
}

// TestLinksFromDisk: every link, anchor and asset of the Requínoa site, with its published
// versions, works for a reader who opens the folder from disk.
func TestLinksFromDisk(t *testing.T) {
	for _, src := range []string{"../..", "../../testdata/projects/minimal"} {
		t.Run(src, func(t *testing.T) {
			problems, checked := linkProblems(t, render(t, src).Files)
			for _, p := range problems {
				t.Error(p)
			}
			if checked < 50 {
				t.Errorf("only %d links checked: the pages were not read", checked)
			}
		})
	}
}

// TestLinkCheckFindsBrokenLinks: the check above fails a site for each kind of mistake.
func TestLinkCheckFindsBrokenLinks(t *testing.T) {
	for _, tc := range []struct{ name, page string }{
		{"missing file", `<a href="nada.html">x</a>`},
		{"missing anchor", `<a href="index.html#no-existe">x</a>`},
		{"missing anchor on the same page", `<a href="#no-existe">x</a>`},
		{"folder link", `<a href="v/">x</a>`},
		{"root-relative", `<a href="/index.html">x</a>`},
		{"external script", `<script src="https://cdn.example/x.js"></script>`},
		{"external stylesheet", `<link rel="stylesheet" href="https://cdn.example/x.css">`},
		{"out of the site", `<a href="../fuera.html">x</a>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := output.Files{
				"index.html":   []byte(`<h1 id="arriba">Manual</h1>`),
				"v/a/x.html":   []byte(`<p>x</p>`),
				"pagina.html":  []byte(tc.page),
				"enlaces.html": []byte(`<a href="https://www.requinoa.cl/">sitio</a><a href="index.html#arriba">arriba</a>`),
			}
			problems, _ := linkProblems(t, files)
			if len(problems) != 1 || !strings.HasPrefix(problems[0], "pagina.html: ") {
				t.Errorf("problems = %q, want one about pagina.html", problems)
			}
		})
	}
}

// TestSeedFidelityHTML: the decree page carries the decree and its manual word for word, and so
// does the manual together with it, as a reader of the pages sees them.
func TestSeedFidelityHTML(t *testing.T) {
	s := render(t, "../..")
	t.Run("decreto.html", func(t *testing.T) {
		fidelity.Check(t, "../..", fidelity.HTMLText(string(s.Files["decreto.html"])))
	})
	for _, v := range s.Versions {
		name := "v/" + v.ID + "/decreto.html"
		t.Run(name, func(t *testing.T) {
			fidelity.Check(t, "../..", fidelity.HTMLText(string(s.Files[name])))
		})
	}
}

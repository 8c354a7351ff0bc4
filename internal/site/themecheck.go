package site

import (
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/theme"
)

// ThemeDir is the project's folder of theme overrides.
const ThemeDir = "themes"

// templateErr finds text/template's "template: NAME:LINE[:COL]: message", and
// html/template's "html/template:NAME:LINE:COL: message", in an error's text.
var templateErr = regexp.MustCompile(`template: ?([^\s:]+):(\d+)(?::(\d+))?: (.*)`)

// themeError turns the errors of templates the project overrides into mistakes in the
// source, at the template's line and column; other errors are returned unchanged, as the
// default theme's errors are pauta's own.
func themeError(th *theme.Theme, err error) error {
	if err == nil || th == nil {
		return err
	}
	var list procedure.ErrorList
	seen := map[string]bool{}
	for _, line := range strings.Split(err.Error(), "\n") {
		m := templateErr.FindStringSubmatch(line)
		if m == nil || !th.Overrides(m[1]) || seen[m[0]] {
			continue
		}
		seen[m[0]] = true
		ln, _ := strconv.Atoi(m[2])
		col, err := strconv.Atoi(m[3])
		if err != nil {
			col = 1 // the parser names the line only
		}
		list = append(list, &procedure.Error{File: path.Join(ThemeDir, m[1]), Pos: procedure.Pos{Line: ln, Col: col},
			Msg:  "la plantilla del tema no se puede usar: " + m[4],
			Hint: "corrija la plantilla, o bórrela para usar la del tema por omisión"})
	}
	if len(list) == 0 {
		return err
	}
	return list
}

type discard struct{}

func (discard) Put(string, []byte) error { return nil }
func (discard) Write(_ string, write func(io.Writer) error) error {
	return write(io.Discard)
}

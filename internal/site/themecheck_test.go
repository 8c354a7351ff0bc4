package site

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/requinoa/pauta/internal/procedure"
)

// TestThemeErrors: a mistake in a template the project overrides is the project's, at its
// line and column; the same message about a default template is pauta's own (exit 3).
func TestThemeErrors(t *testing.T) {
	page, err := os.ReadFile("../../themes/default/page.html")
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(page), "{{.Page.Title}}", "{{.Page.Titulo}}", 1)
	for _, tc := range []struct {
		name  string
		theme string // page.html of the project, "" for none
		want  string // "" when check passes
	}{
		{"no override", "", ""},
		{"a correct override", string(page), ""},
		{"an override that fails when executed", broken, `themes/page.html:3:`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := minimalProject(t, nil, nil)
			if tc.theme != "" {
				fsys["themes/page.html"] = &fstest.MapFile{Data: []byte(tc.theme)}
			}
			_, _, err := Check(context.Background(), fsys)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				return
			}
			var list procedure.ErrorList
			if !errors.As(err, &list) || !strings.HasPrefix(list[0].Error(), tc.want) {
				t.Fatalf("Check: %v\nwant a source error starting %q", err, tc.want)
			}
			_, err = Render(context.Background(), fsys, Options{})
			if !errors.As(err, &list) || !strings.HasPrefix(list[0].Error(), tc.want) {
				t.Fatalf("Render: %v\nwant the same source error as Check", err)
			}
		})
	}
	th, err := projectTheme(minimalProject(t, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	internal := errors.New("rendering index.html: template: manual.html:3:10: executing \"content\" at <.X>: boom")
	var list procedure.ErrorList
	if err := themeError(th, internal); errors.As(err, &list) {
		t.Errorf("an error of the default theme became the project's: %v", err)
	}
}

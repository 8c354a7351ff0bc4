package site

import (
	"io/fs"

	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/versions"
)

// Check reads and validates the project in src as Build does before rendering: the text being
// prepared, every published version and the chain that links them, and the theme. What it
// accepts, a build does not refuse for its source.
// It returns the prepared text and the published versions, oldest first.
func Check(src fs.FS) (*procedure.Procedure, []*versions.Version, error) {
	pr, err := load(src)
	if err != nil {
		return nil, nil, err
	}
	return pr.prepared, pr.versions, nil
}

package site

import (
	"io/fs"

	"github.com/requinoa/pauta/internal/procedure"
)

// Check reads and validates the project in src as Build does before rendering: the text being
// prepared, every published version and the chain that links them, and the theme. What it
// accepts, a build does not refuse for its source.
func Check(src fs.FS) (*procedure.Procedure, error) {
	pr, err := load(src)
	if err != nil {
		return nil, err
	}
	return pr.prepared, nil
}

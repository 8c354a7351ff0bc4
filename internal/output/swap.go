package output

import (
	"errors"
	"io/fs"
	"os"
)

// swapByRenames replaces target with staging where no atomic exchange exists: the old target
// moves aside first, so a crash between the two renames leaves it intact under its aside name.
func swapByRenames(staging, target string) error {
	aside := staging + ".old"
	if err := os.Rename(target, aside); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return os.Rename(staging, target)
		}
		return err
	}
	if err := os.Rename(staging, target); err != nil {
		_ = os.Rename(aside, target)
		return err
	}
	return os.Rename(aside, staging)
}

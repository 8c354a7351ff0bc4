//go:build !unix

package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// lock creates name exclusively; where flock is missing a crashed publisher leaves the file,
// and the message says to delete it.
func lock(name string) (unlock func(), err error) {
	f, err := os.OpenFile(name+".held", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, &Refusal{Msg: "otra publicación está en curso en este proyecto",
			Hint: "espere a que termine; si ninguna está en curso, borre " + name + ".held"}
	}
	if err != nil {
		return nil, fmt.Errorf("locking: %w", err)
	}
	f.Close()
	return func() { os.Remove(name + ".held") }, nil
}

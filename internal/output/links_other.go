//go:build !unix

package output

import "io/fs"

// otherNames reports whether the file has names besides this one; where the system does not
// tell, it is taken to have none.
func otherNames(fs.FileInfo) bool { return false }

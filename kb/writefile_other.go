//go:build !unix

package kb

import "os"

// writeFile writes b to path, as os.WriteFile does.
func writeFile(path string, b []byte) error { return os.WriteFile(path, b, 0o644) }

// Package testtool lets tests use real outside programs (chromium, pdftotext, qpdf…): missing
// on a developer's machine, a test skips and says what to install; in CI (CI=true), where
// .ci/run installs them, a missing program fails the test instead of hiding it.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// InCI reports whether the tests run in CI, where every tool must be present.
func InCI() bool { return os.Getenv("CI") == "true" }

// Require returns the path of program, or skips (fails in CI) the test when it is missing.
// pkg names the Debian or npm package that provides it.
func Require(t testing.TB, program, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(program)
	if err == nil {
		return path
	}
	Missing(t, program+" not found on PATH (install "+pkg+")")
	return ""
}

// Missing skips the test with reason, or fails it in CI.
func Missing(t testing.TB, reason string) {
	t.Helper()
	if InCI() {
		t.Fatalf("CI=true but %s", reason)
	}
	t.Skipf("skipped: %s", reason)
}

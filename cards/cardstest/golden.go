// Package cardstest holds what the card and manifest tests share: golden files
// that -update rewrites, and the external checkers of ../shared/tools run on
// what the code produces. It is a normal package only so that several test
// packages can import it; nothing else does.
package cardstest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update is registered once here: a test binary importing this package must not
// define its own -update flag.
var update = flag.Bool("update", false, "rewrite the golden files from the current rendering")

// Golden compares got with the file name in dir. With -update it writes got
// there first, so an intended change is recorded by running the test again.
func Golden(t testing.TB, dir, name string, got []byte) {
	t.Helper()
	path := filepath.Join(dir, name)
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update in this package to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the rendering; if the change is intended, run go test -update in this package\ngot:\n%s", path, got)
	}
}

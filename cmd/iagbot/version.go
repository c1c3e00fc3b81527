package main

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/cssdgs/iagbot/storage"
)

// version and commit are set at release builds:
// go build -ldflags "-X main.version=1.4.0 -X main.commit=$(git rev-parse HEAD)" ./cmd/iagbot
// Otherwise they come from the build information Go records (the module version
// with `go install …@v1.4.0`, the VCS revision of a build in a checkout).
var version, commit string

// printVersion prints "iagbot VERSION (commit COMMIT, schema version N)".
func printVersion(w io.Writer) {
	v, c := version, commit
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = info.Main.Version
		}
		var rev, modified string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if c == "" && rev != "" {
			c = rev
			if modified == "true" {
				c += "-modified"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	if c == "" {
		c = "unknown"
	}
	fmt.Fprintf(w, "iagbot %s (commit %s, schema version %d)\n", v, c, storage.SchemaVersion())
}

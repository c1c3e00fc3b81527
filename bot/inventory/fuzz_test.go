package inventory

import (
	"bytes"
	"reflect"
	"testing"
)

// FuzzParse checks that Parse never panics, and that any file it accepts survives an
// export and a re-import unchanged. Seeds live in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		inv, err := Parse(bytes.NewReader(data))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := inv.WriteYAML(&out); err != nil {
			t.Fatalf("export: %v", err)
		}
		back, err := Parse(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("re-import of an accepted file failed: %v\n%s", err, out.String())
		}
		if !reflect.DeepEqual(back, inv) {
			t.Fatalf("round trip changed the inventory:\n%s", out.String())
		}
	})
}

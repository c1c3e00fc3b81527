package inventory

import (
	"bytes"
	_ "embed"
)

// sampleYAML is example data (see its header comment): it lets the bot run and be
// demonstrated before the official inventory is imported.
//
//go:embed sample.yaml
var sampleYAML []byte

// SampleYAML returns the embedded example inventory file.
func SampleYAML() []byte { return bytes.Clone(sampleYAML) }

// Sample returns a fresh copy of the embedded example inventory. It panics if the
// embedded file is invalid, which TestSample prevents from ever shipping.
func Sample() *Inventory {
	inv, err := Parse(bytes.NewReader(sampleYAML))
	if err != nil {
		panic("inventory: embedded sample is invalid: " + err.Error())
	}
	return inv
}

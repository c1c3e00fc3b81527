package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestBinaryLinksNoJWXv1 keeps lestrrat-go/jwx v1 (pulled by msbotbuilder-go's
// connector/auth, with its known advisories) out of the binary: iagbot validates tokens
// with bfauth and golang-jwt only.
func TestBinaryLinksNoJWXv1(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the binary's packages")
	}
	out, err := exec.Command(goBin, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "github.com/lestrrat-go/jwx") || p == "github.com/infracloudio/msbotbuilder-go/connector/auth" {
			t.Errorf("iagbot links %s", p)
		}
	}
}

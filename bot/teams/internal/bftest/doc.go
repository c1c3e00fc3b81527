// Package bftest holds the Bot Framework fakes that the bfauth, connector and
// teams tests share: named RSA keys, an OpenID metadata and JWKS server, signed
// tokens, the token endpoint's answer and a race-safe clock. It is a normal
// package only so that three test packages can import it; nothing else does.
//
// It must not import bfauth: bfauth's own (in-package) tests import it, and
// that would be an import cycle.
package bftest

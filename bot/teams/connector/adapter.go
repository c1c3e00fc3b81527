//go:build msbotadapter

// The compile-time check below needs msbotbuilder-go's connector/client
// package, which imports github.com/lestrrat-go/jwx; go.sum has no entry for
// jwx yet, so this file is behind the msbotadapter build tag. *Client
// satisfies client.Client structurally either way; delete the go:build line
// once go.sum lists jwx.

package connector

import "github.com/infracloudio/msbotbuilder-go/connector/client"

var _ client.Client = (*Client)(nil)

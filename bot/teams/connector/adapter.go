package connector

import "github.com/infracloudio/msbotbuilder-go/connector/client"

var _ client.Client = (*Client)(nil)

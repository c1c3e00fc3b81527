package bfauth

import (
	"context"

	"github.com/infracloudio/msbotbuilder-go/connector/auth"
	"github.com/infracloudio/msbotbuilder-go/schema"
)

var _ auth.TokenValidator = (*Validator)(nil)

// AuthenticateRequest implements msbotbuilder-go's auth.TokenValidator so
// that a Validator can replace core.BotFrameworkAdapter.TokenValidator. It
// is Validate with the activity's channelId and serviceUrl.
//
// credentials and channelService are ignored on purpose: the Validator's
// own Config decides the audience, and in particular
// credentials.IsAuthenticationDisabled() never turns validation off (the
// upstream validator accepts any request without a token in that case).
// On failure the returned identity is a true nil interface.
func (v *Validator) AuthenticateRequest(ctx context.Context, activity schema.Activity, authHeader string,
	_ auth.CredentialProvider, _ string) (auth.ClaimsIdentity, error) {
	c, err := v.Validate(ctx, authHeader, activity.ChannelID, activity.ServiceURL)
	if err != nil {
		return nil, err
	}
	return c, nil
}

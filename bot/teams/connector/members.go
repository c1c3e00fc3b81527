package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// Member is one member of a conversation as Teams describes it (a TeamsChannelAccount):
// the Bot Framework channel account plus the e-mail address and UPN that only the
// members API gives, never the activities.
type Member struct {
	ID                string `json:"id"`
	Name              string `json:"name,omitempty"`
	AadObjectID       string `json:"aadObjectId,omitempty"`
	Email             string `json:"email,omitempty"`
	UserPrincipalName string `json:"userPrincipalName,omitempty"`
	TenantID          string `json:"tenantId,omitempty"`
}

// GetMember fetches one member of a conversation with
// GET {serviceURL}/v3/conversations/{conversationID}/members/{memberID}; memberID is
// the channel account id of an activity's from ("29:…") or an AAD object id. Errors:
// a *StatusError (404 when the person is not a member), ErrInvalidArgument, or
// ErrResponse when the body is not a member.
func (c *Client) GetMember(ctx context.Context, serviceURL, conversationID, memberID string) (*Member, error) {
	u, err := endpoint(serviceURL, "v3", "conversations", conversationID, "members", memberID)
	if err != nil {
		return nil, err
	}
	resp, err := c.call(ctx, request{method: http.MethodGet, url: u})
	if err != nil {
		return nil, err
	}
	var m Member
	if err := json.Unmarshal(resp.body, &m); err != nil || m.ID == "" {
		return nil, fmt.Errorf("%w: member response has no id", ErrResponse)
	}
	return &m, nil
}

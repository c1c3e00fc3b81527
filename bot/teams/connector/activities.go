package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/infracloudio/msbotbuilder-go/schema"
)

// SendActivity posts a to {serviceURL}/v3/conversations/{conversationID}/activities
// and returns the id the service gave the new activity ("" if it returned
// none, as some channels do). serviceURL and conversationID come from the
// incoming activity or a stored conversation reference.
func (c *Client) SendActivity(ctx context.Context, serviceURL, conversationID string, a schema.Activity) (string, error) {
	u, err := endpoint(serviceURL, "v3", "conversations", conversationID, "activities")
	if err != nil {
		return "", err
	}
	return c.postForID(ctx, u, &a)
}

// ReplyToActivity posts a as a reply to activity replyToID
// ({...}/activities/{replyToID}), which threads it in Teams channels, and
// returns the new activity id. a.ReplyToID is set to replyToID if empty.
func (c *Client) ReplyToActivity(ctx context.Context, serviceURL, conversationID, replyToID string, a schema.Activity) (string, error) {
	u, err := endpoint(serviceURL, "v3", "conversations", conversationID, "activities", replyToID)
	if err != nil {
		return "", err
	}
	if a.ReplyToID == "" {
		a.ReplyToID = replyToID
	}
	return c.postForID(ctx, u, &a)
}

// UpdateActivity replaces activity activityID (PUT); a.ID is set to
// activityID if empty, as the service expects the id in the body too.
func (c *Client) UpdateActivity(ctx context.Context, serviceURL, conversationID, activityID string, a schema.Activity) error {
	u, err := endpoint(serviceURL, "v3", "conversations", conversationID, "activities", activityID)
	if err != nil {
		return err
	}
	if a.ID == "" {
		a.ID = activityID
	}
	_, err = c.sendActivity(ctx, http.MethodPut, u, &a)
	return err
}

// DeleteActivity deletes activity activityID from the conversation.
func (c *Client) DeleteActivity(ctx context.Context, serviceURL, conversationID, activityID string) error {
	u, err := endpoint(serviceURL, "v3", "conversations", conversationID, "activities", activityID)
	if err != nil {
		return err
	}
	_, err = c.call(ctx, request{method: http.MethodDelete, url: u})
	return err
}

// CreateConversation creates (or, for a 1:1 chat in Teams, returns the
// existing) conversation with POST {serviceURL}/v3/conversations, for
// proactive messages. For a Teams 1:1 chat set p.Bot to the bot account,
// p.Members to the one user, p.TenantID and p.ChannelData
// {"tenant":{"id":TenantID}}; then SendActivity to the returned ID. If
// p.Activity is set, the service also posts it and returns its ActivityID.
func (c *Client) CreateConversation(ctx context.Context, serviceURL string, p schema.ConversationParameters) (*schema.ConversationResourceResponse, error) {
	u, err := endpoint(serviceURL, "v3", "conversations")
	if err != nil {
		return nil, err
	}
	resp, err := c.sendJSON(ctx, http.MethodPost, u, p)
	if err != nil {
		return nil, err
	}
	var out schema.ConversationResourceResponse
	if err := json.Unmarshal(resp.body, &out); err != nil || out.ID == "" {
		return nil, fmt.Errorf("%w: conversation response has no id", ErrResponse)
	}
	return &out, nil
}

func (c *Client) postForID(ctx context.Context, u *url.URL, a *schema.Activity) (string, error) {
	resp, err := c.sendActivity(ctx, http.MethodPost, u, a)
	if err != nil {
		return "", err
	}
	if len(strings.TrimSpace(string(resp.body))) == 0 {
		return "", nil
	}
	var rr schema.ResourceResponse
	if err := json.Unmarshal(resp.body, &rr); err != nil {
		return "", fmt.Errorf("%w: activity response is not JSON", ErrResponse)
	}
	return rr.ID, nil
}

// sendActivity is sendJSON for an activity, which a points to: a message is encoded
// without a escaping into an interface (the activity would then be allocated on every
// reply); any other activity goes the general way once, not through MarshalPruned's
// check for a message again.
func (c *Client) sendActivity(ctx context.Context, method string, u *url.URL, a *schema.Activity) (*response, error) {
	body, ok := appendActivity(make([]byte, 0, sizeHint(a)), a)
	if !ok {
		var err error
		if body, err = marshalPruned(*a); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidArgument, err)
		}
	}
	return c.call(ctx, request{method: method, url: u, body: body, contentType: "application/json"})
}

// endpoint appends path segments to serviceURL, escaping each one: Teams
// conversation ids contain ':' '@' and ';' (e.g. "19:x@thread.tacv2;
// messageid=1") and an id must never be able to add path segments.
func endpoint(serviceURL string, segs ...string) (*url.URL, error) {
	b, err := services.base(serviceURL)
	if err != nil {
		return nil, err
	}
	n := len(b.path)
	for _, s := range segs {
		if s == "" || s == "." || s == ".." {
			return nil, fmt.Errorf("%w: empty or dot path segment (conversation or activity id)", ErrInvalidArgument)
		}
		n += 1 + len(s)
	}
	var raw, path strings.Builder
	raw.Grow(n + n/4)
	path.Grow(n)
	raw.WriteString(b.raw)
	path.WriteString(b.path)
	for _, s := range segs {
		raw.WriteByte('/')
		raw.WriteString(url.PathEscape(s))
		path.WriteByte('/')
		path.WriteString(s)
	}
	u := b.u
	u.Path, u.RawPath = path.String(), raw.String()
	return &u, nil
}

// serviceBase is a service URL parsed once: its scheme and host, and its path with
// no trailing slash, escaped (raw) and not.
type serviceBase struct {
	u         url.URL
	raw, path string
}

// serviceBases caches parsed service URLs: a bot talks to a handful (Teams' regional
// ones), and parsing one on every call was a tenth of the client's work on a reply.
type serviceBases struct {
	mu sync.Mutex
	m  map[string]*serviceBase
}

// maxServiceBases bounds the cache; past it, URLs are parsed on every call.
const maxServiceBases = 64

var services = &serviceBases{m: map[string]*serviceBase{}}

func (sb *serviceBases) base(serviceURL string) (*serviceBase, error) {
	sb.mu.Lock()
	b := sb.m[serviceURL]
	sb.mu.Unlock()
	if b != nil {
		return b, nil
	}
	u, err := url.Parse(serviceURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("%w: service URL must be absolute http(s)", ErrInvalidArgument)
	}
	raw := strings.TrimSuffix(u.EscapedPath(), "/")
	path, err := url.PathUnescape(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidArgument, err)
	}
	u.Path, u.RawPath, u.RawQuery, u.Fragment, u.User, u.ForceQuery, u.OmitHost = "", "", "", "", nil, false, false
	b = &serviceBase{u: *u, raw: raw, path: path}
	sb.mu.Lock()
	if len(sb.m) < maxServiceBases {
		sb.m[serviceURL] = b
	}
	sb.mu.Unlock()
	return b, nil
}

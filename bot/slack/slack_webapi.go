package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	slackgo "github.com/slack-go/slack"
)

// WebAPI is the Web API client the application gives the channel: slack-go's for every
// method but chat.postMessage, the call of every turn, which the channel makes itself.
// slack-go sends the blocks' JSON inside a form (percent-escaping most of its bytes)
// and decodes the whole message Slack echoes back, blocks included; here the body is
// JSON and only ok, error, channel and ts are read from the answer. Errors are
// slack-go's types, so rate limits and dead ends are told apart as for other calls.
type WebAPI struct {
	*slackgo.Client
	token    string
	endpoint string // chat.postMessage's URL
	hc       *http.Client
}

var _ API = (*WebAPI)(nil)

// NewWebAPI returns a client for token on apiURL (ending with a slash, as slack-go
// wants; empty is Slack's), calling through hc; opts are slack-go's further options.
func NewWebAPI(token, apiURL string, hc *http.Client, opts ...slackgo.Option) *WebAPI {
	if apiURL == "" {
		apiURL = slackgo.APIURL
	}
	if !strings.HasSuffix(apiURL, "/") {
		apiURL += "/"
	}
	all := append([]slackgo.Option{slackgo.OptionAPIURL(apiURL), slackgo.OptionHTTPClient(hc)}, opts...)
	return &WebAPI{Client: slackgo.New(token, all...), token: token, endpoint: apiURL + "chat.postMessage", hc: hc}
}

// postBody is chat.postMessage's JSON body.
type postBody struct {
	Channel  string          `json:"channel"`
	Text     string          `json:"text"`
	Blocks   []slackgo.Block `json:"blocks,omitempty"`
	ThreadTS string          `json:"thread_ts,omitempty"`
}

// postAnswer is what the channel reads of chat.postMessage's answer.
type postAnswer struct {
	OK               bool                          `json:"ok"`
	Error            string                        `json:"error"`
	Channel          string                        `json:"channel"`
	TS               string                        `json:"ts"`
	ResponseMetadata slackgo.ResponseMetadata      `json:"response_metadata"`
	Errors           []slackgo.SlackResponseErrors `json:"errors,omitempty"`
	Needed           string                        `json:"needed,omitempty"`
	Provided         string                        `json:"provided,omitempty"`
}

// postMessage posts text with blocks to channel (in thread when not empty) and
// returns the channel and the message's ts.
func (w *WebAPI) postMessage(ctx context.Context, channel, thread, text string, blocks []slackgo.Block) (string, string, error) {
	body, err := json.Marshal(postBody{Channel: channel, Text: text, Blocks: blocks, ThreadTS: thread})
	if err != nil {
		return "", "", err
	}
	// Through the transport, under the client's timeout: chat.postMessage never
	// redirects, and http.Client.Do copied the headers for redirects on every post.
	if w.hc.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, w.hc.Timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.endpoint, bytes.NewReader(body))
	if err != nil {
		return "", "", err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("Authorization", "Bearer "+w.token)
	rt := w.hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return "", "", err
	}
	defer func() {
		// Read to the end, so that the connection goes back to the pool: the decoder
		// stops at the end of the value, which may be before the body's.
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
	}()
	// As slack-go answers: a 429 with Retry-After, any other status, then the JSON.
	if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") != "" {
		secs, err := strconv.ParseInt(resp.Header.Get("Retry-After"), 10, 64)
		if err != nil {
			return "", "", err
		}
		return "", "", &slackgo.RateLimitedError{RetryAfter: time.Duration(secs) * time.Second}
	}
	if resp.StatusCode != http.StatusOK {
		return "", "", slackgo.StatusCodeError{Code: resp.StatusCode, Status: resp.Status}
	}
	var a postAnswer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		return "", "", err
	}
	if !a.OK && strings.TrimSpace(a.Error) != "" {
		return a.Channel, a.TS, slackgo.SlackErrorResponse{Err: a.Error, Errors: a.Errors,
			ResponseMetadata: a.ResponseMetadata, Needed: a.Needed, Provided: a.Provided}
	}
	return a.Channel, a.TS, nil
}

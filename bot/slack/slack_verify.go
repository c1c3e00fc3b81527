package slack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const (
	// maxBody caps what is read of a request: Slack's payloads are a few kilobytes.
	maxBody = 1 << 20
	// maxSkew is how far a request's timestamp may be from now: Slack's advice, and
	// what makes a captured request useless for replay after five minutes.
	maxSkew = 5 * time.Minute
)

var (
	errNoSecret   = errors.New("slack: no signing secret configured")
	errNoHeaders  = errors.New("slack: signature headers missing")
	errStale      = errors.New("slack: request timestamp outside the 5-minute window")
	errSignature  = errors.New("slack: signature mismatch")
	errBadVersion = errors.New("slack: unsupported signature version")
)

// verify checks Slack's request signature: X-Slack-Signature is "v0=" and the hex
// HMAC-SHA256, keyed with the signing secret, of "v0:<X-Slack-Request-Timestamp>:<body>"
// (https://docs.slack.dev/authentication/verifying-requests-from-slack). The
// timestamp must be within maxSkew of now.
func verify(secret string, h http.Header, body []byte, now time.Time) error {
	if secret == "" {
		return errNoSecret
	}
	ts, sig := h.Get("X-Slack-Request-Timestamp"), h.Get("X-Slack-Signature")
	if ts == "" || sig == "" {
		return errNoHeaders
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errStale
	}
	if d := now.Sub(time.Unix(sec, 0)); d > maxSkew || d < -maxSkew {
		return errStale
	}
	hexSig, ok := strings.CutPrefix(sig, "v0=")
	if !ok {
		return errBadVersion
	}
	got, err := hex.DecodeString(hexSig)
	if err != nil {
		return errSignature
	}
	if !hmac.Equal(got, sign(secret, ts, body)) {
		return errSignature
	}
	return nil
}

// sign returns the v0 HMAC of a request (tests sign their requests with it too).
func sign(secret, ts string, body []byte) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	return mac.Sum(nil)
}

// readVerified reads the body of r, at most maxBody bytes, and checks its signature.
// On failure it has answered (413 for a body too large, 401 for a bad signature) and
// returns false; nothing of the body has been parsed.
func (c *Channel) readVerified(w http.ResponseWriter, r *http.Request, route string) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		c.opts.Observe("bad_request")
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			c.log.Warn("slack request refused", "route", route, "status", http.StatusRequestEntityTooLarge)
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		} else {
			http.Error(w, "cannot read request body", http.StatusBadRequest)
		}
		return nil, false
	}
	if err := verify(c.opts.SigningSecret, r.Header, body, c.opts.Now()); err != nil {
		c.opts.Observe("unauthorized")
		c.log.Warn("slack request refused", "route", route, "status", http.StatusUnauthorized, "reason", err.Error())
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}

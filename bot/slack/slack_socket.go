package slack

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/slack-go/slack/socketmode"
)

// Socket is the part of slack-go's socketmode.Client the channel uses; the
// application builds the client with the app-level token (SLACK_APP_TOKEN).
type Socket interface {
	RunContext(ctx context.Context) error
	Ack(req socketmode.Request, payload ...any) error
}

var _ Socket = (*socketmode.Client)(nil)

// RunSocket receives Slack's requests over Socket Mode, for a school without a public
// URL, until ctx is done. events is the client's Events channel. Each request goes
// through the same deduplication and worker pool as over HTTP; it is acknowledged at
// once when queued, and left unacknowledged when the queue is full or the database
// cannot tell a retry, so that Slack sends it again.
func (c *Channel) RunSocket(ctx context.Context, sock Socket, events <-chan socketmode.Event) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- sock.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
				return err
			}
			return nil
		case err := <-done:
			if err == nil || errors.Is(err, context.Canceled) {
				return nil
			}
			return err
		case ev, ok := <-events:
			if !ok {
				return nil
			}
			c.socketEvent(ctx, sock, ev)
		}
	}
}

// socketEvent handles one Socket Mode event. Connection events are only logged.
func (c *Channel) socketEvent(ctx context.Context, sock Socket, ev socketmode.Event) {
	if ev.Request == nil {
		c.log.Info("slack socket", "event", string(ev.Type))
		return
	}
	req := *ev.Request
	var (
		o       = queued
		payload any
	)
	switch ev.Type {
	case socketmode.EventTypeEventsAPI:
		var env envelope
		if err := json.Unmarshal(req.Payload, &env); err != nil {
			o = malformed
		} else {
			o = c.acceptEvent(ctx, env)
		}
	case socketmode.EventTypeInteractive:
		o, payload = c.acceptInteraction(ctx, req.Payload)
	case socketmode.EventTypeSlashCommand:
		var cmd command
		if err := json.Unmarshal(req.Payload, &cmd); err != nil {
			o = malformed
		} else if o = c.acceptCommand(ctx, cmd); o == busy {
			// Slack does not retry a command: acknowledge with a word for the person.
			o, payload = queued, c.busyMessage()
		}
	default:
		c.log.Info("slack socket", "event", string(ev.Type))
		return
	}
	if o == busy || o == failed {
		c.log.Warn("slack socket request left for retry", "event", string(ev.Type), "retry", req.RetryAttempt)
		return
	}
	// A malformed request is acknowledged too: sent again, it would not parse better.
	var err error
	if payload != nil {
		err = sock.Ack(req, payload)
	} else {
		err = sock.Ack(req)
	}
	if err != nil {
		c.log.Error("slack socket ack failed", "event", string(ev.Type), "error", err.Error())
	}
}

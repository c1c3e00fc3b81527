package adaptive

import (
	"encoding/json"

	"github.com/cssdgs/iagbot/cards"
)

// ContentType is the Bot Framework attachment content type of an Adaptive Card.
const ContentType = "application/vnd.microsoft.card.adaptive"

// AttachmentJSON is a Bot Framework attachment holding an Adaptive Card. It is this
// package's own type so that cards/ stays free of Bot Framework SDK types; its JSON is
// the attachment's wire form, and bot/teams copies its fields into the SDK's.
type AttachmentJSON struct {
	ContentType string          `json:"contentType"`
	Content     json.RawMessage `json:"content"`
}

// Attachment renders c (see Render) as an attachment for a message activity.
func Attachment(c *cards.Card, opts ...Option) (AttachmentJSON, error) {
	content, err := Render(c, opts...)
	if err != nil {
		return AttachmentJSON{}, err
	}
	return AttachmentJSON{ContentType: ContentType, Content: content}, nil
}

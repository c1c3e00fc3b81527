package annexe

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/conversations"
)

// DialogKind is the kind of the dialog state this feature keeps per person.
const DialogKind = "annexe1"

// mode is what the dialog waits for.
type mode string

const (
	modeAsk    mode = "ask"    // an answer to Item
	modeReview mode = "review" // "soumettre", "modifier N"… after the full summary
	modeCancel mode = "cancel" // yes or no to abandoning the request
	modeOffer  mode = "offer"  // resume the existing draft, or start over
)

// state is the person's position in the dialog; the answers themselves are in the
// request. It names the item by tag, not by number, so that a state saved before a
// redeploy that reorders the catalogue still points at the same question.
type state struct {
	Request uint         `json:"request"`
	Mode    mode         `json:"mode"`
	Item    requests.Tag `json:"item,omitempty"`
	// Back is the mode to return to when a cancellation is declined.
	Back mode `json:"back,omitempty"`
	// Lang is the dialog's language: set from the session when the dialog starts or is
	// prompted again (language switch), and kept while the person answers, since an
	// answer ("Microsoft") says nothing of the language wanted.
	Lang i18n.Lang `json:"lang"`
	// Uses is an answer to the uses question whose free words matched catalogue uses,
	// waiting for « oui / non / numéros »; any other move drops it.
	Uses []usePart `json:"uses,omitempty"`
}

func loadState(ctx context.Context, s *conversations.Session) (*state, error) {
	raw, ok, err := s.LoadState(ctx, DialogKind)
	if err != nil || !ok {
		return nil, err
	}
	var st state
	if err := json.Unmarshal(raw, &st); err != nil {
		// A state this version cannot read is dropped: the answers are safe in the
		// request, and "reprendre" rebuilds the position from them.
		return nil, s.ClearState(ctx, DialogKind)
	}
	if !i18n.Valid(string(st.Lang)) {
		st.Lang = s.Lang
	}
	return &st, nil
}

func saveState(ctx context.Context, s *conversations.Session, st *state) error {
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := s.SaveState(ctx, DialogKind, raw); err != nil {
		return fmt.Errorf("save annexe dialog: %w", err)
	}
	return nil
}

// item is the item the state asks, falling back to the first one.
func (st *state) item() Item {
	if i := index(st.Item); i >= 0 {
		return catalogue[i]
	}
	return catalogue[0]
}

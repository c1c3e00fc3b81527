package adaptive

// The Adaptive Card 1.5 elements the renderer emits. They are typed structs rather than
// maps so that the JSON keeps a stable key order (golden files diff cleanly) and a
// misspelt property is a compile error instead of a schema finding.

type card struct {
	Type    string   `json:"type"`
	Version string   `json:"version,omitempty"` // only on the top-level card
	Refresh *refresh `json:"refresh,omitempty"` // only on the top-level card
	Body    []any    `json:"body,omitempty"`
	Actions []any    `json:"actions,omitempty"`
}

// refresh makes Teams send an adaptiveCard/action invoke (trigger "automatic") with
// its action for each listed user viewing the card, and show the card returned;
// without userIds, for everyone in a conversation of at most 60 people.
type refresh struct {
	Action  refreshAction `json:"action"`
	UserIDs []string      `json:"userIds,omitempty"`
}

type refreshAction struct {
	Type string     `json:"type"`
	Verb string     `json:"verb"`
	Data actionData `json:"data"`
}

type textBlock struct {
	Type      string `json:"type"`
	Text      string `json:"text"`
	Wrap      bool   `json:"wrap"`
	Style     string `json:"style,omitempty"`
	Size      string `json:"size,omitempty"`
	Weight    string `json:"weight,omitempty"`
	Color     string `json:"color,omitempty"`
	IsSubtle  bool   `json:"isSubtle,omitempty"`
	Spacing   string `json:"spacing,omitempty"`
	Separator bool   `json:"separator,omitempty"`
}

type container struct {
	Type      string `json:"type"`
	Items     []any  `json:"items"`
	Spacing   string `json:"spacing,omitempty"`
	Separator bool   `json:"separator,omitempty"`
	Style     string `json:"style,omitempty"`
}

type factSet struct {
	Type  string `json:"type"`
	Facts []fact `json:"facts"`
}

type fact struct {
	Title string `json:"title"`
	Value string `json:"value"`
}

type inputText struct {
	Type         string `json:"type"`
	ID           string `json:"id"`
	Label        string `json:"label"`
	Placeholder  string `json:"placeholder,omitempty"`
	Value        string `json:"value,omitempty"`
	IsMultiline  bool   `json:"isMultiline,omitempty"`
	MaxLength    int    `json:"maxLength,omitempty"`
	IsRequired   bool   `json:"isRequired,omitempty"`
	Regex        string `json:"regex,omitempty"`
	ErrorMessage string `json:"errorMessage,omitempty"`
}

type inputDate struct {
	Type         string `json:"type"`
	ID           string `json:"id"`
	Label        string `json:"label"`
	Value        string `json:"value,omitempty"`
	IsRequired   bool   `json:"isRequired,omitempty"`
	ErrorMessage string `json:"errorMessage,omitempty"`
}

type inputToggle struct {
	Type         string `json:"type"`
	ID           string `json:"id"`
	Title        string `json:"title"`
	Value        string `json:"value"`
	ValueOn      string `json:"valueOn"`
	ValueOff     string `json:"valueOff"`
	Wrap         bool   `json:"wrap"`
	IsRequired   bool   `json:"isRequired,omitempty"`
	ErrorMessage string `json:"errorMessage,omitempty"`
}

type inputChoiceSet struct {
	Type         string   `json:"type"`
	ID           string   `json:"id"`
	Label        string   `json:"label"`
	Style        string   `json:"style"`
	Placeholder  string   `json:"placeholder,omitempty"`
	Value        string   `json:"value,omitempty"`
	Wrap         bool     `json:"wrap"`
	IsMulti      bool     `json:"isMultiSelect,omitempty"`
	IsRequired   bool     `json:"isRequired,omitempty"`
	ErrorMessage string   `json:"errorMessage,omitempty"`
	Choices      []choice `json:"choices"`
}

type choice struct {
	Title string `json:"title"`
	Value string `json:"value"`
}

// execute is a Universal Action (Adaptive Cards 1.4+, Teams with version 1.5): Teams
// sends it to the bot as an "adaptiveCard/action" invoke whose value.action carries the
// verb and the data merged with the inputs' values keyed by their ids.
type execute struct {
	Type  string `json:"type"`
	Title string `json:"title"`
	Verb  string `json:"verb"`
	Style string `json:"style,omitempty"`
	// AssociatedInputs is "auto" (gather and validate the card's inputs) or "none".
	AssociatedInputs string     `json:"associatedInputs"`
	Data             actionData `json:"data"`
}

// actionData is the data of an action. The verb is repeated in it so that a client
// that reads only the data (and a bot reading an older Action.Submit) finds it.
type actionData struct {
	Verb    string `json:"verb"`
	Subject string `json:"subject,omitempty"`
}

type showCard struct {
	Type  string `json:"type"`
	Title string `json:"title"`
	Card  card   `json:"card"`
}

type actionSet struct {
	Type    string `json:"type"`
	Actions []any  `json:"actions"`
}

// Package cards is the one view model of every card the bot shows. The conversation
// engine builds a Card; each platform renders it: Adaptive Card JSON for Teams
// (cards/adaptive), Block Kit for Slack (cards/blockkit) and numbered text for the
// terminal (cards/text). No renderer adds content the model does not carry, so a card
// reads the same everywhere.
package cards

// Card is a platform-neutral card. Title, Subtitle, section headings, facts and
// checklist lines are plain text, shown as given (a renderer escapes whatever its
// platform would format), so they may carry what people typed. Section.Text and Footer
// are the bot's own Markdown subset (bot.Reply.Text): put text a person typed in a
// fact instead.
type Card struct {
	// Title is shown first, in bold.
	Title string `json:"title"`
	// Subtitle is a short line under the title (status, request number).
	Subtitle string `json:"subtitle,omitempty"`
	// Sections are shown in order.
	Sections []Section `json:"sections,omitempty"`
	// Inputs are fields the user fills before pressing a button; their values come
	// back in Action.Values keyed by Input.ID.
	Inputs []Input `json:"inputs,omitempty"`
	// Buttons are the actions, in order; at most MaxButtons.
	Buttons []Button `json:"buttons,omitempty"`
	// Footer is a small note at the bottom (decision taken, sections cited).
	Footer string `json:"footer,omitempty"`
	// Details are shown on demand: Teams folds them into a "show card" action; Slack
	// and the terminal show DetailsButton instead, which asks the engine for them.
	Details       []Section `json:"details,omitempty"`
	DetailsButton *Button   `json:"details_button,omitempty"`
	// Refresh, when set, asks Teams to fetch the card again, as Refresh.Verb on
	// Refresh.Subject, for each person of Refresh.UserIDs as they view it, so that
	// each sees their own version (user-specific views); everyone else sees this card.
	// Slack and the terminal show this card to all.
	Refresh *Refresh `json:"refresh,omitempty"`
}

// Refresh is a card's per-person refresh (see Card.Refresh).
type Refresh struct {
	Verb    string `json:"verb"`
	Subject string `json:"subject,omitempty"`
	// UserIDs are the people whose view is fetched, at most MaxRefreshUsers: Teams
	// user ids ("29:…") or ids the Teams channel resolves to them in the conversation
	// the card goes to (AAD object ids, UPNs). None: everyone's, in a conversation of
	// at most 60 people.
	UserIDs []string `json:"user_ids,omitempty"`
}

// MaxRefreshUsers is how many people Teams refreshes a card for.
const MaxRefreshUsers = 60

// MaxButtons is the number of buttons a card may carry: Teams' host config shows six.
const MaxButtons = 6

// Section is a block of content: a heading with text, facts or a checklist.
type Section struct {
	Heading   string  `json:"heading,omitempty"`
	Text      string  `json:"text,omitempty"`
	Facts     []Fact  `json:"facts,omitempty"`
	Checklist []Check `json:"checklist,omitempty"`
	// Warning marks a section the reader must not miss (a rule of the procedure at
	// stake, the inventory contradicting a request): red where the platform has it.
	Warning bool `json:"warning,omitempty"`
}

// Fact is a label and its value ("Système : ChatGPT").
type Fact struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// Check is a checklist line, met or not.
type Check struct {
	Label string `json:"label"`
	Met   bool   `json:"met"`
}

// Input is a field of a card.
type Input struct {
	ID          string   `json:"id"`
	Label       string   `json:"label"`
	Placeholder string   `json:"placeholder,omitempty"`
	Multiline   bool     `json:"multiline,omitempty"`
	Required    bool     `json:"required,omitempty"`
	Value       string   `json:"value,omitempty"`
	Choices     []Choice `json:"choices,omitempty"`
	// Pattern is a regular expression (RE2 and ECMAScript alike: anchors, classes,
	// repetitions) a non-empty value must match whole; PatternError says what to type
	// instead. Teams checks it as the field is filled, the terminal as it is entered;
	// the feature checks every value again.
	Pattern      string `json:"pattern,omitempty"`
	PatternError string `json:"pattern_error,omitempty"`
	// Type is what the field takes: text (the default), a date, or a toggle.
	Type InputType `json:"type,omitempty"`
	// Multi lets several choices be picked; their values come back joined by ",".
	Multi bool `json:"multi,omitempty"`
	// MaxLength bounds a text field, in characters; 0 leaves it to the platform.
	MaxLength int `json:"max_length,omitempty"`
	// Hint is a short help line shown under the field.
	Hint string `json:"hint,omitempty"`
	// RequiredError is what Teams says under a required field left empty; empty: the
	// renderer's own « Ce champ est obligatoire ».
	RequiredError string `json:"required_error,omitempty"`
	// Error is what the feature found wrong with the value sent, shown next to the
	// field on the card sent back (server-side validation).
	Error string `json:"error,omitempty"`
}

// InputType is the kind of value an Input takes.
type InputType string

// Input types. A date's value is YYYY-MM-DD; a toggle's is ToggleOn or ToggleOff.
const (
	InputText   InputType = ""
	InputDate   InputType = "date"
	InputToggle InputType = "toggle"
)

// The values of a toggle.
const (
	ToggleOn  = "true"
	ToggleOff = "false"
)

// Choice is one option of an Input with choices.
type Choice struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Style is a button's emphasis.
type Style string

// Button styles.
const (
	StyleDefault Style = ""
	StylePrimary Style = "primary"
	StyleDanger  Style = "danger"
)

// Button is an action. Pressing it sends Verb, Subject and the card's inputs back to
// the engine as an Action. A button never carries state the engine trusts: the engine
// re-reads the subject from storage.
type Button struct {
	Label   string `json:"label"`
	Verb    string `json:"verb"`
	Subject string `json:"subject,omitempty"`
	Style   Style  `json:"style,omitempty"`
	// Needs lists the ids of inputs that must be filled for this button.
	Needs []string `json:"needs,omitempty"`
	// NoInputs buttons send no input values and are let through unchecked
	// (« Précédent » on a form page with required fields).
	NoInputs bool `json:"no_inputs,omitempty"`
}

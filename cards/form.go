package cards

// Form is one page of a form a person fills: Teams shows it as a card (Form.Card)
// whose buttons answer with the next page, Slack as a modal view (blockkit.Modal)
// whose submission answers with the next page or the fields' errors, the terminal as
// a card whose fields it asks one by one. The feature that builds it validates every
// value again when the page comes back, whatever the platform checked.
type Form struct {
	// Title names the form: the modal's title (Slack shows 24 characters of it).
	Title string `json:"title"`
	// Heading is the page's own title (« Usages — 2 de 6 »).
	Heading string `json:"heading,omitempty"`
	// Sections are shown above the fields: what the page asks and why.
	Sections []Section `json:"sections,omitempty"`
	// Error is a problem of the page as a whole, shown first.
	Error string `json:"error,omitempty"`
	// Inputs are the page's fields; an Input.Error is shown next to its field.
	Inputs []Input `json:"inputs,omitempty"`
	// Submit sends the page's values (« Suivant »): the modal's submit button, and on
	// Teams the first button, which checks the required fields before sending.
	Submit Button `json:"submit"`
	// Buttons are the page's other actions (« Précédent », « Enregistrer et
	// quitter »): a row of buttons in the modal, more buttons on the card. Each sends
	// the page's values unless it is NoInputs.
	Buttons []Button `json:"buttons,omitempty"`
	// Close labels the modal's close button (Slack shows 24 characters of it).
	Close string `json:"close,omitempty"`
}

// Card is the form page as a card, for the platforms that show forms as cards.
func (f *Form) Card() *Card {
	c := &Card{Title: f.Title, Subtitle: f.Heading, Inputs: f.Inputs}
	if f.Error != "" {
		c.Sections = append(c.Sections, Section{Text: f.Error, Warning: true})
	}
	c.Sections = append(c.Sections, f.Sections...)
	c.Buttons = append([]Button{f.Submit}, f.Buttons...)
	return c
}

// HasErrors reports whether the page came back with something to correct.
func (f *Form) HasErrors() bool {
	if f.Error != "" {
		return true
	}
	for _, in := range f.Inputs {
		if in.Error != "" {
			return true
		}
	}
	return false
}

package app

import "github.com/cssdgs/iagbot/conversations/disclosure"

// addDisclosure registers the disclosure wording (5.1.7).
func (a *App) addDisclosure() error {
	a.Engine.Register(disclosure.New(nil))
	return nil
}

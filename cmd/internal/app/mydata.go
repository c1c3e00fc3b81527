package app

import (
	"fmt"

	"github.com/cssdgs/iagbot/conversations/mydata"
)

// addMyData registers how the bot works and what it keeps (5.1.8, 5.1.9), and the
// person's own data, shown or erased.
func (a *App) addMyData() error {
	feats, err := mydata.New(a.DB, a.Cfg.File.Retention)
	if err != nil {
		return fmt.Errorf("my data: %w", err)
	}
	for _, f := range feats {
		a.Engine.Register(f)
	}
	return nil
}

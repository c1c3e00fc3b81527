package app

// registerFeatures plugs every conversation feature into the engine. Each feature is
// built in its own file of this package (a function `(a *App) <name>() error`); add one
// line per feature here, in the order their intents should win ties.
func (a *App) registerFeatures() error {
	for _, add := range []func() error{
		a.addPolicy,
		a.addAnnexe,
		a.addReview,
		a.addIncident,
		a.addDisclosure,
		a.addMyData,
		a.addReminders,
		a.addHome,
	} {
		if err := add(); err != nil {
			return err
		}
	}
	return nil
}

package review

import (
	"context"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/conversations"
)

var (
	reviewersPhrases = conversations.Phrases{"approbateurs", "approbatrices", "qui approuve", "reviewers", "approvers",
		"who approves", "who reviews"}.Compile()
	pendingPhrases = conversations.Phrases{"demandes a examiner", "demandes en attente", "a examiner", "demandes a approuver",
		"a approuver", "approbations en attente", "demandes a traiter", "pending reviews", "pending requests", "reviews",
		"requests to review", "to review", "pending approvals"}.Compile()
	registerPhrases = conversations.Phrases{"enregistrer ce canal pour", "enregistre ce canal pour", "enregistrer ce canal pour le",
		"enregistrer ce canal pour la", "utiliser ce canal pour", "register this channel for", "register this channel for the",
		"use this channel for"}.Compile()
	// roleNames are the words that name a review role, folded.
	roleNames = map[string]string{"codir in": config.RoleCODIRIN, "codir": config.RoleCODIRIN, "sti": config.RoleSTI,
		"cprpsi": config.RoleCPRPSI, "comite vie privee": config.RoleCPRPSI, "privacy committee": config.RoleCPRPSI,
		"sgc": config.RoleSGC, "spoa": config.RoleSPOA}
)

// Intents are the phrases of the workflow and of the administrators.
func (f *Feature) Intents() []conversations.Intent {
	notQuestion := func(s *conversations.Session) bool { return !strings.HasSuffix(strings.TrimSpace(s.Turn.Text), "?") }
	return append([]conversations.Intent{
		{Name: "review.reviewers", Priority: 90, Match: func(_ *conversations.Session, folded string) bool {
			return reviewersPhrases.Contains(folded)
		}, Handle: f.reviewers},
		// Exact commands, never the answer to a dialog's question: they interrupt it.
		{Name: "review.pending", Priority: 100, Interrupts: true, Match: func(_ *conversations.Session, folded string) bool {
			return pendingPhrases.Exact(folded)
		}, Handle: f.pending},
		{Name: "review.register", Priority: 100, Interrupts: true, Match: func(_ *conversations.Session, folded string) bool {
			_, ok := registerPhrases.Prefix(folded)
			return ok
		}, Handle: f.register},
		{Name: "review.admin", Priority: 95, Match: func(s *conversations.Session, _ string) bool {
			if !notQuestion(s) { // first: a question costs no parsing
				return false
			}
			_, ok := parseAdmin(s.Turn.Text)
			return ok
		}, Handle: f.adminCommand},
	}, f.delegationIntents()...)
}

// reviewers answers "qui sont les approbateurs ?" from the configuration.
func (f *Feature) reviewers(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	var b strings.Builder
	b.WriteString(s.T("review.reviewers.intro"))
	b.WriteString("\n")
	for _, role := range config.RoleNames {
		var names []string
		for _, m := range f.Members(role) {
			names = append(names, f.memberName(ctx, m))
		}
		list := strings.Join(names, ", ")
		if list == "" {
			list = s.T("review.reviewers.nobody")
		}
		b.WriteString("\n- " + s.T("review.reviewers.line."+role, map[string]any{"Members": list}))
	}
	return []bot.Reply{bot.Text(b.String())}, nil
}

// memberName shows a configured member by the name the bot knows, else as configured
// (an e-mail address; the terminal's "terminal:" prefix dropped).
func (f *Feature) memberName(ctx context.Context, m string) string {
	if key, err := f.Store.FindPersonKey(ctx, m); err == nil {
		if people, err := f.Store.People(ctx, key); err == nil {
			for _, p := range people {
				if strings.TrimSpace(p.Name) != "" {
					return p.Name
				}
			}
		}
	}
	return strings.TrimPrefix(m, string(bot.Terminal)+":")
}

// register answers "enregistrer ce canal pour CODIR-IN": an administrator, in a shared
// channel, makes it where the role's review cards go.
func (f *Feature) register(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	rest, _ := registerPhrases.Prefix(s.Folded())
	role, ok := roleNames[strings.TrimPrefix(strings.TrimPrefix(rest, "le "), "the ")]
	switch {
	case !s.HasRole(config.RoleAdmin):
		err := f.Store.Audit(ctx, audit.Entry{ActorKey: s.Key, ActorName: s.Turn.User.Name, Action: "role.denied",
			Subject: "role:" + role, Comment: "register channel", Sections: []string{"8"}})
		return []bot.Reply{private(s.T("review.register.not_admin"))}, err
	case !ok:
		return []bot.Reply{private(s.T("review.register.unknown_role", map[string]any{"Role": rest}))}, nil
	case !s.Turn.Conversation.Group:
		return []bot.Reply{private(s.T("review.register.not_group"))}, nil
	}
	// The channel itself, not the thread the command was typed in (a Slack mention's
	// thread, a Teams reply chain): every card then starts its own thread at the top,
	// where the role's members look. The confirmation still answers in the thread.
	channel := s.Turn.Conversation
	channel.ThreadID = ""
	if err := f.Store.SetRoleChannel(ctx, role, channel, s.Key); err != nil {
		return nil, err
	}
	err := f.Store.Audit(ctx, audit.Entry{ActorKey: s.Key, ActorName: s.Turn.User.Name, Action: "role.channel",
		Subject: "role:" + role, To: string(s.Turn.Channel), Comment: s.Turn.Conversation.ID, Sections: []string{"8"}})
	if err != nil {
		return nil, err
	}
	return []bot.Reply{bot.Text(s.T("review.register.done", map[string]any{"Role": s.T("review.role." + role)}))}, nil
}

package scheduler_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// platform is a fake Slack: it records posts and answers 429 to the first limited
// ones.
type platform struct {
	mu      sync.Mutex
	limited int
	posts   []post
	refused int
}

type post struct {
	to   string // conversation id: "D-<person key>" or "C-<role>"
	text string
	card bool
	r    bot.Reply
}

var _ bot.Messenger = (*platform)(nil)

func (p *platform) Post(_ context.Context, to bot.ConversationRef, r bot.Reply) (bot.MessageRef, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.limited > 0 {
		p.limited--
		p.refused++
		return bot.MessageRef{}, &bot.RateLimitError{RetryAfter: 2 * time.Second}
	}
	p.posts = append(p.posts, post{to: to.ID, text: replyText(r), card: r.Card != nil, r: r})
	return bot.MessageRef{Conversation: to, MessageID: fmt.Sprintf("m%d", len(p.posts))}, nil
}

// take returns the posts since the last take.
func (p *platform) take() []post {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.posts
	p.posts = nil
	return out
}

// replyText is everything a reply shows, as one string.
func replyText(r bot.Reply) string {
	parts := []string{r.Text}
	if c := r.Card; c != nil {
		parts = append(parts, c.Title)
		for _, s := range c.Sections {
			parts = append(parts, s.Heading, s.Text)
			for _, f := range s.Facts {
				parts = append(parts, f.Label+": "+f.Value)
			}
		}
		for _, b := range c.Buttons {
			parts = append(parts, "["+b.Label+"]")
		}
	}
	return strings.Join(parts, "\n")
}

// meet records that people (keys) talked to the bot on Slack, so they can be reached.
func meet(t *testing.T, db *storage.DB, keys ...string) {
	t.Helper()
	for _, k := range keys {
		name := strings.ToUpper(k[:1]) + strings.Split(k, "@")[0][1:]
		u := bot.User{ID: "U-" + k, Name: name, Email: k}
		if _, err := db.MeetPerson(context.Background(), k, bot.Slack, u, &bot.ConversationRef{Channel: bot.Slack, ID: "D-" + k, UserID: u.ID}); err != nil {
			t.Fatal(err)
		}
	}
}

// channel registers a Slack channel for role.
func channel(t *testing.T, db *storage.DB, role string) {
	t.Helper()
	if err := db.SetRoleChannel(context.Background(), role, bot.ConversationRef{Channel: bot.Slack, ID: "C-" + role, Group: true}, "admin@x"); err != nil {
		t.Fatal(err)
	}
}

// then runs fn with the database's clock at when, and gives the harness its clock
// back: the state other features wrote before the test begins, written the way they
// write it.
func (h *harness) then(when time.Time, fn func()) {
	h.db.Now = func() time.Time { return when }
	defer func() { h.db.Now = h.clock.Now }()
	fn()
}

// approved is a request of requester (supervised by supervisor, when given) that
// CODIR-IN approved at when with a, as the review workflow does.
func (h *harness) approved(when time.Time, requester, supervisor string, answers map[requests.Tag]string, a workflow.Approval) requests.Request {
	h.t.Helper()
	all := map[requests.Tag]string{}
	if supervisor != "" {
		all[requests.TagSupervisor] = supervisor
	}
	for tag, v := range answers {
		all[tag] = v
	}
	var r requests.Request
	h.then(when, func() { r = storagetest.Approved(h.t, h.db, requester, all, a) })
	return r
}

// far is a date no reminder of these tests reaches: an EFVP not due yet.
var far = *date("2030-01-01")

func dbPath(t *testing.T) string { return filepath.Join(t.TempDir(), "iagbot.db") }

// got summarises posts as "conversation: first line" lines, sorted, the weekly
// digest left out (it has its own test).
func got(posts []post) []string {
	var out []string
	for _, p := range posts {
		if strings.HasPrefix(p.text, "\nBilan hebdomadaire") {
			continue
		}
		first := strings.SplitN(strings.TrimSpace(p.text), "\n", 2)[0]
		out = append(out, p.to+": "+first)
	}
	sort.Strings(out)
	return out
}

// to returns the conversations posted to, sorted.
func to(posts []post) []string {
	var out []string
	for _, p := range posts {
		out = append(out, p.to)
	}
	sort.Strings(out)
	return out
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func firstLine(s string) string { return strings.SplitN(strings.TrimSpace(s), "\n", 2)[0] }

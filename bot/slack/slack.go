// Package slack is the Slack channel: it turns Slack's Events API, interactivity and
// slash-command requests (over HTTP, or Socket Mode) into bot.Turns for the
// conversation engine, and posts the replies through the Web API. It also implements
// bot.Messenger, bot.Updater and bot.DirectOpener for proactive messages.
//
// Every HTTP request is authenticated with Slack's request signature before anything
// else is read from it. Slack wants an answer within three seconds, so a request is
// only verified, deduplicated and queued before the answer; a bounded pool of workers
// then calls the engine and posts the replies. A full queue answers 503, and Slack
// retries the event later.
//
// Nothing here logs message text or names: only request ids, event types and
// outcomes.
package slack

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
	slackgo "github.com/slack-go/slack"
)

// API lists the Slack Web API calls the channel makes. *slack.Client implements it;
// the application builds that client (token, API URL) and passes it to New.
type API interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slackgo.MsgOption) (string, string, error)
	PostEphemeralContext(ctx context.Context, channelID, userID string, options ...slackgo.MsgOption) (string, error)
	UpdateMessageContext(ctx context.Context, channelID, timestamp string, options ...slackgo.MsgOption) (string, string, string, error)
	OpenConversationContext(ctx context.Context, params *slackgo.OpenConversationParameters) (*slackgo.Channel, bool, bool, error)
	GetUserInfoContext(ctx context.Context, user string, options ...slackgo.GetUserInfoOption) (*slackgo.User, error)
	PublishViewContext(ctx context.Context, req slackgo.PublishViewContextRequest) (*slackgo.ViewResponse, error)
	OpenViewContext(ctx context.Context, triggerID string, view slackgo.ModalViewRequest) (*slackgo.ViewResponse, error)
	UpdateViewContext(ctx context.Context, view slackgo.ModalViewRequest, externalID, hash, viewID string) (*slackgo.ViewResponse, error)
}

// Deduper remembers the events already accepted, in the database so that replicas
// agree (storage.DB implements it).
type Deduper interface {
	// FirstSeen records key and reports whether it is new.
	FirstSeen(ctx context.Context, key string) (bool, error)
}

// HomeProvider supplies a person's App Home tab, as cards shown one after the other:
// their buttons work as those of any card (block_actions with the verb and subject).
type HomeProvider interface {
	Home(ctx context.Context, u bot.User, lang i18n.Lang) ([]*cards.Card, error)
}

// Options configure a Channel. Zero values take the defaults given.
type Options struct {
	// SigningSecret is SLACK_SIGNING_SECRET. Without it every HTTP request is refused
	// (Socket Mode needs none).
	SigningSecret string
	// TeamID, EnterpriseID and AppID are this bot's workspace, its Enterprise Grid org
	// (empty outside one) and its Slack app (auth.test and bots.info tell them; the
	// application learns them at start, or takes SLACK_TEAM_ID and SLACK_APP_ID).
	// Events, interactions and commands of any other workspace, org or app, and
	// events of channels shared with another organisation (Slack Connect), are
	// acknowledged and ignored. Leaving TeamID and AppID both empty turns the check
	// off, which only tests do.
	TeamID, EnterpriseID, AppID string
	// Dedupe is required: it is how a retried event is handled once.
	Dedupe Deduper
	// Home fills the App Home tab; nil leaves app_home_opened unanswered.
	Home HomeProvider
	// DefaultLang is the team's language, for people whose Slack locale is unknown
	// (default French).
	DefaultLang i18n.Lang
	// Workers is the number of turns handled at once (default DefaultWorkers); Queue
	// the number waiting (default DefaultQueue).
	Workers, Queue int
	// AdmissionWait is how long a request waits for a place when the queue is full
	// before it is refused with 503 (default 2 s: Slack gives up on an answer after
	// 3 s, so the ack still arrives in time and a sustained burst slows its senders
	// down instead of being shed; negative refuses at once).
	AdmissionWait time.Duration
	// TurnTimeout bounds the handling of one turn, replies included (default 60 s).
	TurnTimeout time.Duration
	// UserTTL is how long users.info answers are cached (default 1 h).
	UserTTL time.Duration
	// HTTPClient posts to response_url (default: NewHTTPClient(10 s)).
	HTTPClient *http.Client
	// Log receives ids, event types and outcomes; nil discards.
	Log *slog.Logger
	// Now is the clock of signature checks and caches (tests).
	Now func() time.Time
	// FormVerbs are the verbs of buttons that open a form: pressed, a modal is opened
	// at once (« un instant… ») within the trigger's 3 seconds, and the form replaces
	// it when the turn has run.
	FormVerbs []string
	// SubmitBudget is how long a modal's submission may take to be answered in the
	// acknowledgement itself (default 2.5 s: Slack waits 3 s); past it, the modal shows
	// « en cours » and is updated when the turn ends.
	SubmitBudget time.Duration
	// Observe counts inbound outcomes the engine never sees: "unauthorized",
	// "bad_request", "duplicate", "busy", "waited" (the queue was full on arrival and
	// the request waited for a place), "foreign" (another workspace, org or app)
	// (metrics).
	Observe func(outcome string)
}

// DefaultQueue is the default number of turns waiting for a worker. It holds a
// burst of clicks (Slack does not retry one); beyond it, requests wait for a place
// (AdmissionWait), so a sustained flood slows its senders instead of being shed. A
// longer queue would only hold more events in memory and make every person wait
// longer for their answer: 8 192 waiting turns held a Slack run's peak RSS at 60 MB
// and delayed replies by two seconds.
const DefaultQueue = 1024

// DefaultWorkers is the default number of turns handled at once. A turn spends most
// of its time waiting, on the database and on the Web API (users.info,
// chat.postMessage: tens to hundreds of milliseconds from Slack), not on a core: with
// four workers, the waits, not the machine, bounded the turns per second. More than
// this brought no more turns on loopback and costs memory (each busy worker's stack,
// and the GC scanning it).
const DefaultWorkers = 32

// NewHTTPClient returns a client for the Web API and response URLs that keeps an idle
// connection per worker: every call goes to one or two hosts, and Go's default of two
// idle connections per host made most calls of a busy bot open a new connection
// (a TCP handshake each, and as many sockets left in TIME_WAIT).
func NewHTTPClient(timeout time.Duration) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = 2 * DefaultWorkers
	tr.MaxIdleConnsPerHost = DefaultWorkers
	return &http.Client{Timeout: timeout, Transport: tr}
}

// Channel is the Slack channel. It is safe for concurrent use. Its workers run from
// New until Stop.
type Channel struct {
	api   API
	h     bot.Handler
	opts  Options
	log   *slog.Logger
	pool  *pool
	users *userCache
}

var (
	_ bot.Messenger    = (*Channel)(nil)
	_ bot.Updater      = (*Channel)(nil)
	_ bot.DirectOpener = (*Channel)(nil)
)

// New returns a running channel that answers turns with h and calls Slack through
// api. Stop it to let queued turns finish.
func New(api API, h bot.Handler, opts Options) (*Channel, error) {
	if api == nil || h == nil || opts.Dedupe == nil {
		return nil, errors.New("slack: New needs an API, a handler and a deduper")
	}
	if opts.DefaultLang == "" {
		opts.DefaultLang = i18n.FR
	}
	if opts.Workers <= 0 {
		opts.Workers = DefaultWorkers
	}
	if opts.Queue <= 0 {
		opts.Queue = DefaultQueue
	}
	if opts.AdmissionWait == 0 {
		opts.AdmissionWait = 2 * time.Second
	}
	if opts.TurnTimeout <= 0 {
		opts.TurnTimeout = time.Minute
	}
	if opts.UserTTL <= 0 {
		opts.UserTTL = time.Hour
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = NewHTTPClient(10 * time.Second)
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.SubmitBudget <= 0 {
		opts.SubmitBudget = 2500 * time.Millisecond
	}
	if opts.Observe == nil {
		opts.Observe = func(string) {}
	}
	c := &Channel{api: api, h: h, opts: opts, log: opts.Log}
	c.users = newUserCache(api, opts.UserTTL, opts.Now)
	c.pool = newPool(opts.Workers, opts.Queue, opts.TurnTimeout, opts.Log)
	return c, nil
}

// Stop stops taking requests (they get 503, and Slack retries them, on this replica
// or another) and waits for the queued turns until ctx is done, when it cancels the
// rest. It is safe to call more than once.
func (c *Channel) Stop(ctx context.Context) error { return c.pool.stop(ctx) }

// Routes mounts the three Slack endpoints on mux: POST /slack/events,
// /slack/interactivity and /slack/commands.
func (c *Channel) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /slack/events", c.serveEvents)
	mux.HandleFunc("POST /slack/interactivity", c.serveInteractivity)
	mux.HandleFunc("POST /slack/commands", c.serveCommands)
}

// Package teams is the Microsoft Teams channel: it receives Bot Framework activities on
// POST /api/messages, turns them into bot.Turns for the conversation engine, and sends
// the engine's bot.Replies back through the Bot Connector as Teams messages and Adaptive
// Cards. It also implements bot.Messenger, bot.Updater and bot.DirectOpener for
// proactive messages.
//
// It uses msbotbuilder-go for its activity schema only: the token check is bfauth's,
// the outbound calls are connector's, and the dispatch is this package's, because the
// SDK adapter reads unbounded bodies, answers 400 for bad tokens and posts invoke
// answers instead of returning them.
//
// Card buttons are Universal Actions (Action.Execute): a press is an adaptiveCard/action
// invoke, answered in its HTTP response. Action.Submit presses from cards posted before
// arrive as message activities whose value is the submit data, and still work.
package teams

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/teams/bfauth"
	"github.com/cssdgs/iagbot/bot/teams/connector"
	"github.com/infracloudio/msbotbuilder-go/schema"
	"golang.org/x/sync/singleflight"
)

// Defaults of Config.
const (
	// MaxBodyBytes caps an inbound activity; real ones are a few KiB.
	MaxBodyBytes = 1 << 20
	// DefaultMaxInFlight bounds the activities processed at once; more wait for a slot
	// while their request lasts, then get 503 (Teams redelivers).
	DefaultMaxInFlight = 32
	// DefaultTurnTimeout bounds the engine and the replies of one activity. The Bot
	// Framework expects its POST answered within 15 s, and serve's graceful shutdown
	// waits as long for the turns under way, so a turn must end before either.
	DefaultTurnTimeout = 12 * time.Second
	// DefaultMemberTTL is how long a person's e-mail from the members API is reused.
	DefaultMemberTTL = time.Hour
	// DefaultServiceURL is Teams' global service URL, used to open a 1:1 conversation
	// before any activity told the bot its regional one.
	DefaultServiceURL = "https://smba.trafficmanager.net/teams/"
	// DefaultBotName is the short name of the Teams app (manifest/teams).
	DefaultBotName = "Assistant IAG"
)

// TokenValidator checks the Authorization header of an inbound activity;
// *bfauth.Validator implements it.
type TokenValidator interface {
	Validate(ctx context.Context, authHeader, channelID, serviceURL string) (*bfauth.Claims, error)
}

// Connector is the part of the Bot Connector the channel calls; *connector.Client
// implements it.
type Connector interface {
	SendActivity(ctx context.Context, serviceURL, conversationID string, a schema.Activity) (string, error)
	ReplyToActivity(ctx context.Context, serviceURL, conversationID, replyToID string, a schema.Activity) (string, error)
	UpdateActivity(ctx context.Context, serviceURL, conversationID, activityID string, a schema.Activity) error
	CreateConversation(ctx context.Context, serviceURL string, p schema.ConversationParameters) (*schema.ConversationResourceResponse, error)
	GetMember(ctx context.Context, serviceURL, conversationID, memberID string) (*connector.Member, error)
}

// Store is what the channel keeps in the database; *storage.DB implements it.
type Store interface {
	// FirstSeen records key and reports whether this is the first time, across
	// restarts and replicas (redelivered activities, the welcome of a conversation).
	// A key is kept a day, unless it begins with "once:" (storage.OncePrefix): then
	// for good.
	FirstSeen(ctx context.Context, key string) (bool, error)
	// MeetPerson records a person, with their 1:1 conversation reference when given,
	// and returns the language they chose (see conversations.Store).
	MeetPerson(ctx context.Context, key string, ch bot.Channel, u bot.User, direct *bot.ConversationRef) (string, error)
}

// Config configures a Channel. Handler, Connector and Store are required, and
// Validator unless Emulator is set.
type Config struct {
	Handler   bot.Handler
	Connector Connector
	Store     Store
	// Validator checks every inbound token: a request it refuses gets 401 and is not
	// processed.
	Validator TokenValidator
	// Emulator accepts requests without a token, as the Bot Framework Emulator sends
	// them when the bot has no app id. Only for a server listening on loopback (see
	// Loopback); New refuses a Validator together with it.
	Emulator bool
	// AppID is the bot's Microsoft app id; the bot's Teams account is "28:"+AppID.
	AppID string
	// TenantID is the bot's Azure tenant (MICROSOFT_APP_TENANT_ID), required with a
	// Validator: activities of any other tenant are ignored. TenantID and ServiceURL
	// are also used to open 1:1 conversations (OpenDirect). The
	// service URL of the last authentic activity wins over ServiceURL, which wins over
	// DefaultServiceURL; TenantID wins over the last activity's tenant.
	TenantID, ServiceURL string
	// DefaultLang is the language when neither the person nor the platform says.
	DefaultLang i18n.Lang
	Log         *slog.Logger
	MaxInFlight int
	TurnTimeout time.Duration
	// InvokeBudget bounds the wait for a button press's turn before its invoke is
	// answered (DefaultInvokeBudget); the turn itself may go on to TurnTimeout.
	InvokeBudget time.Duration
	// BotName is the bot's name in the "from" of the activities it starts
	// (DefaultBotName, the Teams app's short name).
	BotName   string
	MemberTTL time.Duration
	Now       func() time.Time
	// Observe counts inbound outcomes the engine never sees: "unauthorized",
	// "bad_request", "duplicate", "busy", "foreign" (not Teams, another tenant, no AAD user).
	Observe func(outcome string)
}

// ErrConfig is returned by New for an unusable Config.
var ErrConfig = errors.New("teams: invalid configuration")

// Channel is the Teams channel. It is an http.Handler for POST /api/messages and is
// safe for concurrent use.
type Channel struct {
	cfg      Config
	log      *slog.Logger
	inflight chan struct{}
	members  *memberCache
	mris     *memberCache       // Teams ids by AAD object id or UPN (teams_views.go)
	lookups  singleflight.Group // member lookups in flight, by account id

	mu   sync.Mutex // guards seen
	seen seenContext
}

// seenContext is what the last inbound activity taught about the bot's context, for
// proactive calls that start from a bare user id.
type seenContext struct{ serviceURL, tenantID, botID string }

var (
	_ bot.Messenger    = (*Channel)(nil)
	_ bot.Updater      = (*Channel)(nil)
	_ bot.DirectOpener = (*Channel)(nil)
)

// New checks cfg and returns the channel.
func New(cfg Config) (*Channel, error) {
	switch {
	case cfg.Handler == nil || cfg.Connector == nil || cfg.Store == nil:
		return nil, errors.Join(ErrConfig, errors.New("teams: the handler, connector and store are required"))
	case cfg.Validator == nil && !cfg.Emulator:
		return nil, errors.Join(ErrConfig, errors.New("no token validator: set MICROSOFT_APP_ID (the emulator mode without it needs a loopback address)"))
	case cfg.Validator != nil && cfg.Emulator:
		return nil, errors.Join(ErrConfig, errors.New("teams: emulator mode and a token validator are exclusive"))
	case cfg.Validator != nil && cfg.TenantID == "":
		return nil, errors.Join(ErrConfig, errors.New("no tenant: set MICROSOFT_APP_TENANT_ID (only that tenant's activities are processed)"))
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = DefaultMaxInFlight
	}
	if cfg.TurnTimeout <= 0 {
		cfg.TurnTimeout = DefaultTurnTimeout
	}
	if cfg.InvokeBudget <= 0 {
		cfg.InvokeBudget = DefaultInvokeBudget
	}
	if cfg.BotName == "" {
		cfg.BotName = DefaultBotName
	}
	if cfg.MemberTTL <= 0 {
		cfg.MemberTTL = DefaultMemberTTL
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if !i18n.Valid(string(cfg.DefaultLang)) {
		cfg.DefaultLang = i18n.FR
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Observe == nil {
		cfg.Observe = func(string) {}
	}
	return &Channel{cfg: cfg, log: cfg.Log.With("channel", string(bot.Teams)),
		inflight: make(chan struct{}, cfg.MaxInFlight),
		members:  newMemberCache(cfg.MemberTTL, cfg.Now),
		mris:     newMemberCache(cfg.MemberTTL, cfg.Now)}, nil
}

// Loopback reports whether a listen address ("127.0.0.1:3978", "[::1]:3978",
// "localhost:3978") accepts connections from this machine only. An empty host
// (":3978") listens on every interface and is not loopback.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// remember keeps the context of an authentic activity for OpenDirect.
func (c *Channel) remember(in *inbound) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen.serviceURL = in.ServiceURL
	if t := in.tenantID(); t != "" {
		c.seen.tenantID = t
	}
	if in.Recipient.ID != "" {
		c.seen.botID = in.Recipient.ID
	}
}

// proactive returns the service URL, tenant and bot account to open a conversation.
func (c *Channel) proactive() seenContext {
	c.mu.Lock()
	s := c.seen
	c.mu.Unlock()
	if s.serviceURL == "" {
		s.serviceURL = c.cfg.ServiceURL
	}
	if s.serviceURL == "" {
		s.serviceURL = DefaultServiceURL
	}
	if c.cfg.TenantID != "" {
		s.tenantID = c.cfg.TenantID
	}
	if c.cfg.AppID != "" {
		s.botID = "28:" + c.cfg.AppID
	}
	return s
}

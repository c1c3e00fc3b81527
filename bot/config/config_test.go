package config

import (
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "iagbot.db" || c.Addr != ":3978" || c.Lang != "fr" || c.Teams.OpenIDMetadataURL != DefaultOpenIDMetadataURL ||
		c.LogLevel != slog.LevelInfo {
		t.Fatalf("defaults = %+v", c)
	}
	if c, err := Load(env(map[string]string{"IAGBOT_LOG_LEVEL": "debug"})); err != nil || c.LogLevel != slog.LevelDebug {
		t.Fatalf("IAGBOT_LOG_LEVEL=debug: %v, %v", c, err)
	}
}

func TestLoadNamesTheBadKey(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"bad lang", map[string]string{"IAGBOT_LANG": "de"}, "IAGBOT_LANG"},
		{"bad log level", map[string]string{"IAGBOT_LOG_LEVEL": "verbose"}, "IAGBOT_LOG_LEVEL"},
		{"bad addr", map[string]string{"IAGBOT_ADDR": "3978"}, "IAGBOT_ADDR"},
		{"app id without password", map[string]string{"MICROSOFT_APP_ID": "x"}, "MICROSOFT_APP_PASSWORD"},
		{"slack token without secret", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"},
		{"bad app token", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"}, "SLACK_APP_TOKEN"},
		{"missing file", map[string]string{"IAGBOT_CONFIG": filepath.Join(dir, "nope.yaml")}, "IAGBOT_CONFIG"},
		{"unknown key", map[string]string{"IAGBOT_CONFIG": write("a.yaml", "rolez: {}\n")}, "rolez"},
		{"unknown role", map[string]string{"IAGBOT_CONFIG": write("b.yaml", "roles:\n  codir: [a@b.c]\n")}, "roles.codir"},
		{"bad time", map[string]string{"IAGBOT_CONFIG": write("c.yaml", "reminders:\n  at: '9h'\n")}, "reminders.at"},
		{"bad closure", map[string]string{"IAGBOT_CONFIG": write("d.yaml", "reminders:\n  closures: ['2026-13-01']\n")}, "reminders.closures[0]"},
		{"bad digest day", map[string]string{"IAGBOT_CONFIG": write("e.yaml", "reminders:\n  digest_day: lundi\n")}, "reminders.digest_day"},
		{"bare platform id", map[string]string{"IAGBOT_CONFIG": write("g.yaml", "roles:\n  sti: [U04ABCDEF]\n")}, "roles.sti[0]"},
		{"unknown channel prefix", map[string]string{"IAGBOT_CONFIG": write("h.yaml", "roles:\n  sti: ['directline:U1']\n")}, "roles.sti[0]"},
		{"tenant missing", map[string]string{"MICROSOFT_APP_ID": "x", "MICROSOFT_APP_PASSWORD": "p"}, "MICROSOFT_APP_TENANT_ID"},
		{"bad url", map[string]string{"IAGBOT_CONFIG": write("f.yaml", "incident_form_url: maestro\n")}, "incident_form_url"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(env(tc.env))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Load error = %v, want one naming %q", err, tc.want)
			}
		})
	}
}

func TestRolesOf(t *testing.T) {
	f, err := ParseFile([]byte("roles:\n  codir-in: [Marie@CSSDGS.gouv.qc.ca, 'slack:U42', 'teams:aad-7']\n  admin: ['terminal:paul']\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		u    bot.User
		ch   bot.Channel
		want []string
	}{
		{bot.User{ID: "aad", Email: "marie@cssdgs.gouv.qc.ca"}, bot.Teams, []string{RoleCODIRIN}},
		{bot.User{ID: "U42"}, bot.Slack, []string{RoleCODIRIN}},
		{bot.User{ID: "U42"}, bot.Terminal, nil},
		{bot.User{ID: "U42"}, bot.Teams, nil}, // an id is only itself on its own channel
		{bot.User{ID: "aad-7"}, bot.Teams, []string{RoleCODIRIN}},
		{bot.User{ID: "aad-7"}, bot.Slack, nil},
		{bot.User{ID: "slack:U42"}, bot.Teams, nil},
		{bot.User{ID: "paul"}, bot.Terminal, []string{RoleAdmin}},
		{bot.User{ID: "zoe"}, bot.Slack, nil},
	} {
		if got := f.RolesOf(tc.u, tc.ch); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("RolesOf(%+v, %s) = %v, want %v", tc.u, tc.ch, got, tc.want)
		}
	}
}

func TestCommittees(t *testing.T) {
	members := "roles:\n  codir-in: [a@b.ca, c@b.ca, d@b.ca, e@b.ca, f@b.ca]\n  cprpsi: [g@b.ca]\n"
	f, err := ParseFile([]byte(members + "committees:\n  codir-in: {rule: majority, quorum: 3, secret: true}\n  cprpsi: {rule: unanimous}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for role, want := range map[string]Committee{
		RoleCODIRIN: {Rule: RuleMajority, Quorum: 3, Secret: true},
		RoleCPRPSI:  {Rule: RuleUnanimous},
		RoleSTI:     {Rule: RuleFirst},
	} {
		if got := f.CommitteeOf(role); got != want {
			t.Errorf("CommitteeOf(%s) = %+v, want %+v", role, got, want)
		}
	}
	for _, tc := range []struct{ yaml, want string }{
		{"committees:\n  codir-in: {rule: most}\n", "committees.codir-in.rule"},
		{"committees:\n  codir-in: {rule: majority}\n", "committees.codir-in.quorum"},
		{"committees:\n  codir-in: {rule: majority, quorum: 6}\n", "committees.codir-in.quorum: 6 is more than the 5"},
		{"committees:\n  sti: {rule: unanimous}\n", "committees.sti.rule"},
		{"committees:\n  cprpsi: {rule: unanimous, quorum: 1}\n", "committees.cprpsi.quorum"},
		{"committees:\n  codir-in: {quorum: 2}\n", "committees.codir-in.quorum"},
		{"committees:\n  admin: {rule: first}\n", "committees.admin"},
		{"committees:\n  codir: {rule: first}\n", "committees.codir"},
		{"committees:\n  codir-in: {rule: majority, quorum: 3, secrett: true}\n", "secrett"},
	} {
		if _, err := ParseFile([]byte(members + tc.yaml)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error = %v, want one naming %q", tc.yaml, err, tc.want)
		}
	}
}

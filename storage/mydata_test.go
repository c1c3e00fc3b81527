package storage_test

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/privacy"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// seedPerson gives key a bit of everything the bot keeps: two channels, a language, a
// dialog, a draft with an answer and a submitted request (ids from firstRequest), a
// reminder and its delivery, a training, a system, an incident report.
func seedPerson(t *testing.T, db *storage.DB, key string, firstRequest int) {
	t.Helper()
	ctx := context.Background()
	steps := []func() error{
		func() error {
			_, err := db.MeetPerson(ctx, key, bot.Slack, bot.User{ID: "U-" + key}, &bot.ConversationRef{Channel: bot.Slack, ID: "D-" + key})
			return err
		},
		func() error {
			_, err := db.MeetPerson(ctx, key, bot.Teams, bot.User{ID: "aad-" + key}, nil)
			return err
		},
		func() error { return db.SetPersonLang(ctx, key, "en") },
		func() error { return db.SaveDialog(ctx, key, "annexe1", []byte(`{"step":2}`)) },
		func() error {
			_, err := db.FileIncident(ctx, privacy.Incident{ReporterKey: key, System: "Gemini", DataKinds: []string{"health"}, OccurredAt: "unknown"}, key)
			return err
		},
	}
	sqls := []string{
		`INSERT INTO request_rows (id, requester_key, status, system_name, created_at, updated_at) VALUES (?1, '@', 'draft', 'PlanifIA', '2026-06-01', '2026-06-01')`,
		`INSERT INTO answer_rows (request_id, item, value) VALUES (?1, 'system.name', 'PlanifIA')`,
		`INSERT INTO request_rows (id, requester_key, status, system_name, submitted_at, created_at, updated_at) VALUES (?1 + 1, '@', 'sti_review', 'ScribeIA', '2026-06-02', '2026-06-02', '2026-06-02')`,
		`INSERT INTO reminder_rows (kind, subject, recipient_key, due_at) VALUES ('efvp', 'system:x', '@', '2026-09-01')`,
		`INSERT INTO delivery_rows (key, kind, recipient_key, status) VALUES ('efvp/?1', 'efvp', '@', 'sent')`,
		`INSERT INTO training_rows (request_id, person_key) VALUES (?1 + 1, '@')`,
		`INSERT INTO system_rows (id, name, owner_key) VALUES ('sys-' || ?1, 'ScribeIA', '@')`,
		// Review work: a vote, an opinion given, a delegation to someone else.
		`INSERT INTO vote_rows (request_id, round, stage, voter_key, choice) VALUES (?1 + 1, 1, 'codir_review', '@', 'approve')`,
		`INSERT INTO consultation_rows (request_id, round, stage, role, seq, asked_by_key, by_key, opinion) VALUES (?1 + 1, 1, 'codir_review', 'sgc', 1, 'someone-else', '@', 'favourable')`,
		`INSERT INTO delegation_rows (person_key, delegate_key, by_key, from_day, to_day) VALUES ('@', 'someone-else', '@', '2027-01-10', '2027-01-24')`,
	}
	for _, s := range steps {
		if err := s(); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range sqls {
		q = strings.ReplaceAll(q, "'@'", "'"+key+"'")
		q = strings.ReplaceAll(q, "?1", strconv.Itoa(firstRequest))
		if err := db.ExecForTest(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestPersonDataAndErase(t *testing.T) { storagetest.Each(t, testPersonDataAndErase) }

func testPersonDataAndErase(t *testing.T, db *storage.DB) {
	ctx := context.Background()
	seedPerson(t, db, "alice@example.org", 1)
	seedPerson(t, db, "bob@example.org", 10)

	d, err := db.PersonData(ctx, "alice@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Channels) != 2 || d.Lang != "en" || !reflect.DeepEqual(d.Dialogs, []string{"annexe1"}) ||
		len(d.Incidents) != 1 || d.NextReminder == nil || d.NextReminder.Format("2006-01-02") != "2026-09-01" {
		t.Errorf("PersonData = %+v; want 2 channels, en, annexe1, 1 incident, reminder on 2026-09-01", d)
	}
	if len(d.Requests) != 2 || d.Requests[0].Status != "sti_review" || !d.Requests[0].Submitted || d.Requests[1].Submitted {
		t.Errorf("Requests = %+v; want the submitted one first, then the draft", d.Requests)
	}
	// One audit entry so far: the incident report.
	plan := privacy.Erasure{People: 2, Dialogs: 1, Drafts: 1, Reminders: 1, Deliveries: 1, Incidents: 1,
		KeptRequests: 1, KeptTrainings: 1, KeptSystems: 1, KeptAudit: 1, KeptReviewWork: 3}
	if got := d.Plan(); got != plan {
		t.Errorf("Plan() = %+v, want %+v", got, plan)
	}
	bobBefore, err := db.PersonData(ctx, "bob@example.org")
	if err != nil {
		t.Fatal(err)
	}

	got, err := db.ErasePerson(ctx, "alice@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if got != plan {
		t.Errorf("ErasePerson = %+v, want what Plan announced, %+v", got, plan)
	}
	after, err := db.PersonData(ctx, "alice@example.org")
	if err != nil {
		t.Fatal(err)
	}
	want := privacy.Erasure{KeptRequests: 1, KeptTrainings: 1, KeptSystems: 1, KeptAudit: 2, KeptReviewWork: 3}
	if after.Plan() != want || after.Lang != "" || after.NextReminder != nil {
		t.Errorf("after erasure: %+v; want only kept records (the erasure itself audited)", after)
	}
	bobAfter, err := db.PersonData(ctx, "bob@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(bobAfter, bobBefore) {
		t.Errorf("bob's data changed:\n got %+v\nwant %+v", bobAfter, bobBefore)
	}

	// What the database itself holds: the draft's answers are gone, the incident report
	// stays for the committee without its reporter, the audit log names the erasure.
	for _, tc := range []struct {
		table, where string
		args         []any
		want         int64
	}{
		{"answer_rows", "request_id = ?", []any{1}, 0},
		{"answer_rows", "request_id = ?", []any{10}, 1},
		{"incident_rows", "reporter_key = '' AND system = ?", []any{"Gemini"}, 1},
		{"person_rows", "key = ?", []any{"alice@example.org"}, 0},
		{"audit_rows", "action = ? AND actor_key = ?", []any{privacy.AuditErasure, "alice@example.org"}, 1},
	} {
		if n, err := db.CountForTest(ctx, tc.table, tc.where, tc.args...); err != nil || n != tc.want {
			t.Errorf("%s where %s %v: %d rows, %v; want %d", tc.table, tc.where, tc.args, n, err, tc.want)
		}
	}
}

func TestPersonDataEmpty(t *testing.T) { storagetest.Each(t, testPersonDataEmpty) }

func testPersonDataEmpty(t *testing.T, db *storage.DB) {
	d, err := db.PersonData(context.Background(), "nobody@example.org")
	if err != nil || !d.Empty() {
		t.Fatalf("PersonData(stranger) = %+v, %v; want empty", d, err)
	}
	e, err := db.ErasePerson(context.Background(), "nobody@example.org")
	if err != nil || e.Removed() != 0 {
		t.Fatalf("ErasePerson(stranger) = %+v, %v; want nothing removed", e, err)
	}
}

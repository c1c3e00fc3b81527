package storage_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/reminder"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

var rt0 = time.Date(2027, 5, 3, 13, 0, 0, 0, time.UTC)

func claim(key string) reminder.Claim {
	k, _, _, to, _ := reminder.ParseKey(key)
	return reminder.Claim{Key: key, Kind: k, Recipient: to}
}

func TestClaimRemindersOnceThenRetriesFailures(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		key := "efvp|system:chatgpt|2027-06-02/30|alice@x"
		steps := []struct {
			name   string
			before reminder.Status // recorded before the claim; "" records nothing
			want   bool
		}{
			{"new key", "", true},
			{"pending: another pass has it", "", false},
			{"failed once", reminder.Failed, true},
			{"failed twice", reminder.Failed, true},
			{"failed three times", reminder.Failed, false},
		}
		for _, st := range steps {
			t.Run(st.name, func(t *testing.T) {
				if st.before != "" {
					if err := db.FinishReminders(ctx, []string{key}, st.before, "boom", rt0); err != nil {
						t.Fatal(err)
					}
				}
				got, err := db.ClaimReminders(ctx, nil, []reminder.Claim{claim(key)}, reminder.MaxAttempts, rt0)
				if err != nil {
					t.Fatal(err)
				}
				if (len(got) == 1) != st.want {
					t.Fatalf("claimed %v, want claimed=%v", got, st.want)
				}
			})
		}
		have, err := db.ReminderDeliveries(ctx, []string{key, "nope"})
		if err != nil {
			t.Fatal(err)
		}
		d, ok := have[key]
		if len(have) != 1 || !ok || d.Attempts != 3 || d.Subject != "system:chatgpt" || d.Occurrence != "2027-06-02/30" {
			t.Fatalf("deliveries = %+v, want one with 3 attempts and its key's parts", have)
		}
	})
}

func TestClaimRemindersGateLetsOneMessageADay(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		gate := func(day string) *reminder.Claim {
			return &reminder.Claim{Key: "daily|" + day + "|-|boss@x", Kind: "daily", Recipient: "boss@x"}
		}
		a, b, c := claim("review|request:1|x|boss@x"), claim("review|request:2|x|boss@x"), claim("review|request:3|x|boss@x")
		for _, tc := range []struct {
			name   string
			gate   *reminder.Claim
			claims []reminder.Claim
			want   int
		}{
			{"first message of the day", gate("2027-05-03"), []reminder.Claim{a, b}, 2},
			{"second message the same day", gate("2027-05-03"), []reminder.Claim{c}, 0},
			{"next day: only what is new", gate("2027-05-04"), []reminder.Claim{a, c}, 1},
			{"nothing new: the gate is not spent", gate("2027-05-05"), []reminder.Claim{a}, 0},
			{"so it still opens later that day", gate("2027-05-05"), []reminder.Claim{claim("review|request:4|x|boss@x")}, 1},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := db.ClaimReminders(ctx, tc.gate, tc.claims, reminder.MaxAttempts, rt0)
				if err != nil || len(got) != tc.want {
					t.Fatalf("claimed %v, %v; want %d", got, err, tc.want)
				}
			})
		}
	})
}

// TestClaimRemindersAcrossProcesses claims the same keys from two handles on one
// database, as two bot processes would: each key goes to exactly one.
func TestClaimRemindersAcrossProcesses(t *testing.T) {
	dsns := map[string]string{"sqlite": filepath.Join(t.TempDir(), "shared.db")}
	if dsn, ok := storagetest.PostgresDSN(t); ok {
		dsns["postgres"] = dsn
	}
	for name, dsn := range dsns {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			var dbs [2]*storage.DB
			for i := range dbs {
				db, err := storage.Open(ctx, dsn)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				dbs[i] = db
			}
			var claims []reminder.Claim
			for _, k := range []string{"a", "b", "c", "d", "e", "f", "g", "h"} {
				claims = append(claims, claim("training|request:1|2027-05-10/before|"+k+"@x"))
			}
			var (
				wg  sync.WaitGroup
				mu  sync.Mutex
				won = map[string]int{}
			)
			for i := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					got, err := dbs[i%2].ClaimReminders(ctx, nil, claims, reminder.MaxAttempts, rt0)
					if err != nil {
						t.Error(err)
					}
					mu.Lock()
					defer mu.Unlock()
					for _, k := range got {
						won[k]++
					}
				}()
			}
			wg.Wait()
			if len(won) != len(claims) {
				t.Fatalf("claimed %d keys, want %d", len(won), len(claims))
			}
			for k, n := range won {
				if n != 1 {
					t.Errorf("%s claimed %d times, want once", k, n)
				}
			}
		})
	}
}

func TestLastRemindersIsTheLatestMessage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		send := func(at time.Time, keys ...string) {
			t.Helper()
			var cs []reminder.Claim
			for _, k := range keys {
				cs = append(cs, claim(k))
			}
			if _, err := db.ClaimReminders(ctx, nil, cs, reminder.MaxAttempts, at); err != nil {
				t.Fatal(err)
			}
			if err := db.FinishReminders(ctx, keys, reminder.Sent, "", at); err != nil {
				t.Fatal(err)
			}
		}
		send(rt0, "efvp|system:a|2027-06-02/30|boss@x")
		send(rt0.AddDate(0, 0, 1), "review|request:1|x|boss@x", "untrained|request:2|2027-06-01|boss@x")
		send(rt0.AddDate(0, 0, 2), "efvp|system:a|2027-06-02/30|other@x")
		got, err := db.LastReminders(ctx, "boss@x", rt0.AddDate(0, 0, -30))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Kind != reminder.Review || got[1].Kind != reminder.Untrained {
			t.Fatalf("LastReminders = %+v, want the review and untrained of the second message", got)
		}
		if got, _ := db.LastReminders(ctx, "boss@x", rt0.AddDate(0, 0, 5)); len(got) != 0 {
			t.Fatalf("LastReminders since later = %+v, want none", got)
		}
	})
}

func TestSnoozeAndStopArePerRecipient(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		until := rt0.AddDate(0, 0, 7)
		if err := db.SnoozeReminder(ctx, reminder.Training, "request:1", "alice@x", rt0); err != nil {
			t.Fatal(err)
		}
		// A second snooze replaces the first; a stop keeps the snooze date.
		if err := db.SnoozeReminder(ctx, reminder.Training, "request:1", "alice@x", until); err != nil {
			t.Fatal(err)
		}
		if err := db.StopReminder(ctx, reminder.Draft, "request:2", "bob@x"); err != nil {
			t.Fatal(err)
		}
		prefs, err := db.ReminderPrefs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		byWho := map[string]reminder.Pref{}
		for _, p := range prefs {
			byWho[p.Recipient] = p
		}
		if a := byWho["alice@x"]; len(prefs) != 2 || a.SnoozedUntil == nil || !a.SnoozedUntil.Equal(until) || a.Stopped {
			t.Fatalf("alice's pref = %+v (of %d), want snoozed until %v", a, len(prefs), until)
		}
		if b := byWho["bob@x"]; !b.Stopped || b.Kind != reminder.Draft || b.Subject != "request:2" {
			t.Fatalf("bob's pref = %+v, want the draft reminder stopped", b)
		}
	})
}

package storage_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestConsultationOnceAndOpinionOnce: a stage asks the SGC once while the opinion
// waits, concurrent opinions record one, the opinion after the decision is audited
// as such, and a new consultation may follow an answered one.
func TestConsultationOnceAndOpinionOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		clock := t0
		db.Now = func() time.Time { return clock }
		r := seedSubmitted(t, db, requests.CODIRReview)
		ask := workflow.Consultation{RequestID: r.ID, Round: 1, Stage: requests.CODIRReview, Role: config.RoleSGC,
			AskedByKey: "codir@x", AskedByName: "Chantal Codir", Question: "Droit d'auteur des synthèses ?"}
		c, err := db.AskConsultation(ctx, ask)
		if err != nil || c.ID == 0 || !c.AskedAt.Equal(t0) {
			t.Fatalf("AskConsultation = %+v, %v", c, err)
		}
		if _, err := db.AskConsultation(ctx, ask); !errors.Is(err, bot.ErrConflict) {
			t.Fatalf("second AskConsultation while waiting = %v, want ErrConflict", err)
		}
		spoa := ask
		spoa.Role = config.RoleSPOA
		if _, err := db.AskConsultation(ctx, spoa); err != nil {
			t.Fatalf("SPOA beside the SGC = %v", err)
		}
		// CODIR-IN decides before the SGC answers.
		clock = t0.Add(time.Hour)
		d := workflow.Decision{RequestID: r.ID, Round: 1, Stage: requests.CODIRReview, Decision: workflow.Reject,
			ActorKey: "codir@x", Comment: "non", To: requests.Rejected}
		if _, err := db.Decide(ctx, d, nil); err != nil {
			t.Fatal(err)
		}
		clock = t0.Add(2 * time.Hour)
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = db.GiveOpinion(ctx, c.ID, workflow.Reserved, "Vérifier les licences.", "sgc@x", "Sophie SGC")
			}()
		}
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, bot.ErrConflict):
				t.Errorf("GiveOpinion = %v, want nil or ErrConflict", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d opinions recorded, want 1", won)
		}
		got, err := db.Consultation(ctx, c.ID)
		if err != nil || got.Opinion != workflow.Reserved || got.ByKey != "sgc@x" || got.AnsweredAt == nil || !got.AnsweredAt.Equal(clock) {
			t.Fatalf("Consultation = %+v, %v", got, err)
		}
		dec, _ := db.DecisionFor(ctx, r.ID, 1, requests.CODIRReview)
		if !got.AfterDecision(dec) {
			t.Errorf("AfterDecision = false for an opinion an hour after the decision")
		}
		log, _ := db.AuditLog(ctx)
		var opinions []string
		for _, e := range log {
			if e.Action == "consult.opinion" {
				opinions = append(opinions, e.Comment)
			}
		}
		if len(opinions) != 1 || !strings.Contains(opinions[0], "after the decision") {
			t.Errorf("audited opinions = %q, want one after the decision", opinions)
		}
		if _, err := db.GiveOpinion(ctx, 9999, workflow.Favourable, "", "sgc@x", ""); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("GiveOpinion on no consultation = %v, want ErrNotFound", err)
		}
		all, err := db.Consultations(ctx, r.ID)
		if err != nil || len(all) != 2 || all[0].Role != config.RoleSGC || all[1].Role != config.RoleSPOA {
			t.Fatalf("Consultations = %+v, %v", all, err)
		}
		// The request is decided: no new consultation.
		if _, err := db.AskConsultation(ctx, ask); !errors.Is(err, bot.ErrConflict) {
			t.Errorf("AskConsultation on a decided request = %v, want ErrConflict", err)
		}
		ref := bot.MessageRef{Conversation: bot.ConversationRef{Channel: bot.Slack, ID: "C1"}, MessageID: "1.2"}
		if err := db.AddConsultationCard(ctx, r.ID, c.ID, ref); err != nil {
			t.Fatal(err)
		}
		if refs, err := db.ConsultationCards(ctx, r.ID, c.ID); err != nil || len(refs) != 1 || refs[0].MessageID != "1.2" {
			t.Errorf("ConsultationCards = %+v, %v", refs, err)
		}
		if refs, _ := db.ConsultationCards(ctx, r.ID, c.ID+1); len(refs) != 0 {
			t.Errorf("another consultation's cards = %+v, want none", refs)
		}
	})
}

// TestConsultAgainAfterAnOpinion: once the SGC answered, the stage may ask it again.
func TestConsultAgainAfterAnOpinion(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		r := seedSubmitted(t, db, requests.CODIRReview)
		ask := workflow.Consultation{RequestID: r.ID, Round: 1, Stage: requests.CODIRReview, Role: config.RoleSGC, AskedByKey: "codir@x"}
		c, err := db.AskConsultation(ctx, ask)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.GiveOpinion(ctx, c.ID, workflow.Favourable, "", "sgc@x", "SGC"); err != nil {
			t.Fatal(err)
		}
		again, err := db.AskConsultation(ctx, ask)
		if err != nil || again.ID == c.ID {
			t.Fatalf("second consultation after an opinion = %+v, %v", again, err)
		}
	})
}

package qa_test

import (
	"context"
	"testing"

	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/qa"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// revCounter counts the inventory revision reads.
type revCounter struct {
	*storage.DB
	n int
}

func (c *revCounter) InventoryRev(ctx context.Context) (int64, error) {
	c.n++
	return c.DB.InventoryRev(ctx)
}

// TestOneRevisionReadPerQuestion: the matcher and the handler share the turn's
// analysis, so a question costs one read of the inventory's revision, not two; the
// next question reads it again (TestInventoryChangeTakesEffect).
func TestOneRevisionReadPerQuestion(t *testing.T) {
	db := storagetest.SQLite(t)
	if err := db.ReplaceInventory(context.Background(), inventory.Sample()); err != nil {
		t.Fatal(err)
	}
	c := &revCounter{DB: db}
	e := conversations.New(db, nil, nil)
	e.Register(qa.New(c))
	r := consoletest.New(t, e)
	r.As("lea").Say("Puis-je mettre les notes de mes élèves dans ChatGPT ?").Want("6.2")
	if c.n != 1 {
		t.Errorf("%d revision reads for one question, want 1", c.n)
	}
	r.Say("Can I use Midjourney to make a poster?").Want("6.1")
	if c.n != 2 {
		t.Errorf("%d revision reads for two questions, want 2", c.n)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

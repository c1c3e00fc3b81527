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

// revCounter counts the inventory revision reads and the inventory loads.
type revCounter struct {
	*storage.DB
	revs, loads int
}

func (c *revCounter) InventoryRev(ctx context.Context) (int64, error) {
	c.revs++
	return c.DB.InventoryRev(ctx)
}

func (c *revCounter) Inventory(ctx context.Context) (*inventory.Inventory, error) {
	c.loads++
	return c.DB.Inventory(ctx)
}

// TestNoRevisionReadOfItsOwn: a question reads no inventory revision of its own: the
// one read with the person as the turn began serves (a change still applies at the
// next question: TestInventoryChangeTakesEffect), and the inventory is loaded once
// while it does not change.
func TestNoRevisionReadOfItsOwn(t *testing.T) {
	db := storagetest.SQLite(t)
	if err := db.ReplaceInventory(context.Background(), inventory.Sample()); err != nil {
		t.Fatal(err)
	}
	c := &revCounter{DB: db}
	e := conversations.New(db, nil, nil)
	e.Register(qa.New(c))
	r := consoletest.New(t, e)
	r.As("lea").Say("Puis-je mettre les notes de mes élèves dans ChatGPT ?").Want("6.2")
	r.Say("Can I use Midjourney to make a poster?").Want("6.1")
	if c.revs != 0 || c.loads != 1 {
		t.Errorf("two questions: %d revision reads, %d inventory loads; want 0 and 1", c.revs, c.loads)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

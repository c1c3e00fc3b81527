package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestBackupDuringWritesRestoresTheSameRows backs the database up while a writer
// replaces the inventory and records events, one transaction at a time: the copy
// holds one whole inventory generation and an unbroken run of events (a consistent
// snapshot). Restored over the database, it reads back row for row, every table.
func TestBackupDuringWritesRestoresTheSameRows(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "iagbot.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ReplaceInventory(ctx, generation(0)); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writeErr error
	var wrote atomic.Int64
	started := make(chan struct{})
	wg.Go(func() {
		defer func() {
			if wrote.Load() == 0 {
				close(started)
			}
		}()
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := db.ReplaceInventory(ctx, generation(i)); err != nil {
				writeErr = err
				return
			}
			if _, err := db.FirstSeen(ctx, fmt.Sprintf("event-%06d", i)); err != nil {
				writeErr = err
				return
			}
			if wrote.Add(1) == 1 {
				close(started)
			}
		}
	})
	// Copy once the writer is under way, while it goes on writing.
	<-started
	backup := filepath.Join(dir, "backup.db")
	berr := db.Backup(ctx, backup)
	during := wrote.Load()
	close(stop)
	wg.Wait()
	if berr != nil || writeErr != nil {
		t.Fatalf("backup: %v; writer: %v", berr, writeErr)
	}
	t.Logf("%d writes before the backup ended, %d in all", during, wrote.Load())
	info, err := storage.CheckBackup(ctx, backup)
	if err != nil || info.SchemaVersion != storage.SchemaVersion() {
		t.Fatalf("CheckBackup = %+v, %v", info, err)
	}
	if st, err := os.Stat(backup); err != nil {
		t.Fatal(err)
	} else if st.Mode().Perm() != 0o600 {
		t.Errorf("backup file mode = %v, want 0600 (it holds personal information)", st.Mode().Perm())
	}
	want := dump(t, backup)
	checkSnapshot(t, want)

	// A server holds the database: restore refuses and changes nothing.
	if _, err := storage.Restore(ctx, path, backup); !errors.Is(err, storage.ErrInUse) {
		t.Fatalf("Restore with the database open = %v, want ErrInUse", err)
	}
	db.Close()
	if _, err := storage.Restore(ctx, path, backup); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".before-restore"); err != nil {
		t.Errorf("the replaced database is not kept: %v", err)
	}
	db, err = storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got := dump(t, path)
	if !slices.Equal(tableNames(got), tableNames(want)) {
		t.Fatalf("restored tables %v, backup's %v", tableNames(got), tableNames(want))
	}
	for table, rows := range want {
		if !slices.Equal(got[table], rows) {
			t.Errorf("table %s: restored %d rows differ from the backup's %d", table, len(got[table]), len(rows))
		}
	}
}

// generation is the sample inventory with every vendor set to "gen-i".
func generation(i int) *inventory.Inventory {
	inv := inventory.Sample()
	for j := range inv.Systems {
		inv.Systems[j].Vendor = fmt.Sprintf("gen-%d", i)
	}
	return inv
}

// checkSnapshot: one inventory generation, and events event-000001… without a gap.
func checkSnapshot(t *testing.T, tables map[string][]string) {
	t.Helper()
	vendors := map[string]bool{}
	for _, r := range tables["system_rows"] {
		for _, f := range strings.Split(r, "|") {
			if strings.HasPrefix(f, "gen-") {
				vendors[f] = true
			}
		}
	}
	if len(vendors) != 1 {
		t.Errorf("the backup mixes inventory generations %v: not one snapshot", vendors)
	}
	n := 0
	for _, r := range tables["inbound_event_rows"] {
		if strings.HasPrefix(r, "event-") {
			n++
			if want := fmt.Sprintf("event-%06d|", n); !strings.HasPrefix(r, want) {
				t.Fatalf("event %d of the backup is %q: a gap, not one snapshot", n, r)
			}
		}
	}
}

// dump reads every table of a SQLite file: its rows as "a|b|c" lines, sorted.
func dump(t *testing.T, path string) map[string][]string {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	names, err := conn.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for names.Next() {
		var n string
		names.Scan(&n)
		tables = append(tables, n)
	}
	names.Close()
	out := map[string][]string{}
	for _, table := range tables {
		rows, err := conn.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%v|", v)
			}
			out[table] = append(out[table], b.String())
		}
		rows.Close()
		slices.Sort(out[table])
		if out[table] == nil {
			out[table] = []string{}
		}
	}
	return out
}

func tableNames(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestRestoreChecksTheFileFirst: a file that is not a SQLite database, a SQLite
// database that is not iagbot's, and one migrated by a newer iagbot are refused, and
// the database stays as it was.
func TestRestoreChecksTheFileFirst(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "iagbot.db")
	db := storagetest.SQLiteAt(t, path)
	good := filepath.Join(dir, "good.db")
	if err := db.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	if err := db.Backup(ctx, good); err == nil {
		t.Error("a backup over an existing file should fail")
	}
	// "#" and "%" are URI characters: the file named is the one checked.
	odd := filepath.Join(dir, "b#1 100%.db")
	if err := db.Backup(ctx, odd); err != nil {
		t.Fatal(err)
	}
	if _, err := storage.CheckBackup(ctx, odd); err != nil {
		t.Fatalf("CheckBackup(%q) = %v", odd, err)
	}
	db.Close()

	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, []byte("not a database, just some bytes that are long enough to be read as one"), 0o600)
	other := filepath.Join(dir, "other.db")
	exec(t, other, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
	newer := filepath.Join(dir, "newer.db")
	copyForTest(t, good, newer)
	exec(t, newer, fmt.Sprintf("INSERT INTO goose_db_version (version_id, is_applied) VALUES (%d, true)", storage.SchemaVersion()+1))
	for _, tc := range []struct{ file, want string }{
		{garbage, "not a readable SQLite database"},
		{other, "is not an iagbot database"},
		{newer, "newer than this iagbot"},
		{filepath.Join(dir, "missing.db"), "no such file"},
	} {
		_, err := storage.Restore(ctx, path, tc.file)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Restore(%s) = %v, want %q", filepath.Base(tc.file), err, tc.want)
		}
	}
	if _, err := os.Stat(path + ".before-restore"); err == nil {
		t.Error("a refused restore set the database aside")
	}
	if _, err := storage.Restore(ctx, path, good); err != nil {
		t.Fatalf("Restore(good) = %v", err)
	}
	// While a restore holds the database, nothing opens it.
	release, err := storage.HoldRestoreLockForTest(path)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if _, err := storage.Open(ctx, path); !errors.Is(err, storage.ErrRestoring) {
		t.Fatalf("Open during a restore = %v, want ErrRestoring", err)
	}
}

func exec(t *testing.T, path, stmt string) {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(stmt); err != nil {
		t.Fatal(err)
	}
}

func copyForTest(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

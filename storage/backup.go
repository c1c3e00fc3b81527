package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

var (
	// ErrInUse is returned by Restore while a process has the database open.
	ErrInUse = errors.New("the database is in use: stop `iagbot serve` (and every other iagbot command on it) first")
	// ErrRestoring is returned by Open while a restore replaces the database.
	ErrRestoring = errors.New("a restore is replacing the database; try again when it is done")
	// ErrNotSQLite is returned by Backup and Restore on PostgreSQL, which has its own
	// tools (pg_dump, pg_restore: see README, Operations).
	ErrNotSQLite = errors.New("backup and restore are for the SQLite database; on PostgreSQL use pg_dump and pg_restore (README, Operations)")
)

// Backup writes a consistent copy of the SQLite database to path, which must not
// exist, while the bot keeps running: VACUUM INTO reads the database in one read
// transaction, so a write under way is either wholly in the copy or not at all, and
// in WAL mode writers do not wait for it.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.file == "" {
		return ErrNotSQLite
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("backup: %s exists already", path)
	}
	if err := db.read(ctx).Exec("VACUUM INTO ?", path).Error; err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	// The copy holds what the database holds (names, requests): readable by its owner
	// only, whatever the umask.
	return os.Chmod(path, 0o600)
}

// BackupInfo is what CheckBackup found in a file.
type BackupInfo struct {
	// SchemaVersion is the file's schema version, 0 for a database of a release
	// before versioned migrations (Legacy).
	SchemaVersion int64
	Legacy        bool
}

// CheckBackup opens path read-only and checks that it is an iagbot SQLite database this
// binary can use: SQLite's integrity and foreign-key checks pass, and its schema
// version is known (not newer than SchemaVersion).
func CheckBackup(ctx context.Context, path string) (BackupInfo, error) {
	var info BackupInfo
	if _, err := os.Stat(path); err != nil {
		return info, err
	}
	// immutable: nothing is written next to the file (no -wal, no -shm).
	conn, err := sql.Open("sqlite3", fileURI(path)+"?mode=ro&immutable=1")
	if err != nil {
		return info, err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return info, fmt.Errorf("%s is not a readable SQLite database: %w", path, err)
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return info, err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return info, fmt.Errorf("%s: integrity check: %w", path, err)
	}
	if len(problems) > 0 {
		return info, fmt.Errorf("%s fails SQLite's integrity check: %s", path, strings.Join(problems, "; "))
	}
	var fk int
	if err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM pragma_foreign_key_check").Scan(&fk); err != nil {
		return info, fmt.Errorf("%s: foreign key check: %w", path, err)
	}
	if fk > 0 {
		return info, fmt.Errorf("%s: %d rows break a foreign key", path, fk)
	}
	has := func(table string) (bool, error) {
		var n int
		err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&n)
		return n > 0, err
	}
	versioned, err := has(versionTable)
	if err != nil {
		return info, err
	}
	if !versioned {
		ok, err := has("system_rows")
		if err != nil || !ok {
			return info, errors.Join(err, fmt.Errorf("%s is not an iagbot database", path))
		}
		info.Legacy = true
		return info, nil
	}
	var v sql.NullInt64
	if err := conn.QueryRowContext(ctx, "SELECT MAX(version_id) FROM "+versionTable+" WHERE is_applied").Scan(&v); err != nil {
		return info, fmt.Errorf("%s: schema version: %w", path, err)
	}
	info.SchemaVersion = v.Int64
	if v.Int64 > SchemaVersion() {
		return info, fmt.Errorf("%s: %w: version %d, this binary knows %d", path, ErrSchemaTooNew, v.Int64, SchemaVersion())
	}
	return info, nil
}

// Restore replaces the SQLite database dsn with the backup from, after CheckBackup
// passed, and only while no process has the database open (ErrInUse): it holds the
// lock file exclusive meanwhile, so no server starts on a half-restored file. The
// database it replaces is kept as FILE.before-restore. The next start (or `iagbot
// migrate up`) brings an older backup to this binary's schema version.
func Restore(ctx context.Context, dsn, from string) (BackupInfo, error) {
	if !IsSQLiteFile(dsn) {
		return BackupInfo{}, ErrNotSQLite
	}
	file := sqliteFile(dsn)
	info, err := CheckBackup(ctx, from)
	if err != nil {
		return info, err
	}
	lock, err := lockFile(file+".lock", true)
	if errors.Is(err, errLocked) {
		return info, ErrInUse
	}
	if err != nil {
		return info, fmt.Errorf("lock file: %w", err)
	}
	defer lock.release()
	tmp := file + ".restoring"
	if err := copyFile(from, tmp); err != nil {
		os.Remove(tmp)
		return info, err
	}
	if _, err := os.Stat(file); err == nil {
		if err := setAside(ctx, file); err != nil {
			os.Remove(tmp)
			return info, err
		}
	}
	if err := os.Rename(tmp, file); err != nil {
		return info, fmt.Errorf("restore: %w", err)
	}
	return info, syncDir(filepath.Dir(file))
}

// setAside keeps the current database as FILE.before-restore, its WAL folded into
// it first, so what the restore replaced can still be read.
func setAside(ctx context.Context, file string) error {
	conn, err := sql.Open("sqlite3", fileURI(file)+"?_busy_timeout=5000")
	if err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	conn.Close()
	if err != nil {
		return fmt.Errorf("restore: checkpoint the current database: %w", err)
	}
	if err := os.Rename(file, file+".before-restore"); err != nil {
		return fmt.Errorf("restore: keep the current database: %w", err)
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(file + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("restore: %w", err)
		}
	}
	return nil
}

// fileURI is the SQLite URI of a file path, "#" and "%" escaped as sqliteDSN does.
func fileURI(path string) string {
	return "file:" + strings.NewReplacer("%", "%25", "#", "%23", "?", "%3f").Replace(path)
}

// copyFile copies from to a new file to, synced to disk.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("restore: copy: %w", err)
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// syncDir makes the renames in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}

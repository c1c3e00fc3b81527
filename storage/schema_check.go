package storage

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// CheckSchema reports every table, column and named index that a gorm model expects
// and the database lacks. The migrations make the schema and gorm only reads and
// writes rows, so the two must agree: a model changed without a migration fails here
// (a test runs it on a freshly migrated database), and so does a database from an
// earlier release missing something its baseline should have had.
func (db *DB) CheckSchema(ctx context.Context) error {
	g := db.gdb.WithContext(ctx)
	m := g.Migrator()
	var problems []error
	for _, row := range allRows() {
		stmt := &gorm.Statement{DB: g}
		if err := stmt.Parse(row); err != nil {
			return err
		}
		table := stmt.Schema.Table
		if !m.HasTable(row) {
			problems = append(problems, fmt.Errorf("table %s is missing", table))
			continue
		}
		for _, f := range stmt.Schema.Fields {
			if f.DBName != "" && !m.HasColumn(row, f.DBName) {
				problems = append(problems, fmt.Errorf("column %s.%s is missing", table, f.DBName))
			}
		}
		for _, idx := range stmt.Schema.ParseIndexes() {
			if !m.HasIndex(row, idx.Name) {
				problems = append(problems, fmt.Errorf("index %s on %s is missing", idx.Name, table))
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("the schema does not match the models (a model changed without a migration?): %w", errors.Join(problems...))
	}
	return nil
}

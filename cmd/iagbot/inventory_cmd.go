package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
)

const inventoryUsage = `Usage: iagbot inventory SUBCOMMAND

Manages the inventory of GenAI systems (procedure 30-02, s. 6.1). The file format is
described in the documentation of package bot/inventory.

Subcommands:
  import FILE                        replace the database's inventory with FILE (all or nothing)
  validate FILE                      report every problem of FILE with its line number
  export [--format yaml|csv|md] [--lang fr|en]
                                     write the database's inventory to standard output

"iagbot inventory SUBCOMMAND --help" describes a subcommand.
`

// runInventory runs "iagbot inventory import|validate|export". A file with problems
// makes import and validate fail, each problem written to stderr as FILE:LINE: message;
// import then changes nothing.
func runInventory(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(env.Stderr, inventoryUsage)
		return errUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(env.Stdout, inventoryUsage)
		return nil
	case "import":
		return inventoryImport(ctx, env, args[1:])
	case "validate":
		return inventoryValidate(env, args[1:])
	case "export":
		return inventoryExport(ctx, env, args[1:])
	}
	fmt.Fprintf(env.Stderr, "unknown subcommand %q\n\n%s", args[0], inventoryUsage)
	return errUsage
}

// fileArg parses a subcommand that takes exactly one file.
func fileArg(env Env, fs *flag.FlagSet, args []string) (string, error) {
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return "", err
	}
	if len(rest) != 1 {
		fmt.Fprintln(env.Stderr, "exactly one inventory file is required")
		fs.Usage()
		return "", errUsage
	}
	return rest[0], nil
}

func inventoryImport(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "inventory import", "inventory import FILE   (replaces the whole inventory, or changes nothing)")
	file, err := fileArg(env, fs, args)
	if err != nil {
		return err
	}
	inv, err := readInventoryFile(env, file)
	if err != nil {
		return fmt.Errorf("%w; the database was not changed", err)
	}
	db, err := env.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.ReplaceInventory(ctx, inv); err != nil {
		return fmt.Errorf("import %s: %w; the database was not changed", file, err)
	}
	fmt.Fprintf(env.Stdout, "%s imported: %s.\n", file, summary(inv))
	return nil
}

func inventoryValidate(env Env, args []string) error {
	fs := newFlags(env, "inventory validate", "inventory validate FILE   (exits non-zero when FILE has problems)")
	file, err := fileArg(env, fs, args)
	if err != nil {
		return err
	}
	inv, err := readInventoryFile(env, file)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s is valid: %s.\n", file, summary(inv))
	return nil
}

func inventoryExport(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "inventory export", "inventory export [--format yaml|csv|md] [--lang fr|en]")
	format := fs.String("format", "yaml", "yaml (re-imports unchanged), csv or md (Markdown tables for the intranet)")
	lang := fs.String("lang", "fr", "language of the CSV and Markdown headers and values: fr or en")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 || !i18n.Valid(*lang) {
		fmt.Fprintln(env.Stderr, "export takes no file and --lang fr or en; it writes to standard output")
		fs.Usage()
		return errUsage
	}
	var write func(inv *inventory.Inventory, w io.Writer) error
	switch *format {
	case "yaml", "yml":
		write = func(inv *inventory.Inventory, w io.Writer) error { return inv.WriteYAML(w) }
	case "csv":
		write = func(inv *inventory.Inventory, w io.Writer) error { return inv.WriteCSV(w, *lang) }
	case "md", "markdown":
		write = func(inv *inventory.Inventory, w io.Writer) error { return inv.WriteMarkdown(w, *lang) }
	default:
		fmt.Fprintf(env.Stderr, "--format must be yaml, csv or md, not %q\n", *format)
		return errUsage
	}
	db, err := env.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	inv, err := db.Inventory(ctx)
	if err != nil {
		return err
	}
	return write(inv, env.Stdout)
}

// summary counts what an inventory holds, for the import and validate reports.
func summary(inv *inventory.Inventory) string {
	approved := 0
	for _, s := range inv.Systems {
		if s.Status == inventory.Approved {
			approved++
		}
	}
	return fmt.Sprintf("%d uses, %d systems (%d approved)", len(inv.Uses), len(inv.Systems), approved)
}

// Command iagbot-load measures a real `iagbot serve` on loopback: it starts the server
// as a subprocess against fake Bot Framework and Slack services, fires signed Slack
// events, signed Teams activities and a burst of card clicks, and prints throughput,
// latency percentiles, start-up time and the server's RSS as a Markdown table.
// Run `go run ./cmd/iagbot-load -h` for the options.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

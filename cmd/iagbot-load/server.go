package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// server is an `iagbot serve` subprocess listening on loopback.
type server struct {
	cmd     *exec.Cmd
	base    string        // http://127.0.0.1:PORT
	logPath string        // its stderr (JSON logs)
	ready   time.Duration // from exec to the first 200 of /readyz
	exited  chan struct{} // closed when the process has exited
	waitErr error         // valid once exited is closed
}

// buildServer compiles ./cmd/iagbot into dir. It must run inside the module.
func buildServer(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "iagbot")
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/cssdgs/iagbot/cmd/iagbot")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build (run inside the iagbot module, or pass -bin): %v\n%s", err, out.String())
	}
	return bin, nil
}

// serverEnv is the parent environment without any iagbot, Teams or Slack setting (so
// that no real credential or endpoint leaks in), plus the fakes' settings.
func serverEnv(fk *fakes, addr, db string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(k, "IAGBOT_") && !strings.HasPrefix(k, "MICROSOFT_") &&
			!strings.HasPrefix(k, "SLACK_") && !strings.HasPrefix(k, "BOTFRAMEWORK_") {
			env = append(env, kv)
		}
	}
	return append(env, "IAGBOT_ADDR="+addr, "IAGBOT_DB="+db,
		"MICROSOFT_APP_ID="+appID, "MICROSOFT_APP_PASSWORD="+appPassword, "MICROSOFT_APP_TENANT_ID="+tenantID,
		"BOTFRAMEWORK_OPENID_METADATA_URL="+fk.openIDURL(), "BOTFRAMEWORK_TOKEN_URL="+fk.tokenURL(),
		"SLACK_BOT_TOKEN="+slackToken, "SLACK_SIGNING_SECRET="+slackSecret, "SLACK_API_URL="+fk.slackAPIURL())
}

// startServer runs bin serve on a free loopback port with a database at db, and
// waits (at most 15 s) until /readyz answers 200.
func startServer(ctx context.Context, bin, db, logPath string, fk *fakes) (*server, error) {
	addr, err := freePort()
	if err != nil {
		return nil, err
	}
	logf, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logf.Close() // the child has its own descriptor
	s := &server{base: "http://" + addr, logPath: logPath, exited: make(chan struct{})}
	s.cmd = exec.Command(bin, "serve")
	s.cmd.Env = serverEnv(fk, addr, db)
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	// The server must not outlive the load tool, even if the tool is killed.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	start := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { s.waitErr = s.cmd.Wait(); close(s.exited) }()
	poll := &http.Client{Timeout: time.Second, Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}}
	deadline := time.Now().Add(15 * time.Second)
	for {
		if err := send(poll, mustGet(ctx, s.base+"/readyz"), http.StatusOK); err == nil {
			s.ready = time.Since(start)
			return s, nil
		}
		select {
		case <-s.exited:
			return nil, fmt.Errorf("iagbot serve exited before ready (%v):\n%s", s.waitErr, s.logTail())
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("iagbot serve not ready within 15 s:\n%s", s.logTail())
		}
	}
}

// stop asks for a graceful shutdown (SIGTERM) and kills the process if it has not
// exited within 20 s.
func (s *server) stop() error {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
		return errors.New("iagbot serve ignored SIGTERM for 20 s; killed")
	}
	return nil
}

func (s *server) memory() (memory, error) { return readMemory(s.cmd.Process.Pid) }

// logTail is the end of the server's log, for error messages.
func (s *server) logTail() string {
	b, _ := os.ReadFile(s.logPath)
	if len(b) > 3000 {
		b = b[len(b)-3000:]
	}
	return string(b)
}

// freePort returns a loopback address with a port free at the time of the call.
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func mustGet(ctx context.Context, u string) *http.Request {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		panic(err) // u is built from a loopback address: a bad one is a bug here
	}
	return req
}

// mounted reports whether the server routes path: the mux answers 404 to a path it
// does not know; a mounted channel answers an unsigned, empty POST with 400 or 401.
func (s *server) mounted(ctx context.Context, c *http.Client, path string) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", s.base+path, strings.NewReader("{}"))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	err = send(c, req, http.StatusNotFound)
	var se statusError
	switch {
	case err == nil:
		return false, nil
	case errors.As(err, &se):
		return true, nil
	}
	return false, err
}

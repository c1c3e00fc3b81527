#!/usr/bin/env bash
# A real Teams client against iagbot: Microsoft 365 Agents Playground (its mock Bot
# Connector, REST routes, conversation WebSocket and page in headless Chromium) drives
# `iagbot serve` in emulator mode through a question, a request submitted, the review
# card of the STI's channel seen by each person and approved (.ci/playground/drive.mjs).
# Installs what it needs (Debian's chromium, the pinned npm packages); on failure the
# screenshots, the WebSocket frames and both servers' logs are kept in
# ${IAGBOT_ARTIFACTS:-.ci/artifacts}/playground.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ART="${IAGBOT_ARTIFACTS:-$ROOT/.ci/artifacts}/playground"
rm -rf "$ART" && mkdir -p "$ART"

if [ ! -x /usr/bin/chromium ]; then
  echo "playground: installing chromium"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
fi

# The npm packages, pinned in .ci/playground/package.json, installed once per version.
deps="${TMPDIR:-/tmp}/iagbot-playground-$(sha256sum .ci/playground/package.json | cut -c1-16)"
if [ ! -f "$deps/.installed" ]; then
  echo "playground: installing $(tr -d '\n ' < .ci/playground/package.json | grep -o '"dependencies":{[^}]*}')"
  mkdir -p "$deps"
  cp .ci/playground/package.json "$deps/"
  (cd "$deps" && timeout 300 npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null)
  touch "$deps/.installed"
fi
cp .ci/playground/drive.mjs "$deps/"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
failed() {
  echo "playground: FAILED: $*" >&2
  cp "$work"/*.log "$ART/" 2>/dev/null || true
  echo "playground: artefacts in $ART" >&2
  exit 1
}

if curl -fsS -m 2 http://127.0.0.1:3978/readyz >/dev/null 2>&1; then
  failed "something already answers on 127.0.0.1:3978"
fi
go build -o "$work/iagbot" ./cmd/iagbot
# The playground's users: Alex Wilber (its current user) asks and administers, Megan
# Bowen is the STI, Adele Vance sits on CODIR-IN.
cat > "$work/config.yaml" <<'YAML'
roles:
  sti: ["meganb@example.com"]
  codir-in: ["adelev@example.com"]
  admin: ["alexw@example.com"]
YAML
env -u MICROSOFT_APP_ID -u SLACK_BOT_TOKEN -u SLACK_APP_TOKEN IAGBOT_ADDR=127.0.0.1:3978 IAGBOT_ADMIN_ADDR= \
  IAGBOT_DB="$work/iagbot.db" IAGBOT_CONFIG="$work/config.yaml" "$work/iagbot" serve >"$work/iagbot.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
  curl -fsS http://127.0.0.1:3978/readyz >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || failed "iagbot serve exited"
  sleep 0.5
done
curl -fsS http://127.0.0.1:3978/readyz >/dev/null 2>&1 || failed "iagbot serve not ready after 30 s"

(cd "$work" && exec "$deps/node_modules/.bin/agentsplayground" -e http://127.0.0.1:3978/api/messages -c msteams \
  -p 56150 --disable-telemetry >"$work/playground.log" 2>&1) &
pids+=($!)
port=
for _ in $(seq 60); do
  port=$(grep -o 'Listening on [0-9]*' "$work/playground.log" 2>/dev/null | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  kill -0 "${pids[1]}" 2>/dev/null || failed "the playground exited"
  sleep 0.5
done
[ -n "$port" ] || failed "the playground did not listen within 30 s"

PLAYGROUND_URL="http://127.0.0.1:$port" ARTIFACTS="$ART" CHROMIUM=/usr/bin/chromium \
  timeout 300 node "$deps/drive.mjs" || failed "the scenario (see above)"
rm -rf "$ART"
echo "playground: passed"

#!/usr/bin/env bash
# The browser journeys: a fresh `kaiku serve` on loopback with an
# empty SQLite register and one national admin, then every journey in
# headless Chromium with axe-core on each page. Screenshots: target/e2e/.
#
#   e2e/run.sh            (needs /usr/bin/chromium and node; installs the npm parts)
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd .. && pwd)

[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || npm ci --no-audit --no-fund
cargo build --quiet -p kaiku --manifest-path "$root/Cargo.toml"
kaiku="$root/target/debug/kaiku"

work=$(mktemp -d)
port=${KAIKU_E2E_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
export KAIKU_DATABASE_URL="sqlite://$work/e2e.db"
export KAIKU_E2E_URL="http://127.0.0.1:$port"
export KAIKU_E2E_ADMIN=paakayttaja KAIKU_E2E_PASSWORD='e2e admin password 2026'
export KAIKU_E2E_SHOTS="$root/target/e2e"
rm -rf "$KAIKU_E2E_SHOTS" && mkdir -p "$KAIKU_E2E_SHOTS"

echo "$KAIKU_E2E_PASSWORD" | "$kaiku" admin create --username "$KAIKU_E2E_ADMIN" >/dev/null
RUST_LOG=warn "$kaiku" serve --listen "127.0.0.1:$port" --insecure-cookies &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -fs "$KAIKU_E2E_URL/health" >/dev/null && break
  sleep 0.1
done
curl -fs "$KAIKU_E2E_URL/health" >/dev/null

node --test --test-concurrency=1 --test-reporter=spec journeys.test.js
# The camera's fallback reader, on synthetic barcodes and on the sheet of
# cards the journeys printed (V0001-V0008, rendered as a printer would).
KAIKU_E2E_CARD_PNG="$KAIKU_E2E_SHOTS/cards-1.png" \
KAIKU_E2E_CARD_CODES=V0001,V0002,V0003,V0004,V0005,V0006,V0007,V0008 \
  node --test --test-concurrency=1 --test-reporter=spec scan.test.js
echo "screenshots: $KAIKU_E2E_SHOTS"

#!/usr/bin/env bash
# Times `kaiku import issuance` of 200 000 transfer forms into a fresh
# register: the demo, with two more series of 100 000 cards in its first
# area. Needs a release build (cargo build --release -p kaiku).
#
#   scripts/bench-issuance-import.sh sqlite:///tmp/bench.db
#   createdb -h 127.0.0.1 -U postgres impbench
#   scripts/bench-issuance-import.sh postgres://postgres@127.0.0.1:5432/impbench
set -euo pipefail
K=$(cd "$(dirname "$0")/.." && pwd)/target/release/kaiku
url="$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
$K --database-url "$url" demo --seed-only >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$K --database-url "$url" serve --insecure-cookies --listen 127.0.0.1:$port 2>/dev/null & pid=$!
for _ in $(seq 1 100); do curl -fs http://127.0.0.1:$port/health >/dev/null && break; sleep 0.1; done
curl -fs -c jar -H 'content-type: application/json' -d '{"username":"koordinaattori","password":"kaiku-demo-coordinator"}' http://127.0.0.1:$port/api/v1/login >/dev/null
for p in M N; do
  curl -fs -b jar -H 'content-type: application/json' -d "{\"prefix\":\"$p\",\"first\":1,\"last\":100000}" http://127.0.0.1:$port/api/v1/areas/1/card-series >/dev/null
done
kill $pid; wait $pid || true
python3 - <<'PY'
import datetime
d=(datetime.date.today()-datetime.timedelta(days=30)).isoformat()
with open('forms.csv','w') as f:
    f.write('Kortin koodi;Myöntämispäivä;Syntymävuosi;Alaikäiset lapset\n')
    for p in 'MN':
        for n in range(1,100001):
            f.write(f'{p}{n};{d};{1950+n%50};{n%3}\n')
PY
start=$(date +%s.%N)
$K --database-url "$url" import issuance forms.csv --point 1 >/dev/null 2>import.err || { tail -5 import.err; exit 1; }
end=$(date +%s.%N)
python3 -c "print('import of 200000 forms: %.1f s' % ($end-$start))"

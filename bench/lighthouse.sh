#!/usr/bin/env bash
# Scores pages of the Requínoa site with Lighthouse 12.2.3 (13 needs Node 22) in Debian's
# chromium, desktop and mobile, served on 127.0.0.1 the way a web server would. Prints the four
# category scores and the bytes each page loads.
#
#   bench/lighthouse.sh [page ...]      # default: index decreto buscar versiones
set -euo pipefail
cd "$(dirname "$0")/.."
pages=("${@:-index decreto buscar versiones}")
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
go run ./cmd/pauta build --out "$work/site" 2>/dev/null
npm install --prefix "$work/lh" --no-audit --no-fund lighthouse@12.2.3 >/dev/null 2>&1
python3 -m http.server 8765 --bind 127.0.0.1 --directory "$work/site" >/dev/null 2>&1 &
server=$!
sleep 1
for preset in desktop mobile; do
  for page in ${pages[@]}; do
    flags="--preset=desktop"
    [ "$preset" = mobile ] && flags="--form-factor=mobile"
    CHROME_PATH=$(command -v chromium) "$work/lh/node_modules/.bin/lighthouse" "http://127.0.0.1:8765/$page.html" \
      $flags --quiet --output=json --output-path="$work/r.json" \
      --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run" >/dev/null 2>&1
    python3 - "$work/r.json" "$page" "$preset" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
scores = " ".join(f"{k} {round(v['score'] * 100)}" for k, v in d["categories"].items())
print(f"{sys.argv[2]:<12} {sys.argv[3]:<8} {scores}  bytes {int(d['audits']['total-byte-weight']['numericValue'])}")
PY
  done
done

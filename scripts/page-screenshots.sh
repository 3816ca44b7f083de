#!/usr/bin/env bash
# The officers' pages in a real browser: `serve` on the small demo database, then headless
# Chromium (Debian's `chromium` package) renders `/`, a filtered `/` and a commune's page
# `/units/05587` to PNG files in .build/screenshots/ for a person to look at. Also checks, with
# curl, that the pages load nothing from elsewhere (offices' networks are closed) and answer
# in Vietnamese. Without Chromium the screenshots are skipped with a message (install it with
# `apt-get install --no-install-recommends chromium`: about 20 s, 124 MB to download).
# Usage: scripts/page-screenshots.sh PATH/TO/egov-exporter
set -uo pipefail
bin=$(realpath "$1")
suite=pages
here=$(cd "$(dirname "$0")" && pwd)
out=$(dirname "$here")/.build/screenshots
. "$here/lib.sh"
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@"; }
is_ready() { [ "$(status "$url/readyz")" == 200 ]; }

db=$work/demo.sqlite
"$bin" demo "$db" --scale small >/dev/null || { echo "pages: cannot create the demo database"; exit 1; }
port=$(free_port)
url=http://127.0.0.1:$port
"$bin" serve --db "$db" --state "$work/state.sqlite" --listen "127.0.0.1:$port" 2>>"$work/serve.log" &
pids+=($!)
check "/readyz turns 200 within 60 s" ok "$(wait_for 60 is_ready && echo ok)"

for page in "/" "/?q=binh+yen" "/units/05587" "/units/05587?list=late" "/units/19?format=json"; do
  body=$(curl -s --max-time 10 "$url$page")
  # No src= or href= to another host, no <link>, no inline script (the only script is the
  # exporter's own /static/loc-don-vi.js).
  check "$page loads nothing from elsewhere" 0 "$(grep -cE '(src|href)="(https?:)?//|<script>|<link' <<<"$body")"
done
check "/?q=binh+yen finds Xã Bình Yên" 1 "$(curl -s "$url/?q=binh+yen" | grep -c '>Xã Bình Yên</a>')"
check "/units/05587 is Xã Bình Yên's page" 1 "$(curl -s "$url/units/05587" | grep -c '<h1>Xã Bình Yên</h1>')"
check "the filter script is served by the exporter" "200 text/javascript" \
  "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$url/static/loc-don-vi.js" | cut -d';' -f1)"
check "/units/5587 is a 404 naming 05587" "404 1" "$(status "$url/units/5587") $(curl -s "$url/units/5587" | grep -c 'href="/units/05587"')"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "pages: Chromium is not installed: screenshots skipped (apt-get install --no-install-recommends chromium)"
else
  mkdir -p "$out"
  shoot() { # NAME PATH WIDTH HEIGHT
    rm -f "$out/$1.png"
    timeout 60 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/chromium" \
      --window-size="$3,$4" --screenshot="$out/$1.png" "$url$2" >"$work/chromium.log" 2>&1
    check "screenshot of $2 ($out/$1.png)" ok "$([ -s "$out/$1.png" ] && [ "$(stat -c %s "$out/$1.png")" -gt 20000 ] && echo ok)"
  }
  shoot landing "/" 1600 1400
  shoot landing-filtered "/?q=binh+yen&level=commune" 1600 700
  shoot unit-commune "/units/05587" 1400 2600
  shoot unit-district "/units/169?list=late" 1400 3400
  shoot unit-province-overdue "/units/19?period=previous_quarter" 1400 3400
fi
finish

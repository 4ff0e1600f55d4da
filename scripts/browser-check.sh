#!/bin/sh
# Opens QIKit's HTML reports in headless Chromium (Debian's `chromium`, installed when
# missing) and checks what a person would see:
#   1. the demo report loads with no console output at all (no script errors, nothing blocked),
#   2. it shows one chart per A&E series plus the Semmelweis chart (counted from the CSV here,
#      not from the tool), and as many summary rows as series, then the sustained shares and
#      one adoption fan chart per bundled scenario (counted from datasets/scenarios.yaml),
#   3. a series named <script>alert(1)</script> is shown as text and runs nothing,
#   4. how long the 428-series page takes to open (reported, never a pass/fail gate).
# Screenshots are saved in browser-check/ for a person to look at.
#
# Usage: scripts/browser-check.sh [path/to/qi]     (default .build/release/qi)
set -eu
cd "$(dirname "$0")/.."
QI=${1:-.build/release/qi}
OUT=browser-check
sh scripts/install-debian-packages.sh chromium fonts-dejavu-core

rm -rf "$OUT"
mkdir -p "$OUT"
failures=0
fail() { echo "browser-check: FAIL: $*" >&2; failures=$((failures + 1)); }

# Chromium prints every console message as a CONSOLE line when logging to stderr; a page that
# works prints none. The dbus and GPU noise of a headless container is not the page's.
chromium_run() {
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --disable-extensions --enable-logging=stderr --v=0 "$@"
}
console_messages() { grep 'CONSOLE' "$1" | grep -v '"qi-timing ' || true; }

# 1 and 2: the demo report.
"$QI" demo --output "$OUT/demo" > "$OUT/demo.txt"
REPORT="$(pwd)/$OUT/demo/report.html"
chromium_run --dump-dom "file://$REPORT" > "$OUT/report.dom.html" 2> "$OUT/report.console.txt"
messages=$(console_messages "$OUT/report.console.txt")
[ -z "$messages" ] || fail "console output while opening the demo report: $messages"

series=$(tail -n +2 datasets/ae_attendances.csv | cut -d, -f2,3 | sort -u | wc -l)
expected=$((series + 1))
charts=$(grep -o '<svg[^>]*class="qi-chart"' "$OUT/report.dom.html" | wc -l)
# The scenario section: the sustained shares and one adoption fan chart per bundled scenario.
scenarios=$(grep -c '^  - {id:' datasets/scenarios.yaml)
scenario_charts=$(grep -oE '<svg[^>]*class="qi-chart qi-(adoption-fan|sustained-shares)"' "$OUT/report.dom.html" | wc -l)
figures=$(grep -o '<figure class="chart"' "$OUT/report.dom.html" | wc -l)
rows=$(grep -o '<tr data-chart=' "$OUT/report.dom.html" | wc -l)
[ "$charts" -eq "$expected" ] || fail "the demo report shows $charts control charts; expected $expected (428 A&E series + Semmelweis)"
[ "$scenario_charts" -eq $((scenarios + 1)) ] || fail "the demo report shows $scenario_charts scenario charts; expected $((scenarios + 1)) (sustained shares + $scenarios adoption fan charts)"
[ "$figures" -eq $((expected + scenarios + 1)) ] || fail "the demo report has $figures chart figures; expected $((expected + scenarios + 1))"
[ "$rows" -eq "$series" ] || fail "the summary table has $rows rows; expected $series"
grep -q '[0-9]* of [0-9]* series' "$OUT/report.dom.html" || fail "the table script did not run (no series count shown)"
echo "browser-check: demo report shows $charts control charts, $scenario_charts scenario charts and $rows summary rows (expected $expected, $((scenarios + 1)) and $series)"

chromium_run --screenshot="$(pwd)/$OUT/report.png" --window-size=1400,2000 "file://$REPORT" \
    > /dev/null 2> "$OUT/report.screenshot.txt"
[ -s "$OUT/report.png" ] || fail "no screenshot of the demo report"

# 3: hostile series names are text.
printf 'key,month,value\n' > "$OUT/hostile.csv"
for month in 1 2 3 4 5 6 7 8 9 10 11 12; do
    printf '"<script>alert(1)</script>",%s,%s\n' "$month" $((month % 4 + 3)) >> "$OUT/hostile.csv"
    printf '"<img src=x onerror=console.log(1)>",%s,%s\n' "$month" $((month % 3 + 5)) >> "$OUT/hostile.csv"
    printf 'plain,%s,%s\n' "$month" $((month % 5 + 1)) >> "$OUT/hostile.csv"
done
"$QI" report "$OUT/hostile.csv" --chart i --y value --x month --by key --html "$OUT/hostile.html" > /dev/null
HOSTILE="$(pwd)/$OUT/hostile.html"
chromium_run --dump-dom "file://$HOSTILE" > "$OUT/hostile.dom.html" 2> "$OUT/hostile.console.txt"
messages=$(console_messages "$OUT/hostile.console.txt")
[ -z "$messages" ] || fail "console output (a script ran?) in the hostile report: $messages"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$OUT/hostile.dom.html" || fail "the series name <script>alert(1)</script> is not shown as text"
if grep -q '<script>alert(1)' "$OUT/hostile.dom.html"; then fail "a series name became a script element"; fi
if grep -q '<img src="x"' "$OUT/hostile.dom.html"; then fail "a series name became an img element"; fi
hostile_charts=$(grep -o '<svg[^>]*class="qi-chart"' "$OUT/hostile.dom.html" | wc -l)
[ "$hostile_charts" -eq 3 ] || fail "the hostile report shows $hostile_charts charts; expected 3"
chromium_run --screenshot="$(pwd)/$OUT/hostile.png" --window-size=1000,1600 "file://$HOSTILE" \
    > /dev/null 2> "$OUT/hostile.screenshot.txt"
echo "browser-check: hostile series names shown as text, nothing ran"

# 4: time to open the 428-series page (load event, and first contentful paint), from a copy
# with a timing script appended so the report itself stays as written.
sed 's|</body>|<script>addEventListener("load",function(){setTimeout(function(){var p=performance.getEntriesByName("first-contentful-paint")[0];console.log("qi-timing load_ms="+Math.round(performance.now())+" first_paint_ms="+(p?Math.round(p.startTime):-1)+" dom_elements="+document.getElementsByTagName("*").length);},0);});</script></body>|' \
    "$OUT/demo/report.html" > "$OUT/report-timed.html"
for attempt in 1 2 3; do
    chromium_run --dump-dom "file://$(pwd)/$OUT/report-timed.html" > /dev/null 2> "$OUT/timing-$attempt.txt"
    timing=$(grep -o 'qi-timing [^"]*' "$OUT/timing-$attempt.txt" || echo "qi-timing not reported")
    echo "browser-check: demo report ($(wc -c < "$OUT/demo/report.html") bytes), run $attempt: $timing"
done

echo "browser-check: screenshots in $OUT/report.png and $OUT/hostile.png"
if [ "$failures" -gt 0 ]; then
    echo "browser-check: $failures check(s) failed" >&2
    exit 1
fi
echo "browser-check: all checks passed"

#!/bin/sh
# The shipped annex as a reader sees it, in a real browser: report.html in
# headless Chromium (every chart loads, nothing wider than the page) and
# report.pdf (the target overview on page 1 with every evaluated target, no
# blank page, two target sections to a page).  Run from the repository root
# with PROGRAM set; needs chromium and pdftotext (`make test` installs them).
PROGRAM=${PROGRAM:-./trendbeeld}
for p in chromium pdftotext; do
    command -v $p >/dev/null 2>&1 || { echo "browser.sh: $p not installed"; exit 1; }
done
T=$(mktemp -d /tmp/tb_browser_sh.XXXXXX) || exit 3
trap 'rm -rf "$T"' EXIT
fail=0 n=0
ok() { n=$((n + 1)); }
bad() { n=$((n + 1)); fail=$((fail + 1)); echo "FAIL: $*"; }

"$PROGRAM" report --render --out "$T/r" >"$T/out" 2>"$T/err" || { cat "$T/err"; exit 1; }
R=$T/r
[ -s "$R/report.pdf" ] && ok || bad "no report.pdf: $(cat "$T/err")"
charts=$(ls "$R"/*.png | wc -l)

# In Chromium at A4 width (794 px): each image decoded, the page as wide as
# the window (wide tables scroll inside their own box).
cp "$R/report.html" "$T/check.html"
cat >>"$T/check.html" <<'JS'
<script>window.addEventListener('load', function () {
  var d = document.documentElement, broken = 0;
  for (const i of document.images) if (!i.complete || i.naturalWidth == 0) broken++;
  var p = document.createElement('pre'); p.id = 'tbcheck';
  p.textContent = 'images ' + document.images.length + ' broken ' + broken +
                  ' overflow ' + (d.scrollWidth - d.clientWidth);
  document.body.appendChild(p); });</script>
JS
seen=$(chromium --headless --no-sandbox --disable-gpu --window-size=794,1123 \
    --virtual-time-budget=10000 --dump-dom "file://$T/check.html" 2>/dev/null |
    sed -n 's/.*id="tbcheck">\([^<]*\)<.*/\1/p')
[ "$seen" = "images $charts broken 0 overflow 0" ] && ok ||
    bad "in chromium: '$seen', expected 'images $charts broken 0 overflow 0'"

# Page 1: the overview with every evaluated target (spaces and hyphens
# removed: pdftotext joins a cell's lines broken after a hyphen, as in Oost-Nederland).
page1=$(pdftotext -f 1 -l 1 "$R/report.pdf" - | tr -d ' \n-')
case "$page1" in *Doelenin*éénoogopslag*) ok ;; *) bad "page 1 has no target overview" ;; esac
rows=0
for t in $(grep '^| \[' "$R/report.md" | sed 's/^| \[\([^]]*\)\].*/\1/' | tr -d ' -'); do
    rows=$((rows + 1))
    case "$page1" in *"$t"*) ok ;; *) bad "target '$t' not on page 1" ;; esac
done
[ "$rows" = 10 ] && ok || bad "$rows targets in the overview, expected the 10 evaluated"

# No blank page (pdftotext ends with one empty record after the last \f).
blank=$(pdftotext "$R/report.pdf" - | awk 'BEGIN{RS="\f"} NF == 0 {n++} END {print n + 0}')
[ "$blank" -le 1 ] && ok || bad "report.pdf has $((blank - 1)) blank pages"
# Two target sections to a page: the 10 sections end ("Hoe dit berekend
# is") on at most 6 pages (one page each made 10, most of them half empty).
pages=$(pdftotext "$R/report.pdf" - | awk 'BEGIN{RS="\f"} /Hoe dit berekend is/ {n++} END {print n + 0}')
[ "$pages" -le 6 ] && ok || bad "the 10 target sections take $pages pages, expected at most 6"

echo "browser.sh: $((n - fail))/$n checks passed"
[ "$fail" = 0 ]

#!/bin/sh
# The output folder of `report` and `plot` is replaced all or nothing:
# killed at every step of the transaction, a run leaves the old output or
# the new one, whole; other files are carried over, never followed or
# removed; stale staging folders of killed runs are cleaned up.
# Run from the repository root with PROGRAM set to the program under test.
PROGRAM=${PROGRAM:-./trendbeeld}
T=$(mktemp -d "${TMPDIR:-/tmp}/tb_outdir_sh.XXXXXX")
trap 'rm -rf "$T"' EXIT
fail=0 n=0
ok() { n=$((n + 1)); }
bad() { n=$((n + 1)); fail=$((fail + 1)); echo "FAIL: $*"; }
D=tests/data/cli
OLD=$D/groningen.csv
NEW=tests/data/report/twente.csv

# the state of folder $1: its listed files with their contents, and the
# others (a fingerprint that tells the old output from the new one)
state() {
    (cd "$1" && find . -type f ! -name '.trendbeeld-*manifest' | LC_ALL=C sort |
        while read -r f; do printf '%s %s\n' "$f" "$(cksum <"$f")"; done)
}

# whole: every file the list names exists with the listed size
whole() {
    m=$1/$2
    [ -f "$m" ] || return 1
    grep -v '^#' "$m" | while IFS="$(printf '\t')" read -r name size _; do
        [ -f "$1/$name" ] && [ "$(wc -c <"$1/$name")" -eq "$size" ] || { echo "missing $name"; exit 1; }
    done
}

# ---- plot, killed at every step ------------------------------------------
P=$T/plots
"$PROGRAM" plot --out "$P" $OLD >/dev/null 2>&1 || bad "plot $OLD"
echo "an analyst's notes" >"$P/notes.txt"
mkdir "$P/eigen" && echo keep >"$P/eigen/a.txt" && ln -s ../outside "$P/link"
old=$(state "$P")
"$PROGRAM" plot --out "$T/ref" $NEW >/dev/null 2>&1 || bad "plot $NEW"
cp "$P/notes.txt" "$T/ref/" && cp -r "$P/eigen" "$T/ref/"
new=$(state "$T/ref")
k=1 killed=0
while [ $k -lt 200 ]; do
    TRENDBEELD_KILL_AT=$k "$PROGRAM" plot --out "$P" $NEW >/dev/null 2>&1
    rc=$?
    now=$(state "$P")
    if [ "$now" = "$old" ] || [ "$now" = "$new" ]; then ok; else
        bad "plot killed at step $k: neither the old nor the new output"; fi
    whole "$P" .trendbeeld-plot-manifest >/dev/null && ok || bad "plot killed at step $k: list and files differ"
    [ -L "$P/link" ] && ok || bad "plot killed at step $k: the link is gone"
    [ $rc = 0 ] && break
    killed=$((killed + 1))
    k=$((k + 1))
done
[ "$killed" -ge 8 ] && ok || bad "plot was killed at only $killed steps"
[ "$(state "$P")" = "$new" ] && ok || bad "plot: the last run did not put the new output in place"
# the staging folders of the killed runs are gone after a complete run
[ -z "$(ls -A "$T" | grep '^\.plots\.trendbeeld-')" ] && ok || bad "stale staging left: $(ls -a "$T")"

# ---- report, killed at every step ---------------------------------------
R=$T/r
"$PROGRAM" report --out "$R" --targets none $OLD >/dev/null 2>&1 || bad "report $OLD"
echo "notes" >"$R/notes.txt"
old=$(state "$R")
"$PROGRAM" report --out "$T/rref" --targets none $NEW >/dev/null 2>&1 || bad "report $NEW"
cp "$R/notes.txt" "$T/rref/"
new=$(state "$T/rref" | grep -v 'report\.html\|report\.md\|results\.json')
k=1
killed=0
while [ $k -lt 400 ]; do
    TRENDBEELD_KILL_AT=$k "$PROGRAM" report --out "$R" --targets none $NEW >/dev/null 2>&1
    rc=$?
    now=$(state "$R")
    if [ "$now" = "$old" ] || [ "$(printf '%s\n' "$now" | grep -v 'report\.html\|report\.md\|results\.json')" = "$new" ]; then ok; else
        bad "report killed at step $k: neither the old nor the new report"; fi
    whole "$R" .trendbeeld-manifest >/dev/null && ok || bad "report killed at step $k: list and files differ"
    [ $rc = 0 ] && break
    killed=$((killed + 1))
    k=$((k + 1))
done
[ "$killed" -ge 15 ] && ok || bad "report was killed at only $killed steps"
[ -z "$(ls -A "$T" | grep '^\.r\.trendbeeld-')" ] && ok || bad "stale report staging left"

# ---- the folder is not trusted --------------------------------------------
# a tables link is never followed: an error, and nothing written through it
mkdir "$T/elsewhere"
rm -rf "$R/tables" && ln -s "$T/elsewhere" "$R/tables"
before=$(state "$R")
err=$("$PROGRAM" report --out "$R" --targets none $OLD 2>&1 >/dev/null)
rc=$?
[ $rc = 3 ] && ok || bad "tables link: exit $rc"
printf '%s\n' "$err" | grep -q "tables is a symbolic link, and trendbeeld report writes a folder of that name" &&
    ok || bad "tables link: $err"
[ -z "$(ls -A "$T/elsewhere")" ] && ok || bad "written through the tables link"
[ "$(state "$R")" = "$before" ] && ok || bad "tables link: the folder changed"
rm "$R/tables"
# a planted list cannot make a run remove other files
"$PROGRAM" report --out "$R" --targets none $OLD >/dev/null 2>&1 || bad "report after the link"
printf 'notes.txt\t6\t1.000000000\nunrelated.csv\n' >>"$R/.trendbeeld-manifest"
echo "mine" >"$R/unrelated.csv"
"$PROGRAM" report --out "$R" --targets none $NEW >/dev/null 2>&1 || bad "report with a planted list"
[ -f "$R/notes.txt" ] && [ -f "$R/unrelated.csv" ] && ok || bad "a planted list removed a file"
# a folder where the report writes a file: an error, the report as it was
before=$(state "$R")
rm "$R/results.json" && mkdir "$R/results.json"
err=$("$PROGRAM" report --out "$R" --targets none $OLD 2>&1 >/dev/null)
rc=$?
[ $rc = 3 ] && printf '%s\n' "$err" | grep -q "results.json is a folder" && ok || bad "results.json folder: exit $rc: $err"
[ -f "$R/report.md" ] && [ -d "$R/results.json" ] && ok || bad "results.json folder: the report changed"
# an output path that is a file
: >"$T/afile"
err=$("$PROGRAM" plot --out "$T/afile" $OLD 2>&1 >/dev/null)
[ $? = 3 ] && printf '%s\n' "$err" | grep -Fq "$T/afile: not a folder; expected a folder for the output" &&
    ok || bad "output path a file: $err"

echo "outdir.sh: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]

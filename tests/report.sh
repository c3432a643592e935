#!/bin/sh
# report and plot, black-box: the exit-code contract of the README (0
# written, 1 invalid data with the earlier report left intact, 2 usage and
# configuration mistakes, 4 with --fail-off-track), the configuration file
# and its override rules, the file list that removes stale charts (and
# nothing else), and every .gp written runs in gnuplot without a word on
# stderr.  Run from the repository root with PROGRAM set.
PROGRAM=${PROGRAM:-./trendbeeld}
D=tests/data/report
T=$(mktemp -d /tmp/tb_report_sh.XXXXXX) || exit 3
trap 'rm -rf "$T"' EXIT
fail=0 n=0

ok() { n=$((n + 1)); }
bad() { n=$((n + 1)); fail=$((fail + 1)); echo "FAIL: $*"; }

# run WANT_RC ARGS...: the program's exit code must be WANT_RC; stderr is
# left in $T/err, stdout in $T/out.
run() {
    want=$1
    shift
    "$PROGRAM" "$@" >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" = "$want" ]; then ok; else
        bad "$* -> exit $rc, expected $want"; sed 's/^/  /' "$T/err" | head -5; fi
}

# no temporary files left in folder $1 (and its tables/)
no_tmp() {
    left=$(find "$1" -name '*.tmp*' -o -name '.*render*' | head -3)
    if [ -z "$left" ]; then ok; else bad "temporary files left in $1: $left"; fi
}

# every .gp in $1 runs in gnuplot (in that folder) with nothing on stderr
gp_clean() {
    command -v gnuplot >/dev/null 2>&1 || { echo "report.sh: no gnuplot, .gp runs skipped"; return; }
    for gp in "$1"/*.gp; do
        msg=$(cd "$1" && gnuplot "$(basename "$gp")" 2>&1 >/dev/null)
        rc=$?
        if [ $rc = 0 ] && [ -z "$msg" ]; then ok; else
            bad "gnuplot $gp: exit $rc: $(printf '%s' "$msg" | head -3)"; fi
    done
}

has() { if [ -e "$1" ]; then ok; else bad "missing: $1"; fi; }
hasnt() { if [ ! -e "$1" ]; then ok; else bad "should not exist: $1"; fi; }
grep_in() { if grep -Fq -- "$1" "$2"; then ok; else bad "'$1' not in $2"; fi; }

# ---- 0: written ---------------------------------------------------------
R=$T/r
run 0 report --out "$R" --targets $D/targets.csv $D/twente.csv
for f in report.md report.html results.json .trendbeeld-manifest \
         doel_enschede_max_2020.gp doel_hengelo_max_2020.gp; do has "$R/$f"; done
no_tmp "$R"
gp_clean "$R"
# the count target is written as policy staff read it
grep_in "title 'doel 2020: max 200'" "$R/doel_enschede_max_2020.gp"
grep_in "title 'doel 2020: max 5.000'" "$R/doel_hengelo_max_2020.gp"
# the first page answers the question: every target with its verdict, then
# the contents; a target section is a paragraph and a small table, its full
# calculation is in the appendix (no monospace log in the sections)
grep_in "| [Enschede, Diefstal/inbraak woning, aangiften: doel 2020](#doel_enschede_max_2020) | hoogstens 200 in 2020 | niet haalbaar | minder dan 1% | 1.700 (2019); pad 420 | – |" "$R/report.md"
grep_in "<tr><td><a href=\"#doel_hengelo_max_2020\">Hengelo (O.), Diefstal/inbraak woning, aangiften: doel 2020</a></td><td>hoogstens 5.000 in 2020</td><td class=\"verdict\">haalbaar</td>" "$R/report.html"
grep_in "Het doel: hoogstens 200 in 2020. In 2019 was de waarde 1.700, achter op het vereiste pad (420). De projectie voor 2020 is 1.642 (80%: 1.369 tot 1.993); de kans dat het doel gehaald wordt is minder dan 1%: niet haalbaar. Daarvoor is −31,2% per jaar nodig; waargenomen 2015–2019: +6,9% per jaar. De huidige trend haalt de doelwaarde niet." "$R/report.md"
# results.json carries the same overview row and paragraph for other pages
grep -A6 '"overview": {' "$R/results.json" | tr -d '\n' | tr -s ' ' |
    grep -qF '"overview": { "target": "hoogstens 200 in 2020", "verdict": "niet haalbaar", "chance": "minder dan 1%", "latest": "1.700 (2019); pad 420", "reach": "\u2013", "text": "Het doel: hoogstens 200 in 2020. In 2019' && ok || bad "results.json has no overview row for Enschede"
first_section=$(grep -n "^## Woninginbraak" "$R/report.md" | cut -d: -f1)
overview_at=$(grep -n "^## Doelen in één oogopslag" "$R/report.md" | cut -d: -f1)
appendix_at=$(grep -n "^## Bijlage: berekeningen per doel" "$R/report.md" | cut -d: -f1)
if [ -n "$overview_at" ] && [ -n "$first_section" ] && [ "$overview_at" -lt "$first_section" ] &&
   [ -n "$appendix_at" ] && ! head -n "$appendix_at" "$R/report.md" | grep -q '^```text'; then ok
else bad "the overview comes first and the calculations only in the appendix"; fi

# ---- the index base: the first year every region has a non-zero value ----
# Vlieland had 0 woninginbraken in 2012, so the Fryslân gemeenten are indexed
# on 2013 (3 in Vlieland = 100), not on 2012, where its row was all "–".
run 0 report --out "$T/frl" --targets none --themes woninginbraak
grep_in "*Index (2013 = 100)*" "$T/frl/report.md"
grep_in "| Vlieland | 0,0 | 100,0 | 33,3 | 33,3 | 66,7 | 66,7 | 33,3 | 0,0 | 33,3 | 33,3 | 0,0 | 0,0 | 0,0 | 33,3 |" "$T/frl/report.md"

# ---- chart and text give a count target the same number ----------------
# 14.903 x 0,95^5 = 11.531,66: a count meets it at 11.531 at most, so the
# overview, the paragraph and the chart's key all say 11.531 (the text once
# rounded to 11.532, which does not meet it)
run 0 report --out "$T/round" --themes totaal --target-ids oost_woning_schuurinbraak_2018
grep_in "| hoogstens 11.531 in 2018 (beleidstekst: 12.111) | onzeker |" "$T/round/report.md"
grep_in "dat is hoogstens 11.531 in 2018 volgens de regel op de reeks" "$T/round/report.md"
grep_in "title 'doel volgens de regel 2018: max 11.531'" "$T/round/doel_oost_woning_schuurinbraak_2018.gp"

# ---- what a target without figures needs, in the report's language ------
# (the English report once said "needed: jaarcijfers van ..., van 2010 t/m 2014")
run 0 report --lang en --out "$T/need_en" --themes totaal --target-ids noord_pakkans_geweld_2014
grep_in "Target noord\\_pakkans\\_geweld\\_2014: no data for RE01 / GEWELD / opgehelderd\\_pct (needed: yearly figures of RE01 / GEWELD / opgehelderd\\_pct, 2010 to 2014)" "$T/need_en/report.md"

# ---- a target on a unit that only its provinces have figures for ---------
# RE01 / E35 / meldingen is the sum of Groningen, Fryslân and Drenthe
# (2011: 2275 + 2931 + 1971 = 7177, the lowest year, so the threshold), and
# the report says it is a sum, of which parts, with missing years missing.
# Series added: 195 sums over gemeenten and 4 of RE01 from its provinces
# (E35 meldingen and the three JGR jeugdgroepen counts).
run 0 report --out "$T/noord" --themes overlast_jeugd --target-ids noord_overlast_jeugd_2014
grep_in "trendbeeld report: roll-up: 199 series added" "$T/err"
# the 42 reported province populations (31 December) against the summed
# gemeente populations: largest gap Gelderland 2022, 11616 of 2133708
grep_in "42 of 42 sums differ from the reported total, by up to 0.54% (PV25 / 0.0.0 / inwoners 2022: 2122092 summed, 2133708 reported)" "$T/err"
has "$T/noord/doel_noord_overlast_jeugd_2014.gp"
grep_in "  bron reeks: som van 3 provincies: Groningen (PV20), Fryslân (PV21), Drenthe (PV22); een jaar waarin een ervan ontbreekt, ontbreekt in de som" "$T/noord/report.md"
# why the verdict stays uncertain with the fan below the target: the years
# 2012-2013 it must also be below are not observed yet (chart and text)
grep_in "2012–2013 zijn nog niet waargenomen; 2014 moet ook daaronder liggen, en dat drukt de kans (alleen onder de waargenomen jaren: meer dan 99%)." "$T/noord/report.md"
grep_in "set label 2 '2012–2013 nog niet waargenomen'" "$T/noord/doel_noord_overlast_jeugd_2014.gp"
grep_in "  drempel 2014: lager dan 7.177, het laagste waargenomen jaar 2008–2013 (reeks)" "$T/noord/report.html"
if grep -q "geen gegevens voor RE01" "$T/noord/report.md"; then bad "RE01 target without data"; else ok; fi
# the same in English: the target's summary and the label of the sum too
run 0 report --lang en --out "$T/noord_en" --themes overlast_jeugd --target-ids noord_overlast_jeugd_2014
grep_in "  series source: sum of 3 provinces: Groningen (PV20), Fryslân (PV21), Drenthe (PV22); a year in which one of them is missing is missing from the sum" "$T/noord_en/report.md"
grep_in "  series: RE01 / E35 / meldingen; target: " "$T/noord_en/report.md"
for dutch in "bron reeks" "som van 3" "drempel 2014"; do
    if grep -q "$dutch" "$T/noord_en/report.md"; then bad "Dutch '$dutch' in the English report"; else ok; fi
done

# ---- 4: an off-track target with --fail-off-track ------------------------
# Enschede rises from 1.000 to 1.700 (2012-2019) against "max 200 in 2020":
# niet haalbaar; Hengelo falls from 420 to 300 against "max 5.000": haalbaar.
# partial sums are never totals: 8 of Drenthe's 12 gemeenten (all of which
# still exist) give no total for Drenthe, and the text names the 4 missing
# (the sum of the 8 was once shown as "het totaal aantal ... in Drenthe")
run 0 report --out "$T/drenthe" --targets none --regions Drenthe tests/data/cli/drenthe_8_of_12.csv
grep_in "Voor 4 van de 12 gemeenten staan geen cijfers in de gegevens (De Wolden, Midden-Drenthe, Noordenveld en Westerveld), dus een totaal voor Drenthe is er niet." "$T/drenthe/report.md"
if grep -q "totaal aantal\|21.940" "$T/drenthe/report.md"; then bad "a partial sum shown as Drenthe's total"; else ok; fi
# a file without a source column is named, not where it lay on disk
grep_in "Bron: drenthe_8_of_12.csv" "$T/drenthe/totaal_pv22.gp"
# gemeenten in the order readers look them up: by name, not by code
# (Aa en Hunze GM1680 comes first, Assen GM0106 second)
head -40 "$T/drenthe/report.md" | grep -q "^| jaar | Aa en Hunze | Assen | Borger-Odoorn | Coevorden | Emmen | Hoogeveen | Meppel | Tynaarlo |" && ok || bad "Drenthe's gemeenten not by name"
run 0 report --lang en --out "$T/drenthe_en" --targets none --regions Drenthe tests/data/cli/drenthe_8_of_12.csv
grep_in "The data has no figures for 4 of the 12 municipalities (De Wolden, Midden-Drenthe, Noordenveld and Westerveld), so there is no total for Drenthe." "$T/drenthe_en/report.md"
# the English report names measures in English (it once said "aangiften")
run 0 report --lang en --out "$T/tw_en" --targets $D/targets.csv $D/twente.csv
grep_in "| [Enschede, Diefstal/inbraak woning, reported crimes: target 2020](#doel_enschede_max_2020) | at most 200 in 2020 | off track | under 1% | 1,700 (2019); path 420 | – |" "$T/tw_en/report.md"
# print-ready: with --render, report.pdf from report.html when weasyprint
# or chromium is installed (no blank page: a page is only begun by a theme),
# else a note and the HTML and Markdown alone
if command -v weasyprint >/dev/null 2>&1 || command -v chromium >/dev/null 2>&1; then
    run 0 report --render --out "$T/pdf" --targets $D/targets.csv $D/twente.csv
    has "$T/pdf/report.pdf"
    grep_in "report.md, report.html, report.pdf, results.json" "$T/out"
    if command -v pdftotext >/dev/null 2>&1; then
        blank=$(pdftotext "$T/pdf/report.pdf" - | awk 'BEGIN{RS="\f"} NF == 0 {n++} END {print n + 0}')
        # pdftotext ends with a form feed: one empty record at the end
        if [ "$blank" -le 1 ]; then ok; else bad "report.pdf has $blank blank pages"; fi
    fi
else
    run 0 report --render --out "$T/pdf" --targets $D/targets.csv $D/twente.csv
    grep_in "trendbeeld report: geen PDF: weasyprint noch chromium is geïnstalleerd (scripts/install-deps.sh report installeert weasyprint)" "$T/err"
    hasnt "$T/pdf/report.pdf"
fi

run 4 report --out "$T/r4" --fail-off-track --targets $D/targets.csv $D/twente.csv
has "$T/r4/report.md" # the report is written all the same
grep_in "niet haalbaar" "$T/r4/report.md"
run 0 report --out "$T/r4" --fail-off-track --targets $D/targets_on_track.csv $D/twente.csv
run 0 report --out "$T/r4" --targets $D/targets.csv $D/twente.csv

# ---- 2: usage -------------------------------------------------------------
run 2 report --out "$T/r2" --no-such-option
hasnt "$T/r2"
run 2 report --out "$T/r2" --lang de $D/twente.csv
run 2 report --out "$T/r2" --themes woninginbraak,fietsen $D/twente.csv
grep_in "trendbeeld report: --themes: theme 'fietsen' is unknown; expected some of woninginbraak, hic, geweld, mishandeling, overlast_jeugd, totaal" "$T/err"
run 2 report --out "$T/r2" --regions Atlantis $D/twente.csv
grep_in "trendbeeld report: --regions: region 'Atlantis' is not in data/regions.csv; expected a code or name from it" "$T/err"
# a code list given as the other commands take it: say what --regions is here
run 2 report --out "$T/r2" --regions data/regions.csv $D/twente.csv
grep_in "region 'data/regions.csv' is not in data/regions.csv; expected a code or name from it (report's --regions names the areas to cover; the code list is DIR/regions.csv of --data DIR)" "$T/err"
run 2 report --out "$T/r2" --targets $D/targets.csv --target-ids enschede_max_2020,x $D/twente.csv
grep_in "trendbeeld report: --target-ids: target 'x' is not in $D/targets.csv; expected an id from its first column" "$T/err"
run 2 plot --out "$T/p2" --term gif
hasnt "$T/r2"

# ---- 1: invalid data, the earlier report stays as it was ------------------
cp "$R/report.md" "$T/before.md"
ls -a "$R" >"$T/before.ls"
run 1 report --out "$R" --targets $D/targets.csv $D/twente.csv tests/errors/non_numeric.csv
grep_in "tests/errors/non_numeric.csv:2:5:" "$T/err"
if cmp -s "$R/report.md" "$T/before.md"; then ok; else bad "report.md changed by a failed run"; fi
ls -a "$R" >"$T/after.ls"
if cmp -s "$T/before.ls" "$T/after.ls"; then ok; else bad "files changed by a failed run"; fi
no_tmp "$R"

# ---- the configuration file -------------------------------------------------
C=$T/conf
mkdir -p "$C/in"
cp $D/twente.csv $D/targets.csv "$C/in/"
cat >"$C/run.conf" <<EOF
# paths relative to this file
files = in/twente*.csv
targets = in/targets.csv
target_ids = enschede_max_2020
themes = woninginbraak
regions = Twente
out = cfg-out
lang = en
title = Twente; yearly run
fail_off_track = yes
EOF
run 4 report --config "$C/run.conf"
has "$C/cfg-out/report.md"
grep_in "# Twente; yearly run" "$C/cfg-out/report.md"
grep_in "## Residential burglary, Twente" "$C/cfg-out/report.md"
grep_in "doel_enschede_max_2020.gp" "$C/cfg-out/.trendbeeld-manifest"
if grep -q hengelo "$C/cfg-out/.trendbeeld-manifest"; then bad "target_ids ignored"; else ok; fi
# the command line wins: --out, --lang, --no-fail-off-track, FILE arguments
run 0 report --config "$C/run.conf" --out "$T/cli-out" --lang nl --no-fail-off-track \
    --title Anders $D/twente.csv
has "$T/cli-out/report.md"
grep_in "# Anders" "$T/cli-out/report.md"
grep_in "## Woninginbraak, Twente" "$T/cli-out/report.md"
# --data on the command line wins over the file's data
printf 'data = nergens-niet\n' >"$C/data.conf"
run 2 report --config "$C/data.conf" --out "$T/r2"
grep_in "$C/data.conf:1: data: 'nergens-niet' is not a folder; expected the folder with regions.csv, indicators.csv and series/" "$T/err"
printf 'data = in\nfiles = in/twente.csv\ntargets = none\nregions = Twente\n' >"$C/data2.conf"
run 2 report --config "$C/data2.conf" --out "$T/r2" # in/ has no regions.csv...
grep_in "$C/data2.conf:4: region 'Twente' has no series in the data; expected a region of the loaded files" "$T/err"
run 0 report --config "$C/data2.conf" --data data --out "$T/r5" # ...data/ has it
grep_in "## Woninginbraak, Twente" "$T/r5/report.md"
# mistakes in the file: FILE:LINE and exit 2, nothing written
printf 'out = %s\nlang = fr\n' "$T/r6" >"$C/bad.conf"
run 2 report --config "$C/bad.conf"
grep_in "$C/bad.conf:2: lang 'fr': expected nl or en" "$T/err"
hasnt "$T/r6"
printf 'out = %s\nregions = Twente, Atlantis\nfiles = in/twente.csv\n' "$T/r6" >"$C/bad2.conf"
run 2 report --config "$C/bad2.conf"
grep_in "$C/bad2.conf:2: region 'Atlantis' is not in data/regions.csv; expected a code or name from it" "$T/err"
hasnt "$T/r6"
# an area named twice (by code and by name) is found before any section is
# built, with its place (it once failed at the second chart, exit 1)
printf 'out = %s\nfiles = in/twente.csv\nregions = GM0153, Twente, Enschede\n' "$T/r6" >"$C/bad4.conf"
run 2 report --config "$C/bad4.conf"
grep_in "$C/bad4.conf:3: item 3 ('Enschede') names the same area as item 1 ('GM0153'); expected each area once" "$T/err"
hasnt "$T/r6"
run 2 report --out "$T/r6" --themes woninginbraak,woninginbraak $D/twente.csv
grep_in "trendbeeld report: --themes: item 2 ('woninginbraak') names the same theme as item 1 ('woninginbraak'); expected each theme once" "$T/err"
hasnt "$T/r6"
printf 'files = in/twente.csv\ntargets = in/targets.csv\ntarget_ids = nope\n' >"$C/bad3.conf"
run 2 report --config "$C/bad3.conf" --out "$T/r6"
grep_in "$C/bad3.conf:3: target 'nope' is not in $C/in/targets.csv; expected an id from its first column" "$T/err"
run 2 report --config "$T/none.conf"
grep_in "$T/none.conf: cannot read the configuration: No such file or directory; expected a readable file" "$T/err"
# the shipped example reads (its own data, paths relative to data/)
run 0 report --config data/report.conf --out "$T/example" --no-render
grep_in "# Veiligheidsbeeld Noord- en Oost-Nederland" "$T/example/report.md"

# ---- stale charts: only files of the file list are removed ------------------
S=$T/stale
if command -v gnuplot >/dev/null 2>&1; then
    run 0 report --out "$S" --render --targets $D/targets.csv $D/twente.csv
    has "$S/doel_enschede_max_2020.png"
    echo "mine" >"$S/notes.txt"
    echo "mine" >"$S/eigen.png"
    run 0 report --out "$S" --targets $D/targets_on_track.csv $D/twente.csv
    hasnt "$S/doel_enschede_max_2020.png" # image of the earlier --render run
    hasnt "$S/doel_enschede_max_2020.gp"  # chart of a target that is gone
    hasnt "$S/doel_hengelo_max_2020.png"
    has "$S/doel_hengelo_max_2020.gp"
    has "$S/notes.txt"
    has "$S/eigen.png"
    if grep -q png "$S/.trendbeeld-manifest"; then bad "manifest lists images"; else ok; fi
    if grep -Fq "![" "$S/report.md"; then bad "report.md still shows an image"; else ok; fi
    # a file list that names other files (edited by hand) is not trusted
    printf '../outside\n%s/outside\n.hidden\nsub/x\n' "$T" >>"$S/.trendbeeld-manifest"
    echo "x" >"$T/outside"
    echo "x" >"$S/.hidden"
    run 0 report --out "$S" --targets $D/targets_on_track.csv $D/twente.csv
    has "$T/outside"
    has "$S/.hidden"
    has "$S/notes.txt"
    no_tmp "$S"
fi

# ---- plot -----------------------------------------------------------------
P=$T/plots
run 0 plot --out "$P" $D/twente.csv
has "$P/1_1_1_aangiften_gemeente.gp"
gp_clean "$P"
run 1 plot --out "$T/p1" tests/errors/non_numeric.csv
hasnt "$T/p1"
# data that tries to run commands prints as text: gnuplot runs the scripts
# and nothing is executed
printf 'region,indicator,measure,year,value\n"`touch %s/pwned1`",1.1.1,aangiften,2012,5\n"`touch %s/pwned1`",1.1.1,aangiften,2013,7\n"x'"'"'; system('"'"'touch %s/pwned2'"'"'); '"'"'",1.1.1,aangiften,2012,3\n"x'"'"'; system('"'"'touch %s/pwned2'"'"'); '"'"'",1.1.1,aangiften,2013,4\n' \
    "$T" "$T" "$T" "$T" >"$T/evil.csv"
run 0 plot --out "$T/evil" "$T/evil.csv"
gp_clean "$T/evil"
run 0 report --out "$T/evil-r" --targets none "$T/evil.csv"
gp_clean "$T/evil-r"
hasnt "$T/pwned1"
hasnt "$T/pwned2"
if command -v gnuplot >/dev/null 2>&1; then
    run 0 plot --out "$T/evil" --render "$T/evil.csv"
    hasnt "$T/pwned1"
    hasnt "$T/pwned2"
fi

echo "report.sh: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]

#!/bin/sh
# make bench: load and fit throughput of trendbeeld on generated workloads,
# next to the limits of the machine measured in the same run (cat, wc -l,
# a bare libcsv loop) and, where R is installed with forecast and MASS, the
# same fits in R.  A report, not a test: nothing here asserts a time.
#
#   BENCH_SERIES=100000   series in the main yearly workload
#   BENCH_FULL=1          also the national monthly workload (10^8 values,
#                         about 6 GB of CSV): load, aggregate, auto + target
#   BENCH_TIMEOUT=60      seconds allowed per measurement
#   BENCH_DIR=DIR         where the files go (default: a temporary folder,
#                         removed afterwards)
set -eu

PROGRAM=${PROGRAM:-./trendbeeld}
BUILD=${BUILD:-build}
CC=${CC:-cc}
SERIES=${BENCH_SERIES:-100000}
FULL=${BENCH_FULL:-0}

if [ -n "${BENCH_DIR:-}" ]; then
    DIR=$BENCH_DIR
    mkdir -p "$DIR"
else
    DIR=$(mktemp -d "${TMPDIR:-/tmp}/trendbeeld-bench.XXXXXX")
    trap 'rm -rf "$DIR"' EXIT INT TERM
fi

[ -x "$PROGRAM" ] || { echo "bench: $PROGRAM not built (run make)" >&2; exit 3; }
[ -f "$BUILD/libtrendbeeld.a" ] || { echo "bench: $BUILD/libtrendbeeld.a not built" >&2; exit 3; }

# The helpers: the parser's ceiling, and the driver over the library.
$CC -O2 -std=c11 -D_GNU_SOURCE -o "$DIR/csvcount" bench/csvcount.c -lcsv
$CC -O2 -std=c11 -D_GNU_SOURCE -fopenmp -Iinclude $(pkg-config --cflags gsl jansson) \
    -o "$DIR/tbbench" bench/tbbench.c "$BUILD/libtrendbeeld.a" \
    $(pkg-config --libs gsl jansson) -lcsv -lm -fopenmp
TB=$DIR/tbbench

now() { date +%s.%N; }
# MB/s for BYTES moved between T0 and T1
mbps() { awk -v b="$1" -v a="$2" -v c="$3" 'BEGIN { d = c - a; if (d <= 0) d = 1e-6; printf "%.0f", b / 1e6 / d }'; }
field() { printf '%s\n' "$1" | awk -F '\t' -v k="$2" -v w="$3" '$1 == k { print $w; exit }'; }
fmt_rate() { awk -v x="$1" 'BEGIN { if (x >= 1e6) printf "%.2fM", x / 1e6; else if (x >= 1e4) printf "%.0fk", x / 1e3; else printf "%.0f", x }'; }
fmt_mb() { awk -v x="$1" 'BEGIN { printf "%.0f", x / 1024 }'; }
fsize() { wc -c < "$1" | tr -d ' '; }
# Run a measurement with a time limit: a fit that never returns shows up as
# an empty result instead of stopping the benchmark.
TMO=${BENCH_TIMEOUT:-60}
tbrun() { timeout "$TMO" "$@" 2> /dev/null || true; }
# Models that did not finish are not run again in later sections.
HUNG=""
hung() { case " $HUNG " in *" $1 "*) return 0 ;; esac; return 1; }

# Best of two runs of a byte-moving command: MB/s.
limit() {
    what=$1 file=$2 best=0
    for i in 1 2; do
        t0=$(now)
        case $what in
            cat) cat "$file" > /dev/null ;;
            wc) wc -l "$file" > /dev/null ;;
        esac
        t1=$(now)
        r=$(mbps "$(fsize "$file")" "$t0" "$t1")
        [ "$r" -gt "$best" ] && best=$r
    done
    echo "$best"
}

echo "trendbeeld benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
mem=$(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)
echo "machine: $(nproc) cores ($cpu), $mem RAM, $(uname -sr)"
# Other work on the machine shows up in every figure below.
echo "load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo

# ---------------------------------------------------------------- workloads
Y=$DIR/yearly_long.csv
M=$DIR/monthly_cbs.csv
MSERIES=$((SERIES / 10))
"$PROGRAM" generate --format long --period year --series "$SERIES" --years 2012-2023 --seed 1 --out "$Y"
"$PROGRAM" generate --format cbs --period month --series "$MSERIES" --years 2012-2023 --seed 2 --out "$M"

if grep -q 'threads' include/trendbeeld/load.h; then
    LOAD_THREADS="1 2"
else
    LOAD_THREADS="1"
fi

echo "== load (the file is in the page cache; best of 2 for cat and wc -l, of 3 for load)"
printf '%-34s %9s %9s %9s %9s %9s %8s %8s %9s\n' file MB "cat MB/s" "wc MB/s" "csv MB/s" "load MB/s" threads "of csv" "RSS MB"
for f in "$Y" "$M"; do
    case $f in *cbs*) delim=';' ;; *) delim=',' ;; esac
    size=$(fsize "$f")
    c=$(limit cat "$f")
    w=$(limit wc "$f")
    csv=$("$DIR/csvcount" "$f" "$delim" | awk '{ print $5 }')
    for t in $LOAD_THREADS; do
        # best of 3: other work on a shared machine only ever slows a run
        out="" l=0
        for i in 1 2 3; do
            o=$("$TB" load "$f" "$t")
            if awk -v a="$(field "$o" load 4)" -v b="$l" 'BEGIN { exit !(a > b) }'; then
                out=$o l=$(field "$o" load 4)
            fi
        done
        rss=$(field "$out" rss 2)
        pct=$(awk -v a="$l" -v b="$csv" 'BEGIN { printf "%.0f%%", 100 * a / b }')
        printf '%-34s %9.1f %9s %9s %9.0f %9.0f %8s %8s %9s\n' "$(basename "$f")" \
            "$(awk -v s="$size" 'BEGIN { print s / 1e6 }')" "$c" "$w" "$csv" "$l" "$t" "$pct" "$(fmt_mb "$rss")"
    done
    series=$(field "$out" load 5)
    values=$(field "$out" load 6)
    echo "    $(basename "$f"): $series series, $values yearly values in the store"
done
if [ "$LOAD_THREADS" = 1 ]; then
    echo "    the loader reads with one thread (tb_load_options has no thread setting)"
fi
echo

# ------------------------------------------------------------------ targets file
# 100.000 targets, the last repeating an id: 'target' stops after reading
# the file, so this times the targets reader alone (it once compared every
# id with every other: 142 s)
echo "== targets file: 100000 targets read and checked"
awk 'BEGIN { print "id,description,region,indicator,measure,kind,base_year,target_year,value,milestones,stated_value,source"
             for (i = 0; i < 100000; i++) printf "t%d,doel %d,GM0014,1.1.1,aangiften,max,,2018,12.111,,,bench\n", i, i
             print "t5,doel,GM0014,1.1.1,aangiften,max,,2018,1,,,bench" }' > "$DIR/targets.csv"
t0=$(now)
"$PROGRAM" target --targets "$DIR/targets.csv" > /dev/null 2>&1 || true
t1=$(now)
awk -v a="$t0" -v b="$t1" 'BEGIN { printf "    read, numbers by the notation rule, ids checked: %.2f s\n", b - a }'
echo

# ------------------------------------------------------------------ fits
MODELS="linear loglinear poisson negbin holt theilsen auto target"
echo "== fits on $(basename "$Y"): $SERIES series x 12 years (fit only, store in memory)"
echo "   target = auto + P(Y_T <= y_last 0.95^(T-last)) per series (tb_fit_prob_le)"
echo "   (the store is generated in memory: the same numbers as the file, which"
echo "   tests/test_generate.c checks; one process per model, ${TMO} s limit each)"
printf '%-11s %12s %12s %8s %9s %9s %9s %8s\n' model "1 thread/s" "2 threads/s" speedup series fitted refused "RSS MB"
F2=""
for m in $MODELS; do
    o1=$(tbrun "$TB" genfit "$SERIES" 12 1 "$m")
    o2=""
    [ -n "$o1" ] && o2=$(tbrun "$TB" genfit "$SERIES" 12 2 "$m")
    F2="$F2
$o2"
    if [ -z "$o1" ] || [ -z "$o2" ]; then
        printf '%-11s   no result within %s s (a fit that does not return)\n' "$m" "$TMO"
        HUNG="$HUNG $m"
        continue
    fi
    r1=$(field "$o1" fit 8)
    r2=$(field "$o2" fit 8)
    printf '%-11s %12s %12s %7.2fx %9s %9s %9s %8s\n' "$m" "$(fmt_rate "$r1")" "$(fmt_rate "$r2")" \
        "$(awk -v a="$r1" -v b="$r2" 'BEGIN { print b / a }')" "$(field "$o2" fit 4)" \
        "$(field "$o2" fit 5)" "$(field "$o2" fit 6)" "$(fmt_mb "$(field "$o2" rss 2)")"
done
echo "   series: how many were timed (all, or the leading ones that fit a ${TB_BENCH_BUDGET:-5} s budget)"
echo

echo "== end to end: load + fit + write one result row per series, 2 threads"
printf '%-11s %9s %9s %9s %9s %12s %9s\n' model "load s" fitted "fit s" "total s" "series/s" "RSS MB"
E2E=""
for m in linear poisson negbin holt target; do
    hung "$m" && { printf '%-11s   skipped (did not finish above)\n' "$m"; continue; }
    out=$(tbrun "$TB" e2e "$Y" 2 "$m" "$DIR/results.csv")
    if [ -z "$out" ]; then
        printf '%-11s   no result within %s s\n' "$m" "$TMO"
        HUNG="$HUNG $m"
        continue
    fi
    rate=$(field "$out" e2e 8)
    E2E="$E2E $m=$rate"
    printf '%-11s %9.2f %9s %9.2f %9.2f %12s %9s\n' "$m" "$(field "$out" e2e 5)" "$(field "$out" e2e 9)" \
        "$(field "$out" e2e 6)" "$(field "$out" e2e 7)" "$(fmt_rate "$rate")" "$(fmt_mb "$(field "$out" rss 2)")"
done
echo "   series/s = 1 / (load time / all series + (fit + write) / series fitted)"
# The program itself, where its fit command takes --threads.
if "$PROGRAM" fit --help 2>&1 | grep -q -- '--threads'; then
    for t in 1 2; do
        t0=$(now)
        if "$PROGRAM" fit --model poisson --threads "$t" --format csv "$Y" > "$DIR/fit.csv" 2> /dev/null; then
            t1=$(now)
            echo "   $PROGRAM fit --model poisson --threads $t --format csv: $(awk -v a="$t0" -v b="$t1" -v n="$SERIES" 'BEGIN { printf "%.2f s, %.0f series/s", b - a, n / (b - a) }')"
        else
            echo "   $PROGRAM fit --model poisson --threads $t failed on $(basename "$Y")"
        fi
    done
    rm -f "$DIR/fit.csv"
fi
rm -f "$DIR/results.csv"
echo

if [ -n "$HUNG" ]; then
    echo "   did not finish:$HUNG"
    echo
fi
# ------------------------------------------------------------------- R
echo "== R on the same series"
if command -v Rscript > /dev/null 2>&1 &&
   Rscript -e 'quit(status = !(requireNamespace("forecast", quietly = TRUE) && requireNamespace("MASS", quietly = TRUE)))' > /dev/null 2>&1; then
    R=$(Rscript bench/rbench.R "$Y" 12 5000 500 1000 "$SERIES")
    printf '%-9s %10s %12s %14s %9s %14s %9s\n' model "R series" "R series/s" "ours fit/s" ratio "ours e2e/s" ratio
    for m in poisson negbin holt linear; do
        rr=$(printf '%s\n' "$R" | awk -F '\t' -v m="$m" '$2 == m { print $5 }')
        rk=$(printf '%s\n' "$R" | awk -F '\t' -v m="$m" '$2 == m { print $3 }')
        of=$(printf '%s\n' "$F2" | awk -F '\t' -v m="$m" '$1 == "fit" && $2 == m { print $8 }')
        oe=$(printf '%s\n' "$E2E" | tr ' ' '\n' | awk -F '=' -v m="$m" '$1 == m { print $2 }')
        printf '%-9s %10s %12s %14s %8.1fx %14s %8.1fx\n' "$m" "$rk" "$(fmt_rate "$rr")" "$(fmt_rate "$of")" \
            "$(awk -v a="$of" -v b="$rr" 'BEGIN { print a / b }')" "$(fmt_rate "$oe")" \
            "$(awk -v a="$oe" -v b="$rr" 'BEGIN { print a / b }')"
    done
    echo "   R: glm.fit on a prebuilt design matrix, MASS::glm.nb, forecast::holt, closed-form OLS"
    echo "   with prediction intervals vectorised over all series; R on one core"
else
    echo "R (Rscript with forecast and MASS) is not installed: no comparison in this run."
fi
echo

# ------------------------------------------------------------- scaling
echo "== growth with the number of series (12 years each, long yearly file, poisson, 2 threads)"
printf '%10s %9s %9s %9s %9s %9s %12s %9s\n' series MB "load s" fitted "fit s" "total s" "series/s" "RSS MB"
for n in 1000 10000 100000 1000000; do
    hung poisson && { echo "   skipped: poisson did not finish above"; break; }
    f=$DIR/scale_$n.csv
    "$PROGRAM" generate --series "$n" --years 2012-2023 --seed 3 --out "$f"
    out=$(tbrun "$TB" e2e "$f" 2 poisson "$DIR/results.csv")
    if [ -z "$out" ]; then
        printf '%10s   no result within %s s\n' "$n" "$TMO"
        rm -f "$f" "$DIR/results.csv"
        continue
    fi
    printf '%10s %9.1f %9.2f %9s %9.2f %9.2f %12s %9s\n' "$n" "$(awk -v s="$(fsize "$f")" 'BEGIN { print s / 1e6 }')" \
        "$(field "$out" e2e 5)" "$(field "$out" e2e 9)" "$(field "$out" e2e 6)" "$(field "$out" e2e 7)" \
        "$(fmt_rate "$(field "$out" e2e 8)")" "$(fmt_mb "$(field "$out" rss 2)")"
    rm -f "$f" "$DIR/results.csv"
done
echo

echo "== growth with series length (10.000 generated series in memory, fit only, 2 threads, series/s; - = none within ${TMO} s)"
LMODELS="linear poisson negbin holt theilsen"
printf '%6s' years
for m in $LMODELS; do printf ' %10s' "$m"; done
echo
for years in 6 12 24 48 96; do
    printf '%6s' "$years"
    for m in $LMODELS; do
        out=""
        hung "$m" || out=$(tbrun "$TB" genfit 10000 "$years" 2 "$m")
        if [ -z "$out" ]; then
            printf ' %10s' "-"
        else
            printf ' %10s' "$(fmt_rate "$(field "$out" fit 8)")"
        fi
    done
    echo
done
echo

# ------------------------------------------------------- national monthly
if [ "$FULL" = 1 ]; then
    echo "== national monthly workload: 13.000 areas x 58 offences x 156 months (1.18e8 values)"
    f=$DIR/national_monthly_cbs.csv
    t0=$(now)
    "$PROGRAM" generate --format cbs --period month --series 754000 --years 2011-2023 \
        --level 0.05 --seed 4 --out "$f"
    t1=$(now)
    echo "   generated $(awk -v s="$(fsize "$f")" 'BEGIN { printf "%.2f GB", s / 1e9 }') in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f s", b - a }')"
    keep=$TMO
    TMO=900
    out=$(tbrun env TB_BENCH_BUDGET=100000 "$TB" e2e "$f" 2 target "$DIR/results.csv")
    TMO=$keep
    if [ -z "$out" ]; then
        echo "   no result within 900 s"
    else
    echo "   load + aggregate to years: $(field "$out" e2e 5) s; auto + -5%/year target: $(field "$out" e2e 6) s;"
    echo "   total with writing $(field "$out" e2e 4) result rows: $(field "$out" e2e 7) s; peak RSS $(fmt_mb "$(field "$out" rss 2)") MB"
    fi
    rm -f "$f" "$DIR/results.csv"
else
    echo "(BENCH_FULL=1 adds the national monthly workload of 10^8 values)"
fi

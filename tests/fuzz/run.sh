#!/bin/sh
# Build the libFuzzer harnesses and run each for a set time.
#
#   tests/fuzz/run.sh [SECONDS] [HARNESS...]     (default 60 s, all harnesses)
#
# Run from the repository root.  Needs clang with libFuzzer (Debian:
# clang, libclang-rt-14-dev, libomp-14-dev; `scripts/install-deps.sh fuzz`).
# The library is built with -fsanitize=fuzzer-no-link,address,undefined
# into build/fuzz; corpora grow in build/fuzz/corpus/NAME (seeded from
# tests/ and ../shared/data/real, never committed); a crashing input is
# written to build/fuzz/artifacts/NAME/ and the run fails.  Keep each one
# as a regression input in tests/data/regress/.
set -eu
SECONDS_EACH=${1:-${FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
CLANG=${CLANG:-clang}
SHARED=${TB_SHARED_DIR:-../shared}
B=build/fuzz
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# the pkg-config packages the Makefile links
PKGS=${FUZZ_PKGS:-$(sed -n 's/^PKGS *= *//p' Makefile)}
CFLAGS="-std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Iinclude -fopenmp $SAN \
$(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lcsv -lm -fopenmp"

mkdir -p "$B/obj" "$B/corpus" "$B/artifacts"

# The library, instrumented for coverage.  FUZZ_EXTRA_SRC adds sources.
objs=""
for src in src/*.c ${FUZZ_EXTRA_SRC:-}; do
    o="$B/obj/$(basename "$src" .c).o"
    if [ ! -f "$o" ] || [ "$src" -nt "$o" ] ||
       [ -n "$(find include src -name '*.h' -newer "$o" 2>/dev/null | head -1)" ]; then
        # a file that does not compile is left out; a harness that needs
        # it then fails to link, which names the missing symbols
        if ! $CLANG $CFLAGS -fsanitize=fuzzer-no-link -c "$src" -o "$o" 2>"$o.err"; then
            echo "run.sh: $src does not compile (see $o.err), left out" >&2
            rm -f "$o"
            continue
        fi
    fi
    objs="$objs $o"
done
rm -f "$B/libtrendbeeld.a"
ar rcs "$B/libtrendbeeld.a" $objs

# name: source and extra compiler flags
harnesses="detect options long wide statline odata transposed composite segments cells"
[ -f include/trendbeeld/codelist.h ] && harnesses="$harnesses codelist"
[ -f include/trendbeeld/target.h ] && harnesses="$harnesses target"
[ -f include/trendbeeld/config.h ] && harnesses="$harnesses config"
[ -f include/trendbeeld/gnuplot.h ] && harnesses="$harnesses gp_quote"
[ $# -gt 0 ] && harnesses="$*"

build() {
    name=$1 src=tests/fuzz/fuzz_load.c
    case $name in
    detect) set -- ;;
    options) set -- -DFUZZ_OPTIONS ;;
    long) set -- '-DFUZZ_PREFIX="region,indicator,measure,year,value,note,status\n"' ;;
    wide) set -- '-DFUZZ_PREFIX="regio;indicator;2012;2013;2014*;2015JJ00\n"' ;;
    statline) set -- '-DFUZZ_PREFIX="\"Geregistreerde criminaliteit; soort misdrijf, regio\"\n\"Soort misdrijf: Totaal misdrijven\"\n;\"Onderwerp\";\"Geregistreerde misdrijven\";\"Geregistreerde misdrijven\"\n;\"Perioden\";\"2012\";\"2013*\"\n\"Regio'"'"'s\";\"\";\"aantal\";\"aantal\"\n"' ;;
    odata) set -- '-DFUZZ_PREFIX="ID;SoortMisdrijf;RegioS;Perioden;GebruikVanGeweld;TotaalGeregistreerdeMisdrijven_1;GeregistreerdeMisdrijvenPer1000Inw_3\n"' ;;
    transposed) set -- '-DFUZZ_PREFIX="Perioden;Misdrijven, totaal;1 Vermogensmisdrijven;2 Vernielingen\n"' ;;
    composite) set -- '-DFUZZ_PREFIX="Soort;Twente_Misdrijven_2012;Twente_Misdrijven_2013;Drenthe_Misdrijven_2012MM01\n"' ;;
    segments)
        # the loader with tiny segments, so that every input is cut up
        src=tests/fuzz/fuzz_segments.c
        $CLANG $CFLAGS -fsanitize=fuzzer-no-link -DSEG_BYTES=64u -DSEG_REACH=512u \
            -DTB_LOAD_PARALLEL_BYTES=1L -c src/load.c -o "$B/load_segments.o"
        set -- "$B/load_segments.o" ;;
    cells) src=tests/fuzz/fuzz_cells.c; set -- ;;
    target) src=tests/fuzz/fuzz_target.c; set -- ;;
    codelist) src=tests/fuzz/fuzz_codelist.c; set -- ;;
    config) src=tests/fuzz/fuzz_config.c; set -- ;;
    gp_quote) src=tests/fuzz/fuzz_gp_quote.c; set -- ;;
    *) echo "unknown harness $name" >&2; exit 2 ;;
    esac
    $CLANG $CFLAGS -fsanitize=fuzzer "$@" -o "$B/fuzz_$name" "$src" \
        "$B/libtrendbeeld.a" $LIBS
}

seed() {
    name=$1 dir=$B/corpus/$name
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return 0
    case $name in
    cells)
        for w in 645 "  25.6" "1.234,5" 1.5e+06 . x "" 2013 "2013*" 2015JJ00 \
                 2013KW02 2013MM01 2013-01 2013-01-01 "2025 januari*" \
                 TotaalGeregistreerdeMisdrijven_1 per_1000 nan inf -0 \
                 9007199254740993 "1e400"; do
            printf '%s' "$w" > "$dir/$(printf '%s' "$w" | cksum | cut -d' ' -f1)"
        done ;;
    gp_quote)
        for w in "Den Haag" "'s-Hertogenbosch" 'a`rm -rf x`b' 'system("id")' \
                 "x'y" "line1
line2" 'back\slash' "Frysl\303\242n"; do
            printf '%s' "$w" > "$dir/$(printf '%s' "$w" | cksum | cut -d' ' -f1)"
        done ;;
    config)
        for f in data/*.conf tests/data/config/*.conf tests/data/*.conf; do
            [ -f "$f" ] && cp "$f" "$dir/$(printf '%s' "$f" | cksum | cut -d' ' -f1).conf"
        done
        printf 'data = ../data\nlang = nl\nrender = no\nregions = RE02, PV21\nthemes = woninginbraak\ntitle = Veiligheidsbeeld\n' > "$dir/basic.conf"
        : ;;
    codelist)
        for f in data/regions.csv data/indicators.csv tests/errors/codes/*.csv; do
            [ -f "$f" ] && head -c 16384 "$f" > "$dir/$(printf '%s' "$f" | cksum | cut -d' ' -f1).csv"
        done
        : ;;
    target)
        for f in data/targets.csv tests/data/target*/*.csv tests/data/targets/*.csv; do
            [ -f "$f" ] && cp "$f" "$dir/$(printf '%s' "$f" | cksum | cut -d' ' -f1).csv"
        done
        : ;;
    *)
        # small files only: the fuzzer mutates what it is given
        for f in tests/errors/*.csv tests/data/load/*.csv tests/data/regress/*.csv \
                 data/series/*.csv; do
            [ -f "$f" ] && cp "$f" "$dir/$(printf '%s' "$f" | cksum | cut -d' ' -f1).csv"
        done
        find "$SHARED/data/real" -name '*.csv' -size -130k 2>/dev/null |
            while read -r f; do
                cp "$f" "$dir/$(printf '%s' "$f" | cksum | cut -d' ' -f1).csv"
            done ;;
    esac
}

fail=0
summary=""
for h in $harnesses; do
    build "$h"
    seed "$h"
    mkdir -p "$B/artifacts/$h"
    log=$B/fuzz_$h.log
    echo "== fuzz_$h: ${SECONDS_EACH}s"
    case $h in
    cells|target|gp_quote|codelist|config) dict= ;;
    *) dict=-dict=tests/fuzz/csv.dict ;;
    esac
    if "$B/fuzz_$h" "$B/corpus/$h" $dict -max_total_time="$SECONDS_EACH" -max_len=${FUZZ_MAX_LEN:-16384} \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$B/artifacts/$h/" >"$log" 2>&1; then
        st=ok
    else
        st=FAILED
        fail=1
        grep -E 'ERROR|SUMMARY|property failed|Test unit written' "$log" | head -20
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    summary="$summary
fuzz_$h: $st, ${SECONDS_EACH}s, ${execs:-?} executions, corpus $(ls "$B/corpus/$h" | wc -l) inputs"
done
echo "$summary"
exit $fail

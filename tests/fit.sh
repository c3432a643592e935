#!/bin/sh
# Black-box runs of 'trendbeeld fit': the output does not depend on the
# number of threads, --threads is checked, and count series whose
# intervals run beyond 2^53 counts finish with finite numbers or null.
# Run from the repository root with PROGRAM set to the program under test.
PROGRAM=${PROGRAM:-./trendbeeld}
fail=0 n=0
dir=$(mktemp -d "${TMPDIR:-/tmp}/trendbeeld-fit.XXXXXX")
trap 'rm -rf "$dir"' EXIT

bad() {
    echo "FAIL: $*"
    fail=$((fail + 1))
}

# ---- the same output on 1 and 2 threads (shipped data, no FILE) --------
for model in auto linear; do
    for t in 1 2; do
        n=$((n + 1))
        "$PROGRAM" fit --model "$model" --format csv --threads "$t" \
            >"$dir/$model.$t.csv" 2>"$dir/$model.$t.err"
        rc=$?
        [ "$rc" = 0 ] || bad "fit --model $model --threads $t: exit $rc, expected 0"
    done
    n=$((n + 1))
    # the shipped data has hundreds of series: far more than a header
    lines=$(wc -l <"$dir/$model.1.csv")
    [ "$lines" -gt 1000 ] || bad "fit --model $model: $lines output lines, expected > 1000"
    n=$((n + 1))
    cmp -s "$dir/$model.1.csv" "$dir/$model.2.csv" ||
        bad "fit --model $model: output on 1 and 2 threads differs"
    n=$((n + 1))
    cmp -s "$dir/$model.1.err" "$dir/$model.2.err" ||
        bad "fit --model $model: messages on 1 and 2 threads differ"
done

# ---- progress on a terminal only, and the output unchanged by it ------
# (script(1) gives the program a terminal; the messages above were
# written without one, so they hold no progress line)
n=$((n + 1))
if grep -q 'fitting' "$dir/linear.1.err"; then bad "fit: progress without a terminal"; fi
if command -v script >/dev/null 2>&1; then
    n=$((n + 1))
    script -qec "$PROGRAM fit --model linear --format csv >$dir/tty.csv" /dev/null \
        >"$dir/tty.log" 2>&1
    grep -q 'fitting linear: [0-9]* of [0-9]* series' "$dir/tty.log" ||
        bad "fit on a terminal: no progress line 'fitting linear: N of M series'"
    n=$((n + 1))
    cmp -s "$dir/tty.csv" "$dir/linear.1.csv" || bad "fit on a terminal: other output"
fi

# ---- --threads must be a positive whole number: usage error, exit 2 ----
for arg in 0 x -3 2.5; do
    n=$((n + 1))
    "$PROGRAM" fit --threads "$arg" >"$dir/out" 2>"$dir/err"
    rc=$?
    want="trendbeeld fit: --threads '$arg', expected a whole number of threads from 1 to 4096"
    if [ "$rc" != 2 ] || ! grep -Fxq -- "$want" "$dir/err" || [ -s "$dir/out" ]; then
        bad "fit --threads $arg: exit $rc, expected 2 and: $want"
        head -3 "$dir/err" | sed 's/^/    stderr: /'
    fi
done
n=$((n + 1))
"$PROGRAM" fit --help 2>&1 | grep -q -- '--threads N' || bad "fit --help does not name --threads"

# ---- count series whose intervals used to make the fit hang ------------
# Two years with a count and ten zeros: the Poisson trend falls 2/3 a year
# and the uncertainty of its slope makes the predictive mean e^60 and more.
{
    echo region,indicator,year,value
    y=2012
    for v in 1 1 0 0 0 0 0 0 0 0 0 0; do
        echo "GM0014,E35,$y,$v"
        y=$((y + 1))
    done
} >"$dir/zero_tail.csv"
# Ten-fold growth a year: by 2060 the trend is 10^49 counts.
{
    echo region,indicator,year,value
    y=2012
    for v in 10 100 1000 10000; do
        echo "GM0014,E35,$y,$v"
        y=$((y + 1))
    done
} >"$dir/steep.csv"

# finishes FILE ARGS...: exit 0 within 20 s, no "nan", a warning as named
finishes() {
    n=$((n + 1))
    file=$1 want=$2
    shift 2
    timeout 20 "$PROGRAM" fit --format long "$@" "$file" >"$dir/out" 2>"$dir/err"
    rc=$?
    if [ "$rc" != 0 ]; then
        bad "fit $* $(basename "$file"): exit $rc (124: did not finish in 20 s), expected 0"
    elif grep -qi 'nan' "$dir/out"; then
        bad "fit $* $(basename "$file"): 'nan' in the output"
    elif ! grep -Fq -- "$want" "$dir/out"; then
        bad "fit $* $(basename "$file"): no warning containing: $want"
    fi
}
finishes "$dir/zero_tail.csv" 'near separation: every count from 2014 to 2023 is 0' --model poisson
finishes "$dir/zero_tail.csv" 'near separation: every count from 2014 to 2023 is 0' \
    --model poisson,quasipoisson,negbin,auto --horizon 2060
finishes "$dir/steep.csv" 'from 2027 on the projection is not informative' \
    --model quasipoisson --horizon 2060
finishes "$dir/steep.csv" 'from 2027 on the projection is not informative' \
    --model poisson --horizon 2060
# 2060: mean 10 x 10^48 (intercept log 10, slope log 10, t = 48); the
# upper ends are unbounded (empty), the lower ends at least 2^53
n=$((n + 1))
timeout 20 "$PROGRAM" fit --format long --model quasipoisson --horizon 2060 "$dir/steep.csv" \
    >"$dir/out" 2>/dev/null
for line in 'GM0014,E35,aantal,quasipoisson,forecast.hi95,2060,' \
    'GM0014,E35,aantal,quasipoisson,forecast.lo95,2060,9007199254740992'; do
    grep -Fxq -- "$line" "$dir/out" || bad "fit --model quasipoisson steep.csv: no line $line"
done

echo "fit.sh: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]

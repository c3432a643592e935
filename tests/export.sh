#!/bin/sh
# export: what was read comes out unchanged (exact integers below 2^53,
# CSV quoting of names, Windows-1252 names as UTF-8).  Run with PROGRAM set
# to the program under test, from the repository root.
PROGRAM=${PROGRAM:-./trendbeeld}
fail=0 n=0
expect() {
    n=$((n + 1))
    want=$1
    shift
    got=$("$PROGRAM" export --data tests/errors/nodata "$@" 2>/dev/null)
    if [ "$got" != "$want" ]; then
        echo "FAIL: export $*"
        printf '  expected:\n%s\n  got:\n%s\n' "$want" "$got"
        fail=$((fail + 1))
    fi
}

expect 'region,indicator,measure,year,value,status
"Den Haag, centrum","x""y",aantal,2012,9007199254740991,
"Den Haag, centrum","x""y",aantal,2013,25.6,' tests/data/export/exact.csv
expect 'region,indicator,measure,year,value,status
Fryslân,woninginbraak,aantal,2012,1,' tests/errors/cp1252_ok.csv
expect '[
 {
  "region": "Den Haag, centrum",
  "indicator": "x\"y",
  "measure": "aantal",
  "year": 2012,
  "value": 9007199254740991,
  "flags": []
 },
 {
  "region": "Den Haag, centrum",
  "indicator": "x\"y",
  "measure": "aantal",
  "year": 2013,
  "value": 25.6,
  "flags": []
 }
]' --format json tests/data/export/exact.csv

# A region name with a comma, a quote and a line break: exported quoted
# (RFC 4180, the quote doubled), and that output reads back to the same
# bytes through validate and export.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
printf 'region,indicator,measure,year,value\n"Den Haag, ""centrum""\nwest",woninginbraak,aantal,2012,5\n"Den Haag, ""centrum""\nwest",woninginbraak,aantal,2013,7\n' > "$T/odd.csv"
printf 'region,indicator,measure,year,value,status\n"Den Haag, ""centrum""\nwest",1.1.1,aantal,2012,5,\n"Den Haag, ""centrum""\nwest",1.1.1,aantal,2013,7,\n' > "$T/want.csv"
round_trip() {
    n=$((n + 1))
    "$PROGRAM" export "$1" > "$2" 2>/dev/null
    if ! cmp -s "$T/want.csv" "$2"; then
        echo "FAIL: export $1"
        od -c "$2" | head -20
        fail=$((fail + 1))
    fi
}
round_trip "$T/odd.csv" "$T/once.csv"
round_trip "$T/once.csv" "$T/twice.csv"

# provisional, approximate, incomplete and suspect values stay marked in
# the CSV too (status), in words the loader reads back: the same flags
printf 'region,indicator,measure,year,value,status\nZwolle,1.1.1,aangiften,2022,300,\nZwolle,1.1.1,aangiften,2023,310,voorlopig\nZwolle,1.1.1,aangiften,2024,>320,voorlopig\n' > "$T/flags.csv"
expect 'region,indicator,measure,year,value,status
Zwolle,1.1.1,aangiften,2022,300,
Zwolle,1.1.1,aangiften,2023,310,voorlopig
Zwolle,1.1.1,aangiften,2024,320,voorlopig;schatting' "$T/flags.csv"
"$PROGRAM" export --data tests/errors/nodata "$T/flags.csv" > "$T/flags_once.csv" 2>/dev/null
expect "$(cat "$T/flags_once.csv")" "$T/flags_once.csv"
n=$((n + 1))
if ! "$PROGRAM" validate "$T/once.csv" >/dev/null 2>&1; then
    echo "FAIL: validate of the exported file"
    fail=$((fail + 1))
fi

# Many series: the output is written a chunk of series at a time on all
# cores, and must be the one array (CSV: the one table) all the same: as
# many JSON objects as CSV rows, the first without a comma before it.
"$PROGRAM" generate --series 700 --years 2012-2014 --out "$T/many.csv"
"$PROGRAM" export --data tests/errors/nodata "$T/many.csv" > "$T/many.out.csv" 2>/dev/null
"$PROGRAM" export --data tests/errors/nodata --format json "$T/many.csv" > "$T/many.json" 2>/dev/null
n=$((n + 1))
rows=$(($(wc -l < "$T/many.out.csv") - 1))
objects=$(grep -c '^ {$' "$T/many.json")
if [ "$rows" != 2100 ] || [ "$objects" != 2100 ] ||
    [ "$(head -2 "$T/many.json" | tr '\n' '|')" != '[| {|' ] ||
    [ "$(tail -2 "$T/many.json" | tr '\n' '|')" != ' }|]|' ] ||
    [ "$(grep -c '^ },$' "$T/many.json")" != 2099 ]; then
    echo "FAIL: export of 700 series x 3 years: $rows CSV rows, $objects JSON objects"
    fail=$((fail + 1))
fi

echo "export.sh: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]

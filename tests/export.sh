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

expect 'region,indicator,measure,year,value
"Den Haag, centrum","x""y",aantal,2012,9007199254740991
"Den Haag, centrum","x""y",aantal,2013,25.6' tests/data/export/exact.csv
expect 'region,indicator,measure,year,value
Fryslân,woninginbraak,aantal,2012,1' tests/errors/cp1252_ok.csv
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

echo "export.sh: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]

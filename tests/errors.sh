#!/bin/sh
# Error catalogue: bad input -> exact exit code and exact stderr line.
# Each case: exit code, arguments to 'trendbeeld validate' (run from the
# repository root), and the stderr line expected.  Run with PROGRAM set to
# the program under test.
PROGRAM=${PROGRAM:-./trendbeeld}
E=tests/errors
fail=0 n=0
check() {
    want_rc=$1 want=$2
    shift 2
    n=$((n + 1))
    err=$("$PROGRAM" validate --data tests/errors/nodata "$@" 2>&1 >/dev/null)
    rc=$?
    if [ "$rc" != "$want_rc" ] || ! printf '%s\n' "$err" | grep -Fxq -- "$want"; then
        echo "FAIL: validate $*"
        echo "  expected exit $want_rc and: $want"
        echo "  got exit $rc and: $err"
        fail=$((fail + 1))
    fi
}

check 1 "$E/non_numeric.csv:2:5: '12x' is not a number, expected a number or a missing-value marker (. or empty)" $E/non_numeric.csv
check 1 "$E/negative.csv:2:5: negative count -5 for aangiften, expected a count of 0 or more" $E/negative.csv
check 1 "$E/duplicate.csv:4:5: duplicate value for (Twente, woninginbraak, aangiften, 2012): 121 here, 120 on line 2; expected one value per region, indicator, measure and year" $E/duplicate.csv
check 1 "$E/ragged.csv:2:5: ragged row: 4 fields, expected 5 as in the header on line 1" $E/ragged.csv
check 1 "$E/too_many_fields.csv:2:6: ragged row: 6 fields, expected 5 as in the header on line 1" $E/too_many_fields.csv
check 1 "$E/unterminated.csv:2:2: unterminated quoted field (the file ends inside it), expected a closing quote" $E/unterminated.csv
check 1 "$E/misplaced_quote.csv:2:2: misplaced quote in a field, expected a quote only around a whole field (write \"\" for a quote inside one)" $E/misplaced_quote.csv
check 1 "$E/empty.csv:1: empty file, expected a header row and rows of values" $E/empty.csv
check 1 "$E/header_only.csv:1: header (region, indicator, measure, year, value) but no rows of values, expected at least one data row" $E/header_only.csv
check 1 "$E/no_year_column.csv:1: header (region, indicator, measure, value) has no year column, expected a column named year, jaar, Perioden or date, or years as column names" $E/no_year_column.csv
check 1 "$E/no_value_column.csv:1: header (region, indicator, measure, year, total) has no value column, expected a column named value, waarde or aantal, or a measure such as TotaalGeregistreerdeMisdrijven_1" $E/no_value_column.csv
check 1 "$E/year_out_of_range.csv:2:4: year 1850 out of range, expected a year from 1900 to 2100" $E/year_out_of_range.csv
check 1 "$E/bad_year.csv:2:4: 'twee' is not a year, expected a year (2013, 2013*) or a period (2013JJ00, 2013MM01, 2013-01, 2013-01-01)" $E/bad_year.csv
check 1 "$E/wide_bad.csv:2:3: '1,0,5' is not a number, expected a number or a missing-value marker (. or empty)" $E/wide_bad.csv
check 1 "$E/empty_region.csv:2:1: empty region name, expected a region in every row" $E/empty_region.csv
check 1 "$E/code_list.csv:1: this is a code list or lookup table (Key, Title, Description), not a series: it has no year or period column; use it as a code list" $E/code_list.csv
check 1 "$E/monthly_conflict.csv:5:5: duplicate value for (Twente, woninginbraak, aangiften, 2013 period 1): 50 here, 40 on line 2; expected one value per period" $E/monthly_conflict.csv
check 1 "$E/not_windows1252.csv:2: byte 0x81 is not Windows-1252, expected UTF-8 or Windows-1252 text" $E/not_windows1252.csv
check 3 "$E/missing.csv: cannot open: No such file or directory" $E/missing.csv
check 3 "$E: is a directory, expected a CSV file" $E
check 2 "$E/wide_ok.csv:1: --region 'Twente' given, but the file names its regions itself; expected --region only for a file without them (or use --map)" --region Twente $E/wide_ok.csv
check 2 "$E/wide_ok.csv: --map: unknown role 'regio', expected region, indicator, measure, year or value" --map regio=1 $E/wide_ok.csv
# every file is checked: both errors are reported
check 1 "$E/negative.csv:2:5: negative count -5 for aangiften, expected a count of 0 or more" $E/non_numeric.csv $E/negative.csv

echo "errors.sh: $((n - fail)) of $n error cases pass"
[ "$fail" -eq 0 ]

#!/bin/sh
# Error catalogue: bad input -> exact exit code and exact stderr line.
# Each case: exit code, the stderr line expected ("" means stderr must be
# empty) and the arguments (run from the repository root).  check runs
# 'trendbeeld validate'; check_codes runs it with --data on a folder of
# tests/errors/codelist/ holding a bad regions.csv; check_target runs
# 'trendbeeld target --targets FILE' on a file of tests/errors/targets/.
# Run with PROGRAM set to the program under test.
#
# Every error the loaders (src/load*.c), the code-list loader
# (src/codelist*.c) and the targets-file parser (src/target.c) can give for
# a file is here, except those that no fixed file can cause:
#   tested in tests/test_load.c: a file that grows or changes while it is
#     read, more data rows or series than the options allow, no store or
#     no file name given;
#   tested in tests/test_codelist.c: a code list that cannot be opened
#     (here too, when not run as root);
#   not tested: out of memory (every loader), "cannot convert from
#     Windows-1252" (iconv without that encoding), and the series loader's
#     "no rows of values below the header" (load_finish), which no file
#     tried reaches: the header search already refuses a header without
#     rows of numbers below it.
PROGRAM=${PROGRAM:-./trendbeeld}
E=tests/errors
fail=0 n=0
run_check() {
    want_rc=$1 want=$2
    shift 2
    n=$((n + 1))
    err=$("$@" 2>&1 >/dev/null)
    rc=$?
    if [ "$rc" != "$want_rc" ] ||
       { [ -n "$want" ] && ! printf '%s\n' "$err" | grep -Fxq -- "$want"; } ||
       { [ -z "$want" ] && [ -n "$err" ]; }; then
        echo "FAIL: $*"
        echo "  expected exit $want_rc and: $want"
        echo "  got exit $rc and: $err"
        fail=$((fail + 1))
    fi
}
check() {
    want_rc=$1 want=$2
    shift 2
    run_check "$want_rc" "$want" "$PROGRAM" validate --data tests/errors/nodata "$@"
}
# check_codes RC MESSAGE DIR: DIR/regions.csv is the bad code list
check_codes() {
    run_check "$1" "$3/regions.csv$2" "$PROGRAM" validate --data "$3" $E/cp1252_ok.csv
}
check_target() {
    run_check "$1" "$2" "$PROGRAM" target --data tests/errors/nodata --targets "$3"
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
# hostile input and limits (see load.h)
check 1 "$E/wide_year_range.csv:1:2: year 2101 out of range, expected a year from 1900 to 2100" $E/wide_year_range.csv
check 1 "$E/after_footer.csv:4: row of values after the footer on line 3, expected the footer (\"Bron: ...\") below the last row of values" $E/after_footer.csv
check 1 "$E/code_list_numeric.csv:1: this is a code list or lookup table (Gemeentecode, Gemeentenaam, Provinciecode), not a series: it has no year or period column; use it as a code list" $E/code_list_numeric.csv
check 1 "$E/strict_unknown.csv:2:1: unknown region 'Xyzzyplugh', expected a region from the code list (without --strict it is kept as a region of its own)" --strict --data $E/codes $E/strict_unknown.csv
check 1 "$E/nan_cell.csv:2:5: 'NaN' is not a number (NaN and infinity are not counts), expected a number or a missing-value marker (. or empty)" $E/nan_cell.csv
check 1 "$E/inf_cell.csv:2:5: '-inf' is not a number (NaN and infinity are not counts), expected a number or a missing-value marker (. or empty)" $E/inf_cell.csv
check 1 "$E/overflow.csv:2:5: '1e400' is beyond the range of numbers, expected a magnitude below 2^53 = 9007199254740992" $E/overflow.csv
check 1 "$E/beyond_2p53.csv:2:5: '9007199254740993' is too large, expected a magnitude below 2^53 = 9007199254740992" $E/beyond_2p53.csv
check 1 "$E/nul_byte.csv:2: NUL byte: this is a binary file, expected CSV text" $E/nul_byte.csv
check 1 "$E/utf16.csv:1:1: file is UTF-16, expected UTF-8 or Windows-1252 text" $E/utf16.csv
check 1 "$E/utf8_stray.csv:3: byte 0xFA (byte 78 of the file) is not UTF-8, but the file has UTF-8 text before it; expected the whole file in one encoding (save it again as UTF-8)" $E/utf8_stray.csv
# a file that names no region needs --region, never a silent Nederland
check 2 "$E/no_region.csv:1: the file names no region (no region column, no title line 'Regio's: ...'); expected --region NAME for the region its values are of (e.g. --region Nederland)" $E/no_region.csv
# the notation of numbers (number.h): never a silent guess
check 1 "$E/ambiguous_rate.csv:2:5: '1.368': this value reads as 1368 ('.' grouping thousands) or as 1.368 (a decimal '.'), and the file shows neither notation before it; expected --decimal comma or --decimal point to settle it" $E/ambiguous_rate.csv
check 1 "$E/count_fraction.csv:3:5: '1.368': a count has no fractions, but in a file with decimal points this reads 1.368; expected 1368 written without separators (or --decimal comma if the file groups thousands with '.')" $E/count_fraction.csv
check 2 "trendbeeld validate: --decimal 'punt'; expected comma or point" --decimal punt $E/ambiguous_rate.csv
# one text layer (src/text.c): every field is UTF-8 without control
# characters; a byte order mark only at the start of the file
check 1 "$E/control_char.csv:3:1: control character U+001B (escape) at character 2 of the field; expected text without control characters" $E/control_char.csv
check 1 "$E/c1_control.csv:3:1: control character U+009B at character 2 of the field; expected text without control characters" $E/c1_control.csv
check 1 "$E/bom_inside.csv:3:1: a byte order mark (U+FEFF) at character 1 of the field; expected a byte order mark only at the start of the file" $E/bom_inside.csv
check 1 "$E/surrogate.csv:3: byte 0xED (byte 80 of the file) is not UTF-8, but the file has UTF-8 text before it; expected the whole file in one encoding (save it again as UTF-8)" $E/surrogate.csv
check 1 "$E/long_region.csv:2:1: region name of 250 bytes ('RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR...'), expected at most 200 bytes" $E/long_region.csv
check 1 "$E/long_measure.csv:2:3: measure name of 201 bytes ('mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm...'), expected at most 200 bytes" $E/long_measure.csv
check 1 "$E/odata_long_key.csv:2:9: indicator name of more than 200 bytes (joined from its columns), expected at most 200 bytes" $E/odata_long_key.csv
check 1 "$E/two_region_columns.csv:1:2: two region columns ('region' and 'regio'), expected one (choose with --map)" $E/two_region_columns.csv
check 1 "$E/months_quarters.csv:3:5: months and quarters mixed for (Twente, woninginbraak, aangiften, 2013), expected one kind of period per series and year" $E/months_quarters.csv
check 1 "$E/month_twice.csv:4: duplicate value for (Twente, woninginbraak, aangiften, 2013 period 1): 45 here, 40 on line 2; expected one value per period" $E/month_twice.csv
check 1 "$E/empty_indicator.csv:2:2: empty indicator, expected an offence or indicator in every row" $E/empty_indicator.csv
check 1 "$E/empty_measure.csv:2:3: empty measure, expected a measure in every row" $E/empty_measure.csv
check 1 "$E/only_titles.csv:1: no table found: only title lines, expected a header row and rows of values" $E/only_titles.csv
check 1 "$E/no_header.csv:1: no header row, expected column names such as region,indicator,measure,year,value above the values" $E/no_header.csv
check 1 "$E/no_numbers.csv:1: no rows of numbers below the header (region, indicator, measure, year, value), expected values in the rows that follow it" $E/no_numbers.csv
check 1 "$E/table_description.csv:1: this is a CBS table description (TableInfos), not a series: expected a data file with values" $E/table_description.csv
check 1 "$E/duplicate_b.csv:2:5: duplicate value for (Twente, woninginbraak, aangiften, 2012): 121 here, 120 already loaded from $E/duplicate_a.csv; expected one value per region, indicator, measure and year" $E/duplicate_a.csv $E/duplicate_b.csv
check 1 "$E/strict_region.csv:2:1: unknown region 'Enschedee' (did you mean 'Enschede'?), expected a region from the code list (without --strict it is kept as a region of its own)" --strict --data $E/codes $E/strict_region.csv
check 2 "$E/bad_map.csv: --map 'region': expected ROLE=COLUMN pairs separated by commas" --map region $E/bad_map.csv
check 2 "$E/bad_map.csv:1: --map: no column 'gebied' in the header, expected a column name or number" --map region=gebied $E/bad_map.csv
check 3 "/dev/null: is a device or socket, expected a CSV file" /dev/null
check 3 "/proc/self/mem:1: read error: Input/output error" /proc/self/mem
check 2 "trendbeeld validate: invalid option or missing argument: --bogus" --bogus $E/bad_map.csv
check 2 "trendbeeld validate: no FILE given and no series in $E/nodata/series/ (expected CSV files there, or FILE arguments)"
# a Windows-1252 file (no UTF-8 before its first high byte) loads
check 0 "" $E/cp1252_ok.csv

# code lists (src/codelist*.c), reached through validate --data DIR
C=$E/codelist
check_codes 1 ":1:1: file is UTF-16, expected UTF-8 or Windows-1252 text" $C/utf16
check_codes 1 ":3:5: a NUL byte, expected text without control characters" $C/nul_byte
check_codes 1 ":2:2: control character U+0005 (enquiry), expected text without control characters" $C/control
check_codes 1 ":3:13: byte 0xE9 is not UTF-8, but the file has UTF-8 text before it (line 2), expected the whole file in one encoding (save it again as UTF-8)" $C/utf8_stray
check_codes 1 ":2:3: byte 0x81 is not Windows-1252, expected UTF-8 or Windows-1252 text" $C/not_windows1252
check_codes 1 ":2: misplaced quote in a field, expected a quote only around a whole field (write \"\" for a quote inside one)" $C/misplaced_quote
check_codes 1 ":2: unterminated quoted field at the end of the file; expected a closing '\"'" $C/unterminated
check_codes 1 ": empty file; expected a header code,name,level,..." $C/empty
check_codes 1 ":1:4: column 'code' appears twice in the header, expected each column once" $C/column_twice
check_codes 1 ":1: the header has no column 'level'; expected at least code,name,level, or a CBS code list (Key,Title or Code_1,Naam_2 or GemeentecodeGM,Gemeentenaam)" $C/no_level
check_codes 1 ":3: row has 2 fields, expected 3 as in the header" $C/ragged
check_codes 1 ":3:1: 'code' holds only white space (U+00A0), expected a value in every row" $C/only_space
check_codes 1 ":2:2: empty 'name', expected a value in every row" $C/empty_name
check_codes 1 ":2:4: preferred is 'yes', expected 1, 0 or empty" $C/preferred
check_codes 1 ":2:4: from is '20x3', expected a year or empty" $C/from_year
check_codes 1 ":2:4: to is '1850', expected a year or empty" $C/to_year
check_codes 1 ":3:1: code 'A' already used on line 2, expected each code once" $C/code_twice
check_codes 1 ":2: 'b' is a name of 'A' but the code of 'B' (line 3); expected names that are no other entry's code" $C/name_is_code
check_codes 1 ":3: 'n' is a name of 'B' and of 'A' (line 2), and both are flagged preferred; expected at most one preferred entry per name" $C/two_preferred
check_codes 1 ":2:4: 'B' of 'A' is not a code in this list; expected the code of another entry" $C/unknown_parent
check_codes 1 ":2: 'A' names itself as parent or successor, expected the code of another entry" $C/own_parent

# the targets file (src/target.c)
G=$E/targets
check_target 1 "$G/nul_field.csv:2:2: a NUL byte at character 7 of the field; expected text without control characters" $G/nul_field.csv
check_target 1 "$G/escape_field.csv:2:12: control character U+001B (escape) at character 1 of the field; expected text without control characters" $G/escape_field.csv
check_target 1 "$G/bom_inside.csv:2:3: a byte order mark (U+FEFF) at character 5 of the field; expected a byte order mark only at the start of the file" $G/bom_inside.csv
# the first mistake in file order, whether a repeated id or a bad row
check_target 1 "$G/duplicate_before_error.csv:3:1: id 'oost' was already used on line 2; expected unique ids" $G/duplicate_before_error.csv
check_target 1 "$G/duplicate_after_error.csv:3:6: unknown kind 'maxx'; expected max, min, reduction_pct, increase_pct, annual_reduction_pct, annual_increase_pct or lower_than_before" $G/duplicate_after_error.csv
check_target 1 "$G/empty_id.csv:2:1: empty id; expected a unique key such as oost_woninginbraak_2018" $G/empty_id.csv
# a character of two bytes is named whole (its first byte alone was no UTF-8)
check_target 1 "$G/id_multibyte.csv:2:1: id 'oost_é' has the character 'é'; expected letters, digits, _ - ." $G/id_multibyte.csv
check_target 1 "$G/id_character.csv:2:1: id 'oost 2018' has the character ' '; expected letters, digits, _ - ." $G/id_character.csv
check_target 1 "$G/empty_region.csv:2:3: empty region; expected the region key of the series" $G/empty_region.csv
check_target 1 "$G/unknown_kind.csv:2:6: unknown kind 'maximum'; expected max, min, reduction_pct, increase_pct, annual_reduction_pct, annual_increase_pct or lower_than_before" $G/unknown_kind.csv
check_target 1 "$G/base_year.csv:2:7: base_year '13' is not a year; expected a year from 1900 to 2100" $G/base_year.csv
check_target 1 "$G/target_year.csv:2:8: target_year '2200' is not a year; expected a year from 1900 to 2100" $G/target_year.csv
check_target 1 "$G/needs_base.csv:2:7: kind reduction_pct has no base_year; expected the year the change is measured from" $G/needs_base.csv
check_target 1 "$G/base_after_target.csv:2:7: base_year 2018 is not before target_year 2018; expected an earlier base_year" $G/base_after_target.csv
check_target 1 "$G/lower_value.csv:2:9: kind lower_than_before takes no value (got '5'); the target is the lowest year from base_year on" $G/lower_value.csv
check_target 1 "$G/value_text.csv:2:9: value 'veel' is not a number; expected e.g. 12111, 12.111, 5 or 7,5" $G/value_text.csv
check_target 1 "$G/reduction.csv:2:9: a reduction of 120%; expected a percentage above 0 and below 100" $G/reduction.csv
check_target 1 "$G/increase.csv:2:9: an increase of -5%; expected a percentage above 0" $G/increase.csv
check_target 1 "$G/milestone.csv:2:10: milestone '2016-5' is not YEAR:VALUE; expected e.g. 2016:10" $G/milestone.csv
check_target 1 "$G/milestone_year.csv:2:10: milestone year 2019; expected a year after base_year and before target_year" $G/milestone_year.csv
check_target 1 "$G/stated_value.csv:2:11: stated_value 'twaalf' is not a number; expected e.g. 12111 or 12.111, or nothing" $G/stated_value.csv
check_target 1 "$G/base_value.csv:2:13: base_value 'x' is not a number; expected e.g. 14903 or nothing" $G/base_value.csv
check_target 1 "$G/base_value_no_year.csv:2:13: base_value given without a base_year; expected a base_year for it" $G/base_value_no_year.csv
check_target 1 "$G/change_from.csv:2:13: change_from '2012' is not YEAR:VALUE; expected e.g. 2012:15642" $G/change_from.csv
check_target 1 "$G/change_to.csv:2:14: change_to 'x' is not YEAR:VALUE; expected e.g. 2013:14903" $G/change_to.csv
check_target 1 "$G/change_pct.csv:2:15: change_pct 'min5' is not a number; expected e.g. -5 or -4,7" $G/change_pct.csv
check_target 1 "$G/change_partial.csv:2:13: a stated change is incomplete; expected all of change_from, change_to and change_pct" $G/change_partial.csv
check_target 1 "$G/change_order.csv:2:14: change_to year 2012; expected a year after change_from year 2013" $G/change_order.csv
check_target 1 "$G/unterminated.csv:2: unterminated quoted field (the file ends inside it), expected a closing quote" $G/unterminated.csv
check_target 1 "$G/misplaced_quote.csv:2: misplaced quote in a field, expected a quote only around a whole field (write \"\" for a quote inside one)" $G/misplaced_quote.csv
check_target 1 "$G/empty.csv:1: empty file; expected the header id,description,region,indicator,measure,kind,base_year,target_year,value,milestones,stated_value,source" $G/empty.csv
check_target 1 "$G/header.csv:1:3: header column 3 is 'regio'; expected 'region' (the header starts id,description,region,indicator,measure,kind,base_year,target_year,value,milestones,stated_value,source)" $G/header.csv
check_target 1 "$G/fields.csv:2: 3 fields; expected 12 as in the header" $G/fields.csv
check_target 1 "$G/id_twice.csv:3:1: id 't1' was already used on line 2; expected unique ids" $G/id_twice.csv
check_target 3 "$G/missing.csv: cannot open the targets file: No such file or directory" $G/missing.csv

# limits on files too big to keep in the repository: made here
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
awk 'BEGIN { for (i = 1; i <= 10001; i++) printf "c%d%s", i, i < 10001 ? "," : "\n" }' > "$T/many_columns.csv"
check 1 "$T/many_columns.csv:1:10001: more than 10000 fields in a row, expected at most 10000" "$T/many_columns.csv"
awk 'BEGIN { print "region,indicator,measure,year,value"; printf "Twente,\""; for (i = 0; i < 70000; i++) printf "x"; print "\",aangiften,2012,1" }' > "$T/long_field.csv"
check 1 "$T/long_field.csv:2:2: field of 70000 bytes, expected at most 65536 (is a closing quote missing?)" "$T/long_field.csv"
awk 'BEGIN { print "region,indicator,measure,year,value"; print "Twente,\"woninginbraak,aangiften,2012,1"; for (i = 0; i < 2000; i++) print "Twente,woninginbraak,aangiften,2012,1" }' > "$T/unclosed_quote.csv"
check 1 "$T/unclosed_quote.csv:2:2: field of more than 65536 bytes, expected at most 65536 (is a closing quote missing?)" "$T/unclosed_quote.csv"
# a file that cannot be read (root reads it anyway: checked as a user only)
cp $E/bad_map.csv "$T/unreadable.csv" && chmod 000 "$T/unreadable.csv"
mkdir "$T/codes" && cp $E/codes/regions.csv "$T/codes/" && chmod 000 "$T/codes/regions.csv"
if [ "$(id -u)" != 0 ]; then
    check 3 "$T/unreadable.csv: cannot open: Permission denied" "$T/unreadable.csv"
    check_codes 3 ": cannot open: Permission denied" "$T/codes"
fi
# a code list that cannot be read
mkdir "$T/mem" && ln -s /proc/self/mem "$T/mem/regions.csv"
check_codes 3 ": read error: Input/output error" "$T/mem"

# every file is checked: both errors are reported
check 1 "$E/negative.csv:2:5: negative count -5 for aangiften, expected a count of 0 or more" $E/non_numeric.csv $E/negative.csv

# a FIFO with no writer is an empty file, never a wait for ever
if mkfifo "$T/fifo.csv" 2>/dev/null; then
    run_check 1 "$T/fifo.csv:1: empty file, expected a header row and rows of values" timeout 20 "$PROGRAM" validate --data tests/errors/nodata "$T/fifo.csv"
    run_check 1 "$T/fifo.csv:1: empty file; expected the header id,description,region,indicator,measure,kind,base_year,target_year,value,milestones,stated_value,source" timeout 20 "$PROGRAM" target --data tests/errors/nodata --targets "$T/fifo.csv" tests/data/cli/groningen.csv
fi

# output lost on a full disk: a message and exit 3, in every command
if [ -w /dev/full ]; then
    for c in validate export indicators fit target; do
        n=$((n + 1))
        t=; [ $c = target ] && t="--targets tests/data/cli/targets.csv"
        err=$("$PROGRAM" $c --data tests/errors/nodata $t tests/data/cli/groningen.csv 2>&1 >/dev/full)
        rc=$?
        if [ "$rc" != 3 ] || ! printf '%s\n' "$err" | grep -q "^trendbeeld $c: cannot write the output"; then
            echo "FAIL: $c > /dev/full: exit $rc and: $err"; fail=$((fail + 1)); fi
    done
    run_check 3 "trendbeeld: cannot write the output: No space left on device" sh -c "\"$PROGRAM\" --version >/dev/full"
fi

echo "errors.sh: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]

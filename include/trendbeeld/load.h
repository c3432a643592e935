/* trendbeeld — loading series from CSV files.
 *
 * One function loads one file into a series store.  The layout is
 * detected from the file itself; no options are needed for the layouts
 * analysts download from CBS StatLine, the CBS OData API and the police
 * open data portal, or keep in a spreadsheet:
 *
 *   long       region,indicator,measure,year,value[,note,bron,status]
 *              (Dutch: regio,soort,maat,jaar,waarde); any of region,
 *              indicator and measure may be absent (then taken from the
 *              options or the title block).  Several value columns are
 *              several measures: "TotaalGeregistreerdeMisdrijven_1",
 *              "geregistreerde misdrijven per 1 000 inwoners", ...
 *   wide       key columns followed by years as column names
 *              (2008, 2016*, 2015JJ00, 2013MM01, "2025 januari*")
 *   StatLine   title lines, "Soort misdrijf: X" (the indicator of the
 *              whole table), rows "Onderwerp" (measure per column),
 *              "Perioden" (year per column) and "Regio's" (the row
 *              dimension), and a "Bron: ..." footer
 *   transposed a period column followed by one column per offence
 *              ("Perioden;Misdrijven, totaal;1 Vermogensmisdrijven;...")
 *   composite  wide columns named <Regio>_<Onderwerp>_<year>
 *   OData      ID;SoortMisdrijf;RegioS;Perioden;<value columns>; other
 *              dimension columns (e.g. GebruikVanGeweld) are folded into
 *              the indicator as "SoortDiefstal|GebruikVanGeweld", except
 *              for CBS total keys (starting with "T00"), which are left out
 *              so that "CRI1132" is the total over the extra dimension.
 *
 * Periods: years (2013, "2013*" = provisional), CBS codes 2013JJ00,
 * 2013KW01, 2013MM01, ISO months 2013-01 and dates 2013-01-01.  Months and
 * quarters are summed to years (for inwoners, a stock, the last period of
 * the year is taken); a year with fewer than all periods is flagged
 * TB_FLAG_INCOMPLETE.  A month that appears twice for one series whose
 * second value equals the sum of the twelve months is a repeated annual
 * total and is not counted twice (a counted warning).
 *
 * Cells: missing markers ".", padded ".", "x", "", a single space are
 * missing (NaN + TB_FLAG_MISSING), never 0.  Numbers may be padded with
 * spaces; decimal point or comma and thousands separators follow the rule
 * of number.h (tb_load_options.decimal settles it).  Text is read as
 * text.h says.  Delimiter (, ; tab), UTF-8 BOMs, CRLF and Windows-1252
 * (converted with iconv) are detected and reported in tb_load_report.
 *
 * Measures are named by the table of measure.h, from CBS column names,
 * labels, measure columns and --measure alike ("Totaal geregistreerde
 * misdrijven" is aangiften, "Bevolking" inwoners); a generic value column
 * (value, waarde, aantal, count, frequency, incident_count) takes the
 * measure from a measure column, --measure, or "aantal".
 *
 * Zeros: a zero in a series whose non-zero values are all 10 or more is
 * flagged TB_FLAG_SUSPECT (a count that low has Poisson probability
 * e^-10 < 5e-5 at such a level: it is almost surely "no data").
 *
 * Encoding: a file whose bytes are all valid UTF-8 is UTF-8.  A file with
 * bytes that are not UTF-8 is read as Windows-1252 (converted with iconv)
 * only when no multi-byte UTF-8 character comes before the first such
 * byte; a file that has UTF-8 characters and also stray bytes that are not
 * UTF-8 is refused with the line and byte of the first stray byte (read
 * either way, some of its names would come out garbled).
 *
 * Limits (each refused with an error that names it): a field of more than
 * TB_LOAD_MAX_FIELD bytes, a row of more than TB_LOAD_MAX_COLUMNS fields,
 * a region, indicator or measure name of more than TB_LOAD_MAX_NAME bytes,
 * years outside TB_YEAR_MIN..TB_YEAR_MAX, a value whose magnitude is 2^53
 * or more (a double no longer holds every integer there), NaN or Inf
 * written in a cell, NUL bytes, more data rows or series than the options
 * allow (defaults TB_LOAD_MAX_ROWS, TB_LOAD_MAX_SERIES), a directory, a
 * device, an empty file, and a regular file that changes size while it is
 * read.
 *
 * Errors stop the load ("FILE:LINE:COLUMN: what was wrong, what was
 * expected"; COLUMN is the 1-based field).  What was stored before the
 * error stays in the store: callers that must not keep a half-loaded file
 * load into a fresh store.
 */
#ifndef TRENDBEELD_LOAD_H
#define TRENDBEELD_LOAD_H

#include <stdio.h>

#include "trendbeeld/codelist.h"
#include "trendbeeld/error.h"
#include "trendbeeld/number.h"
#include "trendbeeld/store.h"

#define TB_LOAD_MAX_FIELD   65536      /* bytes in one field */
#define TB_LOAD_MAX_COLUMNS 10000      /* fields in one row */
#define TB_LOAD_MAX_NAME    TB_MAX_NAME /* bytes in a region, indicator or measure */
#define TB_LOAD_MAX_ROWS    1000000000L /* data rows in one file (the national
                                           monthly wijk/buurt file: ~1,2e8) */
#define TB_LOAD_MAX_SERIES  10000000L  /* series one file may create */

typedef struct {
    /* Name the region, indicator or measure of a file that holds only one
     * (NULL: from the file).  Giving one for a file that has such a column
     * is an error. */
    const char *region, *indicator, *measure;
    /* Column mapping "region=COL,indicator=COL,measure=COL,year=COL,value=COL"
     * (COL a header name or a 1-based column number); overrides detection
     * for the roles it names.  NULL: detect. */
    const char *map;
    int strict;  /* unknown region/indicator is an error, not a warning */
    /* Decimal point or comma (number.h); TB_DECIMAL_AUTO: by the rule. */
    tb_decimal decimal;
    /* Code lists to canonicalise names (the store key is the entry's code);
     * NULL keeps names as given (trimmed). */
    const tb_codelist *regions, *indicators;
    /* Data rows and new series allowed in one file; 0: TB_LOAD_MAX_ROWS,
     * TB_LOAD_MAX_SERIES. */
    long max_rows, max_series;
    /* 1: one thread; 0 (all cores) or 2 and more: a regular file of
     * TB_LOAD_PARALLEL_BYTES or more is cut into segments at record
     * boundaries that this many threads parse side by side, while the
     * calling thread stores the values in file order (the same results,
     * warnings and first error either way). */
    int threads;
    /* Called now and then with the bytes read so far and the file's size
     * (-1 when not known); NULL: quiet. */
    void (*progress)(long long done, long long total, void *ctx);
    void *progress_ctx;
} tb_load_options;

#ifndef TB_LOAD_PARALLEL_BYTES /* (smaller in the fuzzing build) */
#define TB_LOAD_PARALLEL_BYTES (8L << 20)
#endif

/* What a load found.  After an error, LINES and ENCODING say how far the
 * file was read (with several threads, further or less far). */
typedef struct {
    char delimiter;          /* ',', ';' or '\t' */
    char encoding[16];       /* "UTF-8" or "WINDOWS-1252" */
    char format[32];         /* long, wide, statline, transposed, composite, odata */
    int bom, decimal_comma, crlf;
    long lines;              /* physical lines read */
    long header_lines_skipped; /* title and header lines above the data */
    long footer_lines;       /* "Bron:" footer and what follows */
    long rows;               /* data rows */
    long values;             /* values stored (after monthly aggregation) */
    long missing;            /* missing cells */
    long series;             /* distinct series touched */
    long monthly_rows;       /* cells with a month or quarter period */
    long annual_repeats;     /* repeated annual totals not counted twice */
    long exact_duplicates;   /* same key and value again: counted once */
    long suspect_zeros;      /* zeros flagged TB_FLAG_SUSPECT */
    long ignored_columns;    /* attribute or derived columns not loaded */
    char region_default[128];/* region taken when the file names none ("" if not used) */
} tb_load_report;

/* Load PATH into S.  O and REP may be NULL; WARN (may be NULL) receives
 * warnings.  Returns TB_OK, or TB_EIO / TB_EPARSE / TB_EDATA / TB_EINVAL /
 * TB_ENOMEM with ERR filled. */
tb_status tb_load_file(tb_store *s, const char *path, const tb_load_options *o,
                       tb_load_report *rep, tb_diag *warn, tb_error *err);


/* Period parsed from a cell or column name. */
typedef struct {
    int year;
    int sub;          /* month 1-12, quarter 1-4, 0 for a year */
    int per_year;     /* 1 year, 4 quarters, 12 months */
    int provisional;  /* "2023*" */
} tb_period;

/* Parse "2013", "2013*", "2015JJ00", "2013KW02", "2013MM01", "2013-01",
 * "2013-01-01", "2025 januari*".  Returns 1 on success (year not range
 * checked), 0 when TEXT is not a period. */
int tb_load_parse_period(const char *text, tb_period *p);


/* 1 when TEXT is a missing-value marker: empty, spaces, ".", "x", "?". */
int tb_load_is_missing(const char *text);

#endif

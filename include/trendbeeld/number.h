/* Numbers as analysts write them, and the one rule that tells a decimal
 * point from a thousands separator (data files and targets files alike).
 *
 * A number is digits with an optional sign, at most one decimal separator
 * and, before it, optional thousands separators between groups of three
 * digits ("12.111", "1.234.567,5", "1,234.5"); a plain decimal point
 * number may have an exponent ("1.5e+06").  Under decimal comma notation
 * '.' separates thousands; under decimal point notation ','.
 *
 * The rule, per file:
 *   1. --decimal comma|point settles it.
 *   2. A value that reads only one way shows the file's notation: "7,5"
 *      and "1.234.567" show decimal commas, "25.6" and "0.368" decimal
 *      points.  The first values (the lines the loader looks at before
 *      reading) are sampled first; a value showing the other notation
 *      later is an error.
 *   3. A value that reads both ways ("1.368": 1368 or 1,368) takes the
 *      file's notation once it is shown; before that
 *        - a count (aangiften, misdrijven: no fractions) takes the
 *          thousands reading, 1368;
 *        - in a ';'-separated file (what a Dutch spreadsheet writes, whose
 *          decimal separator is the comma) '.' groups thousands;
 *        - anything else is an error that asks for --decimal.
 *      A thousands reading fixes the file's notation from then on (with
 *      '.' grouping: decimal commas), so a later "25.6" is an error.
 *      Under the other notation, such a value in a count is an error too
 *      (a count has no fractions).
 */
#ifndef TRENDBEELD_NUMBER_H
#define TRENDBEELD_NUMBER_H

#include <stddef.h>

typedef enum {
    TB_DECIMAL_AUTO = 0, /* from the file, by the rule above */
    TB_DECIMAL_POINT,    /* 1,234.5 */
    TB_DECIMAL_COMMA,    /* 1.234,5 */
} tb_decimal;

/* "comma" or "point" -> the notation; -1 for anything else. */
int tb_decimal_parse(const char *name);

/* TEXT (trimmed) read under notation D (AUTO: only a text that reads one
 * way, or the same both ways); 0 when it is no number there. */
int tb_number_parse(const char *text, tb_decimal d, double *out);

/* How TEXT reads: no number, the same either way ("645", "1e3"), only
 * with a decimal point, only with a decimal comma, or two ways. */
typedef enum { TB_SHAPE_NONE, TB_SHAPE_PLAIN, TB_SHAPE_POINT, TB_SHAPE_COMMA,
               TB_SHAPE_EITHER } tb_number_shape;
tb_number_shape tb_number_shape_of(const char *text);

/* The notation of one file as its values are read. */
typedef struct {
    tb_decimal decimal;  /* given or shown; AUTO until then */
    int given;           /* from --decimal */
    int lean_comma;      /* ';'-separated: two-way values group with '.' */
    /* the value that showed the notation, or the first two-way value read
     * before it was shown (for the message when a later one disagrees) */
    long line;
    char text[40];
    int by_guess;        /* TEXT was read by the thousands reading, not shown */
    int mixed;           /* the sample showed both notations */
} tb_notation;

void tb_notation_init(tb_notation *n, tb_decimal given, char delimiter);

/* A value of the sample read before the rest: it may show the notation
 * (a sample that shows both leaves it to the values, which then fail). */
void tb_notation_sample(tb_notation *n, const char *text, long line);

typedef enum { TB_NUM_OK, TB_NUM_NOT_NUMBER, TB_NUM_AMBIGUOUS, TB_NUM_CONFLICT } tb_num_result;

/* Read TEXT on LINE by the rule; COUNT: the value is a count.  On
 * TB_NUM_AMBIGUOUS and TB_NUM_CONFLICT, MSG (MN bytes) gets what was wrong
 * and what was expected, for "FILE:LINE:COLUMN: MSG". */
tb_num_result tb_notation_read(tb_notation *n, const char *text, int count, long line,
                               double *out, char *msg, size_t mn);

/* The whole of S as a year from TB_YEAR_MIN to TB_YEAR_MAX (store.h): 1
 * and *Y set, else 0 (empty, trailing text, out of range). */
int tb_parse_year(const char *s, int *y);
/* The whole of S as a C-notation number ("0.25", "1e3"; options on the
 * command line, not data): 1 and *OUT set, else 0. */
int tb_parse_real(const char *s, double *out);

#endif

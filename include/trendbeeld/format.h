/* trendbeeld — number notation for people and for machines.
 *
 * Prose and tables for readers use Dutch notation by default: "." groups
 * thousands, "," is the decimal sign (12.111; 4,7%); English notation
 * swaps the two (12,111; 4.7%).  A negative number is written with the
 * minus sign U+2212 ("−26,5%"), as Dutch and English typesetting want it;
 * CSV and JSON never use these writers.
 *
 * Machine output (gnuplot scripts, CSV) uses tb_fmt_c(): "%.10g" in the C
 * notation whatever the process locale is, "NaN" for a missing value.
 *
 * Every writer has the snprintf contract: it writes at most N bytes to
 * BUF, always NUL-terminated when N > 0, and returns the length the full
 * text has (so a return value >= N means it was cut short).  A missing
 * value (NaN) is written as TB_FMT_MISSING in reader notation.
 */
#ifndef TRENDBEELD_FORMAT_H
#define TRENDBEELD_FORMAT_H

#include <stddef.h>
#include <stdio.h>

typedef enum { TB_LANG_NL = 0, TB_LANG_EN = 1 } tb_lang;

/* "nl" or "en" (case-insensitive); -1 when unknown. */
int tb_lang_parse(const char *s);
/* NL or EN by LANG: for writers that build a sentence in both languages
 * side by side (report, charts, theme sentences). */
static inline const char *tb_tr(tb_lang lang, const char *nl, const char *en)
{
    return lang == TB_LANG_EN ? en : nl;
}

#define TB_FMT_MISSING "–" /* en dash U+2013: "no figure" in a table */
#define TB_FMT_MINUS "\xe2\x88\x92" /* U+2212 */

/* V rounded to DECIMALS (0..9) places, half away from zero, with thousands
 * groups: (12111, 0) -> "12.111"; (1234567.5, 0) -> "1.234.568";
 * (-4.25, 1) -> "−4,3" (nl) / "−4.3" (en). */
size_t tb_fmt_num(char *buf, size_t n, double v, int decimals, tb_lang lang);

/* A count bound as readers are told it: the whole number on the side that
 * meets it.  A count is at most 11.531,66 exactly when it is at most 11.531
 * (floor), at least 9,2 when at least 10 (ceil), below 3.500,2 when below
 * 3.501 (ceil).  The 1e-9 keeps 11.419 (stored as 11418,9999999) whole.
 * Chart legends and the target's words both use it, so they agree. */
typedef enum { TB_MEET_AT_MOST, TB_MEET_AT_LEAST, TB_MEET_BELOW } tb_meet;
double tb_count_bound(double v, tb_meet side);

/* A count: tb_fmt_num with no decimals. */
size_t tb_fmt_int(char *buf, size_t n, double v, tb_lang lang);

/* A percentage given in percent: (-26.5, 1) -> "−26,5%"; (4.7, 1) -> "4,7%". */
size_t tb_fmt_pct(char *buf, size_t n, double pct, int decimals, tb_lang lang);

/* A percentage given as a fraction: (0.047, 1) -> "4,7%". */
size_t tb_fmt_frac_pct(char *buf, size_t n, double frac, int decimals,
                       tb_lang lang);

/* A change in percent with its sign always shown: "+10,0%", "−26,5%",
 * "0,0%" (a change that rounds to zero gets no sign). */
size_t tb_fmt_change_pct(char *buf, size_t n, double pct, int decimals,
                         tb_lang lang);

/* V as "%.10g" in C notation ("12.31", "1e+20", "-0.5"), "NaN" for NaN,
 * "Inf"/"-Inf" for infinities: safe for gnuplot and CSV in any locale. */
size_t tb_fmt_c(char *buf, size_t n, double v);

/* S as one CSV field (RFC 4180): quoted, with '"' doubled, when it holds
 * a comma, a quote or a line break; NULL writes an empty field. */
void tb_csv_field(FILE *f, const char *s);

/* V rounded half away from zero to DECIMALS places (the rounding every
 * writer above uses, so that tests and prose agree on a number). */
double tb_fmt_round(double v, int decimals);

#endif

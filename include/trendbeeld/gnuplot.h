/* trendbeeld — gnuplot scripts.
 *
 * Every chart is one self-contained script: a header comment (what the
 * chart shows, where the data came from), `set encoding utf8`, a cairo
 * terminal with `noenhanced` text, the data inline as datablocks
 * ($d << EOD ... EOD) holding numbers only (C notation, %.10g, NaN for a
 * missing year), then the plot.  A script can be mailed and re-run with
 * `gnuplot FILE.gp` in the folder where the image should appear.
 *
 * Safety: gnuplot runs `cmd` in backquotes inside double-quoted strings
 * and on command lines, and has system().  Every string that comes from
 * data (region, indicator, title, source, file name) is written by
 * tb_gp_quote(): single-quoted, where gnuplot takes every character
 * literally; a quote or control byte goes into a double-quoted octal
 * escape ("\047"), concatenated, never into a literal with a backquote.  Datablocks never hold text from
 * data, and comment lines are cleaned by tb_gp_comment() (a comment that
 * ends in a backslash would swallow the next command line).
 *
 * Readability: tick labels are written explicitly with thousands groups
 * in reader notation (12.000), because gnuplot's "%'" format depends on a
 * locale the machine may not have; the legend sits below the plot; series
 * differ in colour (light to dark along the viridis scale, which keeps
 * its order in greyscale), dash type and point type; a "Bron: ..." line
 * sits at the bottom.  Provisional years are open symbols with the legend
 * entry "voorlopig" (bars: the year is marked with *).
 */
#ifndef TRENDBEELD_GNUPLOT_H
#define TRENDBEELD_GNUPLOT_H

#include <stddef.h>
#include <stdio.h>

#include "trendbeeld/error.h"
#include "trendbeeld/format.h"
#include "trendbeeld/models.h"
#include "trendbeeld/store.h"

typedef enum { TB_TERM_PNG = 0, TB_TERM_SVG, TB_TERM_PDF } tb_plot_term;

/* "png", "svg", "pdf" (the file extension); -1 / NULL when unknown. */
int tb_plot_term_parse(const char *s);
const char *tb_plot_term_ext(tb_plot_term t);

typedef struct {
    tb_plot_term term;      /* pngcairo (default), svg, pdfcairo */
    tb_lang lang;           /* labels: Dutch (default) or English */
    int width, height;      /* pixels; pdf: 1/100 inch.  0: 1000 x 600 */
    const char *output;     /* file name for `set output`, relative to the
                               folder gnuplot runs in; NULL: no output line */
    const char *source;     /* source line text after "Bron: "; NULL: the
                               first series' source */
    const char *ylabel;     /* NULL: "aantal" / "number" (index: "index") */
    int values_on_top;      /* bars: -1 when they fit (default), 0, 1 */
} tb_plot_style;

void tb_plot_style_init(tb_plot_style *st);

/* S as a gnuplot string that reads back byte for byte: 'x y' when every
 * byte is printable and no quote, else a concatenation of such runs and
 * double-quoted octal escapes for the rest, ('x'."\047\012".'y').  No
 * backquote ever sits in double quotes.  NULL is written as ''.
 * snprintf contract: returns the full length. */
size_t tb_gp_quote(char *buf, size_t n, const char *s);

/* A value axis: [lo, hi] rounded out to a nice step (1, 2, 2.5 or 5
 * times a power of ten), about five and never more than
 * TB_AXIS_MAX_TICKS ticks at lo, lo + step, ..., hi.  Degenerate data
 * get a sane range: a range narrower than a millionth of the values (a
 * constant series) is widened by a tenth of them (or to [0, 1] at zero);
 * NaN, infinite or reversed limits give [0, 1]; values are clamped to
 * +-1e300.  HEADROOM (0 .. 1) is added above as a share of the range. */
#define TB_AXIS_MAX_TICKS 12
typedef struct {
    double lo, hi, step;
    int nticks;                /* 2 .. TB_AXIS_MAX_TICKS */
    int decimals;              /* decimals a tick label needs */
} tb_axis;
void tb_axis_make(tb_axis *ax, double lo, double hi, double headroom);

/* S cleaned for a "# ..." comment line: control bytes dropped (tab, CR,
 * LF become a space) and "\" written as "/".  snprintf contract. */
size_t tb_gp_comment(char *buf, size_t n, const char *s);

/* (1) Values per region per year as grouped bars: x = years, one bar per
 * series, values on top.  LABELS (may be NULL, or hold NULLs) name the
 * series in the legend; default is the series' region.  Series are read,
 * never changed; all series should hold the same indicator and measure. */
tb_status tb_plot_bars(FILE *out, const tb_plot_style *st, const char *title,
                       const tb_series *const *series, size_t n,
                       const char *const *labels, tb_error *err);

/* (2) One series with its fit, forecast fan, required path and target. */
typedef struct {
    const tb_series *obs;          /* required */
    const char *obs_label;         /* NULL: "waargenomen" / "observed" */
    /* Fitted values over the observed years (may be 0 long). */
    const int *fit_year;
    const double *fit_value;
    size_t nfit;
    const char *fit_label;         /* NULL: "trend" */
    /* Forecast with 80% and 95% predictive intervals (may be 0 long). */
    const tb_forecast *forecast;
    size_t nforecast;
    /* Required path of a target (may be 0 long; drawn, and in the legend,
     * only with two years or more that have a value). */
    const int *path_year;
    const double *path_value;
    size_t npath;
    const char *path_label;        /* NULL: "benodigd pad" / "required path" */
    /* Target marker; target_year 0 or a NaN value: none.  The legend
     * reads "doel 2018: max 11.419": BOUND says which side of the value
     * meets the target; with COUNTS the value is a whole number on the
     * side that meets it (a count is at most 11.419,5 exactly when it is
     * at most 11.419; "below 3.500,2" is "< 3.501"), else it keeps one
     * decimal ("min 9,5", "max 8,0%", "< 8,0"). */
    int target_year;
    double target_value;
    const char *target_label;      /* NULL: "doel" / "target" */
    int target_bound;              /* tb_plot_bound */
    int target_counts;
    const char *target_unit;       /* after the number ("%"); NULL: none */
    /* The number the policy text states for the target year, beside the
     * rule's: its own marker "beleidstekst 2018: max 12.111" (NULL, NaN
     * or the rule's number again: none). */
    const double *stated_value;
    /* Years the verdict also rests on that are not observed yet (a target
     * "lower than every year before" must be below them too): a shaded
     * band with a label.  0: none. */
    int pending_from, pending_to;
} tb_plot_trend_data;

typedef enum {
    TB_BOUND_LEVEL = 0,  /* a level to reach: the value, no side */
    TB_BOUND_MAX,        /* at most the value */
    TB_BOUND_MIN,        /* at least the value */
    TB_BOUND_BELOW       /* strictly below the value ("< 1.971") */
} tb_plot_bound;

/* The legend text of a target marker as described above, without the
 * "doel YEAR: " prefix: "max 11.419", "min 9,5", "max 8,0%". */
size_t tb_plot_target_text(char *buf, size_t n, double value, int bound,
                           int counts, const char *unit, tb_lang lang);

tb_status tb_plot_trend(FILE *out, const tb_plot_style *st, const char *title,
                        const tb_plot_trend_data *d, tb_error *err);

/* (3) Index lines, BASE_YEAR = 100, for many series in one chart.  A series
 * without a value (or with 0) in BASE_YEAR is an error: TB_EDATA. */
tb_status tb_plot_index(FILE *out, const tb_plot_style *st, const char *title,
                        const tb_series *const *series, size_t n,
                        const char *const *labels, int base_year,
                        tb_error *err);

/* (4) Small multiples: one small line chart per series (a district's
 * gemeenten), each with its own vertical scale, in a grid. */
tb_status tb_plot_small_multiples(FILE *out, const tb_plot_style *st,
                                  const char *title,
                                  const tb_series *const *series, size_t n,
                                  const char *const *labels, tb_error *err);

/* Which of (1), (3) and (4) draws N series of one indicator and measure
 * (the regions of an area): grouped bars for up to 5 regions and 60 bars,
 * index lines for up to 10 regions that share a year with a non-zero
 * value, small multiples otherwise.  *BASE (may be NULL) gets the index
 * base year: the first year every series has a non-zero value, 0 when
 * none.  The one rule for `report` and `plot`. */
typedef enum { TB_CHART_BARS, TB_CHART_INDEX, TB_CHART_MULTI } tb_chart_kind;
tb_chart_kind tb_plot_choose(const tb_series *const *series, size_t n, int *base);

/* Draw N series as KIND: tb_plot_bars, tb_plot_index (from BASE_YEAR) or
 * tb_plot_small_multiples. */
tb_status tb_plot_chart(FILE *out, const tb_plot_style *st, tb_chart_kind kind,
                        const char *title, const tb_series *const *series, size_t n,
                        const char *const *labels, int base_year, tb_error *err);

/* Full path of the gnuplot program found on PATH into BUF; 0 when it is
 * not there (BUF then holds ""). */
int tb_plot_gnuplot_found(char *buf, size_t n);

/* Run `gnuplot SCRIPT` in folder DIR (fork and exec with an argument
 * vector: no shell).  What gnuplot wrote to stdout and stderr is returned
 * in *MESSAGES (malloc'ed, "" when silent; the caller frees it; MESSAGES
 * may be NULL).  TB_EIO when gnuplot is not on the PATH ("gnuplot not
 * found"), cannot be started, or exits with an error. */
tb_status tb_plot_render(const char *dir, const char *script, char **messages,
                         tb_error *err);

#endif

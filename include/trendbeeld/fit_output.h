/* trendbeeld — fits as JSON and as long CSV.
 *
 * One record is one series fitted with one model (or the reason the model
 * was refused).  JSON: an array of objects with the keys
 *   region, indicator, measure, model, requested_model, n, first_year,
 *   last_year, converged,
 *   coef {intercept, slope[, alpha, beta, phi, theta, level_n, trend_n]},
 *   se {intercept, slope[, theta]},
 *   stats {r2, sigma, deviance, dispersion, aicc, sse, loglik,
 *          annual_pct, df_resid},
 *   forecast [{year, mean, lo80, hi80, lo95, hi95,
 *              calibrated {median, lo80, hi80, lo95, hi95} or null}, ...]
 *   (the model's intervals as the model gives them; calibrated: from the
 *   pooled forecast errors of real series, errpool.h, where a pool
 *   covers the horizon),
 *   trend_test {S, var_S, z, p, p_exact, tau, tau_a, tau_b, sen_slope,
 *               sen_lo95, sen_hi95, intercept_resid, intercept_conover,
 *               n_tie_groups}      (theilsen only),
 *   reason (auto only), warnings [text, ...], error (refusals only).
 * Numbers carry 17 significant digits; NaN and infinities are null.
 * CSV (a table for spreadsheets: one row per series, model and projected
 * year, one column per quantity, numbers only in numeric columns; the
 * series' own figures repeat on each of its rows; a series with no
 * projection has one row with an empty year), columns TB_FIT_TABLE_HEADER:
 *   region, indicator, measure, model, requested_model, n, first_year,
 *   last_year, converged, the coefficients, their standard errors, the
 *   stats, year, mean, lo80, hi80, lo95, hi95, the calibrated median and
 *   intervals, the trend test (theilsen), and the text columns reason,
 *   warnings (joined with " | ") and error.
 * Long CSV (one value a row, for scripts):
 *   region,indicator,measure,model,quantity,year,value
 * with quantity the JSON path ("coef.slope", "forecast.lo95" with its
 * year, "warning", ...) and an empty value for null.
 */
#ifndef TRENDBEELD_FIT_OUTPUT_H
#define TRENDBEELD_FIT_OUTPUT_H

#include <stdio.h>
#include <jansson.h>

#include "trendbeeld/models.h"

typedef struct {
    const char *region, *indicator, *measure; /* NULL is written as "" */
    const char *requested;      /* model name asked for ("auto", ...) */
    const tb_fit *fit;          /* NULL when the model was refused */
    const char *error;          /* the refusal (when fit is NULL) */
    const char *const *notes;   /* caveats from the caller, e.g. provisional years */
    size_t nnotes;
    const tb_forecast *calibrated; /* calibrated intervals by year; may be NULL */
    size_t ncalibrated;
} tb_fit_record;

/* A new JSON object for one record; the caller json_decref()s it.
 * NULL when out of memory. */
json_t *tb_fit_record_json(const tb_fit_record *r);

#define TB_FIT_CSV_HEADER "region,indicator,measure,model,quantity,year,value\n"

/* The header of tb_fit_records_table (built from the same column list). */
const char *tb_fit_table_header(void);

/* Records R[0..N) as table rows (below tb_fit_table_header()); 0, or -1
 * when out of memory. */
int tb_fit_records_table(FILE *out, const tb_fit_record *r, size_t n);

/* Records R[0..N) as long CSV rows (below TB_FIT_CSV_HEADER), or as
 * elements of the JSON array (FIRST: R[0] is its first element; the array
 * is JSON_INDENT(2), see tb_json_element), into OUT: pieces for
 * tb_write_ordered.  Returns 0, or -1 when out of memory. */
int tb_fit_records_csv(FILE *out, const tb_fit_record *r, size_t n);
int tb_fit_records_json(FILE *out, const tb_fit_record *r, size_t n, int first);

#endif

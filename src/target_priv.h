/* Private to the target files: evaluation (target_eval.c), the audit of
 * the stated number (target_audit.c), the predictive distributions
 * (target_predict.c), calibration (target_calib.c) and the writers. */
#ifndef TRENDBEELD_TARGET_PRIV_H
#define TRENDBEELD_TARGET_PRIV_H

#include "trendbeeld/target.h"

#define SRC_TEXT "beleidstekst"
#define SRC_DATA "reeks"

/* 1 when V meets the threshold THR (STRICT: below, not at most, for a
 * lower-is-better target), 0 when not, -1 when either is unknown. */
int tb_target_meets_(int lower_better, int strict, double v, double thr);

/* A fresh result for T as of AS_OF, every figure unknown. */
tb_target_result *tb_target_result_new_(const tb_target *t, int as_of);
/* Evaluate T into R (made by tb_target_result_new_), without backtest. */
tb_status tb_target_evaluate_into_(const tb_target *t, const tb_store *s,
                                   const tb_target_options *opt, tb_target_result *r);

/* Record a warning in R (dropped when out of memory); the arguments as
 * tb_message_set takes them for CODE. */
void tb_target_warn_(tb_target_result *r, tb_msg_code code, ...);

/* target_audit.c: every reading of the rule, the stated change, and the
 * summary; -1 when out of memory.  X: the series, or NULL. */
int tb_target_audit_(tb_target_result *r, const tb_target *t, const tb_series *x);

/* ---- target_predict.c ---------------------------------------------------- */

/* A predictive distribution for the years after the origin: the
 * calibrated one (pooled errors, errpool.h) when POOLS is set, else the
 * fitted model's. */
typedef struct {
    const tb_fit *fit;
    const tb_errpool *const *pools;
    size_t npools;
    const int *year;           /* observations up to the origin */
    const double *value;
    size_t n;
    int counts, cut;           /* cut: pooled outcome years <= CUT */
} tb_predictive_;

/* The forecast row of F for YEAR, or NULL. */
const tb_forecast *tb_target_forecast_for_(const tb_fit *f, int year);
/* 1 when P has a distribution for YEAR. */
int tb_pred_has_(const tb_predictive_ *p, int year);
/* P(target met in YEAR) for threshold THR (target.h's reading of "at
 * most", "below" and "at least"); NaN without a distribution. */
double tb_pred_prob_met_(const tb_predictive_ *p, int year, double thr, int lower_better,
                         int strict);
/* P(Y_T < M and Y_T < Y_u for every u in U), M the lowest observed
 * earlier year (NaN: none), U the years still to come. */
double tb_pred_below_all_(const tb_predictive_ *pr, int T, double M, const int *U, size_t nu);
/* The years from the base year up to the target year after the origin E
 * that PR projects, into U; returns how many. */
size_t tb_pred_later_years_(const tb_target *t, const tb_predictive_ *pr, int E, int *U);
/* P(target met in the target year) under PR. */
double tb_pred_target_prob_(const tb_target *t, const tb_target_result *r,
                            const tb_predictive_ *pr, int E);
/* R's calibrated fan from the origin E to the target year T; -1 when out
 * of memory. */
int tb_pred_calib_fan_(tb_target_result *r, const tb_predictive_ *cal, int E, int T);

/* ---- the writers ----------------------------------------------------------- */

/* V in reader notation with DEC decimals into BUF, or TB_FMT_MISSING. */
const char *tb_target_fnum_(char *buf, size_t n, double v, int dec, tb_lang lang);
/* A change in percent with one decimal, or TB_FMT_MISSING. */
const char *tb_target_fpct_(char *buf, size_t n, double v, tb_lang lang);
/* "beleidstekst" / "policy text", "reeks" / "series". */
const char *tb_target_source_name_(const char *src, tb_lang lang);
/* What T asks, in words: "hoogstens 12.111 in 2018". */
void tb_target_describe_kind_(char *buf, size_t n, const tb_target *t, int dec, tb_lang lang);
/* The rule's number for the target year ("" when unknown). */
void tb_target_threshold_words_(char *buf, size_t n, const tb_target_result *r, tb_lang lang);
/* 1 when the policy text states another number than the rule gives. */
int tb_target_stated_differs_(const tb_target_result *r);

#endif

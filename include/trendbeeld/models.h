/* trendbeeld — trend models.
 *
 * Time origin: t = year - first observed year, so every intercept is the
 * level at the series' first year.  A fit is a plain result struct that
 * the caller frees with tb_fit_free(); models never print or plot.
 * Quantities that do not apply to a model are NaN.
 */
#ifndef TRENDBEELD_MODELS_H
#define TRENDBEELD_MODELS_H

#include <stddef.h>
#include "trendbeeld/error.h"

typedef enum {
    TB_MODEL_LINEAR,
    TB_MODEL_LOGLINEAR,
    TB_MODEL_POISSON,
    TB_MODEL_QUASIPOISSON,
    TB_MODEL_NEGBIN,
    TB_MODEL_HOLT,
    TB_MODEL_HOLT_DAMPED,
    TB_MODEL_THEILSEN,
    TB_MODEL_AUTO,
    TB_MODEL_COUNT_ /* number of kinds */
} tb_model_kind;

/* "linear", "loglinear", ... ; NULL for an unknown kind. */
const char *tb_model_name(tb_model_kind k);
/* Parse a name; returns -1 when unknown. */
int tb_model_parse(const char *name);

typedef struct {
    int year;
    double mean;             /* point forecast (median for loglinear) */
    double lo80, hi80;       /* predictive interval of a new observation */
    double lo95, hi95;       /* count models: hi80/hi95 +Inf (unbounded) past */
                             /* 2^53 counts, where no whole count can be stated */
} tb_forecast;

/* Mann-Kendall test and Theil-Sen slope (theilsen model). */
typedef struct {
    double S, var_S, z, p;
    double p_exact;          /* exact permutation p (n <= 10, no ties), else NaN */
    double tau_a, tau_b;
    double sen_slope, sen_lo95, sen_hi95;
    double intercept_resid, intercept_conover;
    int n_tie_groups;
} tb_trend_test;

typedef struct {
    int horizon;             /* last forecast year; 0 = max(2018, last+5) */
    int holt_fixed;          /* 1: use alpha/beta/phi below, no optimisation */
                             /* (TB_HOLT_FIXED_T0 or TB_HOLT_FIXED_T1) */
    double alpha, beta, phi;
    int counts;              /* 1: y are counts: no forecast or interval end below 0 */
} tb_fit_options;

/* Start of a Holt recursion with fixed parameters: the states l = y1,
 * b = y2 - y1 either come before the first observation (t = 0, as
 * forecast::holt(initial = "simple")) or after it (t = 1, as
 * stats::HoltWinters, whose first one-step error is 0 by construction). */
enum { TB_HOLT_FIXED_T0 = 1, TB_HOLT_FIXED_T1 = 2 };

typedef struct tb_fit {
    tb_model_kind model;     /* the model fitted (auto resolves to one) */
    int n, first_year, last_year;
    int converged;           /* 1, or 0 with a warning saying why */

    double intercept, slope;       /* linear predictor or level at t = 0 */
    double se_intercept, se_slope;
    double alpha, beta, phi, theta;/* Holt smoothing, NB shape */
    double se_theta;
    double level_n, trend_n;       /* Holt final states */

    double r2, sigma, deviance, dispersion, aicc, sse, loglik;
    double annual_pct;             /* 100 (e^b - 1) for log-link models */
    int df_resid;

    tb_trend_test *trend;          /* theilsen only, else NULL */

    size_t nforecast;
    tb_forecast *forecast;         /* last_year+1 .. horizon */

    char *reason;                  /* auto: why this model; else NULL */
    size_t nwarnings;
    char **warnings;               /* plain-language caveats ("n = 3: ...") */

    void *priv_;                   /* model-specific state for tb_fit_prob_le */
} tb_fit;

void tb_fit_options_init(tb_fit_options *o);

/* Fit model KIND to N observations (YEAR ascending, no missing values).
 * On success *OUT holds a new fit.  Refusals (zeros for loglinear, too few
 * points) return TB_EMODEL with the reason in ERR. */
tb_status tb_model_fit(tb_model_kind kind, const int *year, const double *y,
                       size_t n, const tb_fit_options *opt, tb_fit **out,
                       tb_error *err);

void tb_fit_free(tb_fit *f); /* NULL is a no-op */

/* P(Y_year <= c) under the fit's predictive distribution (parameter
 * uncertainty included).  NaN if YEAR is not forecast. */
double tb_fit_prob_le(const tb_fit *f, int year, double c);

/* The fitted values of F in the N years YEARS into OUT: a + b t for linear
 * and theilsen, exp(a + b t) for the log-link models (loglinear, poisson,
 * quasipoisson, negbin), and for holt and holt_damped the one-step fitted
 * values of the observed years, NaN in other years or when the fitted
 * years have gaps (t = year - first observed year). */
void tb_fit_fitted(const tb_fit *f, const int *years, size_t n, double *out);

/* Count models (poisson, quasipoisson, negbin): confidence interval of the
 * expected count in YEAR, exp(eta -+ z se_eta) with z the normal quantile
 * of LEVEL (se_eta scaled by sqrt(dispersion) for quasipoisson).  This is
 * the uncertainty of the trend line only; the forecast intervals are wider
 * because they are for a future count.  Returns 0, or -1 (LO, HI set to
 * NaN) for other models or a year that is not forecast. */
int tb_fit_mean_ci(const tb_fit *f, int year, double level, double *lo, double *hi);

#endif

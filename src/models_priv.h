/* Private to the model files: each model family lives in its own file and
 * is reached through tb_model_fit() / tb_fit_prob_le() in model.c. */
#ifndef TRENDBEELD_MODELS_PRIV_H
#define TRENDBEELD_MODELS_PRIV_H

#include "trendbeeld/models.h"

/* A new fit with model, n, years and an empty forecast table for
 * last_year+1 .. horizon (opt->horizon, or max(2018, last+5)). */
tb_fit *tb_fit_alloc_(tb_model_kind kind, const int *year, size_t n,
                      const tb_fit_options *opt);
void tb_fit_warn_(tb_fit *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* f->priv_ is one malloc'd block (or NULL); tb_fit_free() free()s it. */

/* model.c: Student t quantile Q(p; df) to about 1e-13 relative, as R's
 * qt (df = 1, 2 in closed form, else GSL polished by Newton steps);
 * df = Inf gives the normal quantile. */
double tb_qt_(double p, double df);

/* model_ols.c: TB_MODEL_LINEAR, TB_MODEL_LOGLINEAR */
tb_status tb_fit_ols_(tb_model_kind kind, const int *year, const double *y,
                      size_t n, const tb_fit_options *opt, tb_fit **out,
                      tb_error *err);
double tb_prob_le_ols_(const tb_fit *f, int year, double c);

/* model_glm.c: TB_MODEL_POISSON, TB_MODEL_QUASIPOISSON, TB_MODEL_NEGBIN */
tb_status tb_fit_glm_(tb_model_kind kind, const int *year, const double *y,
                      size_t n, const tb_fit_options *opt, tb_fit **out,
                      tb_error *err);
double tb_prob_le_glm_(const tb_fit *f, int year, double c);
/* The Poisson fit as tb_fit_glm_ makes it, but without its forecast table
 * and warnings (tb_model_fit's checks and its missing-years warning left
 * out too); tb_glm_complete_ adds the table and the warnings later, for
 * the same YEAR, Y and N, after which the fit is the one tb_fit_glm_
 * gives. */
tb_status tb_fit_poisson_bare_(const int *year, const double *y, size_t n,
                               const tb_fit_options *opt, tb_fit **out, tb_error *err);
void tb_glm_complete_(tb_fit *f, const int *year, const double *y, size_t n);
/* The quasipoisson or negbin fit (KIND) of a series from its Poisson fit
 * POIS (same YEAR, Y, N and OPT), without fitting Poisson again: the same
 * result as tb_fit_glm_(KIND, ...), minus tb_model_fit's checks and its
 * warning about missing years. */
tb_status tb_fit_glm_from_poisson_(tb_model_kind kind, const tb_fit *pois, const int *year,
                                   const double *y, size_t n, const tb_fit_options *opt,
                                   tb_fit **out, tb_error *err);
/* What a count-model fit knows beyond tb_fit. */
typedef struct {
    double null_deviance;   /* Poisson deviance of the intercept-only fit */
    double pearson_chi2;    /* sum (y - mu)^2 / V(mu) under the fitted model */
    double nb_score0;       /* Poisson fit: 1/2 sum [(y - mu)^2 - y] */
    double pois_dispersion; /* Pearson chi2 / (n - 2) of the Poisson fit */
    double pois_loglik;     /* log-likelihood of the Poisson fit */
    double cov[3];          /* Var a, Cov(a, b), Var b behind the fit's SEs */
    int nb_status;          /* negbin: 1 converged, 0 not, as MASS::glm.nb */
    int nb_iter;            /* negbin: glm.nb alternations */
    double nb_last_theta;   /* negbin: theta where glm.nb's iteration stopped */
    char nb_message[160];   /* negbin: glm.nb's warnings joined by " | ", or "" */
} tb_glm_info;
/* NULL unless F is a poisson, quasipoisson or negbin fit. */
const tb_glm_info *tb_glm_info_(const tb_fit *f);
/* Standard error of the linear predictor a + b t0 in YEAR (with the
 * dispersion for quasipoisson); NaN if YEAR is not forecast. */
double tb_glm_se_eta_(const tb_fit *f, int year);
/* P(Y <= c) of the predictive distribution of a future count used for the
 * intervals (see model_glm.c): linear predictor ETA with variance S2,
 * quasi dispersion PHI (1 for Poisson), NB shape THETA (Inf for none). */
double tb_count_pred_cdf_(double eta, double s2, double phi, double theta, double c);

/* model_holt.c: TB_MODEL_HOLT, TB_MODEL_HOLT_DAMPED */
tb_status tb_fit_holt_(tb_model_kind kind, const int *year, const double *y,
                       size_t n, const tb_fit_options *opt, tb_fit **out,
                       tb_error *err);
double tb_prob_le_holt_(const tb_fit *f, int year, double c);
/* Holt engine: 0 fixed parameters, 1 state-space (ets) fit, 2 the
 * HoltWintersZZ fallback for short series; and the n one-step fitted
 * values (NaN where the recursion gives none). */
int tb_holt_engine_(const tb_fit *f);
const double *tb_holt_fitted_(const tb_fit *f);
/* Holt with every parameter given, for checks against forecast::holt:
 * ENGINE 1 runs the error-correction form of ets (l = f + alpha e,
 * b = phi b + beta e), ENGINE 2 the HoltWinters form of HoltWintersZZ;
 * L0, B0 are the states at t = 0. */
tb_status tb_holt_given_(tb_model_kind kind, int engine, const int *year,
                         const double *y, size_t n, double alpha, double beta,
                         double phi, double l0, double b0,
                         const tb_fit_options *opt, tb_fit **out, tb_error *err);

/* model_sen.c: TB_MODEL_THEILSEN (Theil-Sen slope, Mann-Kendall test) */
tb_status tb_fit_theilsen_(const int *year, const double *y, size_t n,
                           const tb_fit_options *opt, tb_fit **out,
                           tb_error *err);
double tb_prob_le_theilsen_(const tb_fit *f, int year, double c);

/* model_auto.c: TB_MODEL_AUTO, choosing among the count models */
tb_status tb_fit_auto_(const int *year, const double *y, size_t n,
                       const tb_fit_options *opt, tb_fit **out,
                       tb_error *err);

#endif

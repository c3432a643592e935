/* The entry points of the model families, private to the model files:
 * each family lives in its own file and is reached through tb_model_fit(),
 * tb_fit_prob_le() and tb_fit_fitted() in model.c; auto (model_auto.c)
 * fits the other families through them.  What the families share is in
 * model_common.h; what only the tests ask of them is in models_test.h. */
#ifndef TRENDBEELD_MODELS_PRIV_H
#define TRENDBEELD_MODELS_PRIV_H

#include "trendbeeld/models.h"

/* model_ols.c: TB_MODEL_LINEAR, TB_MODEL_LOGLINEAR */
tb_status tb_fit_ols_(tb_model_kind kind, const int *year, const double *y,
                      size_t n, const tb_fit_options *opt, tb_fit **out,
                      tb_error *err);
double tb_prob_le_ols_(const tb_fit *f, int year, double c);

/* model_glm.c (the fit) and model_glm_pred.c (its predictive
 * distribution, tb_glm_info_): TB_MODEL_POISSON, TB_MODEL_QUASIPOISSON,
 * TB_MODEL_NEGBIN */
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

/* model_holt.c: TB_MODEL_HOLT, TB_MODEL_HOLT_DAMPED */
tb_status tb_fit_holt_(tb_model_kind kind, const int *year, const double *y,
                       size_t n, const tb_fit_options *opt, tb_fit **out,
                       tb_error *err);
double tb_prob_le_holt_(const tb_fit *f, int year, double c);
/* The n one-step fitted values (NaN where the recursion gives none). */
const double *tb_holt_fitted_(const tb_fit *f);

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

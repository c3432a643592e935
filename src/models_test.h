/* The test interface of the model module: engine values that the tests in
 * tests/test_model_*.c check against R, beyond what models.h makes
 * public.  Nothing in the library or the program includes it except the
 * files that define these functions, so that their definitions are
 * checked against the declarations here. */
#ifndef TRENDBEELD_MODELS_TEST_H
#define TRENDBEELD_MODELS_TEST_H

#include "model_common.h" /* tb_qt_ */
#include "models_priv.h"  /* the families' entry points, tb_glm_info_ */

/* model_glm_pred.c: standard error of the linear predictor a + b t0 in
 * YEAR (with the dispersion for quasipoisson); NaN if YEAR is not
 * forecast. */
double tb_glm_se_eta_(const tb_fit *f, int year);
/* model_glm_pred.c: P(Y <= c) of the predictive distribution of a future
 * count used for the intervals: linear predictor ETA with variance S2,
 * quasi dispersion PHI (1 for Poisson), NB shape THETA (Inf for none). */
double tb_count_pred_cdf_(double eta, double s2, double phi, double theta, double c);

/* model_holt.c: the engine of a Holt fit: 0 fixed parameters, 1
 * state-space (ets) fit, 2 the HoltWintersZZ fallback for short series. */
int tb_holt_engine_(const tb_fit *f);
/* model_holt.c: Holt with every parameter given, for checks against
 * forecast::holt: ENGINE 1 runs the error-correction form of ets
 * (l = f + alpha e, b = phi b + beta e), ENGINE 2 the HoltWinters form of
 * HoltWintersZZ; L0, B0 are the states at t = 0. */
tb_status tb_holt_given_(tb_model_kind kind, int engine, const int *year,
                         const double *y, size_t n, double alpha, double beta,
                         double phi, double l0, double b0,
                         const tb_fit_options *opt, tb_fit **out, tb_error *err);

#endif

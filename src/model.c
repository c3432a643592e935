/* Trend models: the dispatch from tb_model_fit(), tb_fit_prob_le() and
 * tb_fit_fitted() to the model families (model_ols.c, model_glm.c,
 * model_holt.c, model_sen.c, model_auto.c).  What the families share is in
 * model_common.c; no family calls back into this file. */
#include "model_common.h"
#include "models_priv.h"
#include "trendbeeld/store.h"

#include <math.h>
#include <stdio.h>

#include <gsl/gsl_errno.h>

/* Years that are missing between the first and last observed year. */
static void warn_gaps(tb_fit *f, const int *year, size_t n)
{
    int missing = 0;
    for (size_t i = 1; i < n; i++)
        missing += year[i] - year[i - 1] - 1;
    if (missing <= 0)
        return;
    char list[256] = "";
    size_t used = 0;
    int shown = 0;
    for (size_t i = 1; i < n && used < sizeof list - 16; i++)
        for (int y = year[i - 1] + 1; y < year[i] && used < sizeof list - 16; y++) {
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%d",
                                     shown ? ", " : "", y);
            shown++;
        }
    tb_fit_warn_(f, "%d year%s without a value (%s%s): fitted on the %zu observed "
                 "years, each at its own year",
                 missing, missing == 1 ? "" : "s", list,
                 shown < missing ? ", ..." : "", n);
}

tb_status tb_model_fit(tb_model_kind kind, const int *year, const double *y,
                       size_t n, const tb_fit_options *opt, tb_fit **out,
                       tb_error *err)
{
    *out = NULL;
    tb_fit_options defaults;
    if (!opt) {
        tb_fit_options_init(&defaults);
        opt = &defaults;
    }
    if ((int)kind < 0 || kind >= TB_MODEL_COUNT_)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "unknown model kind %d; expected one of linear, loglinear, "
                            "poisson, quasipoisson, negbin, holt, holt_damped, "
                            "theilsen, auto", (int)kind);
    const char *name = tb_model_name(kind);
    if (n == 0)
        return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                            "%s: the series has no observed values", name);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(y[i]))
            return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                                "%s: the value for %d is not a number; missing years "
                                "must be left out, not passed as NaN",
                                name, year[i]);
        if (i && year[i] <= year[i - 1])
            return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                                "%s: years must be strictly increasing, but %d follows %d",
                                name, year[i], year[i - 1]);
    }
    if (opt->horizon && (opt->horizon < TB_YEAR_MIN || opt->horizon > TB_YEAR_MAX))
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "horizon %d is outside %d..%d", opt->horizon,
                            TB_YEAR_MIN, TB_YEAR_MAX);

    gsl_set_error_handler_off();
    tb_status st;
    switch (kind) {
    case TB_MODEL_LINEAR:
    case TB_MODEL_LOGLINEAR:
        st = tb_fit_ols_(kind, year, y, n, opt, out, err);
        break;
    case TB_MODEL_POISSON:
    case TB_MODEL_QUASIPOISSON:
    case TB_MODEL_NEGBIN:
        st = tb_fit_glm_(kind, year, y, n, opt, out, err);
        break;
    case TB_MODEL_HOLT:
    case TB_MODEL_HOLT_DAMPED:
        st = tb_fit_holt_(kind, year, y, n, opt, out, err);
        break;
    case TB_MODEL_THEILSEN:
        st = tb_fit_theilsen_(year, y, n, opt, out, err);
        break;
    case TB_MODEL_AUTO:
        st = tb_fit_auto_(year, y, n, opt, out, err);
        break;
    default:
        st = tb_error_set(err, TB_EINVAL, NULL, 0, 0, "unknown model kind %d", (int)kind);
    }
    /* once here for every model (auto's inner fits do not add it) */
    if (st == TB_OK && *out)
        warn_gaps(*out, year, n);
    return st;
}

double tb_fit_prob_le(const tb_fit *f, int year, double c)
{
    if (!f || isnan(c))
        return NAN;
    switch (f->model) {
    case TB_MODEL_LINEAR:
    case TB_MODEL_LOGLINEAR:
        return tb_prob_le_ols_(f, year, c);
    case TB_MODEL_POISSON:
    case TB_MODEL_QUASIPOISSON:
    case TB_MODEL_NEGBIN:
        return tb_prob_le_glm_(f, year, c);
    case TB_MODEL_HOLT:
    case TB_MODEL_HOLT_DAMPED:
        return tb_prob_le_holt_(f, year, c);
    case TB_MODEL_THEILSEN:
        return tb_prob_le_theilsen_(f, year, c);
    default:
        return NAN;
    }
}

void tb_fit_fitted(const tb_fit *f, const int *years, size_t n, double *out)
{
    for (size_t i = 0; i < n; i++) {
        double t = years[i] - f->first_year, eta = f->intercept + f->slope * t;
        switch (f->model) {
        case TB_MODEL_LINEAR:
        case TB_MODEL_THEILSEN:
            out[i] = eta; /* y = a + b t */
            break;
        case TB_MODEL_LOGLINEAR:
        case TB_MODEL_POISSON:
        case TB_MODEL_QUASIPOISSON:
        case TB_MODEL_NEGBIN:
            out[i] = exp(eta); /* log E y = a + b t */
            break;
        case TB_MODEL_HOLT:
        case TB_MODEL_HOLT_DAMPED: {
            /* one-step fitted values, when the fitted years have no gaps */
            const double *fit = tb_holt_fitted_(f);
            int k = years[i] - f->first_year;
            out[i] = fit && f->n == f->last_year - f->first_year + 1 && k >= 0 &&
                             k < f->n
                         ? fit[k]
                         : NAN;
            break;
        }
        default:
            out[i] = NAN;
        }
    }
}

/* The fit struct and what every model family calls back into: model
 * names, options, a new fit with its forecast table, warnings on a fit,
 * Student t quantiles.  The families depend on this file; model.c, which
 * dispatches to them, depends on both. */
#include "model_common.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>

static const char *const model_names[TB_MODEL_COUNT_] = {
    [TB_MODEL_LINEAR] = "linear",
    [TB_MODEL_LOGLINEAR] = "loglinear",
    [TB_MODEL_POISSON] = "poisson",
    [TB_MODEL_QUASIPOISSON] = "quasipoisson",
    [TB_MODEL_NEGBIN] = "negbin",
    [TB_MODEL_HOLT] = "holt",
    [TB_MODEL_HOLT_DAMPED] = "holt_damped",
    [TB_MODEL_THEILSEN] = "theilsen",
    [TB_MODEL_AUTO] = "auto",
};

const char *tb_model_name(tb_model_kind k)
{
    if ((int)k < 0 || k >= TB_MODEL_COUNT_)
        return NULL;
    return model_names[k];
}

int tb_model_parse(const char *name)
{
    if (!name)
        return -1;
    for (int k = 0; k < TB_MODEL_COUNT_; k++)
        if (!strcmp(name, model_names[k]))
            return k;
    return -1;
}

void tb_fit_options_init(tb_fit_options *o)
{
    memset(o, 0, sizeof *o);
    o->horizon = 0;
    o->holt_fixed = 0;
    o->alpha = NAN;
    o->beta = NAN;
    o->phi = NAN;
    o->counts = 0;
}

tb_fit *tb_fit_alloc_(tb_model_kind kind, const int *year, size_t n,
                      const tb_fit_options *opt)
{
    tb_fit *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->model = kind;
    f->n = (int)n;
    f->first_year = n ? year[0] : 0;
    f->last_year = n ? year[n - 1] : 0;
    f->converged = 1;
    f->intercept = f->slope = NAN;
    f->se_intercept = f->se_slope = NAN;
    f->alpha = f->beta = f->phi = f->theta = f->se_theta = NAN;
    f->level_n = f->trend_n = NAN;
    f->r2 = f->sigma = f->deviance = f->dispersion = NAN;
    f->aicc = f->sse = f->loglik = f->annual_pct = NAN;
    f->df_resid = -1;

    /* Horizon: the option, else max(2018, last + 5). */
    int horizon = opt && opt->horizon ? opt->horizon : 0;
    if (!horizon)
        horizon = f->last_year + 5 > 2018 ? f->last_year + 5 : 2018;
    if (n && horizon > f->last_year) {
        f->nforecast = (size_t)(horizon - f->last_year);
        f->forecast = calloc(f->nforecast, sizeof *f->forecast);
        if (!f->forecast) {
            free(f);
            return NULL;
        }
        for (size_t h = 0; h < f->nforecast; h++) {
            tb_forecast *fc = &f->forecast[h];
            fc->year = f->last_year + 1 + (int)h;
            fc->mean = fc->lo80 = fc->hi80 = fc->lo95 = fc->hi95 = NAN;
        }
    }
    return f;
}

void tb_fit_warn_(tb_fit *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        return;
    char *msg = malloc((size_t)len + 1);
    char **w = realloc(f->warnings, (f->nwarnings + 1) * sizeof *w);
    if (!msg || !w) {
        /* Out of memory: the warning is lost but the list stays valid. */
        free(msg);
        if (w)
            f->warnings = w;
        return;
    }
    f->warnings = w;
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)len + 1, fmt, ap);
    va_end(ap);
    f->warnings[f->nwarnings++] = msg;
}

void tb_fit_free(tb_fit *f)
{
    if (!f)
        return;
    free(f->trend);
    free(f->forecast);
    free(f->reason);
    for (size_t i = 0; i < f->nwarnings; i++)
        free(f->warnings[i]);
    free(f->warnings);
    free(f->priv_);
    free(f);
}

/* Student t quantile.  gsl_cdf_tdist_Pinv is good to about 1e-9 for small
 * df; R's qt is good to about 1e-14, and interval ends are compared at
 * 1e-9.  So: closed forms for df = 1 (Cauchy: tan(pi (p - 1/2))) and
 * df = 2 (t = (2p - 1) / sqrt(2 p (1 - p))), otherwise Newton steps on the
 * tail probability, which GSL computes to full precision through the
 * incomplete beta function. */
static double qt_compute(double p, double df);

/* The same few quantiles (p = 0.9 and 0.975 at df = n - 2) are asked for
 * series after series: remembered per thread. */
double tb_qt_(double p, double df)
{
    enum { SLOTS = 8 };
    static _Thread_local struct {
        double p, df, q;
    } memo[SLOTS];
    static _Thread_local unsigned next;
    for (unsigned k = 0; k < SLOTS; k++)
        if (memo[k].p == p && memo[k].df == df && memo[k].df > 0)
            return memo[k].q;
    double q = qt_compute(p, df);
    memo[next % SLOTS].p = p;
    memo[next % SLOTS].df = df;
    memo[next % SLOTS].q = q;
    next++;
    return q;
}

static double qt_compute(double p, double df)
{
    if (!(p > 0 && p < 1))
        return p == 0 ? -INFINITY : p == 1 ? INFINITY : NAN;
    if (!(df > 0))
        return NAN;
    if (isinf(df))
        return gsl_cdf_ugaussian_Pinv(p);
    if (df == 1)
        return tan(M_PI * (p - 0.5));
    if (df == 2)
        return (2 * p - 1) / sqrt(2 * p * (1 - p));
    /* Work in the lower tail by symmetry: Q(p) = -Q(1 - p). */
    int upper = p > 0.5;
    double q = upper ? 1 - p : p; /* exact for p = 0.9, 0.975 */
    double x = gsl_cdf_tdist_Pinv(q, df);
    for (int it = 0; it < 8 && isfinite(x); it++) {
        double d = gsl_ran_tdist_pdf(x, df);
        if (!(d > 0))
            break;
        double step = (gsl_cdf_tdist_P(x, df) - q) / d;
        x -= step;
        if (fabs(step) <= 1e-15 * fabs(x))
            break;
    }
    return upper ? -x : x;
}

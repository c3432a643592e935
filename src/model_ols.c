/* Ordinary least squares trend on levels (linear) and on logs (loglinear).
 *
 *   y_i = a + b t_i + e_i,   t_i = year_i - first_year,  e_i ~ N(0, s^2)
 *
 * (loglinear: log y_i in place of y_i).  With tb = mean(t),
 * Sxx = sum (t - tb)^2 and df = n - 2:
 *   s^2 = SSE / df,  se(b) = s / sqrt(Sxx),  se(a) = s sqrt(1/n + tb^2/Sxx)
 * and for a future year with t0 = year - first_year the prediction error
 * of a new observation is
 *   se_pred = s sqrt(1 + 1/n + (t0 - tb)^2 / Sxx)
 * (gsl_fit_linear_est gives only the part of the line, without the 1).
 * Intervals are mean -+ qt(1 - (1 - L)/2, df) se_pred; loglinear reports
 * the median exp(mean) and exp of the interval ends, no bias correction.
 */
#include "model_common.h"
#include "models_priv.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>

typedef struct {
    double tbar, sxx, s; /* mean time, sum of squares of t, residual sd */
    int df;
} ols_priv;

/* se_pred of a new observation at time t0 (NaN when df = 0). */
static double se_pred(const tb_fit *f, const ols_priv *p, double t0)
{
    if (p->df <= 0)
        return NAN;
    double d = t0 - p->tbar;
    return p->s * sqrt(1.0 + 1.0 / f->n + d * d / p->sxx);
}

/* AICc of the Gaussian likelihood with sigma^2 = SSE/n estimated, so
 * k = 3 parameters (a, b, sigma):
 *   log L = -n/2 (log(2 pi SSE/n) + 1)  [- sum log y for loglinear, the
 *           Jacobian, so that the value is on the scale of y]
 *   AIC = -2 log L + 2k,  AICc = AIC + 2k(k+1)/(n - k - 1).
 * NaN when n - k - 1 <= 0 (n <= 4: the correction is undefined) and when
 * SSE = 0 (the likelihood has no maximum). */
static double ols_aicc(size_t n, double sse, double jacobian)
{
    const double k = 3;
    double m = (double)n;
    if (m - k - 1 <= 0 || !(sse > 0))
        return NAN;
    double loglik = -0.5 * m * (log(2 * M_PI * sse / m) + 1) - jacobian;
    return -2 * loglik + 2 * k + 2 * k * (k + 1) / (m - k - 1);
}

tb_status tb_fit_ols_(tb_model_kind kind, const int *year, const double *y,
                      size_t n, const tb_fit_options *opt, tb_fit **out,
                      tb_error *err)
{
    int logscale = kind == TB_MODEL_LOGLINEAR;
    const char *name = tb_model_name(kind);
    *out = NULL;
    if (n < 2)
        return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                            "%s: a trend needs at least 2 years, the series has %zu",
                            name, n);
    if (logscale)
        for (size_t i = 0; i < n; i++)
            if (!(y[i] > 0))
                return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                                    "loglinear: the value for %d is %g and the log-linear "
                                    "model needs values above 0; for counts with zeros "
                                    "use the poisson or negbin model",
                                    year[i], y[i]);

    double *t = malloc(n * sizeof *t), *z = malloc(n * sizeof *z);
    tb_fit *f = tb_fit_alloc_(kind, year, n, opt);
    ols_priv *p = malloc(sizeof *p);
    if (!t || !z || !f || !p) {
        free(t), free(z), free(p), tb_fit_free(f);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "%s: out of memory", name);
    }
    f->priv_ = p;

    double jacobian = 0, tbar = 0, zbar = 0;
    for (size_t i = 0; i < n; i++) {
        t[i] = year[i] - year[0];
        z[i] = logscale ? log(y[i]) : y[i];
        jacobian += logscale ? z[i] : 0;
        tbar += t[i];
        zbar += z[i];
    }
    tbar /= n;
    zbar /= n;
    double sxx = 0, sst = 0;
    for (size_t i = 0; i < n; i++) {
        sxx += (t[i] - tbar) * (t[i] - tbar);
        sst += (z[i] - zbar) * (z[i] - zbar);
    }

    double a, b, c00, c01, c11, sse;
    gsl_fit_linear(t, 1, z, 1, n, &a, &b, &c00, &c01, &c11, &sse);
    (void)c00, (void)c01, (void)c11; /* df = 0 makes these Inf; see below */
    /* The residual sum of squares again, directly: GSL's is the same
     * formula but this keeps the exact zero of a constant series. */
    sse = 0;
    for (size_t i = 0; i < n; i++) {
        double e = z[i] - a - b * t[i];
        sse += e * e;
    }
    free(t);
    free(z);

    int df = (int)n - 2;
    p->tbar = tbar;
    p->sxx = sxx;
    p->df = df;
    p->s = df > 0 ? sqrt(sse / df) : NAN;

    f->intercept = a;
    f->slope = b;
    f->df_resid = df;
    f->sse = sse;
    f->sigma = p->s;
    if (df > 0) {
        f->se_slope = sqrt(p->s * p->s / sxx);
        f->se_intercept = sqrt(p->s * p->s * (1.0 / n + tbar * tbar / sxx));
    }
    /* r2 = 1 - SSE/SST: undefined when SST = 0, and trivially 1 at n = 2 */
    f->r2 = sst > 0 && df > 0 ? 1 - sse / sst : NAN;
    f->aicc = ols_aicc(n, sse, jacobian);
    f->loglik = sse > 0 ? -0.5 * n * (log(2 * M_PI * sse / n) + 1) - jacobian : NAN;
    if (logscale)
        f->annual_pct = 100 * expm1(b);

    double q80 = df > 0 ? tb_qt_(0.9, df) : NAN;
    double q95 = df > 0 ? tb_qt_(0.975, df) : NAN;
    int clipped = 0;
    for (size_t h = 0; h < f->nforecast; h++) {
        tb_forecast *fc = &f->forecast[h];
        double t0 = fc->year - f->first_year;
        double m = a + b * t0, se = se_pred(f, p, t0);
        double e[5] = {m, m - q80 * se, m + q80 * se, m - q95 * se, m + q95 * se};
        for (int k = 0; k < 5; k++) {
            if (logscale)
                e[k] = exp(e[k]);
            else if (opt->counts && e[k] < 0) {
                e[k] = 0;
                clipped = 1;
            }
        }
        fc->mean = e[0];
        fc->lo80 = e[1], fc->hi80 = e[2], fc->lo95 = e[3], fc->hi95 = e[4];
    }

    if (n == 2)
        tb_fit_warn_(f, "only 2 years: the line runs exactly through both values, so "
                     "it shows the direction of one change and nothing more; with no "
                     "residual spread there are no standard errors and no intervals");
    else if (n == 3)
        tb_fit_warn_(f, "only 3 years (1 degree of freedom): the intervals use the t "
                     "distribution with 1 degree of freedom (Cauchy) and are very wide; "
                     "the slope is an indication, not an established trend");
    else if (n == 4)
        tb_fit_warn_(f, "only 4 years (2 degrees of freedom): the intervals are wide");
    if (n > 2 && sse == 0)
        tb_fit_warn_(f, "the values lie exactly on a line: no spread was observed, so "
                     "the intervals have width 0, which understates the real uncertainty");
    else if (n > 2 && sst == 0)
        tb_fit_warn_(f, "all values are equal: r2 is undefined");
    if (clipped)
        tb_fit_warn_(f, "counts cannot be negative: forecasts and interval ends below 0 "
                     "are shown as 0");
    if (logscale)
        tb_fit_warn_(f, "log-linear forecasts are medians (exp of the log-scale mean, "
                     "no bias correction); the mean is higher");
    *out = f;
    return TB_OK;
}

double tb_prob_le_ols_(const tb_fit *f, int year, double c)
{
    const ols_priv *p = f->priv_;
    if (!p || year <= f->last_year || year > f->last_year + (int)f->nforecast)
        return NAN;
    double t0 = year - f->first_year;
    double m = f->intercept + f->slope * t0, se = se_pred(f, p, t0);
    double x = c;
    if (f->model == TB_MODEL_LOGLINEAR) {
        if (c < 0)
            return 0;
        x = log(c); /* -Inf for c = 0: probability 0 */
    }
    if (isnan(se))
        return NAN;
    if (se == 0)
        return x >= m ? 1 : 0;
    /* P(Y <= c) = pt((x - mean)/se_pred, n - 2) */
    double tstat = (x - m) / se;
    if (isinf(tstat))
        return tstat < 0 ? 0 : 1;
    return gsl_cdf_tdist_P(tstat, p->df);
}

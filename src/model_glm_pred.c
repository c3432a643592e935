/* Predictive distribution of a future count Y in year t0 under a count
 * model of model_glm.c (the forecast intervals and tb_fit_prob_le), in
 * closed form, no simulation; and the confidence interval of the trend
 * (tb_fit_mean_ci).
 *
 * The estimated linear predictor is uncertain, eta ~ N(eta_hat, s2) with
 * s2 = x0' V x0, so lambda = exp(eta) is lognormal with mean
 * m = exp(eta_hat + s2/2) and variance m^2 (e^s2 - 1).  Replacing that
 * lognormal by the gamma with the same mean and variance makes the
 * Poisson mixture a negative binomial exactly: size k = 1/(e^s2 - 1),
 * mean m.  For quasipoisson (Var(Y | lambda) = phi lambda) and negbin
 * (lambda + lambda^2/theta) the predictive is the negative binomial with
 * the same first two moments:
 *   E Y = m,  Var Y = max(phi, 1) m + m^2 e^s2 / theta + m^2 (e^s2 - 1)
 *   size r = m^2 / (Var Y - m),  Poisson(m) when Var Y = m.
 * (quasipoisson with phi < 1 is given Poisson noise: a count distribution
 * narrower than Poisson is not assumed from a few years.)  Interval ends
 * are quantiles of this distribution, so whole numbers >= 0; the
 * reported mean is exp(eta_hat), the fitted trend.  Past 2^53 doubles no
 * longer hold every whole number: an upper end there is unbounded (Inf,
 * null in the output) and a lower end is given as 2^53, with a warning.
 * Where the trend is so uncertain that the approximation puts the upper
 * ends below the trend, they are raised (raise_upper_ends).
 */
#include "model_glm.h"
#include "models_test.h"

#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

/* Mean M and negative binomial size R (Inf: Poisson) of the predictive
 * distribution described at the top of this file. */
static void pred_params(double eta, double s2, double phi, double theta, double *m,
                        double *r)
{
    double e = exp(s2);
    *m = exp(eta + 0.5 * s2);
    double extra = (fmax(phi, 1.0) - 1) * *m + (*m) * (*m) * (e - 1);
    if (!isinf(theta))
        extra += (*m) * (*m) * e / theta;
    *r = extra > 0 ? (*m) * (*m) / extra : INFINITY;
}

/* P(Y <= k) for a whole k >= 0. */
static double pred_cdf_k(double k, double m, double r)
{
    if (k < 0)
        return 0;
    if (!(m > 0))
        return 1;
    if (k >= 4e9) {
        /* Beyond unsigned int: the same cdfs through the incomplete gamma
         * and beta functions they are made of (P(Y <= k) = Q(k + 1, m)
         * for Poisson, I_{r/(r+m)}(r, k + 1) for the negative binomial),
         * which take k as a double. */
        if (isinf(r) || r > 1e15 * m)
            return gsl_cdf_gamma_Q(m, k + 1, 1);
        return gsl_cdf_beta_P(r / (r + m), r, k + 1);
    }
    if (isinf(r) || r > 1e15 * m)
        return gsl_cdf_poisson_P((unsigned int)k, m);
    return gsl_cdf_negative_binomial_P((unsigned int)k, r / (r + m), r);
}

/* A walk over the counts of one predictive distribution, at count k with
 * c = P(Y <= k) and f = P(Y = k).  Neighbouring counts are in the ratio
 *   P(Y = k + 1) / P(Y = k) = m / (k + 1)                    (Poisson)
 *                           = (k + r) / (k + 1) m / (r + m)   (negative binomial),
 * so a step costs a multiplication where a cdf costs an incomplete beta
 * or gamma function. */
typedef struct {
    int pois, valid;
    double m, r, odds, k, c, f;
} count_walk;

/* Start W at count K.  Returns 0, or -1 where the pmf underflows. */
static int walk_start(count_walk *w, double m, double r, double k)
{
    w->pois = isinf(r) || r > 1e15 * m;
    w->m = m, w->r = r, w->k = k;
    w->odds = w->pois ? 0 : m / (r + m);
    w->c = pred_cdf_k(k, m, r);
    w->f = w->pois ? gsl_ran_poisson_pdf((unsigned int)k, m)
                   : gsl_ran_negative_binomial_pdf((unsigned int)k, r / (r + m), r);
    w->valid = w->f > 0 && w->c >= 0;
    return w->valid ? 0 : -1;
}

/* Smallest whole k >= 0 with P(Y <= k) >= p, walking from where W stands,
 * at most STEPS counts; -1 when it is further (W is then left invalid). */
static double walk_quantile(count_walk *w, double p, int steps)
{
    for (int s = 0; s < steps; s++) {
        if (w->c >= p) {
            if (w->k == 0 || w->c - w->f < p)
                return w->k;
            w->c -= w->f;
            w->f *= w->pois ? w->k / w->m : w->k / ((w->k - 1 + w->r) * w->odds);
            w->k--;
        } else {
            w->k++;
            w->f *= w->pois ? w->m / w->k : (w->k - 1 + w->r) * w->odds / w->k;
            w->c += w->f;
        }
    }
    if (w->c >= p && (w->k == 0 || w->c - w->f < p))
        return w->k;
    w->valid = 0;
    return -1;
}

/* Largest count stated as a whole number: beyond 2^53 doubles skip whole
 * numbers, so a quantile there is no longer a count one could report. */
#define COUNT_MAX 9007199254740992.0

/* Smallest whole k >= 0 with P(Y <= k) >= p; INFINITY when that k is above
 * COUNT_MAX, NaN when the distribution cannot be evaluated (M overflowed).
 * W (may be NULL) carries the walk from one quantile to the next of the
 * same distribution, asked for in rising order.  Where no walk gets there
 * a search does; it is capped: a bracket needs at most ~60 doublings to
 * pass COUNT_MAX, and the bisection stops once no double lies between the
 * ends. */
static double pred_quantile(double p, double m, double r, count_walk *w)
{
    if (!(m > 0))
        return 0;
    if (!isfinite(m))
        return NAN;
    /* From the quantile before, at a lower level of the same distribution:
     * the next one is a few standard deviations up at most. */
    if (w && w->valid) {
        double q = walk_quantile(w, p, 64);
        if (q >= 0)
            return q;
    }
    /* Cornish-Fisher guess: the normal quantile corrected for the skewness
     * g = (1 + 2 m/r)(1 + m/r) m / sd^3, usually within a count or two. */
    double v = 1 + (isinf(r) ? 0 : m / r), sd = sqrt(m * v);
    double g = (2 * v - 1) * v * m / (sd * sd * sd), z = gsl_cdf_ugaussian_Pinv(p);
    double k = floor(m + (z + (z * z - 1) * g / 6) * sd);
    if (!(k >= 0))
        k = 0;
    k = fmin(k, COUNT_MAX); /* the guess may be far off */
    /* Walk from the guess; above m = 5e5 GSL's cdfs and pmfs disagree in
     * the 6th digit, and there the search below decides alone. */
    count_walk own;
    if (!w)
        w = &own;
    w->valid = 0;
    if (m < 5e5 && walk_start(w, m, r, k) == 0) {
        double q = walk_quantile(w, p, 16);
        if (q >= 0)
            return q;
    }
    /* Bracket lo < answer <= hi by doubling steps, then bisect. */
    double lo, hi, step = fmax(1.0, floor(fmin(sd, COUNT_MAX) / 4));
    double c = pred_cdf_k(k, m, r);
    if (isnan(c))
        return NAN;
    if (c >= p) {
        hi = k;
        lo = k - step;
        while (lo >= 0 && pred_cdf_k(lo, m, r) >= p) {
            hi = lo;
            step *= 2;
            lo = hi - step;
        }
        if (lo < 0)
            lo = -1;
    } else {
        lo = k;
        hi = k + step;
        for (;;) {
            if (hi > COUNT_MAX)
                return INFINITY;
            c = pred_cdf_k(hi, m, r);
            if (isnan(c))
                return NAN;
            if (c >= p)
                break;
            lo = hi;
            step *= 2;
            hi = lo + step;
        }
    }
    for (int it = 0; it < 128 && hi - lo > 1; it++) {
        double mid = floor(lo + (hi - lo) / 2);
        if (mid <= lo || mid >= hi)
            break;
        if (pred_cdf_k(mid, m, r) >= p)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

double tb_count_pred_cdf_(double eta, double s2, double phi, double theta, double c)
{
    if (isnan(eta) || isnan(s2) || isnan(c))
        return NAN;
    if (c < 0)
        return 0;
    double m, r;
    pred_params(eta, s2, phi, theta, &m, &r);
    return pred_cdf_k(floor(c), m, r);
}

static double se_eta_of(const double cov[3], double t0)
{
    double v = cov[0] + 2 * t0 * cov[1] + t0 * t0 * cov[2];
    return sqrt(fmax(v, 0));
}

/* A lower interval end: unknown (NaN) says nothing beyond counts >= 0;
 * above COUNT_MAX it is at least COUNT_MAX. */
static double lower_end(double q)
{
    return isnan(q) ? 0 : fmin(q, COUNT_MAX);
}

/* An upper interval end: unknown or above COUNT_MAX is unbounded. */
static double upper_end(double q)
{
    return isfinite(q) ? q : INFINITY;
}

/* A very uncertain trend (gamma shape 1/(e^s2 - 1) far below 1) makes the
 * negative binomial pile its mass at 0, upper ends included, so that the
 * interval lies below the trend itself.  There the upper P-end becomes the
 * P-quantile of the count noise at the P-quantile of the trend,
 * exp(eta + z_P se), and never less than the whole count under the trend.
 * The chance of a count above it is at most 2 (1 - P) (union bound), and
 * close to 1 - P when the count noise is small next to the uncertainty of
 * the trend.  These ends are no longer quantiles of tb_fit_prob_le. */
static void raise_upper_ends(tb_forecast *fc, double eta, double se, const tb_glm_priv *p)
{
    static const double level[2] = {0.9, 0.975};
    double *end[2] = {&fc->hi80, &fc->hi95};
    for (int k = 0; k < 2; k++) {
        double m, r;
        pred_params(eta + gsl_cdf_ugaussian_Pinv(level[k]) * se, 0, p->phi, p->theta, &m,
                    &r);
        double q = upper_end(pred_quantile(level[k], m, r, NULL));
        *end[k] = fmax(*end[k], fmax(q, floor(fc->mean)));
    }
    fc->hi95 = fmax(fc->hi95, fc->hi80);
}

/* exp(eta_hat) and the predictive quantiles, year by year. */
void tb_glm_forecast_(tb_fit *f, const tb_glm_priv *p, int *unbounded, int *raised)
{
    *unbounded = *raised = 0;
    for (size_t h = 0; h < f->nforecast; h++) {
        tb_forecast *fc = &f->forecast[h];
        double t0 = fc->year - f->first_year;
        double eta = f->intercept + f->slope * t0, se = se_eta_of(p->info.cov, t0);
        double m, r;
        pred_params(eta, se * se, p->phi, p->theta, &m, &r);
        fc->mean = exp(eta);
        count_walk w = {0}; /* the four ends in rising order, one walk where it can */
        fc->lo95 = lower_end(pred_quantile(0.025, m, r, &w));
        fc->lo80 = lower_end(pred_quantile(0.1, m, r, &w));
        fc->hi80 = upper_end(pred_quantile(0.9, m, r, &w));
        fc->hi95 = upper_end(pred_quantile(0.975, m, r, &w));
        if (fc->lo80 > fc->mean) /* only where the ends were clipped */
            fc->lo80 = fc->mean;
        if (fc->lo95 > fc->lo80)
            fc->lo95 = fc->lo80;
        if (fc->hi80 < floor(fc->mean) || fc->hi95 < floor(fc->mean)) {
            raise_upper_ends(fc, eta, se, p);
            if (!*raised)
                *raised = fc->year;
        }
        if (!*unbounded && (isinf(fc->hi95) || isinf(fc->mean)))
            *unbounded = fc->year;
    }
}

const tb_glm_info *tb_glm_info_(const tb_fit *f)
{
    if (!f || !f->priv_ ||
        (f->model != TB_MODEL_POISSON && f->model != TB_MODEL_QUASIPOISSON &&
         f->model != TB_MODEL_NEGBIN))
        return NULL;
    return &((const tb_glm_priv *)f->priv_)->info;
}

static int forecast_year(const tb_fit *f, int year)
{
    return year > f->last_year && year <= f->last_year + (int)f->nforecast;
}

double tb_glm_se_eta_(const tb_fit *f, int year)
{
    const tb_glm_info *info = tb_glm_info_(f);
    if (!info || !forecast_year(f, year))
        return NAN;
    return se_eta_of(info->cov, year - f->first_year);
}

double tb_prob_le_glm_(const tb_fit *f, int year, double c)
{
    const tb_glm_info *info = tb_glm_info_(f);
    if (!info || !forecast_year(f, year))
        return NAN;
    const tb_glm_priv *p = f->priv_;
    double t0 = year - f->first_year, se = se_eta_of(info->cov, t0);
    return tb_count_pred_cdf_(f->intercept + f->slope * t0, se * se, p->phi, p->theta, c);
}

int tb_fit_mean_ci(const tb_fit *f, int year, double level, double *lo, double *hi)
{
    *lo = *hi = NAN;
    double se = tb_glm_se_eta_(f, year);
    if (isnan(se) || !(level > 0 && level < 1))
        return -1;
    double z = gsl_cdf_ugaussian_Pinv(1 - (1 - level) / 2);
    double eta = f->intercept + f->slope * (year - f->first_year);
    *lo = exp(eta - z * se);
    *hi = exp(eta + z * se);
    return 0;
}

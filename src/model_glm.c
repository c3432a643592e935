/* Count models: Poisson, quasi-Poisson and negative binomial (NB2) GLMs
 * with log link.
 *
 *   log E[y_i] = eta_i = a + b t_i,   t_i = year_i - first_year
 *   poisson:       Var y = mu
 *   quasipoisson:  Var y = phi mu,  phi = Pearson chi2 / (n - 2)
 *   negbin:        Var y = mu + mu^2 / theta,  theta by maximum likelihood
 *
 * Poisson.  IRLS with gsl_fit_wlinear: working response
 * z = eta + (y - mu)/mu, weights mu.  For the canonical log link this step
 * is Newton's step on the log-likelihood, so iterating until the deviance
 * no longer moves (1e-13 relative) and then taking a few more steps gives
 * the MLE to machine precision; (X'WX)^-1 is taken with W = mu at the MLE
 * itself (R's summary.glm uses the weights of the step before, which
 * differ by up to 1e-6 relative).  A constant series has the exact MLE
 * (log y, 0).  quasipoisson has the same coefficients, SEs times
 * sqrt(phi), and no likelihood (loglik and AICc are NaN).
 *
 * Negative binomial.  MASS::glm.nb followed step by step, with its
 * default control (epsilon 1e-8, maxit 25), so that theta agrees with R
 * to 1e-6 and the coefficients to 1e-7: a Poisson glm.fit from
 * mu = y + 0.1; theta.ml (Newton on the score in theta with digamma and
 * trigamma, from theta = n / sum (y/mu - 1)^2, steps until |step| <=
 * eps^(1/4)); then alternate a glm.fit for beta given theta (started at the
 * current mu) with theta.ml at the mu from *before* that glm.fit (as
 * glm.nb does), until |Lm0 - Lm|/d1 + |theta0 - theta| <= 1e-8 with
 * d1 = sqrt(2 max(1, n - 2)).  SEs are those of summary.negbin: the
 * weights of the last IRLS step, dispersion 1.
 *
 * When nb_score0 = 1/2 sum [(y - mu)^2 - y] (the derivative of the NB
 * log-likelihood in 1/theta at 1/theta = 0, at the Poisson fit) is <= 0
 * the counts are not overdispersed: the likelihood is highest at
 * theta = Inf, where the negative binomial is the Poisson model.  glm.nb
 * then runs theta off to 1e5..1e9 and stops at an iteration limit.  We
 * report theta = Inf with the Poisson coefficients, converged = 0, and
 * what glm.nb says for the series.
 *
 * The predictive distribution of a future count, behind the intervals
 * and tb_fit_prob_le, is in model_glm_pred.c.
 */
#include "model_common.h"
#include "model_glm.h"
#include "models_priv.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>

/* ---- GLM pieces ------------------------------------------------------- */

/* Work space of one fit: the years t since the first, the IRLS system
 * and the current state, in one block. */
typedef struct {
    size_t n;
    const double *y;
    double *t, *w, *z; /* years since the first, IRLS weights, working response */
    double *eta, *mu, *mu_next;
    double c[2], cov[3]; /* coefficients and (X'WX)^-1 of the last solve */
} glm_work;

static void work_free(glm_work *g)
{
    free(g->t);
}

static int work_alloc(glm_work *g, const int *year, const double *y, size_t n)
{
    memset(g, 0, sizeof *g);
    g->n = n;
    g->y = y;
    g->t = malloc(6 * n * sizeof *g->t);
    if (!g->t)
        return -1;
    g->w = g->t + n;
    g->z = g->w + n;
    g->eta = g->z + n;
    g->mu = g->eta + n;
    g->mu_next = g->mu + n;
    for (size_t i = 0; i < n; i++)
        g->t[i] = (double)(year[i] - year[0]);
    return 0;
}

/* The weighted least squares  min sum w_i (z_i - a - b t_i)^2  into g->c,
 * and (X'WX)^-1 into g->cov.  With two columns GSL's closed form about
 * centred weighted means (gsl_fit_wlinear) is as accurate as a
 * factorisation and many times cheaper; IRLS calls it at every step. */
static int wls(glm_work *g)
{
    double chisq;
    return gsl_fit_wlinear(g->t, 1, g->w, 1, g->z, 1, g->n, &g->c[0], &g->c[1], &g->cov[0],
                           &g->cov[1], &g->cov[2], &chisq);
}

/* Variance function: mu (Poisson, theta = Inf) or mu + mu^2/theta. */
static double var_mu(double mu, double theta)
{
    return isinf(theta) ? mu : mu + mu * mu / theta;
}

/* Unit deviance, as R's poisson() and MASS's negative.binomial():
 *   Poisson: 2 [y log(y/mu) - (y - mu)]  (2 mu at y = 0)
 *   NB:      2 [y log(max(1, y)/mu) - (y + theta) log((y + theta)/(mu + theta))] */
static double dev_unit(double y, double mu, double theta)
{
    if (isinf(theta))
        return y > 0 ? 2 * (y * log(y / mu) - (y - mu)) : 2 * mu;
    return 2 * (y * log(fmax(1.0, y) / mu) -
                (y + theta) * log((y + theta) / (mu + theta)));
}

static double deviance(const double *y, const double *mu, size_t n, double theta)
{
    double d = 0;
    for (size_t i = 0; i < n; i++)
        d += dev_unit(y[i], mu[i], theta);
    return d;
}

/* log-likelihood with the -log(y!) term.
 *   Poisson: sum [y log mu - mu - lgamma(y + 1)]
 *   NB (MASS's loglik): sum [lgamma(theta + y) - lgamma(theta) - lgamma(y + 1)
 *        + theta log theta + y log(mu + (y == 0)) - (theta + y) log(theta + mu)] */
static double loglik(const double *y, const double *mu, size_t n, double theta)
{
    double l = 0;
    for (size_t i = 0; i < n; i++) {
        if (isinf(theta))
            l += (y[i] > 0 ? y[i] * log(mu[i]) : 0) - mu[i] - gsl_sf_lngamma(y[i] + 1);
        else
            l += gsl_sf_lngamma(theta + y[i]) - gsl_sf_lngamma(theta) -
                 gsl_sf_lngamma(y[i] + 1) + theta * log(theta) +
                 y[i] * log(mu[i] + (y[i] == 0)) - (theta + y[i]) * log(theta + mu[i]);
    }
    return l;
}

/* One IRLS step from g->eta/g->mu: solve the weighted least squares
 *   min sum w_i (z_i - a - b t_i)^2,  z = eta + (y - mu)/mu',
 *   w = mu'^2 / V(mu),  mu' = max(e^eta, DBL_EPSILON)
 * (R's log link), then update eta and mu.  g->cov gets (X'WX)^-1 at the
 * weights of this step.  Returns a GSL status. */
static int irls_step(glm_work *g, double theta)
{
    for (size_t i = 0; i < g->n; i++) {
        double me = fmax(exp(g->eta[i]), DBL_EPSILON);
        g->z[i] = g->eta[i] + (g->y[i] - g->mu[i]) / me;
        g->w[i] = me * me / var_mu(g->mu[i], theta);
    }
    int st = wls(g);
    if (st)
        return st;
    double a = g->c[0], b = g->c[1];
    for (size_t i = 0; i < g->n; i++) {
        g->eta[i] = a + b * g->t[i];
        g->mu[i] = fmax(exp(g->eta[i]), DBL_EPSILON);
    }
    return isfinite(a) && isfinite(b) ? GSL_SUCCESS : GSL_EFAILED;
}

/* stats::glm.fit from the current g->eta: IRLS until
 * |dev - devold| / (|dev| + 0.1) < eps or maxit steps.  *CONV says which.
 * Returns the deviance, NaN if a step failed. */
static double glm_fit_r(glm_work *g, double theta, double eps, int maxit, int *conv)
{
    for (size_t i = 0; i < g->n; i++)
        g->mu[i] = fmax(exp(g->eta[i]), DBL_EPSILON);
    double devold = deviance(g->y, g->mu, g->n, theta), dev = NAN;
    *conv = 0;
    for (int it = 1; it <= maxit; it++) {
        if (irls_step(g, theta))
            return NAN;
        dev = deviance(g->y, g->mu, g->n, theta);
        if (!isfinite(dev))
            return NAN;
        if (fabs(dev - devold) / (fabs(dev) + 0.1) < eps) {
            *conv = 1;
            break;
        }
        devold = dev;
    }
    return dev;
}

/* ---- theta by maximum likelihood (MASS::theta.ml) ---------------------- */

enum { W_GLM = 1, W_THETA_LIMIT = 2, W_THETA_ZERO = 4, W_ALTERNATION = 8 };

/* psi(x) - log(x) without the cancellation of two numbers near log x:
 * for x >= 10 the asymptotic series
 *   -1/(2x) - 1/(12x^2) + 1/(120x^4) - 1/(252x^6) + 1/(240x^8) - 1/(132x^10)
 * (next term below 3e-14 relative), else GSL's digamma directly. */
static double psi_minus_log(double x)
{
    if (x < 10)
        return gsl_sf_psi(x) - log(x);
    double r = 1 / (x * x);
    return -0.5 / x -
           r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r / 132))));
}

/* Trigamma psi1(x) for x > 0: below 10 by the recurrence
 * psi1(x) = 1/x^2 + psi1(x + 1), from 10 on the asymptotic series
 *   1/x + 1/(2x^2) + 1/(6x^3) - 1/(30x^5) + 1/(42x^7) - 1/(30x^9)
 *   + 5/(66x^11) - 691/(2730x^13)
 * (next term below 1e-14 relative; within 1.1e-14 of GSL's from 1e-6 to
 * 1e4).  GSL's psi1 sums a Hurwitz zeta with a dozen pow() calls, and
 * theta.ml calls it for every count at every Newton step. */
static double trigamma(double x)
{
    if (!(x > 0))
        return gsl_sf_psi_1(x);
    double s = 0;
    for (; x < 10; x += 1)
        s += 1 / (x * x);
    double r = 1 / (x * x);
    double odd = 1.0 / 6 - r * (1.0 / 30 - r * (1.0 / 42 - r * (1.0 / 30 - r * (5.0 / 66 -
                 r * (691.0 / 2730)))));
    return s + 1 / x + r * (0.5 + odd / x);
}

/* Newton on the score of the NB log-likelihood in theta,
 *   U(th) = sum [psi(th + y) - psi(th) + log th + 1 - log(th + mu)
 *               - (y + th)/(mu + th)]
 *   I(th) = sum [-psi1(th + y) + psi1(th) - 1/th + 2/(mu + th)
 *               - (y + th)/(mu + th)^2]
 * from th = n / sum (y/mu - 1)^2, at most LIMIT - 1 steps, stop when
 * |U/I| <= eps^(1/4); se = 1/sqrt(I) at the last step (MASS::theta.ml).
 * Each term of U is summed as
 *   [psi(th + y) - log(th + y)] - [psi(th) - log th]
 *   + log1p((y - mu)/(mu + th)) + (mu - y)/(mu + th),
 * the same number without the loss of digits that, at theta in the
 * thousands, makes the step U/I jitter by 1e-7 and the alternation miss
 * its 1e-8 test.  Returns -1 where R stops with an error (a NaN in the
 * test), else 0; *WARN gets the flags of R's warnings. */
static int theta_ml(const double *y, const double *mu, size_t n, int limit,
                    double *theta, double *se, int *warn)
{
    const double eps = pow(DBL_EPSILON, 0.25);
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += (y[i] / mu[i] - 1) * (y[i] / mu[i] - 1);
    double t0 = (double)n / s, del = 1, info = NAN;
    if (!isfinite(t0))
        return -1; /* y = mu everywhere: R's score is NaN */
    int it = 0;
    for (;;) {
        if (!(++it < limit))
            break;
        if (isnan(del))
            return -1;
        if (!(fabs(del) > eps))
            break;
        t0 = fabs(t0);
        double u = 0, pl0 = psi_minus_log(t0), tg0 = trigamma(t0);
        info = 0;
        for (size_t i = 0; i < n; i++) {
            double mt = mu[i] + t0, yt = y[i] + t0;
            u += psi_minus_log(yt) - pl0 + log1p((y[i] - mu[i]) / mt) + (mu[i] - y[i]) / mt;
            info += -trigamma(yt) + tg0 - 1 / t0 + 2 / mt - yt / (mt * mt);
        }
        del = u / info;
        t0 += del;
    }
    if (t0 < 0) {
        t0 = 0;
        *warn |= W_THETA_ZERO;
    }
    if (it == limit)
        *warn |= W_THETA_LIMIT;
    *theta = t0;
    *se = sqrt(1 / info);
    return isnan(t0) ? -1 : 0;
}

/* ---- the fit ------------------------------------------------------------ */

/* ---- the fit ------------------------------------------------------------ */

static void copy_cov(double out[3], const double cov[3], double scale)
{
    out[0] = scale * cov[0];
    out[1] = scale * cov[1];
    out[2] = scale * cov[2];
}

/* AICc = -2 log L + 2k + 2k(k + 1)/(n - k - 1); NaN when n <= k + 1. */
static double aicc(double ll, double k, size_t n)
{
    double m = (double)n;
    if (m - k - 1 <= 0 || isnan(ll))
        return NAN;
    return -2 * ll + 2 * k + 2 * k * (k + 1) / (m - k - 1);
}

/* The Poisson MLE in G (eta, mu) and its covariance in COV.  Returns a
 * GSL status. */
static int poisson_mle(glm_work *g, int constant, double coef[2], double cov[3])
{
    const double *y = g->y;
    size_t n = g->n;
    if (constant) {
        /* All y equal: the MLE is (log y, 0) exactly. */
        for (size_t i = 0; i < n; i++) {
            g->eta[i] = log(y[0]);
            g->mu[i] = y[0];
        }
        coef[0] = log(y[0]);
        coef[1] = 0;
    } else {
        /* IRLS from mu = y + 0.1 until the deviance stops moving, then
         * Newton (= IRLS) steps until the coefficients stop moving. */
        for (size_t i = 0; i < n; i++)
            g->eta[i] = log(y[i] + 0.1);
        int conv;
        double dev = glm_fit_r(g, INFINITY, 1e-12, 100, &conv);
        if (isnan(dev))
            return GSL_EFAILED;
        double prev[2] = {g->c[0], g->c[1]}, d = INFINITY;
        for (int k = 0; k < 10; k++) {
            if (irls_step(g, INFINITY))
                return GSL_EFAILED;
            double a = g->c[0], b = g->c[1];
            d = fabs(a - prev[0]) + fabs(b - prev[1]);
            prev[0] = a, prev[1] = b;
            if (k >= 2 && d <= 8 * DBL_EPSILON * (1 + fabs(a) + fabs(b)))
                break;
        }
        if (!(d <= 1e-10 * (1 + fabs(prev[0]) + fabs(prev[1]))))
            return GSL_EMAXITER;
        coef[0] = prev[0];
        coef[1] = prev[1];
    }
    /* (X'WX)^-1 with W = mu at the MLE: one more weighted solve at the
     * final mu (its coefficients are not used). */
    for (size_t i = 0; i < n; i++) {
        g->w[i] = g->mu[i];
        g->z[i] = g->eta[i];
    }
    int st = wls(g);
    if (st)
        return st;
    copy_cov(cov, g->cov, 1.0);
    return GSL_SUCCESS;
}

/* Fitted values mu_i = exp(a + b t_i). */
static void set_mu(glm_work *g, double a, double b)
{
    for (size_t i = 0; i < g->n; i++) {
        g->eta[i] = a + b * g->t[i];
        g->mu[i] = exp(g->eta[i]);
    }
}

/* MASS::glm.nb, as described at the top.  Fills F (coefficients, SEs,
 * theta, loglik, deviance), INFO->cov and the nb_* fields.  Returns -1
 * where R stops with an error, else 0. */
static int glm_nb(glm_work *g, tb_fit *f, tb_glm_info *info)
{
    const double *y = g->y;
    size_t n = g->n;
    const double eps = 1e-8;
    const int maxit = 25;
    int warn = 0, conv;

    for (size_t i = 0; i < n; i++)
        g->eta[i] = log(y[i] + 0.1);
    double dev = glm_fit_r(g, INFINITY, eps, maxit, &conv);
    if (isnan(dev))
        return -1;
    if (!conv)
        warn |= W_GLM;
    double *mu = g->mu_next; /* glm.nb's mu, one fit behind g->mu at times */
    memcpy(mu, g->mu, n * sizeof *mu);
    double th, se_th, th_fit = INFINITY;
    if (theta_ml(y, mu, n, maxit, &th, &se_th, &warn))
        return -1;
    double d1 = sqrt(2 * fmax(1.0, (double)n - 2)), d2 = 1, del = 1;
    double lm = loglik(y, mu, n, th), lm0 = lm + 2 * d1;
    int iter = 0;
    copy_cov(info->cov, g->cov, 1.0);
    for (;;) {
        if (!(++iter <= maxit))
            break;
        double crit = fabs(lm0 - lm) / d1 + fabs(del) / d2;
        if (isnan(crit))
            return -1;
        if (!(crit > eps))
            break;
        for (size_t i = 0; i < n; i++)
            g->eta[i] = log(mu[i]);
        th_fit = th;
        dev = glm_fit_r(g, th_fit, eps, maxit, &conv);
        if (isnan(dev))
            return -1;
        if (!conv)
            warn |= W_GLM;
        copy_cov(info->cov, g->cov, 1.0);
        double t0 = th;
        if (theta_ml(y, mu, n, maxit, &th, &se_th, &warn)) /* the old mu */
            return -1;
        memcpy(mu, g->mu, n * sizeof *mu);
        del = t0 - th;
        lm0 = lm;
        lm = loglik(y, mu, n, th);
    }
    if (iter > maxit)
        warn |= W_ALTERNATION;

    info->nb_iter = iter > maxit ? maxit : iter - 1;
    info->nb_last_theta = th;
    info->nb_status = warn ? 0 : 1;
    info->nb_message[0] = 0;
    static const struct {
        int flag;
        const char *text;
    } msgs[] = {{W_GLM, "glm.fit: algorithm did not converge"},
                {W_THETA_LIMIT, "iteration limit reached"},
                {W_THETA_ZERO, "estimate truncated at zero"},
                {W_ALTERNATION, "alternation limit reached"}};
    for (size_t k = 0; k < sizeof msgs / sizeof msgs[0]; k++)
        if (warn & msgs[k].flag) {
            size_t used = strlen(info->nb_message);
            snprintf(info->nb_message + used, sizeof info->nb_message - used, "%s%s",
                     used ? " | " : "", msgs[k].text);
        }

    f->intercept = g->c[0];
    f->slope = g->c[1];
    f->theta = th;
    f->se_theta = se_th;
    f->loglik = lm;
    f->deviance = dev;
    double chi2 = 0;
    for (size_t i = 0; i < n; i++)
        chi2 += (y[i] - g->mu[i]) * (y[i] - g->mu[i]) / var_mu(g->mu[i], th_fit);
    info->pearson_chi2 = chi2;
    return 0;
}

/* Near separation: a run of at least 2 zero counts at one end of the
 * series, where the fitted trend heads to 0 (fitted mean below 1/2).  A
 * log-linear trend cannot reach 0, so its slope is set by the few years
 * with counts and the fit says little beyond "stays near 0". */
static void warn_zero_run(tb_fit *f, const int *year, const double *y, size_t n)
{
    size_t head = 0, tail = 0;
    while (head < n && y[head] == 0)
        head++;
    while (tail < n && y[n - 1 - tail] == 0)
        tail++;
    double mu_first = exp(f->intercept);
    double mu_last = exp(f->intercept + f->slope * (year[n - 1] - year[0]));
    if (tail >= 2 && mu_last < 0.5)
        tb_fit_warn_(f, "near separation: every count from %d to %d is 0, and a log-linear "
                     "trend cannot reach 0; the fitted trend falls %.3g%% a year to %.3g in "
                     "%d, a slope set by the years with counts only, so the projection "
                     "says no more than that the counts stay near 0",
                     year[n - tail], year[n - 1], -f->annual_pct, mu_last, year[n - 1]);
    if (head >= 2 && mu_first < 0.5)
        tb_fit_warn_(f, "near separation: every count from %d to %d is 0, and a log-linear "
                     "trend cannot start from 0; the fitted trend rises %.3g%% a year from "
                     "%.3g in %d, a slope set by the years with counts only, on which "
                     "the projected growth rests",
                     year[0], year[head - 1], f->annual_pct, mu_first, year[0]);
}

static int all_equal(const double *y, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (y[i] != y[0])
            return 0;
    return 1;
}

/* What every count model takes from the Poisson fit. */
typedef struct {
    double coef[2], cov[3]; /* MLE and (X'WX)^-1 at it */
    double dev, null_dev, chi2, score0, disp, pll;
} pois_stats;

/* The Poisson fit on g's series (nb_score0, dispersion and the rest). */
static int poisson_stats(glm_work *g, int constant, pois_stats *ps)
{
    const double *y = g->y;
    size_t n = g->n;
    if (poisson_mle(g, constant, ps->coef, ps->cov))
        return -1;
    set_mu(g, ps->coef[0], ps->coef[1]);
    if (constant)
        for (size_t i = 0; i < n; i++)
            g->mu[i] = y[0];
    double dev = deviance(y, g->mu, n, INFINITY), chi2 = 0, score0 = 0, ybar = 0;
    for (size_t i = 0; i < n; i++) {
        double r = y[i] - g->mu[i];
        chi2 += r * r / g->mu[i];
        score0 += 0.5 * (r * r - y[i]);
        ybar += y[i];
    }
    ybar /= (double)n;
    double null_dev = 0;
    for (size_t i = 0; i < n; i++)
        null_dev += dev_unit(y[i], ybar, INFINITY);
    int df = (int)n - 2;
    ps->dev = dev;
    ps->null_dev = null_dev;
    ps->chi2 = chi2;
    ps->score0 = score0;
    ps->disp = df > 0 ? chi2 / df : NAN;
    ps->pll = loglik(y, g->mu, n, INFINITY);
    return 0;
}

/* The same numbers, read back from a finished Poisson fit. */
static void poisson_stats_of(const tb_fit *pois, pois_stats *ps)
{
    const tb_glm_info *info = &((const tb_glm_priv *)pois->priv_)->info;
    ps->coef[0] = pois->intercept;
    ps->coef[1] = pois->slope;
    memcpy(ps->cov, info->cov, sizeof ps->cov);
    ps->dev = pois->deviance;
    ps->null_dev = info->null_deviance;
    ps->chi2 = info->pearson_chi2;
    ps->score0 = info->nb_score0;
    ps->disp = info->pois_dispersion;
    ps->pll = info->pois_loglik;
}


/* Why model KIND cannot be fitted to the series (NAME is its name):
 * TB_EMODEL with the reason, else TB_OK. */
static tb_status refuse_series(tb_model_kind kind, const char *name, const int *year,
                               const double *y, size_t n, int constant, tb_error *err)
{
    if (n < 2)
        return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                            "%s: a trend needs at least 2 years, the series has %zu",
                            name, n);
    size_t positive = 0;
    for (size_t i = 0; i < n; i++) {
        if (y[i] < 0)
            return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                                "%s: the value for %d is %g; a count model needs counts "
                                "of 0 or more", name, year[i], y[i]);
        positive += y[i] > 0;
    }
    if (positive < 2)
        return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                            "%s: %s; a log-linear trend in counts needs at least 2 years "
                            "with a count above 0 (otherwise the fitted trend runs off to 0)",
                            name, positive ? "only 1 year has a count above 0"
                                           : "every count is 0");
    if (kind == TB_MODEL_QUASIPOISSON && n < 3)
        return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                            "quasipoisson: with 2 years the curve runs through both values "
                            "and the dispersion cannot be estimated; use poisson, or at "
                            "least 3 years");
    if (kind == TB_MODEL_NEGBIN && constant)
        return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                            "negbin: all %zu values are equal to %g, so there is no variation "
                            "from which to estimate theta (MASS::glm.nb stops with an error "
                            "here); use poisson", n, y[0]);
    if (kind == TB_MODEL_NEGBIN && n < 3)
        return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                            "negbin: with 2 years the curve runs through both values, so "
                            "there is no variation from which to estimate theta (MASS::glm.nb "
                            "stops with an error here); use poisson");
    return TB_OK;
}

/* Fit KIND; with POIS (a Poisson fit of the same series and options)
 * its Poisson numbers are taken over instead of fitted again.  With
 * COMPLETE 0 the forecast table and the warnings are left for
 * tb_glm_complete_. */
static tb_status glm_fit(tb_model_kind kind, const int *year, const double *y,
                         size_t n, const tb_fit_options *opt, const tb_fit *pois,
                         int complete, tb_fit **out, tb_error *err)
{
    const char *name = tb_model_name(kind);
    *out = NULL;
    int constant = all_equal(y, n);
    tb_status refused = refuse_series(kind, name, year, y, n, constant, err);
    if (refused != TB_OK)
        return refused;
    glm_work g;
    memset(&g, 0, sizeof g);
    int need_work = !pois || kind == TB_MODEL_NEGBIN; /* glm.nb iterates on its own */
    if (need_work && work_alloc(&g, year, y, n))
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "%s: out of memory", name);
    tb_fit *f = tb_fit_alloc_(kind, year, n, opt);
    tb_glm_priv *p = calloc(1, sizeof *p);
    if (!f || !p) {
        work_free(&g);
        free(p);
        tb_fit_free(f);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "%s: out of memory", name);
    }
    f->priv_ = p;
    tb_glm_info *info = &p->info;
    info->nb_status = -1;
    info->nb_last_theta = NAN;
    p->phi = 1;
    p->theta = INFINITY;

    /* Poisson fit: every count model needs it (nb_score0, dispersion). */
    pois_stats ps;
    if (pois) {
        poisson_stats_of(pois, &ps);
    } else if (poisson_stats(&g, constant, &ps)) {
        work_free(&g);
        tb_fit_free(f);
        return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                            "%s: the Poisson iteration did not converge for this series",
                            name);
    }
    const double *coef = ps.coef, *cov = ps.cov;
    double dev = ps.dev, chi2 = ps.chi2, score0 = ps.score0, disp = ps.disp, pll = ps.pll;
    int df = (int)n - 2;
    info->null_deviance = ps.null_dev;
    info->pearson_chi2 = chi2;
    info->nb_score0 = score0;
    info->pois_dispersion = disp;
    info->pois_loglik = pll;
    memcpy(info->cov, cov, sizeof info->cov);

    f->intercept = coef[0];
    f->slope = coef[1];
    f->deviance = dev;
    f->dispersion = disp;
    f->df_resid = df;
    f->loglik = pll;
    f->aicc = aicc(pll, 2, n);

    tb_status st = TB_OK;
    if (kind == TB_MODEL_QUASIPOISSON) {
        for (int k = 0; k < 3; k++)
            info->cov[k] = cov[k] * disp;
        p->phi = disp;
        f->loglik = f->aicc = NAN; /* a quasi-likelihood has no AIC */
    } else if (kind == TB_MODEL_NEGBIN) {
        int rc = glm_nb(&g, f, info);
        if (score0 <= 0) {
            /* theta-hat = Inf: the Poisson fit is the NB fit. */
            char said[256];
            if (rc)
                snprintf(said, sizeof said, "MASS::glm.nb stops with an error here");
            else
                snprintf(said, sizeof said,
                         "MASS::glm.nb does not converge here (\"%s\", theta run off to %.4g)",
                         info->nb_message[0] ? info->nb_message : "no warning",
                         info->nb_last_theta);
            info->nb_status = rc ? -1 : 0;
            f->converged = 0;
            f->intercept = coef[0];
            f->slope = coef[1];
            memcpy(info->cov, cov, sizeof info->cov);
            f->theta = INFINITY;
            f->se_theta = NAN;
            f->loglik = pll;
            f->deviance = dev;
            info->pearson_chi2 = chi2;
            tb_fit_warn_(f, "no overdispersion: negative binomial reduces to Poisson (the "
                         "counts vary no more than Poisson counts around the trend, "
                         "score %.4g <= 0 at 1/theta = 0, so theta = Inf); the Poisson fit "
                         "is reported; %s", score0, said);
        } else if (rc) {
            st = tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                              "negbin: the estimate of theta broke down (MASS::glm.nb stops "
                              "with an error here); use quasipoisson");
        } else {
            p->theta = f->theta;
            if (info->nb_status != 1) {
                f->converged = 0;
                tb_fit_warn_(f, "the negative binomial fit did not converge (as "
                             "MASS::glm.nb: %s, last theta %.6g); the estimates are those "
                             "where the iteration stopped", info->nb_message, f->theta);
            }
        }
        f->dispersion = 1; /* SEs with dispersion 1, as summary.negbin */
        f->aicc = aicc(f->loglik, 3, n);
    }
    work_free(&g);
    if (st != TB_OK) {
        tb_fit_free(f);
        return st;
    }

    f->se_intercept = sqrt(info->cov[0]);
    f->se_slope = sqrt(info->cov[2]);
    f->annual_pct = 100 * expm1(f->slope);
    if (complete)
        tb_glm_complete_(f, year, y, n);
    *out = f;
    return TB_OK;
}

/* The forecast table and the warnings of the fit F of Y. */
void tb_glm_complete_(tb_fit *f, const int *year, const double *y, size_t n)
{
    const tb_glm_priv *p = f->priv_;
    tb_model_kind kind = f->model;
    double disp = p->info.pois_dispersion;
    int df = (int)n - 2, constant = all_equal(y, n);
    size_t fractional = 0;
    for (size_t i = 0; i < n; i++)
        fractional += y[i] != floor(y[i]);
    int unbounded, raised;
    tb_glm_forecast_(f, p, &unbounded, &raised);

    warn_zero_run(f, year, y, n);
    if (fractional)
        tb_fit_warn_(f, "%zu value%s not whole number%s: a count model is meant for counts",
                     fractional, fractional == 1 ? " is" : "s are", fractional == 1 ? "" : "s");
    if (n == 2)
        tb_fit_warn_(f, "only 2 years: the curve runs exactly through both values; it shows "
                     "the direction of one change, and the intervals assume Poisson "
                     "variation, which cannot be checked");
    else if (n <= 4)
        tb_fit_warn_(f, "only %zu years: the dispersion rests on %d degree%s of freedom and "
                     "the trend is an indication, not an established trend", n, df,
                     df == 1 ? "" : "s");
    if (constant)
        tb_fit_warn_(f, "all values are equal (%g): the trend is flat and the intervals "
                     "show Poisson variation only", y[0]);
    if (kind == TB_MODEL_POISSON && disp > 2)
        tb_fit_warn_(f, "Pearson dispersion %.3g: the counts vary %.3g times as much as "
                     "Poisson counts, so the Poisson standard errors and intervals are too "
                     "narrow; quasipoisson or negbin fits this series better", disp, disp);
    if (kind == TB_MODEL_QUASIPOISSON && disp < 1)
        tb_fit_warn_(f, "Pearson dispersion %.3g < 1: the standard errors are scaled down "
                     "by it, but the forecast intervals keep at least Poisson variation",
                     disp);
    if (raised)
        tb_fit_warn_(f, "from %d on the trend is so uncertain that the approximation of "
                     "the forecast distribution puts its upper ends below the trend; they "
                     "are taken instead from the 90%% and 97.5%% points of the trend with "
                     "count variation around them, and the intervals are rough", raised);
    if (unbounded)
        tb_fit_warn_(f, "from %d on the projection is not informative: the upper end of "
                     "the 95%% interval is above 2^53 (about 9.0e15) counts, so it is given "
                     "as unbounded (null); the trend or its uncertainty runs off over the "
                     "years projected", unbounded);
    tb_fit_warn_(f, "forecast intervals are for a future count and include the uncertainty "
                 "of the trend (negative binomial approximation, in closed form); the mean "
                 "is the fitted trend exp(a + b t)");
}

tb_status tb_fit_glm_(tb_model_kind kind, const int *year, const double *y,
                      size_t n, const tb_fit_options *opt, tb_fit **out,
                      tb_error *err)
{
    return glm_fit(kind, year, y, n, opt, NULL, 1, out, err);
}

/* auto needs the Poisson numbers of every count series but keeps the
 * Poisson fit itself for about half of them: its forecast table (the
 * predictive quantiles, about half the cost of a Poisson fit) is made
 * only for those. */
tb_status tb_fit_poisson_bare_(const int *year, const double *y, size_t n,
                               const tb_fit_options *opt, tb_fit **out, tb_error *err)
{
    return glm_fit(TB_MODEL_POISSON, year, y, n, opt, NULL, 0, out, err);
}

/* quasipoisson differs from Poisson only in the scale of its SEs and
 * predictive noise, and negbin starts from the Poisson numbers (its
 * dispersion and nb_score0), so the Poisson fit is reused as it is. */
tb_status tb_fit_glm_from_poisson_(tb_model_kind kind, const tb_fit *pois, const int *year,
                                   const double *y, size_t n, const tb_fit_options *opt,
                                   tb_fit **out, tb_error *err)
{
    *out = NULL;
    if (!pois || pois->model != TB_MODEL_POISSON || !pois->priv_ || (size_t)pois->n != n ||
        (kind != TB_MODEL_QUASIPOISSON && kind != TB_MODEL_NEGBIN))
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "%s: needs the Poisson fit of the same series", tb_model_name(kind));
    return glm_fit(kind, year, y, n, opt, pois, 1, out, err);
}

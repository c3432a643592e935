/* auto: one model per series, chosen by rules that respect how little a
 * short series can tell, and a sentence that says why.
 *
 * Rules, in this order:
 *  1. Not counts: a value below 0 or not a whole number (rates,
 *     percentages, scores) -> linear, OLS on the values.
 *  2. The Poisson GLM is fitted first; its Pearson dispersion
 *     phi = chi2 / (n - 2) measures the spread around the trend against
 *     Poisson spread (phi = 1).
 *     - All values equal, or n = 2 (the curve runs through both points):
 *       nothing to estimate a dispersion from -> poisson.
 *  3. negbin only with clear overdispersion on enough years: n >= 8,
 *     phi > 2 and nb_score0 > 0 (else theta-hat = Inf).  It is chosen when
 *     glm.nb converges, the likelihood-ratio test against Poisson rejects
 *     at 5% (LR = 2 (logL_nb - logL_pois) > 2.706: theta = Inf lies on the
 *     boundary, so the null distribution is the 50:50 mixture of chi2_0
 *     and chi2_1, whose 5% point is qchisq(0.90, 1)) and its AICc is the
 *     lower one.
 *  4. Otherwise quasipoisson when phi > 1 (Poisson SEs scaled up by
 *     sqrt(phi)), poisson when phi <= 1.
 *  5. holt only for n >= 10, never below: it has four parameters to
 *     estimate from the series.  It replaces the count model from 3-4 only
 *     when its AICc is more than 2 below that of the likelihood count
 *     model (negbin when that was fitted and converged, else Poisson).
 *     Holt's AICc is that of its Gaussian one-step errors,
 *     logL = -n/2 (log(2 pi SSE/n) + 1), k = 5 (alpha, beta, l0, b0,
 *     sigma); for counts a density at whole numbers is comparable with a
 *     probability.
 */
#include "models_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NB_MIN_N = 8, HOLT_MIN_N = 10 };
static const double NB_MIN_DISPERSION = 2.0;
static const double LR_CRIT = 2.705543454095404; /* qchisq(0.90, 1) */
static const double HOLT_AICC_MARGIN = 2.0;

static double gaussian_aicc(double sse, size_t n, double k)
{
    double m = (double)n;
    if (!(sse > 0) || m - k - 1 <= 0)
        return NAN;
    double ll = -0.5 * m * (log(2 * M_PI * sse / m) + 1);
    return -2 * ll + 2 * k + 2 * k * (k + 1) / (m - k - 1);
}

/* Hand FIT to the caller with its reason. */
static tb_status finish(tb_fit *fit, const char *reason, tb_fit **out, tb_error *err)
{
    fit->reason = strdup(reason);
    if (!fit->reason) {
        tb_fit_free(fit);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "auto: out of memory");
    }
    *out = fit;
    return TB_OK;
}

tb_status tb_fit_auto_(const int *year, const double *y, size_t n,
                       const tb_fit_options *opt, tb_fit **out, tb_error *err)
{
    *out = NULL;
    char why[640];
    tb_status st;

    /* 1. counts or not */
    size_t bad = n;
    for (size_t i = 0; i < n && bad == n; i++)
        if (y[i] < 0 || y[i] != floor(y[i]))
            bad = i;
    if (bad < n) {
        tb_fit *lin = NULL;
        st = tb_fit_ols_(TB_MODEL_LINEAR, year, y, n, opt, &lin, err);
        if (st != TB_OK)
            return st;
        snprintf(why, sizeof why,
                 "not counts (%d: %g is %s): rates, percentages and scores get a linear "
                 "trend on the values",
                 year[bad], y[bad], y[bad] < 0 ? "below 0" : "not a whole number");
        return finish(lin, why, out, err);
    }

    /* 2. Poisson first */
    tb_fit_options copt = *opt;
    copt.counts = 1;
    tb_fit *pois = NULL;
    st = tb_fit_poisson_bare_(year, y, n, &copt, &pois, err); /* see tb_glm_complete_ */
    if (st != TB_OK)
        return st;
    const tb_glm_info *pi = tb_glm_info_(pois);
    double phi = pois->dispersion;
    int constant = pi->pearson_chi2 == 0 && pois->slope == 0;
    if (constant) {
        snprintf(why, sizeof why, "n = %zu, all values equal (%g): a flat Poisson trend; "
                 "there is no spread from which to estimate more", n, y[0]);
        tb_glm_complete_(pois, year, y, n);
        return finish(pois, why, out, err);
    }
    if (n == 2) {
        snprintf(why, sizeof why, "n = 2: the Poisson curve runs through both values; "
                 "no dispersion can be estimated, so Poisson");
        tb_glm_complete_(pois, year, y, n);
        return finish(pois, why, out, err);
    }

    /* 3. negative binomial, only with clear overdispersion */
    char nbwhy[320] = "";
    tb_fit *nb = NULL;
    int use_nb = 0;
    if (n < NB_MIN_N)
        snprintf(nbwhy, sizeof nbwhy, "n = %zu: too short for negative binomial (needs %d "
                 "years)", n, NB_MIN_N);
    else if (!(phi > NB_MIN_DISPERSION))
        snprintf(nbwhy, sizeof nbwhy, "n = %zu: overdispersion not clear enough for "
                 "negative binomial (needs Pearson dispersion > %g)", n, NB_MIN_DISPERSION);
    else if (!(pi->nb_score0 > 0))
        snprintf(nbwhy, sizeof nbwhy, "n = %zu; the negative binomial likelihood is highest "
                 "at theta = Inf (Poisson)", n);
    else {
        tb_error nberr;
        if (tb_fit_glm_from_poisson_(TB_MODEL_NEGBIN, pois, year, y, n, &copt, &nb,
                                     &nberr) != TB_OK) {
            nb = NULL;
            snprintf(nbwhy, sizeof nbwhy, "n = %zu; negative binomial could not be fitted (%.200s)",
                     n, nberr.msg);
        } else if (!nb->converged) {
            snprintf(nbwhy, sizeof nbwhy, "n = %zu; the negative binomial fit did not "
                     "converge", n);
        } else {
            double lr = 2 * (nb->loglik - pois->loglik);
            if (lr > LR_CRIT && nb->aicc < pois->aicc) {
                use_nb = 1;
                snprintf(nbwhy, sizeof nbwhy, "n = %zu; Pearson dispersion %.3g > %g and the "
                         "negative binomial fits clearly better (theta %.4g, LR %.3g > %.3g, "
                         "AICc %.5g against Poisson %.5g)", n, phi, NB_MIN_DISPERSION,
                         nb->theta, lr, LR_CRIT, nb->aicc, pois->aicc);
            } else
                snprintf(nbwhy, sizeof nbwhy, "n = %zu; negative binomial not clearly better "
                         "than Poisson (LR %.3g, 5%% point %.3g; AICc %.5g against %.5g)",
                         n, lr, LR_CRIT, nb->aicc, pois->aicc);
        }
    }

    /* 4. the count model */
    tb_fit *best;
    char countwhy[480];
    if (use_nb) {
        best = nb;
        nb = NULL;
        snprintf(countwhy, sizeof countwhy, "%s: negative binomial", nbwhy);
    } else if (phi > 1) {
        /* derived from the Poisson fit (same coefficients), not refitted */
        tb_fit *q = NULL;
        st = tb_fit_glm_from_poisson_(TB_MODEL_QUASIPOISSON, pois, year, y, n, &copt, &q,
                                      err);
        if (st != TB_OK) {
            tb_fit_free(pois);
            tb_fit_free(nb);
            return st;
        }
        best = q;
        snprintf(countwhy, sizeof countwhy, "%s; Pearson dispersion %.3g > 1, so "
                 "quasi-Poisson", nbwhy, phi);
    } else {
        best = pois;
        snprintf(countwhy, sizeof countwhy, "n = %zu; Pearson dispersion %.3g <= 1: no "
                 "overdispersion, so Poisson", n, phi);
    }
    /* The likelihood count model to hold Holt against. */
    double count_aicc = use_nb ? best->aicc : pois->aicc;
    if (nb && nb->converged && nb->aicc < count_aicc)
        count_aicc = nb->aicc;

    /* 5. Holt, for long series only */
    if (n >= HOLT_MIN_N) {
        tb_fit *holt = NULL;
        tb_error herr;
        if (tb_fit_holt_(TB_MODEL_HOLT, year, y, n, &copt, &holt, &herr) == TB_OK) {
            double haicc = gaussian_aicc(holt->sse, n, 5);
            if (haicc < count_aicc - HOLT_AICC_MARGIN) {
                snprintf(why, sizeof why, "%s; but Holt's exponential smoothing fits "
                         "better (AICc %.5g against %.5g for the count model), so Holt",
                         countwhy, haicc, count_aicc);
                if (best != pois)
                    tb_fit_free(best);
                tb_fit_free(pois);
                tb_fit_free(nb);
                return finish(holt, why, out, err);
            }
            snprintf(why, sizeof why, "%s (Holt considered: AICc %.5g, not more than %g "
                     "below %.5g)", countwhy, haicc, HOLT_AICC_MARGIN, count_aicc);
        } else
            snprintf(why, sizeof why, "%s (Holt could not be fitted: %.120s)", countwhy,
                     herr.msg);
        tb_fit_free(holt);
    } else
        snprintf(why, sizeof why, "%s", countwhy);

    if (best != pois)
        tb_fit_free(pois);
    else
        tb_glm_complete_(pois, year, y, n);
    tb_fit_free(nb);
    return finish(best, why, out, err);
}

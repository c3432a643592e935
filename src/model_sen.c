/* Theil-Sen slope and the Mann-Kendall trend test.
 *
 * Sen slope: the median of the pairwise slopes (y_j - y_i)/(t_j - t_i),
 * i < j (for an even count the mean of the two middle ones, as R's
 * median).  Intercepts: median(y - b t) (the one the forecast uses) and
 * median(y) - b median(t) (Conover, as scipy's theilslopes).
 *
 * Mann-Kendall: S = sum_{i<j} sign(y_j - y_i), with tie groups of sizes
 * t_g in y:
 *   Var(S) = [n(n-1)(2n+5) - sum t_g(t_g-1)(2t_g+5)] / 18
 *   Z = (S - 1)/sqrt(Var S) for S > 0, (S + 1)/sqrt(Var S) for S < 0, else 0
 *   p = 2 Phi(-|Z|)
 *   tau_a = S/n0, tau_b = S/sqrt(n0 (n0 - n2)), n0 = n(n-1)/2,
 *   n2 = sum t_g(t_g-1)/2.
 * Exact p (n <= 10, no ties): under no trend every order of the values is
 * equally likely, and S = n0 - 2I with I the number of inversions of the
 * permutation.  The number of permutations of n elements with I
 * inversions follows M(n, I) = sum_{j=0}^{min(I, n-1)} M(n-1, I-j), so
 *   p_exact = #{permutations with |S| >= |S_obs|} / n!.
 *
 * 95% interval of the Sen slope (Sen 1968; Gilbert 1987, sec. 16.4):
 * with the N ordered slopes d_(1) <= ... <= d_(N) and
 * C = qnorm(0.975) sqrt(Var S), M1 = (N - C)/2, M2 = (N + C)/2, the
 * interval is [d_(M1), d_(M2 + 1)], interpolating linearly between order
 * statistics when the ranks are not whole numbers.  It is not given when
 * a rank falls outside 1..N (too few years).
 *
 * Forecasts extend the Sen line; the method gives no predictive
 * distribution, so the forecasts have no interval.
 */
#include "model_common.h"
#include "models_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

/* Order statistic at 1-based rank R of the sorted D[0..n-1], linearly
 * interpolated; NaN outside 1..n. */
static double rank_value(const double *d, size_t n, double r)
{
    if (!(r >= 1 && r <= (double)n))
        return NAN;
    size_t lo = (size_t)floor(r);
    double w = r - (double)lo;
    if (lo >= n || w == 0)
        return d[lo - 1];
    return d[lo - 1] + w * (d[lo] - d[lo - 1]);
}

/* Two-sided exact p of the Mann-Kendall S without ties, n <= 10
 * (n! <= 3628800 is exact in a double).  NaN for larger n. */
static double mk_exact_p(size_t n, double s)
{
    if (n < 2 || n > 10)
        return NAN;
    size_t n0 = n * (n - 1) / 2;
    double m[46] = {1}, next[46];
    /* M(1, 0) = 1; add the k-th element, which creates 0..k-1 inversions */
    for (size_t k = 2; k <= n; k++) {
        size_t maxi = k * (k - 1) / 2;
        for (size_t i = 0; i <= maxi; i++) {
            double c = 0;
            for (size_t j = 0; j < k && j <= i; j++)
                c += m[i - j];
            next[i] = c;
        }
        memcpy(m, next, (maxi + 1) * sizeof *m);
    }
    double total = 0, tail = 0;
    for (size_t i = 0; i <= n0; i++) {
        double si = (double)n0 - 2.0 * (double)i;
        total += m[i];
        if (fabs(si) >= fabs(s) - 1e-9)
            tail += m[i];
    }
    return tail / total;
}

tb_status tb_fit_theilsen_(const int *year, const double *y, size_t n,
                           const tb_fit_options *opt, tb_fit **out,
                           tb_error *err)
{
    *out = NULL;
    if (n < 2)
        return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                            "theilsen: a slope needs at least 2 years, the series has %zu", n);
    size_t npairs = n * (n - 1) / 2;
    double *d = malloc(npairs * sizeof *d);
    double *w = malloc(n * sizeof *w), *t = malloc(n * sizeof *t);
    tb_fit *f = tb_fit_alloc_(TB_MODEL_THEILSEN, year, n, opt);
    tb_trend_test *tt = calloc(1, sizeof *tt);
    if (!d || !w || !t || !f || !tt) {
        free(d), free(w), free(t), free(tt), tb_fit_free(f);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "theilsen: out of memory");
    }
    f->trend = tt;

    /* pairwise slopes and S */
    double s = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        t[i] = year[i] - year[0];
        for (size_t j = i + 1; j < n; j++) {
            d[k++] = (y[j] - y[i]) / (double)(year[j] - year[i]);
            s += (y[j] > y[i]) - (y[j] < y[i]);
        }
    }
    gsl_sort(d, 1, npairs);
    double b = gsl_stats_median_from_sorted_data(d, 1, npairs);

    /* intercepts */
    for (size_t i = 0; i < n; i++)
        w[i] = y[i] - b * t[i];
    gsl_sort(w, 1, n);
    double a_resid = gsl_stats_median_from_sorted_data(w, 1, n);
    memcpy(w, y, n * sizeof *w);
    gsl_sort(w, 1, n);
    double med_y = gsl_stats_median_from_sorted_data(w, 1, n);
    double med_t = gsl_stats_median_from_sorted_data(t, 1, n); /* t ascending */
    double a_conover = med_y - b * med_t;

    /* tie groups in y (w is sorted) */
    double tie_var = 0, n2 = 0;
    int groups = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && w[j] == w[i])
            j++;
        double tg = (double)(j - i);
        if (tg > 1) {
            groups++;
            tie_var += tg * (tg - 1) * (2 * tg + 5);
            n2 += tg * (tg - 1) / 2;
        }
        i = j;
    }
    double dn = (double)n, n0 = dn * (dn - 1) / 2;
    double var_s = (dn * (dn - 1) * (2 * dn + 5) - tie_var) / 18;
    double z = 0;
    if (s > 0 && var_s > 0)
        z = (s - 1) / sqrt(var_s);
    else if (s < 0 && var_s > 0)
        z = (s + 1) / sqrt(var_s);
    tt->S = s;
    tt->var_S = var_s;
    tt->z = z;
    tt->p = 2 * gsl_cdf_ugaussian_P(-fabs(z));
    tt->tau_a = s / n0;
    double den = sqrt(n0 * (n0 - n2));
    tt->tau_b = den > 0 ? s / den : NAN;
    tt->n_tie_groups = groups;
    tt->p_exact = groups == 0 && n <= 10 ? mk_exact_p(n, s) : NAN;
    tt->sen_slope = b;
    tt->intercept_resid = a_resid;
    tt->intercept_conover = a_conover;
    double c = gsl_cdf_ugaussian_Pinv(0.975) * sqrt(var_s);
    tt->sen_lo95 = rank_value(d, npairs, ((double)npairs - c) / 2);
    tt->sen_hi95 = rank_value(d, npairs, ((double)npairs + c) / 2 + 1);

    f->intercept = a_resid;
    f->slope = b;
    double sse = 0;
    for (size_t i = 0; i < n; i++) {
        double e = y[i] - a_resid - b * t[i];
        sse += e * e;
    }
    f->sse = sse;
    f->df_resid = (int)n - 2;
    int clipped = 0;
    for (size_t h = 0; h < f->nforecast; h++) {
        tb_forecast *fc = &f->forecast[h];
        fc->mean = a_resid + b * (fc->year - f->first_year);
        if (opt->counts && fc->mean < 0)
            fc->mean = 0, clipped = 1;
    }
    if (clipped)
        tb_fit_warn_(f, "counts cannot be negative: forecasts below 0 are shown as 0");
    free(d);
    free(w);
    free(t);

    /* What the test can and cannot say on this many years. */
    if (n <= 4) {
        double fact = 1;
        for (size_t i = 2; i <= n; i++)
            fact *= (double)i;
        tb_fit_warn_(f, "only %zu years: no result can be significant at 5%%; even values "
                     "that rise or fall every year have an exact two-sided p of 2/%g = %.3f",
                     n, fact, fmin(1, 2 / fact));
    }
    if (groups > 0 && n <= 10)
        tb_fit_warn_(f, "%d group%s of equal values: the exact p-value is not computed and "
                     "the normal approximation is rough on %zu years",
                     groups, groups == 1 ? "" : "s", n);
    else if (n <= 10)
        tb_fit_warn_(f, "on %zu years the normal approximation of p is rough: use the exact "
                     "p-value (%.4g)", n, tt->p_exact);
    if (isnan(tt->sen_lo95) || isnan(tt->sen_hi95))
        tb_fit_warn_(f, "too few years for a 95%% interval of the Sen slope");
    tb_fit_warn_(f, "the forecast extends the Theil-Sen line; the method gives a robust "
                 "slope and a trend test, not a predictive distribution, so there is no "
                 "interval");
    *out = f;
    return TB_OK;
}

double tb_prob_le_theilsen_(const tb_fit *f, int year, double c)
{
    (void)f, (void)year, (void)c;
    return NAN; /* no predictive distribution */
}

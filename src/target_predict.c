/* Predictive distributions behind P(target met): the fitted model's, or
 * the calibrated one from pooled forecast errors of real series. */
#include "target_priv.h"

#include <math.h>
#include <stdlib.h>

static int calib_dist(const tb_predictive_ *p, int year, tb_errdist *d)
{
    if (!p->n)
        return 0;
    return tb_errdist_make(p->pools, p->npools, p->year, p->value, p->n, p->counts,
                           year - p->year[p->n - 1], p->cut, d);
}

const tb_forecast *tb_target_forecast_for_(const tb_fit *f, int year)
{
    for (size_t i = 0; f && i < f->nforecast; i++)
        if (f->forecast[i].year == year)
            return &f->forecast[i];
    return NULL;
}

/* 1 when P has a distribution for YEAR. */
int tb_pred_has_(const tb_predictive_ *p, int year)
{
    tb_errdist d;
    return p->pools ? calib_dist(p, year, &d) : tb_target_forecast_for_(p->fit, year) != NULL;
}

/* P(Y_year <= c); NaN without a distribution for YEAR. */
static double pred_le(const tb_predictive_ *p, int year, double c)
{
    if (p->pools) {
        tb_errdist d;
        return calib_dist(p, year, &d) ? tb_errdist_prob_le(&d, c) : NAN;
    }
    return p->fit ? tb_fit_prob_le(p->fit, year, c) : NAN;
}

/* Whole numbers only: a count model, or calibrated counts. */
static int pred_discrete(const tb_predictive_ *p)
{
    if (p->pools)
        return p->counts;
    return p->fit && (p->fit->model == TB_MODEL_POISSON ||
                      p->fit->model == TB_MODEL_QUASIPOISSON ||
                      p->fit->model == TB_MODEL_NEGBIN);
}

/* The 95% interval for YEAR (0 when there is none). */
static int pred_range95(const tb_predictive_ *p, int year, double *lo, double *hi)
{
    if (p->pools) {
        tb_errdist d;
        if (!calib_dist(p, year, &d))
            return 0;
        *lo = tb_errdist_quantile(&d, 0.025);
        *hi = tb_errdist_quantile(&d, 0.975);
        return 1;
    }
    const tb_forecast *f = tb_target_forecast_for_(p->fit, year);
    if (!f)
        return 0;
    *lo = f->lo95;
    *hi = f->hi95;
    return 1;
}

/* P(target met in YEAR):
 *   at most thr:      P(Y <= thr)
 *   below thr:        P(Y <= thr - 1) for whole numbers, P(Y <= thr) else
 *   at least thr:     1 - P(Y <= ceil(thr) - 1) for whole numbers,
 *                     1 - P(Y <= thr) else */
double tb_pred_prob_met_(const tb_predictive_ *p, int year, double thr, int lower_better,
                         int strict)
{
    if (isnan(thr))
        return NAN;
    int disc = pred_discrete(p);
    if (lower_better)
        return pred_le(p, year, strict && disc ? ceil(thr) - 1 : thr);
    return 1.0 - pred_le(p, year, disc ? ceil(thr) - 1 : thr);
}

/* P(Y_T < M and Y_T < Y_u for every u in U), the years U projected and
 * not yet observed, M the lowest observed earlier year (NaN: none).  The
 * years are taken as independent given their tb_predictive_ distributions:
 *
 *   P = sum over cells c of P(Y_T in c) prod_u P(Y_u > y_c)
 *
 * with cells the whole numbers k (P(Y_u > k) = 1 - F_u(k)) for whole
 * numbers, else a grid over the bulk of Y_T.  Independence leaves out that
 * the years share one trend, which makes Y_T - Y_u more spread than it
 * is: P is pulled towards 1/2, never made more certain. */
double tb_pred_below_all_(const tb_predictive_ *pr, int T, double M, const int *U, size_t nu)
{
    double lo95, hi95;
    if (!pred_range95(pr, T, &lo95, &hi95) || isnan(lo95) || isnan(hi95))
        return NAN;
    int disc = pred_discrete(pr);
    double spread = fmax(hi95 - lo95, 1e-9);
    double lo = lo95 - 4 * spread, hi = hi95 + 4 * spread;
    if (!isfinite(hi))
        return NAN;
    if (disc) {
        lo = fmax(-1, floor(lo));
        hi = ceil(hi);
        if (!isnan(M))
            hi = fmin(hi, ceil(M) - 1);
    } else if (!isnan(M)) {
        hi = fmin(hi, M);
    }
    if (!(hi > lo))
        return 0;
    const double cells = 4000;
    double step = disc ? fmax(1, ceil((hi - lo) / cells)) : (hi - lo) / cells;
    double p = 0, prev = pred_le(pr, T, lo);
    /* the tail below LO, with the factor at LO */
    double below = prev;
    for (size_t u = 0; u < nu; u++)
        below *= 1 - pred_le(pr, U[u], lo);
    p += below;
    for (double a = lo; a < hi;) {
        double b = fmin(a + step, hi);
        double cur = pred_le(pr, T, b);
        double mass = cur - prev, y = disc && step == 1 ? b : 0.5 * (a + b);
        if (mass > 0) {
            double fac = 1;
            for (size_t u = 0; u < nu && fac > 0; u++)
                fac *= 1 - pred_le(pr, U[u], y);
            p += mass * fac;
        }
        prev = cur;
        a = b;
    }
    return fmin(fmax(p, 0), 1);
}


/* The years from the base year up to the target year that are after the
 * origin E and that PR projects, into U; returns how many. */
size_t tb_pred_later_years_(const tb_target *t, const tb_predictive_ *pr, int E, int *U)
{
    size_t nu = 0;
    for (int y = t->base_year; y < t->target_year; y++)
        if (y > E && tb_pred_has_(pr, y))
            U[nu++] = y;
    return nu;
}

/* P(target met in the target year) under PR.  lower_than_before: below
 * the lowest observed earlier year and below every earlier year still to
 * come. */
double tb_pred_target_prob_(const tb_target *t, const tb_target_result *r, const tb_predictive_ *pr,
                            int E)
{
    if (t->kind != TB_TARGET_LOWER_THAN_BEFORE)
        return tb_pred_prob_met_(pr, t->target_year, r->target_value, r->lower_better, 0);
    int U[TB_YEAR_MAX - TB_YEAR_MIN + 1];
    size_t nu = tb_pred_later_years_(t, pr, E, U);
    return tb_pred_below_all_(pr, t->target_year, r->target_value, U, nu);
}

/* The calibrated median and intervals for every year after the origin E
 * up to the target year T that a pool covers. */
int tb_pred_calib_fan_(tb_target_result *r, const tb_predictive_ *cal, int E, int T)
{
    r->fan = calloc((size_t)(T - E), sizeof *r->fan);
    if (!r->fan)
        return -1;
    for (int y = E + 1; y <= T; y++) {
        tb_errdist d;
        if (!calib_dist(cal, y, &d))
            continue;
        tb_forecast *f = &r->fan[r->nfan++];
        f->year = y;
        f->mean = tb_errdist_median(&d);
        f->lo80 = tb_errdist_quantile(&d, 0.10);
        f->hi80 = tb_errdist_quantile(&d, 0.90);
        f->lo95 = tb_errdist_quantile(&d, 0.025);
        f->hi95 = tb_errdist_quantile(&d, 0.975);
        if (y == T) {
            r->projection_cal = *f;
            r->cal_pool = tb_errpool_label(d.pool);
            r->cal_n = d.n;
        }
    }
    return 0;
}

/* How well P(target met) is calibrated on real series: the rule "5% less
 * a year" from every base year of every count series, judged against what
 * happened, for the calibrated probability, the model's own and the plain
 * pooled method; and the coverage of their intervals. */
#include "target_priv.h"
#include "grow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "trendbeeld/measure.h"

void tb_calib_options_init(tb_calib_options *o)
{
    memset(o, 0, sizeof *o);
    o->rate_pct = 5;
    o->steps = 5;
    o->min_base = 20;
    o->model = TB_MODEL_AUTO;
}

void tb_calib_init(tb_calib_result *c)
{
    static const double lim[TB_CALIB_NBANDS + 1] = {0, TB_TARGET_P_LOW, TB_TARGET_P_HIGH, 1};
    memset(c, 0, sizeof *c);
    for (int i = 0; i < TB_CALIB_NBANDS; i++) {
        c->band[i].lo = lim[i];
        c->band[i].hi = lim[i + 1];
    }
    for (int i = 0; i < 10; i++) {
        c->decile[i].lo = i / 10.0;
        c->decile[i].hi = (i + 1) / 10.0;
    }
}

void tb_calib_add(tb_calib_result *c, double p, int met, tb_verdict v)
{
    if (met < 0)
        return;
    if (isnan(p)) {
        c->no_projection++;
        return;
    }
    met = met != 0;
    c->cases++;
    c->met += (size_t)met;
    c->brier_sum += (p - met) * (p - met);
    int b = p < TB_TARGET_P_LOW ? 0 : p < TB_TARGET_P_HIGH ? 1 : 2;
    c->band[b].n++;
    c->band[b].met += (size_t)met;
    c->band[b].sum_p += p;
    int d = p >= 1 ? 9 : p <= 0 ? 0 : (int)(p * 10);
    c->decile[d].n++;
    c->decile[d].met += (size_t)met;
    c->decile[d].sum_p += p;
    if ((int)v >= 0 && v <= TB_VERDICT_GEEN_OORDEEL) {
        c->verdict_n[v]++;
        c->verdict_met[v] += (size_t)met;
    }
}

void tb_calib_add_backtest(tb_calib_result *c, const tb_target_result *r)
{
    for (size_t i = 0; r && i < r->nbacktest; i++)
        tb_calib_add(c, r->backtest[i].p_met, r->backtest[i].met, r->backtest[i].verdict);
}

double tb_calib_brier(const tb_calib_result *c)
{
    return c->cases ? c->brier_sum / (double)c->cases : NAN;
}

double tb_calib_brier_base(const tb_calib_result *c)
{
    if (!c->cases)
        return NAN;
    double p = (double)c->met / (double)c->cases;
    return p * (1 - p);
}

const char *tb_calib_method_name(tb_calib_method m)
{
    static const char *names[] = {"calibrated", "model", "plain_pooled"};
    return (int)m >= 0 && m < TB_CALIB_NMETHODS ? names[m] : "?";
}

/* A P(target met) case: the rule from base year BASE, judged as of AS_OF. */
typedef struct {
    const tb_series *x;
    int base, as_of;
    double p[TB_CALIB_NMETHODS];
    int met, calibrated;
    tb_verdict verdict[TB_CALIB_NMETHODS];
} calib_job;

/* An interval case: series X at origin AS_OF, h = 1 .. TB_CALIB_HORIZONS
 * with the outcome (NaN when not observed or provisional). */
typedef struct {
    const tb_series *x;
    int as_of;
    double actual[TB_CALIB_HORIZONS];
    /* per method and horizon: 1 inside the 80% interval + 2 inside the
     * 95% interval; -1 no interval */
    signed char in[TB_CALIB_NMETHODS][TB_CALIB_HORIZONS];
} cover_job;

/* The observed years of X before its first provisional year. */
static size_t firm_years(const tb_series *x, int *yy, double *vv)
{
    size_t n = tb_series_observed(x, yy, vv), k = 0;
    while (k < n && !(tb_series_flags(x, yy[k]) & TB_FLAG_PROVISIONAL))
        k++;
    return k;
}

static int calib_series(const tb_series *x)
{
    return tb_measure_is_count(x->measure) && tb_errpool_covers(x->measure);
}

static int inside(double lo, double hi, double y)
{
    return !isnan(lo) && !isnan(hi) && y >= lo && y <= hi;
}

/* 1 when Y is inside the 80% interval of D, + 2 inside its 95% interval. */
static signed char dist_cover(const tb_errdist *d, double y)
{
    return (signed char)(inside(tb_errdist_quantile(d, 0.10), tb_errdist_quantile(d, 0.90), y) +
                         2 * inside(tb_errdist_quantile(d, 0.025),
                                    tb_errdist_quantile(d, 0.975), y));
}

/* Coverage of the three methods' intervals for one origin. */
static void cover_one(cover_job *c, const tb_calib_options *o,
                      const tb_errpool *const *plain, int *yy, double *vv, size_t n)
{
    tb_fit_options fo;
    tb_fit_options_init(&fo);
    fo.counts = 1;
    fo.horizon = c->as_of + TB_CALIB_HORIZONS;
    tb_fit *fit = NULL;
    tb_error e;
    if (tb_model_fit(o->model, yy, vv, n, &fo, &fit, &e) != TB_OK)
        fit = NULL;
    for (int h = 1; h <= TB_CALIB_HORIZONS; h++) {
        double y = c->actual[h - 1];
        for (int m = 0; m < TB_CALIB_NMETHODS; m++)
            c->in[m][h - 1] = -1;
        if (isnan(y))
            continue;
        tb_errdist d;
        if (tb_errdist_make(o->pools, o->npools, yy, vv, n, 1, h, c->as_of, &d))
            c->in[TB_CALIB_CALIBRATED][h - 1] = dist_cover(&d, y);
        if (tb_errdist_make(plain, 1, yy, vv, n, 1, h, c->as_of, &d))
            c->in[TB_CALIB_PLAIN][h - 1] = dist_cover(&d, y);
        const tb_forecast *f = fit ? tb_target_forecast_for_(fit, c->as_of + h) : NULL;
        if (f)
            c->in[TB_CALIB_MODEL][h - 1] =
                (signed char)(inside(f->lo80, f->hi80, y) + 2 * inside(f->lo95, f->hi95, y));
    }
    tb_fit_free(fit);
}

/* One P(target met) case for all three methods. */
static int case_one(calib_job *c, const tb_store *s, const tb_calib_options *o,
                    const tb_errpool *const *plain, int *yy, double *vv, size_t n)
{
    tb_target t;
    memset(&t, 0, sizeof t);
    t.id = (char *)"calibratie";
    t.description = t.source = (char *)"";
    t.region = (char *)c->x->region;
    t.indicator = (char *)c->x->indicator;
    t.measure = (char *)c->x->measure;
    t.kind = TB_TARGET_ANNUAL_REDUCTION_PCT;
    t.base_year = c->base;
    t.target_year = c->base + o->steps;
    t.value = o->rate_pct;
    t.stated_value = t.base_value = NAN;
    tb_target_options to;
    tb_target_options_init(&to);
    to.model = o->model;
    to.as_of = c->as_of;
    to.reach_years = 0; /* only the target year is asked for */
    to.pools = o->pools;
    to.npools = o->npools;
    tb_target_result *r = tb_target_result_new_(&t, c->as_of);
    if (!r || tb_target_evaluate_into_(&t, s, &to, r) != TB_OK) {
        tb_target_result_free(r);
        return -1;
    }
    c->calibrated = r->calibrated;
    c->met = tb_target_meets_(1, 0, tb_series_get(c->x, t.target_year), r->target_value);
    c->p[TB_CALIB_CALIBRATED] = r->calibrated ? r->p_met : NAN;
    c->p[TB_CALIB_MODEL] = r->p_met_model;
    c->verdict[TB_CALIB_CALIBRATED] = r->verdict;
    c->verdict[TB_CALIB_MODEL] = tb_target_verdict_for_p(r->p_met_model, r->n_obs);
    c->p[TB_CALIB_PLAIN] = NAN;
    tb_errdist d;
    size_t k = 0;
    while (k < n && yy[k] <= c->as_of)
        k++;
    if (tb_errdist_make(plain, 1, yy, vv, k, 1, t.target_year - yy[k - 1], c->as_of, &d))
        c->p[TB_CALIB_PLAIN] = tb_errdist_prob_le(&d, r->target_value);
    c->verdict[TB_CALIB_PLAIN] = tb_target_verdict_for_p(c->p[TB_CALIB_PLAIN], r->n_obs);
    tb_target_result_free(r);
    return 0;
}

/* One run of the calibration: its pools and its cases. */
typedef struct {
    tb_calib_options o;        /* pools: the options', else OWN */
    tb_errpool *plain, *own;
    const tb_errpool *own_chain[1], *plain_chain[1];
    calib_job *job;
    size_t njob, cap;
    cover_job *cov;
    size_t ncov, ccap;
    int nmax;                  /* the longest series */
} calib_run;

static void run_free(calib_run *run)
{
    free(run->job);
    free(run->cov);
    tb_errpool_free(run->plain);
    tb_errpool_free(run->own);
}

/* The pools: the plain method's always from the store; the calibrated
 * method's from the options, else from the store.  -1 on failure. */
static int make_pools(calib_run *run, const tb_store *s, tb_calib_report *out, tb_error *err)
{
    tb_point_method pm;
    tb_point_method_plain(&pm);
    run->plain = tb_errpool_new("plain", &pm);
    if (!run->plain || tb_errpool_add_store(run->plain, s, err) != TB_OK)
        return -1;
    run->plain_chain[0] = run->plain;
    if (!run->o.npools) {
        if (!(run->own = tb_errpool_new("store", NULL)) ||
            tb_errpool_add_store(run->own, s, err) != TB_OK)
            return -1;
        run->own_chain[0] = run->own;
        run->o.pools = run->own_chain;
        run->o.npools = 1;
    }
    out->pool_errors = tb_errpool_size(run->o.pools[0]);
    out->pool_series = tb_errpool_series(run->o.pools[0]);
    return 0;
}

/* The cases of series X (its firm years YY, VV, N): an interval case
 * from every origin, and a P case for every base year whose target year
 * is observed.  -1 when out of memory. */
static int series_cases(calib_run *run, const tb_series *x, const int *yy, const double *vv,
                        size_t n)
{
    const tb_calib_options *o = &run->o;
    int last = n ? yy[n - 1] : 0;
    for (size_t b = 0; b < n; b++) {
        if ((int)b + 1 < TB_TARGET_MIN_DECIDE || vv[b] < o->min_base)
            continue;
        /* intervals from this origin */
        if (TB_GROW(run->cov, run->ccap, run->ncov + 1, 1024) != 0)
            return -1;
        cover_job *c = &run->cov[run->ncov++];
        c->x = x;
        c->as_of = yy[b];
        for (int h = 1; h <= TB_CALIB_HORIZONS; h++) {
            int T = yy[b] + h;
            c->actual[h - 1] = T <= last ? tb_series_get(x, T) : NAN;
        }
        /* the rule from this base year */
        int B = yy[b], T = B + o->steps;
        if (T > last || isnan(tb_series_get(x, T)))
            continue;
        for (int A = B; A <= (o->origins ? T - 1 : B); A++) {
            if (TB_GROW(run->job, run->cap, run->njob + 1, 1024) != 0)
                return -1;
            run->job[run->njob++] = (calib_job){.x = x, .base = B, .as_of = A, .met = -1};
        }
    }
    return 0;
}

/* Every case, in store order.  -1 when out of memory. */
static int collect_cases(calib_run *run, const tb_store *s)
{
    run->nmax = 1;
    for (size_t i = 0; i < tb_store_size(s); i++)
        if (tb_store_at(s, i)->n > run->nmax)
            run->nmax = tb_store_at(s, i)->n;
    int *yy = malloc((size_t)run->nmax * sizeof *yy);
    double *vv = malloc((size_t)run->nmax * sizeof *vv);
    int rc = yy && vv ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < tb_store_size(s); i++) {
        const tb_series *x = tb_store_at(s, i);
        if (calib_series(x))
            rc = series_cases(run, x, yy, vv, firm_years(x, yy, vv));
    }
    free(yy);
    free(vv);
    return rc;
}

/* Evaluate every case, in parallel over cases.  -1 when out of memory. */
static int run_cases(calib_run *run, const tb_store *s)
{
    int failed = 0;
#pragma omp parallel
    {
        int *ty = malloc((size_t)run->nmax * sizeof *ty);
        double *tv = malloc((size_t)run->nmax * sizeof *tv);
        if (!ty || !tv) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp for schedule(dynamic, 8)
        for (size_t j = 0; j < run->njob; j++) {
            if (!ty || !tv)
                continue;
            size_t n = firm_years(run->job[j].x, ty, tv);
            if (case_one(&run->job[j], s, &run->o, run->plain_chain, ty, tv, n) < 0) {
#pragma omp atomic write
                failed = 1;
            }
        }
#pragma omp for schedule(dynamic, 8)
        for (size_t j = 0; j < run->ncov; j++) {
            if (!ty || !tv)
                continue;
            size_t n = firm_years(run->cov[j].x, ty, tv);
            while (n && ty[n - 1] > run->cov[j].as_of)
                n--;
            cover_one(&run->cov[j], &run->o, run->plain_chain, ty, tv, n);
        }
        free(ty);
        free(tv);
    }
    return failed ? -1 : 0;
}

/* The same cases for every method: those with all three P. */
static void tally_cases(const calib_run *run, tb_calib_report *out)
{
    const tb_series *prev = NULL;
    for (size_t j = 0; j < run->njob; j++) {
        const calib_job *c = &run->job[j];
        if (c->met < 0)
            continue;
        int all = 1;
        for (int m = 0; m < TB_CALIB_NMETHODS; m++)
            all &= !isnan(c->p[m]);
        if (!all) {
            if (!c->calibrated)
                out->uncalibrated++;
            else
                out->method[TB_CALIB_MODEL].no_projection++;
            continue;
        }
        for (int m = 0; m < TB_CALIB_NMETHODS; m++)
            tb_calib_add(&out->method[m], c->p[m], c->met, c->verdict[m]);
        if (c->x != prev) {
            for (int m = 0; m < TB_CALIB_NMETHODS; m++)
                out->method[m].series++;
            prev = c->x;
        }
    }
}

/* Interval coverage, on the origins and horizons all three methods cover. */
static void tally_cover(const calib_run *run, tb_calib_report *out)
{
    for (size_t j = 0; j < run->ncov; j++)
        for (int h = 0; h < TB_CALIB_HORIZONS; h++) {
            const cover_job *c = &run->cov[j];
            int all = 1;
            for (int m = 0; m < TB_CALIB_NMETHODS; m++)
                all &= c->in[m][h] >= 0;
            if (!all) {
                out->uncovered += c->in[TB_CALIB_CALIBRATED][h] < 0 && !isnan(c->actual[h]);
                continue;
            }
            for (int m = 0; m < TB_CALIB_NMETHODS; m++) {
                tb_calib_result *r = &out->method[m];
                r->cover[h].n++;
                r->cover[h].in80 += c->in[m][h] & 1;
                r->cover[h].in95 += (c->in[m][h] & 2) >> 1;
            }
        }
}

tb_status tb_target_calibrate(const tb_store *s, const tb_calib_options *o,
                              tb_calib_report *out, tb_error *err)
{
    tb_calib_options def;
    if (!o) {
        tb_calib_options_init(&def);
        o = &def;
    }
    memset(out, 0, sizeof *out);
    for (int m = 0; m < TB_CALIB_NMETHODS; m++)
        tb_calib_init(&out->method[m]);
    if (!s)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0, "calibration: no series store");
    if (!(o->rate_pct > 0 && o->rate_pct < 100) || o->steps < 1 || o->steps > 50)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "calibration: rule %g%% per year over %d years; expected a rate "
                            "between 0 and 100 and 1 to 50 years",
                            o->rate_pct, o->steps);
    if ((int)o->model < 0 || o->model >= TB_MODEL_COUNT_)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0, "unknown model kind %d", (int)o->model);
    calib_run run = {.o = *o};
    if (make_pools(&run, s, out, err) < 0 || collect_cases(&run, s) < 0 ||
        run_cases(&run, s) < 0) {
        run_free(&run);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "calibration: out of memory");
    }
    tally_cases(&run, out);
    tally_cover(&run, out);
    run_free(&run);
    return TB_OK;
}

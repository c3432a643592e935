/* Parallel fitting of every series in a store (OpenMP). */
#include "trendbeeld/batch.h"

#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "trendbeeld/load.h"
#include "trendbeeld/measure.h"

struct tb_batch {
    size_t n;
    tb_batch_result *r;
    size_t fitted, refused;
    int threads;
};

void tb_batch_options_init(tb_batch_options *o)
{
    memset(o, 0, sizeof *o);
    o->model = TB_MODEL_AUTO;
    tb_fit_options_init(&o->fit);
    o->target_pct = NAN;
}

/* The observed years of X and their values, without the years flagged
 * with any of SKIP. */
static size_t observed(const tb_series *x, unsigned skip, int *years, double *vals)
{
    size_t m = 0;
    for (int k = 0; k < x->n; k++)
        if (!(x->flags[k] & (TB_FLAG_MISSING | skip))) {
            years[m] = x->first_year + k;
            vals[m++] = x->value[k];
        }
    return m;
}

/* The calibrated median and intervals for each forecast year of F that
 * the pools cover, from the M observations up to the last one. */
static int calibrate(tb_batch_result *r, const tb_fit *f, const tb_batch_options *o,
                     const tb_series *x, const int *years, const double *vals, size_t m)
{
    if (!f->nforecast || !tb_errpool_covers(x->measure))
        return 0;
    r->calibrated = calloc(f->nforecast, sizeof *r->calibrated);
    if (!r->calibrated)
        return -1;
    int counts = tb_measure_is_count(x->measure), last = years[m - 1];
    for (size_t k = 0; k < f->nforecast; k++) {
        int y = f->forecast[k].year;
        tb_errdist d;
        if (!tb_errdist_make(o->pools, o->npools, years, vals, m, counts, y - last, last, &d))
            continue;
        r->calibrated[r->ncalibrated++] = (tb_forecast){
            .year = y,
            .mean = tb_errdist_median(&d),
            .lo80 = tb_errdist_quantile(&d, 0.10),
            .hi80 = tb_errdist_quantile(&d, 0.90),
            .lo95 = tb_errdist_quantile(&d, 0.025),
            .hi95 = tb_errdist_quantile(&d, 0.975),
        };
    }
    return 0;
}

tb_status tb_batch_fit_one(const tb_series *x, const tb_batch_options *o, int *years,
                           double *vals, tb_batch_result *r)
{
    memset(r, 0, sizeof *r);
    r->series = x;
    r->model = o->model;
    r->slope = r->annual_pct = NAN;
    r->target_value = r->p_target = r->mean_target = NAN;
    size_t m = observed(x, o->skip_flags, years, vals);
    r->n = (int)m;
    if (m == 0) {
        r->status = TB_EMODEL;
        r->reason = strdup("no observed values: nothing to fit");
        return r->reason ? TB_OK : TB_ENOMEM;
    }
    tb_fit_options fo = o->fit;
    if (o->counts_by_measure)
        fo.counts = tb_measure_is_count(x->measure);
    tb_fit *f = NULL;
    tb_error e = {0};
    tb_status st = tb_model_fit(o->model, years, vals, m, &fo, &f, &e);
    if (st != TB_OK) {
        tb_fit_free(f);
        r->status = st;
        r->reason = strdup(e.msg[0] ? e.msg : "the model could not be fitted");
        return st == TB_ENOMEM || !r->reason ? TB_ENOMEM : TB_OK;
    }
    r->status = TB_OK;
    r->model = f->model;
    r->slope = f->slope;
    r->annual_pct = f->annual_pct;
    if (!isnan(o->target_pct)) {
        int T = o->target_year;
        if (!T && f->nforecast)
            T = f->forecast[f->nforecast - 1].year;
        if (T) {
            /* c = y_last (1 + pct/100)^(T - last observed year) */
            r->target_year = T;
            r->target_value = vals[m - 1] * pow(1 + o->target_pct / 100, T - years[m - 1]);
            r->p_target = tb_fit_prob_le(f, T, r->target_value);
            for (size_t k = 0; k < f->nforecast; k++)
                if (f->forecast[k].year == T)
                    r->mean_target = f->forecast[k].mean;
        }
    }
    if (o->keep_fits && o->npools && calibrate(r, f, o, x, years, vals, m) < 0) {
        tb_fit_free(f);
        return TB_ENOMEM;
    }
    if (o->keep_fits)
        r->fit = f;
    else
        tb_fit_free(f);
    return TB_OK;
}

tb_status tb_batch_fit(const tb_store *s, const tb_batch_options *o,
                       tb_batch **out, tb_error *err)
{
    *out = NULL;
    if ((unsigned)o->model >= TB_MODEL_COUNT_)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "unknown model kind %d", (int)o->model);
    if (o->threads < 0)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "threads %d invalid; expected 0 (all cores) or more",
                            o->threads);
    if (!isnan(o->target_pct) && !(o->target_pct > -100 && isfinite(o->target_pct)))
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "target change %g%% per year invalid; expected more than -100",
                            o->target_pct);
    size_t n = tb_store_size(s);
    tb_batch *b = calloc(1, sizeof *b);
    if (!b || !(b->r = calloc(n ? n : 1, sizeof *b->r))) {
        free(b);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    }
    b->n = n;
    int maxn = 1;
    for (size_t i = 0; i < n; i++)
        if (tb_store_at(s, i)->n > maxn)
            maxn = tb_store_at(s, i)->n;
    /* GSL's default handler aborts; the models map its status codes. */
    gsl_set_error_handler_off();

    int nt = o->threads > 0 ? o->threads : omp_get_max_threads();
    int nomem = 0, used = 1;
    size_t done = 0, step = n / 200 + 1;
#pragma omp parallel num_threads(nt)
    {
#pragma omp single
        used = omp_get_num_threads();
        /* per-thread scratch, reused for every series */
        int *years = malloc((size_t)maxn * sizeof *years);
        double *vals = malloc((size_t)maxn * sizeof *vals);
        if (!years || !vals) {
#pragma omp atomic write
            nomem = 1;
        }
        size_t reported = 0;
#pragma omp for schedule(dynamic, 8)
        for (size_t i = 0; i < n; i++) {
            int stop;
#pragma omp atomic read
            stop = nomem;
            if (stop)
                continue;
            const tb_series *x = tb_store_at(s, i);
            if (o->measure && strcmp(x->measure, o->measure) != 0) {
                b->r[i].status = TB_EINVAL; /* skipped: series stays NULL */
                continue;
            }
            if (tb_batch_fit_one(x, o, years, vals, &b->r[i]) == TB_ENOMEM) {
#pragma omp atomic write
                nomem = 1;
            }
            size_t d;
#pragma omp atomic capture
            d = ++done;
            if (o->progress && omp_get_thread_num() == 0 && d - reported >= step) {
                reported = d;
                o->progress(d, n, o->progress_ctx);
            }
        }
        free(years);
        free(vals);
    }
    if (nomem) {
        tb_batch_free(b);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0,
                            "out of memory while fitting %zu series", n);
    }
    if (o->progress)
        o->progress(n, n, o->progress_ctx);
    b->threads = used;
    for (size_t i = 0; i < n; i++) {
        if (!b->r[i].series)
            continue;
        if (b->r[i].status == TB_OK)
            b->fitted++;
        else
            b->refused++;
    }
    *out = b;
    return TB_OK;
}

void tb_batch_result_clear(tb_batch_result *r)
{
    free(r->reason);
    tb_fit_free(r->fit);
    free(r->calibrated);
    r->reason = NULL;
    r->fit = NULL;
    r->calibrated = NULL;
    r->ncalibrated = 0;
}

void tb_batch_free(tb_batch *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++)
        tb_batch_result_clear(&b->r[i]);
    free(b->r);
    free(b);
}

size_t tb_batch_size(const tb_batch *b)
{
    return b->n;
}

const tb_batch_result *tb_batch_at(const tb_batch *b, size_t i)
{
    return i < b->n ? &b->r[i] : NULL;
}

size_t tb_batch_fitted(const tb_batch *b)
{
    return b->fitted;
}

size_t tb_batch_refused(const tb_batch *b)
{
    return b->refused;
}

int tb_batch_threads(const tb_batch *b)
{
    return b->threads;
}

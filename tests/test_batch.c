/* Batch fitting: the same numbers, bit for bit, whatever the number of
 * threads; every series gets a fit or a recorded refusal. */
#include "tb_test.h"

#include <stdint.h>
#include <string.h>

#include "trendbeeld/batch.h"
#include "trendbeeld/generate.h"
#include "trendbeeld/models.h"
#include "trendbeeld/store.h"

/* Bitwise equality of doubles (NaN payloads included). */
static int same_bits(double a, double b)
{
    uint64_t x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    return x == y;
}

#define assert_same(a, b)                                                      \
    do {                                                                       \
        if (!same_bits((a), (b))) {                                            \
            print_error("%s: %.17g != %.17g\n", #a, (double)(a), (double)(b)); \
            fail();                                                            \
        }                                                                      \
    } while (0)

static void assert_same_str(const char *a, const char *b)
{
    if (!a || !b)
        assert_true(a == b);
    else
        assert_string_equal(a, b);
}

static void assert_same_fit(const tb_fit *f, const tb_fit *g)
{
    assert_int_equal(f->model, g->model);
    assert_int_equal(f->n, g->n);
    assert_int_equal(f->converged, g->converged);
    const double a[] = {f->intercept, f->slope, f->se_intercept, f->se_slope, f->alpha,
                        f->beta, f->phi, f->theta, f->se_theta, f->level_n, f->trend_n,
                        f->r2, f->sigma, f->deviance, f->dispersion, f->aicc, f->sse,
                        f->loglik, f->annual_pct};
    const double b[] = {g->intercept, g->slope, g->se_intercept, g->se_slope, g->alpha,
                        g->beta, g->phi, g->theta, g->se_theta, g->level_n, g->trend_n,
                        g->r2, g->sigma, g->deviance, g->dispersion, g->aicc, g->sse,
                        g->loglik, g->annual_pct};
    for (size_t k = 0; k < sizeof a / sizeof *a; k++)
        assert_same(a[k], b[k]);
    assert_int_equal(f->nforecast, g->nforecast);
    for (size_t k = 0; k < f->nforecast; k++) {
        assert_int_equal(f->forecast[k].year, g->forecast[k].year);
        assert_same(f->forecast[k].mean, g->forecast[k].mean);
        assert_same(f->forecast[k].lo80, g->forecast[k].lo80);
        assert_same(f->forecast[k].hi80, g->forecast[k].hi80);
        assert_same(f->forecast[k].lo95, g->forecast[k].lo95);
        assert_same(f->forecast[k].hi95, g->forecast[k].hi95);
    }
    assert_int_equal(f->nwarnings, g->nwarnings);
    for (size_t k = 0; k < f->nwarnings; k++)
        assert_string_equal(f->warnings[k], g->warnings[k]);
    assert_same_str(f->reason, g->reason);
    assert_int_equal(!f->trend, !g->trend);
    if (f->trend) {
        assert_same(f->trend->S, g->trend->S);
        assert_same(f->trend->p, g->trend->p);
        assert_same(f->trend->sen_slope, g->trend->sen_slope);
        assert_same(f->trend->sen_lo95, g->trend->sen_lo95);
    }
}

static void assert_same_result(const tb_batch_result *r, const tb_batch_result *q)
{
    assert_ptr_equal(r->series, q->series);
    assert_int_equal(r->status, q->status);
    assert_same_str(r->reason, q->reason);
    assert_int_equal(r->model, q->model);
    assert_int_equal(r->n, q->n);
    assert_same(r->slope, q->slope);
    assert_same(r->annual_pct, q->annual_pct);
    assert_int_equal(r->target_year, q->target_year);
    assert_same(r->target_value, q->target_value);
    assert_same(r->p_target, q->p_target);
    assert_same(r->mean_target, q->mean_target);
    assert_int_equal(!r->fit, !q->fit);
    if (r->fit)
        assert_same_fit(r->fit, q->fit);
}

/* A generated national-style store: NSERIES series (gemeenten x 58
 * offences), yearly 2012-2023, mixed Poisson/NB, 3% of cells missing, so
 * there are gaps, zeros (rare offences) and shorter series. */
static tb_store *generated_store(size_t nseries)
{
    tb_gen_options o;
    tb_gen_options_init(&o);
    o.nseries = nseries;
    o.missing = 0.03;
    o.seed = 2024;
    tb_store *s = tb_store_new();
    tb_error err = {0};
    assert_int_equal(tb_gen_store(&o, s, &err), TB_OK);
    return s;
}

/* Every series: a fit, or a refusal with its reason. */
static void assert_complete(const tb_store *s, const tb_batch *b, int keep)
{
    assert_int_equal(tb_batch_size(b), tb_store_size(s));
    size_t ok = 0, refused = 0;
    for (size_t i = 0; i < tb_batch_size(b); i++) {
        const tb_batch_result *r = tb_batch_at(b, i);
        assert_ptr_equal(r->series, tb_store_at(s, i));
        if (r->status == TB_OK) {
            ok++;
            assert_null(r->reason);
            assert_int_equal(!!r->fit, keep);
        } else {
            refused++;
            assert_non_null(r->reason);
            assert_true(strlen(r->reason) > 0);
            assert_null(r->fit);
        }
    }
    assert_int_equal(ok, tb_batch_fitted(b));
    assert_int_equal(refused, tb_batch_refused(b));
    assert_int_equal(ok + refused, tb_store_size(s));
    assert_null(tb_batch_at(b, tb_batch_size(b)));
}

static void test_threads_identical_every_model(void **state)
{
    (void)state;
    tb_store *s = generated_store(240);
    for (int k = 0; k < TB_MODEL_COUNT_; k++) {
        tb_batch_options o;
        tb_batch_options_init(&o);
        o.model = (tb_model_kind)k;
        o.keep_fits = 1;
        o.target_pct = -5;
        o.fit.counts = 1;
        tb_batch *b[3];
        tb_error err = {0};
        const int threads[3] = {1, 2, 0};
        for (int t = 0; t < 3; t++) {
            o.threads = threads[t];
            assert_int_equal(tb_batch_fit(s, &o, &b[t], &err), TB_OK);
            assert_complete(s, b[t], 1);
        }
        assert_int_equal(tb_batch_threads(b[0]), 1);
        assert_int_equal(tb_batch_threads(b[1]), 2);
        for (size_t i = 0; i < tb_store_size(s); i++) {
            assert_same_result(tb_batch_at(b[0], i), tb_batch_at(b[1], i));
            assert_same_result(tb_batch_at(b[0], i), tb_batch_at(b[2], i));
        }
        for (int t = 0; t < 3; t++)
            tb_batch_free(b[t]);
    }
    tb_store_free(s);
}

/* One series at a time (a streaming caller) gives what the batch gives:
 * every model, with a target, on a store with gaps, zeros and refusals. */
static void test_fit_one_as_batch(void **state)
{
    (void)state;
    tb_store *s = generated_store(120);
    int years[64];
    double vals[64];
    for (int k = 0; k < TB_MODEL_COUNT_; k++) {
        tb_batch_options o;
        tb_batch_options_init(&o);
        o.model = (tb_model_kind)k;
        o.keep_fits = 1;
        o.target_pct = -5;
        o.counts_by_measure = 1;
        o.skip_flags = TB_FLAG_SUSPECT;
        tb_batch *b;
        tb_error err = {0};
        assert_int_equal(tb_batch_fit(s, &o, &b, &err), TB_OK);
        for (size_t i = 0; i < tb_store_size(s); i++) {
            tb_batch_result r;
            memset(&r, 0xA5, sizeof r); /* whatever was there before */
            assert_true(tb_store_at(s, i)->n <= 64);
            assert_int_equal(tb_batch_fit_one(tb_store_at(s, i), &o, years, vals, &r), TB_OK);
            assert_same_result(&r, tb_batch_at(b, i));
            tb_batch_result_clear(&r);
            assert_null(r.fit);
            assert_null(r.reason);
        }
        tb_batch_free(b);
    }
    tb_store_free(s);
}

/* A result follows the series, not its position or the thread: the same
 * series in a store filled in another order gets the same numbers. */
static void test_result_follows_key_not_position(void **state)
{
    (void)state;
    tb_store *s = generated_store(200);
    tb_store *r = tb_store_new();
    for (size_t i = tb_store_size(s); i-- > 0;) {
        tb_series *x = tb_store_at(s, i);
        for (int t = 0; t < x->n; t++)
            assert_int_equal(tb_store_put(r, x->region, x->indicator, x->measure,
                                          x->first_year + t, x->value[t], 0, NULL, NULL,
                                          NULL, NULL), TB_OK);
    }
    const tb_model_kind kinds[] = {TB_MODEL_NEGBIN, TB_MODEL_POISSON, TB_MODEL_AUTO,
                                   TB_MODEL_LINEAR};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        tb_batch_options o;
        tb_batch_options_init(&o);
        o.model = kinds[k];
        o.target_pct = -5;
        o.keep_fits = 1;
        o.fit.counts = 1;
        tb_batch *a, *b;
        tb_error err = {0};
        o.threads = 2;
        assert_int_equal(tb_batch_fit(s, &o, &a, &err), TB_OK);
        o.threads = 1;
        assert_int_equal(tb_batch_fit(r, &o, &b, &err), TB_OK);
        size_t n = tb_store_size(s);
        for (size_t i = 0; i < n; i++) {
            const tb_batch_result *x = tb_batch_at(a, i), *y = tb_batch_at(b, n - 1 - i);
            assert_string_equal(x->series->region, y->series->region);
            assert_string_equal(x->series->indicator, y->series->indicator);
            assert_int_equal(x->status, y->status);
            assert_same(x->p_target, y->p_target);
            if (x->fit)
                assert_same_fit(x->fit, y->fit);
        }
        tb_batch_free(a);
        tb_batch_free(b);
    }
    tb_store_free(r);
    tb_store_free(s);
}

/* Loglinear refuses series with a zero; each refusal is recorded with the
 * model's reason, and the count matches the zeros in the data. */
static void test_refusals_recorded(void **state)
{
    (void)state;
    tb_store *s = generated_store(600);
    /* one series with no observed year at all */
    assert_int_equal(tb_store_put(s, "GM9999", "1.1.1", TB_GEN_MEASURE, 2012, NAN, 0, NULL,
                                  NULL, NULL, NULL), TB_OK);
    size_t with_zero = 0;
    for (size_t i = 0; i < tb_store_size(s); i++) {
        tb_series *x = tb_store_at(s, i);
        int zero = 0;
        for (int t = 0; t < x->n; t++)
            zero |= x->value[t] == 0;
        with_zero += zero;
    }
    /* rare offences in small gemeenten: some zeros are certain at this scale */
    assert_true(with_zero > 10);
    tb_batch_options o;
    tb_batch_options_init(&o);
    o.model = TB_MODEL_LOGLINEAR;
    o.threads = 2;
    tb_batch *b;
    tb_error err = {0};
    assert_int_equal(tb_batch_fit(s, &o, &b, &err), TB_OK);
    assert_complete(s, b, 0);
    assert_int_equal(tb_batch_refused(b), with_zero + 1);
    const tb_batch_result *last = tb_batch_at(b, tb_store_size(s) - 1);
    assert_int_equal(last->status, TB_EMODEL);
    assert_string_equal(last->reason, "no observed values: nothing to fit");
    assert_int_equal(last->n, 0);
    for (size_t i = 0; i + 1 < tb_store_size(s); i++) {
        const tb_batch_result *r = tb_batch_at(b, i);
        if (r->status != TB_OK) {
            assert_int_equal(r->status, TB_EMODEL);
            assert_true(isnan(r->slope));
        } else {
            assert_false(isnan(r->slope));
            /* no target asked: none reported */
            assert_true(isnan(r->p_target));
            assert_int_equal(r->target_year, 0);
        }
    }
    tb_batch_free(b);
    tb_store_free(s);
}

/* The target check by hand: series 100, 96, 91, 88, 85 (2011-2015), linear,
 * horizon 2020, -5%/year from the last year: c = 85 * 0.7737809375 = 65.7713796875,
 * and P(Y_2020 <= c) is the fit's own tb_fit_prob_le. */
static void test_target_evaluation(void **state)
{
    (void)state;
    tb_store *s = tb_store_new();
    const double y[] = {100, 96, 91, 88, 85};
    int year[5];
    for (int t = 0; t < 5; t++) {
        year[t] = 2011 + t;
        tb_store_put(s, "PV21", "1.1.1", "aangiften", 2011 + t, y[t], 0, NULL, NULL, NULL, NULL);
    }
    tb_batch_options o;
    tb_batch_options_init(&o);
    o.model = TB_MODEL_LINEAR;
    o.fit.horizon = 2020;
    o.target_pct = -5;
    tb_batch *b;
    tb_error err = {0};
    assert_int_equal(tb_batch_fit(s, &o, &b, &err), TB_OK);
    const tb_batch_result *r = tb_batch_at(b, 0);
    assert_int_equal(r->status, TB_OK);
    assert_int_equal(r->target_year, 2020);
    assert_close(r->target_value, 85 * pow(0.95, 5), 1e-15);
    assert_close(r->target_value, 65.7713796875, 1e-12);
    tb_fit *f;
    assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, year, y, 5, &o.fit, &f, &err), TB_OK);
    assert_same(r->p_target, tb_fit_prob_le(f, 2020, r->target_value));
    assert_same(r->mean_target, f->forecast[f->nforecast - 1].mean);
    /* slope by hand: sum (t - 2)(y - 92) / 10 = (-16 - 4 + 0 - 4 - 14) / 10 */
    assert_close(r->slope, -3.8, 1e-12);
    /* intercept 92 + 3.8 * 2 = 99.6 in 2011; the line reaches
     * 99.6 - 3.8 * 9 = 65.4 in 2020, just below c; residuals 0.4, 0.2, -1,
     * -0.2, 0.6 give s^2 = 1.6 / 3 and a predictive sd of
     * sqrt(s^2 (1 + 1/5 + 49/10)) = 1.80, so P = F_t3(0.37 / 1.80) = 0.58 */
    assert_close(r->mean_target, 65.4, 1e-12);
    assert_true(r->p_target > 0.55 && r->p_target < 0.61);
    tb_fit_free(f);
    tb_batch_free(b);

    o.target_year = 2017; /* an explicit year: c = 85 * 0.95^2 */
    assert_int_equal(tb_batch_fit(s, &o, &b, &err), TB_OK);
    assert_close(tb_batch_at(b, 0)->target_value, 76.7125, 1e-12);
    assert_close(tb_batch_at(b, 0)->mean_target, 99.6 - 3.8 * 6, 1e-12);
    tb_batch_free(b);
    tb_store_free(s);
}

static void progress(size_t done, size_t total, void *ctx)
{
    size_t *last = ctx;
    assert_true(done <= total);
    assert_true(done >= *last);
    *last = done;
}

static void test_measure_filter_and_progress(void **state)
{
    (void)state;
    tb_store *s = tb_store_new();
    for (int t = 0; t < 6; t++) {
        tb_store_put(s, "GM0080", "1.1.1", "aangiften", 2010 + t, 50 - t, 0, NULL, NULL, NULL, NULL);
        tb_store_put(s, "GM0080", "1.1.1", "verdachten", 2010 + t, 9 + t % 2, 0, NULL, NULL, NULL, NULL);
        tb_store_put(s, "GM0086", "1.1.1", "aangiften", 2010 + t, 70 + t, 0, NULL, NULL, NULL, NULL);
    }
    tb_batch_options o;
    tb_batch_options_init(&o);
    o.model = TB_MODEL_LINEAR;
    o.measure = "aangiften";
    size_t last = 0;
    o.progress = progress;
    o.progress_ctx = &last;
    tb_batch *b;
    tb_error err = {0};
    assert_int_equal(tb_batch_fit(s, &o, &b, &err), TB_OK);
    assert_int_equal(last, 3);
    assert_int_equal(tb_batch_fitted(b), 2);
    assert_int_equal(tb_batch_refused(b), 0);
    assert_null(tb_batch_at(b, 1)->series); /* verdachten: skipped */
    assert_close(tb_batch_at(b, 0)->slope, -1, 1e-12);
    assert_close(tb_batch_at(b, 2)->slope, 1, 1e-12);
    tb_batch_free(b);
    tb_store_free(s);
}

/* skip_flags leaves out the years flagged so (a 0 that is probably "no
 * data"), counts_by_measure keeps forecasts of counts at 0 or more but
 * lets a percentage go below 0. */
static void test_skip_flags_and_counts_by_measure(void **state)
{
    (void)state;
    tb_store *s = tb_store_new();
    /* 2010-2014: 40, 30, 20, 0 (suspect), 10 */
    const double y[] = {40, 30, 20, 0, 10};
    for (int t = 0; t < 5; t++)
        tb_store_put(s, "GM0080", "1.1.1", "aangiften", 2010 + t, y[t],
                     t == 3 ? TB_FLAG_SUSPECT : 0, NULL, NULL, NULL, NULL);
    /* exactly 40 - 10 t for 2010-2013, as a count and as a percentage */
    for (int t = 0; t < 4; t++) {
        tb_store_put(s, "GM0086", "1.1.1", "aangiften", 2010 + t, 40 - 10 * t, 0, NULL, NULL,
                     NULL, NULL);
        tb_store_put(s, "GM0086", "1.1.1", "pct_opgehelderd", 2010 + t, 40 - 10 * t, 0, NULL,
                     NULL, NULL, NULL);
    }
    tb_batch_options o;
    tb_batch_options_init(&o);
    o.model = TB_MODEL_LINEAR;
    o.keep_fits = 1;
    tb_batch *b;
    tb_error err = {0};
    assert_int_equal(tb_batch_fit(s, &o, &b, &err), TB_OK);
    /* the suspect 0 fitted: t = 0..4, sum (t - 2)(y - 20) = -40 - 10 - 20 - 20
     * = -90 over sum (t - 2)^2 = 10 */
    assert_int_equal(tb_batch_at(b, 0)->n, 5);
    assert_close(tb_batch_at(b, 0)->slope, -9, 1e-12);
    /* fit.counts = 0 for all: 2014 is t = 4, 40 - 40 = 0; 2015: -10 */
    const tb_fit *count = tb_batch_at(b, 1)->fit;
    assert_string_equal(tb_batch_at(b, 2)->series->measure, "pct_opgehelderd");
    assert_close(count->forecast[1].mean, -10, 1e-12);
    tb_batch_free(b);

    o.skip_flags = TB_FLAG_SUSPECT;
    o.counts_by_measure = 1;
    assert_int_equal(tb_batch_fit(s, &o, &b, &err), TB_OK);
    /* without 2013: t = 0, 1, 2, 4, mean t 1.75, mean y 25;
     * sum (t - 1.75)(y - 25) = -26.25 - 3.75 - 1.25 - 33.75 = -65 over
     * sum (t - 1.75)^2 = 8.75: slope -52/7 */
    assert_int_equal(tb_batch_at(b, 0)->n, 4);
    assert_close(tb_batch_at(b, 0)->slope, -52.0 / 7, 1e-12);
    count = tb_batch_at(b, 1)->fit;
    const tb_fit *pct = tb_batch_at(b, 2)->fit;
    assert_int_equal(count->forecast[1].year, 2015);
    assert_exact(count->forecast[1].mean, 0); /* a count: not below 0 */
    assert_close(pct->forecast[1].mean, -10, 1e-12);
    tb_batch_free(b);
    tb_store_free(s);
}

static void test_bad_options(void **state)
{
    (void)state;
    tb_store *s = tb_store_new();
    tb_batch_options o;
    tb_batch *b = (tb_batch *)1;
    tb_error err = {0};
    tb_batch_options_init(&o);
    o.threads = -1;
    assert_int_equal(tb_batch_fit(s, &o, &b, &err), TB_EINVAL);
    assert_null(b);
    assert_string_equal(err.msg, "threads -1 invalid; expected 0 (all cores) or more");
    tb_batch_options_init(&o);
    o.model = TB_MODEL_COUNT_;
    assert_int_equal(tb_batch_fit(s, &o, &b, &err), TB_EINVAL);
    tb_batch_options_init(&o);
    o.target_pct = -100;
    assert_int_equal(tb_batch_fit(s, &o, &b, &err), TB_EINVAL);
    assert_string_equal(err.msg, "target change -100% per year invalid; expected more than -100");
    /* an empty store is fine */
    tb_batch_options_init(&o);
    assert_int_equal(tb_batch_fit(s, &o, &b, &err), TB_OK);
    assert_int_equal(tb_batch_size(b), 0);
    tb_batch_free(b);
    tb_batch_free(NULL);
    tb_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_identical_every_model),
        cmocka_unit_test(test_fit_one_as_batch),
        cmocka_unit_test(test_result_follows_key_not_position),
        cmocka_unit_test(test_refusals_recorded),
        cmocka_unit_test(test_target_evaluation),
        cmocka_unit_test(test_measure_filter_and_progress),
        cmocka_unit_test(test_skip_flags_and_counts_by_measure),
        cmocka_unit_test(test_bad_options),
    };
    return cmocka_run_group_tests_name("batch", tests, NULL, NULL);
}

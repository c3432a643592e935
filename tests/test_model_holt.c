/* Holt and damped Holt against R: stats::HoltWinters and
 * forecast::holt(initial = "simple") with alpha = 0.5, beta = 0.3, and
 * the optimised forecast::holt fits (ets engine and HoltWintersZZ
 * fallback) on every series of the R reference set. */
#include "tb_test.h"

#include <string.h>

#include "trendbeeld/models.h"
#include "../src/models_test.h" /* engine values checked against R */

#include "tb_reference.h"

/* ---- tests ---- */

static int check_fixed(const char *prefix, int conv)
{
    int fails = 0;
    for (size_t s = 0; s < nrefs; s++) {
        const ref_series *x = &refs[s];
        tb_fit_options o;
        tb_fit_options_init(&o);
        o.holt_fixed = conv;
        o.alpha = 0.5;
        o.beta = 0.3;
        tb_fit *f = NULL;
        tb_error err;
        assert_int_equal(tb_model_fit(TB_MODEL_HOLT, x->year, x->y, x->n, &o, &f, &err), TB_OK);
        assert_int_equal(tb_holt_engine_(f), 0);
        double scale = fabs(x->y[0]) + 1, atol = 1e-9 * scale;
        char q[96];
        snprintf(q, sizeof q, "%s.sse", prefix);
        fails += check(x->id, q, f->sse, 1e-9, atol * scale);
        snprintf(q, sizeof q, "%s.level_n", prefix);
        fails += check(x->id, q, f->level_n, 1e-9, atol);
        snprintf(q, sizeof q, "%s.trend_n", prefix);
        fails += check(x->id, q, f->trend_n, 1e-9, atol);
        for (int h = 1; h <= 5; h++) {
            snprintf(q, sizeof q, "%s.fc.h%d", prefix, h);
            fails += check(x->id, q, f->forecast[h - 1].mean, 1e-9, atol);
        }
        double fit[sizeof x->y / sizeof x->y[0]];
        tb_fit_fitted(f, x->year, (size_t)x->n, fit);
        for (int i = conv == TB_HOLT_FIXED_T1 ? 1 : 0; i < x->n; i++) {
            snprintf(q, sizeof q, "%s.fit.%d", prefix, x->year[i]);
            fails += check(x->id, q, fit[i], 1e-9, atol);
        }
        if (conv == TB_HOLT_FIXED_T1)
            assert_true(isnan(fit[0]));
        tb_fit_free(f);
    }
    return fails;
}

static void test_fixed_t1_is_holtwinters(void **state)
{
    (void)state;
    assert_int_equal(check_fixed("holt_fixed", TB_HOLT_FIXED_T1), 0);
    assert_all_used("holt_fixed.");
}

static void test_fixed_t0_is_forecast_simple(void **state)
{
    (void)state;
    assert_int_equal(check_fixed("holt_fixed_t0", TB_HOLT_FIXED_T0), 0);
    assert_all_used("holt_fixed_t0.");
}

/* Given R's parameters, everything else is deterministic: 1e-9. */
static int check_given(const char *prefix, tb_model_kind kind)
{
    int fails = 0;
    char q[96];
    for (size_t s = 0; s < nrefs; s++) {
        const ref_series *x = &refs[s];
        snprintf(q, sizeof q, "%s.engine", prefix);
        ref_value *eng = ref_find(x->id, q);
        if (!eng)
            continue;
        double par[5];
        const char *names[5] = {"alpha", "beta", "phi", "l0", "b0"};
        for (int k = 0; k < 5; k++) {
            snprintf(q, sizeof q, "%s.%s", prefix, names[k]);
            ref_value *r = ref_find(x->id, q);
            assert_non_null(r);
            r->used = 1;
            par[k] = r->v;
        }
        eng->used = 1;
        tb_fit *f = NULL;
        tb_error err;
        assert_int_equal(tb_holt_given_(kind, (int)eng->v, x->year, x->y, x->n, par[0],
                                        par[1], par[2], par[3], par[4], NULL, &f, &err),
                         TB_OK);
        double scale = fabs(x->y[0]) + 1, atol = 1e-9 * scale;
        snprintf(q, sizeof q, "%s.sse", prefix);
        fails += check(x->id, q, f->sse, 1e-9, atol * scale);
        snprintf(q, sizeof q, "%s.sigma2", prefix);
        fails += check(x->id, q, f->sigma * f->sigma, 1e-9, atol * scale);
        snprintf(q, sizeof q, "%s.loglik", prefix);
        if (ref_find(x->id, q))
            fails += check(x->id, q, f->loglik, 1e-9, 1e-9);
        for (int h = 1; h <= 5; h++) {
            const tb_forecast *fc = &f->forecast[h - 1];
            const char *part[5] = {"mean", "pi80_lo", "pi80_hi", "pi95_lo", "pi95_hi"};
            double got[5] = {fc->mean, fc->lo80, fc->hi80, fc->lo95, fc->hi95};
            for (int k = 0; k < 5; k++) {
                snprintf(q, sizeof q, "%s.fc.h%d.%s", prefix, h, part[k]);
                fails += check(x->id, q, got[k], 1e-9, atol);
            }
        }
        tb_fit_free(f);
    }
    return fails;
}

static void test_holt_given_parameters(void **state)
{
    (void)state;
    assert_int_equal(check_given("holt_opt", TB_MODEL_HOLT), 0);
    assert_int_equal(check_given("holt_damped", TB_MODEL_HOLT_DAMPED), 0);
    assert_all_used("holt_opt.");
    assert_all_used("holt_damped.");
}

/* Our own optimum: same engine and an SSE no worse than R's (1e-6).
 * Where both reach the same minimum (SSE within 1e-4), the forecasts
 * agree to 1e-3.  R's Nelder-Mead over (alpha, beta, phi, l0, b0) often
 * stops early, mostly with alpha and beta at 1e-4 and l0, b0 not yet at
 * their best values: given R's own alpha and beta, the least-squares
 * states lower the SSE (syn10 by 7%, syn31 by 8%).  There our fit is the
 * better one and its forecasts differ from R's; those series are counted
 * and printed. */
static void check_optimised(const char *prefix, tb_model_kind kind, int want_lower)
{
    char q[96];
    double worst = 0;
    const char *worst_id = "";
    int lower = 0;
    for (size_t s = 0; s < nrefs; s++) {
        const ref_series *x = &refs[s];
        snprintf(q, sizeof q, "%s.engine", prefix);
        ref_value *eng = ref_find(x->id, q);
        if (!eng)
            continue;
        tb_fit *f = NULL;
        tb_error err;
        assert_int_equal(tb_model_fit(kind, x->year, x->y, x->n, NULL, &f, &err), TB_OK);
        assert_int_equal(tb_holt_engine_(f), (int)eng->v);
        snprintf(q, sizeof q, "%s.sse", prefix);
        double ref_sse = ref_find(x->id, q)->v;
        if (!(f->sse <= ref_sse * (1 + 1e-6) + 1e-9)) {
            print_error("%s %s: SSE %.12g, R %.12g\n", x->id, prefix, f->sse, ref_sse);
            fail();
        }
        snprintf(q, sizeof q, "%s.phi", prefix);
        if (ref_find(x->id, q)->v == 1)
            assert_exact(f->phi, 1);
        else
            assert_true(f->phi >= 0.8 && f->phi <= 0.98);
        if ((int)eng->v == 1)
            assert_true(f->beta <= f->alpha && f->alpha >= 1e-4 && f->alpha <= 0.9999);
        int same = f->sse >= ref_sse * (1 - 1e-4);
        if (!same) {
            lower++;
            printf("%s %s: SSE %.10g below R's %.10g by %.2g%% (R stopped early)\n", prefix,
                   x->id, f->sse, ref_sse, 100 * (1 - f->sse / ref_sse));
        }
        for (int h = 1; h <= 5 && same; h++) {
            snprintf(q, sizeof q, "%s.fc.h%d.mean", prefix, h);
            double r = ref_find(x->id, q)->v;
            double d = fabs(f->forecast[h - 1].mean - r) / fabs(r);
            if (d > worst)
                worst = d, worst_id = x->id;
        }
        tb_fit_free(f);
    }
    printf("%s: same minimum as R: largest relative forecast difference %.3g (%s)\n",
           prefix, worst, worst_id);
    assert_true(worst < 1e-3);
    assert_int_equal(lower, want_lower);
}

static void test_holt_optimised(void **state)
{
    (void)state;
    check_optimised("holt_opt", TB_MODEL_HOLT, 8);
}

static void test_holt_damped_optimised(void **state)
{
    (void)state;
    check_optimised("holt_damped", TB_MODEL_HOLT_DAMPED, 8);
}

/* By hand, y = 10, 12, 15, alpha = 0.5, beta = 0.3.
 * States at t = 1 (HoltWinters): l = 10, b = 2; t = 2: f = 12, e = 0,
 * l = 12, b = 2; t = 3: f = 14, e = 1, l = 0.5*15 + 0.5*14 = 14.5,
 * b = 0.3*2.5 + 0.7*2 = 2.15.  SSE = 1, h1 = 16.65, sigma2 = 1/2 (two
 * one-step errors), var_2 = 0.5 (1 + (0.5 + 0.3)^2) = 0.82.
 * States at t = 0: f = 12, 12.7, 13.945; e = -2, -0.7, 1.055;
 * l_n = 14.4725, b_n = 1.75325, SSE = 4 + 0.49 + 1.113025 = 5.603025. */
static void test_fixed_by_hand(void **state)
{
    (void)state;
    int year[] = {2011, 2012, 2013};
    double y[] = {10, 12, 15};
    tb_fit_options o;
    tb_fit_options_init(&o);
    o.alpha = 0.5, o.beta = 0.3, o.holt_fixed = TB_HOLT_FIXED_T1;
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_HOLT, year, y, 3, &o, &f, &err), TB_OK);
    assert_close(f->sse, 1, 1e-12);
    assert_close(f->level_n, 14.5, 1e-12);
    assert_close(f->trend_n, 2.15, 1e-12);
    assert_close(f->forecast[0].mean, 16.65, 1e-12);
    double z95 = 1.95996398454005;
    assert_close(f->forecast[0].hi95, 16.65 + z95 * sqrt(0.5), 1e-12);
    assert_close(f->forecast[1].hi95, 18.8 + z95 * sqrt(0.82), 1e-12);
    assert_close(tb_fit_prob_le(f, 2014, 16.65), 0.5, 1e-12);
    assert_true(isnan(tb_fit_prob_le(f, 2013, 16.65)));
    tb_fit_free(f);

    o.holt_fixed = TB_HOLT_FIXED_T0;
    assert_int_equal(tb_model_fit(TB_MODEL_HOLT, year, y, 3, &o, &f, &err), TB_OK);
    assert_close(f->sse, 5.603025, 1e-12);
    assert_close(f->level_n, 14.4725, 1e-12);
    assert_close(f->trend_n, 1.75325, 1e-12);
    double fit[3];
    tb_fit_fitted(f, year, 3, fit);
    assert_close(fit[2], 13.945, 1e-12);
    tb_fit_free(f);

    /* bad options are refused, not guessed */
    o.alpha = 1.5;
    assert_int_equal(tb_model_fit(TB_MODEL_HOLT, year, y, 3, &o, &f, &err), TB_EINVAL);
    assert_non_null(strstr(err.msg, "alpha"));
    o.alpha = 0.5, o.phi = 0.9;
    assert_int_equal(tb_model_fit(TB_MODEL_HOLT, year, y, 3, &o, &f, &err), TB_EINVAL);
    assert_int_equal(tb_model_fit(TB_MODEL_HOLT_DAMPED, year, y, 3, &o, &f, &err), TB_OK);
    assert_close(f->phi, 0.9, 0);
    tb_fit_free(f);
}

/* Noord-Nederland overlast jeugd, Groningen 2008-2011 (seed 000): a
 * short series, fitted on request with the HoltWintersZZ start and a
 * warning; counts falling fast are never projected below 0. */
static void test_short_series_and_counts(void **state)
{
    (void)state;
    const ref_series *g = NULL;
    for (size_t s = 0; s < nrefs; s++)
        if (!strcmp(refs[s].id, "noord_overlast_jeugd_groningen"))
            g = &refs[s];
    assert_non_null(g);
    assert_int_equal(g->n, 4);
    tb_fit_options o;
    tb_fit_options_init(&o);
    o.counts = 1;
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_HOLT_DAMPED, g->year, g->y, 4, &o, &f, &err), TB_OK);
    assert_int_equal(tb_holt_engine_(f), 2);
    assert_exact(f->phi, 1);
    int said_short = 0, said_damp = 0;
    for (size_t i = 0; i < f->nwarnings; i++) {
        said_short |= strstr(f->warnings[i], "only 4 years: Holt") != NULL;
        said_damp |= strstr(f->warnings[i], "not damped") != NULL;
    }
    assert_true(said_short && said_damp);
    for (size_t h = 0; h < f->nforecast; h++)
        assert_true(f->forecast[h].lo95 >= 0 && f->forecast[h].mean >= 0);
    /* l0 = y1, b0 = y2 - y1 in the fallback */
    assert_exact(f->intercept, g->y[0]);
    assert_exact(f->slope, g->y[1] - g->y[0]);
    tb_fit_free(f);

    int year[] = {2012, 2013};
    double y[] = {15642, 14903};
    assert_int_equal(tb_model_fit(TB_MODEL_HOLT, year, y, 2, NULL, &f, &err), TB_EMODEL);
    assert_non_null(strstr(err.msg, "--alpha"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_t1_is_holtwinters),
        cmocka_unit_test(test_fixed_t0_is_forecast_simple),
        cmocka_unit_test(test_holt_given_parameters),
        cmocka_unit_test(test_holt_optimised),
        cmocka_unit_test(test_holt_damped_optimised),
        cmocka_unit_test(test_fixed_by_hand),
        cmocka_unit_test(test_short_series_and_counts),
    };
    return cmocka_run_group_tests(tests, load_reference, free_reference);
}

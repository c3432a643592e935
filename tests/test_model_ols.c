/* Linear and log-linear OLS trends against R (lm, predict.lm, qt, pt) on
 * every series of the R reference set, plus the seed series. */
#include "tb_test.h"

#include <string.h>

#include "trendbeeld/models.h"
#include "../src/models_test.h" /* engine values checked against R */

#include "tb_reference.h"

/* ---- tests ---- */

static void test_qt_against_r(void **state)
{
    (void)state;
    /* R: qt(0.9, 3) = 1.6377443536962 (NOTES; scipy is off by 2e-9 here) */
    assert_close(tb_qt_(0.9, 3), 1.6377443536962, 1e-13);
    /* df = 1: tan(pi * 0.4) = 3.07768353717525; df = 2 at 0.975:
     * (0.95)/sqrt(2 * 0.975 * 0.025) = 4.30265272974946 */
    assert_close(tb_qt_(0.9, 1), 3.07768353717525, 1e-13);
    assert_close(tb_qt_(0.975, 2), 4.30265272974946, 1e-13);
    assert_close(tb_qt_(0.025, 2), -4.30265272974946, 1e-13);
    /* R: qt(0.975, 10) = 2.22813885198627, qnorm(0.975) = 1.95996398454005 */
    assert_close(tb_qt_(0.975, 10), 2.22813885198627, 1e-13);
    assert_close(tb_qt_(0.975, INFINITY), 1.95996398454005, 1e-13);
}

static void test_linear_reference(void **state)
{
    (void)state;
    int fails = 0;
    for (size_t s = 0; s < nrefs; s++) {
        const ref_series *x = &refs[s];
        tb_fit *f = NULL;
        tb_error err;
        assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, x->year, x->y, x->n, NULL, &f, &err),
                         TB_OK);
        double scale = fabs(f->intercept) + 1;
        fails += check(x->id, "ols.intercept", f->intercept, 1e-9, 1e-9 * scale);
        fails += check(x->id, "ols.slope", f->slope, 1e-9, 1e-9 * scale);
        fails += check(x->id, "ols.se_intercept", f->se_intercept, 1e-9, 1e-9 * scale);
        fails += check(x->id, "ols.se_slope", f->se_slope, 1e-9, 1e-9 * scale);
        fails += check(x->id, "ols.r2", f->r2, 1e-9, 0);
        fails += check(x->id, "ols.sigma", f->sigma, 1e-9, 1e-9 * scale);
        fails += check(x->id, "ols.sse", f->sse, 1e-9, 1e-9 * scale * scale);
        fails += check(x->id, "ols.df", f->df_resid, 0, 0);
        double q95 = tb_qt_(0.975, f->df_resid);
        size_t years = 0;
        for (size_t h = 0; h < f->nforecast; h++) {
            const tb_forecast *fc = &f->forecast[h];
            char q[96];
            double atol = 1e-9 * fabs(fc->mean) + 1e-9 * scale;
#define FC(name, got)                                                          \
    snprintf(q, sizeof q, "ols.fc.%d.%s", fc->year, name);                     \
    fails += check(x->id, q, got, 1e-9, atol)
            FC("mean", fc->mean);
            FC("se_pred", (fc->hi95 - fc->lo95) / (2 * q95));
            FC("pi80_lo", fc->lo80);
            FC("pi80_hi", fc->hi80);
            FC("pi95_lo", fc->lo95);
            FC("pi95_hi", fc->hi95);
#undef FC
            years++;
        }
        fails += check(x->id, "horizon_first_year", f->forecast[0].year, 0, 0);
        fails += check(x->id, "horizon_last_year", f->forecast[years - 1].year, 0, 0);
        fails += check(x->id, "n", f->n, 0, 0);
        fails += check(x->id, "first_year", f->first_year, 0, 0);
        fails += check(x->id, "last_year", f->last_year, 0, 0);
        tb_fit_free(f);
    }
    assert_int_equal(fails, 0);
    assert_all_used("ols.");
    assert_all_used("horizon_");
}

static void test_loglinear_and_target_reference(void **state)
{
    (void)state;
    int fails = 0;
    for (size_t s = 0; s < nrefs; s++) {
        const ref_series *x = &refs[s];
        tb_fit *f = NULL;
        tb_error err;
        tb_status st = tb_model_fit(TB_MODEL_LOGLINEAR, x->year, x->y, x->n, NULL, &f, &err);
        fails += check(x->id, "loglin.status", st == TB_OK, 0, 0);
        ref_value *ty = ref_find(x->id, "target.year"), *tv = ref_find(x->id, "target.value");
        if (ty)
            ty->used = 1;
        if (tv)
            tv->used = 1;
        if (st != TB_OK) {
            /* syn34 has a zero: refused, and the message names the cure */
            assert_int_equal(st, TB_EMODEL);
            assert_non_null(strstr(err.msg, "poisson or negbin"));
            assert_null(f);
            continue;
        }
        fails += check(x->id, "loglin.intercept", f->intercept, 1e-9, 1e-12);
        fails += check(x->id, "loglin.slope", f->slope, 1e-9, 1e-12);
        fails += check(x->id, "loglin.se_intercept", f->se_intercept, 1e-9, 1e-12);
        fails += check(x->id, "loglin.se_slope", f->se_slope, 1e-9, 1e-12);
        fails += check(x->id, "loglin.r2", f->r2, 1e-9, 0);
        fails += check(x->id, "loglin.sigma", f->sigma, 1e-9, 1e-12);
        fails += check(x->id, "loglin.df", f->df_resid, 0, 0);
        fails += check(x->id, "loglin.annual_pct", f->annual_pct, 1e-9, 1e-10);
        double q95 = tb_qt_(0.975, f->df_resid);
        for (size_t h = 0; h < f->nforecast; h++) {
            const tb_forecast *fc = &f->forecast[h];
            char q[96];
            double atol = 1e-9 * fc->mean;
#define FC(name, got, at)                                                      \
    snprintf(q, sizeof q, "loglin.fc.%d.%s", fc->year, name);                  \
    fails += check(x->id, q, got, 1e-9, at)
            FC("logmean", log(fc->mean), 1e-12);
            FC("se_pred", (log(fc->hi95) - log(fc->lo95)) / (2 * q95), 1e-12);
            FC("median", fc->mean, atol);
            FC("pi80_lo", fc->lo80, atol);
            FC("pi80_hi", fc->hi80, atol);
            FC("pi95_lo", fc->lo95, atol);
            FC("pi95_hi", fc->hi95, atol);
#undef FC
        }
        if (ty && tv) {
            int year = (int)ty->v;
            const tb_forecast *fc = &f->forecast[year - f->last_year - 1];
            double se = (log(fc->hi95) - log(fc->lo95)) / (2 * q95);
            double tstat = se > 0 ? (log(tv->v) - log(fc->mean)) / se : -INFINITY;
            fails += check(x->id, "target.logpred", log(fc->mean), 1e-9, 1e-12);
            fails += check(x->id, "target.se_pred", se, 1e-9, 1e-12);
            fails += check(x->id, "target.tstat", tstat, 1e-9, 1e-12);
            fails += check(x->id, "target.df", f->df_resid, 0, 0);
            fails += check(x->id, "target.prob_le", tb_fit_prob_le(f, year, tv->v), 1e-9,
                           1e-14);
        }
        tb_fit_free(f);
    }
    assert_int_equal(fails, 0);
    assert_all_used("loglin.");
    assert_all_used("target.");
}

/* Oost-Nederland woninginbraak (seed 002): 2012 15642, 2013 14903. */
static void test_oost_two_years(void **state)
{
    (void)state;
    int year[] = {2012, 2013};
    double y[] = {15642, 14903};
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, year, y, 2, NULL, &f, &err), TB_OK);
    /* exact line through both points: b = 14903 - 15642 = -739 */
    assert_close(f->intercept, 15642, 1e-12);
    assert_close(f->slope, -739, 1e-12);
    assert_int_equal(f->df_resid, 0);
    assert_true(isnan(f->se_slope));
    assert_true(isnan(f->sigma));
    /* 2018 = 15642 - 739 * 6 = 11208, no interval */
    assert_int_equal(f->forecast[4].year, 2018);
    assert_close(f->forecast[4].mean, 11208, 1e-12);
    assert_true(isnan(f->forecast[4].lo95));
    assert_true(isnan(tb_fit_prob_le(f, 2018, 12111)));
    assert_true(f->nwarnings >= 1);
    assert_non_null(strstr(f->warnings[0], "only 2 years"));
    tb_fit_free(f);

    /* loglinear: b = log(14903/15642) = -0.0482611..., annual -4.7244% */
    assert_int_equal(tb_model_fit(TB_MODEL_LOGLINEAR, year, y, 2, NULL, &f, &err), TB_OK);
    assert_close(f->annual_pct, 100 * (14903.0 / 15642 - 1), 1e-12);
    /* 2018: 15642 (14903/15642)^6 */
    assert_close(f->forecast[4].mean, 15642 * pow(14903.0 / 15642, 6), 1e-12);
    tb_fit_free(f);

    int y1[] = {2013};
    assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, y1, y + 1, 1, NULL, &f, &err), TB_EMODEL);
    assert_null(f);
    assert_non_null(strstr(err.msg, "at least 2 years"));
}

/* Oost 2011-2013 (13100 stands in for ">13.000"), n = 3, df = 1:
 * t = 0,1,2, tb = 1, Sxx = 2; b = ((13100-14548.33)(-1) + (14903-14548.33)(1))/2
 * = (14903 - 13100)/2 = 901.5; a = 14548.333 - 901.5 = 13646.8333. */
static void test_oost_three_years(void **state)
{
    (void)state;
    int year[] = {2011, 2012, 2013};
    double y[] = {13100, 15642, 14903};
    tb_fit *f = NULL;
    tb_error err;
    tb_fit_options o;
    tb_fit_options_init(&o);
    o.counts = 1;
    assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, year, y, 3, &o, &f, &err), TB_OK);
    assert_close(f->slope, 901.5, 1e-12);
    assert_close(f->intercept, 13646.8333333333, 1e-12);
    /* Cauchy quantile: R's 2014 pi95 is -14721.86; counts are cut at 0 */
    assert_exact(f->forecast[0].lo95, 0);
    assert_close(f->forecast[0].hi95, 47424.5223410626, 1e-9);
    int said_cauchy = 0, said_clip = 0;
    for (size_t i = 0; i < f->nwarnings; i++) {
        said_cauchy |= strstr(f->warnings[i], "Cauchy") != NULL;
        said_clip |= strstr(f->warnings[i], "shown as 0") != NULL;
    }
    assert_true(said_cauchy && said_clip);
    /* AICc undefined for n - k - 1 = -1 */
    assert_true(isnan(f->aicc));
    tb_fit_free(f);
}

/* Gaps: 2008, 2009, 2011 (2010 missing) use t = 0, 1, 3. */
static void test_gap_uses_true_years(void **state)
{
    (void)state;
    int year[] = {2008, 2009, 2011};
    double y[] = {10, 12, 16}; /* exactly 10 + 2t */
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, year, y, 3, NULL, &f, &err), TB_OK);
    assert_close(f->slope, 2, 1e-12);
    assert_close(f->intercept, 10, 1e-12);
    int said = 0;
    for (size_t i = 0; i < f->nwarnings; i++)
        said |= strstr(f->warnings[i], "(2010)") != NULL;
    assert_true(said);
    tb_fit_free(f);

    int bad[] = {2008, 2008, 2009};
    assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, bad, y, 3, NULL, &f, &err), TB_EINVAL);
    double nan_y[] = {1, NAN, 3};
    assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, year, nan_y, 3, NULL, &f, &err),
                     TB_EINVAL);
}

/* AICc for n = 6, y = 1,3,2,5,4,6, t = 0..5: tb = 2.5, Sxx = 17.5,
 * Sxy = 6.25 + 0.75 + 0.75 + 0.75 + 0.75 + 6.25 = 15.5, SST = 17.5;
 * b = 15.5/17.5 = 0.8857143, SSE = 17.5 - 15.5^2/17.5 = 3.7714286;
 * log L = -3 (log(2 pi 3.7714286/6) + 1) = -7.1207144;
 * AICc = 14.241429 + 2*3 + 2*3*4/(6-3-1) = 32.241429. */
static void test_aicc_by_hand(void **state)
{
    (void)state;
    int year[] = {2000, 2001, 2002, 2003, 2004, 2005};
    double y[] = {1, 3, 2, 5, 4, 6};
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, year, y, 6, NULL, &f, &err), TB_OK);
    assert_close(f->slope, 15.5 / 17.5, 1e-12);
    assert_close(f->sse, 17.5 - 15.5 * 15.5 / 17.5, 1e-12);
    assert_close(f->r2, 15.5 * 15.5 / 17.5 / 17.5, 1e-12);
    assert_close(f->aicc, 32.24142874966948, 1e-12);
    tb_fit_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qt_against_r),
        cmocka_unit_test(test_linear_reference),
        cmocka_unit_test(test_loglinear_and_target_reference),
        cmocka_unit_test(test_oost_two_years),
        cmocka_unit_test(test_oost_three_years),
        cmocka_unit_test(test_gap_uses_true_years),
        cmocka_unit_test(test_aicc_by_hand),
    };
    return cmocka_run_group_tests(tests, load_reference, free_reference);
}

/* tb_fit_fitted: the fitted values of a linear, a Poisson and a Holt fit,
 * worked out by hand, in the observed years and beyond them. */
#include "tb_test.h"

#include "trendbeeld/models.h"

static tb_fit *fit(tb_model_kind kind, const int *year, const double *y, size_t n,
                   const tb_fit_options *o)
{
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(kind, year, y, n, o, &f, &err), TB_OK);
    return f;
}

/* y = 100 96 91 88 85 in 2011-2015: b = sum (t - 2)(y - 92) / 10 = -3.8,
 * a = 92 + 3.8 * 2 = 99.6, so the line is 99.6 - 3.8 t, also in 2020. */
static void test_linear(void **state)
{
    (void)state;
    const int year[] = {2011, 2012, 2013, 2014, 2015};
    const double y[] = {100, 96, 91, 88, 85};
    tb_fit *f = fit(TB_MODEL_LINEAR, year, y, 5, NULL);
    const int at[] = {2011, 2012, 2013, 2014, 2015, 2020};
    const double want[] = {99.6, 95.8, 92, 88.2, 84.4, 65.4};
    double got[6];
    tb_fit_fitted(f, at, 6, got);
    for (int i = 0; i < 6; i++)
        assert_close(got[i], want[i], 1e-12);
    tb_fit_free(f);
}

/* Counts that double every year lie on a log-linear curve, so the
 * Poisson fit runs through them: 10 20 40, then 160 in 2015.  For any
 * series the Poisson score equations say sum mu = sum y and
 * sum t mu = sum t y. */
static void test_poisson(void **state)
{
    (void)state;
    const int year[] = {2011, 2012, 2013};
    const double y[] = {10, 20, 40};
    tb_fit *f = fit(TB_MODEL_POISSON, year, y, 3, NULL);
    const int at[] = {2011, 2012, 2013, 2015};
    const double want[] = {10, 20, 40, 160};
    double got[4];
    tb_fit_fitted(f, at, 4, got);
    for (int i = 0; i < 4; i++)
        assert_close(got[i], want[i], 1e-9);
    tb_fit_free(f);

    const int year2[] = {2010, 2011, 2013, 2014};
    const double y2[] = {12, 7, 9, 4};
    f = fit(TB_MODEL_POISSON, year2, y2, 4, NULL);
    double mu[4], sum = 0, sum_t = 0;
    tb_fit_fitted(f, year2, 4, mu);
    for (int i = 0; i < 4; i++) {
        sum += mu[i] - y2[i];
        sum_t += (year2[i] - 2010) * (mu[i] - y2[i]);
    }
    assert_true(fabs(sum) < 1e-9 && fabs(sum_t) < 1e-9);
    assert_close(mu[0], exp(f->intercept), 1e-15);
    tb_fit_free(f);
}

/* Holt, alpha 0.5, beta 0.3, y = 10 12 15, states l = 10, b = 2.
 * Before the first year (forecast::holt): 12; l = 11, b = 1.7: 12.7;
 * l = 12.35, b = 1.595: 13.945.  After it (HoltWinters): none; 12; then
 * l = 12, b = 2: 14.  Years outside the observed ones have none. */
static void test_holt(void **state)
{
    (void)state;
    const int year[] = {2011, 2012, 2013};
    const double y[] = {10, 12, 15};
    tb_fit_options o;
    tb_fit_options_init(&o);
    o.alpha = 0.5, o.beta = 0.3, o.holt_fixed = TB_HOLT_FIXED_T0;
    tb_fit *f = fit(TB_MODEL_HOLT, year, y, 3, &o);
    const int at[] = {2011, 2012, 2013, 2014, 2010};
    double got[5];
    tb_fit_fitted(f, at, 5, got);
    assert_close(got[0], 12, 1e-12);
    assert_close(got[1], 12.7, 1e-12);
    assert_close(got[2], 13.945, 1e-12);
    assert_true(isnan(got[3]) && isnan(got[4]));
    tb_fit_free(f);

    o.holt_fixed = TB_HOLT_FIXED_T1;
    f = fit(TB_MODEL_HOLT, year, y, 3, &o);
    tb_fit_fitted(f, at, 3, got);
    assert_true(isnan(got[0]));
    assert_close(got[1], 12, 1e-12);
    assert_close(got[2], 14, 1e-12);
    tb_fit_free(f);

    /* a year without a value: the one-step values are not given */
    const int gap[] = {2011, 2012, 2014, 2015};
    const double yg[] = {10, 12, 15, 17};
    o.holt_fixed = TB_HOLT_FIXED_T0;
    f = fit(TB_MODEL_HOLT, gap, yg, 4, &o);
    tb_fit_fitted(f, gap, 4, got);
    for (int i = 0; i < 4; i++)
        assert_true(isnan(got[i]));
    tb_fit_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linear),
        cmocka_unit_test(test_poisson),
        cmocka_unit_test(test_holt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

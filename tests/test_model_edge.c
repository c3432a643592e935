/* Every model on series at the edges of what it can fit: a constant
 * series, all zeros, one count among zeros, 1 and 2 years, counts of
 * 10^12, values exactly on a line or an exponential, a run of zeros that
 * separates the counts, and counts less dispersed than Poisson.  Each fit
 * is either refused with a message that says why, or gives finite
 * coefficients and ordered, finite forecast intervals (no NaN anywhere the
 * model defines a value); where the answer can be worked out by hand it is
 * checked exactly. */
#include "tb_test.h"

#include <string.h>

#include "trendbeeld/models.h"

enum { MAXN = 12, HORIZON = 2030 };

typedef struct {
    const char *name;
    size_t n;
    double y[MAXN];
} edge_series;

static const edge_series constant = {"constant", 8, {50, 50, 50, 50, 50, 50, 50, 50}};
static const edge_series zeros = {"zeros", 8, {0}};
static const edge_series single = {"single", 8, {0, 0, 0, 7, 0, 0, 0, 0}};
static const edge_series one_year = {"n1", 1, {5}};
static const edge_series two_years = {"n2", 2, {5, 8}};
static const edge_series huge = {"huge", 8, {1e12, 1.1e12, 1.05e12, 1.2e12, 1.15e12,
                                             1.3e12, 1.25e12, 1.4e12}};
static const edge_series line = {"line", 8, {100, 110, 120, 130, 140, 150, 160, 170}};
static const edge_series zero_tail = {"zero_tail", 12, {1, 1}};
static const edge_series zero_head = {"zero_head", 12, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1}};
/* 16 1.5^t: a Poisson fit through every value, so no overdispersion */
static const edge_series expo = {"expo", 5, {16, 24, 36, 54, 81}};
static const edge_series under = {"under", 8, {100, 101, 99, 100, 102, 98, 100, 101}};

static const int years[MAXN] = {2012, 2013, 2014, 2015, 2016, 2017,
                                2018, 2019, 2020, 2021, 2022, 2023};

static tb_status fit(tb_model_kind kind, const edge_series *s, tb_fit **f, tb_error *err)
{
    tb_fit_options o;
    tb_fit_options_init(&o);
    o.counts = 1;
    o.horizon = HORIZON;
    memset(err, 0, sizeof *err);
    return tb_model_fit(kind, years, s->y, s->n, &o, f, err);
}

static int has_warning(const tb_fit *f, const char *needle)
{
    for (size_t i = 0; i < f->nwarnings; i++)
        if (strstr(f->warnings[i], needle))
            return 1;
    return 0;
}

static int is_count_model(tb_model_kind k)
{
    return k == TB_MODEL_POISSON || k == TB_MODEL_QUASIPOISSON || k == TB_MODEL_NEGBIN;
}

#define fail_at(s, k, ...)                                                     \
    do {                                                                       \
        print_error("%s / %s: ", (s)->name, tb_model_name(k));                 \
        print_error(__VA_ARGS__);                                              \
        fail();                                                                \
    } while (0)

/* The promises of a fit that was not refused. */
static void check_fit(const edge_series *s, tb_model_kind kind, const tb_fit *f)
{
    int holt = f->model == TB_MODEL_HOLT || f->model == TB_MODEL_HOLT_DAMPED;
    if (!isfinite(f->intercept) || !isfinite(f->slope))
        fail_at(s, kind, "coefficients %g, %g\n", f->intercept, f->slope);
    /* Holt and Theil-Sen have no standard errors of the coefficients; with
     * 2 years a line has no spread to estimate them from (and says so). */
    int no_se = holt || f->model == TB_MODEL_THEILSEN ||
                (s->n == 2 && has_warning(f, "only 2 years: the line runs exactly"));
    if (!no_se && (!isfinite(f->se_intercept) || !isfinite(f->se_slope)))
        fail_at(s, kind, "standard errors %g, %g\n", f->se_intercept, f->se_slope);
    /* Theil-Sen gives no predictive distribution, nor does a line through
     * 2 points: both say so, and then only the mean is defined. */
    int no_interval = no_se && !holt;
    if (no_interval && !has_warning(f, "there is no interval") &&
        !has_warning(f, "only 2 years"))
        fail_at(s, kind, "intervals not defined, and no warning says why\n");
    if (f->nforecast != (size_t)(HORIZON - f->last_year))
        fail_at(s, kind, "%zu forecast years\n", f->nforecast);
    for (size_t h = 0; h < f->nforecast; h++) {
        const tb_forecast *c = &f->forecast[h];
        if (!isfinite(c->mean) || c->mean < 0)
            fail_at(s, kind, "%d: mean %g\n", c->year, c->mean);
        if (no_interval)
            continue;
        double v[4] = {c->lo95, c->lo80, c->hi80, c->hi95};
        for (int i = 0; i < 4; i++)
            if (!isfinite(v[i]) || v[i] < 0)
                fail_at(s, kind, "%d: interval end %g\n", c->year, v[i]);
        /* Count intervals end at whole counts: a mean below 1 may lie
         * above an upper end of 0, never above its floor. */
        double top = is_count_model(f->model) ? floor(c->mean) : c->mean;
        if (!(c->lo95 <= c->lo80 && c->lo80 <= c->mean && top <= c->hi80 &&
              c->hi80 <= c->hi95))
            fail_at(s, kind, "%d: not ordered: %g %g %g %g %g\n", c->year, c->lo95,
                    c->lo80, c->mean, c->hi80, c->hi95);
    }
}

/* Fit every model to S: REFUSAL[k] is NULL where model k must fit, else
 * a part of the message it must refuse with. */
static void sweep(const edge_series *s, const char *const refusal[TB_MODEL_COUNT_])
{
    for (int k = 0; k < TB_MODEL_COUNT_; k++) {
        tb_fit *f = NULL;
        tb_error err;
        tb_status st = fit((tb_model_kind)k, s, &f, &err);
        if (refusal[k]) {
            if (st != TB_EMODEL || f || !strstr(err.msg, refusal[k]))
                fail_at(s, k, "status %d, message '%s', expected a refusal with '%s'\n",
                        (int)st, err.msg, refusal[k]);
            continue;
        }
        if (st != TB_OK) {
            fail_at(s, k, "refused: %s\n", err.msg);
            continue;
        }
        check_fit(s, (tb_model_kind)k, f);
        tb_fit_free(f);
    }
}

#define ALL_FIT {NULL}

static void test_constant(void **state)
{
    (void)state;
    static const char *const refusal[TB_MODEL_COUNT_] = {
        [TB_MODEL_NEGBIN] = "negbin: all 8 values are equal to 50, so there is no variation"};
    sweep(&constant, refusal);
    tb_fit *f;
    tb_error err;
    /* linear: slope 0, SE 0 (no spread), every forecast and end 50 */
    assert_int_equal(fit(TB_MODEL_LINEAR, &constant, &f, &err), TB_OK);
    assert_exact(f->slope, 0);
    assert_exact(f->se_slope, 0);
    assert_exact(f->intercept, 50);
    assert_exact(f->forecast[0].lo95, 50);
    assert_exact(f->forecast[f->nforecast - 1].hi95, 50);
    tb_fit_free(f);
    /* poisson: MLE (log 50, 0); Var b = 1 / (50 sum (t - 3.5)^2) = 1/2100 */
    assert_int_equal(fit(TB_MODEL_POISSON, &constant, &f, &err), TB_OK);
    assert_exact(f->intercept, log(50));
    assert_exact(f->slope, 0);
    assert_close(f->se_slope, sqrt(1.0 / 2100), 1e-12);
    tb_fit_free(f);
    /* quasipoisson: Pearson chi2 0, so dispersion 0 and SEs 0 */
    assert_int_equal(fit(TB_MODEL_QUASIPOISSON, &constant, &f, &err), TB_OK);
    assert_exact(f->dispersion, 0);
    assert_exact(f->se_slope, 0);
    tb_fit_free(f);
}

static void test_all_zeros(void **state)
{
    (void)state;
    static const char *const refusal[TB_MODEL_COUNT_] = {
        [TB_MODEL_LOGLINEAR] = "loglinear: the value for 2012 is 0",
        [TB_MODEL_POISSON] = "poisson: every count is 0",
        [TB_MODEL_QUASIPOISSON] = "quasipoisson: every count is 0",
        [TB_MODEL_NEGBIN] = "negbin: every count is 0",
        [TB_MODEL_AUTO] = "every count is 0"};
    sweep(&zeros, refusal);
    tb_fit *f;
    tb_error err;
    assert_int_equal(fit(TB_MODEL_LINEAR, &zeros, &f, &err), TB_OK);
    assert_exact(f->slope, 0);
    assert_exact(f->forecast[0].hi95, 0);
    tb_fit_free(f);
}

static void test_single_count(void **state)
{
    (void)state;
    static const char *const refusal[TB_MODEL_COUNT_] = {
        [TB_MODEL_LOGLINEAR] = "loglinear: the value for 2012 is 0",
        [TB_MODEL_POISSON] = "poisson: only 1 year has a count above 0",
        [TB_MODEL_QUASIPOISSON] = "quasipoisson: only 1 year has a count above 0",
        [TB_MODEL_NEGBIN] = "negbin: only 1 year has a count above 0",
        [TB_MODEL_AUTO] = "only 1 year has a count above 0"};
    sweep(&single, refusal);
    /* linear: slope = sum (t - 3.5) y / 42 = (3 - 3.5) 7 / 42 = -1/12 */
    tb_fit *f;
    tb_error err;
    assert_int_equal(fit(TB_MODEL_LINEAR, &single, &f, &err), TB_OK);
    assert_close(f->slope, -1.0 / 12, 1e-14);
    tb_fit_free(f);
}

static void test_one_year(void **state)
{
    (void)state;
    static const char *const refusal[TB_MODEL_COUNT_] = {
        [TB_MODEL_LINEAR] = "linear: a trend needs at least 2 years, the series has 1",
        [TB_MODEL_LOGLINEAR] = "loglinear: a trend needs at least 2 years",
        [TB_MODEL_POISSON] = "poisson: a trend needs at least 2 years",
        [TB_MODEL_QUASIPOISSON] = "quasipoisson: a trend needs at least 2 years",
        [TB_MODEL_NEGBIN] = "negbin: a trend needs at least 2 years",
        [TB_MODEL_HOLT] = "holt: estimating the smoothing parameters needs at least 3 years",
        [TB_MODEL_HOLT_DAMPED] = "holt_damped: estimating the smoothing parameters needs",
        [TB_MODEL_THEILSEN] = "theilsen: a slope needs at least 2 years, the series has 1",
        [TB_MODEL_AUTO] = "a trend needs at least 2 years, the series has 1"};
    sweep(&one_year, refusal);
}

static void test_two_years(void **state)
{
    (void)state;
    static const char *const refusal[TB_MODEL_COUNT_] = {
        [TB_MODEL_QUASIPOISSON] = "quasipoisson: with 2 years the curve runs through both",
        [TB_MODEL_NEGBIN] = "negbin: with 2 years the curve runs through both values",
        [TB_MODEL_HOLT] = "holt: estimating the smoothing parameters needs at least 3 years",
        [TB_MODEL_HOLT_DAMPED] = "holt_damped: estimating the smoothing parameters needs"};
    sweep(&two_years, refusal);
    tb_fit *f;
    tb_error err;
    /* linear through (0, 5) and (1, 8): slope 3; 2030 is t = 18: 5 + 54 */
    assert_int_equal(fit(TB_MODEL_LINEAR, &two_years, &f, &err), TB_OK);
    assert_exact(f->slope, 3);
    assert_exact(f->forecast[f->nforecast - 1].mean, 59);
    tb_fit_free(f);
    /* poisson through both counts: a = log 5, b = log(8/5); se_eta grows
     * with the years ahead until the negative binomial approximation
     * collapses to 0 below the trend, and the fit says where the upper
     * ends were taken from the trend's own quantiles instead */
    assert_int_equal(fit(TB_MODEL_POISSON, &two_years, &f, &err), TB_OK);
    assert_close(f->intercept, log(5), 1e-12);
    assert_close(f->slope, log(1.6), 1e-12);
    assert_true(has_warning(f, "are taken instead from the 90% and 97.5% points"));
    tb_fit_free(f);
}

static void test_huge_counts(void **state)
{
    (void)state;
    static const char *const refusal[TB_MODEL_COUNT_] = ALL_FIT;
    sweep(&huge, refusal);
    /* linear, in units of 1e12: sum (t - 3.5) y = -3.5 - 2.75 - 1.575 - 0.6
     * + 0.575 + 1.95 + 3.125 + 4.9 = 2.125, slope 2.125 / 42 */
    tb_fit *f;
    tb_error err;
    assert_int_equal(fit(TB_MODEL_LINEAR, &huge, &f, &err), TB_OK);
    assert_close(f->slope, 2.125e12 / 42, 1e-12);
    tb_fit_free(f);
}

static void test_perfect_fit(void **state)
{
    (void)state;
    static const char *const refusal[TB_MODEL_COUNT_] = ALL_FIT;
    sweep(&line, refusal);
    sweep(&expo, refusal);
    tb_fit *f;
    tb_error err;
    /* exactly 100 + 10 t: SEs 0, and in 2030 (t = 18) the interval is the
     * point 280 */
    assert_int_equal(fit(TB_MODEL_LINEAR, &line, &f, &err), TB_OK);
    assert_close(f->intercept, 100, 1e-14);
    assert_close(f->slope, 10, 1e-14);
    assert_close(f->se_slope, 0, 0);
    const tb_forecast *c = &f->forecast[f->nforecast - 1];
    assert_int_equal(c->year, 2030);
    assert_close(c->lo95, 280, 1e-13);
    assert_close(c->hi95, 280, 1e-13);
    tb_fit_free(f);
    /* exactly 16 * 1.5^t: the Poisson MLE is (log 16, log 1.5) */
    assert_int_equal(fit(TB_MODEL_POISSON, &expo, &f, &err), TB_OK);
    assert_close(f->intercept, log(16), 1e-12);
    assert_close(f->slope, log(1.5), 1e-12);
    tb_fit_free(f);
}

/* The negative binomial on counts no more dispersed than Poisson: theta
 * runs off to infinity, and the Poisson fit is reported (score at
 * 1/theta = 0: 1/2 sum [(y - mu)^2 - y] = -211/2 for the exponential). */
static void test_negbin_theta_infinite(void **state)
{
    (void)state;
    static const char *const refusal[TB_MODEL_COUNT_] = ALL_FIT;
    sweep(&under, refusal);
    const edge_series *cases[] = {&expo, &under};
    for (size_t i = 0; i < 2; i++) {
        tb_fit *f, *p;
        tb_error err;
        assert_int_equal(fit(TB_MODEL_NEGBIN, cases[i], &f, &err), TB_OK);
        assert_int_equal(fit(TB_MODEL_POISSON, cases[i], &p, &err), TB_OK);
        assert_true(isinf(f->theta) && f->theta > 0);
        assert_int_equal(f->converged, 0);
        assert_true(has_warning(f, "no overdispersion"));
        assert_exact(f->slope, p->slope);
        assert_exact(f->forecast[0].hi95, p->forecast[0].hi95);
        tb_fit_free(f);
        tb_fit_free(p);
    }
}

/* 1, 1 and then ten zeros (and the reverse): the Poisson MLE exists (two years with counts)
 * and solves sum mu_t = 2, sum t mu_t = 1, so mu falls geometrically with
 * ratio r, r / (1 - r) = 1/2 for an endless tail: b = log(1/3) up to
 * r^12 ~ 2e-6.  The fit warns of the near separation, and its intervals
 * stay finite. */
static void test_zero_tail(void **state)
{
    (void)state;
    static const char *const refusal[TB_MODEL_COUNT_] = {
        [TB_MODEL_LOGLINEAR] = "loglinear: the value for 2014 is 0"};
    sweep(&zero_tail, refusal);
    static const char *const refusal_head[TB_MODEL_COUNT_] = {
        [TB_MODEL_LOGLINEAR] = "loglinear: the value for 2012 is 0"};
    sweep(&zero_head, refusal_head);
    for (int k = TB_MODEL_POISSON; k <= TB_MODEL_NEGBIN; k++) {
        tb_fit *f;
        tb_error err;
        assert_int_equal(fit((tb_model_kind)k, &zero_tail, &f, &err), TB_OK);
        assert_close(f->slope, log(1.0 / 3), 1e-4);
        assert_true(has_warning(f, "near separation: every count from 2014 to 2023 is 0"));
        tb_fit_free(f);
        /* the mirror image: ten zeros, then 1, 1: b = log 3 */
        assert_int_equal(fit((tb_model_kind)k, &zero_head, &f, &err), TB_OK);
        assert_close(f->slope, log(3), 1e-4);
        assert_true(has_warning(f, "near separation: every count from 2012 to 2021 is 0, and "
                                   "a log-linear trend cannot start from 0"));
        tb_fit_free(f);
    }
}

/* A steep count trend projected far ahead: by 2060 the trend is 10^49 and
 * the upper ends exceed 2^53, where no whole count can be stated; they are
 * unbounded (Inf), a lower end past it is given as 2^53, and a warning says from
 * which year.  This used to make the quantile search loop forever. */
static void test_beyond_whole_counts(void **state)
{
    (void)state;
    const double y[4] = {10, 100, 1000, 10000};
    tb_fit_options o;
    tb_fit_options_init(&o);
    o.horizon = 2060;
    for (int k = TB_MODEL_POISSON; k <= TB_MODEL_QUASIPOISSON; k++) {
        tb_fit *f;
        tb_error err;
        assert_int_equal(tb_model_fit((tb_model_kind)k, years, y, 4, &o, &f, &err), TB_OK);
        /* 2026 (t = 14): 10^15 < 2^53; 2027: 10^16 > 2^53 */
        const tb_forecast *a = &f->forecast[2026 - 2016], *b = &f->forecast[2027 - 2016];
        assert_true(isfinite(a->hi95) && a->hi95 >= a->mean);
        assert_true(isinf(b->hi95) && isinf(b->hi80));
        /* quasipoisson: dispersion ~1e-26, the lower end is past 2^53 too
         * and stated as 2^53; Poisson's wider interval starts below it */
        if (k == TB_MODEL_QUASIPOISSON)
            assert_exact(b->lo95, 9007199254740992.0);
        else
            assert_true(b->lo95 > 1e15 && b->lo95 < 9007199254740992.0);
        const tb_forecast *last = &f->forecast[f->nforecast - 1];
        assert_int_equal(last->year, 2060);
        assert_close(last->mean, 1e49, 1e-12);
        assert_true(has_warning(f, "from 2027 on the projection is not informative"));
        tb_fit_free(f);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constant),
        cmocka_unit_test(test_all_zeros),
        cmocka_unit_test(test_single_count),
        cmocka_unit_test(test_one_year),
        cmocka_unit_test(test_two_years),
        cmocka_unit_test(test_huge_counts),
        cmocka_unit_test(test_perfect_fit),
        cmocka_unit_test(test_negbin_theta_infinite),
        cmocka_unit_test(test_zero_tail),
        cmocka_unit_test(test_beyond_whole_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

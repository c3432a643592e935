/* auto: which model it picks for short, overdispersed, constant, zero and
 * non-count series, and the sentence that says why. */
#include "tb_test.h"

#include <string.h>

#include "trendbeeld/models.h"

/* A series of the R reference set (tests/reference/fixtures.csv). */
typedef struct {
    int n;
    int year[64];
    double y[64];
} series;

static int load_series(const char *id, series *s)
{
    char path[512], line[256];
    tb_reference_path(path, sizeof path, "fixtures.csv");
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    s->n = 0;
    while (fgets(line, sizeof line, f) && s->n < 64) {
        char *sid = strtok(line, ","), *yr = strtok(NULL, ","), *v = strtok(NULL, ",\r\n");
        if (sid && yr && v && !strcmp(sid, id)) {
            s->year[s->n] = atoi(yr);
            s->y[s->n++] = strtod(v, NULL);
        }
    }
    fclose(f);
    return s->n ? 0 : -1;
}

static tb_fit *fit_auto(const int *year, const double *y, size_t n)
{
    tb_fit *f = NULL;
    tb_error err;
    tb_status st = tb_model_fit(TB_MODEL_AUTO, year, y, n, NULL, &f, &err);
    if (st != TB_OK)
        fprintf(stderr, "auto: %s\n", err.msg);
    assert_int_equal(st, TB_OK);
    assert_non_null(f->reason);
    return f;
}

static tb_fit *fit_ref(const char *id)
{
    series s;
    assert_int_equal(load_series(id, &s), 0);
    return fit_auto(s.year, s.y, (size_t)s.n);
}

static void test_short_poisson_series(void **state)
{
    (void)state;
    /* syn01 (Poisson, n = 4): 339, 357, 359, 416; R's Pearson dispersion
     * 0.7536 <= 1, so plain Poisson */
    tb_fit *f = fit_ref("syn01");
    assert_int_equal(f->model, TB_MODEL_POISSON);
    assert_string_equal(f->reason, "n = 4; Pearson dispersion 0.754 <= 1: no overdispersion, "
                                   "so Poisson");
    assert_close(f->dispersion, 0.753646482239455, 1e-8);
    tb_fit_free(f);
    /* n = 2: no dispersion can be estimated */
    const int year[2] = {2012, 2013};
    const double y[2] = {15642, 14903};
    f = fit_auto(year, y, 2);
    assert_int_equal(f->model, TB_MODEL_POISSON);
    assert_string_equal(f->reason, "n = 2: the Poisson curve runs through both values; no "
                                   "dispersion can be estimated, so Poisson");
    tb_fit_free(f);
    /* n = 1: nothing to fit, an error that says so */
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_AUTO, year, y, 1, NULL, &f, &err), TB_EMODEL);
    assert_non_null(strstr(err.msg, "at least 2 years"));
}

static void test_overdispersed_short_and_long(void **state)
{
    (void)state;
    /* syn04: NB with theta = 5 but only 7 years: no negative binomial
     * below 8 years; R's dispersion 18.26 > 1 */
    tb_fit *f = fit_ref("syn04");
    assert_int_equal(f->model, TB_MODEL_QUASIPOISSON);
    assert_string_equal(f->reason, "n = 7: too short for negative binomial (needs 8 years); "
                                   "Pearson dispersion 18.3 > 1, so quasi-Poisson");
    /* quasi SEs: R's pois.qse_slope */
    assert_close(f->se_slope, 0.0667500655477754, 1e-8);
    tb_fit_free(f);
    /* syn08: NB with theta = 5.1 over 11 years: negative binomial, with
     * glm.nb's theta */
    f = fit_ref("syn08");
    assert_int_equal(f->model, TB_MODEL_NEGBIN);
    assert_close(f->theta, 13.6401201042945, 1e-6);
    assert_non_null(strstr(f->reason, "n = 11; Pearson dispersion 22 > 2 and the negative "
                                      "binomial fits clearly better (theta 13.64, LR 156"));
    assert_non_null(strstr(f->reason, ": negative binomial (Holt considered: AICc"));
    tb_fit_free(f);
    /* syn06 (theta = 8, n = 9): negative binomial; Holt is not considered
     * below 10 years */
    f = fit_ref("syn06");
    assert_int_equal(f->model, TB_MODEL_NEGBIN);
    assert_close(f->theta, 11.5594826733587, 1e-6);
    assert_null(strstr(f->reason, "Holt"));
    tb_fit_free(f);
}

static void test_constant_series(void **state)
{
    (void)state;
    /* syn37: 250 in every year */
    tb_fit *f = fit_ref("syn37");
    assert_int_equal(f->model, TB_MODEL_POISSON);
    assert_string_equal(f->reason, "n = 6, all values equal (250): a flat Poisson trend; "
                                   "there is no spread from which to estimate more");
    assert_close(f->intercept, log(250), 1e-15);
    assert_exact(f->slope, 0);
    assert_close(f->forecast[0].mean, 250, 1e-14);
    tb_fit_free(f);
}

/* A year without a value is said once, whichever model auto keeps. */
static void test_gap_warned_once(void **state)
{
    (void)state;
    const int year[] = {2010, 2011, 2013, 2014, 2015};
    const double y[] = {120, 131, 118, 109, 101};
    for (int poisson = 0; poisson < 2; poisson++) {
        double v[5];
        memcpy(v, y, sizeof v);
        if (!poisson)
            v[1] = 180; /* overdispersed: quasi-Poisson */
        tb_fit_options o;
        tb_fit_options_init(&o);
        tb_fit *f = NULL;
        tb_error err;
        assert_int_equal(tb_model_fit(TB_MODEL_AUTO, year, v, 5, &o, &f, &err), TB_OK);
        assert_int_equal(f->model, poisson ? TB_MODEL_POISSON : TB_MODEL_QUASIPOISSON);
        int said = 0;
        for (size_t k = 0; k < f->nwarnings; k++)
            said += strstr(f->warnings[k], "1 year without a value (2012)") != NULL;
        assert_int_equal(said, 1);
        tb_fit_free(f);
    }
}

static void test_series_with_a_zero(void **state)
{
    (void)state;
    /* syn34 has a 0 in 2008: counts, 15 years, R's dispersion 1.140 */
    tb_fit *f = fit_ref("syn34");
    assert_int_equal(f->model, TB_MODEL_QUASIPOISSON);
    assert_non_null(strstr(f->reason, "n = 15: overdispersion not clear enough for negative "
                                      "binomial (needs Pearson dispersion > 2); Pearson "
                                      "dispersion 1.14 > 1, so quasi-Poisson (Holt considered"));
    for (size_t h = 0; h < f->nforecast; h++)
        assert_true(f->forecast[h].lo95 >= 0);
    tb_fit_free(f);
}

static void test_non_counts(void **state)
{
    (void)state;
    /* ophelderingspercentage: a percentage, not a count */
    const int year[5] = {2009, 2010, 2011, 2012, 2013};
    const double pct[5] = {23.5, 24.1, 22.8, 25.0, 26.2};
    tb_fit *f = fit_auto(year, pct, 5);
    assert_int_equal(f->model, TB_MODEL_LINEAR);
    assert_string_equal(f->reason, "not counts (2009: 23.5 is not a whole number): rates, "
                                   "percentages and scores get a linear trend on the values");
    /* OLS by hand: t = 0..4, mean 24.32, deviations -0.82, -0.22, -1.52,
     * 0.68, 1.88; slope = sum (t - 2)(y - 24.32) / 10
     *   = (1.64 + 0.22 + 0 + 0.68 + 3.76) / 10 = 0.63 */
    assert_close(f->slope, 0.63, 1e-12);
    tb_fit_free(f);
    /* a change series with negative values */
    const double change[5] = {12, -3, 5, 0, 7};
    f = fit_auto(year, change, 5);
    assert_int_equal(f->model, TB_MODEL_LINEAR);
    assert_non_null(strstr(f->reason, "2010: -3 is below 0"));
    tb_fit_free(f);
}

static void test_seed_series(void **state)
{
    (void)state;
    /* Oost-Nederland woninginbraak 2011-2013: 3 years, dispersion 128 */
    tb_fit *f = fit_ref("oost_woninginbraak");
    assert_int_equal(f->model, TB_MODEL_QUASIPOISSON);
    assert_string_equal(f->reason, "n = 3: too short for negative binomial (needs 8 years); "
                                   "Pearson dispersion 128 > 1, so quasi-Poisson");
    tb_fit_free(f);
    /* Noord-Nederland overlast jeugd 2008-2011 per province: 4 years */
    const char *prov[3] = {"noord_overlast_jeugd_groningen", "noord_overlast_jeugd_fryslan",
                           "noord_overlast_jeugd_drenthe"};
    const char *disp[3] = {"1.51", "14.1", "3.34"};
    for (int k = 0; k < 3; k++) {
        f = fit_ref(prov[k]);
        assert_int_equal(f->model, TB_MODEL_QUASIPOISSON);
        char want[200];
        snprintf(want, sizeof want, "n = 4: too short for negative binomial (needs 8 years); "
                 "Pearson dispersion %s > 1, so quasi-Poisson", disp[k]);
        assert_string_equal(f->reason, want);
        assert_true(f->nwarnings > 0);
        tb_fit_free(f);
    }
}

static void test_holt_only_for_long_series(void **state)
{
    (void)state;
    /* Rises by 30 a year for six years, then falls by 10 a year: a
     * log-linear count trend misses the turn, Holt follows it. */
    int year[12];
    for (int i = 0; i < 12; i++)
        year[i] = 2006 + i;
    const double y[12] = {200, 230, 260, 290, 320, 350, 340, 330, 320, 310, 300, 290};
    tb_fit *f = fit_auto(year, y, 12);
    assert_int_equal(f->model, TB_MODEL_HOLT);
    assert_non_null(strstr(f->reason, "but Holt's exponential smoothing fits better"));
    /* the same fit as asking for Holt directly */
    tb_fit *h = NULL;
    tb_error err;
    tb_fit_options o;
    tb_fit_options_init(&o);
    o.counts = 1;
    assert_int_equal(tb_model_fit(TB_MODEL_HOLT, year, y, 12, &o, &h, &err), TB_OK);
    assert_close(f->sse, h->sse, 0);
    assert_close(f->forecast[0].mean, h->forecast[0].mean, 0);
    /* counts: interval ends never below 0 */
    for (size_t k = 0; k < f->nforecast; k++)
        assert_true(f->forecast[k].lo95 >= 0);
    tb_fit_free(h);
    tb_fit_free(f);
    /* The first 9 years of it: never Holt below 10 years */
    f = fit_auto(year, y, 9);
    assert_true(f->model != TB_MODEL_HOLT);
    assert_null(strstr(f->reason, "Holt"));
    tb_fit_free(f);
}

static void test_real_woninginbraak(void **state)
{
    (void)state;
    /* 1.1.1 woninginbraak, Gelderland + Overijssel (= RE02), politie
     * 47018NED as aggregated in tests/reference/real/SOURCES.md, 2012-2025
     * (2024 and 2025 provisional) */
    int year[14];
    for (int i = 0; i < 14; i++)
        year[i] = 2012 + i;
    const double y[14] = {15485, 14758, 10841, 9311, 9534, 7405, 6083,
                          6056,  4966,  3959,  4113, 3544, 3807, 3680};
    /* 2012-2018: 7 years, strongly overdispersed (a drop of 27% in 2014) */
    tb_fit *f = fit_auto(year, y, 7);
    assert_int_equal(f->model, TB_MODEL_QUASIPOISSON);
    assert_string_equal(f->reason, "n = 7: too short for negative binomial (needs 8 years); "
                                   "Pearson dispersion 65.6 > 1, so quasi-Poisson");
    assert_true(f->annual_pct < -14 && f->annual_pct > -14.5);
    tb_fit_free(f);
    /* all 14 years: negative binomial, about -11% a year */
    f = fit_auto(year, y, 14);
    assert_int_equal(f->model, TB_MODEL_NEGBIN);
    assert_int_equal(f->converged, 1);
    assert_non_null(strstr(f->reason, "n = 14; Pearson dispersion 85.8 > 2 and the negative "
                                      "binomial fits clearly better"));
    assert_true(f->annual_pct < -11 && f->annual_pct > -12);
    /* the 2026 projection lies below the last value 3680 with 95% */
    assert_true(f->forecast[0].year == 2026 && f->forecast[0].hi95 < 3680);
    tb_fit_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_poisson_series),
        cmocka_unit_test(test_overdispersed_short_and_long),
        cmocka_unit_test(test_constant_series),
        cmocka_unit_test(test_gap_warned_once),
        cmocka_unit_test(test_series_with_a_zero),
        cmocka_unit_test(test_non_counts),
        cmocka_unit_test(test_seed_series),
        cmocka_unit_test(test_holt_only_for_long_series),
        cmocka_unit_test(test_real_woninginbraak),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

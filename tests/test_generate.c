/* Workload generator: determinism, file layouts, agreement between file,
 * store and loader, and that the counts follow the requested trend. */
#include "tb_test.h"

#include <string.h>
#include <unistd.h>

#include "trendbeeld/generate.h"
#include "trendbeeld/load.h"
#include "trendbeeld/models.h"
#include "trendbeeld/store.h"

/* The generated file in memory (caller frees). */
static char *gen_mem(const tb_gen_options *o, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    assert_non_null(f);
    tb_error err = {0};
    assert_int_equal(tb_gen_write(o, f, "mem", &err), TB_OK);
    fclose(f);
    return buf;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_same_seed_same_bytes(void **state)
{
    (void)state;
    tb_gen_options o;
    tb_gen_options_init(&o);
    o.nseries = 500;
    o.missing = 0.05;
    for (int fmt = 0; fmt < 2; fmt++) {
        for (int per = 0; per < 2; per++) {
            o.format = fmt ? TB_GEN_CBS : TB_GEN_LONG;
            o.period = per ? TB_GEN_MONTH : TB_GEN_YEAR;
            o.seed = 7;
            size_t n1, n2, n3;
            char *a = gen_mem(&o, &n1), *b = gen_mem(&o, &n2);
            assert_int_equal(n1, n2);
            assert_memory_equal(a, b, n1);
            o.seed = 8;
            char *c = gen_mem(&o, &n3);
            assert_true(n1 != n3 || memcmp(a, c, n1) != 0);
            free(a), free(b), free(c);
        }
    }
}

/* Series i is the same whatever the number of series: the first 58 series
 * of a 58-series file are the first 58 of a 5.800-series file. */
static void test_series_independent_of_count(void **state)
{
    (void)state;
    tb_gen_options o;
    tb_gen_options_init(&o);
    o.nseries = 58;
    size_t n1, n2;
    char *a = gen_mem(&o, &n1);
    o.nseries = 5800;
    char *b = gen_mem(&o, &n2);
    assert_true(n2 > n1);
    assert_memory_equal(a, b, n1);
    free(a), free(b);
}

static void test_long_layout(void **state)
{
    (void)state;
    tb_gen_options o;
    tb_gen_options_init(&o);
    o.nseries = 60; /* 58 offences in GM0001, 2 in GM0002 */
    o.first_year = 2012;
    o.last_year = 2015;
    size_t len;
    char *s = gen_mem(&o, &len);
    assert_int_equal(count_lines(s), 1 + 60 * 4);
    assert_memory_equal(s, "region,indicator,measure,year,value\nGM0001,1.1.1,aangiften,2012,",
                        strlen("region,indicator,measure,year,value\nGM0001,1.1.1,aangiften,2012,"));
    /* series 58 is the first offence of the second region, row 1 + 58*4 + 1 */
    assert_non_null(strstr(s, "\nGM0002,1.1.1,aangiften,2012,"));
    assert_non_null(strstr(s, "\nGM0002,1.1.2,aangiften,2015,"));
    assert_null(strstr(s, "GM0002,1.2.1"));
    /* the last offence code of the table */
    assert_non_null(strstr(s, "\nGM0001,3.9.3,aangiften,2015,"));
    free(s);

    o.period = TB_GEN_MONTH;
    o.nseries = 2;
    s = gen_mem(&o, &len);
    assert_int_equal(count_lines(s), 1 + 2 * 48);
    assert_memory_equal(s, "region,indicator,measure,period,value\nGM0001,1.1.1,aangiften,2012-01,",
                        strlen("region,indicator,measure,period,value\nGM0001,1.1.1,aangiften,2012-01,"));
    assert_non_null(strstr(s, "\nGM0001,1.1.2,aangiften,2015-12,"));
    free(s);
}

static void test_cbs_layout(void **state)
{
    (void)state;
    tb_gen_options o;
    tb_gen_options_init(&o);
    o.format = TB_GEN_CBS;
    o.nseries = 3;
    o.first_year = 2012;
    o.last_year = 2013;
    size_t len;
    char *s = gen_mem(&o, &len);
    const char *head = "\xEF\xBB\xBF\"ID\";\"SoortMisdrijf\";\"RegioS\";\"Perioden\";"
                       "\"GeregistreerdeMisdrijven_1\"\n"
                       "\"0\";\"1.1.1 \";\"GM0001\";\"2012JJ00\";\"";
    assert_memory_equal(s, head, strlen(head));
    assert_int_equal(count_lines(s), 1 + 3 * 2);
    /* values right-aligned in 8 characters, as in CBS untyped data sets */
    const char *v = s + strlen(head);
    assert_int_equal(strchr(v, '"') - v, 8);
    assert_non_null(strstr(s, "\n\"5\";\"1.2.1 \";\"GM0001\";\"2013JJ00\";\""));
    free(s);

    o.period = TB_GEN_MONTH;
    o.missing = 0.5;
    o.nseries = 1;
    s = gen_mem(&o, &len);
    assert_non_null(strstr(s, "\"2012MM01\""));
    assert_non_null(strstr(s, "\n\"23\";\"1.1.1 \";\"GM0001\";\"2013MM12\";\""));
    assert_non_null(strstr(s, "\"       .\"")); /* a padded missing dot */
    free(s);
}

/* Rows of the yearly long file carry exactly tb_gen_series_values(). */
static void test_file_matches_values(void **state)
{
    (void)state;
    tb_gen_options o;
    tb_gen_options_init(&o);
    o.nseries = 100;
    o.missing = 0.1;
    size_t len;
    char *s = gen_mem(&o, &len);
    double v[12];
    tb_error err = {0};
    char *line = strchr(s, '\n') + 1;
    size_t missing = 0;
    for (size_t i = 0; i < o.nseries; i++) {
        assert_int_equal(tb_gen_series_values(&o, i, v, &err), TB_OK);
        for (int t = 0; t < 12; t++) {
            char *end = strchr(line, '\n');
            char *comma = end;
            while (comma[-1] != ',')
                comma--;
            if (isnan(v[t])) {
                assert_true(comma == end);
                missing++;
            } else {
                assert_exact(strtod(comma, NULL), v[t]);
            }
            line = end + 1;
        }
    }
    assert_int_equal(*line, '\0');
    /* 1.200 cells at a 10% missing share: 120 expected, sd 10.4 */
    assert_in_range(missing, 120 - 45, 120 + 45);
    free(s);
}

/* Steep drawn trends over a long period: some of these series grow by a
 * factor of about e^19, and once made the Poisson sampler spin for ever.
 * Means are capped at 1e9; the values reach it and stay below 1e9 plus
 * the noise of a Poisson draw there (sd about 3.2e4, so 1e9 + 1e6 is far
 * out). */
static void test_steep_trends_end(void **state)
{
    (void)state;
    tb_gen_options o;
    tb_gen_options_init(&o);
    o.nseries = 1200;
    o.first_year = 2009;
    o.last_year = 2024;
    o.level = 30;
    o.trend_pct = 2;
    o.trend_sd = 0.3;
    o.seed = 12;
    double v[16], top = 0;
    tb_error err = {0};
    for (size_t i = 0; i < o.nseries; i++) {
        assert_int_equal(tb_gen_series_values(&o, i, v, &err), TB_OK);
        for (int t = 0; t < 16; t++)
            top = fmax(top, v[t]);
    }
    assert_true(top > 1e9 - 1e6 && top < 1e9 + 1e6);
}

static void test_bad_options(void **state)
{
    (void)state;
    tb_gen_options o;
    tb_error err = {0};
    tb_store *s = tb_store_new();
    tb_gen_options_init(&o);
    o.nseries = 0;
    assert_int_equal(tb_gen_store(&o, s, &err), TB_EINVAL);
    assert_string_equal(err.msg, "number of series 0 out of range; expected 1 to 5799999942");
    tb_gen_options_init(&o);
    o.first_year = 2020;
    o.last_year = 2019;
    assert_int_equal(tb_gen_store(&o, s, &err), TB_EINVAL);
    assert_string_equal(err.msg, "years 2020-2019 invalid; expected FIRST-LAST within 1900-2100");
    tb_gen_options_init(&o);
    o.trend_pct = -100;
    assert_int_equal(tb_gen_store(&o, s, &err), TB_EINVAL);
    tb_gen_options_init(&o);
    o.missing = 1;
    assert_int_equal(tb_gen_store(&o, s, &err), TB_EINVAL);
    tb_gen_options_init(&o);
    o.level = NAN;
    assert_int_equal(tb_gen_store(&o, s, &err), TB_EINVAL);
    assert_int_equal(tb_store_size(s), 0);
    assert_int_equal(tb_gen_write_file(&o, "/nonexistent-dir/x.csv", &err), TB_EINVAL);
    tb_gen_options_init(&o);
    assert_int_equal(tb_gen_write_file(&o, "/nonexistent-dir/x.csv", &err), TB_EIO);
    assert_string_equal(err.file, "/nonexistent-dir/x.csv");
    tb_store_free(s);
}

/* The store filled directly equals the monthly values summed per year,
 * with partial years flagged. */
static void test_store_monthly_sums(void **state)
{
    (void)state;
    tb_gen_options o;
    tb_gen_options_init(&o);
    o.period = TB_GEN_MONTH;
    o.nseries = 120;
    o.missing = 0.02;
    tb_store *s = tb_store_new();
    tb_error err = {0};
    assert_int_equal(tb_gen_store(&o, s, &err), TB_OK);
    assert_int_equal(tb_store_size(s), 120);
    double v[144];
    char buf[16];
    size_t incomplete = 0;
    for (size_t i = 0; i < o.nseries; i++) {
        tb_gen_series info;
        assert_int_equal(tb_gen_series_info(&o, i, &info, buf, &err), TB_OK);
        assert_int_equal(tb_gen_series_values(&o, i, v, &err), TB_OK);
        tb_series *x = tb_store_find(s, info.region, info.indicator, TB_GEN_MEASURE);
        assert_non_null(x);
        assert_int_equal(x->first_year, 2012);
        assert_int_equal(x->n, 12);
        for (int t = 0; t < 12; t++) {
            double sum = 0;
            int seen = 0;
            for (int m = 0; m < 12; m++)
                if (!isnan(v[12 * t + m]))
                    sum += v[12 * t + m], seen++;
            assert_exact(x->value[t], sum);
            assert_int_equal(!!(x->flags[t] & TB_FLAG_INCOMPLETE), seen < 12);
            incomplete += seen < 12;
        }
    }
    /* P(a year lacks a month) = 1 - 0.98^12 = 0.215: about 310 of 1.440 */
    assert_in_range(incomplete, 250, 370);
    assert_string_equal(tb_store_at(s, 58)->region, "GM0002");
    tb_store_free(s);
}

/* The means follow the requested trend.  With a fixed trend (sd 0) every
 * series has E[Y_it] = mu0_i e^{g t}, so sum_i Y_it / sum_i mu0_i
 * estimates e^{g t} with relative sd 1 / sqrt(sum_i mu0_i e^{gt}) for
 * Poisson counts (about 0.2% here), and the Pearson ratio
 * (Y - mu)^2 / Var(Y) averages 1 (sd about sqrt(2 / 24.000) = 0.009).
 * Tolerances are 5 sd. */
static void check_trend(tb_gen_dist dist, double theta, int monthly)
{
    tb_gen_options o;
    tb_gen_options_init(&o);
    o.dist = dist;
    o.theta = theta;
    o.nseries = 2000;
    o.trend_pct = -5;
    o.trend_sd = 0;
    o.seed = 11;
    o.period = monthly ? TB_GEN_MONTH : TB_GEN_YEAR;
    tb_store *s = tb_store_new();
    tb_error err = {0};
    assert_int_equal(tb_gen_store(&o, s, &err), TB_OK);
    double sum_y[12] = {0}, sum_mu0 = 0, sum_var[12] = {0}, pearson = 0;
    char buf[16];
    for (size_t i = 0; i < o.nseries; i++) {
        tb_gen_series info;
        assert_int_equal(tb_gen_series_info(&o, i, &info, buf, &err), TB_OK);
        assert_close(info.growth, log(0.95), 1e-15);
        if (dist == TB_GEN_POISSON)
            assert_true(isinf(info.theta));
        else
            assert_exact(info.theta, theta);
        tb_series *x = tb_store_at(s, i);
        sum_mu0 += info.mu0;
        for (int t = 0; t < 12; t++) {
            double mu = info.mu0 * exp(info.growth * t);
            double var = mu + mu * mu / info.theta;
            if (monthly) /* twelve independent months: the NB excess adds up per month */
                var = mu + mu * mu / (12 * info.theta);
            sum_y[t] += x->value[t];
            sum_var[t] += var;
            pearson += (x->value[t] - mu) * (x->value[t] - mu) / var;
        }
    }
    for (int t = 0; t < 12; t++) {
        double sd = sqrt(sum_var[t]) / (sum_mu0 * pow(0.95, t));
        assert_close(sum_y[t] / sum_mu0, pow(0.95, t), 5 * sd);
    }
    assert_close(pearson / (12.0 * o.nseries), 1, 5 * sqrt(2.0 / (12 * o.nseries)) +
                                                    (dist == TB_GEN_POISSON ? 0 : 0.03));
    tb_store_free(s);
}

static void test_trend_poisson(void **state)
{
    (void)state;
    check_trend(TB_GEN_POISSON, 0, 0);
    check_trend(TB_GEN_POISSON, 0, 1);
}

static void test_trend_negbin(void **state)
{
    (void)state;
    check_trend(TB_GEN_NEGBIN, 10, 0);
    check_trend(TB_GEN_NEGBIN, 10, 1);
}

/* A Poisson GLM on one long generated series recovers the growth: 100
 * years at mu0 of about 1.000 falling 2% a year.  For a Poisson GLM
 * Var(b) = 1 / sum_t mu_t (t - tbar)^2, tbar the mu-weighted mean of t;
 * here that is about 1.7e-4, so |b - g| < 5 SE is a bound that a correct
 * fit exceeds with probability 6e-7, while a trend off by a tenth
 * (0.002) would fail it. */
static void test_poisson_glm_recovers_growth(void **state)
{
    (void)state;
    tb_gen_options o;
    tb_gen_options_init(&o);
    o.dist = TB_GEN_POISSON;
    o.nseries = 1;
    o.first_year = 1950;
    o.last_year = 2049;
    o.trend_pct = -2;
    o.trend_sd = 0;
    o.level = 30;
    tb_gen_series info;
    char buf[16];
    tb_error err = {0};
    assert_int_equal(tb_gen_series_info(&o, 0, &info, buf, &err), TB_OK);
    double v[100];
    int year[100];
    assert_int_equal(tb_gen_series_values(&o, 0, v, &err), TB_OK);
    double smu = 0, smut = 0, smutt = 0;
    for (int t = 0; t < 100; t++) {
        year[t] = 1950 + t;
        double mu = info.mu0 * exp(info.growth * t);
        smu += mu, smut += mu * t, smutt += mu * t * t;
    }
    double se = 1 / sqrt(smutt - smut * smut / smu);
    assert_true(info.mu0 > 500 && info.mu0 < 5000);
    assert_true(se < 3e-4);
    tb_fit_options fo;
    tb_fit_options_init(&fo);
    tb_fit *f = NULL;
    assert_int_equal(tb_model_fit(TB_MODEL_POISSON, year, v, 100, &fo, &f, &err), TB_OK);
    assert_true(fabs(f->slope - log(0.98)) < 5 * se);
    /* the reported SE is the same Fisher-information SE, at the fitted mu */
    assert_close(f->se_slope, se, 0.05);
    /* Var(a) = sum mu t^2 / det of the 2x2 Fisher information */
    double se_a = sqrt(smutt / (smu * smutt - smut * smut));
    assert_true(fabs(f->intercept - log(info.mu0)) < 5 * se_a);
    tb_fit_free(f);
}

/* The files load back to the store the generator fills directly, in
 * every layout: the loader and the generator agree on what the bytes mean. */
static void test_files_load_to_same_store(void **state)
{
    (void)state;
    char path[] = "/tmp/tb_gen_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    for (int fmt = 0; fmt < 2; fmt++) {
        for (int per = 0; per < 2; per++) {
            tb_gen_options o;
            tb_gen_options_init(&o);
            o.format = fmt ? TB_GEN_CBS : TB_GEN_LONG;
            o.period = per ? TB_GEN_MONTH : TB_GEN_YEAR;
            o.nseries = 130;
            o.first_year = 2015;
            o.last_year = 2020;
            o.missing = 0.01;
            tb_error err = {0};
            assert_int_equal(tb_gen_write_file(&o, path, &err), TB_OK);
            tb_store *a = tb_store_new(), *b = tb_store_new();
            assert_int_equal(tb_gen_store(&o, a, &err), TB_OK);
            tb_diag *d = tb_diag_new();
            tb_status st = tb_load_file(b, path, NULL, NULL, d, &err);
            if (st != TB_OK)
                print_error("format %d period %d: %s:%ld:%ld: %s\n", fmt, per, err.file,
                            err.line, err.column, err.msg);
            assert_int_equal(st, TB_OK);
            assert_int_equal(tb_store_size(b), 130);
            for (size_t i = 0; i < tb_store_size(a); i++) {
                tb_series *x = tb_store_at(a, i);
                tb_series *y = tb_store_find(b, x->region, x->indicator, x->measure);
                if (!y)
                    print_error("not loaded: %s %s %s\n", x->region, x->indicator, x->measure);
                assert_non_null(y);
                assert_int_equal(y->first_year, x->first_year);
                assert_int_equal(y->n, x->n);
                for (int t = 0; t < x->n; t++) {
                    assert_close(y->value[t], x->value[t], 0);
                    unsigned mask = TB_FLAG_MISSING | TB_FLAG_INCOMPLETE;
                    assert_int_equal(y->flags[t] & mask, x->flags[t] & mask);
                }
            }
            tb_diag_free(d);
            tb_store_free(a);
            tb_store_free(b);
        }
    }
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_bytes),
        cmocka_unit_test(test_series_independent_of_count),
        cmocka_unit_test(test_long_layout),
        cmocka_unit_test(test_cbs_layout),
        cmocka_unit_test(test_file_matches_values),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_store_monthly_sums),
        cmocka_unit_test(test_trend_poisson),
        cmocka_unit_test(test_trend_negbin),
        cmocka_unit_test(test_poisson_glm_recovers_growth),
        cmocka_unit_test(test_files_load_to_same_store),
        cmocka_unit_test(test_steep_trends_end),
    };
    return cmocka_run_group_tests_name("generate", tests, NULL, NULL);
}

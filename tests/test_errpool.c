/* Pooled forecast errors: the calibrated distribution on a pool small
 * enough to work out by hand, the no-look-ahead rule, errors made from a
 * store, and the pool file. */
#include "tb_test.h"

#include <string.h>

#include "trendbeeld/errpool.h"

static tb_errpool *hand_pool(void)
{
    tb_point_method m;
    tb_point_method_default(&m);
    tb_errpool *p = NULL;
    tb_error e;
    assert_int_equal(tb_errpool_read("tests/data/pool/hand.csv", &m, &p, &e), TB_OK);
    return p;
}

/* tests/data/pool/hand.csv: one year ahead, class above 500, 60 errors of
 * 0.1 (outcome 2014), 60 of 0.2 (2015) and 60 of 5.0 (2016).  A series at
 * 999.5 (z = log 1000) in 2015, judged with errors up to 2015: the
 * errors 0.1 and 0.2 weigh 2/3 together (1/3 each), their mirror images
 * -0.1 and -0.2 1/3 (1/6 each):
 *   F(-0.2) = 1/6, F(-0.1) = 1/3, F(0.1) = 2/3, F(0.2) = 1. */
static void test_hand_quantiles(void **state)
{
    (void)state;
    tb_errpool *p = hand_pool();
    const tb_errpool *chain[] = {p};
    int year[] = {2014, 2015};
    double value[] = {1200, 999.5};
    tb_errdist d;
    assert_int_equal(tb_errdist_make(chain, 1, year, value, 2, 1, 1, 2015, &d), 1);
    assert_int_equal(d.n, 120);
    assert_int_equal(d.nyears, 2);
    assert_close(d.point, log(1000), 1e-12);
    /* P(Y <= 1160): cut log(1161 / 1000) = 0.149 lies between 0.1 and 0.2 */
    assert_close(tb_errdist_prob_le(&d, 1160), 2.0 / 3, 1e-12);
    /* P(Y <= 1000): cut log(1001 / 1000) = 0.001, between -0.1 and 0.1 */
    assert_close(tb_errdist_prob_le(&d, 1000.7), 1.0 / 3, 1e-12);
    /* below the lowest: 1000 e^-0.2 = 818.7, cut log(801 / 1000) < -0.2 */
    assert_close(tb_errdist_prob_le(&d, 800), 0, 0);
    assert_close(tb_errdist_prob_le(&d, -1), 0, 0);
    /* 2.5%: the first value whose weight reaches it, -0.2:
     * 1000 e^-0.2 - 0.5 = 818.23, rounded down 818; 97.5%: 0.2,
     * 1000 e^0.2 - 0.5 = 1220.90, rounded up 1221; 10%: -0.2; 90%: 0.2;
     * the median: 0.1, 1104.67, rounded up 1105 */
    assert_close(tb_errdist_quantile(&d, 0.025), 818, 0);
    assert_close(tb_errdist_quantile(&d, 0.975), 1221, 0);
    assert_close(tb_errdist_quantile(&d, 0.10), 818, 0);
    assert_close(tb_errdist_quantile(&d, 0.90), 1221, 0);
    assert_close(tb_errdist_median(&d), 1105, 0);
    /* 1/6 is the weight of -0.2: the 1/6 quantile is -0.2, above it -0.1 */
    assert_close(tb_errdist_quantile(&d, 0.17), 904, 0); /* 904.34 down */
    /* the pool holds no errors of rates: a rate gets no answer from it */
    double rate[] = {1.2, 1.0};
    assert_int_equal(tb_errdist_make(chain, 1, year, rate, 2, 0, 1, 2015, &d), 0);
    tb_errpool_free(p);
}

/* Errors whose outcome year is after the cut-off are never used. */
static void test_no_look_ahead(void **state)
{
    (void)state;
    tb_errpool *p = hand_pool();
    const tb_errpool *chain[] = {p};
    int year[] = {2016};
    double value[] = {999.5};
    tb_errdist d;
    /* up to 2014: 60 errors, fewer than TB_POOL_MIN_ERRORS: no answer */
    assert_int_equal(tb_errdist_make(chain, 1, year, value, 1, 1, 1, 2014, &d), 0);
    assert_null(d.pool);
    assert_true(isnan(tb_errdist_prob_le(&d, 1000)));
    /* up to 2015: the 5.0 errors of 2016 are not there */
    assert_int_equal(tb_errdist_make(chain, 1, year, value, 1, 1, 1, 2015, &d), 1);
    assert_int_equal(d.n, 120);
    assert_close(tb_errdist_quantile(&d, 0.975), 1221, 0);
    /* up to 2016 they are: 180 errors, 5.0 weighs 2/9 and tops the range */
    assert_int_equal(tb_errdist_make(chain, 1, year, value, 1, 1, 1, 2016, &d), 1);
    assert_int_equal(d.n, 180);
    assert_int_equal(d.nyears, 3);
    assert_close(tb_errdist_quantile(&d, 0.975), ceil(1000 * exp(5.0) - 0.5), 0);
    /* a cut-off after the pool's last year is the whole pool */
    assert_int_equal(tb_errdist_make(chain, 1, year, value, 1, 1, 1, 2030, &d), 1);
    assert_int_equal(d.n, 180);
    /* another class or horizon has nothing */
    double small[] = {20};
    assert_int_equal(tb_errdist_make(chain, 1, year, small, 1, 1, 1, 2016, &d), 0);
    assert_int_equal(tb_errdist_make(chain, 1, year, value, 1, 1, 2, 2016, &d), 0);
    tb_errpool_free(p);
}

/* Errors from a store: the last value as the point forecast.  GM0014
 * 100, 110, 121 (2012-2014): origin 2013 one year ahead, log(121.5 /
 * 110.5); origin 2012 has one observation and gives none. */
static void test_from_store(void **state)
{
    (void)state;
    tb_store *s = tb_store_new();
    double v[] = {100, 110, 121};
    for (int i = 0; i < 3; i++)
        tb_store_put(s, "GM0014", "1.1.1", "aangiften", 2012 + i, v[i], 0, NULL, NULL, NULL,
                     NULL);
    tb_store_put(s, "GM0014", "0.0.0", "inwoners", 2012, 200000, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "GM0014", "0.0.0", "inwoners", 2013, 201000, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "GM0014", "0.0.0", "inwoners", 2014, 202000, 0, NULL, NULL, NULL, NULL);
    /* a provisional year is no outcome */
    tb_store_put(s, "GM0014", "1.1.1", "aangiften", 2015, 500, TB_FLAG_PROVISIONAL, NULL, NULL,
                 NULL, NULL);
    tb_errpool *p = tb_errpool_new("test", NULL);
    tb_error e;
    assert_int_equal(tb_errpool_add_store(p, s, &e), TB_OK);
    assert_int_equal(tb_errpool_size(p), 1);
    assert_int_equal(tb_errpool_series(p), 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    const char *prov[] = {"made by: a test"};
    assert_int_equal(tb_errpool_write(p, f, prov, 1), 0);
    fclose(f);
    char want[64];
    snprintf(want, sizeof want, "count_50_500,1,2014,%.6f\n", log(121.5 / 110.5));
    assert_non_null(strstr(buf, want));
    assert_non_null(strstr(buf, "# made by: a test\n"));
    assert_non_null(strstr(buf, "\nclass,horizon,year,error\n"));
    free(buf);
    tb_errpool_free(p);
    tb_store_free(s);
}

static void test_file_errors(void **state)
{
    (void)state;
    tb_point_method m;
    tb_point_method_default(&m);
    tb_errpool *p = NULL;
    tb_error e;
    assert_int_equal(tb_errpool_read("tests/data/pool/old_method.csv", &m, &p, &e), TB_EDATA);
    assert_null(p);
    assert_int_equal(e.line, 1);
    assert_non_null(strstr(e.msg, "rebuild it with 'trendbeeld target --write-pool'"));
    assert_int_equal(tb_errpool_read("tests/data/pool/bad_horizon.csv", &m, &p, &e), TB_EPARSE);
    assert_int_equal(e.line, 4);
    assert_int_equal(e.column, 2);
    assert_string_equal(e.msg, "bad field; expected a horizon 1 to 10");
    assert_int_equal(tb_errpool_read("tests/data/pool/missing.csv", &m, &p, &e), TB_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_quantiles),
        cmocka_unit_test(test_no_look_ahead),
        cmocka_unit_test(test_from_store),
        cmocka_unit_test(test_file_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Fit output: JSON keys and numbers (read back with jansson), nulls for
 * undefined values, refusals, and the long CSV form. */
#include "tb_test.h"

#include <string.h>

#include "trendbeeld/fit_output.h"
#include "trendbeeld/output.h"

/* Oost-Nederland woninginbraak 2011-2013 (13100 stands in for ">13.000"). */
static const int oost_year[] = {2011, 2012, 2013};
static const double oost_y[] = {13100, 15642, 14903};

/* Records written as trendbeeld fit writes them: chunks through
 * tb_write_ordered, framed by the CSV header or the JSON array. */
static int json_chunk(size_t first, size_t count, FILE *out, FILE *msg, void *ctx)
{
    (void)msg;
    return tb_fit_records_json(out, (const tb_fit_record *)ctx + first, count, first == 0);
}

static int csv_chunk(size_t first, size_t count, FILE *out, FILE *msg, void *ctx)
{
    (void)msg;
    return tb_fit_records_csv(out, (const tb_fit_record *)ctx + first, count);
}

static char *render_threads(int json, const tb_fit_record *r, size_t n, int threads)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    tb_write_options o = {.head = TB_FIT_CSV_HEADER};
    if (json)
        tb_write_json_array(&o, n == 0);
    assert_int_equal(tb_write_ordered(f, n, 256, threads, json ? json_chunk : csv_chunk,
                                      (void *)r, &o),
                     0);
    fclose(f);
    return buf;
}

static char *render(int json, const tb_fit_record *r, size_t n)
{
    return render_threads(json, r, n, 0);
}

static void test_json_linear(void **state)
{
    (void)state;
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, oost_year, oost_y, 3, NULL, &f, &err), TB_OK);
    const char *note = "2013 is provisional";
    tb_fit_record r = {"Oost-Nederland", "1.1.1 Woninginbraak", "aangiften", "linear", f,
                       NULL, &note, 1};
    char *text = render(1, &r, 1);
    json_error_t jerr;
    json_t *a = json_loads(text, 0, &jerr);
    assert_non_null(a);
    assert_true(json_is_array(a));
    assert_int_equal(json_array_size(a), 1);
    json_t *o = json_array_get(a, 0);
    assert_string_equal(json_string_value(json_object_get(o, "region")), "Oost-Nederland");
    assert_string_equal(json_string_value(json_object_get(o, "model")), "linear");
    assert_int_equal(json_integer_value(json_object_get(o, "n")), 3);
    assert_int_equal(json_integer_value(json_object_get(o, "first_year")), 2011);
    assert_int_equal(json_integer_value(json_object_get(o, "last_year")), 2013);
    /* R: intercept 13646.8333333333, se_slope 947.143116605581 — and the
     * JSON carries every digit of the double */
    json_t *coef = json_object_get(o, "coef"), *se = json_object_get(o, "se");
    assert_true(json_real_value(json_object_get(coef, "intercept")) == f->intercept);
    assert_close(json_real_value(json_object_get(coef, "intercept")), 13646.8333333333, 1e-12);
    assert_close(json_real_value(json_object_get(se, "slope")), 947.143116605581, 1e-12);
    json_t *stats = json_object_get(o, "stats");
    assert_close(json_real_value(json_object_get(stats, "r2")), 0.475324978013771, 1e-12);
    /* AICc undefined at n = 3: null, never NaN */
    assert_true(json_is_null(json_object_get(stats, "aicc")));
    assert_null(strstr(text, "NaN"));
    assert_null(strstr(text, "nan"));
    json_t *fc = json_object_get(o, "forecast");
    assert_int_equal(json_array_size(fc), 5);
    json_t *last = json_array_get(fc, 4);
    assert_int_equal(json_integer_value(json_object_get(last, "year")), 2018);
    assert_null(json_object_get(last, "pi95_lo"));
    assert_close(json_real_value(json_object_get(last, "lo95")), -54876.815526919, 1e-12);
    json_t *w = json_object_get(o, "warnings");
    size_t nw = json_array_size(w);
    assert_true(nw >= 2);
    assert_string_equal(json_string_value(json_array_get(w, nw - 1)), note);
    assert_null(json_object_get(o, "trend_test"));
    json_decref(a);
    free(text);
    tb_fit_free(f);
}

static void test_json_theilsen_and_refusal(void **state)
{
    (void)state;
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_THEILSEN, oost_year, oost_y, 3, NULL, &f, &err), TB_OK);
    int year[] = {2009, 2010, 2011};
    double y[] = {4, 0, 3};
    tb_fit *g = NULL;
    assert_int_equal(tb_model_fit(TB_MODEL_LOGLINEAR, year, y, 3, NULL, &g, &err), TB_EMODEL);
    tb_fit_record r[2] = {{"RE02", "1.1.1", "aangiften", "theilsen", f, NULL, NULL, 0},
                          {"X", "Y", "Z", "loglinear", NULL, err.msg, NULL, 0}};
    char *text = render(1, r, 2);
    json_error_t jerr;
    json_t *a = json_loads(text, 0, &jerr);
    assert_non_null(a);
    json_t *tt = json_object_get(json_array_get(a, 0), "trend_test");
    assert_non_null(tt);
    /* 13100 < 15642 > 14903, 13100 < 14903: S = 1 - 1 + 1 = 1;
     * Var S = 3*2*11/18 = 3.667; exact p = P(|S| >= 1) = 1 */
    assert_exact(json_real_value(json_object_get(tt, "S")), 1);
    assert_close(json_real_value(json_object_get(tt, "var_S")), 11.0 / 3, 1e-15);
    assert_exact(json_real_value(json_object_get(tt, "p_exact")), 1);
    assert_true(json_is_null(json_object_get(tt, "sen_lo95")));
    json_t *fc0 = json_array_get(json_object_get(json_array_get(a, 0), "forecast"), 0);
    assert_true(json_is_null(json_object_get(fc0, "lo80")));
    json_t *bad = json_array_get(a, 1);
    assert_string_equal(json_string_value(json_object_get(bad, "model")), "loglinear");
    assert_non_null(strstr(json_string_value(json_object_get(bad, "error")), "poisson or negbin"));
    json_decref(a);
    free(text);
    tb_fit_free(f);
}

/* The JSON array is written a chunk of records at a time: the bytes are
 * those of jansson dumping the whole array, for 1 or 2 threads, over more
 * than two chunks of 256, refusals among them, and for no records. */
static void test_json_streamed(void **state)
{
    (void)state;
    enum { N = 600 };
    tb_fit *fit[3] = {NULL};
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, oost_year, oost_y, 3, NULL, &fit[0], &err),
                     TB_OK);
    assert_int_equal(tb_model_fit(TB_MODEL_POISSON, oost_year, oost_y, 3, NULL, &fit[1], &err),
                     TB_OK);
    assert_int_equal(tb_model_fit(TB_MODEL_THEILSEN, oost_year, oost_y, 3, NULL, &fit[2], &err),
                     TB_OK);
    tb_fit_record *r = calloc(N, sizeof *r);
    json_t *whole = json_array();
    char region[N][16];
    for (int i = 0; i < N; i++) {
        snprintf(region[i], sizeof region[i], "GM%04d", i);
        r[i] = (tb_fit_record){region[i], "1.1.1", "aangiften", "auto", fit[i % 3],
                               i % 7 ? NULL : "n = 3, too few years", NULL, 0};
        if (!(i % 7))
            r[i].fit = NULL;
        json_array_append_new(whole, tb_fit_record_json(&r[i]));
    }
    char *want = json_dumps(whole, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    for (int t = 1; t <= 2; t++) {
        char *got = render_threads(1, r, N, t);
        assert_int_equal(strlen(got), strlen(want) + 1);
        assert_memory_equal(got, want, strlen(want));
        assert_int_equal(got[strlen(want)], '\n');
        free(got);
    }
    char *none = render(1, r, 0);
    assert_string_equal(none, "[]\n");
    free(none);
    free(want);
    json_decref(whole);
    free(r);
    for (int k = 0; k < 3; k++)
        tb_fit_free(fit[k]);
}

static void test_csv_long_form(void **state)
{
    (void)state;
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, oost_year, oost_y, 3, NULL, &f, &err), TB_OK);
    tb_fit_record r = {"Oost-Nederland", "1.1.1 Woninginbraak, totaal", "aangiften", "linear",
                       f, NULL, NULL, 0};
    char *text = render(0, &r, 1);
    assert_memory_equal(text, "region,indicator,measure,model,quantity,year,value\n", 51);
    /* b = (14903 - 13100)/2 = 901.5 exactly; the comma in the name is quoted */
    assert_non_null(strstr(text, "Oost-Nederland,\"1.1.1 Woninginbraak, totaal\",aangiften,"
                                 "linear,coef.slope,,901.5\n"));
    assert_non_null(strstr(text, ",linear,n,,3\n"));
    /* 2018: 13646.8333 + 7 * 901.5 = 19957.3333 (R 19957.3333333333) */
    assert_non_null(strstr(text, ",linear,forecast.mean,2018,19957.3333333333"));
    assert_non_null(strstr(text, ",linear,stats.aicc,,\n"));
    assert_non_null(strstr(text, ",linear,warning,,"));
    free(text);
    tb_fit_free(f);
}

/* A name with a comma, a quote and a line break: one RFC 4180 field, the
 * quote doubled, the line break kept inside the quotes. */
static void test_csv_quoting(void **state)
{
    (void)state;
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, oost_year, oost_y, 3, NULL, &f, &err), TB_OK);
    tb_fit_record r = {"Den Haag, \"centrum\"\nwest", "x\"y", "aantal", "linear", f,
                       NULL, NULL, 0};
    char *text = render(0, &r, 1);
    const char *head = "region,indicator,measure,model,quantity,year,value\n"
                       "\"Den Haag, \"\"centrum\"\"\nwest\",\"x\"\"y\",aantal,linear,"
                       "requested_model,,linear\n";
    assert_memory_equal(text, head, strlen(head));
    /* b = (14903 - 13100)/2 = 901.5, as in the long form above */
    assert_non_null(strstr(text, "\"Den Haag, \"\"centrum\"\"\nwest\",\"x\"\"y\",aantal,"
                                 "linear,coef.slope,,901.5\n"));
    free(text);
    tb_fit_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_linear),
        cmocka_unit_test(test_json_theilsen_and_refusal),
        cmocka_unit_test(test_json_streamed),
        cmocka_unit_test(test_csv_long_form),
        cmocka_unit_test(test_csv_quoting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

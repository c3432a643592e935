/* Indicators: every ind.* value of the R reference, plus hand cases. */
#include "tb_test.h"

#include <string.h>

#include "trendbeeld/indicators.h"
#include "trendbeeld/load.h"
#include "trendbeeld/store.h"

/* Fixtures as one store: region = series_id, indicator "x", measure
 * "aangiften" (a count). */
static tb_store *load_fixtures(void)
{
    char path[512];
    tb_reference_path(path, sizeof path, "fixtures.csv");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    tb_store *s = tb_store_new();
    char line[256];
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        char id[128];
        int year;
        double v;
        assert_int_equal(sscanf(line, "%127[^,],%d,%lf", id, &year, &v), 3);
        assert_int_equal(tb_store_put(s, id, "x", "aangiften", year, v, 0, NULL, NULL,
                                      NULL, NULL), TB_OK);
        rows++;
    }
    fclose(f);
    assert_true(rows > 100);
    return s;
}

static void test_reference_values(void **state)
{
    (void)state;
    tb_store *s = load_fixtures();
    char path[512];
    tb_reference_path(path, sizeof path, "reference.csv");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512], cur[128] = "";
    tb_ind_table *t = NULL;
    int checked = 0, by_kind[5] = {0};
    while (fgets(line, sizeof line, f)) {
        char id[128], q[128], val[64];
        if (sscanf(line, "%127[^,],%127[^,],%63s", id, q, val) != 3 ||
            strncmp(q, "ind.", 4))
            continue;
        double want = strtod(val, NULL);
        if (strcmp(id, cur)) {
            tb_ind_table_free(t);
            t = NULL;
            const tb_series *x = tb_store_find(s, id, "x", "aangiften");
            assert_non_null(x);
            tb_error e;
            assert_int_equal(tb_ind_compute(x, NULL, 0, &t, &e), TB_OK);
            snprintf(cur, sizeof cur, "%s", id);
        }
        double got = NAN;
        int year;
        if (sscanf(q, "ind.index.%d", &year) == 1) {
            got = t->row[year - t->series->first_year].index;
            by_kind[0]++;
        } else if (sscanf(q, "ind.yoy_pct.%d", &year) == 1) {
            const tb_ind_row *r = &t->row[year - t->series->first_year];
            got = r->yoy_pct;
            /* the printable state agrees with the IEEE value */
            assert_int_equal(r->yoy_state == TB_IND_OK, isfinite(want));
            by_kind[1]++;
        } else if (!strcmp(q, "ind.cagr_pct")) {
            got = t->cagr_pct;
            by_kind[2]++;
        } else if (!strcmp(q, "ind.aarr_pct")) {
            got = t->aarr_pct;
            by_kind[3]++;
        } else if (!strcmp(q, "ind.aarr_loglin_pct")) {
            assert_int_equal(t->aarr_loglin_state, TB_IND_OK);
            got = t->aarr_loglin_pct;
            by_kind[4]++;
        } else {
            fail_msg("unknown reference quantity %s", q);
        }
        if (!tb_close(got, want, 1e-9, 1e-9)) {
            print_error("%s %s: got %.15g, want %.15g\n", id, q, got, want);
            fail();
        }
        checked++;
    }
    fclose(f);
    tb_ind_table_free(t);
    /* 177 index, 155 yoy, 22 cagr, 22 aarr, 21 loglin values in the file */
    assert_int_equal(checked, 397);
    assert_int_equal(by_kind[0], 177);
    assert_int_equal(by_kind[1], 155);
    assert_int_equal(by_kind[4], 21);
    tb_store_free(s);
}

static void test_loglin_refused_with_zero(void **state)
{
    (void)state;
    /* syn34 has a zero in the middle: no log-linear AARR (reference omits it) */
    tb_store *s = load_fixtures();
    tb_ind_table *t = NULL;
    tb_error e;
    assert_int_equal(tb_ind_compute(tb_store_find(s, "syn34", "x", "aangiften"), NULL, 0,
                                    &t, &e), TB_OK);
    assert_int_equal(t->aarr_loglin_state, TB_IND_NOT_APPLICABLE);
    int yz = 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->row[i].value == 0)
            yz = (int)i;
    assert_true(yz > 0 && yz + 1 < (int)t->n);
    /* the year after the zero: +Inf in IEEE, not printable */
    assert_true(isinf(t->row[yz + 1].yoy_pct));
    assert_int_equal(t->row[yz + 1].yoy_state, TB_IND_DIV_ZERO);
    assert_int_equal(t->row[yz].yoy_state, TB_IND_OK); /* x -> 0 is -100% */
    assert_close(t->row[yz].yoy_pct, -100, 1e-12);
    tb_ind_table_free(t);
    tb_store_free(s);
    int years[] = {2010, 2011, 2012};
    double y[] = {5, 0, 3}, aarr;
    assert_int_equal(tb_ind_aarr_loglin(years, y, 3, &aarr, NULL, &e), TB_EMODEL);
    assert_non_null(strstr(e.msg, "2011"));
}

static void test_hand_cases(void **state)
{
    (void)state;
    tb_ind_state st;
    /* 5 -> 7: +40%, but z = 2(sqrt 7 - sqrt 5) = 2(2.6457513111 - 2.2360679775)
     * = 0.8193666672: well inside +-3. */
    assert_close(tb_ind_yoy_pct(5, 7, &st), 40, 1e-12);
    assert_close(tb_ind_poisson_z(5, 7, &st), 0.819366667221, 1e-9);
    /* 15642 -> 14903 (seed): -4.72446%, z = 2(122.0778 - 125.0680) = -5.98 */
    assert_close(tb_ind_yoy_pct(15642, 14903, &st), -4.72445978775092, 1e-12);
    double z = tb_ind_poisson_z(15642, 14903, &st);
    assert_close(z, 2 * (sqrt(14903.0) - sqrt(15642.0)), 1e-12);
    assert_true(z < -5.9 && z > -6.0);
    /* 0 -> 0 is NaN, 0 -> 3 is +Inf: both flagged, never printed */
    assert_true(isnan(tb_ind_yoy_pct(0, 0, &st)));
    assert_int_equal(st, TB_IND_DIV_ZERO);
    assert_true(isinf(tb_ind_yoy_pct(0, 3, &st)));
    assert_int_equal(st, TB_IND_DIV_ZERO);
    tb_ind_yoy_pct(NAN, 3, &st);
    assert_int_equal(st, TB_IND_MISSING);
    /* CAGR 15485 (2012) -> 6083 (2018), 6 years: (6083/15485)^(1/6) - 1
     * = 0.39283...^(1/6) - 1 = -14.417% (computed: exp(log(0.3928318)/6)) */
    assert_close(tb_ind_cagr_pct(15485, 6083, 6, &st),
                 100 * (pow(6083.0 / 15485.0, 1.0 / 6) - 1), 1e-12);
    assert_close(tb_ind_cagr_pct(100, 0, 4, &st), -100, 1e-12);
    assert_int_equal(st, TB_IND_OK);
    /* rate: 6083 burglaries in 2019692+1139697 = 3159389 inhabitants
     * (end 2013 population, used here only as arithmetic) = 6083 / 3159.389 = 1.92537227926 per 1000 */
    assert_close(tb_ind_rate_per_1000(6083, 3159389, &st), 1.92537227926, 1e-9);
    tb_ind_rate_per_1000(5, 0, &st);
    assert_int_equal(st, TB_IND_DIV_ZERO);
    /* verdachtenratio: 75 verdachten on 1000 aangiften = 7.5 */
    assert_close(tb_ind_ratio_pct(75, 1000, &st), 7.5, 1e-12);
    assert_string_equal(tb_ind_state_label(TB_IND_MISSING), "ontbreekt");
}

/* Table on a series with a provisional year, a gap and inwoners. */
static void test_table(void **state)
{
    (void)state;
    tb_store *s = tb_store_new();
    /* Groningen overlast jeugd (seed Bijlage 1): 3207 2976 2588 2275 */
    double v[] = {3207, 2976, 2588, 2275};
    for (int i = 0; i < 4; i++)
        tb_store_put(s, "PV20", "3.1.2", "meldingen", 2008 + i, v[i],
                     i == 3 ? TB_FLAG_PROVISIONAL : 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "PV20", "3.1.2", "meldingen", 2013, 2000, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "PV20", "0.0.0", "inwoners", 2010, 580000, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "PV20", "0.0.0", "inwoners", 2011, 582000, 0, NULL, NULL, NULL, NULL);
    /* the population key is (region, 0.0.0, inwoners), else (region, "",
     * inwoners); an inwoners column under an offence is not a population */
    tb_store_put(s, "PV21", "1.1.1", "inwoners", 2011, 640000, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "PV22", "", "inwoners", 2011, 490000, 0, NULL, NULL, NULL, NULL);
    const tb_series *x = tb_store_find(s, "PV20", "3.1.2", "meldingen");
    const tb_series *inw = tb_ind_find_inwoners(s, "PV20");
    assert_ptr_equal(inw, tb_store_find(s, "PV20", "0.0.0", "inwoners"));
    assert_null(tb_ind_find_inwoners(s, "PV21"));
    assert_null(tb_ind_find_inwoners(s, "GM0014"));
    assert_null(tb_ind_find_inwoners(NULL, "PV20"));
    const tb_series *inw22 = tb_ind_find_inwoners(s, "PV22");
    assert_non_null(inw22);
    assert_close(tb_series_get(inw22, 2011), 490000, 0);
    tb_ind_table *t;
    tb_error e;
    assert_int_equal(tb_ind_compute(x, inw, 2010, &t, &e), TB_OK);
    assert_int_equal(t->n, 6); /* 2008..2013, 2012 missing */
    assert_true(t->counts);
    /* index vs 2010 = 100 y / 2588 */
    assert_close(t->row[0].index, 100 * 3207.0 / 2588, 1e-12);
    assert_close(t->row[2].index, 100, 1e-12);
    /* trailing 3-year mean 2010 = (3207+2976+2588)/3 = 2923.667 */
    assert_close(t->row[2].ma3, 8771.0 / 3, 1e-12);
    assert_int_equal(t->row[1].ma3_state, TB_IND_MISSING);
    assert_int_equal(t->row[5].ma3_state, TB_IND_MISSING); /* 2012 missing */
    /* 2011 provisional; 2012 compares with it -> provisional too */
    assert_true(t->row[3].provisional);
    assert_int_equal(t->row[4].yoy_state, TB_IND_MISSING);
    assert_int_equal(t->row[5].yoy_state, TB_IND_MISSING);
    /* z 2009 -> 2010 = 2(sqrt 2588 - sqrt 2976) = 2(50.8724 - 54.5527) = -7.36 */
    assert_close(t->row[2].z, 2 * (sqrt(2588.0) - sqrt(2976.0)), 1e-12);
    assert_true(t->row[2].z_flag);
    /* rates where inwoners exist: 2275 / 582000 * 1000 = 3.90893 */
    assert_close(t->row[3].rate_per_1000, 2275.0 / 582, 1e-12);
    assert_int_equal(t->row[0].rate_state, TB_IND_MISSING);
    /* CAGR over first..last observed: 2008 -> 2013, 5 years */
    assert_close(t->cagr_pct, 100 * (pow(2000.0 / 3207, 0.2) - 1), 1e-12);
    assert_int_equal(t->first_year, 2008);
    assert_int_equal(t->last_year, 2013);
    tb_ind_table_free(t);
    /* a base year without a value is an error that names the range */
    assert_int_equal(tb_ind_compute(x, NULL, 2012, &t, &e), TB_EINVAL);
    assert_null(t);
    assert_non_null(strstr(e.msg, "base year 2012"));
    tb_ind_table_free(NULL);
    tb_store_free(s);
}

static void test_derive_ratio(void **state)
{
    (void)state;
    tb_store *s = tb_store_new();
    tb_store_put(s, "RE02", "1.1.1", "aangiften", 2014, 10841, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "RE02", "1.1.1", "aangiften", 2015, 9311, TB_FLAG_PROVISIONAL, NULL,
                 NULL, NULL, NULL);
    tb_store_put(s, "RE02", "1.1.1", "aangiften", 2016, 0, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "RE02", "1.1.1", "verdachten", 2014, 813, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "RE02", "1.1.1", "verdachten", 2015, 900, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "RE02", "1.1.1", "verdachten", 2016, 3, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "RE01", "1.4.7", "opgehelderd", 2012, 40, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "RE01", "1.4.7", "misdrijven", 2012, 125, 0, NULL, NULL, NULL, NULL);
    size_t added;
    tb_diag *d = tb_diag_new();
    tb_error e;
    assert_int_equal(tb_ind_derive_ratio(s, "verdachten", "aangiften", "misdrijven",
                                         "verdachtenratio", &added, d, &e), TB_OK);
    assert_int_equal(added, 1);
    const tb_series *r = tb_store_find(s, "RE02", "1.1.1", "verdachtenratio");
    assert_non_null(r);
    assert_close(tb_series_get(r, 2014), 100 * 813.0 / 10841, 1e-12); /* 7.4993 */
    assert_true(tb_series_flags(r, 2015) & TB_FLAG_PROVISIONAL);
    assert_true(isnan(tb_series_get(r, 2016)));
    assert_int_equal(tb_diag_count(d), 1); /* the division by 0 in 2016 */
    assert_int_equal(tb_ind_derive_ratio(s, "opgehelderd", "aangiften", "misdrijven",
                                         "opgehelderd_pct", &added, d, &e), TB_OK);
    assert_int_equal(added, 1);
    assert_close(tb_series_get(tb_store_find(s, "RE01", "1.4.7", "opgehelderd_pct"), 2012),
                 32, 1e-12);
    /* a second run adds nothing */
    assert_int_equal(tb_ind_derive_ratio(s, "verdachten", "aangiften", NULL,
                                         "verdachtenratio", &added, d, &e), TB_OK);
    assert_int_equal(added, 0);
    tb_diag_free(d);
    tb_store_free(s);
}

/* Roll-up with the shipped code list on real data: burglaries (1.1.1) of
 * the gemeenten of Gelderland and Overijssel add up to RE02 as SOURCES.md
 * gives them: 15485 (2012), 14758, 10841, 9311, 9534, 7405, 6083 (2018). */
static void test_rollup_real(void **state)
{
    (void)state;
    tb_codelist *cl = NULL;
    tb_error e;
    assert_int_equal(tb_codelist_load(&cl, "data/regions.csv", &e), TB_OK);
    tb_load_options lo = {0};
    lo.regions = cl;
    tb_store *s = tb_store_new();
    assert_int_equal(tb_load_file(s, "data/series/politie-47018-gemeenten.csv", &lo, NULL,
                                  NULL, &e), TB_OK);
    /* a reported total for Drenthe that is 1 off in 2013, as real exports are */
    tb_store_put(s, "PV22", "1.1.1", "aangiften", 2013, 1, 0, "test", NULL, NULL, NULL);
    tb_diag *d = tb_diag_new();
    tb_rollup *ru = NULL;
    assert_int_equal(tb_ind_rollup(s, cl, &ru, d, &e), TB_OK);
    const tb_series *re = tb_store_find(s, "RE02", "1.1.1", "aangiften");
    assert_non_null(re);
    assert_non_null(strstr(re->source, "som van 76 gemeenten"));
    const double want[] = {15485, 14758, 10841, 9311, 9534, 7405, 6083};
    for (int i = 0; i < 7; i++)
        assert_exact(tb_series_get(re, 2012 + i), want[i]);
    /* 2024 and 2025 are provisional in the source: so is the sum */
    assert_true(tb_series_flags(re, 2024) & TB_FLAG_PROVISIONAL);
    /* RE01 = Groningen + Fryslan + Drenthe: 6174 (2012), 6698 (2013) */
    const tb_series *no = tb_store_find(s, "RE01", "1.1.1", "aangiften");
    assert_exact(tb_series_get(no, 2012), 6174);
    assert_exact(tb_series_get(no, 2013), 6698);
    /* Drenthe had a reported series: it stays, the sum goes to _som, and
     * the difference is reported, not hidden */
    const tb_series *dr = tb_store_find(s, "PV22", "1.1.1", "aangiften");
    assert_exact(tb_series_get(dr, 2013), 1);
    const tb_series *drs = tb_store_find(s, "PV22", "1.1.1", "aangiften_som");
    assert_non_null(drs);
    int found = 0;
    for (size_t i = 0; i < ru->n; i++) {
        const tb_rollup_row *r = &ru->row[i];
        if (!strcmp(r->region, "PV22") && !strcmp(r->indicator, "1.1.1") && r->year == 2013) {
            assert_exact(r->reported, 1);
            assert_exact(r->difference, tb_series_get(drs, 2013) - 1);
            found = 1;
        }
    }
    assert_true(found);
    assert_true(ru->checked >= 1 && ru->differing >= 1);
    tb_rollup_free(ru);
    tb_diag_free(d);
    tb_store_free(s);
    tb_codelist_free(cl);
}

/* The roll-up's summary line names the largest relative difference:
 * 1 of 100 (1%) outweighs 2 of 1002 (0.2%); equal and unchecked rows are
 * not candidates. */
static void test_rollup_describe(void **state)
{
    (void)state;
    tb_rollup_row row[] = {
        {.region = "PV22", .indicator = "1.1.1", .measure = "aangiften", .year = 2013,
         .sum = 99, .reported = 100, .difference = -1},
        {.region = "PV23", .indicator = "1.1.1", .measure = "aangiften", .year = 2014,
         .sum = 1000, .reported = 1002, .difference = -2},
        {.region = "PV25", .indicator = "1.1.1", .measure = "aangiften", .year = 2014,
         .sum = 50, .reported = 50, .difference = 0},
        {.region = "PV20", .indicator = "1.1.1", .measure = "aangiften", .year = 2014,
         .sum = NAN, .reported = 7, .difference = NAN},
    };
    tb_rollup r = {.n = 4, .row = row, .checked = 3, .differing = 2};
    char buf[300];
    assert_string_equal(tb_rollup_describe(&r, buf, sizeof buf),
                        "2 of 3 sums differ from the reported total, by up to 1% "
                        "(PV22 / 1.1.1 / aangiften 2013: 99 summed, 100 reported)");
    r.n = 1, r.row = &row[2], r.checked = 1, r.differing = 0;
    assert_string_equal(tb_rollup_describe(&r, buf, sizeof buf),
                        "the one sum checked equals the reported total");
    r.checked = 0;
    assert_string_equal(tb_rollup_describe(&r, buf, sizeof buf), "");
}

/* A gemeente without a value in one year: that year has no sum (flagged
 * incomplete), the partial sum is kept in the row only. */
static void test_rollup_missing(void **state)
{
    (void)state;
    tb_codelist *cl = NULL;
    tb_error e;
    assert_int_equal(tb_codelist_load(&cl, "data/regions.csv", &e), TB_OK);
    tb_store *s = tb_store_new();
    /* Drenthe's gemeenten (2021 list: 12), value 10 each, one missing in 2021 */
    size_t nk = tb_codelist_size(cl);
    const tb_code **kids = malloc(nk * sizeof *kids);
    size_t k = tb_codelist_children(cl, "PV22", kids, nk);
    int n = 0;
    for (size_t i = 0; i < k; i++) {
        if (strcmp(kids[i]->level, "gemeente"))
            continue;
        tb_store_put(s, kids[i]->code, "1.4.5", "aangiften", 2020, 10,
                     n == 0 ? TB_FLAG_PROVISIONAL : 0, NULL, NULL, NULL, NULL);
        tb_store_put(s, kids[i]->code, "1.4.5", "aangiften", 2021, n == 0 ? NAN : 10, 0,
                     NULL, NULL, NULL, NULL);
        n++;
    }
    free(kids);
    assert_true(n >= 12);
    tb_rollup *ru;
    assert_int_equal(tb_ind_rollup(s, cl, &ru, NULL, &e), TB_OK);
    const tb_series *x = tb_store_find(s, "PV22", "1.4.5", "aangiften");
    assert_exact(tb_series_get(x, 2020), 10.0 * n);
    assert_true(tb_series_flags(x, 2020) & TB_FLAG_PROVISIONAL);
    assert_true(isnan(tb_series_get(x, 2021)));
    assert_true(tb_series_flags(x, 2021) & TB_FLAG_INCOMPLETE);
    for (size_t i = 0; i < ru->n; i++)
        if (!strcmp(ru->row[i].region, "PV22") && ru->row[i].year == 2021) {
            assert_int_equal(ru->row[i].present, n - 1);
            assert_exact(ru->row[i].partial, 10.0 * (n - 1));
        }
    tb_rollup_free(ru);
    tb_store_free(s);
    tb_codelist_free(cl);
}

/* A figure published per province only: meldingen overlast jeugd (E35)
 * of Groningen, Fryslân and Drenthe (seed, Bijlage 1) and none for the
 * gemeenten.  Eenheid Noord-Nederland (RE01) is the sum of its three
 * provinces (its districts have no series):
 *   2008: 3207 + 2931 + 2476 = 8614
 *   2009: 2976 + 2637 + 2267 = 7880
 *   2010: 2588 + 2665 + 2261 = 7514
 *   2011: 2275 + 2931 + 1971 = 7177 */
static void test_rollup_parts(void **state)
{
    (void)state;
    tb_codelist *cl = NULL;
    tb_error e;
    assert_int_equal(tb_codelist_load(&cl, "data/regions.csv", &e), TB_OK);
    tb_load_options lo = {0};
    lo.regions = cl;
    tb_store *s = tb_store_new();
    assert_int_equal(tb_load_file(s, "data/series/seed-noord-nederland.csv", &lo, NULL,
                                  NULL, &e), TB_OK);
    tb_rollup *ru = NULL;
    assert_int_equal(tb_ind_rollup(s, cl, &ru, NULL, &e), TB_OK);
    const tb_series *x = tb_store_find(s, "RE01", "E35", "meldingen");
    assert_non_null(x);
    const double want[] = {8614, 7880, 7514, 7177};
    for (int i = 0; i < 4; i++)
        assert_exact(tb_series_get(x, 2008 + i), want[i]);
    assert_int_equal(x->first_year, 2008);
    assert_int_equal(x->n, 4);
    /* the label names the parts and the rule for a missing part */
    assert_string_equal(x->source,
                        "som van 3 provincies: Groningen (PV20), Fryslân (PV21), "
                        "Drenthe (PV22); een jaar waarin een ervan ontbreekt, "
                        "ontbreekt in de som");
    int rows = 0;
    for (size_t i = 0; i < ru->n; i++)
        if (!strcmp(ru->row[i].region, "RE01") && !strcmp(ru->row[i].indicator, "E35")) {
            assert_int_equal(ru->row[i].members, 3);
            assert_ptr_equal(ru->row[i].parts, x->source);
            rows++;
        }
    assert_int_equal(rows, 4);
    /* the districts of the same areas get no sum: a district has no parts */
    assert_null(tb_store_find(s, "GRN", "E35", "meldingen"));
    tb_rollup_free(ru);
    tb_store_free(s);
    tb_codelist_free(cl);
}

/* A part without a value in one year leaves that year out of the sum
 * (never the partial sum as the total); a part without any series leaves
 * the region without a sum, and says which part. */
static void test_rollup_parts_missing(void **state)
{
    (void)state;
    tb_codelist *cl = NULL;
    tb_error e;
    assert_int_equal(tb_codelist_load(&cl, "data/regions.csv", &e), TB_OK);
    tb_store *s = tb_store_new();
    /* RE01: 2010 all three (100 + 200 + 300 = 600); 2011 Drenthe missing,
     * partial 100 + 200 = 300 */
    tb_store_put(s, "PV20", "E35", "meldingen", 2010, 100, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "PV21", "E35", "meldingen", 2010, 200, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "PV22", "E35", "meldingen", 2010, 300, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "PV20", "E35", "meldingen", 2011, 110, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "PV21", "E35", "meldingen", 2011, 190, 0, NULL, NULL, NULL, NULL);
    /* RE02: only Overijssel of Overijssel + Gelderland has a series */
    tb_store_put(s, "PV23", "E35", "meldingen", 2010, 50, 0, NULL, NULL, NULL, NULL);
    tb_diag *d = tb_diag_new();
    tb_rollup *ru = NULL;
    assert_int_equal(tb_ind_rollup(s, cl, &ru, d, &e), TB_OK);
    const tb_series *x = tb_store_find(s, "RE01", "E35", "meldingen");
    assert_non_null(x);
    assert_exact(tb_series_get(x, 2010), 600);
    assert_true(isnan(tb_series_get(x, 2011)));
    assert_true(tb_series_flags(x, 2011) & TB_FLAG_INCOMPLETE);
    for (size_t i = 0; i < ru->n; i++)
        if (!strcmp(ru->row[i].region, "RE01") && ru->row[i].year == 2011) {
            assert_int_equal(ru->row[i].present, 2);
            assert_exact(ru->row[i].partial, 300);
        }
    assert_null(tb_store_find(s, "RE02", "E35", "meldingen"));
    int named = 0;
    for (size_t i = 0; i < tb_diag_count(d); i++)
        named |= strstr(tb_diag_get(d, i), "RE02 / E35 / meldingen: Gelderland (PV25) has "
                                           "no series, so RE02 has no sum of its 2 "
                                           "provincies") != NULL;
    assert_true(named);
    tb_rollup_free(ru);
    tb_diag_free(d);
    tb_store_free(s);
    tb_codelist_free(cl);
}

/* Labels of sums in English; every other source, and Dutch, as stored. */
static void test_sum_label(void **state)
{
    (void)state;
    char buf[256];
    const char *nl = "som van 3 provincies: Groningen (PV20), Fryslân (PV21), Drenthe (PV22); "
                     "een jaar waarin een ervan ontbreekt, ontbreekt in de som";
    assert_ptr_equal(tb_ind_sum_label(nl, TB_LANG_NL, buf, sizeof buf), nl);
    assert_string_equal(tb_ind_sum_label(nl, TB_LANG_EN, buf, sizeof buf),
                        "sum of 3 provinces: Groningen (PV20), Fryslân (PV21), Drenthe (PV22); "
                        "a year in which one of them is missing is missing from the sum");
    assert_string_equal(tb_ind_sum_label("som van 76 gemeenten", TB_LANG_EN, buf, sizeof buf),
                        "sum of 76 municipalities");
    assert_string_equal(tb_ind_sum_label("som van 1 district: Twente (DI01); een jaar waarin "
                                         "een ervan ontbreekt, ontbreekt in de som",
                                         TB_LANG_EN, buf, sizeof buf),
                        "sum of 1 district: Twente (DI01); a year in which one of them is "
                        "missing is missing from the sum");
    const char *other = "CBS 47018NED";
    assert_ptr_equal(tb_ind_sum_label(other, TB_LANG_EN, buf, sizeof buf), other);
    const char *odd = "som van veel gemeenten";
    assert_ptr_equal(tb_ind_sum_label(odd, TB_LANG_EN, buf, sizeof buf), odd);
    assert_null(tb_ind_sum_label(NULL, TB_LANG_EN, buf, sizeof buf));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_values),
        cmocka_unit_test(test_loglin_refused_with_zero),
        cmocka_unit_test(test_hand_cases),
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_derive_ratio),
        cmocka_unit_test(test_rollup_real),
        cmocka_unit_test(test_rollup_describe),
        cmocka_unit_test(test_rollup_missing),
        cmocka_unit_test(test_rollup_parts),
        cmocka_unit_test(test_rollup_parts_missing),
        cmocka_unit_test(test_sum_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

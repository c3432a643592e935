/* Targets: the shipped targets file, audit, required path, rates,
 * verdicts, the R reference for P(target met), and the backtest of the
 * Oost-Nederland burglary target on real police data. */
#include "tb_test.h"

#include <string.h>

#include <jansson.h>

#include "trendbeeld/load.h"
#include "trendbeeld/target.h"

static tb_target_set *shipped(void)
{
    tb_target_set *set = NULL;
    tb_error e;
    tb_diag *d = tb_diag_new();
    tb_status st = tb_target_load("data/targets.csv", TB_DECIMAL_AUTO, &set, d, &e);
    if (st != TB_OK)
        fail_msg("data/targets.csv: %s (line %ld col %ld)", e.msg, e.line, e.column);
    assert_int_equal(tb_diag_count(d), 0); /* every extra column is known */
    tb_diag_free(d);
    return set;
}

static const tb_target *find(const tb_target_set *set, const char *id)
{
    for (size_t i = 0; i < set->n; i++)
        if (!strcmp(set->t[i].id, id))
            return &set->t[i];
    fail_msg("no target %s", id);
    return NULL;
}

/* Real data: burglaries (1.1.1) per gemeente from politie 47018NED, summed
 * here over the gemeenten of Gelderland (PV25) and Overijssel (PV23) as
 * listed in the CBS gemeente list of 2021 (an independent roll-up from
 * the one in the library), stored as RE02 / 1.1.1 / aangiften. */
static tb_store *oost_burglary(void)
{
    tb_store *s = tb_store_new();
    tb_error e;
    tb_status st = tb_load_file(s, "data/series/politie-47018-gemeenten.csv", NULL, NULL,
                                NULL, &e);
    if (st != TB_OK)
        fail_msg("%s", e.msg);
    char path[512];
    tb_real_path(path, sizeof path, "loznik-cbstheft/gemeente_2021.csv");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[512];
    double sum[14] = {0};
    int members = 0;
    while (fgets(line, sizeof line, f)) {
        char *gm = strstr(line, ",GM");
        if (!gm || !(strstr(line, ",PV23,") || strstr(line, ",PV25,")))
            continue;
        char code[7];
        memcpy(code, gm + 1, 6);
        code[6] = 0;
        const tb_series *x = tb_store_find(s, code, "1.1.1", "aangiften");
        assert_non_null(x);
        for (int y = 2012; y <= 2025; y++)
            sum[y - 2012] += tb_series_get(x, y);
        members++;
    }
    fclose(f);
    assert_int_equal(members, 76); /* 51 Gelderland + 25 Overijssel gemeenten (2021) */
    for (int y = 2012; y <= 2025; y++)
        tb_store_put(s, "RE02", "1.1.1", "aangiften", y, sum[y - 2012],
                     y >= 2024 ? TB_FLAG_PROVISIONAL : 0, "som van 76 gemeenten", NULL,
                     NULL, NULL);
    /* the sums as SOURCES.md gives them */
    const double want[] = {15485, 14758, 10841, 9311, 9534, 7405, 6083};
    const tb_series *re = tb_store_find(s, "RE02", "1.1.1", "aangiften");
    for (int i = 0; i < 7; i++)
        assert_exact(tb_series_get(re, 2012 + i), want[i]);
    return s;
}

/* The shipped file writes numbers as the seed does ("12.111", "9,5"). */
static void test_load_shipped(void **state)
{
    (void)state;
    tb_target_set *set = shipped();
    assert_int_equal(set->n, 14);
    const tb_target *t = find(set, "oost_woninginbraak_2018");
    assert_int_equal(t->kind, TB_TARGET_ANNUAL_REDUCTION_PCT);
    assert_int_equal(t->base_year, 2013);
    assert_int_equal(t->target_year, 2018);
    assert_exact(t->value, 5);
    assert_exact(t->stated_value, 12111);
    assert_exact(t->base_value, 14903);
    assert_string_equal(t->base_label, "woning- en schuurinbraken");
    assert_int_equal(t->change_from_year, 2012);
    assert_exact(t->change_from_value, 15642);
    assert_exact(t->change_pct, -5);
    t = find(set, "oost_overlast_2018");
    assert_int_equal(t->kind, TB_TARGET_REDUCTION_PCT);
    assert_int_equal(t->nmilestones, 1);
    assert_int_equal(t->milestone[0].year, 2016);
    assert_exact(t->milestone[0].value, 10);
    t = find(set, "oost_verdachtenratio_woninginbraak_2018");
    assert_int_equal(t->kind, TB_TARGET_MIN);
    assert_exact(t->value, 9.5);
    assert_exact(t->base_value, 7.5);
    t = find(set, "oost_slachtofferschap_inbraak_2018");
    assert_int_equal(t->kind, TB_TARGET_MAX);
    assert_exact(t->value, 8);
    assert_exact(t->base_value, 9);
    t = find(set, "oost_rapportcijfer_buurt_2018");
    assert_int_equal(t->kind, TB_TARGET_MIN);
    assert_exact(t->value, 7.3);
    t = find(set, "noord_pakkans_geweld_2014");
    assert_int_equal(t->kind, TB_TARGET_INCREASE_PCT);
    assert_int_equal(t->base_year, 2010);
    assert_exact(t->value, 25);
    assert_exact(find(set, "noord_verdachtenratio_geweld_2014")->value, 60);
    assert_exact(find(set, "noord_ophelderingspercentage_overval_2014")->value, 40);
    t = find(set, "noord_overlast_jeugd_2014");
    assert_int_equal(t->kind, TB_TARGET_LOWER_THAN_BEFORE);
    assert_true(isnan(t->value));
    tb_target_set_free(set);
    tb_target_set_free(NULL);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

#define HDR "id,description,region,indicator,measure,kind,base_year,target_year,value," \
            "milestones,stated_value,source\n"

static void expect_error(const char *text, tb_status code, long line, long col,
                         const char *msg)
{
    const char *path = "/tmp/tb_test_targets.csv";
    write_file(path, text);
    tb_target_set *set = NULL;
    tb_error e;
    assert_int_equal(tb_target_load(path, TB_DECIMAL_AUTO, &set, NULL, &e), code);
    assert_null(set);
    assert_int_equal(e.line, line);
    assert_int_equal(e.column, col);
    if (!strstr(e.msg, msg))
        fail_msg("message '%s' lacks '%s'", e.msg, msg);
    remove(path);
}

static void test_load_errors(void **state)
{
    (void)state;
    expect_error("id,description\n", TB_EPARSE, 1, 3, "header column 3 is ''; expected 'region'");
    expect_error(HDR "a,x,RE02,1.1.1,aangiften,halve,2013,2018,5,,,s\n", TB_EPARSE, 2, 6,
                 "unknown kind 'halve'");
    /* the notation rule (number.h): "12.111" in a count is 12111, so the
     * file groups thousands with '.' and "12,111" would be 12,111 */
    expect_error(HDR "a,x,RE02,1.1.1,aangiften,max,2013,2018,12.111,,,s\n"
                     "b,x,RE02,1.1.1,aangiften,max,2013,2018,\"12,111\",,,s\n",
                 TB_EPARSE, 3, 9, "value '12,111': a count has no fractions, but in a file "
                 "with decimal commas this reads 12.111; expected 12111 written without "
                 "separators (or --decimal point if the file groups thousands with ',')");
    /* "12.5" shows decimal points, so "12.111" aangiften would be a fraction */
    expect_error(HDR "a,x,RE02,1.1.1,aangiften,reduction_pct,2013,2018,12.5,,,s\n"
                     "b,x,RE02,1.1.1,aangiften,max,2013,2018,12.111,,,s\n",
                 TB_EPARSE, 3, 9, "value '12.111': a count has no fractions, but in a file "
                 "with decimal points this reads 12.111");
    /* a percentage that reads two ways, with nothing in the file to tell */
    expect_error(HDR "a,x,RE02,1.1.1,aangiften,reduction_pct,2013,2018,1.250,,,s\n",
                 TB_EPARSE, 2, 9, "value '1.250': this value reads as 1250 ('.' grouping "
                 "thousands) or as 1.25 (a decimal '.'), and the file shows neither "
                 "notation before it; expected --decimal comma or --decimal point to "
                 "settle it");
    expect_error(HDR "a,x,RE02,1.1.1,aangiften,reduction_pct,,2018,5,,,s\n", TB_EPARSE, 2, 7,
                 "kind reduction_pct has no base_year");
    expect_error(HDR "a,x,RE02,1.1.1,aangiften,reduction_pct,2013,2018,20,2016-10,,s\n",
                 TB_EPARSE, 2, 10, "milestone '2016-10' is not YEAR:VALUE");
    expect_error(HDR "a,x,RE02,1.1.1,aangiften,reduction_pct,2013,2018,120,,,s\n", TB_EPARSE,
                 2, 9, "expected a percentage above 0 and below 100");
    expect_error(HDR "a,x,RE02,1.1.1,aangiften,max,,2018,5,,,s\n"
                     "a,x,RE02,1.1.1,aangiften,max,,2019,5,,,s\n",
                 TB_EDATA, 3, 1, "id 'a' was already used on line 2");
    expect_error(HDR "a,x,RE02,1.1.1,aangiften,max,,2018,5,,s\n", TB_EPARSE, 2, 0,
                 "11 fields; expected 12");
    tb_target_set *set;
    tb_error e;
    assert_int_equal(tb_target_load("/nonexistent/targets.csv", TB_DECIMAL_AUTO, &set, NULL, &e), TB_EIO);
}

/* 14.903 x 0,95^5 = 11.532; x 0,95^4 = 12.139; linear 11.177 and 11.922;
 * 12.111 = 14.903 x 0,95^4,04: none matches, compound 4 steps is closest. */
static void test_audit_burglary(void **state)
{
    (void)state;
    tb_target_set *set = shipped();
    const tb_target *t = find(set, "oost_woninginbraak_2018");
    tb_target_result *r;
    tb_error e;
    tb_target_options o;
    tb_target_options_init(&o);
    /* no data at all: the audit and path still come out */
    assert_int_equal(tb_target_evaluate(t, NULL, &o, &r, &e), TB_OK);
    assert_false(r->has_data);
    assert_non_null(strstr(r->data_needed, "RE02 / 1.1.1 / aangiften"));
    assert_int_equal(r->verdict, TB_VERDICT_GEEN_OORDEEL);
    /* 4 readings on the text's base + 1 stated change (no data) */
    assert_int_equal(r->naudit, 5);
    assert_close(r->audit[0].value, 11531.657311562496, 1e-12); /* compound 5 */
    assert_close(r->audit[1].value, 12138.58664375, 1e-12);     /* compound 4 */
    assert_close(r->audit[2].value, 11177.25, 1e-12);           /* linear 5 */
    assert_close(r->audit[3].value, 11922.4, 1e-12);            /* linear 4 */
    for (int i = 0; i < 4; i++) {
        assert_string_equal(r->audit[i].source, "beleidstekst");
        assert_false(r->audit[i].matches);
    }
    assert_int_equal(r->audit_match, -1);
    assert_int_equal(r->audit_closest, 1);
    /* ln(12111/14903) / ln(0.95) = 4.0443572 */
    assert_close(r->audit_exponent, 4.044357199214955, 1e-9);
    char said[512];
    tb_message_render(&r->audit_summary, TB_LANG_NL, said, sizeof said);
    assert_non_null(strstr(said, "geen lezing geeft precies 12.111"));
    assert_non_null(strstr(said, "4,04"));
    tb_message_render(&r->audit_summary, TB_LANG_EN, said, sizeof said);
    assert_non_null(strstr(said, "no reading gives exactly 12,111"));
    assert_non_null(strstr(said, "belongs to exponent 4.04"));
    /* the stated "daling van 5%": 15.642 -> 14.903 is -4,72% (within 0,5 of -5) */
    assert_close(r->audit[4].value, -4.724459787750924, 1e-12);
    assert_true(r->audit[4].matches);
    /* without data the rule uses the text's base: 14903 x 0.95^k */
    assert_string_equal(r->base_source, "beleidstekst");
    assert_int_equal(r->npath, 6);
    assert_close(r->path[0].value, 14903, 1e-12);
    assert_close(r->path[5].value, 11531.657311562496, 1e-12);
    assert_close(r->cagr_required, -5, 1e-12);
    tb_target_result_free(r);
    tb_target_result_free(NULL);
    tb_target_set_free(set);
}

static void test_progress_boundaries(void **state)
{
    (void)state;
    assert_int_equal(tb_progress_for_ratio(1.3), TB_PROGRESS_ON_TRACK);
    assert_int_equal(tb_progress_for_ratio(0.95), TB_PROGRESS_ON_TRACK);
    assert_int_equal(tb_progress_for_ratio(0.9499999), TB_PROGRESS_ACCELERATE);
    assert_int_equal(tb_progress_for_ratio(0.60), TB_PROGRESS_ACCELERATE);
    assert_int_equal(tb_progress_for_ratio(0.5999999), TB_PROGRESS_LIMITED);
    assert_int_equal(tb_progress_for_ratio(0), TB_PROGRESS_LIMITED);
    assert_int_equal(tb_progress_for_ratio(-1e-9), TB_PROGRESS_AWAY);
    assert_int_equal(tb_progress_for_ratio(NAN), TB_PROGRESS_NA);
    assert_string_equal(tb_progress_name(TB_PROGRESS_ACCELERATE, TB_LANG_EN),
                        "acceleration needed");
    assert_string_equal(tb_progress_name(TB_PROGRESS_ACCELERATE, TB_LANG_NL),
                        "versnelling nodig");
    assert_string_equal(tb_aarr_class_name(TB_AARR_WORSENING, TB_LANG_NL), "verslechtering");
    assert_string_equal(tb_aarr_class_name(TB_AARR_NA, TB_LANG_EN), "cannot be assessed");
    /* AARR ladder (favourable direction, % per year) */
    assert_int_equal(tb_aarr_classify(5, 5), TB_AARR_ON_TRACK);
    assert_int_equal(tb_aarr_classify(4.99, 5), TB_AARR_SOME_PROGRESS);
    assert_int_equal(tb_aarr_classify(0.5, 5), TB_AARR_SOME_PROGRESS);
    assert_int_equal(tb_aarr_classify(0.49, 5), TB_AARR_NO_PROGRESS);
    assert_int_equal(tb_aarr_classify(-0.49, 5), TB_AARR_NO_PROGRESS);
    assert_int_equal(tb_aarr_classify(-0.5, 5), TB_AARR_WORSENING);
    /* verdict thresholds */
    /* verdict thresholds 0.9 / 0.1 (target.h: calibration on real series) */
    assert_int_equal(tb_target_verdict_for_p(0.9, 6), TB_VERDICT_HAALBAAR);
    assert_int_equal(tb_target_verdict_for_p(0.8999, 6), TB_VERDICT_ONZEKER);
    assert_int_equal(tb_target_verdict_for_p(0.8, 6), TB_VERDICT_ONZEKER);
    assert_int_equal(tb_target_verdict_for_p(0.1, 6), TB_VERDICT_ONZEKER);
    assert_int_equal(tb_target_verdict_for_p(0.0999, 6), TB_VERDICT_NIET_HAALBAAR);
    assert_int_equal(tb_target_verdict_for_p(0.99, 3), TB_VERDICT_ONZEKER); /* too short */
    assert_int_equal(tb_target_verdict_for_p(NAN, 6), TB_VERDICT_GEEN_OORDEEL);
    assert_string_equal(tb_verdict_name(TB_VERDICT_NIET_HAALBAAR, TB_LANG_NL), "niet haalbaar");
    assert_string_equal(tb_verdict_name(TB_VERDICT_NIET_HAALBAAR, TB_LANG_EN), "off track");
    assert_string_equal(tb_verdict_name(TB_VERDICT_GEEN_OORDEEL, TB_LANG_EN),
                        "cannot be assessed");
    assert_string_equal(tb_verdict_name((tb_verdict)99, TB_LANG_NL), "?");
}

/* P(target met) for every reference series with a target: the log-linear
 * predictive t distribution, P(Y_T <= target) (R: target.prob_le). */
static void test_reference_probability(void **state)
{
    (void)state;
    char path[512];
    tb_reference_path(path, sizeof path, "fixtures.csv");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    tb_store *s = tb_store_new();
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char id[128];
        int y;
        double v;
        if (sscanf(line, "%127[^,],%d,%lf", id, &y, &v) == 3)
            tb_store_put(s, id, "x", "niveau", y, v, 0, NULL, NULL, NULL, NULL);
    }
    fclose(f);
    tb_reference_path(path, sizeof path, "reference.csv");
    f = fopen(path, "r");
    assert_non_null(f);
    char cur[128] = "";
    double tyear = 0, tval = 0;
    int checked = 0;
    while (fgets(line, sizeof line, f)) {
        char id[128], q[64], val[64];
        if (sscanf(line, "%127[^,],%63[^,],%63s", id, q, val) != 3)
            continue;
        if (strcmp(id, cur)) {
            snprintf(cur, sizeof cur, "%s", id);
            tyear = tval = 0;
        }
        if (!strcmp(q, "target.year"))
            tyear = strtod(val, NULL);
        else if (!strcmp(q, "target.value"))
            tval = strtod(val, NULL);
        else if (!strcmp(q, "target.prob_le")) {
            tb_target t = {0};
            t.id = id;
            t.region = id;
            t.indicator = "x";
            t.measure = "niveau";
            t.kind = TB_TARGET_MAX;
            t.target_year = (int)tyear;
            t.value = tval;
            t.stated_value = t.base_value = NAN;
            tb_target_options o;
            tb_target_options_init(&o);
            o.model = TB_MODEL_LOGLINEAR;
            tb_target_result *r;
            tb_error e;
            assert_int_equal(tb_target_evaluate(&t, s, &o, &r, &e), TB_OK);
            double want = strtod(val, NULL);
            if (!tb_close(r->p_met, want, 1e-9, 1e-12))
                fail_msg("%s: P = %.15g, R gives %.15g", id, r->p_met, want);
            assert_string_equal(r->model, "loglinear");
            tb_target_result_free(r);
            checked++;
        }
    }
    fclose(f);
    assert_int_equal(checked, 18);
    tb_store_free(s);
}

/* The burglary target on real data, evaluated as of 2017 with the
 * log-linear model (closed form, so the numbers can be checked by hand). */
static void test_burglary_real(void **state)
{
    (void)state;
    tb_store *s = oost_burglary();
    tb_target_set *set = shipped();
    const tb_target *t = find(set, "oost_woninginbraak_2018");
    tb_target_options o;
    tb_target_options_init(&o);
    o.model = TB_MODEL_LOGLINEAR;
    o.as_of = 2017;
    o.backtest = 1;
    tb_target_result *r;
    tb_error e;
    assert_int_equal(tb_target_evaluate(t, s, &o, &r, &e), TB_OK);
    assert_true(r->has_data);
    assert_int_equal(r->n_obs, 6); /* 2012..2017 */
    /* two bases, never merged: text 14903 (woning- en schuurinbraken),
     * data 14758 (woninginbraken); the verdict uses the data's */
    assert_exact(r->base_value_text, 14903);
    assert_exact(r->base_value_data, 14758);
    assert_string_equal(r->base_source, "reeks");
    /* threshold 14758 x 0.95^5 = 11419.459075625 */
    assert_close(r->target_value, 11419.459075624996, 1e-12);
    /* audit: 4 readings on 14903, 4 on 14758, the change in the text
     * (-4.72%) and in the data: 15485 -> 14758 = -4.6949% */
    assert_int_equal(r->naudit, 10);
    assert_close(r->audit[4].value, 14758 * pow(0.95, 5), 1e-12);
    assert_string_equal(r->audit[4].source, "reeks");
    assert_close(r->audit[9].value, -4.694865999354214, 1e-12);
    assert_true(r->audit[9].matches);
    /* required path 14758 x 0.95^(y - 2013) */
    assert_int_equal(r->npath, 6);
    assert_close(r->path[1].value, 14020.1, 1e-12);
    assert_close(r->path[2].value, 13319.095, 1e-12);
    assert_close(r->path[4].value, 12020.4832375, 1e-12);
    /* latest 2017: 7405 against 12020.48 required: 38.4% below, ahead */
    assert_int_equal(r->latest_year, 2017);
    assert_exact(r->latest_value, 7405);
    assert_close(r->latest_gap_pct, -38.396819381613476, 1e-9);
    assert_int_equal(r->latest_ahead, 1);
    /* rates: required -5%/yr; observed 2013-2017 (7405/14758)^(1/4) - 1 =
     * -15.836%; Eurostat ratio 3.17, but 7405 is already below the 2018
     * threshold, so the category is "already achieved" */
    assert_close(r->cagr_required, -5, 1e-12);
    assert_close(r->cagr_observed, -15.836383418166534, 1e-9);
    assert_int_equal(r->eurostat, TB_PROGRESS_ACHIEVED);
    assert_int_equal(r->aarr_class, TB_AARR_ACHIEVED);
    /* projection: the log-linear fit on 2012-2017 falls about 14% a year,
     * so the median for 2018 is far below 11419 and P is close to 1:
     * haalbaar.  The stated 12111 and the rule on the text's base
     * (11532) are reported beside it with their own P. */
    assert_true(r->projected);
    assert_true(r->projection.mean < 7000 && r->projection.mean > 5500);
    assert_true(r->projection.hi95 < 11419.46);
    assert_true(r->p_met > 0.99);
    assert_int_equal(r->verdict, TB_VERDICT_HAALBAAR);
    assert_int_equal(r->reach_year, 2017);
    assert_int_equal(r->nalt, 2);
    assert_close(r->alt[0].threshold, 11531.657311562496, 1e-12);
    assert_exact(r->alt[1].threshold, 12111);
    assert_true(r->alt[1].p_met >= r->p_met);
    assert_true(isnan(r->actual)); /* 2018 is after the as-of year */
    /* backtest: origins 2013..2017, each against the real 2018 figure 6083 */
    assert_int_equal(r->nbacktest, 5);
    for (size_t i = 0; i < r->nbacktest; i++) {
        assert_int_equal(r->backtest[i].as_of, 2013 + (int)i);
        assert_exact(r->backtest[i].actual, 6083);
        assert_int_equal(r->backtest[i].met, 1);
    }
    /* as of 2013 (n = 2) log-linear has no residual df: no projection */
    assert_int_equal(r->backtest[0].verdict, TB_VERDICT_GEEN_OORDEEL);
    /* as of 2014 (n = 3): too short to decide */
    assert_int_equal(r->backtest[1].verdict, TB_VERDICT_ONZEKER);
    assert_int_equal(r->backtest[4].verdict, TB_VERDICT_HAALBAAR);
    assert_close(r->backtest[4].p_met, r->p_met, 1e-12);
    tb_target_result_free(r);

    /* with all data the target year is observed: 6083 <= 11419, gehaald */
    o.as_of = 0;
    o.backtest = 0;
    assert_int_equal(tb_target_evaluate(t, s, &o, &r, &e), TB_OK);
    assert_exact(r->actual, 6083);
    assert_int_equal(r->met, 1);
    assert_int_equal(r->verdict, TB_VERDICT_GEHAALD);
    assert_int_equal(r->alt[1].met, 1); /* also below the stated 12111 */
    json_t *j = tb_target_to_json(r);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "verdict")), "gehaald");
    assert_int_equal(json_array_size(json_object_get(j, "audit")), 10);
    assert_true(json_is_null(json_object_get(j, "p_met")));
    json_decref(j);
    tb_target_result_free(r);
    tb_target_set_free(set);
    tb_store_free(s);
}


/* The same target as of 2017 with the default model (auto), on the real
 * RE02 sums 2012-2017: 15485 14758 10841 9311 9534 7405.
 * auto: n = 6 is too short for negbin (8 years), Pearson dispersion 78.1
 * > 1, so quasi-Poisson.  Poisson MLE by hand (Newton on the log-
 * likelihood, t = year - 2012): a = 9.665255453735554, b =
 * -0.1486389245733379 (-13.81% a year); mean 2018 = exp(a + 6 b) =
 * 6460.241023988175; Pearson chi2 / (6 - 2) = 78.0944.  The threshold is
 * 14758 x 0.95^5 = 11419.46, above the 95% interval (4827 - 8382), so
 * P = 0.9999967 and the verdict is haalbaar (P >= 0.9). */
static void test_burglary_auto_2017(void **state)
{
    (void)state;
    tb_store *s = oost_burglary();
    tb_target_set *set = shipped();
    const tb_target *t = find(set, "oost_woninginbraak_2018");
    tb_target_options o;
    tb_target_options_init(&o);
    o.as_of = 2017;
    o.backtest = 1;
    tb_target_result *r;
    tb_error e;
    assert_int_equal(tb_target_evaluate(t, s, &o, &r, &e), TB_OK);
    assert_string_equal(r->model, "quasipoisson");
    assert_non_null(strstr(r->model_reason, "quasi-Poisson"));
    assert_close(r->projection.mean, 6460.241023988175, 1e-9);
    assert_exact(r->projection.lo80, 5351);
    assert_exact(r->projection.hi80, 7672);
    assert_exact(r->projection.lo95, 4827);
    assert_exact(r->projection.hi95, 8382);
    assert_close(r->p_met, 0.9999967092669922, 1e-6);
    assert_int_equal(r->verdict, TB_VERDICT_HAALBAAR);
    /* the stated 12111 is easier still */
    assert_true(r->alt[1].p_met >= r->p_met);
    /* the model's caveats stay apart from the target's own warnings */
    assert_true(r->nmodel_warnings >= 1);
    for (size_t i = 0; i < r->nwarnings; i++) {
        char w[512];
        tb_message_render(&r->warnings[i], TB_LANG_EN, w, sizeof w);
        assert_null(strstr(w, "forecast intervals"));
    }
    /* backtest with auto: 2013 (n = 2, poisson) P = 0.398, 2014 (n = 3)
     * P = 0.950 but too short to decide; 2015-2017 haalbaar; all met */
    assert_int_equal(r->nbacktest, 5);
    assert_string_equal(r->backtest[0].model, "poisson");
    assert_close(r->backtest[0].p_met, 0.3981143888060038, 1e-6);
    assert_int_equal(r->backtest[0].verdict, TB_VERDICT_ONZEKER);
    assert_close(r->backtest[1].p_met, 0.9504138747666953, 1e-6);
    assert_int_equal(r->backtest[1].verdict, TB_VERDICT_ONZEKER);
    double brier = 0;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(r->backtest[i].met, 1);
        if (i >= 2)
            assert_int_equal(r->backtest[i].verdict, TB_VERDICT_HAALBAAR);
        brier += (1 - r->backtest[i].p_met) * (1 - r->backtest[i].p_met) / 5;
    }
    /* (1 - 0.398)^2 / 5 + (1 - 0.950)^2 / 5 + ... = 0.0729 */
    assert_int_equal(r->brier_n, 5);
    assert_close(r->brier, brier, 1e-12);
    assert_close(r->brier, 0.0729, 0.01);
    tb_calib_result c;
    tb_calib_init(&c);
    tb_calib_add_backtest(&c, r);
    assert_int_equal(c.cases, 5);
    assert_int_equal(c.band[1].n, 1); /* 0.398 */
    assert_int_equal(c.band[2].n, 4);
    assert_close(tb_calib_brier(&c), r->brier, 1e-12);
    assert_close(tb_calib_brier_base(&c), 0, 0); /* all met: p(1 - p) = 0 */
    tb_target_result_free(r);
    tb_target_set_free(set);
    tb_store_free(s);
}

/* Calibration bookkeeping by hand, and the run on a store with one
 * steady series: 2010-2019 = round(1000 x 0.9^t) (-10% a year) against
 * the rule -5% a year over 5 years.  Base years with 4 observed years and
 * an observed target year: 2013 and 2014, so 2 cases judged from the base
 * year and 2 x 5 from every origin; all met, with P near 1.  The inwoners
 * series, the ratio and the series with a base below 20 give no case. */
static void test_calibration(void **state)
{
    (void)state;
    tb_calib_result c;
    tb_calib_init(&c);
    tb_calib_add(&c, 0.05, 0, TB_VERDICT_NIET_HAALBAAR);
    tb_calib_add(&c, 0.5, 1, TB_VERDICT_ONZEKER);
    tb_calib_add(&c, 0.95, 1, TB_VERDICT_HAALBAAR);
    tb_calib_add(&c, 0.95, 0, TB_VERDICT_HAALBAAR);
    tb_calib_add(&c, NAN, 1, TB_VERDICT_GEEN_OORDEEL);
    tb_calib_add(&c, 0.5, -1, TB_VERDICT_ONZEKER); /* no outcome: ignored */
    assert_int_equal(c.cases, 4);
    assert_int_equal(c.no_projection, 1);
    assert_int_equal(c.band[0].n, 1);
    assert_int_equal(c.band[1].n, 1);
    assert_int_equal(c.band[2].n, 2);
    assert_int_equal(c.band[2].met, 1);
    assert_int_equal(c.decile[9].n, 2);
    assert_int_equal(c.decile[5].n, 1);
    assert_int_equal(c.verdict_n[TB_VERDICT_HAALBAAR], 2);
    /* (0.0025 + 0.25 + 0.0025 + 0.9025) / 4 = 1.1575 / 4 = 0.289375 */
    assert_close(tb_calib_brier(&c), 0.289375, 1e-12);
    /* share met 2/4: 0.5 x 0.5 */
    assert_close(tb_calib_brier_base(&c), 0.25, 1e-12);

    tb_store *s = tb_store_new();
    for (int y = 2010; y <= 2019; y++) {
        double v = round(1000 * pow(0.9, y - 2010));
        tb_store_put(s, "GM0014", "1.1.1", "aangiften", y, v, 0, NULL, NULL, NULL, NULL);
        tb_store_put(s, "GM0014", "0.0.0", "inwoners", y, 200000 - 100 * (y - 2010), 0, NULL,
                     NULL, NULL, NULL);
        tb_store_put(s, "GM0014", "1.1.1", "verdachtenratio", y, 10, 0, NULL, NULL, NULL, NULL);
        tb_store_put(s, "GM0034", "1.4.7", "aangiften", y, 3 + (y % 2), 0, NULL, NULL, NULL,
                     NULL);
    }
    /* a provisional 2020 is neither data nor outcome */
    tb_store_put(s, "GM0014", "1.1.1", "aangiften", 2020, 5000, TB_FLAG_PROVISIONAL, NULL, NULL,
                 NULL, NULL);
    tb_calib_options o;
    tb_calib_options_init(&o);
    tb_error e;
    tb_calib_report rep;
    /* bases 2013 and 2014 (four years observed, 2018 and 2019 known); the
     * pools of two series hold far fewer than 100 errors five years
     * ahead, so no case has a calibrated P and none is counted */
    assert_int_equal(tb_target_calibrate(s, &o, &rep, &e), TB_OK);
    assert_int_equal(rep.uncalibrated, 2);
    assert_int_equal(rep.method[TB_CALIB_CALIBRATED].cases, 0);
    assert_int_equal(rep.method[TB_CALIB_MODEL].cases, 0);
    o.origins = 1;
    assert_int_equal(tb_target_calibrate(s, &o, &rep, &e), TB_OK);
    assert_int_equal(rep.uncalibrated, 10);
    /* errors of GM0014 1.1.1 (origins 2011-2018, every later firm year
     * up to 2019: 8+7+...+1 = 36 minus the horizons past 10 (none)) and
     * of its verdachtenratio (36); the inwoners and the small GM0034
     * series too: 36 each, GM0034 in the class below 50 */
    assert_int_equal(rep.pool_series, 3);
    assert_int_equal(rep.pool_errors, 3 * 36);
    o.rate_pct = 0;
    assert_int_equal(tb_target_calibrate(s, &o, &rep, &e), TB_EINVAL);
    assert_int_equal(tb_target_calibrate(NULL, NULL, &rep, &e), TB_EINVAL);
    tb_store_free(s);
}

static char *text_of(const tb_target_result *r, int lang)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    tb_target_write_text_lang(f, r, lang);
    fclose(f);
    return buf;
}

/* The text a policy adviser reads: a latest value on the path is "op
 * schema" (not ahead), numbers in Dutch notation, the model's caveats in
 * Dutch; and the same in English with --lang en.  Woning- en
 * schuurinbraken from the text itself: 2011 '> 13.000', 15.642, 14.903
 * (2013 = base year, so the gap is 0,0%). */
static void test_text_wording(void **state)
{
    (void)state;
    tb_target_set *set = shipped();
    tb_store *s = tb_store_new();
    tb_error e;
    assert_int_equal(tb_load_file(s, "data/series/seed-oost-nederland.csv", NULL, NULL, NULL,
                                  &e), TB_OK);
    tb_target_result *r;
    assert_int_equal(tb_target_evaluate(find(set, "oost_woning_schuurinbraak_2018"), s, NULL,
                                        &r, &e), TB_OK);
    char *nl = text_of(r, 0);
    assert_non_null(strstr(nl, "laatste waarneming 2013: 14.903, vereist 14.903 (0,0%, op schema)"));
    assert_null(strstr(nl, "voor op schema"));
    assert_non_null(strstr(nl, "samengesteld, 4 stappen: 14.903 × 0,95^4 = 12.139 (beleidstekst)"));
    assert_non_null(strstr(nl, "12.111 hoort bij exponent 4,04"));
    assert_non_null(strstr(nl, "de tekst zegt −5%: klopt na afronding op hele procenten"));
    assert_non_null(strstr(nl, "model: maar 3 jaren: de spreiding rust op 1 vrijheidsgraad;"));
    assert_null(strstr(nl, "forecast intervals")); /* no English in the Dutch text */
    assert_null(strstr(nl, "0.95"));
    char *en = text_of(r, 1);
    assert_non_null(strstr(en, "latest observation 2013: 14,903, required 14,903 (0.0%, on the path)"));
    assert_non_null(strstr(en, "compound, 4 steps: 14,903 × 0.95^4 = 12,139 (policy text)"));
    assert_non_null(strstr(en, "model: only 3 years: the dispersion rests on 1 degree"));
    assert_non_null(strstr(en, "verdict: at risk (3 observed years: too few to decide)"));
    free(nl);
    free(en);
    tb_target_result_free(r);
    tb_target_set_free(set);
    tb_store_free(s);
}

/* Level and percentage targets: linear paths from the base (hand values). */
static void test_paths_and_milestones(void **state)
{
    (void)state;
    tb_target_set *set = shipped();
    tb_store *s = tb_store_new();
    tb_error e;
    assert_int_equal(tb_load_file(s, "data/series/seed-oost-nederland.csv", NULL, NULL, NULL,
                                  &e), TB_OK);
    tb_target_result *r;
    /* overlast -20% 2018 vs 2013 from 3000 (seed, 'bijna 3000'): 3000 -
     * 120 per year: 2880, 2760, 2640, 2520, 2400; milestone -10% = 2700 */
    assert_int_equal(tb_target_evaluate(find(set, "oost_overlast_2018"), s, NULL, &r, &e),
                     TB_OK);
    assert_close(r->target_value, 2400, 1e-12);
    assert_close(r->path[1].value, 2880, 1e-12);
    assert_close(r->path[3].value, 2640, 1e-12);
    assert_close(r->path[5].value, 2400, 1e-12);
    assert_int_equal(r->nmilestones, 1);
    assert_close(r->milestones[0].threshold, 2700, 1e-12);
    assert_int_equal(r->milestones[0].met, -1);
    assert_int_equal(r->n_obs, 1);
    assert_false(r->projected); /* one year: no projection */
    assert_int_equal(r->verdict, TB_VERDICT_GEEN_OORDEEL);
    assert_close(r->cagr_required, 100 * (pow(0.8, 0.2) - 1), 1e-12);
    tb_target_result_free(r);
    /* verdachtenratio 7.5 (2014) -> 9.5 (2018): 8.0, 8.5, 9.0 in between;
     * required growth (9.5/7.5)^(1/4) - 1 = 6.0878% per year */
    assert_int_equal(tb_target_evaluate(find(set, "oost_verdachtenratio_woninginbraak_2018"),
                                        s, NULL, &r, &e), TB_OK);
    assert_close(r->path[1].value, 8.0, 1e-12);
    assert_close(r->path[3].value, 9.0, 1e-12);
    assert_close(r->cagr_required, 6.087834728694297, 1e-9);
    assert_false(r->counts);
    tb_target_result_free(r);
    /* rapportcijfer 7.3 kept: flat path, already at the target in 2012 */
    assert_int_equal(tb_target_evaluate(find(set, "oost_rapportcijfer_buurt_2018"), s, NULL,
                                        &r, &e), TB_OK);
    assert_close(r->path[3].value, 7.3, 1e-12);
    assert_int_equal(r->eurostat, TB_PROGRESS_ACHIEVED);
    tb_target_result_free(r);
    /* no data: the verdict says what is needed */
    assert_int_equal(tb_target_evaluate(find(set, "noord_ophelderingspercentage_overval_2014"),
                                        s, NULL, &r, &e), TB_OK);
    assert_false(r->has_data);
    char why[512];
    tb_message_render(&r->verdict_reason, TB_LANG_NL, why, sizeof why);
    assert_non_null(strstr(why, "geen gegevens; nodig: jaarcijfers van RE01 / 1.4.7 / "
                                "opgehelderd_pct"));
    tb_message_render(&r->verdict_reason, TB_LANG_EN, why, sizeof why);
    assert_non_null(strstr(why, "no data; needed: yearly figures of RE01 / 1.4.7 / "
                                "opgehelderd_pct"));
    tb_target_result_free(r);
    tb_target_set_free(set);
    tb_store_free(s);
}

/* overlast jeugd Groningen, 2008-2011 (seed Bijlage 1): 3207 2976 2588
 * 2275.  "Lower in 2014 than every year before": threshold = the lowest
 * known year, 2275 (2011); 2012 and 2013 are unknown, so it may fall. */
static void test_lower_than_before(void **state)
{
    (void)state;
    tb_target_set *set = shipped();
    tb_store *s = tb_store_new();
    tb_error e;
    assert_int_equal(tb_load_file(s, "data/series/seed-noord-nederland.csv", NULL, NULL, NULL,
                                  &e), TB_OK);
    tb_target_options o;
    tb_target_options_init(&o);
    o.model = TB_MODEL_LOGLINEAR;
    tb_target_result *r;
    assert_int_equal(tb_target_evaluate(find(set, "noord_overlast_jeugd_groningen_2014"), s, &o,
                                        &r, &e), TB_OK);
    assert_exact(r->target_value, 2275);
    assert_true(r->lower_better);
    assert_int_equal(r->n_obs, 4);
    assert_true(r->projected);
    /* a steady fall of about 11% a year: the 2014 median is far below 2275 */
    assert_true(r->projection.mean < 2275);
    assert_true(r->p_met > 0.5);
    int warned = 0;
    for (size_t i = 0; i < r->nwarnings; i++) {
        char w[512];
        tb_message_render(&r->warnings[i], TB_LANG_NL, w, sizeof w);
        warned |= strstr(w, "4 van de 6 jaren 2008-2013 bekend") != NULL;
        tb_message_render(&r->warnings[i], TB_LANG_EN, w, sizeof w);
        warned |= (strstr(w, "4 of the 6 years 2008-2013 known") != NULL) << 1;
    }
    assert_int_equal(warned, 3);
    /* 2012 and 2013 are still to come: 2014 must be below them too, so P
     * is below both P(2014 < 2275) and P(2014 < 2013) */
    assert_int_equal(r->n_projected_before, 2);
    assert_true(r->p_met <= r->p_below_observed);
    assert_true(r->p_met <= r->p_below_last + 1e-9);
    tb_target_result_free(r);

    /* per province with the default model (auto: quasi-Poisson on 4 years).
     * Groningen falls about 11% a year: 2014 below 2275 almost surely, below
     * the projected 2012 and 2013 with P 0.93: haalbaar.  Fryslân is flat
     * (2931 2637 2665 2931): P(2014 < 2013) is just under 1/2 (two
     * nearly equal predictive distributions, ties count as not lower), and
     * below all years 0.27: onzeker.  Drenthe: 0.68, onzeker. */
    tb_target_options_init(&o);
    assert_int_equal(tb_target_evaluate(find(set, "noord_overlast_jeugd_groningen_2014"), s, &o,
                                        &r, &e), TB_OK);
    assert_string_equal(r->model, "quasipoisson");
    assert_true(r->p_below_observed > 0.999);
    assert_close(r->p_met, 0.934, 0.01);
    assert_int_equal(r->verdict, TB_VERDICT_HAALBAAR);
    tb_target_result_free(r);
    assert_int_equal(tb_target_evaluate(find(set, "noord_overlast_jeugd_fryslan_2014"), s, &o,
                                        &r, &e), TB_OK);
    assert_exact(r->target_value, 2637);
    assert_true(r->p_below_last > 0.45 && r->p_below_last < 0.5);
    assert_close(r->p_met, 0.270, 0.02);
    assert_int_equal(r->verdict, TB_VERDICT_ONZEKER);
    tb_target_result_free(r);
    assert_int_equal(tb_target_evaluate(find(set, "noord_overlast_jeugd_drenthe_2014"), s, &o,
                                        &r, &e), TB_OK);
    assert_exact(r->target_value, 1971);
    assert_close(r->p_met, 0.677, 0.01);
    assert_int_equal(r->verdict, TB_VERDICT_ONZEKER);
    tb_target_result_free(r);
    tb_target_set_free(set);
    tb_store_free(s);
}

/* The message catalogue: every code has both languages, the placeholders
 * name arguments the code has and each language uses every one of them;
 * rendering keeps the snprintf contract. */
static void test_message_catalogue(void **state)
{
    (void)state;
    for (int c = 0; c < TB_MSG_COUNT_; c++) {
        const char *args = tb_msg_args((tb_msg_code)c);
        assert_non_null(args);
        assert_true(strlen(args) <= TB_MSG_MAXARGS);
        assert_true(strspn(args, "isnpm") == strlen(args));
        unsigned used[2] = {0, 0};
        for (int l = 0; l < 2; l++) {
            const char *f = tb_msg_format((tb_msg_code)c, (tb_lang)l);
            assert_non_null(f);
            for (const char *p = strchr(f, '{'); p; p = strchr(p + 1, '{')) {
                int k = p[1] - '0';
                assert_true(k >= 0 && k < (int)strlen(args) && p[2] == '}');
                used[l] |= 1u << k;
            }
        }
        assert_int_equal(used[0], used[1]);
        assert_int_equal(used[0], (1u << strlen(args)) - 1);
    }
    assert_null(tb_msg_args(TB_MSG_COUNT_));
    assert_string_equal(tb_msg_text(TB_MSG_COUNT_, TB_LANG_NL), "?");

    tb_message m;
    char buf[256];
    assert_int_equal(tb_message_set(&m, TB_MSG_BASE_DIFFERS_LABELLED, 2013, 14903.0, 0, 15642.0,
                                    0, "woninginbraken"), 0);
    tb_message_render(&m, TB_LANG_NL, buf, sizeof buf);
    assert_non_null(strstr(buf, "basis 2013: beleidstekst 14.903 (woninginbraken), reeks 15.642;"));
    size_t full = tb_message_render(&m, TB_LANG_EN, buf, sizeof buf);
    assert_non_null(strstr(buf, "base 2013: policy text 14,903 (woninginbraken), series 15,642;"));
    assert_int_equal(full, strlen(buf));
    tb_message copy;
    assert_int_equal(tb_message_copy(&copy, &m), 0);
    tb_message_clear(&m);
    char cut[8];
    assert_int_equal(tb_message_render(&copy, TB_LANG_EN, cut, sizeof cut), full);
    assert_string_equal(cut, "base 20");
    tb_message_clear(&copy);
    tb_message_clear(NULL);

    /* a phrase inside a message, and a probability for readers */
    assert_int_equal(tb_message_set(&m, TB_MSG_UNCALIBRATED, TB_MSG_NO_POOL), 0);
    tb_message_render(&m, TB_LANG_EN, buf, sizeof buf);
    assert_non_null(strstr(buf, "no calibrated probability (no reference pool): "));
    tb_message_clear(&m);
    assert_int_equal(tb_message_set(&m, TB_MSG_CHANCE, 0.9999, TB_MSG_PROB_READER, 0.9, 0,
                                    0.1, 0), 0);
    tb_message_render(&m, TB_LANG_NL, buf, sizeof buf);
    assert_string_equal(buf, "kans meer dan 99%; haalbaar vanaf 90%, niet haalbaar onder 10%");
    tb_message_clear(&m);
    assert_int_equal(tb_message_set(&m, TB_MSG_CHANCE, 0.9344, 1, 0.9, 0, 0.1, 0), 0);
    tb_message_render(&m, TB_LANG_EN, buf, sizeof buf);
    assert_string_equal(buf, "probability 93.4%; on track from 90%, off track below 10%");
    tb_message_clear(&m);
    assert_int_equal(tb_message_set(&m, TB_MSG_COUNT_), -1);
    assert_int_equal(m.code, TB_MSG_EMPTY);
    assert_int_equal(tb_message_render(&m, TB_LANG_NL, buf, sizeof buf), 0);
}

/* The JSON output gives each warning in Dutch and in English, rendered
 * from the same record. */
static void test_warnings_both_languages(void **state)
{
    (void)state;
    tb_target_set *set = shipped();
    tb_target_result *r;
    tb_error e;
    assert_int_equal(tb_target_evaluate(find(set, "oost_woninginbraak_2018"), NULL, NULL, &r, &e),
                     TB_OK);
    json_t *o = tb_target_to_json(r);
    json_t *nl = json_object_get(o, "warnings"), *en = json_object_get(o, "warnings_en");
    assert_int_equal(json_array_size(nl), r->nwarnings);
    assert_int_equal(json_array_size(en), r->nwarnings);
    assert_true(r->nwarnings >= 1);
    assert_int_equal(r->warnings[0].code, TB_MSG_NO_DATA);
    assert_string_equal(json_string_value(json_array_get(nl, 0)),
                        "geen gegevens; nodig: jaarcijfers van RE02 / 1.1.1 / aangiften, van "
                        "2013 t/m 2018");
    assert_string_equal(json_string_value(json_array_get(en, 0)),
                        "no data; needed: yearly figures of RE02 / 1.1.1 / aangiften, 2013 to "
                        "2018");
    assert_string_equal(json_string_value(json_object_get(o, "verdict_reason")),
                        json_string_value(json_array_get(nl, 0)));
    json_decref(o);
    tb_target_result_free(r);
    tb_target_set_free(set);
}

/* The calibration report written for machines and readers, on a report
 * made by hand: 10 forecasts with P in [0.9, 1], 9 met, mean P 0.93;
 * Brier 0.45 / 10 = 0.045, the base rate's 0.9 x 0.1 = 0.09, skill
 * 1 - 0.045 / 0.09 = 0.5. */
static void test_calibration_writers(void **state)
{
    (void)state;
    tb_calib_report rep;
    memset(&rep, 0, sizeof rep);
    for (int m = 0; m < TB_CALIB_NMETHODS; m++)
        tb_calib_init(&rep.method[m]);
    tb_calib_result *c = &rep.method[TB_CALIB_CALIBRATED];
    c->series = 3;
    c->cases = 10;
    c->met = 9;
    c->brier_sum = 0.45;
    c->band[TB_CALIB_NBANDS - 1].n = 10;
    c->band[TB_CALIB_NBANDS - 1].met = 9;
    c->band[TB_CALIB_NBANDS - 1].sum_p = 9.3;
    c->decile[9] = c->band[TB_CALIB_NBANDS - 1];
    c->decile[9].lo = 0.9;
    c->decile[9].hi = 1.0;
    tb_calib_result none;
    tb_calib_init(&none);
    tb_calib_options co;
    tb_calib_options_init(&co);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tb_calib_report_csv(f, &rep, &none);
    fclose(f);
    assert_non_null(strstr(buf, "group,key,label,n,met,mean_p\n"));
    assert_non_null(strstr(buf, "series,decile,0.9-1.0,10,9,0.930000\n"));
    assert_non_null(strstr(buf, "series,brier,,10,,0.045000\n"));
    assert_non_null(strstr(buf, "series,brier_base_rate,,10,,0.090000\n"));
    assert_non_null(strstr(buf, "series,brier_skill,,10,,0.500000\n"));
    assert_non_null(strstr(buf, "targets,all,,0,0,\n"));
    free(buf);
    f = open_memstream(&buf, &len);
    tb_calib_report_text(f, &rep, &co, NULL, TB_LANG_NL);
    fclose(f);
    assert_non_null(strstr(buf, "  3 reeksen, 10 voorspellingen met uitkomst, doel gehaald in 9\n"));
    assert_non_null(strstr(buf, "  0,9–1,0          10     93,0%     90,0%\n"));
    assert_non_null(strstr(buf, "  Brier-score 0,045 (steeds het aandeel gehaald voorspellen: "
                                "0,090), vaardigheid 0,500\n"));
    assert_null(strstr(buf, "Terugblik op de doelen")); /* no targets file */
    free(buf);
    json_t *j = tb_calib_report_json(&rep, &co, &none);
    assert_non_null(j);
    json_t *sr = json_object_get(j, "series");
    assert_int_equal(json_integer_value(json_object_get(sr, "cases")), 10);
    assert_float_equal(json_real_value(json_object_get(sr, "brier")), 0.045, 1e-12);
    assert_true(json_is_null(json_object_get(json_object_get(j, "targets"), "brier")));
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_shipped),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_audit_burglary),
        cmocka_unit_test(test_progress_boundaries),
        cmocka_unit_test(test_reference_probability),
        cmocka_unit_test(test_burglary_real),
        cmocka_unit_test(test_burglary_auto_2017),
        cmocka_unit_test(test_calibration),
        cmocka_unit_test(test_text_wording),
        cmocka_unit_test(test_paths_and_milestones),
        cmocka_unit_test(test_lower_than_before),
        cmocka_unit_test(test_message_catalogue),
        cmocka_unit_test(test_warnings_both_languages),
        cmocka_unit_test(test_calibration_writers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

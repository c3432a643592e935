/* gnuplot scripts: the quoting function, datablock content, explicit tick
 * labels, and gnuplot itself running every chart kind with hostile names. */
#include "tb_test.h"

#include <float.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trendbeeld/codelist.h"
#include "trendbeeld/gnuplot.h"
#include "trendbeeld/report.h"

static char *script_of(tb_status (*draw)(FILE *, void *), void *ctx,
                       tb_status *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    *rc = draw(f, ctx);
    fclose(f);
    return buf;
}

/* ---- quoting ---------------------------------------------------------- */

static void test_quote_exact(void **state)
{
    (void)state;
    char b[256];
    tb_gp_quote(b, sizeof b, "Fryslân");
    assert_string_equal(b, "'Fryslân'");
    /* backquotes are literal inside single quotes */
    tb_gp_quote(b, sizeof b, "`touch /tmp/x`");
    assert_string_equal(b, "'`touch /tmp/x`'");
    /* a quote is an octal escape in double quotes: the string cannot be
     * closed from inside, and '' (which gnuplot 5.4 misreads at the start
     * of a literal) is never written */
    tb_gp_quote(b, sizeof b, "x'; system('touch /tmp/x'); '");
    assert_string_equal(b, "('x'.\"\\047\".'; system('.\"\\047\".'touch /tmp/x'."
                           "\"\\047\".'); '.\"\\047\")");
    tb_gp_quote(b, sizeof b, "'s-Hertogenbosch");
    assert_string_equal(b, "(\"\\047\".'s-Hertogenbosch')");
    /* control bytes are kept, as escapes; a run of them in one string */
    tb_gp_quote(b, sizeof b, "a\nb\tc\x01\x7f");
    assert_string_equal(b, "('a'.\"\\012\".'b'.\"\\011\".'c'.\"\\001\\177\")");
    /* double quotes, backquotes, @macros and backslashes are literal */
    tb_gp_quote(b, sizeof b, "\"`id`\" @x \\");
    assert_string_equal(b, "'\"`id`\" @x \\'");
    /* a backquote never lands in double quotes */
    tb_gp_quote(b, sizeof b, "`id`'");
    assert_string_equal(b, "('`id`'.\"\\047\")");
    tb_gp_quote(b, sizeof b, NULL);
    assert_string_equal(b, "''");
    tb_gp_quote(b, sizeof b, "");
    assert_string_equal(b, "''");
    /* snprintf contract: full length returned, output cut and terminated */
    char small[6];
    assert_int_equal(tb_gp_quote(small, sizeof small, "it's long"), 22);
    assert_string_equal(small, "('it'");
}

static void test_comment_clean(void **state)
{
    (void)state;
    char b[128];
    /* a comment ending in a backslash would continue onto the next line */
    tb_gp_comment(b, sizeof b, "Súdwest-Fryslân \\");
    assert_string_equal(b, "Súdwest-Fryslân /");
    tb_gp_comment(b, sizeof b, "a\nplot sin(x)\x1b[0m");
    assert_string_equal(b, "a plot sin(x)[0m");
}

/* ---- datablocks ------------------------------------------------------- */

typedef struct {
    const tb_series *const *s;
    size_t n;
    const char *const *labels;
    const char *title;
    const tb_plot_style *st;
    tb_plot_trend_data *trend;
    int base;
} chart;

static tb_status draw_bars(FILE *f, void *c_)
{
    chart *c = c_;
    return tb_plot_bars(f, c->st, c->title, c->s, c->n, c->labels, NULL);
}
static tb_status draw_trend(FILE *f, void *c_)
{
    chart *c = c_;
    return tb_plot_trend(f, c->st, c->title, c->trend, NULL);
}
static tb_status draw_index(FILE *f, void *c_)
{
    chart *c = c_;
    return tb_plot_index(f, c->st, c->title, c->s, c->n, c->labels, c->base, NULL);
}
static tb_status draw_multi(FILE *f, void *c_)
{
    chart *c = c_;
    return tb_plot_small_multiples(f, c->st, c->title, c->s, c->n, c->labels, NULL);
}

/* Meldingen overlast jeugd, Noord-Nederland 2008-2011 (seed 000, Bijlage 1). */
static const double groningen[4] = {3207, 2976, 2588, 2275};
static const double fryslan[4] = {2931, 2637, 2665, 2931};
static const double drenthe[4] = {2476, 2267, 2261, 1971};

static tb_store *seed_store(void)
{
    tb_store *s = tb_store_new();
    for (int k = 0; k < 4; k++) {
        tb_store_put(s, "Groningen", "overlast jeugd", "meldingen", 2008 + k,
                     groningen[k], 0, "GIDS/BVH", NULL, NULL, NULL);
        tb_store_put(s, "Fryslân", "overlast jeugd", "meldingen", 2008 + k,
                     fryslan[k], 0, "GIDS/BVH", NULL, NULL, NULL);
        tb_store_put(s, "Drenthe", "overlast jeugd", "meldingen", 2008 + k,
                     drenthe[k], 0, "GIDS/BVH", NULL, NULL, NULL);
    }
    return s;
}

static void test_bars_datablock(void **state)
{
    (void)state;
    tb_store *s = seed_store();
    const tb_series *x[3] = {tb_store_find(s, "Groningen", "overlast jeugd", "meldingen"),
                             tb_store_find(s, "Fryslân", "overlast jeugd", "meldingen"),
                             tb_store_find(s, "Drenthe", "overlast jeugd", "meldingen")};
    chart c = {.s = x, .n = 3, .title = "Meldingen overlast jeugd"};
    tb_status rc;
    char *g = script_of(draw_bars, &c, &rc);
    assert_int_equal(rc, TB_OK);
    assert_non_null(strstr(g, "$d << EOD\n# year s1 s2 s3\n"
                              "2008 3207 2931 2476\n2009 2976 2637 2267\n"
                              "2010 2588 2665 2261\n2011 2275 2931 1971\nEOD\n"));
    /* max 3207 + 8% headroom = 3463.6; step nice(3463.6/5 = 692.7) = 1000 */
    assert_non_null(strstr(g, "set yrange [0:4000]\n"));
    assert_non_null(strstr(g, "set ytics ('0' 0, '1.000' 1000, '2.000' 2000, "
                              "'3.000' 3000, '4.000' 4000)\n"));
    /* value on top of Fryslân 2011: group 3, bar 1 of 3 -> x = 3 + 0/4 */
    assert_non_null(strstr(g, "'2.931' at 3, first 2931 center"));
    /* Drenthe 2008: x = 0 + (2 - 1)/4 = 0.25 */
    assert_non_null(strstr(g, "'2.476' at 0.25, first 2476 center"));
    assert_non_null(strstr(g, "set label 99 'Bron: GIDS/BVH'"));
    assert_non_null(strstr(g, "set encoding utf8\n"));
    assert_non_null(strstr(g, "noenhanced"));
    assert_null(strchr(g, '"')); /* no quote in a name: nothing double-quoted */
    free(g);
    tb_store_free(s);
}

static void test_trend_datablock_missing_and_provisional(void **state)
{
    (void)state;
    tb_store *s = tb_store_new();
    tb_store_put(s, "RE01", "1.1.1", "misdrijven", 2021, 1869, 0, "politie 47018NED", NULL, NULL, NULL);
    tb_store_put(s, "RE01", "1.1.1", "misdrijven", 2022, NAN, 0, "politie 47018NED", NULL, NULL, NULL);
    tb_store_put(s, "RE01", "1.1.1", "misdrijven", 2023, 2339, 0, "politie 47018NED", NULL, NULL, NULL);
    tb_store_put(s, "RE01", "1.1.1", "misdrijven", 2024, 1870, TB_FLAG_PROVISIONAL,
                 "politie 47018NED", NULL, NULL, NULL);
    const tb_series *x = tb_store_find(s, "RE01", "1.1.1", "misdrijven");
    tb_forecast fc[1] = {{2025, 1800.5, 1500, 2100, 1350, 2250}};
    int py[2] = {2024, 2025};
    double pv[2] = {2000, 1900};
    tb_plot_trend_data d = {.obs = x, .forecast = fc, .nforecast = 1,
                            .path_year = py, .path_value = pv, .npath = 2,
                            .target_year = 2025, .target_value = 1900,
                            .target_counts = 1};
    chart c = {.trend = &d, .title = "Woninginbraak Noord-Nederland"};
    tb_status rc;
    char *g = script_of(draw_trend, &c, &rc);
    assert_int_equal(rc, TB_OK);
    /* columns: year, value, value if final, value if provisional */
    assert_non_null(strstr(g, "$obs << EOD\n# year value final provisional\n"
                              "2021 1869 1869 NaN\n2022 NaN NaN NaN\n"
                              "2023 2339 2339 NaN\n2024 1870 NaN 1870\nEOD\n"));
    /* the fan starts at the last observed value */
    assert_non_null(strstr(g, "$fc << EOD\n# year mean lo80 hi80 lo95 hi95\n"
                              "2024 1870 1870 1870 1870 1870\n"
                              "2025 1800.5 1500 2100 1350 2250\nEOD\n"));
    assert_non_null(strstr(g, "$target << EOD\n2025 1900\nEOD\n"));
    assert_non_null(strstr(g, "title 'voorlopig'"));
    assert_non_null(strstr(g, "title 'doel 2025: 1.900'"));
    assert_non_null(strstr(g, "'2024*' 2024"));
    free(g);

    /* the policy's own number beside the rule's, each labelled; a path of
     * one point (a level with no base year) is no path and not in the key */
    double stated = 2000;
    d.stated_value = &stated;
    d.target_bound = TB_BOUND_MAX;
    d.npath = 1;
    d.path_year = py + 1;
    d.path_value = pv + 1;
    g = script_of(draw_trend, &c, &rc);
    assert_non_null(strstr(g, "$stated << EOD\n2025 2000\nEOD\n"));
    assert_non_null(strstr(g, "title 'beleidstekst 2025: max 2.000'"));
    assert_null(strstr(g, "benodigd pad"));
    /* the legend's rows as gnuplot makes them: 7 titles, the longest
     * "beleidstekst 2025: max 2.000" (28 characters): a column is
     * 28 x 7,5 + 75 = 285 px, 3 fit 980 px, so 3 rows; key at 26 + 3 x 18
     * = 80 px, the plot from 80 + 34 = 114 px of 600 (0,19) */
    assert_non_null(strstr(g, "maxcols 3 samplen"));
    assert_non_null(strstr(g, "set bmargin at screen 0.19\n"));
    free(g);
    /* a longer title, "doel volgens de regel 2025: max 1.900" (37): 352,5 px
     * a column, 2 fit, 4 rows: 26 + 72 = 98, 98 + 34 = 132 px (0,22); the
     * key once stayed at 2 rows and ran over the source line */
    d.target_label = "doel volgens de regel";
    g = script_of(draw_trend, &c, &rc);
    assert_non_null(strstr(g, "title 'doel volgens de regel 2025: max 1.900'"));
    assert_non_null(strstr(g, "maxcols 2 samplen"));
    assert_non_null(strstr(g, "set bmargin at screen 0.22\n"));
    free(g);
    d.target_label = NULL;
    stated = 1900; /* the same number twice: one marker */
    g = script_of(draw_trend, &c, &rc);
    assert_null(strstr(g, "$stated"));
    free(g);
    d.stated_value = NULL;
    d.target_bound = 0;
    d.npath = 2;
    d.path_year = py;
    d.path_value = pv;

    /* English labels */
    tb_plot_style st;
    tb_plot_style_init(&st);
    st.lang = TB_LANG_EN;
    c.st = &st;
    g = script_of(draw_trend, &c, &rc);
    assert_non_null(strstr(g, "title 'provisional'"));
    assert_non_null(strstr(g, "title 'target 2025: 1,900'"));
    assert_non_null(strstr(g, "set ylabel 'number'"));
    free(g);

    /* a maximum of 1.900,5 woninginbraken is met by at most 1.900 */
    d.target_value = 1900.5;
    d.target_bound = TB_BOUND_MAX;
    g = script_of(draw_trend, &c, &rc);
    assert_non_null(strstr(g, "$target << EOD\n2025 1900.5\nEOD\n"));
    assert_non_null(strstr(g, "title 'target 2025: max 1,900'"));
    free(g);
    tb_store_free(s);
}

/* The target in the legend, as policy staff read it. */
static void test_target_text(void **state)
{
    (void)state;
    char b[64];
    const tb_lang nl = TB_LANG_NL, en = TB_LANG_EN;
#define TXT(v, bound, counts, unit, lang, want)                                \
    do {                                                                       \
        size_t k_ = tb_plot_target_text(b, sizeof b, v, bound, counts, unit, lang); \
        assert_string_equal(b, want);                                          \
        assert_int_equal(k_, strlen(want));                                    \
    } while (0)
    /* Oost-Nederland: max 11.419,5 aangiften in 2018; a count meets it
     * exactly when it is at most 11.419 */
    TXT(11419.5, TB_BOUND_MAX, 1, NULL, nl, "max 11.419");
    TXT(11419.5, TB_BOUND_MAX, 1, NULL, en, "max 11,419");
    /* 14.903 x 0,95^5 = 11.531,7...: at most 11.531 */
    TXT(11531.7, TB_BOUND_MAX, 1, NULL, nl, "max 11.531");
    /* a whole threshold computed as 11418.9999999999 stays 11.419 */
    TXT(11418.9999999999, TB_BOUND_MAX, 1, NULL, nl, "max 11.419");
    /* at least 2.399,2: 2.400 or more */
    TXT(2399.2, TB_BOUND_MIN, 1, NULL, nl, "min 2.400");
    /* lower than every earlier year (lowest 1.971 in 2011) */
    TXT(1971, TB_BOUND_BELOW, 1, NULL, nl, "< 1.971");
    TXT(1970.2, TB_BOUND_BELOW, 1, NULL, nl, "< 1.971");
    /* ratios, scores and percentages keep one decimal */
    TXT(9.5, TB_BOUND_MIN, 0, NULL, nl, "min 9,5");
    TXT(9.5, TB_BOUND_MIN, 0, NULL, en, "min 9.5");
    TXT(7.3, TB_BOUND_MIN, 0, NULL, nl, "min 7,3");
    TXT(8, TB_BOUND_MAX, 0, "%", nl, "max 8,0%");
    TXT(8.04, TB_BOUND_BELOW, 0, "%", nl, "< 8,0%");
    /* a level: rounded, no side */
    TXT(1900.4, TB_BOUND_LEVEL, 1, NULL, nl, "1.900");
    TXT(12.25, TB_BOUND_LEVEL, 0, NULL, nl, "12,3");
#undef TXT
    /* snprintf contract */
    char small[6];
    assert_int_equal(tb_plot_target_text(small, sizeof small, 11419.5, TB_BOUND_MAX, 1,
                                         NULL, nl), 10);
    assert_string_equal(small, "max 1");
}

static void test_index_errors_and_values(void **state)
{
    (void)state;
    tb_store *s = seed_store();
    const tb_series *x[2] = {tb_store_find(s, "Groningen", "overlast jeugd", "meldingen"),
                             tb_store_find(s, "Fryslân", "overlast jeugd", "meldingen")};
    chart c = {.s = x, .n = 2, .title = "Index", .base = 2008};
    tb_status rc;
    char *g = script_of(draw_index, &c, &rc);
    assert_int_equal(rc, TB_OK);
    /* 100 x 2275/3207 = 70.93856...; 100 x 2931/2931 = 100 */
    assert_non_null(strstr(g, "2011 70.93857187 70.93857187 NaN 100 100 NaN\n"));
    free(g);
    c.base = 2007;
    g = script_of(draw_index, &c, &rc);
    assert_int_equal(rc, TB_EDATA);
    free(g);
    tb_error err;
    assert_int_equal(tb_plot_bars(stdout, NULL, "x", NULL, 0, NULL, &err), TB_EINVAL);
    assert_string_equal(err.msg, "a chart needs at least one series");
    tb_store_free(s);
}

/* ---- which chart -------------------------------------------------------- */

/* N regions with a value in each of YEARS years from 2010 (value 10 + i),
 * except ZERO_IN: region 0 has 0 there. */
static tb_store *regions_store(size_t n, int years, int zero_in, const tb_series **x)
{
    tb_store *s = tb_store_new();
    for (size_t i = 0; i < n; i++) {
        char r[16];
        snprintf(r, sizeof r, "R%02zu", i);
        for (int y = 2010; y < 2010 + years; y++)
            assert_int_equal(tb_store_put(s, r, "1.1.1", "aangiften", y,
                                          i == 0 && y == zero_in ? 0 : 10.0 + (double)i, 0,
                                          NULL, NULL, NULL, NULL),
                             TB_OK);
    }
    for (size_t i = 0; i < n; i++) {
        char r[16];
        snprintf(r, sizeof r, "R%02zu", i);
        x[i] = tb_store_find(s, r, "1.1.1", "aangiften");
    }
    return s;
}

static void test_chart_choice(void **state)
{
    (void)state;
    const tb_series *x[12];
    int base = -1;
    /* 5 regions x 12 years = 60 bars: grouped bars */
    tb_store *s = regions_store(5, 12, 0, x);
    assert_int_equal(tb_plot_choose(x, 5, &base), TB_CHART_BARS);
    assert_int_equal(base, 2010);
    tb_store_free(s);
    /* 5 x 13 = 65 bars: too many, index lines */
    s = regions_store(5, 13, 0, x);
    assert_int_equal(tb_plot_choose(x, 5, &base), TB_CHART_INDEX);
    tb_store_free(s);
    /* 10 regions: index lines; the base skips 2010, where one region has 0
     * (an index from 0 is no index) */
    s = regions_store(10, 8, 2010, x);
    assert_int_equal(tb_plot_choose(x, 10, &base), TB_CHART_INDEX);
    assert_int_equal(base, 2011);
    tb_store_free(s);
    /* 11 regions: small multiples */
    s = regions_store(11, 3, 0, x);
    assert_int_equal(tb_plot_choose(x, 11, &base), TB_CHART_MULTI);
    tb_store_free(s);
    /* 8 regions, one of them 0 in its only year: no base, small multiples */
    s = regions_store(8, 1, 2010, x);
    assert_int_equal(tb_plot_choose(x, 8, &base), TB_CHART_MULTI);
    assert_int_equal(base, 0);
    tb_store_free(s);
}

/* What `plot` draws for a store: 20 regions of one indicator are small
 * multiples, 16 and 4 to a chart; 3 regions over 4 years are grouped bars;
 * inwoners are never drawn. */
static void test_plot_plan(void **state)
{
    (void)state;
    const tb_series *x[20];
    tb_store *s = regions_store(20, 4, 0, x);
    assert_int_equal(tb_store_put(s, "R00", "0.0.0", "inwoners", 2010, 1000, 0, NULL, NULL,
                                  NULL, NULL), TB_OK);
    tb_plot_plan *p = NULL;
    tb_error err = {0};
    assert_int_equal(tb_plot_plan_make(s, NULL, NULL, TB_LANG_NL, &p, &err), TB_OK);
    assert_int_equal(p->n, 2);
    assert_int_equal(p->chart[0].kind, TB_CHART_MULTI);
    assert_int_equal(p->chart[0].nseries, 16);
    assert_int_equal(p->chart[1].nseries, 4);
    assert_string_equal(p->chart[0].stem, "1_1_1_aangiften_1");
    assert_string_equal(p->chart[1].stem, "1_1_1_aangiften_2");
    assert_string_equal(p->chart[0].title, "1.1.1, aangiften");
    assert_string_equal(p->chart[1].names[3], "R19");
    assert_string_equal(p->chart[0].ylabel, ""); /* a count: "aantal" */
    tb_plot_plan_free(p);
    tb_store_free(s);
    s = regions_store(3, 4, 0, x);
    assert_int_equal(tb_plot_plan_make(s, NULL, NULL, TB_LANG_EN, &p, &err), TB_OK);
    assert_int_equal(p->n, 1);
    assert_int_equal(p->chart[0].kind, TB_CHART_BARS);
    assert_string_equal(p->chart[0].stem, "1_1_1_aangiften");
    assert_string_equal(p->chart[0].title, "1.1.1, reported crimes");
    tb_plot_plan_free(p);
    tb_store_free(s);
}

/* ---- value axis ------------------------------------------------------- */

static void assert_axis(const tb_axis *ax, double lo, double hi, double step, int nticks)
{
    assert_exact(ax->lo, lo);
    assert_exact(ax->hi, hi);
    assert_exact(ax->step, step);
    assert_int_equal(ax->nticks, nticks);
}

static void test_axis_degenerate(void **state)
{
    (void)state;
    tb_axis ax;
    /* ordinary: 1.234 .. 5.678, width 4.444 -> step 1 (raw 0.89 -> 1) */
    tb_axis_make(&ax, 1234, 5678, 0);
    assert_axis(&ax, 1000, 6000, 1000, 6);
    /* a constant series: widened by a tenth, 100 .. 110, step 2 */
    tb_axis_make(&ax, 100, 100, 0);
    assert_axis(&ax, 100, 110, 2, 6);
    /* all zero: [0, 1] in steps of 0.2, one decimal */
    tb_axis_make(&ax, 0, 0, 0);
    assert_axis(&ax, 0, 1, 0.2, 6);
    assert_int_equal(ax.decimals, 1);
    /* one ulp wide at 2^53: the range 9.007e15 + 9.007e14 -> step 2e14,
     * 45 x 2e14 = 9e15 .. 50 x 2e14 = 1e16 */
    tb_axis_make(&ax, 9007199254740990.0, 9007199254740991.0, 0.05);
    assert_axis(&ax, 9e15, 1e16, 2e14, 6);
    /* two ulps wide: never an empty range */
    tb_axis_make(&ax, 9007199254740990.0, 9007199254740992.0, 0);
    assert_true(ax.hi > ax.lo);
    /* NaN, infinite or reversed limits: [0, 1] */
    tb_axis_make(&ax, NAN, 5, 0);
    assert_axis(&ax, 0, 1, 0.2, 6);
    tb_axis_make(&ax, 0, INFINITY, 0);
    assert_axis(&ax, 0, 1, 0.2, 6);
    tb_axis_make(&ax, 5, 1, 0);
    assert_axis(&ax, 0, 1, 0.2, 6);
    /* the largest doubles: clamped to +-1e300, step 5e299 */
    tb_axis_make(&ax, -DBL_MAX, DBL_MAX, 0);
    assert_axis(&ax, -1e300, 1e300, 5e299, 5);
    /* 0.3 .. 0.7: the ticks sit on 0.3, not on 0.2 (0.3 / 0.1 < 3) */
    tb_axis_make(&ax, 0.3, 0.7, 0);
    assert_close(ax.lo, 0.3, 1e-12);
    assert_close(ax.hi, 0.7, 1e-12);
    assert_int_equal(ax.nticks, 5);
}

/* Over many ranges, tiny to huge and ulps apart: the ticks cover the
 * data, are at least two and at most TB_AXIS_MAX_TICKS, and step on. */
static void test_axis_bounded(void **state)
{
    (void)state;
    unsigned long r = 12345;
    for (int i = 0; i < 200000; i++) {
        r = r * 6364136223846793005UL + 1442695040888963407UL;
        double mag = pow(10.0, (double)(r >> 40) / (double)(1UL << 24) * 40 - 20);
        double lo = mag * ((double)(r >> 11 & 0xffff) / 65536.0 - 0.3);
        double hi = i % 3 == 0 ? nextafter(lo, INFINITY) : lo + mag * (double)(r & 0xff) / 256;
        tb_axis ax;
        tb_axis_make(&ax, lo, hi, (double)(i % 10) / 100);
        assert_true(ax.nticks >= 2 && ax.nticks <= TB_AXIS_MAX_TICKS);
        assert_true(ax.lo <= lo && ax.hi >= hi && ax.hi > ax.lo);
        assert_true(ax.lo + ax.step > ax.lo);
        assert_true(fabs(ax.lo + (ax.nticks - 1) * ax.step - ax.hi) <= 1e-9 * ax.step);
    }
}

/* ---- gnuplot running the scripts ---------------------------------------- */

static int have_gnuplot(void)
{
    char p[4096];
    if (tb_plot_gnuplot_found(p, sizeof p))
        return 1;
    print_message("skipped: gnuplot is not on the PATH, scripts cannot be run\n");
    return 0;
}

static int exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Write SCRIPT to DIR/NAME, run gnuplot there, assert it ran silently. */
static void run_script(const char *dir, const char *name, const char *script)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(script, f);
    fclose(f);
    char *msg = NULL;
    tb_error err = {0};
    tb_status rc = tb_plot_render(dir, name, &msg, &err);
    if (rc != TB_OK || (msg && *msg))
        print_error("%s: %s\n%s\n", name, err.msg, msg ? msg : "");
    assert_int_equal(rc, TB_OK);
    assert_string_equal(msg, ""); /* no errors, no warnings */
    free(msg);
}

/* Every name and alias of the shipped code lists and a set of hostile
 * names, quoted and printed by gnuplot itself, come back byte for byte. */
static void add_name(char ***names, size_t *n, size_t *cap, const char *s)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 256;
        *names = realloc(*names, *cap * sizeof **names);
        assert_non_null(*names);
    }
    (*names)[(*n)++] = strdup(s);
}

static void add_codelist_names(char ***names, size_t *n, size_t *cap, const char *path)
{
    tb_codelist *c = NULL;
    tb_error err = {0};
    assert_int_equal(tb_codelist_load(&c, path, &err), TB_OK);
    for (size_t i = 0; i < tb_codelist_size(c); i++) {
        const tb_code *e = tb_codelist_at(c, i);
        add_name(names, n, cap, e->name);
        for (size_t k = 0; k < e->naliases; k++)
            add_name(names, n, cap, e->aliases[k]);
    }
    tb_codelist_free(c);
}

static void test_quote_round_trips_in_gnuplot(void **state)
{
    (void)state;
    if (!have_gnuplot())
        return;
    static const char *const hostile[] = {
        "'s-Hertogenbosch", "'s-Gravenhage", "''", "'", "a''''b", "x'", "''s",
        "back\\slash\\", "@macro @x", "`touch pwned`", "\"`touch pwned`\"",
        "line\nbreak", "tab\there", "\r\n", "\x01\x1b[31m\x7f", "Fryslân",
        "a'`b`'c", "\"", "\\'", "'\\", "'''''''", "%s %d", "$d", "EOD", "",
    };
    char **names = NULL;
    size_t n = 0, cap = 0;
    add_codelist_names(&names, &n, &cap, "data/regions.csv");
    add_codelist_names(&names, &n, &cap, "data/indicators.csv");
    assert_true(n > 500);
    for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++)
        add_name(&names, &n, &cap, hostile[i]);
    char dir[] = "/tmp/tb_gnuplot_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[512], outp[512];
    snprintf(path, sizeof path, "%s/names.gp", dir);
    snprintf(outp, sizeof outp, "%s/names.out", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("set print 'names.out'\n", f);
    for (size_t i = 0; i < n; i++) {
        size_t k = tb_gp_quote(NULL, 0, names[i]);
        char *q = malloc(k + 1);
        tb_gp_quote(q, k + 1, names[i]);
        fprintf(f, "print %s\n", q);
        free(q);
    }
    fclose(f);
    char *msg = NULL;
    tb_error err = {0};
    tb_status rc = tb_plot_render(dir, "names.gp", &msg, &err);
    if (rc != TB_OK)
        print_error("%s\n", err.msg);
    assert_int_equal(rc, TB_OK);
    assert_string_equal(msg, "");
    free(msg);
    char *got = NULL;
    size_t gcap = 0;
    FILE *g = fopen(outp, "r");
    assert_non_null(g);
    ssize_t glen = getdelim(&got, &gcap, '\0', g);
    fclose(g);
    assert_true(glen > 0);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(names[i]);
        if (at + l + 1 > (size_t)glen || memcmp(got + at, names[i], l) ||
            got[at + l] != '\n') {
            print_error("gnuplot read name %zu back differently: '%s'\n", i, names[i]);
            fail();
        }
        at += l + 1;
    }
    assert_int_equal(at, (size_t)glen);
    snprintf(path, sizeof path, "%s/pwned", dir);
    assert_false(exists(path));
    free(got);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_hostile_names_run_as_text(void **state)
{
    (void)state;
    if (!have_gnuplot())
        skip();
    char dir[] = "/tmp/tb_gnuplot_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sentinel[300], bq[400], sq[400], nl[400], dq[400];
    snprintf(sentinel, sizeof sentinel, "%s/pwned", dir);
    snprintf(bq, sizeof bq, "`touch %s`", sentinel);
    snprintf(sq, sizeof sq, "x'; system('touch %s'); '", sentinel);
    snprintf(nl, sizeof nl, "Noord\nsystem('touch %s') \\", sentinel);
    snprintf(dq, sizeof dq, "\"`touch %s`\" @x", sentinel);

    tb_store *s = tb_store_new();
    const char *names[4] = {bq, sq, nl, dq};
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 5; k++)
            tb_store_put(s, names[i], sq, "aangiften", 2019 + k,
                         k == 2 ? NAN : 1000.0 * (i + 1) + 37 * k,
                         k == 4 ? TB_FLAG_PROVISIONAL : 0, bq, NULL, NULL, NULL);
    const tb_series *x[4];
    for (int i = 0; i < 4; i++)
        x[i] = tb_store_find(s, names[i], sq, "aangiften");

    tb_plot_style st;
    tb_plot_style_init(&st);
    char out[500];
    /* a file name from data (gnuplot runs in DIR: "pwned" is the sentinel) */
    snprintf(out, sizeof out, "a'; system('touch pwned'); 'b.png");
    st.output = out;
    st.source = nl;
    chart c = {.s = x, .n = 4, .title = bq, .st = &st, .base = 2019};
    tb_status rc;
    char *g = script_of(draw_bars, &c, &rc);
    assert_int_equal(rc, TB_OK);
    run_script(dir, "bars.gp", g);
    free(g);

    const char *labels[4] = {nl, NULL, dq, sq};
    c.labels = labels;
    g = script_of(draw_index, &c, &rc);
    assert_int_equal(rc, TB_OK);
    run_script(dir, "index.gp", g);
    free(g);

    st.term = TB_TERM_SVG;
    g = script_of(draw_multi, &c, &rc);
    assert_int_equal(rc, TB_OK);
    run_script(dir, "multi.gp", g);
    free(g);

    st.term = TB_TERM_PDF;
    tb_forecast fc[2] = {{2024, 1100, 1000, 1200, 950, 1250},
                         {2025, 1110, 990, 1230, 930, 1290}};
    int fy[4] = {2019, 2020, 2022, 2023};
    double fv[4] = {1010, 1040, 1080, 1100};
    int py[3] = {2023, 2024, 2025};
    double pv[3] = {1100, 1050, 1000};
    tb_plot_trend_data d = {.obs = x[0], .obs_label = sq, .fit_year = fy,
                            .fit_value = fv, .nfit = 4, .fit_label = nl,
                            .forecast = fc, .nforecast = 2, .path_year = py,
                            .path_value = pv, .npath = 3, .path_label = dq,
                            .target_year = 2025, .target_value = 1000,
                            .target_label = bq};
    c.trend = &d;
    g = script_of(draw_trend, &c, &rc);
    assert_int_equal(rc, TB_OK);
    run_script(dir, "trend.gp", g);
    free(g);

    assert_false(exists(sentinel));
    /* the images were written under the hostile file name, in DIR */
    char img[1000];
    snprintf(img, sizeof img, "%s/%s", dir, out);
    assert_true(exists(img));
    tb_store_free(s);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_render_failures(void **state)
{
    (void)state;
    if (!have_gnuplot())
        skip();
    char dir[] = "/tmp/tb_gnuplot_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[300];
    snprintf(path, sizeof path, "%s/bad.gp", dir);
    FILE *f = fopen(path, "w");
    fputs("set terminal pngcairo\nset output 'bad.png'\nplot $nosuchblock using 1:2\n", f);
    fclose(f);
    char *msg = NULL;
    tb_error err;
    assert_int_equal(tb_plot_render(dir, "bad.gp", &msg, &err), TB_EIO);
    /* gnuplot's own line that names the place and the problem */
    assert_string_equal(err.msg,
                        "gnuplot failed: \"bad.gp\" line 3: no datablock named $nosuchblock");
    assert_non_null(msg);
    assert_true(strlen(msg) > 0);
    free(msg);

    /* without gnuplot on the PATH the run says so */
    const char *old = getenv("PATH");
    char *saved = strdup(old ? old : "");
    setenv("PATH", dir, 1);
    char p[100];
    assert_int_equal(tb_plot_gnuplot_found(p, sizeof p), 0);
    assert_int_equal(tb_plot_render(dir, "bad.gp", NULL, &err), TB_EIO);
    assert_string_equal(err.msg, "gnuplot not found on the PATH: the script is "
                                 "written but not rendered");
    setenv("PATH", saved, 1);
    free(saved);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote_exact),
        cmocka_unit_test(test_quote_round_trips_in_gnuplot),
        cmocka_unit_test(test_comment_clean),
        cmocka_unit_test(test_axis_degenerate),
        cmocka_unit_test(test_axis_bounded),
        cmocka_unit_test(test_bars_datablock),
        cmocka_unit_test(test_trend_datablock_missing_and_provisional),
        cmocka_unit_test(test_index_errors_and_values),
        cmocka_unit_test(test_chart_choice),
        cmocka_unit_test(test_plot_plan),
        cmocka_unit_test(test_target_text),
        cmocka_unit_test(test_hostile_names_run_as_text),
        cmocka_unit_test(test_render_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

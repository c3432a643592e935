/* The annex report: the sentences for the seed's Noord-Nederland figures,
 * every number in the text against the tables it came from, file names,
 * and the report folder (complete on success, untouched on failure). */
#include "tb_test.h"

#include <dirent.h>
#include <glob.h>
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trendbeeld/indicators.h"
#include "trendbeeld/load.h"
#include "trendbeeld/measure.h"
#include "trendbeeld/report.h"

/* Meldingen overlast jeugd, Noord-Nederland (seed 000, Bijlage 1).
 *
 * Hand computation:
 *   totals: 2008 3207 + 2931 + 2476 = 8614;  2009 2976 + 2637 + 2267 = 7880
 *           2010 2588 + 2665 + 2261 = 7514;  2011 2275 + 2931 + 1971 = 7177
 *   total 2008-2011: 7177 / 8614 - 1 = -0.166821  -> -16,7%
 *   total 2011 vs 2010: 7177 / 7514 - 1 = -0.044850 -> 4,5% lower
 *   2011 vs 2010: Groningen 2275 / 2588 - 1 = -0.120943 -> -12,1%
 *                 Fryslân   2931 / 2665 - 1 = +0.099812 -> +10,0%
 *                 Drenthe   1971 / 2261 - 1 = -0.128262 -> -12,8% (largest fall)
 *   2008-2011:    Groningen 2275 / 3207 - 1 = -0.290614 -> -29,1%
 *                 Drenthe   1971 / 2476 - 1 = -0.203958 -> -20,4%
 *                 Fryslân   2931 / 2931 - 1 = 0        -> 0,0% (back at 2008)
 * (The total for 2011 is 7177, not 7131.) */
static const double groningen[4] = {3207, 2976, 2588, 2275};
static const double fryslan[4] = {2931, 2637, 2665, 2931};
static const double drenthe[4] = {2476, 2267, 2261, 1971};

#define M TB_FMT_MINUS
#define starts_with(a, b) (strncmp((a), (b), strlen(b)) == 0)

static tb_store *seed_store(void)
{
    tb_store *s = tb_store_new();
    for (int k = 0; k < 4; k++) {
        tb_store_put(s, "PV20", "overlast jeugd", "meldingen", 2008 + k,
                     groningen[k], 0, "GIDS/BVH", NULL, NULL, NULL);
        tb_store_put(s, "PV21", "overlast jeugd", "meldingen", 2008 + k,
                     fryslan[k], 0, "GIDS/BVH", NULL, NULL, NULL);
        tb_store_put(s, "PV22", "overlast jeugd", "meldingen", 2008 + k,
                     drenthe[k], 0, "GIDS/BVH", NULL, NULL, NULL);
    }
    return s;
}

static const char *const codes[3] = {"PV20", "PV21", "PV22"};
static const char *const names[3] = {"Groningen", "Fryslân", "Drenthe"};

static void series_of(tb_store *s, const tb_series *x[3])
{
    for (int i = 0; i < 3; i++)
        x[i] = tb_store_find(s, codes[i], "overlast jeugd", "meldingen");
}

static const tb_claim *find_claim(const tb_text *t, const char *key)
{
    for (size_t i = 0; i < t->nclaims; i++)
        if (!strcmp(t->claims[i].key, key))
            return &t->claims[i];
    return NULL;
}

#define CLAIM(t, key, want, shown_)                                            \
    do {                                                                       \
        const tb_claim *c_ = find_claim(t, key);                               \
        if (!c_)                                                               \
            fail_msg("no claim %s", key);                                      \
        assert_close(c_->value, want, 1e-12);                                  \
        assert_string_equal(c_->shown, shown_);                                \
    } while (0)

/* Every number in TEXT is a year (1900-2100, written without a group
 * sign) or is shown by one of the claims. */
static void numbers_are_claims(const tb_text *t)
{
    const char *p = t->text;
    int seen = 0;
    while (*p) {
        if (!(*p >= '0' && *p <= '9')) {
            p++;
            continue;
        }
        /* a number token: digits, with . or , between digits; then %.
         * Digits inside a word (a name like "R7") are not a number. */
        const char *a = p;
        if (a > t->text && ((a[-1] >= 'A' && a[-1] <= 'Z') || (a[-1] >= 'a' && a[-1] <= 'z'))) {
            while (*p >= '0' && *p <= '9')
                p++;
            continue;
        }
        while ((*p >= '0' && *p <= '9') ||
               ((*p == '.' || *p == ',') && p[1] >= '0' && p[1] <= '9'))
            p++;
        if (*p == '%')
            p++;
        char tok[64];
        snprintf(tok, sizeof tok, "%.*s", (int)(p - a), a);
        int y = atoi(tok);
        if (strlen(tok) == 4 && y >= 1900 && y <= 2100)
            continue;
        /* the sign before it belongs to the shown text */
        char signed_tok[72];
        int neg = a - t->text >= 3 && !strncmp(a - 3, M, 3);
        int pos = a > t->text && a[-1] == '+';
        snprintf(signed_tok, sizeof signed_tok, "%s%s", neg ? M : pos ? "+" : "", tok);
        int found = 0;
        for (size_t i = 0; i < t->nclaims && !found; i++)
            found = !strcmp(t->claims[i].shown, signed_tok);
        if (!found)
            fail_msg("number '%s' in the text is not a claim", signed_tok);
        seen++;
    }
    assert_true(seen > 5);
}

static void test_seed_sentences_nl(void **state)
{
    (void)state;
    tb_store *s = seed_store();
    const tb_series *x[3];
    series_of(s, x);
    tb_describe_options o = {.lang = TB_LANG_NL, .what = "meldingen overlast jeugd",
                             .area = "Noord-Nederland", .total = 1};
    tb_text *t;
    assert_int_equal(tb_report_describe(x, 3, names, &o, &t, NULL), TB_OK);
    assert_string_equal(
        t->text,
        "Het totaal aantal meldingen overlast jeugd in Noord-Nederland daalde van "
        "8.614 in 2008 naar 7.177 in 2011 (" M "16,7%). In 2011 daalde het totaal "
        "met 4,5% ten opzichte van 2010 (van 7.514 naar 7.177). De daling is het "
        "grootst in Drenthe (" M "12,8%). Fryslân wijkt af: daar steeg het aantal in "
        "2011 met 10,0% (van 2.665 naar 2.931), daarmee weer precies op het niveau "
        "van 2008 (2.931). Over 2008–2011 daalde het aantal in Groningen (" M "29,1%) "
        "en Drenthe (" M "20,4%); in Fryslân (0,0%) bleef het gelijk. In 2011 is het "
        "aantal het hoogst in Fryslân (2.931) en het laagst in Drenthe (1.971).");
    CLAIM(t, "total.2008", 8614, "8.614");
    CLAIM(t, "total.2011", 7177, "7.177");
    CLAIM(t, "total.2010", 7514, "7.514");
    CLAIM(t, "total.change_pct.2008-2011", 100.0 * (7177.0 / 8614 - 1), M "16,7%");
    CLAIM(t, "total.yoy_pct.2011", 100.0 * (7177.0 / 7514 - 1), "4,5%");
    CLAIM(t, "Drenthe.yoy_pct.2011", 100.0 * (1971.0 / 2261 - 1), M "12,8%");
    CLAIM(t, "Fryslân.yoy_pct.2011", 100.0 * (2931.0 / 2665 - 1), "10,0%");
    CLAIM(t, "Groningen.change_pct.2008-2011", 100.0 * (2275.0 / 3207 - 1), M "29,1%");
    CLAIM(t, "Drenthe.change_pct.2008-2011", 100.0 * (1971.0 / 2476 - 1), M "20,4%");
    CLAIM(t, "Fryslân.change_pct.2008-2011", 0, "0,0%");
    CLAIM(t, "Fryslân.2008", 2931, "2.931");
    CLAIM(t, "Drenthe.2011", 1971, "1.971");
    numbers_are_claims(t);
    /* only claims the numbers support */
    assert_null(strstr(t->text, "significant"));
    tb_text_free(t);

    /* without a total: the regions only */
    o.total = 0;
    assert_int_equal(tb_report_describe(x, 3, names, &o, &t, NULL), TB_OK);
    assert_true(starts_with(t->text, "Van 2010 op 2011 daalde het aantal meldingen "
                                  "overlast jeugd in 2 van de 3 regio's en steeg "
                                  "het in 1. De daling is het grootst in Drenthe"));
    assert_null(strstr(t->text, "totaal"));
    numbers_are_claims(t);
    tb_text_free(t);
    tb_store_free(s);
}

static void test_seed_sentences_en(void **state)
{
    (void)state;
    tb_store *s = seed_store();
    const tb_series *x[3];
    series_of(s, x);
    tb_describe_options o = {.lang = TB_LANG_EN, .what = "youth nuisance reports",
                             .area = "Noord-Nederland", .total = 1};
    tb_text *t;
    assert_int_equal(tb_report_describe(x, 3, names, &o, &t, NULL), TB_OK);
    assert_non_null(strstr(t->text, "fell from 8,614 in 2008 to 7,177 in 2011 (" M "16.7%)."));
    assert_non_null(strstr(t->text, "In 2011 the total fell by 4.5% compared with 2010"));
    assert_non_null(strstr(t->text, "Fryslân is the exception: there the number rose in "
                                    "2011 by 10.0%"));
    tb_text_free(t);
    tb_store_free(s);
}

/* A provisional last year is said to be provisional; a flat change is
 * "nagenoeg gelijk" with its percentage. */
static void test_provisional_and_flat(void **state)
{
    (void)state;
    tb_store *s = tb_store_new();
    /* RE01 woninginbraak (47018NED): 2022 2297, 2023 2339, 2024* 1870.
     * 1870 / 2339 - 1 = -0.200513 -> 20,1% lower; 1870 / 2297 - 1 = -0.185894 */
    tb_store_put(s, "RE01", "1.1.1", "misdrijven", 2022, 2297, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "RE01", "1.1.1", "misdrijven", 2023, 2339, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "RE01", "1.1.1", "misdrijven", 2024, 1870, TB_FLAG_PROVISIONAL,
                 NULL, NULL, NULL, NULL);
    const tb_series *x = tb_store_find(s, "RE01", "1.1.1", "misdrijven");
    const char *nm = "Noord-Nederland";
    tb_describe_options o = {.what = "aangiften woninginbraak"};
    tb_text *t;
    assert_int_equal(tb_report_describe(&x, 1, &nm, &o, &t, NULL), TB_OK);
    assert_string_equal(t->text,
                        "Het aantal aangiften woninginbraak in Noord-Nederland daalde "
                        "van 2.297 in 2022 naar 1.870 in 2024* (" M "18,6%). "
                        "In 2024* daalde het aantal met 20,1% ten opzichte "
                        "van 2023 (van 2.339 naar 1.870). Cijfers over 2024 (*) zijn "
                        "voorlopig en kunnen nog veranderen.");
    numbers_are_claims(t);
    tb_text_free(t);

    /* 2339 -> 2350: +0,47% rounds to 0,5%, below 1,0%: nagenoeg gelijk */
    tb_store_put(s, "X", "1.1.1", "misdrijven", 2022, 2339, 0, NULL, NULL, NULL, NULL);
    tb_store_put(s, "X", "1.1.1", "misdrijven", 2023, 2350, 0, NULL, NULL, NULL, NULL);
    x = tb_store_find(s, "X", "1.1.1", "misdrijven");
    assert_int_equal(tb_report_describe(&x, 1, NULL, &o, &t, NULL), TB_OK);
    assert_true(starts_with(t->text, "Het aantal aangiften woninginbraak in X bleef nagenoeg "
                                  "gelijk: 2.339 in 2022 en 2.350 in 2023 (+0,5%)."));
    tb_text_free(t);

    /* one year only: no trend to describe */
    tb_store_put(s, "Y", "1.1.1", "misdrijven", 2022, 10, 0, NULL, NULL, NULL, NULL);
    x = tb_store_find(s, "Y", "1.1.1", "misdrijven");
    tb_error err;
    assert_int_equal(tb_report_describe(&x, 1, NULL, &o, &t, &err), TB_EDATA);
    assert_null(t);
    assert_non_null(strstr(err.msg, "fewer than two years"));
    tb_store_free(s);
}

/* Many regions: grouped instead of one sentence each.
 *   region  2020 2021 2022   2022 vs 2021          2020-2022
 *   R1       100   90   80   80/90-1   = -11,1%    -20,0%
 *   R2       200  190  150   150/190-1 = -21,1%    -25,0% (largest fall)
 *   R3        50   50   45               -10,0%    -10,0%
 *   R4       300  280  270   270/280-1 =  -3,6%    -10,0%
 *   R5       120  110  100   100/110-1 =  -9,1%    100/120-1 = -16,7%
 *   R6        80   70   77               +10,0%    77/80-1 = -3,8%
 *   R7        60   55   66               +20,0%    +10,0% (largest rise)
 *   R8       500  500  502               +0,4%     +0,4% (below 1%: flat)
 * 2022 vs 2021: 5 down, 2 up; 2020-2022: 6 down, 1 up. */
static tb_store *many_regions(unsigned flags_2022, const tb_series *x[8])
{
    static const double v[8][3] = {{100, 90, 80},  {200, 190, 150}, {50, 50, 45},
                                   {300, 280, 270}, {120, 110, 100}, {80, 70, 77},
                                   {60, 55, 66},    {500, 500, 502}};
    static const char *const nm[8] = {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8"};
    tb_store *s = tb_store_new();
    for (int i = 0; i < 8; i++) {
        for (int k = 0; k < 3; k++)
            tb_store_put(s, nm[i], "1.1.1", "aangiften", 2020 + k, v[i][k],
                         k == 2 ? flags_2022 : 0, NULL, NULL, NULL, NULL);
        x[i] = tb_store_find(s, nm[i], "1.1.1", "aangiften");
    }
    return s;
}

static void test_many_regions(void **state)
{
    (void)state;
    const tb_series *x[8];
    tb_store *s = many_regions(0, x);
    tb_describe_options o = {.what = "aangiften"};
    tb_text *t;
    assert_int_equal(tb_report_describe(x, 8, NULL, &o, &t, NULL), TB_OK);
    assert_string_equal(
        t->text,
        "Van 2021 op 2022 daalde het aantal aangiften in 5 van de 8 regio's en steeg "
        "het in 2. De daling is het grootst in R2 (" M "21,1%). In R7 (+20,0%) en R6 "
        "(+10,0%) steeg het aantal juist. In R8 (+0,4%) bleef het aantal nagenoeg "
        "gelijk. Over 2020–2022 daalde het aantal in 6 van de 8 regio's en steeg het "
        "in 1; de grootste daling had R2 (" M "25,0%), de grootste stijging R7 "
        "(+10,0%). In 2022 is het aantal het hoogst in R8 (502) en het laagst in R3 (45).");
    numbers_are_claims(t);
    CLAIM(t, "R2.change_pct.2020-2022", -25, M "25,0%");
    CLAIM(t, "R6.yoy_pct.2022", 10, "+10,0%");
    tb_text_free(t);
    tb_store_free(s);
}

/* The same regions with 2022 provisional: the year keeps its star in
 * every sentence, the period sentence included. */
static void test_many_regions_provisional(void **state)
{
    (void)state;
    const tb_series *x[8];
    tb_store *s = many_regions(TB_FLAG_PROVISIONAL, x);
    tb_describe_options o = {.what = "aangiften"};
    tb_text *t;
    assert_int_equal(tb_report_describe(x, 8, NULL, &o, &t, NULL), TB_OK);
    assert_non_null(strstr(t->text, "Van 2021 op 2022* daalde"));
    assert_non_null(strstr(t->text, " Over 2020–2022* daalde het aantal in 6 van de 8 "));
    assert_non_null(strstr(t->text, " In 2022* is het aantal het hoogst in R8"));
    /* every 2022 before the closing note on provisional years has its star */
    const char *note = strstr(t->text, " Cijfers over 2022 (*) zijn voorlopig");
    assert_non_null(note);
    int starred = 0;
    for (const char *q = t->text; (q = strstr(q, "2022")) && q < note; q += 4, starred++)
        assert_int_equal(q[4], '*');
    assert_int_equal(starred, 3);
    numbers_are_claims(t);
    tb_text_free(t);
    tb_store_free(s);
}

/* Only one region goes the way of the total: the others are not called
 * exceptions, and the provisional last year keeps its star in every
 * sentence.  Total 400 + 300 + 200 = 900 -> 320 + 330 + 220 = 870:
 * 870/900 - 1 = -3,3%; A 320/400 - 1 = -20,0%; B 330/300 - 1 = +10,0%;
 * C 220/200 - 1 = +10,0% (the verb carries the sign). */
static void test_one_region_with_the_total(void **state)
{
    (void)state;
    static const double v[3][2] = {{400, 320}, {300, 330}, {200, 220}};
    const char *nm[3] = {"A", "B", "C"};
    tb_store *s = tb_store_new();
    const tb_series *x[3];
    for (int i = 0; i < 3; i++) {
        for (int k = 0; k < 2; k++)
            tb_store_put(s, nm[i], "1.1.1", "aangiften", 2020 + k, v[i][k],
                         k ? TB_FLAG_PROVISIONAL : 0, NULL, NULL, NULL, NULL);
        x[i] = tb_store_find(s, nm[i], "1.1.1", "aangiften");
    }
    tb_describe_options o = {.what = "aangiften", .area = "Z", .total = 1,
                             .small = TB_REPORT_SMALL_COUNT};
    tb_text *t;
    assert_int_equal(tb_report_describe(x, 3, NULL, &o, &t, NULL), TB_OK);
    assert_null(strstr(t->text, "wijkt af"));
    assert_non_null(strstr(t->text, "Alleen in A daalde het aantal (" M "20,0%)."));
    assert_non_null(strstr(t->text, " In B steeg het aantal in 2021* met 10,0% (van 300 naar "
                                    "330)."));
    assert_non_null(strstr(t->text, " In 2021* is het aantal het hoogst in B (330) en het "
                                    "laagst in C (220)."));
    numbers_are_claims(t);
    tb_text_free(t);
    tb_store_free(s);
}

/* A change from 0 has no percentage; one from a small count gets the
 * numbers instead.  Total 100 + 50 + 0 + 5 = 155 -> 80 + 45 + 3 + 15 = 143:
 * 143/155 - 1 = -0.077419 -> -7,7%.  A 80/100 - 1 = -20,0% (largest fall),
 * B -10,0%, C 0 -> 3 (no %), D 5 -> 15 (below 20: no %). */
static void test_zero_and_small_counts(void **state)
{
    (void)state;
    static const double v[4][2] = {{100, 80}, {50, 45}, {0, 3}, {5, 15}};
    const char *nm[4] = {"A", "B", "C", "D"};
    tb_store *s = tb_store_new();
    const tb_series *x[4];
    for (int i = 0; i < 4; i++) {
        for (int k = 0; k < 2; k++)
            tb_store_put(s, nm[i], "1.1.1", "aangiften", 2020 + k, v[i][k], 0, NULL,
                         NULL, NULL, NULL);
        x[i] = tb_store_find(s, nm[i], "1.1.1", "aangiften");
    }
    tb_describe_options o = {.what = "aangiften", .area = "Z", .total = 1,
                             .small = TB_REPORT_SMALL_COUNT};
    tb_text *t;
    assert_int_equal(tb_report_describe(x, 4, NULL, &o, &t, NULL), TB_OK);
    assert_string_equal(
        t->text,
        "Het totaal aantal aangiften in Z daalde van 155 in 2020 naar 143 in 2021 "
        "(" M "7,7%). De daling is het grootst in A (" M "20,0%). In C is geen "
        "percentage te berekenen (van 0 naar 3). D wijkt af: daar steeg het aantal "
        "in 2021 (van 5 naar 15). In 2021 is het aantal het hoogst in A (80) en het "
        "laagst in C (3).");
    numbers_are_claims(t);
    assert_null(strstr(t->text, "∞"));
    tb_text_free(t);
    tb_store_free(s);
}

static void test_file_stem(void **state)
{
    (void)state;
    char b[64];
    tb_report_file_stem(b, sizeof b, "../../etc/passwd");
    assert_string_equal(b, "etc_passwd");
    tb_report_file_stem(b, sizeof b, "Woninginbraak / HIC");
    assert_string_equal(b, "woninginbraak_hic");
    tb_report_file_stem(b, sizeof b, "Súdwest-Fryslân");
    assert_string_equal(b, "s_dwest-frysl_n");
    tb_report_file_stem(b, sizeof b, "x'; system('id'); '");
    assert_string_equal(b, "x_system_id");
    tb_report_file_stem(b, sizeof b, "...");
    assert_string_equal(b, "x");
    tb_report_file_stem(b, sizeof b, NULL);
    assert_string_equal(b, "x");
}

/* ---- the report folder ---------------------------------------------------- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    size_t k = fread(b, 1, (size_t)n, f);
    b[k] = '\0';
    fclose(f);
    return b;
}

/* Staging folders of the output transaction left next to DIR. */
static int count_tmp(const char *dir)
{
    const char *slash = strrchr(dir, '/');
    char parent[512], prefix[300];
    snprintf(parent, sizeof parent, "%.*s", slash ? (int)(slash - dir) : 1, slash ? dir : ".");
    snprintf(prefix, sizeof prefix, ".%s.trendbeeld-", slash ? slash + 1 : dir);
    DIR *d = opendir(parent);
    if (!d)
        return 0;
    int k = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (!strncmp(e->d_name, prefix, strlen(prefix)))
            k++;
    closedir(d);
    return k;
}

static const tb_report_theme seed_theme = {
    .id = "overlast_jeugd",
    .title = "Meldingen overlast jeugd",
    .what = "meldingen overlast jeugd",
    .indicator = "overlast jeugd",
    .measure = "meldingen",
    .area = "Noord-Nederland",
    .nregions = 3,
    .regions = codes,
    .names = names,
    .total = 1,
};

/* The table row of NAME ("total" = the sum row) in YEAR: FIELD. */
static double row_value(json_t *rows, const char *name, int year, const char *field)
{
    size_t i;
    json_t *r;
    int total = !strcmp(name, "total");
    json_array_foreach(rows, i, r)
    {
        const char *rn = json_string_value(json_object_get(r, total ? "region" : "name"));
        if (!strcmp(rn, name) && json_integer_value(json_object_get(r, "year")) == year)
            return json_number_value(json_object_get(r, field));
    }
    fail_msg("no table row %s %d", name, year);
    return NAN;
}

/* Every claim in results.json is checked against the table rows it came
 * from: levels against "value", yoy against "yoy_pct", period changes
 * against the two values, the number of regions against the rows.
 * Returns the number of claims checked. */
static int claims_match_tables(json_t *theme)
{
    json_t *rows = json_object_get(theme, "rows");
    json_t *claims = json_object_get(json_object_get(theme, "text"), "claims");
    size_t i, j;
    json_t *c, *r;
    int checked = 0;
    json_array_foreach(claims, i, c)
    {
        const char *key = json_string_value(json_object_get(c, "key"));
        double v = json_number_value(json_object_get(c, "value"));
        if (!strncmp(key, "regions", 7)) {
            if (!strcmp(key, "regions")) { /* distinct regions in the rows */
                char seen[256][128];
                size_t ns = 0;
                json_array_foreach(rows, j, r)
                {
                    const char *rg = json_string_value(json_object_get(r, "region"));
                    size_t k = 0;
                    while (k < ns && strcmp(seen[k], rg))
                        k++;
                    if (k == ns && strcmp(rg, "total") && ns < 256)
                        snprintf(seen[ns++], sizeof seen[0], "%s", rg);
                }
                assert_close(v, (double)ns, 0);
            }
            checked++;
            continue;
        }
        /* the longest row name that prefixes the key ("Hengelo (O.)") */
        char name[128] = "";
        if (!strncmp(key, "total.", 6))
            snprintf(name, sizeof name, "total");
        json_array_foreach(rows, j, r)
        {
            const char *rn = json_string_value(json_object_get(r, "name"));
            size_t l = strlen(rn);
            if (!strncmp(key, rn, l) && key[l] == '.' && l > strlen(name) &&
                strcmp(json_string_value(json_object_get(r, "region")), "total"))
                snprintf(name, sizeof name, "%s", rn);
        }
        if (!name[0])
            fail_msg("claim %s names no table row", key);
        const char *rest = key + strlen(name) + 1;
        char kind[32];
        int y, y2;
        if (sscanf(rest, "%d", &y) == 1 && !strchr(rest, '.')) {
            assert_close(v, row_value(rows, name, y, "value"), 1e-12);
        } else if (sscanf(rest, "%31[a-z_].%d-%d", kind, &y, &y2) == 3) {
            assert_string_equal(kind, "change_pct");
            double a = row_value(rows, name, y, "value"), b = row_value(rows, name, y2, "value");
            assert_close(v, 100.0 * (b / a - 1), 1e-12);
        } else if (sscanf(rest, "%31[a-z_].%d", kind, &y) == 2) {
            assert_string_equal(kind, "yoy_pct");
            assert_close(v, row_value(rows, name, y, "yoy_pct"), 1e-12);
        } else {
            fail_msg("claim %s not understood", key);
        }
        checked++;
    }
    assert_int_equal(checked, json_array_size(claims));
    return checked;
}

static void test_report_folder(void **state)
{
    (void)state;
    char dir[] = "/tmp/tb_report_XXXXXX";
    assert_non_null(mkdtemp(dir));
    tb_store *s = seed_store();
    tb_report_options o;
    tb_report_options_init(&o);
    o.out_dir = dir;
    o.source = "GIDS/BVH, politie Noord-Nederland";
    o.missing_note = "Doel x: geen gegevens\nDoel y: geen gegevens";
    char gp[4096];
    o.render = tb_plot_gnuplot_found(gp, sizeof gp);
    if (!o.render)
        print_message("gnuplot is not on the PATH: the report is tested unrendered\n");
    tb_report_summary sum;
    tb_diag *warn = tb_diag_new();
    tb_error err = {0};
    tb_status rc = tb_report_write(s, &seed_theme, 1, NULL, 0, &o, &sum, warn, &err);
    if (rc)
        print_error("%s\n", err.msg);
    assert_int_equal(rc, TB_OK);
    assert_int_equal(sum.scripts, 1);
    assert_int_equal(sum.tables, 1);
    assert_int_equal(count_tmp(dir), 0);

    char p[512];
    snprintf(p, sizeof p, "%s/tables/overlast_jeugd.csv", dir);
    char *csv = slurp(p);
    assert_non_null(csv);
    assert_true(starts_with(csv, "region,name,indicator,measure,year,value,provisional,"
                              "yoy_pct,index,rate_per_1000\n"
                              "PV20,Groningen,overlast jeugd,meldingen,2008,3207,0,,100,\n"
                              "PV20,Groningen,overlast jeugd,meldingen,2009,2976,0,"
                              "-7.202993452,92.79700655,\n"));
    /* total 2011 7177; vs 2010 7514: -4.484961405%; index 100 x 7177/8614 */
    assert_non_null(strstr(csv, "total,Noord-Nederland,overlast jeugd,meldingen,2011,"
                                "7177,0,-4.484961405,83.31785466,\n"));
    free(csv);

    snprintf(p, sizeof p, "%s/report.md", dir);
    char *md = slurp(p);
    assert_non_null(md);
    assert_non_null(strstr(md, "## Meldingen overlast jeugd"));
    assert_non_null(strstr(md, "daalde van 8.614 in 2008 naar 7.177 in 2011"));
    assert_non_null(strstr(md, "| 2011 | 2.275 | 2.931 | 1.971 | 7.177 |"));
    assert_non_null(strstr(md, "| 2011 | " M "12,1% | +10,0% | " M "12,8% | " M "4,5% |"));
    assert_non_null(strstr(md, "## Werkwijze"));
    /* what was left out is listed, one item a line; sources once */
    assert_non_null(strstr(md, "- Doel x: geen gegevens\n- Doel y: geen gegevens\n"));
    assert_non_null(strstr(md, "## Bronnen\n\n- GIDS/BVH\n"));
    snprintf(p, sizeof p, "%s/report.html", dir);
    char *html = slurp(p);
    assert_non_null(html);
    assert_non_null(strstr(html, "<td>2.931</td>"));
    if (o.render) {
        assert_int_equal(sum.images, 1);
        assert_non_null(strstr(md, "![Meldingen overlast jeugd](overlast_jeugd.png)"));
        assert_non_null(strstr(html, "src=\"data:image/png;base64,iVBORw0KGgo"));
        snprintf(p, sizeof p, "%s/overlast_jeugd.png", dir);
        struct stat sb;
        assert_int_equal(stat(p, &sb), 0);
        /* the shipped script runs on its own, silently */
        char *msg = NULL;
        assert_int_equal(tb_plot_render(dir, "overlast_jeugd.gp", &msg, &err), TB_OK);
        assert_string_equal(msg, "");
        free(msg);
        assert_int_equal(tb_diag_count(warn), 1); /* no inwoners: no rates */
    }
    free(html);

    snprintf(p, sizeof p, "%s/results.json", dir);
    json_error_t je;
    json_t *root = json_load_file(p, 0, &je);
    assert_non_null(root);
    json_t *theme = json_array_get(json_object_get(root, "themes"), 0);
    assert_non_null(theme);
    assert_true(claims_match_tables(theme) > 10);
    json_decref(root);

    /* A failing run leaves the report as it was and no temporary files. */
    const char *bad_regions[2] = {"PV20", "PV99"};
    tb_report_theme bad = seed_theme;
    bad.regions = bad_regions;
    bad.nregions = 2;
    tb_report_theme both[2] = {seed_theme, bad};
    both[1].id = "other";
    o.lang = TB_LANG_EN;
    rc = tb_report_write(s, both, 2, NULL, 0, &o, &sum, warn, &err);
    assert_int_equal(rc, TB_EDATA);
    assert_non_null(strstr(err.msg, "no series for region PV99"));
    snprintf(p, sizeof p, "%s/report.md", dir);
    char *md2 = slurp(p);
    assert_string_equal(md, md2);
    free(md2);
    free(md);
    assert_int_equal(count_tmp(dir), 0);
    snprintf(p, sizeof p, "%s/tables", dir);
    assert_int_equal(count_tmp(p), 0);
    snprintf(p, sizeof p, "%s/other.gp", dir);
    assert_int_not_equal(access(p, F_OK), 0);

    tb_diag_free(warn);
    tb_store_free(s);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}


/* Nine regions and their total are more columns than a page holds: the
 * tables turn to the annex layout, a row per region and the years as
 * columns, in both report.md and report.html.  Region k (1..9) has
 * 100 k + (year - 2010) in 2010..2023, except R1 in 2016: 200.
 *   total 2010 = 100 (1 + ... + 9) = 4500, year d: 4500 + 9 d;
 *   2016: 4500 + 54 - 106 + 200 = 4648.
 * Counts are at most 5 characters ("4.648"): 14 years x (5 + 2) = 98 <= 99
 * fit one table.  Changes reach 6 ("+90,5%" = 200 / 105 - 1): 99 / 8 = 12
 * a table, so 2011-2023 (13 years) is split evenly into 7 + 6.
 *   R1: 2011 101/100 - 1 = +1,0%; 2012 102/101 - 1 = +0,99% -> +1,0%;
 *   2013 +0,98%, 2014 +0,97%, 2015 +0,96% -> +1,0%; 2016 +90,5%;
 *   2017 107/200 - 1 = -46,5%. */
static void test_wide_tables(void **state)
{
    (void)state;
    char dir[] = "/tmp/tb_report_wide_XXXXXX";
    assert_non_null(mkdtemp(dir));
    tb_store *s = tb_store_new();
    static const char *const regs[9] = {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9"};
    for (int k = 1; k <= 9; k++)
        for (int y = 2010; y <= 2023; y++)
            assert_int_equal(tb_store_put(s, regs[k - 1], "x", "aangiften", y,
                                          k == 1 && y == 2016 ? 200 : 100.0 * k + (y - 2010),
                                          0, "test", NULL, NULL, NULL), TB_OK);
    tb_report_theme th = {.id = "breed", .title = "Breed", .what = "aangiften",
                          .indicator = "x", .measure = "aangiften", .area = "Alles",
                          .nregions = 9, .regions = regs, .total = 1};
    tb_report_options o;
    tb_report_options_init(&o);
    o.out_dir = dir;
    tb_report_summary sum;
    tb_error err = {0};
    assert_int_equal(tb_report_write(s, &th, 1, NULL, 0, &o, &sum, NULL, &err), TB_OK);
    char p[512];
    snprintf(p, sizeof p, "%s/report.md", dir);
    char *md = slurp(p);
    assert_non_null(md);
    assert_non_null(strstr(md, "*Aantal*\n\n| regio | 2010 | 2011 | 2012 | 2013 | 2014 | 2015 | "
                               "2016 | 2017 | 2018 | 2019 | 2020 | 2021 | 2022 | 2023 |\n"
                               "|---|---:|"));
    assert_non_null(strstr(md, "\n| R1 | 100 | 101 | 102 | 103 | 104 | 105 | 200 | 107 | 108 | "
                               "109 | 110 | 111 | 112 | 113 |\n"));
    assert_non_null(strstr(md, "\n| totaal | 4.500 | 4.509 | 4.518 | 4.527 | 4.536 | 4.545 | "
                               "4.648 | 4.563 | 4.572 | 4.581 | 4.590 | 4.599 | 4.608 | "
                               "4.617 |\n"));
    assert_non_null(strstr(md, "*Verandering t.o.v. vorig jaar, 2011–2017*\n\n| regio | 2011 | "
                               "2012 | 2013 | 2014 | 2015 | 2016 | 2017 |\n"));
    assert_non_null(strstr(md, "\n| R1 | +1,0% | +1,0% | +1,0% | +1,0% | +1,0% | +90,5% | "
                               M "46,5% |\n"));
    assert_non_null(strstr(md, "*Verandering t.o.v. vorig jaar, 2018–2023*\n\n| regio | 2018 | "
                               "2019 | 2020 | 2021 | 2022 | 2023 |\n"));
    /* no years-as-rows table is left */
    assert_null(strstr(md, "| jaar |"));
    snprintf(p, sizeof p, "%s/report.html", dir);
    char *html = slurp(p);
    assert_non_null(html);
    assert_non_null(strstr(html, "<div class=\"wide\"><table>\n<caption>Aantal</caption>\n"
                                 "<thead><tr><th>regio</th><th>2010</th>"));
    assert_non_null(strstr(html, "<tr><th>R1</th><td>100</td><td>101</td>"));
    assert_non_null(strstr(html, "<tr class=\"total\"><th>totaal</th><td>4.500</td>"));
    assert_non_null(strstr(html, "<caption>Verandering t.o.v. vorig jaar, 2018–2023</caption>"));
    /* print: the wide tables shrink rather than run off the page */
    assert_non_null(strstr(html, ".wide table{font-size:7.5pt"));
    free(md);
    free(html);
    tb_store_free(s);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_measure_label(void **state)
{
    (void)state;
    char b[96];
    tb_measure_label(b, sizeof b, "slachtofferschap_pct", TB_LANG_NL);
    assert_string_equal(b, "slachtofferschap (%)");
    /* in English the measure table's own words */
    tb_measure_label(b, sizeof b, "aandeel_pct", TB_LANG_EN);
    assert_string_equal(b, "share (%)");
    tb_measure_label(b, sizeof b, "aangiften", TB_LANG_EN);
    assert_string_equal(b, "reported crimes");
    tb_measure_label(b, sizeof b, "per_1000_inwoners", TB_LANG_NL);
    assert_string_equal(b, "per 1.000 inwoners");
    tb_measure_label(b, sizeof b, "per_1000_inwoners", TB_LANG_EN);
    assert_string_equal(b, "per 1,000 inwoners");
    tb_measure_label(b, sizeof b, "index_2011", TB_LANG_NL);
    assert_string_equal(b, "index 2011");
    tb_measure_label(b, sizeof b, "aangiften", TB_LANG_NL);
    assert_string_equal(b, "aangiften");
    tb_measure_label(b, sizeof b, "pct", TB_LANG_NL);
    assert_string_equal(b, "(%)");
    assert_int_equal(tb_measure_label(b, 4, "opgehelderd_pct", TB_LANG_NL),
                     strlen("opgehelderd (%)"));
    assert_string_equal(b, "opg");
    assert_true(tb_measure_is_pct("opgehelderd_pct"));
    assert_true(tb_measure_is_pct("aandeel %"));
    assert_false(tb_measure_is_pct("verdachtenratio"));
    assert_false(tb_measure_is_pct("aangiften"));
    assert_false(tb_measure_is_pct(NULL));
}

static int file_exists(const char *dir, const char *rel)
{
    char p[600];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    return access(p, F_OK) == 0;
}

/* A second report into the same folder removes what the first one wrote
 * and the second does not (a section that is gone, the images of a run
 * with render), and nothing else. */
static void test_manifest(void **state)
{
    (void)state;
    char dir[] = "/tmp/tb_report_XXXXXX";
    assert_non_null(mkdtemp(dir));
    tb_store *s = seed_store();
    tb_report_options o;
    tb_report_options_init(&o);
    o.out_dir = dir;
    char gp[4096];
    o.render = tb_plot_gnuplot_found(gp, sizeof gp);
    tb_report_theme two[2] = {seed_theme, seed_theme};
    two[1].id = "tweede";
    two[1].title = "Tweede";
    tb_report_summary sum;
    tb_diag *warn = tb_diag_new();
    tb_error err = {0};
    assert_int_equal(tb_report_write(s, two, 2, NULL, 0, &o, &sum, warn, &err), TB_OK);
    assert_true(file_exists(dir, "tweede.gp"));
    assert_true(file_exists(dir, "tables/tweede.csv"));
    assert_int_equal(file_exists(dir, "tweede.png"), o.render);
    char p[600];
    snprintf(p, sizeof p, "%s/" TB_REPORT_MANIFEST, dir);
    char *m = slurp(p);
    assert_non_null(m);
    /* name, size and time */
    assert_non_null(strstr(m, "\noverlast_jeugd.gp\t"));
    assert_non_null(strstr(m, "\ntables/tweede.csv\t"));
    assert_non_null(strstr(m, "\nreport.md\t"));
    assert_null(strstr(m, TB_REPORT_MANIFEST));
    free(m);
    /* files of the user, also ones named like a chart */
    const char *mine[3] = {"notities.txt", "eigen.gp", "tables/eigen.csv"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, mine[i]);
        FILE *f = fopen(p, "w");
        assert_non_null(f);
        fclose(f);
    }

    o.render = 0;
    assert_int_equal(tb_report_write(s, &seed_theme, 1, NULL, 0, &o, &sum, warn, &err),
                     TB_OK);
    assert_false(file_exists(dir, "tweede.gp"));
    assert_false(file_exists(dir, "tables/tweede.csv"));
    assert_false(file_exists(dir, "tweede.png"));
    assert_false(file_exists(dir, "overlast_jeugd.png"));
    assert_true(file_exists(dir, "overlast_jeugd.gp"));
    assert_true(file_exists(dir, "tables/overlast_jeugd.csv"));
    assert_true(file_exists(dir, "report.md"));
    for (int i = 0; i < 3; i++)
        assert_true(file_exists(dir, mine[i]));
    snprintf(p, sizeof p, "%s/" TB_REPORT_MANIFEST, dir);
    m = slurp(p);
    /* the names, in the order written, each with its size and time */
    char names[400] = "";
    for (char *line = strtok(m, "\n"); line; line = strtok(NULL, "\n"))
        if (line[0] != '#') {
            char *tab = strchr(line, '\t');
            assert_non_null(tab);
            struct stat sb;
            *tab = '\0';
            snprintf(p, sizeof p, "%s/%s", dir, line);
            assert_int_equal(stat(p, &sb), 0);
            assert_int_equal(strtoll(tab + 1, NULL, 10), sb.st_size);
            strcat(names, line);
            strcat(names, " ");
        }
    assert_string_equal(names, "overlast_jeugd.gp tables/overlast_jeugd.csv report.md "
                               "report.html results.json ");
    free(m);

    /* a list edited to name other files is not followed outside the folder */
    FILE *f = fopen(p, "a");
    assert_non_null(f);
    fprintf(f, "../%s_outside\t0\t0.0\n%s_outside\t0\t0.0\nnotities.txt\n"
               "eigen.gp\t0\t1.0\n.verborgen\n", dir + 5, dir);
    fclose(f);
    char outside[300];
    snprintf(outside, sizeof outside, "%s_outside", dir);
    f = fopen(outside, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(tb_report_write(s, &seed_theme, 1, NULL, 0, &o, &sum, warn, &err),
                     TB_OK);
    assert_int_equal(access(outside, F_OK), 0);
    /* a name the list gives without the size and time it had, or with
     * others, is not the report's: kept */
    assert_true(file_exists(dir, "notities.txt"));
    assert_true(file_exists(dir, "eigen.gp"));
    assert_int_equal(count_tmp(dir), 0);
    unlink(outside);

    tb_diag_free(warn);
    tb_store_free(s);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* The whole report on the shipped data/ (real CBS/politie figures and the
 * seed's numbers): every claim in the text matches its table, and every
 * .gp script in the folder runs in gnuplot without a message. */
static void test_shipped_data(void **state)
{
    (void)state;
    glob_t g;
    if (glob("data/series/*.csv", 0, NULL, &g) != 0) {
        print_message("skipped: no data/series/*.csv (run from the repository root)\n");
        skip();
    }
    tb_codelist *regions = NULL, *indicators = NULL;
    tb_error err = {0};
    assert_int_equal(tb_codelist_load(&regions, "data/regions.csv", &err), TB_OK);
    assert_int_equal(tb_codelist_load(&indicators, "data/indicators.csv", &err), TB_OK);
    tb_store *s = tb_store_new();
    tb_load_options lo = {.regions = regions, .indicators = indicators};
    tb_diag *warn = tb_diag_new();
    for (size_t i = 0; i < g.gl_pathc; i++) {
        tb_status rc = tb_load_file(s, g.gl_pathv[i], &lo, NULL, warn, &err);
        if (rc)
            print_error("%s: %s\n", g.gl_pathv[i], err.msg);
        assert_int_equal(rc, TB_OK);
    }
    globfree(&g);
    tb_rollup *ru = NULL;
    assert_int_equal(tb_ind_rollup(s, regions, &ru, warn, &err), TB_OK);
    tb_rollup_free(ru);
    tb_report_plan *plan = NULL;
    assert_int_equal(tb_report_plan_default(s, regions, indicators, TB_LANG_NL, &plan,
                                            warn, &err), TB_OK);
    size_t nt = tb_report_plan_size(plan);
    const tb_report_theme *th = tb_report_plan_themes(plan);
    /* woninginbraak per unit and per district, overlast jeugd (seed) */
    int seen_wib = 0, seen_overlast = 0;
    for (size_t i = 0; i < nt; i++) {
        seen_wib |= !strcmp(th[i].id, "woninginbraak_RE01");
        seen_overlast |= !strcmp(th[i].id, "overlast_jeugd_RE01");
    }
    assert_true(seen_wib);
    assert_true(seen_overlast);

    /* a narrower plan: chosen themes over chosen areas */
    {
        const char *th1[1] = {"overlast_jeugd"}, *ar1[1] = {"RE01"};
        tb_report_select sel = {.nthemes = 1, .themes = th1, .nareas = 1, .areas = ar1};
        tb_report_plan *p1 = NULL;
        assert_int_equal(tb_report_plan_select(s, regions, indicators, TB_LANG_NL, &sel,
                                               &p1, warn, &err), TB_OK);
        assert_int_equal(tb_report_plan_size(p1), 1);
        const tb_report_theme *t1 = tb_report_plan_themes(p1);
        assert_string_equal(t1[0].id, "overlast_jeugd_RE01");
        assert_string_equal(t1[0].area, "Noord-Nederland");
        assert_int_equal(t1[0].nregions, 3); /* the three provinces */
        tb_report_plan_free(p1);
        /* a district compares its gemeenten; by name, any case */
        const char *th2[1] = {"Woninginbraak"}, *ar2[1] = {"twente"};
        sel = (tb_report_select){.nthemes = 1, .themes = th2, .nareas = 1, .areas = ar2};
        assert_int_equal(tb_report_plan_select(s, regions, indicators, TB_LANG_NL, &sel,
                                               &p1, warn, &err), TB_OK);
        assert_int_equal(tb_report_plan_size(p1), 1);
        t1 = tb_report_plan_themes(p1);
        assert_string_equal(t1[0].id, "woninginbraak_TWN");
        assert_string_equal(t1[0].title, "Woninginbraak, Twente");
        assert_string_equal(t1[0].units, "gemeenten");
        assert_int_equal(t1[0].nregions, 14); /* the 14 gemeenten of Twente */
        assert_int_equal(t1[0].total, 1);
        assert_null(tb_report_plan_missing(p1));
        tb_report_plan_free(p1);
        /* a chosen theme without series for the areas is listed */
        const char *th3[1] = {"totaal"};
        sel = (tb_report_select){.nthemes = 1, .themes = th3, .nareas = 1, .areas = ar2};
        assert_int_equal(tb_report_plan_select(s, regions, indicators, TB_LANG_NL, &sel,
                                               &p1, warn, &err), TB_OK);
        assert_int_equal(tb_report_plan_size(p1), 0);
        assert_string_equal(tb_report_plan_missing(p1),
                            "Totaal misdrijven: geen reeks voor de gekozen regio's\n");
        tb_report_plan_free(p1);
        const char *ar4[1] = {"Atlantis"};
        sel = (tb_report_select){.nareas = 1, .areas = ar4};
        assert_int_equal(tb_report_plan_select(s, regions, indicators, TB_LANG_NL, &sel,
                                               &p1, warn, &err), TB_EINVAL);
        assert_null(p1);
        assert_string_equal(err.msg, "region 'Atlantis' is not in the region list; "
                                     "expected a code or name from it");
        const char *th5[1] = {"fietsen"};
        sel = (tb_report_select){.nthemes = 1, .themes = th5};
        assert_int_equal(tb_report_plan_select(s, regions, indicators, TB_LANG_NL, &sel,
                                               &p1, warn, &err), TB_EINVAL);
        assert_string_equal(err.msg, "theme 'fietsen' is unknown; expected some of "
                                     "woninginbraak, hic, geweld, mishandeling, "
                                     "overlast_jeugd, totaal");
        assert_true(tb_report_theme_known("HIC"));
        assert_false(tb_report_theme_known(NULL));
    }

    char dir[] = "/tmp/tb_report_XXXXXX";
    assert_non_null(mkdtemp(dir));
    tb_report_options o;
    tb_report_options_init(&o);
    o.out_dir = dir;
    o.regions = regions;
    o.indicators = indicators;
    char gp[4096];
    o.render = tb_plot_gnuplot_found(gp, sizeof gp);
    tb_report_summary sum;
    tb_status rc = tb_report_write(s, th, nt, NULL, 0, &o, &sum, warn, &err);
    if (rc)
        print_error("%s\n", err.msg);
    assert_int_equal(rc, TB_OK);
    assert_int_equal(sum.tables, (int)nt);

    char p[600];
    snprintf(p, sizeof p, "%s/results.json", dir);
    json_error_t je;
    json_t *root = json_load_file(p, 0, &je);
    assert_non_null(root);
    json_t *themes = json_object_get(root, "themes");
    assert_int_equal(json_array_size(themes), nt);
    size_t i;
    json_t *t;
    int claims = 0;
    json_array_foreach(themes, i, t) claims += claims_match_tables(t);
    print_message("%zu sections, %d claims checked against their tables\n", nt, claims);
    assert_true(claims > 100);
    /* the seed's sentence, now from the shipped files */
    int found = 0;
    json_array_foreach(themes, i, t)
    {
        if (strcmp(json_string_value(json_object_get(t, "id")), "overlast_jeugd_re01"))
            continue;
        const char *txt =
            json_string_value(json_object_get(json_object_get(t, "text"), "sentences"));
        assert_non_null(strstr(txt, "daalde van 8.614 in 2008 naar 7.177 in 2011"));
        assert_non_null(strstr(txt, "Fryslân wijkt af: daar steeg het aantal in 2011 "
                                    "met 10,0% (van 2.665 naar 2.931)"));
        found = 1;
    }
    assert_true(found);
    json_decref(root);

    if (o.render) {
        DIR *d = opendir(dir);
        struct dirent *e;
        int scripts = 0;
        while ((e = readdir(d))) {
            size_t l = strlen(e->d_name);
            if (l < 4 || strcmp(e->d_name + l - 3, ".gp"))
                continue;
            char *msg = NULL;
            assert_int_equal(tb_plot_render(dir, e->d_name, &msg, &err), TB_OK);
            if (*msg)
                print_error("%s: %s\n", e->d_name, msg);
            assert_string_equal(msg, "");
            free(msg);
            scripts++;
        }
        closedir(d);
        assert_int_equal(scripts, sum.scripts);
    }
    tb_report_plan_free(plan);
    tb_diag_free(warn);
    tb_store_free(s);
    tb_codelist_free(regions);
    tb_codelist_free(indicators);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_sentences_nl),
        cmocka_unit_test(test_seed_sentences_en),
        cmocka_unit_test(test_provisional_and_flat),
        cmocka_unit_test(test_many_regions),
        cmocka_unit_test(test_many_regions_provisional),
        cmocka_unit_test(test_one_region_with_the_total),
        cmocka_unit_test(test_zero_and_small_counts),
        cmocka_unit_test(test_file_stem),
        cmocka_unit_test(test_measure_label),
        cmocka_unit_test(test_manifest),
        cmocka_unit_test(test_report_folder),
        cmocka_unit_test(test_wide_tables),
        cmocka_unit_test(test_shipped_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* The annex report's sentences: the seed's Noord-Nederland figures,
 * provisional years, many regions, small counts, and every number in the
 * text against the claims it came from; measure labels.  The report
 * folder is tested in test_report_folder.c. */
#include "tb_report_test.h"

#include <string.h>

#include "trendbeeld/measure.h"
#include "trendbeeld/report.h"

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
        cmocka_unit_test(test_measure_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Theil-Sen slope and Mann-Kendall test against the reference set (R's
 * median, cor.test(method = "kendall", exact = FALSE, continuity = TRUE),
 * MK written out by hand), plus exact p-values and slope intervals
 * worked out by hand. */
#include "tb_test.h"

#include <string.h>

#include "trendbeeld/models.h"

#include "tb_reference.h"

/* ---- tests ---- */

static void test_reference(void **state)
{
    (void)state;
    int fails = 0;
    for (size_t s = 0; s < nrefs; s++) {
        const ref_series *x = &refs[s];
        tb_fit *f = NULL;
        tb_error err;
        assert_int_equal(tb_model_fit(TB_MODEL_THEILSEN, x->year, x->y, x->n, NULL, &f, &err),
                         TB_OK);
        const tb_trend_test *tt = f->trend;
        assert_non_null(tt);
        double atol = 1e-9 * (fabs(x->y[0]) + 1);
        fails += check(x->id, "sen.slope", tt->sen_slope, 1e-9, atol);
        fails += check(x->id, "sen.intercept_resid", tt->intercept_resid, 1e-9, atol);
        fails += check(x->id, "sen.intercept_conover", tt->intercept_conover, 1e-9, atol);
        fails += check(x->id, "mk.s", tt->S, 0, 0);
        fails += check(x->id, "mk.var_s", tt->var_S, 1e-12, 0);
        fails += check(x->id, "mk.z", tt->z, 1e-9, 1e-12);
        fails += check(x->id, "mk.p", tt->p, 1e-9, 1e-15);
        fails += check(x->id, "mk.tau_b", tt->tau_b, 1e-9, 1e-12);
        fails += check(x->id, "mk.tau_a", tt->tau_a, 1e-9, 1e-12);
        fails += check(x->id, "mk.n_tie_groups", tt->n_tie_groups, 0, 0);
        /* the fit's line is the Sen line with the residual intercept */
        assert_exact(f->slope, tt->sen_slope);
        assert_exact(f->intercept, tt->intercept_resid);
        assert_close(f->forecast[0].mean,
                     tt->intercept_resid + tt->sen_slope * (f->last_year + 1 - f->first_year),
                     1e-12);
        assert_true(isnan(f->forecast[0].lo95));
        assert_true(isnan(tb_fit_prob_le(f, f->last_year + 1, 0)));
        /* exact p only for n <= 10 without ties */
        assert_true(isnan(tt->p_exact) == (x->n > 10 || tt->n_tie_groups > 0));
        tb_fit_free(f);
    }
    assert_int_equal(fails, 0);
    assert_all_used("sen.");
    assert_all_used("mk.");
}

/* Noord-Nederland overlast jeugd, Groningen 2008-2011 (seed 000), falls
 * every year: S = -6 = -n0, tau = -1.  Exact: only the fully reversed
 * order of 4! = 24 gives S = -6 and only the identity S = +6, so
 * p_exact = 2/24 = 0.0833 > 0.05: not significant, and the engine says
 * that no series of 4 years can be. */
static void test_four_years_cannot_be_significant(void **state)
{
    (void)state;
    const ref_series *g = NULL;
    for (size_t s = 0; s < nrefs; s++)
        if (!strcmp(refs[s].id, "noord_overlast_jeugd_groningen"))
            g = &refs[s];
    assert_non_null(g);
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_THEILSEN, g->year, g->y, g->n, NULL, &f, &err), TB_OK);
    assert_exact(f->trend->S, -6);
    assert_close(f->trend->p_exact, 2.0 / 24, 1e-15);
    int said = 0;
    for (size_t i = 0; i < f->nwarnings; i++)
        said |= strstr(f->warnings[i], "no result can be significant at 5%") &&
                strstr(f->warnings[i], "0.083");
    assert_true(said);
    /* N = 6 slopes, Var S = 4*3*13/18 = 8.667, C = 1.96*2.944 = 5.77:
     * M1 = 0.115 < 1: no interval */
    assert_true(isnan(f->trend->sen_lo95));
    tb_fit_free(f);
}

/* n = 5, y = 1,2,3,5,4: one inversion, S = 10 - 2 = 8.  Permutations of
 * 5 with at most 1 inversion: 1 + 4 = 5 of 120, so
 * p_exact = 2 * 5/120 = 0.08333.  Slopes sorted: -1, 0.5, 2/3, 0.75,
 * 1, 1, 1, 4/3, 1.5, 2: median 1.  n = 3, y = 5, 6, 7: p_exact = 2/6. */
static void test_exact_small(void **state)
{
    (void)state;
    int year[] = {2001, 2002, 2003, 2004, 2005};
    double y[] = {1, 2, 3, 5, 4};
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_THEILSEN, year, y, 5, NULL, &f, &err), TB_OK);
    assert_exact(f->trend->S, 8);
    assert_close(f->trend->p_exact, 10.0 / 120, 1e-15);
    assert_exact(f->trend->sen_slope, 1);
    tb_fit_free(f);
    double y3[] = {5, 6, 7};
    assert_int_equal(tb_model_fit(TB_MODEL_THEILSEN, year, y3, 3, NULL, &f, &err), TB_OK);
    assert_close(f->trend->p_exact, 2.0 / 6, 1e-15);
    tb_fit_free(f);
    assert_int_equal(tb_model_fit(TB_MODEL_THEILSEN, year, y3, 1, NULL, &f, &err), TB_EMODEL);
}

/* n = 8, y = 12,15,11,18,20,17,24,23.  The 28 slopes sorted:
 * -4 -3 -1 -.5 -.5 .5 1 1 1.25 1.333 1.5 1.571 1.667 1.8 2 2 2 2 2 2 2
 * 2.4 3 3 3.25 4.5 7 7; median = (1.8 + 2)/2 = 1.9.  S = 18.
 * Var S = 8*7*21/18 = 65.333, C = 1.959964 * 8.0829 = 15.8422,
 * M1 = (28 - C)/2 = 6.0789: d6 + 0.0789 (d7 - d6) = 0.5 + 0.0789*0.5
 * = 0.53945; M2 + 1 = 22.9211: d22 + 0.9211 (d23 - d22) = 2.4 + 0.9211*0.6
 * = 2.95266.  Exact p: permutations of 8 with at most (28 - 18)/2 = 5
 * inversions: 1 + 7 + 27 + 76 + 174 + 343 = 628, p = 2*628/40320. */
static void test_interval_and_exact_by_hand(void **state)
{
    (void)state;
    int year[] = {2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017};
    double y[] = {12, 15, 11, 18, 20, 17, 24, 23};
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_THEILSEN, year, y, 8, NULL, &f, &err), TB_OK);
    assert_close(f->trend->sen_slope, 1.9, 1e-15);
    assert_exact(f->trend->S, 18);
    assert_close(f->trend->var_S, 196.0 / 3, 1e-15);
    assert_close(f->trend->sen_lo95, 0.5394499307333995, 1e-12);
    assert_close(f->trend->sen_hi95, 2.952660083119921, 1e-12);
    assert_close(f->trend->p_exact, 2 * 628.0 / 40320, 1e-15);
    assert_close(f->trend->p_exact, 0.03115079365079365, 1e-14);
    tb_fit_free(f);
}

/* Noord-Nederland overlast jeugd 2008-2011 per province (seed 000).
 * Groningen 3207 2976 2588 2275 and Drenthe 2476 2267 2261 1971 fall
 * every year: S = -6, p_exact = 2/24.  Fryslan 2931 2637 2665 2931 has
 * one tie (2931 twice): S = -1 - 1 + 0 + 1 + 1 + 1 = 1,
 * Var S = (4*3*13 - 2*1*9)/18 = 138/18 = 7.667, no exact p; its Sen
 * slope is the median of -294, -133, 0, 28, 147, 266 = (0 + 28)/2 = 14. */
static void test_noord_provinces(void **state)
{
    (void)state;
    const char *ids[3] = {"noord_overlast_jeugd_groningen", "noord_overlast_jeugd_drenthe",
                          "noord_overlast_jeugd_fryslan"};
    for (int k = 0; k < 3; k++) {
        const ref_series *g = NULL;
        for (size_t s = 0; s < nrefs; s++)
            if (!strcmp(refs[s].id, ids[k]))
                g = &refs[s];
        assert_non_null(g);
        tb_fit *f = NULL;
        tb_error err;
        assert_int_equal(tb_model_fit(TB_MODEL_THEILSEN, g->year, g->y, g->n, NULL, &f, &err),
                         TB_OK);
        if (k < 2) {
            assert_exact(f->trend->S, -6);
            assert_close(f->trend->p_exact, 1.0 / 12, 1e-15);
            assert_exact(f->trend->tau_b, -1);
        } else {
            assert_exact(f->trend->S, 1);
            assert_close(f->trend->var_S, 138.0 / 18, 1e-15);
            assert_true(isnan(f->trend->p_exact));
            assert_int_equal(f->trend->n_tie_groups, 1);
            assert_exact(f->trend->sen_slope, 14);
            int said = 0;
            for (size_t i = 0; i < f->nwarnings; i++)
                said |= strstr(f->warnings[i], "equal values") != NULL;
            assert_true(said);
        }
        tb_fit_free(f);
    }
}

/* Real counts: woninginbraak (1.1.1) Gelderland + Overijssel (= Oost-
 * Nederland, RE02), 2012-2018, from the luc4sdreyer-dutch-demographics
 * export as listed in tests/reference/real/SOURCES.md: 15485 14758 10841
 * 9311 9534 7405 6083.  Only 2015 -> 2016 rises: 1 concordant and 20
 * discordant pairs, S = -19, Var S = 7*6*19/18 = 44.333,
 * z = -18/sqrt(44.333) = -2.70338, p = 0.0068638.  Exact: permutations
 * of 7 with at most 1 inversion: 1 + 6 = 7 of 5040, p = 14/5040.
 * The 21 slopes sorted: -3917 -2723.5 -2322 -2129 -2058 -1838.25
 * -1741.33 -1735 -1725.5 -1616 -1567 ...; median (11th) = -1567.
 * C = 1.95996 * 6.6583 = 13.050, M1 = 3.975: -2322 + 0.975 (-2129 + 2322)
 * = -2133.83; M2 + 1 = 18.025: -953 + 0.025 (-727 + 953) = -947.34. */
static void test_real_oost_woninginbraak(void **state)
{
    (void)state;
    int year[] = {2012, 2013, 2014, 2015, 2016, 2017, 2018};
    double y[] = {15485, 14758, 10841, 9311, 9534, 7405, 6083};
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_THEILSEN, year, y, 7, NULL, &f, &err), TB_OK);
    assert_exact(f->trend->S, -19);
    assert_close(f->trend->var_S, 133.0 / 3, 1e-15);
    assert_close(f->trend->z, -2.7033813413374976, 1e-12);
    assert_close(f->trend->p, 0.00686379498544909, 1e-9);
    assert_close(f->trend->p_exact, 14.0 / 5040, 1e-15);
    assert_exact(f->trend->sen_slope, -1567);
    assert_close(f->trend->sen_lo95, -2133.8330393638503, 1e-12);
    assert_close(f->trend->sen_hi95, -947.3405860298951, 1e-12);
    /* intercept: median of y - b t = 15485 (the 2012 value itself) */
    assert_exact(f->trend->intercept_resid, 15485);
    tb_fit_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference),
        cmocka_unit_test(test_four_years_cannot_be_significant),
        cmocka_unit_test(test_exact_small),
        cmocka_unit_test(test_interval_and_exact_by_hand),
        cmocka_unit_test(test_noord_provinces),
        cmocka_unit_test(test_real_oost_woninginbraak),
    };
    return cmocka_run_group_tests(tests, load_reference, free_reference);
}

/* Series store: interning, put/find, conflicts, sorting, missing years. */
#include "tb_test.h"

#include "trendbeeld/store.h"

static void test_put_and_find(void **state)
{
    (void)state;
    tb_store *s = tb_store_new();
    assert_int_equal(tb_store_put(s, "RE02", "1.1.1", "aangiften", 2013, 14758, 0,
                                  "politie", NULL, NULL, NULL), TB_OK);
    assert_int_equal(tb_store_put(s, "RE02", "1.1.1", "aangiften", 2011, 13100,
                                  TB_FLAG_APPROX, "seed", ">13.000", NULL, NULL), TB_OK);
    tb_series *x = tb_store_find(s, "RE02", "1.1.1", "aangiften");
    assert_non_null(x);
    assert_int_equal(x->first_year, 2011);
    assert_int_equal(x->n, 3);
    /* 2012 was never given: missing, not zero */
    assert_true(isnan(tb_series_get(x, 2012)));
    assert_true(tb_series_flags(x, 2012) & TB_FLAG_MISSING);
    assert_true(tb_series_flags(x, 2011) & TB_FLAG_APPROX);
    assert_string_equal(x->note[0], ">13.000");
    assert_exact(tb_series_get(x, 2013), 14758);
    int years[3];
    double v[3];
    assert_int_equal(tb_series_observed(x, years, v), 2);
    assert_int_equal(years[1], 2013);
    assert_null(tb_store_find(s, "RE01", "1.1.1", "aangiften"));
    assert_null(tb_store_find(s, "never-seen", "1.1.1", "aangiften"));
    tb_store_free(s);
}

static void test_conflict_and_repeat(void **state)
{
    (void)state;
    tb_store *s = tb_store_new();
    double prev = 0;
    int dup = 0;
    assert_int_equal(tb_store_put(s, "A", "i", "m", 2020, 5, 0, NULL, NULL, NULL, &dup), TB_OK);
    assert_int_equal(dup, 0);
    assert_int_equal(tb_store_put(s, "A", "i", "m", 2020, 5, 0, NULL, NULL, NULL, &dup), TB_OK);
    assert_int_equal(dup, 1);
    assert_int_equal(tb_store_put(s, "A", "i", "m", 2020, 7, 0, NULL, NULL, &prev, NULL), TB_EDATA);
    assert_exact(prev, 5);
    assert_exact(tb_series_get(tb_store_find(s, "A", "i", "m"), 2020), 5);
    assert_int_equal(tb_store_put(s, "A", "i", "m", 1899, 1, 0, NULL, NULL, NULL, NULL), TB_EINVAL);
    tb_store_free(s);
}

/* A series widened on both sides, inside and beyond its buffers: the
 * years given keep their values, flags and notes, every year between is
 * missing. */
static void test_widen_both_ways(void **state)
{
    (void)state;
    tb_store *s = tb_store_new();
    const int years[] = {2010, 2012, 2030, 1990, 2031, 1989, 2060};
    const int n = sizeof years / sizeof *years;
    for (int k = 0; k < n; k++)
        assert_int_equal(tb_store_put(s, "GM0363", "1.1.1", "aangiften", years[k], 100 + k,
                                      TB_FLAG_PROVISIONAL, NULL, k == 1 ? "herzien" : NULL,
                                      NULL, NULL),
                         TB_OK);
    tb_series *x = tb_store_find(s, "GM0363", "1.1.1", "aangiften");
    assert_int_equal(x->first_year, 1989);
    assert_int_equal(x->n, 2060 - 1989 + 1);
    int given = 0;
    for (int y = 1989; y <= 2060; y++) {
        int k = 0;
        while (k < n && years[k] != y)
            k++;
        if (k < n) {
            given++;
            assert_exact(tb_series_get(x, y), 100 + k);
            assert_int_equal(tb_series_flags(x, y), TB_FLAG_PROVISIONAL);
        } else {
            assert_true(isnan(tb_series_get(x, y)));
            assert_int_equal(tb_series_flags(x, y), TB_FLAG_MISSING);
        }
        if (y == 2012)
            assert_string_equal(x->note[y - x->first_year], "herzien");
        else
            assert_null(x->note[y - x->first_year]);
    }
    assert_int_equal(given, n);
    tb_store_free(s);
}

static void test_many_series_sorted(void **state)
{
    (void)state;
    tb_store *s = tb_store_new();
    char region[32];
    for (int k = 5000; k-- > 0;) {
        snprintf(region, sizeof region, "GM%04d", k);
        assert_int_equal(tb_store_put(s, region, "1.1.1", "aangiften", 2012 + k % 7, k, 0,
                                      NULL, NULL, NULL, NULL), TB_OK);
    }
    assert_int_equal(tb_store_size(s), 5000);
    tb_store_sort(s);
    assert_string_equal(tb_store_at(s, 0)->region, "GM0000");
    assert_string_equal(tb_store_at(s, 4999)->region, "GM4999");
    tb_series *x = tb_store_find(s, "GM1234", "1.1.1", "aangiften");
    assert_non_null(x);
    assert_exact(tb_series_get(x, 2012 + 1234 % 7), 1234);
    assert_ptr_equal(tb_store_intern(s, "GM1234"), x->region);
    tb_store_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_and_find),
        cmocka_unit_test(test_conflict_and_repeat),
        cmocka_unit_test(test_widen_both_ways),
        cmocka_unit_test(test_many_series_sorted),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}

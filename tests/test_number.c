/* The notation rule for numbers (number.h), value by value and file by
 * file, with the seed's own notation ("12.111 inbraken", "7,5"). */
#include "tb_test.h"

#include <string.h>

#include "trendbeeld/number.h"

static void test_shapes(void **state)
{
    (void)state;
    static const struct { const char *text; tb_number_shape shape; } c[] = {
        {"645", TB_SHAPE_PLAIN},        {"  -5 ", TB_SHAPE_PLAIN},
        {"1e3", TB_SHAPE_PLAIN},        {"25.6", TB_SHAPE_POINT},
        {"0.368", TB_SHAPE_POINT},      /* no group starts with 0 */
        {"1,234.5", TB_SHAPE_POINT},    {"1,234,567", TB_SHAPE_POINT},
        {"1.5e+06", TB_SHAPE_POINT},    {"7,5", TB_SHAPE_COMMA},
        {"1.234,5", TB_SHAPE_COMMA},    {"1.234.567", TB_SHAPE_COMMA},
        {"12.111", TB_SHAPE_EITHER},    {"1,368", TB_SHAPE_EITHER},
        {"-1.368", TB_SHAPE_EITHER},    {"12.1111", TB_SHAPE_POINT},
        {"1.23.456", TB_SHAPE_NONE},    {"12x", TB_SHAPE_NONE},
        {"", TB_SHAPE_NONE},            {"1,0,5", TB_SHAPE_NONE},
        {"1.234,567.8", TB_SHAPE_NONE},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++)
        if (tb_number_shape_of(c[i].text) != c[i].shape)
            fail_msg("'%s': shape %d, expected %d", c[i].text,
                     tb_number_shape_of(c[i].text), c[i].shape);
    double v;
    assert_true(tb_number_parse("12.111", TB_DECIMAL_COMMA, &v));
    assert_exact(v, 12111);
    assert_true(tb_number_parse("12.111", TB_DECIMAL_POINT, &v));
    assert_exact(v, 12.111);
    assert_false(tb_number_parse("12.111", TB_DECIMAL_AUTO, &v));
    assert_true(tb_number_parse("1.234.567,5", TB_DECIMAL_COMMA, &v));
    assert_exact(v, 1234567.5);
    assert_false(tb_number_parse("7,5", TB_DECIMAL_POINT, &v));
    assert_int_equal(tb_decimal_parse("comma"), TB_DECIMAL_COMMA);
    assert_int_equal(tb_decimal_parse("point"), TB_DECIMAL_POINT);
    assert_int_equal(tb_decimal_parse("komma"), -1);
}

/* Read TEXTS in order (COUNT for each), as a file of DELIM would. */
static tb_num_result read_all(tb_notation *n, const char *const *texts, const int *count,
                              size_t k, double *v, char *msg)
{
    tb_num_result r = TB_NUM_OK;
    for (size_t i = 0; i < k && r == TB_NUM_OK; i++)
        r = tb_notation_read(n, texts[i], count[i], (long)i + 2, &v[i], msg, 400);
    return r;
}

static void test_file_rule(void **state)
{
    (void)state;
    tb_notation n;
    double v[4];
    char msg[400] = "";

    /* a count: "12.111" is 12111 (the seed: "maximaal 12.111 inbraken") */
    const char *seed[] = {"12.111", "14.903", "9,5"};
    const int seed_count[] = {1, 1, 0};
    tb_notation_init(&n, TB_DECIMAL_AUTO, ',');
    assert_int_equal(read_all(&n, seed, seed_count, 3, v, msg), TB_NUM_OK);
    assert_exact(v[0], 12111);
    assert_exact(v[1], 14903);
    assert_exact(v[2], 9.5);
    assert_int_equal(n.decimal, TB_DECIMAL_COMMA);

    /* a ';' file (a Dutch spreadsheet): '.' groups thousands in a rate too */
    const char *rate[] = {"1.368"};
    const int no[] = {0, 0, 0, 0};
    tb_notation_init(&n, TB_DECIMAL_AUTO, ';');
    assert_int_equal(read_all(&n, rate, no, 1, v, msg), TB_NUM_OK);
    assert_exact(v[0], 1368);
    assert_int_equal(n.by_guess, 1);
    /* ... and a decimal point after it is an error that says why */
    const char *then_point[] = {"1.368", "25.6"};
    tb_notation_init(&n, TB_DECIMAL_AUTO, ';');
    assert_int_equal(read_all(&n, then_point, no, 2, v, msg), TB_NUM_CONFLICT);
    assert_string_equal(msg, "this value has decimal points, but '1.368' on line 2 was "
                             "read with '.' grouping thousands; expected one notation in "
                             "a file (or --decimal comma|point to settle it)");

    /* a ',' file with a rate that reads two ways: no guess */
    tb_notation_init(&n, TB_DECIMAL_AUTO, ',');
    assert_int_equal(read_all(&n, rate, no, 1, v, msg), TB_NUM_AMBIGUOUS);
    assert_string_equal(msg, "this value reads as 1368 ('.' grouping thousands) or as "
                             "1.368 (a decimal '.'), and the file shows neither notation "
                             "before it; expected --decimal comma or --decimal point to "
                             "settle it");
    /* ... settled by --decimal, or by a value the sample shows */
    tb_notation_init(&n, TB_DECIMAL_POINT, ',');
    assert_int_equal(read_all(&n, rate, no, 1, v, msg), TB_NUM_OK);
    assert_exact(v[0], 1.368);
    tb_notation_init(&n, TB_DECIMAL_AUTO, ',');
    tb_notation_sample(&n, "25.6", 9);
    assert_int_equal(read_all(&n, rate, no, 1, v, msg), TB_NUM_OK);
    assert_exact(v[0], 1.368);
    /* a given notation refuses the other one's values */
    const char *comma[] = {"7,5"};
    tb_notation_init(&n, TB_DECIMAL_POINT, ';');
    assert_int_equal(read_all(&n, comma, no, 1, v, msg), TB_NUM_NOT_NUMBER);

    /* decimal points shown, then a count that would be a fraction */
    const char *mixed[] = {"25.6", "1.368"};
    const int mixed_count[] = {0, 1};
    tb_notation_init(&n, TB_DECIMAL_AUTO, ',');
    assert_int_equal(read_all(&n, mixed, mixed_count, 2, v, msg), TB_NUM_CONFLICT);
    assert_string_equal(msg, "a count has no fractions, but in a file with decimal points "
                             "this reads 1.368; expected 1368 written without separators "
                             "(or --decimal comma if the file groups thousands with '.')");

    /* a sample showing both leaves it to the values: the later one fails */
    const char *both[] = {"7,5", "25.6"};
    tb_notation_init(&n, TB_DECIMAL_AUTO, ';');
    tb_notation_sample(&n, "7,5", 2);
    tb_notation_sample(&n, "25.6", 3);
    assert_int_equal(n.decimal, TB_DECIMAL_AUTO);
    assert_int_equal(read_all(&n, both, no, 2, v, msg), TB_NUM_CONFLICT);
    assert_string_equal(msg, "this value has decimal points, but '7,5' on line 2 has "
                             "decimal commas; expected one notation in a file (or "
                             "--decimal comma|point to settle it)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_file_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

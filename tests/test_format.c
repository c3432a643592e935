/* Number notation: Dutch and English for readers, C for machines. */
#include "tb_test.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "trendbeeld/format.h"

#define MINUS TB_FMT_MINUS

static void test_counts(void **state)
{
    (void)state;
    char b[64];
    /* The 2018 target of the Oost-Nederland strategy: max 12.111 */
    tb_fmt_int(b, sizeof b, 12111, TB_LANG_NL);
    assert_string_equal(b, "12.111");
    tb_fmt_int(b, sizeof b, 12111, TB_LANG_EN);
    assert_string_equal(b, "12,111");
    /* 1234567.5 rounds half away from zero to 1234568 */
    tb_fmt_int(b, sizeof b, 1234567.5, TB_LANG_NL);
    assert_string_equal(b, "1.234.568");
    tb_fmt_int(b, sizeof b, 2.5, TB_LANG_NL);
    assert_string_equal(b, "3");
    tb_fmt_int(b, sizeof b, -2.5, TB_LANG_NL);
    assert_string_equal(b, MINUS "3");
    tb_fmt_int(b, sizeof b, 999, TB_LANG_NL);
    assert_string_equal(b, "999");
    tb_fmt_int(b, sizeof b, 1000, TB_LANG_NL);
    assert_string_equal(b, "1.000");
    tb_fmt_int(b, sizeof b, 0, TB_LANG_NL);
    assert_string_equal(b, "0");
    /* -0.4 rounds to 0: no sign in front of a zero */
    tb_fmt_int(b, sizeof b, -0.4, TB_LANG_NL);
    assert_string_equal(b, "0");
    tb_fmt_int(b, sizeof b, -14903, TB_LANG_NL);
    assert_string_equal(b, MINUS "14.903");
    tb_fmt_int(b, sizeof b, NAN, TB_LANG_NL);
    assert_string_equal(b, TB_FMT_MISSING);
}

static void test_decimals(void **state)
{
    (void)state;
    char b[64];
    tb_fmt_num(b, sizeof b, 1234.5, 1, TB_LANG_NL);
    assert_string_equal(b, "1.234,5");
    tb_fmt_num(b, sizeof b, 1234.5, 1, TB_LANG_EN);
    assert_string_equal(b, "1,234.5");
    tb_fmt_num(b, sizeof b, 0.05, 2, TB_LANG_NL);
    assert_string_equal(b, "0,05");
    tb_fmt_num(b, sizeof b, 0.004, 2, TB_LANG_NL);
    assert_string_equal(b, "0,00");
    /* rate per 1.000: 3207 / 582649 * 1000 = 5.5042... */
    tb_fmt_num(b, sizeof b, 3207.0 / 582649.0 * 1000.0, 1, TB_LANG_NL);
    assert_string_equal(b, "5,5");
    /* 0.95^5 = 0.7737809375; x 14903 = 11531.6573... */
    tb_fmt_num(b, sizeof b, 14903 * pow(0.95, 5), 2, TB_LANG_NL);
    assert_string_equal(b, "11.531,66");
}

static void test_percentages(void **state)
{
    (void)state;
    char b[64];
    tb_fmt_frac_pct(b, sizeof b, 0.047, 1, TB_LANG_NL);
    assert_string_equal(b, "4,7%");
    tb_fmt_pct(b, sizeof b, -26.5, 1, TB_LANG_NL);
    assert_string_equal(b, MINUS "26,5%");
    tb_fmt_pct(b, sizeof b, -26.5, 1, TB_LANG_EN);
    assert_string_equal(b, MINUS "26.5%");
    /* Fryslan overlast jeugd 2011 vs 2010: 2931/2665 - 1 = 0.0998124 */
    tb_fmt_change_pct(b, sizeof b, (2931.0 / 2665.0 - 1) * 100, 1, TB_LANG_NL);
    assert_string_equal(b, "+10,0%");
    tb_fmt_change_pct(b, sizeof b, -26.5, 1, TB_LANG_NL);
    assert_string_equal(b, MINUS "26,5%");
    tb_fmt_change_pct(b, sizeof b, 0.04, 1, TB_LANG_NL);
    assert_string_equal(b, "0,0%");
    tb_fmt_change_pct(b, sizeof b, NAN, 1, TB_LANG_NL);
    assert_string_equal(b, TB_FMT_MISSING);
}

static void test_truncation(void **state)
{
    (void)state;
    char b[5];
    size_t k = tb_fmt_int(b, sizeof b, 1234567, TB_LANG_NL);
    assert_int_equal(k, strlen("1.234.567"));
    assert_string_equal(b, "1.23");
    char z[1] = {'x'};
    assert_int_equal(tb_fmt_int(z, 0, 5, TB_LANG_NL), 1);
    assert_int_equal(z[0], 'x');
}

static void test_c_notation(void **state)
{
    (void)state;
    char b[64];
    tb_fmt_c(b, sizeof b, 12.31);
    assert_string_equal(b, "12.31");
    tb_fmt_c(b, sizeof b, 14903 * pow(0.95, 5));
    assert_string_equal(b, "11531.65731");
    tb_fmt_c(b, sizeof b, NAN);
    assert_string_equal(b, "NaN");
    tb_fmt_c(b, sizeof b, -0.5);
    assert_string_equal(b, "-0.5");
    tb_fmt_c(b, sizeof b, 1e20);
    assert_string_equal(b, "1e+20");
    tb_fmt_c(b, sizeof b, -INFINITY);
    assert_string_equal(b, "-Inf");
}

/* A Dutch numeric locale writes "12,31" with printf: tb_fmt_c must not.
 * The locale is compiled into a temporary folder (LOCPATH) so the test
 * does not depend on what the machine has installed. */
static void test_c_notation_in_dutch_locale(void **state)
{
    (void)state;
    char dir[] = "/tmp/tb_locale_XXXXXX";
    if (!mkdtemp(dir))
        skip();
    char cmd[256];
    snprintf(cmd, sizeof cmd,
             "localedef -i nl_NL -f UTF-8 %s/nl_NL.UTF-8 >/dev/null 2>&1", dir);
    if (system(cmd) != 0) {
        print_message("skipped: localedef cannot build nl_NL.UTF-8 here\n");
        skip();
    }
    setenv("LOCPATH", dir, 1);
    if (!setlocale(LC_NUMERIC, "nl_NL.UTF-8")) {
        print_message("skipped: nl_NL.UTF-8 cannot be selected\n");
        skip();
    }
    char b[64];
    snprintf(b, sizeof b, "%.10g", 12.31);
    assert_string_equal(b, "12,31"); /* the trap is real */
    tb_fmt_c(b, sizeof b, 12.31);
    assert_string_equal(b, "12.31");
    tb_fmt_c(b, sizeof b, -1.5e-7);
    assert_string_equal(b, "-1.5e-07");
    /* Reader notation does not depend on the locale either. */
    tb_fmt_num(b, sizeof b, 1234.5, 1, TB_LANG_EN);
    assert_string_equal(b, "1,234.5");
    setlocale(LC_NUMERIC, "C");
    unsetenv("LOCPATH");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_csv_field(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    /* plain text as is; comma, quote or line break quoted, '"' doubled */
    tb_csv_field(f, "Twente");
    fputc('|', f);
    tb_csv_field(f, "1.2.3 Diefstal van brom-, snor-, fietsen");
    fputc('|', f);
    tb_csv_field(f, "'s-Gravenhage \"Den Haag\"");
    fputc('|', f);
    tb_csv_field(f, "a\nb");
    fputc('|', f);
    tb_csv_field(f, NULL);
    fclose(f);
    assert_string_equal(buf, "Twente|\"1.2.3 Diefstal van brom-, snor-, fietsen\"|"
                             "\"'s-Gravenhage \"\"Den Haag\"\"\"|\"a\nb\"|");
    free(buf);
}

static void test_lang(void **state)
{
    (void)state;
    assert_int_equal(tb_lang_parse("nl"), TB_LANG_NL);
    assert_int_equal(tb_lang_parse("EN"), TB_LANG_EN);
    assert_int_equal(tb_lang_parse("de"), -1);
    assert_int_equal(tb_lang_parse(NULL), -1);
    assert_close(tb_fmt_round(26.45, 1), 26.5, 1e-12);
    assert_close(tb_fmt_round(-26.45, 1), -26.5, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_decimals),
        cmocka_unit_test(test_percentages),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_c_notation),
        cmocka_unit_test(test_c_notation_in_dutch_locale),
        cmocka_unit_test(test_lang),
        cmocka_unit_test(test_csv_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

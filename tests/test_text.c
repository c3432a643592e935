/* The text layer every reader uses: strict UTF-8, byte order marks, trim,
 * characters no field may hold. */
#include "tb_test.h"

#include <string.h>

#include "trendbeeld/text.h"
#include "utf8_table.h"

/* Every sequence of up to three bytes, and every four-byte one with the
 * first two bytes free and the last two at the edges of their range. */
static void test_decoder_against_table(void **state)
{
    (void)state;
    unsigned char s[4];
    unsigned cp;
    size_t disagree = 0;
    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++)
            for (unsigned c = 0; c < 256; c++) {
                s[0] = (unsigned char)a, s[1] = (unsigned char)b, s[2] = (unsigned char)c;
                disagree += tb_utf8_char((const char *)s, 3, &cp) != utf8_table_3_7(s, 3);
            }
    static const unsigned char edge[] = {0x00, 0x7F, 0x80, 0xBF, 0xC0, 0xFF};
    for (unsigned a = 0xF0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++)
            for (size_t c = 0; c < sizeof edge; c++)
                for (size_t d = 0; d < sizeof edge; d++) {
                    s[0] = (unsigned char)a, s[1] = (unsigned char)b;
                    s[2] = edge[c], s[3] = edge[d];
                    disagree += tb_utf8_char((const char *)s, 4, &cp) != utf8_table_3_7(s, 4);
                }
    assert_int_equal(disagree, 0);

    /* code points, and the forms the issue found passing */
    assert_int_equal(tb_utf8_char("\xC3\xA9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(tb_utf8_char("\xF0\x9F\x9A\x93", 4, &cp), 4);
    assert_int_equal(cp, 0x1F693);
    assert_int_equal(tb_utf8_char("\xED\xA0\x80", 3, &cp), 0);   /* U+D800 */
    assert_int_equal(tb_utf8_char("\xC0\x80", 2, &cp), 0);       /* overlong NUL */
    assert_int_equal(tb_utf8_char("\xC3\xA9", 1, &cp), 0);       /* cut off */
    assert_int_equal(tb_utf8_char("", 0, &cp), 0);
}

static void test_valid_prefix(void **state)
{
    (void)state;
    int cut;
    /* "Zwolle " + 'é' + "x": all of it */
    assert_int_equal(tb_utf8_valid("Zwolle \xC3\xA9x", 10, &cut), 10);
    assert_int_equal(cut, 0);
    /* a surrogate after nine ASCII bytes (past the 8-byte fast path) */
    assert_int_equal(tb_utf8_valid("ABCDEFGHI\xED\xA0\x80", 12, &cut), 9);
    assert_int_equal(cut, 0);
    /* a chunk that ends inside 'é' or inside U+1F693: carried over */
    assert_int_equal(tb_utf8_valid("ab\xC3", 3, &cut), 2);
    assert_int_equal(cut, 1);
    assert_int_equal(tb_utf8_valid("ab\xF0\x9F\x9A", 5, &cut), 2);
    assert_int_equal(cut, 1);
    /* ... but not a start that can never become a character */
    assert_int_equal(tb_utf8_valid("ab\xED\xA0", 4, &cut), 2);
    assert_int_equal(cut, 0);
    assert_int_equal(tb_utf8_valid("ab\xE0\x80", 4, &cut), 2);
    assert_int_equal(cut, 0);
    assert_int_equal(tb_utf8_valid("ab\xF4\x90", 4, &cut), 2);
    assert_int_equal(cut, 0);
    assert_int_equal(tb_utf8_valid("ab\x80", 3, NULL), 2);
}

static void test_byte_order_marks(void **state)
{
    (void)state;
    assert_int_equal(tb_text_boms("region", 6), 0);
    assert_int_equal(tb_text_boms("\xEF\xBB\xBFregion", 9), 3);
    assert_int_equal(tb_text_boms("\xEF\xBB\xBF\xEF\xBB\xBFregion", 12), 6);
    assert_int_equal(tb_text_boms("\xEF\xBB\xBF\xEF\xBB", 5), 3); /* a cut one stays */
    assert_int_equal(tb_text_boms("", 0), 0);
}

static void test_trim(void **state)
{
    (void)state;
    /* space, tab, U+00A0, U+3000 and U+200B around "Den Haag" */
    const char *s = " \t\xC2\xA0\xE3\x80\x80" "Den Haag" "\xE2\x80\x8B\r\n";
    size_t n = strlen(s);
    const char *t = tb_text_trim(s, &n);
    assert_int_equal(n, 8);
    assert_memory_equal(t, "Den Haag", 8);
    /* a byte order mark is not white space: it stays (and is refused) */
    s = "\xEF\xBB\xBF" "Delft";
    n = strlen(s);
    assert_ptr_equal(tb_text_trim(s, &n), s);
    assert_int_equal(n, 8);
    /* nothing but white space */
    s = "\xC2\xA0 ";
    n = 3;
    tb_text_trim(s, &n);
    assert_int_equal(n, 0);
    /* a stray byte is never trimmed, at either end */
    s = "\xA0x\xA0";
    n = 3;
    assert_ptr_equal(tb_text_trim(s, &n), s);
    assert_int_equal(n, 3);
}

static void test_bad_characters(void **state)
{
    (void)state;
    char what[80];
    const char *expect;
    /* fine: letters, accents, tab and line ends (quoted fields span lines) */
    const char *ok = "'s-Hertogenbosch\tSúdwest-Fryslân\r\n";
    assert_int_equal(tb_text_bad(ok, strlen(ok), what, sizeof what, &expect), strlen(ok));
    const char *ascii = "Noord-Holland Noord ~ 2013 [x] {y}";
    assert_int_equal(tb_text_bad(ascii, strlen(ascii), what, sizeof what, &expect),
                     strlen(ascii));
    /* every byte value alone: printable ASCII passes, the rest is named */
    for (int b = 0; b < 256; b++) {
        char one = (char)b;
        size_t want = (b >= 0x20 && b < 0x7F) || b == '\t' || b == '\n' || b == '\r';
        assert_int_equal(tb_text_bad(&one, 1, what, sizeof what, &expect), want);
    }

    static const struct { const char *s; size_t n, at; const char *what, *expect; } c[] = {
        {"Zwolle\0x", 8, 6, "a NUL byte", "text without control characters"},
        /* past the eight-byte fast path, and a DEL in its tail */
        {"Noord-Holland Noord\x01", 20, 19, "control character U+0001 (start of heading)",
         "text without control characters"},
        {"Noord-Holland No\x7f", 17, 16, "control character U+007F",
         "text without control characters"},
        {"A\x1b[31mB", 7, 1, "control character U+001B (escape)",
         "text without control characters"},
        {"A\x7f", 2, 1, "control character U+007F", "text without control characters"},
        {"\xC3\xA9\xC2\x85", 4, 2, "control character U+0085",
         "text without control characters"},
        {"Ab\xEF\xBB\xBF", 5, 2, "a byte order mark (U+FEFF)",
         "a byte order mark only at the start of the file"},
        {"A\xED\xA0\x80", 4, 1, "byte 0xED, which is not UTF-8", "UTF-8 text"},
        {"\xE9t\xE9", 3, 0, "byte 0xE9, which is not UTF-8", "UTF-8 text"},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        assert_int_equal(tb_text_bad(c[i].s, c[i].n, what, sizeof what, &expect), c[i].at);
        assert_string_equal(what, c[i].what);
        assert_string_equal(expect, c[i].expect);
    }
    /* character columns: "Súdwest" + ESC is at character 8, byte 9 */
    assert_int_equal(tb_text_column("S\xC3\xBA" "dwest\x1b", 8), 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decoder_against_table),
        cmocka_unit_test(test_valid_prefix),
        cmocka_unit_test(test_byte_order_marks),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_bad_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

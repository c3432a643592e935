/* libFuzzer harness for the gnuplot string quoting: whatever the label,
 * the result is one single-quoted literal with no control bytes, every
 * inner quote doubled, and it never overruns the buffer. */
#include "fuzz_common.h"

#include "trendbeeld/gnuplot.h"

static void check_literal(const char *q, size_t len)
{
    FUZZ_CHECK(len >= 2 && q[0] == '\'' && q[len - 1] == '\'');
    for (size_t i = 1; i + 1 < len; i++) {
        unsigned char ch = (unsigned char)q[i];
        FUZZ_CHECK(ch >= 0x20 && ch != 0x7f);
        if (ch == '\'') {
            /* an inner quote is always doubled */
            FUZZ_CHECK(i + 2 < len && q[i + 1] == '\'');
            i++;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    size_t need = tb_gp_quote(NULL, 0, s);
    char *q = malloc(need + 1);
    FUZZ_CHECK(q != NULL);
    size_t got = tb_gp_quote(q, need + 1, s);
    FUZZ_CHECK(got == need && strlen(q) == need);
    check_literal(q, need);
    /* a short buffer is cut but terminated, and the length is the same */
    char small[8];
    memset(small, 'Z', sizeof small);
    FUZZ_CHECK(tb_gp_quote(small, sizeof small, s) == need);
    FUZZ_CHECK(memchr(small, '\0', sizeof small) != NULL);
    size_t cl = tb_gp_comment(NULL, 0, s);
    char *c = malloc(cl + 1);
    FUZZ_CHECK(c != NULL);
    FUZZ_CHECK(tb_gp_comment(c, cl + 1, s) == cl && strlen(c) == cl);
    for (size_t i = 0; i < cl; i++)
        FUZZ_CHECK((unsigned char)c[i] >= 0x20 && c[i] != '\\' && c[i] != 0x7f);
    free(c);
    free(q);
    free(s);
    return 0;
}

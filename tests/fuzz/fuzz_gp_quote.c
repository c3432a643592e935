/* libFuzzer harness for the gnuplot string quoting.  The oracle is gnuplot
 * itself: the quoted label, printed by gnuplot, must come back byte for
 * byte and never run a command.  Besides: no backquote inside double
 * quotes, and the snprintf contract (length, cut, terminated). */
#include "fuzz_common.h"

#include <sys/stat.h>

#include "trendbeeld/gnuplot.h"

/* No backquote ever sits between double quotes (gnuplot would run it). */
static void check_no_command(const char *q)
{
    int single = 0, dbl = 0;
    for (const char *p = q; *p; p++) {
        if (*p == '\'' && !dbl)
            single = !single;
        else if (*p == '"' && !single)
            dbl = !dbl;
        else if (dbl)
            FUZZ_CHECK(*p != '`');
    }
    FUZZ_CHECK(!single && !dbl);
}

/* gnuplot prints the label; the output must be S and a newline. */
static void check_gnuplot_reads(const char *s, const char *q)
{
    static char dir[64];
    if (!*dir) {
        snprintf(dir, sizeof dir, "/tmp/fuzz_gp_XXXXXX");
        FUZZ_CHECK(mkdtemp(dir) != NULL);
    }
    char gp[128], out[128], cmd[512];
    snprintf(gp, sizeof gp, "%s/q.gp", dir);
    snprintf(out, sizeof out, "%s/q.out", dir);
    FILE *f = fopen(gp, "w");
    FUZZ_CHECK(f != NULL);
    fprintf(f, "set print '%s'\nprint %s\n", out, q);
    fclose(f);
    unlink(out);
    snprintf(cmd, sizeof cmd, "cd %s && gnuplot q.gp 2>/dev/null", dir);
    FUZZ_CHECK(system(cmd) == 0);
    f = fopen(out, "rb");
    FUZZ_CHECK(f != NULL);
    size_t n = strlen(s);
    char *got = malloc(n + 2);
    FUZZ_CHECK(got != NULL);
    size_t k = fread(got, 1, n + 2, f);
    fclose(f);
    FUZZ_CHECK(k == n + 1 && memcmp(got, s, n) == 0 && got[n] == '\n');
    free(got);
    /* nothing else appeared: no command ran in the folder */
    snprintf(cmd, sizeof cmd, "%s/pwned", dir);
    struct stat sb;
    FUZZ_CHECK(stat(cmd, &sb) != 0);
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
    FUZZ_CHECK(!memchr(q, '\n', need) && !memchr(q, '\r', need));
    check_no_command(q);
    check_gnuplot_reads(s, q);
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

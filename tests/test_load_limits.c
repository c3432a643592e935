/* Loader tests on hostile input and limits: numbers too large to hold,
 * fields, columns, names, rows and series at their limits, the encoding
 * rule, files that are no CSV file or still being written, and the
 * inputs the fuzzers found. */
#include "tb_load_test.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trendbeeld/load.h"

/* ---- hostile input and limits ------------------------------------------- */

static char scratch_dir[64];

static void scratch_cleanup(void)
{
    if (scratch_dir[0])
        rmdir(scratch_dir);
}

/* A scratch file under /tmp with the given bytes; its path in PATH. */
static void scratch(char *path, size_t n, const char *name, const void *data,
                    size_t len)
{
    char *dir = scratch_dir;
    if (!dir[0]) {
        snprintf(dir, sizeof scratch_dir, "/tmp/tb_test_load.XXXXXX");
        assert_non_null(mkdtemp(dir));
        atexit(scratch_cleanup);
    }
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void load_bytes(loaded *l, const char *name, const void *data, size_t len,
                       const tb_load_options *o)
{
    char path[256];
    scratch(path, sizeof path, name, data, len);
    load_with(l, path, o);
    unlink(path);
}

static void load_text(loaded *l, const char *name, const char *text,
                      const tb_load_options *o)
{
    load_bytes(l, name, text, strlen(text), o);
}

#define HDR "region,indicator,measure,year,value\n"

static void test_hostile_values(void **state)
{
    (void)state;
    loaded l;
    /* 2^53 - 1 is the largest integer every double below it holds */
    load_text(&l, "max.csv", HDR "Twente,woninginbraak,aangiften,2012,9007199254740991\n",
              NULL);
    assert_int_equal(l.st, TB_OK);
    assert_exact(val(&l, "Twente", "woninginbraak", "aangiften", 2012),
                 9007199254740991.0);
    done(&l);
    /* 2^53 + 1 would be stored as 2^53: refused, as is 2^53 itself */
    static const char *const big[] = {"9007199254740993", "9007199254740992",
                                      "900719925474099226005",
                                      "-9007199254740992", "1e300"};
    for (size_t i = 0; i < sizeof big / sizeof *big; i++) {
        char text[200];
        snprintf(text, sizeof text, HDR "Twente,woninginbraak,rapportcijfer,2012,%s\n",
                 big[i]);
        load_text(&l, "big.csv", text, NULL);
        assert_int_equal(l.st, TB_EDATA);
        assert_int_equal(l.err.line, 2);
        assert_int_equal(l.err.column, 5);
        assert_non_null(strstr(l.err.msg, "is too large, expected a magnitude below 2^53"));
        assert_int_equal(tb_store_size(l.s), 0);
        done(&l);
    }
    static const char *const nf[] = {"NaN", "nan", "inf", "-Inf", "+infinity", " INF "};
    for (size_t i = 0; i < sizeof nf / sizeof *nf; i++) {
        char text[200];
        snprintf(text, sizeof text, HDR "Twente,woninginbraak,aangiften,2012,%s\n", nf[i]);
        load_text(&l, "nan.csv", text, NULL);
        assert_int_equal(l.st, TB_EPARSE);
        assert_non_null(strstr(l.err.msg, "(NaN and infinity are not counts)"));
        done(&l);
    }
    load_text(&l, "range.csv", HDR "Twente,woninginbraak,aangiften,2012,1e-400\n", NULL);
    assert_int_equal(l.st, TB_EPARSE);
    assert_non_null(strstr(l.err.msg, "'1e-400' is beyond the range of numbers"));
    done(&l);
    /* years: 1900 and 2100 are in, 1899 and 2101 out, in rows and headers */
    load_text(&l, "years.csv", HDR "Twente,woninginbraak,aangiften,1900,1\n"
                               "Twente,woninginbraak,aangiften,2100,2\n", NULL);
    assert_int_equal(l.st, TB_OK);
    assert_exact(val(&l, "Twente", "woninginbraak", "aangiften", 2100), 2);
    done(&l);
    load_text(&l, "y2101.csv", HDR "Twente,woninginbraak,aangiften,2101,1\n", NULL);
    assert_int_equal(l.st, TB_EDATA);
    assert_string_equal(l.err.msg, "year 2101 out of range, expected a year from 1900 to 2100");
    done(&l);
    load_text(&l, "y1899.csv", HDR "Twente,woninginbraak,aangiften,1899MM03,1\n", NULL);
    assert_int_equal(l.st, TB_EDATA);
    assert_string_equal(l.err.msg, "year 1899 out of range, expected a year from 1900 to 2100");
    done(&l);
}

static void test_limits(void **state)
{
    (void)state;
    loaded l;
    /* a field of exactly TB_LOAD_MAX_FIELD bytes is read (as a note) */
    size_t big = TB_LOAD_MAX_FIELD + 200;
    char *text = malloc(big + 200);
    assert_non_null(text);
    int k = snprintf(text, 200, "region,indicator,measure,year,value,note\n"
                                "Twente,woninginbraak,aangiften,2012,5,");
    memset(text + k, 'n', TB_LOAD_MAX_FIELD);
    strcpy(text + k + TB_LOAD_MAX_FIELD, "\n");
    load_text(&l, "field_ok.csv", text, NULL);
    assert_int_equal(l.st, TB_OK);
    assert_exact(val(&l, "Twente", "woninginbraak", "aangiften", 2012), 5);
    done(&l);
    /* one byte more is refused, quoted or not */
    strcpy(text + k + TB_LOAD_MAX_FIELD, "n\n");
    load_text(&l, "field_long.csv", text, NULL);
    assert_int_equal(l.st, TB_EPARSE);
    assert_int_equal(l.err.line, 2);
    assert_int_equal(l.err.column, 6);
    assert_string_equal(l.err.msg, "field of 65537 bytes, expected at most 65536 "
                                   "(is a closing quote missing?)");
    done(&l);
    /* a quote that never closes stops at the limit, not at the end of
     * the file (the lines after it would all be one field) */
    k = snprintf(text, 200, HDR "Twente,\"woninginbraak,aangiften,2012,1\n");
    for (size_t i = 0; (size_t)k + 40 < big; i++)
        k += snprintf(text + k, 40, "Twente,woninginbraak,aangiften,2012,1\n");
    load_text(&l, "quote.csv", text, NULL);
    assert_int_equal(l.st, TB_EPARSE);
    assert_int_equal(l.err.line, 2);
    assert_int_equal(l.err.column, 2);
    assert_non_null(strstr(l.err.msg, "field of more than 65536 bytes"));
    done(&l);
    free(text);

    /* columns: 10000 fields are fine, 10001 are not */
    text = malloc(8 * 10002 + 100);
    assert_non_null(text);
    for (int n = 10000; n <= 10001; n++) {
        k = 0;
        for (int i = 1; i <= n; i++)
            k += sprintf(text + k, "c%d%s", i, i < n ? "," : "\n");
        load_text(&l, "columns.csv", text, NULL);
        assert_int_equal(l.st, n == 10000 ? TB_EPARSE : TB_EPARSE);
        if (n == 10001) {
            assert_int_equal(l.err.column, 10001);
            assert_string_equal(l.err.msg, "more than 10000 fields in a row, expected at most 10000");
        } else {
            /* the header is read; there are just no values under it */
            assert_null(strstr(l.err.msg, "fields in a row"));
        }
        done(&l);
    }
    free(text);

    /* names: 200 bytes is a name, 201 is not */
    char name[260], row[400];
    memset(name, 'R', 200);
    name[200] = '\0';
    snprintf(row, sizeof row, HDR "%s,woninginbraak,aangiften,2012,1\n", name);
    load_text(&l, "name200.csv", row, NULL);
    assert_int_equal(l.st, TB_OK);
    assert_exact(val(&l, name, "woninginbraak", "aangiften", 2012), 1);
    done(&l);
    /* 201 bytes: 59 R and 71 two-byte characters.  The excerpt in the
     * message holds 60 bytes: the 59 R, then "..." instead of half an â */
    memset(name, 'R', 59);
    for (int i = 0; i < 71; i++)
        memcpy(name + 59 + 2 * i, "\xC3\xA2", 2);
    name[201] = '\0';
    snprintf(row, sizeof row, HDR "Twente,%s,aangiften,2012,1\n", name);
    load_text(&l, "name201.csv", row, NULL);
    assert_int_equal(l.st, TB_EDATA);
    assert_int_equal(l.err.column, 2);
    assert_string_equal(l.err.msg, "indicator name of 201 bytes ('RRRRRRRRRRRRRRRRRRRR"
                                   "RRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRRR...'), "
                                   "expected at most 200 bytes");
    done(&l);
    /* one two-byte character less is 199 bytes: loaded whole */
    name[199] = '\0';
    snprintf(row, sizeof row, HDR "Twente,%s,aangiften,2012,1\n", name);
    load_text(&l, "name199.csv", row, NULL);
    assert_int_equal(l.st, TB_OK);
    assert_exact(val(&l, "Twente", name, "aangiften", 2012), 1);
    done(&l);
    /* --region counts as a name too */
    memset(name, 'Z', 250);
    name[250] = '\0';
    tb_load_options o = {.region = name};
    load_text(&l, "optname.csv", "indicator,measure,year,value\nwoninginbraak,aangiften,2012,1\n", &o);
    assert_int_equal(l.st, TB_EDATA);
    assert_non_null(strstr(l.err.msg, "region name of 250 bytes"));
    done(&l);

    /* rows and series, with small limits: the defaults are too large to
     * write in a test */
    const char *three = HDR "Twente,woninginbraak,aangiften,2012,1\n"
                            "Twente,woninginbraak,aangiften,2013,2\n"
                            "Drenthe,woninginbraak,aangiften,2013,3\n";
    tb_load_options lim = {.max_rows = 3, .max_series = 2};
    load_text(&l, "three.csv", three, &lim);
    assert_int_equal(l.st, TB_OK);
    assert_int_equal(l.rep.rows, 3);
    assert_int_equal(l.rep.series, 2);
    done(&l);
    lim.max_rows = 2;
    load_text(&l, "three.csv", three, &lim);
    assert_int_equal(l.st, TB_EDATA);
    assert_int_equal(l.err.line, 4);
    assert_string_equal(l.err.msg, "more than 2 data rows, expected at most 2 in one "
                                   "file (split it, or raise the limit)");
    done(&l);
    lim.max_rows = 0;
    lim.max_series = 1;
    load_text(&l, "three.csv", three, &lim);
    assert_int_equal(l.st, TB_EDATA);
    assert_int_equal(l.err.line, 4);
    assert_string_equal(l.err.msg, "more than 1 series, expected at most 1 in one "
                                   "file (split it, or raise the limit)");
    done(&l);
}

static void test_encoding_rule(void **state)
{
    (void)state;
    loaded l;
    /* Windows-1252: no UTF-8 before the first high byte, converted */
    load_text(&l, "cp.csv", "regio;soort;jaar;waarde\nFrysl\xE2n;woninginbraak;2012;7\n"
                            "S\xFA" "dwest;woninginbraak;2012;8\n", NULL);
    assert_int_equal(l.st, TB_OK);
    assert_string_equal(l.rep.encoding, "WINDOWS-1252");
    assert_exact(val(&l, "Frysl\xC3\xA2n", "woninginbraak", "aantal", 2012), 7);
    assert_exact(val(&l, "S\xC3\xBA" "dwest", "woninginbraak", "aantal", 2012), 8);
    done(&l);
    /* UTF-8 with a stray Windows-1252 byte: refused at that byte, both
     * when it comes after the UTF-8 and when it comes first */
    load_text(&l, "stray.csv", "regio;soort;jaar;waarde\nFrysl\xC3\xA2n;woninginbraak;2012;7\n"
                               "S\xFA" "dwest;woninginbraak;2012;8\n", NULL);
    assert_int_equal(l.st, TB_EPARSE);
    assert_int_equal(l.err.line, 3);
    /* header 24 bytes, "Fryslân;woninginbraak;2012;7\n" 30 (â is two),
     * "S" is byte 55: the stray byte is byte 56 */
    assert_string_equal(l.err.msg, "byte 0xFA (byte 56 of the file) is not UTF-8, but the "
                                   "file has UTF-8 text before it; expected the whole file "
                                   "in one encoding (save it again as UTF-8)");
    assert_int_equal(tb_store_size(l.s), 0);
    done(&l);
    /* a stray byte before any UTF-8: read as Windows-1252, so the UTF-8
     * pair after it is not valid Windows-1252 text either way... it is
     * two characters; the report says which encoding was used */
    load_text(&l, "first.csv", "regio;soort;jaar;waarde\nS\xFA" "dwest;woninginbraak;2012;8\n",
              NULL);
    assert_int_equal(l.st, TB_OK);
    assert_string_equal(l.rep.encoding, "WINDOWS-1252");
    done(&l);

    /* beyond the first MiB: ASCII, then a Windows-1252 byte switches the
     * file to Windows-1252; UTF-8, then a stray byte is refused */
    size_t n = (1u << 20) + 4096;
    char *text = malloc(n + 200);
    assert_non_null(text);
    for (int utf = 0; utf < 2; utf++) {
        int k = sprintf(text, "regio;soort;jaar;waarde\n%s;woninginbraak;2000;1\n",
                        utf ? "Frysl\xC3\xA2n" : "Twente");
        int year = 2001;
        while ((size_t)k < n)
            k += sprintf(text + k, "R%d;woninginbraak;%d;1\n", k, 2000 + (year++ % 100));
        long lines = 2 + (year - 2001);
        k += sprintf(text + k, "Frysl\xE2n;woninginbraak;2012;9\n");
        load_bytes(&l, "late.csv", text, (size_t)k, NULL);
        if (!utf) {
            assert_int_equal(l.st, TB_OK);
            assert_string_equal(l.rep.encoding, "WINDOWS-1252");
            assert_exact(val(&l, "Frysl\xC3\xA2n", "woninginbraak", "aantal", 2012), 9);
        } else {
            assert_int_equal(l.st, TB_EPARSE);
            assert_int_equal(l.err.line, lines + 1);
            assert_non_null(strstr(l.err.msg, "byte 0xE2"));
            assert_non_null(strstr(l.err.msg, "is not UTF-8, but the file has UTF-8 text"));
        }
        done(&l);
    }
    /* a two-byte character split by the 1 MiB read: carried over whole */
    int k = sprintf(text, "regio;soort;jaar;waarde;note\n");
    for (int i = 0; k < (1 << 20) - 100; i++)
        k += sprintf(text + k, "R%d;woninginbraak;2012;1;x\n", i);
    k += sprintf(text + k, "Twente;woninginbraak;2012;1;");
    memset(text + k, 'x', (size_t)((1 << 20) - 1 - k));
    k = (1 << 20) - 1; /* the note's last character is bytes 2^20 - 1 and 2^20 */
    k += sprintf(text + k, "\xC3\xA2\nTwente;woninginbraak;2013;2;\xC3\xA2\n");
    load_bytes(&l, "split.csv", text, (size_t)k, NULL);
    assert_int_equal(l.st, TB_OK);
    assert_string_equal(l.rep.encoding, "UTF-8");
    assert_exact(val(&l, "Twente", "woninginbraak", "aantal", 2013), 2);
    done(&l);
    free(text);
    /* UTF-16 and NUL bytes */
    load_bytes(&l, "u16.csv", "\xFF\xFEr\0e\0", 6, NULL);
    assert_int_equal(l.st, TB_EPARSE);
    assert_string_equal(l.err.msg, "file is UTF-16, expected UTF-8 or Windows-1252 text");
    done(&l);
    load_bytes(&l, "nul.csv", HDR "Twente,\0x,aangiften,2012,1\n", sizeof HDR + 26, NULL);
    assert_int_equal(l.st, TB_EPARSE);
    assert_int_equal(l.err.line, 2);
    assert_string_equal(l.err.msg, "NUL byte: this is a binary file, expected CSV text");
    done(&l);
    /* the records before the line of a NUL byte (or of a stray byte) are
     * read first, so a bad value there is what is reported, wherever a
     * read happened to end */
    char many[8192] = HDR;
    for (int y = 1950; y < 2020; y++)
        snprintf(many + strlen(many), sizeof many - strlen(many),
                 "Twente,diefstal,aangiften,%d,%d\n", y, y - 1900);
    strcat(many, "Twente,diefstal,aangiften,2020,12x\n");
    size_t len = strlen(many);
    memcpy(many + len, "Twente,\0x,aangiften,2021,1\n", 27);
    load_bytes(&l, "nul_late.csv", many, len + 27, NULL);
    assert_int_equal(l.st, TB_EPARSE);
    assert_int_equal(l.err.line, 72);
    assert_string_equal(l.err.msg, "'12x' is not a number, expected a number or a "
                                   "missing-value marker (. or empty)");
    done(&l);
    strcpy(many + len, "Frysl\xC3\xA2n,diefstal,aangiften,2021,1\nS\xFA,diefstal,aangiften,2021,1\n");
    load_bytes(&l, "stray_late.csv", many, strlen(many), NULL);
    assert_int_equal(l.st, TB_EPARSE);
    assert_int_equal(l.err.line, 72);
    done(&l);
    many[len] = '\0';
    strcat(many, "Twente,diefstal,aangiften,2021,1\nS\xFA,diefstal,aangiften,2021,1\n");
    load_bytes(&l, "stray_ok.csv", many, strlen(many), NULL);
    assert_int_equal(l.st, TB_EPARSE); /* 12x still comes first */
    assert_int_equal(l.err.line, 72);
    done(&l);
}

static void test_file_kinds(void **state)
{
    (void)state;
    loaded l;
    load_with(&l, "tests/errors", NULL);
    assert_int_equal(l.st, TB_EIO);
    assert_string_equal(l.err.msg, "is a directory, expected a CSV file");
    done(&l);
    load_with(&l, "/dev/null", NULL);
    assert_int_equal(l.st, TB_EIO);
    assert_string_equal(l.err.msg, "is a device or socket, expected a CSV file");
    done(&l);
    load_with(&l, "tests/errors/no-such-file.csv", NULL);
    assert_int_equal(l.st, TB_EIO);
    assert_string_equal(l.err.msg, "cannot open: No such file or directory");
    done(&l);
    /* reading /proc/self/mem at offset 0 fails with EIO */
    load_with(&l, "/proc/self/mem", NULL);
    assert_int_equal(l.st, TB_EIO);
    assert_string_equal(l.err.msg, "read error: Input/output error");
    done(&l);
    load_text(&l, "empty.csv", "", NULL);
    assert_int_equal(l.st, TB_EPARSE);
    assert_string_equal(l.err.msg, "empty file, expected a header row and rows of values");
    done(&l);
    load_text(&l, "bom.csv", "\xEF\xBB\xBF\n\n", NULL);
    assert_int_equal(l.st, TB_EPARSE);
    assert_string_equal(l.err.msg, "empty file, expected a header row and rows of values");
    done(&l);
    tb_error err;
    assert_int_equal(tb_load_file(NULL, "x.csv", NULL, NULL, NULL, &err), TB_EINVAL);
    assert_string_equal(err.msg, "no store or no file name given");
    tb_store *s = tb_store_new();
    assert_int_equal(tb_load_file(s, NULL, NULL, NULL, NULL, &err), TB_EINVAL);
    tb_store_free(s);
}

/* A file another program is still writing: the load stops with an error
 * instead of reading a moving target. */
static void test_file_grows(void **state)
{
    (void)state;
    char path[256];
    /* large enough to be parsed in segments with more threads */
    size_t n = (size_t)TB_LOAD_PARALLEL_BYTES + (1u << 20);
    char *text = malloc(n + 100);
    assert_non_null(text);
    size_t k = (size_t)sprintf(text, HDR);
    for (int i = 0; k + 60 < n; i++)
        k += (size_t)sprintf(text + k, "R%d,woninginbraak,aangiften,%d,1\n", i / 100,
                             2000 + i % 100);
    for (int threads = 1; threads <= 2; threads++) {
        scratch(path, sizeof path, "grows.csv", text, k);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            /* the writer: append until killed */
            FILE *f = fopen(path, "ab");
            if (!f)
                _exit(1);
            for (long i = 0;; i++) {
                fprintf(f, "X%ld,woninginbraak,aangiften,2000,1\n", i);
                fflush(f);
            }
        }
        /* wait until the writer has started */
        struct stat st;
        do
            assert_int_equal(stat(path, &st), 0);
        while ((size_t)st.st_size == k);
        tb_load_options o = {0};
        o.threads = threads;
        loaded l;
        load_with(&l, path, &o);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        assert_int_equal(l.st, TB_EIO);
        assert_true(strstr(l.err.msg, "file grew while it was read") ||
                    strstr(l.err.msg, "file changed while it was read"));
        assert_non_null(strstr(l.err.msg, "expected a file that is not being written to"));
        done(&l);
        unlink(path);
    }
    free(text);
}

static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int k = *p < 0x80 ? 0 : *p >= 0xC2 && *p <= 0xDF ? 1
              : *p >= 0xE0 && *p <= 0xEF ? 2 : *p >= 0xF0 && *p <= 0xF4 ? 3 : -1;
        if (k < 0)
            return 0;
        for (int j = 1; j <= k; j++)
            if ((p[j] & 0xC0) != 0x80)
                return 0;
        p += k + 1;
    }
    return 1;
}

/* Inputs the fuzzers found, each with the answer it must get now: the
 * whole message, or (when it quotes pages of the input) how it ends.
 * Every message must be valid UTF-8. */
static void test_regressions(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        tb_status st;
        const char *msg, *tail;
    } cases[] = {
        /* OData dimensions joined past the key buffer (stack overflow) */
        {"odata_dims_overflow.csv", TB_EDATA,
         "indicator name of more than 200 bytes (joined from its columns), "
         "expected at most 200 bytes", NULL},
        /* Windows-1252 header cut inside a character for the message
         * (invalid UTF-8 in the error text) */
        {"message_cut_utf8.csv", TB_EPARSE,
         "header (regio\xC3\xBF\xC3\xBF\xC3\xBF\xC3\xBF\xC3\xBF\xC3\xBF\xC3\xBF"
         "\xC3\xBF\xC3\xBF\xC3\xBF\xC3\xBF\xC3\xBF\xC3\xBF\xC3\xBF\xC3\xBF\xC3\xBF"
         "\xC3\xBF\xC3\xBF\xC3\xBF\xC3\xBFindex\xC3\xBF\xC3\xBF\xC3\xBF\xC3\xBF"
         "\xC3\xBF..., 2012, 2012) but no rows of values, expected at least one "
         "data row", NULL},
        /* header names whose list overran the message buffer and was cut
         * inside a character (UTF-8 and Windows-1252 headers); in cut2,
         * cut3 and long_digit_run.csv the fuzzer's control bytes are now
         * 'x', as a control byte is refused before the path they test */
        {"header_list_cut.csv", TB_EPARSE, NULL,
         ", ...) but no rows of values, expected at least one data row"},
        {"header_list_cut2.csv", TB_EPARSE, NULL,
         ", ...) but no rows of values, expected at least one data row"},
        {"header_list_cut3.csv", TB_EPARSE, NULL,
         ", ...) has no year column, expected a column named year, jaar, "
         "Perioden or date, or years as column names"},
        /* a run of 21 digits overflowed the fast path for plain counts */
        {"long_digit_run.csv", TB_EDATA,
         "'900719925474099226005' is too large, expected a magnitude below "
         "2^53 = 9007199254740992", NULL},
        /* a month, then a quarter of the same series and year: the failed
         * row once left an empty series in the store */
        {"mixed_periods_empty_series.csv", TB_EDATA,
         "months and quarters mixed for (Twente, woninginbraak, aangiften, "
         "2013), expected one kind of period per series and year", NULL},
        /* read in segments (the fuzzing build cuts every file up): the
         * report said UTF-8 after a UTF-16 refusal, and a Windows-1252
         * byte after the first error changed the reported encoding */
        {"segments_utf16.csv", TB_EPARSE,
         "file is UTF-16, expected UTF-8 or Windows-1252 text", NULL},
        {"segments_encoding_after_error.csv", TB_EPARSE,
         "'7D6' is not a number, expected a number or a missing-value marker "
         "(. or empty)", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char path[256];
        snprintf(path, sizeof path, "tests/data/regress/%s", cases[i].file);
        loaded l;
        /* (a file without a region column is of the region --region names) */
        tb_load_options o = {.region = strstr(cases[i].file, "long_digit") ? "Nederland" : NULL};
        load_with(&l, path, &o);
        assert_int_equal(l.st, cases[i].st);
        assert_true(valid_utf8(l.err.msg));
        if (cases[i].msg)
            assert_string_equal(l.err.msg, cases[i].msg);
        if (cases[i].tail) {
            size_t a = strlen(l.err.msg), b = strlen(cases[i].tail);
            assert_true(a > b);
            assert_string_equal(l.err.msg + a - b, cases[i].tail);
        }
        /* whatever failed, no series is left without a year */
        for (size_t k = 0; k < tb_store_size(l.s); k++)
            assert_true(tb_store_at(l.s, k)->n >= 1);
        done(&l);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_values),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_encoding_rule),
        cmocka_unit_test(test_file_kinds),
        cmocka_unit_test(test_file_grows),
        cmocka_unit_test(test_regressions),
    };
    return cmocka_run_group_tests_name("load_limits", tests, NULL, NULL);
}

/* The configuration file of a report run: a full valid file, the shipped
 * example, every mistake with its exact message, and the list splitting
 * that the command-line options share. */
#include "tb_test.h"

#include <glob.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trendbeeld/config.h"
#include "trendbeeld/format.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/tb_config_XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    char p[128];
    snprintf(p, sizeof p, "%s/series", dir);
    mkdir(p, 0755);
    const char *files[] = {"series/b.csv", "series/a.csv", "targets.csv"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        FILE *f = fopen(p, "w");
        if (!f)
            return -1;
        fputs("x\n", f);
        fclose(f);
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Write TEXT to DIR/NAME and return the path (static buffer). */
static const char *conf(const char *name, const char *text)
{
    static char p[160];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

/* Load TEXT; it must fail with STATUS and the message "PATH:LINE: MSG". */
static void bad(const char *text, long line, const char *msg)
{
    const char *p = conf("bad.conf", text);
    tb_config *c = NULL;
    tb_error e = {0};
    assert_int_equal(tb_config_load(p, &c, &e), TB_EINVAL);
    assert_null(c);
    char want[1200], got[1400];
    snprintf(want, sizeof want, "%s:%ld: %s", p, line, msg);
    tb_error_format(&e, got, sizeof got);
    assert_string_equal(got, want);
}

static void valid_file(void **state)
{
    (void)state;
    const char *p = conf("ok.conf",
                         "\xef\xbb\xbf# yearly run\n"
                         "; another comment\n"
                         "\n"
                         "data = .\n"
                         "files = series/*.csv\n"
                         "targets = targets.csv\n"
                         "target_ids = oost_woninginbraak_2018 , noord_overlast_jeugd_2014\n"
                         "regions = RE01,RE02,  Twente\n"
                         "themes = woninginbraak, overlast_jeugd\n"
                         "out = ../rapport\n"
                         "lang = en\n"
                         "render = Ja\n"
                         "title = Veiligheidsbeeld 2025 # Noord\n"
                         "source = CBS; Politie = bron: 47018NED\n"
                         "fail_off_track = off\n");
    tb_config *c = NULL;
    tb_error e = {0};
    assert_int_equal(tb_config_load(p, &c, &e), TB_OK);
    char want[160];
    snprintf(want, sizeof want, "%s/.", dir);
    assert_string_equal(c->data, want);
    /* the pattern is expanded relative to the file, in name order */
    assert_int_equal(c->nfiles, 2);
    snprintf(want, sizeof want, "%s/series/a.csv", dir);
    assert_string_equal(c->files[0], want);
    snprintf(want, sizeof want, "%s/series/b.csv", dir);
    assert_string_equal(c->files[1], want);
    assert_null(c->files[2]);
    snprintf(want, sizeof want, "%s/targets.csv", dir);
    assert_string_equal(c->targets, want);
    assert_int_equal(c->ntarget_ids, 2);
    assert_string_equal(c->target_ids[0], "oost_woninginbraak_2018");
    assert_string_equal(c->target_ids[1], "noord_overlast_jeugd_2014");
    assert_int_equal(c->nregions, 3);
    assert_string_equal(c->regions[0], "RE01");
    assert_string_equal(c->regions[1], "RE02");
    assert_string_equal(c->regions[2], "Twente");
    assert_int_equal(c->nthemes, 2);
    assert_string_equal(c->themes[1], "overlast_jeugd");
    snprintf(want, sizeof want, "%s/../rapport", dir);
    assert_string_equal(c->out, want);
    assert_int_equal(c->lang, TB_LANG_EN);
    assert_int_equal(c->render, 1);
    assert_int_equal(c->fail_off_track, 0);
    /* ';', '#' and '=' inside a value are kept: no inline comments */
    assert_string_equal(c->title, "Veiligheidsbeeld 2025 # Noord");
    assert_string_equal(c->source, "CBS; Politie = bron: 47018NED");
    /* lines of the settings (the BOM line is line 1) */
    assert_int_equal(c->line[TB_CFG_DATA], 4);
    assert_int_equal(c->line[TB_CFG_REGIONS], 8);
    assert_int_equal(c->line[TB_CFG_FAIL_OFF_TRACK], 15);
    assert_string_equal(tb_config_key_name(TB_CFG_FAIL_OFF_TRACK), "fail_off_track");
    assert_null(tb_config_key_name(TB_CFG_NKEYS));
    tb_config_free(c);
}

static void unset_settings(void **state)
{
    (void)state;
    const char *p = conf("few.conf", "Out = /abs/report\ntargets = none\n"); /* any case */
    tb_config *c = NULL;
    tb_error e = {0};
    assert_int_equal(tb_config_load(p, &c, &e), TB_OK);
    assert_string_equal(c->out, "/abs/report"); /* absolute stays */
    assert_string_equal(c->targets, "none");
    assert_null(c->data);
    assert_null(c->files);
    assert_int_equal(c->nfiles, 0);
    assert_null(c->regions);
    assert_null(c->title);
    assert_int_equal(c->lang, -1);
    assert_int_equal(c->render, -1);
    assert_int_equal(c->fail_off_track, -1);
    assert_int_equal(c->line[TB_CFG_DATA], 0);
    assert_int_equal(c->line[TB_CFG_TARGETS], 2);
    tb_config_free(c);
    tb_config_free(NULL);

    /* an empty file sets nothing */
    p = conf("empty.conf", "");
    assert_int_equal(tb_config_load(p, &c, &e), TB_OK);
    assert_null(c->out);
    tb_config_free(c);
}

static void shipped_example(void **state)
{
    (void)state;
    tb_config *c = NULL;
    tb_error e = {0};
    tb_status st = tb_config_load("data/report.conf", &c, &e);
    if (st) {
        char b[1400];
        tb_error_format(&e, b, sizeof b);
        print_error("%s\n", b);
    }
    assert_int_equal(st, TB_OK);
    assert_string_equal(c->data, "data/.");
    assert_string_equal(c->targets, "data/targets.csv");
    assert_string_equal(c->out, "data/../report");
    /* "files = series/ *.csv": the list the command loads by default */
    glob_t g;
    assert_int_equal(glob("data/series/*.csv", 0, NULL, &g), 0);
    assert_int_equal(c->nfiles, g.gl_pathc);
    for (size_t i = 0; i < g.gl_pathc; i++)
        assert_string_equal(c->files[i], g.gl_pathv[i]);
    globfree(&g);
    assert_int_equal(c->nregions, 3);
    assert_string_equal(c->regions[0], "RE01");
    assert_string_equal(c->regions[2], "NL01");
    assert_int_equal(c->nthemes, 4);
    assert_int_equal(c->lang, TB_LANG_NL);
    assert_int_equal(c->render, 1);
    assert_int_equal(c->fail_off_track, 0);
    assert_null(c->source); /* commented out */
    assert_null(c->target_ids);
    tb_config_free(c);
}

static void every_mistake(void **state)
{
    (void)state;
    bad("out = x\nsort = 3\n", 2,
        "unknown setting 'sort'; expected one of data, files, targets, target_ids, "
        "regions, themes, out, lang, render, title, source, fail_off_track");
    bad("out = a\n\n# again\nout = b\n", 4,
        "out is set twice (also on line 1); expected each setting once");
    bad("title =\n", 1, "title has no value; expected a text");
    bad("render =   \n", 1, "render has no value; expected yes or no");
    bad("regions =\n", 1,
        "regions has no value; expected region codes or names separated by commas");
    bad("lang = de\n", 1, "lang 'de': expected nl or en");
    bad("render = maybe\n", 1, "render 'maybe': expected yes or no");
    bad("fail_off_track = 2\n", 1, "fail_off_track '2': expected yes or no");
    bad("themes = woninginbraak, fietsendiefstal\n", 1,
        "theme 'fietsendiefstal' is unknown; expected some of woninginbraak, hic, "
        "geweld, mishandeling, overlast_jeugd, totaal");
    bad("regions = RE01,,RE02\n", 1,
        "regions: empty item in the list; expected names separated by single commas");
    bad("target_ids = a,\n", 1,
        "target_ids: empty item in the list; expected names separated by single commas");
    bad("files = series/*.csv, nergens/*.csv\n", 1,
        "files: no file matches 'nergens/*.csv'; expected existing files or patterns "
        "such as series/*.csv");
    bad("files = series/c.csv\n", 1,
        "files: no file matches 'series/c.csv'; expected existing files or patterns "
        "such as series/*.csv");
    bad("data = series/a.csv\n", 1,
        "data: 'series/a.csv' is not a folder; expected the folder with regions.csv, "
        "indicators.csv and series/");
    bad("targets = doelen.csv\n", 1,
        "targets: 'doelen.csv' is not a readable file; expected a targets file or none");
    bad("out = x\n[report]\nlang = nl\n", 2,
        "sections such as [report] are not used; expected key = value lines only");
    bad("title = Veiligheidsbeeld\n  Noord-Nederland\n", 2,
        "indented line; expected each setting at the start of its line (an indented "
        "line would continue the one above)");
    /* after a mistake, inih hands a following indented line (\r and \v
     * count as indentation) to the handler as a continuation of the line
     * above; it once sent the value reader past the end of that line */
    bad("\tout = x\n\r\v\vt\x1b\n", 1,
        "indented line; expected each setting at the start of its line (an indented "
        "line would continue the one above)");
    bad("out = x\nrender\n", 2,
        "'render' is not a setting; expected key = value, or a comment line starting "
        "with # or ;");
    /* the first mistake in the file is the one reported */
    bad("lang = fr\nrender = misschien\n", 1, "lang 'fr': expected nl or en");
    bad("oops\nlang = fr\n", 1,
        "'oops' is not a setting; expected key = value, or a comment line starting "
        "with # or ;");
}

static void unreadable(void **state)
{
    (void)state;
    tb_config *c = NULL;
    tb_error e = {0};
    char p[160];
    snprintf(p, sizeof p, "%s/none.conf", dir);
    assert_int_equal(tb_config_load(p, &c, &e), TB_EIO);
    assert_null(c);
    char got[1400], want[400];
    tb_error_format(&e, got, sizeof got);
    snprintf(want, sizeof want,
             "%s: cannot read the configuration: No such file or directory; expected "
             "a readable file", p);
    assert_string_equal(got, want);
}

/* The input the configuration fuzzer found (a read past the end of a
 * line), kept as it was found. */
static void fuzz_regression(void **state)
{
    (void)state;
    tb_config *c = NULL;
    tb_error e = {0};
    const char *p = "tests/data/regress/config_raw_value_overflow.conf";
    assert_int_equal(tb_config_load(p, &c, &e), TB_EINVAL);
    assert_null(c);
    char got[1400];
    tb_error_format(&e, got, sizeof got);
    assert_string_equal(got, "tests/data/regress/config_raw_value_overflow.conf:1: "
                             "indented line; expected each setting at the start of "
                             "its line (an indented line would continue the one above)");
}

/* A value longer than inih's line buffer (200 bytes) is read whole. */
static void long_value(void **state)
{
    (void)state;
    char text[1200], title[700];
    memset(title, 'a', sizeof title - 1);
    title[sizeof title - 1] = '\0';
    title[300] = ';';
    snprintf(text, sizeof text, "title = %s\nlang = en\n", title);
    const char *p = conf("long.conf", text);
    tb_config *c = NULL;
    tb_error e = {0};
    assert_int_equal(tb_config_load(p, &c, &e), TB_OK);
    assert_string_equal(c->title, title);
    assert_int_equal(c->lang, TB_LANG_EN);
    assert_int_equal(c->line[TB_CFG_LANG], 2);
    tb_config_free(c);
}

/* Bytes as every reader takes them (text.h): byte order marks only at the
 * start, no NUL (which once cut a value short) and no escape sequence
 * (which once reached report.html), each at its line and column. */
static void text_layer(void **state)
{
    (void)state;
#define BYTES(s) s, sizeof s - 1
    static const struct { const char *bytes; size_t n; const char *msg; } c[] = {
        {BYTES("\xef\xbb\xbf\xef\xbb\xbftitle = Veiligheid\nlang = en\n"), NULL},
        {BYTES("lang = en\ntitle = Veilig\0heid\n"),
         ":2:15: a NUL byte; expected text without control characters"},
        {BYTES("title = Veilig\x1b[31mheid\n"),
         ":1:15: control character U+001B (escape); expected text without control "
         "characters"},
        {BYTES("title = Veiligheid\xef\xbb\xbf\n"),
         ":1:19: a byte order mark (U+FEFF); expected a byte order mark only at "
         "the start of the file"},
        {BYTES("title = Veilig\xe9heid\n"),
         ":1:15: byte 0xE9, which is not UTF-8; expected UTF-8 text"},
    };
#undef BYTES
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        char p[160], want[400], got[600];
        snprintf(p, sizeof p, "%s/text.conf", dir);
        FILE *f = fopen(p, "w");
        assert_non_null(f);
        assert_int_equal(fwrite(c[i].bytes, 1, c[i].n, f), c[i].n);
        fclose(f);
        tb_config *cf = NULL;
        tb_error e = {0};
        tb_status st = tb_config_load(p, &cf, &e);
        if (!c[i].msg) {
            assert_int_equal(st, TB_OK);
            assert_string_equal(cf->title, "Veiligheid");
            assert_int_equal(cf->lang, TB_LANG_EN);
            tb_config_free(cf);
            continue;
        }
        assert_int_equal(st, TB_EINVAL);
        assert_null(cf);
        snprintf(want, sizeof want, "%s%s", p, c[i].msg);
        tb_error_format(&e, got, sizeof got);
        assert_string_equal(got, want);
    }
}

static void split(void **state)
{
    (void)state;
    char **v = NULL;
    size_t n = 0;
    tb_error e = {0};
    assert_int_equal(tb_config_split(" RE01 ,Twente,Noord- en Oost-Gelderland ", "--regions",
                                     &v, &n, &e), TB_OK);
    assert_int_equal(n, 3);
    assert_string_equal(v[0], "RE01");
    assert_string_equal(v[1], "Twente");
    assert_string_equal(v[2], "Noord- en Oost-Gelderland");
    assert_null(v[3]);
    tb_config_list_free(v);
    assert_int_equal(tb_config_split("a, ,b", "--themes", &v, &n, &e), TB_EINVAL);
    assert_null(v);
    assert_string_equal(e.msg, "--themes: empty item in the list; expected names "
                               "separated by single commas");
    assert_int_equal(tb_config_split("", "--themes", &v, &n, &e), TB_EINVAL);
    tb_config_list_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_file),   cmocka_unit_test(unset_settings),
        cmocka_unit_test(shipped_example), cmocka_unit_test(every_mistake),
        cmocka_unit_test(unreadable),   cmocka_unit_test(long_value),
        cmocka_unit_test(split),        cmocka_unit_test(fuzz_regression),
        cmocka_unit_test(text_layer),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

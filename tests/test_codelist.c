/* Code lists: the shipped data/regions.csv and data/indicators.csv, the
 * CBS code lists in tests/reference/real, the matching rules
 * and the errors on malformed lists. */
#include "tb_test.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "trendbeeld/codelist.h"
#include "trendbeeld/text.h"

static tb_codelist *regions, *indicators;

static int setup(void **state)
{
    (void)state;
    tb_error err = {0};
    if (tb_codelist_load(&regions, "data/regions.csv", &err) != TB_OK)
        return -1;
    if (tb_codelist_load(&indicators, "data/indicators.csv", &err) != TB_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tb_codelist_free(regions);
    tb_codelist_free(indicators);
    return 0;
}

static const char *code_of(const tb_codelist *c, const char *text)
{
    const tb_code *e = tb_codelist_match(c, text);
    return e ? e->code : "(none)";
}

static const char *code_at(const tb_codelist *c, const char *text, const char *level)
{
    const tb_code *e = tb_codelist_match_level(c, text, level);
    return e ? e->code : "(none)";
}

static void test_diacritics_and_case(void **state)
{
    (void)state;
    assert_string_equal(code_of(regions, "Fryslân"), "PV21");
    assert_string_equal(code_of(regions, "Fryslan"), "PV21");
    assert_string_equal(code_of(regions, "FRYSLÂN"), "PV21");
    assert_string_equal(code_of(regions, "Friesland"), "PV21");   /* alias */
    assert_string_equal(code_of(regions, "friesland (pv)"), "PV21");
    assert_string_equal(code_of(regions, "Súdwest-Fryslân"), "GM1900");
    assert_string_equal(code_of(regions, "SUDWEST-FRYSLAN"), "GM1900");
    /* the seed's spelling without the circumflex */
    assert_string_equal(code_of(regions, "Gaasterlan-Sleat"), "GM0653");
    assert_string_equal(code_of(regions, "Skarsterlân"), "GM0051");
    char key[64];
    assert_int_equal(tb_text_key("  Súdwest-  Fryslân ", key, sizeof key), 16);
    assert_string_equal(key, "sudwest- fryslan");
}

static void test_codes_padded(void **state)
{
    (void)state;
    assert_string_equal(code_of(regions, "NL01  "), "NL01");
    assert_string_equal(code_of(regions, "\"PV25\""), "(none)"); /* quotes are the parser's job */
    assert_string_equal(code_of(regions, " GM0014 "), "GM0014");
    assert_string_equal(code_of(indicators, "1.1.1 "), "1.1.1");
    assert_string_equal(code_of(indicators, "E33   "), "E33");
    assert_non_null(tb_codelist_find(regions, "RE02  "));
    assert_null(tb_codelist_find(regions, "re02")); /* find is exact */
}

static void test_suffixes(void **state)
{
    (void)state;
    assert_string_equal(code_of(regions, "Groningen (PV)"), "PV20");
    assert_string_equal(code_of(regions, "Groningen (gemeente)"), "GM0014");
    assert_string_equal(code_of(regions, "Assen (gemeente)"), "GM0106");
    assert_string_equal(code_of(regions, "Gelderland (PV)"), "PV25");
    assert_string_equal(code_of(regions, "Oost-Nederland (RE)"), "RE02");
    assert_string_equal(code_of(regions, "Oost-Nederland (LD)"), "LD02");
    assert_string_equal(code_of(regions, "Noord-Nederland (LD)"), "LD01");
    assert_string_equal(code_of(regions, "Twente (PO)"), "PO22");
    /* (O.) is part of the name, and the bare name is an alias */
    assert_string_equal(code_of(regions, "Hengelo (O.)"), "GM0164");
    assert_string_equal(code_of(regions, "Hengelo"), "GM0164");
    /* Bergen is two gemeenten: only the disambiguated names match */
    assert_string_equal(code_of(regions, "Bergen (L.)"), "GM0893");
    assert_string_equal(code_of(regions, "Bergen (NH.)"), "GM0373");
    assert_string_equal(code_of(regions, "Bergen"), "(none)");
    /* a suffix naming another level than asked for gives no match */
    assert_string_equal(code_at(regions, "Assen (gemeente)", "provincie"), "(none)");
    /* a suffix only applies to the level it names */
    assert_string_equal(code_of(regions, "Fryslân (RE)"), "(none)");
}

static void test_ambiguity_rule(void **state)
{
    (void)state;
    /* codes are unambiguous */
    assert_string_equal(code_of(regions, "PV20"), "PV20");
    assert_string_equal(code_of(regions, "GRN"), "GRN");
    /* a bare shared name: the preferred (lowest-level) entry */
    assert_string_equal(code_of(regions, "Groningen"), "GM0014");
    assert_string_equal(code_of(regions, "Utrecht"), "GM0344");
    assert_string_equal(code_of(regions, "Limburg"), "PV31");
    assert_string_equal(code_of(regions, "Drenthe"), "PV22");
    assert_string_equal(code_of(regions, "Oost-Nederland"), "RE02");
    /* a level hint picks the entry of that level */
    assert_string_equal(code_at(regions, "Groningen", "provincie"), "PV20");
    assert_string_equal(code_at(regions, "Groningen", "district"), "GRN");
    assert_string_equal(code_at(regions, "Groningen", "gemeente"), "GM0014");
    assert_string_equal(code_at(regions, "Fryslân", "district"), "FRL");
    assert_string_equal(code_at(regions, "Limburg", "eenheid"), "RE10");
    assert_string_equal(code_at(regions, "Groningen", "basisteam"), "(none)");
    const tb_code *g = tb_codelist_match(regions, "Groningen");
    assert_int_equal(g->preferred, 1);
    assert_int_equal(tb_codelist_find(regions, "PV20")->preferred, 0);
}

static void test_indicator_trap(void **state)
{
    (void)state;
    /* politie 1.1.1 is woninginbraak ... */
    assert_string_equal(code_of(indicators, "1.1.1"), "1.1.1");
    assert_string_equal(code_of(indicators, "1.1.1 Diefstal/inbraak woning"), "1.1.1");
    assert_string_equal(code_of(indicators, "Woninginbraak"), "1.1.1");
    /* ... and the CBS 83648NED/83651NED labels are other offences */
    assert_string_equal(code_of(indicators, "1.1.1 Diefstal en inbraak met geweld"),
                        "CBS-1.1.1");
    assert_string_equal(code_of(indicators, "111 Diefstal en inbraak met geweld"),
                        "CBS-1.1.1");
    assert_string_equal(code_of(indicators, "111"), "CBS-1.1.1");
    assert_string_equal(code_of(indicators, "1010100"), "CBS-1.1.1");
    assert_string_equal(code_of(indicators, "2020101"), "CBS-2.2.1.1");
    assert_string_equal(code_of(indicators, "CRI1122"), "CBS-CRI1122");
    assert_string_equal(code_of(indicators, "CRI1132"), "CBS-CRI1132");
    /* a label with a known leading code but an unknown text is no match */
    assert_string_equal(code_of(indicators, "1.1.1 Inbraak"), "(none)");
    /* Kernbeleid 1.1.1 is woonoverlast, only under its prefixed code */
    assert_string_equal(code_of(indicators, "KBV-1.1.1"), "KBV-1.1.1");
    assert_string_equal(code_of(indicators, "1.3.01 Diefstal/inbraak woning"), "KBV-1.3.01");
    /* shared names go to the politie code */
    assert_string_equal(code_of(indicators, "Straatroof"), "1.4.6");
    assert_string_equal(code_of(indicators, "Overval"), "1.4.7");
    assert_string_equal(code_of(indicators, "Overlast jeugd"), "E35");
    assert_string_equal(code_at(indicators, "Straatroof", "cbs-theft"), "CBS-CRI1132");
    assert_string_equal(code_of(indicators, "Totaal registraties overlast"), "OVL");
    assert_string_equal(code_of(indicators, "Totaal misdrijven"), "0.0.0");
}

static void test_closest(void **state)
{
    (void)state;
    assert_string_equal(tb_codelist_closest(regions, "Groningn"), "Groningen (gemeente)");
    assert_string_equal(tb_codelist_closest(regions, "Apeldorn"), "Apeldoorn");
    assert_string_equal(tb_codelist_closest(regions, "Súdwest Fryslân"), "Súdwest-Fryslân");
    assert_string_equal(tb_codelist_closest(regions, "Gelderlnd"), "Gelderland");
    /* short names are never guessed, far ones neither */
    assert_null(tb_codelist_closest(regions, "Epx"));
    assert_null(tb_codelist_closest(regions, "Amsterdamsestraatweg"));
    assert_string_equal(tb_codelist_closest(indicators, "Straatrof"), "Straatroof");
    /* former gemeenten are no typos of look-alikes: a code the list lacks
     * (GM0305 Abcoude was once 'Bedum'), the same name with another
     * qualifier (Hengelo (Gld.), since 2005 Bronckhorst, was 'Hengelo (O.)') */
    assert_null(tb_codelist_closest(regions, "GM0305"));
    assert_null(tb_codelist_closest(regions, "Hengelo (Gld.)"));
    assert_string_equal(tb_codelist_closest(regions, "Hengel (O.)"), "Hengelo (O.)");
    /* the rival of a name of two sizes of area */
    const tb_code *g = tb_codelist_match(regions, "Groningen");
    assert_string_equal(g->code, "GM0014");
    assert_string_equal(tb_codelist_rival(regions, "Groningen", g)->code, "PV20");
    assert_null(tb_codelist_rival(regions, "GM0014", g));
    const tb_code *f = tb_codelist_match(regions, "Fryslân");
    assert_null(tb_codelist_rival(regions, "Fryslân", f)); /* PV21 and FRL: one area */
}

static size_t count_tag(const tb_codelist *c, const char *tag, const char *level)
{
    size_t n = 0;
    for (size_t i = 0; i < tb_codelist_size(c); i++) {
        const tb_code *e = tb_codelist_at(c, i);
        if (tb_code_has_tag(e, tag) && strcmp(e->level, level) == 0)
            n++;
    }
    return n;
}

static void test_counts(void **state)
{
    (void)state;
    assert_int_equal(count_tag(regions, "seed000", "gemeente"), 62);
    assert_int_equal(count_tag(regions, "seed002", "gemeente"), 81);
    const tb_code *out[600];
    assert_int_equal(tb_codelist_children(regions, "RE02", out, 600), 7); /* 5 districts + 2 provinces */
    assert_int_equal(tb_codelist_descendants(regions, "RE02", "district", out, 600), 5);
    assert_int_equal(tb_codelist_descendants(regions, "RE01", "district", out, 600), 3);
    assert_int_equal(tb_codelist_descendants(regions, "RE01", "basisteam", out, 600), 16);
    /* per district, the seed's own counts: GLM 16, GLZ 18, IJS 11, NOG 22, TWN 14 */
    const char *d[5] = {"GLM", "GLZ", "IJS", "NOG", "TWN"};
    size_t want[5] = {16, 18, 11, 22, 14};
    for (int k = 0; k < 5; k++) {
        size_t n = tb_codelist_children(regions, d[k], out, 600), s = 0;
        for (size_t i = 0; i < n && i < 600; i++)
            s += tb_code_has_tag(out[i], "seed002");
        assert_int_equal(s, want[k]);
    }
    /* today's gemeenten in the seed areas: 2024 indeling */
    size_t n = tb_codelist_descendants(regions, "RE01", "gemeente", out, 600), cur = 0;
    for (size_t i = 0; i < n; i++)
        cur += tb_code_has_tag(out[i], "current");
    assert_int_equal(cur, 40); /* 2024: 10 Groningen + 18 Fryslân + 12 Drenthe */
    n = tb_codelist_descendants(regions, "RE02", "gemeente", out, 600), cur = 0;
    for (size_t i = 0; i < n; i++)
        cur += tb_code_has_tag(out[i], "current");
    assert_int_equal(cur, 76); /* 2024: 25 Overijssel + 51 Gelderland */
}

static void test_hierarchy(void **state)
{
    (void)state;
    const tb_code *e = tb_codelist_find(regions, "GM0080"); /* Leeuwarden */
    assert_non_null(e);
    assert_int_equal(e->nparents, 2);
    assert_string_equal(e->parents[0], "FRL");
    assert_string_equal(e->parents[1], "PV21");
    assert_true(tb_codelist_within(regions, "GM0080", "RE01"));
    assert_true(tb_codelist_within(regions, "GM0080", "LD01"));
    assert_true(tb_codelist_within(regions, "GM0080", "NL01"));
    assert_false(tb_codelist_within(regions, "GM0080", "RE02"));
    assert_true(tb_codelist_within(regions, "GM0164", "TWN"));
    /* a merged gemeente: last year and successors */
    e = tb_codelist_find(regions, "GM0017"); /* Haren */
    assert_int_equal(e->to_year, 2018);
    assert_int_equal(e->nsuccessors, 1);
    assert_string_equal(e->successors[0], "GM0014");
    e = tb_codelist_find(regions, "GM0055"); /* Boarnsterhim, split over four */
    assert_int_equal(e->nsuccessors, 4);
    e = tb_codelist_find(regions, "GM1945"); /* Berg en Dal, new since 2016 */
    assert_int_equal(e->from_year, 2016);
    assert_true(tb_codelist_within(regions, "GM1945", "GLZ"));
    /* LD02 Oost-Nederland includes Flevoland, RE02 does not */
    assert_true(tb_codelist_within(regions, "PV24", "LD02"));
    assert_false(tb_codelist_within(regions, "PV24", "RE02"));
    assert_true(tb_codelist_within(regions, "PV23", "RE02"));
    /* indicator groups: High Impact Crime */
    const tb_code *out[20];
    assert_int_equal(tb_codelist_children(indicators, "HIC", out, 20), 4);
    assert_true(tb_codelist_within(indicators, "1.4.5", "HIC"));   /* via GEWELD */
    assert_true(tb_codelist_within(indicators, "1.1.1", "HIC"));
    assert_false(tb_codelist_within(indicators, "CBS-1.1.1", "HIC"));
    assert_false(tb_codelist_within(indicators, "CBS-CRI1132", "HIC"));
    /* 1.1.1, 1.4.6, 1.4.7 and, via GEWELD, 1.4.1 to 1.4.5 */
    assert_int_equal(tb_codelist_descendants(indicators, "HIC", "offence", out, 20), 8);
}

/* ---- malformed lists ---------------------------------------------------- */

/* Load LEN bytes of TEXT as a code list; *OUT (if not NULL) gets the list. */
static tb_status load_bytes(const char *text, size_t len, tb_error *err,
                            tb_codelist **out)
{
    char path[] = "/tmp/tb_codelist_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    tb_codelist *c = NULL;
    memset(err, 0, sizeof *err);
    tb_status st = tb_codelist_load(&c, path, err);
    if (st != TB_OK)
        assert_null(c);
    if (out)
        *out = c;
    else
        tb_codelist_free(c);
    unlink(path);
    return st;
}

static tb_status load_text(const char *text, tb_error *err)
{
    return load_bytes(text, strlen(text), err, NULL);
}

/* The error of loading PATH, formatted as the program prints it. */
static const char *error_of(const char *path)
{
    static char buf[1400];
    tb_codelist *c = NULL;
    tb_error err = {0};
    assert_int_not_equal(tb_codelist_load(&c, path, &err), TB_OK);
    assert_null(c);
    tb_error_format(&err, buf, sizeof buf);
    return buf;
}

#define HEADER "code,name,level\n"

/* Hostile bytes: each refused at its line and character column. */
static void test_hostile_bytes(void **state)
{
    (void)state;
    tb_error err;
    /* the reproducers: "\xC2\xA0" alone as a code (line 3, field 1);
     * "GM01\0" + "53" (the NUL is byte 5 of line 3); nine 0xA0 bytes and
     * then a NUL (byte 10 of line 3; 0xEE on line 2 is no error alone) */
    assert_string_equal(error_of("tests/data/regress/codelist_nbsp_code.csv"),
                        "tests/data/regress/codelist_nbsp_code.csv:3:1: 'code' holds "
                        "only white space (U+00A0), expected a value in every row");
    assert_string_equal(error_of("tests/data/regress/codelist_nul_code.csv"),
                        "tests/data/regress/codelist_nul_code.csv:3:5: a NUL byte, "
                        "expected text without control characters");
    assert_string_equal(error_of("tests/data/regress/codelist_fuzz_bytes.csv"),
                        "tests/data/regress/codelist_fuzz_bytes.csv:3:10: a NUL byte, "
                        "expected text without control characters");

    /* a code of 1.424 bytes (Windows-1252, found by fuzzing) was loaded but
     * never found again: the lookups key 512 bytes; refused like a series
     * name over TB_LOAD_MAX_NAME */
    assert_string_equal(error_of("tests/data/regress/codelist_long_code.csv"),
                        "tests/data/regress/codelist_long_code.csv:2:1: code of 1424 "
                        "bytes, expected at most 200");

    /* U+3000 ideographic space as the whole name: field 2 of line 2 */
    assert_int_equal(load_text(HEADER "A,\xE3\x80\x80,x\n", &err), TB_EPARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 2);
    assert_string_equal(err.msg, "'name' holds only white space (U+3000), "
                                 "expected a value in every row");

    /* a control character: "A\x05" starts line 2, so byte 2 */
    assert_int_equal(load_text(HEADER "A\x05,a,x\n", &err), TB_EPARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 2);
    assert_string_equal(err.msg, "control character U+0005 (enquiry), expected text "
                                 "without control characters");

    /* UTF-8 "â" on line 2, then Windows-1252 "é" (0xE9) on line 3 after
     * "GM0080,Leeuw" (12 bytes): byte 13 */
    assert_int_equal(load_text(HEADER "PV21,Frysl\xC3\xA2n,provincie\n"
                                      "GM0080,Leeuw\xE9rden,gemeente\n", &err),
                     TB_EPARSE);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 13);
    assert_string_equal(err.msg, "byte 0xE9 is not UTF-8, but the file has UTF-8 "
                                 "text before it (line 2), expected the whole file "
                                 "in one encoding (save it again as UTF-8)");

    /* a UTF-16 surrogate written as UTF-8 (ED A0 80) is no UTF-8 either */
    assert_int_equal(load_text(HEADER "B,\xC3\xA9,x\nA,\xED\xA0\x80,x\n", &err),
                     TB_EPARSE);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 3);

    /* 0x81 has no character in Windows-1252 */
    assert_int_equal(load_text(HEADER "A,\x81,x\n", &err), TB_EPARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
    assert_string_equal(err.msg, "byte 0x81 is not Windows-1252, expected UTF-8 or "
                                 "Windows-1252 text");

    assert_int_equal(load_bytes("\xFF\xFE" "c\0o\0", 6, &err, NULL), TB_EPARSE);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 1);
    assert_string_equal(err.msg, "file is UTF-16, expected UTF-8 or Windows-1252 text");

    assert_int_equal(load_text(HEADER "A,a\"b,x\n", &err), TB_EPARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 0);
    assert_string_equal(err.msg, "misplaced quote in a field, expected a quote only "
                                 "around a whole field (write \"\" for a quote "
                                 "inside one)");
}

/* Text that is fine once read the way load.h reads series files. */
static void test_encodings_accepted(void **state)
{
    (void)state;
    tb_error err;
    tb_codelist *c;
    /* Windows-1252 only: 0xE2 is "â", converted to UTF-8 C3 A2 */
    const char *cp1252 = HEADER "PV21,Frysl\xE2n,provincie\n";
    assert_int_equal(load_bytes(cp1252, strlen(cp1252), &err, &c), TB_OK);
    assert_string_equal(tb_codelist_at(c, 0)->name, "Frysl\xC3\xA2n");
    assert_string_equal(tb_codelist_match(c, "Fryslan")->code, "PV21");
    tb_codelist_free(c);
    /* no-break spaces around values are trimmed like spaces */
    const char *nbsp = HEADER "\xC2\xA0GM0153\xC2\xA0,Enschede\xE2\x80\xAF,gemeente\n";
    assert_int_equal(load_bytes(nbsp, strlen(nbsp), &err, &c), TB_OK);
    assert_non_null(tb_codelist_find(c, "GM0153"));
    assert_string_equal(tb_codelist_at(c, 0)->name, "Enschede");
    tb_codelist_free(c);
    /* a BOM before a quoted header (CBS exports) */
    assert_int_equal(load_text("\xEF\xBB\xBF\"code\",\"name\",\"level\"\nA,a,x\n", &err),
                     TB_OK);
}

/* ---- code lists as downloaded from CBS (tests/reference/real) ----------- */

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static tb_codelist *load_real(const char *rel)
{
    char path[1024];
    tb_real_path(path, sizeof path, rel);
    tb_codelist *c = NULL;
    tb_error err = {0};
    if (tb_codelist_load(&c, path, &err) != TB_OK) {
        char buf[1400];
        tb_error_format(&err, buf, sizeof buf);
        print_message("load error: %s\n", buf);
    }
    assert_non_null(c);
    return c;
}

/* bernasco-staat/RegioS.csv: CBS OData Key,Title,Description, CRLF, the
 * descriptions over several lines.  Counted by hand: 375 records (545
 * physical lines), 1 NL + 6 LD + 13 PV + 11 RE + 344 GM.  Rows read:
 *   "NL01  ","Nederland"        "PV22  ","Drenthe (PV)","PV = Provincie..."
 *   "GM1680","Aa en Hunze","Ontstaan per 01-01-1998"
 *   "PV20  ","Groningen (PV)"   "GM0014","Groningen (gemeente)"
 *   "LD02  ","Oost-Nederland (LD)"   "RE02  ","Oost-Nederland (RE)" */
static void test_cbs_regios(void **state)
{
    (void)state;
    tb_codelist *c = load_real("bernasco-staat/RegioS.csv");
    assert_int_equal(tb_codelist_size(c), 375);
    const tb_code *nl = tb_codelist_match(c, "NL01  ");
    assert_non_null(nl);
    assert_string_equal(nl->code, "NL01");   /* the padding is not the code */
    assert_string_equal(nl->name, "Nederland");
    assert_string_equal(nl->level, "land");
    const tb_code *pv = tb_codelist_find(c, "PV22");
    assert_non_null(pv);
    assert_string_equal(pv->name, "Drenthe (PV)");
    assert_string_equal(pv->level, "provincie");
    /* the description is the note, its CR CR LF line ends read as LF */
    assert_true(starts_with(pv->note, "PV = Provincie\n\nBestuurlijke onderverdeling"));
    assert_string_equal(code_of(c, "Drenthe"), "PV22");     /* title without (PV) */
    assert_string_equal(code_of(c, "drenthe (pv)"), "PV22");
    const tb_code *gm = tb_codelist_find(c, "GM1680");
    assert_non_null(gm);
    assert_string_equal(gm->name, "Aa en Hunze");
    assert_string_equal(gm->level, "gemeente");
    assert_string_equal(gm->note, "Ontstaan per 01-01-1998");
    assert_string_equal(code_of(c, "AA EN HUNZE"), "GM1680");
    assert_string_equal(code_of(c, "Fryslan (PV)"), "PV21");  /* "Fryslân (PV)" */
    /* a shared name goes to the lowest level, as in data/regions.csv */
    assert_string_equal(code_of(c, "Groningen"), "GM0014");
    assert_string_equal(code_of(c, "Groningen (PV)"), "PV20");
    assert_string_equal(code_at(c, "Groningen", "provincie"), "PV20");
    assert_string_equal(code_of(c, "Oost-Nederland"), "RE02");
    assert_string_equal(tb_codelist_find(c, "LD02")->level, "landsdeel");
    assert_string_equal(tb_codelist_find(c, "RE02")->level, "eenheid");
    assert_string_equal(code_of(c, "Hengelo (O.)"), "GM0164");
    tb_codelist_free(c);
}

/* bernasco-staat/SoortMisdrijf.csv (59 records) and Overlast.csv (9):
 *   "1.1.1 ","1.1.1 Diefstal/inbraak woning","A20 Gekwal. Diefstal ..."
 *   "E33   ","Overlast door verward persoon" */
static void test_cbs_offences(void **state)
{
    (void)state;
    tb_codelist *c = load_real("bernasco-staat/SoortMisdrijf.csv");
    assert_int_equal(tb_codelist_size(c), 59);
    const tb_code *e = tb_codelist_match(c, "1.1.1 ");
    assert_non_null(e);
    assert_string_equal(e->code, "1.1.1");
    assert_string_equal(e->name, "1.1.1 Diefstal/inbraak woning");
    assert_string_equal(e->level, "");        /* no region code */
    assert_string_equal(code_of(c, "Diefstal/inbraak woning"), "1.1.1");
    assert_string_equal(code_of(c, "Totaal misdrijven"), "0.0.0");
    assert_true(starts_with(e->note, "A20 Gekwal. Diefstal in/uit woning\nA30 "));
    tb_codelist_free(c);
    c = load_real("bernasco-staat/Overlast.csv");
    assert_int_equal(tb_codelist_size(c), 9);
    assert_string_equal(tb_codelist_match(c, "E33   ")->name,
                        "Overlast door verward persoon");
    tb_codelist_free(c);
}

/* loznik-cbstheft/gemeente_2018.csv: 381 lines = header + 380 gemeenten,
 * in 12 provinces (PV20..PV31), so 392 entries.  Line 2:
 *   1680,GM1680,Aa en Hunze,22,PV22,Drenthe
 * PV22 holds 12 gemeenten (grep -c ",PV22,").  Friesland is spelled so in
 * 2018 and Fryslân in gemeente_2021.csv (352 gemeenten + 12 = 364). */
static void test_cbs_gemeenten(void **state)
{
    (void)state;
    tb_codelist *c = load_real("loznik-cbstheft/gemeente_2018.csv");
    assert_int_equal(tb_codelist_size(c), 392);
    const tb_code *gm = tb_codelist_match(c, "GM1680");
    assert_non_null(gm);
    assert_string_equal(gm->name, "Aa en Hunze");
    assert_string_equal(gm->level, "gemeente");
    assert_int_equal(gm->nparents, 1);
    assert_string_equal(gm->parents[0], "PV22");
    const tb_code *pv = tb_codelist_find(c, "PV22");
    assert_non_null(pv);
    assert_string_equal(pv->name, "Drenthe");
    assert_string_equal(pv->level, "provincie");
    assert_int_equal(pv->nparents, 0);
    assert_string_equal(code_of(c, "Drenthe"), "PV22");
    assert_string_equal(code_of(c, "Friesland"), "PV21");
    assert_int_equal(tb_codelist_descendants(c, "PV22", "gemeente", NULL, 0), 12);
    assert_int_equal(tb_codelist_within(c, "GM1680", "PV22"), 1);
    /* "Nuenen, Gerwen en Nederwetten" is quoted for its comma */
    assert_string_equal(code_of(c, "Nuenen, Gerwen en Nederwetten"), "GM0820");
    /* gemeente and province Groningen: the gemeente, as in data/ */
    assert_string_equal(code_of(c, "Groningen"), "GM0014");
    assert_string_equal(code_of(c, "Groningen (PV)"), "PV20");
    tb_codelist_free(c);
    c = load_real("loznik-cbstheft/gemeente_2021.csv");
    assert_int_equal(tb_codelist_size(c), 364);
    assert_string_equal(code_of(c, "Fryslan"), "PV21");
    tb_codelist_free(c);
}

/* rubennaatje-r-ds/82949NED_TypedDataSet_17052018_142705.csv: a gemeente
 * lookup, ';', BOM, 393 rows, every one a GM code; names padded to 50:
 *   "0";"GM1680    ";"GM1680    ";"Aa en Hunze      ...";"Aa en Hunze ..."
 *   "165";"GM1884    ";"GM1884    ";"Kaag en Braassem ...";"Kaag ..."
 * SorteringNaam_3 is a sort key ("Kaag"), not a name. */
static void test_cbs_typed_lookup(void **state)
{
    (void)state;
    tb_codelist *c = load_real("rubennaatje-r-ds/82949NED_TypedDataSet_17052018_142705.csv");
    assert_int_equal(tb_codelist_size(c), 393);
    const tb_code *gm = tb_codelist_find(c, "GM1680");
    assert_non_null(gm);
    assert_string_equal(gm->name, "Aa en Hunze");
    assert_string_equal(gm->level, "gemeente");
    assert_string_equal(code_of(c, "Kaag en Braassem"), "GM1884");
    assert_string_equal(code_of(c, "Kaag"), "(none)");
    tb_codelist_free(c);
}

/* The CBS layouts built from small texts: level by code prefix, the
 * province named by its code when the list has no Provincienaam, and the
 * errors naming the CBS column. */
static void test_cbs_layouts(void **state)
{
    (void)state;
    tb_error err;
    tb_codelist *c;
    const char *keys = "\"Key\",\"Title\"\r\n\"WK016400\",\"Wijk 00\"\r\n"
                       "\"BU01640000\",\"Centrum\"\r\n\"CR13\",\"Twente\"\r\n";
    assert_int_equal(load_bytes(keys, strlen(keys), &err, &c), TB_OK);
    assert_string_equal(tb_codelist_find(c, "WK016400")->level, "wijk");
    assert_string_equal(tb_codelist_find(c, "BU01640000")->level, "buurt");
    assert_string_equal(tb_codelist_find(c, "CR13")->level, "");  /* COROP */
    tb_codelist_free(c);
    const char *gm = "GemeentecodeGM,Gemeentenaam,ProvinciecodePV\nGM0153,Enschede,PV23\n";
    assert_int_equal(load_bytes(gm, strlen(gm), &err, &c), TB_OK);
    assert_int_equal(tb_codelist_size(c), 2);
    assert_string_equal(tb_codelist_find(c, "PV23")->name, "PV23");
    assert_int_equal(tb_codelist_within(c, "GM0153", "PV23"), 1);
    tb_codelist_free(c);
    /* an empty Title: line 3, column 2, named as in the header */
    assert_int_equal(load_text("Key,Title\nA,a\nB,\n", &err), TB_EPARSE);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 2);
    assert_string_equal(err.msg, "empty 'Title', expected a value in every row");
    /* a gemeente row without its province's name: column 4 */
    assert_int_equal(load_text("GemeentecodeGM,Gemeentenaam,ProvinciecodePV,Provincienaam\n"
                               "GM0153,Enschede,PV23,\n", &err), TB_EPARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 4);
    assert_string_equal(err.msg, "empty 'Provincienaam', expected a value in every row");
    /* neither the own layout nor a CBS one */
    assert_int_equal(load_text("Gemeentecode,Naam\n0153,Enschede\n", &err), TB_EPARSE);
    assert_string_equal(err.msg, "the header has no column 'code'; expected at least "
                                 "code,name,level, or a CBS code list (Key,Title or "
                                 "Code_1,Naam_2 or GemeentecodeGM,Gemeentenaam)");
}

static void test_errors(void **state)
{
    (void)state;
    tb_error err;
    assert_int_equal(load_text("code,name\nA,a\n", &err), TB_EPARSE);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.msg, "no column 'level'"));

    assert_int_equal(load_text("code,name,level\nA,a,x\nA,b,x\n", &err), TB_EDATA);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "code 'A' already used on line 2"));

    assert_int_equal(load_text("code,name,level,parents\nA,a,x,B\n", &err), TB_EDATA);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 4);
    assert_non_null(strstr(err.msg, "'B' of 'A' is not a code"));

    assert_int_equal(load_text("code,name,level\nA,a,x\nB,b\n", &err), TB_EPARSE);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "row has 2 fields, expected 3"));

    assert_int_equal(load_text("code,name,level,preferred\nA,n,x,1\nB,n,y,1\n", &err),
                     TB_EDATA);
    assert_non_null(strstr(err.msg, "both are flagged preferred"));

    assert_int_equal(load_text("code,name,level,aliases\nA,a,x,B\nB,b,x,\n", &err),
                     TB_EDATA);
    assert_non_null(strstr(err.msg, "but the code of 'B'"));

    assert_int_equal(load_text("code,name,level,from\nA,a,x,20x3\n", &err), TB_EPARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 4);

    assert_int_equal(load_text("code,name,level\n\"A,a,x\n", &err), TB_EPARSE);
    assert_non_null(strstr(err.msg, "unterminated"));

    assert_int_equal(load_text("", &err), TB_EPARSE);
    assert_non_null(strstr(err.msg, "empty file"));

    assert_int_equal(load_text("code,name,level\n,a,x\n", &err), TB_EPARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 1);

    /* multi-line quoted note, CRLF, BOM, no final newline: accepted */
    assert_int_equal(load_text("\xEF\xBB\xBF" "code,name,level,note\r\nA,a,x,\"two\r\nlines\"\r\nB,b,x,", &err),
                     TB_OK);
    tb_codelist *c = NULL;
    assert_int_equal(tb_codelist_load(&c, "/nonexistent/regions.csv", &err), TB_EIO);
    assert_null(c);
    tb_codelist_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diacritics_and_case),
        cmocka_unit_test(test_codes_padded),
        cmocka_unit_test(test_suffixes),
        cmocka_unit_test(test_ambiguity_rule),
        cmocka_unit_test(test_indicator_trap),
        cmocka_unit_test(test_closest),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_hierarchy),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_hostile_bytes),
        cmocka_unit_test(test_encodings_accepted),
        cmocka_unit_test(test_cbs_regios),
        cmocka_unit_test(test_cbs_offences),
        cmocka_unit_test(test_cbs_gemeenten),
        cmocka_unit_test(test_cbs_typed_lookup),
        cmocka_unit_test(test_cbs_layouts),
    };
    return cmocka_run_group_tests_name("codelist", tests, setup, teardown);
}

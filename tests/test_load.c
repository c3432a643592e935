/* Loader tests: cells, periods and measures; small fixtures for each
 * detection; and every real export with numbers read by hand from the
 * files: the small ones copied into tests/reference/real, the big ones
 * only in ../shared/data/real (those tests skip without it). */
#include "tb_test.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trendbeeld/load.h"
#include "trendbeeld/measure.h"

typedef struct {
    tb_store *s;
    tb_load_report rep;
    tb_error err;
    tb_diag *warn;
    tb_status st;
} loaded;

static void load_with(loaded *l, const char *path, const tb_load_options *o)
{
    l->s = tb_store_new();
    l->warn = tb_diag_new();
    memset(&l->err, 0, sizeof l->err);
    l->st = tb_load_file(l->s, path, o, &l->rep, l->warn, &l->err);
    if (l->st != TB_OK) {
        char buf[1400];
        tb_error_format(&l->err, buf, sizeof buf);
        print_message("load error: %s\n", buf);
    }
}

static void load_real(loaded *l, const char *rel, const tb_load_options *o)
{
    char path[1024];
    load_with(l, tb_real_path(path, sizeof path, rel), o);
}

/* A big export, not copied: the test skips when ../shared is absent. */
static void load_shared(loaded *l, const char *rel, const tb_load_options *o)
{
    char path[1024];
    if (!tb_shared_real_path(path, sizeof path, rel))
        tb_skip_without_shared(rel);
    load_with(l, path, o);
}

static void done(loaded *l)
{
    tb_store_free(l->s);
    tb_diag_free(l->warn);
}

static double val(const loaded *l, const char *r, const char *i, const char *m,
                  int year)
{
    const tb_series *x = tb_store_find(l->s, r, i, m);
    if (!x) {
        print_message("no series (%s, %s, %s)\n", r, i, m);
        return -12345;
    }
    return tb_series_get(x, year);
}

static unsigned flg(const loaded *l, const char *r, const char *i,
                    const char *m, int year)
{
    const tb_series *x = tb_store_find(l->s, r, i, m);
    return x ? tb_series_flags(x, year) : 0xFFu;
}

static int warned(const loaded *l, const char *text)
{
    for (size_t k = 0; k < tb_diag_count(l->warn); k++)
        if (strstr(tb_diag_get(l->warn, k), text))
            return 1;
    return 0;
}

/* ---- cells --------------------------------------------------------------- */

static void test_numbers(void **state)
{
    (void)state;
    double v;
    assert_true(tb_number_parse("     645", TB_DECIMAL_POINT, &v));
    assert_exact(v, 645);
    assert_true(tb_number_parse("    25.6", TB_DECIMAL_POINT, &v));
    assert_exact(v, 25.6);
    assert_true(tb_number_parse("58085.0", TB_DECIMAL_POINT, &v));
    assert_exact(v, 58085);
    assert_true(tb_number_parse("15456762.916666666", TB_DECIMAL_POINT, &v));
    assert_exact(v, 15456762.916666666);
    assert_true(tb_number_parse("1,1", TB_DECIMAL_COMMA, &v));
    assert_exact(v, 1.1);
    assert_true(tb_number_parse("1.234,5", TB_DECIMAL_COMMA, &v));
    assert_exact(v, 1234.5);
    assert_true(tb_number_parse("15.642", TB_DECIMAL_COMMA, &v)); /* Dutch thousands */
    assert_exact(v, 15642);
    assert_false(tb_number_parse("1,1", TB_DECIMAL_POINT, &v));
    assert_false(tb_number_parse("25.6", TB_DECIMAL_COMMA, &v));
    assert_false(tb_number_parse("1.1.1", TB_DECIMAL_POINT, &v));
    assert_false(tb_number_parse("12x", TB_DECIMAL_POINT, &v));
    assert_false(tb_number_parse("nan", TB_DECIMAL_POINT, &v));
    assert_false(tb_number_parse("", TB_DECIMAL_POINT, &v));
    assert_true(tb_load_is_missing("."));
    assert_true(tb_load_is_missing("       ."));
    assert_true(tb_load_is_missing(""));
    assert_true(tb_load_is_missing(" "));
    assert_true(tb_load_is_missing("x"));
    assert_false(tb_load_is_missing("0"));
    assert_false(tb_load_is_missing("0.0"));
}

static void test_periods(void **state)
{
    (void)state;
    tb_period p;
    assert_true(tb_load_parse_period("2013", &p));
    assert_int_equal(p.year, 2013);
    assert_int_equal(p.per_year, 1);
    assert_int_equal(p.provisional, 0);
    assert_true(tb_load_parse_period("2011*", &p));
    assert_int_equal(p.year, 2011);
    assert_int_equal(p.provisional, 1);
    assert_true(tb_load_parse_period("2015JJ00", &p));
    assert_int_equal(p.year, 2015);
    assert_int_equal(p.per_year, 1);
    assert_true(tb_load_parse_period("2013MM12", &p));
    assert_int_equal(p.sub, 12);
    assert_int_equal(p.per_year, 12);
    assert_true(tb_load_parse_period("2014KW03", &p));
    assert_int_equal(p.sub, 3);
    assert_int_equal(p.per_year, 4);
    assert_true(tb_load_parse_period("2012-07-01", &p));
    assert_int_equal(p.year, 2012);
    assert_int_equal(p.sub, 7);
    assert_true(tb_load_parse_period("2013-01", &p));
    assert_int_equal(p.sub, 1);
    assert_true(tb_load_parse_period("2025 april *", &p));
    assert_int_equal(p.sub, 4);
    assert_int_equal(p.provisional, 1);
    assert_true(tb_load_parse_period("2025 oktober*", &p));
    assert_int_equal(p.sub, 10);
    assert_false(tb_load_parse_period("2013MM13", &p));
    /* a day the month has: 30 February is no date; 29 February only in a
     * leap year (2000 is one, 1900 is not) */
    assert_false(tb_load_parse_period("2013-02-30", &p));
    assert_false(tb_load_parse_period("2013-02-29", &p));
    assert_true(tb_load_parse_period("2012-02-29", &p));
    assert_true(tb_load_parse_period("2000-02-29", &p));
    assert_false(tb_load_parse_period("1900-02-29", &p));
    assert_false(tb_load_parse_period("2013-04-31", &p));
    assert_true(tb_load_parse_period("2013-12-31", &p));
    assert_false(tb_load_parse_period("twee", &p));
    assert_false(tb_load_parse_period("Perioden", &p));
}

static void test_measures(void **state)
{
    (void)state;
    assert_string_equal(tb_measure_name("TotaalGeregistreerdeMisdrijven_1"),
                        "aangiften");
    assert_string_equal(tb_measure_name("GeregistreerdeMisdrijvenPer1000Inw_3"),
                        "misdrijven_per_1000");
    assert_string_equal(tb_measure_name("||Totaal opgehelderde misdrijven"),
                        "opgehelderd");
    assert_string_equal(tb_measure_name("% van totaal geregistreerde misdrijven"),
                        "opgehelderd_pct");
    assert_string_equal(tb_measure_name("RegistratiesVanVerdachten_6"),
                        "verdachten");
    assert_string_equal(
        tb_measure_name("Bevolking aan het einde van de periode"), "inwoners");
    assert_null(tb_measure_name("1 Vermogensmisdrijven"));
    /* one measure, however a source names it (measure.h) */
    assert_string_equal(tb_measure_name("misdrijven"), "aangiften");
    assert_string_equal(tb_measure_name("Geregistreerde misdrijven"), "aangiften");
    assert_string_equal(tb_measure_name("bevolking"), "inwoners");
    assert_string_equal(tb_measure_name("Ophelderingspercentage"), "opgehelderd_pct");
    assert_int_equal(tb_measure_kind_of("inwoners"), TB_MEASURE_STOCK);
    assert_int_equal(tb_measure_kind_of("rapportcijfer"), TB_MEASURE_SCORE);
    assert_int_equal(tb_measure_kind_of("verdachtenratio"), TB_MEASURE_PERCENTAGE);
    assert_int_equal(tb_measure_kind_of("index_2011"), TB_MEASURE_SCORE);
    assert_int_equal(tb_measure_kind_of("diefstallen_per_1000"), TB_MEASURE_RATE);
    assert_true(tb_measure_is_count("aangiften"));
    assert_false(tb_measure_is_count("misdrijven_per_1000"));
    assert_false(tb_measure_is_count("opgehelderd_pct"));
}

/* ---- fixtures -------------------------------------------------------------- */

static void test_cp1252_decimal_comma(void **state)
{
    (void)state;
    loaded l;
    load_with(&l, "tests/data/load/cp1252_comma.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    assert_string_equal(l.rep.encoding, "WINDOWS-1252");
    assert_int_equal(l.rep.delimiter, ';');
    assert_int_equal(l.rep.decimal_comma, 1);
    assert_int_equal(l.rep.crlf, 1);
    /* 0xE2 in Windows-1252 is â: the name arrives as UTF-8 */
    assert_exact(val(&l, "Frysl\xc3\xa2n", "woninginbraak", "aangiften", 2012), 1234.5);
    assert_exact(val(&l, "Frysl\xc3\xa2n", "woninginbraak", "aangiften", 2013), 987);
    done(&l);
}

static void test_dutch_long_status(void **state)
{
    (void)state;
    loaded l;
    load_with(&l, "tests/data/load/dutch_long.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    assert_int_equal(l.rep.bom, 1);
    assert_int_equal(l.rep.crlf, 1);
    assert_string_equal(l.rep.format, "long");
    assert_exact(val(&l, "Oost-Nederland", "woninginbraak", "aangiften", 2012), 15642);
    assert_true(flg(&l, "Oost-Nederland", "woninginbraak", "aangiften", 2011) &
                TB_FLAG_APPROX);
    assert_true(flg(&l, "Oost-Nederland", "woninginbraak", "aangiften", 2013) &
                TB_FLAG_PROVISIONAL);
    assert_int_equal(flg(&l, "Oost-Nederland", "woninginbraak", "aangiften", 2012), 0);
    assert_true(isnan(val(&l, "Oost-Nederland", "woninginbraak", "aangiften", 2014)));
    assert_int_equal(l.rep.missing, 1);
    const tb_series *x = tb_store_find(l.s, "Oost-Nederland", "woninginbraak", "aangiften");
    assert_string_equal(x->source, "Veiligheidsstrategie 2015-2018");
    done(&l);
}

static void test_wide_provisional(void **state)
{
    (void)state;
    loaded l;
    load_with(&l, "tests/data/load/wide_prov.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    assert_string_equal(l.rep.format, "wide");
    assert_exact(val(&l, "Groningen", "overlast jeugd", "meldingen", 2008), 3207);
    assert_exact(val(&l, "Groningen", "overlast jeugd", "meldingen", 2011), 2275);
    assert_true(flg(&l, "Groningen", "overlast jeugd", "meldingen", 2011) &
                TB_FLAG_PROVISIONAL);
    assert_true(isnan(val(&l, "Fryslan", "overlast jeugd", "meldingen", 2010)));
    assert_int_equal(l.rep.rows, 2);
    assert_int_equal(l.rep.missing, 1);
    done(&l);
}

static void test_multiline_line_numbers(void **state)
{
    (void)state;
    loaded l;
    load_with(&l, "tests/data/load/multiline_bad.csv", NULL);
    /* the note of line 2 runs over two lines: the bad cell is on line 4 */
    assert_int_equal(l.st, TB_EPARSE);
    assert_int_equal(l.err.line, 4);
    assert_int_equal(l.err.column, 5);
    assert_string_equal(l.err.msg, "'1O1' is not a number, expected a number or a "
                                   "missing-value marker (. or empty)");
    done(&l);
}

static void test_monthly_partial(void **state)
{
    (void)state;
    loaded l;
    load_with(&l, "tests/data/load/monthly_part.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    /* 10 + 12, March missing: a sum over 2 of 12 months, flagged */
    assert_exact(val(&l, "Twente", "woninginbraak", "aangiften", 2013), 22);
    assert_true(flg(&l, "Twente", "woninginbraak", "aangiften", 2013) &
                TB_FLAG_INCOMPLETE);
    /* inwoners is a stock: the last month, not the sum */
    assert_exact(val(&l, "Twente", "inwoners", "inwoners", 2013), 1010);
    assert_true(flg(&l, "Twente", "inwoners", "inwoners", 2013) & TB_FLAG_INCOMPLETE);
    done(&l);
}

static void test_options(void **state)
{
    (void)state;
    loaded l;
    tb_load_options o = {.region = "Twente"};
    load_with(&l, "tests/errors/wide_ok.csv", &o);
    assert_int_equal(l.st, TB_EINVAL);
    done(&l);
    tb_load_options m = {.map = "region=indicator,indicator=regio"};
    load_with(&l, "tests/errors/wide_ok.csv", &m);
    assert_int_equal(l.st, TB_OK);
    assert_exact(val(&l, "woninginbraak", "Twente", "aantal", 2013), 118);
    done(&l);
    load_with(&l, "tests/data/load/no_such_file.csv", NULL);
    assert_int_equal(l.st, TB_EIO);
    done(&l);
}

/* ---- real exports ------------------------------------------------------------ */

static void test_thoolen(void **state)
{
    (void)state;
    loaded l;
    load_real(&l, "thoolen-misdrijven/misdrijven_2022_2023.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    assert_string_equal(l.rep.format, "statline");
    assert_int_equal(l.rep.header_lines_skipped, 6);
    assert_int_equal(l.rep.footer_lines, 1);
    assert_int_equal(l.rep.rows, 356);
    const char *T = "Totaal misdrijven", *M = "aangiften";
    assert_exact(val(&l, "Oost-Nederland (RE)", T, M, 2022), 127470);
    assert_exact(val(&l, "Oost-Nederland (RE)", T, M, 2023), 122522);
    assert_exact(val(&l, "Noord-Nederland (RE)", T, M, 2022), 63489);
    assert_exact(val(&l, "Noord-Nederland (RE)", T, M, 2023), 64455);
    assert_exact(val(&l, "Nederland", T, M, 2022), 800027);
    assert_exact(val(&l, "Aa en Hunze", T, M, 2023), 664);
    assert_exact(val(&l, "Hengelo (O.)", T, M, 2022), 3907);
    assert_true(isnan(val(&l, "Buitenland", T, M, 2022)));
    assert_true(flg(&l, "Buitenland", T, M, 2023) & TB_FLAG_MISSING);
    done(&l);
    load_real(&l, "thoolen-misdrijven/Misdrijven_2024.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    assert_exact(val(&l, "Oost-Nederland (RE)", T, M, 2024), 122993);
    assert_exact(val(&l, "Noord-Nederland (RE)", T, M, 2024), 62381);
    assert_exact(val(&l, "Nederland", T, M, 2024), 805559);
    done(&l);
}

static void test_bernasco(void **state)
{
    (void)state;
    loaded l;
    /* national files that name no region: --region says which, never a
     * silent Nederland */
    load_real(&l, "bernasco-staat/NL_Disorder.csv", NULL);
    assert_int_equal(l.st, TB_EINVAL);
    assert_string_equal(l.err.msg, "the file names no region (no region column, no title "
                                   "line 'Regio's: ...'); expected --region NAME for the "
                                   "region its values are of (e.g. --region Nederland)");
    done(&l);
    const tb_load_options nl = {.region = "Nederland"};
    load_real(&l, "bernasco-staat/NL_Disorder.csv", &nl);
    assert_int_equal(l.st, TB_OK);
    assert_exact(val(&l, "Nederland", "Totaal registraties overlast", "aantal", 2018),
                 349988);
    assert_exact(val(&l, "Nederland", "Totaal registraties overlast", "aantal", 2012),
                 279325);
    done(&l);

    load_real(&l, "bernasco-staat/NL_Crime.csv", &nl);
    assert_int_equal(l.st, TB_OK);
    const char *W = "1.1.1 Diefstal/inbraak woning";
    assert_exact(val(&l, "Nederland", W, "aantal", 2013), 87455);
    assert_exact(val(&l, "Nederland", W, "aantal", 2018), 42887);
    assert_exact(val(&l, "Nederland", "1.2.3 Diefstal van brom-, snor-, fietsen",
                     "aantal", 2012) > 0, 1);
    done(&l);

    /* the 13th row repeats the annual total: true totals, not twice */
    load_real(&l, "bernasco-staat/NL_Disorder_monthly_14f99b5.csv", &nl);
    assert_int_equal(l.st, TB_OK);
    const char *O = "Totaal registraties overlast";
    assert_exact(val(&l, "Nederland", O, "aantal", 2012), 279325);
    assert_exact(val(&l, "Nederland", O, "aantal", 2018), 349988);
    assert_exact(val(&l, "Nederland", O, "aantal", 2023), 444177);
    assert_int_equal(l.rep.annual_repeats, 9 * 12);
    assert_true(warned(&l, "repeat the annual total"));
    done(&l);

    load_real(&l, "bernasco-staat/NL_Population.csv", &nl);
    assert_int_equal(l.st, TB_OK);
    assert_exact(val(&l, "Nederland", "bevolking", "inwoners", 1995),
                 15456762.916666666);
    assert_exact(val(&l, "Nederland", "bevolking", "inwoners", 2024), 17949491);
    done(&l);
}

/* monthly, dates 2012-01-01: January to December 2012 sum to 91595 */
static void test_bernasco_monthly(void **state)
{
    (void)state;
    loaded l;
    const tb_load_options nl = {.region = "Nederland"};
    const char *W = "1.1.1 Diefstal/inbraak woning";
    load_shared(&l, "bernasco-staat/NL_Crime_monthly_14f99b5.csv", &nl);
    assert_int_equal(l.st, TB_OK);
    assert_exact(val(&l, "Nederland", W, "aantal", 2012), 91595);
    assert_int_equal(flg(&l, "Nederland", W, "aantal", 2012), 0);
    assert_int_equal(l.rep.monthly_rows, 59 * 12 * 12);
    assert_int_equal(l.rep.ignored_columns, 1); /* total_incident_count */
    done(&l);
}

static void test_vsnijders(void **state)
{
    (void)state;
    loaded l;
    load_real(&l, "vsnijders-smp/crimi.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    const char *T = "Misdrijven, totaal";
    assert_exact(val(&l, "Nederland", T, "aangiften", 2011), 1192755);
    assert_true(flg(&l, "Nederland", T, "aangiften", 2011) & TB_FLAG_PROVISIONAL);
    assert_false(flg(&l, "Nederland", T, "aangiften", 2010) & TB_FLAG_PROVISIONAL);
    assert_exact(val(&l, "Nederland", T, "misdrijven_per_1000", 2011), 71.6);
    assert_exact(val(&l, "Nederland", T, "opgehelderd", 2011), 288845);
    assert_exact(val(&l, "Nederland", T, "opgehelderd_pct", 2011), 24.2);
    /* " " is missing, never 0 */
    assert_exact(val(&l, "Niet in te delen (PO)", T, "aangiften", 2008), 1025);
    assert_true(isnan(val(&l, "Niet in te delen (PO)", T, "misdrijven_per_1000", 2008)));
    assert_exact(val(&l, "Niet in te delen (PO)", T, "opgehelderd_pct", 2008), 13.5);
    done(&l);
}

static void test_rubennaatje_odata(void **state)
{
    (void)state;
    loaded l;
    load_shared(&l, "rubennaatje-r-ds/83648NED_UntypedDataSet_17052018_141347.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    assert_string_equal(l.rep.format, "odata");
    assert_int_equal(l.rep.bom, 1);
    assert_exact(val(&l, "GM1680", "0000000", "aangiften", 2015), 645);
    assert_exact(val(&l, "GM1680", "0000000", "misdrijven_per_1000", 2015), 25.6);
    assert_exact(val(&l, "GM0738", "0000000", "aangiften", 2015), 385);
    assert_exact(val(&l, "GM0193", "9020000", "aangiften", 2015), 15);
    /* padded "       ." and "" are missing */
    assert_true(isnan(val(&l, "GM0193", "9020000", "misdrijven_per_1000", 2015)));
    assert_true(isnan(val(&l, "GM0305", "0000000", "aangiften", 2015)));
    assert_int_equal(l.rep.rows, 33972);
    done(&l);
}

static void test_rubennaatje_per_1000(void **state)
{
    (void)state;
    loaded l;
    load_real(&l, "rubennaatje-r-ds/criminaliteit.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    /* "RE02  " is trimmed */
    assert_exact(val(&l, "RE02", "0000000", "misdrijven_per_1000", 2015), 46.0);
    assert_exact(val(&l, "RE01", "0000000", "misdrijven_per_1000", 2015), 44.6);
    assert_exact(val(&l, "NL01", "0000000", "misdrijven_per_1000", 2015), 57.9);
    assert_true(isnan(val(&l, "RE99", "0000000", "misdrijven_per_1000", 2015)));
    done(&l);
}

static void test_ftm_transposed(void **state)
{
    (void)state;
    loaded l;
    const tb_load_options nl = {.region = "Nederland"};
    load_real(&l, "ftm-politie/Geregistreerde_criminaliteit__soort_misdrijf__regio_05022026_163607.csv",
              &nl);
    assert_int_equal(l.st, TB_OK);
    assert_string_equal(l.rep.format, "transposed");
    assert_int_equal(l.rep.crlf, 1);
    assert_int_equal(l.rep.bom, 1);
    assert_int_equal(l.rep.rows, 15);
    assert_exact(val(&l, "Nederland", "Misdrijven, totaal", "aantal", 2010), 1200825);
    assert_exact(val(&l, "Nederland", "Misdrijven, totaal", "aantal", 2024), 811885);
    assert_exact(val(&l, "Nederland", "111 Diefstal en inbraak met geweld", "aantal", 2010),
                 16290);
    assert_exact(val(&l, "Nederland", "1 Vermogensmisdrijven", "aantal", 2013), 690610);
    done(&l);
}

static void test_gewoonmaarten_composite(void **state)
{
    (void)state;
    loaded l;
    load_real(&l, "gewoonmaarten-criminaliteit/Criminaliteit_Provincies.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    assert_string_equal(l.rep.format, "composite");
    assert_int_equal(l.rep.rows, 76);
    const char *T = "Misdrijven, totaal";
    assert_exact(val(&l, "Nederland", T, "aangiften", 2014), 1025630);
    assert_exact(val(&l, "Nederland", T, "opgehelderd", 2014), 271355);
    assert_exact(val(&l, "Nederland", T, "verdachten", 2017), 245005);
    assert_exact(val(&l, "Gelderland (PV)", T, "aangiften", 2014), 102230);
    assert_exact(val(&l, "Gelderland (PV)", T, "aangiften", 2017), 81250);
    assert_true(flg(&l, "Gelderland (PV)", T, "aangiften", 2016) & TB_FLAG_PROVISIONAL);
    assert_false(flg(&l, "Gelderland (PV)", T, "aangiften", 2015) & TB_FLAG_PROVISIONAL);
    assert_exact(val(&l, "Groningen (PV)", T, "aangiften", 2014), 30715);
    assert_exact(val(&l, "Nederland", "1.1.1 Diefstal en inbraak met geweld",
                     "aangiften", 2015), 9730);
    done(&l);
}

static void test_chels_population(void **state)
{
    (void)state;
    loaded l;
    load_shared(&l, "chels-j-nlviolentcrime/bevolkingeindeperiod_jaren_22122025.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    assert_string_equal(l.rep.format, "statline");
    assert_int_equal(l.rep.rows, 569);
    assert_int_equal(l.rep.footer_lines, 1);
    const char *B = "bevolking", *I = "inwoners";
    assert_exact(val(&l, "Gelderland (PV)", B, I, 2013), 2019692);
    assert_exact(val(&l, "Overijssel (PV)", B, I, 2013), 1139697);
    assert_exact(val(&l, "Groningen (PV)", B, I, 2013), 582728);
    assert_exact(val(&l, "Frysl\xc3\xa2n (PV)", B, I, 2013), 646317);
    assert_exact(val(&l, "Drenthe (PV)", B, I, 2013), 488988);
    /* Abcoude merged in 2011: "" afterwards is missing, never 0 */
    assert_exact(val(&l, "Abcoude", B, I, 2010), 8791);
    assert_true(isnan(val(&l, "Abcoude", B, I, 2011)));
    done(&l);

    /* unquoted, padded to 35 fields, no 2022 column, monthly 2025 */
    load_shared(&l, "chels-j-nlviolentcrime/bevolkingeindeperiod_21122025.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    assert_exact(val(&l, "Gelderland (PV)", B, I, 2013), 2019692);
    assert_true(isnan(val(&l, "Gelderland (PV)", B, I, 2022)));
    assert_exact(val(&l, "Groningen (PV)", B, I, 2023), 601347);
    /* 2025: end of October (a stock), flagged incomplete and provisional */
    assert_exact(val(&l, "Gelderland (PV)", B, I, 2025), 2173204);
    assert_true(flg(&l, "Gelderland (PV)", B, I, 2025) & TB_FLAG_INCOMPLETE);
    assert_true(flg(&l, "Gelderland (PV)", B, I, 2025) & TB_FLAG_PROVISIONAL);
    done(&l);
}

static void test_yasminesfk(void **state)
{
    (void)state;
    loaded l;
    tb_load_options o = {.region = "Noord-Nederland (LD)"};
    load_real(&l, "yasminesfk-gezond-oud/Geregistreerde_criminaliteit_Noord_Nederland.csv", &o);
    assert_int_equal(l.st, TB_OK);
    const char *R = "Noord-Nederland (LD)", *T = "Misdrijven, totaal";
    assert_exact(val(&l, R, T, "aantal", 2021), 60540);
    assert_exact(val(&l, R, T, "aantal", 2022), 63930);
    assert_exact(val(&l, R, T, "aantal", 2023), 64165);
    assert_true(flg(&l, R, T, "aantal", 2022) & TB_FLAG_PROVISIONAL);
    assert_false(flg(&l, R, T, "aantal", 2021) & TB_FLAG_PROVISIONAL);
    assert_exact(val(&l, R, "111 Diefstal en inbraak met geweld", "aantal", 2023), 365);
    assert_int_equal(l.rep.footer_lines, 1);
    done(&l);

    /* decimal commas: "1,1" is 1.1 */
    load_real(&l, "yasminesfk-gezond-oud/Regionale_kerncijfers_Nederland_22012025_144703.csv",
              NULL);
    assert_int_equal(l.st, TB_OK);
    assert_int_equal(l.rep.decimal_comma, 1);
    assert_exact(val(&l, "Nederland",
                     "Nabijheid voorzieningen|Gezondheid|Afstand tot huisartsenpraktijk km",
                     "aantal", 2022), 1.1);
    assert_exact(val(&l, "Nederland",
                     "Nabijheid voorzieningen|Gezondheid|Aantal huisartsenpraktijken binnen 3 km aantal",
                     "aantal", 2023), 7.7);
    assert_true(l.rep.ignored_columns > 0); /* code and name columns */
    done(&l);
}

static void test_markyonan_zeros(void **state)
{
    (void)state;
    loaded l;
    load_shared(&l, "markyonan-dashboard/voorspelmodel.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    const char *T = "Misdrijven, totaal";
    assert_exact(val(&l, "'s-Gravenhage (gemeente)", T, "aangiften", 2010), 58085);
    assert_exact(val(&l, "Abcoude", T, "aangiften", 2010), 550);
    /* "0.0" after the merger: kept, but flagged as suspect */
    assert_exact(val(&l, "Abcoude", T, "aangiften", 2011), 0);
    assert_true(flg(&l, "Abcoude", T, "aangiften", 2011) & TB_FLAG_SUSPECT);
    assert_false(flg(&l, "Abcoude", T, "aangiften", 2010) & TB_FLAG_SUSPECT);
    assert_true(l.rep.suspect_zeros >= 591);
    assert_true(warned(&l, "flagged as suspect"));
    done(&l);
}

static void test_loznik(void **state)
{
    (void)state;
    loaded l;
    load_shared(&l, "loznik-cbstheft/cbs_diefstallen.csv", NULL);
    assert_int_equal(l.st, TB_OK);
    assert_int_equal(l.rep.rows, 66240);
    /* GebruikVanGeweld folded into the indicator; T001540 (total) left out */
    assert_exact(val(&l, "GM1680", "CRI1122", "aangiften", 2018), 25);
    assert_exact(val(&l, "GM1680", "CRI1122", "aangiften", 2019), 50);
    assert_exact(val(&l, "GM1680", "CRI1132|A048105", "aangiften", 2018), 0);
    assert_true(isnan(val(&l, "GM1680", "CRI1132|A048106", "aangiften", 2018)));
    assert_true(isnan(val(&l, "GM1680", "CRI1122", "misdrijven_per_1000", 2018)));
    done(&l);
}

static void test_code_lists_refused(void **state)
{
    (void)state;
    static const char *const files[] = {
        "bernasco-staat/RegioS.csv",
        "bernasco-staat/SoortMisdrijf.csv",
        "bernasco-staat/Overlast.csv",
        "loznik-cbstheft/gemeente_2018.csv",
        "loznik-cbstheft/gemeente_2021.csv",
        "rubennaatje-r-ds/82949NED_TypedDataSet_17052018_142705.csv",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        loaded l;
        load_real(&l, files[i], NULL);
        assert_int_equal(l.st, TB_EDATA);
        assert_non_null(strstr(l.err.msg, "is a code list"));
        assert_int_equal(tb_store_size(l.s), 0);
        done(&l);
    }
    loaded l;
    load_real(&l, "chels-j-nlviolentcrime/allemisdrijven_metadata_21122025.csv", NULL);
    assert_int_equal(l.st, TB_EDATA);
    assert_non_null(strstr(l.err.msg, "table description"));
    done(&l);
}

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
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_periods),
        cmocka_unit_test(test_measures),
        cmocka_unit_test(test_cp1252_decimal_comma),
        cmocka_unit_test(test_dutch_long_status),
        cmocka_unit_test(test_wide_provisional),
        cmocka_unit_test(test_multiline_line_numbers),
        cmocka_unit_test(test_monthly_partial),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_thoolen),
        cmocka_unit_test(test_bernasco),
        cmocka_unit_test(test_bernasco_monthly),
        cmocka_unit_test(test_vsnijders),
        cmocka_unit_test(test_rubennaatje_odata),
        cmocka_unit_test(test_rubennaatje_per_1000),
        cmocka_unit_test(test_ftm_transposed),
        cmocka_unit_test(test_gewoonmaarten_composite),
        cmocka_unit_test(test_chels_population),
        cmocka_unit_test(test_yasminesfk),
        cmocka_unit_test(test_markyonan_zeros),
        cmocka_unit_test(test_loznik),
        cmocka_unit_test(test_code_lists_refused),
        cmocka_unit_test(test_hostile_values),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_encoding_rule),
        cmocka_unit_test(test_file_kinds),
        cmocka_unit_test(test_file_grows),
        cmocka_unit_test(test_regressions),
    };
    return cmocka_run_group_tests_name("load", tests, NULL, NULL);
}

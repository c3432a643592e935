/* Loader tests: cells, periods and measures; small fixtures for each
 * detection; and every real export with numbers read by hand from the
 * files: the small ones copied into tests/reference/real, the big ones
 * only in ../shared/data/real (those tests skip without it).  Hostile
 * input, limits and encodings are in test_load_limits.c. */
#include "tb_load_test.h"

#include <string.h>

#include "trendbeeld/load.h"
#include "trendbeeld/measure.h"

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
    };
    return cmocka_run_group_tests_name("load", tests, NULL, NULL);
}

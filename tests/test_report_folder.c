/* The annex report folder: file names, the tables and text written,
 * every number in the text against the tables it came from, the folder
 * complete on success and untouched on failure, what a second run
 * removes, and the whole report on the shipped data/. */
#include "tb_report_test.h"

#include <dirent.h>
#include <glob.h>
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trendbeeld/indicators.h"
#include "trendbeeld/load.h"
#include "trendbeeld/report.h"

static void test_file_stem(void **state)
{
    (void)state;
    char b[64];
    tb_report_file_stem(b, sizeof b, "../../etc/passwd");
    assert_string_equal(b, "etc_passwd");
    tb_report_file_stem(b, sizeof b, "Woninginbraak / HIC");
    assert_string_equal(b, "woninginbraak_hic");
    tb_report_file_stem(b, sizeof b, "Súdwest-Fryslân");
    assert_string_equal(b, "s_dwest-frysl_n");
    tb_report_file_stem(b, sizeof b, "x'; system('id'); '");
    assert_string_equal(b, "x_system_id");
    tb_report_file_stem(b, sizeof b, "...");
    assert_string_equal(b, "x");
    tb_report_file_stem(b, sizeof b, NULL);
    assert_string_equal(b, "x");
}

/* ---- the report folder ---------------------------------------------------- */

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    size_t k = fread(b, 1, (size_t)n, f);
    b[k] = '\0';
    fclose(f);
    return b;
}

/* Staging folders of the output transaction left next to DIR. */
static int count_tmp(const char *dir)
{
    const char *slash = strrchr(dir, '/');
    char parent[512], prefix[300];
    snprintf(parent, sizeof parent, "%.*s", slash ? (int)(slash - dir) : 1, slash ? dir : ".");
    snprintf(prefix, sizeof prefix, ".%s.trendbeeld-", slash ? slash + 1 : dir);
    DIR *d = opendir(parent);
    if (!d)
        return 0;
    int k = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (!strncmp(e->d_name, prefix, strlen(prefix)))
            k++;
    closedir(d);
    return k;
}

static const tb_report_theme seed_theme = {
    .id = "overlast_jeugd",
    .title = "Meldingen overlast jeugd",
    .what = "meldingen overlast jeugd",
    .indicator = "overlast jeugd",
    .measure = "meldingen",
    .area = "Noord-Nederland",
    .nregions = 3,
    .regions = codes,
    .names = names,
    .total = 1,
};

/* The table row of NAME ("total" = the sum row) in YEAR: FIELD. */
static double row_value(json_t *rows, const char *name, int year, const char *field)
{
    size_t i;
    json_t *r;
    int total = !strcmp(name, "total");
    json_array_foreach(rows, i, r)
    {
        const char *rn = json_string_value(json_object_get(r, total ? "region" : "name"));
        if (!strcmp(rn, name) && json_integer_value(json_object_get(r, "year")) == year)
            return json_number_value(json_object_get(r, field));
    }
    fail_msg("no table row %s %d", name, year);
    return NAN;
}

/* Every claim in results.json is checked against the table rows it came
 * from: levels against "value", yoy against "yoy_pct", period changes
 * against the two values, the number of regions against the rows.
 * Returns the number of claims checked. */
static int claims_match_tables(json_t *theme)
{
    json_t *rows = json_object_get(theme, "rows");
    json_t *claims = json_object_get(json_object_get(theme, "text"), "claims");
    size_t i, j;
    json_t *c, *r;
    int checked = 0;
    json_array_foreach(claims, i, c)
    {
        const char *key = json_string_value(json_object_get(c, "key"));
        double v = json_number_value(json_object_get(c, "value"));
        if (!strncmp(key, "regions", 7)) {
            if (!strcmp(key, "regions")) { /* distinct regions in the rows */
                char seen[256][128];
                size_t ns = 0;
                json_array_foreach(rows, j, r)
                {
                    const char *rg = json_string_value(json_object_get(r, "region"));
                    size_t k = 0;
                    while (k < ns && strcmp(seen[k], rg))
                        k++;
                    if (k == ns && strcmp(rg, "total") && ns < 256)
                        snprintf(seen[ns++], sizeof seen[0], "%s", rg);
                }
                assert_close(v, (double)ns, 0);
            }
            checked++;
            continue;
        }
        /* the longest row name that prefixes the key ("Hengelo (O.)") */
        char name[128] = "";
        if (!strncmp(key, "total.", 6))
            snprintf(name, sizeof name, "total");
        json_array_foreach(rows, j, r)
        {
            const char *rn = json_string_value(json_object_get(r, "name"));
            size_t l = strlen(rn);
            if (!strncmp(key, rn, l) && key[l] == '.' && l > strlen(name) &&
                strcmp(json_string_value(json_object_get(r, "region")), "total"))
                snprintf(name, sizeof name, "%s", rn);
        }
        if (!name[0])
            fail_msg("claim %s names no table row", key);
        const char *rest = key + strlen(name) + 1;
        char kind[32];
        int y, y2;
        if (sscanf(rest, "%d", &y) == 1 && !strchr(rest, '.')) {
            assert_close(v, row_value(rows, name, y, "value"), 1e-12);
        } else if (sscanf(rest, "%31[a-z_].%d-%d", kind, &y, &y2) == 3) {
            assert_string_equal(kind, "change_pct");
            double a = row_value(rows, name, y, "value"), b = row_value(rows, name, y2, "value");
            assert_close(v, 100.0 * (b / a - 1), 1e-12);
        } else if (sscanf(rest, "%31[a-z_].%d", kind, &y) == 2) {
            assert_string_equal(kind, "yoy_pct");
            assert_close(v, row_value(rows, name, y, "yoy_pct"), 1e-12);
        } else {
            fail_msg("claim %s not understood", key);
        }
        checked++;
    }
    assert_int_equal(checked, json_array_size(claims));
    return checked;
}

static void test_report_folder(void **state)
{
    (void)state;
    char dir[] = "/tmp/tb_report_XXXXXX";
    assert_non_null(mkdtemp(dir));
    tb_store *s = seed_store();
    tb_report_options o;
    tb_report_options_init(&o);
    o.out_dir = dir;
    o.source = "GIDS/BVH, politie Noord-Nederland";
    o.missing_note = "Doel x: geen gegevens\nDoel y: geen gegevens";
    char gp[4096];
    o.render = tb_plot_gnuplot_found(gp, sizeof gp);
    if (!o.render)
        print_message("gnuplot is not on the PATH: the report is tested unrendered\n");
    tb_report_summary sum;
    tb_diag *warn = tb_diag_new();
    tb_error err = {0};
    tb_status rc = tb_report_write(s, &seed_theme, 1, NULL, 0, &o, &sum, warn, &err);
    if (rc)
        print_error("%s\n", err.msg);
    assert_int_equal(rc, TB_OK);
    assert_int_equal(sum.scripts, 1);
    assert_int_equal(sum.tables, 1);
    assert_int_equal(count_tmp(dir), 0);

    char p[512];
    snprintf(p, sizeof p, "%s/tables/overlast_jeugd.csv", dir);
    char *csv = slurp(p);
    assert_non_null(csv);
    assert_true(starts_with(csv, "region,name,indicator,measure,year,value,provisional,"
                              "yoy_pct,index,rate_per_1000\n"
                              "PV20,Groningen,overlast jeugd,meldingen,2008,3207,0,,100,\n"
                              "PV20,Groningen,overlast jeugd,meldingen,2009,2976,0,"
                              "-7.202993452,92.79700655,\n"));
    /* total 2011 7177; vs 2010 7514: -4.484961405%; index 100 x 7177/8614 */
    assert_non_null(strstr(csv, "total,Noord-Nederland,overlast jeugd,meldingen,2011,"
                                "7177,0,-4.484961405,83.31785466,\n"));
    free(csv);

    snprintf(p, sizeof p, "%s/report.md", dir);
    char *md = slurp(p);
    assert_non_null(md);
    assert_non_null(strstr(md, "## Meldingen overlast jeugd"));
    assert_non_null(strstr(md, "daalde van 8.614 in 2008 naar 7.177 in 2011"));
    assert_non_null(strstr(md, "| 2011 | 2.275 | 2.931 | 1.971 | 7.177 |"));
    assert_non_null(strstr(md, "| 2011 | " M "12,1% | +10,0% | " M "12,8% | " M "4,5% |"));
    assert_non_null(strstr(md, "## Werkwijze"));
    /* what was left out is listed, one item a line; sources once */
    assert_non_null(strstr(md, "- Doel x: geen gegevens\n- Doel y: geen gegevens\n"));
    assert_non_null(strstr(md, "## Bronnen\n\n- GIDS/BVH\n"));
    snprintf(p, sizeof p, "%s/report.html", dir);
    char *html = slurp(p);
    assert_non_null(html);
    assert_non_null(strstr(html, "<td>2.931</td>"));
    if (o.render) {
        assert_int_equal(sum.images, 1);
        assert_non_null(strstr(md, "![Meldingen overlast jeugd](overlast_jeugd.png)"));
        assert_non_null(strstr(html, "src=\"data:image/png;base64,iVBORw0KGgo"));
        snprintf(p, sizeof p, "%s/overlast_jeugd.png", dir);
        struct stat sb;
        assert_int_equal(stat(p, &sb), 0);
        /* the shipped script runs on its own, silently */
        char *msg = NULL;
        assert_int_equal(tb_plot_render(dir, "overlast_jeugd.gp", &msg, &err), TB_OK);
        assert_string_equal(msg, "");
        free(msg);
        assert_int_equal(tb_diag_count(warn), 1); /* no inwoners: no rates */
    }
    free(html);

    snprintf(p, sizeof p, "%s/results.json", dir);
    json_error_t je;
    json_t *root = json_load_file(p, 0, &je);
    assert_non_null(root);
    json_t *theme = json_array_get(json_object_get(root, "themes"), 0);
    assert_non_null(theme);
    assert_true(claims_match_tables(theme) > 10);
    json_decref(root);

    /* A failing run leaves the report as it was and no temporary files. */
    const char *bad_regions[2] = {"PV20", "PV99"};
    tb_report_theme bad = seed_theme;
    bad.regions = bad_regions;
    bad.nregions = 2;
    tb_report_theme both[2] = {seed_theme, bad};
    both[1].id = "other";
    o.lang = TB_LANG_EN;
    rc = tb_report_write(s, both, 2, NULL, 0, &o, &sum, warn, &err);
    assert_int_equal(rc, TB_EDATA);
    assert_non_null(strstr(err.msg, "no series for region PV99"));
    snprintf(p, sizeof p, "%s/report.md", dir);
    char *md2 = slurp(p);
    assert_string_equal(md, md2);
    free(md2);
    free(md);
    assert_int_equal(count_tmp(dir), 0);
    snprintf(p, sizeof p, "%s/tables", dir);
    assert_int_equal(count_tmp(p), 0);
    snprintf(p, sizeof p, "%s/other.gp", dir);
    assert_int_not_equal(access(p, F_OK), 0);

    tb_diag_free(warn);
    tb_store_free(s);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}


/* Nine regions and their total are more columns than a page holds: the
 * tables turn to the annex layout, a row per region and the years as
 * columns, in both report.md and report.html.  Region k (1..9) has
 * 100 k + (year - 2010) in 2010..2023, except R1 in 2016: 200.
 *   total 2010 = 100 (1 + ... + 9) = 4500, year d: 4500 + 9 d;
 *   2016: 4500 + 54 - 106 + 200 = 4648.
 * Counts are at most 5 characters ("4.648"): 14 years x (5 + 2) = 98 <= 99
 * fit one table.  Changes reach 6 ("+90,5%" = 200 / 105 - 1): 99 / 8 = 12
 * a table, so 2011-2023 (13 years) is split evenly into 7 + 6.
 *   R1: 2011 101/100 - 1 = +1,0%; 2012 102/101 - 1 = +0,99% -> +1,0%;
 *   2013 +0,98%, 2014 +0,97%, 2015 +0,96% -> +1,0%; 2016 +90,5%;
 *   2017 107/200 - 1 = -46,5%. */
static void test_wide_tables(void **state)
{
    (void)state;
    char dir[] = "/tmp/tb_report_wide_XXXXXX";
    assert_non_null(mkdtemp(dir));
    tb_store *s = tb_store_new();
    static const char *const regs[9] = {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9"};
    for (int k = 1; k <= 9; k++)
        for (int y = 2010; y <= 2023; y++)
            assert_int_equal(tb_store_put(s, regs[k - 1], "x", "aangiften", y,
                                          k == 1 && y == 2016 ? 200 : 100.0 * k + (y - 2010),
                                          0, "test", NULL, NULL, NULL), TB_OK);
    tb_report_theme th = {.id = "breed", .title = "Breed", .what = "aangiften",
                          .indicator = "x", .measure = "aangiften", .area = "Alles",
                          .nregions = 9, .regions = regs, .total = 1};
    tb_report_options o;
    tb_report_options_init(&o);
    o.out_dir = dir;
    tb_report_summary sum;
    tb_error err = {0};
    assert_int_equal(tb_report_write(s, &th, 1, NULL, 0, &o, &sum, NULL, &err), TB_OK);
    char p[512];
    snprintf(p, sizeof p, "%s/report.md", dir);
    char *md = slurp(p);
    assert_non_null(md);
    assert_non_null(strstr(md, "*Aantal*\n\n| regio | 2010 | 2011 | 2012 | 2013 | 2014 | 2015 | "
                               "2016 | 2017 | 2018 | 2019 | 2020 | 2021 | 2022 | 2023 |\n"
                               "|---|---:|"));
    assert_non_null(strstr(md, "\n| R1 | 100 | 101 | 102 | 103 | 104 | 105 | 200 | 107 | 108 | "
                               "109 | 110 | 111 | 112 | 113 |\n"));
    assert_non_null(strstr(md, "\n| totaal | 4.500 | 4.509 | 4.518 | 4.527 | 4.536 | 4.545 | "
                               "4.648 | 4.563 | 4.572 | 4.581 | 4.590 | 4.599 | 4.608 | "
                               "4.617 |\n"));
    assert_non_null(strstr(md, "*Verandering t.o.v. vorig jaar, 2011–2017*\n\n| regio | 2011 | "
                               "2012 | 2013 | 2014 | 2015 | 2016 | 2017 |\n"));
    assert_non_null(strstr(md, "\n| R1 | +1,0% | +1,0% | +1,0% | +1,0% | +1,0% | +90,5% | "
                               M "46,5% |\n"));
    assert_non_null(strstr(md, "*Verandering t.o.v. vorig jaar, 2018–2023*\n\n| regio | 2018 | "
                               "2019 | 2020 | 2021 | 2022 | 2023 |\n"));
    /* no years-as-rows table is left */
    assert_null(strstr(md, "| jaar |"));
    snprintf(p, sizeof p, "%s/report.html", dir);
    char *html = slurp(p);
    assert_non_null(html);
    assert_non_null(strstr(html, "<div class=\"wide\"><table>\n<caption>Aantal</caption>\n"
                                 "<thead><tr><th>regio</th><th>2010</th>"));
    assert_non_null(strstr(html, "<tr><th>R1</th><td>100</td><td>101</td>"));
    assert_non_null(strstr(html, "<tr class=\"total\"><th>totaal</th><td>4.500</td>"));
    assert_non_null(strstr(html, "<caption>Verandering t.o.v. vorig jaar, 2018–2023</caption>"));
    /* print: the wide tables shrink rather than run off the page */
    assert_non_null(strstr(html, ".wide table{font-size:7.5pt"));
    free(md);
    free(html);
    tb_store_free(s);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static int file_exists(const char *dir, const char *rel)
{
    char p[600];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    return access(p, F_OK) == 0;
}

/* A second report into the same folder removes what the first one wrote
 * and the second does not (a section that is gone, the images of a run
 * with render), and nothing else. */
static void test_manifest(void **state)
{
    (void)state;
    char dir[] = "/tmp/tb_report_XXXXXX";
    assert_non_null(mkdtemp(dir));
    tb_store *s = seed_store();
    tb_report_options o;
    tb_report_options_init(&o);
    o.out_dir = dir;
    char gp[4096];
    o.render = tb_plot_gnuplot_found(gp, sizeof gp);
    tb_report_theme two[2] = {seed_theme, seed_theme};
    two[1].id = "tweede";
    two[1].title = "Tweede";
    tb_report_summary sum;
    tb_diag *warn = tb_diag_new();
    tb_error err = {0};
    assert_int_equal(tb_report_write(s, two, 2, NULL, 0, &o, &sum, warn, &err), TB_OK);
    assert_true(file_exists(dir, "tweede.gp"));
    assert_true(file_exists(dir, "tables/tweede.csv"));
    assert_int_equal(file_exists(dir, "tweede.png"), o.render);
    char p[600];
    snprintf(p, sizeof p, "%s/" TB_REPORT_MANIFEST, dir);
    char *m = slurp(p);
    assert_non_null(m);
    /* name, size and time */
    assert_non_null(strstr(m, "\noverlast_jeugd.gp\t"));
    assert_non_null(strstr(m, "\ntables/tweede.csv\t"));
    assert_non_null(strstr(m, "\nreport.md\t"));
    assert_null(strstr(m, TB_REPORT_MANIFEST));
    free(m);
    /* files of the user, also ones named like a chart */
    const char *mine[3] = {"notities.txt", "eigen.gp", "tables/eigen.csv"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, mine[i]);
        FILE *f = fopen(p, "w");
        assert_non_null(f);
        fclose(f);
    }

    o.render = 0;
    assert_int_equal(tb_report_write(s, &seed_theme, 1, NULL, 0, &o, &sum, warn, &err),
                     TB_OK);
    assert_false(file_exists(dir, "tweede.gp"));
    assert_false(file_exists(dir, "tables/tweede.csv"));
    assert_false(file_exists(dir, "tweede.png"));
    assert_false(file_exists(dir, "overlast_jeugd.png"));
    assert_true(file_exists(dir, "overlast_jeugd.gp"));
    assert_true(file_exists(dir, "tables/overlast_jeugd.csv"));
    assert_true(file_exists(dir, "report.md"));
    for (int i = 0; i < 3; i++)
        assert_true(file_exists(dir, mine[i]));
    snprintf(p, sizeof p, "%s/" TB_REPORT_MANIFEST, dir);
    m = slurp(p);
    /* the names, in the order written, each with its size and time */
    char names[400] = "";
    for (char *line = strtok(m, "\n"); line; line = strtok(NULL, "\n"))
        if (line[0] != '#') {
            char *tab = strchr(line, '\t');
            assert_non_null(tab);
            struct stat sb;
            *tab = '\0';
            snprintf(p, sizeof p, "%s/%s", dir, line);
            assert_int_equal(stat(p, &sb), 0);
            assert_int_equal(strtoll(tab + 1, NULL, 10), sb.st_size);
            strcat(names, line);
            strcat(names, " ");
        }
    assert_string_equal(names, "overlast_jeugd.gp tables/overlast_jeugd.csv report.md "
                               "report.html results.json ");
    free(m);

    /* a list edited to name other files is not followed outside the folder */
    FILE *f = fopen(p, "a");
    assert_non_null(f);
    fprintf(f, "../%s_outside\t0\t0.0\n%s_outside\t0\t0.0\nnotities.txt\n"
               "eigen.gp\t0\t1.0\n.verborgen\n", dir + 5, dir);
    fclose(f);
    char outside[300];
    snprintf(outside, sizeof outside, "%s_outside", dir);
    f = fopen(outside, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(tb_report_write(s, &seed_theme, 1, NULL, 0, &o, &sum, warn, &err),
                     TB_OK);
    assert_int_equal(access(outside, F_OK), 0);
    /* a name the list gives without the size and time it had, or with
     * others, is not the report's: kept */
    assert_true(file_exists(dir, "notities.txt"));
    assert_true(file_exists(dir, "eigen.gp"));
    assert_int_equal(count_tmp(dir), 0);
    unlink(outside);

    tb_diag_free(warn);
    tb_store_free(s);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* A narrower plan of the shipped data: chosen themes over chosen areas. */
static void check_plan_select(const tb_store *s, const tb_codelist *regions,
                              const tb_codelist *indicators, tb_diag *warn)
{
    tb_error err = {0};
    const char *th1[1] = {"overlast_jeugd"}, *ar1[1] = {"RE01"};
    tb_report_select sel = {.nthemes = 1, .themes = th1, .nareas = 1, .areas = ar1};
    tb_report_plan *p1 = NULL;
    assert_int_equal(tb_report_plan_select(s, regions, indicators, TB_LANG_NL, &sel,
                                           &p1, warn, &err), TB_OK);
    assert_int_equal(tb_report_plan_size(p1), 1);
    const tb_report_theme *t1 = tb_report_plan_themes(p1);
    assert_string_equal(t1[0].id, "overlast_jeugd_RE01");
    assert_string_equal(t1[0].area, "Noord-Nederland");
    assert_int_equal(t1[0].nregions, 3); /* the three provinces */
    tb_report_plan_free(p1);
    /* a district compares its gemeenten; by name, any case */
    const char *th2[1] = {"Woninginbraak"}, *ar2[1] = {"twente"};
    sel = (tb_report_select){.nthemes = 1, .themes = th2, .nareas = 1, .areas = ar2};
    assert_int_equal(tb_report_plan_select(s, regions, indicators, TB_LANG_NL, &sel,
                                           &p1, warn, &err), TB_OK);
    assert_int_equal(tb_report_plan_size(p1), 1);
    t1 = tb_report_plan_themes(p1);
    assert_string_equal(t1[0].id, "woninginbraak_TWN");
    assert_string_equal(t1[0].title, "Woninginbraak, Twente");
    assert_string_equal(t1[0].units, "gemeenten");
    assert_int_equal(t1[0].nregions, 14); /* the 14 gemeenten of Twente */
    assert_int_equal(t1[0].total, 1);
    assert_null(tb_report_plan_missing(p1));
    tb_report_plan_free(p1);
    /* a chosen theme without series for the areas is listed */
    const char *th3[1] = {"totaal"};
    sel = (tb_report_select){.nthemes = 1, .themes = th3, .nareas = 1, .areas = ar2};
    assert_int_equal(tb_report_plan_select(s, regions, indicators, TB_LANG_NL, &sel,
                                           &p1, warn, &err), TB_OK);
    assert_int_equal(tb_report_plan_size(p1), 0);
    assert_string_equal(tb_report_plan_missing(p1),
                        "Totaal misdrijven: geen reeks voor de gekozen regio's\n");
    tb_report_plan_free(p1);
    const char *ar4[1] = {"Atlantis"};
    sel = (tb_report_select){.nareas = 1, .areas = ar4};
    assert_int_equal(tb_report_plan_select(s, regions, indicators, TB_LANG_NL, &sel,
                                           &p1, warn, &err), TB_EINVAL);
    assert_null(p1);
    assert_string_equal(err.msg, "region 'Atlantis' is not in the region list; "
                                 "expected a code or name from it");
    const char *th5[1] = {"fietsen"};
    sel = (tb_report_select){.nthemes = 1, .themes = th5};
    assert_int_equal(tb_report_plan_select(s, regions, indicators, TB_LANG_NL, &sel,
                                           &p1, warn, &err), TB_EINVAL);
    assert_string_equal(err.msg, "theme 'fietsen' is unknown; expected some of "
                                 "woninginbraak, hic, geweld, mishandeling, "
                                 "overlast_jeugd, totaal");
    assert_true(tb_report_theme_known("HIC"));
    assert_false(tb_report_theme_known(NULL));
}

/* The whole report on the shipped data/ (real CBS/politie figures and the
 * seed's numbers): every claim in the text matches its table, and every
 * .gp script in the folder runs in gnuplot without a message. */
static void test_shipped_data(void **state)
{
    (void)state;
    glob_t g;
    if (glob("data/series/*.csv", 0, NULL, &g) != 0) {
        print_message("skipped: no data/series/*.csv (run from the repository root)\n");
        skip();
    }
    tb_codelist *regions = NULL, *indicators = NULL;
    tb_error err = {0};
    assert_int_equal(tb_codelist_load(&regions, "data/regions.csv", &err), TB_OK);
    assert_int_equal(tb_codelist_load(&indicators, "data/indicators.csv", &err), TB_OK);
    tb_store *s = tb_store_new();
    tb_load_options lo = {.regions = regions, .indicators = indicators};
    tb_diag *warn = tb_diag_new();
    for (size_t i = 0; i < g.gl_pathc; i++) {
        tb_status rc = tb_load_file(s, g.gl_pathv[i], &lo, NULL, warn, &err);
        if (rc)
            print_error("%s: %s\n", g.gl_pathv[i], err.msg);
        assert_int_equal(rc, TB_OK);
    }
    globfree(&g);
    tb_rollup *ru = NULL;
    assert_int_equal(tb_ind_rollup(s, regions, &ru, warn, &err), TB_OK);
    tb_rollup_free(ru);
    tb_report_plan *plan = NULL;
    assert_int_equal(tb_report_plan_default(s, regions, indicators, TB_LANG_NL, &plan,
                                            warn, &err), TB_OK);
    size_t nt = tb_report_plan_size(plan);
    const tb_report_theme *th = tb_report_plan_themes(plan);
    /* woninginbraak per unit and per district, overlast jeugd (seed) */
    int seen_wib = 0, seen_overlast = 0;
    for (size_t i = 0; i < nt; i++) {
        seen_wib |= !strcmp(th[i].id, "woninginbraak_RE01");
        seen_overlast |= !strcmp(th[i].id, "overlast_jeugd_RE01");
    }
    assert_true(seen_wib);
    assert_true(seen_overlast);

    check_plan_select(s, regions, indicators, warn);

    char dir[] = "/tmp/tb_report_XXXXXX";
    assert_non_null(mkdtemp(dir));
    tb_report_options o;
    tb_report_options_init(&o);
    o.out_dir = dir;
    o.regions = regions;
    o.indicators = indicators;
    char gp[4096];
    o.render = tb_plot_gnuplot_found(gp, sizeof gp);
    tb_report_summary sum;
    tb_status rc = tb_report_write(s, th, nt, NULL, 0, &o, &sum, warn, &err);
    if (rc)
        print_error("%s\n", err.msg);
    assert_int_equal(rc, TB_OK);
    assert_int_equal(sum.tables, (int)nt);

    char p[600];
    snprintf(p, sizeof p, "%s/results.json", dir);
    json_error_t je;
    json_t *root = json_load_file(p, 0, &je);
    assert_non_null(root);
    json_t *themes = json_object_get(root, "themes");
    assert_int_equal(json_array_size(themes), nt);
    size_t i;
    json_t *t;
    int claims = 0;
    json_array_foreach(themes, i, t) claims += claims_match_tables(t);
    print_message("%zu sections, %d claims checked against their tables\n", nt, claims);
    assert_true(claims > 100);
    /* the seed's sentence, now from the shipped files */
    int found = 0;
    json_array_foreach(themes, i, t)
    {
        if (strcmp(json_string_value(json_object_get(t, "id")), "overlast_jeugd_re01"))
            continue;
        const char *txt =
            json_string_value(json_object_get(json_object_get(t, "text"), "sentences"));
        assert_non_null(strstr(txt, "daalde van 8.614 in 2008 naar 7.177 in 2011"));
        assert_non_null(strstr(txt, "Fryslân wijkt af: daar steeg het aantal in 2011 "
                                    "met 10,0% (van 2.665 naar 2.931)"));
        found = 1;
    }
    assert_true(found);
    json_decref(root);

    if (o.render) {
        DIR *d = opendir(dir);
        struct dirent *e;
        int scripts = 0;
        while ((e = readdir(d))) {
            size_t l = strlen(e->d_name);
            if (l < 4 || strcmp(e->d_name + l - 3, ".gp"))
                continue;
            char *msg = NULL;
            assert_int_equal(tb_plot_render(dir, e->d_name, &msg, &err), TB_OK);
            if (*msg)
                print_error("%s: %s\n", e->d_name, msg);
            assert_string_equal(msg, "");
            free(msg);
            scripts++;
        }
        closedir(d);
        assert_int_equal(scripts, sum.scripts);
    }
    tb_report_plan_free(plan);
    tb_diag_free(warn);
    tb_store_free(s);
    tb_codelist_free(regions);
    tb_codelist_free(indicators);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_stem),
        cmocka_unit_test(test_manifest),
        cmocka_unit_test(test_report_folder),
        cmocka_unit_test(test_wide_tables),
        cmocka_unit_test(test_shipped_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

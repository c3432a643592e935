/* The shipped data: the CSV files in data/series, read directly with libcsv and
 * checked against figures read by hand from the sources
 * (tests/reference/real/SOURCES.md and the two policy documents), and
 * against data/regions.csv and data/indicators.csv. */
#include "tb_test.h"

#include <csv.h>
#include <dirent.h>
#include <math.h>
#include <string.h>

#include "trendbeeld/codelist.h"

typedef struct {
    char *f[8];   /* region,indicator,measure,year,value,note,bron,status */
    const char *file;
    long line;
} row;

static struct {
    row *r;
    size_t n, cap;
    char *files[32];
    size_t nfiles;
    int bad_header;
    /* parse state */
    char *cur[8];
    size_t nf;
    long line, rec;
    const char *file;
} D;

static tb_codelist *regions, *indicators;

static const char *const header[8] = {"region", "indicator", "measure", "year",
                                      "value", "note", "bron", "status"};

static void on_field(void *s, size_t len, void *p)
{
    (void)p;
    if (D.nf < 8)
        D.cur[D.nf] = strndup(s ? s : "", s ? len : 0);
    D.nf++;
}

static void on_record(int t, void *p)
{
    (void)t;
    (void)p;
    if (D.rec++ == 0) {
        for (size_t i = 0; i < 8; i++)
            if (D.nf != 8 || !D.cur[i] || strcmp(D.cur[i], header[i]) != 0)
                D.bad_header = 1;
        for (size_t i = 0; i < 8 && i < D.nf; i++)
            free(D.cur[i]);
    } else {
        if (D.n == D.cap) {
            D.cap = D.cap ? 2 * D.cap : 4096;
            D.r = realloc(D.r, D.cap * sizeof *D.r);
        }
        row *r = &D.r[D.n++];
        memset(r, 0, sizeof *r);
        for (size_t i = 0; i < 8 && i < D.nf; i++)
            r->f[i] = D.cur[i];
        if (D.nf != 8)
            r->f[0] = NULL; /* marks a ragged row */
        r->file = D.file;
        r->line = D.line;
    }
    memset(D.cur, 0, sizeof D.cur);
    D.nf = 0;
}

static int read_series_dir(void)
{
    DIR *d = opendir("data/series");
    if (!d)
        return -1;
    struct dirent *de;
    while ((de = readdir(d)) && D.nfiles < 32) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".csv") != 0)
            continue;
        char *path;
        if (asprintf(&path, "data/series/%s", de->d_name) < 0)
            return -1;
        D.files[D.nfiles++] = path;
        FILE *f = fopen(path, "rb");
        if (!f)
            return -1;
        struct csv_parser p;
        csv_init(&p, CSV_STRICT | CSV_APPEND_NULL);
        D.file = path;
        D.rec = 0;
        D.line = 0;
        char *buf = NULL;
        size_t cap = 0;
        ssize_t n;
        while ((n = getline(&buf, &cap, f)) > 0) {
            D.line++;
            if (csv_parse(&p, buf, (size_t)n, on_field, on_record, NULL) != (size_t)n)
                return -1;
        }
        csv_fini(&p, on_field, on_record, NULL);
        csv_free(&p);
        free(buf);
        fclose(f);
    }
    closedir(d);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    tb_error err = {0};
    if (tb_codelist_load(&regions, "data/regions.csv", &err) != TB_OK
        || tb_codelist_load(&indicators, "data/indicators.csv", &err) != TB_OK)
        return -1;
    return read_series_dir();
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < D.n; i++)
        for (int k = 0; k < 8; k++)
            free(D.r[i].f[k]);
    free(D.r);
    for (size_t i = 0; i < D.nfiles; i++)
        free(D.files[i]);
    tb_codelist_free(regions);
    tb_codelist_free(indicators);
    return 0;
}

/* Sum of VALUE over rows of INDICATOR/MEASURE/YEAR whose region lies in
 * one of the areas (NULL-terminated); counts rows into *N. */
static double sum_within(const char *indicator, const char *measure, int year,
                         const char *const *areas, size_t *n)
{
    double s = 0;
    size_t k = 0;
    for (size_t i = 0; i < D.n; i++) {
        row *r = &D.r[i];
        if (!r->f[0] || strcmp(r->f[1], indicator) || strcmp(r->f[2], measure)
            || atoi(r->f[3]) != year)
            continue;
        for (const char *const *a = areas; *a; a++)
            if (tb_codelist_within(regions, r->f[0], *a)
                && strcmp(r->f[0], *a) != 0) {
                s += strtod(r->f[4], NULL);
                k++;
                break;
            }
    }
    if (n)
        *n = k;
    return s;
}

static const row *find(const char *region, const char *indicator, const char *measure,
                       int year)
{
    for (size_t i = 0; i < D.n; i++) {
        const row *r = &D.r[i];
        if (r->f[0] && !strcmp(r->f[0], region) && !strcmp(r->f[1], indicator)
            && !strcmp(r->f[2], measure) && atoi(r->f[3]) == year)
            return r;
    }
    return NULL;
}

static double value(const char *region, const char *indicator, const char *measure,
                    int year)
{
    const row *r = find(region, indicator, measure, year);
    return r ? strtod(r->f[4], NULL) : NAN;
}

static void test_format(void **state)
{
    (void)state;
    assert_int_equal(D.nfiles, 7);
    assert_false(D.bad_header);
    assert_true(D.n > 20000);
    for (size_t i = 0; i < D.n; i++) {
        const row *r = &D.r[i];
        if (!r->f[0])
            fail_msg("%s:%ld: ragged row", r->file, r->line);
        char *end;
        long y = strtol(r->f[3], &end, 10);
        if (*end || y < 2000 || y > 2025)
            fail_msg("%s:%ld: year '%s'", r->file, r->line, r->f[3]);
        double v = strtod(r->f[4], &end);
        if (*end || !*r->f[4] || v < 0 || !isfinite(v))
            fail_msg("%s:%ld: value '%s'", r->file, r->line, r->f[4]);
        if (*r->f[7] && strcmp(r->f[7], "provisional") && strcmp(r->f[7], "approximate"))
            fail_msg("%s:%ld: status '%s'", r->file, r->line, r->f[7]);
        if (!*r->f[6])
            fail_msg("%s:%ld: no bron", r->file, r->line);
        /* counts are whole numbers */
        if (!strcmp(r->f[2], "aangiften") && v != floor(v))
            fail_msg("%s:%ld: count '%s'", r->file, r->line, r->f[4]);
    }
}

static void test_codes_known(void **state)
{
    (void)state;
    for (size_t i = 0; i < D.n; i++) {
        const row *r = &D.r[i];
        const tb_code *g = tb_codelist_find(regions, r->f[0]);
        if (!g)
            fail_msg("%s:%ld: region '%s' not in regions.csv", r->file, r->line, r->f[0]);
        if (!tb_codelist_find(indicators, r->f[1]))
            fail_msg("%s:%ld: indicator '%s' not in indicators.csv", r->file, r->line,
                     r->f[1]);
        if (strcmp(g->level, "gemeente") == 0) {
            int prov = 0;
            for (size_t k = 0; k < g->nparents; k++) {
                const tb_code *p = tb_codelist_find(regions, g->parents[k]);
                prov |= p && strcmp(p->level, "provincie") == 0;
            }
            if (!prov)
                fail_msg("%s:%ld: gemeente %s has no province", r->file, r->line, r->f[0]);
            /* the real series are on today's gemeenten */
            if (!tb_code_has_tag(g, "current"))
                fail_msg("%s:%ld: %s is not a current gemeente", r->file, r->line, r->f[0]);
        }
    }
}

static int strcmp_p(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_no_duplicate_keys(void **state)
{
    (void)state;
    /* key = region|indicator|measure|year, sorted; neighbours must differ */
    char **k = malloc(D.n * sizeof *k);
    for (size_t i = 0; i < D.n; i++) {
        const row *r = &D.r[i];
        if (asprintf(&k[i], "%s|%s|%s|%s", r->f[0], r->f[1], r->f[2], r->f[3]) < 0)
            fail();
    }
    qsort(k, D.n, sizeof *k, strcmp_p);
    size_t dup = 0;
    for (size_t i = 1; i < D.n; i++)
        dup += strcmp(k[i], k[i - 1]) == 0;
    for (size_t i = 0; i < D.n; i++)
        free(k[i]);
    free(k);
    assert_int_equal(dup, 0);
}

static void test_woninginbraak_aggregates(void **state)
{
    (void)state;
    /* SOURCES.md section 1: 1.1.1 over the Gelderland + Overijssel gemeenten */
    const char *const oost[] = {"PV25", "PV23", NULL};
    const char *const noord[] = {"PV20", "PV21", "PV22", NULL};
    size_t n;
    assert_exact(sum_within("1.1.1", "aangiften", 2012, oost, &n), 15485);
    assert_int_equal(n, 76); /* 51 Gelderland + 25 Overijssel gemeenten of 2024 */
    assert_exact(sum_within("1.1.1", "aangiften", 2013, oost, NULL), 14758);
    assert_exact(sum_within("1.1.1", "aangiften", 2018, oost, NULL), 6083);
    assert_exact(sum_within("1.1.1", "aangiften", 2012, noord, &n), 6174);
    assert_int_equal(n, 40);
    assert_exact(sum_within("1.1.1", "aangiften", 2013, noord, NULL), 6698);
    assert_exact(sum_within("1.1.1", "aangiften", 2018, noord, NULL), 3665);
    assert_exact(sum_within("1.4.5", "aangiften", 2012, oost, NULL), 9051);
    assert_exact(sum_within("1.4.5", "aangiften", 2012, noord, NULL), 5669);
    /* the same sums along the police hierarchy (gemeente - district - eenheid) */
    const char *const re02[] = {"RE02", NULL};
    const char *const re01[] = {"RE01", NULL};
    assert_exact(sum_within("1.1.1", "aangiften", 2012, re02, NULL), 15485);
    assert_exact(sum_within("1.1.1", "aangiften", 2025, re02, NULL), 3680);
    assert_exact(sum_within("1.1.1", "aangiften", 2024, re01, NULL), 1870);
    /* 2024 and 2025 are provisional in 47018NED */
    const row *r = find("GM0200", "1.1.1", "aangiften", 2024); /* Apeldoorn */
    assert_non_null(r);
    assert_string_equal(r->f[7], "provisional");
    r = find("GM0200", "1.1.1", "aangiften", 2023);
    assert_string_equal(r->f[7], "");
    /* one gemeente read by hand from data.json: Aa en Hunze 1.1.1 2012 = 108 */
    assert_exact(value("GM1680", "1.1.1", "aangiften", 2012), 108);
    assert_exact(value("GM1680", "1.1.1", "aangiften", 2025), 24);
}

static void test_population(void **state)
{
    (void)state;
    /* 37230ned, end of 2013 (SOURCES.md section 4) */
    assert_exact(value("PV25", "0.0.0", "inwoners", 2013), 2019692);
    assert_exact(value("PV23", "0.0.0", "inwoners", 2013), 1139697);
    assert_exact(value("PV20", "0.0.0", "inwoners", 2013), 582728);
    assert_exact(value("PV21", "0.0.0", "inwoners", 2013), 646317);
    assert_exact(value("PV22", "0.0.0", "inwoners", 2013), 488988);
    assert_exact(value("NL01", "0.0.0", "inwoners", 2024), 18044027);
    /* 70072ned per gemeente: Aa en Hunze 2012 = 25640 */
    assert_exact(value("GM1680", "0.0.0", "inwoners", 2012), 25640);
    /* Groningen before 2019 on the boundaries of that year: flagged */
    const row *r = find("GM0014", "0.0.0", "inwoners", 2012);
    assert_non_null(r);
    assert_string_equal(r->f[7], "approximate");
    /* a gemeente formed in 2018 has no population before */
    assert_null(find("GM1952", "0.0.0", "inwoners", 2017));
    assert_non_null(find("GM1952", "0.0.0", "inwoners", 2018));
}

static void test_national(void **state)
{
    (void)state;
    /* 47025NED: woninginbraak 91595 (2012), 42887 (2018) */
    assert_exact(value("NL01", "1.1.1", "aangiften", 2012), 91595);
    assert_exact(value("NL01", "1.1.1", "aangiften", 2018), 42887);
    assert_exact(value("NL01", "0.0.0", "aangiften", 2012), 1127869);
    /* 47021NED: overlast 279325 (2012), 349988 (2018), 444177 (2023) */
    assert_exact(value("NL01", "OVL", "incidenten", 2012), 279325);
    assert_exact(value("NL01", "OVL", "incidenten", 2018), 349988);
    assert_exact(value("NL01", "OVL", "incidenten", 2023), 444177);
    /* no regional overlast registrations are shipped */
    for (size_t i = 0; i < D.n; i++)
        if (!strcmp(D.r[i].f[2], "incidenten") && !strcmp(D.r[i].f[1], "OVL"))
            assert_string_equal(D.r[i].f[0], "NL01");
}

static void test_seed_series(void **state)
{
    (void)state;
    /* Veiligheidsstrategie Oost-Nederland, 3.3.2 */
    const row *r = find("RE02", "WSI-ON", "aangiften", 2011);
    assert_non_null(r);
    assert_exact(strtod(r->f[4], NULL), 13000);
    assert_string_equal(r->f[7], "approximate");
    assert_non_null(strstr(r->f[5], "> 13.000"));
    assert_non_null(strstr(r->f[5], "13100"));
    assert_exact(value("RE02", "WSI-ON", "aangiften", 2012), 15642);
    assert_exact(value("RE02", "WSI-ON", "aangiften", 2013), 14903);
    /* kept apart from politie 1.1.1: no RE02 1.1.1 count is stored */
    assert_null(find("RE02", "1.1.1", "aangiften", 2013));
    assert_close(value("RE02", "WSI-ON", "verdachtenratio", 2014), 7.5, 0);
    assert_exact(value("RE02", "VM-INBRAAK", "slachtofferschap_pct", 2012), 9);
    assert_exact(value("NL01", "VM-INBRAAK", "slachtofferschap_pct", 2012), 10);
    assert_close(value("RE02", "VM-BUURT", "rapportcijfer", 2012), 7.3, 0);
    assert_exact(value("RE02", "E33", "index_2011", 2013), 122);
    /* Beleidsplan Noord-Nederland, Bijlage 1: meldingen overlast jeugd */
    const double g[4] = {3207, 2976, 2588, 2275}, f[4] = {2931, 2637, 2665, 2931},
                 d[4] = {2476, 2267, 2261, 1971};
    for (int y = 0; y < 4; y++) {
        assert_exact(value("PV20", "E35", "meldingen", 2008 + y), g[y]);
        assert_exact(value("PV21", "E35", "meldingen", 2008 + y), f[y]);
        assert_exact(value("PV22", "E35", "meldingen", 2008 + y), d[y]);
    }
    /* jeugdgroepen 2011: hinderlijk 32 37 19, overlastgevend 6 2 2, crimineel 3 0 1 */
    assert_exact(value("PV20", "JGR-H", "groepen", 2011), 32);
    assert_exact(value("PV21", "JGR-H", "groepen", 2011), 37);
    assert_exact(value("PV22", "JGR-H", "groepen", 2011), 19);
    assert_exact(value("PV20", "JGR-O", "groepen", 2011), 6);
    assert_exact(value("PV22", "JGR-O", "groepen", 2011), 2);
    assert_exact(value("PV20", "JGR-C", "groepen", 2011), 3);
    assert_exact(value("PV21", "JGR-C", "groepen", 2011), 0);
    assert_exact(value("PV22", "JGR-C", "groepen", 2011), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_codes_known),
        cmocka_unit_test(test_no_duplicate_keys),
        cmocka_unit_test(test_woninginbraak_aggregates),
        cmocka_unit_test(test_population),
        cmocka_unit_test(test_national),
        cmocka_unit_test(test_seed_series),
    };
    return cmocka_run_group_tests_name("data", tests, setup, teardown);
}

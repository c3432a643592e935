/* trendbeeld indicators: YoY change with Poisson z, index, CAGR, AARR,
 * moving average and rate per 1,000 for every series; roll-up checks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "common.h"
#include "trendbeeld/format.h"
#include "trendbeeld/indicators.h"
#include "trendbeeld/output.h"
#include "trendbeeld/measure.h"

typedef struct {
    int base;
    int json, long_csv;
    int rollup;
} opts;

static const char usage_text[] =
    "Usage: trendbeeld indicators [--base YEAR] [--format csv|json] [--rollup] [FILE]...\n"
    "Indicators per series and year: yoy_abs, yoy_pct with the Poisson z of the change\n"
    "(z_flag = 1 when |z| > 3), index (base year = 100), ma3 (mean of the year and the\n"
    "two before), rate_per_1000 (needs an inwoners series of the region), and per\n"
    "series cagr_pct, aarr_pct and aarr_loglin_pct.  Sums over gemeenten are added for\n"
    "districts, provinces and eenheden (a figure published only per province or\n"
    "district is summed from those parts); with --rollup only those sums are written,\n"
    "with the reported total, the difference where both exist, and the parts.\n\n"
    "  --base YEAR      index base year (default: first observed year of each series)\n"
    "  --format F       csv (default: a table, one row per series and year, one\n"
    "                   column per indicator), long (one value a row) or json\n"
    "  --rollup         write the roll-up check instead of the indicators\n";

enum { OPT_BASE = 300, OPT_FORMAT, OPT_ROLLUP };

static int handle(int opt, const char *arg, void *ud)
{
    opts *o = ud;
    char *end;
    switch (opt) {
    case OPT_BASE: {
        long y = strtol(arg, &end, 10);
        if (end == arg || *end || y < TB_YEAR_MIN || y > TB_YEAR_MAX) {
            fprintf(stderr, "trendbeeld indicators: --base '%s' is not a year %d..%d\n", arg,
                    TB_YEAR_MIN, TB_YEAR_MAX);
            return 1;
        }
        o->base = (int)y;
        return 0;
    }
    case OPT_FORMAT:
        if (strcmp(arg, "csv") && strcmp(arg, "json") && strcmp(arg, "long")) {
            fprintf(stderr, "trendbeeld indicators: --format '%s'; expected csv, long or "
                            "json\n", arg);
            return 1;
        }
        o->json = !strcmp(arg, "json");
        o->long_csv = !strcmp(arg, "long");
        return 0;
    case OPT_ROLLUP: o->rollup = 1; return 0;
    }
    return 1;
}

/* One long-form row; undefined values are left empty (never NaN). */
static void row(FILE *out, const tb_series *x, int year, const char *key, double v,
                tb_ind_state st, int prov)
{
    tb_csv_field(out, x->region);
    putc_unlocked(',', out);
    tb_csv_field(out, x->indicator);
    putc_unlocked(',', out);
    tb_csv_field(out, x->measure);
    putc_unlocked(',', out);
    if (year)
        fprintf(out, "%d", year);
    fprintf(out, ",%s,", key);
    if (st == TB_IND_OK && isfinite(v))
        fprintf(out, "%.12g", v);
    fprintf(out, ",%s,%d\n", st == TB_IND_OK ? "" : tb_ind_state_label(st), prov);
}

static json_t *jnum(double v, tb_ind_state st)
{
    return st == TB_IND_OK ? tb_json_num(v) : json_null();
}

static json_t *table_json(const tb_ind_table *t)
{
    const tb_series *x = t->series;
    json_t *o = json_pack("{s:s, s:s, s:s, s:i, s:i, s:i}", "region", x->region, "indicator",
                          x->indicator, "measure", x->measure, "base_year", t->base_year,
                          "first_year", t->first_year, "last_year", t->last_year);
    json_object_set_new(o, "source", x->source ? json_string(x->source) : json_null());
    json_object_set_new(o, "cagr_pct", jnum(t->cagr_pct, t->cagr_state));
    json_object_set_new(o, "aarr_pct", jnum(t->aarr_pct, t->cagr_state));
    json_object_set_new(o, "aarr_loglin_pct", jnum(t->aarr_loglin_pct, t->aarr_loglin_state));
    json_object_set_new(o, "provisional", json_boolean(t->provisional));
    json_t *years = json_array();
    for (size_t i = 0; i < t->n; i++) {
        const tb_ind_row *r = &t->row[i];
        json_t *y = json_pack("{s:i}", "year", r->year);
        json_object_set_new(y, "value", jnum(r->value, isnan(r->value) ? TB_IND_MISSING : 0));
        json_object_set_new(y, "provisional", json_boolean(r->provisional));
        json_object_set_new(y, "yoy_abs", jnum(r->yoy_abs, r->yoy_state == TB_IND_MISSING
                                                              ? TB_IND_MISSING : TB_IND_OK));
        json_object_set_new(y, "yoy_pct", jnum(r->yoy_pct, r->yoy_state));
        json_object_set_new(y, "yoy_state", json_string(tb_ind_state_label(r->yoy_state)));
        json_object_set_new(y, "z", jnum(r->z, r->z_state));
        json_object_set_new(y, "z_flag", json_boolean(r->z_flag));
        json_object_set_new(y, "index", jnum(r->index, r->index_state));
        json_object_set_new(y, "ma3", jnum(r->ma3, r->ma3_state));
        json_object_set_new(y, "rate_per_1000", jnum(r->rate_per_1000, r->rate_state));
        json_array_append_new(years, y);
    }
    json_object_set_new(o, "years", years);
    return o;
}

static void table_csv(FILE *out, const tb_ind_table *t)
{
    const tb_series *x = t->series;
    for (size_t i = 0; i < t->n; i++) {
        const tb_ind_row *r = &t->row[i];
        int p = r->provisional;
        row(out, x, r->year, "value", r->value, isnan(r->value) ? TB_IND_MISSING : TB_IND_OK, p);
        if (i > 0) {
            row(out, x, r->year, "yoy_abs", r->yoy_abs,
                r->yoy_state == TB_IND_MISSING ? TB_IND_MISSING : TB_IND_OK, p);
            row(out, x, r->year, "yoy_pct", r->yoy_pct, r->yoy_state, p);
            if (r->z_state != TB_IND_NOT_APPLICABLE) {
                row(out, x, r->year, "z", r->z, r->z_state, p);
                row(out, x, r->year, "z_flag", r->z_flag, r->z_state, p);
            }
        }
        row(out, x, r->year, "index", r->index, r->index_state, p);
        if (i >= 2)
            row(out, x, r->year, "ma3", r->ma3, r->ma3_state, p);
        if (t->inwoners)
            row(out, x, r->year, "rate_per_1000", r->rate_per_1000, r->rate_state, p);
    }
    row(out, x, 0, "cagr_pct", t->cagr_pct, t->cagr_state, t->provisional);
    row(out, x, 0, "aarr_pct", t->aarr_pct, t->cagr_state, t->provisional);
    row(out, x, 0, "aarr_loglin_pct", t->aarr_loglin_pct, t->aarr_loglin_state, t->provisional);
}

/* The table for spreadsheets: one row per series and year, one column per
 * indicator (empty where it has no value), the flags of the year, and why
 * a value is missing in a text column. */
#define TABLE_HEAD "region,indicator,measure,year,value,provisional,yoy_abs,yoy_pct,z," \
                   "z_flag,index,ma3,rate_per_1000,cagr_pct,aarr_pct,aarr_loglin_pct,note\n"

static void num_cell(FILE *out, double v, tb_ind_state st)
{
    putc_unlocked(',', out);
    if (st == TB_IND_OK && isfinite(v))
        fprintf(out, "%.12g", v);
}

static void table_wide(FILE *out, const tb_ind_table *t)
{
    const tb_series *x = t->series;
    for (size_t i = 0; i < t->n; i++) {
        const tb_ind_row *r = &t->row[i];
        tb_csv_field(out, x->region);
        putc_unlocked(',', out);
        tb_csv_field(out, x->indicator);
        putc_unlocked(',', out);
        tb_csv_field(out, x->measure);
        fprintf(out, ",%d", r->year);
        num_cell(out, r->value, isnan(r->value) ? TB_IND_MISSING : TB_IND_OK);
        fprintf(out, ",%d", r->provisional);
        int later = i > 0, z = later && r->z_state != TB_IND_NOT_APPLICABLE;
        num_cell(out, r->yoy_abs, later && r->yoy_state != TB_IND_MISSING ? TB_IND_OK
                                                                          : TB_IND_MISSING);
        num_cell(out, r->yoy_pct, later ? r->yoy_state : TB_IND_MISSING);
        num_cell(out, r->z, z ? r->z_state : TB_IND_MISSING);
        num_cell(out, r->z_flag, z ? r->z_state : TB_IND_MISSING);
        num_cell(out, r->index, r->index_state);
        num_cell(out, r->ma3, i >= 2 ? r->ma3_state : TB_IND_MISSING);
        num_cell(out, r->rate_per_1000, t->inwoners ? r->rate_state : TB_IND_MISSING);
        num_cell(out, t->cagr_pct, t->cagr_state);
        num_cell(out, t->aarr_pct, t->cagr_state);
        num_cell(out, t->aarr_loglin_pct, t->aarr_loglin_state);
        /* why values are missing, in words */
        char note[200] = "";
        const struct { const char *what; tb_ind_state st; int applies; } why[] = {
            {"yoy_pct", r->yoy_state, later}, {"index", r->index_state, 1},
            {"rate_per_1000", r->rate_state, t->inwoners != NULL},
        };
        size_t o = 0;
        if (isnan(r->value))
            o += (size_t)snprintf(note, sizeof note, "value: %s",
                                  tb_ind_state_label(TB_IND_MISSING));
        for (size_t k = 0; k < sizeof why / sizeof *why && !isnan(r->value); k++)
            if (why[k].applies && why[k].st != TB_IND_OK && o < sizeof note)
                o += (size_t)snprintf(note + o, sizeof note - o, "%s%s: %s", o ? "; " : "",
                                      why[k].what, tb_ind_state_label(why[k].st));
        putc_unlocked(',', out);
        tb_csv_field(out, note);
        putc_unlocked('\n', out);
    }
}

typedef struct {
    const tb_store *s;
    int base;            /* --base, 0: each series' first observed year */
    int json, long_csv;
    size_t first_json;   /* the series that is the JSON array's first element */
} ind_run;

/* The first series with a value: the others before it have no indicators
 * (tb_ind_compute refuses only a series without any), so it is the first
 * element of the JSON array; the number of series when there is none. */
static size_t first_with_value(const tb_store *s)
{
    for (size_t i = 0; i < tb_store_size(s); i++) {
        const tb_series *x = tb_store_at(s, i);
        for (int k = 0; k < x->n; k++)
            if (!(x->flags[k] & TB_FLAG_MISSING))
                return i;
    }
    return tb_store_size(s);
}

/* The indicators of series [FIRST, FIRST + COUNT) as CSV rows or JSON
 * array elements; a series without the base year is indexed against its
 * first year, one without any value is left out, each with a message. */
static int indicator_chunk(size_t first, size_t count, FILE *out, FILE *msg, void *ctx)
{
    const ind_run *u = ctx;
    for (size_t i = first; i < first + count; i++) {
        const tb_series *x = tb_store_at(u->s, i);
        int base = u->base;
        if (base && isnan(tb_series_get(x, base))) {
            fprintf(msg, "trendbeeld indicators: %s / %s / %s has no value for base year "
                         "%d; index against its first year instead\n",
                    x->region, x->indicator, x->measure, base);
            base = 0;
        }
        const tb_series *inw = strcmp(x->measure, "inwoners") &&
                                       tb_measure_is_count(x->measure)
                                   ? tb_ind_find_inwoners(u->s, x->region) : NULL;
        tb_ind_table *t;
        tb_error e;
        tb_status st = tb_ind_compute(x, inw, base, &t, &e);
        if (st == TB_ENOMEM)
            return -1;
        if (st != TB_OK) { /* "indicators: ... has no observed values" */
            fprintf(msg, "trendbeeld %s; left out\n", e.msg);
            continue;
        }
        int rc = 0;
        if (u->json) {
            json_t *o = table_json(t);
            rc = tb_json_element(out, o, i == u->first_json,
                                 JSON_INDENT(2) | JSON_REAL_PRECISION(17));
            json_decref(o);
        } else if (u->long_csv) {
            table_csv(out, t);
        } else {
            table_wide(out, t);
        }
        tb_ind_table_free(t);
        if (rc)
            return -1;
    }
    return 0;
}

static void rollup_out(const tb_rollup *ru, int json)
{
    json_t *arr = json ? json_array() : NULL;
    if (!json)
        puts("region,indicator,measure,year,members,present,sum,partial,reported,difference,"
             "provisional,parts");
    for (size_t i = 0; i < ru->n; i++) {
        const tb_rollup_row *r = &ru->row[i];
        if (arr) {
            json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:i}", "region", r->region,
                                  "indicator", r->indicator, "measure", r->measure,
                                  "stored_as", r->sum_measure, "year", r->year, "members",
                                  r->members, "present", r->present);
            json_object_set_new(o, "sum", jnum(r->sum, isnan(r->sum) ? TB_IND_MISSING : 0));
            json_object_set_new(o, "partial", json_real(r->partial));
            json_object_set_new(o, "reported",
                                jnum(r->reported, isnan(r->reported) ? TB_IND_MISSING : 0));
            json_object_set_new(o, "difference",
                                jnum(r->difference, isnan(r->difference) ? TB_IND_MISSING : 0));
            json_object_set_new(o, "provisional", json_boolean(r->provisional));
            json_object_set_new(o, "parts", r->parts ? json_string(r->parts) : json_null());
            json_array_append_new(arr, o);
            continue;
        }
        tb_csv_field(stdout, r->region);
        putchar(',');
        tb_csv_field(stdout, r->indicator);
        putchar(',');
        tb_csv_field(stdout, r->measure);
        printf(",%d,%d,%d,", r->year, r->members, r->present);
        if (!isnan(r->sum))
            printf("%.12g", r->sum);
        printf(",%.12g,", r->partial);
        if (!isnan(r->reported))
            printf("%.12g", r->reported);
        putchar(',');
        if (!isnan(r->difference))
            printf("%.12g", r->difference);
        printf(",%d,", r->provisional);
        tb_csv_field(stdout, r->parts ? r->parts : "");
        putchar('\n');
    }
    if (arr) {
        json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
        putchar('\n');
        json_decref(arr);
    }
}

int cmd_indicators(int argc, char **argv)
{
    opts o = {0};
    static const struct option mine[] = {
        {"base", required_argument, 0, OPT_BASE},
        {"base-year", required_argument, 0, OPT_BASE},
        {"format", required_argument, 0, OPT_FORMAT},
        {"rollup", no_argument, 0, OPT_ROLLUP},
        {0, 0, 0, 0},
    };
    cli_common cc;
    int rc = cli_parse(argc, argv, "indicators", mine, handle, &o, usage_text, &cc);
    if (rc >= 0)
        return rc;
    tb_store *s = NULL;
    rc = cli_load(&cc, &s);
    if (rc != 0) {
        cli_common_free(&cc);
        return rc;
    }
    tb_rollup *ru = NULL;
    if (o.rollup && !cc.regions) {
        fprintf(stderr, "trendbeeld indicators: --rollup needs the region code list "
                        "(%s/regions.csv)\n", cc.data_dir ? cc.data_dir : "data");
        rc = EXIT_USAGE;
    } else {
        rc = cli_complete(&cc, s, 0, &ru);
        char cmp[400];
        if (ru && ru->differing && !cc.verbose)
            fprintf(stderr, "trendbeeld indicators: roll-up: %s\n",
                    tb_rollup_describe(ru, cmp, sizeof cmp));
    }
    if (rc == 0 && o.rollup) {
        rollup_out(ru, o.json);
    } else if (rc == 0) {
        /* chunks formatted side by side, written in store order */
        ind_run u = {s, o.base, o.json, o.long_csv, first_with_value(s)};
        tb_write_options wo = {.head = o.long_csv ? "region,indicator,measure,year,key,"
                                                    "value,state,provisional\n"
                                                  : TABLE_HEAD,
                               .message = cli_progress_message, .ctx = "indicators"};
        if (o.json)
            tb_write_json_array(&wo, u.first_json == tb_store_size(s));
        if (cli_progress_wanted())
            wo.progress = cli_progress_count;
        int failed = tb_write_ordered(stdout, tb_store_size(s), 64, 0, indicator_chunk, &u,
                                      &wo);
        cli_progress_clear();
        if (failed == 1) { /* output lost on the way (2) is reported by main */
            fprintf(stderr, "trendbeeld indicators: out of memory\n");
            rc = EXIT_FAIL;
        }
    }
    tb_rollup_free(ru);
    tb_store_free(s);
    cli_common_free(&cc);
    return rc;
}

/* trendbeeld export: the loaded data in canonical long form. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h"
#include "trendbeeld/format.h" /* tb_csv_field */
#include "trendbeeld/output.h"

static const char usage[] =
    "Usage: trendbeeld export [--format csv|json] [OPTION]... [FILE]...\n"
    "Write the loaded series in canonical long form on stdout, sorted by\n"
    "region, indicator, measure and year.  CSV: the header\n"
    "region,indicator,measure,year,value, one row per year, missing values\n"
    "empty.  JSON: an array of {region, indicator, measure, year, value,\n"
    "flags}, value null when missing.\n\n"
    "  --format FMT      csv (default) or json\n";

enum { OPT_FORMAT = 300 };

static int on_opt(int opt, const char *arg, void *ud)
{
    const char **fmt = ud;
    if (opt == OPT_FORMAT || opt == 'f') {
        if (strcmp(arg, "csv") && strcmp(arg, "json")) {
            fprintf(stderr, "trendbeeld export: --format '%s', expected csv or json\n",
                    arg);
            return 1;
        }
        *fmt = arg;
        return 0;
    }
    return 1;
}

/* A value as written: whole numbers in full (every integer below 2^53 is
 * exact, "%.15g" would round 9007199254740991), others in 15 significant
 * digits when that reads back as the same double, else 17. */
static void put_value(FILE *out, double v)
{
    char b[64];
    if (v == floor(v) && fabs(v) < 9007199254740992.0) {
        fprintf(out, "%.0f", v);
        return;
    }
    snprintf(b, sizeof b, "%.15g", v);
    if (strtod(b, NULL) != v)
        snprintf(b, sizeof b, "%.17g", v);
    fputs_unlocked(b, out);
}

/* One year of X as a JSON object. */
static json_t *year_json(const tb_series *x, int k)
{
    static const struct {
        unsigned flag;
        const char *name;
    } names[] = {{TB_FLAG_PROVISIONAL, "provisional"},
                 {TB_FLAG_APPROX, "approximate"},
                 {TB_FLAG_INCOMPLETE, "incomplete"},
                 {TB_FLAG_SUSPECT, "suspect"}};
    json_t *o = json_object(), *flags = json_array();
    json_object_set_new(o, "region", json_string(x->region));
    json_object_set_new(o, "indicator", json_string(x->indicator));
    json_object_set_new(o, "measure", json_string(x->measure));
    json_object_set_new(o, "year", json_integer(x->first_year + k));
    double v = x->value[k];
    if (isnan(v))
        json_object_set_new(o, "value", json_null());
    else if (v == floor(v) && fabs(v) < 9007199254740992.0)
        json_object_set_new(o, "value", json_integer((json_int_t)v));
    else
        json_object_set_new(o, "value", json_real(v));
    for (size_t f = 0; f < sizeof names / sizeof *names; f++)
        if (x->flags[k] & names[f].flag)
            json_array_append_new(flags, json_string(names[f].name));
    json_object_set_new(o, "flags", flags);
    if (x->note && x->note[k])
        json_object_set_new(o, "note", json_string(x->note[k]));
    return o;
}

typedef struct {
    const tb_store *s;
    int json;
    size_t first_json; /* the series whose first year opens the JSON array */
} export_run;

/* Every year of series [FIRST, FIRST + COUNT) as CSV rows or JSON array
 * elements. */
static int export_chunk(size_t first, size_t count, FILE *out, FILE *msg, void *ctx)
{
    (void)msg;
    const export_run *u = ctx;
    for (size_t i = first; i < first + count; i++) {
        const tb_series *x = tb_store_at(u->s, i);
        for (int k = 0; k < x->n; k++) {
            if (u->json) {
                json_t *o = year_json(x, k);
                int rc = tb_json_element(out, o, i == u->first_json && k == 0,
                                         JSON_INDENT(1) | JSON_REAL_PRECISION(15));
                json_decref(o);
                if (rc)
                    return -1;
                continue;
            }
            tb_csv_field(out, x->region);
            putc_unlocked(',', out);
            tb_csv_field(out, x->indicator);
            putc_unlocked(',', out);
            tb_csv_field(out, x->measure);
            fprintf(out, ",%d,", x->first_year + k);
            if (!isnan(x->value[k]))
                put_value(out, x->value[k]);
            /* the flags in words the loader reads back */
            static const struct { unsigned flag; const char *word; } st[] = {
                {TB_FLAG_PROVISIONAL, "voorlopig"}, {TB_FLAG_APPROX, "schatting"},
                {TB_FLAG_INCOMPLETE, "onvolledig"}, {TB_FLAG_SUSPECT, "verdacht"}};
            putc_unlocked(',', out);
            for (size_t f = 0, n = 0; f < sizeof st / sizeof *st; f++)
                if (x->flags[k] & st[f].flag)
                    fprintf(out, "%s%s", n++ ? ";" : "", st[f].word);
            putc_unlocked('\n', out);
        }
    }
    return 0;
}

int cmd_export(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, 0, OPT_FORMAT}, {0, 0, 0, 0}};
    const char *fmt = "csv";
    cli_common cc;
    int rc = cli_parse(argc, argv, "export", opts, on_opt, &fmt, usage, &cc);
    if (rc >= 0)
        return rc;
    tb_store *s;
    rc = cli_load(&cc, &s);
    if (rc) {
        cli_common_free(&cc);
        return rc;
    }
    /* chunks of series formatted side by side, written in store order */
    export_run u = {s, !strcmp(fmt, "json"), 0};
    while (u.first_json < tb_store_size(s) && !tb_store_at(s, u.first_json)->n)
        u.first_json++;
    tb_write_options wo = {.head = "region,indicator,measure,year,value,status\n"};
    if (u.json)
        tb_write_json_array(&wo, u.first_json == tb_store_size(s));
    int failed = tb_write_ordered(stdout, tb_store_size(s), 256, 0, export_chunk, &u, &wo);
    if (failed == 1) {
        fprintf(stderr, "trendbeeld export: out of memory\n");
        rc = EXIT_FAIL;
    }
    /* output lost on the way (failed == 2) is reported by main */
    tb_store_free(s);
    cli_common_free(&cc);
    return rc;
}

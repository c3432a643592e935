/* trendbeeld target: evaluate the policy targets in a targets file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "common.h"
#include "trendbeeld/indicators.h"
#include "trendbeeld/target.h"

typedef struct {
    const char *targets;
    const char *format;
    tb_target_options o;
} opts;

static const char usage_text[] =
    "Usage: trendbeeld target [--targets FILE] [--model M] [--as-of YEAR] [--backtest]\n"
    "                         [--format text|csv|json] [FILE]...\n"
    "Evaluate policy targets: audit of the stated number, required path, projection,\n"
    "P(target met), Eurostat/AARR progress, verdict (haalbaar / onzeker / niet haalbaar)\n"
    "and, with --backtest, the same verdict from every earlier origin year.\n\n"
    "  --targets FILE   targets file (default DATA/targets.csv)\n"
    "  --model M        linear, loglinear, poisson, quasipoisson, negbin, holt,\n"
    "                   holt_damped, theilsen or auto (default; linear for rates)\n"
    "  --as-of YEAR     use only data up to YEAR\n"
    "  --backtest       add the rolling-origin backtest\n"
    "  --format F       text (default), csv or json\n";

enum { OPT_TARGETS = 300, OPT_MODEL, OPT_ASOF, OPT_BACKTEST, OPT_FORMAT };

static int handle(int opt, const char *arg, void *ud)
{
    opts *o = ud;
    char *end;
    switch (opt) {
    case OPT_TARGETS: o->targets = arg; return 0;
    case OPT_MODEL: {
        int m = tb_model_parse(arg);
        if (m < 0) {
            fprintf(stderr, "trendbeeld target: unknown model '%s'; expected linear, loglinear, "
                            "poisson, quasipoisson, negbin, holt, holt_damped, theilsen or auto\n",
                    arg);
            return 1;
        }
        o->o.model = (tb_model_kind)m;
        return 0;
    }
    case OPT_ASOF: {
        long y = strtol(arg, &end, 10);
        if (end == arg || *end || y < TB_YEAR_MIN || y > TB_YEAR_MAX) {
            fprintf(stderr, "trendbeeld target: --as-of '%s' is not a year %d..%d\n", arg,
                    TB_YEAR_MIN, TB_YEAR_MAX);
            return 1;
        }
        o->o.as_of = (int)y;
        return 0;
    }
    case OPT_BACKTEST: o->o.backtest = 1; return 0;
    case OPT_FORMAT:
        if (strcmp(arg, "text") && strcmp(arg, "csv") && strcmp(arg, "json")) {
            fprintf(stderr, "trendbeeld target: --format '%s'; expected text, csv or json\n", arg);
            return 1;
        }
        o->format = arg;
        return 0;
    }
    return 1;
}

/* Ratios the targets may ask for, and sums over gemeenten, before the
 * evaluation: verdachtenratio, ophelderingspercentage, region totals. */
static int prepare(tb_store *s, const cli_common *cc)
{
    tb_diag *d = tb_diag_new();
    tb_error e;
    int rc = 0;
    tb_rollup *ru = NULL;
    if (cc->regions && tb_ind_rollup(s, cc->regions, &ru, d, &e) != TB_OK) {
        fprintf(stderr, "trendbeeld target: roll-up: %s\n", e.msg);
        rc = EXIT_FAIL;
    }
    if (ru && ru->differing && cc->verbose)
        fprintf(stderr, "trendbeeld target: %zu of %zu sums over gemeenten differ from the "
                        "reported total (see 'trendbeeld indicators --rollup')\n",
                ru->differing, ru->checked);
    tb_rollup_free(ru);
    if (!rc && (tb_ind_derive_ratio(s, "verdachten", "aangiften", "misdrijven",
                                    "verdachtenratio", NULL, d, &e) != TB_OK ||
                tb_ind_derive_ratio(s, "opgehelderd", "aangiften", "misdrijven",
                                    "opgehelderd_pct", NULL, d, &e) != TB_OK)) {
        fprintf(stderr, "trendbeeld target: %s\n", e.msg);
        rc = EXIT_FAIL;
    }
    if (cc->verbose)
        for (size_t i = 0; i < tb_diag_count(d); i++)
            fprintf(stderr, "trendbeeld target: %s\n", tb_diag_get(d, i));
    tb_diag_free(d);
    tb_store_sort(s);
    return rc;
}

int cmd_target(int argc, char **argv)
{
    opts o = {0};
    tb_target_options_init(&o.o);
    o.format = "text";
    static const struct option mine[] = {
        {"targets", required_argument, 0, OPT_TARGETS},
        {"model", required_argument, 0, OPT_MODEL},
        {"as-of", required_argument, 0, OPT_ASOF},
        {"backtest", no_argument, 0, OPT_BACKTEST},
        {"format", required_argument, 0, OPT_FORMAT},
        {0, 0, 0, 0},
    };
    cli_common cc;
    int rc = cli_parse(argc, argv, "target", mine, handle, &o, usage_text, &cc);
    if (rc >= 0)
        return rc;
    char tpath[1024];
    if (!o.targets) {
        snprintf(tpath, sizeof tpath, "%s/targets.csv", cc.data_dir ? cc.data_dir : "data");
        o.targets = tpath;
    }
    tb_target_set *set = NULL;
    tb_diag *d = tb_diag_new();
    tb_error e;
    if (tb_target_load(o.targets, &set, d, &e) != TB_OK) {
        char buf[1400];
        tb_error_format(&e, buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
        tb_diag_free(d);
        cli_common_free(&cc);
        return e.code == TB_EIO ? EXIT_FAIL : EXIT_DATA;
    }
    for (size_t i = 0; i < tb_diag_count(d); i++)
        fprintf(stderr, "%s\n", tb_diag_get(d, i));
    tb_diag_free(d);
    tb_store *s = NULL;
    rc = cli_load(&cc, &s);
    if (rc == 0)
        rc = prepare(s, &cc);
    if (rc != 0) {
        tb_store_free(s);
        tb_target_set_free(set);
        cli_common_free(&cc);
        return rc;
    }
    json_t *arr = !strcmp(o.format, "json") ? json_array() : NULL;
    if (!strcmp(o.format, "csv"))
        tb_target_write_csv_header(stdout);
    for (size_t i = 0; i < set->n && rc == 0; i++) {
        tb_target_result *r;
        if (tb_target_evaluate(&set->t[i], s, &o.o, &r, &e) != TB_OK) {
            fprintf(stderr, "trendbeeld target: %s\n", e.msg);
            rc = e.code == TB_EINVAL ? EXIT_USAGE : EXIT_FAIL;
            break;
        }
        if (arr)
            json_array_append_new(arr, tb_target_to_json(r));
        else if (!strcmp(o.format, "csv"))
            tb_target_write_csv(stdout, r);
        else {
            if (i)
                fputc('\n', stdout);
            tb_target_write_text(stdout, r);
        }
        tb_target_result_free(r);
    }
    if (arr) {
        if (rc == 0) {
            json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
            fputc('\n', stdout);
        }
        json_decref(arr);
    }
    if (fflush(stdout) != 0 && rc == 0)
        rc = EXIT_FAIL;
    tb_store_free(s);
    tb_target_set_free(set);
    cli_common_free(&cc);
    return rc;
}

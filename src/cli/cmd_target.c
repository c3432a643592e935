/* trendbeeld target: evaluate the policy targets in a targets file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>

#include <jansson.h>

#include "cli.h"
#include "common.h"
#include "trendbeeld/output.h"
#include "trendbeeld/format.h"
#include "trendbeeld/indicators.h"
#include "trendbeeld/target.h"

typedef struct {
    const char *targets;
    const char *format;
    int lang;
    int calibrate;
    const char *write_pool;
    tb_target_options o;
    tb_calib_options c;
} opts;

static const char usage_text[] =
    "Usage: trendbeeld target [--targets FILE] [--model M] [--as-of YEAR] [--backtest]\n"
    "                         [--format text|csv|json] [--lang nl|en] [FILE]...\n"
    "       trendbeeld target --calibrate [--rule PCT] [--steps N] [--every-origin]\n"
    "                         [--model M] [--format text|csv|json] [FILE]...\n"
    "Evaluate policy targets: audit of the stated number, required path, projection,\n"
    "P(target met), Eurostat/AARR progress, verdict (haalbaar / onzeker / niet haalbaar)\n"
    "and, with --backtest, the same verdict from every earlier origin year.\n\n"
    "  --targets FILE   targets file (default DATA/targets.csv); 'none' with\n"
    "                   --calibrate for the series alone\n"
    "  --model M        linear, loglinear, poisson, quasipoisson, negbin, holt,\n"
    "                   holt_damped, theilsen or auto (default; linear for rates)\n"
    "  --as-of YEAR     use only data up to YEAR\n"
    "  --backtest       add the rolling-origin backtest\n"
    "  --format F       text (default), csv or json\n"
    "  --lang L         language of the text format: nl (default) or en\n"
    "  --calibrate      how well P(target met) is calibrated: the rule 'PCT% less per\n"
    "                   year' on every count series, judged N years after each base\n"
    "                   year against the real figure; and the backtests of the targets\n"
    "  --rule PCT       annual reduction for --calibrate (default 5)\n"
    "  --steps N        years from base to target year for --calibrate (default 5)\n"
    "  --every-origin   --calibrate judges from every year base .. target-1, not only\n"
    "                   from the base year\n"
    "  --write-pool FILE  write the forecast errors of the loaded series (the reference\n"
    "                   pool that calibrates P(target met); data/pool.csv is made so)\n"
    "Targets name their region, offence and measure by code or by name, read as\n"
    "in data files (Oost-Nederland, woninginbraak, geregistreerde misdrijven; 12.111\n"
    "in a count is 12111).  A target whose series is not in the data is an error\n"
    "at its line, naming the closest series: exit 1, after the other targets.\n"
    "P(target met) and the verdict are calibrated on the forecast errors of real\n"
    "series: those loaded (when at least 50 series give errors) and DATA/pool.csv.\n";

enum {
    OPT_TARGETS = 300, OPT_MODEL, OPT_ASOF, OPT_BACKTEST, OPT_FORMAT, OPT_LANG,
    OPT_CALIBRATE, OPT_RULE, OPT_STEPS, OPT_EVERY, OPT_WRITE_POOL
};

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
        o->c.model = (tb_model_kind)m;
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
    case OPT_LANG:
        o->lang = tb_lang_parse(arg);
        if (o->lang < 0) {
            fprintf(stderr, "trendbeeld target: --lang '%s': expected nl or en\n", arg);
            return 1;
        }
        return 0;
    case OPT_CALIBRATE: o->calibrate = 1; return 0;
    case OPT_RULE: {
        double v = strtod(arg, &end);
        if (end == arg || *end || !(v > 0 && v < 100)) {
            fprintf(stderr, "trendbeeld target: --rule '%s': expected a percentage between 0 "
                            "and 100\n", arg);
            return 1;
        }
        o->c.rate_pct = v;
        return 0;
    }
    case OPT_STEPS: {
        long v = strtol(arg, &end, 10);
        if (end == arg || *end || v < 1 || v > 50) {
            fprintf(stderr, "trendbeeld target: --steps '%s': expected 1 to 50 years\n", arg);
            return 1;
        }
        o->c.steps = (int)v;
        return 0;
    }
    case OPT_EVERY: o->c.origins = 1; return 0;
    case OPT_WRITE_POOL: o->write_pool = arg; return 0;
    }
    return 1;
}

/* ---- --calibrate --------------------------------------------------------- */

/* Calibration on every count series of the store and on the backtests of
 * the targets in SET. */
static int calibrate(const tb_store *s, const tb_target_set *set, const opts *o)
{
    tb_calib_report rep;
    tb_calib_result tg;
    tb_error e;
    if (tb_target_calibrate(s, &o->c, &rep, &e) != TB_OK) {
        fprintf(stderr, "trendbeeld target: %s\n", e.msg);
        return e.code == TB_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    tb_calib_init(&tg);
    tb_target_options to = o->o;
    to.backtest = 1;
    size_t ntargets = 0;
    for (size_t i = 0; i < set->n; i++) {
        tb_target_result *r;
        if (tb_target_evaluate(&set->t[i], s, &to, &r, &e) != TB_OK) {
            fprintf(stderr, "trendbeeld target: %s\n", e.msg);
            return EXIT_FAIL;
        }
        size_t before = tg.cases;
        tb_calib_add_backtest(&tg, r);
        ntargets += tg.cases > before;
        tb_target_result_free(r);
    }
    tg.series = ntargets;
    if (!strcmp(o->format, "json")) {
        json_t *j = tb_calib_report_json(&rep, &o->c, &tg);
        json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
        fputc('\n', stdout);
        json_decref(j);
    } else if (!strcmp(o->format, "csv"))
        tb_calib_report_csv(stdout, &rep, &tg);
    else
        tb_calib_report_text(stdout, &rep, &o->c, set->n ? &tg : NULL, (tb_lang)o->lang);
    return 0; /* a lost stdout is reported by main */
}

typedef struct {
    const tb_errpool *pool;
    const char *const *provenance;
    size_t nprovenance;
} pool_file;

static tb_status pool_writer(FILE *f, const char *path, void *ctx, tb_error *err)
{
    const pool_file *pf = ctx;
    if (tb_errpool_write(pf->pool, f, pf->provenance, pf->nprovenance) != 0)
        return tb_error_set(err, TB_EIO, path, 0, 0, "write failed: %s", strerror(errno));
    return TB_OK;
}

/* The loaded series' forecast errors into PATH, with how the pool was
 * made. */
static int write_pool(const tb_store *s, const cli_common *cc, const char *path, int argc,
                      char **argv)
{
    tb_error e;
    tb_errpool *p = tb_errpool_new(cc->shipped ? "data/series" : "loaded files", NULL);
    if (!p || tb_errpool_add_store(p, s, &e) != TB_OK) {
        tb_errpool_free(p);
        fprintf(stderr, "trendbeeld target: out of memory\n");
        return EXIT_FAIL;
    }
    char cmd[1024] = "made by: trendbeeld", from[1024], size[256];
    for (int i = 0; i < argc; i++) {
        size_t n = strlen(cmd);
        snprintf(cmd + n, sizeof cmd - n, " %s", argv[i]);
    }
    if (cc->shipped)
        snprintf(from, sizeof from, "from: %s/series/*.csv, with the sums over gemeenten "
                 "for districts, provinces and eenheden", cc->data_dir ? cc->data_dir : "data");
    else
        snprintf(from, sizeof from, "from: the %d files given, with their sums over gemeenten",
                 cc->nfiles);
    snprintf(size, sizeof size, "%zu errors from %zu series; count series (not inwoners) and "
             "positive rates, provisional and suspect years left out", tb_errpool_size(p),
             tb_errpool_series(p));
    const char *prov[] = {cmd, from, size};
    if (tb_errpool_series(p) < TB_POOL_MIN_SERIES)
        fprintf(stderr, "trendbeeld target: warning: only %zu series give errors; a pool "
                        "is asked only with %d or more errors for a size class and horizon\n",
                tb_errpool_series(p), TB_POOL_MIN_ERRORS);
    pool_file pf = {p, prov, 3};
    int rc = cli_write_file("target", path, pool_writer, &pf);
    tb_errpool_free(p);
    return rc;
}

int cmd_target(int argc, char **argv)
{
    opts o = {0};
    tb_target_options_init(&o.o);
    tb_calib_options_init(&o.c);
    o.lang = TB_LANG_NL;
    o.format = "text";
    static const struct option mine[] = {
        {"targets", required_argument, 0, OPT_TARGETS},
        {"model", required_argument, 0, OPT_MODEL},
        {"as-of", required_argument, 0, OPT_ASOF},
        {"backtest", no_argument, 0, OPT_BACKTEST},
        {"format", required_argument, 0, OPT_FORMAT},
        {"lang", required_argument, 0, OPT_LANG},
        {"calibrate", no_argument, 0, OPT_CALIBRATE},
        {"rule", required_argument, 0, OPT_RULE},
        {"steps", required_argument, 0, OPT_STEPS},
        {"every-origin", no_argument, 0, OPT_EVERY},
        {"write-pool", required_argument, 0, OPT_WRITE_POOL},
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
    if (o.write_pool) {
        tb_diag_free(d);
        tb_store *s = NULL;
        rc = cli_load(&cc, &s);
        if (rc == 0)
            rc = cli_complete(&cc, s, 0, NULL);
        if (rc == 0)
            rc = write_pool(s, &cc, o.write_pool, argc, argv);
        tb_store_free(s);
        cli_common_free(&cc);
        return rc;
    }
    if (!strcmp(o.targets, "none")) {
        /* calibrating on the series alone, as report's "--targets none" */
        if (!o.calibrate) {
            fprintf(stderr, "trendbeeld target: --targets none leaves nothing to evaluate; "
                            "expected a targets file (none is for --calibrate)\n");
            tb_diag_free(d);
            cli_common_free(&cc);
            return EXIT_USAGE;
        }
        set = calloc(1, sizeof *set);
        if (!set) {
            fprintf(stderr, "trendbeeld target: out of memory\n");
            tb_diag_free(d);
            cli_common_free(&cc);
            return EXIT_FAIL;
        }
    } else if (tb_target_load(o.targets, cc.load.decimal, &set, d, &e) != TB_OK) {
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
        rc = cli_complete(&cc, s, 0, NULL);
    /* names in the targets file read as the data files' names are */
    long nmissing = 0;
    if (rc == 0) {
        tb_diag *w = tb_diag_new(), *miss = tb_diag_new();
        nmissing = tb_target_resolve(set, o.targets, s, cc.regions, cc.indicators, w, miss);
        for (size_t i = 0; i < tb_diag_count(w); i++)
            fprintf(stderr, "%s\n", tb_diag_get(w, i));
        for (size_t i = 0; i < tb_diag_count(miss); i++)
            fprintf(stderr, "%s\n", tb_diag_get(miss, i));
        tb_diag_free(w);
        tb_diag_free(miss);
        if (nmissing < 0) {
            fprintf(stderr, "trendbeeld target: out of memory\n");
            rc = EXIT_FAIL;
        }
    }
    if (rc != 0) {
        tb_store_free(s);
        tb_target_set_free(set);
        cli_common_free(&cc);
        return rc;
    }
    cli_pools pools;
    if ((rc = cli_pools_open(&cc, s, &pools)) != 0) {
        tb_store_free(s);
        tb_target_set_free(set);
        cli_common_free(&cc);
        return rc;
    }
    o.o.pools = o.c.pools = pools.chain;
    o.o.npools = o.c.npools = pools.n;
    if (o.calibrate) {
        rc = calibrate(s, set, &o);
        cli_pools_free(&pools);
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
            tb_target_write_text_lang(stdout, r, (tb_lang)o.lang);
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
    cli_pools_free(&pools);
    tb_store_free(s);
    tb_target_set_free(set);
    cli_common_free(&cc);
    /* a target without its series is an error, after the others are told */
    return rc == 0 && nmissing > 0 ? EXIT_DATA : rc;
}

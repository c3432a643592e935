/* trendbeeld report: the Veiligheidsbeeld annex for the loaded data. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "common.h"
#include "trendbeeld/config.h"
#include "trendbeeld/indicators.h"
#include "trendbeeld/measure.h"
#include "trendbeeld/report.h"
#include "trendbeeld/target.h"

/* Exit status with --fail-off-track when a target is off track or missed. */
#define EXIT_OFF_TRACK 4

static const char usage[] =
    "Usage: trendbeeld report [OPTION]... [FILE]...\n"
    "Write the Veiligheidsbeeld annex for the loaded series into a folder:\n"
    "report.md, report.html (self-contained, printable), one gnuplot script\n"
    "per chart (.gp) and, with --render, its image (.png), tables/*.csv and\n"
    "results.json with every number the text uses.  The first page lists every\n"
    "target with its verdict; each target's full calculation is in the appendix.\n"
    "With --render also report.pdf (A4), when weasyprint or chromium is on the\n"
    "PATH.  Everything is written into a staging folder next to the output and\n"
    "swapped in at once: a failed run leaves an earlier report as it was.\n\n"
    "  --config FILE      settings of a yearly run (data, regions, themes,\n"
    "                     targets, output, language, ...; see data/report.conf);\n"
    "                     options given here override the file\n"
    "  --out DIR          output folder (default: report)\n"
    "  --render           draw the charts with gnuplot (when on the PATH) and make\n"
    "                     report.pdf\n"
    "  --no-render        do not draw them (overrides the configuration)\n"
    "  --lang nl|en       language of the text and charts (default: nl)\n"
    "  --targets FILE     targets to evaluate (default: DATA/targets.csv when\n"
    "                     present; 'none' for no targets section)\n"
    "  --target-ids LIST  only these targets (ids, comma-separated)\n"
    "  --regions LIST     areas to cover (codes or names, comma-separated): an\n"
    "                     eenheid compares its districts, a district or province\n"
    "                     its gemeenten (default: every eenheid)\n"
    "  --themes LIST      woninginbraak, hic, geweld, mishandeling,\n"
    "                     overlast_jeugd, totaal (default: every theme found)\n"
    "  --title TEXT       report title (default: Veiligheidsbeeld)\n"
    "  --source TEXT      source line for charts and the report\n"
    "  --fail-off-track   exit 4 when a target is off track (niet haalbaar)\n"
    "                     or was missed (niet gehaald); for pipelines\n"
    "  --no-fail-off-track  exit 0 then (overrides the configuration)\n"
    "Exit status: 0 written, 1 invalid data, 2 usage (also: a mistake in the\n"
    "configuration file, reported as FILE:LINE), 3 I/O failure, 4 a target\n"
    "off track (with --fail-off-track).\n\n";

typedef struct {
    const char *out, *targets, *title, *source, *config;
    const char *regions, *themes, *target_ids; /* comma-separated lists */
    int render, lang, fail_off_track;
    int given[32];                             /* option seen, by O_* - O_OUT */
} opts;

enum {
    O_OUT = 300, O_RENDER, O_LANG, O_TARGETS, O_TITLE, O_SOURCE, O_FAIL, O_CONFIG,
    O_NORENDER, O_NOFAIL, O_REGIONS, O_THEMES, O_TARGET_IDS
};

static const struct option mine[] = {
    {"out", required_argument, 0, O_OUT},
    {"render", no_argument, 0, O_RENDER},
    {"lang", required_argument, 0, O_LANG},
    {"targets", required_argument, 0, O_TARGETS},
    {"title", required_argument, 0, O_TITLE},
    {"source", required_argument, 0, O_SOURCE},
    {"fail-off-track", no_argument, 0, O_FAIL},
    {"no-fail-off-track", no_argument, 0, O_NOFAIL},
    {"config", required_argument, 0, O_CONFIG},
    {"no-render", no_argument, 0, O_NORENDER},
    {"regions", required_argument, 0, O_REGIONS},
    {"themes", required_argument, 0, O_THEMES},
    {"target-ids", required_argument, 0, O_TARGET_IDS},
    {0, 0, 0, 0}};

static int on_opt(int opt, const char *arg, void *ud)
{
    opts *o = ud;
    if (opt >= O_OUT && opt - O_OUT < 32)
        o->given[opt - O_OUT] = 1;
    switch (opt) {
    case O_OUT: o->out = arg; return 0;
    case O_RENDER: o->render = 1; o->given[O_NORENDER - O_OUT] = 1; return 0;
    case O_NORENDER: o->render = 0; o->given[O_RENDER - O_OUT] = 1; return 0;
    case O_NOFAIL: o->fail_off_track = 0; o->given[O_FAIL - O_OUT] = 1; return 0;
    case O_CONFIG: o->config = arg; return 0;
    case O_REGIONS: o->regions = arg; return 0;
    case O_THEMES: o->themes = arg; return 0;
    case O_TARGET_IDS: o->target_ids = arg; return 0;
    case O_LANG:
        o->lang = tb_lang_parse(arg);
        if (o->lang < 0) {
            fprintf(stderr, "trendbeeld report: --lang '%s': expected nl or en\n", arg);
            return 1;
        }
        return 0;
    case O_TARGETS: o->targets = arg; return 0;
    case O_TITLE: o->title = arg; return 0;
    case O_SOURCE: o->source = arg; return 0;
    case O_FAIL: o->fail_off_track = 1; return 0;
    }
    return 1;
}

static void print_diag(const tb_diag *d)
{
    for (size_t i = 0; i < tb_diag_count(d); i++)
        fprintf(stderr, "trendbeeld report: warning: %s\n", tb_diag_get(d, i));
}

static void print_err(const tb_error *e)
{
    char b[1400];
    tb_error_format(e, b, sizeof b);
    fprintf(stderr, "trendbeeld report: %s\n", b);
}

static int is_off_track(tb_verdict v)
{
    return v == TB_VERDICT_NIET_HAALBAAR || v == TB_VERDICT_NIET_GEHAALD;
}

/* 1 when P points into one of the argument strings (an option's value
 * given on the command line rather than a default). */
static int from_argv(const char *p, int argc, char **argv)
{
    for (int i = 0; p && i < argc; i++)
        if (p >= argv[i] && p <= argv[i] + strlen(argv[i]))
            return 1;
    return 0;
}

/* A list option, or the configuration's list when the option was not
 * given.  *LINE is the configuration line it came from (0: the option). */
typedef struct {
    char **own;           /* split from the option; owned */
    char *const *v;
    size_t n;
    long line;
    const char *what;     /* "--regions" or the setting's name */
} list_arg;

static int take_list(list_arg *l, const char *opt, const char *optname,
                     const tb_config *cfg, tb_config_key key, char *const *cv, size_t cn)
{
    l->what = optname;
    if (opt) {
        tb_error e = {0};
        size_t n;
        if (tb_config_split(opt, optname, &l->own, &n, &e) != TB_OK) {
            fprintf(stderr, "trendbeeld report: %s\n", e.msg);
            return e.code == TB_ENOMEM ? EXIT_FAIL : EXIT_USAGE;
        }
        l->v = l->own;
        l->n = n;
    } else if (cfg && cn) {
        l->v = cv;
        l->n = cn;
        l->line = cfg->line[key];
        l->what = tb_config_key_name(key);
    }
    return 0;
}

/* "CONFIG:LINE: " or "trendbeeld report: --option: " before a message
 * about a list item. */
static void list_blame(const list_arg *l, const tb_config *cfg)
{
    if (l->line)
        fprintf(stderr, "%s:%ld: ", cfg->path, l->line);
    else
        fprintf(stderr, "trendbeeld report: %s: ", l->what);
}

/* EXIT_USAGE, with the item's place, when two items of L name the same
 * WHAT (for areas: the same code of CODES, e.g. "RE02" and
 * "Oost-Nederland"); EXIT_FAIL when out of memory. */
static int check_repeats(const list_arg *l, const tb_config *cfg,
                         const tb_codelist *codes, const char *what)
{
    const char **key = l->n ? malloc(l->n * sizeof *key) : NULL;
    if (l->n && !key) {
        fprintf(stderr, "trendbeeld report: out of memory\n");
        return EXIT_FAIL;
    }
    for (size_t i = 0; i < l->n; i++) {
        const tb_code *e = codes ? tb_codelist_match(codes, l->v[i]) : NULL;
        key[i] = e ? e->code : l->v[i];
    }
    int rc = 0;
    for (size_t i = 1; i < l->n && !rc; i++)
        for (size_t j = 0; j < i && !rc; j++)
            if (!strcmp(key[i], key[j])) {
                list_blame(l, cfg);
                fprintf(stderr, "item %zu ('%s') names the same %s as item %zu ('%s'); "
                                "expected each %s once\n", i + 1, l->v[i], what, j + 1,
                        l->v[j], what);
                rc = EXIT_USAGE;
            }
    free(key);
    return rc;
}

static int listed(const list_arg *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i], s))
            return 1;
    return 0;
}

/* Everything one run of the command holds; freed by run_free. */
typedef struct {
    opts op;
    cli_common cc;
    tb_config *cfg;
    list_arg reg, th, tid;  /* --regions, --themes, --target-ids */
    tb_store *s;
    cli_pools pools;
    tb_diag *warn;
    tb_report_plan *plan;
    tb_target_set *ts;
    tb_target_result **r;   /* the evaluations, in file order */
    tb_report_target *rt;   /* the sections of those with data */
    size_t nrt;
    long nmissing;          /* targets without their series */
    int off_track;
    FILE *notef;            /* what the report could not include */
    char *note;
    size_t note_len;
} run;

static void run_free(run *u)
{
    cli_pools_free(&u->pools);
    if (u->notef)
        fclose(u->notef);
    free(u->note);
    for (size_t i = 0; u->rt && i < u->nrt; i++)
        tb_report_target_clear(&u->rt[i]);
    for (size_t i = 0; u->r && u->ts && i < u->ts->n; i++)
        tb_target_result_free(u->r[i]);
    free(u->r);
    free(u->rt);
    tb_target_set_free(u->ts);
    tb_report_plan_free(u->plan);
    tb_diag_free(u->warn);
    tb_store_free(u->s);
    cli_common_free(&u->cc);
    tb_config_list_free(u->reg.own);
    tb_config_list_free(u->th.own);
    tb_config_list_free(u->tid.own);
    tb_config_free(u->cfg);
}

/* The configuration file, when given: its settings where the command line
 * gave none (options given on the command line win). */
static int apply_config(run *u, int argc, char **argv)
{
    opts *op = &u->op;
    if (!op->config)
        return 0;
    tb_error e = {0};
    if (tb_config_load(op->config, &u->cfg, &e) != TB_OK) {
        char b[1400];
        tb_error_format(&e, b, sizeof b);
        fprintf(stderr, "%s\n", b);
        return e.code == TB_ENOMEM ? EXIT_FAIL : EXIT_USAGE;
    }
    const tb_config *cfg = u->cfg;
#define GIVEN(o) op->given[(o) - O_OUT]
    if (!GIVEN(O_OUT) && cfg->out)
        op->out = cfg->out;
    if (!GIVEN(O_LANG) && cfg->lang >= 0)
        op->lang = cfg->lang;
    if (!GIVEN(O_RENDER) && cfg->render >= 0)
        op->render = cfg->render;
    if (!GIVEN(O_FAIL) && cfg->fail_off_track >= 0)
        op->fail_off_track = cfg->fail_off_track;
    if (!GIVEN(O_TITLE) && cfg->title)
        op->title = cfg->title;
    if (!GIVEN(O_SOURCE) && cfg->source)
        op->source = cfg->source;
    if (!GIVEN(O_TARGETS) && cfg->targets)
        op->targets = cfg->targets;
#undef GIVEN
    if (!from_argv(u->cc.data_dir, argc, argv) && cfg->data) {
        u->cc.data_dir = cfg->data;
        u->cc.data_shipped = 0;
    }
    if (u->cc.nfiles == 0 && cfg->nfiles) {
        u->cc.files = cfg->files;
        u->cc.nfiles = (int)cfg->nfiles;
    }
    return 0;
}

/* --regions, --themes and --target-ids (or the configuration's lists);
 * every theme must be known. */
static int take_lists(run *u)
{
    const tb_config *cfg = u->cfg;
    int rc;
    if ((rc = take_list(&u->reg, u->op.regions, "--regions", cfg, TB_CFG_REGIONS,
                        cfg ? cfg->regions : NULL, cfg ? cfg->nregions : 0)) ||
        (rc = take_list(&u->th, u->op.themes, "--themes", cfg, TB_CFG_THEMES,
                        cfg ? cfg->themes : NULL, cfg ? cfg->nthemes : 0)) ||
        (rc = take_list(&u->tid, u->op.target_ids, "--target-ids", cfg, TB_CFG_TARGET_IDS,
                        cfg ? cfg->target_ids : NULL, cfg ? cfg->ntarget_ids : 0)))
        return rc;
    for (size_t i = 0; i < u->th.n; i++)
        if (!tb_report_theme_known(u->th.v[i])) {
            list_blame(&u->th, cfg);
            fprintf(stderr, "theme '%s' is unknown; expected some of %s\n", u->th.v[i],
                    tb_report_theme_list());
            return EXIT_USAGE;
        }
    return 0;
}

/* Every chosen region must be known (or, without a code list, have data),
 * and each area, theme and target named once: a repeat would only be
 * found when its chart is written, after every section is built. */
static int check_regions(run *u)
{
    const tb_codelist *regions = u->cc.regions;
    for (size_t i = 0; i < u->reg.n; i++) {
        const char *r = u->reg.v[i];
        int known = 0;
        if (regions)
            known = tb_codelist_match(regions, r) != NULL;
        else
            for (size_t k = 0; k < tb_store_size(u->s) && !known; k++)
                known = !strcmp(tb_store_at(u->s, k)->region, r);
        if (known)
            continue;
        list_blame(&u->reg, u->cfg);
        if (regions)
            fprintf(stderr, "region '%s' is not in %s/regions.csv; expected a code "
                            "or name from it", r, u->cc.data_dir);
        else
            fprintf(stderr, "region '%s' has no series in the data; expected a "
                            "region of the loaded files", r);
        /* the other commands take a code list file with --regions */
        if (strchr(r, '/') || strstr(r, ".csv"))
            fprintf(stderr, " (report's --regions names the areas to cover; the "
                            "code list is DIR/regions.csv of --data DIR)");
        fputc('\n', stderr);
        return EXIT_USAGE;
    }
    int rc;
    if ((rc = check_repeats(&u->reg, u->cfg, regions, "area")) ||
        (rc = check_repeats(&u->th, u->cfg, NULL, "theme")) ||
        (rc = check_repeats(&u->tid, u->cfg, NULL, "target")))
        return rc;
    return 0;
}

/* The targets file to read into TPATH ("" for none: --targets none, or
 * no data/targets.csv, which the report then says). */
static void targets_path(run *u, char *tpath, size_t n)
{
    tpath[0] = '\0';
    if (u->op.targets && strcmp(u->op.targets, "none"))
        snprintf(tpath, n, "%s", u->op.targets);
    else if (!u->op.targets) {
        snprintf(tpath, n, "%s/targets.csv", u->cc.data_dir);
        if (access(tpath, R_OK) != 0) {
            fprintf(u->notef, "%s", u->op.lang == TB_LANG_EN
                                       ? "No targets file (data/targets.csv): no targets section.\n"
                                       : "Geen doelenbestand (data/targets.csv): geen doelsectie.\n");
            tpath[0] = '\0';
        }
    }
}

/* Read the targets file TPATH, name each target's series as the data files
 * do (a target without its series is told and counted, not dropped), and
 * check the --target-ids against it. */
static int load_targets(run *u, const char *tpath)
{
    tb_error err = {0};
    if (tb_target_load(tpath, u->cc.load.decimal, &u->ts, u->warn, &err) != TB_OK) {
        print_diag(u->warn);
        print_err(&err);
        return EXIT_DATA;
    }
    tb_diag *miss = tb_diag_new();
    u->nmissing = tb_target_resolve(u->ts, tpath, u->s, u->cc.regions, u->cc.indicators,
                                    u->warn, miss);
    print_diag(miss);
    tb_diag_free(miss);
    if (u->nmissing < 0) {
        fprintf(stderr, "trendbeeld report: out of memory\n");
        return EXIT_FAIL;
    }
    for (size_t i = 0; i < u->tid.n; i++) {
        size_t k = 0;
        while (k < u->ts->n && strcmp(u->ts->t[k].id, u->tid.v[i]))
            k++;
        if (k == u->ts->n) {
            list_blame(&u->tid, u->cfg);
            fprintf(stderr, "target '%s' is not in %s; expected an id from its "
                            "first column\n", u->tid.v[i], tpath);
            return EXIT_USAGE;
        }
    }
    return 0;
}

/* Evaluate the chosen targets and make a section of each that has its
 * series; a target without one is said in the report's note. */
static int evaluate_targets(run *u)
{
    const tb_target_set *ts = u->ts;
    tb_error err = {0};
    u->r = calloc(ts->n ? ts->n : 1, sizeof *u->r);
    u->rt = calloc(ts->n ? ts->n : 1, sizeof *u->rt);
    if (!u->r || !u->rt) {
        fprintf(stderr, "trendbeeld report: out of memory\n");
        return EXIT_FAIL;
    }
    int rc = cli_pools_open(&u->cc, u->s, &u->pools);
    if (rc)
        return rc;
    tb_target_options to;
    tb_target_options_init(&to);
    to.pools = u->pools.chain;
    to.npools = u->pools.n;
    /* how verdicts like these came out on comparable series: the rule
     * 5% less a year over 5 years, judged from every year before */
    tb_calib_options co;
    tb_calib_options_init(&co);
    co.origins = 1;
    co.pools = u->pools.chain;
    co.npools = u->pools.n;
    tb_calib_report track;
    if (tb_target_calibrate(u->s, &co, &track, &err) != TB_OK) {
        print_err(&err);
        return EXIT_FAIL;
    }
    tb_lang lang = (tb_lang)u->op.lang;
    for (size_t i = 0; i < ts->n; i++) {
        const tb_target *t = &ts->t[i];
        if (u->tid.n && !listed(&u->tid, t->id))
            continue;
        if (tb_target_evaluate(t, u->s, &to, &u->r[i], &err) != TB_OK) {
            print_err(&err);
            return EXIT_DATA;
        }
        u->off_track |= is_off_track(u->r[i]->verdict);
        const tb_series *x = tb_store_find(u->s, t->region, t->indicator, t->measure);
        if (!x || !u->r[i]->has_data) {
            /* said in the report, never drawn from nothing */
            char need[256];
            tb_message_render(&u->r[i]->needed, lang, need, sizeof need);
            fprintf(u->notef, lang == TB_LANG_EN
                                  ? "Target %s: no data for %s / %s / %s (needed: %s)\n"
                                  : "Doel %s: geen gegevens voor %s / %s / %s (nodig: %s)\n",
                    t->id, t->region, t->indicator, t->measure, need);
            continue;
        }
        if (tb_report_target_make(u->r[i], x, u->cc.regions, u->cc.indicators,
                                  &track.method[TB_CALIB_CALIBRATED], lang, &u->rt[u->nrt],
                                  &err) != TB_OK) {
            print_err(&err);
            return EXIT_FAIL;
        }
        u->nrt++;
    }
    return 0;
}

/* The report folder from the plan's themes and the target sections, and
 * the line that says what was written. */
static int write_report(run *u)
{
    const opts *op = &u->op;
    tb_error err = {0};
    tb_report_options ro;
    tb_report_options_init(&ro);
    ro.out_dir = op->out;
    ro.lang = (tb_lang)op->lang;
    ro.render = op->render;
    ro.title = op->title;
    ro.source = op->source;
    ro.regions = u->cc.regions;
    ro.indicators = u->cc.indicators;
    ro.missing_note = u->note && *u->note ? u->note : NULL;
    tb_report_summary sum;
    tb_status st = tb_report_write(u->s, tb_report_plan_themes(u->plan),
                                   tb_report_plan_size(u->plan), u->rt, u->nrt, &ro, &sum,
                                   u->warn, &err);
    print_diag(u->warn);
    if (st != TB_OK) {
        print_err(&err);
        return st == TB_EIO || st == TB_ENOMEM ? EXIT_FAIL : EXIT_DATA;
    }
    if (op->render && !sum.rendered)
        fprintf(stderr, "trendbeeld report: %s\n", sum.render_note);
    if (op->render && sum.pdf_note[0])
        fprintf(stderr, "trendbeeld report: %s\n", sum.pdf_note);
    printf("%s: %zu sections, %zu targets", op->out, tb_report_plan_size(u->plan), u->nrt);
    if (u->nmissing > 0)
        printf(" (%ld without a series in the data)", u->nmissing);
    printf(", %d charts (%d drawn), %d tables, report.md, report.html%s, results.json\n",
           sum.scripts, sum.images, sum.tables, sum.pdf ? ", report.pdf" : "");
    return op->fail_off_track && u->off_track ? EXIT_OFF_TRACK : 0;
}

int cmd_report(int argc, char **argv)
{
    run u = {.op = {.out = "report", .lang = TB_LANG_NL}};
    int rc = cli_parse(argc, argv, "report", mine, on_opt, &u.op, usage, &u.cc);
    if (rc >= 0)
        return rc;
    u.warn = tb_diag_new();
    u.notef = open_memstream(&u.note, &u.note_len);
    if (!u.warn || !u.notef) {
        fprintf(stderr, "trendbeeld report: out of memory\n");
        run_free(&u);
        return EXIT_FAIL;
    }
    if ((rc = apply_config(&u, argc, argv)) || (rc = take_lists(&u)) ||
        (rc = cli_load(&u.cc, &u.s)) || (rc = check_regions(&u)))
        goto done;
    /* districts, provinces and units as sums of their gemeenten (or, for a
     * figure published per province only, of their provinces), where the
     * data has no reported total (and checked against it where it has),
     * and the ratio measures: as every command does */
    if ((rc = cli_complete(&u.cc, u.s, 1, NULL)) != 0)
        goto done;
    tb_report_select sel = {.nthemes = u.th.n, .themes = (const char *const *)u.th.v,
                            .nareas = u.reg.n, .areas = (const char *const *)u.reg.v};
    tb_error err = {0};
    tb_status pst = tb_report_plan_select(u.s, u.cc.regions, u.cc.indicators,
                                          (tb_lang)u.op.lang, &sel, &u.plan, u.warn, &err);
    if (pst != TB_OK) {
        print_err(&err);
        rc = pst == TB_EINVAL ? EXIT_USAGE : EXIT_FAIL;
        goto done;
    }
    if (tb_report_plan_missing(u.plan))
        fputs(tb_report_plan_missing(u.plan), u.notef);
    char tpath[1024];
    targets_path(&u, tpath, sizeof tpath);
    if (tpath[0] && ((rc = load_targets(&u, tpath)) || (rc = evaluate_targets(&u))))
        goto done;
    fclose(u.notef);
    u.notef = NULL;
    rc = write_report(&u);
done:
    run_free(&u);
    return rc;
}

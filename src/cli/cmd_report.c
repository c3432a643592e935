/* trendbeeld report: the Veiligheidsbeeld annex for the loaded data. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "common.h"
#include "trendbeeld/indicators.h"
#include "trendbeeld/report.h"
#include "trendbeeld/target.h"

/* Exit status with --fail-off-track when a target is off track or missed. */
#define EXIT_OFF_TRACK 4

static const char usage[] =
    "Usage: trendbeeld report [OPTION]... [FILE]...\n"
    "Write the Veiligheidsbeeld annex for the loaded series into a folder:\n"
    "report.md, report.html (self-contained, printable), one gnuplot script\n"
    "per chart (.gp) and, with --render, its image (.png), tables/*.csv and\n"
    "results.json with every number the text uses.  Files are written under\n"
    "temporary names and renamed when everything succeeded: a failed run\n"
    "leaves an earlier report as it was.\n\n"
    "  --out DIR          output folder (default: report)\n"
    "  --render           draw the charts with gnuplot (when on the PATH)\n"
    "  --lang nl|en       language of the text and charts (default: nl)\n"
    "  --targets FILE     targets to evaluate (default: DATA/targets.csv when\n"
    "                     present; 'none' for no targets section)\n"
    "  --title TEXT       report title (default: Veiligheidsbeeld)\n"
    "  --source TEXT      source line for charts and the report\n"
    "  --fail-off-track   exit 4 when a target is off track (niet haalbaar)\n"
    "                     or was missed (niet gehaald); for pipelines\n"
    "Exit status: 0 written, 1 invalid data, 2 usage, 3 I/O failure,\n"
    "4 a target off track (with --fail-off-track).\n\n";

typedef struct {
    const char *out, *targets, *title, *source;
    int render, lang, fail_off_track;
} opts;

enum { O_OUT = 300, O_RENDER, O_LANG, O_TARGETS, O_TITLE, O_SOURCE, O_FAIL };

static const struct option mine[] = {
    {"out", required_argument, 0, O_OUT},
    {"render", no_argument, 0, O_RENDER},
    {"lang", required_argument, 0, O_LANG},
    {"targets", required_argument, 0, O_TARGETS},
    {"title", required_argument, 0, O_TITLE},
    {"source", required_argument, 0, O_SOURCE},
    {"fail-off-track", no_argument, 0, O_FAIL},
    {0, 0, 0, 0}};

static int on_opt(int opt, const char *arg, void *ud)
{
    opts *o = ud;
    switch (opt) {
    case O_OUT: o->out = arg; return 0;
    case O_RENDER: o->render = 1; return 0;
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

/* Everything a target section needs, owned here. */
typedef struct {
    tb_target_result *r;
    tb_fit *fit;
    char *summary;
    int *py;
    double *pv;
    json_t *json;
    char *title;
} target_item;

static const char *name_of(const tb_codelist *c, const char *code)
{
    const tb_code *e = c ? tb_codelist_match(c, code) : NULL;
    return e && e->name ? e->name : code;
}

/* "Oost-Nederland, Diefstal/inbraak woning (aangiften): doel 2018". */
static char *title_of(const cli_common *cc, const tb_target *t, int lang)
{
    char *s = NULL;
    if (asprintf(&s, "%s, %s (%s): %s %d", name_of(cc->regions, t->region),
                 name_of(cc->indicators, t->indicator), t->measure,
                 lang == TB_LANG_EN ? "target" : "doel", t->target_year) < 0)
        return NULL;
    return s;
}

/* Refit the target's model over the observed years so that the chart can
 * show the fit and its interval fan up to the target year. */
static tb_fit *refit(const tb_target_result *r, const tb_series *x)
{
    int kind = r->model && *r->model ? tb_model_parse(r->model) : -1;
    if (kind < 0)
        return NULL;
    int *ys = malloc((size_t)x->n * sizeof *ys);
    double *vs = malloc((size_t)x->n * sizeof *vs);
    tb_fit *f = NULL;
    if (ys && vs) {
        size_t n = tb_series_observed(x, ys, vs);
        if (r->as_of > 0)
            while (n > 0 && ys[n - 1] > r->as_of)
                n--;
        tb_fit_options fo;
        tb_fit_options_init(&fo);
        fo.horizon = r->target->target_year > (n ? ys[n - 1] : 0) ? r->target->target_year : 0;
        fo.counts = r->counts;
        if (n >= 2 && tb_model_fit((tb_model_kind)kind, ys, vs, n, &fo, &f, NULL) != TB_OK)
            f = NULL;
    }
    free(ys);
    free(vs);
    return f;
}

static int is_off_track(tb_verdict v)
{
    return v == TB_VERDICT_NIET_HAALBAAR || v == TB_VERDICT_NIET_GEHAALD;
}

int cmd_report(int argc, char **argv)
{
    opts op = {.out = "report", .lang = TB_LANG_NL};
    cli_common cc;
    int rc = cli_parse(argc, argv, "report", mine, on_opt, &op, usage, &cc);
    if (rc >= 0)
        return rc;
    tb_store *s = NULL;
    rc = cli_load(&cc, &s);
    if (rc) {
        cli_common_free(&cc);
        return rc;
    }
    tb_diag *warn = tb_diag_new();
    tb_error err = {0};
    tb_report_plan *plan = NULL;
    tb_target_set *ts = NULL;
    target_item *items = NULL;
    tb_report_target *rt = NULL;
    size_t nrt = 0;
    char *note = NULL;
    size_t note_len = 0;
    FILE *notef = open_memstream(&note, &note_len);
    int off_track = 0;

    /* districts, provinces and units as sums of their gemeenten, where the
     * data has no reported total (and checked against it where it has) */
    if (cc.regions) {
        tb_rollup *ru = NULL;
        tb_diag *rw = tb_diag_new();
        if (tb_ind_rollup(s, cc.regions, &ru, rw, &err) != TB_OK) {
            print_diag(rw);
            tb_diag_free(rw);
            print_err(&err);
            rc = EXIT_DATA;
            goto done;
        }
        /* one line per (region, indicator) is too much for a yearly run */
        if (cc.verbose)
            print_diag(rw);
        fprintf(stderr, "trendbeeld report: roll-up: %zu series added, %zu totals "
                        "checked, %zu differ, %zu notes%s\n",
                ru->series_added, ru->checked, ru->differing, tb_diag_count(rw),
                cc.verbose || !tb_diag_count(rw) ? "" : " (--verbose shows them)");
        tb_diag_free(rw);
        tb_rollup_free(ru);
    }
    if (tb_report_plan_default(s, cc.regions, cc.indicators, (tb_lang)op.lang, &plan,
                               warn, &err) != TB_OK) {
        print_err(&err);
        rc = EXIT_FAIL;
        goto done;
    }

    if (tb_report_plan_missing(plan))
        fputs(tb_report_plan_missing(plan), notef);

    /* targets */
    char tpath[1024] = "";
    if (op.targets && strcmp(op.targets, "none"))
        snprintf(tpath, sizeof tpath, "%s", op.targets);
    else if (!op.targets) {
        snprintf(tpath, sizeof tpath, "%s/targets.csv", cc.data_dir);
        if (access(tpath, R_OK) != 0) {
            fprintf(notef, "%s", op.lang == TB_LANG_EN
                                     ? "No targets file (data/targets.csv): no targets section.\n"
                                     : "Geen doelenbestand (data/targets.csv): geen doelsectie.\n");
            tpath[0] = '\0';
        }
    }
    if (tpath[0]) {
        if (tb_target_load(tpath, &ts, warn, &err) != TB_OK) {
            print_diag(warn);
            print_err(&err);
            rc = EXIT_DATA;
            goto done;
        }
        items = calloc(ts->n ? ts->n : 1, sizeof *items);
        rt = calloc(ts->n ? ts->n : 1, sizeof *rt);
        if (!items || !rt) {
            fprintf(stderr, "trendbeeld report: out of memory\n");
            rc = EXIT_FAIL;
            goto done;
        }
        tb_target_options to;
        tb_target_options_init(&to);
        for (size_t i = 0; i < ts->n; i++) {
            const tb_target *t = &ts->t[i];
            target_item *it = &items[i];
            if (tb_target_evaluate(t, s, &to, &it->r, &err) != TB_OK) {
                print_err(&err);
                rc = EXIT_DATA;
                goto done;
            }
            off_track |= is_off_track(it->r->verdict);
            const tb_series *x = tb_store_find(s, t->region, t->indicator, t->measure);
            if (!x || !it->r->has_data) {
                /* said in the report, never drawn from nothing */
                fprintf(notef, op.lang == TB_LANG_EN
                                   ? "Target %s: no data for %s / %s / %s (needed: %s)\n"
                                   : "Doel %s: geen gegevens voor %s / %s / %s (nodig: %s)\n",
                        t->id, t->region, t->indicator, t->measure, it->r->data_needed);
                continue;
            }
            size_t len = 0;
            FILE *f = open_memstream(&it->summary, &len);
            if (f) {
                tb_target_write_text(f, it->r);
                fclose(f);
            }
            it->fit = refit(it->r, x);
            it->py = malloc((it->r->npath ? it->r->npath : 1) * sizeof *it->py);
            it->pv = malloc((it->r->npath ? it->r->npath : 1) * sizeof *it->pv);
            if (!it->py || !it->pv) {
                rc = EXIT_FAIL;
                goto done;
            }
            for (size_t k = 0; k < it->r->npath; k++) {
                it->py[k] = it->r->path[k].year;
                it->pv[k] = it->r->path[k].value;
            }
            it->json = tb_target_to_json(it->r);
            tb_report_target *g = &rt[nrt++];
            g->id = t->id;
            /* a short title; the policy text itself opens the summary */
            it->title = title_of(&cc, t, op.lang);
            g->title = it->title ? it->title : t->id;
            g->verdict = tb_verdict_name(it->r->verdict, op.lang == TB_LANG_EN);
            g->summary = it->summary;
            g->obs = x;
            g->fit = it->fit;
            g->npath = it->r->npath;
            g->path_year = it->py;
            g->path_value = it->pv;
            g->target_year = t->target_year;
            g->target_value = it->r->target_value;
            g->json = it->json;
        }
    }
    fclose(notef);
    notef = NULL;

    tb_report_options ro;
    tb_report_options_init(&ro);
    ro.out_dir = op.out;
    ro.lang = (tb_lang)op.lang;
    ro.render = op.render;
    ro.title = op.title;
    ro.source = op.source;
    ro.regions = cc.regions;
    ro.indicators = cc.indicators;
    ro.missing_note = note && *note ? note : NULL;
    tb_report_summary sum;
    tb_status st = tb_report_write(s, tb_report_plan_themes(plan), tb_report_plan_size(plan),
                                   rt, nrt, &ro, &sum, warn, &err);
    print_diag(warn);
    if (st != TB_OK) {
        print_err(&err);
        rc = st == TB_EIO || st == TB_ENOMEM ? EXIT_FAIL : EXIT_DATA;
        goto done;
    }
    if (op.render && !sum.rendered)
        fprintf(stderr, "trendbeeld report: %s\n", sum.render_note);
    printf("%s: %zu sections, %zu targets, %d charts (%d drawn), %d tables, "
           "report.md, report.html, results.json\n",
           op.out, tb_report_plan_size(plan), nrt, sum.scripts, sum.images, sum.tables);
    rc = op.fail_off_track && off_track ? EXIT_OFF_TRACK : 0;
done:
    if (notef)
        fclose(notef);
    free(note);
    if (items)
        for (size_t i = 0; ts && i < ts->n; i++) {
            tb_target_result_free(items[i].r);
            tb_fit_free(items[i].fit);
            free(items[i].summary);
            free(items[i].py);
            free(items[i].pv);
            free(items[i].title);
            json_decref(items[i].json);
        }
    free(items);
    free(rt);
    tb_target_set_free(ts);
    tb_report_plan_free(plan);
    tb_diag_free(warn);
    tb_store_free(s);
    cli_common_free(&cc);
    return rc;
}

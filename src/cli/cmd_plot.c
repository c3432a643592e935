/* trendbeeld plot: gnuplot scripts (and images) for the loaded series. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"
#include "trendbeeld/gnuplot.h"
#include "trendbeeld/load.h"
#include "trendbeeld/outdir.h"
#include "trendbeeld/report.h"
#include "trendbeeld/measure.h"

static const char usage[] =
    "Usage: trendbeeld plot [OPTION]... [FILE]...\n"
    "Write one self-contained gnuplot script per chart into a folder: for\n"
    "every indicator and measure, the regions that have it as grouped bars\n"
    "(up to 5 regions), index lines (up to 12) or small multiples (more, 16\n"
    "a chart).  With --render and gnuplot on the PATH the images are drawn\n"
    "too; without gnuplot the scripts are still written and the run says so.\n"
    "The folder is replaced whole when the run succeeds (a failed or killed run\n"
    "leaves it as it was).  It keeps a list of the files the run wrote\n"
    "(.trendbeeld-plot-manifest): a later run drops those it no longer writes\n"
    "and that are unchanged, and carries every other file over.\n\n"
    "  --out DIR          output folder (default: plots)\n"
    "  --render           draw the charts with gnuplot\n"
    "  --term png|svg|pdf image format (default: png)\n"
    "  --lang nl|en       language of titles and labels (default: nl)\n"
    "  --source TEXT      source line under every chart\n\n";

typedef struct {
    const char *out, *source;
    int render, lang, term;
} opts;

enum { O_OUT = 300, O_RENDER, O_TERM, O_LANG, O_SOURCE };

static const struct option mine[] = {
    {"out", required_argument, 0, O_OUT},
    {"render", no_argument, 0, O_RENDER},
    {"term", required_argument, 0, O_TERM},
    {"lang", required_argument, 0, O_LANG},
    {"source", required_argument, 0, O_SOURCE},
    {0, 0, 0, 0}};

static int on_opt(int opt, const char *arg, void *ud)
{
    opts *o = ud;
    switch (opt) {
    case O_OUT: o->out = arg; return 0;
    case O_RENDER: o->render = 1; return 0;
    case O_SOURCE: o->source = arg; return 0;
    case O_TERM:
        o->term = tb_plot_term_parse(arg);
        if (o->term < 0) {
            fprintf(stderr, "trendbeeld plot: --term '%s': expected png, svg or pdf\n", arg);
            return 1;
        }
        return 0;
    case O_LANG:
        o->lang = tb_lang_parse(arg);
        if (o->lang < 0) {
            fprintf(stderr, "trendbeeld plot: --lang '%s': expected nl or en\n", arg);
            return 1;
        }
        return 0;
    }
    return 1;
}

/* The level of a region (gemeente, provincie, ...), "" when unknown. */
static const char *level_of(const cli_common *cc, const char *code)
{
    const tb_code *e = cc->regions ? tb_codelist_match(cc->regions, code) : NULL;
    return e && e->level ? e->level : "";
}

static const char *display(const cli_common *cc, const char *code, int region)
{
    const tb_codelist *c = region ? cc->regions : cc->indicators;
    const tb_code *e = c ? tb_codelist_match(c, code) : NULL;
    return e && e->name ? e->name : code;
}

/* The image SCRIPT (STEM.gp) draws with terminal TERM: STEM.png, ... */
static const char *image_of(const char *script, int term, char *buf, size_t n)
{
    size_t stem = strlen(script) - 3;
    snprintf(buf, n, "%.*s.%s", (int)stem, script, tb_plot_term_ext((tb_plot_term)term));
    return buf;
}

/* Write one chart as STEM.gp into the staging folder of T; returns 0. */
static int write_chart(const opts *o, tb_outdir *t, const char *stem, tb_chart_kind kind,
                       const char *title, const tb_series *const *xs,
                       const char *const *names, size_t n, int base, const char *ylabel,
                       char *script, size_t ns)
{
    tb_plot_style st;
    tb_plot_style_init(&st);
    st.ylabel = ylabel;
    st.term = (tb_plot_term)o->term;
    st.lang = (tb_lang)o->lang;
    st.source = o->source;
    char img[320];
    snprintf(img, sizeof img, "%s.%s", stem, tb_plot_term_ext(st.term));
    st.output = img;
    snprintf(script, ns, "%s.gp", stem);
    FILE *f;
    tb_error err = {0};
    tb_status rc = tb_outdir_open(t, script, &f, &err);
    if (!rc) {
        rc = tb_plot_chart(f, &st, kind, title, xs, n, names, base, &err);
        tb_status rc2 = tb_outdir_close(t, f, script, rc ? NULL : &err);
        if (!rc)
            rc = rc2;
    }
    if (rc) {
        char b[1400];
        tb_error_format(&err, b, sizeof b);
        fprintf(stderr, "trendbeeld plot: %s/%s: %s\n", o->out, script, b);
        return rc == TB_EIO || rc == TB_ENOMEM ? EXIT_FAIL : EXIT_DATA;
    }
    return 0;
}

int cmd_plot(int argc, char **argv)
{
    opts op = {.out = "plots", .lang = TB_LANG_NL, .term = TB_TERM_PNG};
    cli_common cc;
    int rc = cli_parse(argc, argv, "plot", mine, on_opt, &op, usage, &cc);
    if (rc >= 0)
        return rc;
    tb_store *s = NULL;
    rc = cli_load(&cc, &s);
    if (rc == 0)
        rc = cli_complete(&cc, s, 0, NULL); /* the series target and report see */
    if (rc) {
        tb_store_free(s);
        cli_common_free(&cc);
        return rc;
    }
    tb_outdir *t = NULL;
    tb_error terr = {0};
    if (tb_outdir_begin(op.out, TB_PLOT_MANIFEST, "plot", &t, &terr) != TB_OK) {
        char b[1400];
        tb_error_format(&terr, b, sizeof b);
        fprintf(stderr, "trendbeeld plot: %s\n", b);
        tb_store_free(s);
        cli_common_free(&cc);
        return EXIT_FAIL;
    }
    char gp[4096];
    int can_render = op.render && tb_plot_gnuplot_found(gp, sizeof gp);
    if (op.render && !can_render)
        fprintf(stderr, "trendbeeld plot: gnuplot not found on the PATH: the "
                        "scripts are written but not rendered\n");

    size_t ns = tb_store_size(s), charts = 0, drawn = 0;
    const tb_series **xs = calloc(ns ? ns : 1, sizeof *xs);
    const char **names = calloc(ns ? ns : 1, sizeof *names);
    char *done = calloc(ns ? ns : 1, 1);
    if (!xs || !names || !done) {
        rc = EXIT_FAIL;
        goto out;
    }
    /* the store is sorted by region first: group by (indicator, measure) */
    for (size_t i = 0; i < ns && !rc; i++) {
        if (done[i])
            continue;
        const tb_series *a = tb_store_at(s, i);
        if (!strcmp(a->measure, "inwoners")) {
            done[i] = 1;
            continue;
        }
        /* one group: an indicator and measure at one level of regions */
        const char *lev = level_of(&cc, a->region);
        size_t n = 0;
        for (size_t j = i; j < ns; j++) {
            const tb_series *b = tb_store_at(s, j);
            if (!done[j] && !strcmp(a->indicator, b->indicator) &&
                !strcmp(a->measure, b->measure) && !strcmp(lev, level_of(&cc, b->region))) {
                done[j] = 1;
                xs[n] = b;
                names[n++] = display(&cc, b->region, 1);
            }
        }
        char title[512], stem0[200], stem[240];
        char mlabel[160];
        tb_measure_label(mlabel, sizeof mlabel, a->measure, (tb_lang)op.lang);
        snprintf(title, sizeof title, "%s, %s%s%s", display(&cc, a->indicator, 0),
                 mlabel, *lev ? ", " : "", lev);
        char key[600];
        snprintf(key, sizeof key, "%s %s %s", a->indicator, a->measure, lev);
        tb_report_file_stem(stem0, sizeof stem0, key);
        int base;
        tb_chart_kind kind = tb_plot_choose(xs, n, &base);
        size_t per = kind == TB_CHART_MULTI ? 16 : n;
        for (size_t from = 0; from < n && !rc; from += per) {
            size_t k = n - from < per ? n - from : per;
            if (n > per)
                snprintf(stem, sizeof stem, "%s_%zu", stem0, from / per + 1);
            else
                snprintf(stem, sizeof stem, "%s", stem0);
            char script[400], img[420];
            /* counts are "aantal"; a rate, share or score says what it is */
            rc = write_chart(&op, t, stem, kind, title, xs + from, names + from, k, base,
                             kind == TB_CHART_INDEX || tb_measure_is_count(a->measure) ? NULL
                                                                               : mlabel,
                             script, sizeof script);
            if (rc)
                break;
            charts++;
            if (can_render) {
                char *msg = NULL;
                tb_error err = {0};
                if (tb_plot_render(tb_outdir_staging(t), script, &msg, &err) != TB_OK) {
                    fprintf(stderr, "trendbeeld plot: %s/%s: %s\n%s", op.out, script,
                            err.msg, msg ? msg : "");
                    rc = EXIT_FAIL;
                } else if (tb_outdir_add(t, image_of(script, op.term, img, sizeof img), &err)) {
                    fprintf(stderr, "trendbeeld plot: %s/%s: %s\n", op.out, img, err.msg);
                    rc = EXIT_FAIL;
                } else {
                    drawn++;
                    if (msg && *msg)
                        fprintf(stderr, "trendbeeld plot: %s/%s: gnuplot said: %s",
                                op.out, script, msg);
                }
                free(msg);
            }
        }
    }
    if (!rc) {
        /* a complete run replaces the folder: the charts of data no longer
         * given and images of an earlier --render go, other files stay */
        tb_diag *warn = tb_diag_new();
        if (tb_outdir_commit(t, warn, &terr) != TB_OK) {
            char b[1400];
            tb_error_format(&terr, b, sizeof b);
            fprintf(stderr, "trendbeeld plot: %s\n", b);
            rc = EXIT_FAIL;
        }
        t = NULL;
        for (size_t i = 0; i < tb_diag_count(warn); i++)
            fprintf(stderr, "trendbeeld plot: %s\n", tb_diag_get(warn, i));
        tb_diag_free(warn);
    }
    if (!rc)
        printf("%s: %zu gnuplot scripts, %zu images\n", op.out, charts, drawn);
out:
    tb_outdir_abort(t);
    free(xs);
    free(names);
    free(done);
    tb_store_free(s);
    cli_common_free(&cc);
    return rc;
}

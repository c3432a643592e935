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
    "(up to 5 regions and 60 bars), index lines (up to 10 regions) or small\n"
    "multiples (more, 16 a chart).  With --render and gnuplot on the PATH the\n"
    "images are drawn too; without gnuplot the scripts are still written and\n"
    "the run says so.  The folder is replaced whole when the run succeeds (a\n"
    "failed or killed run leaves it as it was).  It keeps a list of the files\n"
    "the run wrote (.trendbeeld-plot-manifest): a later run drops those it no\n"
    "longer writes and that are unchanged, and carries every other file over.\n\n"
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

    size_t charts = 0, drawn = 0;
    tb_plot_plan *plan = NULL;
    tb_error perr = {0};
    if (tb_plot_plan_make(s, cc.regions, cc.indicators, (tb_lang)op.lang, &plan, &perr)) {
        fprintf(stderr, "trendbeeld plot: %s\n", perr.msg);
        rc = EXIT_FAIL;
        goto out;
    }
    for (size_t i = 0; i < plan->n && !rc; i++) {
        const tb_plot_chart_plan *c = &plan->chart[i];
        char script[400], img[420];
        rc = write_chart(&op, t, c->stem, c->kind, c->title, c->series, c->names, c->nseries,
                         c->base, c->ylabel[0] ? c->ylabel : NULL, script, sizeof script);
        if (rc)
            break;
        charts++;
        if (!can_render)
            continue;
        char *msg = NULL;
        tb_error err = {0};
        if (tb_plot_render(tb_outdir_staging(t), script, &msg, &err) != TB_OK) {
            fprintf(stderr, "trendbeeld plot: %s/%s: %s\n%s", op.out, script, err.msg,
                    msg ? msg : "");
            rc = EXIT_FAIL;
        } else if (tb_outdir_add(t, image_of(script, op.term, img, sizeof img), &err)) {
            fprintf(stderr, "trendbeeld plot: %s/%s: %s\n", op.out, img, err.msg);
            rc = EXIT_FAIL;
        } else {
            drawn++;
            if (msg && *msg)
                fprintf(stderr, "trendbeeld plot: %s/%s: gnuplot said: %s", op.out, script,
                        msg);
        }
        free(msg);
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
    tb_plot_plan_free(plan);
    tb_store_free(s);
    cli_common_free(&cc);
    return rc;
}

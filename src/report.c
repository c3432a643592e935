/* The report folder: charts, tables, sentences, Markdown, HTML and JSON,
 * written to temporary files and renamed when everything succeeded. */
#include "trendbeeld/format.h"
#include "trendbeeld/report.h"
#include "trendbeeld/run.h"

#include <errno.h>
#include <limits.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report_priv.h"
#include "trendbeeld/indicators.h"
#include "trendbeeld/load.h"
#include "trendbeeld/outdir.h"
#include "trendbeeld/measure.h"

void tb_report_options_init(tb_report_options *o)
{
    memset(o, 0, sizeof *o);
    o->lang = TB_LANG_NL;
}

static void section_free(section *x)
{
    tb_text_free(x->text);
    if (x->ind)
        for (size_t i = 0; i < x->nreg; i++)
            tb_ind_table_free(x->ind[i]);
    free(x->ind);
    free(x->s);
    free(x->names);
    free(x->source);
    json_decref(x->json);
}

/* ---- the PDF ---------------------------------------------------------------- */

/* report.pdf from report.html in the staging folder, by the first
 * converter on the PATH: WeasyPrint (made for CSS paged media), else
 * headless Chromium.  Without one, or when it fails, the report stands
 * without a PDF and SUM says why. */
static tb_status make_pdf(tb_outdir *t, const tb_report_options *o, tb_report_summary *sum,
                          tb_error *err)
{
    char prog[4096], *msg = NULL;
    const char *dir = tb_outdir_staging(t);
    int code;
    if (tb_run_find("weasyprint", prog, sizeof prog)) {
        char *argv[] = {prog, "--quiet", "report.html", "report.pdf", NULL};
        code = tb_run(dir, argv, &msg);
    } else if (tb_run_find("chromium", prog, sizeof prog)) {
        char abs[PATH_MAX], url[PATH_MAX + 32], *html = rp_staged(t, "report.html");
        if (!html || !realpath(html, abs)) {
            free(html);
            return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
        }
        free(html);
        snprintf(url, sizeof url, "file://%s", abs);
        char *argv[] = {prog, "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-pdf-header-footer", "--print-to-pdf=report.pdf", url, NULL};
        code = tb_run(dir, argv, &msg);
    } else {
        snprintf(sum->pdf_note, sizeof sum->pdf_note, "%s",
                 tr(o, "geen PDF: weasyprint noch chromium is geïnstalleerd "
                       "(scripts/install-deps.sh report installeert weasyprint)",
                    "no PDF: neither weasyprint nor chromium is installed "
                    "(scripts/install-deps.sh report installs weasyprint)"));
        return TB_OK;
    }
    char *pdf = rp_staged(t, "report.pdf");
    struct stat st;
    int made = code == 0 && pdf && stat(pdf, &st) == 0 && st.st_size > 0;
    free(pdf);
    if (made) {
        sum->pdf = 1;
        free(msg);
        return tb_outdir_add(t, "report.pdf", err);
    }
    snprintf(sum->pdf_note, sizeof sum->pdf_note, tr(o, "geen PDF: %s gaf %d (%.300s)",
                                                    "no PDF: %s exited with %d (%.300s)"),
             prog, code, msg ? msg : "");
    free(msg);
    return TB_OK;
}

/* ---- the whole report ----------------------------------------------------- */

tb_status tb_report_write(const tb_store *store, const tb_report_theme *themes,
                          size_t nthemes, const tb_report_target *targets,
                          size_t ntargets, const tb_report_options *o,
                          tb_report_summary *sum_out, tb_diag *warn, tb_error *err)
{
    tb_report_summary sum = {0};
    if (!o || !o->out_dir || !*o->out_dir)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0, "the report needs an output folder");
    if (nthemes + ntargets == 0)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "the report has no sections: no theme and no target "
                            "found in the data");
    tb_outdir *t = NULL;
    tb_status rc = tb_outdir_begin(o->out_dir, TB_REPORT_MANIFEST, "report", &t, err);
    if (!rc && (rc = tb_outdir_mkdir(t, "tables", err)) != TB_OK)
        tb_outdir_abort(t);
    if (rc)
        return rc;
    if (o->render) {
        char p[4096];
        sum.rendered = tb_plot_gnuplot_found(p, sizeof p);
        if (!sum.rendered)
            snprintf(sum.render_note, sizeof sum.render_note, "%s",
                     tr(o, "gnuplot staat niet op het PATH: de grafieken zijn als "
                           "script geschreven (.gp) maar niet getekend.",
                        "gnuplot is not on the PATH: the charts are written as "
                        "scripts (.gp) but not drawn."));
    } else {
        snprintf(sum.render_note, sizeof sum.render_note, "%s",
                 tr(o, "De grafieken zijn als gnuplot-script geschreven (.gp); teken "
                       "ze met 'gnuplot BESTAND.gp' of draai het rapport met --render.",
                    "The charts are written as gnuplot scripts (.gp); draw them "
                    "with 'gnuplot FILE.gp' or run the report with --render."));
    }
    section *sec = calloc(nthemes + ntargets, sizeof *sec);
    json_t *root = NULL;
    if (!sec) {
        rc = tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < nthemes && !rc; i++)
        rc = rp_theme_section(t, store, &themes[i], o, &sec[i], &sum, warn, err);
    for (size_t i = 0; i < ntargets && !rc; i++)
        rc = rp_target_section(t, store, &targets[i], o, &sec[nthemes + i], &sum, warn, err);
    /* two sections with the same file stem would overwrite each other */
    for (size_t i = 0; i < nthemes + ntargets && !rc; i++)
        for (size_t j = 0; j < i && !rc; j++)
            if (!strcmp(sec[i].stem, sec[j].stem))
                rc = tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                                  "sections '%s' and '%s' get the same file name '%s'",
                                  sec[j].title, sec[i].title, sec[i].stem);
    if (rc)
        goto done;
    rc = rp_write_pages(t, o, sec, nthemes, ntargets, &sum, err);
    if (rc)
        goto done;
    if (o->render && (rc = make_pdf(t, o, &sum, err)) != TB_OK)
        goto done;
    root = json_object();
    json_t *th = json_array(), *tg = json_array();
    for (size_t i = 0; i < nthemes; i++)
        json_array_append(th, sec[i].json);
    for (size_t i = 0; i < ntargets; i++)
        json_array_append(tg, sec[nthemes + i].json);
    json_object_set_new(root, "title", json_string(o->title ? o->title : "Veiligheidsbeeld"));
    json_object_set_new(root, "lang", json_string(o->lang == TB_LANG_EN ? "en" : "nl"));
    if (o->source)
        json_object_set_new(root, "source", json_string(o->source));
    json_object_set_new(root, "rendered", json_boolean(sum.rendered));
    json_object_set_new(root, "themes", th);
    json_object_set_new(root, "targets", tg);
    if (o->missing_note)
        json_object_set_new(root, "not_included", json_string(o->missing_note));
    FILE *f;
    rc = tb_outdir_open(t, "results.json", &f, err);
    if (rc)
        goto done;
    if (json_dumpf(root, f, JSON_INDENT(1) | JSON_ENSURE_ASCII) != 0)
        rc = tb_error_set(err, TB_EIO, "results.json", 0, 0, "writing failed");
    tb_status rc2 = tb_outdir_close(t, f, "results.json", err);
    if (!rc)
        rc = rc2;
    if (!rc) {
        rc = tb_outdir_commit(t, warn, err);
        t = NULL; /* freed by the commit */
    }
done:
    json_decref(root);
    if (sec)
        for (size_t i = 0; i < nthemes + ntargets; i++)
            section_free(&sec[i]);
    free(sec);
    tb_outdir_abort(t);
    if (sum_out)
        *sum_out = sum;
    return rc;
}

/* A target section of the report made from a target's evaluation: its
 * title, words, overview row, track record, chart data and JSON. */
#include "trendbeeld/report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trendbeeld/measure.h"

struct tb_report_target_own {
    char *title, *summary, *brief;
    tb_fit *fit;
    int *path_year;
    double *path_value;
};

/* "Oost-Nederland, Diefstal/inbraak woning, aangiften: doel 2018" (commas,
 * because indicator names and measure labels have parentheses of their own). */
static char *title_of(const tb_target *t, const tb_codelist *regions,
                      const tb_codelist *indicators, tb_lang lang)
{
    char *s = NULL, m[160];
    tb_measure_label(m, sizeof m, t->measure, lang);
    if (asprintf(&s, "%s, %s, %s: %s %d", tb_codelist_name(regions, t->region),
                 tb_codelist_name(indicators, t->indicator), m, tb_tr(lang, "doel", "target"),
                 t->target_year) < 0)
        return NULL;
    return s;
}

/* Refit the target's model over the observed years (up to the as-of year)
 * so that the chart can show the fit and its interval fan up to the
 * target year; NULL when the model cannot be fitted. */
static tb_fit *refit(const tb_target_result *r, const tb_series *x)
{
    int kind = r->model && *r->model ? tb_model_parse(r->model) : -1;
    if (kind < 0)
        return NULL;
    int *ys = malloc((size_t)x->n * sizeof *ys);
    double *vs = malloc((size_t)x->n * sizeof *vs);
    tb_fit *f = NULL;
    if (ys && vs) {
        size_t n = tb_series_observed_to(x, r->as_of, ys, vs);
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

/* The track record of the target's kind of verdict, in words: how often
 * a target judged so on the loaded series (rule 5% a year, 5 years,
 * judged from every year before) was met. */
static void track_record(FILE *f, const tb_target_result *r, const tb_calib_result *c,
                         tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    tb_verdict v = r->verdict;
    if (v != TB_VERDICT_HAALBAAR && v != TB_VERDICT_ONZEKER && v != TB_VERDICT_NIET_HAALBAAR)
        return;
    if (!r->calibrated) {
        fputs(en ? "  track record: none; without a calibrated probability the verdict rests "
                   "on the model, whose probabilities proved overconfident on real series\n"
                 : "  terugblik: geen; zonder gekalibreerde kans rust het oordeel op het "
                   "model, waarvan de kansen op echte reeksen te zeker bleken\n",
              f);
        return;
    }
    size_t n = c->verdict_n[v], met = c->verdict_met[v];
    if (n < 30) {
        fprintf(f, en ? "  track record: too few comparable cases among the loaded series "
                        "(%zu) to say how often a verdict '%s' came true\n"
                      : "  terugblik: te weinig vergelijkbare gevallen in de geladen reeksen "
                        "(%zu) om te zeggen hoe vaak het oordeel '%s' uitkwam\n",
                n, tb_verdict_name(v, lang));
        return;
    }
    char a[32], b[32];
    tb_fmt_frac_pct(a, sizeof a, (double)met / (double)n, 0, lang);
    tb_fmt_int(b, sizeof b, (double)n, lang);
    fprintf(f, en ? "  track record: of the targets judged '%s' in the same way on comparable "
                    "series (rule 5%% less a year over 5 years, judged from every earlier year "
                    "with only the data known then; %s cases), %s were met\n"
                  : "  terugblik: van de doelen die op vergelijkbare reeksen zo werden beoordeeld "
                    "('%s'; regel 5%% per jaar minder over 5 jaar, beoordeeld vanaf elk jaar "
                    "ervoor met alleen de cijfers van toen; %s gevallen), werd %s gehaald\n",
            tb_verdict_name(v, lang), b, a);
}

/* The full evaluation for the appendix, and the plain paragraph. */
static void words(const tb_target_result *r, const tb_calib_result *track, tb_lang lang,
                  struct tb_report_target_own *own)
{
    size_t len = 0;
    FILE *f = open_memstream(&own->summary, &len);
    if (f) {
        tb_target_write_text_lang(f, r, lang);
        if (track)
            track_record(f, r, track, lang);
        fclose(f);
    }
    f = open_memstream(&own->brief, &len);
    if (f) {
        tb_target_write_brief(f, r, lang);
        fclose(f);
    }
}

tb_status tb_report_target_make(const tb_target_result *r, const tb_series *x,
                                const tb_codelist *regions, const tb_codelist *indicators,
                                const tb_calib_result *track, tb_lang lang,
                                tb_report_target *g, tb_error *err)
{
    memset(g, 0, sizeof *g);
    if (!x || !r->has_data)
        return tb_error_set(err, TB_EDATA, NULL, 0, 0, "target %s: no data to draw",
                            r->target->id);
    const tb_target *t = r->target;
    struct tb_report_target_own *own = calloc(1, sizeof *own);
    size_t np = r->npath ? r->npath : 1;
    if (own) {
        own->path_year = malloc(np * sizeof *own->path_year);
        own->path_value = malloc(np * sizeof *own->path_value);
    }
    g->own = own;
    if (!own || !own->path_year || !own->path_value) {
        tb_report_target_clear(g);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t k = 0; k < r->npath; k++) {
        own->path_year[k] = r->path[k].year;
        own->path_value[k] = r->path[k].value;
    }
    words(r, track, lang, own);
    own->fit = refit(r, x);
    /* a short title; the policy text itself opens the summary */
    own->title = title_of(t, regions, indicators, lang);
    g->id = t->id;
    g->title = own->title ? own->title : t->id;
    g->verdict = tb_verdict_name(r->verdict, lang);
    g->summary = own->summary;
    g->brief = own->brief;
    tb_target_row_cells(r, lang, &g->cells);
    g->obs = x;
    g->fit = own->fit;
    g->npath = r->npath;
    g->path_year = own->path_year;
    g->path_value = own->path_value;
    g->target_year = t->target_year;
    g->target_value = r->target_value;
    g->stated_value = t->stated_value;
    if (t->kind == TB_TARGET_LOWER_THAN_BEFORE && r->n_projected_before > 0) {
        g->pending_from = t->target_year - r->n_projected_before;
        g->pending_to = t->target_year - 1;
    }
    g->bound = !tb_target_lower_better(t->kind)         ? TB_BOUND_MIN
               : t->kind == TB_TARGET_LOWER_THAN_BEFORE ? TB_BOUND_BELOW
                                                        : TB_BOUND_MAX;
    g->counts = r->counts;
    g->json = tb_target_to_json(r);
    g->fan = r->fan;
    g->nfan = r->nfan;
    return TB_OK;
}

void tb_report_target_clear(tb_report_target *g)
{
    if (!g)
        return;
    if (g->own) {
        free(g->own->title);
        free(g->own->summary);
        free(g->own->brief);
        tb_fit_free(g->own->fit);
        free(g->own->path_year);
        free(g->own->path_value);
        free(g->own);
        json_decref(g->json);
    }
    memset(g, 0, sizeof *g);
}

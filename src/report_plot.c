/* The charts `plot` draws for a whole store: for every indicator and
 * measure, the regions of one level that have it, drawn as tb_plot_choose
 * says; small multiples 16 regions a chart. */
#include "trendbeeld/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "trendbeeld/measure.h"

/* The level of a region (gemeente, provincie, ...), "" when unknown. */
static const char *level_of(const tb_codelist *regions, const char *code)
{
    const tb_code *e = regions ? tb_codelist_match(regions, code) : NULL;
    return e && e->level ? e->level : "";
}

/* The charts of one group (XS, NAMES: N regions of series A's indicator,
 * measure and level LEV) appended to P; -1 when out of memory. */
static int add_group(tb_plot_plan *p, const tb_series *a, const char *lev,
                     const tb_series **xs, const char **names, size_t n,
                     const tb_codelist *indicators, tb_lang lang)
{
    char title[512], stem0[200], mlabel[160], key[600];
    tb_measure_label(mlabel, sizeof mlabel, a->measure, lang);
    snprintf(title, sizeof title, "%s, %s%s%s", tb_codelist_name(indicators, a->indicator), mlabel,
             *lev ? ", " : "", lev);
    snprintf(key, sizeof key, "%s %s %s", a->indicator, a->measure, lev);
    tb_report_file_stem(stem0, sizeof stem0, key);
    int base;
    tb_chart_kind kind = tb_plot_choose(xs, n, &base);
    size_t per = kind == TB_CHART_MULTI ? 16 : n;
    for (size_t from = 0; from < n; from += per) {
        if (TB_GROW(p->chart, p->cap, p->n + 1, 16))
            return -1;
        tb_plot_chart_plan *c = &p->chart[p->n];
        memset(c, 0, sizeof *c);
        size_t k = n - from < per ? n - from : per;
        c->series = malloc(k * sizeof *c->series);
        c->names = malloc(k * sizeof *c->names);
        if (!c->series || !c->names) {
            free(c->series);
            free(c->names);
            return -1;
        }
        p->n++;
        memcpy(c->series, xs + from, k * sizeof *c->series);
        memcpy(c->names, names + from, k * sizeof *c->names);
        c->nseries = k;
        c->kind = kind;
        c->base = base;
        if (n > per)
            snprintf(c->stem, sizeof c->stem, "%s_%zu", stem0, from / per + 1);
        else
            snprintf(c->stem, sizeof c->stem, "%s", stem0);
        snprintf(c->title, sizeof c->title, "%s", title);
        /* counts are "aantal"; a rate, share or score says what it is */
        if (kind != TB_CHART_INDEX && !tb_measure_is_count(a->measure))
            snprintf(c->ylabel, sizeof c->ylabel, "%s", mlabel);
    }
    return 0;
}

tb_status tb_plot_plan_make(const tb_store *s, const tb_codelist *regions,
                            const tb_codelist *indicators, tb_lang lang, tb_plot_plan **out,
                            tb_error *err)
{
    size_t ns = tb_store_size(s);
    tb_plot_plan *p = calloc(1, sizeof *p);
    const tb_series **xs = calloc(ns ? ns : 1, sizeof *xs);
    const char **names = calloc(ns ? ns : 1, sizeof *names);
    char *done = calloc(ns ? ns : 1, 1);
    int bad = !p || !xs || !names || !done;
    /* the store is sorted by region first: group by (indicator, measure) */
    for (size_t i = 0; i < ns && !bad; i++) {
        if (done[i])
            continue;
        const tb_series *a = tb_store_at(s, i);
        if (!strcmp(a->measure, "inwoners")) {
            done[i] = 1;
            continue;
        }
        /* one group: an indicator and measure at one level of regions */
        const char *lev = level_of(regions, a->region);
        size_t n = 0;
        for (size_t j = i; j < ns; j++) {
            const tb_series *b = tb_store_at(s, j);
            if (!done[j] && !strcmp(a->indicator, b->indicator) &&
                !strcmp(a->measure, b->measure) && !strcmp(lev, level_of(regions, b->region))) {
                done[j] = 1;
                xs[n] = b;
                names[n++] = tb_codelist_name(regions, b->region);
            }
        }
        bad = add_group(p, a, lev, xs, names, n, indicators, lang) != 0;
    }
    free(xs);
    free(names);
    free(done);
    if (bad) {
        tb_plot_plan_free(p);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *out = p;
    return TB_OK;
}

void tb_plot_plan_free(tb_plot_plan *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->chart[i].series);
        free(p->chart[i].names);
    }
    free(p->chart);
    free(p);
}

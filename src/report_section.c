/* One section of the report: a theme (its regions' charts, indicator
 * tables and sentences) or a target (its chart and evaluation), with its
 * tables/<stem>.csv and its entry in results.json. */
#include "trendbeeld/output.h"
#include "trendbeeld/format.h"
#include "trendbeeld/gnuplot.h"
#include "trendbeeld/indicators.h"
#include "trendbeeld/measure.h"
#include "trendbeeld/outdir.h"
#include "trendbeeld/report.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report_priv.h"

static void csv_num(FILE *f, double v)
{
    if (isnan(v) || isinf(v))
        return; /* empty cell */
    char b[40];
    tb_fmt_c(b, sizeof b, v);
    fputs(b, f);
}

size_t tb_report_file_stem(char *buf, size_t n, const char *name)
{
    size_t len = 0;
    int gap = 0;
    if (n > 0)
        buf[0] = '\0';
    for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p; p++) {
        int c = *p;
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                 c == '_';
        if (!ok) {
            gap = 1;
            continue;
        }
        if (gap && len > 0) {
            if (n > 0 && len < n - 1)
                buf[len] = '_', buf[len + 1] = '\0';
            len++;
        }
        gap = 0;
        if (n > 0 && len < n - 1)
            buf[len] = (char)c, buf[len + 1] = '\0';
        len++;
    }
    if (len == 0) {
        if (n > 1)
            buf[0] = 'x', buf[1] = '\0';
        len = 1;
    }
    return len;
}

/* Every file goes into the staging folder of the output transaction
 * (outdir.h); the report is put in place whole or not at all.  The path
 * of REL there (for reading an image back): */
char *rp_staged(const tb_outdir *t, const char *rel)
{
    char *p = NULL;
    return asprintf(&p, "%s/%s", tb_outdir_staging(t), rel) < 0 ? NULL : p;
}

/* Where the figures of N series come from: their distinct sources joined
 * by "; ".  A sum made from gemeenten ("som van 10 gemeenten") is traced
 * to the source of the gemeente figures it was made of. */
static char *section_source(const tb_store *store, const tb_series *const *x,
                            size_t n, const tb_report_options *o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    const char **seen = calloc(n ? n : 1, sizeof *seen);
    size_t ns = 0;
    for (size_t i = 0; i < n && seen; i++) {
        const char *src = x[i]->source;
        int summed = 0;
        if (src && !strncmp(src, "som van", 7)) {
            summed = 1;
            src = NULL;
            for (size_t k = 0; k < tb_store_size(store) && !src; k++) {
                const tb_series *y = tb_store_at(store, k);
                if (y->source && strncmp(y->source, "som van", 7) &&
                    !strcmp(y->indicator, x[i]->indicator) &&
                    !strcmp(y->measure, x[i]->measure))
                    src = y->source;
            }
        }
        if (!src)
            continue;
        /* a file named as its own source: its name, not where it lay */
        const char *slash = strrchr(src, '/');
        if (slash && slash[1] && access(src, F_OK) == 0)
            src = slash + 1;
        size_t k = 0;
        while (k < ns && strcmp(seen[k], src))
            k++;
        if (k < ns)
            continue;
        seen[ns++] = src;
        fprintf(f, "%s%s%s", ns > 1 ? "; " : "", src,
                summed ? tr(o, " (opgeteld per regio)", " (summed per region)") : "");
    }
    free(seen);
    fclose(f);
    if (buf && !*buf) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Write a chart script (and, with render, its image) for a section. */
typedef tb_status (*draw_fn)(FILE *, const tb_plot_style *, void *, tb_error *);

static tb_status chart(tb_outdir *t, const tb_report_options *o, const char *stem,
                       const char *measure, const char *source, draw_fn draw,
                       void *ctx,
                       char *script_rel, size_t nsr,
                       char *image_rel, size_t nir,
                       tb_report_summary *sum, tb_diag *warn, tb_error *err)
{
    tb_plot_style st;
    tb_plot_style_init(&st);
    st.lang = o->lang;
    st.source = o->source ? o->source : source;
    /* counts are "aantal"; a rate, percentage or score says what it is */
    char ylabel[160];
    tb_measure_label(ylabel, sizeof ylabel, measure, o->lang);
    st.ylabel = measure && !tb_measure_is_count(measure) ? ylabel : NULL;
    char img[128];
    snprintf(img, sizeof img, "%s.png", stem);
    st.output = img;
    snprintf(script_rel, nsr, "%s.gp", stem);
    image_rel[0] = '\0';
    FILE *f;
    tb_status rc = tb_outdir_open(t, script_rel, &f, err);
    if (rc)
        return rc;
    rc = draw(f, &st, ctx, err);
    tb_status rc2 = tb_outdir_close(t, f, script_rel, err);
    if (rc || rc2)
        return rc ? rc : rc2;
    sum->scripts++;
    if (!o->render || !sum->rendered)
        return TB_OK;
    /* gnuplot draws the image next to the script, in the staging folder */
    char *msg = NULL;
    rc = tb_plot_render(tb_outdir_staging(t), script_rel, &msg, err);
    if (!rc && msg && *msg && warn)
        tb_diag_add(warn, script_rel, 0, 0, "gnuplot said: %.300s", msg);
    free(msg);
    if (!rc)
        rc = tb_outdir_add(t, img, err);
    if (rc)
        return rc;
    snprintf(image_rel, nir, "%s", img);
    sum->images++;
    return TB_OK;
}

typedef struct {
    const char *title;
    const tb_series *const *s;
    size_t n;
    const char *const *names;
    tb_chart_kind kind;
    int base;
} regions_ctx;

static tb_status draw_regions(FILE *f, const tb_plot_style *st, void *c_, tb_error *err)
{
    regions_ctx *c = c_;
    return tb_plot_chart(f, st, c->kind, c->title, c->s, c->n, c->names, c->base, err);
}

typedef struct {
    const char *title;
    tb_plot_trend_data d;
} trend_ctx;

static tb_status draw_trend(FILE *f, const tb_plot_style *st, void *c_, tb_error *err)
{
    trend_ctx *c = c_;
    return tb_plot_trend(f, st, c->title, &c->d, err);
}

static json_t *claims_json(const tb_claim *c, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s, s:o, s:s}", "key", c[i].key,
                                           "value", tb_json_num(c[i].value), "shown",
                                           c[i].shown));
    return a;
}

/* Sum of the regions per year, NaN when one of them has no value. */
double rp_total_at(const section *x, int y)
{
    double t = 0;
    for (size_t i = 0; i < x->nreg; i++)
        t += tb_series_get(x->s[i], y);
    return t;
}

int rp_prov_at(const section *x, int y)
{
    for (size_t i = 0; i < x->nreg; i++)
        if (tb_series_flags(x->s[i], y) & TB_FLAG_PROVISIONAL)
            return 1;
    return 0;
}

/* The theme's series, their names and source, and whether the tables
 * need a decimal (one notation per table: a decimal when any value has
 * one). */
static tb_status theme_series(const tb_store *store, const tb_report_theme *th,
                              const tb_report_options *o, section *x, tb_error *err)
{
    x->nreg = th->nregions;
    if (x->nreg == 0)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "section '%s' names no regions", x->title);
    x->s = calloc(x->nreg, sizeof *x->s);
    x->names = calloc(x->nreg, sizeof *x->names);
    x->ind = calloc(x->nreg, sizeof *x->ind);
    if (!x->s || !x->names || !x->ind)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < x->nreg; i++) {
        x->s[i] = tb_store_find(store, th->regions[i], th->indicator, th->measure);
        if (!x->s[i])
            return tb_error_set(err, TB_EDATA, NULL, 0, 0,
                                "section '%s': no series for region %s, indicator "
                                "%s, measure %s in the data",
                                x->title, th->regions[i], th->indicator, th->measure);
        x->names[i] = th->names && th->names[i] ? th->names[i]
                                                : tb_codelist_name(o->regions, th->regions[i]);
    }
    x->total = th->total && x->nreg > 1;
    x->source = section_source(store, x->s, x->nreg, o);
    for (size_t i = 0; i < x->nreg && !x->vdec; i++)
        for (int k = 0; k < x->s[i]->n && !x->vdec; k++) {
            double v = x->s[i]->value[k];
            x->vdec = !isnan(v) && fabs(v - round(v)) > 1e-9;
        }
    return TB_OK;
}

/* The sentences on the theme's regions (report_text.c). */
static tb_status theme_sentences(const tb_report_theme *th, const tb_report_options *o,
                                 section *x, tb_error *err)
{
    const char **absent = th->nabsent ? calloc(th->nabsent, sizeof *absent) : NULL;
    if (th->nabsent && !absent)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < th->nabsent; i++)
        absent[i] = tb_codelist_name(o->regions, th->absent[i]);
    tb_describe_options d = {.lang = o->lang, .what = th->what, .area = th->area,
                             .units = th->units,
                             .total = x->total,
                             .small = tb_measure_is_count(th->measure)
                                          ? TB_REPORT_SMALL_COUNT
                                          : 0,
                             .nabsent = th->nabsent,
                             .absent = absent};
    tb_status rc = tb_report_describe(x->s, x->nreg, x->names, &d, &x->text, err);
    free(absent);
    return rc;
}

/* The indicator tables of each region, indexed on BASE, with rates per
 * 1.000 when every region has its inwoners; the years they span. */
static tb_status theme_indicators(const tb_store *store, const tb_report_theme *th,
                                  int base, section *x, tb_diag *warn, tb_error *err)
{
    x->y0 = TB_YEAR_MAX;
    x->y1 = TB_YEAR_MIN;
    x->rates = 1;
    for (size_t i = 0; i < x->nreg; i++) {
        const tb_series *inw = tb_ind_find_inwoners(store, th->regions[i]);
        if (!inw)
            x->rates = 0;
        tb_status rc = tb_ind_compute(x->s[i], inw, base, &x->ind[i], err);
        if (rc)
            return rc;
        if (x->s[i]->first_year < x->y0)
            x->y0 = x->s[i]->first_year;
        if (tb_series_last_year(x->s[i]) > x->y1)
            x->y1 = tb_series_last_year(x->s[i]);
    }
    if (!x->rates && warn)
        tb_diag_add(warn, NULL, 0, 0,
                    "section '%s': no inwoners for every region, so no rates per 1.000",
                    x->title);
    return TB_OK;
}

/* The second chart of a theme: its member gemeenten as small multiples. */
static tb_status theme_members_chart(tb_outdir *t, const tb_store *store,
                                     const tb_report_theme *th, const tb_report_options *o,
                                     section *x, tb_report_summary *sum, tb_diag *warn,
                                     tb_error *err)
{
    const tb_series **ms = calloc(th->nmembers, sizeof *ms);
    const char **mn = calloc(th->nmembers, sizeof *mn);
    if (!ms || !mn) {
        free(ms);
        free(mn);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    }
    size_t k = 0;
    for (size_t i = 0; i < th->nmembers; i++) {
        const tb_series *m = tb_store_find(store, th->members[i], th->indicator,
                                           th->measure);
        if (!m) {
            if (warn)
                tb_diag_add(warn, NULL, 0, 0, "section '%s': no series for %s",
                            x->title, th->members[i]);
            continue;
        }
        ms[k] = m;
        mn[k++] = tb_codelist_name(o->regions, th->members[i]);
    }
    char mstem[128], mtitle[320];
    snprintf(mstem, sizeof mstem, "%s_gemeenten", x->stem);
    snprintf(mtitle, sizeof mtitle, "%s %s", x->title,
             tr(o, "per gemeente", "by municipality"));
    regions_ctx m2 = {.title = mtitle, .s = ms, .n = k, .names = mn, .kind = TB_CHART_MULTI};
    tb_status rc = k ? chart(t, o, mstem, th->measure, x->source, draw_regions, &m2,
                             x->extra_script, sizeof x->extra_script, x->extra_image,
                             sizeof x->extra_image, sum, warn, err)
                     : TB_OK;
    free(ms);
    free(mn);
    return rc;
}

/* One row of tables/<stem>.csv (RATE may be NaN: an empty cell). */
static void table_row(FILE *f, const char *region, const char *name,
                      const tb_report_theme *th, int year, double value, int prov,
                      double yoy, double index, double rate)
{
    tb_csv_field(f, region);
    fputc(',', f);
    tb_csv_field(f, name);
    fputc(',', f);
    tb_csv_field(f, th->indicator);
    fputc(',', f);
    tb_csv_field(f, th->measure);
    fprintf(f, ",%d,", year);
    csv_num(f, value);
    fprintf(f, ",%d,", prov);
    csv_num(f, yoy);
    fputc(',', f);
    csv_num(f, index);
    fputc(',', f);
    csv_num(f, rate);
    fputc('\n', f);
}

/* tables/<stem>.csv, every number of the section's tables, and the same
 * rows for results.json into *ROWS. */
static tb_status theme_table(tb_outdir *t, const tb_report_theme *th,
                             const tb_report_options *o, int base, section *x,
                             const char *rel, json_t **rows_out, tb_error *err)
{
    FILE *f;
    tb_status rc = tb_outdir_open(t, rel, &f, err);
    if (rc)
        return rc;
    fputs("region,name,indicator,measure,year,value,provisional,yoy_pct,index,"
          "rate_per_1000\n", f);
    json_t *rows = json_array();
    for (size_t i = 0; i < x->nreg; i++)
        for (size_t k = 0; k < x->ind[i]->n; k++) {
            const tb_ind_row *r = &x->ind[i]->row[k];
            int prov = (r->flags & TB_FLAG_PROVISIONAL) != 0;
            table_row(f, x->s[i]->region, x->names[i], th, r->year, r->value, prov,
                      r->yoy_pct, r->index, r->rate_per_1000);
            json_array_append_new(
                rows, json_pack("{s:s, s:s, s:i, s:o, s:b, s:o, s:o, s:o}", "region",
                                x->s[i]->region, "name", x->names[i], "year", r->year,
                                "value", tb_json_num(r->value), "provisional", prov, "yoy_pct",
                                tb_json_num(r->yoy_pct), "index", tb_json_num(r->index),
                                "rate_per_1000", tb_json_num(r->rate_per_1000)));
        }
    const char *total = th->area ? th->area : tr(o, "totaal", "total");
    if (x->total)
        for (int y = x->y0; y <= x->y1; y++) {
            double v = rp_total_at(x, y), p = rp_total_at(x, y - 1);
            double yoy = tb_ind_yoy_pct(p, v, NULL);
            double idx = tb_ind_ratio_pct(v, rp_total_at(x, base), NULL);
            table_row(f, "total", total, th, y, v, rp_prov_at(x, y), yoy, idx, NAN);
            json_array_append_new(
                rows, json_pack("{s:s, s:s, s:i, s:o, s:b, s:o, s:o, s:n}", "region",
                                "total", "name", total, "year", y, "value", tb_json_num(v),
                                "provisional", rp_prov_at(x, y), "yoy_pct", tb_json_num(yoy),
                                "index", tb_json_num(idx), "rate_per_1000"));
        }
    rc = tb_outdir_close(t, f, rel, err);
    if (rc)
        json_decref(rows);
    else
        *rows_out = rows;
    return rc;
}

tb_status rp_theme_section(tb_outdir *t, const tb_store *store, const tb_report_theme *th,
                           const tb_report_options *o, section *x, tb_report_summary *sum,
                           tb_diag *warn, tb_error *err)
{
    tb_report_file_stem(x->stem, sizeof x->stem, th->id ? th->id : th->title);
    snprintf(x->title, sizeof x->title, "%s", th->title ? th->title : th->indicator);
    tb_status rc = theme_series(store, th, o, x, err);
    if (!rc)
        rc = theme_sentences(th, o, x, err);
    /* the chart, and the index tables from the same base year */
    int base = 0;
    tb_chart_kind kind = rc ? TB_CHART_MULTI : tb_plot_choose(x->s, x->nreg, &base);
    if (!rc)
        rc = theme_indicators(store, th, base, x, warn, err);
    regions_ctx mc = {.title = x->title, .s = x->s, .n = x->nreg, .names = x->names,
                      .kind = kind, .base = base};
    if (!rc)
        rc = chart(t, o, x->stem, th->measure, x->source, draw_regions, &mc, x->script,
                   sizeof x->script, x->image, sizeof x->image, sum, warn, err);
    if (!rc && th->nmembers > 0)
        rc = theme_members_chart(t, store, th, o, x, sum, warn, err);
    char rel[160];
    snprintf(rel, sizeof rel, "tables/%s.csv", x->stem);
    json_t *rows = NULL;
    if (!rc)
        rc = theme_table(t, th, o, base, x, rel, &rows, err);
    if (rc)
        return rc;
    sum->tables++;
    x->json = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s?, s:s, s:o, s:o}", "id",
                        x->stem, "title", x->title, "indicator", th->indicator,
                        "measure", th->measure, "index_base_year", base, "chart",
                        x->script, "image", x->image[0] ? x->image : NULL, "table",
                        rel, "rows", rows, "text",
                        json_pack("{s:s, s:o}", "sentences", x->text->text, "claims",
                                  claims_json(x->text->claims, x->text->nclaims)));
    return x->json ? TB_OK
                   : tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "cannot build results.json");
}

tb_status rp_target_section(tb_outdir *t, const tb_store *store,
                                const tb_report_target *tg,
                                const tb_report_options *o, section *x,
                                tb_report_summary *sum, tb_diag *warn, tb_error *err)
{
    /* "doel_" + stem: target charts never collide with theme charts */
    memcpy(x->stem, "doel_", 5);
    tb_report_file_stem(x->stem + 5, sizeof x->stem - 5, tg->id ? tg->id : tg->title);
    snprintf(x->title, sizeof x->title, "%s", tg->title ? tg->title : x->stem);
    x->summary = tg->summary;
    x->brief = tg->brief;
    x->cells = &tg->cells;
    x->verdict = tg->verdict;
    if (!tg->obs)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "target '%s' has no observed series", x->title);
    trend_ctx c = {.title = x->title};
    c.d.obs = tg->obs;
    c.d.path_year = tg->path_year;
    c.d.path_value = tg->path_value;
    c.d.npath = tg->npath;
    c.d.target_year = tg->target_year;
    c.d.target_value = tg->target_value;
    c.d.stated_value = &tg->stated_value;
    c.d.pending_from = tg->pending_from;
    c.d.pending_to = tg->pending_to;
    /* two numbers for one target: each says where it comes from */
    if (isfinite(tg->stated_value) && fabs(tg->stated_value - tg->target_value) >= 0.5)
        c.d.target_label = tr(o, "doel volgens de regel", "target by the rule");
    c.d.target_bound = tg->bound;
    c.d.target_counts = tg->counts;
    c.d.target_unit = tb_measure_is_pct(tg->obs->measure) ? "%" : NULL;
    int *fy = NULL;
    double *fv = NULL;
    char fit_label[96] = "";
    if (tg->fit) {
        size_t n = (size_t)tg->obs->n;
        fy = malloc(n * sizeof *fy);
        fv = malloc(n * sizeof *fv);
        if (!fy || !fv) {
            free(fy);
            free(fv);
            return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
        }
        size_t k = 0;
        for (int i = 0; i < tg->obs->n; i++) {
            int y = tg->obs->first_year + i;
            if (y >= tg->fit->first_year && y <= tg->fit->last_year)
                fy[k++] = y;
        }
        tb_fit_fitted(tg->fit, fy, k, fv);
        c.d.fit_year = fy;
        c.d.fit_value = fv;
        int any = 0;
        for (size_t i = 0; i < k; i++)
            any |= !isnan(fv[i]);
        c.d.nfit = any ? k : 0;
        c.d.forecast = tg->fan ? tg->fan : tg->fit->forecast;
        c.d.nforecast = tg->fan ? tg->nfan : tg->fit->nforecast;
        snprintf(fit_label, sizeof fit_label, "trend (%s)",
                 tb_model_name(tg->fit->model) ? tb_model_name(tg->fit->model) : "?");
        c.d.fit_label = fit_label;
    }
    x->source = section_source(store, &tg->obs, 1, o);
    tb_status rc = chart(t, o, x->stem, tg->obs->measure, x->source, draw_trend, &c, x->script, sizeof x->script,
                         x->image, sizeof x->image, sum, warn, err);
    free(fy);
    free(fv);
    if (rc)
        return rc;
    x->json = json_pack("{s:s, s:s, s:s?, s:s?, s:s, s:s?, s:i, s:o, s:o}", "id", x->stem,
                        "title", x->title, "verdict", tg->verdict, "summary",
                        tg->summary, "chart", x->script, "image",
                        x->image[0] ? x->image : NULL, "target_year", tg->target_year,
                        "target_value", tb_json_num(tg->target_value), "claims",
                        claims_json(tg->claims, tg->nclaims));
    if (x->json && tg->json)
        json_object_set(x->json, "evaluation", tg->json);
    /* the overview row and the paragraph as the reader sees them, in the
     * report's language, for whoever builds their own page from the JSON */
    const tb_target_cells *cl = &tg->cells;
    if (x->json)
        json_object_set_new(x->json, "overview",
                            json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?}", "target", cl->target,
                                      "verdict", cl->verdict, "chance", cl->chance, "latest",
                                      cl->latest, "reach", cl->reach, "text", tg->brief));
    return x->json ? TB_OK
                   : tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "cannot build results.json");
}

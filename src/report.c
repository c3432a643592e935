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

#include "models_priv.h"
#include "trendbeeld/indicators.h"
#include "trendbeeld/load.h"
#include "trendbeeld/outdir.h"
#include "trendbeeld/measure.h"

/* ---- small helpers ------------------------------------------------------ */

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

void tb_report_fitted(const tb_fit *f, const int *years, size_t n, double *out)
{
    for (size_t i = 0; i < n; i++) {
        double t = years[i] - f->first_year, eta = f->intercept + f->slope * t;
        switch (f->model) {
        case TB_MODEL_LINEAR:
        case TB_MODEL_THEILSEN:
            out[i] = eta; /* y = a + b t */
            break;
        case TB_MODEL_LOGLINEAR:
        case TB_MODEL_POISSON:
        case TB_MODEL_QUASIPOISSON:
        case TB_MODEL_NEGBIN:
            out[i] = exp(eta); /* log E y = a + b t */
            break;
        case TB_MODEL_HOLT:
        case TB_MODEL_HOLT_DAMPED: {
            /* one-step fitted values, when the fitted years have no gaps */
            const double *fit = tb_holt_fitted_(f);
            int k = years[i] - f->first_year;
            out[i] = fit && f->n == f->last_year - f->first_year + 1 && k >= 0 &&
                             k < f->n
                         ? fit[k]
                         : NAN;
            break;
        }
        default:
            out[i] = NAN;
        }
    }
}

void tb_report_options_init(tb_report_options *o)
{
    memset(o, 0, sizeof *o);
    o->lang = TB_LANG_NL;
}

static const char *tr(const tb_report_options *o, const char *nl, const char *en)
{
    return o->lang == TB_LANG_EN ? en : nl;
}

static const char *region_name(const tb_report_options *o, const char *code)
{
    if (o->regions) {
        const tb_code *c = tb_codelist_match(o->regions, code);
        if (c && c->name)
            return c->name;
    }
    return code;
}

/* ---- the output folder ---------------------------------------------------- */

/* Every file goes into the staging folder of the output transaction
 * (outdir.h); the report is put in place whole or not at all.  The path
 * of REL there (for reading an image back): */
static char *staged(const tb_outdir *t, const char *rel)
{
    char *p = NULL;
    return asprintf(&p, "%s/%s", tb_outdir_staging(t), rel) < 0 ? NULL : p;
}

/* ---- HTML, CSV and base64 ------------------------------------------------- */

static void html_esc(FILE *f, const char *s)
{
    for (; s && *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
}

/* Markdown text: characters with a meaning in Markdown are escaped. */
static void md_esc(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        if (strchr("\\`*_[]<>|#", *s))
            fputc('\\', f);
        if (*s == '\n' || *s == '\r')
            fputc(' ', f);
        else
            fputc(*s, f);
    }
}

static void csv_num(FILE *f, double v)
{
    if (isnan(v) || isinf(v))
        return; /* empty cell */
    char b[40];
    tb_fmt_c(b, sizeof b, v);
    fputs(b, f);
}

static int base64_file(FILE *out, const char *path)
{
    static const char tab[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    unsigned char b[3];
    size_t k;
    while ((k = fread(b, 1, 3, in)) > 0) {
        unsigned v = (unsigned)b[0] << 16 | (k > 1 ? (unsigned)b[1] << 8 : 0) |
                     (k > 2 ? b[2] : 0);
        fputc(tab[v >> 18 & 63], out);
        fputc(tab[v >> 12 & 63], out);
        fputc(k > 1 ? tab[v >> 6 & 63] : '=', out);
        fputc(k > 2 ? tab[v & 63] : '=', out);
    }
    int bad = ferror(in);
    fclose(in);
    return bad ? -1 : 0;
}

/* ---- one section ------------------------------------------------------------ */

typedef struct {
    char stem[96];
    char title[256];
    char script[128];     /* relative path of the .gp */
    char image[128];      /* relative path of the image ("" when none) */
    char extra_script[128];
    char extra_image[128];
    tb_text *text;
    json_t *json;
    /* tables for md/html */
    size_t nreg;
    const tb_series **s;
    const char **names;
    tb_ind_table **ind;
    int y0, y1;           /* years of the tables */
    int total, rates;
    int vdec;             /* decimals of the values (0 for counts) */
    const char *summary;  /* targets: the full evaluation (appendix) */
    const char *brief;    /* targets: the plain paragraph */
    const tb_target_cells *cells; /* targets: the overview row */
    const char *verdict;
    char *source;         /* where the section's figures come from */
} section;

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

static json_t *jnum(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *claims_json(const tb_claim *c, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s, s:o, s:s}", "key", c[i].key,
                                           "value", jnum(c[i].value), "shown",
                                           c[i].shown));
    return a;
}

/* Sum of the regions per year, NaN when one of them has no value. */
static double total_at(const section *x, int y)
{
    double t = 0;
    for (size_t i = 0; i < x->nreg; i++)
        t += tb_series_get(x->s[i], y);
    return t;
}

static int prov_at(const section *x, int y)
{
    for (size_t i = 0; i < x->nreg; i++)
        if (tb_series_flags(x->s[i], y) & TB_FLAG_PROVISIONAL)
            return 1;
    return 0;
}

static tb_status theme_section(tb_outdir *t, const tb_store *store,
                               const tb_report_theme *th,
                               const tb_report_options *o, section *x,
                               tb_report_summary *sum, tb_diag *warn,
                               tb_error *err)
{
    tb_status rc;
    tb_report_file_stem(x->stem, sizeof x->stem, th->id ? th->id : th->title);
    snprintf(x->title, sizeof x->title, "%s", th->title ? th->title : th->indicator);
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
                                                : region_name(o, th->regions[i]);
    }
    x->total = th->total && x->nreg > 1;
    x->source = section_source(store, x->s, x->nreg, o);
    /* one notation per table: a decimal when any value has one */
    for (size_t i = 0; i < x->nreg && !x->vdec; i++)
        for (int k = 0; k < x->s[i]->n && !x->vdec; k++) {
            double v = x->s[i]->value[k];
            x->vdec = !isnan(v) && fabs(v - round(v)) > 1e-9;
        }

    /* sentences */
    const char **absent = th->nabsent ? calloc(th->nabsent, sizeof *absent) : NULL;
    if (th->nabsent && !absent)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < th->nabsent; i++)
        absent[i] = region_name(o, th->absent[i]);
    tb_describe_options d = {.lang = o->lang, .what = th->what, .area = th->area,
                             .units = th->units,
                             .total = x->total,
                             .small = tb_measure_is_count(th->measure)
                                          ? TB_REPORT_SMALL_COUNT
                                          : 0,
                             .nabsent = th->nabsent,
                             .absent = absent};
    rc = tb_report_describe(x->s, x->nreg, x->names, &d, &x->text, err);
    free(absent);
    if (rc)
        return rc;

    /* the chart, and the index tables from the same base year */
    int base;
    tb_chart_kind kind = tb_plot_choose(x->s, x->nreg, &base);
    x->y0 = TB_YEAR_MAX;
    x->y1 = TB_YEAR_MIN;
    x->rates = 1;
    for (size_t i = 0; i < x->nreg; i++) {
        const tb_series *inw = tb_ind_find_inwoners(store, th->regions[i]);
        if (!inw)
            x->rates = 0;
        rc = tb_ind_compute(x->s[i], inw, base, &x->ind[i], err);
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

    regions_ctx mc = {.title = x->title, .s = x->s, .n = x->nreg, .names = x->names,
                      .kind = kind, .base = base};
    rc = chart(t, o, x->stem, th->measure, x->source, draw_regions, &mc, x->script, sizeof x->script, x->image,
               sizeof x->image, sum, warn, err);
    if (rc)
        return rc;
    if (th->nmembers > 0) {
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
            mn[k++] = region_name(o, th->members[i]);
        }
        char mstem[128], mtitle[320];
        snprintf(mstem, sizeof mstem, "%s_gemeenten", x->stem);
        snprintf(mtitle, sizeof mtitle, "%s %s", x->title,
                 tr(o, "per gemeente", "by municipality"));
        regions_ctx m2 = {.title = mtitle, .s = ms, .n = k, .names = mn, .kind = TB_CHART_MULTI};
        rc = k ? chart(t, o, mstem, th->measure, x->source, draw_regions, &m2, x->extra_script,
                       sizeof x->extra_script, x->extra_image, sizeof x->extra_image,
                       sum, warn, err)
               : TB_OK;
        free(ms);
        free(mn);
        if (rc)
            return rc;
    }

    /* tables/<stem>.csv: every number of the section's tables */
    char rel[160];
    snprintf(rel, sizeof rel, "tables/%s.csv", x->stem);
    FILE *f;
    rc = tb_outdir_open(t, rel, &f, err);
    if (rc)
        return rc;
    fputs("region,name,indicator,measure,year,value,provisional,yoy_pct,index,"
          "rate_per_1000\n", f);
    json_t *rows = json_array();
    for (size_t i = 0; i < x->nreg; i++)
        for (size_t k = 0; k < x->ind[i]->n; k++) {
            const tb_ind_row *r = &x->ind[i]->row[k];
            tb_csv_field(f, x->s[i]->region);
            fputc(',', f);
            tb_csv_field(f, x->names[i]);
            fputc(',', f);
            tb_csv_field(f, th->indicator);
            fputc(',', f);
            tb_csv_field(f, th->measure);
            fprintf(f, ",%d,", r->year);
            csv_num(f, r->value);
            fprintf(f, ",%d,", (r->flags & TB_FLAG_PROVISIONAL) ? 1 : 0);
            csv_num(f, r->yoy_pct);
            fputc(',', f);
            csv_num(f, r->index);
            fputc(',', f);
            csv_num(f, r->rate_per_1000);
            fputc('\n', f);
            json_array_append_new(
                rows, json_pack("{s:s, s:s, s:i, s:o, s:b, s:o, s:o, s:o}", "region",
                                x->s[i]->region, "name", x->names[i], "year", r->year,
                                "value", jnum(r->value), "provisional",
                                (r->flags & TB_FLAG_PROVISIONAL) != 0, "yoy_pct",
                                jnum(r->yoy_pct), "index", jnum(r->index),
                                "rate_per_1000", jnum(r->rate_per_1000)));
        }
    if (x->total)
        for (int y = x->y0; y <= x->y1; y++) {
            double v = total_at(x, y), p = total_at(x, y - 1);
            double yoy = tb_ind_yoy_pct(p, v, NULL);
            double idx = tb_ind_ratio_pct(v, total_at(x, base), NULL);
            fputs("total,", f);
            tb_csv_field(f, th->area ? th->area : tr(o, "totaal", "total"));
            fputc(',', f);
            tb_csv_field(f, th->indicator);
            fputc(',', f);
            tb_csv_field(f, th->measure);
            fprintf(f, ",%d,", y);
            csv_num(f, v);
            fprintf(f, ",%d,", prov_at(x, y));
            csv_num(f, yoy);
            fputc(',', f);
            csv_num(f, idx);
            fputs(",\n", f);
            json_array_append_new(
                rows, json_pack("{s:s, s:s, s:i, s:o, s:b, s:o, s:o, s:n}", "region",
                                "total", "name",
                                th->area ? th->area : tr(o, "totaal", "total"), "year",
                                y, "value", jnum(v), "provisional", prov_at(x, y),
                                "yoy_pct", jnum(yoy), "index", jnum(idx),
                                "rate_per_1000"));
        }
    rc = tb_outdir_close(t, f, rel, err);
    if (rc) {
        json_decref(rows);
        return rc;
    }
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

static tb_status target_section(tb_outdir *t, const tb_store *store,
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
        tb_report_fitted(tg->fit, fy, k, fv);
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
                        "target_value", jnum(tg->target_value), "claims",
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

/* ---- Markdown and HTML ------------------------------------------------------ */

typedef enum { T_VALUE, T_YOY, T_INDEX, T_RATE } table_kind;

static void cell(char *b, size_t n, const tb_ind_row *r, table_kind k, int vdec,
                 tb_lang lang)
{
    switch (k) {
    case T_VALUE:
        tb_fmt_num(b, n, r->value, vdec, lang);
        break;
    case T_YOY:
        tb_fmt_change_pct(b, n, r->yoy_state == TB_IND_OK ? r->yoy_pct : NAN, 1, lang);
        break;
    case T_INDEX:
        tb_fmt_num(b, n, r->index_state == TB_IND_OK ? r->index : NAN, 1, lang);
        break;
    case T_RATE:
        tb_fmt_num(b, n, r->rate_state == TB_IND_OK ? r->rate_per_1000 : NAN, 2, lang);
        break;
    }
}

static void total_cell(char *b, size_t n, const section *x, int y, table_kind k,
                       int base, tb_lang lang)
{
    double v = total_at(x, y);
    switch (k) {
    case T_VALUE: tb_fmt_num(b, n, v, x->vdec, lang); break;
    case T_YOY: tb_fmt_change_pct(b, n, 100.0 * (v / total_at(x, y - 1) - 1), 1, lang); break;
    case T_INDEX: tb_fmt_num(b, n, 100.0 * v / total_at(x, base), 1, lang); break;
    default: b[0] = '\0';
    }
    if (strstr(b, "∞"))
        snprintf(b, n, "%s", TB_FMT_MISSING);
}

static const tb_ind_row *row_at(const tb_ind_table *t, int y)
{
    for (size_t k = 0; k < t->n; k++)
        if (t->row[k].year == y)
            return &t->row[k];
    return NULL;
}

static const char *kind_title(const tb_report_options *o, table_kind k, int base,
                              char *buf, size_t n)
{
    switch (k) {
    case T_VALUE: snprintf(buf, n, "%s", tr(o, "Aantal", "Number")); break;
    case T_YOY: snprintf(buf, n, "%s", tr(o, "Verandering t.o.v. vorig jaar",
                                          "Change on previous year")); break;
    case T_INDEX: snprintf(buf, n, tr(o, "Index (%d = 100)", "Index (%d = 100)"), base); break;
    case T_RATE: snprintf(buf, n, "%s", tr(o, "Per 1.000 inwoners", "Per 1,000 inhabitants")); break;
    }
    return buf;
}

/* The text of one cell: region I of X in year Y (I = nreg: the total). */
static void cell_text(char *b, size_t n, const section *x, size_t i, int y, table_kind k,
                      int base, const tb_report_options *o)
{
    if (i == x->nreg) {
        total_cell(b, n, x, y, k, base, o->lang);
        return;
    }
    const tb_ind_row *r = row_at(x->ind[i], y);
    if (r)
        cell(b, n, r, k, x->vdec, o->lang);
    else
        snprintf(b, n, "%s", TB_FMT_MISSING);
}

static void caption(FILE *f, const char *title, int html)
{
    if (html) {
        fputs("<caption>", f);
        html_esc(f, title);
        fputs("</caption>\n", f);
    } else {
        fprintf(f, "*%s*\n\n", title);
    }
}

/* Few regions: years as rows, one column per region (and the total). */
static void table_by_year(FILE *f, const section *x, table_kind k, const tb_report_options *o,
                          int html, int tot, const char *title)
{
    char b[64];
    int base = x->ind[0]->base_year;
    if (html) {
        fputs("<table>\n", f);
        caption(f, title, 1);
        fprintf(f, "<thead><tr><th>%s</th>", tr(o, "jaar", "year"));
        for (size_t i = 0; i < x->nreg; i++) {
            fputs("<th>", f);
            html_esc(f, x->names[i]);
            fputs("</th>", f);
        }
        if (tot)
            fprintf(f, "<th>%s</th>", tr(o, "totaal", "total"));
        fputs("</tr></thead>\n<tbody>\n", f);
    } else {
        caption(f, title, 0);
        fprintf(f, "| %s |", tr(o, "jaar", "year"));
        for (size_t i = 0; i < x->nreg; i++) {
            fputc(' ', f);
            md_esc(f, x->names[i]);
            fputs(" |", f);
        }
        if (tot)
            fprintf(f, " %s |", tr(o, "totaal", "total"));
        fputs("\n|---|", f);
        for (size_t i = 0; i < x->nreg + (size_t)tot; i++)
            fputs("---:|", f);
        fputc('\n', f);
    }
    for (int y = x->y0; y <= x->y1; y++) {
        if (k == T_YOY && y == x->y0)
            continue;
        fprintf(f, html ? "<tr><td>%d%s</td>" : "| %d%s |", y, prov_at(x, y) ? "*" : "");
        for (size_t i = 0; i < x->nreg + (size_t)tot; i++) {
            cell_text(b, sizeof b, x, i, y, k, base, o);
            fprintf(f, html ? "<td>%s</td>" : " %s |", b);
        }
        fputs(html ? "</tr>\n" : "\n", f);
    }
    fputs(html ? "</tbody></table>\n" : "\n", f);
}

/* Many regions: the annex layout, one row per region (the total last)
 * and the years FROM..TO as columns. */
static void table_by_region(FILE *f, const section *x, table_kind k,
                            const tb_report_options *o, int html, int tot,
                            const char *title, int from, int to)
{
    char b[64];
    int base = x->ind[0]->base_year;
    const char *units = tr(o, "regio", "region");
    if (html) {
        /* the container scrolls on a narrow screen rather than overflow */
        fputs("<div class=\"wide\"><table>\n", f);
        caption(f, title, 1);
        fprintf(f, "<thead><tr><th>%s</th>", units);
        for (int y = from; y <= to; y++)
            fprintf(f, "<th>%d%s</th>", y, prov_at(x, y) ? "*" : "");
        fputs("</tr></thead>\n<tbody>\n", f);
    } else {
        caption(f, title, 0);
        fprintf(f, "| %s |", units);
        for (int y = from; y <= to; y++)
            fprintf(f, " %d%s |", y, prov_at(x, y) ? "*" : "");
        fputs("\n|---|", f);
        for (int y = from; y <= to; y++)
            fputs("---:|", f);
        fputc('\n', f);
    }
    for (size_t i = 0; i < x->nreg + (size_t)tot; i++) {
        const char *name = i < x->nreg ? x->names[i] : tr(o, "totaal", "total");
        if (html) {
            fputs(i < x->nreg ? "<tr><th>" : "<tr class=\"total\"><th>", f);
            html_esc(f, name);
            fputs("</th>", f);
        } else {
            fputs("| ", f);
            md_esc(f, name);
            fputs(" |", f);
        }
        for (int y = from; y <= to; y++) {
            cell_text(b, sizeof b, x, i, y, k, base, o);
            fprintf(f, html ? "<td>%s</td>" : " %s |", b);
        }
        fputs(html ? "</tr>\n" : "\n", f);
    }
    fputs(html ? "</tbody></table></div>\n" : "\n", f);
}

/* Characters S takes on the page (UTF-8 code points: "−" is one). */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* The widest cell of the years FROM..TO, in characters. */
static size_t widest_cell(const section *x, table_kind k, const tb_report_options *o,
                          int tot, int from, int to)
{
    char b[64];
    size_t w = 4; /* the year headers */
    for (size_t i = 0; i < x->nreg + (size_t)tot; i++)
        for (int y = from; y <= to; y++) {
            cell_text(b, sizeof b, x, i, y, k, x->ind[0]->base_year, o);
            if (text_width(b) > w)
                w = text_width(b);
        }
    return w;
}

/* One kind of table for a section, in Markdown (HTML = 0) or HTML (1).
 * Up to TB_REPORT_TABLE_COLUMNS regions: years as rows.  More: regions as
 * rows and the years split into even blocks that fit the width of a
 * printed page (see TB_REPORT_TABLE_CHARS). */
static void table(FILE *f, const section *x, table_kind k, const tb_report_options *o,
                  int html)
{
    char tt[96];
    int tot = x->total && k != T_RATE;
    kind_title(o, k, x->ind[0]->base_year, tt, sizeof tt);
    if (x->nreg + (size_t)tot <= TB_REPORT_TABLE_COLUMNS) {
        table_by_year(f, x, k, o, html, tot, tt);
        return;
    }
    int first = k == T_YOY ? x->y0 + 1 : x->y0;
    int years = x->y1 - first + 1;
    if (years < 1)
        return;
    int per = (int)(TB_REPORT_TABLE_CHARS / (widest_cell(x, k, o, tot, first, x->y1) + 2));
    if (per < 1)
        per = 1;
    int blocks = (years + per - 1) / per;
    for (int bk = 0, from = first; bk < blocks; bk++) {
        /* even blocks: 13 years are 7 + 6, not 11 + 2 */
        int width = years / blocks + (bk < years % blocks);
        int to = from + width - 1;
        char bt[160];
        if (blocks > 1)
            snprintf(bt, sizeof bt, "%s, %d–%d", tt, from, to);
        else
            snprintf(bt, sizeof bt, "%s", tt);
        table_by_region(f, x, k, o, html, tot, bt, from, to);
        from = to + 1;
    }
}

static void methods(FILE *f, const tb_report_options *o, int html)
{
    const char *p = tr(o,
        "De cijfers zijn geregistreerde aantallen zoals de bron ze geeft; "
        "een ontbrekend jaar blijft leeg en wordt nooit aangevuld. Verandering t.o.v. "
        "vorig jaar = 100 (y_t / y_{t-1} - 1); index = 100 y_t / y_basis, met als basis "
        "het eerste jaar waarin elke regio een waarde heeft; per 1.000 inwoners = "
        "1.000 aantal / inwoners van dezelfde regio in hetzelfde jaar. Het totaal is de "
        "som van de regio's en ontbreekt in een jaar waarin een regio ontbreekt. De "
        "tekst beschrijft de cijfers: een verandering kleiner dan 1,0% heet 'nagenoeg "
        "gelijk', 'het grootst' vergelijkt percentages van regio's die dezelfde kant op "
        "gingen als het totaal, en er wordt geen uitspraak gedaan over significantie of "
        "oorzaken. Voorlopige cijfers (*) kunnen nog veranderen. Bij een doel staan de "
        "projectie van een trendmodel en, waar genoeg vergelijkbare reeksen zijn, een "
        "gekalibreerde projectie: de laatste waarde met de voorspelfouten die echte "
        "reeksen van dezelfde grootte eerder maakten over evenveel jaren. De kans dat "
        "het doel gehaald wordt, het oordeel en de 80%- en 95%-intervallen in de grafiek "
        "komen uit die gekalibreerde projectie; waar die ontbreekt, zegt de doelsectie "
        "dat het oordeel op het model rust. "
        "Elke grafiek is een gnuplot-script met de gegevens erin; de tabellen staan als "
        "CSV in tables/ en elk getal uit de tekst staat in results.json.",
        "Figures are registered counts as the source gives them; a missing year "
        "stays empty and is never filled in. Change on previous year = 100 (y_t / "
        "y_{t-1} - 1); index = 100 y_t / y_base, the base being the first year in which "
        "every region has a value; per 1,000 inhabitants = 1,000 count / inhabitants of "
        "the same region in the same year. The total is the sum of the regions and is "
        "missing in a year in which a region is missing. The text describes the "
        "figures: a change below 1.0% is 'nearly the same', 'largest' compares "
        "percentages of regions that moved the same way as the total, and nothing is "
        "said about significance or causes. Provisional figures (*) may still change. "
        "A target shows the projection of a trend model and, where enough comparable "
        "series exist, a calibrated projection: the last value with the forecast errors "
        "that real series of the same size made before over as many years. The "
        "probability of meeting the target, the verdict and the 80% and 95% intervals "
        "in the chart come from the calibrated projection; where it is missing, the "
        "target section says the verdict rests on the model. Every chart is a gnuplot script with its data inline; "
        "the tables are CSV files in tables/ and every number in the text is in "
        "results.json.");
    if (html) {
        fputs("<h2 class=\"tail\" id=\"methode\">", f);
        fputs(tr(o, "Werkwijze", "Method"), f);
        fputs("</h2>\n<p>", f);
        html_esc(f, p);
        fputs("</p>\n", f);
    } else {
        fprintf(f, "## %s\n\n", tr(o, "Werkwijze", "Method"));
        md_esc(f, p);
        fputs("\n", f);
    }
}

static const char css[] =
    "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:60em;margin:2em auto;"
    "padding:0 1em;color:#222;line-height:1.45}"
    "h1{font-size:1.6em;border-bottom:2px solid #444}h2{font-size:1.25em;margin-top:2em}"
    "img{max-width:100%;height:auto;display:block;margin:1em 0}"
    "table{border-collapse:collapse;margin:0.8em 1.5em 1em 0;font-size:0.85em;"
    "display:inline-table;vertical-align:top;font-variant-numeric:tabular-nums}"
    ".wide{overflow-x:auto;max-width:100%}.wide table{display:table;margin-right:0}"
    ".wide th,.wide td{padding:0.2em 0.45em;white-space:nowrap}"
    ".wide tbody th{text-align:left;font-weight:normal}"
    ".wide tr.total th,.wide tr.total td{font-weight:bold;border-top:1px solid #888}"
    "caption{text-align:left;font-style:italic;padding-bottom:0.3em}"
    "th,td{border-bottom:1px solid #ccc;padding:0.2em 0.6em;text-align:right}"
    "th:first-child,td:first-child{text-align:left}"
    "table.overview{display:table;width:100%}table.overview td,table.overview th{text-align:left}"
    "table.facts{display:table}table.facts th{font-weight:normal;color:#555}"
    "table.facts td{text-align:left}"
    ".toc ol{columns:2;font-size:0.9em}.toc ol ol{columns:1;font-size:1em}"
    ".toc a,.overview a{color:inherit}"
    "pre{font-size:0.78em;background:#f6f6f6;padding:0.6em;white-space:pre-wrap}"
    ".verdict{font-weight:bold}.note{color:#555;font-size:0.85em}"
    "@page{size:A4;margin:16mm 14mm 18mm 14mm}"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt}"
    "h2{break-before:page}h2.first{break-before:auto}"
    "h3,caption{break-after:avoid}img{max-height:110mm;width:auto;margin:0.5em auto}"
    "section.target{break-inside:avoid}section.target img{max-height:54mm;margin:0.2em auto}section.target p{margin:0.3em 0}section.target table{font-size:8pt}section.target td,section.target th{padding:1px 6px}section.target h3{margin:0.6em 0 0.2em}"
    "h2.tail{break-before:auto}"
    "table,img,pre,.target-head{break-inside:avoid}.wide{overflow:visible}"
    ".wide table{font-size:7.5pt}pre{font-size:7pt}}";

/* What could not be included, one line each (lines of o->missing_note). */
static void missing(FILE *md, FILE *h, const tb_report_options *o)
{
    if (!o->missing_note || !*o->missing_note)
        return;
    fputs("<ul class=\"note\">\n", h);
    for (const char *p = o->missing_note; *p;) {
        size_t l = strcspn(p, "\n");
        if (l > 0) {
            char *line = strndup(p, l);
            if (line) {
                fputs("- ", md);
                md_esc(md, line);
                fputs("\n", md);
                fputs("<li>", h);
                html_esc(h, line);
                fputs("</li>\n", h);
                free(line);
            }
        }
        p += l;
        if (*p)
            p++;
    }
    fputs("\n", md);
    fputs("</ul>\n", h);
}

/* Both outputs at once: S as Markdown into MD and as HTML into H. */
static void both_text(FILE *md, FILE *h, const char *s)
{
    md_esc(md, s);
    html_esc(h, s);
}

/* The first page's answer: every target with its verdict, in a table. */
static void overview(FILE *md, FILE *h, const tb_report_options *o, const section *tg,
                     size_t n)
{
    const char *head[6] = {tr(o, "Doel", "Target"), tr(o, "Wat het vraagt", "What it asks"),
                           tr(o, "Oordeel", "Verdict"),
                           tr(o, "Kans gehaald", "Chance met"),
                           tr(o, "Laatste waarde", "Latest value"),
                           tr(o, "Bereikt in", "Reached in")};
    fprintf(md, "## %s\n\n|", tr(o, "Doelen in één oogopslag", "Targets at a glance"));
    fprintf(h, "<h2 class=\"first\" id=\"overzicht\">%s</h2>\n<table class=\"overview\">"
               "<thead><tr>", tr(o, "Doelen in één oogopslag", "Targets at a glance"));
    for (int k = 0; k < 6; k++) {
        fprintf(md, " %s |", head[k]);
        fprintf(h, "<th>%s</th>", head[k]);
    }
    fputs("\n|---|---|---|---|---|---|\n", md);
    fputs("</tr></thead>\n<tbody>\n", h);
    for (size_t i = 0; i < n; i++) {
        const tb_target_cells *c = tg[i].cells;
        fprintf(md, "| [");
        md_esc(md, tg[i].title);
        fprintf(md, "](#%s) |", tg[i].stem);
        fprintf(h, "<tr><td><a href=\"#%s\">", tg[i].stem);
        html_esc(h, tg[i].title);
        fputs("</a></td>", h);
        const char *cell[5] = {c->target, c->verdict, c->chance, c->latest, c->reach};
        for (int k = 0; k < 5; k++) {
            fputc(' ', md);
            fprintf(h, k == 1 ? "<td class=\"verdict\">" : "<td>");
            both_text(md, h, cell[k]);
            fputs(" |", md);
            fputs("</td>", h);
        }
        fputs("\n", md);
        fputs("</tr>\n", h);
    }
    fputs("\n", md);
    fputs("</tbody></table>\n", h);
    const char *how = tr(o, "Kans gehaald: de kans dat het doel in het doeljaar gehaald wordt, "
                            "uit de projectie met de voorspelfouten van echte reeksen; "
                            "haalbaar vanaf 90%, niet haalbaar onder 10%. Laatste waarde: "
                            "de laatste waarneming en wat het vereiste pad dat jaar vraagt.",
                         "Chance met: the probability that the target is met in its year, "
                         "from the projection with the forecast errors of real series; on "
                         "track from 90%, off track below 10%. Latest value: the last "
                         "observation and what the required path asks that year.");
    fprintf(md, "%s\n\n", how);
    fprintf(h, "<p class=\"note\">%s</p>\n", how);
}

/* Contents: every section with a link. */
static void contents(FILE *md, FILE *h, const tb_report_options *o, const section *sec,
                     size_t nthemes, size_t ntargets)
{
    fprintf(md, "## %s\n\n", tr(o, "Inhoud", "Contents"));
    fprintf(h, "<nav class=\"toc\"><h2 class=\"first\">%s</h2>\n<ol>\n",
            tr(o, "Inhoud", "Contents"));
    for (size_t i = 0; i < nthemes + ntargets; i++) {
        if (i == nthemes) {
            fprintf(md, "%zu. [%s](#doelen)\n", i + 1, tr(o, "Doelen", "Targets"));
            fprintf(h, "<li><a href=\"#doelen\">%s</a>\n<ol>\n", tr(o, "Doelen", "Targets"));
        }
        fprintf(md, "%s%zu. [", i < nthemes ? "" : "    ", i < nthemes ? i + 1 : i - nthemes + 1);
        md_esc(md, sec[i].title);
        fprintf(md, "](#%s)\n", sec[i].stem);
        fprintf(h, "<li><a href=\"#%s\">", sec[i].stem);
        html_esc(h, sec[i].title);
        fputs("</a></li>\n", h);
    }
    if (ntargets)
        fputs("</ol></li>\n", h);
    const char *tail[3] = {tr(o, "Bronnen", "Sources"), tr(o, "Werkwijze", "Method"),
                           tr(o, "Bijlage: berekeningen per doel",
                                 "Appendix: the calculations per target")};
    const char *id[3] = {"bronnen", "methode", "bijlage"};
    for (int k = 0; k < (ntargets ? 3 : 2); k++) {
        fprintf(md, "- [%s](#%s)\n", tail[k], id[k]);
        fprintf(h, "<li><a href=\"#%s\">%s</a></li>\n", id[k], tail[k]);
    }
    fputs("\n", md);
    fputs("</ol></nav>\n", h);
}

/* A target's few figures, as a small table. */
static void facts(FILE *md, FILE *h, const tb_report_options *o, const tb_target_cells *c)
{
    const char *k[4] = {tr(o, "Doel", "Target"), tr(o, "Laatste waarde", "Latest value"),
                        tr(o, "Kans gehaald", "Chance met"), tr(o, "Bereikt in", "Reached in")};
    const char *v[4] = {c->target, c->latest, c->chance, c->reach};
    fputs("| | |\n|---|---|\n", md);
    fputs("<table class=\"facts\"><tbody>\n", h);
    for (int i = 0; i < 4; i++) {
        fprintf(md, "| %s | ", k[i]);
        fprintf(h, "<tr><th>%s</th><td>", k[i]);
        both_text(md, h, v[i]);
        fputs(" |\n", md);
        fputs("</td></tr>\n", h);
    }
    fputs("\n", md);
    fputs("</tbody></table>\n", h);
}

/* The full evaluation of every target, after the report itself. */
static void appendix(FILE *md, FILE *h, const tb_report_options *o, const section *tg,
                     size_t n)
{
    const char *title = tr(o, "Bijlage: berekeningen per doel",
                           "Appendix: the calculations per target");
    fprintf(md, "## %s\n\n", title);
    fprintf(h, "<h2 id=\"bijlage\">%s</h2>\n", title);
    for (size_t i = 0; i < n; i++) {
        if (!tg[i].summary)
            continue;
        fputs("### ", md);
        md_esc(md, tg[i].title);
        fputs("\n\n```text\n", md);
        for (const char *c = tg[i].summary; *c; c++)
            fputc(*c == '`' ? '\'' : *c, md);
        size_t len = strlen(tg[i].summary);
        fputs(len && tg[i].summary[len - 1] == '\n' ? "```\n\n" : "\n```\n\n", md);
        fprintf(h, "<h3 id=\"bijlage-%s\">", tg[i].stem);
        html_esc(h, tg[i].title);
        fputs("</h3>\n<pre>", h);
        html_esc(h, tg[i].summary);
        fputs("</pre>\n", h);
    }
}

static tb_status write_md_html(tb_outdir *t, const tb_report_options *o, section *sec,
                               size_t nthemes, size_t ntargets,
                               const tb_report_summary *sum, tb_error *err)
{
    FILE *md, *h;
    tb_status rc = tb_outdir_open(t, "report.md", &md, err);
    if (rc)
        return rc;
    rc = tb_outdir_open(t, "report.html", &h, err);
    if (rc) {
        fclose(md);
        return rc;
    }
    const char *title = o->title ? o->title : "Veiligheidsbeeld";
    fputs("# ", md);
    md_esc(md, title);
    fputs("\n\n", md);
    fprintf(h, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<title>", o->lang == TB_LANG_EN ? "en" : "nl");
    html_esc(h, title);
    fprintf(h, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
    html_esc(h, title);
    fputs("</h1>\n", h);
    if (o->source) {
        fprintf(md, "%s", tr(o, "Bron: ", "Source: "));
        md_esc(md, o->source);
        fputs("\n\n", md);
        fprintf(h, "<p class=\"note\">%s", tr(o, "Bron: ", "Source: "));
        html_esc(h, o->source);
        fputs("</p>\n", h);
    }
    if (!sum->rendered && sum->render_note[0]) {
        fprintf(md, "> %s\n\n", sum->render_note);
        fputs("<p class=\"note\">", h);
        html_esc(h, sum->render_note);
        fputs("</p>\n", h);
    }
    /* the period the figures cover */
    int y0 = TB_YEAR_MAX, y1 = TB_YEAR_MIN;
    for (size_t i = 0; i < nthemes; i++)
        if (sec[i].ind && sec[i].y0 <= sec[i].y1) {
            y0 = sec[i].y0 < y0 ? sec[i].y0 : y0;
            y1 = sec[i].y1 > y1 ? sec[i].y1 : y1;
        }
    if (y0 <= y1) {
        char period[160];
        snprintf(period, sizeof period, tr(o, "Cijfers over %d–%d; %zu %s, %zu %s.",
                                           "Figures for %d–%d; %zu %s, %zu %s."),
                 y0, y1, nthemes, nthemes == 1 ? tr(o, "thema", "theme")
                                               : tr(o, "thema's", "themes"),
                 ntargets, ntargets == 1 ? tr(o, "doel", "target") : tr(o, "doelen", "targets"));
        fprintf(md, "%s\n\n", period);
        fprintf(h, "<p>%s</p>\n", period);
    }
    if (ntargets)
        overview(md, h, o, sec + nthemes, ntargets);
    contents(md, h, o, sec, nthemes, ntargets);
    for (size_t i = 0; i < nthemes + ntargets; i++) {
        section *x = &sec[i];
        if (i == nthemes && ntargets > 0) {
            fprintf(md, "## %s\n\n", tr(o, "Doelen", "Targets"));
            fprintf(h, "<h2 id=\"doelen\">%s</h2>\n", tr(o, "Doelen", "Targets"));
        }
        const char *hx = i < nthemes ? "##" : "###";
        fprintf(md, "%s ", hx);
        md_esc(md, x->title);
        fputs("\n\n", md);
        fprintf(h, "<section id=\"%s\"%s>\n<h%d>", x->stem,
                i < nthemes ? "" : " class=\"target\"", i < nthemes ? 2 : 3);
        html_esc(h, x->title);
        fprintf(h, "</h%d>\n", i < nthemes ? 2 : 3);
        const char *imgs[2] = {x->image, x->extra_image};
        const char *scripts[2] = {x->script, x->extra_script};
        for (int j = 0; j < 2; j++) {
            if (!scripts[j][0])
                continue;
            char alt[400];
            snprintf(alt, sizeof alt, "%s%s", x->title,
                     j ? tr(o, " per gemeente", " by municipality") : "");
            if (imgs[j][0]) {
                fputs("![", md);
                md_esc(md, alt);
                fprintf(md, "](%s)\n\n", imgs[j]);
                fputs("<img alt=\"", h);
                html_esc(h, alt);
                fputs("\" src=\"data:image/png;base64,", h);
                char *path = staged(t, imgs[j]);
                int bad = !path || base64_file(h, path) != 0;
                free(path);
                if (bad) {
                    fclose(md);
                    fclose(h);
                    return tb_error_set(err, TB_EIO, imgs[j], 0, 0,
                                        "cannot read the rendered image");
                }
                fputs("\">\n", h);
            } else {
                fprintf(md, "%s `%s`\n\n", tr(o, "Grafiek (gnuplot-script):", "Chart (gnuplot script):"),
                        scripts[j]);
                fprintf(h, "<p class=\"note\">%s %s</p>\n",
                        tr(o, "Grafiek (gnuplot-script):", "Chart (gnuplot script):"),
                        scripts[j]);
            }
        }
        if (x->verdict) {
            fprintf(md, "**%s: ", tr(o, "Oordeel", "Verdict"));
            md_esc(md, x->verdict);
            fputs("**\n\n", md);
            fprintf(h, "<p class=\"verdict\">%s: ", tr(o, "Oordeel", "Verdict"));
            html_esc(h, x->verdict);
            fputs("</p>\n", h);
        }
        if (x->text) {
            md_esc(md, x->text->text);
            fputs("\n\n", md);
            fputs("<p>", h);
            html_esc(h, x->text->text);
            fputs("</p>\n", h);
        } else if (x->cells) {
            /* a target: a paragraph, its figures, the calculation in the appendix */
            if (x->brief) {
                md_esc(md, x->brief);
                fputs("\n\n", md);
                fputs("<p>", h);
                html_esc(h, x->brief);
                fputs("</p>\n", h);
            }
            facts(md, h, o, x->cells);
            fprintf(md, "%s [%s](#bijlage).\n\n",
                    tr(o, "Hoe dit berekend is:", "How this was calculated:"),
                    tr(o, "bijlage", "appendix"));
            fprintf(h, "<p class=\"note\">%s <a href=\"#bijlage-%s\">%s</a>.</p>\n",
                    tr(o, "Hoe dit berekend is:", "How this was calculated:"), x->stem,
                    tr(o, "bijlage", "appendix"));
        }
        if (x->ind) {
            table_kind kinds[4] = {T_VALUE, T_YOY, T_INDEX, T_RATE};
            for (int k = 0; k < (x->rates ? 4 : 3); k++) {
                table(md, x, kinds[k], o, 0);
                table(h, x, kinds[k], o, 1);
            }
            fprintf(md, "%s `tables/%s.csv`%s\n\n",
                    tr(o, "Alle getallen:", "All figures:"), x->stem,
                    tr(o, "; * = voorlopig.", "; * = provisional."));
            fprintf(h, "<p class=\"note\">%s tables/%s.csv%s</p>\n",
                    tr(o, "Alle getallen:", "All figures:"), x->stem,
                    tr(o, "; * = voorlopig.", "; * = provisional."));
        }
        fputs("</section>\n", h);
    }
    if (o->missing_note && *o->missing_note) {
        fprintf(md, "## %s\n\n", tr(o, "Niet opgenomen", "Not included"));
        fprintf(h, "<h2 class=\"tail\">%s</h2>\n", tr(o, "Niet opgenomen", "Not included"));
        missing(md, h, o);
    }
    /* every source once */
    fprintf(md, "## %s\n\n", tr(o, "Bronnen", "Sources"));
    fprintf(h, "<h2 class=\"tail\" id=\"bronnen\">%s</h2>\n<ul>\n", tr(o, "Bronnen", "Sources"));
    const char *summed = tr(o, " (opgeteld per regio)", " (summed per region)");
    char **listed = calloc(nthemes + ntargets + 1, sizeof *listed);
    size_t nlisted = 0;
    for (size_t i = 0; listed && i < nthemes + ntargets; i++) {
        if (!sec[i].source)
            continue;
        /* a source summed per region is the same source */
        char *src = strdup(sec[i].source), *cut;
        if (!src)
            break;
        while ((cut = strstr(src, summed)) != NULL)
            memmove(cut, cut + strlen(summed), strlen(cut + strlen(summed)) + 1);
        int dup = 0;
        for (size_t j = 0; j < nlisted && !dup; j++)
            dup = !strcmp(listed[j], src);
        if (dup) {
            free(src);
            continue;
        }
        listed[nlisted++] = src;
        fputs("- ", md);
        md_esc(md, src);
        fputs("\n", md);
        fputs("<li>", h);
        html_esc(h, src);
        fputs("</li>\n", h);
    }
    for (size_t j = 0; j < nlisted; j++)
        free(listed[j]);
    free(listed);
    fputs("\n", md);
    fputs("</ul>\n", h);
    methods(md, o, 0);
    methods(h, o, 1);
    if (ntargets)
        appendix(md, h, o, sec + nthemes, ntargets);
    fputs("</body>\n</html>\n", h);
    tb_status a = tb_outdir_close(t, md, "report.md", err);
    tb_status b = tb_outdir_close(t, h, "report.html", err);
    return a ? a : b;
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
        char abs[PATH_MAX], url[PATH_MAX + 32], *html = staged(t, "report.html");
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
    char *pdf = staged(t, "report.pdf");
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
        rc = theme_section(t, store, &themes[i], o, &sec[i], &sum, warn, err);
    for (size_t i = 0; i < ntargets && !rc; i++)
        rc = target_section(t, store, &targets[i], o, &sec[nthemes + i], &sum, warn, err);
    /* two sections with the same file stem would overwrite each other */
    for (size_t i = 0; i < nthemes + ntargets && !rc; i++)
        for (size_t j = 0; j < i && !rc; j++)
            if (!strcmp(sec[i].stem, sec[j].stem))
                rc = tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                                  "sections '%s' and '%s' get the same file name '%s'",
                                  sec[j].title, sec[i].title, sec[i].stem);
    if (rc)
        goto done;
    rc = write_md_html(t, o, sec, nthemes, ntargets, &sum, err);
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

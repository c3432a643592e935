/* The chart of one series with its fit, forecast fan, required path and
 * target, as the target sections of the annex show it. */
#include "trendbeeld/gnuplot.h"
#include "gnuplot_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- (2) trend with fit, fan, path and target -------------------------- */

size_t tb_plot_target_text(char *buf, size_t n, double value, int bound,
                           int counts, const char *unit, tb_lang lang)
{
    char num[64];
    const char *side = "";
    double v = value;
    int dec = counts ? 0 : 1;
    switch (bound) {
    case TB_BOUND_MAX:
        side = "max ";
        if (counts)
            v = tb_count_bound(value, TB_MEET_AT_MOST);
        break;
    case TB_BOUND_MIN:
        side = "min ";
        if (counts)
            v = tb_count_bound(value, TB_MEET_AT_LEAST);
        break;
    case TB_BOUND_BELOW:
        side = "< ";
        if (counts)
            v = tb_count_bound(value, TB_MEET_BELOW);
        break;
    default:
        break;
    }
    tb_fmt_num(num, sizeof num, v, dec, lang);
    return (size_t)snprintf(buf, n, "%s%s%s", side, num, unit ? unit : "");
}

/* What the datablocks hold: the value range, the last year drawn, and
 * which of path, target and the policy's number are there. */
typedef struct {
    double lo, hi;
    int xmax;
    int has_path, has_target, has_stated;
    char target_title[512], stated_title[512]; /* "doel 2018: max 11.531" */
} trend_span;

static void see(trend_span *sp, double v)
{
    if (isnan(v))
        return;
    if (v < sp->lo)
        sp->lo = v;
    if (v > sp->hi)
        sp->hi = v;
}

static void see_year(trend_span *sp, int y)
{
    if (y > sp->xmax)
        sp->xmax = y;
}

/* The datablocks: observed years Y0..Y1, fit, forecast fan, path, target
 * and the policy's number. */
static trend_span trend_blocks(FILE *out, const tb_plot_trend_data *d, int y0, int y1)
{
    const tb_series *x = d->obs;
    numbuf nb = {.i = 0};
    trend_span sp = {.lo = 0, .hi = 0, .xmax = y1};
    /* observed: year, value, value if final, value if provisional */
    fputs("\n$obs << EOD\n# year value final provisional\n", out);
    for (int y = y0; y <= y1; y++) {
        double v = tb_series_get(x, y);
        int p = gp_provisional(x, y);
        fprintf(out, "%d %s %s %s\n", y, gp_cn(&nb, v), gp_cn(&nb, p ? NAN : v),
                gp_cn(&nb, p ? v : NAN));
        see(&sp, v);
    }
    fputs("EOD\n", out);
    if (d->nfit > 0) {
        fputs("$fit << EOD\n# year fitted\n", out);
        for (size_t i = 0; i < d->nfit; i++) {
            fprintf(out, "%d %s\n", d->fit_year[i], gp_cn(&nb, d->fit_value[i]));
            see(&sp, d->fit_value[i]);
            see_year(&sp, d->fit_year[i]);
        }
        fputs("EOD\n", out);
    }
    if (d->nforecast > 0) {
        /* The fan starts at the last observed value so it joins the line. */
        fputs("$fc << EOD\n# year mean lo80 hi80 lo95 hi95\n", out);
        double last = tb_series_get(x, y1);
        if (d->forecast[0].year == y1 + 1 && !isnan(last))
            fprintf(out, "%d %s %s %s %s %s\n", y1, gp_cn(&nb, last), gp_cn(&nb, last),
                    gp_cn(&nb, last), gp_cn(&nb, last), gp_cn(&nb, last));
        for (size_t i = 0; i < d->nforecast; i++) {
            const tb_forecast *f = &d->forecast[i];
            fprintf(out, "%d %s %s %s ", f->year, gp_cn(&nb, f->mean),
                    gp_cn(&nb, f->lo80), gp_cn(&nb, f->hi80));
            fprintf(out, "%s %s\n", gp_cn(&nb, f->lo95), gp_cn(&nb, f->hi95));
            see(&sp, f->mean);
            see(&sp, f->lo95);
            see(&sp, f->hi95);
            see_year(&sp, f->year);
        }
        fputs("EOD\n", out);
    }
    /* a path is a line: one point (a level with no base) is no path */
    size_t path_points = 0;
    for (size_t i = 0; i < d->npath; i++)
        path_points += isfinite(d->path_value[i]);
    sp.has_path = path_points >= 2;
    if (sp.has_path) {
        fputs("$path << EOD\n# year required\n", out);
        for (size_t i = 0; i < d->npath; i++) {
            fprintf(out, "%d %s\n", d->path_year[i], gp_cn(&nb, d->path_value[i]));
            see(&sp, d->path_value[i]);
            see_year(&sp, d->path_year[i]);
        }
        fputs("EOD\n", out);
    }
    sp.has_target = d->target_year > 0 && !isnan(d->target_value);
    if (sp.has_target) {
        fprintf(out, "$target << EOD\n%d %s\nEOD\n", d->target_year,
                gp_cn(&nb, d->target_value));
        see(&sp, d->target_value);
        see_year(&sp, d->target_year);
    }
    /* the policy's own number, where it is another than the rule's */
    sp.has_stated = sp.has_target && d->stated_value && isfinite(*d->stated_value) &&
                     fabs(*d->stated_value - d->target_value) >= 0.5;
    if (sp.has_stated) {
        fprintf(out, "$stated << EOD\n%d %s\nEOD\n", d->target_year,
                gp_cn(&nb, *d->stated_value));
        see(&sp, *d->stated_value);
    }
    return sp;
}

/* The titles of the target markers, "doel 2018: max 11.531" and
 * "beleidstekst 2018: max 12.111", into SP. */
static void marker_titles(const tb_plot_style *st, const tb_plot_trend_data *d, trend_span *sp)
{
    char num[96];
    if (sp->has_target) {
        tb_plot_target_text(num, sizeof num, d->target_value, d->target_bound,
                            d->target_counts, d->target_unit, st->lang);
        snprintf(sp->target_title, sizeof sp->target_title, "%s %d: %s",
                 d->target_label ? d->target_label : gp_tr(st, "doel", "target"),
                 d->target_year, num);
    }
    if (sp->has_stated) {
        tb_plot_target_text(num, sizeof num, *d->stated_value, d->target_bound,
                            d->target_counts, d->target_unit, st->lang);
        snprintf(sp->stated_title, sizeof sp->stated_title, "%s %d: %s",
                 gp_tr(st, "beleidstekst", "policy text"), d->target_year, num);
    }
}

/* How many titles the legend has, and the longest (in characters): the
 * same entries trend_plot writes. */
static void legend(const tb_plot_style *st, const tb_plot_trend_data *d, const trend_span *sp,
                   size_t *entries, size_t *widest)
{
    const tb_series *x = d->obs;
    const char *t[9];
    size_t n = 0;
    if (d->nforecast > 0) {
        t[n++] = gp_tr(st, "95%-interval", "95% interval");
        t[n++] = gp_tr(st, "80%-interval", "80% interval");
        t[n++] = gp_tr(st, "prognose", "forecast");
    }
    if (d->nfit > 0)
        t[n++] = d->fit_label ? d->fit_label : "trend";
    if (sp->has_path)
        t[n++] = d->path_label ? d->path_label : gp_tr(st, "benodigd pad", "required path");
    t[n++] = d->obs_label ? d->obs_label : gp_tr(st, "waargenomen", "observed");
    if (gp_any_provisional(&x, 1))
        t[n++] = gp_tr(st, "voorlopig", "provisional");
    if (sp->has_target)
        t[n++] = sp->target_title;
    if (sp->has_stated)
        t[n++] = sp->stated_title;
    *entries = n;
    *widest = 0;
    for (size_t i = 0; i < n; i++)
        if (gp_chars(t[i]) > *widest)
            *widest = gp_chars(t[i]);
}

/* Title, axes, source line and the band of years still to come. */
static void trend_axes(FILE *out, const tb_plot_style *st, const char *title,
                       const tb_plot_trend_data *d, int y0, const trend_span *sp)
{
    const tb_series *x = d->obs;
    numbuf nb = {.i = 0};
    gp_title_line(out, title);
    fputs("set ylabel ", out);
    gp_q(out, st->ylabel ? st->ylabel : gp_tr(st, "aantal", "number"));
    fprintf(out, "\nset xrange [%s:%s]\n", gp_cn(&nb, y0 - 0.5), gp_cn(&nb, sp->xmax + 0.5));
    int span = sp->xmax - y0 + 1, step = span > 24 ? 5 : span > 12 ? 2 : 1;
    gp_xtics_years(out, &x, 1, y0, sp->xmax, step, 0);
    gp_yaxis(out, st, sp->lo, sp->hi, 0.05);
    gp_source_line(out, st, x, NULL);
    if (d->pending_from > 0 && d->pending_to >= d->pending_from) {
        /* why a verdict can stay uncertain with the band clear of the
         * target: years it must also be below are still to come */
        fprintf(out, "set object 1 rect from %s, graph 0 to %s, graph 1 behind "
                     "fc rgb '#efefef' fs solid 1.0 noborder\n",
                gp_cn(&nb, d->pending_from - 0.5), gp_cn(&nb, d->pending_to + 0.5));
        char lab[160];
        if (d->pending_from == d->pending_to)
            snprintf(lab, sizeof lab, gp_tr(st, "%d nog niet waargenomen", "%d not yet observed"),
                     d->pending_from);
        else
            snprintf(lab, sizeof lab, gp_tr(st, "%d–%d nog niet waargenomen",
                                         "%d–%d not yet observed"),
                     d->pending_from, d->pending_to);
        fprintf(out, "set label 2 ");
        gp_q(out, lab);
        fprintf(out, " at %s, graph 0.97 center font ',8' tc rgb '#555555'\n",
                gp_cn(&nb, (d->pending_from + d->pending_to) / 2.0));
    }
}

/* The plot command: fan, fit, forecast, path, observed, target. */
static void trend_plot(FILE *out, const tb_plot_style *st, const tb_plot_trend_data *d,
                       const trend_span *sp)
{
    const tb_series *x = d->obs;
    fputs("plot ", out);
    const char *sep = "";
#define NEXT() do { fputs(sep, out); sep = ", \\\n     "; } while (0)
    if (d->nforecast > 0) {
        NEXT();
        fputs("$fc using 1:5:6 with filledcurves lc rgb '#dbe4ee' title ", out);
        gp_q(out, gp_tr(st, "95%-interval", "95% interval"));
        NEXT();
        fputs("$fc using 1:3:4 with filledcurves lc rgb '#a9bfd6' title ", out);
        gp_q(out, gp_tr(st, "80%-interval", "80% interval"));
    }
    if (d->nfit > 0) {
        NEXT();
        fputs("$fit using 1:2 with lines lw 2 dt 1 lc rgb '#5a7fa8' title ", out);
        gp_q(out, d->fit_label ? d->fit_label : "trend");
    }
    if (d->nforecast > 0) {
        NEXT();
        fputs("$fc using 1:2 with lines lw 2 dt 2 lc rgb '#2a4d75' title ", out);
        gp_q(out, gp_tr(st, "prognose", "forecast"));
    }
    if (sp->has_path) {
        NEXT();
        fputs("$path using 1:2 with linespoints lw 2 dt 4 pt 2 ps 0.8 "
              "lc rgb '#b2182b' title ", out);
        gp_q(out, d->path_label ? d->path_label
                             : gp_tr(st, "benodigd pad", "required path"));
    }
    NEXT();
    fputs("$obs using 1:2 with lines lw 2 lc rgb '#000000' notitle", out);
    NEXT();
    fputs("$obs using 1:3 with points pt 7 ps 1.2 lc rgb '#000000' title ", out);
    gp_q(out, d->obs_label ? d->obs_label : gp_tr(st, "waargenomen", "observed"));
    if (gp_any_provisional(&x, 1)) {
        NEXT();
        fputs("$obs using 1:4 with points pt 6 ps 1.4 lw 2 lc rgb '#000000' title ", out);
        gp_q(out, gp_tr(st, "voorlopig", "provisional"));
    }
    if (sp->has_target) {
        NEXT();
        fputs("$target using 1:2 with points pt 3 ps 2.5 lw 2 lc rgb '#b2182b' title ", out);
        gp_q(out, sp->target_title);
    }
    if (sp->has_stated) {
        NEXT();
        fputs("$stated using 1:2 with points pt 12 ps 2.0 lw 2 lc rgb '#7b3294' title ", out);
        gp_q(out, sp->stated_title);
    }
#undef NEXT
    fputs("\n", out);
}

tb_status tb_plot_trend(FILE *out, const tb_plot_style *st, const char *title,
                        const tb_plot_trend_data *d, tb_error *err)
{
    tb_plot_style def;
    st = gp_style(st, &def);
    if (!d || !d->obs)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "a trend chart needs the observed series");
    const tb_series *x = d->obs;
    int y0, y1;
    if (!gp_year_span(&x, 1, &y0, &y1))
        return tb_error_set(err, TB_EDATA, NULL, 0, 0,
                            "no values to draw in '%s': every year is missing",
                            title ? title : "");
    gp_header(out, st, "one series with trend, forecast intervals and target",
              title, &x, 1, d->obs_label ? &d->obs_label : NULL);
    trend_span sp = trend_blocks(out, d, y0, y1);
    marker_titles(st, d, &sp);
    fputs("\n", out);
    trend_axes(out, st, title, d, y0, &sp);
    size_t entries = 0, widest = 0;
    legend(st, d, &sp, &entries, &widest);
    gp_bottom_layout(out, st, entries, 4, widest);
    fputs("set style fill solid 1.0 noborder\n", out);
    trend_plot(out, st, d, &sp);
    return gp_finish(out, err);
}

/* The charts of several regions: grouped bars, index lines and small
 * multiples, and the one rule that chooses between them. */
#include "trendbeeld/gnuplot.h"
#include "gnuplot_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- (1) grouped bars ------------------------------------------------- */

tb_status tb_plot_bars(FILE *out, const tb_plot_style *st, const char *title,
                       const tb_series *const *series, size_t n,
                       const char *const *labels, tb_error *err)
{
    tb_plot_style def;
    st = gp_style(st, &def);
    int y0, y1;
    tb_status rc = gp_series_span(series, n, title, &y0, &y1, err);
    if (rc)
        return rc;
    numbuf nb = {.i = 0};
    gp_header(out, st, "grouped bars, values per series per year", title, series,
           n, labels);

    double lo = 0, hi = 0;
    fputs("\n$d << EOD\n# year", out);
    for (size_t i = 0; i < n; i++)
        fprintf(out, " s%zu", i + 1);
    fputc('\n', out);
    for (int y = y0; y <= y1; y++) {
        fprintf(out, "%d", y);
        for (size_t i = 0; i < n; i++) {
            double v = tb_series_get(series[i], y);
            fprintf(out, " %s", gp_cn(&nb, v));
            if (!isnan(v)) {
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
        }
        fputc('\n', out);
    }
    fputs("EOD\n\n", out);

    gp_title_line(out, title);
    fputs("set ylabel ", out);
    gp_q(out, st->ylabel ? st->ylabel : gp_tr(st, "aantal", "number"));
    fputs("\nset style data histograms\n"
          "set style histogram clustered gap 1\n"
          "set style fill solid 1.0 border rgb '#333333'\n"
          "set boxwidth 1.0 relative\n"
          "set xrange [-0.6:", out);
    fprintf(out, "%s]\n", gp_cn(&nb, (y1 - y0) + 0.6));
    gp_xtics_years(out, series, n, y0, y1, 1, 1);
    gp_yaxis(out, st, lo, hi, 0.08);

    /* Values on top: box j of k in group g (gap 1) is centred at
     * g + (j - (k - 1)/2) / (k + 1). */
    int nyears = y1 - y0 + 1;
    int top = st->values_on_top;
    if (top < 0)
        top = (size_t)nyears * n <= 48;
    if (top) {
        int rotate = (size_t)nyears * n > 24 || n > 4;
        int lab = 100;
        /* one notation for every label: decimals when any value has them */
        int dec = 0;
        for (int y = y0; y <= y1 && !dec; y++)
            for (size_t j = 0; j < n && !dec; j++) {
                double v = tb_series_get(series[j], y);
                dec = !isnan(v) && fabs(v - round(v)) > 1e-9;
            }
        for (int y = y0; y <= y1; y++)
            for (size_t j = 0; j < n; j++) {
                double v = tb_series_get(series[j], y);
                if (isnan(v))
                    continue;
                char txt[64];
                tb_fmt_num(txt, sizeof txt, v, dec, st->lang);
                double x = (y - y0) + ((double)j - (n - 1) / 2.0) / (double)(n + 1);
                fprintf(out, "set label %d '%s' at %s, first %s %s offset %s font ',8'\n",
                        lab++, txt, gp_cn(&nb, x), gp_cn(&nb, v),
                        rotate ? "left rotate by 90" : "center",
                        rotate ? "0,0.3" : "0,0.6");
            }
    }
    gp_source_line(out, st, series[0],
                gp_any_provisional(series, n)
                    ? gp_tr(st, "* voorlopige cijfers", "* provisional figures")
                    : NULL);
    gp_bottom_layout(out, st, n, 5, gp_widest_label(labels, series, n));

    fputs("plot ", out);
    for (size_t j = 0; j < n; j++) {
        fprintf(out, "%s$d using %zu title ", j ? ", \\\n     " : "", j + 2);
        gp_q(out, gp_label_of(labels, series, j));
        fprintf(out, " lc rgb '#%06x'", gp_colour(j, n));
    }
    fputs("\n", out);
    return gp_finish(out, err);
}

/* ---- (3) index lines --------------------------------------------------- */

static void line_style(FILE *out, size_t j, size_t n)
{
    fprintf(out, "set linetype %zu lc rgb '#%06x' lw 2 dt %zu pt %d ps 1.0\n",
            j + 1, gp_colour(j, n), j % 5 + 1, gp_pt_filled[j % 6]);
}

tb_status tb_plot_index(FILE *out, const tb_plot_style *st, const char *title,
                        const tb_series *const *series, size_t n,
                        const char *const *labels, int base_year,
                        tb_error *err)
{
    tb_plot_style def;
    st = gp_style(st, &def);
    tb_status rc = gp_check_series(series, n, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        double b = tb_series_get(series[i], base_year);
        if (isnan(b) || b == 0)
            return tb_error_set(err, TB_EDATA, NULL, 0, 0,
                                "index base year %d: %s has %s there; the base "
                                "needs a value other than 0",
                                base_year, series[i]->region,
                                isnan(b) ? "no value" : "0");
    }
    int y0, y1;
    gp_year_span(series, n, &y0, &y1);
    numbuf nb = {.i = 0};
    gp_header(out, st, "index lines, base year = 100", title, series, n, labels);

    /* index_t = 100 y_t / y_base; provisional years also in a column of
     * their own (NaN elsewhere) so they can be drawn as open symbols. */
    double lo = 100, hi = 100;
    fputs("\n$d << EOD\n# year, then per series: index, index if final, "
          "index if provisional\n", out);
    for (int y = y0; y <= y1; y++) {
        fprintf(out, "%d", y);
        for (size_t i = 0; i < n; i++) {
            double v = 100.0 * tb_series_get(series[i], y) /
                       tb_series_get(series[i], base_year);
            int p = gp_provisional(series[i], y);
            fprintf(out, " %s %s %s", gp_cn(&nb, v), gp_cn(&nb, p ? NAN : v),
                    gp_cn(&nb, p ? v : NAN));
            if (!isnan(v)) {
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
        }
        fputc('\n', out);
    }
    fputs("EOD\n\n", out);
    fputs("\n", out);
    gp_title_line(out, title);
    fputs("set ylabel ", out);
    char yl[128];
    snprintf(yl, sizeof yl, "index (%d = 100)", base_year);
    gp_q(out, st->ylabel ? st->ylabel : yl);
    fprintf(out, "\nset xrange [%s:%s]\n", gp_cn(&nb, y0 - 0.3), gp_cn(&nb, y1 + 0.3));
    int span = y1 - y0 + 1;
    gp_xtics_years(out, series, n, y0, y1, span > 24 ? 5 : span > 12 ? 2 : 1, 0);
    gp_yaxis(out, st, lo, hi, 0.03);
    fputs("set arrow 1 from graph 0, first 100 to graph 1, first 100 nohead "
          "lc rgb '#888888' dt 2\n", out);
    /* Many series: one legend column to the right instead of rows below. */
    gp_source_line(out, st, series[0], NULL);
    size_t entries = n + (size_t)gp_any_provisional(series, n);
    if (n > 5) {
        fputs("set key outside right top vertical Left reverse\n", out);
        gp_bottom_layout(out, st, 0, 1, 0);
    } else {
        size_t widest = gp_widest_label(labels, series, n),
               prov = entries > n ? gp_chars(gp_tr(st, "voorlopig", "provisional")) : 0;
        gp_bottom_layout(out, st, entries, 3, widest > prov ? widest : prov);
    }
    for (size_t j = 0; j < n; j++)
        line_style(out, j, n);
    /* Lines through every year; filled symbols on final years only, so the
     * open symbol of a provisional year is not painted over. */
    fputs("plot ", out);
    for (size_t j = 0; j < n; j++) {
        fprintf(out, "%s$d using 1:%zu with lines lt %zu notitle, \\\n     "
                     "$d using 1:%zu with linespoints lt %zu title ",
                j ? ", \\\n     " : "", 3 * j + 2, j + 1, 3 * j + 3, j + 1);
        gp_q(out, gp_label_of(labels, series, j));
    }
    if (gp_any_provisional(series, n)) {
        for (size_t j = 0; j < n; j++)
            fprintf(out, ", \\\n     $d using 1:%zu with points pt %d ps 1.6 lw 2 "
                         "lc rgb '#%06x' notitle",
                    3 * j + 4, gp_pt_open[j % 6], gp_colour(j, n));
        fputs(", \\\n     NaN with points pt 6 ps 1.6 lw 2 lc rgb '#000000' title ", out);
        gp_q(out, gp_tr(st, "voorlopig", "provisional"));
    }
    fputs("\n", out);
    return gp_finish(out, err);
}

/* ---- (4) small multiples ------------------------------------------------ */

tb_status tb_plot_small_multiples(FILE *out, const tb_plot_style *st,
                                  const char *title,
                                  const tb_series *const *series, size_t n,
                                  const char *const *labels, tb_error *err)
{
    tb_plot_style def;
    st = gp_style(st, &def);
    int y0, y1;
    tb_status rc = gp_series_span(series, n, title, &y0, &y1, err);
    if (rc)
        return rc;
    size_t cols = (size_t)ceil(sqrt((double)n * 1.6));
    if (cols > n)
        cols = n;
    size_t rows = (n + cols - 1) / cols;
    /* many panels: a taller page (160 px a row) unless a size was given */
    tb_plot_style tall = *st;
    if (tall.height <= 0 && rows > 3)
        tall.height = (int)(160 * rows + 120);
    st = &tall;
    numbuf nb = {.i = 0};
    gp_header(out, st, "small multiples, one panel per series", title, series, n,
           labels);
    fputs("\n$d << EOD\n# year, then per series: value, value if final, "
          "value if provisional\n", out);
    for (int y = y0; y <= y1; y++) {
        fprintf(out, "%d", y);
        for (size_t i = 0; i < n; i++) {
            double v = tb_series_get(series[i], y);
            int p = gp_provisional(series[i], y);
            fprintf(out, " %s %s %s", gp_cn(&nb, v), gp_cn(&nb, p ? NAN : v),
                    gp_cn(&nb, p ? v : NAN));
        }
        fputc('\n', out);
    }
    fputs("EOD\n\n", out);

    int prov = gp_any_provisional(series, n);
    fputs("unset key\nunset grid\nset grid ytics lc rgb '#e5e5e5'\n", out);
    fprintf(out, "set xrange [%s:%s]\n", gp_cn(&nb, y0 - 0.5), gp_cn(&nb, y1 + 0.5));
    fprintf(out, "set xtics (");
    fprintf(out, "'%d' %d, '%d%s' %d", y0, y0, y1, prov ? "*" : "", y1);
    fputs(") font ',8'\n", out);
    /* Leave room at the bottom for the source line. */
    fprintf(out, "set multiplot layout %zu,%zu title ", rows, cols);
    gp_q(out, title);
    fputs(" font ',13' margins 0.06,0.98,0.11,0.9 spacing 0.05,0.09\n", out);
    for (size_t j = 0; j < n; j++) {
        double lo = 0, hi = 0;
        for (int y = y0; y <= y1; y++) {
            double v = tb_series_get(series[j], y);
            if (!isnan(v)) {
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
        }
        fputs("set title ", out);
        gp_q(out, gp_label_of(labels, series, j));
        fputs(" font ',10' offset 0,-0.5\n", out);
        gp_yaxis(out, st, lo, hi, 0.05);
        fputs("set ytics font ',8'\n", out);
        if (j + 1 == n) {
            gp_source_line(out, st, series[0],
                        prov ? gp_tr(st, "open symbool = voorlopig",
                                  "open symbol = provisional")
                             : NULL);
        }
        unsigned c = gp_colour(0, 1);
        fprintf(out, "plot $d using 1:%zu with lines lw 2 lc rgb '#%06x', "
                     "$d using 1:%zu with points pt 7 ps 0.6 lc rgb '#%06x'",
                3 * j + 2, c, 3 * j + 3, c);
        if (prov)
            fprintf(out, ", $d using 1:%zu with points pt 6 ps 1.0 lw 1.5 "
                         "lc rgb '#%06x'", 3 * j + 4, c);
        fputs("\n", out);
    }
    fputs("unset multiplot\n", out);
    return gp_finish(out, err);
}

/* ---- the choice ------------------------------------------------------------ */

tb_chart_kind tb_plot_choose(const tb_series *const *series, size_t n, int *base)
{
    int b = tb_series_first_common(series, n, 1), y0 = 0, y1 = 0;
    gp_year_span(series, n, &y0, &y1);
    if (base)
        *base = b;
    if (n <= 5 && (y1 - y0 + 1) * (int)n <= 60)
        return TB_CHART_BARS;
    return n <= 10 && b ? TB_CHART_INDEX : TB_CHART_MULTI;
}

tb_status tb_plot_chart(FILE *out, const tb_plot_style *st, tb_chart_kind kind,
                        const char *title, const tb_series *const *series, size_t n,
                        const char *const *labels, int base_year, tb_error *err)
{
    switch (kind) {
    case TB_CHART_BARS:
        return tb_plot_bars(out, st, title, series, n, labels, err);
    case TB_CHART_INDEX:
        return tb_plot_index(out, st, title, series, n, labels, base_year, err);
    default:
        return tb_plot_small_multiples(out, st, title, series, n, labels, err);
    }
}

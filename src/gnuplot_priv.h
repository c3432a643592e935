/* Private to the gnuplot files (gnuplot.c: quoting, style and the pieces
 * every chart shares; gnuplot_charts.c and gnuplot_trend.c: the charts). */
#ifndef TRENDBEELD_GNUPLOT_PRIV_H
#define TRENDBEELD_GNUPLOT_PRIV_H

#include "trendbeeld/gnuplot.h"

/* S as a gnuplot string literal. */
void gp_q(FILE *out, const char *s);

/* Numbers in C notation (a few at a time in one fprintf). */
typedef struct {
    char s[8][40];
    int i;
} numbuf;
const char *gp_cn(numbuf *b, double v);

/* NL or EN by the style's language. */
const char *gp_tr(const tb_plot_style *st, const char *nl, const char *en);
/* Colour of series J of K (viridis, dark to light). */
unsigned gp_colour(size_t j, size_t k);
/* Filled point types and their open counterparts (provisional years). */
extern const int gp_pt_filled[6];
extern const int gp_pt_open[6];

/* The script's comment header, terminal and common settings. */
void gp_header(FILE *out, const tb_plot_style *st, const char *kind, const char *title,
               const tb_series *const *series, size_t n, const char *const *labels);
void gp_title_line(FILE *out, const char *title);
/* The "Bron: ..." line at the bottom left, with an optional extra note. */
void gp_source_line(FILE *out, const tb_plot_style *st, const tb_series *x,
                    const char *extra);
/* Characters (not bytes) of the UTF-8 text S. */
size_t gp_chars(const char *s);
/* The legend of ENTRIES titles, the longest WIDEST characters, below the
 * plot in as many rows as gnuplot will make, above the source line. */
void gp_bottom_layout(FILE *out, const tb_plot_style *st, size_t entries, size_t maxcols,
                      size_t widest);
/* The longest of the N series' legend titles, in characters. */
size_t gp_widest_label(const char *const *labels, const tb_series *const *s, size_t n);
/* A y axis from LO to HI with nice ticks and HEADROOM above. */
void gp_yaxis(FILE *out, const tb_plot_style *st, double lo, double hi, double headroom);

int gp_year_span(const tb_series *const *s, size_t n, int *y0, int *y1);
int gp_provisional(const tb_series *x, int year);
int gp_any_provisional(const tb_series *const *s, size_t n);
tb_status gp_check_series(const tb_series *const *series, size_t n, tb_error *err);
/* gp_check_series, and the years the series have values in into *Y0..*Y1
 * (TB_EDATA naming TITLE when every year is missing). */
tb_status gp_series_span(const tb_series *const *series, size_t n, const char *title,
                         int *y0, int *y1, tb_error *err);
/* ST, or the defaults in DEF when ST is NULL. */
const tb_plot_style *gp_style(const tb_plot_style *st, tb_plot_style *def);
/* Flush OUT: TB_EIO when the script could not be written. */
tb_status gp_finish(FILE *out, tb_error *err);
const char *gp_label_of(const char *const *labels, const tb_series *const *s, size_t i);
void gp_xtics_years(FILE *out, const tb_series *const *s, size_t n, int y0, int y1,
                    int step, int histogram);

#endif

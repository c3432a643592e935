/* gnuplot scripts: quoting, datablocks, the style every chart shares, and
 * rendering (the charts: gnuplot_charts.c and gnuplot_trend.c). */
#include "trendbeeld/gnuplot.h"
#include "gnuplot_priv.h"
#include "trendbeeld/run.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- strings ---------------------------------------------------------- */

static void put_char(char *buf, size_t n, size_t *len, char c)
{
    if (n > 0 && *len < n - 1) {
        buf[*len] = c;
        buf[*len + 1] = '\0';
    }
    (*len)++;
}

/* A byte gnuplot reads back as itself inside '...': printable, and not
 * the quote (gnuplot 5.4 misreads a doubled quote at the start of a
 * literal or next to another one). */
static int literal_byte(unsigned char c)
{
    return c >= 0x20 && c != 0x7f && c != '\'';
}

size_t tb_gp_quote(char *buf, size_t n, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t len = 0;
    int plain = 1;
    if (n > 0)
        buf[0] = '\0';
    for (const unsigned char *t = p; *t; t++)
        plain &= literal_byte(*t);
    if (plain) {
        put_char(buf, n, &len, '\'');
        for (; *p; p++)
            put_char(buf, n, &len, (char)*p);
        put_char(buf, n, &len, '\'');
        return len;
    }
    /* ('run'."\047".'run'): other bytes as octal escapes in double
     * quotes, which hold no backquote (a command) and no backslash
     * other than the escape itself */
    put_char(buf, n, &len, '(');
    for (int first = 1; *p; first = 0) {
        if (!first)
            put_char(buf, n, &len, '.');
        int lit = literal_byte(*p);
        put_char(buf, n, &len, lit ? '\'' : '"');
        for (; *p && literal_byte(*p) == lit; p++) {
            if (lit) {
                put_char(buf, n, &len, (char)*p);
                continue;
            }
            char oct[5];
            snprintf(oct, sizeof oct, "\\%03o", *p);
            for (int k = 0; k < 4; k++)
                put_char(buf, n, &len, oct[k]);
        }
        put_char(buf, n, &len, lit ? '\'' : '"');
    }
    put_char(buf, n, &len, ')');
    return len;
}

size_t tb_gp_comment(char *buf, size_t n, const char *s)
{
    size_t len = 0;
    if (n > 0)
        buf[0] = '\0';
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '\t' || *p == '\n' || *p == '\r')
            put_char(buf, n, &len, ' ');
        else if (*p < 0x20 || *p == 0x7f)
            continue;
        else if (*p == '\\')
            put_char(buf, n, &len, '/');
        else
            put_char(buf, n, &len, (char)*p);
    }
    return len;
}

/* Write S quoted to OUT. */
void gp_q(FILE *out, const char *s)
{
    char small[512];
    size_t k = tb_gp_quote(small, sizeof small, s);
    if (k < sizeof small) {
        fputs(small, out);
        return;
    }
    char *big = malloc(k + 1);
    if (!big) { /* keep the script valid: an empty label */
        fputs("''", out);
        return;
    }
    tb_gp_quote(big, k + 1, s);
    fputs(big, out);
    free(big);
}

/* Write "# " + cleaned S + newline. */
static void comment(FILE *out, const char *prefix, const char *s)
{
    char buf[1024];
    tb_gp_comment(buf, sizeof buf, s);
    fprintf(out, "# %s%s\n", prefix, buf);
}


const char *gp_cn(numbuf *b, double v)
{
    char *p = b->s[b->i++ & 7];
    tb_fmt_c(p, sizeof b->s[0], v);
    return p;
}

/* ---- style ------------------------------------------------------------ */

int tb_plot_term_parse(const char *s)
{
    if (!s)
        return -1;
    if (!strcasecmp(s, "png") || !strcasecmp(s, "pngcairo"))
        return TB_TERM_PNG;
    if (!strcasecmp(s, "svg"))
        return TB_TERM_SVG;
    if (!strcasecmp(s, "pdf") || !strcasecmp(s, "pdfcairo"))
        return TB_TERM_PDF;
    return -1;
}

const char *tb_plot_term_ext(tb_plot_term t)
{
    switch (t) {
    case TB_TERM_PNG: return "png";
    case TB_TERM_SVG: return "svg";
    case TB_TERM_PDF: return "pdf";
    }
    return NULL;
}

void tb_plot_style_init(tb_plot_style *st)
{
    memset(st, 0, sizeof *st);
    st->term = TB_TERM_PNG;
    st->lang = TB_LANG_NL;
    st->values_on_top = -1;
}

const char *gp_tr(const tb_plot_style *st, const char *nl, const char *en)
{
    return tb_tr(st->lang, nl, en);
}

/* Viridis at 11 stops: its lightness rises monotonically, so the order of
 * the series survives greyscale printing and colour blindness. */
static const unsigned viridis[11] = {
    0x440154, 0x482576, 0x414487, 0x35608d, 0x2a788e, 0x21908c,
    0x22a884, 0x43bf71, 0x7ad151, 0xbbdf27, 0xfde725};

/* Colour of series J of K: dark to light over viridis [0, 0.8] (the
 * yellow end is too light for lines on white). */
unsigned gp_colour(size_t j, size_t k)
{
    double t = k > 1 ? 0.8 * (double)j / (double)(k - 1) : 0.3;
    double x = t * 10.0;
    int i = (int)floor(x);
    if (i >= 10)
        i = 9;
    double f = x - i;
    unsigned a = viridis[i], b = viridis[i + 1], c = 0;
    for (int sh = 16; sh >= 0; sh -= 8) {
        double va = (a >> sh) & 0xff, vb = (b >> sh) & 0xff;
        c |= (unsigned)lround(va + f * (vb - va)) << sh;
    }
    return c;
}

/* Filled point types and their open counterparts (provisional years). */
const int gp_pt_filled[6] = {7, 5, 9, 11, 13, 15};
const int gp_pt_open[6] = {6, 4, 8, 10, 12, 14};

void gp_header(FILE *out, const tb_plot_style *st, const char *kind,
                   const char *title, const tb_series *const *series, size_t n,
                   const char *const *labels)
{
    fprintf(out, "# trendbeeld gnuplot script: %s\n", kind);
    comment(out, "Title: ", title);
    if (n > 0 && series[0]) {
        char line[1024];
        snprintf(line, sizeof line, "%s, measure %s", series[0]->indicator,
                 series[0]->measure);
        comment(out, "Indicator: ", line);
        size_t len = 0;
        line[0] = '\0';
        for (size_t i = 0; i < n && len < sizeof line - 4; i++) {
            const char *l = labels && labels[i] ? labels[i] : series[i]->region;
            len += (size_t)snprintf(line + len, sizeof line - len, "%s%s",
                                    i ? "; " : "", l);
        }
        comment(out, "Series: ", line);
        const char *src = st->source ? st->source : series[0]->source;
        comment(out, "Source: ", src ? src : "(not given)");
    }
    fputs("# The data are inline below (datablocks, C notation, NaN = missing).\n"
          "# Re-run with: gnuplot THIS_FILE\n\n"
          "set encoding utf8\n",
          out);
    int w = st->width > 0 ? st->width : 1000, h = st->height > 0 ? st->height : 600;
    switch (st->term) {
    case TB_TERM_SVG:
        fprintf(out, "set terminal svg size %d,%d dynamic noenhanced font 'Sans,11' "
                     "background rgb 'white'\n", w, h);
        break;
    case TB_TERM_PDF: {
        numbuf nb = {.i = 0};
        fprintf(out, "set terminal pdfcairo size %sin,%sin noenhanced font 'Sans,9'\n",
                gp_cn(&nb, w / 100.0), gp_cn(&nb, h / 100.0));
        break;
    }
    default:
        fprintf(out, "set terminal pngcairo size %d,%d noenhanced font 'Sans,10' "
                     "background rgb 'white'\n", w, h);
    }
    if (st->output) {
        fputs("set output ", out);
        gp_q(out, st->output);
        fputc('\n', out);
    }
    fputs("set border 3 lc rgb '#444444'\n"
          "set tics nomirror out\n"
          "set grid ytics lc rgb '#dddddd' lt 1\n"
          "set key noautotitle noenhanced\n",
          out);
}

/* `set title` with a font that lets a long title fit the width (gnuplot
 * does not wrap, and a newline cannot be written in a literal string). */
void gp_title_line(FILE *out, const char *title)
{
    size_t len = title ? strlen(title) : 0;
    fputs("set title ", out);
    gp_q(out, title);
    fprintf(out, " font ',%d'\n", len > 110 ? 9 : len > 85 ? 11 : 13);
}

/* The "Bron: ..." line at the bottom left, with an optional extra note. */
void gp_source_line(FILE *out, const tb_plot_style *st, const tb_series *x,
                        const char *extra)
{
    const char *src = st->source ? st->source : x ? x->source : NULL;
    if (!src && !extra)
        return;
    size_t need = (src ? strlen(src) : 0) + (extra ? strlen(extra) : 0) + 32;
    char *s = malloc(need);
    if (!s)
        return;
    snprintf(s, need, "%s%s%s%s", src ? gp_tr(st, "Bron: ", "Source: ") : "",
             src ? src : "", src && extra ? "   " : "", extra ? extra : "");
    /* gnuplot does not wrap: a line too long for the width at 8 pt
     * (about 5,7 px a character) gets 7 pt (about 4,9 px) */
    int w = st->width > 0 ? st->width : 1000;
    int pt = (double)strlen(s) * 5.7 > w - 20 ? 7 : 8;
    fputs("set label 99 ", out);
    gp_q(out, s);
    fprintf(out, " at screen 0.01, screen 0.02 left font ',%d' tc rgb '#555555'\n", pt);
    free(s);
}

size_t gp_chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80; /* count lead bytes only */
    return n;
}

/* The bottom of the chart, in pixels from the lower edge: the source line
 * (8-20), the legend in rows of 18 px from 26 up, then 34 px of tick
 * labels.  gnuplot puts as many columns in a row as fit the width (at
 * most MAXCOLS), so the rows are counted the same way: a column is its
 * widest title (WIDEST characters of about 7,5 px at the default font)
 * plus the sample and gaps (75 px).  Fixed positions, so the legend never
 * covers the source line or the data, whatever the number and length of
 * the entries. */
void gp_bottom_layout(FILE *out, const tb_plot_style *st, size_t entries, size_t maxcols,
                      size_t widest)
{
    numbuf nb = {.i = 0};
    double h = st->height > 0 ? st->height : 600;
    double w = st->width > 0 ? st->width : 1000;
    size_t fit = (size_t)((w - 20) / (7.5 * (double)widest + 75));
    if (fit < 1)
        fit = 1;
    if (maxcols > fit)
        maxcols = fit;
    size_t cols = entries < maxcols ? entries : maxcols;
    size_t rows = cols ? (entries + cols - 1) / cols : 0;
    double key_top = 26 + 18.0 * rows, bottom = key_top + 34;
    if (entries > 0)
        fprintf(out, "set key at screen 0.5, screen %s center top horizontal "
                     "maxcols %zu samplen 2.5 spacing 1.1\n",
                gp_cn(&nb, key_top / h), cols);
    fprintf(out, "set bmargin at screen %s\n", gp_cn(&nb, bottom / h));
}

/* A "nice" tick step for a range of width W with about 5 ticks:
 * 1, 2, 2.5 or 5 times a power of ten. */
static double nice_step(double w)
{
    if (!(w > 0))
        return 1;
    double raw = w / 5.0, p = pow(10.0, floor(log10(raw))), f = raw / p;
    double m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return m * p;
}

/* Decimals a tick label needs for STEP (2.5 -> 1, 0.25 -> 2, 500 -> 0). */
static int step_decimals(double step)
{
    for (int d = 0; d < 6; d++) {
        double s = step * pow(10.0, d);
        if (fabs(s - round(s)) < 1e-9 * s)
            return d;
    }
    return 6;
}

void tb_axis_make(tb_axis *ax, double lo, double hi, double headroom)
{
    const double limit = 1e300; /* keeps hi - lo finite */
    if (!isfinite(lo) || !isfinite(hi) || lo > hi) {
        lo = 0;
        hi = 1;
    }
    lo = fmax(lo, -limit);
    hi = fmin(hi, limit);
    if (!(headroom >= 0 && headroom <= 1))
        headroom = 0;
    /* a range narrower than a millionth of the values (a constant series,
     * one ulp apart) is drawn as a flat line with room around it */
    double mag = fmax(fabs(lo), fabs(hi));
    if (hi - lo <= mag * 1e-6) {
        double pad = mag > 0 ? mag * 0.1 : 1;
        hi = lo + pad;
    }
    hi += (hi - lo) * headroom;
    double step = nice_step(hi - lo);
    /* the tolerance keeps 0.3 / 0.1 = 2.9999999999999996 at 3 */
    double a = floor(lo / step + 1e-9) * step, b = ceil(hi / step - 1e-9) * step;
    long k = lround((b - a) / step);
    /* never more than TB_AXIS_MAX_TICKS ticks, whatever rounding did */
    while (k + 1 > TB_AXIS_MAX_TICKS) {
        step *= 2;
        a = floor(lo / step + 1e-9) * step;
        b = ceil(hi / step - 1e-9) * step;
        k = lround((b - a) / step);
    }
    if (k < 1) {
        k = 1;
        b = a + step;
    }
    ax->lo = a;
    ax->hi = b;
    ax->step = step;
    ax->nticks = (int)k + 1;
    ax->decimals = step_decimals(step);
}

/* Y range [LO, HI] rounded out to ticks, written with explicit labels in
 * reader notation (thousands groups without depending on a locale). */
void gp_yaxis(FILE *out, const tb_plot_style *st, double lo, double hi,
                  double headroom)
{
    numbuf nb = {.i = 0};
    tb_axis ax;
    tb_axis_make(&ax, lo, hi, headroom);
    fprintf(out, "set yrange [%s:%s]\n", gp_cn(&nb, ax.lo), gp_cn(&nb, ax.hi));
    fputs("set ytics (", out);
    for (int k = 0; k < ax.nticks; k++) {
        char lab[64];
        double t = k == ax.nticks - 1 ? ax.hi : ax.lo + k * ax.step;
        double v = fabs(t) < ax.step * 1e-9 ? 0 : t;
        tb_fmt_num(lab, sizeof lab, v, ax.decimals, st->lang);
        fprintf(out, "%s'%s' %s", k ? ", " : "", lab, gp_cn(&nb, v));
    }
    fputs(")\n", out);
}

/* Years spanned by all series; 0 when none has a value. */
int gp_year_span(const tb_series *const *s, size_t n, int *y0, int *y1)
{
    *y0 = TB_YEAR_MAX + 1;
    *y1 = TB_YEAR_MIN - 1;
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < s[i]->n; k++)
            if (!isnan(s[i]->value[k])) {
                int y = s[i]->first_year + k;
                if (y < *y0)
                    *y0 = y;
                if (y > *y1)
                    *y1 = y;
            }
    return *y0 <= *y1;
}

int gp_provisional(const tb_series *x, int year)
{
    return !isnan(tb_series_get(x, year)) &&
           (tb_series_flags(x, year) & TB_FLAG_PROVISIONAL);
}

tb_status gp_check_series(const tb_series *const *series, size_t n,
                              tb_error *err)
{
    if (!series || n == 0)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "a chart needs at least one series");
    for (size_t i = 0; i < n; i++)
        if (!series[i])
            return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                                "series %zu of the chart is missing", i + 1);
    return TB_OK;
}

tb_status gp_series_span(const tb_series *const *series, size_t n, const char *title,
                         int *y0, int *y1, tb_error *err)
{
    tb_status rc = gp_check_series(series, n, err);
    if (rc)
        return rc;
    if (!gp_year_span(series, n, y0, y1))
        return tb_error_set(err, TB_EDATA, NULL, 0, 0,
                            "no values to draw in '%s': every year is missing",
                            title ? title : "");
    return TB_OK;
}

const tb_plot_style *gp_style(const tb_plot_style *st, tb_plot_style *def)
{
    if (st)
        return st;
    tb_plot_style_init(def);
    return def;
}

tb_status gp_finish(FILE *out, tb_error *err)
{
    if (fflush(out) != 0 || ferror(out))
        return tb_error_set(err, TB_EIO, NULL, 0, 0,
                            "writing the gnuplot script failed: %s",
                            strerror(errno));
    return TB_OK;
}

const char *gp_label_of(const char *const *labels, const tb_series *const *s,
                            size_t i)
{
    return labels && labels[i] ? labels[i] : s[i]->region;
}

/* Year tick labels; provisional years get a "*".  STEP > 1 thins them. */
size_t gp_widest_label(const char *const *labels, const tb_series *const *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = gp_chars(gp_label_of(labels, s, i));
        if (k > w)
            w = k;
    }
    return w;
}

void gp_xtics_years(FILE *out, const tb_series *const *s, size_t n, int y0,
                        int y1, int step, int histogram)
{
    fputs("set xtics (", out);
    int k = 0;
    for (int y = y0; y <= y1; y++) {
        if ((y - y0) % step != 0 && y != y1)
            continue;
        int prov = 0;
        for (size_t i = 0; i < n; i++)
            prov |= gp_provisional(s[i], y);
        fprintf(out, "%s'%d%s' %d", k++ ? ", " : "", y, prov ? "*" : "",
                histogram ? y - y0 : y);
    }
    fputs(")\n", out);
}

int gp_any_provisional(const tb_series *const *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < s[i]->n; k++)
            if (gp_provisional(s[i], s[i]->first_year + k))
                return 1;
    return 0;
}

/* ---- rendering ----------------------------------------------------------- */

int tb_plot_gnuplot_found(char *buf, size_t n)
{
    return tb_run_find("gnuplot", buf, n);
}

tb_status tb_plot_render(const char *dir, const char *script, char **messages,
                         tb_error *err)
{
    if (messages)
        *messages = NULL;
    char prog[4096];
    if (!tb_plot_gnuplot_found(prog, sizeof prog))
        return tb_error_set(err, TB_EIO, script, 0, 0,
                            "gnuplot not found on the PATH: the script is "
                            "written but not rendered");
    char *argv[] = {prog, (char *)script, NULL};
    char *text = NULL;
    int code = tb_run(dir, argv, &text);
    tb_status rc = TB_OK;
    if (code < 0 && !text)
        rc = tb_error_set(err, TB_EIO, script, 0, 0, "cannot start gnuplot: %s",
                          strerror(errno));
    else if (code != 0) {
        /* gnuplot echoes the command, a caret, then '"FILE" line N: what';
         * that last line says what went wrong. */
        char why[400] = "";
        for (const char *l = text; l && *l;) {
            size_t k = strcspn(l, "\n");
            if (k > 0 && (memmem(l, k, "\" line ", 7) || !why[0]))
                snprintf(why, sizeof why, "%.*s", (int)k, l);
            l += k;
            if (*l)
                l++;
        }
        if (code == 126)
            rc = tb_error_set(err, TB_EIO, script, 0, 0, "cannot enter the folder %s",
                              dir ? dir : "");
        else if (code == 127)
            rc = tb_error_set(err, TB_EIO, script, 0, 0, "gnuplot failed: cannot run %s",
                              prog);
        else
            rc = tb_error_set(err, TB_EIO, script, 0, 0, "gnuplot failed: %s",
                              why[0] ? why : "no message");
    }
    if (messages)
        *messages = text ? text : strdup("");
    else
        free(text);
    if (!text && rc == TB_OK)
        return tb_error_set(err, TB_ENOMEM, script, 0, 0,
                            "out of memory reading gnuplot's messages");
    return rc;
}

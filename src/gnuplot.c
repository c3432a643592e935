/* gnuplot scripts: quoting, datablocks, the four chart kinds, rendering. */
#include "trendbeeld/gnuplot.h"
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
static void q(FILE *out, const char *s)
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

/* Numbers in C notation (a few at a time in one fprintf). */
typedef struct {
    char s[8][40];
    int i;
} numbuf;

static const char *cn(numbuf *b, double v)
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

static const char *tr(const tb_plot_style *st, const char *nl, const char *en)
{
    return st->lang == TB_LANG_EN ? en : nl;
}

/* Viridis at 11 stops: its lightness rises monotonically, so the order of
 * the series survives greyscale printing and colour blindness. */
static const unsigned viridis[11] = {
    0x440154, 0x482576, 0x414487, 0x35608d, 0x2a788e, 0x21908c,
    0x22a884, 0x43bf71, 0x7ad151, 0xbbdf27, 0xfde725};

/* Colour of series J of K: dark to light over viridis [0, 0.8] (the
 * yellow end is too light for lines on white). */
static unsigned colour(size_t j, size_t k)
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
static const int pt_filled[6] = {7, 5, 9, 11, 13, 15};
static const int pt_open[6] = {6, 4, 8, 10, 12, 14};

static void header(FILE *out, const tb_plot_style *st, const char *kind,
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
                cn(&nb, w / 100.0), cn(&nb, h / 100.0));
        break;
    }
    default:
        fprintf(out, "set terminal pngcairo size %d,%d noenhanced font 'Sans,10' "
                     "background rgb 'white'\n", w, h);
    }
    if (st->output) {
        fputs("set output ", out);
        q(out, st->output);
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
static void title_line(FILE *out, const char *title)
{
    size_t len = title ? strlen(title) : 0;
    fputs("set title ", out);
    q(out, title);
    fprintf(out, " font ',%d'\n", len > 110 ? 9 : len > 85 ? 11 : 13);
}

/* The "Bron: ..." line at the bottom left, with an optional extra note. */
static void source_line(FILE *out, const tb_plot_style *st, const tb_series *x,
                        const char *extra)
{
    const char *src = st->source ? st->source : x ? x->source : NULL;
    if (!src && !extra)
        return;
    size_t need = (src ? strlen(src) : 0) + (extra ? strlen(extra) : 0) + 32;
    char *s = malloc(need);
    if (!s)
        return;
    snprintf(s, need, "%s%s%s%s", src ? tr(st, "Bron: ", "Source: ") : "",
             src ? src : "", src && extra ? "   " : "", extra ? extra : "");
    /* gnuplot does not wrap: a line too long for the width at 8 pt
     * (about 5,7 px a character) gets 7 pt (about 4,9 px) */
    int w = st->width > 0 ? st->width : 1000;
    int pt = (double)strlen(s) * 5.7 > w - 20 ? 7 : 8;
    fputs("set label 99 ", out);
    q(out, s);
    fprintf(out, " at screen 0.01, screen 0.02 left font ',%d' tc rgb '#555555'\n", pt);
    free(s);
}

/* The bottom of the chart, in pixels from the lower edge: the source line
 * (8-20), the legend in ROWS rows of 18 px from 26 up, then 34 px of tick
 * labels.  Fixed positions, so the legend never covers the source line or
 * the data, whatever the number of entries. */
static void bottom_layout(FILE *out, const tb_plot_style *st, size_t entries,
                          size_t maxcols)
{
    numbuf nb = {.i = 0};
    double h = st->height > 0 ? st->height : 600;
    size_t cols = entries < maxcols ? entries : maxcols;
    size_t rows = cols ? (entries + cols - 1) / cols : 0;
    double key_top = 26 + 18.0 * rows, bottom = key_top + 34;
    if (entries > 0)
        fprintf(out, "set key at screen 0.5, screen %s center top horizontal "
                     "maxcols %zu samplen 2.5 spacing 1.1\n",
                cn(&nb, key_top / h), cols);
    fprintf(out, "set bmargin at screen %s\n", cn(&nb, bottom / h));
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
static void yaxis(FILE *out, const tb_plot_style *st, double lo, double hi,
                  double headroom)
{
    numbuf nb = {.i = 0};
    tb_axis ax;
    tb_axis_make(&ax, lo, hi, headroom);
    fprintf(out, "set yrange [%s:%s]\n", cn(&nb, ax.lo), cn(&nb, ax.hi));
    fputs("set ytics (", out);
    for (int k = 0; k < ax.nticks; k++) {
        char lab[64];
        double t = k == ax.nticks - 1 ? ax.hi : ax.lo + k * ax.step;
        double v = fabs(t) < ax.step * 1e-9 ? 0 : t;
        tb_fmt_num(lab, sizeof lab, v, ax.decimals, st->lang);
        fprintf(out, "%s'%s' %s", k ? ", " : "", lab, cn(&nb, v));
    }
    fputs(")\n", out);
}

/* Years spanned by all series; 0 when none has a value. */
static int year_span(const tb_series *const *s, size_t n, int *y0, int *y1)
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

static int provisional(const tb_series *x, int year)
{
    return !isnan(tb_series_get(x, year)) &&
           (tb_series_flags(x, year) & TB_FLAG_PROVISIONAL);
}

static tb_status check_series(const tb_series *const *series, size_t n,
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

static tb_status finish(FILE *out, tb_error *err)
{
    if (fflush(out) != 0 || ferror(out))
        return tb_error_set(err, TB_EIO, NULL, 0, 0,
                            "writing the gnuplot script failed: %s",
                            strerror(errno));
    return TB_OK;
}

static const char *label_of(const char *const *labels, const tb_series *const *s,
                            size_t i)
{
    return labels && labels[i] ? labels[i] : s[i]->region;
}

/* Year tick labels; provisional years get a "*".  STEP > 1 thins them. */
static void xtics_years(FILE *out, const tb_series *const *s, size_t n, int y0,
                        int y1, int step, int histogram)
{
    fputs("set xtics (", out);
    int k = 0;
    for (int y = y0; y <= y1; y++) {
        if ((y - y0) % step != 0 && y != y1)
            continue;
        int prov = 0;
        for (size_t i = 0; i < n; i++)
            prov |= provisional(s[i], y);
        fprintf(out, "%s'%d%s' %d", k++ ? ", " : "", y, prov ? "*" : "",
                histogram ? y - y0 : y);
    }
    fputs(")\n", out);
}

static int any_provisional(const tb_series *const *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < s[i]->n; k++)
            if (provisional(s[i], s[i]->first_year + k))
                return 1;
    return 0;
}

/* ---- (1) grouped bars ------------------------------------------------- */

tb_status tb_plot_bars(FILE *out, const tb_plot_style *st, const char *title,
                       const tb_series *const *series, size_t n,
                       const char *const *labels, tb_error *err)
{
    tb_plot_style def;
    if (!st) {
        tb_plot_style_init(&def);
        st = &def;
    }
    tb_status rc = check_series(series, n, err);
    if (rc)
        return rc;
    int y0, y1;
    if (!year_span(series, n, &y0, &y1))
        return tb_error_set(err, TB_EDATA, NULL, 0, 0,
                            "no values to draw in '%s': every year is missing",
                            title ? title : "");
    numbuf nb = {.i = 0};
    header(out, st, "grouped bars, values per series per year", title, series,
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
            fprintf(out, " %s", cn(&nb, v));
            if (!isnan(v)) {
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
        }
        fputc('\n', out);
    }
    fputs("EOD\n\n", out);

    title_line(out, title);
    fputs("set ylabel ", out);
    q(out, st->ylabel ? st->ylabel : tr(st, "aantal", "number"));
    fputs("\nset style data histograms\n"
          "set style histogram clustered gap 1\n"
          "set style fill solid 1.0 border rgb '#333333'\n"
          "set boxwidth 1.0 relative\n"
          "set xrange [-0.6:", out);
    fprintf(out, "%s]\n", cn(&nb, (y1 - y0) + 0.6));
    xtics_years(out, series, n, y0, y1, 1, 1);
    yaxis(out, st, lo, hi, 0.08);

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
                        lab++, txt, cn(&nb, x), cn(&nb, v),
                        rotate ? "left rotate by 90" : "center",
                        rotate ? "0,0.3" : "0,0.6");
            }
    }
    source_line(out, st, series[0],
                any_provisional(series, n)
                    ? tr(st, "* voorlopige cijfers", "* provisional figures")
                    : NULL);
    bottom_layout(out, st, n, 5);

    fputs("plot ", out);
    for (size_t j = 0; j < n; j++) {
        fprintf(out, "%s$d using %zu title ", j ? ", \\\n     " : "", j + 2);
        q(out, label_of(labels, series, j));
        fprintf(out, " lc rgb '#%06x'", colour(j, n));
    }
    fputs("\n", out);
    return finish(out, err);
}

/* ---- (2) trend with fit, fan, path and target -------------------------- */

size_t tb_plot_target_text(char *buf, size_t n, double value, int bound,
                           int counts, const char *unit, tb_lang lang)
{
    char num[64];
    const char *side = "";
    double v = value;
    int dec = counts ? 0 : 1;
    /* a count meets "at most v" when it is at most floor(v), "at least v"
     * when at least ceil(v), "below v" when below ceil(v); the
     * 1e-9 keeps 11.419 (stored as 11418.9999999) whole */
    switch (bound) {
    case TB_BOUND_MAX:
        side = "max ";
        if (counts)
            v = floor(value + 1e-9);
        break;
    case TB_BOUND_MIN:
        side = "min ";
        if (counts)
            v = ceil(value - 1e-9);
        break;
    case TB_BOUND_BELOW:
        side = "< ";
        if (counts)
            v = ceil(value - 1e-9);
        break;
    default:
        break;
    }
    tb_fmt_num(num, sizeof num, v, dec, lang);
    return (size_t)snprintf(buf, n, "%s%s%s", side, num, unit ? unit : "");
}

tb_status tb_plot_trend(FILE *out, const tb_plot_style *st, const char *title,
                        const tb_plot_trend_data *d, tb_error *err)
{
    tb_plot_style def;
    if (!st) {
        tb_plot_style_init(&def);
        st = &def;
    }
    if (!d || !d->obs)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "a trend chart needs the observed series");
    const tb_series *x = d->obs;
    int y0, y1;
    if (!year_span(&x, 1, &y0, &y1))
        return tb_error_set(err, TB_EDATA, NULL, 0, 0,
                            "no values to draw in '%s': every year is missing",
                            title ? title : "");
    numbuf nb = {.i = 0};
    header(out, st, "one series with trend, forecast intervals and target",
           title, &x, 1, d->obs_label ? &d->obs_label : NULL);

    double lo = 0, hi = 0;
#define SEE(v) do { double v_ = (v); if (!isnan(v_)) { if (v_ < lo) lo = v_; if (v_ > hi) hi = v_; } } while (0)
    int xmax = y1;
    /* observed: year, value, value if final, value if provisional */
    fputs("\n$obs << EOD\n# year value final provisional\n", out);
    for (int y = y0; y <= y1; y++) {
        double v = tb_series_get(x, y);
        int p = provisional(x, y);
        fprintf(out, "%d %s %s %s\n", y, cn(&nb, v), cn(&nb, p ? NAN : v),
                cn(&nb, p ? v : NAN));
        SEE(v);
    }
    fputs("EOD\n", out);
    if (d->nfit > 0) {
        fputs("$fit << EOD\n# year fitted\n", out);
        for (size_t i = 0; i < d->nfit; i++) {
            fprintf(out, "%d %s\n", d->fit_year[i], cn(&nb, d->fit_value[i]));
            SEE(d->fit_value[i]);
            if (d->fit_year[i] > xmax)
                xmax = d->fit_year[i];
        }
        fputs("EOD\n", out);
    }
    if (d->nforecast > 0) {
        /* The fan starts at the last observed value so it joins the line. */
        fputs("$fc << EOD\n# year mean lo80 hi80 lo95 hi95\n", out);
        double last = tb_series_get(x, y1);
        if (d->forecast[0].year == y1 + 1 && !isnan(last))
            fprintf(out, "%d %s %s %s %s %s\n", y1, cn(&nb, last), cn(&nb, last),
                    cn(&nb, last), cn(&nb, last), cn(&nb, last));
        for (size_t i = 0; i < d->nforecast; i++) {
            const tb_forecast *f = &d->forecast[i];
            fprintf(out, "%d %s %s %s ", f->year, cn(&nb, f->mean),
                    cn(&nb, f->lo80), cn(&nb, f->hi80));
            fprintf(out, "%s %s\n", cn(&nb, f->lo95), cn(&nb, f->hi95));
            SEE(f->mean);
            SEE(f->lo95);
            SEE(f->hi95);
            if (f->year > xmax)
                xmax = f->year;
        }
        fputs("EOD\n", out);
    }
    /* a path is a line: one point (a level with no base) is no path */
    size_t path_points = 0;
    for (size_t i = 0; i < d->npath; i++)
        path_points += isfinite(d->path_value[i]);
    int has_path = path_points >= 2;
    if (has_path) {
        fputs("$path << EOD\n# year required\n", out);
        for (size_t i = 0; i < d->npath; i++) {
            fprintf(out, "%d %s\n", d->path_year[i], cn(&nb, d->path_value[i]));
            SEE(d->path_value[i]);
            if (d->path_year[i] > xmax)
                xmax = d->path_year[i];
        }
        fputs("EOD\n", out);
    }
    int has_target = d->target_year > 0 && !isnan(d->target_value);
    if (has_target) {
        fprintf(out, "$target << EOD\n%d %s\nEOD\n", d->target_year,
                cn(&nb, d->target_value));
        SEE(d->target_value);
        if (d->target_year > xmax)
            xmax = d->target_year;
    }
    /* the policy's own number, where it is another than the rule's */
    int has_stated = has_target && d->stated_value && isfinite(*d->stated_value) &&
                     fabs(*d->stated_value - d->target_value) >= 0.5;
    if (has_stated) {
        fprintf(out, "$stated << EOD\n%d %s\nEOD\n", d->target_year,
                cn(&nb, *d->stated_value));
        SEE(*d->stated_value);
    }
#undef SEE
    fputs("\n", out);
    title_line(out, title);
    fputs("set ylabel ", out);
    q(out, st->ylabel ? st->ylabel : tr(st, "aantal", "number"));
    fprintf(out, "\nset xrange [%s:%s]\n", cn(&nb, y0 - 0.5), cn(&nb, xmax + 0.5));
    int span = xmax - y0 + 1, step = span > 24 ? 5 : span > 12 ? 2 : 1;
    xtics_years(out, &x, 1, y0, xmax, step, 0);
    yaxis(out, st, lo, hi, 0.05);
    source_line(out, st, x, NULL);
    if (d->pending_from > 0 && d->pending_to >= d->pending_from) {
        /* why a verdict can stay uncertain with the band clear of the
         * target: years it must also be below are still to come */
        fprintf(out, "set object 1 rect from %s, graph 0 to %s, graph 1 behind "
                     "fc rgb '#efefef' fs solid 1.0 noborder\n",
                cn(&nb, d->pending_from - 0.5), cn(&nb, d->pending_to + 0.5));
        char lab[160];
        if (d->pending_from == d->pending_to)
            snprintf(lab, sizeof lab, tr(st, "%d nog niet waargenomen", "%d not yet observed"),
                     d->pending_from);
        else
            snprintf(lab, sizeof lab, tr(st, "%d–%d nog niet waargenomen",
                                         "%d–%d not yet observed"),
                     d->pending_from, d->pending_to);
        fprintf(out, "set label 2 ");
        q(out, lab);
        fprintf(out, " at %s, graph 0.97 center font ',8' tc rgb '#555555'\n",
                cn(&nb, (d->pending_from + d->pending_to) / 2.0));
    }
    size_t entries = 1 + (d->nforecast > 0 ? 3 : 0) + (d->nfit > 0) + (size_t)has_path +
                     (size_t)any_provisional(&x, 1) + (size_t)has_target + (size_t)has_stated;
    bottom_layout(out, st, entries, 4);
    fputs("set style fill solid 1.0 noborder\n", out);

    fputs("plot ", out);
    const char *sep = "";
#define NEXT() do { fputs(sep, out); sep = ", \\\n     "; } while (0)
    if (d->nforecast > 0) {
        NEXT();
        fputs("$fc using 1:5:6 with filledcurves lc rgb '#dbe4ee' title ", out);
        q(out, tr(st, "95%-interval", "95% interval"));
        NEXT();
        fputs("$fc using 1:3:4 with filledcurves lc rgb '#a9bfd6' title ", out);
        q(out, tr(st, "80%-interval", "80% interval"));
    }
    if (d->nfit > 0) {
        NEXT();
        fputs("$fit using 1:2 with lines lw 2 dt 1 lc rgb '#5a7fa8' title ", out);
        q(out, d->fit_label ? d->fit_label : "trend");
    }
    if (d->nforecast > 0) {
        NEXT();
        fputs("$fc using 1:2 with lines lw 2 dt 2 lc rgb '#2a4d75' title ", out);
        q(out, tr(st, "prognose", "forecast"));
    }
    if (has_path) {
        NEXT();
        fputs("$path using 1:2 with linespoints lw 2 dt 4 pt 2 ps 0.8 "
              "lc rgb '#b2182b' title ", out);
        q(out, d->path_label ? d->path_label
                             : tr(st, "benodigd pad", "required path"));
    }
    NEXT();
    fputs("$obs using 1:2 with lines lw 2 lc rgb '#000000' notitle", out);
    NEXT();
    fputs("$obs using 1:3 with points pt 7 ps 1.2 lc rgb '#000000' title ", out);
    q(out, d->obs_label ? d->obs_label : tr(st, "waargenomen", "observed"));
    if (any_provisional(&x, 1)) {
        NEXT();
        fputs("$obs using 1:4 with points pt 6 ps 1.4 lw 2 lc rgb '#000000' title ", out);
        q(out, tr(st, "voorlopig", "provisional"));
    }
    if (has_target) {
        NEXT();
        fputs("$target using 1:2 with points pt 3 ps 2.5 lw 2 lc rgb '#b2182b' title ", out);
        char lab[512], num[96];
        tb_plot_target_text(num, sizeof num, d->target_value, d->target_bound,
                            d->target_counts, d->target_unit, st->lang);
        snprintf(lab, sizeof lab, "%s %d: %s",
                 d->target_label ? d->target_label : tr(st, "doel", "target"),
                 d->target_year, num);
        q(out, lab);
    }
    if (has_stated) {
        NEXT();
        fputs("$stated using 1:2 with points pt 12 ps 2.0 lw 2 lc rgb '#7b3294' title ", out);
        char lab[512], num[96];
        tb_plot_target_text(num, sizeof num, *d->stated_value, d->target_bound,
                            d->target_counts, d->target_unit, st->lang);
        snprintf(lab, sizeof lab, "%s %d: %s", tr(st, "beleidstekst", "policy text"),
                 d->target_year, num);
        q(out, lab);
    }
#undef NEXT
    fputs("\n", out);
    return finish(out, err);
}

/* ---- (3) index lines --------------------------------------------------- */

static void line_style(FILE *out, size_t j, size_t n)
{
    fprintf(out, "set linetype %zu lc rgb '#%06x' lw 2 dt %zu pt %d ps 1.0\n",
            j + 1, colour(j, n), j % 5 + 1, pt_filled[j % 6]);
}

tb_status tb_plot_index(FILE *out, const tb_plot_style *st, const char *title,
                        const tb_series *const *series, size_t n,
                        const char *const *labels, int base_year,
                        tb_error *err)
{
    tb_plot_style def;
    if (!st) {
        tb_plot_style_init(&def);
        st = &def;
    }
    tb_status rc = check_series(series, n, err);
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
    year_span(series, n, &y0, &y1);
    numbuf nb = {.i = 0};
    header(out, st, "index lines, base year = 100", title, series, n, labels);

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
            int p = provisional(series[i], y);
            fprintf(out, " %s %s %s", cn(&nb, v), cn(&nb, p ? NAN : v),
                    cn(&nb, p ? v : NAN));
            if (!isnan(v)) {
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
        }
        fputc('\n', out);
    }
    fputs("EOD\n\n", out);
    fputs("\n", out);
    title_line(out, title);
    fputs("set ylabel ", out);
    char yl[128];
    snprintf(yl, sizeof yl, "index (%d = 100)", base_year);
    q(out, st->ylabel ? st->ylabel : yl);
    fprintf(out, "\nset xrange [%s:%s]\n", cn(&nb, y0 - 0.3), cn(&nb, y1 + 0.3));
    int span = y1 - y0 + 1;
    xtics_years(out, series, n, y0, y1, span > 24 ? 5 : span > 12 ? 2 : 1, 0);
    yaxis(out, st, lo, hi, 0.03);
    fputs("set arrow 1 from graph 0, first 100 to graph 1, first 100 nohead "
          "lc rgb '#888888' dt 2\n", out);
    /* Many series: one legend column to the right instead of rows below. */
    source_line(out, st, series[0], NULL);
    size_t entries = n + (size_t)any_provisional(series, n);
    if (n > 5) {
        fputs("set key outside right top vertical Left reverse\n", out);
        bottom_layout(out, st, 0, 1);
    } else {
        bottom_layout(out, st, entries, 3);
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
        q(out, label_of(labels, series, j));
    }
    if (any_provisional(series, n)) {
        for (size_t j = 0; j < n; j++)
            fprintf(out, ", \\\n     $d using 1:%zu with points pt %d ps 1.6 lw 2 "
                         "lc rgb '#%06x' notitle",
                    3 * j + 4, pt_open[j % 6], colour(j, n));
        fputs(", \\\n     NaN with points pt 6 ps 1.6 lw 2 lc rgb '#000000' title ", out);
        q(out, tr(st, "voorlopig", "provisional"));
    }
    fputs("\n", out);
    return finish(out, err);
}

/* ---- (4) small multiples ------------------------------------------------ */

tb_status tb_plot_small_multiples(FILE *out, const tb_plot_style *st,
                                  const char *title,
                                  const tb_series *const *series, size_t n,
                                  const char *const *labels, tb_error *err)
{
    tb_plot_style def;
    if (!st) {
        tb_plot_style_init(&def);
        st = &def;
    }
    tb_status rc = check_series(series, n, err);
    if (rc)
        return rc;
    int y0, y1;
    if (!year_span(series, n, &y0, &y1))
        return tb_error_set(err, TB_EDATA, NULL, 0, 0,
                            "no values to draw in '%s': every year is missing",
                            title ? title : "");
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
    header(out, st, "small multiples, one panel per series", title, series, n,
           labels);
    fputs("\n$d << EOD\n# year, then per series: value, value if final, "
          "value if provisional\n", out);
    for (int y = y0; y <= y1; y++) {
        fprintf(out, "%d", y);
        for (size_t i = 0; i < n; i++) {
            double v = tb_series_get(series[i], y);
            int p = provisional(series[i], y);
            fprintf(out, " %s %s %s", cn(&nb, v), cn(&nb, p ? NAN : v),
                    cn(&nb, p ? v : NAN));
        }
        fputc('\n', out);
    }
    fputs("EOD\n\n", out);

    int prov = any_provisional(series, n);
    fputs("unset key\nunset grid\nset grid ytics lc rgb '#e5e5e5'\n", out);
    fprintf(out, "set xrange [%s:%s]\n", cn(&nb, y0 - 0.5), cn(&nb, y1 + 0.5));
    fprintf(out, "set xtics (");
    fprintf(out, "'%d' %d, '%d%s' %d", y0, y0, y1, prov ? "*" : "", y1);
    fputs(") font ',8'\n", out);
    /* Leave room at the bottom for the source line. */
    fprintf(out, "set multiplot layout %zu,%zu title ", rows, cols);
    q(out, title);
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
        q(out, label_of(labels, series, j));
        fputs(" font ',10' offset 0,-0.5\n", out);
        yaxis(out, st, lo, hi, 0.05);
        fputs("set ytics font ',8'\n", out);
        if (j + 1 == n) {
            source_line(out, st, series[0],
                        prov ? tr(st, "open symbool = voorlopig",
                                  "open symbol = provisional")
                             : NULL);
        }
        unsigned c = colour(0, 1);
        fprintf(out, "plot $d using 1:%zu with lines lw 2 lc rgb '#%06x', "
                     "$d using 1:%zu with points pt 7 ps 0.6 lc rgb '#%06x'",
                3 * j + 2, c, 3 * j + 3, c);
        if (prov)
            fprintf(out, ", $d using 1:%zu with points pt 6 ps 1.0 lw 1.5 "
                         "lc rgb '#%06x'", 3 * j + 4, c);
        fputs("\n", out);
    }
    fputs("unset multiplot\n", out);
    return finish(out, err);
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

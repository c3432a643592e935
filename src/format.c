/* Number notation for readers (Dutch or English) and for machines (C). */
#include "trendbeeld/format.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int tb_lang_parse(const char *s)
{
    if (!s)
        return -1;
    if (!strcasecmp(s, "nl"))
        return TB_LANG_NL;
    if (!strcasecmp(s, "en"))
        return TB_LANG_EN;
    return -1;
}

/* Append TEXT to BUF at *LEN, keeping the snprintf contract. */
static void put(char *buf, size_t n, size_t *len, const char *text)
{
    size_t k = strlen(text);
    if (n > 0 && *len < n - 1) {
        size_t room = n - 1 - *len;
        memcpy(buf + *len, text, k < room ? k : room);
        buf[*len + (k < room ? k : room)] = '\0';
    }
    *len += k;
}

double tb_fmt_round(double v, int decimals)
{
    if (!isfinite(v))
        return v;
    double p = pow(10.0, decimals);
    return round(v * p) / p;
}

size_t tb_fmt_num(char *buf, size_t n, double v, int decimals, tb_lang lang)
{
    size_t len = 0;
    if (n > 0)
        buf[0] = '\0';
    if (isnan(v)) {
        put(buf, n, &len, TB_FMT_MISSING);
        return len;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    if (isinf(v)) {
        put(buf, n, &len, v < 0 ? TB_FMT_MINUS "∞" : "∞");
        return len;
    }
    /* m = |v| 10^d rounded half away from zero; its digits are exact while
     * m < 2^53, beyond that the figure has no meaningful last digits. */
    double m = round(fabs(v) * pow(10.0, decimals));
    char digits[400];
    snprintf(digits, sizeof digits, "%.0f", m);
    size_t nd = strlen(digits);
    char padded[420];
    if (nd <= (size_t)decimals) { /* 0,05: pad to d + 1 digits */
        size_t z = (size_t)decimals + 1 - nd;
        memset(padded, '0', z);
        memcpy(padded + z, digits, nd + 1);
    } else {
        memcpy(padded, digits, nd + 1);
    }
    size_t np = strlen(padded), nint = np - (size_t)decimals;
    const char *group = lang == TB_LANG_EN ? "," : ".";
    const char *point = lang == TB_LANG_EN ? "." : ",";
    if (v < 0 && m > 0)
        put(buf, n, &len, TB_FMT_MINUS);
    for (size_t i = 0; i < nint; i++) {
        char c[2] = {padded[i], '\0'};
        put(buf, n, &len, c);
        size_t left = nint - 1 - i;
        if (left > 0 && left % 3 == 0)
            put(buf, n, &len, group);
    }
    if (decimals > 0) {
        put(buf, n, &len, point);
        put(buf, n, &len, padded + nint);
    }
    return len;
}

size_t tb_fmt_int(char *buf, size_t n, double v, tb_lang lang)
{
    return tb_fmt_num(buf, n, v, 0, lang);
}

size_t tb_fmt_pct(char *buf, size_t n, double pct, int decimals, tb_lang lang)
{
    size_t len = tb_fmt_num(buf, n, pct, decimals, lang);
    if (isnan(pct))
        return len;
    put(buf, n, &len, "%");
    return len;
}

size_t tb_fmt_frac_pct(char *buf, size_t n, double frac, int decimals,
                       tb_lang lang)
{
    return tb_fmt_pct(buf, n, frac * 100.0, decimals, lang);
}

size_t tb_fmt_change_pct(char *buf, size_t n, double pct, int decimals,
                         tb_lang lang)
{
    if (isnan(pct) || tb_fmt_round(pct, decimals) <= 0 || isinf(pct))
        return tb_fmt_pct(buf, n, pct, decimals, lang);
    size_t len = 0;
    if (n > 0)
        buf[0] = '\0';
    put(buf, n, &len, "+");
    char tmp[128];
    tb_fmt_pct(tmp, sizeof tmp, pct, decimals, lang);
    put(buf, n, &len, tmp);
    return len;
}

size_t tb_fmt_c(char *buf, size_t n, double v)
{
    size_t len = 0;
    if (n > 0)
        buf[0] = '\0';
    if (isnan(v)) {
        put(buf, n, &len, "NaN");
        return len;
    }
    if (isinf(v)) {
        put(buf, n, &len, v < 0 ? "-Inf" : "Inf");
        return len;
    }
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.10g", v);
    /* The process locale may write the decimal sign as "," (nl_NL): the
     * only characters %g writes besides digits, sign and exponent are that
     * sign, so replacing it gives the C notation. */
    const char *dp = localeconv()->decimal_point;
    size_t dpl = dp ? strlen(dp) : 0;
    if (dpl == 0 || (dpl == 1 && dp[0] == '.')) {
        put(buf, n, &len, tmp);
        return len;
    }
    for (const char *p = tmp; *p;) {
        if (!strncmp(p, dp, dpl)) {
            put(buf, n, &len, ".");
            p += dpl;
        } else {
            char c[2] = {*p++, '\0'};
            put(buf, n, &len, c);
        }
    }
    return len;
}

void tb_csv_field(FILE *f, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

double tb_count_bound(double v, tb_meet side)
{
    return side == TB_MEET_AT_MOST ? floor(v + 1e-9) : ceil(v - 1e-9);
}

/* Cells and column names: numbers, missing markers, periods, measures and
 * the role of a header name. */
#include "trendbeeld/load.h"
#include "load_priv.h"
#include "trendbeeld/measure.h"
#include "trendbeeld/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t load_trim(const char *s, char *buf, size_t n)
{
    size_t len = strlen(s);
    const char *t = tb_text_trim(s, &len);
    if (len >= n)
        len = n - 1;
    memcpy(buf, t, len);
    buf[len] = '\0';
    return len;
}

void load_excerpt(const char *s, char *buf, size_t n)
{
    size_t len = strlen(s), o = 0;
    const char *p = tb_text_trim(s, &len);
    /* the output is never longer than the input ('?' replaces a character
     * that cannot be shown), so it fits whole when len < n; else keep room
     * for "..." */
    size_t limit = len < n ? len : n - 4;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t c = tb_utf8_char(p + i, len - i, &cp);
        int shown = c != 0 && cp >= 0x20 && !(cp >= 0x7F && cp <= 0x9F);
        if (c == 0)
            c = 1;
        if (o + (shown ? c : 1) > limit) {
            snprintf(buf + o, n - o, "...");
            return;
        }
        if (!shown)
            buf[o++] = '?';
        else {
            memcpy(buf + o, p + i, c);
            o += c;
        }
        i += c;
    }
    buf[o] = '\0';
}

void load_lower(const char *s, char *buf, size_t n)
{
    load_trim(s, buf, n);
    for (char *q = buf; *q; q++)
        *q = (char)tolower((unsigned char)*q);
}

int tb_load_is_missing(const char *text)
{
    char t[16];
    if (!text)
        return 1;
    if (strlen(text) > 64)
        return 0;
    load_trim(text, t, sizeof t);
    return !t[0] || !strcmp(t, ".") || !strcmp(t, "x") || !strcmp(t, "X") ||
           !strcmp(t, "?");
}

int load_looks_numeric(const char *s)
{
    return tb_number_shape_of(s) != TB_SHAPE_NONE;
}

int load_has_number(const load_rec *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (load_looks_numeric(r->f[i]))
            return 1;
    return 0;
}

static const char *const month_names[12] = {
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december"};

static int read_digits(const char *p, int n, int *out)
{
    int v = 0;
    for (int k = 0; k < n; k++) {
        if (!isdigit((unsigned char)p[k]))
            return 0;
        v = 10 * v + (p[k] - '0');
    }
    *out = v;
    return 1;
}

int tb_load_parse_period(const char *text, tb_period *p)
{
    char t[64];
    if (!text || strlen(text) >= sizeof t)
        return 0;
    load_trim(text, t, sizeof t);
    memset(p, 0, sizeof *p);
    p->per_year = 1;
    size_t len = strlen(t);
    /* a trailing "*" (possibly after a space) marks a provisional figure */
    if (len && t[len - 1] == '*') {
        p->provisional = 1;
        t[--len] = '\0';
        while (len && t[len - 1] == ' ')
            t[--len] = '\0';
    }
    if (len < 4 || !read_digits(t, 4, &p->year))
        return 0;
    const char *r = t + 4;
    int a, b;
    if (!*r)
        return 1;
    if (!strcmp(r, "JJ00"))
        return 1;
    if (len == 8 && !strncmp(r, "MM", 2) && read_digits(r + 2, 2, &a) &&
        a >= 1 && a <= 12) {
        p->sub = a;
        p->per_year = 12;
        return 1;
    }
    if (len == 8 && !strncmp(r, "KW", 2) && read_digits(r + 2, 2, &a) &&
        a >= 1 && a <= 4) {
        p->sub = a;
        p->per_year = 4;
        return 1;
    }
    if ((len == 7 || len == 10) && r[0] == '-' && read_digits(r + 1, 2, &a) &&
        a >= 1 && a <= 12) {
        /* a day that month has (2013-02-30 is no date) */
        static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int leap = (p->year % 4 == 0 && p->year % 100 != 0) || p->year % 400 == 0;
        if (len == 10 && !(r[3] == '-' && read_digits(r + 4, 2, &b) && b >= 1 &&
                           b <= days[a - 1] - (a == 2 && !leap)))
            return 0;
        p->sub = a;
        p->per_year = 12;
        return 1;
    }
    if (r[0] == ' ') {
        char m[32];
        load_lower(r + 1, m, sizeof m);
        for (int k = 0; k < 12; k++)
            if (!strcmp(m, month_names[k])) {
                p->sub = k + 1;
                p->per_year = 12;
                return 1;
            }
    }
    return 0;
}

int load_period_in_range(const char *s, tb_period *p)
{
    return tb_load_parse_period(s, p) && p->year >= TB_YEAR_MIN &&
           p->year <= TB_YEAR_MAX;
}

static const struct {
    const char *key;
    load_role role;
} roles[] = {
    {"region", COL_REGION}, {"regio", COL_REGION}, {"regios", COL_REGION},
    {"gemeente", COL_REGION}, {"gemeentenaam", COL_REGION}, {"gebied", COL_REGION},
    {"area", COL_REGION}, {"wijkenenbuurten", COL_REGION},
    {"indicator", COL_INDICATOR}, {"soort", COL_INDICATOR},
    {"soortmisdrijf", COL_INDICATOR}, {"misdrijf", COL_INDICATOR},
    {"soortdiefstal", COL_INDICATOR}, {"soortoverlast", COL_INDICATOR},
    {"incidenttypecode", COL_INDICATOR}, {"crimetypecode", COL_INDICATOR},
    {"incidenttype", COL_INDICATOR}, {"crimetype", COL_INDICATOR},
    {"offence", COL_INDICATOR}, {"offense", COL_INDICATOR},
    {"category", COL_INDICATOR}, {"categorie", COL_INDICATOR},
    {"delict", COL_INDICATOR},
    {"measure", COL_MEASURE}, {"maat", COL_MEASURE}, {"onderwerp", COL_MEASURE},
    {"onderwerpen", COL_MEASURE},
    {"year", COL_YEAR}, {"jaar", COL_YEAR}, {"jaren", COL_YEAR},
    {"perioden", COL_YEAR}, {"periode", COL_YEAR}, {"period", COL_YEAR},
    {"date", COL_YEAR}, {"datum", COL_YEAR}, {"maand", COL_YEAR},
    {"month", COL_YEAR},
    {"value", COL_VALUE}, {"waarde", COL_VALUE}, {"aantal", COL_VALUE},
    {"count", COL_VALUE}, {"frequency", COL_VALUE}, {"incidentcount", COL_VALUE},
    {"number", COL_VALUE}, {"n", COL_VALUE},
    {"note", COL_NOTE}, {"notes", COL_NOTE}, {"opmerking", COL_NOTE},
    {"toelichting", COL_NOTE}, {"notitie", COL_NOTE},
    {"bron", COL_SOURCE}, {"source", COL_SOURCE},
    {"status", COL_STATUS},
    {"id", COL_ID},
};

load_role load_role_of(const char *name, const char **measure)
{
    char k[256], low[256];
    *measure = NULL;
    tb_label_key(name, k, sizeof k);
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (!strcmp(k, roles[i].key))
            return roles[i].role;
    load_lower(name, low, sizeof low);
    /* derived totals next to the values ("total_incident_count") */
    if (!strncmp(low, "total_", 6) || !strncmp(low, "totaal_", 7))
        return COL_DERIVED;
    const char *m = tb_measure_name(name);
    if (m) {
        *measure = m;
        return COL_MEASURED;
    }
    return COL_UNKNOWN;
}

/* ---- helpers of every part ------------------------------------------------ */

int load_fail(load_ctx *c, tb_status code, long line, long col, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (len >= (int)sizeof msg) {
        /* cut: end the message after its last whole character */
        size_t i = 0, ok = 0, k;
        unsigned cp;
        while ((k = tb_utf8_char(msg + i, strlen(msg + i), &cp)) != 0) {
            i += k;
            ok = i;
        }
        msg[ok] = '\0';
    }
    if (c->status == TB_OK)
        c->status = tb_error_set(c->err, code, c->path, line, col, "%s", msg);
    return -1;
}

const char *load_intern_trim(load_ctx *c, const char *s)
{
    char t[512];
    size_t n = strlen(s) + 1;
    if (n <= sizeof t) {
        load_trim(s, t, sizeof t);
        return tb_store_intern(c->s, t);
    }
    char *u = malloc(n);
    if (!u)
        return NULL;
    load_trim(s, u, n);
    const char *r = tb_store_intern(c->s, u);
    free(u);
    return r;
}

const char *load_measure_of(load_ctx *c, const char *label)
{
    const char *m = tb_measure_name(label);
    if (m)
        return tb_store_intern(c->s, m);
    char t[256];
    load_trim(label, t, sizeof t);
    char *p = t;
    while (*p == '|')
        p++;
    return tb_store_intern(c->s, p);
}

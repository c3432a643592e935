/* Numbers as analysts write them (see number.h). */
#include "trendbeeld/number.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trendbeeld/store.h" /* TB_YEAR_MIN, TB_YEAR_MAX */
#include "trendbeeld/text.h"

int tb_decimal_parse(const char *name)
{
    if (name && !strcmp(name, "comma"))
        return TB_DECIMAL_COMMA;
    if (name && !strcmp(name, "point"))
        return TB_DECIMAL_POINT;
    return -1;
}

/* 1 when T is a number with decimal separator DEC and thousands
 * separator GROUP: digits with an optional sign, GROUP only between
 * groups of three digits before DEC (the first group 1-3 digits, not
 * starting with 0), and an exponent only without GROUP (and after a
 * decimal point, not a decimal comma). */
static int shape(const char *t, char dec, char group)
{
    const char *p = t;
    if (*p == '-' || *p == '+')
        p++;
    const char *first = p;
    int digits = 0, seen_dec = 0, grouped = 0, since_group = -1;
    for (; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            digits++;
            if (since_group >= 0)
                since_group++;
        } else if (*p == dec && !seen_dec) {
            if (since_group >= 0 && since_group != 3)
                return 0;
            seen_dec = 1;
            since_group = -1;
        } else if (*p == group && !seen_dec) {
            if (since_group >= 0 && since_group != 3)
                return 0;
            if (since_group < 0 && (digits == 0 || digits > 3 || *first == '0'))
                return 0;
            since_group = 0;
            grouped = 1;
        } else if ((*p == 'e' || *p == 'E') && digits && !grouped) {
            /* exponent: 1.5e+06 as written by some exports */
            p++;
            if (*p == '-' || *p == '+')
                p++;
            if (!isdigit((unsigned char)*p))
                return 0;
            while (isdigit((unsigned char)*p))
                p++;
            return *p == '\0' && (dec == '.' || !seen_dec);
        } else {
            return 0;
        }
    }
    if (since_group >= 0 && since_group != 3)
        return 0;
    return digits > 0;
}

/* T read with separators DEC and GROUP; 0 when T has not that shape. */
static int read_as(const char *t, char dec, char group, double *out)
{
    char u[128];
    if (strlen(t) >= sizeof u || !shape(t, dec, group))
        return 0;
    size_t k = 0;
    for (const char *p = t; *p; p++)
        if (*p != group)
            u[k++] = *p == dec ? '.' : *p;
    u[k] = '\0';
    errno = 0;
    char *end;
    double v = strtod(u, &end);
    if (*end || errno == ERANGE)
        return 0;
    *out = v;
    return 1;
}

/* TEXT trimmed into BUF; 0 when it does not fit or is empty. */
static int trimmed(const char *text, char *buf, size_t n)
{
    size_t len = text ? strlen(text) : 0;
    const char *t = text ? tb_text_trim(text, &len) : "";
    if (len == 0 || len >= n)
        return 0;
    memcpy(buf, t, len);
    buf[len] = '\0';
    return 1;
}

/* Both readings of TEXT; returns its shape. */
static tb_number_shape readings(const char *text, double *point, double *comma)
{
    char t[128];
    if (!trimmed(text, t, sizeof t))
        return TB_SHAPE_NONE;
    int p = read_as(t, '.', ',', point), c = read_as(t, ',', '.', comma);
    if (p && c)
        return *point == *comma ? TB_SHAPE_PLAIN : TB_SHAPE_EITHER;
    return p ? TB_SHAPE_POINT : c ? TB_SHAPE_COMMA : TB_SHAPE_NONE;
}

tb_number_shape tb_number_shape_of(const char *text)
{
    double p, c;
    return readings(text, &p, &c);
}

int tb_number_parse(const char *text, tb_decimal d, double *out)
{
    double p, c;
    tb_number_shape s = readings(text, &p, &c);
    if (s == TB_SHAPE_NONE)
        return 0;
    if (d == TB_DECIMAL_POINT && s != TB_SHAPE_COMMA)
        *out = p;
    else if (d == TB_DECIMAL_COMMA && s != TB_SHAPE_POINT)
        *out = c;
    else if (d == TB_DECIMAL_AUTO && s != TB_SHAPE_EITHER)
        *out = s == TB_SHAPE_COMMA ? c : p;
    else
        return 0;
    return 1;
}

void tb_notation_init(tb_notation *n, tb_decimal given, char delimiter)
{
    memset(n, 0, sizeof *n);
    n->decimal = given;
    n->given = given != TB_DECIMAL_AUTO;
    n->lean_comma = delimiter == ';';
}

/* Remember TEXT on LINE as what set the file's reading. */
static void remember(tb_notation *n, const char *text, long line, int by_guess)
{
    char t[128];
    if (!trimmed(text, t, sizeof t))
        t[0] = '\0';
    snprintf(n->text, sizeof n->text, "%.*s", (int)sizeof n->text - 1, t);
    n->line = line;
    n->by_guess = by_guess;
}

void tb_notation_sample(tb_notation *n, const char *text, long line)
{
    tb_number_shape s = tb_number_shape_of(text);
    if (n->given || n->mixed || (s != TB_SHAPE_POINT && s != TB_SHAPE_COMMA))
        return;
    tb_decimal d = s == TB_SHAPE_POINT ? TB_DECIMAL_POINT : TB_DECIMAL_COMMA;
    if (n->decimal == TB_DECIMAL_AUTO) {
        n->decimal = d;
        remember(n, text, line, 0);
    } else if (n->decimal != d) {
        /* the sample shows both: the values decide, and the later one fails */
        n->decimal = TB_DECIMAL_AUTO;
        n->mixed = 1;
    }
}

static const char *notation_name(tb_decimal d)
{
    return d == TB_DECIMAL_COMMA ? "decimal commas" : "decimal points";
}

tb_num_result tb_notation_read(tb_notation *n, const char *text, int count, long line,
                               double *out, char *msg, size_t mn)
{
    double p, c;
    tb_number_shape s = readings(text, &p, &c);
    char t[40];
    snprintf(t, sizeof t, "%s", n->text);
    switch (s) {
    case TB_SHAPE_NONE:
        return TB_NUM_NOT_NUMBER;
    case TB_SHAPE_PLAIN:
        *out = p;
        return TB_NUM_OK;
    case TB_SHAPE_POINT:
    case TB_SHAPE_COMMA: {
        tb_decimal d = s == TB_SHAPE_POINT ? TB_DECIMAL_POINT : TB_DECIMAL_COMMA;
        if (n->given && n->decimal != d)
            return TB_NUM_NOT_NUMBER;
        if (n->decimal != TB_DECIMAL_AUTO && n->decimal != d) {
            char how[64];
            if (n->by_guess)
                snprintf(how, sizeof how, "was read with '%c' grouping thousands",
                         strchr(t, ',') ? ',' : '.');
            else
                snprintf(how, sizeof how, "has %s", notation_name(n->decimal));
            snprintf(msg, mn, "this value has %s, but '%s' on line %ld %s; expected one "
                     "notation in a file (or --decimal comma|point to settle it)",
                     notation_name(d), t, n->line, how);
            return TB_NUM_CONFLICT;
        }
        if (n->decimal == TB_DECIMAL_AUTO)
            remember(n, text, line, 0);
        n->decimal = d;
        *out = s == TB_SHAPE_POINT ? p : c;
        return TB_NUM_OK;
    }
    case TB_SHAPE_EITHER:
        break;
    }
    /* a value that reads two ways: "1.368" (1368, or 1,368 with a decimal
     * point) or "1,368" (1368, or 1,368 with a decimal comma) */
    int point_groups = strchr(text, ',') != NULL;
    double grouped = point_groups ? p : c, fraction = point_groups ? c : p;
    if (n->decimal != TB_DECIMAL_AUTO) {
        *out = n->decimal == TB_DECIMAL_POINT ? p : c;
        if (count && *out == fraction) {
            snprintf(msg, mn, "a count has no fractions, but in a file with %s this "
                     "reads %.15g; expected %.15g written without separators (or "
                     "--decimal %s if the file groups thousands with '%c')",
                     notation_name(n->decimal), fraction, grouped,
                     n->decimal == TB_DECIMAL_POINT ? "comma" : "point",
                     point_groups ? ',' : '.');
            return TB_NUM_CONFLICT;
        }
        return TB_NUM_OK;
    }
    if (count || (n->lean_comma && !point_groups)) {
        /* the thousands reading; the file's notation follows from it */
        n->decimal = point_groups ? TB_DECIMAL_POINT : TB_DECIMAL_COMMA;
        remember(n, text, line, 1);
        *out = grouped;
        return TB_NUM_OK;
    }
    snprintf(msg, mn, "this value reads as %.15g ('%c' grouping thousands) or as %.15g "
             "(a decimal '%c'), and the file shows neither notation before it; expected "
             "--decimal comma or --decimal point to settle it",
             grouped, point_groups ? ',' : '.', fraction, point_groups ? ',' : '.');
    return TB_NUM_AMBIGUOUS;
}

int tb_parse_year(const char *s, int *y)
{
    char *end;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || end == s || *end || errno || v < TB_YEAR_MIN || v > TB_YEAR_MAX)
        return 0;
    *y = (int)v;
    return 1;
}

int tb_parse_real(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = s ? strtod(s, &end) : 0;
    if (!s || end == s || *end || errno)
        return 0;
    *out = v;
    return 1;
}

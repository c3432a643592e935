/* Errors and the warning list. */
#include "trendbeeld/error.h"
#include "grow.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void format_place(char *buf, size_t n, const char *file, long line,
                         long column)
{
    buf[0] = '\0';
    if (file && *file) {
        if (line > 0 && column > 0)
            snprintf(buf, n, "%s:%ld:%ld: ", file, line, column);
        else if (line > 0)
            snprintf(buf, n, "%s:%ld: ", file, line);
        else
            snprintf(buf, n, "%s: ", file);
    }
}

tb_status tb_error_set(tb_error *err, tb_status code, const char *file,
                       long line, long column, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

void tb_error_format(const tb_error *err, char *buf, size_t n)
{
    char place[600];
    if (n == 0)
        return;
    format_place(place, sizeof place, err->file, err->line, err->column);
    snprintf(buf, n, "%s%s", place, err->msg);
}

struct tb_diag {
    char **msg;
    size_t n, cap;
};

tb_diag *tb_diag_new(void)
{
    return calloc(1, sizeof(tb_diag));
}

void tb_diag_free(tb_diag *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->msg[i]);
    free(d->msg);
    free(d);
}

void tb_diag_add(tb_diag *d, const char *file, long line, long column,
                 const char *fmt, ...)
{
    if (!d)
        return;
    if (TB_GROW(d->msg, d->cap, d->n + 1, 16) != 0)
        return;
    char place[600], text[1024];
    format_place(place, sizeof place, file, line, column);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    size_t len = strlen(place) + strlen(text) + 1;
    char *s = malloc(len);
    if (!s)
        return;
    snprintf(s, len, "%s%s", place, text);
    d->msg[d->n++] = s;
}

size_t tb_diag_count(const tb_diag *d)
{
    return d ? d->n : 0;
}

const char *tb_diag_get(const tb_diag *d, size_t i)
{
    return d && i < d->n ? d->msg[i] : NULL;
}

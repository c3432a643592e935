/* trendbeeld — errors and diagnostics.
 *
 * The library never prints and never exits.  A function that can fail
 * returns a tb_status and fills a tb_error with the place (file, line,
 * column; 0 where unknown) and a message that says what was wrong and
 * what was expected.  Warnings that do not stop the work are collected in
 * a tb_diag, which the caller owns and prints.
 */
#ifndef TRENDBEELD_ERROR_H
#define TRENDBEELD_ERROR_H

#include <stddef.h>

typedef enum {
    TB_OK = 0,
    TB_EIO,      /* file cannot be opened or read */
    TB_EPARSE,   /* malformed input: quotes, ragged rows, bad numbers */
    TB_EDATA,    /* well-formed but wrong: duplicates, negative counts */
    TB_EINVAL,   /* bad argument or option */
    TB_ENOMEM,
    TB_EMODEL    /* a model cannot be fitted to this series */
} tb_status;

typedef struct {
    tb_status code;
    char file[512];
    long line;     /* 1-based; 0 = not tied to a line */
    long column;   /* 1-based field or byte column; 0 = whole line */
    char msg[768];
} tb_error;

/* Fill ERR (if not NULL) and return CODE. */
tb_status tb_error_set(tb_error *err, tb_status code, const char *file,
                       long line, long column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* "FILE:LINE:COLUMN: message" (parts that are unknown are left out).
 * Writes at most N bytes to BUF, always NUL-terminated. */
void tb_error_format(const tb_error *err, char *buf, size_t n);

/* A growing list of formatted warnings ("FILE:LINE:COLUMN: text"). */
typedef struct tb_diag tb_diag;

tb_diag *tb_diag_new(void);
void tb_diag_free(tb_diag *d); /* NULL is a no-op */
void tb_diag_add(tb_diag *d, const char *file, long line, long column,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
size_t tb_diag_count(const tb_diag *d);
const char *tb_diag_get(const tb_diag *d, size_t i); /* owned by D */

#endif

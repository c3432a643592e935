/* Shared parts of the fuzz harnesses: the input as a file, and the
 * properties every successful load must have. */
#ifndef TRENDBEELD_FUZZ_COMMON_H
#define TRENDBEELD_FUZZ_COMMON_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "trendbeeld/load.h"
#include "trendbeeld/store.h"
#include "../utf8_table.h"

/* Loaders take a path: the input goes to an anonymous in-memory file that
 * is read through /proc/self/fd (no disk traffic, nothing left behind). */
static inline int fuzz_memfile(const void *a, size_t na, const void *b, size_t nb,
                        char *path, size_t n)
{
    int fd = memfd_create("fuzz", 0);
    if (fd < 0) {
        perror("memfd_create");
        abort();
    }
    if ((na && write(fd, a, na) != (ssize_t)na) ||
        (nb && write(fd, b, nb) != (ssize_t)nb)) {
        perror("write");
        abort();
    }
    snprintf(path, n, "/proc/self/fd/%d", fd);
    return fd;
}

/* Keys and messages are well-formed UTF-8 (the independent oracle of
 * tests/utf8_table.h). */
static inline int fuzz_utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t len = utf8_table_3_7(p, strlen((const char *)p));
        if (!len)
            return 0;
        p += len;
    }
    return 1;
}

/* ... and hold no character that text.h keeps out of a field (C0
 * controls but tab and line ends, U+007F-U+009F, U+FEFF). */
static inline int fuzz_field_ok(const char *s)
{
    if (!fuzz_utf8_ok(s))
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7F ||
            (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) ||
            (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF))
            return 0;
    return 1;
}

#define FUZZ_CHECK(cond)                                                     \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__,        \
                    __LINE__, #cond);                                        \
            abort();                                                         \
        }                                                                    \
    } while (0)

/* What a load promises: keys are valid UTF-8, years in range, values
 * finite and within 2^53 or missing (NaN with the flag), never NaN
 * without it. */
static inline void fuzz_check_store(const tb_store *s, tb_status st, const tb_error *err)
{
    if (st != TB_OK) {
        FUZZ_CHECK(err->msg[0] != '\0');
        FUZZ_CHECK(fuzz_utf8_ok(err->msg));
    }
    for (size_t i = 0; i < tb_store_size(s); i++) {
        const tb_series *x = tb_store_at(s, i);
        FUZZ_CHECK(x->region && x->indicator && x->measure);
        FUZZ_CHECK(fuzz_field_ok(x->region) && fuzz_field_ok(x->indicator) &&
                   fuzz_field_ok(x->measure));
        FUZZ_CHECK(x->n >= 1);
        FUZZ_CHECK(x->first_year >= TB_YEAR_MIN);
        FUZZ_CHECK(x->first_year + x->n - 1 <= TB_YEAR_MAX);
        for (int k = 0; k < x->n; k++) {
            double v = x->value[k];
            if (x->flags[k] & TB_FLAG_MISSING)
                FUZZ_CHECK(isnan(v));
            else
                FUZZ_CHECK(isfinite(v) && fabs(v) <= 9007199254740992.0);
        }
    }
}

#endif

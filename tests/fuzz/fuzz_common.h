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

static inline int fuzz_utf8_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int k;
        if (*p < 0x80) {
            p++;
            continue;
        } else if (*p >= 0xC2 && *p <= 0xDF)
            k = 1;
        else if (*p >= 0xE0 && *p <= 0xEF)
            k = 2;
        else if (*p >= 0xF0 && *p <= 0xF4)
            k = 3;
        else
            return 0;
        for (int j = 1; j <= k; j++)
            if ((p[j] & 0xC0) != 0x80)
                return 0;
        p += k + 1;
    }
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
        FUZZ_CHECK(fuzz_utf8_ok(x->region) && fuzz_utf8_ok(x->indicator) &&
                   fuzz_utf8_ok(x->measure));
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

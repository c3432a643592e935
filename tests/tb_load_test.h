/* Helpers of the loader tests (test_load.c, test_load_limits.c): load one
 * file into a fresh store, keeping its report, warnings and error, and read
 * one value back. */
#ifndef TB_LOAD_TEST_H
#define TB_LOAD_TEST_H

#include "tb_test.h"

#include <string.h>

#include "trendbeeld/load.h"

typedef struct {
    tb_store *s;
    tb_load_report rep;
    tb_error err;
    tb_diag *warn;
    tb_status st;
} loaded;

static inline void load_with(loaded *l, const char *path, const tb_load_options *o)
{
    l->s = tb_store_new();
    l->warn = tb_diag_new();
    memset(&l->err, 0, sizeof l->err);
    l->st = tb_load_file(l->s, path, o, &l->rep, l->warn, &l->err);
    if (l->st != TB_OK) {
        char buf[1400];
        tb_error_format(&l->err, buf, sizeof buf);
        print_message("load error: %s\n", buf);
    }
}

static inline void done(loaded *l)
{
    tb_store_free(l->s);
    tb_diag_free(l->warn);
}

static inline double val(const loaded *l, const char *r, const char *i,
                         const char *m, int year)
{
    const tb_series *x = tb_store_find(l->s, r, i, m);
    if (!x) {
        print_message("no series (%s, %s, %s)\n", r, i, m);
        return -12345;
    }
    return tb_series_get(x, year);
}

#endif

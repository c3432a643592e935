/* Shared test helpers: cmocka plus relative-tolerance comparisons in the
 * style of gsl_test_rel, and the paths of the reference material: the R
 * reference values and small real exports copied into tests/reference
 * (always there), and the big real exports in ../shared (optional). */
#ifndef TB_TEST_H
#define TB_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <cmocka.h>

/* |got - want| <= atol + rtol |want|; NaN equals NaN, Inf equals Inf. */
static inline int tb_close(double got, double want, double rtol, double atol)
{
    if (isnan(want))
        return isnan(got);
    if (isinf(want))
        return got == want;
    return fabs(got - want) <= atol + rtol * fabs(want);
}

#define assert_close(got, want, rtol)                                          \
    do {                                                                       \
        double g_ = (got), w_ = (want);                                        \
        if (!tb_close(g_, w_, (rtol), 0)) {                                    \
            print_error("%s = %.15g, expected %.15g (rtol %g)\n", #got, g_,    \
                        w_, (double)(rtol));                                   \
            fail();                                                            \
        }                                                                      \
    } while (0)

#define assert_exact(got, want) assert_close(got, want, 0)

/* The copies in the repository; tests run from its root.  README.md there
 * says where each file came from. */
#define TB_REFERENCE_DIR "tests/reference"

/* PATH of the R reference file NAME (fixtures.csv, reference.csv,
 * fit_status.csv). */
static inline const char *tb_reference_path(char *path, size_t len, const char *name)
{
    snprintf(path, len, "%s/%s", TB_REFERENCE_DIR, name);
    return path;
}

/* PATH of the copy of the real export REL, named as under data/real in
 * the shared folder (e.g. "bernasco-staat/RegioS.csv"). */
static inline const char *tb_real_path(char *path, size_t len, const char *rel)
{
    snprintf(path, len, "%s/real/%s", TB_REFERENCE_DIR, rel);
    return path;
}

/* The shared folder next to the project (override with TB_SHARED). */
static inline const char *tb_shared_dir(void)
{
    const char *d = getenv("TB_SHARED");
    return d && *d ? d : "../shared";
}

/* PATH of the big real export REL, found only in the shared folder;
 * returns 0 when that folder is not there (the caller skips). */
static inline int tb_shared_real_path(char *path, size_t len, const char *rel)
{
    struct stat st;
    snprintf(path, len, "%s/data/real", tb_shared_dir());
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return 0;
    snprintf(path, len, "%s/data/real/%s", tb_shared_dir(), rel);
    return 1;
}

/* Skip the running test, with a line that says why, when the shared
 * folder is absent: the checks on the big exports are optional. */
#define tb_skip_without_shared(rel)                                            \
    do {                                                                       \
        print_message("skipped: %s not found (needs data/real/%s)\n",         \
                      tb_shared_dir(), (rel));                                 \
        skip();                                                                \
    } while (0)

#endif

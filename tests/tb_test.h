/* Shared test helpers: cmocka plus relative-tolerance comparisons in the
 * style of gsl_test_rel, and paths to the shared reference material. */
#ifndef TB_TEST_H
#define TB_TEST_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The shared folder next to the project (override with TB_SHARED). */
static inline const char *tb_shared_dir(void)
{
    const char *d = getenv("TB_SHARED");
    return d && *d ? d : "../shared";
}

#endif

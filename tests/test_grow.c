/* The doubling growth of the library's arrays: the first size, the
 * sequence after it, NEED at or below the capacity, a NEED that skips
 * sizes, and sizes that would overflow (refused, nothing changed). */
#include "tb_test.h"

#include <stdint.h>
#include <string.h>

#include "../src/grow.h"

static void test_first_and_doubling(void **state)
{
    (void)state;
    double *v = NULL;
    size_t cap = 0;
    size_t want[] = {16, 16, 32, 32, 64, 128};
    size_t need[] = {1, 16, 17, 32, 33, 100};
    for (size_t i = 0; i < sizeof need / sizeof *need; i++) {
        assert_int_equal(TB_GROW(v, cap, need[i], 16), 0);
        assert_non_null(v);
        assert_int_equal(cap, want[i]);
        v[need[i] - 1] = (double)i; /* the room is there (the sanitizers check) */
    }
    free(v);
}

/* Elements already there survive a growth. */
static void test_keeps_elements(void **state)
{
    (void)state;
    int *v = NULL;
    size_t cap = 0, n = 0;
    for (int k = 0; k < 1000; k++) {
        assert_int_equal(TB_GROW(v, cap, n + 1, 4), 0);
        v[n++] = k;
    }
    assert_int_equal(cap, 1024);
    for (int k = 0; k < 1000; k++)
        assert_int_equal(v[k], k);
    free(v);
}

/* NEED within the capacity: the same array, untouched. */
static void test_no_op(void **state)
{
    (void)state;
    char *v = malloc(8);
    assert_non_null(v);
    char *was = v;
    size_t cap = 8;
    assert_int_equal(TB_GROW(v, cap, 8, 64), 0);
    assert_int_equal(TB_GROW(v, cap, 0, 64), 0);
    assert_ptr_equal(v, was);
    assert_int_equal(cap, 8);
    free(v);
}

/* No first size given: growth starts at one element. */
static void test_zero_first(void **state)
{
    (void)state;
    long *v = NULL;
    size_t cap = 0;
    assert_int_equal(TB_GROW(v, cap, 1, 0), 0);
    assert_int_equal(cap, 1);
    assert_int_equal(TB_GROW(v, cap, 3, 0), 0);
    assert_int_equal(cap, 4);
    free(v);
}

/* A size past SIZE_MAX bytes is refused before anything is allocated. */
static void test_overflow(void **state)
{
    (void)state;
    double *v = malloc(16 * sizeof *v);
    assert_non_null(v);
    double *was = v;
    size_t cap = 16;
    /* doubling reaches 2^61 elements of 8 bytes: 2^64 bytes */
    assert_int_equal(TB_GROW(v, cap, SIZE_MAX / sizeof *v + 1, 16), -1);
    assert_ptr_equal(v, was);
    assert_int_equal(cap, 16);
    /* doubling itself would overflow: the capacity jumps to NEED, whose
     * bytes still do not fit */
    cap = SIZE_MAX / 2 + 1;
    assert_int_equal(TB_GROW(v, cap, SIZE_MAX, 16), -1);
    assert_ptr_equal(v, was);
    assert_int_equal(cap, SIZE_MAX / 2 + 1);
    /* from nothing */
    double *none = NULL;
    size_t ncap = 0;
    assert_int_equal(TB_GROW(none, ncap, SIZE_MAX, 16), -1);
    assert_null(none);
    assert_int_equal(ncap, 0);
    free(v);
}

/* The function under the macro, for a pointer to any element type. */
static void test_function(void **state)
{
    (void)state;
    struct {
        char name[24];
        int year;
    } *v = NULL;
    size_t cap = 0;
    assert_int_equal(tb_grow_(&v, &cap, 3, sizeof *v, 2), 0);
    assert_int_equal(cap, 4);
    memset(v, 0, cap * sizeof *v);
    v[3].year = 2024;
    assert_int_equal(v[3].year, 2024);
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_and_doubling),
        cmocka_unit_test(test_keeps_elements),
        cmocka_unit_test(test_no_op),
        cmocka_unit_test(test_zero_first),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_function),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

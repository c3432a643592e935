/* The R reference set in tests/reference: fixtures.csv (the series)
 * and reference.csv (series_id, quantity, value).  load_reference() and
 * free_reference() are cmocka group setup/teardown; check() compares one
 * quantity and marks it used, so assert_all_used() can prove that no
 * reference value under a prefix went unchecked. */
#ifndef TB_REFERENCE_H
#define TB_REFERENCE_H

#include <string.h>

#include "tb_test.h"

typedef struct {
    char id[64];
    int n;
    int year[64];
    double y[64];
} ref_series;

typedef struct {
    char id[64];
    char q[96];
    double v;
    int used;
} ref_value;

static ref_series refs[64];
static size_t nrefs;
static ref_value *vals;
static size_t nvals;

static FILE *open_reference(const char *name)
{
    char path[512];
    tb_reference_path(path, sizeof path, name);
    FILE *f = fopen(path, "r");
    if (!f)
        fprintf(stderr, "cannot open %s\n", path);
    return f;
}

static int load_reference(void **state)
{
    (void)state;
    char line[512];
    FILE *f = open_reference("fixtures.csv");
    if (!f)
        return -1;
    fgets(line, sizeof line, f);
    while (fgets(line, sizeof line, f)) {
        char *id = strtok(line, ",\r\n"), *yr = strtok(NULL, ",\r\n"),
             *v = strtok(NULL, ",\r\n");
        if (!id || !yr || !v)
            continue;
        if (!nrefs || strcmp(refs[nrefs - 1].id, id)) {
            snprintf(refs[nrefs].id, sizeof refs[nrefs].id, "%s", id);
            nrefs++;
        }
        ref_series *s = &refs[nrefs - 1];
        s->year[s->n] = atoi(yr);
        s->y[s->n++] = strtod(v, NULL);
    }
    fclose(f);
    f = open_reference("reference.csv");
    if (!f)
        return -1;
    size_t cap = 8192;
    vals = calloc(cap, sizeof *vals);
    fgets(line, sizeof line, f);
    while (fgets(line, sizeof line, f)) {
        char *id = strtok(line, ",\r\n"), *q = strtok(NULL, ",\r\n"),
             *v = strtok(NULL, ",\r\n");
        if (!id || !q || !v || nvals == cap)
            continue;
        snprintf(vals[nvals].id, sizeof vals[nvals].id, "%s", id);
        snprintf(vals[nvals].q, sizeof vals[nvals].q, "%s", q);
        vals[nvals].v = strtod(v, NULL);
        nvals++;
    }
    fclose(f);
    return nrefs == 22 && nvals > 6000 ? 0 : -1;
}

static int free_reference(void **state)
{
    (void)state;
    free(vals);
    return 0;
}

static ref_value *ref_find(const char *id, const char *q)
{
    for (size_t i = 0; i < nvals; i++)
        if (!strcmp(vals[i].id, id) && !strcmp(vals[i].q, q))
            return &vals[i];
    return NULL;
}

/* Compare with |got - want| <= atol + rtol |want| and mark the reference
 * value as checked; returns 1 on a mismatch. */
static int check(const char *id, const char *q, double got, double rtol, double atol)
{
    ref_value *r = ref_find(id, q);
    if (!r) {
        fprintf(stderr, "%s %s: no reference value\n", id, q);
        return 1;
    }
    r->used = 1;
    if (!tb_close(got, r->v, rtol, atol)) {
        fprintf(stderr, "%s %s = %.15g, R gives %.15g\n", id, q, got, r->v);
        return 1;
    }
    return 0;
}

/* Every reference value whose quantity starts with PREFIX was checked. */
static void assert_all_used(const char *prefix)
{
    size_t n = 0, unused = 0;
    for (size_t i = 0; i < nvals; i++)
        if (!strncmp(vals[i].q, prefix, strlen(prefix))) {
            n++;
            if (!vals[i].used) {
                fprintf(stderr, "unchecked: %s %s\n", vals[i].id, vals[i].q);
                unused++;
            }
        }
    assert_true(n > 0);
    assert_int_equal(unused, 0);
}

#endif

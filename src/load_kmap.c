/* A small open-addressing hash map on (pointer, pointer, pointer, year):
 * the loader's parked monthly accumulators and canonical names. */
#include "load_priv.h"

#include <stdlib.h>
#include <string.h>

void *load_zalloc(size_t n)
{
    void *p = malloc(n);
    /* not calloc (the compiler turns malloc + memset into calloc) */
    if (p)
        explicit_bzero(p, n);
    return p;
}

load_kent *load_kmap_get(load_kmap *m, const void *a, const void *b,
                         const void *c, int year, int *created)
{
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 256;
        load_kent *e = load_zalloc(cap * sizeof *e);
        if (!e)
            return NULL;
        for (size_t k = 0; k < m->cap; k++) {
            if (!m->e[k].a)
                continue;
            size_t j = load_kmap_hash(m->e[k].a, m->e[k].b, m->e[k].c, m->e[k].year) &
                       (cap - 1);
            while (e[j].a)
                j = (j + 1) & (cap - 1);
            e[j] = m->e[k];
        }
        free(m->e);
        m->e = e;
        m->cap = cap;
    }
    size_t j = load_kmap_hash(a, b, c, year) & (m->cap - 1);
    while (m->e[j].a) {
        load_kent *x = &m->e[j];
        if (x->a == a && x->b == b && x->c == c && x->year == year) {
            *created = 0;
            return x;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->e[j] = (load_kent){a, b, c, year, -1, NULL};
    m->n++;
    *created = 1;
    return &m->e[j];
}

load_kent *load_kmap_find(const load_kmap *m, const void *a, const void *b,
                          const void *c, int year)
{
    if (!m->cap)
        return NULL;
    size_t j = load_kmap_hash(a, b, c, year) & (m->cap - 1);
    while (m->e[j].a) {
        load_kent *x = &m->e[j];
        if (x->a == a && x->b == b && x->c == c && x->year == year)
            return x;
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

void load_kmap_free(load_kmap *m)
{
    free(m->e);
    m->e = NULL;
    m->n = m->cap = 0;
}

/* The series store: interned strings and series keyed by
 * (region, indicator, measure) in open-addressing hash tables. */
#include "trendbeeld/store.h"
#include "grow.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Strings live in large blocks so interning allocates rarely. */
typedef struct block {
    struct block *next;
    size_t used, cap;
    char data[];
} block;

/* A series with room to grow: value, flags and note point into buffers
 * that hold CAP years from BASE, so adding the next year (the usual
 * order of a file) rarely reallocates. */
typedef struct {
    tb_series x;
    int base, cap;
} series_box;

struct tb_store {
    block *blocks;
    const char **strings; /* hash table of interned strings */
    size_t nstrings, strcap;
    tb_series **series;
    size_t nseries, sercap;
    uint64_t *slots; /* hash table: 0 = empty, else see SLOT_INDEX */
    size_t slotcap;
};

static uint64_t hash_bytes(const char *s, uint64_t h)
{
    /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static uint64_t hash_str(const char *s)
{
    return hash_bytes(s, 1469598103934665603ull);
}

tb_store *tb_store_new(void)
{
    return calloc(1, sizeof(tb_store));
}

static void series_free(tb_series *x)
{
    if (!x)
        return;
    series_box *b = (series_box *)x;
    int off = x->first_year - b->base;
    if (x->n) {
        free(x->value - off);
        free(x->flags - off);
    }
    if (x->note)
        free(x->note - off);
    free(b);
}

void tb_store_free(tb_store *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nseries; i++)
        series_free(s->series[i]);
    free(s->series);
    free(s->slots);
    free(s->strings);
    for (block *b = s->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(s);
}

static char *block_copy(tb_store *s, const char *str, size_t len)
{
    block *b = s->blocks;
    if (!b || b->cap - b->used < len + 1) {
        size_t cap = len + 1 > 65536 ? len + 1 : 65536;
        b = malloc(sizeof(block) + cap);
        if (!b)
            return NULL;
        b->next = s->blocks;
        b->used = 0;
        b->cap = cap;
        s->blocks = b;
    }
    char *p = b->data + b->used;
    memcpy(p, str, len + 1);
    b->used += len + 1;
    return p;
}

static int strings_grow(tb_store *s)
{
    size_t cap = s->strcap ? 2 * s->strcap : 1024;
    const char **t = malloc(cap * sizeof *t);
    if (!t)
        return -1;
    /* zeroed by writing, not calloc: a page of a fresh mapping read
     * before it is written costs a second fault and a TLB flush on
     * every core (and the compiler turns malloc + memset into calloc) */
    explicit_bzero(t, cap * sizeof *t);
    for (size_t i = 0; i < s->strcap; i++) {
        if (!s->strings[i])
            continue;
        size_t j = hash_str(s->strings[i]) & (cap - 1);
        while (t[j])
            j = (j + 1) & (cap - 1);
        t[j] = s->strings[i];
    }
    free(s->strings);
    s->strings = t;
    s->strcap = cap;
    return 0;
}

const char *tb_store_intern(tb_store *s, const char *str)
{
    if (!str)
        return NULL;
    if (2 * (s->nstrings + 1) > s->strcap && strings_grow(s) != 0)
        return NULL;
    size_t j = hash_str(str) & (s->strcap - 1);
    while (s->strings[j]) {
        if (strcmp(s->strings[j], str) == 0)
            return s->strings[j];
        j = (j + 1) & (s->strcap - 1);
    }
    char *p = block_copy(s, str, strlen(str));
    if (!p)
        return NULL;
    s->strings[j] = p;
    s->nstrings++;
    return p;
}

/* Interned pointers are unique, so a key hashes by pointer value. */
static uint64_t key_hash(const char *r, const char *i, const char *m)
{
    uint64_t h = (uintptr_t)r * 0x9E3779B97F4A7C15ull;
    h ^= (uintptr_t)i + 0x7F4A7C159E3779B9ull + (h << 6) + (h >> 2);
    h ^= (uintptr_t)m + 0x94D049BB133111EBull + (h << 6) + (h >> 2);
    return h ^ (h >> 31);
}

/* A slot holds the series' index + 1 in its low 32 bits and the high 32
 * bits of the key's hash above them: a probe compares those before it
 * reads the series, which is a cache miss of its own. */
#define SLOT_INDEX(v) ((size_t)((v) & 0xFFFFFFFFu))
#define SLOT_TAG(h) ((h) & ~(uint64_t)0xFFFFFFFFu)

static int slots_grow(tb_store *s)
{
    size_t cap = s->slotcap ? 2 * s->slotcap : 1024;
    while (cap < 2 * (s->nseries + 1))
        cap *= 2;
    uint64_t *t = malloc(cap * sizeof *t);
    if (!t)
        return -1;
    explicit_bzero(t, cap * sizeof *t); /* not calloc: see strings_grow */
    for (size_t k = 0; k < s->nseries; k++) {
        tb_series *x = s->series[k];
        uint64_t h = key_hash(x->region, x->indicator, x->measure);
        size_t j = h & (cap - 1);
        while (t[j])
            j = (j + 1) & (cap - 1);
        t[j] = SLOT_TAG(h) | (k + 1);
    }
    free(s->slots);
    s->slots = t;
    s->slotcap = cap;
    return 0;
}

/* Slot for the key: either holding the series or the empty slot where it
 * belongs, whose tag is *TAG.  Strings must be interned. */
static uint64_t *find_slot(const tb_store *s, const char *r, const char *i,
                           const char *m, uint64_t *tag)
{
    uint64_t h = key_hash(r, i, m);
    size_t j = h & (s->slotcap - 1);
    *tag = SLOT_TAG(h);
    for (;;) {
        uint64_t v = s->slots[j];
        if (!v)
            return &s->slots[j];
        if (SLOT_TAG(v) == *tag) {
            tb_series *x = s->series[SLOT_INDEX(v) - 1];
            if (x->region == r && x->indicator == i && x->measure == m)
                return &s->slots[j];
        }
        j = (j + 1) & (s->slotcap - 1);
    }
}

tb_series *tb_store_find(const tb_store *s, const char *region,
                         const char *indicator, const char *measure)
{
    if (!s->slotcap)
        return NULL;
    /* Look the strings up without interning them. */
    tb_store *mut = (tb_store *)s;
    const char *key[3] = {region, indicator, measure};
    for (int k = 0; k < 3; k++) {
        size_t j = hash_str(key[k]) & (mut->strcap - 1);
        while (mut->strings[j] && strcmp(mut->strings[j], key[k]) != 0)
            j = (j + 1) & (mut->strcap - 1);
        if (!mut->strings[j])
            return NULL;
        key[k] = mut->strings[j];
    }
    uint64_t tag, v = *find_slot(s, key[0], key[1], key[2], &tag);
    return v ? s->series[SLOT_INDEX(v) - 1] : NULL;
}

/* Widen X to cover YEAR, filling new years as missing. */
static int series_cover(tb_series *x, int year)
{
    int last = x->first_year + x->n - 1;
    if (x->n > 0 && year >= x->first_year && year <= last)
        return 0;
    series_box *b = (series_box *)x;
    int nfirst = x->n && x->first_year < year ? x->first_year : year;
    int nlast = x->n && last > year ? last : year;
    /* the buffers, from year b->base */
    int off = x->first_year - b->base;
    double *v = x->n ? x->value - off : NULL;
    unsigned char *f = x->n ? x->flags - off : NULL;
    const char **note = x->note ? x->note - off : NULL;
    if (!x->n || nfirst < b->base || nlast >= b->base + b->cap) {
        /* new buffers from NFIRST, with as much room again after NLAST */
        int cap = 2 * (nlast - nfirst + 1) < 16 ? 16 : 2 * (nlast - nfirst + 1);
        double *nv = malloc(cap * sizeof *nv);
        unsigned char *nf = malloc(cap);
        const char **nn = note ? calloc(cap, sizeof *nn) : NULL;
        if (!nv || !nf || (note && !nn)) {
            free(nv), free(nf), free(nn);
            return -1;
        }
        int shift = x->first_year - nfirst;
        if (x->n) {
            memcpy(nv + shift, x->value, x->n * sizeof *nv);
            memcpy(nf + shift, x->flags, x->n);
            if (nn)
                memcpy(nn + shift, x->note, x->n * sizeof *nn);
        }
        free(v), free(f), free(note);
        v = nv, f = nf, note = nn;
        b->base = nfirst;
        b->cap = cap;
    }
    /* the new years only: before the first and after the last held */
    for (int y = nfirst; y <= nlast; y++) {
        if (x->n && y == x->first_year)
            y = last + 1;
        if (y > nlast)
            break;
        v[y - b->base] = NAN;
        f[y - b->base] = TB_FLAG_MISSING;
        if (note)
            note[y - b->base] = NULL;
    }
    x->value = v + (nfirst - b->base);
    x->flags = f + (nfirst - b->base);
    x->note = note ? note + (nfirst - b->base) : NULL;
    x->first_year = nfirst;
    x->n = nlast - nfirst + 1;
    return 0;
}

/* Notes are rare: the array is made for the first one. */
static int series_note(tb_series *x, int k, const char *note)
{
    if (!note)
        return 0;
    if (!x->note) {
        series_box *b = (series_box *)x;
        const char **t = calloc(b->cap, sizeof *t);
        if (!t)
            return -1;
        x->note = t + (x->first_year - b->base);
    }
    x->note[k] = note;
    return 0;
}

tb_series *tb_store_series(tb_store *s, const char *region, const char *indicator,
                           const char *measure, const char *source)
{
    if (s->nseries >= 0xFFFFFFFFu || /* the index must fit a slot */
        (2 * (s->nseries + 1) > s->slotcap && slots_grow(s) != 0))
        return NULL;
    uint64_t tag, *slot = find_slot(s, region, indicator, measure, &tag);
    if (*slot)
        return s->series[SLOT_INDEX(*slot) - 1];
    if (TB_GROW(s->series, s->sercap, s->nseries + 1, 256) != 0)
        return NULL;
    series_box *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    tb_series *x = &b->x;
    x->region = region;
    x->indicator = indicator;
    x->measure = measure;
    x->source = tb_store_intern(s, source);
    s->series[s->nseries++] = x;
    *slot = tag | s->nseries;
    return x;
}

tb_status tb_series_put(tb_store *s, tb_series *x, int year, double value,
                        unsigned flags, const char *note, double *previous,
                        int *duplicate)
{
    if (duplicate)
        *duplicate = 0;
    if (year < TB_YEAR_MIN || year > TB_YEAR_MAX)
        return TB_EINVAL;
    if (series_cover(x, year) != 0)
        return TB_ENOMEM;
    int k = year - x->first_year;
    if (isnan(value))
        flags |= TB_FLAG_MISSING;
    else
        flags &= ~TB_FLAG_MISSING;
    if (!(x->flags[k] & TB_FLAG_MISSING)) {
        /* The year already holds a value: a repeat is fine, a conflict not. */
        if (value != x->value[k]) {
            if (previous)
                *previous = x->value[k];
            return TB_EDATA;
        }
        if (duplicate)
            *duplicate = 1;
        x->flags[k] |= (unsigned char)flags;
        return TB_OK;
    }
    x->value[k] = value;
    x->flags[k] = (unsigned char)flags;
    return series_note(x, k, tb_store_intern(s, note)) ? TB_ENOMEM : TB_OK;
}

tb_status tb_store_put(tb_store *s, const char *region, const char *indicator,
                       const char *measure, int year, double value,
                       unsigned flags, const char *source, const char *note,
                       double *previous, int *duplicate)
{
    if (duplicate)
        *duplicate = 0;
    if (year < TB_YEAR_MIN || year > TB_YEAR_MAX)
        return TB_EINVAL;
    const char *r = tb_store_intern(s, region);
    const char *i = tb_store_intern(s, indicator);
    const char *m = tb_store_intern(s, measure);
    if (!r || !i || !m)
        return TB_ENOMEM;
    tb_series *x = tb_store_series(s, r, i, m, source);
    if (!x)
        return TB_ENOMEM;
    return tb_series_put(s, x, year, value, flags, note, previous, duplicate);
}

size_t tb_store_size(const tb_store *s)
{
    return s->nseries;
}

tb_series *tb_store_at(const tb_store *s, size_t i)
{
    return i < s->nseries ? s->series[i] : NULL;
}

static int series_cmp(const void *a, const void *b)
{
    const tb_series *x = *(tb_series *const *)a, *y = *(tb_series *const *)b;
    int c = strcmp(x->region, y->region);
    if (!c)
        c = strcmp(x->indicator, y->indicator);
    if (!c)
        c = strcmp(x->measure, y->measure);
    return c;
}

void tb_store_sort(tb_store *s)
{
    if (s->nseries)
        qsort(s->series, s->nseries, sizeof *s->series, series_cmp);
    if (s->slotcap) {
        /* indices moved: rebuild the key table */
        free(s->slots);
        s->slots = NULL;
        s->slotcap = 0;
        slots_grow(s);
    }
}

int tb_series_last_year(const tb_series *x)
{
    return x->first_year + x->n - 1;
}

double tb_series_get(const tb_series *x, int year)
{
    int k = year - x->first_year;
    return k >= 0 && k < x->n ? x->value[k] : NAN;
}

int tb_series_all_have(const tb_series *const *x, size_t n, int year, int nonzero)
{
    for (size_t i = 0; i < n; i++) {
        double v = tb_series_get(x[i], year);
        if (isnan(v) || (nonzero && v == 0))
            return 0;
    }
    return 1;
}

int tb_series_first_common(const tb_series *const *x, size_t n, int nonzero)
{
    if (n == 0)
        return 0;
    int lo = TB_YEAR_MAX;
    for (size_t i = 0; i < n; i++)
        if (x[i]->first_year < lo)
            lo = x[i]->first_year;
    for (int y = lo; y <= TB_YEAR_MAX; y++)
        if (tb_series_all_have(x, n, y, nonzero))
            return y;
    return 0;
}

unsigned tb_series_flags(const tb_series *x, int year)
{
    int k = year - x->first_year;
    return k >= 0 && k < x->n ? x->flags[k] : TB_FLAG_MISSING;
}

size_t tb_series_observed(const tb_series *x, int *years, double *values)
{
    size_t m = 0;
    for (int k = 0; k < x->n; k++) {
        if (x->flags[k] & TB_FLAG_MISSING)
            continue;
        years[m] = x->first_year + k;
        values[m] = x->value[k];
        m++;
    }
    return m;
}

size_t tb_series_observed_to(const tb_series *x, int last, int *years, double *values)
{
    size_t n = tb_series_observed(x, years, values);
    while (n > 0 && last > 0 && years[n - 1] > last)
        n--;
    return n;
}

/* The sink of the loader: the series this file writes to, each year's
 * value into the store, and zeros that are probably "no data". */
#include "load_priv.h"
#include "grow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUSPECT_LEVEL 20

/* The series this file writes to, by key: a slot holds the index + 1 in
 * fser in its low 32 bits and the high 32 bits of the key's hash above
 * them, so that a probe reads an entry only on a likely match (a file of
 * a million series makes this table far larger than the caches). */
#define FSLOT_TAG(h) ((h) & ~(uint64_t)0xFFFFFFFFu)

/* The slot of (R, I, M): holding its entry, or the empty slot where it
 * belongs (the table grown first).  NULL: out of memory. */
static uint64_t *find_fser(load_sink *s, const char *r, const char *i, const char *m)
{
    if (2 * (s->nfser + 1) > s->fslotcap) {
        size_t cap = s->fslotcap ? 2 * s->fslotcap : 1024;
        uint64_t *t = load_zalloc(cap * sizeof *t);
        if (!t)
            return NULL;
        for (size_t k = 0; k < s->nfser; k++) {
            const load_fser *f = &s->fser[k];
            uint64_t h = load_kmap_hash(f->r, f->i, f->m, 0);
            size_t j = h & (cap - 1);
            while (t[j])
                j = (j + 1) & (cap - 1);
            t[j] = FSLOT_TAG(h) | (k + 1);
        }
        free(s->fslot);
        s->fslot = t;
        s->fslotcap = cap;
    }
    uint64_t h = load_kmap_hash(r, i, m, 0), tag = FSLOT_TAG(h);
    size_t j = h & (s->fslotcap - 1);
    for (; s->fslot[j]; j = (j + 1) & (s->fslotcap - 1)) {
        if (FSLOT_TAG(s->fslot[j]) != tag)
            continue;
        const load_fser *f = &s->fser[(s->fslot[j] & 0xFFFFFFFFu) - 1];
        if (f->r == r && f->i == i && f->m == m)
            break;
    }
    return &s->fslot[j];
}

load_fser *load_sink_series(load_ctx *c, const char *r, const char *i,
                            const char *m)
{
    load_sink *s = &c->sink;
    if (s->last_fser) {
        load_fser *f = &s->fser[s->last_fser - 1];
        if (f->r == r && f->i == i && f->m == m)
            return f;
        if (f->acc && s->leave && s->leave(c, f) != 0)
            return NULL;
    }
    uint64_t *slot = find_fser(s, r, i, m);
    if (!slot)
        return NULL;
    if (!*slot) {
        if (TB_GROW(s->fser, s->capfser, s->nfser + 1, 256) != 0)
            return NULL;
        s->fser[s->nfser] = (load_fser){r, i, m, NULL, 0, 0, NULL, 0};
        *slot = FSLOT_TAG(load_kmap_hash(r, i, m, 0)) | ++s->nfser;
    }
    s->last_fser = (size_t)(*slot & 0xFFFFFFFFu);
    return &s->fser[s->last_fser - 1];
}

/* Each growth makes room for as many years again on the side it grew to
 * (files mostly add years in order). */
long *load_sink_year_line(load_fser *f, int year)
{
    if (!f->n || year < f->y0 || year >= f->y0 + f->n) {
        int lo = f->n && f->y0 < year ? f->y0 : year;
        int hi = f->n && f->y0 + f->n - 1 > year ? f->y0 + f->n - 1 : year;
        int n = 2 * (hi - lo + 1) < 16 ? 16 : 2 * (hi - lo + 1);
        int first = f->n && year < f->y0 ? hi - n + 1 : lo;
        long *t = calloc((size_t)n, sizeof *t);
        if (!t)
            return NULL;
        if (f->n)
            memcpy(t + (f->y0 - first), f->line, (size_t)f->n * sizeof *t);
        free(f->line);
        f->line = t;
        f->y0 = first;
        f->n = n;
    }
    return &f->line[year - f->y0];
}

int load_put_year(load_ctx *c, const char *r, const char *i, const char *m,
                  int year, double v, unsigned flags, const char *note,
                  const char *src, long line, long col)
{
    load_fser *f = load_sink_series(c, r, i, m);
    long *seen = f ? load_sink_year_line(f, year) : NULL;
    if (seen && !f->x)
        f->x = tb_store_series(c->s, r, i, m, src ? src : c->source);
    if (!seen || !f->x)
        return load_fail(c, TB_ENOMEM, line, col, "out of memory");
    if ((long)c->sink.nfser > c->max_series)
        return load_fail(c, TB_EDATA, line, col,
                         "more than %ld series, expected at most %ld in one file "
                         "(split it, or raise the limit)",
                         c->max_series, c->max_series);
    if (*seen) {
        double old = tb_series_get(f->x, year);
        if ((isnan(old) && isnan(v)) || old == v) {
            c->rep->exact_duplicates++;
            return 0;
        }
        char a[40], b[40];
        snprintf(a, sizeof a, isnan(v) ? "missing" : "%.15g", v);
        snprintf(b, sizeof b, isnan(old) ? "missing" : "%.15g", old);
        return load_fail(c, TB_EDATA, line, col,
                         "duplicate value for (%s, %s, %s, %d): %s here, %s on line "
                         "%ld; expected one value per region, indicator, measure "
                         "and year",
                         r, i, m, year, a, b, labs(*seen));
    }
    *seen = line;
    double prev = NAN;
    int dup = 0;
    tb_status st = tb_series_put(c->s, f->x, year, v, flags, note, &prev, &dup);
    if (st == TB_EDATA)
        return load_fail(c, TB_EDATA, line, col,
                         "duplicate value for (%s, %s, %s, %d): %.15g here, %.15g "
                         "already loaded from %s; expected one value per region, "
                         "indicator, measure and year",
                         r, i, m, year, v, prev,
                         f->x->source ? f->x->source : "another file");
    if (st != TB_OK)
        return load_fail(c, st, line, col, "cannot store the value (out of memory)");
    if (dup)
        c->rep->exact_duplicates++;
    /* a missing cell over a value already loaded: the store keeps the value */
    c->rep->values++;
    return 0;
}

/* A zero in a series whose other values are all >= 20 is implausible as a
 * count: for Poisson(lambda >= 20), P(0) = e^-lambda < 2.1e-9 (and a count
 * rounded to 5 still cannot fall from 20 to 0 by rounding).  Such zeros
 * are files writing "no data" as 0 (gemeenten that did not yet exist). */
void load_sink_flag_zeros(load_ctx *c)
{
    long n = 0;
    char example[300] = "";
    /* the series this file wrote to, in the order it first did */
    for (size_t k = 0; k < c->sink.nfser; k++) {
        tb_series *x = c->sink.fser[k].x;
        if (!x)
            continue;
        double minnz = INFINITY;
        int zeros = 0;
        for (int j = 0; j < x->n; j++) {
            if (x->flags[j] & TB_FLAG_MISSING)
                continue;
            if (x->value[j] == 0)
                zeros++;
            else if (fabs(x->value[j]) < minnz)
                minnz = fabs(x->value[j]);
        }
        if (!zeros || !isfinite(minnz) || minnz < SUSPECT_LEVEL)
            continue;
        for (int j = 0; j < x->n; j++)
            if (!(x->flags[j] & TB_FLAG_MISSING) && x->value[j] == 0 &&
                !(x->flags[j] & TB_FLAG_SUSPECT)) {
                x->flags[j] |= TB_FLAG_SUSPECT;
                if (!n) {
                    char a[64], b[64], m[64];
                    load_excerpt(x->region, a, sizeof a);
                    load_excerpt(x->indicator, b, sizeof b);
                    load_excerpt(x->measure, m, sizeof m);
                    snprintf(example, sizeof example, "%s, %s, %s, %d", a, b, m,
                             x->first_year + j);
                }
                n++;
            }
    }
    c->rep->suspect_zeros = n;
    if (n)
        tb_diag_add(c->warn, c->path, 0, 0,
                    "%ld zero value%s in series whose other values are all %d or "
                    "more flagged as suspect (probably 'no data', e.g. %s); "
                    "trends are not fitted through them",
                    n, n == 1 ? "" : "s", SUSPECT_LEVEL, example);
}

void load_sink_free(load_sink *s)
{
    free(s->fslot);
    for (size_t k = 0; k < s->nfser; k++)
        free(s->fser[k].line);
    free(s->fser);
}

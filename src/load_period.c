/* Months and quarters added up to years.
 *
 * Each series has one open year of periods; a year left open when the
 * series moves to another year is parked (a file sorted by period), a
 * complete one is added up at once (a file sorted by series): memory
 * holds the years still open, not the whole file.  The step for each
 * value is load_put_period (load_period.h). */
#include "load_period.h"
#include "grow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int acc_complete(const load_acc *a)
{
    for (int j = 0; j < a->per_year; j++)
        if (!a->have[j])
            return 0;
    return 1;
}

static long new_acc(load_periods *pp, const char *r, const char *i, const char *m,
                    const tb_period *p, const char *note)
{
    long k;
    if (pp->free_acc) {
        k = pp->free_acc - 1;
        pp->free_acc = pp->acc[k].next_free;
    } else {
        if (TB_GROW(pp->acc, pp->capacc, pp->nacc + 1, 256) != 0)
            return -1;
        k = (long)pp->nacc++;
    }
    load_acc *a = &pp->acc[k];
    memset(a, 0, sizeof *a);
    a->r = r, a->i = i, a->m = m;
    a->year = p->year;
    a->per_year = p->per_year;
    a->stock = !strcmp(m, "inwoners");
    a->note = note;
    return k;
}

static int flush_acc(load_ctx *c, load_acc *a);

/* Add up the open year of F and free its accumulator. */
static int close_acc(load_ctx *c, load_fser *f)
{
    load_periods *pp = &c->per;
    long k = f->acc - 1;
    load_acc *a = &pp->acc[k];
    f->acc = 0;
    int year = a->year;
    if (flush_acc(c, a) != 0)
        return -1;
    long *seen = load_sink_year_line(f, year);
    if (!seen)
        return load_fail(c, TB_ENOMEM, 0, 0, "out of memory");
    *seen = -labs(*seen);
    a->year = 0;
    a->next_free = pp->free_acc;
    pp->free_acc = k + 1;
    return 0;
}

int load_period_leave(load_ctx *c, load_fser *f)
{
    if (!c->per.finishing && acc_complete(&c->per.acc[f->acc - 1]))
        return close_acc(c, f);
    return 0;
}

/* F's open year gives way to another year of the series. */
static int park_acc(load_ctx *c, load_fser *f)
{
    load_acc *a = &c->per.acc[f->acc - 1];
    if (acc_complete(a))
        return close_acc(c, f);
    int created;
    load_kent *e = load_kmap_get(&c->per.accmap, a->r, a->i, a->m, a->year, &created);
    if (!e)
        return load_fail(c, TB_ENOMEM, 0, 0, "out of memory");
    e->v = f->acc - 1;
    f->acc = 0;
    return 0;
}

static long unpark_acc(load_periods *pp, const char *r, const char *i, const char *m,
                       int year)
{
    if (!pp->accmap.n)
        return -1;
    load_kent *e = load_kmap_find(&pp->accmap, r, i, m, year);
    if (!e || e->v < 0)
        return -1;
    long k = e->v;
    e->v = -1;
    return k;
}

load_acc *load_period_open(load_ctx *c, load_fser *f, const char *r, const char *i,
                           const char *m, const tb_period *p, const char *note,
                           long line, long col)
{
    if (f->acc && park_acc(c, f) != 0)
        return NULL;
    long k = unpark_acc(&c->per, r, i, m, p->year);
    if (k < 0) {
        long *seen = load_sink_year_line(f, p->year);
        if (!seen) {
            load_fail(c, TB_ENOMEM, line, col, "out of memory");
            return NULL;
        }
        if (*seen < 0) {
            load_fail(c, TB_EDATA, line, col,
                      "period %d of %d for (%s, %s, %s) comes again after "
                      "that year was complete and added up (its periods "
                      "start on line %ld); expected each period once, "
                      "with the rows of a series and year together",
                      p->sub, p->year, r, i, m, -*seen);
            return NULL;
        }
        k = new_acc(&c->per, r, i, m, p, note);
        if (k < 0) {
            load_fail(c, TB_ENOMEM, line, col, "out of memory");
            return NULL;
        }
    }
    f->acc = k + 1;
    return &c->per.acc[k];
}

int load_period_again(load_ctx *c, load_acc *a, const char *r, const char *i,
                      const char *m, const tb_period *p, double v, unsigned flags,
                      long line, long col)
{
    if (a->per_year != p->per_year)
        return load_fail(c, TB_EDATA, line, col,
                         "months and quarters mixed for (%s, %s, %s, %d), expected "
                         "one kind of period per series and year",
                         r, i, m, p->year);
    int k = p->sub - 1;
    a->flags |= flags & ~TB_FLAG_MISSING;
    if ((isnan(a->v[k]) && isnan(v)) || a->v[k] == v) {
        c->rep->exact_duplicates++;
        return 0;
    }
    /* a second value: kept aside until the year is added up (it may be
     * the annual total, see settle_repeat); a third is a duplicate */
    if (a->nextra)
        return load_fail(c, TB_EDATA, line, col,
                         "duplicate value for (%s, %s, %s, %d period %d): %.15g "
                         "here, %.15g on line %ld; expected one value per period",
                         r, i, m, p->year, p->sub, v, a->v[k], a->line[k]);
    a->nextra = 1;
    a->extra = v;
    a->extra_sub = p->sub;
    a->extra_line = line;
    return 0;
}

/* A repeated period of A: the annual total dated as the first month (the
 * 13th row) when it equals the sum of the other periods, then not counted
 * twice; else a duplicate. */
static int settle_repeat(load_ctx *c, load_acc *a)
{
    int np = a->per_year;
    int k = a->extra_sub - 1;
    double sum_other = 0;
    int complete = 1;
    for (int j = 0; j < np; j++) {
        if (!a->have[j] || isnan(a->v[j]))
            complete = 0;
        else if (j != k)
            sum_other += a->v[j];
    }
    if (complete && !isnan(a->extra) && a->extra == sum_other + a->v[k]) {
        c->rep->annual_repeats++;
    } else if (complete && !isnan(a->extra) && a->v[k] == sum_other + a->extra) {
        a->v[k] = a->extra; /* the total came first */
        c->rep->annual_repeats++;
    } else {
        char x[40], y[40];
        snprintf(x, sizeof x, isnan(a->extra) ? "missing" : "%.15g", a->extra);
        snprintf(y, sizeof y, isnan(a->v[k]) ? "missing" : "%.15g", a->v[k]);
        return load_fail(c, TB_EDATA, a->extra_line, 0,
                         "duplicate value for (%s, %s, %s, %d period %d): %s "
                         "here, %s on line %ld; expected one value per period",
                         a->r, a->i, a->m, a->year, a->extra_sub, x, y, a->line[k]);
    }
    return 0;
}

/* Add up the periods of A into its year: a sum for counts, the last
 * period for a stock such as inwoners. */
static int flush_acc(load_ctx *c, load_acc *a)
{
    int np = a->per_year;
    if (a->nextra && settle_repeat(c, a) != 0)
        return -1;
    double sum = 0, lastv = NAN;
    int present = 0, lastk = -1;
    long line = 0;
    for (int j = 0; j < np; j++) {
        if (a->have[j] && (!line || a->line[j] < line))
            line = a->line[j];
        if (a->have[j] && !isnan(a->v[j])) {
            sum += a->v[j];
            present++;
            lastv = a->v[j];
            lastk = j;
        }
    }
    unsigned flags = a->flags;
    double v;
    if (a->stock) {
        /* inwoners is a stock: the year's value is its last period */
        v = lastv;
        if (lastk != np - 1)
            flags |= TB_FLAG_INCOMPLETE;
    } else {
        /* flows add up: yearly count = sum over the periods */
        v = present ? sum : NAN;
        if (present < np)
            flags |= TB_FLAG_INCOMPLETE;
    }
    if (load_put_year(c, a->r, a->i, a->m, a->year, v, flags, a->note, NULL, line,
                      0) != 0)
        return -1;
    return 0;
}

int load_period_flush(load_ctx *c)
{
    c->per.finishing = 1;
    for (size_t n = 0; n < c->per.nacc; n++)
        if (c->per.acc[n].year && flush_acc(c, &c->per.acc[n]) != 0)
            return -1;
    return 0;
}

void load_periods_free(load_periods *p)
{
    load_kmap_free(&p->accmap);
    free(p->acc);
}

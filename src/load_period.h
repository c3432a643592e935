/* Months and quarters added up to years (load_period.c): the step for
 * each value, inline in the loop over the cells of a row (load_record.c),
 * where a call per monthly value costs about 1% of loading a monthly
 * file. */
#ifndef TRENDBEELD_LOAD_PERIOD_H
#define TRENDBEELD_LOAD_PERIOD_H

#include "load_priv.h"

/* F's accumulator for the year of P when F's open year is another (or
 * none): parked earlier, or new; F's open year is parked or, complete,
 * added up.  NULL after an error. */
load_acc *load_period_open(load_ctx *c, load_fser *f, const char *r, const char *i,
                           const char *m, const tb_period *p, const char *note,
                           long line, long col);

/* Value V for a period that A already has, or of the other kind (months
 * and quarters mixed).  -1 after an error. */
int load_period_again(load_ctx *c, load_acc *a, const char *r, const char *i,
                      const char *m, const tb_period *p, double v, unsigned flags,
                      long line, long col);

/* Value V of the month or quarter P of (R, I, M), kept until its year is
 * added up.  -1 after an error. */
static inline int load_put_period(load_ctx *c, const char *r, const char *i,
                                  const char *m, const tb_period *p, double v,
                                  unsigned flags, const char *note, long line,
                                  long col)
{
    c->rep->monthly_rows++;
    load_fser *f = load_sink_series(c, r, i, m);
    if (!f)
        return load_fail(c, TB_ENOMEM, line, col, "out of memory");
    load_acc *a = f->acc ? &c->per.acc[f->acc - 1] : NULL;
    if (!a || a->year != p->year) {
        a = load_period_open(c, f, r, i, m, p, note, line, col);
        if (!a)
            return -1;
    }
    int k = p->sub - 1;
    if (a->per_year != p->per_year || a->have[k])
        return load_period_again(c, a, r, i, m, p, v, flags, line, col);
    a->flags |= flags & ~TB_FLAG_MISSING;
    a->have[k] = 1;
    a->v[k] = v;
    a->line[k] = line;
    return 0;
}

#endif

/* The composite layout: wide columns named <Regio>_<Onderwerp>_<year>
 *
 *   Soort;Twente_Misdrijven_2012;Twente_Misdrijven_2013;...
 *
 * each a value of its region, measure and period. */
#include "load_priv.h"

#include <stdio.h>
#include <string.h>

static int composite_name(const char *name, char *region, char *label,
                          tb_period *p)
{
    const char *first = strchr(name, '_'), *last = strrchr(name, '_');
    if (!first || first == last)
        return 0;
    if (!load_period_in_range(last + 1, p))
        return 0;
    snprintf(region, 256, "%.*s", (int)(first - name), name);
    snprintf(label, 256, "%.*s", (int)(last - first - 1), first + 1);
    return region[0] && label[0];
}

/* Two or more composite names, and at most three other columns. */
int load_composite_detect(const load_ctx *c, const load_head *h)
{
    const load_rec *last = &h->rec[h->d - 1];
    size_t ncomp = 0, nother = 0;
    for (size_t i = 0; i < c->lay.ncol; i++) {
        char reg[256], lab[256];
        tb_period per;
        if (composite_name(last->f[i], reg, lab, &per))
            ncomp++;
        else if (!load_empty(last->f[i]))
            nother++;
    }
    return ncomp >= 2 && nother <= 3;
}

int load_composite_build(load_ctx *c, const load_head *h)
{
    const load_rec *last = &h->rec[h->d - 1];
    for (size_t i = 0; i < c->lay.ncol; i++) {
        char reg[256], lab[256];
        load_col *x = &c->lay.col[i];
        if (composite_name(last->f[i], reg, lab, &x->per)) {
            x->has_period = 1;
            x->value = 1;
            x->role = COL_PERIOD;
            x->region = load_intern_trim(c, reg);
            x->measure = load_measure_of(c, lab);
        } else {
            const char *m;
            x->role = load_role_of(last->f[i], &m);
            if (x->role != COL_REGION && x->role != COL_INDICATOR &&
                x->role != COL_MEASURE)
                x->role = i == 0 ? COL_INDICATOR : COL_DIM;
        }
    }
    return 0;
}

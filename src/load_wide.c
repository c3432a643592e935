/* The wide layout: key columns followed by years as column names
 *
 *   regio;indicator;2008;2016*;2015JJ00;2013MM01;"2025 januari*"
 *
 * One header row (more rows above the values are the StatLine block,
 * load_statline.c, which builds on this file). */
#include "load_priv.h"

#include <stdlib.h>
#include <string.h>

int load_wide_detect(const load_ctx *c, const load_head *h)
{
    (void)c;
    return h->prow >= 0;
}

/* The columns from the period row on: values of the period they name. */
static int period_columns(load_ctx *c, const load_head *h)
{
    load_layout *l = &c->lay;
    const load_rec *prow = &h->rec[h->prow];
    if (prow->n > l->ncol) {
        load_col *nc = realloc(l->col, prow->n * sizeof *nc);
        if (!nc)
            return load_fail(c, TB_ENOMEM, 0, 0, "out of memory");
        memset(nc + l->ncol, 0, (prow->n - l->ncol) * sizeof *nc);
        l->col = nc;
        l->ncol = prow->n;
    }
    for (size_t i = (size_t)h->pcol; i < l->ncol; i++) {
        load_col *x = &l->col[i];
        if (i < prow->n && !load_empty(prow->f[i])) {
            load_period_in_range(prow->f[i], &x->per);
            x->has_period = 1;
            x->value = 1;
            x->role = COL_PERIOD;
            x->name = load_intern_trim(c, prow->f[i]);
        } else {
            x->role = COL_ATTR;
        }
    }
    return 0;
}

/* The columns left of the periods: keys, named in the last header row or
 * the period row. */
static int key_columns(load_ctx *c, const load_head *h)
{
    load_layout *l = &c->lay;
    size_t p = (size_t)h->pcol;
    const load_rec *prow = &h->rec[h->prow];
    int have_region = 0;
    for (size_t i = 0; i < p && i < l->ncol; i++) {
        const char *label = "";
        for (size_t r = h->d; r-- > h->h0;)
            if (i < h->rec[r].n && !load_empty(h->rec[r].f[i]) &&
                ((long)r == (long)h->d - 1 || (long)r == h->prow)) {
                label = h->rec[r].f[i];
                break;
            }
        /* a year name left of the period columns is a year out of
         * range ("regio;2101;2012"), not a key column */
        tb_period yp;
        if (i > 0 && i < prow->n && tb_load_parse_period(prow->f[i], &yp) &&
            (yp.year < TB_YEAR_MIN || yp.year > TB_YEAR_MAX))
            return load_fail(c, TB_EDATA, prow->line, (long)i + 1,
                             "year %d out of range, expected a year from %d to %d",
                             yp.year, TB_YEAR_MIN, TB_YEAR_MAX);
        const char *m;
        load_role role = load_role_of(label, &m);
        if (role == COL_REGION)
            have_region = 1;
        l->col[i].role = role;
        l->col[i].name = load_intern_trim(c, label);
    }
    for (size_t i = 0; i < p && i < l->ncol; i++) {
        load_col *x = &l->col[i];
        if (x->role == COL_REGION || x->role == COL_INDICATOR ||
            x->role == COL_MEASURE)
            continue;
        if (!*x->name)
            x->role = i == 0 && !have_region ? COL_REGION : COL_UNIT;
        else if (i == 0 && !have_region)
            x->role = COL_REGION;
        else
            x->role = COL_DIM;
        if (x->role == COL_REGION)
            have_region = 1;
    }
    return 0;
}

int load_wide_build(load_ctx *c, const load_head *h)
{
    if (period_columns(c, h) != 0)
        return -1;
    return key_columns(c, h);
}

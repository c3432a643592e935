/* The long layout: one value per row, its keys and year in columns
 *
 *   region,indicator,measure,year,value[,note,bron,status]
 *
 * (Dutch: regio,soort,maat,jaar,waarde).  Several value columns are
 * several measures; a column of another dimension is folded into the
 * indicator.  The layout every file is when it is no other. */
#include "load_priv.h"

#include <ctype.h>
#include <string.h>

int load_long_detect(const load_ctx *c, const load_head *h)
{
    (void)c, (void)h;
    return 1;
}

static int identifier_like(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return 0;
    return 1;
}

/* The role of unnamed or unknown column X (number I) from what the first
 * data rows hold in it. */
static void role_by_content(load_ctx *c, const load_head *h, size_t i)
{
    load_col *x = &c->lay.col[i];
    long num = 0, text = 0, per = 0;
    for (size_t r = h->d; r < h->n; r++) {
        const char *v = load_field(&h->rec[r], i);
        tb_period pp;
        if (tb_load_is_missing(v))
            continue;
        if (load_period_in_range(v, &pp) && !load_looks_numeric(v))
            per++;
        else if (load_looks_numeric(v))
            num++;
        else
            text++;
    }
    int has_r = 0, has_y = 0;
    for (size_t j = 0; j < c->lay.ncol; j++) {
        has_r |= c->lay.col[j].role == COL_REGION;
        has_y |= c->lay.col[j].role == COL_YEAR;
    }
    if (!*x->name && text && !num && !has_r)
        x->role = COL_REGION;
    else if (!*x->name && !has_y && !text) {
        /* an unnamed column of years next to the region names */
        long years = 0;
        for (size_t r = h->d; r < h->n; r++) {
            tb_period pp;
            years += load_period_in_range(load_field(&h->rec[r], i), &pp);
        }
        x->role = years && years + 0 >= num + per ? COL_YEAR : COL_ATTR;
    } else if (!text)
        x->value = 1; /* numbers or all missing */
    else
        x->role = identifier_like(x->name) ? COL_DIM : COL_ATTR;
}

/* Roles from the header names, unknown columns from content. */
int load_long_build(load_ctx *c, const load_head *h)
{
    load_layout *l = &c->lay;
    for (size_t i = 0; i < l->ncol; i++) {
        const char *m;
        load_col *x = &l->col[i];
        x->role = load_role_of(x->name, &m);
        if (x->role == COL_MEASURED)
            x->measure = tb_store_intern(c->s, m);
    }
    for (size_t i = 0; i < l->ncol; i++)
        if (l->col[i].role == COL_UNKNOWN)
            role_by_content(c, h, i);
    for (size_t i = 0; i < l->ncol; i++)
        if (l->col[i].role == COL_VALUE || l->col[i].role == COL_MEASURED)
            l->col[i].value = 1;
    return 0;
}

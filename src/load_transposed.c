/* The transposed layout: a period column followed by one column per
 * offence
 *
 *   Perioden;Misdrijven, totaal;1 Vermogensmisdrijven;...
 *
 * Told once the roles of a long table are settled (--map included): its
 * value columns have names that are no known measure, and it has no
 * indicator column. */
#include "load_priv.h"

int load_transposed_detect(const load_ctx *c, const load_head *h)
{
    (void)h;
    const load_layout *l = &c->lay;
    size_t nknown = 0, nunknown = 0;
    for (size_t i = 0; i < l->ncol; i++) {
        const load_col *x = &l->col[i];
        if (x->value && !x->has_period) {
            if (x->role == COL_UNKNOWN)
                nunknown++;
            else
                nknown++;
        }
    }
    return nunknown && !nknown && l->icol < 0;
}

/* The unnamed value columns are offences. */
int load_transposed_build(load_ctx *c, const load_head *h)
{
    (void)h;
    load_layout *l = &c->lay;
    for (size_t i = 0; i < l->ncol; i++) {
        load_col *x = &l->col[i];
        if (x->value && !x->has_period && x->role == COL_UNKNOWN)
            x->indicator = x->name;
    }
    return 0;
}

/* The StatLine block, as CBS StatLine exports a table: title lines,
 * "Soort misdrijf: X" (the indicator of the whole table), rows
 * "Onderwerp" (measure per column), "Perioden" (year per column) and
 * "Regio's" (the row dimension), and a "Bron: ..." footer.
 *
 * A wide table (load_wide.c) under title lines or with more than one
 * header row; each header row other than the period row names a measure,
 * indicator or region per column. */
#include "load_priv.h"

int load_statline_detect(const load_ctx *c, const load_head *h)
{
    (void)c;
    return h->prow >= 0 && (h->d - h->h0 > 1 || h->h0 > 0);
}

int load_statline_build(load_ctx *c, const load_head *h)
{
    if (load_wide_build(c, h) != 0)
        return -1;
    load_layout *l = &c->lay;
    /* rows such as "Onderwerp";"Geregistreerde misdrijven" name a
     * dimension per column */
    for (size_t r = h->h0; r + 1 < h->d; r++) {
        if ((long)r == h->prow)
            continue;
        const load_rec *row = &h->rec[r];
        const char *m;
        load_role role = load_role_of(load_field(row, 0), &m);
        for (size_t i = (size_t)h->pcol; i < l->ncol && i < row->n; i++) {
            if (!l->col[i].value || load_empty(row->f[i]))
                continue;
            if (role == COL_MEASURE)
                l->col[i].measure = load_measure_of(c, row->f[i]);
            else if (role == COL_INDICATOR)
                l->col[i].indicator = load_intern_trim(c, row->f[i]);
            else if (role == COL_REGION)
                l->col[i].region = load_intern_trim(c, row->f[i]);
        }
    }
    return 0;
}

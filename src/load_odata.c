/* The OData layout of the CBS API: a long table
 *
 *   ID;SoortMisdrijf;RegioS;Perioden;<value columns>
 *
 * whose other dimension columns (e.g. GebruikVanGeweld) are folded into
 * the indicator as "SoortDiefstal|GebruikVanGeweld", except for CBS total
 * keys (starting with "T00"), which are left out so that "CRI1132" is the
 * total over the extra dimension.  Its columns are read as long ones
 * (load_long_build); it is told by the CBS names of its key columns. */
#include "load_priv.h"

#include <string.h>

int load_odata_detect(const load_ctx *c, const load_head *h)
{
    (void)h;
    for (size_t i = 0; i < c->lay.ncol; i++)
        if (!strcmp(c->lay.col[i].name, "RegioS") || !strcmp(c->lay.col[i].name, "Perioden"))
            return 1;
    return 0;
}

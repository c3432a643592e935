/* trendbeeld validate: load, report problems, list the series. */
#include <stdio.h>

#include "cli.h"
#include "common.h"

static const char usage[] =
    "Usage: trendbeeld validate [OPTION]... [FILE]...\n"
    "Load the files, report every problem as FILE:LINE:COLUMN: message, and\n"
    "list the series: region | indicator | measure, years, values, missing,\n"
    "flags.  Exit 0 when every file loads, 1 on data errors.\n\n";

int cmd_validate(int argc, char **argv)
{
    cli_common cc;
    int rc = cli_parse(argc, argv, "validate", NULL, NULL, NULL, usage, &cc);
    if (rc >= 0)
        return rc;
    tb_store *s;
    rc = cli_load(&cc, &s);
    if (rc) {
        cli_common_free(&cc);
        return rc;
    }
    long values = 0, missing = 0;
    for (size_t i = 0; i < tb_store_size(s); i++) {
        const tb_series *x = tb_store_at(s, i);
        int n = 0, miss = 0, prov = 0, approx = 0, inc = 0, susp = 0;
        for (int k = 0; k < x->n; k++) {
            unsigned f = x->flags[k];
            if (f & TB_FLAG_MISSING)
                miss++;
            else
                n++;
            prov += !!(f & TB_FLAG_PROVISIONAL);
            approx += !!(f & TB_FLAG_APPROX);
            inc += !!(f & TB_FLAG_INCOMPLETE);
            susp += !!(f & TB_FLAG_SUSPECT);
        }
        values += n;
        missing += miss;
        printf("%s | %s | %s: %d-%d, n %d, missing %d", x->region, x->indicator,
               x->measure, x->first_year, tb_series_last_year(x), n, miss);
        if (prov)
            printf(", provisional %d", prov);
        if (approx)
            printf(", approximate %d", approx);
        if (inc)
            printf(", incomplete %d", inc);
        if (susp)
            printf(", suspect %d", susp);
        putchar('\n');
    }
    printf("%zu series, %ld values, %ld missing, %ld warnings\n",
           tb_store_size(s), values, missing, cc.warnings);
    tb_store_free(s);
    cli_common_free(&cc);
    return 0;
}

/* The seed's figures the report tests share (test_report.c,
 * test_report_folder.c): a store with them, the region codes and names. */
#ifndef TB_REPORT_TEST_H
#define TB_REPORT_TEST_H

#include "tb_test.h"

#include <string.h>

#include "trendbeeld/report.h"

/* Meldingen overlast jeugd, Noord-Nederland (seed 000, Bijlage 1).
 *
 * Hand computation:
 *   totals: 2008 3207 + 2931 + 2476 = 8614;  2009 2976 + 2637 + 2267 = 7880
 *           2010 2588 + 2665 + 2261 = 7514;  2011 2275 + 2931 + 1971 = 7177
 *   total 2008-2011: 7177 / 8614 - 1 = -0.166821  -> -16,7%
 *   total 2011 vs 2010: 7177 / 7514 - 1 = -0.044850 -> 4,5% lower
 *   2011 vs 2010: Groningen 2275 / 2588 - 1 = -0.120943 -> -12,1%
 *                 Fryslân   2931 / 2665 - 1 = +0.099812 -> +10,0%
 *                 Drenthe   1971 / 2261 - 1 = -0.128262 -> -12,8% (largest fall)
 *   2008-2011:    Groningen 2275 / 3207 - 1 = -0.290614 -> -29,1%
 *                 Drenthe   1971 / 2476 - 1 = -0.203958 -> -20,4%
 *                 Fryslân   2931 / 2931 - 1 = 0        -> 0,0% (back at 2008)
 * (The total for 2011 is 7177, not 7131.) */
static const double groningen[4] = {3207, 2976, 2588, 2275};
static const double fryslan[4] = {2931, 2637, 2665, 2931};
static const double drenthe[4] = {2476, 2267, 2261, 1971};

#define M TB_FMT_MINUS
#define starts_with(a, b) (strncmp((a), (b), strlen(b)) == 0)

static inline tb_store *seed_store(void)
{
    tb_store *s = tb_store_new();
    for (int k = 0; k < 4; k++) {
        tb_store_put(s, "PV20", "overlast jeugd", "meldingen", 2008 + k,
                     groningen[k], 0, "GIDS/BVH", NULL, NULL, NULL);
        tb_store_put(s, "PV21", "overlast jeugd", "meldingen", 2008 + k,
                     fryslan[k], 0, "GIDS/BVH", NULL, NULL, NULL);
        tb_store_put(s, "PV22", "overlast jeugd", "meldingen", 2008 + k,
                     drenthe[k], 0, "GIDS/BVH", NULL, NULL, NULL);
    }
    return s;
}

static const char *const codes[3] = {"PV20", "PV21", "PV22"};
static const char *const names[3] = {"Groningen", "Fryslân", "Drenthe"};

#endif

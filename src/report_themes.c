/* Which sections a report has by default: the priority themes found in the
 * data, per police unit (eenheid), comparing its districts or provinces. */
#include "trendbeeld/report.h"
#include "grow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "trendbeeld/load.h"
#include "trendbeeld/text.h"

typedef struct {
    const char *id, *title_nl, *title_en, *what_nl, *what_en;
    const char *candidates[6];
} theme_def;

/* The priority themes of the Veiligheidsbeeld (woninginbraak, geweld and
 * high impact crime, jeugd/overlast) and the total, with the codes and
 * names an indicator list may use for them. */
static const theme_def defs[] = {
    {"woninginbraak", "Woninginbraak", "Residential burglary", "woninginbraken",
     "residential burglaries",
     {"1.1.1", "1.3.01", "woninginbraak", "Diefstal/inbraak woning", NULL}},
    {"hic", "High impact crime", "High impact crime", "high impact crimes",
     "high impact crimes", {"HIC", "high impact crime", "high-impact-crime", NULL}},
    {"geweld", "Geweld", "Violence", "geweldsmisdrijven", "violent crimes",
     {"geweld", "1.4", "Geweldsmisdrijven", NULL}},
    {"mishandeling", "Mishandeling", "Assault", "mishandelingen", "assaults",
     {"1.4.5", "mishandeling", NULL}},
    {"overlast_jeugd", "Overlast jeugd", "Youth nuisance", "meldingen overlast jeugd",
     "youth nuisance reports", {"overlast jeugd", "jeugdoverlast", "1.2.2.1", NULL}},
    {"totaal", "Totaal misdrijven", "All recorded crime", "misdrijven",
     "recorded crimes", {"0.0.0", "totaal misdrijven", "Misdrijven, totaal", "T001161", NULL}},
};

static const char *measures[] = {"aangiften", "misdrijven", "meldingen", "incidenten"};

struct tb_report_plan {
    size_t n, cap;
    tb_report_theme *t;
    char *missing;      /* themes without data, one a line */
    size_t missing_len;
    /* per theme: owned arrays and strings */
    char **owned;
    size_t nowned, capowned;
};

static char *keep(tb_report_plan *p, char *s)
{
    if (!s)
        return NULL;
    if (TB_GROW(p->owned, p->capowned, p->nowned + 1, 32) != 0) {
        free(s);
        return NULL;
    }
    p->owned[p->nowned++] = s;
    return s;
}

size_t tb_report_plan_size(const tb_report_plan *p)
{
    return p ? p->n : 0;
}

const tb_report_theme *tb_report_plan_themes(const tb_report_plan *p)
{
    return p ? p->t : NULL;
}

const char *tb_report_plan_missing(const tb_report_plan *p)
{
    return p && p->missing && *p->missing ? p->missing : NULL;
}

void tb_report_plan_free(tb_report_plan *p)
{
    if (!p)
        return;
    free(p->missing);
    for (size_t i = 0; i < p->nowned; i++)
        free(p->owned[i]);
    free(p->owned);
    free(p->t);
    free(p);
}

/* Is there a series for (indicator, measure) in S?  With REGION NULL any
 * region counts. */
static const tb_series *has(const tb_store *s, const char *region,
                            const char *indicator, const char *measure)
{
    if (region)
        return tb_store_find(s, region, indicator, measure);
    for (size_t i = 0; i < tb_store_size(s); i++) {
        const tb_series *x = tb_store_at(s, i);
        if (!strcmp(x->indicator, indicator) && !strcmp(x->measure, measure))
            return x;
    }
    return NULL;
}

/* The store's indicator key for a theme, or NULL. */
static const char *find_indicator(const tb_store *s, const tb_codelist *ind,
                                  const theme_def *d, const char **measure)
{
    for (int c = 0; d->candidates[c]; c++) {
        const char *keys[2] = {d->candidates[c], NULL};
        if (ind) {
            const tb_code *e = tb_codelist_match(ind, d->candidates[c]);
            if (e)
                keys[1] = e->code;
        }
        for (int k = 0; k < 2; k++) {
            if (!keys[k])
                continue;
            for (size_t m = 0; m < sizeof measures / sizeof *measures; m++) {
                const tb_series *x = has(s, NULL, keys[k], measures[m]);
                if (x) {
                    *measure = x->measure;
                    return x->indicator;
                }
            }
        }
    }
    return NULL;
}

static tb_status add(tb_report_plan *p, const tb_report_theme *t, tb_error *err)
{
    if (TB_GROW(p->t, p->cap, p->n + 1, 8) != 0)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    p->t[p->n++] = *t;
    return TB_OK;
}

/* Code-list entries by name without case and diacritics ('s-Hertogenbosch
 * sorts as s-hertogenbosch, after Roermond), then by code. */
static int by_name(const void *a, const void *b)
{
    const tb_code *x = *(const tb_code *const *)a, *y = *(const tb_code *const *)b;
    char kx[256], ky[256];
    tb_text_key(x->name ? x->name : x->code, kx, sizeof kx);
    tb_text_key(y->name ? y->name : y->code, ky, sizeof ky);
    const char *px = kx + (kx[0] == '\''), *py = ky + (ky[0] == '\'');
    int c = strcmp(px, py);
    return c ? c : strcmp(x->code, y->code);
}

/* Regions below UNIT of LEVEL that have the series; returns how many.
 * ABSENT (may be NULL) gets those of LEVEL that still exist but have no
 * series (*NABSENT of them, at most MAX): without them the regions are
 * not the whole of UNIT. */
static size_t members(const tb_store *s, const tb_codelist *rl, const char *unit,
                      const char *level, const char *ind, const char *meas,
                      const char **out, size_t max, const char **absent, size_t *nabsent)
{
    size_t nc = tb_codelist_children(rl, unit, NULL, 0);
    const tb_code **ch = calloc(nc ? nc : 1, sizeof *ch);
    if (nabsent)
        *nabsent = 0;
    if (!ch)
        return 0;
    tb_codelist_children(rl, unit, ch, nc);
    /* by name, as readers look a gemeente up (not by code) */
    qsort(ch, nc, sizeof *ch, by_name);
    size_t k = 0;
    for (size_t i = 0; i < nc && k < max; i++) {
        if (!ch[i]->level || strcasecmp(ch[i]->level, level))
            continue;
        if (has(s, ch[i]->code, ind, meas))
            out[k++] = ch[i]->code;
        else if (absent && !ch[i]->to_year && *nabsent < max)
            absent[(*nabsent)++] = ch[i]->code;
    }
    free(ch);
    return k;
}

static int by_last_value_desc(const void *a, const void *b)
{
    const tb_series *x = *(const tb_series *const *)a, *y = *(const tb_series *const *)b;
    double u = tb_series_get(x, tb_series_last_year(x)),
           v = tb_series_get(y, tb_series_last_year(y));
    if (isnan(u))
        u = -INFINITY;
    if (isnan(v))
        v = -INFINITY;
    return (u < v) - (u > v);
}

int tb_report_theme_known(const char *id)
{
    for (size_t d = 0; id && d < sizeof defs / sizeof *defs; d++)
        if (!strcasecmp(defs[d].id, id))
            return 1;
    return 0;
}

const char *tb_report_theme_list(void)
{
    return "woninginbraak, hic, geweld, mishandeling, overlast_jeugd, totaal";
}

static int selected(const tb_report_select *sel, const char *id)
{
    if (!sel || sel->nthemes == 0)
        return 1;
    for (size_t i = 0; i < sel->nthemes; i++)
        if (!strcasecmp(sel->themes[i], id))
            return 1;
    return 0;
}

/* Sections of theme T for one area U.  An eenheid compares its districts
 * (or its provinces), and for woninginbraak also the gemeenten of each
 * district; any other area compares its gemeenten.  An area whose parts
 * have no series is shown on its own when it has the series itself. */
static tb_status area_sections(tb_report_plan *p, const tb_store *s,
                               const tb_codelist *regions, const theme_def *def,
                               const tb_report_theme *t, const tb_code *u, int en,
                               size_t *added, tb_error *err)
{
    const char *ind = t->indicator, *meas = t->measure;
    int unit = u->level && !strcasecmp(u->level, "eenheid");
    const char **m = calloc(256, sizeof *m), **gone = calloc(256, sizeof *gone);
    if (!m || !keep(p, (char *)m) || !gone || !keep(p, (char *)gone))
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    const char *units;
    size_t k, ngone = 0;
    if (unit) {
        /* provinces when they are as many as the districts (Noord-
         * Nederland: the same areas, and CBS gives provinces their
         * population), else the finer districts (Oost-Nederland) */
        const char *pv[64], *pvgone[64];
        size_t npvgone;
        units = en ? "districts" : "districten";
        k = members(s, regions, u->code, "district", ind, meas, m, 64, gone, &ngone);
        size_t kp = members(s, regions, u->code, "provincie", ind, meas, pv, 64, pvgone,
                            &npvgone);
        if (kp >= 2 && kp >= k) {
            memcpy(m, pv, kp * sizeof *pv);
            memcpy(gone, pvgone, npvgone * sizeof *pvgone);
            k = kp;
            ngone = npvgone;
            units = en ? "provinces" : "provincies";
        }
    } else {
        units = en ? "municipalities" : "gemeenten";
        k = members(s, regions, u->code, "gemeente", ind, meas, m, 256, gone, &ngone);
    }
    if (k < 2) {
        if (!has(s, u->code, ind, meas))
            return TB_OK;
        m[0] = u->code; /* the area on its own */
        k = 1;
        ngone = 0;
    }
    const char *name = u->name ? u->name : u->code;
    char *id = malloc(strlen(def->id) + strlen(u->code) + 2);
    char *title = malloc(strlen(t->title) + strlen(name) + 8);
    if (!keep(p, id) || !keep(p, title))
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    sprintf(id, "%s_%s", def->id, u->code);
    sprintf(title, "%s, %s", t->title, name);
    tb_report_theme ut = *t;
    ut.id = id;
    ut.title = title;
    ut.area = name;
    ut.units = units;
    ut.regions = m;
    ut.nregions = k;
    ut.total = k > 1 && ngone == 0;
    ut.absent = gone;
    ut.nabsent = ngone;
    tb_status rc = add(p, &ut, err);
    if (rc)
        return rc;
    (*added)++;
    /* woninginbraak, the first priority: also per gemeente, one section
     * per district of the unit */
    if (!unit || strcmp(def->id, "woninginbraak"))
        return TB_OK;
    const tb_code *dist[64];
    size_t nd = tb_codelist_children(regions, u->code, dist, 64);
    for (size_t j = 0; j < nd && j < 64 && !rc; j++) {
        if (!dist[j]->level || strcasecmp(dist[j]->level, "district"))
            continue;
        const char **g = calloc(256, sizeof *g);
        if (!g || !keep(p, (char *)g))
            return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
        const char **ggone = calloc(256, sizeof *ggone);
        if (!ggone || !keep(p, (char *)ggone))
            return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
        size_t nggone;
        size_t kg = members(s, regions, dist[j]->code, "gemeente", ind, meas, g, 256, ggone,
                            &nggone);
        if (kg < 2)
            continue;
        char *gid = malloc(strlen(def->id) + strlen(dist[j]->code) + 12);
        char *gt = malloc(strlen(t->title) + strlen(dist[j]->name) + 40);
        if (!keep(p, gid) || !keep(p, gt))
            return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
        sprintf(gid, "%s_%s_gemeenten", def->id, dist[j]->code);
        sprintf(gt, en ? "%s by municipality, district %s" : "%s per gemeente, district %s",
                t->title, dist[j]->name);
        tb_report_theme gtm = *t;
        gtm.id = gid;
        gtm.title = gt;
        gtm.area = dist[j]->name;
        gtm.units = en ? "municipalities" : "gemeenten";
        gtm.regions = g;
        gtm.nregions = kg;
        gtm.total = nggone == 0; /* the gemeenten make up the district */
        gtm.absent = ggone;
        gtm.nabsent = nggone;
        rc = add(p, &gtm, err);
    }
    return rc;
}

tb_status tb_report_plan_default(const tb_store *s, const tb_codelist *regions,
                                 const tb_codelist *indicators, tb_lang lang,
                                 tb_report_plan **out, tb_diag *warn,
                                 tb_error *err)
{
    return tb_report_plan_select(s, regions, indicators, lang, NULL, out, warn, err);
}

tb_status tb_report_plan_select(const tb_store *s, const tb_codelist *regions,
                                const tb_codelist *indicators, tb_lang lang,
                                const tb_report_select *sel, tb_report_plan **out,
                                tb_diag *warn, tb_error *err)
{
    *out = NULL;
    size_t nareas = sel ? sel->nareas : 0;
    for (size_t i = 0; i < (sel ? sel->nthemes : 0); i++)
        if (!tb_report_theme_known(sel->themes[i]))
            return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                                "theme '%s' is unknown; expected some of %s",
                                sel->themes[i], tb_report_theme_list());
    /* the areas, looked up once: every name must be known */
    const tb_code **area = calloc(nareas ? nareas : 1, sizeof *area);
    if (!area)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < nareas && regions; i++) {
        area[i] = tb_codelist_match(regions, sel->areas[i]);
        if (!area[i]) {
            free(area);
            return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                                "region '%s' is not in the region list; expected a "
                                "code or name from it", sel->areas[i]);
        }
    }
    tb_report_plan *p = calloc(1, sizeof *p);
    if (!p) {
        free(area);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    }
    int en = lang == TB_LANG_EN;
    size_t ns = tb_store_size(s);
    tb_status rc = TB_OK;
    FILE *miss = open_memstream(&p->missing, &p->missing_len);
    if (!miss) {
        free(p);
        free(area);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t d = 0; d < sizeof defs / sizeof *defs && !rc; d++) {
        const theme_def *def = &defs[d];
        if (!selected(sel, def->id))
            continue;
        /* geweld as a group makes mishandeling alone redundant, unless
         * mishandeling was asked for by name */
        if (!strcmp(def->id, "mishandeling") && p->n > 0 &&
            !strncmp(p->t[p->n - 1].id, "geweld", 6) && !(sel && sel->nthemes))
            continue;
        const char *meas = NULL, *ind = find_indicator(s, indicators, def, &meas);
        if (!ind) {
            /* said in the report: a priority theme the data cannot show */
            if (strcmp(def->id, "mishandeling") && strcmp(def->id, "geweld"))
                fprintf(miss, en ? "%s: no series in the data (looked for %s)\n"
                                 : "%s: geen reeks in de gegevens (gezocht: %s)\n",
                        en ? def->title_en : def->title_nl, def->candidates[0]);
            else if (!strcmp(def->id, "geweld"))
                fprintf(miss, en ? "%s: no series for the group in the data; "
                                   "assault (1.4.5) is shown when present\n"
                                 : "%s: geen reeks voor de groep in de gegevens; "
                                   "mishandeling (1.4.5) wordt getoond als die er is\n",
                        en ? def->title_en : def->title_nl);
            else if (sel && sel->nthemes)
                fprintf(miss, en ? "%s: no series in the data (looked for %s)\n"
                                 : "%s: geen reeks in de gegevens (gezocht: %s)\n",
                        en ? def->title_en : def->title_nl, def->candidates[0]);
            continue;
        }
        tb_report_theme t = {.title = en ? def->title_en : def->title_nl,
                             .what = en ? def->what_en : def->what_nl,
                             .indicator = ind, .measure = meas};
        size_t added = 0;
        if (regions && nareas) {
            for (size_t i = 0; i < nareas && !rc; i++)
                rc = area_sections(p, s, regions, def, &t, area[i], en, &added, err);
            if (!added && !rc)
                fprintf(miss, en ? "%s: no series for the chosen regions\n"
                                 : "%s: geen reeks voor de gekozen regio's\n",
                        t.title);
            continue;
        }
        /* per eenheid: its districts, else its provinces */
        for (size_t i = 0; regions && i < tb_codelist_size(regions) && !rc; i++) {
            const tb_code *u = tb_codelist_at(regions, i);
            if (u->level && !strcasecmp(u->level, "eenheid"))
                rc = area_sections(p, s, regions, def, &t, u, en, &added, err);
        }
        if (added || rc)
            continue;
        /* no unit hierarchy: the regions that have the series (or the
         * chosen ones) */
        const tb_series **xs = calloc(ns ? ns : 1, sizeof *xs);
        if (!xs || !keep(p, (char *)xs)) {
            rc = tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        size_t k = 0;
        for (size_t i = 0; i < ns; i++) {
            const tb_series *x = tb_store_at(s, i);
            int chosen = !nareas;
            for (size_t a = 0; a < nareas && !chosen; a++)
                chosen = !strcmp(x->region, sel->areas[a]);
            if (chosen && !strcmp(x->indicator, ind) && !strcmp(x->measure, meas))
                xs[k++] = x;
        }
        if (k == 0) {
            fprintf(miss, en ? "%s: no series for the chosen regions\n"
                             : "%s: geen reeks voor de gekozen regio's\n",
                    t.title);
            continue;
        }
        if (k > TB_REPORT_MAX_REGIONS) {
            qsort(xs, k, sizeof *xs, by_last_value_desc);
            if (warn)
                tb_diag_add(warn, NULL, 0, 0,
                            "%s: %zu regions have this series; the report shows "
                            "the %d largest (give a region list to group them)",
                            t.title, k, TB_REPORT_MAX_REGIONS);
            k = TB_REPORT_MAX_REGIONS;
        }
        const char **m = calloc(k, sizeof *m);
        if (!m || !keep(p, (char *)m)) {
            rc = tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        for (size_t i = 0; i < k; i++)
            m[i] = xs[i]->region;
        t.id = def->id;
        t.regions = m;
        t.nregions = k;
        t.total = 0; /* not known to be parts of one whole */
        rc = add(p, &t, err);
    }
    fclose(miss);
    free(area);
    if (rc) {
        tb_report_plan_free(p);
        return rc;
    }
    *out = p;
    return TB_OK;
}

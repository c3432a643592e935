/* The sentences under a chart: what the numbers say, and nothing more. */
#include "trendbeeld/report.h"
#include "grow.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A change smaller than this (in %, after rounding to one decimal) is
 * "nagenoeg gelijk"; a level within LEVEL_PCT of an earlier one is "op het
 * niveau van" that year. */
#define FLAT_PCT 1.0
#define LEVEL_PCT 1.0
/* Beyond this many regions the text groups them instead of naming each. */
#define MANY 6

typedef struct {
    FILE *f;
    char *buf;
    size_t len;
    tb_claim *claims;
    size_t nclaims, cap;
    tb_lang lang;
    int oom;
} writer;

/* The writer's language picks the words: tb_tr for this writer. */
static const char *tr(const writer *w, const char *nl, const char *en)
{
    return tb_tr(w->lang, nl, en);
}

static void say(writer *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(w->f, fmt, ap);
    va_end(ap);
}

/* Record a claim; returns the shown text (owned by the claim list, valid
 * until the next claim: copy it or use it at once). */
static const char *claim(writer *w, const char *key, double value,
                         const char *shown)
{
    if (TB_GROW(w->claims, w->cap, w->nclaims + 1, 16) != 0) {
        w->oom = 1;
        return shown;
    }
    tb_claim *c = &w->claims[w->nclaims++];
    snprintf(c->key, sizeof c->key, "%s", key);
    c->value = value;
    snprintf(c->shown, sizeof c->shown, "%s", shown);
    return c->shown;
}

/* A level: whole numbers for counts, one decimal otherwise. */
static void level(writer *w, const char *key, double v)
{
    char s[48];
    tb_fmt_num(s, sizeof s, v, fabs(v - round(v)) > 1e-9 ? 1 : 0, w->lang);
    say(w, "%s", claim(w, key, v, s));
}

/* A change in percent: signed ("−12,8%", "+10,0%") or as a size ("12,8%"). */
static void change(writer *w, const char *key, double pct, int as_size)
{
    char s[48];
    if (as_size)
        tb_fmt_pct(s, sizeof s, fabs(pct), 1, w->lang);
    else
        tb_fmt_change_pct(s, sizeof s, pct, 1, w->lang);
    say(w, "%s", claim(w, key, pct, s));
}

/* The level of NAME in year Y, claimed as "NAME.Y". */
static void level_at(writer *w, const char *name, int y, double v)
{
    char key[160];
    snprintf(key, sizeof key, "%s.%d", name, y);
    level(w, key, v);
}

/* The change of NAME from year Y0 to Y1, claimed as "NAME.change_pct.Y0-Y1". */
static void period_change(writer *w, const char *name, int y0, int y1, double pct)
{
    char key[160];
    snprintf(key, sizeof key, "%s.change_pct.%d-%d", name, y0, y1);
    change(w, key, pct, 0);
}

/* The change of NAME into year Y, claimed as "NAME.yoy_pct.Y". */
static void yoy_change(writer *w, const char *name, int y, double pct, int as_size)
{
    char key[160];
    snprintf(key, sizeof key, "%s.yoy_pct.%d", name, y);
    change(w, key, pct, as_size);
}

/* A number of regions, claimed under KEY; returns the shown text (see
 * claim). */
static const char *count(writer *w, const char *key, size_t k)
{
    char s[48];
    snprintf(s, sizeof s, "%zu", k);
    return claim(w, key, (double)k, s);
}

/* -1 down, 0 (nagenoeg) gelijk, +1 up, 2 undefined (from 0 or missing). */
static int direction(double pct)
{
    if (!isfinite(pct))
        return 2;
    double r = tb_fmt_round(pct, 1);
    if (fabs(r) < FLAT_PCT)
        return 0;
    return r < 0 ? -1 : 1;
}

static double pct_change(double a, double b)
{
    return 100.0 * (b / a - 1.0);
}

/* "2011", or "2024*" for a provisional year (the text ends by saying
 * which years are provisional). */
static void year(writer *w, int y, int prov)
{
    say(w, "%d%s", y, prov ? "*" : "");
}

/* " Over 2012–2025*": the period, with its provisional ends marked. */
static void span(writer *w, int y0, int p0, int y1, int p1)
{
    say(w, " Over ");
    year(w, y0, p0);
    say(w, "–");
    year(w, y1, p1);
}

static int prov_any(const tb_series *const *s, size_t n, int y)
{
    for (size_t i = 0; i < n; i++)
        if (tb_series_flags(s[i], y) & TB_FLAG_PROVISIONAL)
            return 1;
    return 0;
}

static const char *verb_past(const writer *w, int dir)
{
    return dir < 0 ? tr(w, "daalde", "fell") : tr(w, "steeg", "rose");
}

static const char *noun(const writer *w, int dir)
{
    return dir < 0 ? tr(w, "daling", "decrease") : tr(w, "stijging", "increase");
}

void tb_text_free(tb_text *t)
{
    if (!t)
        return;
    free(t->text);
    free(t->claims);
    free(t);
}

/* A comparison of every region between two years. */
typedef struct {
    const char *const *names;
    const double *from, *to, *pct; /* values in YFROM and YTO, % change */
    int yfrom, yto;
    int period;                    /* keys: change_pct.A-B (1) or yoy_pct.B (0) */
    double small;                  /* below this FROM a % says little */
} cmp;

/* Is the change of region I worth a percentage? */
static int pct_fits(const cmp *c, size_t i)
{
    return isfinite(c->pct[i]) && !(c->from[i] < c->small);
}

/* One region's change: "+10,0%", or "van 3 naar 9" where a percentage
 * cannot be computed (from 0) or says little (a small count). */
static void region_change(writer *w, const cmp *c, size_t i)
{
    if (pct_fits(c, i)) {
        if (c->period)
            period_change(w, c->names[i], c->yfrom, c->yto, c->pct[i]);
        else
            yoy_change(w, c->names[i], c->yto, c->pct[i], 0);
        return;
    }
    say(w, tr(w, "van ", "from "));
    level_at(w, c->names[i], c->yfrom, c->from[i]);
    say(w, tr(w, " naar ", " to "));
    level_at(w, c->names[i], c->yto, c->to[i]);
}

/* "A (x), B (y) en C (z)" for the regions in IDX. */
static void region_list(writer *w, const cmp *c, const size_t *idx, size_t k)
{
    for (size_t j = 0; j < k; j++) {
        if (j > 0)
            say(w, "%s", j + 1 == k ? tr(w, " en ", " and ") : ", ");
        say(w, "%s (", c->names[idx[j]]);
        region_change(w, c, idx[j]);
        say(w, ")");
    }
}

/* Sort IDX[0..K) by the size of PCT, largest first, undefined last
 * (insertion sort: K is the number of regions in one chart). */
static double size_of(const cmp *c, size_t i)
{
    return pct_fits(c, i) ? fabs(c->pct[i]) : -1;
}

static void by_size(const cmp *c, size_t *idx, size_t k)
{
    for (size_t a = 1; a < k; a++)
        for (size_t b = a; b > 0 && size_of(c, idx[b]) > size_of(c, idx[b - 1]); b--) {
            size_t t = idx[b];
            idx[b] = idx[b - 1];
            idx[b - 1] = t;
        }
}

/* Regions whose direction differs from DTOT, one sentence per direction:
 * "In A (+5,0%), B (+3,2%) en C (van 3 naar 9) steeg het aantal juist." */
static void grouped(writer *w, const cmp *c, size_t *idx, size_t n, int dtot)
{
    static const int order[4] = {-1, 1, 0, 2};
    for (int o = 0; o < 4; o++) {
        int d = order[o];
        if (dtot != 0 && d == dtot)
            continue;
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (direction(c->pct[i]) == d)
                idx[k++] = i;
        if (!k)
            continue;
        by_size(c, idx, k);
        say(w, " In ");
        region_list(w, c, idx, k);
        if (d == 2)
            say(w, tr(w, " is geen percentage te berekenen.",
                         " no percentage can be computed."));
        else if (d == 0)
            say(w, tr(w, " bleef het aantal nagenoeg gelijk.",
                         " the number stayed nearly the same."));
        else if (dtot != 0)
            say(w, tr(w, " %s het aantal juist.", " the number %s instead."),
                verb_past(w, d));
        else
            say(w, tr(w, " %s het aantal.", " the number %s."), verb_past(w, d));
    }
}

/* What the sentences are about: every series' values in the three years
 * compared, and the words for them. */
typedef struct {
    const tb_describe_options *o;
    size_t n;
    const char **names;     /* display names */
    double *v0, *vp, *v1;   /* values in Y0, YP and Y1 */
    double *yoy, *per;      /* % change YP -> Y1 and Y0 -> Y1 */
    size_t *idx;            /* room for N region indices */
    int y0, yp, y1;         /* first, before-last and last shared year */
    int p0, pp, p1;         /* ... provisional in some series */
    const char *what, *units;
    int use_total;          /* sentences on the sum of the regions */
    /* The headline: the total (USE_TOTAL) or the only series (N is 1). */
    const char *hkey;
    double h0, hp, h1;
    cmp cy, cper;           /* the regions in the last year, over the period */
} figures;

/* The first, before-last and last year with a value in every series;
 * 0 when they share fewer than two such years. */
static int shared_years(const tb_series *const *series, size_t n, int *y0,
                        int *yp, int *y1)
{
    int lo = TB_YEAR_MAX, hi = TB_YEAR_MIN;
    for (size_t i = 0; i < n; i++) {
        if (series[i]->first_year < lo)
            lo = series[i]->first_year;
        if (tb_series_last_year(series[i]) > hi)
            hi = tb_series_last_year(series[i]);
    }
    *y0 = *yp = *y1 = 0;
    for (int y = lo; y <= hi; y++) {
        if (!tb_series_all_have(series, n, y, 0))
            continue;
        if (!*y0)
            *y0 = y;
        *yp = *y1;
        *y1 = y;
    }
    return *y0 && *y0 != *y1 && *yp;
}

static void figures_free(figures *f)
{
    free(f->names);
    free(f->v0);
    free(f->vp);
    free(f->v1);
    free(f->yoy);
    free(f->per);
    free(f->idx);
}

/* Fill F for the years Y0, YP, Y1 that every series has; 0 when out of
 * memory (F is then still to be freed). */
static int figures_fill(figures *f, const tb_series *const *series, size_t n,
                        const char *const *names_in, const tb_describe_options *o,
                        int y0, int yp, int y1)
{
    *f = (figures){.o = o, .n = n, .y0 = y0, .yp = yp, .y1 = y1};
    f->names = malloc(n * sizeof *f->names);
    f->v0 = malloc(n * sizeof *f->v0);
    f->v1 = malloc(n * sizeof *f->v1);
    f->vp = malloc(n * sizeof *f->vp);
    f->yoy = malloc(n * sizeof *f->yoy);
    f->per = malloc(n * sizeof *f->per);
    f->idx = malloc(n * sizeof *f->idx);
    if (!f->names || !f->v0 || !f->v1 || !f->vp || !f->yoy || !f->per || !f->idx)
        return 0;
    double t0 = 0, t1 = 0, tp = 0;
    for (size_t i = 0; i < n; i++) {
        f->names[i] = names_in && names_in[i] ? names_in[i] : series[i]->region;
        f->v0[i] = tb_series_get(series[i], y0);
        f->v1[i] = tb_series_get(series[i], y1);
        f->vp[i] = tb_series_get(series[i], yp);
        f->yoy[i] = pct_change(f->vp[i], f->v1[i]);
        f->per[i] = pct_change(f->v0[i], f->v1[i]);
        t0 += f->v0[i];
        t1 += f->v1[i];
        tp += f->vp[i];
    }
    f->what = o->what ? o->what : tb_tr(o->lang, "aangiften", "reports");
    f->units = o->units ? o->units : tb_tr(o->lang, "regio's", "regions");
    f->p0 = prov_any(series, n, y0);
    f->p1 = prov_any(series, n, y1);
    f->pp = prov_any(series, n, yp);
    f->use_total = n > 1 && o->total;
    f->hkey = f->use_total ? "total" : f->names[0];
    f->h0 = f->use_total ? t0 : f->v0[0];
    f->h1 = f->use_total ? t1 : f->v1[0];
    f->hp = f->use_total ? tp : f->vp[0];
    f->cy = (cmp){.names = f->names, .from = f->vp, .to = f->v1, .pct = f->yoy,
                  .yfrom = yp, .yto = y1, .period = 0, .small = o->small};
    f->cper = (cmp){.names = f->names, .from = f->v0, .to = f->v1, .pct = f->per,
                    .yfrom = y0, .yto = y1, .period = 1, .small = o->small};
    return 1;
}

/* "Het totaal aantal X in AREA " or "Het aantal X in REGION ". */
static void say_headline_subject(writer *w, const figures *f)
{
    if (!f->use_total) {
        say(w, tr(w, "Het aantal %s in %s ", "The number of %s in %s "), f->what,
            f->names[0]);
        return;
    }
    say(w, tr(w, "Het totaal aantal %s in ", "The total number of %s in "), f->what);
    if (f->o->area)
        say(w, "%s ", f->o->area);
    else
        say(w, tr(w, "de %zu %s samen ", "the %zu %s together "), f->n, f->units);
}

/* S1, the whole period of the total (or the only series): "... daalde van
 * 1.984 in 2012 naar 653 in 2025* (−67,1%)."  Returns its direction, 0
 * for undefined. */
static int say_headline_period(writer *w, const figures *f)
{
    double pch = pct_change(f->h0, f->h1);
    int d = direction(pch);
    say_headline_subject(w, f);
    if (d != 0) {
        say(w, tr(w, "%s van ", "%s from "), verb_past(w, d));
        level_at(w, f->hkey, f->y0, f->h0);
        say(w, " in ");
        year(w, f->y0, f->p0);
        say(w, tr(w, " naar ", " to "));
    } else {
        say(w, tr(w, "bleef %s: ", "stayed %s: "),
            f->h1 == f->h0 ? tr(w, "gelijk", "the same")
                           : tr(w, "nagenoeg gelijk", "nearly the same"));
        level_at(w, f->hkey, f->y0, f->h0);
        say(w, " in ");
        year(w, f->y0, f->p0);
        say(w, tr(w, " en ", " and "));
    }
    level_at(w, f->hkey, f->y1, f->h1);
    say(w, " in ");
    year(w, f->y1, f->p1);
    say(w, " (");
    period_change(w, f->hkey, f->y0, f->y1, pch);
    say(w, ").");
    return d == 2 ? 0 : d; /* with two years the period is the last change */
}

/* S2, the last year of the total (or the only series) against the one
 * before: " In 2025* daalde het totaal met 12,8% ten opzichte van 2024
 * (van 749 naar 653)."  Returns its direction, 0 for undefined. */
static int say_headline_last_year(writer *w, const figures *f)
{
    double pyy = pct_change(f->hp, f->h1);
    int dy = direction(pyy);
    say(w, " In ");
    year(w, f->y1, f->p1);
    const char *it = f->use_total ? tr(w, "het totaal", "the total")
                                  : tr(w, "het aantal", "the number");
    if (dy != 0) {
        if (w->lang == TB_LANG_EN)
            say(w, " %s %s by ", it, verb_past(w, dy));
        else
            say(w, " %s %s met ", verb_past(w, dy), it);
        yoy_change(w, f->hkey, f->y1, pyy, 1);
        say(w, tr(w, " ten opzichte van ", " compared with "));
    } else {
        say(w, tr(w, " bleef %s nagenoeg gelijk (", " %s stayed nearly the same ("), it);
        yoy_change(w, f->hkey, f->y1, pyy, 0);
        say(w, tr(w, ") ten opzichte van ", ") compared with "));
    }
    year(w, f->yp, f->pp);
    say(w, tr(w, " (van ", " (from "));
    level_at(w, f->hkey, f->yp, f->hp);
    say(w, tr(w, " naar ", " to "));
    level_at(w, f->hkey, f->y1, f->h1);
    say(w, ").");
    return dy == 2 ? 0 : dy;
}

/* Without a total, the lead of S3: in how many regions the number fell
 * and rose in the last year.  Returns the direction of most of them (0
 * when as many fell as rose). */
static int say_regions_lead(writer *w, const figures *f)
{
    size_t down = 0, up = 0;
    for (size_t i = 0; i < f->n; i++) {
        int d = direction(f->yoy[i]);
        down += d < 0;
        up += d > 0;
    }
    say(w, tr(w, " Van ", " From "));
    year(w, f->yp, f->pp);
    say(w, tr(w, " op ", " to "));
    year(w, f->y1, f->p1);
    say(w, tr(w, " daalde het aantal %s in %s", " the number of %s fell in %s"),
        f->what, count(w, "regions_down", down));
    say(w, tr(w, " van de %s %s", " of the %s %s"), count(w, "regions", f->n),
        f->units);
    if (up > 0)
        say(w, tr(w, " en steeg het in %s", " and rose in %s"),
            count(w, "regions_up", up));
    say(w, ".");
    return down > up ? -1 : up > down ? 1 : 0;
}

/* The regions that went the way of the total (DTOT, not 0): where the
 * change was largest ("grootst" only among changes a percentage describes
 * well), or the only one.  Returns how many went that way. */
static size_t say_along_total(writer *w, const figures *f, int dtot)
{
    size_t k = 0, *idx = f->idx;
    for (size_t i = 0; i < f->n; i++)
        if (direction(f->yoy[i]) == dtot)
            idx[k++] = i;
    by_size(&f->cy, idx, k);
    if (k >= 2 && pct_fits(&f->cy, idx[0])) {
        say(w, tr(w, " De %s is het grootst in %s (", " The %s is largest in %s ("),
            noun(w, dtot), f->names[idx[0]]);
        yoy_change(w, f->names[idx[0]], f->y1, f->yoy[idx[0]], 0);
        say(w, ").");
    } else if (k == 1 && f->n > 1) {
        say(w, tr(w, " Alleen in %s %s het aantal (", " Only in %s did the number %s ("),
            f->names[idx[0]],
            w->lang == TB_LANG_EN ? (dtot < 0 ? "fall" : "rise") : verb_past(w, dtot));
        region_change(w, &f->cy, idx[0]);
        say(w, ").");
    }
    return k;
}

/* ", daarmee weer ongeveer op het niveau van 2012 (40)": region I ends
 * where it began. */
static void say_back_at_level(writer *w, const figures *f, size_t i)
{
    say(w, tr(w, ", daarmee weer %s op het niveau van ", ", back at %s the level of "),
        f->v1[i] == f->v0[i] ? tr(w, "precies", "exactly") : tr(w, "ongeveer", "about"));
    year(w, f->y0, f->p0);
    say(w, " (");
    level_at(w, f->names[i], f->y0, f->v0[i]);
    say(w, ")");
}

/* One sentence on region I in the last year; EXCEPTION: most regions
 * went the way of the total and this one did not. */
static void say_region_last_year(writer *w, const figures *f, size_t i, int exception)
{
    int d = direction(f->yoy[i]);
    const char *name = f->names[i];
    if (d == 2) {
        say(w, tr(w, " In %s is geen percentage te berekenen (",
                  " In %s no percentage can be computed ("), name);
        region_change(w, &f->cy, i);
        say(w, ").");
        return;
    }
    if (d == 0) {
        say(w, tr(w, " In %s bleef het aantal nagenoeg gelijk (",
                  " In %s the number stayed nearly the same ("), name);
        yoy_change(w, name, f->y1, f->yoy[i], 0);
        say(w, ").");
        return;
    }
    if (exception)
        say(w, tr(w, " %s wijkt af: daar %s het aantal in ",
                  " %s is the exception: there the number %s in "),
            name, verb_past(w, d));
    else
        say(w, tr(w, " In %s %s het aantal in ", " In %s the number %s in "), name,
            verb_past(w, d));
    year(w, f->y1, f->p1);
    if (!pct_fits(&f->cy, i)) { /* a small count: the numbers, no % */
        say(w, " (");
        region_change(w, &f->cy, i);
        say(w, ").");
        return;
    }
    say(w, tr(w, " met ", " by "));
    yoy_change(w, name, f->y1, f->yoy[i], 1);
    say(w, tr(w, " (van ", " (from "));
    level_at(w, name, f->yp, f->vp[i]);
    say(w, tr(w, " naar ", " to "));
    level_at(w, name, f->y1, f->v1[i]);
    say(w, ")");
    if (f->y0 != f->yp && fabs(pct_change(f->v0[i], f->v1[i])) < LEVEL_PCT)
        say_back_at_level(w, f, i);
    say(w, ".");
}

/* S3: the regions in the last year, against the direction of the total
 * (DTOT; without a total, of most regions). */
static void say_regions_last_year(writer *w, const figures *f, int dtot)
{
    size_t same = dtot != 0 ? say_along_total(w, f, dtot) : 0;
    if (f->n > MANY) {
        grouped(w, &f->cy, f->idx, f->n, dtot);
        return;
    }
    for (size_t i = 0; i < f->n; i++)
        if (dtot == 0 || direction(f->yoy[i]) != dtot) /* else said above */
            say_region_last_year(w, f, i, dtot != 0 && same >= 2);
}

/* "; de grootste daling had A (−30,0%), de grootste stijging B (+5,0%)":
 * the extremes LO and HI (-1: none) of the period's changes. */
static void say_period_extremes(writer *w, const figures *f, long lo, long hi)
{
    if (lo >= 0 && direction(f->per[lo]) < 0) {
        say(w, tr(w, "; de grootste daling had %s (", "; the largest fall was in %s ("),
            f->names[lo]);
        region_change(w, &f->cper, (size_t)lo);
        say(w, ")");
    }
    if (hi >= 0 && hi != lo) {
        if (direction(f->per[hi]) > 0)
            say(w, tr(w, ", de grootste stijging %s (", ", the largest rise %s ("),
                f->names[hi]);
        else
            say(w, tr(w, ", de kleinste verandering %s (", ", the smallest change %s ("),
                f->names[hi]);
        region_change(w, &f->cper, (size_t)hi);
        say(w, ")");
    }
}

/* S4 for many regions: in how many the number fell and rose over the
 * whole period, and the extremes among the changes a percentage describes
 * well. */
static void say_period_counts(writer *w, const figures *f)
{
    size_t down = 0, up = 0;
    long lo = -1, hi = -1;
    for (size_t i = 0; i < f->n; i++) {
        int d = direction(f->per[i]);
        down += d == -1;
        up += d == 1;
        if (!pct_fits(&f->cper, i))
            continue;
        if (lo < 0 || f->per[i] < f->per[lo])
            lo = (long)i;
        if (hi < 0 || f->per[i] > f->per[hi])
            hi = (long)i;
    }
    span(w, f->y0, f->p0, f->y1, f->p1);
    say(w, tr(w, " daalde het aantal in ", " the number fell in "));
    if (down == f->n) {
        say(w, tr(w, "alle %s %s", "all %s %s"), count(w, "regions", f->n), f->units);
    } else {
        say(w, "%s", count(w, "regions_down.period", down));
        say(w, tr(w, " van de %s %s", " of the %s %s"), count(w, "regions", f->n),
            f->units);
        if (up > 0)
            say(w, tr(w, " en steeg het in %s", " and rose in %s"),
                count(w, "regions_up.period", up));
    }
    say_period_extremes(w, f, lo, hi);
    say(w, ".");
}

/* Part of S4 for few regions: the K regions in IDX whose period change
 * has direction D (2: undefined); FIRST: this part opens the sentence. */
static void say_period_group(writer *w, const figures *f, int d, const size_t *idx,
                             size_t k, int first)
{
    if (!first)
        say(w, "; ");
    if (d == 2) {
        say(w, first ? tr(w, "is in ", "in ") : tr(w, "in ", "in "));
        region_list(w, &f->cper, idx, k);
        say(w, tr(w, " geen percentage te berekenen", " no percentage can be computed"));
        return;
    }
    if (d != 0) {
        say(w, tr(w, "%s het aantal in ", "the number %s in "), verb_past(w, d));
        region_list(w, &f->cper, idx, k);
        return;
    }
    int exact = 1;
    for (size_t j = 0; j < k; j++)
        exact &= f->v0[idx[j]] == f->v1[idx[j]];
    const char *same = exact ? tr(w, "gelijk", "the same")
                             : tr(w, "nagenoeg gelijk", "nearly the same");
    if (first) {
        say(w, tr(w, "bleef het aantal %s in ", "the number stayed %s in "), same);
        region_list(w, &f->cper, idx, k);
    } else {
        say(w, tr(w, "in ", "in "));
        region_list(w, &f->cper, idx, k);
        say(w, tr(w, " bleef het %s", " it stayed %s"), same);
    }
}

/* S4 for few regions: one sentence naming every region by the direction
 * of its change over the whole period (down, the same, up, undefined). */
static void say_period_by_direction(writer *w, const figures *f)
{
    span(w, f->y0, f->p0, f->y1, f->p1);
    say(w, " ");
    int first = 1;
    for (int d = -1; d <= 2; d++) {
        size_t k = 0;
        for (size_t i = 0; i < f->n; i++)
            if (direction(f->per[i]) == d)
                f->idx[k++] = i;
        if (!k)
            continue;
        say_period_group(w, f, d, f->idx, k, first);
        first = 0;
    }
    say(w, ".");
}

/* S5: the region with the highest and the one with the lowest level in
 * the last year. */
static void say_highest_lowest(writer *w, const figures *f)
{
    size_t imax = 0, imin = 0;
    for (size_t i = 1; i < f->n; i++) {
        if (f->v1[i] > f->v1[imax])
            imax = i;
        if (f->v1[i] < f->v1[imin])
            imin = i;
    }
    say(w, " In ");
    year(w, f->y1, f->p1);
    say(w, tr(w, " is het aantal het hoogst in %s (", " the number is highest in %s ("),
        f->names[imax]);
    level_at(w, f->names[imax], f->y1, f->v1[imax]);
    say(w, tr(w, ") en het laagst in %s (", ") and lowest in %s ("), f->names[imin]);
    level_at(w, f->names[imin], f->y1, f->v1[imin]);
    say(w, ").");
}

/* The regions shown are not the whole area: which parts have no figures,
 * and so no total for the area. */
static void say_absent_note(writer *w, const figures *f)
{
    const tb_describe_options *o = f->o;
    say(w, tr(w, " Voor %zu van de %zu %s staan geen cijfers in de gegevens (",
              " The data has no figures for %zu of the %zu %s ("),
        o->nabsent, f->n + o->nabsent, f->units);
    for (size_t i = 0; i < o->nabsent; i++)
        say(w, "%s%s", i == 0 ? "" : i + 1 == o->nabsent ? tr(w, " en ", " and ") : ", ",
            o->absent[i]);
    say(w, tr(w, "), dus een totaal voor %s is er niet.",
              "), so there is no total for %s."), o->area);
}

/* " Cijfers over 2024 en 2025 (*) zijn voorlopig ...": the years marked *. */
static void say_provisional_note(writer *w, const figures *f)
{
    say(w, tr(w, " Cijfers over ", " Figures for "));
    int k = 0, ys[3] = {f->y0, f->yp, f->y1}, ps[3] = {f->p0, f->pp, f->p1};
    for (int j = 0; j < 3; j++)
        if (ps[j] && (j == 0 || ys[j] != ys[j - 1]))
            say(w, "%s%d", k++ ? tr(w, " en ", " and ") : "", ys[j]);
    say(w, tr(w, " (*) zijn voorlopig en kunnen nog veranderen.",
              " (*) are provisional and may still change."));
}

/* Every sentence, in order: the headline (S1, S2), the regions in the last
 * year (S3), over the period (S4), the highest and lowest (S5), notes. */
static void say_all(writer *w, const figures *f)
{
    if (f->n == 1) {
        say_headline_period(w, f);
        say_headline_last_year(w, f);
    } else {
        int dtot;
        if (f->use_total) {
            dtot = say_headline_period(w, f);
            if (f->yp != f->y0)
                dtot = say_headline_last_year(w, f);
        } else {
            dtot = say_regions_lead(w, f);
        }
        say_regions_last_year(w, f, dtot);
        if (f->y0 != f->yp && f->n > MANY)
            say_period_counts(w, f);
        else if (f->y0 != f->yp)
            say_period_by_direction(w, f);
        if (f->n >= 3)
            say_highest_lowest(w, f);
    }
    if (f->o->nabsent && f->o->area)
        say_absent_note(w, f);
    if (f->p0 || f->pp || f->p1)
        say_provisional_note(w, f);
}

/* Close W and hand its text (without the leading space) and claims to a
 * new tb_text in *OUT. */
static tb_status writer_take(writer *w, tb_text **out, tb_error *err)
{
    fclose(w->f);
    w->f = NULL;
    if (w->oom || !w->buf)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    if (w->buf[0] == ' ')
        memmove(w->buf, w->buf + 1, strlen(w->buf));
    tb_text *t = calloc(1, sizeof *t);
    if (!t)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    t->text = w->buf;
    w->buf = NULL;
    t->claims = w->claims;
    t->nclaims = w->nclaims;
    w->claims = NULL;
    *out = t;
    return TB_OK;
}

tb_status tb_report_describe(const tb_series *const *series, size_t n,
                             const char *const *names, const tb_describe_options *o,
                             tb_text **out, tb_error *err)
{
    *out = NULL;
    if (!series || n == 0 || !o)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "sentences need at least one series");
    int y0, yp, y1;
    if (!shared_years(series, n, &y0, &yp, &y1))
        return tb_error_set(err, TB_EDATA, NULL, 0, 0,
                            "'%s': the series share fewer than two years with "
                            "a value; a trend needs two",
                            o->what ? o->what : "");
    figures f;
    int filled = figures_fill(&f, series, n, names, o, y0, yp, y1);
    writer w = {.lang = o->lang};
    w.f = open_memstream(&w.buf, &w.len);
    tb_status rc;
    if (!filled || !w.f) {
        rc = tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    } else {
        say_all(&w, &f);
        rc = writer_take(&w, out, err);
    }
    if (w.f)
        fclose(w.f);
    free(w.buf);
    free(w.claims);
    figures_free(&f);
    return rc;
}

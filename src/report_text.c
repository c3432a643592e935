/* The sentences under a chart: what the numbers say, and nothing more. */
#include "trendbeeld/report.h"

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

static const char *tr(const writer *w, const char *nl, const char *en)
{
    return w->lang == TB_LANG_EN ? en : nl;
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
    if (w->nclaims == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 16;
        tb_claim *c = realloc(w->claims, cap * sizeof *c);
        if (!c) {
            w->oom = 1;
            return shown;
        }
        w->claims = c;
        w->cap = cap;
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
    char key[160];
    if (pct_fits(c, i)) {
        if (c->period)
            snprintf(key, sizeof key, "%s.change_pct.%d-%d", c->names[i], c->yfrom, c->yto);
        else
            snprintf(key, sizeof key, "%s.yoy_pct.%d", c->names[i], c->yto);
        change(w, key, c->pct[i], 0);
        return;
    }
    say(w, tr(w, "van ", "from "));
    snprintf(key, sizeof key, "%s.%d", c->names[i], c->yfrom);
    level(w, key, c->from[i]);
    say(w, tr(w, " naar ", " to "));
    snprintf(key, sizeof key, "%s.%d", c->names[i], c->yto);
    level(w, key, c->to[i]);
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

tb_status tb_report_describe(const tb_series *const *series, size_t n,
                             const char *const *names_in,
                             const tb_describe_options *o, tb_text **out,
                             tb_error *err)
{
    *out = NULL;
    if (!series || n == 0 || !o)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "sentences need at least one series");
    /* Years with a value in every series. */
    int lo = TB_YEAR_MAX, hi = TB_YEAR_MIN;
    for (size_t i = 0; i < n; i++) {
        if (series[i]->first_year < lo)
            lo = series[i]->first_year;
        if (tb_series_last_year(series[i]) > hi)
            hi = tb_series_last_year(series[i]);
    }
    int y0 = 0, y1 = 0, yp = 0;
    for (int y = lo; y <= hi; y++) {
        if (!tb_series_all_have(series, n, y, 0))
            continue;
        if (!y0)
            y0 = y;
        yp = y1;
        y1 = y;
    }
    if (!y0 || y0 == y1 || !yp)
        return tb_error_set(err, TB_EDATA, NULL, 0, 0,
                            "'%s': the series share fewer than two years with "
                            "a value; a trend needs two",
                            o->what ? o->what : "");
    const char **names = malloc(n * sizeof *names);
    double *v0 = malloc(n * sizeof *v0), *v1 = malloc(n * sizeof *v1),
           *vp = malloc(n * sizeof *vp), *yoy = malloc(n * sizeof *yoy),
           *per = malloc(n * sizeof *per);
    size_t *idx = malloc(n * sizeof *idx);
    writer w = {.lang = o->lang};
    w.f = open_memstream(&w.buf, &w.len);
    tb_status rc = TB_OK;
    if (!names || !v0 || !v1 || !vp || !yoy || !per || !idx || !w.f) {
        rc = tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    double t0 = 0, t1 = 0, tp = 0;
    for (size_t i = 0; i < n; i++) {
        names[i] = names_in && names_in[i] ? names_in[i] : series[i]->region;
        v0[i] = tb_series_get(series[i], y0);
        v1[i] = tb_series_get(series[i], y1);
        vp[i] = tb_series_get(series[i], yp);
        yoy[i] = pct_change(vp[i], v1[i]);
        per[i] = pct_change(v0[i], v1[i]);
        t0 += v0[i];
        t1 += v1[i];
        tp += vp[i];
    }
    const char *what = o->what ? o->what : tr(&w, "aangiften", "reports");
    const char *units = o->units ? o->units : tr(&w, "regio's", "regions");
    int p0 = prov_any(series, n, y0), p1 = prov_any(series, n, y1),
        pp = prov_any(series, n, yp);
    char key[160];
    int use_total = n > 1 && o->total;
    cmp cy = {.names = names, .from = vp, .to = v1, .pct = yoy, .yfrom = yp,
              .yto = y1, .period = 0, .small = o->small};
    cmp cper = {.names = names, .from = v0, .to = v1, .pct = per, .yfrom = y0,
                .yto = y1, .period = 1, .small = o->small};
    int dtot = 0;

    if (use_total || n == 1) {
        /* S1: the whole period.  S2: the last year against the one before. */
        double a = use_total ? t0 : v0[0], b = use_total ? t1 : v1[0],
               c = use_total ? tp : vp[0];
        const char *k = use_total ? "total" : names[0];
        double pch = pct_change(a, b), pyy = pct_change(c, b);
        int d = direction(pch);
        dtot = d == 2 ? 0 : d; /* with two years the period is the last change */
        if (use_total) {
            say(&w, tr(&w, "Het totaal aantal %s in ", "The total number of %s in "), what);
            if (o->area)
                say(&w, "%s ", o->area);
            else
                say(&w, tr(&w, "de %zu %s samen ", "the %zu %s together "), n, units);
        } else {
            say(&w, tr(&w, "Het aantal %s in %s ", "The number of %s in %s "), what,
                names[0]);
        }
        if (d != 0) {
            say(&w, tr(&w, "%s van ", "%s from "), verb_past(&w, d));
            snprintf(key, sizeof key, "%s.%d", k, y0);
            level(&w, key, a);
            say(&w, tr(&w, " in ", " in "));
            year(&w, y0, p0);
            say(&w, tr(&w, " naar ", " to "));
            snprintf(key, sizeof key, "%s.%d", k, y1);
            level(&w, key, b);
            say(&w, " in ");
            year(&w, y1, p1);
            say(&w, " (");
        } else {
            say(&w, tr(&w, "bleef %s: ", "stayed %s: "),
                b == a ? tr(&w, "gelijk", "the same")
                       : tr(&w, "nagenoeg gelijk", "nearly the same"));
            snprintf(key, sizeof key, "%s.%d", k, y0);
            level(&w, key, a);
            say(&w, " in ");
            year(&w, y0, p0);
            say(&w, tr(&w, " en ", " and "));
            snprintf(key, sizeof key, "%s.%d", k, y1);
            level(&w, key, b);
            say(&w, " in ");
            year(&w, y1, p1);
            say(&w, " (");
        }
        snprintf(key, sizeof key, "%s.change_pct.%d-%d", k, y0, y1);
        change(&w, key, pch, 0);
        say(&w, ").");
        if (yp != y0 || n == 1) {
            int dy = direction(pyy);
            say(&w, " ");
            say(&w, tr(&w, "In ", "In "));
            year(&w, y1, p1);
            const char *it = use_total ? tr(&w, "het totaal", "the total")
                                       : tr(&w, "het aantal", "the number");
            snprintf(key, sizeof key, "%s.yoy_pct.%d", k, y1);
            if (dy != 0) {
                if (w.lang == TB_LANG_EN)
                    say(&w, " %s %s by ", it, verb_past(&w, dy));
                else
                    say(&w, " %s %s met ", verb_past(&w, dy), it);
                change(&w, key, pyy, 1);
                say(&w, tr(&w, " ten opzichte van ", " compared with "));
            } else {
                say(&w, tr(&w, " bleef %s nagenoeg gelijk (", " %s stayed nearly the same ("), it);
                change(&w, key, pyy, 0);
                say(&w, tr(&w, ") ten opzichte van ", ") compared with "));
            }
            year(&w, yp, pp);
            say(&w, tr(&w, " (van ", " (from "));
            snprintf(key, sizeof key, "%s.%d", k, yp);
            level(&w, key, c);
            say(&w, tr(&w, " naar ", " to "));
            snprintf(key, sizeof key, "%s.%d", k, y1);
            level(&w, key, b);
            say(&w, ").");
            dtot = dy == 2 ? 0 : dy;
        }
        if (!use_total)
            goto provisional;
    }

    /* S3: the regions in the last year, against the direction of the total
     * (or, without a total, of most regions). */
    {
        if (!use_total) {
            int down = 0, up = 0;
            for (size_t i = 0; i < n; i++) {
                int d = direction(yoy[i]);
                down += d < 0;
                up += d > 0;
            }
            dtot = down > up ? -1 : up > down ? 1 : 0;
            /* lead: how many regions went which way */
            say(&w, tr(&w, " Van ", " From "));
            year(&w, yp, pp);
            say(&w, tr(&w, " op ", " to "));
            year(&w, y1, p1);
            char s_[48];
            snprintf(s_, sizeof s_, "%d", down);
            say(&w, tr(&w, " daalde het aantal %s in %s", " the number of %s fell in %s"),
                what, claim(&w, "regions_down", down, s_));
            snprintf(s_, sizeof s_, "%zu", n);
            say(&w, tr(&w, " van de %s %s", " of the %s %s"),
                claim(&w, "regions", (double)n, s_), units);
            snprintf(s_, sizeof s_, "%d", up);
            if (up > 0)
                say(&w, tr(&w, " en steeg het in %s", " and rose in %s"),
                    claim(&w, "regions_up", up, s_));
            say(&w, ".");
        }
        size_t same = 0; /* regions that went the way of the total */
        if (dtot != 0) {
            /* same direction, sorted by size of the change (largest first);
             * "grootst" only among changes a percentage describes well */
            size_t k = 0;
            for (size_t i = 0; i < n; i++)
                if (direction(yoy[i]) == dtot)
                    idx[k++] = i;
            by_size(&cy, idx, k);
            same = k;
            if (k >= 2 && pct_fits(&cy, idx[0])) {
                say(&w, tr(&w, " De %s is het grootst in %s (", " The %s is largest in %s ("),
                    noun(&w, dtot), names[idx[0]]);
                snprintf(key, sizeof key, "%s.yoy_pct.%d", names[idx[0]], y1);
                change(&w, key, yoy[idx[0]], 0);
                say(&w, ").");
            } else if (k == 1 && n > 1) {
                say(&w, tr(&w, " Alleen in %s %s het aantal (", " Only in %s did the number %s ("),
                    names[idx[0]],
                    w.lang == TB_LANG_EN ? (dtot < 0 ? "fall" : "rise") : verb_past(&w, dtot));
                region_change(&w, &cy, idx[0]);
                say(&w, ").");
            }
        }
        if (n > MANY) {
            grouped(&w, &cy, idx, n, dtot);
            goto period;
        }
        for (size_t i = 0; i < n; i++) {
            int d = direction(yoy[i]);
            if (dtot != 0 && d == dtot)
                continue; /* said above */
            snprintf(key, sizeof key, "%s.yoy_pct.%d", names[i], y1);
            if (d == 2) {
                say(&w, tr(&w, " In %s is geen percentage te berekenen (",
                               " In %s no percentage can be computed ("), names[i]);
                region_change(&w, &cy, i);
                say(&w, ").");
                continue;
            }
            if (d == 0) {
                say(&w, tr(&w, " In %s bleef het aantal nagenoeg gelijk (",
                               " In %s the number stayed nearly the same ("), names[i]);
                change(&w, key, yoy[i], 0);
                say(&w, ").");
                continue;
            }
            /* an exception only where most went the way of the total */
            if (dtot != 0 && same >= 2)
                say(&w, tr(&w, " %s wijkt af: daar %s het aantal in ",
                               " %s is the exception: there the number %s in "),
                    names[i], verb_past(&w, d));
            else
                say(&w, tr(&w, " In %s %s het aantal in ", " In %s the number %s in "),
                    names[i], verb_past(&w, d));
            year(&w, y1, p1);
            if (!pct_fits(&cy, i)) { /* a small count: the numbers, no % */
                say(&w, " (");
                region_change(&w, &cy, i);
                say(&w, ").");
                continue;
            }
            say(&w, tr(&w, " met ", " by "));
            change(&w, key, yoy[i], 1);
            say(&w, tr(&w, " (van ", " (from "));
            snprintf(key, sizeof key, "%s.%d", names[i], yp);
            level(&w, key, vp[i]);
            say(&w, tr(&w, " naar ", " to "));
            snprintf(key, sizeof key, "%s.%d", names[i], y1);
            level(&w, key, v1[i]);
            say(&w, ")");
            /* back at the level of the first year? */
            if (y0 != yp && fabs(pct_change(v0[i], v1[i])) < LEVEL_PCT) {
                say(&w, tr(&w, ", daarmee weer %s op het niveau van ",
                               ", back at %s the level of "),
                    v1[i] == v0[i] ? tr(&w, "precies", "exactly")
                                   : tr(&w, "ongeveer", "about"));
                year(&w, y0, p0);
                say(&w, " (");
                snprintf(key, sizeof key, "%s.%d", names[i], y0);
                level(&w, key, v0[i]);
                say(&w, ")");
            }
            say(&w, ".");
        }
    }

period:
    /* S4: the whole period per region, grouped by direction; for many
     * regions the counts and the extremes. */
    if (y0 != yp && n > MANY) {
        int down = 0, up = 0;
        long lo = -1, hi = -1; /* extremes among changes a % describes well */
        for (size_t i = 0; i < n; i++) {
            int d = direction(per[i]);
            down += d == -1;
            up += d == 1;
            if (!pct_fits(&cper, i))
                continue;
            if (lo < 0 || per[i] < per[lo])
                lo = (long)i;
            if (hi < 0 || per[i] > per[hi])
                hi = (long)i;
        }
        char s_[48];
        span(&w, y0, p0, y1, p1);
        say(&w, tr(&w, " daalde het aantal in ", " the number fell in "));
        snprintf(s_, sizeof s_, "%zu", n);
        if ((size_t)down == n) {
            say(&w, tr(&w, "alle %s %s", "all %s %s"),
                claim(&w, "regions", (double)n, s_), units);
        } else {
            char d_[48];
            snprintf(d_, sizeof d_, "%d", down);
            say(&w, "%s", claim(&w, "regions_down.period", down, d_));
            say(&w, tr(&w, " van de %s %s", " of the %s %s"),
                claim(&w, "regions", (double)n, s_), units);
            snprintf(s_, sizeof s_, "%d", up);
            if (up > 0)
                say(&w, tr(&w, " en steeg het in %s", " and rose in %s"),
                    claim(&w, "regions_up.period", up, s_));
        }
        if (lo >= 0 && direction(per[lo]) < 0) {
            say(&w, tr(&w, "; de grootste daling had %s (", "; the largest fall was in %s ("),
                names[lo]);
            region_change(&w, &cper, (size_t)lo);
            say(&w, ")");
        }
        if (hi >= 0 && hi != lo) {
            if (direction(per[hi]) > 0)
                say(&w, tr(&w, ", de grootste stijging %s (", ", the largest rise %s ("),
                    names[hi]);
            else
                say(&w, tr(&w, ", de kleinste verandering %s (", ", the smallest change %s ("),
                    names[hi]);
            region_change(&w, &cper, (size_t)hi);
            say(&w, ")");
        }
        say(&w, ".");
    } else if (y0 != yp) {
        span(&w, y0, p0, y1, p1);
        say(&w, " ");
        int first = 1;
        for (int d = -1; d <= 2; d++) {
            size_t k = 0;
            for (size_t i = 0; i < n; i++)
                if (direction(per[i]) == d)
                    idx[k++] = i;
            if (!k)
                continue;
            if (!first)
                say(&w, "; ");
            if (d == 2) {
                if (!first)
                    say(&w, tr(&w, "in ", "in "));
                else
                    say(&w, tr(&w, "is in ", "in "));
                region_list(&w, &cper, idx, k);
                say(&w, tr(&w, " geen percentage te berekenen", " no percentage can be computed"));
                first = 0;
                continue;
            }
            if (d == 0) {
                int exact = 1;
                for (size_t j = 0; j < k; j++)
                    exact &= v0[idx[j]] == v1[idx[j]];
                const char *same = exact ? tr(&w, "gelijk", "the same")
                                         : tr(&w, "nagenoeg gelijk", "nearly the same");
                if (first) {
                    say(&w, tr(&w, "bleef het aantal %s in ", "the number stayed %s in "), same);
                    region_list(&w, &cper, idx, k);
                } else {
                    say(&w, tr(&w, "in ", "in "));
                    region_list(&w, &cper, idx, k);
                    say(&w, tr(&w, " bleef het %s", " it stayed %s"), same);
                }
                first = 0;
                continue;
            }
            say(&w, tr(&w, "%s het aantal in ", "the number %s in "), verb_past(&w, d));
            region_list(&w, &cper, idx, k);
            first = 0;
        }
        say(&w, ".");
    }

    /* S5: highest and lowest level in the last year. */
    if (n >= 3) {
        size_t imax = 0, imin = 0;
        for (size_t i = 1; i < n; i++) {
            if (v1[i] > v1[imax])
                imax = i;
            if (v1[i] < v1[imin])
                imin = i;
        }
        say(&w, " %s", tr(&w, "In ", "In "));
        year(&w, y1, p1);
        say(&w, tr(&w, " is het aantal het hoogst in %s (", " the number is highest in %s ("),
            names[imax]);
        snprintf(key, sizeof key, "%s.%d", names[imax], y1);
        level(&w, key, v1[imax]);
        say(&w, tr(&w, ") en het laagst in %s (", ") and lowest in %s ("), names[imin]);
        snprintf(key, sizeof key, "%s.%d", names[imin], y1);
        level(&w, key, v1[imin]);
        say(&w, ").");
    }

provisional:
    if (o->nabsent && o->area) {
        /* the regions shown are not the whole area: no total for it */
        say(&w, tr(&w, " Voor %zu van de %zu %s staan geen cijfers in de gegevens (",
                   " The data has no figures for %zu of the %zu %s ("),
            o->nabsent, n + o->nabsent, units);
        for (size_t i = 0; i < o->nabsent; i++)
            say(&w, "%s%s", i == 0 ? "" : i + 1 == o->nabsent ? tr(&w, " en ", " and ")
                                                              : ", ", o->absent[i]);
        say(&w, tr(&w, "), dus een totaal voor %s is er niet.",
                   "), so there is no total for %s."), o->area);
    }
    if (p0 || pp || p1) {
        say(&w, tr(&w, " Cijfers over ", " Figures for "));
        int k = 0, ys[3] = {y0, yp, y1}, ps[3] = {p0, pp, p1};
        for (int j = 0; j < 3; j++)
            if (ps[j] && (j == 0 || ys[j] != ys[j - 1]))
                say(&w, "%s%d", k++ ? tr(&w, " en ", " and ") : "", ys[j]);
        say(&w, tr(&w, " (*) zijn voorlopig en kunnen nog veranderen.",
                       " (*) are provisional and may still change."));
    }
    fclose(w.f);
    w.f = NULL;
    if (w.oom || !w.buf) {
        rc = tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    if (w.buf[0] == ' ')
        memmove(w.buf, w.buf + 1, strlen(w.buf));
    tb_text *t = calloc(1, sizeof *t);
    if (!t) {
        rc = tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
        goto done;
    }
    t->text = w.buf;
    w.buf = NULL;
    t->claims = w.claims;
    t->nclaims = w.nclaims;
    w.claims = NULL;
    *out = t;
done:
    if (w.f)
        fclose(w.f);
    free(w.buf);
    free(w.claims);
    free(names);
    free(v0);
    free(v1);
    free(vp);
    free(yoy);
    free(per);
    free(idx);
    return rc;
}

/* Indicators over yearly series: changes, index, rates, ratios, roll-up. */
#include "trendbeeld/indicators.h"
#include "grow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>

#include "trendbeeld/load.h"
#include "trendbeeld/measure.h"

static void set_state(tb_ind_state *st, tb_ind_state v)
{
    if (st)
        *st = v;
}

const char *tb_ind_state_label(tb_ind_state st)
{
    switch (st) {
    case TB_IND_OK: return "";
    case TB_IND_MISSING: return "ontbreekt";
    case TB_IND_DIV_ZERO: return "n.v.t. (deling door 0)";
    default: return "n.v.t.";
    }
}

/* 100 (cur/prev - 1): IEEE gives +Inf after 0 -> x > 0 and NaN for 0 -> 0. */
double tb_ind_yoy_pct(double prev, double cur, tb_ind_state *state)
{
    if (isnan(prev) || isnan(cur)) {
        set_state(state, TB_IND_MISSING);
        return NAN;
    }
    double v = 100.0 * (cur / prev - 1.0);
    set_state(state, isfinite(v) ? TB_IND_OK : TB_IND_DIV_ZERO);
    return v;
}

/* z = 2 (sqrt(C) - sqrt(P)): sqrt is the variance-stabilising transform
 * of a Poisson count (Var sqrt(Y) ~ 1/4), so the difference has
 * variance ~ 1 when both years have the same mean. */
double tb_ind_poisson_z(double prev, double cur, tb_ind_state *state)
{
    if (isnan(prev) || isnan(cur)) {
        set_state(state, TB_IND_MISSING);
        return NAN;
    }
    if (prev < 0 || cur < 0) {
        set_state(state, TB_IND_NOT_APPLICABLE);
        return NAN;
    }
    set_state(state, TB_IND_OK);
    return 2.0 * (sqrt(cur) - sqrt(prev));
}

/* 100 ((last/first)^(1/years) - 1); -100 when last = 0. */
double tb_ind_cagr_pct(double first, double last, double years, tb_ind_state *state)
{
    if (isnan(first) || isnan(last)) {
        set_state(state, TB_IND_MISSING);
        return NAN;
    }
    if (!(years > 0)) {
        set_state(state, TB_IND_NOT_APPLICABLE);
        return NAN;
    }
    double v = 100.0 * (pow(last / first, 1.0 / years) - 1.0);
    set_state(state, isfinite(v) ? TB_IND_OK : TB_IND_DIV_ZERO);
    return v;
}

double tb_ind_ratio_pct(double num, double den, tb_ind_state *state)
{
    if (isnan(num) || isnan(den)) {
        set_state(state, TB_IND_MISSING);
        return NAN;
    }
    double v = 100.0 * num / den;
    set_state(state, isfinite(v) && den != 0 ? TB_IND_OK : TB_IND_DIV_ZERO);
    return v;
}

double tb_ind_rate_per_1000(double count, double inwoners, tb_ind_state *state)
{
    if (isnan(count) || isnan(inwoners)) {
        set_state(state, TB_IND_MISSING);
        return NAN;
    }
    double v = 1000.0 * count / inwoners;
    set_state(state, isfinite(v) && inwoners != 0 ? TB_IND_OK : TB_IND_DIV_ZERO);
    return v;
}

/* log y = a + b year by OLS; AARR = -100 (e^b - 1). */
tb_status tb_ind_aarr_loglin(const int *year, const double *y, size_t n,
                             double *aarr_pct, double *annual_pct, tb_error *err)
{
    if (aarr_pct)
        *aarr_pct = NAN;
    if (annual_pct)
        *annual_pct = NAN;
    if (n < 2)
        return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                            "log-linear rate: %zu observed year%s, at least 2 needed",
                            n, n == 1 ? "" : "s");
    double *t = malloc(n * sizeof *t), *ly = malloc(n * sizeof *ly);
    if (!t || !ly) {
        free(t);
        free(ly);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    }
    tb_status st = TB_OK;
    for (size_t i = 0; i < n; i++) {
        if (!(y[i] > 0)) {
            st = tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                              "log-linear rate: the value for %d is %g; logarithms need "
                              "values above 0 (use the two-point rate or a count model)",
                              year[i], y[i]);
            break;
        }
        t[i] = year[i] - year[0]; /* t = 0 at the first year, as every fit */
        ly[i] = log(y[i]);
    }
    if (st == TB_OK) {
        double c0, c1, cov00, cov01, cov11, sumsq;
        gsl_set_error_handler_off();
        int rc = gsl_fit_linear(t, 1, ly, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);
        if (rc != GSL_SUCCESS || !isfinite(c1)) {
            st = tb_error_set(err, TB_EMODEL, NULL, 0, 0, "log-linear rate: %s",
                              gsl_strerror(rc));
        } else {
            double g = 100.0 * expm1(c1);
            if (annual_pct)
                *annual_pct = g;
            if (aarr_pct)
                *aarr_pct = -g;
        }
    }
    free(t);
    free(ly);
    return st;
}

static int is_prov(unsigned f)
{
    return (f & TB_FLAG_PROVISIONAL) != 0;
}

tb_status tb_ind_compute(const tb_series *x, const tb_series *inwoners,
                         int base_year, tb_ind_table **out, tb_error *err)
{
    *out = NULL;
    if (!x || x->n <= 0)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0, "indicators: empty series");
    int *oy = malloc((size_t)x->n * sizeof *oy);
    double *ov = malloc((size_t)x->n * sizeof *ov);
    tb_ind_table *t = calloc(1, sizeof *t);
    if (t)
        t->row = calloc((size_t)x->n, sizeof *t->row);
    if (!oy || !ov || !t || !t->row) {
        free(oy);
        free(ov);
        tb_ind_table_free(t);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    }
    size_t nobs = tb_series_observed(x, oy, ov);
    if (nobs == 0) {
        free(oy);
        free(ov);
        tb_ind_table_free(t);
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "indicators: %s / %s / %s has no observed values",
                            x->region, x->indicator, x->measure);
    }
    if (base_year == 0)
        base_year = oy[0];
    double base = tb_series_get(x, base_year);
    if (isnan(base)) {
        free(oy);
        free(ov);
        tb_ind_table_free(t);
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "indicators: base year %d has no value for %s / %s / %s; "
                            "expected a year with data (%d..%d)",
                            base_year, x->region, x->indicator, x->measure,
                            x->first_year, tb_series_last_year(x));
    }
    t->series = x;
    t->inwoners = inwoners;
    t->base_year = base_year;
    t->counts = tb_measure_is_count(x->measure);
    t->n = (size_t)x->n;
    for (int i = 0; i < x->n; i++) {
        tb_ind_row *r = &t->row[i];
        r->year = x->first_year + i;
        r->value = x->value[i];
        r->flags = x->flags[i];
        r->provisional = is_prov(r->flags);
        double prev = i > 0 ? x->value[i - 1] : NAN;
        r->yoy_abs = r->value - prev;
        r->yoy_pct = tb_ind_yoy_pct(prev, r->value, &r->yoy_state);
        if (i > 0 && is_prov(x->flags[i - 1]))
            r->provisional = 1;
        if (t->counts) {
            r->z = tb_ind_poisson_z(prev, r->value, &r->z_state);
            r->z_flag = r->z_state == TB_IND_OK && fabs(r->z) > TB_IND_Z_LIMIT;
        } else {
            r->z = NAN;
            r->z_state = TB_IND_NOT_APPLICABLE;
        }
        r->index = tb_ind_ratio_pct(r->value, base, &r->index_state);
        if (i >= 2) {
            double a = x->value[i - 2], b = x->value[i - 1], c = x->value[i];
            r->ma3 = (a + b + c) / 3.0;
            r->ma3_state = isnan(r->ma3) ? TB_IND_MISSING : TB_IND_OK;
        } else {
            r->ma3 = NAN;
            r->ma3_state = TB_IND_MISSING;
        }
        if (inwoners)
            r->rate_per_1000 = tb_ind_rate_per_1000(r->value,
                                                    tb_series_get(inwoners, r->year),
                                                    &r->rate_state);
        else {
            r->rate_per_1000 = NAN;
            r->rate_state = TB_IND_NOT_APPLICABLE;
        }
    }
    t->first_year = oy[0];
    t->last_year = oy[nobs - 1];
    t->cagr_pct = tb_ind_cagr_pct(ov[0], ov[nobs - 1], t->last_year - t->first_year,
                                  &t->cagr_state);
    t->aarr_pct = -t->cagr_pct;
    t->provisional = is_prov(tb_series_flags(x, t->first_year)) ||
                     is_prov(tb_series_flags(x, t->last_year));
    tb_error e2;
    if (tb_ind_aarr_loglin(oy, ov, nobs, &t->aarr_loglin_pct, NULL, &e2) == TB_OK)
        t->aarr_loglin_state = TB_IND_OK;
    else
        t->aarr_loglin_state = TB_IND_NOT_APPLICABLE;
    free(oy);
    free(ov);
    *out = t;
    return TB_OK;
}

void tb_ind_table_free(tb_ind_table *t)
{
    if (!t)
        return;
    free(t->row);
    free(t);
}

const tb_series *tb_ind_find_inwoners(const tb_store *s, const char *region)
{
    /* Two hashed lookups: the key the shipped population series use, then
     * a population column that was loaded without an offence. */
    static const char *const keys[] = {TB_IND_INWONERS_INDICATOR, ""};
    if (!s || !region)
        return NULL;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const tb_series *x = tb_store_find(s, region, keys[i], "inwoners");
        if (x)
            return x;
    }
    return NULL;
}

/* ---- ratio series ---------------------------------------------------- */

tb_status tb_ind_derive_ratio(tb_store *s, const char *num, const char *den,
                              const char *den_alt, const char *out,
                              size_t *added, tb_diag *warn, tb_error *err)
{
    if (added)
        *added = 0;
    if (!s || !num || !den || !out)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0, "ratio: missing argument");
    /* Adding series while walking the store: only the first N existed
     * before, and series pointers stay valid as the store grows. */
    size_t n = tb_store_size(s);
    for (size_t i = 0; i < n; i++) {
        const tb_series *x = tb_store_at(s, i);
        if (strcmp(x->measure, num))
            continue;
        if (tb_store_find(s, x->region, x->indicator, out))
            continue;
        const tb_series *d = tb_store_find(s, x->region, x->indicator, den);
        if (!d && den_alt)
            d = tb_store_find(s, x->region, x->indicator, den_alt);
        if (!d)
            continue;
        char src[256];
        snprintf(src, sizeof src, "100 x %s / %s", num, d->measure);
        for (int k = 0; k < x->n; k++) {
            int year = x->first_year + k;
            double dv = tb_series_get(d, year), nv = x->value[k];
            unsigned fl = (x->flags[k] | tb_series_flags(d, year)) &
                          (TB_FLAG_PROVISIONAL | TB_FLAG_APPROX | TB_FLAG_INCOMPLETE);
            tb_ind_state st;
            double v = tb_ind_ratio_pct(nv, dv, &st);
            if (st == TB_IND_DIV_ZERO)
                tb_diag_add(warn, NULL, 0, 0,
                            "%s / %s %d: %s is 0, so %s has no value",
                            x->region, x->indicator, year, d->measure, out);
            if (st != TB_IND_OK)
                v = NAN;
            tb_status ps = tb_store_put(s, x->region, x->indicator, out, year, v,
                                        fl, src, NULL, NULL, NULL);
            if (ps != TB_OK)
                return tb_error_set(err, ps, NULL, 0, 0,
                                    "ratio: cannot store %s for %s / %s %d", out,
                                    x->region, x->indicator, year);
        }
        if (added)
            (*added)++;
    }
    return TB_OK;
}

/* ---- roll-up --------------------------------------------------------- */

typedef struct {
    const tb_code **v;
    size_t n, cap;
} code_list;

static int code_list_has(const code_list *l, const tb_code *c)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i] == c || !strcmp(l->v[i]->code, c->code))
            return 1;
    return 0;
}

static int code_list_add(code_list *l, const tb_code *c)
{
    if (code_list_has(l, c))
        return 0;
    if (TB_GROW(l->v, l->cap, l->n + 1, 64) != 0)
        return -1;
    l->v[l->n++] = c;
    return 0;
}

/* Every gemeente below CODE (depth-first over children; a district's
 * children are gemeenten or basisteams, an eenheid's are districts). */
static int collect_gemeenten(const tb_codelist *c, const char *code, code_list *out,
                             code_list *seen, int depth)
{
    if (depth > 8)
        return 0; /* guards against a cycle in a malformed code list */
    size_t cap = tb_codelist_size(c);
    const tb_code **kids = malloc((cap ? cap : 1) * sizeof *kids);
    if (!kids)
        return -1;
    size_t nk = tb_codelist_children(c, code, kids, cap);
    if (nk > cap)
        nk = cap;
    int rc = 0;
    for (size_t i = 0; i < nk && rc == 0; i++) {
        if (code_list_has(seen, kids[i]))
            continue;
        if (code_list_add(seen, kids[i]) < 0) {
            rc = -1;
            break;
        }
        if (!strcmp(kids[i]->level, "gemeente"))
            rc = code_list_add(out, kids[i]);
        else
            rc = collect_gemeenten(c, kids[i]->code, out, seen, depth + 1);
    }
    free(kids);
    return rc;
}

typedef struct {
    const char *indicator, *measure;
} pair;

typedef struct {
    pair *v;
    size_t n, cap;
} pair_list;

static int rows_push(tb_rollup *r, size_t *cap, const tb_rollup_row *row)
{
    if (TB_GROW(r->row, *cap, r->n + 1, 64) != 0)
        return -1;
    r->row[r->n++] = *row;
    return 0;
}

static int is_aggregate_level(const char *level)
{
    return !strcmp(level, "district") || !strcmp(level, "provincie") ||
           !strcmp(level, "eenheid");
}

/* Distinct (indicator, measure) of the count series held by gemeenten
 * (AGGREGATE 0) or by the regions above them (AGGREGATE 1). */
static int collect_pairs(const tb_store *s, const tb_codelist *regions, int aggregate,
                         pair_list *out)
{
    for (size_t i = 0; i < tb_store_size(s); i++) {
        const tb_series *x = tb_store_at(s, i);
        const tb_code *c = tb_codelist_match(regions, x->region);
        if (!c || !tb_measure_is_count(x->measure))
            continue;
        if (aggregate == !strcmp(c->level, "gemeente"))
            continue;
        /* a sum kept next to a reported total is a check, not a figure */
        size_t ml = strlen(x->measure);
        if (ml > 4 && !strcmp(x->measure + ml - 4, "_som"))
            continue;
        size_t k;
        for (k = 0; k < out->n; k++)
            if (out->v[k].indicator == x->indicator && out->v[k].measure == x->measure)
                break;
        if (k < out->n)
            continue;
        if (TB_GROW(out->v, out->cap, out->n + 1, 16) != 0)
            return -1;
        out->v[out->n++] = (pair){x->indicator, x->measure};
    }
    return 0;
}

/* State of one roll-up run. */
typedef struct {
    tb_store *s;
    tb_rollup *r;
    size_t rowcap;
    tb_error *err;
} rollup_run;

static const char *const MISSING_NL = "; een jaar waarin een ervan ontbreekt, ontbreekt in de som";

/* Sum the NM series MS per year into (CODE, IND, MEAS) with source SRC
 * ("som van ..."), or into MEAS_som with a check against the reported
 * series when CODE already has one of its own.  ABSENT are members with no
 * series at all: each is a member, never present, in the years it
 * existed, so those years have no sum. */
static tb_status sum_members(rollup_run *u, const char *code, const char *ind,
                             const char *meas, const tb_series *const *ms, size_t nm,
                             const tb_code *const *absent, size_t nabsent, const char *src)
{
    tb_store *s = u->s;
    int y0 = TB_YEAR_MAX, y1 = TB_YEAR_MIN;
    for (size_t m = 0; m < nm; m++) {
        if (ms[m]->first_year < y0)
            y0 = ms[m]->first_year;
        if (tb_series_last_year(ms[m]) > y1)
            y1 = tb_series_last_year(ms[m]);
    }
    const tb_series *rep = tb_store_find(s, code, ind, meas);
    int own = rep == NULL || (rep->source && !strncmp(rep->source, "som van ", 8));
    char sum_meas[160];
    snprintf(sum_meas, sizeof sum_meas, "%s%s", meas, own ? "" : "_som");
    const char *sum_m = tb_store_intern(s, sum_meas);
    const char *reg = tb_store_intern(s, code);
    /* a sum that is partial in every year is no series at all (its rows
     * still say what is missing) */
    int whole = 0, most = 0;
    for (int year = y0; year <= y1; year++) {
        int members = (int)nm, present = 0;
        for (size_t a = 0; a < nabsent; a++)
            members += absent[a]->from_year <= year;
        for (size_t m = 0; m < nm; m++)
            present += !isnan(tb_series_get(ms[m], year));
        whole |= present > 0 && present == members;
        most = members > most ? members : most;
    }
    char partial_src[160];
    if (most > (int)nm && !whole)
        snprintf(partial_src, sizeof partial_src,
                 "som van %zu van de %d gemeenten, dus geen totaal", nm, most);
    else if (most > (int)nm)
        snprintf(partial_src, sizeof partial_src, "%s%s", src, MISSING_NL);
    if (most > (int)nm)
        src = partial_src;
    int stored = 0;
    for (int year = y0; year <= y1; year++) {
        tb_rollup_row row = {0};
        row.region = reg;
        row.indicator = ind;
        row.measure = meas;
        row.sum_measure = sum_m;
        row.year = year;
        row.members = (int)nm;
        for (size_t a = 0; a < nabsent; a++)
            row.members += absent[a]->from_year <= year;
        unsigned fl = 0;
        for (size_t m = 0; m < nm; m++) {
            double v = tb_series_get(ms[m], year);
            if (isnan(v))
                continue;
            row.present++;
            row.partial += v;
            fl |= tb_series_flags(ms[m], year) &
                  (TB_FLAG_PROVISIONAL | TB_FLAG_APPROX | TB_FLAG_INCOMPLETE | TB_FLAG_SUSPECT);
        }
        if (row.present == 0)
            continue;
        row.sum = row.present == row.members ? row.partial : NAN;
        row.provisional = (fl & TB_FLAG_PROVISIONAL) != 0;
        row.reported = rep && !own ? tb_series_get(rep, year) : NAN;
        row.difference = row.sum - row.reported;
        if (!isnan(row.difference)) {
            u->r->checked++;
            if (row.difference != 0)
                u->r->differing++;
        }
        if (isnan(row.sum))
            fl |= TB_FLAG_INCOMPLETE;
        row.parts = tb_store_intern(s, src); /* SRC is the caller's */
        if (whole) {
            tb_status ps = tb_store_put(s, reg, ind, sum_m, year, row.sum, fl, src, NULL,
                                        NULL, NULL);
            if (ps != TB_OK)
                return tb_error_set(u->err, ps, NULL, 0, 0,
                                    "roll-up: %s / %s / %s already holds a different value "
                                    "for %d; run the roll-up once per store",
                                    reg, ind, sum_meas, year);
            row.parts = tb_store_find(s, reg, ind, sum_m)->source;
            stored = 1;
        }
        if (rows_push(u->r, &u->rowcap, &row) < 0)
            return tb_error_set(u->err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (stored)
        u->r->series_added++;
    return TB_OK;
}

/* Region R as the sum of its gemeenten, for every pair some gemeente has. */
static tb_status rollup_gemeenten(rollup_run *u, const tb_codelist *regions,
                                  const tb_code *R, const pair_list *pairs, tb_diag *warn)
{
    code_list mem = {0}, seen = {0};
    int rc = collect_gemeenten(regions, R->code, &mem, &seen, 0);
    free(seen.v);
    const tb_series **ms = rc == 0 && mem.n ? calloc(mem.n, sizeof *ms) : NULL;
    if (rc < 0 || (mem.n && !ms)) {
        free(mem.v);
        return tb_error_set(u->err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    }
    const tb_code **absent = mem.n ? calloc(mem.n, sizeof *absent) : NULL;
    if (mem.n && !absent) {
        free(ms);
        free(mem.v);
        return tb_error_set(u->err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    }
    tb_status st = TB_OK;
    for (size_t pi = 0; pi < pairs->n && mem.n && st == TB_OK; pi++) {
        const char *ind = pairs->v[pi].indicator, *meas = pairs->v[pi].measure;
        size_t nm = 0, na = 0;
        for (size_t m = 0; m < mem.n; m++) {
            const tb_series *x = tb_store_find(u->s, mem.v[m]->code, ind, meas);
            if (x)
                ms[nm++] = x;
            else if (!mem.v[m]->to_year)
                absent[na++] = mem.v[m];
        }
        if (nm == 0)
            continue;
        /* The source's own partition: a source on one year's boundaries
         * (e.g. today's gemeenten for every year) has no series for
         * gemeenten that were merged away, and those are not members.  A
         * gemeente that still exists is a member in every year since it
         * began, with figures or not: without them there is no total. */
        if (nm + na < mem.n)
            tb_diag_add(warn, NULL, 0, 0,
                        "roll-up %s / %s / %s: %zu former gemeenten in the code list "
                        "have no series in the data (the data is on later boundaries) "
                        "and are no members of the sum",
                        R->code, ind, meas, mem.n - nm - na);
        if (na)
            tb_diag_add(warn, NULL, 0, 0,
                        "roll-up %s / %s / %s: %zu gemeenten that still exist have no series "
                        "in the data (first: %s, %s), so the years they existed have no "
                        "total", R->code, ind, meas, na, absent[0]->name, absent[0]->code);
        char src[64];
        snprintf(src, sizeof src, "som van %zu gemeenten", nm);
        st = sum_members(u, R->code, ind, meas, ms, nm, absent, na, src);
    }
    free(absent);
    free(ms);
    free(mem.v);
    return st;
}

/* 1 when one of the gemeenten MEM has a series (IND, MEAS): the gemeente
 * roll-up made (or checked) the sum from them. */
static int gemeenten_have(const tb_store *s, const code_list *mem, const char *ind,
                          const char *meas)
{
    for (size_t m = 0; m < mem->n; m++)
        if (tb_store_find(s, mem->v[m]->code, ind, meas))
            return 1;
    return 0;
}

/* Region levels in the labels of sums, Dutch and English. */
static const struct {
    const char *level, *plural, *en, *en_plural;
} levels[] = {{"gemeente", "gemeenten", "municipality", "municipalities"},
              {"provincie", "provincies", "province", "provinces"},
              {"district", "districten", "district", "districts"},
              {"eenheid", "eenheden", "police unit", "police units"},
              {"basisteam", "basisteams", "basic team", "basic teams"},
              {"regio", "regio's", "region", "regions"}};


/* Plural of a region level for the label of a sum. */
static const char *level_plural(const char *level, size_t n)
{
    if (n == 1)
        return level;
    for (size_t k = 0; k < sizeof levels / sizeof levels[0]; k++)
        if (!strcmp(level, levels[k].level))
            return levels[k].plural;
    return "regio's";
}

const char *tb_ind_sum_label(const char *src, tb_lang lang, char *buf, size_t n)
{
    size_t count, of;
    int used = 0;
    if (lang != TB_LANG_EN || !src)
        return src;
    if (sscanf(src, "som van %zu van de %zu gemeenten, dus geen totaal%n", &count, &of,
               &used) == 2 && !src[used]) {
        snprintf(buf, n, "sum of %zu of the %zu municipalities, so no total", count, of);
        return buf;
    }
    if (sscanf(src, "som van %zu %n", &count, &used) != 1 || !used)
        return src;
    const char *rest = src + used;
    for (size_t k = 0; k < sizeof levels / sizeof levels[0]; k++) {
        const char *nl = count == 1 ? levels[k].level : levels[k].plural;
        size_t len = strlen(nl);
        if (strncmp(rest, nl, len) || (rest[len] && rest[len] != ':'))
            continue;
        const char *list = rest + len; /* "" or ": Groningen (PV20), ...; een jaar ..." */
        size_t ll = strlen(list), lm = strlen(MISSING_NL);
        int missing = ll >= lm && !strcmp(list + ll - lm, MISSING_NL);
        snprintf(buf, n, "sum of %zu %s%.*s%s", count,
                 count == 1 ? levels[k].en : levels[k].en_plural,
                 (int)(missing ? ll - lm : ll), list,
                 missing ? "; a year in which one of them is missing is missing from the sum"
                         : "");
        return buf;
    }
    return src;
}

/* "som van 3 provincies: Groningen (PV20), Fryslân (PV21), Drenthe (PV22);
 * een jaar waarin een ervan ontbreekt, ontbreekt in de som" */
static char *parts_label(const tb_code *const *kids, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    fprintf(f, "som van %zu %s:", n, level_plural(kids[0]->level, n));
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s %s (%s)", i ? "," : "", kids[i]->name, kids[i]->code);
    fputs(MISSING_NL, f);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* The children of R of one level that partition it for (IND, MEAS): of
 * the levels below R (a unit has both its provinces and its districts),
 * the one where most children have the series.  Returns how many children
 * that level has, 0 when no child has the series. */
static size_t parts_of(const tb_store *s, const tb_code *const *kids, size_t nk,
                       const char *ind, const char *meas, const tb_code **out)
{
    const char *best = NULL;
    size_t best_with = 0;
    for (size_t i = 0; i < nk; i++) {
        if (!strcmp(kids[i]->level, "gemeente"))
            continue;
        size_t w = 0;
        for (size_t k = 0; k < nk; k++)
            if (!strcmp(kids[k]->level, kids[i]->level) &&
                tb_store_find(s, kids[k]->code, ind, meas))
                w++;
        if (w > best_with) {
            best_with = w;
            best = kids[i]->level;
        }
    }
    size_t n = 0;
    for (size_t i = 0; best && i < nk; i++)
        if (!strcmp(kids[i]->level, best))
            out[n++] = kids[i];
    return n;
}

/* Region R as the sum of its parts (provinces, districts) for every pair
 * that no gemeente below R has: a figure published per province only.
 * Every part must have the series; one without is named and there is no
 * sum, since a sum of some parts is not the total. */
static tb_status rollup_parts(rollup_run *u, const tb_codelist *regions, const tb_code *R,
                              const pair_list *pairs, tb_diag *warn)
{
    size_t cap = tb_codelist_size(regions);
    const tb_code **kids = malloc((cap ? cap : 1) * sizeof *kids);
    const tb_code **parts = malloc((cap ? cap : 1) * sizeof *parts);
    const tb_series **ms = malloc((cap ? cap : 1) * sizeof *ms);
    code_list mem = {0}, seen = {0};
    int rc = collect_gemeenten(regions, R->code, &mem, &seen, 0);
    free(seen.v);
    tb_status st = TB_OK;
    if (!kids || !parts || !ms || rc < 0)
        st = tb_error_set(u->err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    size_t nk = st == TB_OK ? tb_codelist_children(regions, R->code, kids, cap) : 0;
    if (nk > cap)
        nk = cap;
    for (size_t pi = 0; pi < pairs->n && nk && st == TB_OK; pi++) {
        const char *ind = pairs->v[pi].indicator, *meas = pairs->v[pi].measure;
        size_t np = gemeenten_have(u->s, &mem, ind, meas)
                        ? 0
                        : parts_of(u->s, kids, nk, ind, meas, parts);
        if (np == 0)
            continue;
        size_t nm = 0;
        for (size_t k = 0; k < np; k++) {
            ms[nm] = tb_store_find(u->s, parts[k]->code, ind, meas);
            if (ms[nm])
                nm++;
            else
                tb_diag_add(warn, NULL, 0, 0,
                            "roll-up %s / %s / %s: %s (%s) has no series, so %s has no sum "
                            "of its %zu %s",
                            R->code, ind, meas, parts[k]->name, parts[k]->code, R->code, np,
                            level_plural(parts[k]->level, np));
        }
        if (nm < np)
            continue;
        char *src = parts_label(parts, np);
        if (!src) {
            st = tb_error_set(u->err, TB_ENOMEM, NULL, 0, 0, "out of memory");
            break;
        }
        st = sum_members(u, R->code, ind, meas, ms, nm, NULL, 0, src);
        free(src);
    }
    free(mem.v);
    free(kids);
    free(parts);
    free(ms);
    return st;
}

tb_status tb_ind_rollup(tb_store *s, const tb_codelist *regions,
                        tb_rollup **out, tb_diag *warn, tb_error *err)
{
    *out = NULL;
    if (!s || !regions)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "roll-up needs a series store and the region code list");
    tb_rollup *r = calloc(1, sizeof *r);
    if (!r)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    rollup_run u = {.s = s, .r = r, .err = err};
    pair_list gem = {0}, agg = {0};
    tb_status st = TB_OK;
    if (collect_pairs(s, regions, 0, &gem) < 0)
        st = tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t ri = 0; ri < tb_codelist_size(regions) && st == TB_OK; ri++) {
        const tb_code *R = tb_codelist_at(regions, ri);
        if (is_aggregate_level(R->level))
            st = rollup_gemeenten(&u, regions, R, &gem, warn);
    }
    /* then the sums of parts, lower levels first so that a province summed
     * from districts can in turn be part of its unit */
    static const char *const order[] = {"district", "provincie", "eenheid"};
    if (st == TB_OK && collect_pairs(s, regions, 1, &agg) < 0)
        st = tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t l = 0; l < 3 && st == TB_OK; l++)
        for (size_t ri = 0; ri < tb_codelist_size(regions) && st == TB_OK; ri++) {
            const tb_code *R = tb_codelist_at(regions, ri);
            if (!strcmp(R->level, order[l]))
                st = rollup_parts(&u, regions, R, &agg, warn);
        }
    free(gem.v);
    free(agg.v);
    if (st != TB_OK) {
        tb_rollup_free(r);
        return st;
    }
    *out = r;
    return TB_OK;
}

const char *tb_rollup_describe(const tb_rollup *r, char *buf, size_t n)
{
    if (!n)
        return buf;
    buf[0] = '\0';
    if (!r || !r->checked)
        return buf;
    if (!r->differing) {
        if (r->checked == 1)
            snprintf(buf, n, "the one sum checked equals the reported total");
        else
            snprintf(buf, n, "all %zu sums equal the reported total", r->checked);
        return buf;
    }
    /* the largest difference relative to the total: whether 42 differ by
     * a rounding or by a missing gemeente is what the reader must know */
    const tb_rollup_row *worst = NULL;
    double rel = -1;
    for (size_t i = 0; i < r->n; i++) {
        const tb_rollup_row *w = &r->row[i];
        if (isnan(w->difference) || w->difference == 0)
            continue;
        double d = w->reported != 0 ? fabs(w->difference / w->reported) : INFINITY;
        if (d > rel)
            rel = d, worst = w;
    }
    char by[32] = "";
    if (isfinite(rel))
        snprintf(by, sizeof by, ", by up to %.2g%%", 100 * rel);
    snprintf(buf, n,
             "%zu of %zu sum%s differ%s from the reported total%s (%s / %s / %s %d: "
             "%.15g summed, %.15g reported)",
             r->differing, r->checked, r->checked == 1 ? "" : "s",
             r->differing == 1 ? "s" : "", by, worst->region, worst->indicator,
             worst->measure, worst->year, worst->sum, worst->reported);
    return buf;
}

void tb_rollup_free(tb_rollup *r)
{
    if (!r)
        return;
    free(r->row);
    free(r);
}

tb_status tb_ind_complete(tb_store *s, const tb_codelist *regions, tb_rollup **rollup,
                          tb_diag *warn, tb_error *err)
{
    tb_rollup *ru = NULL;
    tb_status st = TB_OK;
    if (rollup)
        *rollup = NULL;
    if (regions)
        st = tb_ind_rollup(s, regions, &ru, warn, err);
    if (st == TB_OK)
        st = tb_ind_derive_ratio(s, "verdachten", "aangiften", "misdrijven",
                                 "verdachtenratio", NULL, warn, err);
    if (st == TB_OK)
        st = tb_ind_derive_ratio(s, "opgehelderd", "aangiften", "misdrijven",
                                 "opgehelderd_pct", NULL, warn, err);
    tb_store_sort(s);
    if (st == TB_OK && rollup)
        *rollup = ru;
    else
        tb_rollup_free(ru);
    return st;
}

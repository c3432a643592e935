/* Target evaluation: audit, required path, rates, projection, verdict,
 * milestones and the rolling-origin backtest. */
#include "trendbeeld/target.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "trendbeeld/format.h"
#include "trendbeeld/indicators.h"
#include "trendbeeld/load.h"
#include "trendbeeld/measure.h"

#define SRC_TEXT "beleidstekst"
#define SRC_DATA "reeks"

void tb_target_options_init(tb_target_options *o)
{
    memset(o, 0, sizeof *o);
    o->model = TB_MODEL_AUTO;
    o->seed = 20180101ul;
    o->reach_years = 15;
}

const char *tb_verdict_name(tb_verdict v, int english)
{
    static const char *nl[] = {"haalbaar", "onzeker", "niet haalbaar",
                               "gehaald", "niet gehaald", "geen oordeel"};
    static const char *en[] = {"on track", "at risk", "off track",
                               "met", "missed", "cannot be assessed"};
    if ((int)v < 0 || v > TB_VERDICT_GEEN_OORDEEL)
        return "?";
    return english ? en[v] : nl[v];
}

tb_verdict tb_target_verdict_for_p(double p, int n)
{
    if (isnan(p) || n < 2)
        return TB_VERDICT_GEEN_OORDEEL;
    if (n < TB_TARGET_MIN_DECIDE)
        return TB_VERDICT_ONZEKER;
    if (p >= TB_TARGET_P_HIGH)
        return TB_VERDICT_HAALBAAR;
    if (p < TB_TARGET_P_LOW)
        return TB_VERDICT_NIET_HAALBAAR;
    return TB_VERDICT_ONZEKER;
}

const char *tb_progress_name(tb_progress p, int english)
{
    static const char *nl[] = {"op koers", "versnelling nodig", "beperkte vooruitgang",
                               "beweegt van het doel af", "doel al bereikt",
                               "niet te beoordelen"};
    static const char *en[] = {"on track", "acceleration needed", "limited progress",
                               "moving away", "already achieved", "cannot be assessed"};
    if ((int)p < 0 || p > TB_PROGRESS_NA)
        return "?";
    return english ? en[p] : nl[p];
}

/* Eurostat SDG: ratio of the observed to the required CAGR. */
tb_progress tb_progress_for_ratio(double ratio)
{
    if (isnan(ratio))
        return TB_PROGRESS_NA;
    if (ratio >= 0.95)
        return TB_PROGRESS_ON_TRACK;
    if (ratio >= 0.60)
        return TB_PROGRESS_ACCELERATE;
    if (ratio >= 0)
        return TB_PROGRESS_LIMITED;
    return TB_PROGRESS_AWAY;
}

const char *tb_aarr_class_name(tb_aarr_class c, int english)
{
    static const char *nl[] = {"op koers", "enige vooruitgang", "geen vooruitgang",
                               "verslechtering", "doel al bereikt", "niet te beoordelen"};
    static const char *en[] = {"on track", "some progress", "no progress",
                               "worsening", "already achieved", "cannot be assessed"};
    if ((int)c < 0 || c > TB_AARR_NA)
        return "?";
    return english ? en[c] : nl[c];
}

tb_aarr_class tb_aarr_classify(double observed, double required)
{
    if (isnan(observed) || isnan(required))
        return TB_AARR_NA;
    if (observed >= required)
        return TB_AARR_ON_TRACK;
    if (observed >= 0.5)
        return TB_AARR_SOME_PROGRESS;
    if (observed > -0.5)
        return TB_AARR_NO_PROGRESS;
    return TB_AARR_WORSENING;
}

/* ---- result bookkeeping ------------------------------------------------ */

/* Each warning in Dutch (warnings) and English (warnings_en). */
static void warn_pair(tb_target_result *r, const char *nl, const char *en)
{
    char **w = realloc(r->warnings, (r->nwarnings + 1) * sizeof *w);
    if (!w)
        return;
    r->warnings = w;
    char **we = realloc(r->warnings_en, (r->nwarnings + 1) * sizeof *we);
    if (!we)
        return;
    r->warnings_en = we;
    char *a = strdup(nl), *b = strdup(en);
    if (!a || !b) {
        free(a);
        free(b);
        return;
    }
    w[r->nwarnings] = a;
    we[r->nwarnings] = b;
    r->nwarnings++;
}

static void warn(tb_target_result *r, const char *nl, const char *en, ...)
    __attribute__((format(printf, 2, 0)));
static void warn(tb_target_result *r, const char *nl, const char *en, ...)
{
    char a[512], b[512];
    va_list ap, aq;
    va_start(ap, en);
    va_copy(aq, ap);
    vsnprintf(a, sizeof a, nl, ap);
    vsnprintf(b, sizeof b, en, aq);
    va_end(aq);
    va_end(ap);
    warn_pair(r, a, b);
}

void tb_target_result_free(tb_target_result *r)
{
    if (!r)
        return;
    free(r->audit);
    free(r->path);
    free(r->model_reason);
    free(r->alt);
    free(r->milestones);
    free(r->backtest);
    free(r->fan);
    for (size_t i = 0; i < r->nwarnings; i++) {
        free(r->warnings[i]);
        free(r->warnings_en[i]);
    }
    free(r->warnings);
    free(r->warnings_en);
    for (size_t i = 0; i < r->nmodel_warnings; i++)
        free(r->model_warnings[i]);
    free(r->model_warnings);
    free(r);
}

static int meets(int lower_better, int strict, double v, double thr)
{
    if (isnan(v) || isnan(thr))
        return -1;
    if (lower_better)
        return strict ? v < thr : v <= thr;
    return v >= thr;
}

/* A predictive distribution for the years after the origin: the
 * calibrated one (pooled errors, errpool.h) when POOLS is set, else the
 * fitted model's. */
typedef struct {
    const tb_fit *fit;
    const tb_errpool *const *pools;
    size_t npools;
    const int *year;           /* observations up to the origin */
    const double *value;
    size_t n;
    int counts, cut;           /* cut: pooled outcome years <= CUT */
} predictive;

static int calib_dist(const predictive *p, int year, tb_errdist *d)
{
    if (!p->n)
        return 0;
    return tb_errdist_make(p->pools, p->npools, p->year, p->value, p->n, p->counts,
                           year - p->year[p->n - 1], p->cut, d);
}

static const tb_forecast *forecast_for(const tb_fit *f, int year)
{
    for (size_t i = 0; f && i < f->nforecast; i++)
        if (f->forecast[i].year == year)
            return &f->forecast[i];
    return NULL;
}

/* 1 when P has a distribution for YEAR. */
static int pred_has(const predictive *p, int year)
{
    tb_errdist d;
    return p->pools ? calib_dist(p, year, &d) : forecast_for(p->fit, year) != NULL;
}

/* P(Y_year <= c); NaN without a distribution for YEAR. */
static double pred_le(const predictive *p, int year, double c)
{
    if (p->pools) {
        tb_errdist d;
        return calib_dist(p, year, &d) ? tb_errdist_prob_le(&d, c) : NAN;
    }
    return p->fit ? tb_fit_prob_le(p->fit, year, c) : NAN;
}

/* Whole numbers only: a count model, or calibrated counts. */
static int pred_discrete(const predictive *p)
{
    if (p->pools)
        return p->counts;
    return p->fit && (p->fit->model == TB_MODEL_POISSON ||
                      p->fit->model == TB_MODEL_QUASIPOISSON ||
                      p->fit->model == TB_MODEL_NEGBIN);
}

/* The 95% interval for YEAR (0 when there is none). */
static int pred_range95(const predictive *p, int year, double *lo, double *hi)
{
    if (p->pools) {
        tb_errdist d;
        if (!calib_dist(p, year, &d))
            return 0;
        *lo = tb_errdist_quantile(&d, 0.025);
        *hi = tb_errdist_quantile(&d, 0.975);
        return 1;
    }
    const tb_forecast *f = forecast_for(p->fit, year);
    if (!f)
        return 0;
    *lo = f->lo95;
    *hi = f->hi95;
    return 1;
}

/* P(target met in YEAR):
 *   at most thr:      P(Y <= thr)
 *   below thr:        P(Y <= thr - 1) for whole numbers, P(Y <= thr) else
 *   at least thr:     1 - P(Y <= ceil(thr) - 1) for whole numbers,
 *                     1 - P(Y <= thr) else */
static double prob_met(const predictive *p, int year, double thr, int lower_better,
                       int strict)
{
    if (isnan(thr))
        return NAN;
    int disc = pred_discrete(p);
    if (lower_better)
        return pred_le(p, year, strict && disc ? ceil(thr) - 1 : thr);
    return 1.0 - pred_le(p, year, disc ? ceil(thr) - 1 : thr);
}

/* P(Y_T < M and Y_T < Y_u for every u in U), the years U projected and
 * not yet observed, M the lowest observed earlier year (NaN: none).  The
 * years are taken as independent given their predictive distributions:
 *
 *   P = sum over cells c of P(Y_T in c) prod_u P(Y_u > y_c)
 *
 * with cells the whole numbers k (P(Y_u > k) = 1 - F_u(k)) for whole
 * numbers, else a grid over the bulk of Y_T.  Independence leaves out that
 * the years share one trend, which makes Y_T - Y_u more spread than it
 * is: P is pulled towards 1/2, never made more certain. */
static double prob_below_all(const predictive *pr, int T, double M, const int *U, size_t nu)
{
    double lo95, hi95;
    if (!pred_range95(pr, T, &lo95, &hi95) || isnan(lo95) || isnan(hi95))
        return NAN;
    int disc = pred_discrete(pr);
    double spread = fmax(hi95 - lo95, 1e-9);
    double lo = lo95 - 4 * spread, hi = hi95 + 4 * spread;
    if (!isfinite(hi))
        return NAN;
    if (disc) {
        lo = fmax(-1, floor(lo));
        hi = ceil(hi);
        if (!isnan(M))
            hi = fmin(hi, ceil(M) - 1);
    } else if (!isnan(M)) {
        hi = fmin(hi, M);
    }
    if (!(hi > lo))
        return 0;
    const double cells = 4000;
    double step = disc ? fmax(1, ceil((hi - lo) / cells)) : (hi - lo) / cells;
    double p = 0, prev = pred_le(pr, T, lo);
    /* the tail below LO, with the factor at LO */
    double below = prev;
    for (size_t u = 0; u < nu; u++)
        below *= 1 - pred_le(pr, U[u], lo);
    p += below;
    for (double a = lo; a < hi;) {
        double b = fmin(a + step, hi);
        double cur = pred_le(pr, T, b);
        double mass = cur - prev, y = disc && step == 1 ? b : 0.5 * (a + b);
        if (mass > 0) {
            double fac = 1;
            for (size_t u = 0; u < nu && fac > 0; u++)
                fac *= 1 - pred_le(pr, U[u], y);
            p += mass * fac;
        }
        prev = cur;
        a = b;
    }
    return fmin(fmax(p, 0), 1);
}

static int audit_push(tb_target_result *r, const char *reading, const char *source,
                      double base, double value, double stated, int form, int steps,
                      double rate)
{
    tb_audit_row *a = realloc(r->audit, (r->naudit + 1) * sizeof *a);
    if (!a)
        return -1;
    r->audit = a;
    tb_audit_row *row = &a[r->naudit++];
    memset(row, 0, sizeof *row);
    snprintf(row->reading, sizeof row->reading, "%s", reading);
    row->source = source;
    row->base = base;
    row->value = value;
    row->diff = value - stated;
    /* a count is stated rounded: a reading matches within half a unit */
    row->matches = !isnan(row->diff) && fabs(row->diff) <= 0.5;
    row->form = form;
    row->steps = steps;
    row->rate = rate;
    row->to_value = NAN;
    return 0;
}

/* Every reasonable reading of the target's rule, on each base. */
static int audit_rule(tb_target_result *r, const tb_target *t)
{
    double bases[2] = {r->base_value_text, r->base_value_data};
    const char *srcs[2] = {SRC_TEXT, SRC_DATA};
    int N = t->target_year - t->base_year;
    double rate = t->value / 100.0, sgn = tb_target_lower_better(t->kind) ? -1 : 1;
    char buf[128];
    /* the other readings only serve to explain a number the text states:
     * without one, the rule alone (a 20% cut is no 20% a year) */
    int other = !isnan(t->stated_value);
    for (int b = 0; b < 2; b++) {
        double B = bases[b];
        if (isnan(B))
            continue;
        if (b == 1 && B == bases[0])
            continue; /* same figure twice says nothing new */
        switch (t->kind) {
        case TB_TARGET_ANNUAL_REDUCTION_PCT:
        case TB_TARGET_ANNUAL_INCREASE_PCT:
            /* N steps: every year after the base year counts; N-1 steps:
             * "in de periode base+2 .. target ieder jaar" leaves one out. */
            for (int steps = N; steps >= (other ? N - 1 : N) && steps >= 1; steps--) {
                snprintf(buf, sizeof buf, "samengesteld, %d stappen: %g x (1 %c %g)^%d",
                         steps, B, sgn < 0 ? '-' : '+', rate, steps);
                if (audit_push(r, buf, srcs[b], B, B * pow(1 + sgn * rate, steps),
                               t->stated_value, TB_AUDIT_COMPOUND, steps, sgn * rate) < 0)
                    return -1;
            }
            for (int steps = N; other && steps >= N - 1 && steps >= 1; steps--) {
                snprintf(buf, sizeof buf, "lineair, %d stappen: %g x (1 %c %d x %g)",
                         steps, B, sgn < 0 ? '-' : '+', steps, rate);
                if (audit_push(r, buf, srcs[b], B, B * (1 + sgn * rate * steps),
                               t->stated_value, TB_AUDIT_LINEAR, steps, sgn * rate) < 0)
                    return -1;
            }
            break;
        case TB_TARGET_REDUCTION_PCT:
        case TB_TARGET_INCREASE_PCT:
            snprintf(buf, sizeof buf, "%g x (1 %c %g)", B, sgn < 0 ? '-' : '+', rate);
            if (audit_push(r, buf, srcs[b], B, B * (1 + sgn * rate), t->stated_value,
                           TB_AUDIT_ONCE, 1, sgn * rate) < 0)
                return -1;
            /* read as a yearly rate compounded over the period */
            snprintf(buf, sizeof buf, "per jaar samengesteld, %d stappen: %g x (1 %c %g)^%d",
                     N, B, sgn < 0 ? '-' : '+', rate, N);
            if (other && audit_push(r, buf, srcs[b], B, B * pow(1 + sgn * rate, N),
                                    t->stated_value, TB_AUDIT_COMPOUND, N, sgn * rate) < 0)
                return -1;
            break;
        default:
            break;
        }
    }
    return 0;
}

static void audit_summarise(tb_target_result *r, const tb_target *t)
{
    double best = INFINITY;
    r->audit_match = r->audit_closest = -1;
    for (size_t i = 0; i < r->naudit; i++) {
        if (r->audit[i].change)
            continue;
        if (r->audit[i].matches && r->audit_match < 0)
            r->audit_match = (int)i;
        if (!isnan(r->audit[i].diff) && fabs(r->audit[i].diff) < best) {
            best = fabs(r->audit[i].diff);
            r->audit_closest = (int)i;
        }
    }
    /* steps k with B (1 -/+ r)^k = stated: k = ln(S/B) / ln(1 -/+ r) */
    r->audit_exponent = NAN;
    if ((t->kind == TB_TARGET_ANNUAL_REDUCTION_PCT || t->kind == TB_TARGET_ANNUAL_INCREASE_PCT) &&
        !isnan(t->stated_value)) {
        double B = !isnan(r->base_value_text) ? r->base_value_text : r->base_value_data;
        double g = t->kind == TB_TARGET_ANNUAL_REDUCTION_PCT ? 1 - t->value / 100
                                                            : 1 + t->value / 100;
        if (B > 0 && t->stated_value > 0)
            r->audit_exponent = log(t->stated_value / B) / log(g);
    }
    char s1[32], s2[32], s3[32];
    if (isnan(t->stated_value)) {
        snprintf(r->audit_summary, sizeof r->audit_summary,
                 "de tekst noemt geen getal voor %d om na te rekenen", t->target_year);
    } else if (r->audit_closest < 0) {
        tb_fmt_num(s1, sizeof s1, t->stated_value, 2, TB_LANG_NL);
        snprintf(r->audit_summary, sizeof r->audit_summary,
                 "het gestelde getal %s is het doel zelf; er is geen rekenregel om na te rekenen",
                 s1);
    } else if (r->audit_match >= 0) {
        tb_fmt_int(s1, sizeof s1, t->stated_value, TB_LANG_NL);
        snprintf(r->audit_summary, sizeof r->audit_summary,
                 "%s volgt uit de lezing '%s' (%s)", s1, r->audit[r->audit_match].reading,
                 r->audit[r->audit_match].source);
    } else {
        const tb_audit_row *c = &r->audit[r->audit_closest];
        tb_fmt_int(s1, sizeof s1, t->stated_value, TB_LANG_NL);
        tb_fmt_int(s2, sizeof s2, c->value, TB_LANG_NL);
        int n = snprintf(r->audit_summary, sizeof r->audit_summary,
                         "geen lezing geeft precies %s; het dichtst bij: '%s' (%s) = %s",
                         s1, c->reading, c->source, s2);
        if (!isnan(r->audit_exponent) && n > 0 && (size_t)n < sizeof r->audit_summary) {
            tb_fmt_num(s3, sizeof s3, r->audit_exponent, 2, TB_LANG_NL);
            snprintf(r->audit_summary + n, sizeof r->audit_summary - (size_t)n,
                     "; %s hoort bij exponent %s", s1, s3);
        }
    }
}

/* A change the text states ("daling van 5%: van 15.642 naar 14.903"),
 * recomputed from the text's own numbers and from the series. */
static int audit_change(tb_target_result *r, const tb_target *t, const tb_series *x)
{
    if (!t->change_from_year)
        return 0;
    char buf[128];
    double pct = 100.0 * (t->change_to_value / t->change_from_value - 1.0);
    snprintf(buf, sizeof buf, "verandering %d-%d: %g -> %g", t->change_from_year,
             t->change_to_year, t->change_from_value, t->change_to_value);
    if (audit_push(r, buf, SRC_TEXT, t->change_from_value, pct, t->change_pct,
                   TB_AUDIT_CHANGE, 0, NAN) < 0)
        return -1;
    tb_audit_row *row = &r->audit[r->naudit - 1];
    row->change = 1;
    row->from_year = t->change_from_year;
    row->to_year = t->change_to_year;
    row->to_value = t->change_to_value;
    double a = x ? tb_series_get(x, t->change_from_year) : NAN;
    double b = x ? tb_series_get(x, t->change_to_year) : NAN;
    if (!isnan(a) && !isnan(b) && (a != t->change_from_value || b != t->change_to_value)) {
        snprintf(buf, sizeof buf, "verandering %d-%d: %g -> %g", t->change_from_year,
                 t->change_to_year, a, b);
        if (audit_push(r, buf, SRC_DATA, a, 100.0 * (b / a - 1.0), t->change_pct,
                       TB_AUDIT_CHANGE, 0, NAN) < 0)
            return -1;
        row = &r->audit[r->naudit - 1];
        row->change = 1;
        row->from_year = t->change_from_year;
        row->to_year = t->change_to_year;
        row->to_value = b;
    }
    return 0;
}

/* ---- evaluation -------------------------------------------------------- */

typedef struct {
    int *year;
    double *value;
    size_t n;
} obs;

static tb_status fit_model(const tb_target *t, tb_target_result *r, const obs *o,
                           const tb_target_options *opt, tb_fit **fit)
{
    *fit = NULL;
    tb_model_kind k = opt->model;
    if (k == TB_MODEL_AUTO && !r->counts) {
        k = TB_MODEL_LINEAR; /* auto chooses among count models */
        warn(r, "%s is geen telling: lineaire trend in plaats van automatische keuze",
             "%s is not a count: linear trend instead of the automatic choice", t->measure);
    }
    tb_fit_options fo;
    tb_fit_options_init(&fo);
    fo.counts = r->counts;
    int last = o->year[o->n - 1];
    int h = (t->target_year > last ? t->target_year : last + 1) +
            (opt->reach_years > 0 ? opt->reach_years : 0);
    fo.horizon = h > TB_YEAR_MAX ? TB_YEAR_MAX : h;
    tb_error e;
    tb_status st = tb_model_fit(k, o->year, o->value, o->n, &fo, fit, &e);
    if (st != TB_OK) {
        warn(r, "geen projectie (%s): %s", "no projection (%s): %s",
             tb_model_name(k) ? tb_model_name(k) : "?", e.msg);
        *fit = NULL;
        return st == TB_ENOMEM ? st : TB_OK;
    }
    return TB_OK;
}

/* The years from the base year up to the target year that are after the
 * origin E and that PR projects, into U; returns how many. */
static size_t later_years(const tb_target *t, const predictive *pr, int E, int *U)
{
    size_t nu = 0;
    for (int y = t->base_year; y < t->target_year; y++)
        if (y > E && pred_has(pr, y))
            U[nu++] = y;
    return nu;
}

/* P(target met in the target year) under PR.  lower_than_before: below
 * the lowest observed earlier year and below every earlier year still to
 * come. */
static double target_prob(const tb_target *t, const tb_target_result *r,
                          const predictive *pr, int E)
{
    if (t->kind != TB_TARGET_LOWER_THAN_BEFORE)
        return prob_met(pr, t->target_year, r->target_value, r->lower_better, 0);
    int U[TB_YEAR_MAX - TB_YEAR_MIN + 1];
    size_t nu = later_years(t, pr, E, U);
    return prob_below_all(pr, t->target_year, r->target_value, U, nu);
}

/* The calibrated median and intervals for every year after the origin E
 * up to the target year T that a pool covers. */
static int calib_fan(tb_target_result *r, const predictive *cal, int E, int T)
{
    r->fan = calloc((size_t)(T - E), sizeof *r->fan);
    if (!r->fan)
        return -1;
    for (int y = E + 1; y <= T; y++) {
        tb_errdist d;
        if (!calib_dist(cal, y, &d))
            continue;
        tb_forecast *f = &r->fan[r->nfan++];
        f->year = y;
        f->mean = tb_errdist_median(&d);
        f->lo80 = tb_errdist_quantile(&d, 0.10);
        f->hi80 = tb_errdist_quantile(&d, 0.90);
        f->lo95 = tb_errdist_quantile(&d, 0.025);
        f->hi95 = tb_errdist_quantile(&d, 0.975);
        if (y == T) {
            r->projection_cal = *f;
            r->cal_pool = tb_errpool_label(d.pool);
            r->cal_n = d.n;
        }
    }
    return 0;
}

static tb_status evaluate(const tb_target *t, const tb_store *s,
                          const tb_target_options *opt, tb_target_result *r)
{
    const tb_series *x = s ? tb_store_find(s, t->region, t->indicator, t->measure) : NULL;
    obs o = {0};
    tb_fit *fit = NULL;
    predictive used = {0};     /* the distribution behind the verdict */
    tb_status st = TB_OK;
    r->lower_better = tb_target_lower_better(t->kind);
    r->counts = tb_measure_is_count(t->measure);
    int strict = t->kind == TB_TARGET_LOWER_THAN_BEFORE;

    if (x) {
        o.year = malloc((size_t)x->n * sizeof *o.year);
        o.value = malloc((size_t)x->n * sizeof *o.value);
        if (!o.year || !o.value) {
            st = TB_ENOMEM;
            goto out;
        }
        size_t n = tb_series_observed(x, o.year, o.value);
        while (n && opt->as_of && o.year[n - 1] > opt->as_of)
            n--;
        o.n = n;
        for (size_t i = 0; i < n; i++)
            if (tb_series_flags(x, o.year[i]) & TB_FLAG_PROVISIONAL) {
                warn(r, "%d is een voorlopig cijfer", "%d is a provisional figure", o.year[i]);
            }
    }
    r->has_data = o.n > 0;
    if (!r->has_data) {
        int from = t->base_year ? t->base_year : t->target_year - 4;
        r->series_exists = x != NULL;
        snprintf(r->data_needed, sizeof r->data_needed,
                 "jaarcijfers van %s / %s / %s, van %d t/m %d%s", t->region, t->indicator,
                 t->measure, from, t->target_year,
                 x ? " (de reeks is er, maar niet tot dit peiljaar)" : "");
        char en[300], nl[300];
        snprintf(en, sizeof en, "no data; needed: yearly figures of %s / %s / %s, %d to %d%s",
                 t->region, t->indicator, t->measure, from, t->target_year,
                 x ? " (the series exists, but not up to this as-of year)" : "");
        snprintf(nl, sizeof nl, "geen gegevens; nodig: %s", r->data_needed);
        warn_pair(r, nl, en);
    } else {
        r->n_obs = (int)o.n;
        r->first_obs = o.year[0];
        r->series_source = x->source;
        r->last_obs = o.year[o.n - 1];
    }
    int E = r->has_data ? r->last_obs : 0; /* last year the evaluation may see */

    /* base values: the series' own and the text's, never merged */
    r->base_value_text = t->base_value;
    r->base_value_data = NAN;
    if (x && t->base_year && (!opt->as_of || t->base_year <= opt->as_of))
        r->base_value_data = tb_series_get(x, t->base_year);
    if (!isnan(r->base_value_data)) {
        r->base_value = r->base_value_data;
        r->base_source = SRC_DATA;
    } else if (!isnan(r->base_value_text)) {
        r->base_value = r->base_value_text;
        r->base_source = SRC_TEXT;
    } else {
        r->base_value = NAN;
    }
    if (!isnan(r->base_value_data) && !isnan(r->base_value_text) &&
        r->base_value_data != r->base_value_text) {
        char a[32], b[32];
        tb_fmt_num(a, sizeof a, r->base_value_text, r->counts ? 0 : 2, TB_LANG_NL);
        tb_fmt_num(b, sizeof b, r->base_value_data, r->counts ? 0 : 2, TB_LANG_NL);
        char nl[400], en[400];
        snprintf(nl, sizeof nl,
                 "basis %d: beleidstekst %s%s%s%s, reeks %s; de regel wordt op beide toegepast, "
                 "het oordeel gebruikt de reeks (zelfde definitie als de projectie)",
                 t->base_year, a, t->base_label ? " (" : "", t->base_label ? t->base_label : "",
                 t->base_label ? ")" : "", b);
        tb_fmt_num(a, sizeof a, r->base_value_text, r->counts ? 0 : 2, TB_LANG_EN);
        tb_fmt_num(b, sizeof b, r->base_value_data, r->counts ? 0 : 2, TB_LANG_EN);
        snprintf(en, sizeof en,
                 "base %d: policy text %s%s%s%s, series %s; the rule is applied to both, the "
                 "verdict uses the series (the same definition as the projection)",
                 t->base_year, a, t->base_label ? " (" : "", t->base_label ? t->base_label : "",
                 t->base_label ? ")" : "", b);
        warn_pair(r, nl, en);
    }

    /* threshold in the target year */
    if (t->kind == TB_TARGET_LOWER_THAN_BEFORE) {
        double m = NAN;
        int seen = 0;
        for (size_t i = 0; i < o.n; i++)
            if (o.year[i] >= t->base_year && o.year[i] < t->target_year) {
                if (isnan(m) || o.value[i] < m)
                    m = o.value[i];
                seen++;
            }
        r->target_value = m;
        r->target_value_source = SRC_DATA;
        if (!isnan(m) && seen < t->target_year - t->base_year)
            warn(r, "lager dan de jaren ervoor: %d van de %d jaren %d-%d bekend; de drempel "
                    "kan nog lager worden",
                 "lower than the years before: %d of the %d years %d-%d known; the threshold "
                 "may still fall",
                 seen, t->target_year - t->base_year, t->base_year, t->target_year - 1);
    } else {
        r->target_value = tb_target_threshold(t, r->base_value);
        r->target_value_source = (t->kind == TB_TARGET_MAX || t->kind == TB_TARGET_MIN)
                                     ? SRC_TEXT
                                     : r->base_source;
    }

    /* audit */
    if (audit_rule(r, t) < 0 || audit_change(r, t, x) < 0) {
        st = TB_ENOMEM;
        goto out;
    }
    audit_summarise(r, t);

    /* required path */
    {
        int y0 = t->base_year ? t->base_year : t->target_year;
        r->npath = (size_t)(t->target_year - y0 + 1);
        r->path = calloc(r->npath, sizeof *r->path);
        if (!r->path) {
            st = TB_ENOMEM;
            goto out;
        }
        for (int y = y0; y <= t->target_year; y++) {
            tb_path_point *p = &r->path[y - y0];
            p->year = y;
            p->value = t->kind == TB_TARGET_LOWER_THAN_BEFORE
                           ? (y == t->target_year ? r->target_value : NAN)
                           : tb_target_path_value(t, r->base_value, y);
        }
    }

    /* latest observation (up to the target year) against the path */
    r->latest_ahead = -1;
    r->latest_value = r->latest_required = r->latest_gap = r->latest_gap_pct = NAN;
    for (size_t i = o.n; i-- > 0;)
        if (o.year[i] <= t->target_year) {
            r->latest_year = o.year[i];
            r->latest_value = o.value[i];
            break;
        }
    if (r->latest_year) {
        for (size_t i = 0; i < r->npath; i++)
            if (r->path[i].year == r->latest_year)
                r->latest_required = r->path[i].value;
        r->latest_gap = r->latest_value - r->latest_required;
        r->latest_gap_pct = 100.0 * (r->latest_value / r->latest_required - 1.0);
        if (!isnan(r->latest_gap))
            r->latest_ahead = meets(r->lower_better, 0, r->latest_value, r->latest_required);
    }

    /* outcome, when the target year is inside the data */
    r->actual = NAN;
    r->met = -1;
    if (r->has_data && t->target_year <= E) {
        r->actual = tb_series_get(x, t->target_year);
        r->met = meets(r->lower_better, strict, r->actual, r->target_value);
    }

    /* rates (% per year) */
    r->cagr_required = r->cagr_observed = r->loglin_observed = NAN;
    r->eurostat_ratio = NAN;
    r->aarr_required = r->aarr_observed = r->aarr_observed_loglin = NAN;
    if (!isnan(r->base_value) && t->base_year && !isnan(r->target_value))
        r->cagr_required = tb_ind_cagr_pct(r->base_value, r->target_value,
                                           t->target_year - t->base_year, NULL);
    else if (r->latest_year && r->latest_year < t->target_year)
        r->cagr_required = tb_ind_cagr_pct(r->latest_value, r->target_value,
                                           t->target_year - r->latest_year, NULL);
    if (r->latest_year) {
        int from = 0;
        if (t->base_year && t->base_year < r->latest_year &&
            !isnan(tb_series_get(x, t->base_year)))
            from = t->base_year;
        else if (r->first_obs < r->latest_year) {
            from = r->first_obs;
            if (t->base_year && r->first_obs != t->base_year)
                warn(r, "waargenomen tempo over %d-%d, niet vanaf basisjaar %d",
                     "observed rate over %d-%d, not from the base year %d", from,
                     r->latest_year, t->base_year);
        }
        if (from) {
            r->rate_from = from;
            r->rate_to = r->latest_year;
            r->cagr_observed = tb_ind_cagr_pct(tb_series_get(x, from), r->latest_value,
                                               r->latest_year - from, NULL);
            size_t a = 0, b = 0;
            while (a < o.n && o.year[a] < from)
                a++;
            for (b = a; b < o.n && o.year[b] <= r->latest_year; b++)
                ;
            tb_error e;
            if (tb_ind_aarr_loglin(o.year + a, o.value + a, b - a, NULL, &r->loglin_observed,
                                   &e) != TB_OK)
                r->loglin_observed = NAN;
        }
    }
    r->aarr_required = -r->cagr_required;
    r->aarr_observed = -r->cagr_observed;
    r->aarr_observed_loglin = -r->loglin_observed;
    int achieved = r->latest_year ? meets(r->lower_better, strict, r->latest_value,
                                          r->target_value) : -1;
    if (achieved == 1) {
        r->eurostat = TB_PROGRESS_ACHIEVED;
        r->aarr_class = TB_AARR_ACHIEVED;
    } else if (isnan(r->cagr_required) || isnan(r->cagr_observed)) {
        r->eurostat = TB_PROGRESS_NA;
        r->aarr_class = TB_AARR_NA;
    } else {
        if (r->cagr_required != 0) {
            r->eurostat_ratio = r->cagr_observed / r->cagr_required;
            r->eurostat = tb_progress_for_ratio(r->eurostat_ratio);
        } else {
            /* "keep the level": any move the right way is on track */
            double fav = r->lower_better ? -r->cagr_observed : r->cagr_observed;
            r->eurostat = fav >= 0 ? TB_PROGRESS_ON_TRACK : TB_PROGRESS_AWAY;
        }
        double fo = r->lower_better ? r->aarr_observed : r->cagr_observed;
        double fr = r->lower_better ? r->aarr_required : r->cagr_required;
        r->aarr_class = tb_aarr_classify(fo, fr);
    }

    /* projection */
    r->projection.year = t->target_year;
    r->projection.mean = r->projection.lo80 = r->projection.hi80 = NAN;
    r->projection.lo95 = r->projection.hi95 = NAN;
    r->p_met = r->p_met_model = NAN;
    r->reach_year = -1;
    r->model = "";
    if (r->has_data && o.n >= 2 && (t->target_year > E || r->met < 0)) {
        if ((st = fit_model(t, r, &o, opt, &fit)) != TB_OK)
            goto out;
    } else if (r->has_data && o.n < 2 && t->target_year > E) {
        warn(r, "%d waargenomen jaar: te weinig voor een projectie",
             "%d observed year: too few for a projection", (int)o.n);
    }
    if (fit) {
        r->model = tb_model_name(fit->model);
        if (fit->reason && !(r->model_reason = strdup(fit->reason))) {
            st = TB_ENOMEM;
            goto out;
        }
        if (fit->nwarnings) {
            r->model_warnings = calloc(fit->nwarnings, sizeof *r->model_warnings);
            if (!r->model_warnings) {
                st = TB_ENOMEM;
                goto out;
            }
            for (size_t i = 0; i < fit->nwarnings; i++)
                if ((r->model_warnings[r->nmodel_warnings] = strdup(fit->warnings[i])))
                    r->nmodel_warnings++;
        }
        const tb_forecast *fc = forecast_for(fit, t->target_year);
        predictive model = {.fit = fit};
        predictive cal = {.pools = opt->pools, .npools = opt->npools, .year = o.year,
                          .value = o.value, .n = o.n, .counts = r->counts,
                          .cut = E};
        if (fc) {
            r->projected = 1;
            r->projection = *fc;
            r->p_met_model = target_prob(t, r, &model, E);
            if (opt->npools && pred_has(&cal, t->target_year)) {
                r->calibrated = 1;
                r->p_met = target_prob(t, r, &cal, E);
                if (calib_fan(r, &cal, E, t->target_year) < 0) {
                    st = TB_ENOMEM;
                    goto out;
                }
            }
        }
        used = r->calibrated ? cal : model;
        if (!r->calibrated)
            r->p_met = r->p_met_model;
        if (t->kind == TB_TARGET_LOWER_THAN_BEFORE && r->projected) {
            /* P(met) asks the target year to be below every earlier year,
             * also those still to come; the other readings beside it */
            int U[TB_YEAR_MAX - TB_YEAR_MIN + 1];
            r->p_below_observed = prob_met(&used, t->target_year, r->target_value, 1, 1);
            r->n_projected_before = (int)later_years(t, &used, E, U);
            int prev = t->target_year - 1;
            double yprev = prev <= E ? tb_series_get(x, prev) : NAN;
            if (prev <= E)
                r->p_below_last = isnan(yprev) ? NAN
                                               : prob_met(&used, t->target_year, yprev, 1, 1);
            else
                r->p_below_last = prob_below_all(&used, t->target_year, NAN, &prev, 1);
        }
        if (achieved == 1) {
            r->reach_year = r->latest_year;
        } else if (!isnan(r->target_value)) {
            r->reach_year = 0;
            for (size_t i = 0; i < fit->nforecast; i++)
                if (meets(r->lower_better, strict, fit->forecast[i].mean, r->target_value) == 1) {
                    r->reach_year = fit->forecast[i].year;
                    break;
                }
        }
        if (o.n < TB_TARGET_MIN_DECIDE)
            warn(r, "%zu waargenomen jaren: de projectie is te onzeker om te beslissen",
                 "%zu observed years: the projection is too uncertain to decide", o.n);
    }

    /* verdict */
    if (!r->has_data) {
        r->verdict = TB_VERDICT_GEEN_OORDEEL;
        snprintf(r->verdict_reason, sizeof r->verdict_reason, "geen gegevens; nodig: %s",
                 r->data_needed);
    } else if (r->met >= 0) {
        r->verdict = r->met ? TB_VERDICT_GEHAALD : TB_VERDICT_NIET_GEHAALD;
        snprintf(r->verdict_reason, sizeof r->verdict_reason, "%d is waargenomen",
                 t->target_year);
    } else if (!r->projected) {
        r->verdict = TB_VERDICT_GEEN_OORDEEL;
        snprintf(r->verdict_reason, sizeof r->verdict_reason,
                 "geen projectie voor %d mogelijk", t->target_year);
    } else {
        r->verdict = tb_target_verdict_for_p(r->p_met, r->n_obs);
        if (!r->calibrated) {
            int far = t->target_year - E > TB_POOL_HMAX;
            char nl[300], en[300];
            snprintf(nl, sizeof nl, "geen gekalibreerde kans (%s): het oordeel rust op de kans "
                     "van het model, die op echte reeksen te zeker bleek",
                     !opt->npools ? "geen referentiepool"
                     : far        ? "meer dan 10 jaar vooruit"
                                  : "te weinig vergelijkbare fouten");
            snprintf(en, sizeof en, "no calibrated probability (%s): the verdict rests on the "
                     "model's probability, which proved overconfident on real series",
                     !opt->npools ? "no reference pool"
                     : far        ? "more than 10 years ahead"
                                  : "too few comparable errors");
            warn_pair(r, nl, en);
        }
        if (r->n_obs < TB_TARGET_MIN_DECIDE)
            snprintf(r->verdict_reason, sizeof r->verdict_reason,
                     "%d waargenomen jaren: te weinig om te beslissen", r->n_obs);
        else
        {
            char a[32], b[32], c[32];
            tb_fmt_frac_pct(a, sizeof a, r->p_met, 1, TB_LANG_NL);
            tb_fmt_frac_pct(b, sizeof b, TB_TARGET_P_HIGH, 0, TB_LANG_NL);
            tb_fmt_frac_pct(c, sizeof c, TB_TARGET_P_LOW, 0, TB_LANG_NL);
            snprintf(r->verdict_reason, sizeof r->verdict_reason,
                     "kans %s; haalbaar vanaf %s, niet haalbaar onder %s", a, b, c);
        }
    }

    /* the other readings of the threshold, each with its own source */
    {
        tb_target_alt alts[2];
        size_t na = 0;
        if (r->base_source && !strcmp(r->base_source, SRC_DATA) && !isnan(r->base_value_text) &&
            r->base_value_text != r->base_value_data &&
            t->kind != TB_TARGET_MAX && t->kind != TB_TARGET_MIN &&
            t->kind != TB_TARGET_LOWER_THAN_BEFORE) {
            memset(&alts[na], 0, sizeof alts[na]);
            snprintf(alts[na].label, sizeof alts[na].label, "regel op basis beleidstekst (%g)",
                     r->base_value_text);
            alts[na].source = SRC_TEXT;
            alts[na].threshold = tb_target_threshold(t, r->base_value_text);
            na++;
        }
        if (!isnan(t->stated_value) && fabs(t->stated_value - r->target_value) > 0.5) {
            memset(&alts[na], 0, sizeof alts[na]);
            snprintf(alts[na].label, sizeof alts[na].label, "gesteld getal");
            alts[na].source = SRC_TEXT;
            alts[na].stated = 1;
            alts[na].threshold = t->stated_value;
            na++;
        }
        if (na) {
            r->alt = calloc(na, sizeof *r->alt);
            if (!r->alt) {
                st = TB_ENOMEM;
                goto out;
            }
            for (size_t i = 0; i < na; i++) {
                alts[i].p_met = fit ? prob_met(&used, t->target_year, alts[i].threshold,
                                               r->lower_better, strict)
                                    : NAN;
                alts[i].met = !isnan(r->actual)
                                  ? meets(r->lower_better, strict, r->actual, alts[i].threshold)
                                  : -1;
                r->alt[i] = alts[i];
            }
            r->nalt = na;
        }
    }

    /* milestones, checked like the target */
    if (t->nmilestones) {
        r->milestones = calloc(t->nmilestones, sizeof *r->milestones);
        if (!r->milestones) {
            st = TB_ENOMEM;
            goto out;
        }
        r->nmilestones = t->nmilestones;
        for (size_t i = 0; i < t->nmilestones; i++) {
            tb_milestone_result *m = &r->milestones[i];
            const tb_target_milestone *tm = &t->milestone[i];
            double B = r->base_value;
            m->year = tm->year;
            switch (t->kind) {
            case TB_TARGET_REDUCTION_PCT: m->threshold = B * (1 - tm->value / 100); break;
            case TB_TARGET_INCREASE_PCT: m->threshold = B * (1 + tm->value / 100); break;
            default: m->threshold = tm->value; break;
            }
            m->observed = x && tm->year <= E ? tb_series_get(x, tm->year) : NAN;
            m->met = meets(r->lower_better, 0, m->observed, m->threshold);
            m->p_met = NAN;
            if (m->met >= 0) {
                m->verdict = m->met ? TB_VERDICT_GEHAALD : TB_VERDICT_NIET_GEHAALD;
            } else if (fit && pred_has(&used, tm->year)) {
                m->p_met = prob_met(&used, tm->year, m->threshold, r->lower_better, 0);
                m->verdict = tb_target_verdict_for_p(m->p_met, r->n_obs);
            } else {
                m->verdict = TB_VERDICT_GEEN_OORDEEL;
            }
        }
    }

out:
    tb_fit_free(fit);
    free(o.year);
    free(o.value);
    return st;
}

static tb_target_result *result_new(const tb_target *t, int as_of)
{
    tb_target_result *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->target = t;
    r->as_of = as_of;
    r->audit_match = r->audit_closest = -1;
    r->base_value_data = r->base_value_text = r->base_value = NAN;
    r->target_value = r->audit_exponent = NAN;
    r->actual = r->p_met = r->p_met_model = r->brier = NAN;
    r->p_below_observed = r->p_below_last = NAN;
    r->met = -1;
    r->eurostat = TB_PROGRESS_NA;
    r->aarr_class = TB_AARR_NA;
    r->verdict = TB_VERDICT_GEEN_OORDEEL;
    r->model = "";
    return r;
}

/* Rolling origin: evaluate as of each year from the first with two
 * observations (and not before the base year) to the year before the
 * target year, and set each verdict against what happened. */
static tb_status backtest(const tb_target *t, const tb_store *s,
                          const tb_target_options *opt, tb_target_result *r)
{
    const tb_series *x = s ? tb_store_find(s, t->region, t->indicator, t->measure) : NULL;
    if (!x)
        return TB_OK;
    int *yy = malloc((size_t)x->n * sizeof *yy);
    double *vv = malloc((size_t)x->n * sizeof *vv);
    if (!yy || !vv) {
        free(yy);
        free(vv);
        return TB_ENOMEM;
    }
    size_t n = tb_series_observed(x, yy, vv);
    int first = n >= 2 ? yy[1] : 0, last = n ? yy[n - 1] : 0;
    free(yy);
    free(vv);
    if (!first)
        return TB_OK;
    if (t->base_year > first)
        first = t->base_year;
    if (last > t->target_year - 1)
        last = t->target_year - 1;
    if (opt->as_of && last > opt->as_of)
        last = opt->as_of;
    double actual = tb_series_get(x, t->target_year);
    double sum = 0;
    int cnt = 0;
    for (int y = first; y <= last; y++) {
        if (isnan(tb_series_get(x, y)))
            continue;
        tb_target_options o2 = *opt;
        o2.as_of = y;
        o2.backtest = 0;
        tb_target_result *b = result_new(t, y);
        if (!b)
            return TB_ENOMEM;
        tb_status st = evaluate(t, s, &o2, b);
        if (st != TB_OK) {
            tb_target_result_free(b);
            return st;
        }
        tb_backtest_row *rows = realloc(r->backtest, (r->nbacktest + 1) * sizeof *rows);
        if (!rows) {
            tb_target_result_free(b);
            return TB_ENOMEM;
        }
        r->backtest = rows;
        tb_backtest_row *row = &rows[r->nbacktest++];
        row->as_of = y;
        row->n = b->n_obs;
        row->model = b->model;
        row->threshold = b->target_value;
        row->mean = b->projection.mean;
        row->lo80 = b->projection.lo80;
        row->hi80 = b->projection.hi80;
        row->lo95 = b->projection.lo95;
        row->hi95 = b->projection.hi95;
        row->p_met = b->p_met;
        row->p_met_model = b->p_met_model;
        row->calibrated = b->calibrated;
        row->verdict = b->verdict;
        row->progress = b->eurostat;
        row->actual = actual;
        row->met = meets(r->lower_better, t->kind == TB_TARGET_LOWER_THAN_BEFORE, actual,
                         b->target_value);
        if (row->met >= 0 && !isnan(row->p_met)) {
            sum += (row->p_met - row->met) * (row->p_met - row->met);
            cnt++;
        }
        tb_target_result_free(b);
    }
    r->brier_n = cnt;
    r->brier = cnt ? sum / cnt : NAN;
    return TB_OK;
}

tb_status tb_target_evaluate(const tb_target *t, const tb_store *s,
                             const tb_target_options *o, tb_target_result **out,
                             tb_error *err)
{
    *out = NULL;
    tb_target_options defaults;
    if (!o) {
        tb_target_options_init(&defaults);
        o = &defaults;
    }
    if (!t)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0, "no target given");
    if (o->as_of && (o->as_of < TB_YEAR_MIN || o->as_of > TB_YEAR_MAX))
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0, "as-of year %d is outside %d..%d",
                            o->as_of, TB_YEAR_MIN, TB_YEAR_MAX);
    if ((int)o->model < 0 || o->model >= TB_MODEL_COUNT_)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0, "unknown model kind %d", (int)o->model);
    tb_target_result *r = result_new(t, o->as_of);
    if (!r)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    tb_status st = evaluate(t, s, o, r);
    if (st == TB_OK && o->backtest)
        st = backtest(t, s, o, r);
    if (st != TB_OK) {
        tb_target_result_free(r);
        return tb_error_set(err, st, NULL, 0, 0, "target %s: out of memory", t->id);
    }
    *out = r;
    return TB_OK;
}

/* ---- calibration ------------------------------------------------------- */

void tb_calib_options_init(tb_calib_options *o)
{
    memset(o, 0, sizeof *o);
    o->rate_pct = 5;
    o->steps = 5;
    o->min_base = 20;
    o->model = TB_MODEL_AUTO;
    o->seed = 20180101ul;
}

void tb_calib_init(tb_calib_result *c)
{
    static const double lim[TB_CALIB_NBANDS + 1] = {0, TB_TARGET_P_LOW, TB_TARGET_P_HIGH, 1};
    memset(c, 0, sizeof *c);
    for (int i = 0; i < TB_CALIB_NBANDS; i++) {
        c->band[i].lo = lim[i];
        c->band[i].hi = lim[i + 1];
    }
    for (int i = 0; i < 10; i++) {
        c->decile[i].lo = i / 10.0;
        c->decile[i].hi = (i + 1) / 10.0;
    }
}

void tb_calib_add(tb_calib_result *c, double p, int met, tb_verdict v)
{
    if (met < 0)
        return;
    if (isnan(p)) {
        c->no_projection++;
        return;
    }
    met = met != 0;
    c->cases++;
    c->met += (size_t)met;
    c->brier_sum += (p - met) * (p - met);
    int b = p < TB_TARGET_P_LOW ? 0 : p < TB_TARGET_P_HIGH ? 1 : 2;
    c->band[b].n++;
    c->band[b].met += (size_t)met;
    c->band[b].sum_p += p;
    int d = p >= 1 ? 9 : p <= 0 ? 0 : (int)(p * 10);
    c->decile[d].n++;
    c->decile[d].met += (size_t)met;
    c->decile[d].sum_p += p;
    if ((int)v >= 0 && v <= TB_VERDICT_GEEN_OORDEEL) {
        c->verdict_n[v]++;
        c->verdict_met[v] += (size_t)met;
    }
}

void tb_calib_add_backtest(tb_calib_result *c, const tb_target_result *r)
{
    for (size_t i = 0; r && i < r->nbacktest; i++)
        tb_calib_add(c, r->backtest[i].p_met, r->backtest[i].met, r->backtest[i].verdict);
}

double tb_calib_brier(const tb_calib_result *c)
{
    return c->cases ? c->brier_sum / (double)c->cases : NAN;
}

double tb_calib_brier_base(const tb_calib_result *c)
{
    if (!c->cases)
        return NAN;
    double p = (double)c->met / (double)c->cases;
    return p * (1 - p);
}

const char *tb_calib_method_name(tb_calib_method m)
{
    static const char *names[] = {"calibrated", "model", "plain_pooled"};
    return (int)m >= 0 && m < TB_CALIB_NMETHODS ? names[m] : "?";
}

/* A P(target met) case: the rule from base year BASE, judged as of AS_OF. */
typedef struct {
    const tb_series *x;
    int base, as_of;
    double p[TB_CALIB_NMETHODS];
    int met, calibrated;
    tb_verdict verdict[TB_CALIB_NMETHODS];
} calib_job;

/* An interval case: series X at origin AS_OF, h = 1 .. TB_CALIB_HORIZONS
 * with the outcome (NaN when not observed or provisional). */
typedef struct {
    const tb_series *x;
    int as_of;
    double actual[TB_CALIB_HORIZONS];
    /* per method and horizon: 1 inside the 80% interval + 2 inside the
     * 95% interval; -1 no interval */
    signed char in[TB_CALIB_NMETHODS][TB_CALIB_HORIZONS];
} cover_job;

/* The observed years of X before its first provisional year. */
static size_t firm_years(const tb_series *x, int *yy, double *vv)
{
    size_t n = tb_series_observed(x, yy, vv), k = 0;
    while (k < n && !(tb_series_flags(x, yy[k]) & TB_FLAG_PROVISIONAL))
        k++;
    return k;
}

static int calib_series(const tb_series *x)
{
    return tb_measure_is_count(x->measure) && tb_errpool_covers(x->measure);
}

static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return v;
    size_t nc = *cap ? 2 * *cap : 1024;
    void *nv = realloc(v, nc * size);
    if (nv)
        *cap = nc;
    return nv;
}

static int inside(double lo, double hi, double y)
{
    return !isnan(lo) && !isnan(hi) && y >= lo && y <= hi;
}

/* 1 when Y is inside the 80% interval of D, + 2 inside its 95% interval. */
static signed char dist_cover(const tb_errdist *d, double y)
{
    return (signed char)(inside(tb_errdist_quantile(d, 0.10), tb_errdist_quantile(d, 0.90), y) +
                         2 * inside(tb_errdist_quantile(d, 0.025),
                                    tb_errdist_quantile(d, 0.975), y));
}

/* Coverage of the three methods' intervals for one origin. */
static void cover_one(cover_job *c, const tb_calib_options *o,
                      const tb_errpool *const *plain, int *yy, double *vv, size_t n)
{
    tb_fit_options fo;
    tb_fit_options_init(&fo);
    fo.counts = 1;
    fo.horizon = c->as_of + TB_CALIB_HORIZONS;
    tb_fit *fit = NULL;
    tb_error e;
    if (tb_model_fit(o->model, yy, vv, n, &fo, &fit, &e) != TB_OK)
        fit = NULL;
    for (int h = 1; h <= TB_CALIB_HORIZONS; h++) {
        double y = c->actual[h - 1];
        for (int m = 0; m < TB_CALIB_NMETHODS; m++)
            c->in[m][h - 1] = -1;
        if (isnan(y))
            continue;
        tb_errdist d;
        if (tb_errdist_make(o->pools, o->npools, yy, vv, n, 1, h, c->as_of, &d))
            c->in[TB_CALIB_CALIBRATED][h - 1] = dist_cover(&d, y);
        if (tb_errdist_make(plain, 1, yy, vv, n, 1, h, c->as_of, &d))
            c->in[TB_CALIB_PLAIN][h - 1] = dist_cover(&d, y);
        const tb_forecast *f = fit ? forecast_for(fit, c->as_of + h) : NULL;
        if (f)
            c->in[TB_CALIB_MODEL][h - 1] =
                (signed char)(inside(f->lo80, f->hi80, y) + 2 * inside(f->lo95, f->hi95, y));
    }
    tb_fit_free(fit);
}

/* One P(target met) case for all three methods. */
static int case_one(calib_job *c, const tb_store *s, const tb_calib_options *o,
                    const tb_errpool *const *plain, int *yy, double *vv, size_t n)
{
    tb_target t;
    memset(&t, 0, sizeof t);
    t.id = (char *)"calibratie";
    t.description = t.source = (char *)"";
    t.region = (char *)c->x->region;
    t.indicator = (char *)c->x->indicator;
    t.measure = (char *)c->x->measure;
    t.kind = TB_TARGET_ANNUAL_REDUCTION_PCT;
    t.base_year = c->base;
    t.target_year = c->base + o->steps;
    t.value = o->rate_pct;
    t.stated_value = t.base_value = NAN;
    tb_target_options to;
    tb_target_options_init(&to);
    to.model = o->model;
    to.seed = o->seed;
    to.as_of = c->as_of;
    to.reach_years = 0; /* only the target year is asked for */
    to.pools = o->pools;
    to.npools = o->npools;
    tb_target_result *r = result_new(&t, c->as_of);
    if (!r || evaluate(&t, s, &to, r) != TB_OK) {
        tb_target_result_free(r);
        return -1;
    }
    c->calibrated = r->calibrated;
    c->met = meets(1, 0, tb_series_get(c->x, t.target_year), r->target_value);
    c->p[TB_CALIB_CALIBRATED] = r->calibrated ? r->p_met : NAN;
    c->p[TB_CALIB_MODEL] = r->p_met_model;
    c->verdict[TB_CALIB_CALIBRATED] = r->verdict;
    c->verdict[TB_CALIB_MODEL] = tb_target_verdict_for_p(r->p_met_model, r->n_obs);
    c->p[TB_CALIB_PLAIN] = NAN;
    tb_errdist d;
    size_t k = 0;
    while (k < n && yy[k] <= c->as_of)
        k++;
    if (tb_errdist_make(plain, 1, yy, vv, k, 1, t.target_year - yy[k - 1], c->as_of, &d))
        c->p[TB_CALIB_PLAIN] = tb_errdist_prob_le(&d, r->target_value);
    c->verdict[TB_CALIB_PLAIN] = tb_target_verdict_for_p(c->p[TB_CALIB_PLAIN], r->n_obs);
    tb_target_result_free(r);
    return 0;
}

tb_status tb_target_calibrate(const tb_store *s, const tb_calib_options *o,
                              tb_calib_report *out, tb_error *err)
{
    tb_calib_options def;
    if (!o) {
        tb_calib_options_init(&def);
        o = &def;
    }
    memset(out, 0, sizeof *out);
    for (int m = 0; m < TB_CALIB_NMETHODS; m++)
        tb_calib_init(&out->method[m]);
    if (!s)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0, "calibration: no series store");
    if (!(o->rate_pct > 0 && o->rate_pct < 100) || o->steps < 1 || o->steps > 50)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "calibration: rule %g%% per year over %d years; expected a rate "
                            "between 0 and 100 and 1 to 50 years",
                            o->rate_pct, o->steps);
    if ((int)o->model < 0 || o->model >= TB_MODEL_COUNT_)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0, "unknown model kind %d", (int)o->model);

    /* the pools: the plain method's always from the store; the calibrated
     * method's from the options, else from the store */
    tb_point_method pm;
    tb_point_method_plain(&pm);
    tb_errpool *plain = tb_errpool_new("plain", &pm), *own = NULL;
    calib_job *job = NULL;
    cover_job *cov = NULL;
    int *yy = NULL;
    double *vv = NULL;
    tb_calib_options oc = *o;
    const tb_errpool *own_chain[1];
    if (!plain || tb_errpool_add_store(plain, s, err) != TB_OK)
        goto nomem;
    if (!oc.npools) {
        if (!(own = tb_errpool_new("store", NULL)) || tb_errpool_add_store(own, s, err) != TB_OK)
            goto nomem;
        own_chain[0] = own;
        oc.pools = own_chain;
        oc.npools = 1;
    }
    out->pool_errors = tb_errpool_size(oc.pools[0]);
    out->pool_series = tb_errpool_series(oc.pools[0]);
    const tb_errpool *plain_chain[1] = {plain};

    /* the cases, in store order */
    size_t njob = 0, cap = 0, ncov = 0, ccap = 0;
    int nmax = 1;
    for (size_t i = 0; i < tb_store_size(s); i++)
        if (tb_store_at(s, i)->n > nmax)
            nmax = tb_store_at(s, i)->n;
    yy = malloc((size_t)nmax * sizeof *yy);
    vv = malloc((size_t)nmax * sizeof *vv);
    if (!yy || !vv)
        goto nomem;
    for (size_t i = 0; i < tb_store_size(s); i++) {
        const tb_series *x = tb_store_at(s, i);
        if (!calib_series(x))
            continue;
        size_t n = firm_years(x, yy, vv);
        int last = n ? yy[n - 1] : 0;
        for (size_t b = 0; b < n; b++) {
            if ((int)b + 1 < TB_TARGET_MIN_DECIDE || vv[b] < o->min_base)
                continue;
            /* intervals from this origin */
            if (!(cov = grow(cov, &ccap, ncov, sizeof *cov)))
                goto nomem;
            cover_job *c = &cov[ncov++];
            c->x = x;
            c->as_of = yy[b];
            for (int h = 1; h <= TB_CALIB_HORIZONS; h++) {
                int T = yy[b] + h;
                c->actual[h - 1] = T <= last ? tb_series_get(x, T) : NAN;
            }
            /* the rule from this base year */
            int B = yy[b], T = B + o->steps;
            if (T > last || isnan(tb_series_get(x, T)))
                continue;
            for (int A = B; A <= (o->origins ? T - 1 : B); A++) {
                if (!(job = grow(job, &cap, njob, sizeof *job)))
                    goto nomem;
                job[njob++] = (calib_job){.x = x, .base = B, .as_of = A, .met = -1};
            }
        }
    }

    int failed = 0;
#pragma omp parallel
    {
        int *ty = malloc((size_t)nmax * sizeof *ty);
        double *tv = malloc((size_t)nmax * sizeof *tv);
        if (!ty || !tv) {
#pragma omp atomic write
            failed = 1;
        }
#pragma omp for schedule(dynamic, 8)
        for (size_t j = 0; j < njob; j++) {
            if (!ty || !tv)
                continue;
            size_t n = firm_years(job[j].x, ty, tv);
            if (case_one(&job[j], s, &oc, plain_chain, ty, tv, n) < 0) {
#pragma omp atomic write
                failed = 1;
            }
        }
#pragma omp for schedule(dynamic, 8)
        for (size_t j = 0; j < ncov; j++) {
            if (!ty || !tv)
                continue;
            size_t n = firm_years(cov[j].x, ty, tv);
            while (n && ty[n - 1] > cov[j].as_of)
                n--;
            cover_one(&cov[j], &oc, plain_chain, ty, tv, n);
        }
        free(ty);
        free(tv);
    }
    if (failed)
        goto nomem;

    /* the same cases for every method: those with all three P */
    const tb_series *prev = NULL;
    for (size_t j = 0; j < njob; j++) {
        calib_job *c = &job[j];
        if (c->met < 0)
            continue;
        int all = 1;
        for (int m = 0; m < TB_CALIB_NMETHODS; m++)
            all &= !isnan(c->p[m]);
        if (!all) {
            if (!c->calibrated)
                out->uncalibrated++;
            else
                out->method[TB_CALIB_MODEL].no_projection++;
            continue;
        }
        for (int m = 0; m < TB_CALIB_NMETHODS; m++)
            tb_calib_add(&out->method[m], c->p[m], c->met, c->verdict[m]);
        if (c->x != prev) {
            for (int m = 0; m < TB_CALIB_NMETHODS; m++)
                out->method[m].series++;
            prev = c->x;
        }
    }
    for (size_t j = 0; j < ncov; j++)
        for (int h = 0; h < TB_CALIB_HORIZONS; h++) {
            int all = 1;
            for (int m = 0; m < TB_CALIB_NMETHODS; m++)
                all &= cov[j].in[m][h] >= 0;
            if (!all) {
                out->uncovered += cov[j].in[TB_CALIB_CALIBRATED][h] < 0 &&
                                  !isnan(cov[j].actual[h]);
                continue;
            }
            for (int m = 0; m < TB_CALIB_NMETHODS; m++) {
                tb_calib_result *r = &out->method[m];
                r->cover[h].n++;
                r->cover[h].in80 += cov[j].in[m][h] & 1;
                r->cover[h].in95 += (cov[j].in[m][h] & 2) >> 1;
            }
        }
    free(yy);
    free(vv);
    free(job);
    free(cov);
    tb_errpool_free(plain);
    tb_errpool_free(own);
    return TB_OK;
nomem:
    free(yy);
    free(vv);
    free(job);
    free(cov);
    tb_errpool_free(plain);
    tb_errpool_free(own);
    return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "calibration: out of memory");
}

/* Target evaluation: base and threshold, required path, rates,
 * projection, verdict, milestones and the rolling-origin backtest.  What
 * the evaluation notes is recorded as messages (message.h); the writers
 * put them into words. */
#include "target_priv.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "trendbeeld/indicators.h"
#include "trendbeeld/load.h"
#include "trendbeeld/measure.h"

void tb_target_options_init(tb_target_options *o)
{
    memset(o, 0, sizeof *o);
    o->model = TB_MODEL_AUTO;
    o->reach_years = 15;
}

/* ---- names and categories ------------------------------------------------ */

_Static_assert(TB_MSG_VERDICT_GEEN_OORDEEL - TB_MSG_VERDICT_HAALBAAR == TB_VERDICT_GEEN_OORDEEL,
               "verdict names follow tb_verdict");
_Static_assert(TB_MSG_PROGRESS_NA - TB_MSG_PROGRESS_ON_TRACK == TB_PROGRESS_NA,
               "progress names follow tb_progress");
_Static_assert(TB_MSG_AARR_NA - TB_MSG_AARR_ON_TRACK == TB_AARR_NA,
               "AARR names follow tb_aarr_class");

const char *tb_verdict_name(tb_verdict v, tb_lang lang)
{
    if ((int)v < 0 || v > TB_VERDICT_GEEN_OORDEEL)
        return "?";
    return tb_msg_text(TB_MSG_VERDICT_HAALBAAR + (int)v, lang);
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

const char *tb_progress_name(tb_progress p, tb_lang lang)
{
    if ((int)p < 0 || p > TB_PROGRESS_NA)
        return "?";
    return tb_msg_text(TB_MSG_PROGRESS_ON_TRACK + (int)p, lang);
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

const char *tb_aarr_class_name(tb_aarr_class c, tb_lang lang)
{
    if ((int)c < 0 || c > TB_AARR_NA)
        return "?";
    return tb_msg_text(TB_MSG_AARR_ON_TRACK + (int)c, lang);
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

/* Each warning a message: a writer gives it in Dutch or English. */
static void warn_message(tb_target_result *r, tb_message *m)
{
    tb_message *w = realloc(r->warnings, (r->nwarnings + 1) * sizeof *w);
    if (!w) {
        tb_message_clear(m);
        return;
    }
    r->warnings = w;
    w[r->nwarnings++] = *m;
}

void tb_target_warn_(tb_target_result *r, tb_msg_code code, ...)
{
    tb_message m;
    va_list ap;
    va_start(ap, code);
    int rc = tb_message_vset(&m, code, ap);
    va_end(ap);
    if (rc == 0)
        warn_message(r, &m);
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
    for (size_t i = 0; i < r->nwarnings; i++)
        tb_message_clear(&r->warnings[i]);
    free(r->warnings);
    tb_message_clear(&r->audit_summary);
    tb_message_clear(&r->verdict_reason);
    tb_message_clear(&r->needed);
    for (size_t i = 0; i < r->nmodel_warnings; i++)
        free(r->model_warnings[i]);
    free(r->model_warnings);
    free(r);
}

int tb_target_meets_(int lower_better, int strict, double v, double thr)
{
    if (isnan(v) || isnan(thr))
        return -1;
    if (lower_better)
        return strict ? v < thr : v <= thr;
    return v >= thr;
}

tb_target_result *tb_target_result_new_(const tb_target *t, int as_of)
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

/* ---- evaluation -------------------------------------------------------- */

/* The observed years the evaluation may see. */
typedef struct {
    int *year;
    double *value;
    size_t n;
} obs;

/* One evaluation: the target, its series and what has been made so far. */
typedef struct {
    const tb_target *t;
    const tb_series *x;        /* NULL when not in the store */
    const tb_target_options *opt;
    tb_target_result *r;
    obs o;
    int strict;                /* lower_than_before: below, not at most */
    int E;                     /* last year the evaluation may see (0: none) */
    tb_fit *fit;
    tb_predictive_ used;       /* the distribution behind the verdict */
} eval_ctx;

/* The observations up to the as-of year, with a warning for each
 * provisional one; -1 when out of memory. */
static int read_observations(eval_ctx *c)
{
    const tb_series *x = c->x;
    if (!x)
        return 0;
    c->o.year = malloc((size_t)x->n * sizeof *c->o.year);
    c->o.value = malloc((size_t)x->n * sizeof *c->o.value);
    if (!c->o.year || !c->o.value)
        return -1;
    size_t n = tb_series_observed_to(x, c->opt->as_of, c->o.year, c->o.value);
    c->o.n = n;
    for (size_t i = 0; i < n; i++)
        if (tb_series_flags(x, c->o.year[i]) & TB_FLAG_PROVISIONAL)
            tb_target_warn_(c->r, TB_MSG_PROVISIONAL, c->o.year[i]);
    return 0;
}

/* The first year of figures a target without data asks for. */
static int first_year_needed(const tb_target *t)
{
    return t->base_year ? t->base_year : t->target_year - 4;
}

/* What the data covers, or what data would be needed. */
static void note_coverage(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    r->has_data = c->o.n > 0;
    if (!r->has_data) {
        int from = first_year_needed(t);
        r->series_exists = c->x != NULL;
        tb_msg_code why = c->x ? TB_MSG_SERIES_NOT_UP_TO_AS_OF : TB_MSG_EMPTY;
        tb_message_set(&r->needed, TB_MSG_DATA_NEEDED, t->region, t->indicator, t->measure,
                       from, t->target_year, why);
        tb_message_render(&r->needed, TB_LANG_NL, r->data_needed, sizeof r->data_needed);
        tb_target_warn_(r, TB_MSG_NO_DATA, t->region, t->indicator, t->measure, from,
                        t->target_year, why);
    } else {
        r->n_obs = (int)c->o.n;
        r->first_obs = c->o.year[0];
        r->series_source = c->x->source;
        r->last_obs = c->o.year[c->o.n - 1];
    }
    c->E = r->has_data ? r->last_obs : 0;
}

/* The base values: the series' own and the text's, never merged. */
static void set_base(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    r->base_value_text = t->base_value;
    r->base_value_data = NAN;
    if (c->x && t->base_year && (!c->opt->as_of || t->base_year <= c->opt->as_of))
        r->base_value_data = tb_series_get(c->x, t->base_year);
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
        int dec = r->counts ? 0 : 2;
        if (t->base_label)
            tb_target_warn_(r, TB_MSG_BASE_DIFFERS_LABELLED, t->base_year, r->base_value_text,
                            dec, r->base_value_data, dec, t->base_label);
        else
            tb_target_warn_(r, TB_MSG_BASE_DIFFERS, t->base_year, r->base_value_text, dec,
                            r->base_value_data, dec);
    }
}

/* The threshold in the target year: the rule on the base, or for
 * lower_than_before the lowest observed earlier year. */
static void set_threshold(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    if (t->kind != TB_TARGET_LOWER_THAN_BEFORE) {
        r->target_value = tb_target_threshold(t, r->base_value);
        r->target_value_source = (t->kind == TB_TARGET_MAX || t->kind == TB_TARGET_MIN)
                                     ? SRC_TEXT
                                     : r->base_source;
        return;
    }
    double m = NAN;
    int seen = 0;
    for (size_t i = 0; i < c->o.n; i++)
        if (c->o.year[i] >= t->base_year && c->o.year[i] < t->target_year) {
            if (isnan(m) || c->o.value[i] < m)
                m = c->o.value[i];
            seen++;
        }
    r->target_value = m;
    r->target_value_source = SRC_DATA;
    if (!isnan(m) && seen < t->target_year - t->base_year)
        tb_target_warn_(r, TB_MSG_THRESHOLD_MAY_FALL, seen, t->target_year - t->base_year,
                        t->base_year, t->target_year - 1);
}

/* The required path from the base year (or the target year alone) to
 * the target year; -1 when out of memory. */
static int required_path(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    int y0 = t->base_year ? t->base_year : t->target_year;
    r->npath = (size_t)(t->target_year - y0 + 1);
    r->path = calloc(r->npath, sizeof *r->path);
    if (!r->path)
        return -1;
    for (int y = y0; y <= t->target_year; y++) {
        tb_path_point *p = &r->path[y - y0];
        p->year = y;
        p->value = t->kind == TB_TARGET_LOWER_THAN_BEFORE
                       ? (y == t->target_year ? r->target_value : NAN)
                       : tb_target_path_value(t, r->base_value, y);
    }
    return 0;
}

/* The latest observation up to the target year against the path, and
 * the outcome when the target year is inside the data. */
static void latest_and_outcome(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    r->latest_ahead = -1;
    r->latest_value = r->latest_required = r->latest_gap = r->latest_gap_pct = NAN;
    for (size_t i = c->o.n; i-- > 0;)
        if (c->o.year[i] <= t->target_year) {
            r->latest_year = c->o.year[i];
            r->latest_value = c->o.value[i];
            break;
        }
    if (r->latest_year) {
        for (size_t i = 0; i < r->npath; i++)
            if (r->path[i].year == r->latest_year)
                r->latest_required = r->path[i].value;
        r->latest_gap = r->latest_value - r->latest_required;
        r->latest_gap_pct = 100.0 * (r->latest_value / r->latest_required - 1.0);
        if (!isnan(r->latest_gap))
            r->latest_ahead = tb_target_meets_(r->lower_better, 0, r->latest_value,
                                               r->latest_required);
    }
    r->actual = NAN;
    r->met = -1;
    if (r->has_data && t->target_year <= c->E) {
        r->actual = tb_series_get(c->x, t->target_year);
        r->met = tb_target_meets_(r->lower_better, c->strict, r->actual, r->target_value);
    }
}

/* 1 when the latest observation already meets the target, 0 when not,
 * -1 without one. */
static int latest_meets(const eval_ctx *c)
{
    const tb_target_result *r = c->r;
    return r->latest_year ? tb_target_meets_(r->lower_better, c->strict, r->latest_value,
                                             r->target_value)
                          : -1;
}

/* The observed rate from the base year (or the first observed year) to
 * the latest observation: CAGR and the log-linear rate. */
static void observed_rate(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    int from = 0;
    if (t->base_year && t->base_year < r->latest_year &&
        !isnan(tb_series_get(c->x, t->base_year)))
        from = t->base_year;
    else if (r->first_obs < r->latest_year) {
        from = r->first_obs;
        if (t->base_year && r->first_obs != t->base_year)
            tb_target_warn_(r, TB_MSG_RATE_WINDOW, from, r->latest_year, t->base_year);
    }
    if (!from)
        return;
    r->rate_from = from;
    r->rate_to = r->latest_year;
    r->cagr_observed = tb_ind_cagr_pct(tb_series_get(c->x, from), r->latest_value,
                                       r->latest_year - from, NULL);
    size_t a = 0, b = 0;
    while (a < c->o.n && c->o.year[a] < from)
        a++;
    for (b = a; b < c->o.n && c->o.year[b] <= r->latest_year; b++)
        ;
    tb_error e;
    if (tb_ind_aarr_loglin(c->o.year + a, c->o.value + a, b - a, NULL, &r->loglin_observed,
                           &e) != TB_OK)
        r->loglin_observed = NAN;
}

/* Required and observed rates (% per year) and the Eurostat and AARR
 * categories they give. */
static void rates(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    r->cagr_required = r->cagr_observed = r->loglin_observed = NAN;
    r->eurostat_ratio = NAN;
    if (!isnan(r->base_value) && t->base_year && !isnan(r->target_value))
        r->cagr_required = tb_ind_cagr_pct(r->base_value, r->target_value,
                                           t->target_year - t->base_year, NULL);
    else if (r->latest_year && r->latest_year < t->target_year)
        r->cagr_required = tb_ind_cagr_pct(r->latest_value, r->target_value,
                                           t->target_year - r->latest_year, NULL);
    if (r->latest_year)
        observed_rate(c);
    r->aarr_required = -r->cagr_required;
    r->aarr_observed = -r->cagr_observed;
    r->aarr_observed_loglin = -r->loglin_observed;
    if (latest_meets(c) == 1) {
        r->eurostat = TB_PROGRESS_ACHIEVED;
        r->aarr_class = TB_AARR_ACHIEVED;
        return;
    }
    if (isnan(r->cagr_required) || isnan(r->cagr_observed)) {
        r->eurostat = TB_PROGRESS_NA;
        r->aarr_class = TB_AARR_NA;
        return;
    }
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

/* Fit the model on the observations; a fit that fails leaves no fit and
 * a warning (only running out of memory is an error). */
static tb_status fit_model(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    const obs *o = &c->o;
    c->fit = NULL;
    tb_model_kind k = c->opt->model;
    if (k == TB_MODEL_AUTO && !r->counts) {
        k = TB_MODEL_LINEAR; /* auto chooses among count models */
        tb_target_warn_(r, TB_MSG_NOT_A_COUNT, t->measure);
    }
    tb_fit_options fo;
    tb_fit_options_init(&fo);
    fo.counts = r->counts;
    int last = o->year[o->n - 1];
    int h = (t->target_year > last ? t->target_year : last + 1) +
            (c->opt->reach_years > 0 ? c->opt->reach_years : 0);
    fo.horizon = h > TB_YEAR_MAX ? TB_YEAR_MAX : h;
    tb_error e;
    tb_status st = tb_model_fit(k, o->year, o->value, o->n, &fo, &c->fit, &e);
    if (st != TB_OK) {
        tb_target_warn_(r, TB_MSG_FIT_FAILED, tb_model_name(k) ? tb_model_name(k) : "?",
                        e.msg);
        c->fit = NULL;
        return st == TB_ENOMEM ? st : TB_OK;
    }
    return TB_OK;
}

/* The fitted model's name, reason and caveats into the result; -1 when
 * out of memory. */
static int keep_model_notes(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_fit *fit = c->fit;
    r->model = tb_model_name(fit->model);
    if (fit->reason && !(r->model_reason = strdup(fit->reason)))
        return -1;
    if (!fit->nwarnings)
        return 0;
    r->model_warnings = calloc(fit->nwarnings, sizeof *r->model_warnings);
    if (!r->model_warnings)
        return -1;
    for (size_t i = 0; i < fit->nwarnings; i++)
        if ((r->model_warnings[r->nmodel_warnings] = strdup(fit->warnings[i])))
            r->nmodel_warnings++;
    return 0;
}

/* P(target met): the model's, and the calibrated one with its fan when a
 * pool covers the target year; USED becomes the one behind the verdict.
 * -1 when out of memory. */
static int probabilities(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    const tb_forecast *fc = tb_target_forecast_for_(c->fit, t->target_year);
    tb_predictive_ model = {.fit = c->fit};
    tb_predictive_ cal = {.pools = c->opt->pools, .npools = c->opt->npools,
                          .year = c->o.year, .value = c->o.value, .n = c->o.n,
                          .counts = r->counts, .cut = c->E};
    if (fc) {
        r->projected = 1;
        r->projection = *fc;
        r->p_met_model = tb_pred_target_prob_(t, r, &model, c->E);
        if (c->opt->npools && tb_pred_has_(&cal, t->target_year)) {
            r->calibrated = 1;
            r->p_met = tb_pred_target_prob_(t, r, &cal, c->E);
            if (tb_pred_calib_fan_(r, &cal, c->E, t->target_year) < 0)
                return -1;
        }
    }
    c->used = r->calibrated ? cal : model;
    if (!r->calibrated)
        r->p_met = r->p_met_model;
    return 0;
}

/* lower_than_before: P(met) asks the target year to be below every
 * earlier year, also those still to come; the other readings beside it. */
static void below_before(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    const tb_predictive_ *used = &c->used;
    int U[TB_YEAR_MAX - TB_YEAR_MIN + 1];
    r->p_below_observed = tb_pred_prob_met_(used, t->target_year, r->target_value, 1, 1);
    r->n_projected_before = (int)tb_pred_later_years_(t, used, c->E, U);
    int prev = t->target_year - 1;
    double yprev = prev <= c->E ? tb_series_get(c->x, prev) : NAN;
    if (prev <= c->E)
        r->p_below_last = isnan(yprev) ? NAN
                                       : tb_pred_prob_met_(used, t->target_year, yprev, 1, 1);
    else
        r->p_below_last = tb_pred_below_all_(used, t->target_year, NAN, &prev, 1);
}

/* The year the trend meets the target: the latest year when it already
 * does, else the first projected year that does (0: none). */
static void reach_year(eval_ctx *c)
{
    tb_target_result *r = c->r;
    if (latest_meets(c) == 1) {
        r->reach_year = r->latest_year;
        return;
    }
    if (isnan(r->target_value))
        return;
    r->reach_year = 0;
    for (size_t i = 0; i < c->fit->nforecast; i++)
        if (tb_target_meets_(r->lower_better, c->strict, c->fit->forecast[i].mean,
                             r->target_value) == 1) {
            r->reach_year = c->fit->forecast[i].year;
            break;
        }
}

/* The projection for the target year, with what follows from it. */
static tb_status project(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    r->projection.year = t->target_year;
    r->projection.mean = r->projection.lo80 = r->projection.hi80 = NAN;
    r->projection.lo95 = r->projection.hi95 = NAN;
    r->p_met = r->p_met_model = NAN;
    r->reach_year = -1;
    r->model = "";
    if (r->has_data && c->o.n >= 2 && (t->target_year > c->E || r->met < 0)) {
        tb_status st = fit_model(c);
        if (st != TB_OK)
            return st;
    } else if (r->has_data && c->o.n < 2 && t->target_year > c->E) {
        tb_target_warn_(r, TB_MSG_TOO_FEW_TO_PROJECT, (int)c->o.n);
    }
    if (!c->fit)
        return TB_OK;
    if (keep_model_notes(c) < 0 || probabilities(c) < 0)
        return TB_ENOMEM;
    if (t->kind == TB_TARGET_LOWER_THAN_BEFORE && r->projected)
        below_before(c);
    reach_year(c);
    if (c->o.n < TB_TARGET_MIN_DECIDE)
        tb_target_warn_(r, TB_MSG_TOO_UNCERTAIN, (int)c->o.n);
    return TB_OK;
}

/* The verdict and why; -1 when out of memory. */
static int decide(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    tb_message *why = &r->verdict_reason;
    if (!r->has_data) {
        r->verdict = TB_VERDICT_GEEN_OORDEEL;
        return tb_message_set(why, TB_MSG_NO_DATA, t->region, t->indicator, t->measure,
                              first_year_needed(t), t->target_year,
                              r->series_exists ? TB_MSG_SERIES_NOT_UP_TO_AS_OF : TB_MSG_EMPTY);
    }
    if (r->met >= 0) {
        r->verdict = r->met ? TB_VERDICT_GEHAALD : TB_VERDICT_NIET_GEHAALD;
        return tb_message_set(why, TB_MSG_OBSERVED, t->target_year);
    }
    if (!r->projected) {
        r->verdict = TB_VERDICT_GEEN_OORDEEL;
        return tb_message_set(why, TB_MSG_NO_PROJECTION_FOR, t->target_year);
    }
    r->verdict = tb_target_verdict_for_p(r->p_met, r->n_obs);
    if (!r->calibrated)
        tb_target_warn_(r, TB_MSG_UNCALIBRATED,
                        !c->opt->npools                      ? TB_MSG_NO_POOL
                        : t->target_year - c->E > TB_POOL_HMAX ? TB_MSG_TOO_FAR_AHEAD
                                                             : TB_MSG_TOO_FEW_ERRORS);
    if (r->n_obs < TB_TARGET_MIN_DECIDE)
        return tb_message_set(why, TB_MSG_TOO_FEW_TO_DECIDE, r->n_obs);
    return tb_message_set(why, TB_MSG_CHANCE, r->p_met, 1, TB_TARGET_P_HIGH, 0,
                          TB_TARGET_P_LOW, 0);
}

/* The other readings of the threshold, each with its own source: the
 * rule on the text's base, and the number the text states.  -1 when out
 * of memory. */
static int alternatives(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    tb_target_alt alts[2];
    size_t na = 0;
    if (r->base_source && !strcmp(r->base_source, SRC_DATA) && !isnan(r->base_value_text) &&
        r->base_value_text != r->base_value_data && t->kind != TB_TARGET_MAX &&
        t->kind != TB_TARGET_MIN && t->kind != TB_TARGET_LOWER_THAN_BEFORE) {
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
    if (!na)
        return 0;
    r->alt = calloc(na, sizeof *r->alt);
    if (!r->alt)
        return -1;
    for (size_t i = 0; i < na; i++) {
        alts[i].p_met = c->fit ? tb_pred_prob_met_(&c->used, t->target_year, alts[i].threshold,
                                                   r->lower_better, c->strict)
                               : NAN;
        alts[i].met = !isnan(r->actual) ? tb_target_meets_(r->lower_better, c->strict,
                                                           r->actual, alts[i].threshold)
                                        : -1;
        r->alt[i] = alts[i];
    }
    r->nalt = na;
    return 0;
}

/* The milestones, each checked like the target; -1 when out of memory. */
static int milestones(eval_ctx *c)
{
    tb_target_result *r = c->r;
    const tb_target *t = c->t;
    if (!t->nmilestones)
        return 0;
    r->milestones = calloc(t->nmilestones, sizeof *r->milestones);
    if (!r->milestones)
        return -1;
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
        m->observed = c->x && tm->year <= c->E ? tb_series_get(c->x, tm->year) : NAN;
        m->met = tb_target_meets_(r->lower_better, 0, m->observed, m->threshold);
        m->p_met = NAN;
        if (m->met >= 0) {
            m->verdict = m->met ? TB_VERDICT_GEHAALD : TB_VERDICT_NIET_GEHAALD;
        } else if (c->fit && tb_pred_has_(&c->used, tm->year)) {
            m->p_met = tb_pred_prob_met_(&c->used, tm->year, m->threshold, r->lower_better, 0);
            m->verdict = tb_target_verdict_for_p(m->p_met, r->n_obs);
        } else {
            m->verdict = TB_VERDICT_GEEN_OORDEEL;
        }
    }
    return 0;
}

/* The steps of an evaluation, in order; each fills its part of the
 * result from what the ones before made. */
static tb_status evaluate_steps(eval_ctx *c)
{
    if (read_observations(c) < 0)
        return TB_ENOMEM;
    note_coverage(c);
    set_base(c);
    set_threshold(c);
    if (tb_target_audit_(c->r, c->t, c->x) < 0 || required_path(c) < 0)
        return TB_ENOMEM;
    latest_and_outcome(c);
    rates(c);
    tb_status st = project(c);
    if (st != TB_OK)
        return st;
    if (decide(c) < 0 || alternatives(c) < 0 || milestones(c) < 0)
        return TB_ENOMEM;
    return TB_OK;
}

tb_status tb_target_evaluate_into_(const tb_target *t, const tb_store *s,
                                   const tb_target_options *opt, tb_target_result *r)
{
    eval_ctx c = {.t = t, .opt = opt, .r = r};
    c.x = s ? tb_store_find(s, t->region, t->indicator, t->measure) : NULL;
    c.strict = t->kind == TB_TARGET_LOWER_THAN_BEFORE;
    r->lower_better = tb_target_lower_better(t->kind);
    r->counts = tb_measure_is_count(t->measure);
    tb_status st = evaluate_steps(&c);
    tb_fit_free(c.fit);
    free(c.o.year);
    free(c.o.value);
    return st;
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
        tb_target_result *b = tb_target_result_new_(t, y);
        if (!b)
            return TB_ENOMEM;
        tb_status st = tb_target_evaluate_into_(t, s, &o2, b);
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
        row->met = tb_target_meets_(r->lower_better, t->kind == TB_TARGET_LOWER_THAN_BEFORE,
                                    actual, b->target_value);
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
    tb_target_result *r = tb_target_result_new_(t, o->as_of);
    if (!r)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    tb_status st = tb_target_evaluate_into_(t, s, o, r);
    if (st == TB_OK && o->backtest)
        st = backtest(t, s, o, r);
    if (st != TB_OK) {
        tb_target_result_free(r);
        return tb_error_set(err, st, NULL, 0, 0, "target %s: out of memory", t->id);
    }
    *out = r;
    return TB_OK;
}

/* Target results for machines: JSON (jansson) and long CSV.  Numbers are
 * written plainly (JSON: 17 significant digits, null where undefined);
 * the messages are rendered from the catalogue, in Dutch and English. */
#include "target_priv.h"

#include <math.h>
#include <string.h>

#include <jansson.h>

#include "trendbeeld/output.h"
#include "trendbeeld/format.h"

static json_t *year_or_null(int y)
{
    return y > 0 ? json_integer(y) : json_null();
}

static json_t *tri(int v)
{
    return v < 0 ? json_null() : json_boolean(v);
}

/* A message rendered in LANG, as a JSON string. */
static json_t *message(const tb_message *m, tb_lang lang)
{
    char buf[1024];
    tb_message_render(m, lang, buf, sizeof buf);
    return json_string(buf);
}

/* The target as the targets file gives it, its base and its data. */
static void json_target(json_t *o, const tb_target_result *r)
{
    const tb_target *t = r->target;
    json_object_set_new(o, "id", json_string(t->id));
    json_object_set_new(o, "description", json_string(t->description));
    json_object_set_new(o, "region", json_string(t->region));
    json_object_set_new(o, "indicator", json_string(t->indicator));
    json_object_set_new(o, "measure", json_string(t->measure));
    json_object_set_new(o, "kind", json_string(tb_target_kind_name(t->kind)));
    json_object_set_new(o, "base_year", year_or_null(t->base_year));
    json_object_set_new(o, "target_year", json_integer(t->target_year));
    json_object_set_new(o, "value", tb_json_num(t->value));
    json_object_set_new(o, "as_of", year_or_null(r->as_of));
    json_object_set_new(o, "target_value", tb_json_num(r->target_value));
    json_object_set_new(o, "target_value_source",
                        r->target_value_source ? json_string(r->target_value_source)
                                               : json_null());
    json_object_set_new(o, "stated_value", tb_json_num(t->stated_value));
    json_object_set_new(o, "stated_value_source",
                        isnan(t->stated_value) ? json_null() : json_string("beleidstekst"));
    json_object_set_new(o, "base_value", tb_json_num(r->base_value));
    json_object_set_new(o, "base_value_source",
                        r->base_source ? json_string(r->base_source) : json_null());
    json_object_set_new(o, "base_value_text", tb_json_num(r->base_value_text));
    json_object_set_new(o, "base_value_data", tb_json_num(r->base_value_data));
    json_object_set_new(o, "source", json_string(t->source));
    json_object_set_new(o, "has_data", json_boolean(r->has_data));
    json_object_set_new(o, "data_needed",
                        r->has_data ? json_null() : json_string(r->data_needed));
    json_object_set_new(o, "n_obs", json_integer(r->n_obs));
    json_object_set_new(o, "series_source",
                        r->series_source ? json_string(r->series_source) : json_null());
    json_object_set_new(o, "note", t->note ? json_string(t->note) : json_null());
}

/* The readings of the rule and which one gives the stated number. */
static void json_audit(json_t *o, const tb_target_result *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->naudit; i++) {
        const tb_audit_row *x = &r->audit[i];
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o, s:o, s:b, s:o}", "reading",
                                           x->reading, "kind", x->change ? "change_pct" : "level",
                                           "source", x->source, "base",
                                           tb_json_num(x->base), "value", tb_json_num(x->value), "matches",
                                           x->matches, "diff", tb_json_num(x->diff)));
    }
    json_object_set_new(o, "audit", a);
    json_object_set_new(o, "audit_exponent", tb_json_num(r->audit_exponent));
    json_object_set_new(o, "audit_summary", message(&r->audit_summary, TB_LANG_NL));

}

/* The required path and the latest observation against it. */
static void json_path(json_t *o, const tb_target_result *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->npath; i++)
        json_array_append_new(a, json_pack("{s:i, s:o}", "year", r->path[i].year, "value",
                                           tb_json_num(r->path[i].value)));
    json_object_set_new(o, "required_path", a);
    json_object_set_new(o, "latest",
                        r->latest_year
                            ? json_pack("{s:i, s:o, s:o, s:o, s:o, s:o}", "year",
                                        r->latest_year, "value", tb_json_num(r->latest_value),
                                        "required", tb_json_num(r->latest_required), "gap",
                                        tb_json_num(r->latest_gap), "gap_pct", tb_json_num(r->latest_gap_pct),
                                        "ahead", tri(r->latest_ahead))
                            : json_null());
}

/* The projection, calibrated and not, and P(target met). */
static void json_projection(json_t *o, const tb_target_result *r)
{
    const tb_target *t = r->target;
    json_object_set_new(o, "projection",
                        r->projected
                            ? json_pack("{s:i, s:s, s:o, s:o, s:o, s:o, s:o}", "year",
                                        r->projection.year, "model", r->model, "mean",
                                        tb_json_num(r->projection.mean), "lo80",
                                        tb_json_num(r->projection.lo80), "hi80",
                                        tb_json_num(r->projection.hi80), "lo95",
                                        tb_json_num(r->projection.lo95), "hi95",
                                        tb_json_num(r->projection.hi95))
                            : json_null());
    json_object_set_new(o, "model_reason",
                        r->model_reason ? json_string(r->model_reason) : json_null());
    json_object_set_new(o, "projection_calibrated",
                        r->calibrated
                            ? json_pack("{s:i, s:s, s:I, s:o, s:o, s:o, s:o, s:o}", "year",
                                        r->projection_cal.year, "pool", r->cal_pool, "errors",
                                        (json_int_t)r->cal_n, "median",
                                        tb_json_num(r->projection_cal.mean), "lo80",
                                        tb_json_num(r->projection_cal.lo80), "hi80",
                                        tb_json_num(r->projection_cal.hi80), "lo95",
                                        tb_json_num(r->projection_cal.lo95), "hi95",
                                        tb_json_num(r->projection_cal.hi95))
                            : json_null());
    /* p_met is the calibrated probability only; the verdict falls back on
     * the model's when there is none (calibrated false) */
    json_object_set_new(o, "p_met", r->calibrated ? tb_json_num(r->p_met) : json_null());
    json_object_set_new(o, "p_met_model", tb_json_num(r->p_met_model));
    json_object_set_new(o, "calibrated", json_boolean(r->calibrated));
    if (t->kind == TB_TARGET_LOWER_THAN_BEFORE) {
        json_object_set_new(o, "p_below_observed", tb_json_num(r->p_below_observed));
        json_object_set_new(o, "p_below_last", tb_json_num(r->p_below_last));
        json_object_set_new(o, "n_projected_before", json_integer(r->n_projected_before));
    }
}

/* Outcome, rates, progress categories and the verdict. */
static void json_verdict(json_t *o, const tb_target_result *r)
{
    json_object_set_new(o, "actual", tb_json_num(r->actual));
    json_object_set_new(o, "met", tri(r->met));
    json_object_set_new(o, "cagr_required", tb_json_num(r->cagr_required));
    json_object_set_new(o, "cagr_observed", tb_json_num(r->cagr_observed));
    json_object_set_new(o, "loglin_observed", tb_json_num(r->loglin_observed));
    json_object_set_new(o, "rate_from", year_or_null(r->rate_from));
    json_object_set_new(o, "rate_to", year_or_null(r->rate_to));
    json_object_set_new(o, "eurostat_ratio", tb_json_num(r->eurostat_ratio));
    json_object_set_new(o, "eurostat_category", json_string(tb_progress_name(r->eurostat, 1)));
    json_object_set_new(o, "aarr_required", tb_json_num(r->aarr_required));
    json_object_set_new(o, "aarr_observed", tb_json_num(r->aarr_observed));
    json_object_set_new(o, "aarr_observed_loglin", tb_json_num(r->aarr_observed_loglin));
    json_object_set_new(o, "aarr_category", json_string(tb_aarr_class_name(r->aarr_class, 1)));
    json_object_set_new(o, "verdict", json_string(tb_verdict_name(r->verdict, 0)));
    json_object_set_new(o, "verdict_en", json_string(tb_verdict_name(r->verdict, 1)));
    json_object_set_new(o, "verdict_reason", message(&r->verdict_reason, TB_LANG_NL));
    json_object_set_new(o, "reach_year",
                        r->reach_year > 0 ? json_integer(r->reach_year) : json_null());
}

/* The other readings of the threshold. */
static void json_alternatives(json_t *o, const tb_target_result *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->nalt; i++) {
        const tb_target_alt *x = &r->alt[i];
        json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:o}", "label", x->label,
                                           "source", x->source, "threshold",
                                           tb_json_num(x->threshold), "p_met", tb_json_num(x->p_met), "met",
                                           tri(x->met)));
    }
    json_object_set_new(o, "alternatives", a);

}

/* The milestones. */
static void json_milestones(json_t *o, const tb_target_result *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->nmilestones; i++) {
        const tb_milestone_result *m = &r->milestones[i];
        json_array_append_new(a, json_pack("{s:i, s:o, s:o, s:o, s:o, s:s}", "year", m->year,
                                           "threshold", tb_json_num(m->threshold), "observed",
                                           tb_json_num(m->observed), "met", tri(m->met), "p_met",
                                           tb_json_num(m->p_met), "verdict",
                                           tb_verdict_name(m->verdict, 0)));
    }
    json_object_set_new(o, "milestones", a);

}

/* The rolling-origin backtest and its Brier score. */
static void json_backtest(json_t *o, const tb_target_result *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->nbacktest; i++) {
        const tb_backtest_row *b = &r->backtest[i];
        json_array_append_new(
            a, json_pack("{s:i, s:i, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:s, s:s, s:o, s:o}",
                         "as_of", b->as_of, "n", b->n, "model", b->model, "threshold",
                         tb_json_num(b->threshold), "mean", tb_json_num(b->mean), "lo80", tb_json_num(b->lo80),
                         "hi80", tb_json_num(b->hi80), "p_met",
                         b->calibrated ? tb_json_num(b->p_met) : json_null(), "p_met_model",
                         tb_json_num(b->p_met_model), "calibrated", b->calibrated, "verdict",
                         tb_verdict_name(b->verdict, 0), "eurostat_category",
                         tb_progress_name(b->progress, 1), "actual", tb_json_num(b->actual), "met",
                         tri(b->met)));
    }
    json_object_set_new(o, "backtest", a);
    json_object_set_new(o, "brier", tb_json_num(r->brier));
    json_object_set_new(o, "brier_n", json_integer(r->brier_n));

}

/* The warnings, in Dutch and in English, and the model's caveats. */
static void json_warnings(json_t *o, const tb_target_result *r)
{
    json_t *a = json_array();
    for (size_t i = 0; i < r->nwarnings; i++)
        json_array_append_new(a, message(&r->warnings[i], TB_LANG_NL));
    json_object_set_new(o, "warnings", a);
    a = json_array();
    for (size_t i = 0; i < r->nwarnings; i++)
        json_array_append_new(a, message(&r->warnings[i], TB_LANG_EN));
    json_object_set_new(o, "warnings_en", a);
    a = json_array();
    for (size_t i = 0; i < r->nmodel_warnings; i++)
        json_array_append_new(a, json_string(r->model_warnings[i]));
    json_object_set_new(o, "model_warnings", a);
}

json_t *tb_target_to_json(const tb_target_result *r)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_target(o, r);
    json_audit(o, r);
    json_path(o, r);
    json_projection(o, r);
    json_verdict(o, r);
    json_alternatives(o, r);
    json_milestones(o, r);
    json_backtest(o, r);
    json_warnings(o, r);
    return o;
}

/* ---- CSV ----------------------------------------------------------------- */

static void row(FILE *f, const tb_target_result *r, const char *section, int year,
                const char *key, double v, const char *text, const char *source)
{
    tb_csv_field(f, r->target->id);
    fprintf(f, ",%s,", section);
    if (year > 0)
        fprintf(f, "%d", year);
    fputc(',', f);
    tb_csv_field(f, key);
    fputc(',', f);
    if (text)
        tb_csv_field(f, text);
    else if (isfinite(v))
        fprintf(f, "%.17g", v);
    fputc(',', f);
    tb_csv_field(f, source);
    fputc('\n', f);
}

void tb_target_write_csv_header(FILE *f)
{
    fputs("id,section,year,key,value,source\n", f);
}

void tb_target_write_csv(FILE *f, const tb_target_result *r)
{
    const tb_target *t = r->target;
    int ty = t->target_year;
    row(f, r, "target", 0, "kind", NAN, tb_target_kind_name(t->kind), NULL);
    row(f, r, "target", ty, "target_value", r->target_value, NULL, r->target_value_source);
    row(f, r, "target", ty, "stated_value", t->stated_value, NULL, "beleidstekst");
    row(f, r, "target", t->base_year, "base_value", r->base_value, NULL, r->base_source);
    row(f, r, "target", t->base_year, "base_value_text", r->base_value_text, NULL,
        "beleidstekst");
    row(f, r, "target", t->base_year, "base_value_data", r->base_value_data, NULL,
        "reeks");
    if (r->series_source)
        row(f, r, "target", 0, "series_source", NAN, r->series_source, NULL);
    if (!r->has_data)
        row(f, r, "target", 0, "data_needed", NAN, r->data_needed, NULL);
    for (size_t i = 0; i < r->naudit; i++) {
        row(f, r, "audit", 0, r->audit[i].reading, r->audit[i].value, NULL, r->audit[i].source);
        row(f, r, "audit_matches", 0, r->audit[i].reading, r->audit[i].matches, NULL,
            r->audit[i].source);
    }
    row(f, r, "audit", 0, "exponent", r->audit_exponent, NULL, NULL);
    for (size_t i = 0; i < r->npath; i++)
        row(f, r, "required_path", r->path[i].year, "value", r->path[i].value, NULL,
            r->base_source);
    if (r->latest_year) {
        row(f, r, "latest", r->latest_year, "value", r->latest_value, NULL, "reeks");
        row(f, r, "latest", r->latest_year, "required", r->latest_required, NULL, NULL);
        row(f, r, "latest", r->latest_year, "gap_pct", r->latest_gap_pct, NULL, NULL);
    }
    if (r->projected) {
        row(f, r, "projection", ty, "mean", r->projection.mean, NULL, r->model);
        row(f, r, "projection", ty, "lo80", r->projection.lo80, NULL, r->model);
        row(f, r, "projection", ty, "hi80", r->projection.hi80, NULL, r->model);
        row(f, r, "projection", ty, "lo95", r->projection.lo95, NULL, r->model);
        row(f, r, "projection", ty, "hi95", r->projection.hi95, NULL, r->model);
    }
    if (r->calibrated) {
        row(f, r, "calibrated", ty, "median", r->projection_cal.mean, NULL, r->cal_pool);
        row(f, r, "calibrated", ty, "lo80", r->projection_cal.lo80, NULL, r->cal_pool);
        row(f, r, "calibrated", ty, "hi80", r->projection_cal.hi80, NULL, r->cal_pool);
        row(f, r, "calibrated", ty, "lo95", r->projection_cal.lo95, NULL, r->cal_pool);
        row(f, r, "calibrated", ty, "hi95", r->projection_cal.hi95, NULL, r->cal_pool);
        row(f, r, "result", ty, "p_met", r->p_met, NULL, r->cal_pool);
    }
    row(f, r, "result", ty, "p_met_model", r->p_met_model, NULL, r->model);
    row(f, r, "result", ty, "actual", r->actual, NULL, "reeks");
    row(f, r, "rates", 0, "cagr_required", r->cagr_required, NULL, NULL);
    row(f, r, "rates", 0, "cagr_observed", r->cagr_observed, NULL, NULL);
    row(f, r, "rates", 0, "loglin_observed", r->loglin_observed, NULL, NULL);
    row(f, r, "rates", 0, "eurostat_ratio", r->eurostat_ratio, NULL, NULL);
    row(f, r, "rates", 0, "eurostat_category", NAN, tb_progress_name(r->eurostat, 1), NULL);
    row(f, r, "rates", 0, "aarr_category", NAN, tb_aarr_class_name(r->aarr_class, 1), NULL);
    row(f, r, "result", ty, "verdict", NAN, tb_verdict_name(r->verdict, 0), NULL);
    row(f, r, "result", 0, "reach_year", r->reach_year > 0 ? r->reach_year : NAN, NULL, NULL);
    for (size_t i = 0; i < r->nalt; i++)
        row(f, r, "alternative", ty, r->alt[i].label, r->alt[i].p_met, NULL, r->alt[i].source);
    for (size_t i = 0; i < r->nmilestones; i++) {
        const tb_milestone_result *m = &r->milestones[i];
        row(f, r, "milestone", m->year, "threshold", m->threshold, NULL, NULL);
        row(f, r, "milestone", m->year, "observed", m->observed, NULL, "reeks");
        row(f, r, "milestone", m->year, "p_met", m->p_met, NULL, NULL);
        row(f, r, "milestone", m->year, "verdict", NAN, tb_verdict_name(m->verdict, 0), NULL);
    }
    for (size_t i = 0; i < r->nbacktest; i++) {
        const tb_backtest_row *b = &r->backtest[i];
        row(f, r, "backtest", b->as_of, "p_met", b->p_met, NULL, b->model);
        row(f, r, "backtest", b->as_of, "mean", b->mean, NULL, b->model);
        row(f, r, "backtest", b->as_of, "verdict", NAN, tb_verdict_name(b->verdict, 0), NULL);
        row(f, r, "backtest", b->as_of, "actual", b->actual, NULL, "reeks");
    }
    row(f, r, "backtest", 0, "brier", r->brier, NULL, NULL);
    for (size_t i = 0; i < r->nwarnings; i++) {
        char text[1024];
        tb_message_render(&r->warnings[i], TB_LANG_NL, text, sizeof text);
        row(f, r, "warning", 0, "text", NAN, text, NULL);
    }
    for (size_t i = 0; i < r->nmodel_warnings; i++)
        row(f, r, "warning", 0, "model", NAN, r->model_warnings[i], r->model);
}

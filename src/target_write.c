/* Target results as JSON (jansson), long CSV and a Dutch summary.
 * Machine output writes numbers plainly (JSON: 17 significant digits,
 * null where undefined); the summary uses Dutch notation. */
#include "trendbeeld/target.h"

#include <math.h>
#include <string.h>

#include <jansson.h>

#include "trendbeeld/format.h"

static json_t *num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *year_or_null(int y)
{
    return y > 0 ? json_integer(y) : json_null();
}

static json_t *tri(int v)
{
    return v < 0 ? json_null() : json_boolean(v);
}

json_t *tb_target_to_json(const tb_target_result *r)
{
    const tb_target *t = r->target;
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "id", json_string(t->id));
    json_object_set_new(o, "description", json_string(t->description));
    json_object_set_new(o, "region", json_string(t->region));
    json_object_set_new(o, "indicator", json_string(t->indicator));
    json_object_set_new(o, "measure", json_string(t->measure));
    json_object_set_new(o, "kind", json_string(tb_target_kind_name(t->kind)));
    json_object_set_new(o, "base_year", year_or_null(t->base_year));
    json_object_set_new(o, "target_year", json_integer(t->target_year));
    json_object_set_new(o, "value", num(t->value));
    json_object_set_new(o, "as_of", year_or_null(r->as_of));
    json_object_set_new(o, "target_value", num(r->target_value));
    json_object_set_new(o, "target_value_source",
                        r->target_value_source ? json_string(r->target_value_source)
                                               : json_null());
    json_object_set_new(o, "stated_value", num(t->stated_value));
    json_object_set_new(o, "stated_value_source",
                        isnan(t->stated_value) ? json_null() : json_string("beleidstekst"));
    json_object_set_new(o, "base_value", num(r->base_value));
    json_object_set_new(o, "base_value_source",
                        r->base_source ? json_string(r->base_source) : json_null());
    json_object_set_new(o, "base_value_text", num(r->base_value_text));
    json_object_set_new(o, "base_value_data", num(r->base_value_data));
    json_object_set_new(o, "source", json_string(t->source));
    json_object_set_new(o, "has_data", json_boolean(r->has_data));
    json_object_set_new(o, "data_needed",
                        r->has_data ? json_null() : json_string(r->data_needed));
    json_object_set_new(o, "n_obs", json_integer(r->n_obs));
    json_object_set_new(o, "series_source",
                        r->series_source ? json_string(r->series_source) : json_null());
    json_object_set_new(o, "note", t->note ? json_string(t->note) : json_null());

    json_t *a = json_array();
    for (size_t i = 0; i < r->naudit; i++) {
        const tb_audit_row *x = &r->audit[i];
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o, s:o, s:b, s:o}", "reading",
                                           x->reading, "kind", x->change ? "change_pct" : "level",
                                           "source", x->source, "base",
                                           num(x->base), "value", num(x->value), "matches",
                                           x->matches, "diff", num(x->diff)));
    }
    json_object_set_new(o, "audit", a);
    json_object_set_new(o, "audit_exponent", num(r->audit_exponent));
    json_object_set_new(o, "audit_summary", json_string(r->audit_summary));

    a = json_array();
    for (size_t i = 0; i < r->npath; i++)
        json_array_append_new(a, json_pack("{s:i, s:o}", "year", r->path[i].year, "value",
                                           num(r->path[i].value)));
    json_object_set_new(o, "required_path", a);
    json_object_set_new(o, "latest",
                        r->latest_year
                            ? json_pack("{s:i, s:o, s:o, s:o, s:o, s:o}", "year",
                                        r->latest_year, "value", num(r->latest_value),
                                        "required", num(r->latest_required), "gap",
                                        num(r->latest_gap), "gap_pct", num(r->latest_gap_pct),
                                        "ahead", tri(r->latest_ahead))
                            : json_null());
    json_object_set_new(o, "projection",
                        r->projected
                            ? json_pack("{s:i, s:s, s:o, s:o, s:o, s:o, s:o}", "year",
                                        r->projection.year, "model", r->model, "mean",
                                        num(r->projection.mean), "lo80",
                                        num(r->projection.lo80), "hi80",
                                        num(r->projection.hi80), "lo95",
                                        num(r->projection.lo95), "hi95",
                                        num(r->projection.hi95))
                            : json_null());
    json_object_set_new(o, "model_reason",
                        r->model_reason ? json_string(r->model_reason) : json_null());
    json_object_set_new(o, "p_met", num(r->p_met));
    if (t->kind == TB_TARGET_LOWER_THAN_BEFORE) {
        json_object_set_new(o, "p_below_observed", num(r->p_below_observed));
        json_object_set_new(o, "p_below_last", num(r->p_below_last));
        json_object_set_new(o, "n_projected_before", json_integer(r->n_projected_before));
    }
    json_object_set_new(o, "actual", num(r->actual));
    json_object_set_new(o, "met", tri(r->met));
    json_object_set_new(o, "cagr_required", num(r->cagr_required));
    json_object_set_new(o, "cagr_observed", num(r->cagr_observed));
    json_object_set_new(o, "loglin_observed", num(r->loglin_observed));
    json_object_set_new(o, "rate_from", year_or_null(r->rate_from));
    json_object_set_new(o, "rate_to", year_or_null(r->rate_to));
    json_object_set_new(o, "eurostat_ratio", num(r->eurostat_ratio));
    json_object_set_new(o, "eurostat_category", json_string(tb_progress_name(r->eurostat, 1)));
    json_object_set_new(o, "aarr_required", num(r->aarr_required));
    json_object_set_new(o, "aarr_observed", num(r->aarr_observed));
    json_object_set_new(o, "aarr_observed_loglin", num(r->aarr_observed_loglin));
    json_object_set_new(o, "aarr_category", json_string(tb_aarr_class_name(r->aarr_class, 1)));
    json_object_set_new(o, "verdict", json_string(tb_verdict_name(r->verdict, 0)));
    json_object_set_new(o, "verdict_en", json_string(tb_verdict_name(r->verdict, 1)));
    json_object_set_new(o, "verdict_reason", json_string(r->verdict_reason));
    json_object_set_new(o, "reach_year",
                        r->reach_year > 0 ? json_integer(r->reach_year) : json_null());

    a = json_array();
    for (size_t i = 0; i < r->nalt; i++) {
        const tb_target_alt *x = &r->alt[i];
        json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o, s:o}", "label", x->label,
                                           "source", x->source, "threshold",
                                           num(x->threshold), "p_met", num(x->p_met), "met",
                                           tri(x->met)));
    }
    json_object_set_new(o, "alternatives", a);

    a = json_array();
    for (size_t i = 0; i < r->nmilestones; i++) {
        const tb_milestone_result *m = &r->milestones[i];
        json_array_append_new(a, json_pack("{s:i, s:o, s:o, s:o, s:o, s:s}", "year", m->year,
                                           "threshold", num(m->threshold), "observed",
                                           num(m->observed), "met", tri(m->met), "p_met",
                                           num(m->p_met), "verdict",
                                           tb_verdict_name(m->verdict, 0)));
    }
    json_object_set_new(o, "milestones", a);

    a = json_array();
    for (size_t i = 0; i < r->nbacktest; i++) {
        const tb_backtest_row *b = &r->backtest[i];
        json_array_append_new(
            a, json_pack("{s:i, s:i, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:o, s:o}",
                         "as_of", b->as_of, "n", b->n, "model", b->model, "threshold",
                         num(b->threshold), "mean", num(b->mean), "lo80", num(b->lo80),
                         "hi80", num(b->hi80), "p_met", num(b->p_met), "verdict",
                         tb_verdict_name(b->verdict, 0), "eurostat_category",
                         tb_progress_name(b->progress, 1), "actual", num(b->actual), "met",
                         tri(b->met)));
    }
    json_object_set_new(o, "backtest", a);
    json_object_set_new(o, "brier", num(r->brier));
    json_object_set_new(o, "brier_n", json_integer(r->brier_n));

    a = json_array();
    for (size_t i = 0; i < r->nwarnings; i++)
        json_array_append_new(a, json_string(r->warnings[i]));
    json_object_set_new(o, "warnings", a);
    return o;
}

/* ---- CSV ----------------------------------------------------------------- */

static void csv_str(FILE *f, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void row(FILE *f, const tb_target_result *r, const char *section, int year,
                const char *key, double v, const char *text, const char *source)
{
    csv_str(f, r->target->id);
    fprintf(f, ",%s,", section);
    if (year > 0)
        fprintf(f, "%d", year);
    fputc(',', f);
    csv_str(f, key);
    fputc(',', f);
    if (text)
        csv_str(f, text);
    else if (isfinite(v))
        fprintf(f, "%.17g", v);
    fputc(',', f);
    csv_str(f, source);
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
    row(f, r, "result", ty, "p_met", r->p_met, NULL, r->model);
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
    for (size_t i = 0; i < r->nwarnings; i++)
        row(f, r, "warning", 0, "text", NAN, r->warnings[i], NULL);
}

/* ---- text ---------------------------------------------------------------- */

static const char *fnum(char *buf, size_t n, double v, int dec)
{
    if (!isfinite(v))
        return TB_FMT_MISSING;
    tb_fmt_num(buf, n, v, dec, TB_LANG_NL);
    return buf;
}

static const char *fpct(char *buf, size_t n, double v)
{
    if (!isfinite(v))
        return TB_FMT_MISSING;
    tb_fmt_change_pct(buf, n, v, 1, TB_LANG_NL);
    return buf;
}

void tb_target_write_text(FILE *f, const tb_target_result *r)
{
    tb_target_write_text_lang(f, r, TB_LANG_NL);
}

void tb_target_write_text_lang(FILE *f, const tb_target_result *r, int lang)
{
    (void)lang;
    const tb_target *t = r->target;
    int dec = r->counts ? 0 : 1;
    char a[48], b[48], c[48], d[48], e[48];
    fprintf(f, "%s — %s\n", t->id, t->description);
    fprintf(f, "  reeks: %s / %s / %s; soort doel: %s; %s%d\n", t->region, t->indicator,
            t->measure, tb_target_kind_name(t->kind), t->base_year ? "" : "doeljaar ",
            t->target_year);
    if (t->note)
        fprintf(f, "  lezing: %s\n", t->note);
    if (r->series_source)
        fprintf(f, "  bron reeks: %s\n", r->series_source);
    if (r->as_of)
        fprintf(f, "  peiljaar: %d (alleen gegevens t/m %d)\n", r->as_of, r->as_of);
    if (!isnan(r->base_value_text) || !isnan(r->base_value_data))
        fprintf(f, "  basis %d: beleidstekst %s, reeks %s\n", t->base_year,
                fnum(a, sizeof a, r->base_value_text, dec),
                fnum(b, sizeof b, r->base_value_data, dec));
    fprintf(f, "  doelwaarde %d: %s (%s)", t->target_year,
            fnum(a, sizeof a, r->target_value, dec),
            r->target_value_source ? r->target_value_source : "onbekend");
    if (!isnan(t->stated_value))
        fprintf(f, "; in de tekst: %s", fnum(b, sizeof b, t->stated_value, dec));
    fputc('\n', f);
    fprintf(f, "  controle: %s\n", r->audit_summary);
    for (size_t i = 0; i < r->naudit; i++)
        fprintf(f, "    %-58s %12s  %s%s\n", r->audit[i].reading,
                fnum(a, sizeof a, r->audit[i].value, r->audit[i].change ? 2 : 0),
                r->audit[i].source, r->audit[i].matches ? "  klopt" : "");
    if (r->npath > 1) {
        fprintf(f, "  vereist pad:");
        for (size_t i = 0; i < r->npath; i++)
            fprintf(f, " %d: %s", r->path[i].year, fnum(a, sizeof a, r->path[i].value, dec));
        fputc('\n', f);
    }
    if (r->latest_year && !isnan(r->latest_required))
        fprintf(f, "  laatste waarneming %d: %s, vereist %s (%s, %s)\n", r->latest_year,
                fnum(a, sizeof a, r->latest_value, dec),
                fnum(b, sizeof b, r->latest_required, dec),
                fpct(c, sizeof c, r->latest_gap_pct),
                r->latest_ahead == 1 ? "voor op schema" : "achter op schema");
    else if (r->latest_year)
        fprintf(f, "  laatste waarneming %d: %s\n", r->latest_year,
                fnum(a, sizeof a, r->latest_value, dec));
    if (r->projected)
        fprintf(f, "  projectie %d (%s): %s, 80%%: %s – %s, 95%%: %s – %s\n", t->target_year,
                r->model, fnum(a, sizeof a, r->projection.mean, dec),
                fnum(b, sizeof b, r->projection.lo80, dec),
                fnum(c, sizeof c, r->projection.hi80, dec),
                fnum(d, sizeof d, r->projection.lo95, dec),
                fnum(e, sizeof e, r->projection.hi95, dec));
    if (!isnan(r->p_met))
        fprintf(f, "  kans dat het doel gehaald wordt: %s\n",
                (tb_fmt_frac_pct(a, sizeof a, r->p_met, 0, TB_LANG_NL), a));
    for (size_t i = 0; i < r->nalt; i++)
        fprintf(f, "    %s (%s): drempel %s, kans %s\n", r->alt[i].label, r->alt[i].source,
                fnum(a, sizeof a, r->alt[i].threshold, dec),
                isnan(r->alt[i].p_met) ? TB_FMT_MISSING
                                       : (tb_fmt_frac_pct(b, sizeof b, r->alt[i].p_met, 0,
                                                          TB_LANG_NL), b));
    fprintf(f, "  tempo per jaar: vereist %s, waargenomen %s (log-lineair %s)\n",
            fpct(a, sizeof a, r->cagr_required), fpct(b, sizeof b, r->cagr_observed),
            fpct(c, sizeof c, r->loglin_observed));
    fprintf(f, "  voortgang (Eurostat): %s", tb_progress_name(r->eurostat, 0));
    if (!isnan(r->eurostat_ratio))
        fprintf(f, " (verhouding %s)", fnum(a, sizeof a, r->eurostat_ratio, 2));
    fprintf(f, "; AARR-ladder: %s\n", tb_aarr_class_name(r->aarr_class, 0));
    if (!isnan(r->actual))
        fprintf(f, "  werkelijk %d: %s\n", t->target_year, fnum(a, sizeof a, r->actual, dec));
    fprintf(f, "  oordeel: %s (%s)", tb_verdict_name(r->verdict, 0), r->verdict_reason);
    if (r->reach_year > 0)
        fprintf(f, "; de trend haalt het doel in %d", r->reach_year);
    else if (r->reach_year == 0)
        fprintf(f, "; de trend haalt het doel niet binnen de projectie");
    fputc('\n', f);
    for (size_t i = 0; i < r->nmilestones; i++) {
        const tb_milestone_result *m = &r->milestones[i];
        fprintf(f, "  tussendoel %d: %s, waargenomen %s: %s\n", m->year,
                fnum(a, sizeof a, m->threshold, dec), fnum(b, sizeof b, m->observed, dec),
                tb_verdict_name(m->verdict, 0));
    }
    if (r->nbacktest) {
        fprintf(f, "  terugblik (zelfde doel, eerdere peiljaren; werkelijk %d: %s):\n",
                t->target_year, fnum(a, sizeof a, r->backtest[0].actual, dec));
        for (size_t i = 0; i < r->nbacktest; i++) {
            const tb_backtest_row *x = &r->backtest[i];
            fprintf(f, "    peiljaar %d (n = %d, %s): projectie %s, kans %s, %s%s\n", x->as_of,
                    x->n, *x->model ? x->model : "geen model", fnum(a, sizeof a, x->mean, dec),
                    isnan(x->p_met) ? TB_FMT_MISSING
                                    : (tb_fmt_frac_pct(b, sizeof b, x->p_met, 0, TB_LANG_NL), b),
                    tb_verdict_name(x->verdict, 0),
                    x->met < 0 ? "" : x->met ? " — doel werd gehaald" : " — doel werd gemist");
        }
        if (r->brier_n)
            fprintf(f, "    Brier-score %s over %d peiljaren\n", fnum(a, sizeof a, r->brier, 3),
                    r->brier_n);
    }
    for (size_t i = 0; i < r->nwarnings; i++)
        fprintf(f, "  let op: %s\n", r->warnings[i]);
}

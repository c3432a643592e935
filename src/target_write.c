/* Target results as JSON (jansson), long CSV and a Dutch summary.
 * Machine output writes numbers plainly (JSON: 17 significant digits,
 * null where undefined); the summary uses Dutch notation. */
#include "trendbeeld/target.h"

#include <math.h>
#include <string.h>

#include <jansson.h>

#include "trendbeeld/format.h"
#include "trendbeeld/indicators.h" /* tb_ind_sum_label */

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
    json_object_set_new(o, "projection_calibrated",
                        r->calibrated
                            ? json_pack("{s:i, s:s, s:I, s:o, s:o, s:o, s:o, s:o}", "year",
                                        r->projection_cal.year, "pool", r->cal_pool, "errors",
                                        (json_int_t)r->cal_n, "median",
                                        num(r->projection_cal.mean), "lo80",
                                        num(r->projection_cal.lo80), "hi80",
                                        num(r->projection_cal.hi80), "lo95",
                                        num(r->projection_cal.lo95), "hi95",
                                        num(r->projection_cal.hi95))
                            : json_null());
    /* p_met is the calibrated probability only; the verdict falls back on
     * the model's when there is none (calibrated false) */
    json_object_set_new(o, "p_met", r->calibrated ? num(r->p_met) : json_null());
    json_object_set_new(o, "p_met_model", num(r->p_met_model));
    json_object_set_new(o, "calibrated", json_boolean(r->calibrated));
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
            a, json_pack("{s:i, s:i, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:s, s:s, s:o, s:o}",
                         "as_of", b->as_of, "n", b->n, "model", b->model, "threshold",
                         num(b->threshold), "mean", num(b->mean), "lo80", num(b->lo80),
                         "hi80", num(b->hi80), "p_met",
                         b->calibrated ? num(b->p_met) : json_null(), "p_met_model",
                         num(b->p_met_model), "calibrated", b->calibrated, "verdict",
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
    a = json_array();
    for (size_t i = 0; i < r->nwarnings; i++)
        json_array_append_new(a, json_string(r->warnings_en[i]));
    json_object_set_new(o, "warnings_en", a);
    a = json_array();
    for (size_t i = 0; i < r->nmodel_warnings; i++)
        json_array_append_new(a, json_string(r->model_warnings[i]));
    json_object_set_new(o, "model_warnings", a);
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
    for (size_t i = 0; i < r->nwarnings; i++)
        row(f, r, "warning", 0, "text", NAN, r->warnings[i], NULL);
    for (size_t i = 0; i < r->nmodel_warnings; i++)
        row(f, r, "warning", 0, "model", NAN, r->model_warnings[i], r->model);
}

/* ---- text ---------------------------------------------------------------- */

/* The model's caveats come in English; the Dutch text gives them in Dutch.
 * Each entry: the English opening, and the Dutch sentence, which may take
 * the numbers read from the English one (up to two, by sscanf). */
typedef struct {
    const char *en;     /* prefix to match */
    const char *scan;   /* sscanf format on the English text, or NULL */
    int nargs;          /* numbers read (0..2) */
    const char *nl;     /* Dutch, with %s for each number read */
} model_phrase;

static const model_phrase phrases[] = {
    {"only 2 years: the curve runs exactly", NULL, 0,
     "maar 2 jaren: de kromme gaat precies door beide waarden; ze toont de richting van één "
     "verandering, en de intervallen veronderstellen Poisson-variatie, wat niet te "
     "controleren is"},
    {"only 2 years: the line runs exactly", NULL, 0,
     "maar 2 jaren: de lijn gaat precies door beide waarden en toont alleen de richting van "
     "één verandering; zonder restspreiding zijn er geen standaardfouten en geen intervallen"},
    {"only 3 years (1 degree of freedom)", NULL, 0,
     "maar 3 jaren (1 vrijheidsgraad): de intervallen gebruiken de t-verdeling met 1 "
     "vrijheidsgraad (Cauchy) en zijn zeer breed; de helling is een aanwijzing, geen "
     "vaststaande trend"},
    {"only 4 years (2 degrees of freedom)", NULL, 0,
     "maar 4 jaren (2 vrijheidsgraden): de intervallen zijn breed"},
    {"only ", "only %lg years: the dispersion rests on 1 degree of%lg", 1,
     "maar %s jaren: de spreiding rust op 1 vrijheidsgraad; de trend is een aanwijzing, geen "
     "vaststaande trend"},
    {"only ", "only %lg years: the dispersion rests on %lg degrees", 2,
     "maar %s jaren: de spreiding rust op %s vrijheidsgraden; de trend is een aanwijzing, "
     "geen vaststaande trend"},
    {"only ", "only %lg years: Holt's smoothing%lg", 1,
     "maar %s jaren: de parameters van Holt zijn op minder dan 10 jaren slecht bepaald, dus "
     "de projectie trekt vooral het laatste niveau en de laatste trend door; een "
     "regressiemodel is hier beter te verdedigen"},
    {"only ", "only %lg years: too few to estimate damping%lg", 1,
     "maar %s jaren: te weinig om ook de demping te schatten, dus de trend is niet gedempt "
     "(phi = 1)"},
    {"only ", "only %lg years: no result can be significant%lg", 1,
     "maar %s jaren: geen uitkomst kan significant zijn op 5%%"},
    {"fewer than ", "fewer than %lg years: the start level%lg", 1,
     "minder dan %s jaren: beginniveau en begintrend zijn de eerste waarde en de eerste "
     "verandering, niet geschat"},
    {"forecast intervals are for a future count", NULL, 0,
     "de intervallen gelden voor een toekomstige telling en bevatten de onzekerheid van de "
     "trend (negatief-binomiale benadering, in gesloten vorm); het midden is de trendlijn "
     "exp(a + b t)"},
    {"all values are equal (", "all values are equal (%lg", 1,
     "alle waarden zijn gelijk (%s): de trend is vlak en de intervallen tonen alleen "
     "Poisson-variatie"},
    {"all values are equal: r2", NULL, 0, "alle waarden zijn gelijk: r² is niet gedefinieerd"},
    {"Pearson dispersion ", "Pearson dispersion %lg < %lg", 1,
     "Pearson-spreiding %s < 1: de standaardfouten worden ermee verkleind, maar de "
     "intervallen houden minstens Poisson-variatie"},
    {"Pearson dispersion ", "Pearson dispersion %lg: the counts%lg", 1,
     "Pearson-spreiding %s: de tellingen variëren sterker dan Poisson-tellingen, dus de "
     "Poisson-standaardfouten en -intervallen zijn te smal; quasipoisson of negbin past "
     "beter"},
    {"no overdispersion: negative binomial", NULL, 0,
     "geen overdispersie: het negatief-binomiale model valt samen met Poisson; de "
     "Poisson-fit wordt gegeven"},
    {"the negative binomial fit did not converge", NULL, 0,
     "de negatief-binomiale fit convergeerde niet; de schattingen zijn die waar de iteratie "
     "stopte"},
    {"counts cannot be negative: forecasts and interval", NULL, 0,
     "tellingen kunnen niet negatief zijn: projecties en intervalgrenzen onder 0 staan als 0"},
    {"counts cannot be negative: forecasts below 0", NULL, 0,
     "tellingen kunnen niet negatief zijn: projecties onder 0 staan als 0"},
    {"the values lie exactly on a line", NULL, 0,
     "de waarden liggen precies op een lijn: er is geen spreiding waargenomen, dus de "
     "intervallen hebben breedte 0 en onderschatten de werkelijke onzekerheid"},
    {"log-linear forecasts are medians", NULL, 0,
     "log-lineaire projecties zijn medianen (exp van het gemiddelde op logschaal, zonder "
     "biascorrectie); het gemiddelde ligt hoger"},
    {"on ", "on %lg years the normal approximation of p is rough: use the exact p-value (%lg", 2,
     "op %s jaren is de normale benadering van p ruw: gebruik de exacte p-waarde (%s)"},
    {"too few years for a 95% interval", NULL, 0,
     "te weinig jaren voor een 95%%-interval van de Sen-helling"},
    {"the forecast extends the Theil-Sen line", NULL, 0,
     "de projectie trekt de Theil-Sen-lijn door; de methode geeft een robuuste helling en een "
     "trendtoets, geen voorspelverdeling, dus geen interval"},
};

/* The Dutch for a model caveat, or the English marked as such. */
static void model_warning_nl(char *buf, size_t n, const char *en)
{
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
        const model_phrase *ph = &phrases[i];
        if (strncmp(en, ph->en, strlen(ph->en)))
            continue;
        double v[2] = {NAN, NAN};
        if (ph->scan) {
            int got = sscanf(en, ph->scan, &v[0], &v[1]);
            if (got < ph->nargs)
                continue;
            /* a scan whose fixed text did not match stops early */
            if (ph->nargs == 1 && got < 1)
                continue;
            char *tail = strchr(ph->scan, ':');
            if (tail) {
                /* the words after the first number must be there too */
                char words[64];
                const char *w = tail + 1;
                size_t k = 0;
                while (*w && *w != '%' && k + 1 < sizeof words)
                    words[k++] = *w++;
                words[k] = 0;
                if (k && !strstr(en, words))
                    continue;
            }
        }
        char a[32], b[32];
        tb_fmt_num(a, sizeof a, v[0], fabs(v[0] - round(v[0])) < 1e-9 ? 0 : 3, TB_LANG_NL);
        tb_fmt_num(b, sizeof b, v[1], fabs(v[1] - round(v[1])) < 1e-9 ? 0 : 3, TB_LANG_NL);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        snprintf(buf, n, ph->nl, a, b);
#pragma GCC diagnostic pop
        return;
    }
    snprintf(buf, n, "model (Engelse melding): %s", en);
}

static const char *fnum(char *buf, size_t n, double v, int dec, tb_lang lang)
{
    if (!isfinite(v))
        return TB_FMT_MISSING;
    tb_fmt_num(buf, n, v, dec, lang);
    return buf;
}

static const char *fpct(char *buf, size_t n, double v, tb_lang lang)
{
    if (!isfinite(v))
        return TB_FMT_MISSING;
    tb_fmt_change_pct(buf, n, v, 1, lang);
    return buf;
}

/* A probability for readers: whole percents, but never "0%" or "100%"
 * for what the model only makes very unlikely or very likely. */
static const char *fprob(char *buf, size_t n, double p, tb_lang lang)
{
    if (!isfinite(p))
        return TB_FMT_MISSING;
    if (p > 0.995)
        snprintf(buf, n, lang == TB_LANG_EN ? "over 99%%" : "meer dan 99%%");
    else if (p < 0.005)
        snprintf(buf, n, lang == TB_LANG_EN ? "under 1%%" : "minder dan 1%%");
    else
        tb_fmt_frac_pct(buf, n, p, 0, lang);
    return buf;
}

static const char *source_name(const char *src, int en)
{
    if (!src)
        return en ? "unknown" : "onbekend";
    if (!strcmp(src, "beleidstekst"))
        return en ? "policy text" : "beleidstekst";
    if (!strcmp(src, "reeks"))
        return en ? "series" : "reeks";
    return src;
}

/* What the target asks, in words. */
static void describe_kind(char *buf, size_t n, const tb_target *t, int dec, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    char v[32];
    int whole = fabs(t->value - round(t->value)) < 1e-9;
    fnum(v, sizeof v, t->value,
         t->kind == TB_TARGET_MAX || t->kind == TB_TARGET_MIN ? dec : whole ? 0 : 1, lang);
    switch (t->kind) {
    case TB_TARGET_MAX:
        snprintf(buf, n, en ? "at most %s in %d" : "hoogstens %s in %d", v, t->target_year);
        break;
    case TB_TARGET_MIN:
        snprintf(buf, n, en ? "at least %s in %d" : "minstens %s in %d", v, t->target_year);
        break;
    case TB_TARGET_REDUCTION_PCT:
        snprintf(buf, n, en ? "%s%% less in %d than in %d" : "%s%% minder in %d dan in %d", v,
                 t->target_year, t->base_year);
        break;
    case TB_TARGET_INCREASE_PCT:
        snprintf(buf, n, en ? "%s%% more in %d than in %d" : "%s%% meer in %d dan in %d", v,
                 t->target_year, t->base_year);
        break;
    case TB_TARGET_ANNUAL_REDUCTION_PCT:
        snprintf(buf, n,
                 en ? "%s%% less every year from %d (compound), judged in %d"
                    : "elk jaar %s%% minder vanaf %d (samengesteld), doeljaar %d",
                 v, t->base_year, t->target_year);
        break;
    case TB_TARGET_ANNUAL_INCREASE_PCT:
        snprintf(buf, n,
                 en ? "%s%% more every year from %d (compound), judged in %d"
                    : "elk jaar %s%% meer vanaf %d (samengesteld), doeljaar %d",
                 v, t->base_year, t->target_year);
        break;
    case TB_TARGET_LOWER_THAN_BEFORE:
        snprintf(buf, n,
                 en ? "lower in %d than in every year from %d" : "in %d lager dan elk jaar vanaf %d",
                 t->target_year, t->base_year);
        break;
    default:
        snprintf(buf, n, "%s", tb_target_kind_name(t->kind));
    }
}

/* One audit reading in words: "samengesteld, 5 stappen: 14.903 × 0,95^5". */
static void describe_reading(char *buf, size_t n, const tb_audit_row *a, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    char b[32], f[32], r[32];
    fnum(b, sizeof b, a->base, 0, lang);
    switch (a->form) {
    case TB_AUDIT_COMPOUND:
        fnum(f, sizeof f, 1 + a->rate, 2, lang);
        snprintf(buf, n, en ? "compound, %d steps: %s × %s^%d" : "samengesteld, %d stappen: %s × %s^%d",
                 a->steps, b, f, a->steps);
        break;
    case TB_AUDIT_LINEAR:
        fnum(r, sizeof r, fabs(a->rate), 2, lang);
        snprintf(buf, n,
                 en ? "linear, %d steps: %s × (1 %s %d × %s)" : "lineair, %d stappen: %s × (1 %s %d × %s)",
                 a->steps, b, a->rate < 0 ? TB_FMT_MINUS : "+", a->steps, r);
        break;
    case TB_AUDIT_ONCE:
        fnum(f, sizeof f, 1 + a->rate, 2, lang);
        snprintf(buf, n, "%s × %s", b, f);
        break;
    case TB_AUDIT_CHANGE:
        fnum(f, sizeof f, a->to_value, 0, lang);
        snprintf(buf, n, en ? "change %d–%d: %s → %s" : "verandering %d–%d: %s → %s",
                 a->from_year, a->to_year, b, f);
        break;
    default:
        snprintf(buf, n, "%s", a->reading);
    }
}

static void audit_summary(FILE *f, const tb_target_result *r, tb_lang lang)
{
    const tb_target *t = r->target;
    int en = lang == TB_LANG_EN;
    char a[32], b[32], rd[160];
    if (isnan(t->stated_value)) {
        fprintf(f, en ? "the text gives no number for %d to recompute\n"
                      : "de tekst noemt geen getal voor %d om na te rekenen\n",
                t->target_year);
    } else if (r->audit_closest < 0) {
        fprintf(f, en ? "the stated %s is the target itself; there is no rule to recompute\n"
                      : "het gestelde %s is het doel zelf; er is geen rekenregel om na te "
                        "rekenen\n",
                fnum(a, sizeof a, t->stated_value, r->counts ? 0 : 1, lang));
    } else if (r->audit_match >= 0) {
        const tb_audit_row *m = &r->audit[r->audit_match];
        describe_reading(rd, sizeof rd, m, lang);
        fprintf(f, en ? "%s follows from the reading '%s' (%s)\n"
                      : "%s volgt uit de lezing '%s' (%s)\n",
                fnum(a, sizeof a, t->stated_value, 0, lang), rd, source_name(m->source, en));
    } else {
        const tb_audit_row *c = &r->audit[r->audit_closest];
        describe_reading(rd, sizeof rd, c, lang);
        fprintf(f, en ? "no reading gives exactly %s; closest: '%s' (%s) = %s"
                      : "geen lezing geeft precies %s; het dichtst bij: '%s' (%s) = %s",
                fnum(a, sizeof a, t->stated_value, 0, lang), rd, source_name(c->source, en),
                fnum(b, sizeof b, c->value, 0, lang));
        if (!isnan(r->audit_exponent))
            fprintf(f, en ? "; %s belongs to exponent %s" : "; %s hoort bij exponent %s",
                    fnum(a, sizeof a, t->stated_value, 0, lang),
                    fnum(b, sizeof b, r->audit_exponent, 2, lang));
        fputc('\n', f);
    }
}

static void verdict_reason(char *buf, size_t n, const tb_target_result *r, tb_lang lang)
{
    const tb_target *t = r->target;
    int en = lang == TB_LANG_EN;
    char a[32], b[32], c[32];
    if (!r->has_data) {
        int from = t->base_year ? t->base_year : t->target_year - 4;
        snprintf(buf, n,
                 en ? "no data; needed: yearly figures of %s / %s / %s, %d to %d%s"
                    : "geen gegevens; nodig: jaarcijfers van %s / %s / %s, van %d t/m %d%s",
                 t->region, t->indicator, t->measure, from, t->target_year,
                 !r->series_exists ? ""
                 : en              ? " (the series exists, but not up to this as-of year)"
                                   : " (de reeks is er, maar niet tot dit peiljaar)");
    } else if (r->met >= 0) {
        snprintf(buf, n, en ? "%d is observed" : "%d is waargenomen", t->target_year);
    } else if (!r->projected) {
        snprintf(buf, n, en ? "no projection for %d possible" : "geen projectie voor %d mogelijk",
                 t->target_year);
    } else if (r->n_obs < TB_TARGET_MIN_DECIDE) {
        snprintf(buf, n,
                 en ? "%d observed years: too few to decide"
                    : "%d waargenomen jaren: te weinig om te beslissen",
                 r->n_obs);
    } else {
        tb_fmt_frac_pct(b, sizeof b, TB_TARGET_P_HIGH, 0, lang);
        tb_fmt_frac_pct(c, sizeof c, TB_TARGET_P_LOW, 0, lang);
        snprintf(buf, n,
                 en ? "probability %s; on track from %s, off track below %s"
                    : "kans %s; haalbaar vanaf %s, niet haalbaar onder %s",
                 fprob(a, sizeof a, r->p_met, lang), b, c);
    }
}

void tb_target_write_text(FILE *f, const tb_target_result *r)
{
    tb_target_write_text_lang(f, r, TB_LANG_NL);
}

void tb_target_write_text_lang(FILE *f, const tb_target_result *r, int lang_)
{
    tb_lang lang = lang_ == TB_LANG_EN ? TB_LANG_EN : TB_LANG_NL;
    int en = lang == TB_LANG_EN;
    const tb_target *t = r->target;
    int dec = r->counts ? 0 : 1;
    char a[48], b[48], c[48], d[48], e[48], line[512];
    fprintf(f, "%s — %s\n", t->id, t->description);
    describe_kind(line, sizeof line, t, dec, lang);
    fprintf(f, en ? "  series: %s / %s / %s; target: %s\n" : "  reeks: %s / %s / %s; doel: %s\n",
            t->region, t->indicator, t->measure, line);
    if (t->note)
        fprintf(f, en ? "  reading (in Dutch): %s\n" : "  lezing: %s\n", t->note);
    if (r->series_source) {
        char label[1024];
        fprintf(f, en ? "  series source: %s\n" : "  bron reeks: %s\n",
                tb_ind_sum_label(r->series_source, lang, label, sizeof label));
    }
    if (r->as_of)
        fprintf(f, en ? "  as of: %d (only data up to %d)\n" : "  peiljaar: %d (alleen gegevens t/m %d)\n",
                r->as_of, r->as_of);
    if (!isnan(r->base_value_text) || !isnan(r->base_value_data))
        fprintf(f, en ? "  base %d: policy text %s, series %s\n" : "  basis %d: beleidstekst %s, reeks %s\n",
                t->base_year, fnum(a, sizeof a, r->base_value_text, dec, lang),
                fnum(b, sizeof b, r->base_value_data, dec, lang));
    if (t->kind == TB_TARGET_LOWER_THAN_BEFORE) {
        if (!isnan(r->target_value))
            fprintf(f, en ? "  threshold %d: below %s, the lowest observed year %d–%d (series)\n"
                          : "  drempel %d: lager dan %s, het laagste waargenomen jaar %d–%d (reeks)\n",
                    t->target_year, fnum(a, sizeof a, r->target_value, dec, lang), t->base_year,
                    t->target_year - 1);
        else
            fprintf(f, en ? "  threshold %d: unknown (no year %d–%d observed)\n"
                          : "  drempel %d: onbekend (geen jaar %d–%d waargenomen)\n",
                    t->target_year, t->base_year, t->target_year - 1);
    } else {
        fprintf(f, en ? "  target value %d: %s (%s)" : "  doelwaarde %d: %s (%s)", t->target_year,
                fnum(a, sizeof a, r->target_value, dec, lang),
                source_name(r->target_value_source, en));
        if (!isnan(t->stated_value))
            fprintf(f, en ? "; in the text: %s" : "; in de tekst: %s",
                    fnum(b, sizeof b, t->stated_value, dec, lang));
        fputc('\n', f);
    }
    fputs(en ? "  check: " : "  controle: ", f);
    audit_summary(f, r, lang);
    for (size_t i = 0; i < r->naudit; i++) {
        const tb_audit_row *x = &r->audit[i];
        describe_reading(line, sizeof line, x, lang);
        if (x->change) {
            fprintf(f, "    %s: %s", line, fpct(a, sizeof a, x->value, lang));
            fprintf(f, " (%s)", source_name(x->source, en));
            if (!isnan(x->diff))
                fprintf(f, en ? "; the text says %s: %s" : "; de tekst zegt %s: %s",
                        (tb_fmt_change_pct(b, sizeof b, x->value - x->diff,
                                           fabs(x->diff - x->value - round(x->diff - x->value)) <
                                                   1e-9 ? 0 : 1, lang), b),
                        x->matches ? (en ? "agrees when rounded to whole percents"
                                         : "klopt na afronding op hele procenten")
                                   : (en ? "does not agree" : "klopt niet"));
            fputc('\n', f);
        } else {
            fprintf(f, "    %s = %s (%s)%s\n", line, fnum(a, sizeof a, x->value, 0, lang),
                    source_name(x->source, en),
                    x->matches ? (en ? ", matches the text" : ", klopt met de tekst") : "");
        }
    }
    if (r->npath > 1 && t->kind != TB_TARGET_LOWER_THAN_BEFORE) {
        fputs(en ? "  required path:" : "  vereist pad:", f);
        for (size_t i = 0; i < r->npath; i++)
            fprintf(f, " %d: %s%s", r->path[i].year,
                    fnum(a, sizeof a, r->path[i].value, dec, lang), i + 1 < r->npath ? ";" : "");
        fputc('\n', f);
    }
    if (r->latest_year && !isnan(r->latest_required)) {
        /* a gap that rounds to 0,0% is on the path, neither ahead nor behind */
        const char *where = fabs(r->latest_gap_pct) < 0.05
                                ? (en ? "on the path" : "op schema")
                            : r->latest_ahead == 1 ? (en ? "ahead of the path" : "voor op schema")
                                                   : (en ? "behind the path" : "achter op schema");
        fprintf(f, en ? "  latest observation %d: %s, required %s (%s, %s)\n"
                      : "  laatste waarneming %d: %s, vereist %s (%s, %s)\n",
                r->latest_year, fnum(a, sizeof a, r->latest_value, dec, lang),
                fnum(b, sizeof b, r->latest_required, dec, lang),
                fpct(c, sizeof c, r->latest_gap_pct, lang), where);
    } else if (r->latest_year) {
        fprintf(f, en ? "  latest observation %d: %s\n" : "  laatste waarneming %d: %s\n",
                r->latest_year, fnum(a, sizeof a, r->latest_value, dec, lang));
    }
    if (r->projected)
        fprintf(f, en ? "  projection %d (%s): %s, 80%%: %s – %s, 95%%: %s – %s\n"
                      : "  projectie %d (%s): %s, 80%%: %s – %s, 95%%: %s – %s\n",
                t->target_year, r->model, fnum(a, sizeof a, r->projection.mean, dec, lang),
                fnum(b, sizeof b, r->projection.lo80, dec, lang),
                fnum(c, sizeof c, r->projection.hi80, dec, lang),
                fnum(d, sizeof d, r->projection.lo95, dec, lang),
                fnum(e, sizeof e, r->projection.hi95, dec, lang));
    if (r->calibrated) {
        fprintf(f, en ? "  calibrated on real series' forecast errors (%zu, %s): %s, "
                        "80%%: %s – %s, 95%%: %s – %s\n"
                      : "  gekalibreerd op voorspelfouten van echte reeksen (%zu, %s): %s, "
                        "80%%: %s – %s, 95%%: %s – %s\n",
                r->cal_n, r->cal_pool, fnum(a, sizeof a, r->projection_cal.mean, dec, lang),
                fnum(b, sizeof b, r->projection_cal.lo80, dec, lang),
                fnum(c, sizeof c, r->projection_cal.hi80, dec, lang),
                fnum(d, sizeof d, r->projection_cal.lo95, dec, lang),
                fnum(e, sizeof e, r->projection_cal.hi95, dec, lang));
        fprintf(f, en ? "  the model alone would give probability %s\n"
                      : "  het model alleen zou kans %s geven\n",
                fprob(a, sizeof a, r->p_met_model, lang));
    }
    if (!isnan(r->p_met)) {
        if (t->kind == TB_TARGET_LOWER_THAN_BEFORE) {
            fprintf(f, en ? "  probability that %d is below every year %d–%d: %s\n"
                          : "  kans dat %d lager is dan elk jaar %d–%d: %s\n",
                    t->target_year, t->base_year, t->target_year - 1,
                    fprob(a, sizeof a, r->p_met, lang));
            if (r->n_projected_before)
                fprintf(f, en ? "    (%d of those years still to come, each projected; below "
                                "the observed years only: %s)\n"
                              : "    (waarvan %d jaren nog niet waargenomen, elk geprojecteerd; "
                                "alleen onder de waargenomen jaren: %s)\n",
                        r->n_projected_before, fprob(b, sizeof b, r->p_below_observed, lang));
            if (!isnan(r->p_below_last))
                fprintf(f, en ? "    other reading, below %d only: %s\n"
                              : "    andere lezing, alleen lager dan %d: %s\n",
                        t->target_year - 1, fprob(a, sizeof a, r->p_below_last, lang));
        } else {
            fprintf(f, en ? "  probability that the target is met: %s\n"
                          : "  kans dat het doel gehaald wordt: %s\n",
                    fprob(a, sizeof a, r->p_met, lang));
        }
    }
    for (size_t i = 0; i < r->nalt; i++) {
        const tb_target_alt *x = &r->alt[i];
        if (x->stated)
            snprintf(line, sizeof line, en ? "the number in the text" : "het getal in de tekst");
        else
            snprintf(line, sizeof line,
                     en ? "the rule on the policy text's base (%s)"
                        : "de regel op de basis uit de beleidstekst (%s)",
                     fnum(a, sizeof a, r->base_value_text, dec, lang));
        fprintf(f, en ? "    %s: threshold %s" : "    %s: drempel %s", line,
                fnum(b, sizeof b, x->threshold, dec, lang));
        if (!isnan(x->p_met))
            fprintf(f, en ? ", probability %s" : ", kans %s", fprob(c, sizeof c, x->p_met, lang));
        if (x->met >= 0)
            fprintf(f, ", %s", x->met ? (en ? "met" : "gehaald") : (en ? "missed" : "niet gehaald"));
        fputc('\n', f);
    }
    if (t->kind != TB_TARGET_LOWER_THAN_BEFORE) {
        fprintf(f, en ? "  rate per year: required %s, observed %s (log-linear %s)"
                      : "  tempo per jaar: vereist %s, waargenomen %s (log-lineair %s)",
                fpct(a, sizeof a, r->cagr_required, lang), fpct(b, sizeof b, r->cagr_observed, lang),
                fpct(c, sizeof c, r->loglin_observed, lang));
        if (r->rate_from)
            fprintf(f, en ? ", %d–%d" : ", %d–%d", r->rate_from, r->rate_to);
        fputc('\n', f);
        fprintf(f, en ? "  progress (Eurostat): %s" : "  voortgang (Eurostat): %s",
                tb_progress_name(r->eurostat, en));
        if (!isnan(r->eurostat_ratio))
            fprintf(f, en ? " (ratio %s)" : " (verhouding %s)",
                    fnum(a, sizeof a, r->eurostat_ratio, 2, lang));
        fprintf(f, en ? "; AARR ladder: %s\n" : "; AARR-ladder: %s\n",
                tb_aarr_class_name(r->aarr_class, en));
    }
    if (!isnan(r->actual))
        fprintf(f, en ? "  actual %d: %s\n" : "  werkelijk %d: %s\n", t->target_year,
                fnum(a, sizeof a, r->actual, dec, lang));
    verdict_reason(line, sizeof line, r, lang);
    fprintf(f, en ? "  verdict: %s (%s)" : "  oordeel: %s (%s)", tb_verdict_name(r->verdict, en),
            line);
    if (t->kind == TB_TARGET_LOWER_THAN_BEFORE)
        ; /* the threshold is not fixed before the target year: no reach year */
    else if (r->reach_year > 0 && r->met < 0 && r->eurostat == TB_PROGRESS_ACHIEVED)
        fprintf(f, en ? "; the %d value already meets the target value"
                      : "; de waarde van %d haalt de doelwaarde al",
                r->reach_year);
    else if (r->reach_year > 0 && r->met < 0)
        fprintf(f, en ? "; the trend reaches the target in %d" : "; de trend haalt het doel in %d",
                r->reach_year);
    else if (r->reach_year == 0)
        fprintf(f, en ? "; the trend does not reach the target within the projection"
                      : "; de trend haalt het doel niet binnen de projectie");
    fputc('\n', f);
    for (size_t i = 0; i < r->nmilestones; i++) {
        const tb_milestone_result *m = &r->milestones[i];
        fprintf(f, en ? "  milestone %d: %s, observed %s" : "  tussendoel %d: %s, waargenomen %s",
                m->year, fnum(a, sizeof a, m->threshold, dec, lang),
                fnum(b, sizeof b, m->observed, dec, lang));
        if (!isnan(m->p_met))
            fprintf(f, en ? ", probability %s" : ", kans %s", fprob(c, sizeof c, m->p_met, lang));
        fprintf(f, ": %s\n", tb_verdict_name(m->verdict, en));
    }
    if (r->nbacktest) {
        fprintf(f, en ? "  backtest (same target, earlier as-of years; actual %d: %s):\n"
                      : "  terugblik (zelfde doel, eerdere peiljaren; werkelijk %d: %s):\n",
                t->target_year, fnum(a, sizeof a, r->backtest[0].actual, dec, lang));
        for (size_t i = 0; i < r->nbacktest; i++) {
            const tb_backtest_row *x = &r->backtest[i];
            fprintf(f, en ? "    as of %d (n = %d, %s): projection %s, probability %s, %s%s%s\n"
                          : "    peiljaar %d (n = %d, %s): projectie %s, kans %s, %s%s%s\n",
                    x->as_of, x->n, *x->model ? x->model : (en ? "no model" : "geen model"),
                    fnum(a, sizeof a, x->mean, dec, lang), fprob(b, sizeof b, x->p_met, lang),
                    tb_verdict_name(x->verdict, en),
                    x->n >= 2 && x->n < TB_TARGET_MIN_DECIDE
                        ? (en ? " (too few years)" : " (te weinig jaren)")
                        : "",
                    x->met < 0 ? ""
                    : x->met   ? (en ? " — target was met" : " — doel werd gehaald")
                               : (en ? " — target was missed" : " — doel werd gemist"));
        }
        if (r->brier_n)
            fprintf(f, en ? "    Brier score %s over %d as-of years\n"
                          : "    Brier-score %s over %d peiljaren\n",
                    fnum(a, sizeof a, r->brier, 3, lang), r->brier_n);
    }
    for (size_t i = 0; i < r->nwarnings; i++)
        fprintf(f, en ? "  note: %s\n" : "  let op: %s\n",
                en ? r->warnings_en[i] : r->warnings[i]);
    for (size_t i = 0; i < r->nmodel_warnings; i++) {
        if (en) {
            fprintf(f, "  model: %s\n", r->model_warnings[i]);
        } else {
            model_warning_nl(line, sizeof line, r->model_warnings[i]);
            fprintf(f, "  model: %s\n", line);
        }
    }
}

/* ---- for policy staff: a paragraph and a row ------------------------------ */

/* The rule's number for the target year, and the text's beside it. */
/* 1 when the policy text states another number than the rule gives. */
static int stated_differs(const tb_target_result *r)
{
    const tb_target *t = r->target;
    return !isnan(t->stated_value) && !isnan(r->target_value) &&
           fabs(t->stated_value - r->target_value) >= 0.5;
}

/* The rule's number for the target year: "hoogstens 11.419 in 2018". */
static void threshold_words(char *buf, size_t n, const tb_target_result *r, tb_lang lang)
{
    const tb_target *t = r->target;
    int en = lang == TB_LANG_EN, dec = r->counts ? 0 : 1;
    char a[32];
    if (isnan(r->target_value)) {
        buf[0] = '\0';
        return;
    }
    snprintf(buf, n, "%s %s in %d",
             t->kind == TB_TARGET_LOWER_THAN_BEFORE ? (en ? "below" : "lager dan")
             : tb_target_lower_better(t->kind)      ? (en ? "at most" : "hoogstens")
                                                    : (en ? "at least" : "minstens"),
             fnum(a, sizeof a, r->target_value, dec, lang), t->target_year);
}

void tb_target_write_brief(FILE *f, const tb_target_result *r, int lang_)
{
    tb_lang lang = (tb_lang)lang_;
    const tb_target *t = r->target;
    int en = lang == TB_LANG_EN, dec = r->counts ? 0 : 1;
    char k[200], th[240], a[32], b[32], c[32];
    describe_kind(k, sizeof k, t, dec, lang);
    threshold_words(th, sizeof th, r, lang);
    fprintf(f, en ? "The target: %s" : "Het doel: %s", k);
    if (th[0] && t->kind != TB_TARGET_MAX && t->kind != TB_TARGET_MIN)
        fprintf(f, en ? ", that is %s" : ", dat is %s", th);
    if (th[0] && stated_differs(r))
        fprintf(f, en ? " by the rule on the %s (the policy text states %s)"
                      : " volgens de regel op de %s (de beleidstekst noemt %s)",
                source_name(r->base_source ? r->base_source : r->target_value_source, en),
                fnum(a, sizeof a, t->stated_value, dec, lang));
    fputs(". ", f);
    if (!r->has_data) {
        fprintf(f, en ? "There are no figures to judge it by: %s." : "Er zijn geen cijfers om "
                        "het aan te toetsen: %s.", r->data_needed);
        return;
    }
    /* time outside the observed years, said as such */
    if (t->target_year < r->first_obs) {
        fprintf(f, en ? "The target year %d lies before the first observed year (%d): the "
                        "series cannot tell whether it was met."
                      : "Het doeljaar %d ligt vóór het eerste waargenomen jaar (%d): de reeks "
                        "kan niet zeggen of het doel gehaald is.",
                t->target_year, r->first_obs);
        return;
    }
    if (t->base_year && t->base_year < r->first_obs && isnan(r->base_value))
        fprintf(f, en ? "The base year %d lies before the first observed year (%d) and the "
                        "policy text gives no base figure, so the target has no number. "
                      : "Het basisjaar %d ligt vóór het eerste waargenomen jaar (%d) en de "
                        "beleidstekst geeft geen basiscijfer, dus het doel heeft geen getal. ",
                t->base_year, r->first_obs);
    if (r->met >= 0) {
        fprintf(f, en ? "%d is observed: %s, so the target was %s."
                      : "%d is waargenomen: %s, dus het doel is %s.",
                t->target_year, fnum(a, sizeof a, r->actual, dec, lang),
                r->met ? (en ? "met" : "gehaald") : (en ? "missed" : "niet gehaald"));
        return;
    }
    if (r->latest_year) {
        fprintf(f, en ? "In %d the value was %s" : "In %d was de waarde %s", r->latest_year,
                fnum(a, sizeof a, r->latest_value, dec, lang));
        if (isfinite(r->latest_required) && r->latest_ahead >= 0)
            fprintf(f, en ? ", %s the required path (%s)" : ", %s het vereiste pad (%s)",
                    fabs(r->latest_gap_pct) < 0.5 ? (en ? "on" : "op")
                    : r->latest_ahead            ? (en ? "ahead of" : "voor op")
                                                 : (en ? "behind" : "achter op"),
                    fnum(b, sizeof b, r->latest_required, dec, lang));
        fputs(". ", f);
    }
    if (!r->projected) {
        fprintf(f, en ? "No projection for %d is possible with %d observed years."
                      : "Een projectie voor %d is met %d waargenomen jaren niet mogelijk.",
                t->target_year, r->n_obs);
        return;
    }
    const tb_forecast *pr = r->calibrated ? &r->projection_cal : &r->projection;
    fprintf(f, en ? "The projection for %d is %s (80%%: %s to %s); the chance that the target "
                    "is met is %s: %s."
                  : "De projectie voor %d is %s (80%%: %s tot %s); de kans dat het doel "
                    "gehaald wordt is %s: %s.",
            t->target_year, fnum(a, sizeof a, pr->mean, dec, lang),
            fnum(b, sizeof b, pr->lo80, dec, lang), fnum(c, sizeof c, pr->hi80, dec, lang),
            fprob(k, sizeof k, r->p_met, lang), tb_verdict_name(r->verdict, en));
    if (t->kind == TB_TARGET_LOWER_THAN_BEFORE && r->n_projected_before > 0) {
        /* why the verdict can stay uncertain with the fan below the target */
        int a0 = t->target_year - r->n_projected_before, a1 = t->target_year - 1;
        char yrs[32];
        snprintf(yrs, sizeof yrs, a0 == a1 ? "%d" : "%d–%d", a0, a1);
        fprob(c, sizeof c, r->p_below_observed, lang);
        if (en)
            fprintf(f, " %s %s not observed yet; %d must be lower than %s too, which keeps "
                       "the chance down (below the observed years alone: %s).",
                    yrs, a0 == a1 ? "is" : "are", t->target_year,
                    a0 == a1 ? "that year" : "those years", c);
        else
            fprintf(f, " %s %s nog niet waargenomen; %d moet ook daaronder liggen, en dat "
                       "drukt de kans (alleen onder de waargenomen jaren: %s).",
                    yrs, a0 == a1 ? "is" : "zijn", t->target_year, c);
    }
    if (r->n_obs < TB_TARGET_MIN_DECIDE)
        fprintf(f, en ? " With %d observed years that is no firm verdict: the years before "
                        "%d are not in the data."
                      : " Met %d waargenomen jaren is dat geen vast oordeel: de jaren vóór %d "
                        "staan niet in de gegevens.",
                r->n_obs, r->first_obs);
    if (isfinite(r->cagr_required) && isfinite(r->cagr_observed) && r->latest_ahead == 0)
        fprintf(f, en ? " It asks %s a year; observed %d–%d: %s a year."
                      : " Daarvoor is %s per jaar nodig; waargenomen %d–%d: %s per jaar.",
                fpct(a, sizeof a, r->cagr_required, lang), r->rate_from, r->rate_to,
                fpct(b, sizeof b, r->cagr_observed, lang));
    if (r->reach_year > t->target_year)
        fprintf(f, en ? " At the present trend the target is reached in %d."
                      : " Bij de huidige trend wordt de doelwaarde in %d bereikt.",
                r->reach_year);
    else if (r->reach_year == 0 && r->verdict != TB_VERDICT_HAALBAAR)
        fprintf(f, en ? " The present trend does not reach it." :
                        " De huidige trend haalt de doelwaarde niet.");
}

void tb_target_row_cells(const tb_target_result *r, int lang_, tb_target_cells *c)
{
    tb_lang lang = (tb_lang)lang_;
    const tb_target *t = r->target;
    int en = lang == TB_LANG_EN, dec = r->counts ? 0 : 1;
    char a[32], b[32];
    memset(c, 0, sizeof *c);
    char th[240];
    threshold_words(th, sizeof th, r, lang);
    if (th[0] && t->kind != TB_TARGET_LOWER_THAN_BEFORE)
        snprintf(c->target, sizeof c->target, "%s", th);
    else
        describe_kind(c->target, sizeof c->target, t, dec, lang);
    /* the policy's own number beside the rule's */
    if (th[0] && stated_differs(r)) {
        size_t len = strlen(c->target);
        snprintf(c->target + len, sizeof c->target - len,
                 en ? " (policy text: %s)" : " (beleidstekst: %s)",
                 fnum(a, sizeof a, t->stated_value, dec, lang));
    }
    snprintf(c->verdict, sizeof c->verdict, "%s", tb_verdict_name(r->verdict, en));
    if (r->met >= 0)
        snprintf(c->chance, sizeof c->chance, "%s", TB_FMT_MISSING);
    else
        snprintf(c->chance, sizeof c->chance, "%s", fprob(a, sizeof a, r->p_met, lang));
    if (r->met >= 0)
        snprintf(c->latest, sizeof c->latest, "%s (%d)", fnum(a, sizeof a, r->actual, dec, lang),
                 t->target_year);
    else if (r->latest_year && isfinite(r->latest_required))
        snprintf(c->latest, sizeof c->latest, en ? "%s (%d); path %s" : "%s (%d); pad %s",
                 fnum(a, sizeof a, r->latest_value, dec, lang), r->latest_year,
                 fnum(b, sizeof b, r->latest_required, dec, lang));
    else if (r->latest_year)
        snprintf(c->latest, sizeof c->latest, "%s (%d)",
                 fnum(a, sizeof a, r->latest_value, dec, lang), r->latest_year);
    else
        snprintf(c->latest, sizeof c->latest, "%s", TB_FMT_MISSING);
    /* the year the trend meets the target, when that is still to come */
    if (r->reach_year > 0 && r->reach_year > r->last_obs && r->met < 0)
        snprintf(c->reach, sizeof c->reach, "%d", r->reach_year);
    else
        snprintf(c->reach, sizeof c->reach, "%s", TB_FMT_MISSING);
}

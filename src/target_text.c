/* Target results as text for a policy adviser, in Dutch or English
 * (numbers in the reader's notation). */
#include "target_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "trendbeeld/indicators.h" /* tb_ind_sum_label */

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


/* One audit reading in words: "samengesteld, 5 stappen: 14.903 × 0,95^5". */
static void describe_reading(char *buf, size_t n, const tb_audit_row *a, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    char b[32], f[32], r[32];
    tb_target_fnum_(b, sizeof b, a->base, 0, lang);
    switch (a->form) {
    case TB_AUDIT_COMPOUND:
        tb_target_fnum_(f, sizeof f, 1 + a->rate, 2, lang);
        snprintf(buf, n,
                 en ? "compound, %d steps: %s × %s^%d" : "samengesteld, %d stappen: %s × %s^%d",
                 a->steps, b, f, a->steps);
        break;
    case TB_AUDIT_LINEAR:
        tb_target_fnum_(r, sizeof r, fabs(a->rate), 2, lang);
        snprintf(buf, n,
                 en ? "linear, %d steps: %s × (1 %s %d × %s)"
                    : "lineair, %d stappen: %s × (1 %s %d × %s)",
                 a->steps, b, a->rate < 0 ? TB_FMT_MINUS : "+", a->steps, r);
        break;
    case TB_AUDIT_ONCE:
        tb_target_fnum_(f, sizeof f, 1 + a->rate, 2, lang);
        snprintf(buf, n, "%s × %s", b, f);
        break;
    case TB_AUDIT_CHANGE:
        tb_target_fnum_(f, sizeof f, a->to_value, 0, lang);
        snprintf(buf, n, en ? "change %d–%d: %s → %s" : "verandering %d–%d: %s → %s",
                 a->from_year, a->to_year, b, f);
        break;
    default:
        snprintf(buf, n, "%s", a->reading);
    }
}

/* Which reading gives the stated number, or comes closest. */
static void audit_summary(FILE *f, const tb_target_result *r, tb_lang lang)
{
    const tb_target *t = r->target;
    tb_message m;
    char rd[160], line[512];
    const tb_audit_row *row = r->audit_match >= 0    ? &r->audit[r->audit_match]
                              : r->audit_closest >= 0 ? &r->audit[r->audit_closest]
                                                      : NULL;
    if (row)
        describe_reading(rd, sizeof rd, row, lang);
    if (isnan(t->stated_value))
        tb_message_set(&m, TB_MSG_AUDIT_NOTHING_STATED, t->target_year);
    else if (!row)
        tb_message_set(&m, TB_MSG_AUDIT_STATED_IS_TARGET, t->stated_value, r->counts ? 0 : 1);
    else if (r->audit_match >= 0)
        tb_message_set(&m, TB_MSG_AUDIT_MATCH, t->stated_value, 0, rd,
                       tb_target_source_name_(row->source, lang));
    else if (isnan(r->audit_exponent))
        tb_message_set(&m, TB_MSG_AUDIT_CLOSEST, t->stated_value, 0, rd,
                       tb_target_source_name_(row->source, lang), row->value, 0);
    else
        tb_message_set(&m, TB_MSG_AUDIT_CLOSEST_EXPONENT, t->stated_value, 0, rd,
                       tb_target_source_name_(row->source, lang), row->value, 0,
                       r->audit_exponent, 2);
    tb_message_render(&m, lang, line, sizeof line);
    tb_message_clear(&m);
    fprintf(f, "%s\n", line);
}

/* Why the verdict is what it is: the evaluation's reason, with the
 * probability as readers get it. */
static void verdict_reason(char *buf, size_t n, const tb_target_result *r, tb_lang lang)
{
    if (r->verdict_reason.code != TB_MSG_CHANCE) {
        tb_message_render(&r->verdict_reason, lang, buf, n);
        return;
    }
    tb_message m;
    tb_message_set(&m, TB_MSG_CHANCE, r->p_met, TB_MSG_PROB_READER, TB_TARGET_P_HIGH, 0,
                   TB_TARGET_P_LOW, 0);
    tb_message_render(&m, lang, buf, n);
    tb_message_clear(&m);
}

void tb_target_write_text(FILE *f, const tb_target_result *r)
{
    tb_target_write_text_lang(f, r, TB_LANG_NL);
}

/* The target, its series and sources, the base and the threshold. */
static void write_heading(FILE *f, const tb_target_result *r, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    const tb_target *t = r->target;
    int dec = r->counts ? 0 : 1;
    char a[48], b[48], line[512];
    fprintf(f, "%s — %s\n", t->id, t->description);
    tb_target_describe_kind_(line, sizeof line, t, dec, lang);
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
        fprintf(f,
                en ? "  as of: %d (only data up to %d)\n"
                   : "  peiljaar: %d (alleen gegevens t/m %d)\n",
                r->as_of, r->as_of);
    if (!isnan(r->base_value_text) || !isnan(r->base_value_data))
        fprintf(f,
                en ? "  base %d: policy text %s, series %s\n"
                   : "  basis %d: beleidstekst %s, reeks %s\n",
                t->base_year, tb_target_fnum_(a, sizeof a, r->base_value_text, dec, lang),
                tb_target_fnum_(b, sizeof b, r->base_value_data, dec, lang));
    if (t->kind == TB_TARGET_LOWER_THAN_BEFORE) {
        if (!isnan(r->target_value))
            fprintf(f,
                    en ? "  threshold %d: below %s, the lowest observed year %d–%d (series)\n"
                       : "  drempel %d: lager dan %s, het laagste waargenomen jaar %d–%d (reeks)\n",
                    t->target_year, tb_target_fnum_(a, sizeof a, r->target_value, dec, lang),
                    t->base_year, t->target_year - 1);
        else
            fprintf(f, en ? "  threshold %d: unknown (no year %d–%d observed)\n"
                          : "  drempel %d: onbekend (geen jaar %d–%d waargenomen)\n",
                    t->target_year, t->base_year, t->target_year - 1);
    } else {
        fprintf(f, en ? "  target value %d: %s (%s)" : "  doelwaarde %d: %s (%s)", t->target_year,
                tb_target_fnum_(a, sizeof a, r->target_value, dec, lang),
                tb_target_source_name_(r->target_value_source, lang));
        if (!isnan(t->stated_value))
            fprintf(f, en ? "; in the text: %s" : "; in de tekst: %s",
                    tb_target_fnum_(b, sizeof b, t->stated_value, dec, lang));
        fputc('\n', f);
    }
}

/* The recomputation of the stated number, reading by reading. */
static void write_audit(FILE *f, const tb_target_result *r, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    char a[48], b[48], line[512];
    fputs(en ? "  check: " : "  controle: ", f);
    audit_summary(f, r, lang);
    for (size_t i = 0; i < r->naudit; i++) {
        const tb_audit_row *x = &r->audit[i];
        describe_reading(line, sizeof line, x, lang);
        if (x->change) {
            fprintf(f, "    %s: %s", line, tb_target_fpct_(a, sizeof a, x->value, lang));
            fprintf(f, " (%s)", tb_target_source_name_(x->source, lang));
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
            fprintf(f, "    %s = %s (%s)%s\n", line,
                    tb_target_fnum_(a, sizeof a, x->value, 0, lang),
                    tb_target_source_name_(x->source, lang),
                    x->matches ? (en ? ", matches the text" : ", klopt met de tekst") : "");
        }
    }
}

/* The required path and the latest observation against it. */
static void write_path(FILE *f, const tb_target_result *r, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    const tb_target *t = r->target;
    int dec = r->counts ? 0 : 1;
    char a[48], b[48], c[48];
    if (r->npath > 1 && t->kind != TB_TARGET_LOWER_THAN_BEFORE) {
        fputs(en ? "  required path:" : "  vereist pad:", f);
        for (size_t i = 0; i < r->npath; i++)
            fprintf(f, " %d: %s%s", r->path[i].year,
                    tb_target_fnum_(a, sizeof a, r->path[i].value, dec, lang),
                    i + 1 < r->npath ? ";" : "");
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
                r->latest_year, tb_target_fnum_(a, sizeof a, r->latest_value, dec, lang),
                tb_target_fnum_(b, sizeof b, r->latest_required, dec, lang),
                tb_target_fpct_(c, sizeof c, r->latest_gap_pct, lang), where);
    } else if (r->latest_year) {
        fprintf(f, en ? "  latest observation %d: %s\n" : "  laatste waarneming %d: %s\n",
                r->latest_year, tb_target_fnum_(a, sizeof a, r->latest_value, dec, lang));
    }
}

/* The projection for the target year and P(target met). */
static void write_projection(FILE *f, const tb_target_result *r, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    const tb_target *t = r->target;
    int dec = r->counts ? 0 : 1;
    char a[48], b[48], c[48], d[48], e[48];
    if (r->projected)
        fprintf(f,
                en ? "  projection %d (%s): %s, 80%%: %s – %s, 95%%: %s – %s\n"
                   : "  projectie %d (%s): %s, 80%%: %s – %s, 95%%: %s – %s\n",
                t->target_year, r->model,
                tb_target_fnum_(a, sizeof a, r->projection.mean, dec, lang),
                tb_target_fnum_(b, sizeof b, r->projection.lo80, dec, lang),
                tb_target_fnum_(c, sizeof c, r->projection.hi80, dec, lang),
                tb_target_fnum_(d, sizeof d, r->projection.lo95, dec, lang),
                tb_target_fnum_(e, sizeof e, r->projection.hi95, dec, lang));
    if (r->calibrated) {
        fprintf(f,
                en ? "  calibrated on real series' forecast errors (%zu, %s): %s, "
                     "80%%: %s – %s, 95%%: %s – %s\n"
                   : "  gekalibreerd op voorspelfouten van echte reeksen (%zu, %s): %s, "
                     "80%%: %s – %s, 95%%: %s – %s\n",
                r->cal_n, r->cal_pool,
                tb_target_fnum_(a, sizeof a, r->projection_cal.mean, dec, lang),
                tb_target_fnum_(b, sizeof b, r->projection_cal.lo80, dec, lang),
                tb_target_fnum_(c, sizeof c, r->projection_cal.hi80, dec, lang),
                tb_target_fnum_(d, sizeof d, r->projection_cal.lo95, dec, lang),
                tb_target_fnum_(e, sizeof e, r->projection_cal.hi95, dec, lang));
        fprintf(f, en ? "  the model alone would give probability %s\n"
                      : "  het model alleen zou kans %s geven\n",
                tb_msg_prob(a, sizeof a, r->p_met_model, lang));
    }
    if (!isnan(r->p_met)) {
        if (t->kind == TB_TARGET_LOWER_THAN_BEFORE) {
            fprintf(f, en ? "  probability that %d is below every year %d–%d: %s\n"
                          : "  kans dat %d lager is dan elk jaar %d–%d: %s\n",
                    t->target_year, t->base_year, t->target_year - 1,
                    tb_msg_prob(a, sizeof a, r->p_met, lang));
            if (r->n_projected_before)
                fprintf(f, en ? "    (%d of those years still to come, each projected; below "
                                "the observed years only: %s)\n"
                              : "    (waarvan %d jaren nog niet waargenomen, elk geprojecteerd; "
                                "alleen onder de waargenomen jaren: %s)\n",
                        r->n_projected_before, tb_msg_prob(b, sizeof b, r->p_below_observed, lang));
            if (!isnan(r->p_below_last))
                fprintf(f, en ? "    other reading, below %d only: %s\n"
                              : "    andere lezing, alleen lager dan %d: %s\n",
                        t->target_year - 1, tb_msg_prob(a, sizeof a, r->p_below_last, lang));
        } else {
            fprintf(f, en ? "  probability that the target is met: %s\n"
                          : "  kans dat het doel gehaald wordt: %s\n",
                    tb_msg_prob(a, sizeof a, r->p_met, lang));
        }
    }
}

/* The other readings of the threshold, each with its probability. */
static void write_alternatives(FILE *f, const tb_target_result *r, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    int dec = r->counts ? 0 : 1;
    char a[48], b[48], c[48], line[512];
    for (size_t i = 0; i < r->nalt; i++) {
        const tb_target_alt *x = &r->alt[i];
        if (x->stated)
            snprintf(line, sizeof line, en ? "the number in the text" : "het getal in de tekst");
        else
            snprintf(line, sizeof line,
                     en ? "the rule on the policy text's base (%s)"
                        : "de regel op de basis uit de beleidstekst (%s)",
                     tb_target_fnum_(a, sizeof a, r->base_value_text, dec, lang));
        fprintf(f, en ? "    %s: threshold %s" : "    %s: drempel %s", line,
                tb_target_fnum_(b, sizeof b, x->threshold, dec, lang));
        if (!isnan(x->p_met))
            fprintf(f, en ? ", probability %s" : ", kans %s",
                    tb_msg_prob(c, sizeof c, x->p_met, lang));
        if (x->met >= 0)
            fprintf(f, ", %s",
                    x->met ? (en ? "met" : "gehaald") : (en ? "missed" : "niet gehaald"));
        fputc('\n', f);
    }
}

/* Required and observed rates and the progress categories. */
static void write_rates(FILE *f, const tb_target_result *r, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    const tb_target *t = r->target;
    char a[48], b[48], c[48];
    if (t->kind != TB_TARGET_LOWER_THAN_BEFORE) {
        fprintf(f,
                en ? "  rate per year: required %s, observed %s (log-linear %s)"
                   : "  tempo per jaar: vereist %s, waargenomen %s (log-lineair %s)",
                tb_target_fpct_(a, sizeof a, r->cagr_required, lang),
                tb_target_fpct_(b, sizeof b, r->cagr_observed, lang),
                tb_target_fpct_(c, sizeof c, r->loglin_observed, lang));
        if (r->rate_from)
            fprintf(f, en ? ", %d–%d" : ", %d–%d", r->rate_from, r->rate_to);
        fputc('\n', f);
        fprintf(f, en ? "  progress (Eurostat): %s" : "  voortgang (Eurostat): %s",
                tb_progress_name(r->eurostat, lang));
        if (!isnan(r->eurostat_ratio))
            fprintf(f, en ? " (ratio %s)" : " (verhouding %s)",
                    tb_target_fnum_(a, sizeof a, r->eurostat_ratio, 2, lang));
        fprintf(f, en ? "; AARR ladder: %s\n" : "; AARR-ladder: %s\n",
                tb_aarr_class_name(r->aarr_class, lang));
    }
}

/* The outcome, the verdict and why, and the year the trend meets the target. */
static void write_verdict(FILE *f, const tb_target_result *r, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    const tb_target *t = r->target;
    int dec = r->counts ? 0 : 1;
    char a[48], line[512];
    if (!isnan(r->actual))
        fprintf(f, en ? "  actual %d: %s\n" : "  werkelijk %d: %s\n", t->target_year,
                tb_target_fnum_(a, sizeof a, r->actual, dec, lang));
    verdict_reason(line, sizeof line, r, lang);
    fprintf(f, en ? "  verdict: %s (%s)" : "  oordeel: %s (%s)", tb_verdict_name(r->verdict, lang),
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
}

/* The milestones, each judged like the target. */
static void write_milestones(FILE *f, const tb_target_result *r, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    int dec = r->counts ? 0 : 1;
    char a[48], b[48], c[48];
    for (size_t i = 0; i < r->nmilestones; i++) {
        const tb_milestone_result *m = &r->milestones[i];
        fprintf(f, en ? "  milestone %d: %s, observed %s" : "  tussendoel %d: %s, waargenomen %s",
                m->year, tb_target_fnum_(a, sizeof a, m->threshold, dec, lang),
                tb_target_fnum_(b, sizeof b, m->observed, dec, lang));
        if (!isnan(m->p_met))
            fprintf(f, en ? ", probability %s" : ", kans %s",
                    tb_msg_prob(c, sizeof c, m->p_met, lang));
        fprintf(f, ": %s\n", tb_verdict_name(m->verdict, lang));
    }
}

/* The verdicts as of earlier years against what happened. */
static void write_backtest(FILE *f, const tb_target_result *r, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    const tb_target *t = r->target;
    int dec = r->counts ? 0 : 1;
    char a[48], b[48];
    if (r->nbacktest) {
        fprintf(f, en ? "  backtest (same target, earlier as-of years; actual %d: %s):\n"
                      : "  terugblik (zelfde doel, eerdere peiljaren; werkelijk %d: %s):\n",
                t->target_year, tb_target_fnum_(a, sizeof a, r->backtest[0].actual, dec, lang));
        for (size_t i = 0; i < r->nbacktest; i++) {
            const tb_backtest_row *x = &r->backtest[i];
            fprintf(f,
                    en ? "    as of %d (n = %d, %s): projection %s, probability %s, %s%s%s\n"
                       : "    peiljaar %d (n = %d, %s): projectie %s, kans %s, %s%s%s\n",
                    x->as_of, x->n, *x->model ? x->model : (en ? "no model" : "geen model"),
                    tb_target_fnum_(a, sizeof a, x->mean, dec, lang),
                    tb_msg_prob(b, sizeof b, x->p_met, lang), tb_verdict_name(x->verdict, lang),
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
                    tb_target_fnum_(a, sizeof a, r->brier, 3, lang), r->brier_n);
    }
}

/* The evaluation's warnings and the model's caveats, in LANG. */
static void write_notes(FILE *f, const tb_target_result *r, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    char line[512];
    for (size_t i = 0; i < r->nwarnings; i++) {
        tb_message_render(&r->warnings[i], lang, line, sizeof line);
        fprintf(f, en ? "  note: %s\n" : "  let op: %s\n", line);
    }
    for (size_t i = 0; i < r->nmodel_warnings; i++) {
        if (en) {
            fprintf(f, "  model: %s\n", r->model_warnings[i]);
        } else {
            model_warning_nl(line, sizeof line, r->model_warnings[i]);
            fprintf(f, "  model: %s\n", line);
        }
    }
}

void tb_target_write_text_lang(FILE *f, const tb_target_result *r, tb_lang lang)
{
    lang = lang == TB_LANG_EN ? TB_LANG_EN : TB_LANG_NL;
    write_heading(f, r, lang);
    write_audit(f, r, lang);
    write_path(f, r, lang);
    write_projection(f, r, lang);
    write_alternatives(f, r, lang);
    write_rates(f, r, lang);
    write_verdict(f, r, lang);
    write_milestones(f, r, lang);
    write_backtest(f, r, lang);
    write_notes(f, r, lang);
}

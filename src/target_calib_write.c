/* How well P(target met) came out, written: the calibration report as
 * JSON, as long CSV and as text for readers (Dutch or English). */
#include "target_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "trendbeeld/format.h"
#include "trendbeeld/output.h"

static json_t *bands_json(const tb_calib_band *bb, int nb)
{
    json_t *bands = json_array();
    for (int i = 0; i < nb; i++) {
        const tb_calib_band *b = &bb[i];
        json_array_append_new(
            bands, json_pack("{s:f, s:f, s:I, s:I, s:o, s:o}", "p_lo", b->lo, "p_hi", b->hi,
                             "n", (json_int_t)b->n, "met", (json_int_t)b->met, "mean_p",
                             b->n ? json_real(b->sum_p / (double)b->n) : json_null(),
                             "share_met",
                             b->n ? json_real((double)b->met / (double)b->n) : json_null()));
    }
    return bands;
}

static json_t *calib_json(const tb_calib_result *c)
{
    json_t *verdicts = json_array();
    for (int v = 0; v <= TB_VERDICT_GEEN_OORDEEL; v++)
        if (c->verdict_n[v])
            json_array_append_new(verdicts,
                                  json_pack("{s:s, s:I, s:I}", "verdict",
                                            tb_verdict_name((tb_verdict)v, TB_LANG_NL), "n",
                                            (json_int_t)c->verdict_n[v], "met",
                                            (json_int_t)c->verdict_met[v]));
    json_t *cover = json_array();
    for (int h = 0; h < TB_CALIB_HORIZONS; h++) {
        size_t n = c->cover[h].n;
        json_array_append_new(
            cover, json_pack("{s:i, s:I, s:o, s:o}", "h", h + 1, "n", (json_int_t)n, "cover80",
                             n ? json_real((double)c->cover[h].in80 / (double)n) : json_null(),
                             "cover95",
                             n ? json_real((double)c->cover[h].in95 / (double)n) : json_null()));
    }
    double br = tb_calib_brier(c), bb = tb_calib_brier_base(c), sk = bb > 0 ? 1 - br / bb : NAN;
    return json_pack("{s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "series",
                     (json_int_t)c->series,
                     "cases", (json_int_t)c->cases, "met", (json_int_t)c->met,
                     "no_projection", (json_int_t)c->no_projection, "brier",
                     tb_json_num(br), "brier_base_rate",
                     tb_json_num(bb), "brier_skill",
                     tb_json_num(sk), "bands",
                     bands_json(c->band, TB_CALIB_NBANDS), "deciles", bands_json(c->decile, 10),
                     "verdicts", verdicts, "coverage", cover);
}

static void calib_csv(FILE *f, const char *group, const tb_calib_result *c)
{
    for (int i = 0; i < TB_CALIB_NBANDS; i++) {
        const tb_calib_band *b = &c->band[i];
        fprintf(f, "%s,band,%.1f-%.1f,%zu,%zu,", group, b->lo, b->hi, b->n, b->met);
        if (b->n)
            fprintf(f, "%.6f", b->sum_p / (double)b->n);
        fputc('\n', f);
    }
    for (int i = 0; i < 10; i++) {
        const tb_calib_band *b = &c->decile[i];
        fprintf(f, "%s,decile,%.1f-%.1f,%zu,%zu,", group, b->lo, b->hi, b->n, b->met);
        if (b->n)
            fprintf(f, "%.6f", b->sum_p / (double)b->n);
        fputc('\n', f);
    }
    for (int v = 0; v <= TB_VERDICT_GEEN_OORDEEL; v++)
        if (c->verdict_n[v])
            fprintf(f, "%s,verdict,%s,%zu,%zu,\n", group, tb_verdict_name((tb_verdict)v, TB_LANG_NL),
                   c->verdict_n[v], c->verdict_met[v]);
    fprintf(f, "%s,all,,%zu,%zu,\n", group, c->cases, c->met);
    fprintf(f, "%s,no_projection,,%zu,,\n", group, c->no_projection);
    double br = tb_calib_brier(c), bb = tb_calib_brier_base(c);
    fprintf(f, "%s,brier,,%zu,,", group, c->cases);
    if (isfinite(br))
        fprintf(f, "%.6f", br);
    fprintf(f, "\n%s,brier_base_rate,,%zu,,", group, c->cases);
    if (isfinite(bb))
        fprintf(f, "%.6f", bb);
    fprintf(f, "\n%s,brier_skill,,%zu,,", group, c->cases);
    if (isfinite(br) && bb > 0)
        fprintf(f, "%.6f", 1 - br / bb);
    fputc('\n', f);
    for (int h = 0; h < TB_CALIB_HORIZONS; h++) {
        size_t n = c->cover[h].n;
        fprintf(f, "%s,cover80,h%d,%zu,%zu,", group, h + 1, n, c->cover[h].in80);
        if (n)
            fprintf(f, "%.6f", (double)c->cover[h].in80 / (double)n);
        fprintf(f, "\n%s,cover95,h%d,%zu,%zu,", group, h + 1, n, c->cover[h].in95);
        if (n)
            fprintf(f, "%.6f", (double)c->cover[h].in95 / (double)n);
        fputc('\n', f);
    }
}

static void band_rows(FILE *f, const tb_calib_band *bands, int nb, tb_lang lang)
{
    char a[32], b[32], d[32];
    for (int i = 0; i < nb; i++) {
        const tb_calib_band *x = &bands[i];
        tb_fmt_num(a, sizeof a, x->lo, 1, lang);
        tb_fmt_num(b, sizeof b, x->hi, 1, lang);
        char band[80];
        snprintf(band, sizeof band, "%s–%s", a, b);
        if (x->n) {
            tb_fmt_frac_pct(a, sizeof a, x->sum_p / (double)x->n, 1, lang);
            tb_fmt_frac_pct(d, sizeof d, (double)x->met / (double)x->n, 1, lang);
        } else {
            snprintf(a, sizeof a, "%s", TB_FMT_MISSING);
            snprintf(d, sizeof d, "%s", TB_FMT_MISSING);
        }
        /* the en dash is 3 bytes, 1 column */
        fprintf(f, "  %-13s %7zu %9s %9s\n", band, x->n, a, d);
    }
}

static void calib_text(FILE *f, const tb_calib_result *c, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    char a[32], b[32];
    if (en)
        fprintf(f, "  %zu series, %zu forecasts with an outcome, target met in %zu", c->series,
               c->cases, c->met);
    else
        fprintf(f, "  %zu reeksen, %zu voorspellingen met uitkomst, doel gehaald in %zu", c->series,
               c->cases, c->met);
    if (c->no_projection)
        fprintf(f, en ? " (%zu without a projection)" : " (%zu zonder projectie)", c->no_projection);
    fputc('\n', f);
    fprintf(f, en ? "  %-11s %7s %9s %9s\n" : "  %-11s %7s %9s %9s\n", en ? "P band" : "kansband",
           "n", en ? "mean P" : "gem. P", en ? "met" : "gehaald");
    band_rows(f, c->band, TB_CALIB_NBANDS, lang);
    for (int v = 0; v <= TB_VERDICT_GEEN_OORDEEL; v++)
        if (c->verdict_n[v]) {
            tb_fmt_frac_pct(a, sizeof a, (double)c->verdict_met[v] / (double)c->verdict_n[v], 1,
                            lang);
            fprintf(f, en ? "  verdict %s: %zu, target met in %s\n"
                      : "  oordeel %s: %zu, doel gehaald in %s\n",
                   tb_verdict_name((tb_verdict)v, lang), c->verdict_n[v], a);
        }
    fprintf(f, "%s\n", en ? "  reliability per tenth of P:" : "  betrouwbaarheid per tiende van P:");
    band_rows(f, c->decile, 10, lang);
    double br = tb_calib_brier(c), bb = tb_calib_brier_base(c);
    if (isfinite(br)) {
        char k[32];
        tb_fmt_num(a, sizeof a, br, 3, lang);
        tb_fmt_num(b, sizeof b, bb, 3, lang);
        tb_fmt_num(k, sizeof k, bb > 0 ? 1 - br / bb : NAN, 3, lang);
        fprintf(f, en ? "  Brier score %s (always forecasting the share met: %s), skill %s\n"
                  : "  Brier-score %s (steeds het aandeel gehaald voorspellen: %s), "
                    "vaardigheid %s\n",
               a, b, k);
    }
    if (!c->cover[0].n)
        return;
    fprintf(f, "%s\n", en ? "  intervals holding the real value, h years ahead:"
            : "  intervallen die de echte waarde bevatten, h jaar vooruit:");
    fprintf(f, "  %-4s %8s %8s %8s\n", "h", "n", "80%", "95%");
    for (int h = 0; h < TB_CALIB_HORIZONS; h++) {
        size_t n = c->cover[h].n;
        if (!n)
            continue;
        tb_fmt_frac_pct(a, sizeof a, (double)c->cover[h].in80 / (double)n, 1, lang);
        tb_fmt_frac_pct(b, sizeof b, (double)c->cover[h].in95 / (double)n, 1, lang);
        fprintf(f, "  %-4d %8zu %8s %8s\n", h + 1, n, a, b);
    }
}

json_t *tb_calib_report_json(const tb_calib_report *rep, const tb_calib_options *co,
                             const tb_calib_result *targets)
{
    return json_pack("{s:f, s:i, s:s, s:s, s:f, s:I, s:I, s:I, s:I, s:o, s:{s:o, s:o}, s:o}",
                     "rule_pct", -co->rate_pct, "steps", co->steps, "model",
                     tb_model_name(co->model), "origins", co->origins ? "every" : "base",
                     "min_base", co->min_base, "uncalibrated", (json_int_t)rep->uncalibrated,
                     "uncovered", (json_int_t)rep->uncovered, "pool_errors",
                     (json_int_t)rep->pool_errors, "pool_series", (json_int_t)rep->pool_series,
                     "series", calib_json(&rep->method[TB_CALIB_CALIBRATED]), "baselines",
                     tb_calib_method_name(TB_CALIB_MODEL),
                     calib_json(&rep->method[TB_CALIB_MODEL]),
                     tb_calib_method_name(TB_CALIB_PLAIN),
                     calib_json(&rep->method[TB_CALIB_PLAIN]), "targets", calib_json(targets));
}

void tb_calib_report_csv(FILE *f, const tb_calib_report *rep, const tb_calib_result *targets)
{
    fputs("group,key,label,n,met,mean_p\n", f);
    calib_csv(f, "series", &rep->method[TB_CALIB_CALIBRATED]);
    for (int m = TB_CALIB_MODEL; m < TB_CALIB_NMETHODS; m++)
        calib_csv(f, tb_calib_method_name((tb_calib_method)m), &rep->method[m]);
    calib_csv(f, "targets", targets);
}

/* The rule and the cases the report is about. */
static void text_head(FILE *f, const tb_calib_report *rep, const tb_calib_options *co,
                      tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    char r[32];
    tb_fmt_num(r, sizeof r, co->rate_pct, co->rate_pct == floor(co->rate_pct) ? 0 : 1, lang);
    if (en)
        fprintf(f, "Calibration of P(target met): rule %s%% less per year, compound, target "
                   "year = base year + %d, judged from %s\n",
                r, co->steps, co->origins ? "every year base .. target - 1" : "the base year");
    else
        fprintf(f, "Kalibratie van P(doel gehaald): regel %s%% per jaar minder, samengesteld, "
                   "doeljaar = basisjaar + %d, beoordeeld vanaf %s\n",
                r, co->steps,
                co->origins ? "elk jaar basisjaar .. doeljaar - 1" : "het basisjaar");
    tb_fmt_num(r, sizeof r, co->min_base, 0, lang);
    fprintf(f, en ? "Every count series (base value at least %s); errors pooled from %zu "
                    "series (%zu errors), only those before each origin year.\n"
                  : "Alle tellingen (basiswaarde minstens %s); fouten uit %zu reeksen "
                    "(%zu fouten), alleen die van voor elk peiljaar.\n",
            r, rep->pool_series, rep->pool_errors);
    if (rep->uncalibrated || rep->uncovered)
        fprintf(f, en ? "Left out: %zu forecasts and %zu intervals with too few errors in the "
                        "pools before their origin year (no calibrated answer there).\n"
                      : "Weggelaten: %zu voorspellingen en %zu intervallen met te weinig fouten "
                        "in de pools van voor hun peiljaar (daar geen gekalibreerd antwoord).\n",
                rep->uncalibrated, rep->uncovered);
}

void tb_calib_report_text(FILE *f, const tb_calib_report *rep, const tb_calib_options *co,
                          const tb_calib_result *targets, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    text_head(f, rep, co, lang);
    fputs(en ? "Calibrated (pooled errors of real series):\n"
             : "Gekalibreerd (gepoolde fouten van echte reeksen):\n", f);
    calib_text(f, &rep->method[TB_CALIB_CALIBRATED], lang);
    fprintf(f, en ? "Model %s alone, the same cases:\n" : "Model %s alleen, dezelfde gevallen:\n",
            tb_model_name(co->model));
    calib_text(f, &rep->method[TB_CALIB_MODEL], lang);
    fputs(en ? "Plain pooled changes (last value, no trend), the same cases:\n"
             : "Gewoon gepoolde veranderingen (laatste waarde, geen trend), dezelfde "
               "gevallen:\n", f);
    calib_text(f, &rep->method[TB_CALIB_PLAIN], lang);
    if (targets) {
        fputs(en ? "Backtests of the targets in the targets file:\n"
                 : "Terugblik op de doelen in het doelenbestand:\n", f);
        calib_text(f, targets, lang);
    }
}

/* Words shared by the target writers for readers: numbers in reader
 * notation, sources, and what a target asks. */
#include "target_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const char *tb_target_fnum_(char *buf, size_t n, double v, int dec, tb_lang lang)
{
    if (!isfinite(v))
        return TB_FMT_MISSING;
    tb_fmt_num(buf, n, v, dec, lang);
    return buf;
}

const char *tb_target_fpct_(char *buf, size_t n, double v, tb_lang lang)
{
    if (!isfinite(v))
        return TB_FMT_MISSING;
    tb_fmt_change_pct(buf, n, v, 1, lang);
    return buf;
}

const char *tb_target_source_name_(const char *src, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    if (!src)
        return en ? "unknown" : "onbekend";
    if (!strcmp(src, "beleidstekst"))
        return en ? "policy text" : "beleidstekst";
    if (!strcmp(src, "reeks"))
        return en ? "series" : "reeks";
    return src;
}

/* What the target asks, in words. */
void tb_target_describe_kind_(char *buf, size_t n, const tb_target *t, int dec, tb_lang lang)
{
    int en = lang == TB_LANG_EN;
    char v[32];
    int whole = fabs(t->value - round(t->value)) < 1e-9;
    /* a level in the measure's decimals; a percentage whole when it is */
    int vdec = t->kind == TB_TARGET_MAX || t->kind == TB_TARGET_MIN ? dec : whole ? 0 : 1;
    tb_target_fnum_(v, sizeof v, t->value, vdec, lang);
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
                 en ? "lower in %d than in every year from %d"
                    : "in %d lager dan elk jaar vanaf %d",
                 t->target_year, t->base_year);
        break;
    default:
        snprintf(buf, n, "%s", tb_target_kind_name(t->kind));
    }
}

/* 1 when the policy text states another number than the rule gives. */
int tb_target_stated_differs_(const tb_target_result *r)
{
    const tb_target *t = r->target;
    return !isnan(t->stated_value) && !isnan(r->target_value) &&
           fabs(t->stated_value - r->target_value) >= 0.5;
}

/* The rule's number for the target year: "hoogstens 11.419 in 2018". */
void tb_target_threshold_words_(char *buf, size_t n, const tb_target_result *r, tb_lang lang)
{
    const tb_target *t = r->target;
    int en = lang == TB_LANG_EN, dec = r->counts ? 0 : 1;
    char a[32];
    if (isnan(r->target_value)) {
        buf[0] = '\0';
        return;
    }
    tb_meet side = t->kind == TB_TARGET_LOWER_THAN_BEFORE ? TB_MEET_BELOW
                   : tb_target_lower_better(t->kind)      ? TB_MEET_AT_MOST
                                                          : TB_MEET_AT_LEAST;
    /* a count's bound as the chart writes it: the whole number that meets it */
    double v = r->counts ? tb_count_bound(r->target_value, side) : r->target_value;
    snprintf(buf, n, "%s %s in %d",
             side == TB_MEET_BELOW     ? (en ? "below" : "lager dan")
             : side == TB_MEET_AT_MOST ? (en ? "at most" : "hoogstens")
                                       : (en ? "at least" : "minstens"),
             tb_target_fnum_(a, sizeof a, v, dec, lang), t->target_year);
}

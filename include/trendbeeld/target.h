/* trendbeeld — policy targets: audit, required path, probability, verdict,
 * backtest.
 *
 * Targets file (data/targets.csv), comma-separated, UTF-8, one target a
 * row.  The header starts with exactly these twelve columns:
 *
 *   id           unique key (letters, digits, _ - .)
 *   description  the policy text's own words (Dutch)
 *   region       region key of the series (RE02, PV21, GM0014)
 *   indicator    indicator key (1.1.1, 1.4.7, ...)
 *   measure      measure key (aangiften, misdrijven, verdachtenratio,
 *                opgehelderd_pct, slachtofferschap_pct, rapportcijfer, ...)
 *   kind         max | min | reduction_pct | increase_pct |
 *                annual_reduction_pct | annual_increase_pct |
 *                lower_than_before
 *   base_year    year the rule starts from (may be empty for max/min)
 *   target_year  year the target is judged in
 *   value        max/min: the level; reduction_pct/increase_pct: percent
 *                vs the base year; annual_*: percent per year, compound
 *                from the base year; lower_than_before: empty (the target
 *                is "below every year from base_year to target_year - 1":
 *                the threshold is the lowest observed of those years, and
 *                P(target met) also asks the target year to be below the
 *                years in between that are still to come, each projected;
 *                "below the year before" is reported beside it)
 *   milestones   YEAR:VALUE pairs separated by ';' (empty if none), VALUE
 *                in the unit of `value` (for annual_* kinds: a level)
 *   stated_value the number the policy text states for the target year
 *                (empty if none), kept next to whatever the rule gives
 *   source       where the target comes from (document, section)
 *
 * Optional columns after these, by name (others are ignored with a
 * warning):
 *   base_value   the base-year figure as the policy text gives it
 *   base_label   what the policy text counts ("woning- en schuurinbraken")
 *   change_from, change_to  YEAR:VALUE, and change_pct: a change the
 *                text states ("daling van 5%: van 15.642 naar 14.903"),
 *                checked against its own numbers and against the data
 *   note         how the target is read where the text leaves room
 *
 * Numbers follow the notation rule of number.h, over the whole file:
 * "12.111" for a count is 12111, "7,5" (quoted) a decimal comma; a value
 * that stays ambiguous is an error that asks for --decimal.
 *
 * Two sources, never merged: when the policy text gives a base figure
 * and the series has a value for the base year too, the rule is applied
 * to both.  The verdict uses the rule on the series' own base value
 * (like for like: the same definition the projection is made on); the
 * rule on the text's base and the stated number are reported next to it
 * with their own probability, each labelled with its source.
 *
 * Required path: annual_* kinds compound, B (1 -/+ r)^(year - base);
 * reduction_pct / increase_pct and max/min move in a straight line from
 * the base value to the target value; lower_than_before is flat.
 *
 * Verdict thresholds on P(target met): haalbaar P >= 0.9, onzeker
 * 0.1 <= P < 0.9, niet haalbaar P < 0.1.  Fewer than 4 observed years:
 * at most onzeker (the fits cannot tell a trend from noise); fewer than
 * 2: no projection, geen oordeel.  A target year that is already
 * observed is gehaald / niet gehaald.
 *
 * P(target met) is the calibrated probability (errpool.h: the last value
 * with the pooled forecast errors of real series, never from after the
 * origin year); the model's own is kept beside it (p_met_model) and used
 * for the verdict only when no pool has enough errors, with a warning.
 * Measured with `trendbeeld target --calibrate --every-origin` (rule 5%
 * less a year compound over 5 years, judged from every year before, base
 * value at least 20; the same cases for all three; shipped data/ with
 * its roll-ups, 14534 cases with a calibrated P, 6381 left out for too
 * few earlier errors):
 *
 *                      Brier skill   P >= 0.9 met   P < 0.1 met
 *   calibrated            0.267        93.9%          4.8%
 *   model auto alone      0.070        75.9%         10.3%
 *   plain pooled          0.172        85.0%          3.6%
 *
 * (Before calibration the model alone, on every case: P >= 0.9 came true
 * 73%, P < 0.1 18%, Brier 0.253 against 0.247 for the base rate.)  The
 * thresholds 0.9 / 0.1 take a side only at about 9-to-1 odds.
 *
 * Eurostat SDG progress (targets with a base year): ratio of the
 * observed CAGR (base year to latest) to the required CAGR (base to
 * target): >= 0.95 on track, 0.60-0.95 acceleration needed, 0-0.60
 * limited progress, < 0 moving away; "already achieved" when the latest
 * value meets the target, "cannot be assessed" without the figures.
 *
 * AARR ladder (modelled on the UNICEF/WHO progress assessment of
 * nutrition targets), with rates in the favourable direction (reduction
 * for lower-is-better targets, increase otherwise), in % per year:
 * on track when observed >= required; some progress when 0.5 <= observed
 * < required; no progress when -0.5 < observed < 0.5; worsening when
 * observed <= -0.5.
 */
#ifndef TRENDBEELD_TARGET_H
#define TRENDBEELD_TARGET_H

#include <stddef.h>
#include <stdio.h>

#include "trendbeeld/codelist.h"
#include "trendbeeld/errpool.h"
#include "trendbeeld/error.h"
#include "trendbeeld/format.h"
#include "trendbeeld/message.h"
#include "trendbeeld/models.h"
#include "trendbeeld/number.h"
#include "trendbeeld/store.h"

typedef enum {
    TB_TARGET_MAX,
    TB_TARGET_MIN,
    TB_TARGET_REDUCTION_PCT,
    TB_TARGET_INCREASE_PCT,
    TB_TARGET_ANNUAL_REDUCTION_PCT,
    TB_TARGET_ANNUAL_INCREASE_PCT,
    TB_TARGET_LOWER_THAN_BEFORE,
    TB_TARGET_KIND_COUNT_
} tb_target_kind;

const char *tb_target_kind_name(tb_target_kind k);
int tb_target_kind_parse(const char *name); /* -1 when unknown */

typedef struct {
    int year;
    double value;
} tb_target_milestone;

typedef struct {
    char *id, *description, *region, *indicator, *measure, *source;
    tb_target_kind kind;
    int base_year;             /* 0 = none */
    int target_year;
    double value;              /* NaN for lower_than_before */
    size_t nmilestones;
    tb_target_milestone *milestone;
    double stated_value;       /* NaN = none */
    double base_value;         /* policy text's base figure; NaN = none */
    char *base_label;          /* may be NULL */
    char *note;                /* how the target is read; may be NULL */
    int change_from_year, change_to_year;   /* 0 = no stated change */
    double change_from_value, change_to_value, change_pct;
    long line;                 /* line in the targets file */
} tb_target;

typedef struct {
    size_t n;
    tb_target *t;
} tb_target_set;

/* Load a targets file; DECIMAL: --decimal, or TB_DECIMAL_AUTO.  Errors
 * name FILE:LINE:COLUMN and what was expected; nothing is skipped
 * silently. */
tb_status tb_target_load(const char *path, tb_decimal decimal, tb_target_set **out,
                         tb_diag *warn, tb_error *err);
void tb_target_set_free(tb_target_set *s);

/* The keys of every target of SET (read from PATH) as the store S has
 * them, resolved the way the loader resolves data files: region and
 * indicator through the code lists REGIONS and INDICATORS (codes, names,
 * aliases, CBS suffixes, case and diacritics; either may be NULL), the
 * measure through the table of measure.h.  So "Oost-Nederland,
 * woninginbraak, geregistreerde misdrijven" is RE02 / 1.1.1 / aangiften.
 *   - A name of both a gemeente and a province ("Groningen") takes the
 *     one that has the series; a note in WARN says which was taken.
 *   - A count the data names no measure for ("aantal") serves a target
 *     on any count measure when the region and offence have no other.
 *   - A target whose series is not in S gets a message in MISSING,
 *     "PATH:LINE:COLUMN: no series R / I / M in the data; the closest
 *     that exists is ..." (COLUMN: the key that differs); the target
 *     stays in SET (evaluated as "geen gegevens").
 * Returns the number of targets without a series, or -1 when out of
 * memory. */
long tb_target_resolve(tb_target_set *set, const char *path, const tb_store *s,
                       const tb_codelist *regions, const tb_codelist *indicators,
                       tb_diag *warn, tb_diag *missing);

/* 1 when a lower value is better (max, reductions, lower_than_before). */
int tb_target_lower_better(tb_target_kind k);

/* ---- evaluation ------------------------------------------------------ */

typedef enum {
    TB_VERDICT_HAALBAAR,       /* on track */
    TB_VERDICT_ONZEKER,        /* at risk */
    TB_VERDICT_NIET_HAALBAAR,  /* off track */
    TB_VERDICT_GEHAALD,        /* target year observed, met */
    TB_VERDICT_NIET_GEHAALD,   /* target year observed, missed */
    TB_VERDICT_GEEN_OORDEEL    /* no data or too little to project */
} tb_verdict;

/* "haalbaar", "onzeker", "niet haalbaar", "gehaald", "niet gehaald",
 * "geen oordeel" (TB_LANG_EN: "on track", "at risk", "off track", "met",
 * "missed", "cannot be assessed"); the words come from the message
 * catalogue (message.h). */
const char *tb_verdict_name(tb_verdict v, tb_lang lang);

#define TB_TARGET_P_HIGH 0.9
#define TB_TARGET_P_LOW 0.1
#define TB_TARGET_MIN_DECIDE 4 /* observed years needed for a firm verdict */

/* Verdict for a probability of meeting the target with N observed years. */
tb_verdict tb_target_verdict_for_p(double p, int n);

typedef enum {
    TB_PROGRESS_ON_TRACK,      /* ratio >= 0.95 */
    TB_PROGRESS_ACCELERATE,    /* 0.60 <= ratio < 0.95 */
    TB_PROGRESS_LIMITED,       /* 0 <= ratio < 0.60 */
    TB_PROGRESS_AWAY,          /* ratio < 0 */
    TB_PROGRESS_ACHIEVED,      /* latest value already meets the target */
    TB_PROGRESS_NA             /* cannot be assessed */
} tb_progress;

const char *tb_progress_name(tb_progress p, tb_lang lang);
/* Eurostat category for a ratio of observed to required CAGR. */
tb_progress tb_progress_for_ratio(double ratio);

typedef enum {
    TB_AARR_ON_TRACK,
    TB_AARR_SOME_PROGRESS,
    TB_AARR_NO_PROGRESS,
    TB_AARR_WORSENING,
    TB_AARR_ACHIEVED,
    TB_AARR_NA
} tb_aarr_class;

const char *tb_aarr_class_name(tb_aarr_class c, tb_lang lang);
/* Ladder for observed and required rates in the favourable direction. */
tb_aarr_class tb_aarr_classify(double observed, double required);

typedef struct {
    char reading[128];         /* "samengesteld, 5 stappen (2013-2018)" */
    const char *source;        /* "beleidstekst" or "reeks" */
    double base;               /* base it is computed from (NaN: n/a) */
    double value;
    int matches;               /* |value - stated| <= 0.5 (rounded count) */
    double diff;               /* value - stated (NaN without stated) */
    int change;                /* 1: a stated change in % (value, diff in points) */
    /* the reading's parts, for writers in other languages: */
    int form;                  /* TB_AUDIT_COMPOUND, _LINEAR, _ONCE, _CHANGE */
    int steps;                 /* annual steps (compound, linear) */
    double rate;               /* the rule's fraction per step, signed (-0.05) */
    int from_year, to_year;    /* change: the years; to_value the later value */
    double to_value;
} tb_audit_row;

enum { TB_AUDIT_COMPOUND, TB_AUDIT_LINEAR, TB_AUDIT_ONCE, TB_AUDIT_CHANGE };

typedef struct {
    int year;
    double value;
} tb_path_point;

typedef struct {
    char label[96];            /* "regel op basis beleidstekst (14.903)" */
    const char *source;
    double threshold;
    double p_met;              /* as the target's p_met; NaN when no projection */
    int met;                   /* target year observed: 1/0; else -1 */
    int stated;                /* 1: the stated number, 0: the rule on the text's base */
} tb_target_alt;

typedef struct {
    int year;
    double threshold;
    double observed;           /* NaN when not observed (yet) */
    int met;                   /* 1/0 when observed, else -1 */
    double p_met;              /* when not observed: calibrated, else the model's */
    tb_verdict verdict;
} tb_milestone_result;

typedef struct {
    int as_of;
    int n;                     /* observed years used */
    const char *model;         /* static model name, or "" */
    double threshold;
    double mean, lo80, hi80, lo95, hi95;   /* the model's projection */
    double p_met, p_met_model; /* as in tb_target_result */
    int calibrated;
    tb_verdict verdict;
    tb_progress progress;
    double actual;             /* value in the target year (all data), NaN if unknown */
    int met;                   /* 1/0 from ACTUAL, -1 unknown */
} tb_backtest_row;

typedef struct {
    tb_model_kind model;       /* TB_MODEL_AUTO (linear for non-count measures) */
    int as_of;                 /* 0 = all data */
    int backtest;              /* 1: add the rolling-origin backtest */
    int reach_years;           /* years after the target year searched for
                                * the reach year (default 15; 0: none) */
    /* reference pools of forecast errors (errpool.h), asked in order;
     * none: no calibrated probability, the model's is reported alone */
    const tb_errpool *const *pools;
    size_t npools;
} tb_target_options;

void tb_target_options_init(tb_target_options *o);

typedef struct {
    const tb_target *target;   /* not owned */
    int as_of;
    int lower_better;
    int counts;                /* the measure counts things */

    /* data */
    int has_data;
    char data_needed[256];     /* what data would let this be evaluated, in
                                  Dutch (the JSON and CSV field) */
    tb_message needed;         /* the same as a message, for any language */
    int n_obs, first_obs, last_obs;
    const char *series_source; /* the series' source note (store-owned), or NULL */

    /* base and threshold */
    double base_value;         /* used for the rule (NaN if none) */
    const char *base_source;   /* "reeks" or "beleidstekst"; NULL */
    double base_value_data, base_value_text;
    double target_value;       /* threshold in the target year (NaN if unknown) */
    const char *target_value_source;

    /* audit */
    size_t naudit;
    tb_audit_row *audit;
    double audit_exponent;     /* steps that reproduce the stated number (NaN) */
    int audit_match;           /* index of the first matching row, or -1 */
    int audit_closest;         /* index of the closest row, or -1 */
    tb_message audit_summary;  /* which reading gives the stated number */

    /* required path and the latest observation against it */
    size_t npath;
    tb_path_point *path;
    int latest_year;           /* 0 when none */
    double latest_value, latest_required, latest_gap, latest_gap_pct;
    int latest_ahead;          /* 1 ahead of the path, 0 behind, -1 n/a */

    /* projection for the target year */
    int projected;
    const char *model;         /* model fitted (static name), "" if none */
    char *model_reason;        /* why (auto), may be NULL */
    tb_forecast projection;    /* the model's, year = target year; NaN when none */
    /* P(target met) behind the verdict: calibrated on real series'
     * forecast errors (errpool.h) when a pool has enough of them
     * (CALIBRATED 1), else the model's, with a warning saying so;
     * P_MET_MODEL is always the model's own. */
    double p_met, p_met_model;
    int calibrated;            /* 1: p_met and cal_* come from a pool */
    const char *cal_pool;      /* the pool's label (pool-owned), or NULL */
    size_t cal_n;              /* errors behind the target year's distribution */
    tb_forecast projection_cal;/* calibrated: median and 80%/95% intervals */
    size_t nfan;               /* calibrated fan, years after the origin .. */
    tb_forecast *fan;          /* .. the target year (horizons with a pool) */
    /* lower_than_before: P_MET is P(target year below every year from the
     * base year on: the observed ones and the N_PROJECTED_BEFORE years
     * still to come); P_BELOW_OBSERVED counts only the observed years,
     * P_BELOW_LAST only the year before the target year (the other
     * reading of "lower than before").  NaN otherwise. */
    double p_below_observed, p_below_last;
    int n_projected_before;
    int reach_year;            /* year the trend meets the target; 0 never; -1 n/a */

    /* rates, % per year */
    int rate_from, rate_to;    /* observed window */
    double cagr_required, cagr_observed, loglin_observed;
    double eurostat_ratio;
    tb_progress eurostat;
    double aarr_required, aarr_observed, aarr_observed_loglin; /* = -growth */
    tb_aarr_class aarr_class;

    /* outcome when the target year is observed */
    double actual;
    int met;                   /* -1 unknown */

    tb_verdict verdict;
    tb_message verdict_reason; /* why the verdict is what it is */

    size_t nalt;
    tb_target_alt *alt;
    size_t nmilestones;
    tb_milestone_result *milestones;
    size_t nbacktest;
    tb_backtest_row *backtest;
    double brier;              /* mean (P - met)^2 over backtest rows with an outcome */
    int brier_n;

    /* what the evaluation noted, as messages: a writer gives them in
     * Dutch or English (tb_message_render) */
    size_t nwarnings;
    tb_message *warnings;
    size_t nmodel_warnings;
    char **model_warnings;     /* the fitted model's caveats, in English as
                                * the model gives them */
    int series_exists;         /* no data: whether the series is there at all */
} tb_target_result;

/* Evaluate T on the data in S (a series (region, indicator, measure) may
 * be absent: audit and path are still given, with data_needed filled).
 * O may be NULL (defaults). */
tb_status tb_target_evaluate(const tb_target *t, const tb_store *s,
                             const tb_target_options *o, tb_target_result **out,
                             tb_error *err);
void tb_target_result_free(tb_target_result *r); /* NULL is a no-op */

/* The rule's threshold for the target year from base value BASE (NaN for
 * lower_than_before, which depends on the data). */
double tb_target_threshold(const tb_target *t, double base);
/* The required value in YEAR on the path from BASE. */
double tb_target_path_value(const tb_target *t, double base, int year);

/* ---- calibration ----------------------------------------------------- */

/* How well P(target met) is calibrated on real series: every count series
 * in the store (measure a count, not inwoners) gets the rule "RATE_PCT %
 * per year less, compound from base year B, judged in B + STEPS" for each
 * B whose origin has at least TB_TARGET_MIN_DECIDE observed years and
 * whose target year is observed (provisional years are neither data nor
 * outcome).  The evaluation is made as of the base year (ORIGINS = 0) or
 * as of every year B .. B + STEPS - 1 (ORIGINS = 1, as the backtest does),
 * each with only the data up to then, and its P set against whether the
 * real figure met the threshold. */
typedef struct {
    double rate_pct;           /* default 5 */
    int steps;                 /* default 5 */
    int origins;               /* default 0: judged at the base year */
    double min_base;           /* base value at least this (default 20) */
    tb_model_kind model;       /* default TB_MODEL_AUTO */
    /* pools for the calibrated P, asked in order; none: a pool of the
     * store's own series, made for the run */
    const tb_errpool *const *pools;
    size_t npools;
} tb_calib_options;

void tb_calib_options_init(tb_calib_options *o);

/* Probability bands: [0, 0.2), [0.2, 0.8), [0.8, 1], the verdict
 * thresholds' bands. */
#define TB_CALIB_NBANDS 3
#define TB_CALIB_HORIZONS 5

typedef struct {
    double lo, hi;
    size_t n, met;
    double sum_p;              /* mean P in the band = sum_p / n */
} tb_calib_band;

typedef struct {
    size_t series;             /* series that gave at least one case */
    size_t cases;              /* forecasts with a P and an outcome */
    size_t met;                /* of which the target was met */
    size_t no_projection;      /* cases without a P (no fit possible) */
    double brier_sum;          /* sum (P - met)^2 */
    tb_calib_band band[TB_CALIB_NBANDS];
    tb_calib_band decile[10];  /* [0, 0.1), ..., [0.9, 1]: the reliability curve */
    size_t verdict_n[TB_VERDICT_GEEN_OORDEEL + 1];
    size_t verdict_met[TB_VERDICT_GEEN_OORDEEL + 1];
    /* interval coverage h = 1 .. TB_CALIB_HORIZONS years ahead */
    struct {
        size_t n, in80, in95;
    } cover[TB_CALIB_HORIZONS];
} tb_calib_result;

/* What tb_target_calibrate compares, on the same cases: the calibrated
 * distribution, the model's own, and the plain pooled method (the last
 * value, changes pooled by size class and horizon, no trend). */
typedef enum {
    TB_CALIB_CALIBRATED,
    TB_CALIB_MODEL,
    TB_CALIB_PLAIN,
    TB_CALIB_NMETHODS
} tb_calib_method;

const char *tb_calib_method_name(tb_calib_method m); /* "calibrated", "model", "plain_pooled" */

typedef struct {
    tb_calib_result method[TB_CALIB_NMETHODS];
    size_t uncalibrated;       /* cases without a calibrated P (too few errors in
                                * the pools before the origin): left out of all */
    size_t uncovered;          /* intervals left out for the same reason */
    size_t pool_errors, pool_series; /* the first pool asked */
} tb_calib_report;

/* Zeroed counts with the band limits set. */
void tb_calib_init(tb_calib_result *c);
/* Add one forecast P (NaN: counted in no_projection) with outcome MET. */
void tb_calib_add(tb_calib_result *c, double p, int met, tb_verdict v);
/* Add the backtest rows of R that have a P and an outcome. */
void tb_calib_add_backtest(tb_calib_result *c, const tb_target_result *r);
/* Brier score sum/n (NaN without cases), and the Brier score of always
 * forecasting the share met, p(1 - p): a skilful P scores lower. */
double tb_calib_brier(const tb_calib_result *c);
double tb_calib_brier_base(const tb_calib_result *c);

/* Run the calibration on every count series in S (parallel over series
 * with OpenMP; the result does not depend on the thread count). */
tb_status tb_target_calibrate(const tb_store *s, const tb_calib_options *o,
                              tb_calib_report *out, tb_error *err);

/* The calibration report REP (made with CO) and the backtests of the
 * targets file TARGETS written: as JSON (a new reference), as long CSV
 * (group,key,label,n,met,mean_p), and as text for readers in LANG
 * (TARGETS NULL: no targets file, no backtest section). */
struct json_t *tb_calib_report_json(const tb_calib_report *rep, const tb_calib_options *co,
                                    const tb_calib_result *targets);
void tb_calib_report_csv(FILE *f, const tb_calib_report *rep, const tb_calib_result *targets);
void tb_calib_report_text(FILE *f, const tb_calib_report *rep, const tb_calib_options *co,
                          const tb_calib_result *targets, tb_lang lang);

/* ---- output ---------------------------------------------------------- */

/* One JSON object per result (jansson; caller json_decref()s).  Returns
 * NULL on out of memory. */
struct json_t;
struct json_t *tb_target_to_json(const tb_target_result *r);

/* Long CSV: id,section,year,key,value,source - one row per number. */
void tb_target_write_csv_header(FILE *f);
void tb_target_write_csv(FILE *f, const tb_target_result *r);

/* Plain Dutch summary for a policy adviser (numbers in Dutch notation). */
void tb_target_write_text(FILE *f, const tb_target_result *r);
/* The same in LANG (TB_LANG_NL or TB_LANG_EN): words, notation
 * and the model's caveats in that language. */
void tb_target_write_text_lang(FILE *f, const tb_target_result *r, tb_lang lang);

/* A short paragraph on R in plain language (LANG): what the
 * target is (the rule's number and the policy text's), where the series
 * stands against the required path, what the projection says and how sure
 * it is, and what would have to happen.  Target and base years outside the
 * observed years are said as such.  No audit: that is the text above. */
void tb_target_write_brief(FILE *f, const tb_target_result *r, tb_lang lang);

/* The cells of R's row in an overview of targets. */
typedef struct {
    char target[240];   /* "hoogstens 11.419 in 2018" */
    char verdict[40];   /* "haalbaar", ... */
    char chance[40];    /* "93%", "gehaald", "–" */
    char latest[120];   /* "6.083 (2017); pad 11.922" */
    char reach[40];     /* the year the trend meets the target, or "–" */
} tb_target_cells;
void tb_target_row_cells(const tb_target_result *r, tb_lang lang, tb_target_cells *c);

#endif

/* trendbeeld — indicators over yearly series.
 *
 * Pure functions on values and a per-series table.  Conventions (they
 * match the R reference in ../shared/reference/NOTES.md):
 *
 *   yoy_pct   = 100 (y_t / y_{t-1} - 1)         IEEE Inf/NaN after a zero
 *   poisson_z = 2 (sqrt(C) - sqrt(P))            counts only; |z| > 3 flagged
 *   index     = 100 y_t / y_base                 base = first observed year
 *   cagr_pct  = 100 ((y_b / y_a)^(1/(b - a)) - 1)   -100 when y_b = 0
 *   aarr_pct  = -cagr_pct                        two-point rate of reduction
 *   aarr_loglin_pct = -100 (e^b - 1)             b = OLS slope of log y on year
 *   ma3       = mean of y_{t-2}, y_{t-1}, y_t    trailing, so the latest year
 *                                                has one; missing if any is
 *   share_pct = 100 part / total
 *   rate_per_1000 = 1000 count / inwoners        same region, same year
 *   ratio_pct = 100 num / den                    verdachtenratio,
 *                                                ophelderingspercentage
 *
 * Undefined results (a division by zero, a missing input) keep their IEEE
 * value so that they match the reference, and carry a state that writers
 * test (tb_ind_state): a report never prints NaN or Inf.
 *
 * The Poisson z is the variance-stabilised difference of two counts: if
 * both years were Poisson with the same mean, z is roughly N(0, 1), so
 * |z| > 3 marks a change that chance alone rarely gives.  A rise from 5
 * to 7 is +40% but z = 0.82: not news.
 */
#ifndef TRENDBEELD_INDICATORS_H
#define TRENDBEELD_INDICATORS_H

#include <stddef.h>
#include "trendbeeld/codelist.h"
#include "trendbeeld/error.h"
#include "trendbeeld/format.h"
#include "trendbeeld/store.h"

/* Why an indicator value is or is not printable. */
typedef enum {
    TB_IND_OK = 0,        /* finite value */
    TB_IND_MISSING,       /* an input year has no value */
    TB_IND_DIV_ZERO,      /* the reference value is 0 (Inf or NaN) */
    TB_IND_NOT_APPLICABLE /* e.g. Poisson z for a rate, no inwoners series */
} tb_ind_state;

/* Dutch label for a state, for tables: "", "ontbreekt", "n.v.t. (deling
 * door 0)", "n.v.t.". Static string. */
const char *tb_ind_state_label(tb_ind_state st);

#define TB_IND_Z_LIMIT 3.0

/* Scalar building blocks.  Each returns the IEEE result and, when STATE
 * is not NULL, sets it. */
double tb_ind_yoy_pct(double prev, double cur, tb_ind_state *state);
double tb_ind_poisson_z(double prev, double cur, tb_ind_state *state);
double tb_ind_cagr_pct(double first, double last, double years, tb_ind_state *state);
double tb_ind_ratio_pct(double num, double den, tb_ind_state *state);
double tb_ind_rate_per_1000(double count, double inwoners, tb_ind_state *state);

/* Log-linear AARR: -100 (e^b - 1) with b the OLS slope of log(y) on
 * YEAR (gsl_fit_linear).  Needs n >= 2 and every y > 0; otherwise returns
 * TB_EMODEL with the reason. Also returns the annual % change 100(e^b-1)
 * in *ANNUAL_PCT (may be NULL). */
tb_status tb_ind_aarr_loglin(const int *year, const double *y, size_t n,
                             double *aarr_pct, double *annual_pct, tb_error *err);

/* One year of a series with its indicators. */
typedef struct {
    int year;
    double value;
    unsigned flags;            /* TB_FLAG_* of this year's value */
    int provisional;           /* this year or the year it is compared with */
    double yoy_abs, yoy_pct;
    tb_ind_state yoy_state;
    double z;                  /* Poisson z of the YoY change */
    tb_ind_state z_state;
    int z_flag;                /* |z| > TB_IND_Z_LIMIT */
    double index;              /* vs the table's base year */
    tb_ind_state index_state;
    double ma3;
    tb_ind_state ma3_state;
    double rate_per_1000;
    tb_ind_state rate_state;
} tb_ind_row;

typedef struct {
    const tb_series *series;   /* not owned */
    const tb_series *inwoners; /* not owned; NULL when none */
    int base_year;
    int counts;                /* 1: the measure counts things (Poisson z applies) */
    size_t n;                  /* one row per year of the series */
    tb_ind_row *row;
    /* Over the first and last observed years: */
    int first_year, last_year;
    double cagr_pct, aarr_pct;
    tb_ind_state cagr_state;
    double aarr_loglin_pct;    /* NaN (state NOT_APPLICABLE) with a zero or n < 2 */
    tb_ind_state aarr_loglin_state;
    int provisional;           /* a provisional year enters cagr/aarr */
} tb_ind_table;

/* Indicators for X.  BASE_YEAR 0 = first observed year.  INWONERS may be
 * NULL (rates then NOT_APPLICABLE).  Returns TB_EINVAL when the base year
 * has no value. */
tb_status tb_ind_compute(const tb_series *x, const tb_series *inwoners,
                         int base_year, tb_ind_table **out, tb_error *err);
void tb_ind_table_free(tb_ind_table *t);

/* The `inwoners` series of REGION in S, or NULL: the series (REGION,
 * TB_IND_INWONERS_INDICATOR, inwoners) as data/series ships it, else
 * (REGION, "", inwoners).  A direct store lookup, constant time. */
#define TB_IND_INWONERS_INDICATOR "0.0.0"
const tb_series *tb_ind_find_inwoners(const tb_store *s, const char *region);

/* Derive ratio series: for every (region, indicator) with measures NUM and
 * DEN (DEN_ALT tried when DEN is absent; may be NULL), add measure OUT =
 * 100 NUM / DEN per year, with missing years where either is missing or
 * DEN = 0 (a warning each).  An existing OUT series is left as it is.
 * Provisional flags carry over.  *ADDED (may be NULL) counts new series.
 *   verdachtenratio:        ("verdachten", "aangiften", "misdrijven")
 *   ophelderingspercentage: ("opgehelderd", "aangiften", "misdrijven")  */
tb_status tb_ind_derive_ratio(tb_store *s, const char *num, const char *den,
                              const char *den_alt, const char *out,
                              size_t *added, tb_diag *warn, tb_error *err);

/* Roll-up along the region hierarchy.
 *
 * For every region R of level district, provincie or eenheid in REGIONS,
 * and every (indicator, measure) that at least one gemeente below R has
 * (gemeente -> district -> eenheid, gemeente -> provincie), the sum over
 * the gemeenten below R is computed per year.  Members are the gemeenten
 * below R that have a series of this (indicator, measure): a source on
 * one year's boundaries has no series for gemeenten merged away before
 * it (the code list keeps those), and they are left out with a warning.
 * A year in which any member has no value has no sum (NaN, flagged
 * TB_FLAG_MISSING | TB_FLAG_INCOMPLETE; the row keeps the partial sum and
 * how many were present): a partial sum is never passed off as the
 * total.  Any provisional input makes the sum provisional.  Only count
 * measures are summed (rates and percentages are not additive).
 *
 * A figure published only per province or district (no gemeente below R
 * has it) is summed from R's parts instead: of the levels directly below
 * R (an eenheid has both its provinces and its districts) the one where
 * most parts have the series.  Every part of that level must have a
 * series, else R gets no sum (a warning names the part that lacks it);
 * a year in which a part has no value has no sum, as above.  Districts
 * are summed first, then provinces, then eenheden, so a sum can be a part.
 * The source then names the parts and says so: "som van 3 provincies:
 * Groningen (PV20), Fryslân (PV21), Drenthe (PV22); een jaar waarin een
 * ervan ontbreekt, ontbreekt in de som".
 *
 * The sum goes into the store as (R, indicator, measure) with source
 * "som van N gemeenten" (or the parts as above) when no such series
 * exists; when R already has a reported series there, that series is
 * left untouched, the sum is stored as measure "<measure>_som", and each
 * year with both gets the difference sum - reported. */
typedef struct {
    const char *region, *indicator, *measure; /* interned in the store */
    const char *sum_measure;   /* measure the sum was stored under */
    int year;
    int members;               /* gemeenten below the region */
    int present;               /* with a value this year */
    double sum;                /* NaN when present < members */
    double partial;            /* sum over the present ones */
    double reported;           /* NaN when there is no reported total */
    double difference;         /* sum - reported, NaN unless both exist */
    int provisional;
    const char *parts;         /* what was summed: the stored series' source,
                                  "som van 76 gemeenten", "som van 3
                                  provincies: Groningen (PV20), ..." */
} tb_rollup_row;

typedef struct {
    size_t n;
    tb_rollup_row *row;
    size_t series_added;
    size_t checked;            /* rows with both a sum and a reported total */
    size_t differing;          /* of those, how many differ */
} tb_rollup;

/* The label of a sum made by tb_ind_rollup ("som van 3 provincies: ...")
 * in LANG: for English a translation in BUF (N bytes), else SRC itself,
 * as for any other source. */
const char *tb_ind_sum_label(const char *src, tb_lang lang, char *buf, size_t n);

tb_status tb_ind_rollup(tb_store *s, const tb_codelist *regions,
                        tb_rollup **out, tb_diag *warn, tb_error *err);

/* Everything a target, a section or a chart may ask for that the data
 * gives only in parts, added to S once, the same for every command:
 * region totals summed from their gemeenten or parts (tb_ind_rollup, when
 * REGIONS is given; *ROLLUP gets its rows when ROLLUP is not NULL), then
 * verdachtenratio and opgehelderd_pct from their counts
 * (tb_ind_derive_ratio).  S is sorted after. */
tb_status tb_ind_complete(tb_store *s, const tb_codelist *regions, tb_rollup **rollup,
                          tb_diag *warn, tb_error *err);

/* One line on how the sums compare with the reported totals, into BUF (N
 * bytes): "42 of 42 sums differ from the reported total, by up to 0.54%
 * (PV25 / 0.0.0 / inwoners 2022: 2122092 summed, 2133708 reported)", or
 * "all 12 sums equal the reported total", or "" when none was checked.
 * Returns BUF. */
const char *tb_rollup_describe(const tb_rollup *r, char *buf, size_t n);
void tb_rollup_free(tb_rollup *r);

#endif

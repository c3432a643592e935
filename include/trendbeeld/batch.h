/* trendbeeld — fitting every series of a store, in parallel.
 *
 * Series are independent, so they are fitted on all cores with OpenMP.
 * The result does not depend on the number of threads, bit for bit: a
 * series' fit depends on its values and the options alone (no model draws
 * random numbers), and results sit in an array indexed like the store.
 * Scratch arrays are allocated once per thread and reused for every
 * series.
 *
 * Optionally each series is checked against a target of an annual change
 * of TARGET_PCT % from its last observed year: the target value in year T
 * is c = y_last (1 + TARGET_PCT/100)^(T - last), and the result holds
 * P(Y_T <= c) from the fit's predictive distribution (tb_fit_prob_le).
 */
#ifndef TRENDBEELD_BATCH_H
#define TRENDBEELD_BATCH_H

#include <stddef.h>
#include "trendbeeld/errpool.h"
#include "trendbeeld/error.h"
#include "trendbeeld/models.h"
#include "trendbeeld/store.h"

typedef struct {
    tb_model_kind model;
    tb_fit_options fit;    /* for every series (counts: see counts_by_measure) */
    int threads;           /* 0 = all cores (OpenMP's default) */
    const char *measure;   /* fit only series with this measure; NULL = all */
    unsigned skip_flags;   /* also leave out years with any of these flags */
                           /* (e.g. TB_FLAG_SUSPECT); 0 = only missing years */
    int counts_by_measure; /* 1: fit.counts per series from its measure */
                           /* (tb_measure_is_count); 0: fit.counts as given */
    int keep_fits;         /* 1: keep every tb_fit; 0: keep the summary only */
    double target_pct;     /* annual change of the target in %; NaN = none */
    int target_year;       /* year T of the target; 0 = last forecast year */
    /* with keep_fits: calibrated intervals from these error pools, asked
     * in order (errpool.h); none: no calibrated intervals */
    const tb_errpool *const *pools;
    size_t npools;
    /* Called now and then from one thread with the number of series done
     * (for a progress line); may be NULL. */
    void (*progress)(size_t done, size_t total, void *ctx);
    void *progress_ctx;
} tb_batch_options;

/* Defaults: model auto, default fit options, all cores, all measures,
 * summaries only, no target. */
void tb_batch_options_init(tb_batch_options *o);

typedef struct {
    const tb_series *series; /* in the store; NULL when skipped by measure */
    tb_status status;        /* TB_OK, or why the series got no fit */
    char *reason;            /* the refusal message, else NULL */
    tb_fit *fit;             /* with keep_fits; NULL otherwise or on refusal */
    tb_model_kind model;     /* the model fitted (auto resolved) */
    int n;                   /* observed years used */
    double slope, annual_pct;/* from the fit (NaN where not defined) */
    int target_year;         /* 0 without a target */
    double target_value;     /* c, NaN without a target */
    double p_target;         /* P(Y_T <= c), NaN without a target or fit */
    double mean_target;      /* point forecast for year T, NaN if none */
    tb_forecast *calibrated; /* with pools and keep_fits: the calibrated */
    size_t ncalibrated;      /* median and intervals per forecast year a pool covers */
} tb_batch_result;

typedef struct tb_batch tb_batch;

/* Fit every series of S (in store order).  A series that a model refuses
 * (too few points, zeros for loglinear, ...) gets its status and reason in
 * its result; that is not an error of the batch.  Returns TB_EINVAL for bad
 * options and TB_ENOMEM when memory runs out. */
tb_status tb_batch_fit(const tb_store *s, const tb_batch_options *o,
                       tb_batch **out, tb_error *err);
void tb_batch_free(tb_batch *b); /* NULL is a no-op; frees kept fits */

size_t tb_batch_size(const tb_batch *b);       /* = tb_store_size at the call */
const tb_batch_result *tb_batch_at(const tb_batch *b, size_t i);
size_t tb_batch_fitted(const tb_batch *b);     /* results with status TB_OK */
size_t tb_batch_refused(const tb_batch *b);    /* series fitted but refused */
int tb_batch_threads(const tb_batch *b);       /* threads actually used */

/* One series fitted exactly as tb_batch_fit fits it (its counts,
 * left-out flags, target), for callers that stream results instead of
 * keeping a batch: YEARS and VALS are scratch arrays of at least x->n
 * each; O->keep_fits keeps the fit in R->fit.  Release R with
 * tb_batch_result_clear.  Returns TB_ENOMEM only when memory ran out (a
 * refusal is R->status, with R->reason). */
tb_status tb_batch_fit_one(const tb_series *x, const tb_batch_options *o, int *years,
                           double *vals, tb_batch_result *r);
void tb_batch_result_clear(tb_batch_result *r);

#endif

/* trendbeeld fit: trend models and projections for every loaded series. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h"
#include "trendbeeld/batch.h"
#include "trendbeeld/fit_output.h"
#include "trendbeeld/models.h"
#include "trendbeeld/output.h"

static const char usage[] =
    "Usage: trendbeeld fit [--model M[,M...]] [--horizon YEAR] [--format csv|json]\n"
    "                      [--alpha A --beta B [--phi P]] [--threads N] [OPTION]...\n"
    "                      [FILE]...\n"
    "Fit a trend model to every loaded series and project it with 80% and 95%\n"
    "intervals.  Years without a value are left out (the fit uses the observed\n"
    "years at their own time), and so is a 0 flagged as suspect among large\n"
    "counts; provisional and approximate years are fitted and named in the\n"
    "warnings.  Output on stdout: JSON (an array, one object per\n"
    "series and model), CSV as a table (one row per series, model and projected\n"
    "year, one column per quantity) or long CSV (region,indicator,measure,model,\n"
    "quantity,year,value).\n\n"
    "  --model M         linear, loglinear, poisson, quasipoisson, negbin, holt,\n"
    "                    holt_damped, theilsen or auto (default); several with commas\n"
    "  --horizon YEAR    last projected year (default max(2018, last year + 5))\n"
    "  --format FMT      json (default), csv (a table) or long\n"
    "  --alpha A, --beta B, --phi P\n"
    "                    Holt with fixed smoothing instead of estimated (phi for\n"
    "                    holt_damped); the start level and trend are the first\n"
    "                    value and the first change\n"
    "  --holt-start S    with fixed smoothing: t0 (states before the first year, as\n"
    "                    forecast::holt, default) or t1 (after it, as HoltWinters)\n"
    "  --threads N       read, fit and format on N threads (default: all cores);\n"
    "                    the output is the same for every N\n";

enum {
    OPT_MODEL = 300,
    OPT_HORIZON,
    OPT_FORMAT,
    OPT_ALPHA,
    OPT_BETA,
    OPT_PHI,
    OPT_START,
    OPT_THREADS
};

typedef struct {
    int models[TB_MODEL_COUNT_];
    int nmodels;
    int json, long_csv;
    tb_fit_options fit;
    int fixed_given;
    int threads; /* 0 = all cores */
} fit_args;

static int parse_real(const char *opt, const char *arg, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(arg, &end);
    if (end == arg || *end || !(v >= lo && v <= hi)) {
        fprintf(stderr, "trendbeeld fit: --%s '%s', expected a number from %g to %g\n", opt,
                arg, lo, hi);
        return 1;
    }
    *out = v;
    return 0;
}

static int on_opt(int opt, const char *arg, void *ud)
{
    fit_args *a = ud;
    switch (opt) {
    case OPT_MODEL: {
        char buf[256];
        snprintf(buf, sizeof buf, "%s", arg);
        a->nmodels = 0;
        for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok;
             tok = strtok_r(NULL, ",", &save)) {
            int k = tb_model_parse(tok);
            if (k < 0) {
                fprintf(stderr,
                        "trendbeeld fit: --model '%s', expected linear, loglinear, poisson, "
                        "quasipoisson, negbin, holt, holt_damped, theilsen or auto\n",
                        tok);
                return 1;
            }
            if (a->nmodels < TB_MODEL_COUNT_)
                a->models[a->nmodels++] = k;
        }
        if (!a->nmodels) {
            fprintf(stderr, "trendbeeld fit: --model needs a model name\n");
            return 1;
        }
        return 0;
    }
    case OPT_HORIZON: {
        double y;
        if (parse_real("horizon", arg, TB_YEAR_MIN, TB_YEAR_MAX, &y) || y != floor(y)) {
            if (y != floor(y))
                fprintf(stderr, "trendbeeld fit: --horizon '%s', expected a year\n", arg);
            return 1;
        }
        a->fit.horizon = (int)y;
        return 0;
    }
    case OPT_FORMAT:
        if (strcmp(arg, "csv") && strcmp(arg, "json") && strcmp(arg, "long")) {
            fprintf(stderr, "trendbeeld fit: --format '%s', expected csv, long or json\n",
                    arg);
            return 1;
        }
        a->json = !strcmp(arg, "json");
        a->long_csv = !strcmp(arg, "long");
        return 0;
    case OPT_ALPHA:
        a->fixed_given = 1;
        return parse_real("alpha", arg, 0, 1, &a->fit.alpha);
    case OPT_BETA:
        a->fixed_given = 1;
        return parse_real("beta", arg, 0, 1, &a->fit.beta);
    case OPT_PHI:
        return parse_real("phi", arg, 1e-9, 1, &a->fit.phi);
    case OPT_THREADS: {
        char *end;
        long t = strtol(arg, &end, 10);
        if (end == arg || *end || t < 1 || t > 4096) {
            fprintf(stderr, "trendbeeld fit: --threads '%s', expected a whole number of "
                            "threads from 1 to 4096\n", arg);
            return 1;
        }
        a->threads = (int)t;
        return 0;
    }
    case OPT_START:
        if (!strcmp(arg, "t0"))
            a->fit.holt_fixed = TB_HOLT_FIXED_T0;
        else if (!strcmp(arg, "t1"))
            a->fit.holt_fixed = TB_HOLT_FIXED_T1;
        else {
            fprintf(stderr, "trendbeeld fit: --holt-start '%s', expected t0 or t1\n", arg);
            return 1;
        }
        return 0;
    }
    return 1;
}

/* Caveats about single years: provisional, approximate, incomplete,
 * suspect.  Appended to NOTES (strings owned by the caller). */
static size_t year_notes(const tb_series *x, char **notes, size_t max)
{
    static const struct {
        unsigned flag;
        const char *text;
    } kinds[] = {
        {TB_FLAG_PROVISIONAL, "is provisional (voorlopig cijfer): fitted, but it may still change"},
        {TB_FLAG_APPROX, "is approximate in the source: fitted as given"},
        {TB_FLAG_INCOMPLETE, "covers less than a full year of months: fitted as given, "
                             "so it is probably too low"},
        {TB_FLAG_SUSPECT, "is a 0 among much larger counts, probably 'no data': left out "
                          "of the fit"},
    };
    size_t n = 0;
    for (int k = 0; k < x->n && n < max; k++) {
        if (x->flags[k] & TB_FLAG_MISSING)
            continue;
        for (size_t j = 0; j < sizeof kinds / sizeof *kinds && n < max; j++)
            if (x->flags[k] & kinds[j].flag) {
                const char *note = x->note && x->note[k] ? x->note[k] : NULL;
                size_t len = strlen(kinds[j].text) + (note ? strlen(note) : 0) + 32;
                notes[n] = malloc(len);
                if (!notes[n])
                    return n;
                if (note)
                    snprintf(notes[n], len, "%d %s (%s)", x->first_year + k, kinds[j].text, note);
                else
                    snprintf(notes[n], len, "%d %s", x->first_year + k, kinds[j].text);
                n++;
            }
    }
    return n;
}

enum { MAXNOTES = 64 };

typedef struct {
    const tb_store *s;
    int nmodels;
    int json, long_csv;
    size_t fitted, refused; /* added up by the chunks */
    int maxn;               /* the longest series: scratch size */
    tb_batch_options bo[TB_MODEL_COUNT_];
} fit_run;

/* Series [FIRST, FIRST + COUNT), every model, fitted as tb_batch_fit fits
 * them: their records as CSV rows or JSON elements into OUT, their
 * refusals into MSG. */
static int fit_chunk(size_t first, size_t count, FILE *out, FILE *msg, void *ctx)
{
    fit_run *u = ctx;
    size_t nrec = count * (size_t)u->nmodels, fitted = 0, refused = 0;
    int *years = malloc((size_t)u->maxn * sizeof *years);
    double *vals = malloc((size_t)u->maxn * sizeof *vals);
    tb_batch_result *res = calloc(nrec, sizeof *res);
    tb_fit_record *recs = calloc(nrec, sizeof *recs);
    char **notes = calloc(count * MAXNOTES, sizeof *notes);
    size_t *nnotes = calloc(count, sizeof *nnotes);
    int rc = years && vals && res && recs && notes && nnotes ? 0 : -1;
    for (size_t i = 0, r = 0; i < count && rc == 0; i++) {
        const tb_series *x = tb_store_at(u->s, first + i);
        nnotes[i] = year_notes(x, notes + i * MAXNOTES, MAXNOTES);
        for (int m = 0; m < u->nmodels && rc == 0; m++, r++) {
            tb_batch_result *br = &res[r];
            if (tb_batch_fit_one(x, &u->bo[m], years, vals, br) == TB_ENOMEM) {
                rc = -1;
                break;
            }
            recs[r] = (tb_fit_record){x->region, x->indicator, x->measure,
                                      tb_model_name(u->bo[m].model), br->fit, NULL,
                                      (const char *const *)(notes + i * MAXNOTES), nnotes[i],
                                      br->calibrated, br->ncalibrated};
            if (br->status == TB_OK) {
                fitted++;
                continue;
            }
            refused++;
            recs[r].error = br->reason ? br->reason : "refused";
            fprintf(msg, "trendbeeld fit: %s / %s / %s: %s\n", x->region, x->indicator,
                    x->measure, recs[r].error);
        }
    }
    if (rc == 0)
        rc = u->json       ? tb_fit_records_json(out, recs, nrec, first == 0)
             : u->long_csv ? tb_fit_records_csv(out, recs, nrec)
                           : tb_fit_records_table(out, recs, nrec);
#pragma omp atomic
    u->fitted += fitted;
#pragma omp atomic
    u->refused += refused;
    for (size_t r = 0; res && r < nrec; r++)
        tb_batch_result_clear(&res[r]);
    for (size_t i = 0; notes && nnotes && i < count; i++)
        for (size_t k = 0; k < nnotes[i]; k++)
            free(notes[i * MAXNOTES + k]);
    free(years);
    free(vals);
    free(res);
    free(recs);
    free(notes);
    free(nnotes);
    return rc;
}

int cmd_fit(int argc, char **argv)
{
    static const struct option opts[] = {
        {"model", required_argument, 0, OPT_MODEL},
        {"horizon", required_argument, 0, OPT_HORIZON},
        {"format", required_argument, 0, OPT_FORMAT},
        {"alpha", required_argument, 0, OPT_ALPHA},
        {"beta", required_argument, 0, OPT_BETA},
        {"phi", required_argument, 0, OPT_PHI},
        {"holt-start", required_argument, 0, OPT_START},
        {"threads", required_argument, 0, OPT_THREADS},
        {0, 0, 0, 0}};
    fit_args a = {.models = {TB_MODEL_AUTO}, .nmodels = 1, .json = 1};
    tb_fit_options_init(&a.fit);
    cli_common cc;
    int rc = cli_parse(argc, argv, "fit", opts, on_opt, &a, usage, &cc);
    if (rc >= 0)
        return rc;
    if (a.fixed_given || !isnan(a.fit.phi) || a.fit.holt_fixed) {
        if (isnan(a.fit.alpha) || isnan(a.fit.beta)) {
            fprintf(stderr, "trendbeeld fit: fixed Holt smoothing needs both --alpha and "
                            "--beta\n");
            cli_common_free(&cc);
            return EXIT_USAGE;
        }
        if (!a.fit.holt_fixed)
            a.fit.holt_fixed = TB_HOLT_FIXED_T0;
    }
    tb_store *s;
    cc.load.threads = a.threads;
    rc = cli_load(&cc, &s);
    if (rc) {
        cli_common_free(&cc);
        return rc;
    }

    cli_pools pools;
    if ((rc = cli_pools_open(&cc, s, &pools)) != 0) {
        tb_store_free(s);
        cli_common_free(&cc);
        return rc;
    }
    /* A suspect 0 ("no data" among large counts) is left out, so that no
     * trend runs through it. */
    fit_run u = {.s = s, .nmodels = a.nmodels, .json = a.json, .long_csv = a.long_csv,
                 .maxn = 1};
    for (int m = 0; m < a.nmodels; m++) {
        tb_batch_options_init(&u.bo[m]);
        u.bo[m].model = (tb_model_kind)a.models[m];
        u.bo[m].fit = a.fit;
        u.bo[m].keep_fits = 1;
        u.bo[m].skip_flags = TB_FLAG_SUSPECT;
        u.bo[m].counts_by_measure = 1;
        u.bo[m].pools = pools.chain;
        u.bo[m].npools = pools.n;
    }
    size_t nser = tb_store_size(s);
    for (size_t i = 0; i < nser; i++)
        if (tb_store_at(s, i)->n > u.maxn)
            u.maxn = tb_store_at(s, i)->n;
    /* Chunks of series fitted and formatted side by side, written with
     * their refusals in store order: memory for a chunk, not the country. */
    char label[160] = "fitting";
    for (int m = 0; m < a.nmodels; m++)
        snprintf(label + strlen(label), sizeof label - strlen(label), "%s%s", m ? "," : " ",
                 tb_model_name(u.bo[m].model));
    tb_write_options wo = {.head = a.long_csv ? TB_FIT_CSV_HEADER : tb_fit_table_header(),
                           .message = cli_progress_message,
                           .ctx = label};
    if (a.json) /* every series has a record, a refusal too */
        tb_write_json_array(&wo, nser == 0);
    if (cli_progress_wanted())
        wo.progress = cli_progress_count;
    int failed = tb_write_ordered(stdout, nser, 64, a.threads, fit_chunk, &u, &wo);
    cli_progress_clear();
    if (failed == 1) {
        fprintf(stderr, "trendbeeld fit: out of memory\n");
        rc = EXIT_FAIL;
    } else if (failed || fflush(stdout) != 0 || ferror(stdout)) {
        /* output lost on the way: main reports it */
    } else if (nser && !u.fitted) {
        fprintf(stderr, "trendbeeld fit: no series could be fitted\n");
        rc = EXIT_DATA;
    } else {
        rc = 0;
        if (cc.verbose)
            fprintf(stderr, "trendbeeld fit: %zu fit%s, %zu refused\n", u.fitted,
                    u.fitted == 1 ? "" : "s", u.refused);
    }
    cli_pools_free(&pools);
    tb_store_free(s);
    cli_common_free(&cc);
    return rc;
}

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

static const char usage[] =
    "Usage: trendbeeld fit [--model M[,M...]] [--horizon YEAR] [--format csv|json]\n"
    "                      [--alpha A --beta B [--phi P]] [--threads N] [OPTION]...\n"
    "                      [FILE]...\n"
    "Fit a trend model to every loaded series and project it with 80% and 95%\n"
    "intervals.  Years without a value are left out (the fit uses the observed\n"
    "years at their own time), and so is a 0 flagged as suspect among large\n"
    "counts; provisional and approximate years are fitted and named in the\n"
    "warnings.  Output on stdout: JSON (an array, one object per\n"
    "series and model) or CSV in long form (region,indicator,measure,model,\n"
    "quantity,year,value).\n\n"
    "  --model M         linear, loglinear, poisson, quasipoisson, negbin, holt,\n"
    "                    holt_damped, theilsen or auto (default); several with commas\n"
    "  --horizon YEAR    last projected year (default max(2018, last year + 5))\n"
    "  --format FMT      json (default) or csv\n"
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
    int json;
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
        if (strcmp(arg, "csv") && strcmp(arg, "json")) {
            fprintf(stderr, "trendbeeld fit: --format '%s', expected csv or json\n", arg);
            return 1;
        }
        a->json = !strcmp(arg, "json");
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
    fit_args a = {{TB_MODEL_AUTO}, 1, 1, {0}, 0, 0};
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

    size_t nser = tb_store_size(s), nrec = nser * (size_t)a.nmodels, r = 0;
    tb_fit_record *recs = calloc(nrec ? nrec : 1, sizeof *recs);
    tb_batch **batches = calloc((size_t)a.nmodels, sizeof *batches);
    enum { MAXNOTES = 64 };
    char **notes = calloc(nser ? nser * MAXNOTES : 1, sizeof *notes);
    size_t *nnotes = calloc(nser ? nser : 1, sizeof *nnotes);
    size_t fitted = 0, refused = 0;
    if (!recs || !batches || !notes || !nnotes) {
        fprintf(stderr, "trendbeeld fit: out of memory\n");
        rc = EXIT_FAIL;
        goto out;
    }
    /* One parallel batch per model; a suspect 0 ("no data" among large
     * counts) is left out, so that no trend runs through it. */
    for (int m = 0; m < a.nmodels; m++) {
        tb_batch_options bo;
        tb_batch_options_init(&bo);
        bo.model = (tb_model_kind)a.models[m];
        bo.fit = a.fit;
        bo.threads = a.threads;
        bo.keep_fits = 1;
        bo.skip_flags = TB_FLAG_SUSPECT;
        bo.counts_by_measure = 1;
        char label[64];
        snprintf(label, sizeof label, "fitting %s", tb_model_name(bo.model));
        if (cli_progress_wanted()) {
            bo.progress = cli_progress_count;
            bo.progress_ctx = label;
        }
        tb_error berr = {0};
        tb_status fst = tb_batch_fit(s, &bo, &batches[m], &berr);
        cli_progress_clear();
        if (fst != TB_OK) {
            fprintf(stderr, "trendbeeld fit: %s\n", berr.msg);
            rc = berr.code == TB_ENOMEM ? EXIT_FAIL : EXIT_USAGE;
            goto out;
        }
    }
    /* Records and refusals in store order, whatever the threads did. */
    for (size_t i = 0; i < nser; i++) {
        const tb_series *x = tb_store_at(s, i);
        nnotes[i] = year_notes(x, notes + i * MAXNOTES, MAXNOTES);
        for (int m = 0; m < a.nmodels; m++, r++) {
            const tb_batch_result *br = tb_batch_at(batches[m], i);
            recs[r] = (tb_fit_record){x->region, x->indicator, x->measure,
                                      tb_model_name((tb_model_kind)a.models[m]), br->fit,
                                      NULL, (const char *const *)(notes + i * MAXNOTES),
                                      nnotes[i]};
            if (br->status == TB_OK) {
                fitted++;
                continue;
            }
            refused++;
            recs[r].error = br->reason ? br->reason : "refused";
            fprintf(stderr, "trendbeeld fit: %s / %s / %s: %s\n", x->region, x->indicator,
                    x->measure, recs[r].error);
        }
    }
    tb_error err;
    if (cli_progress_wanted()) {
        char line[64];
        snprintf(line, sizeof line, "writing %zu results", r);
        cli_progress_line(line);
    }
    tb_status st = a.json ? tb_fit_write_json(stdout, recs, r, a.threads, &err)
                          : tb_fit_write_csv(stdout, recs, r, 1, a.threads, &err);
    cli_progress_clear();
    if (st != TB_OK || fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "trendbeeld fit: cannot write the output\n");
        rc = EXIT_FAIL;
    } else if (nrec && !fitted) {
        fprintf(stderr, "trendbeeld fit: no series could be fitted\n");
        rc = EXIT_DATA;
    } else {
        rc = 0;
        if (cc.verbose)
            fprintf(stderr, "trendbeeld fit: %zu fit%s, %zu refused\n", fitted,
                    fitted == 1 ? "" : "s", refused);
    }
out:
    for (int m = 0; batches && m < a.nmodels; m++)
        tb_batch_free(batches[m]);
    for (size_t i = 0; notes && nnotes && i < nser; i++)
        for (size_t k = 0; k < nnotes[i]; k++)
            free(notes[i * MAXNOTES + k]);
    free(recs);
    free(batches);
    free(notes);
    free(nnotes);
    tb_store_free(s);
    cli_common_free(&cc);
    return rc;
}

/* Benchmark driver for scripts/bench.sh: times the library's load and
 * batch fit on files or generated stores and prints one tab-separated line
 * per measurement.  Not a test: it asserts nothing about time.
 *
 *   tbbench load FILE [THREADS]
 *   tbbench fit FILE THREADS MODEL...      MODEL: a model name or "target"
 *   tbbench e2e FILE THREADS MODEL OUT     load + fit + write results to OUT
 *   tbbench genfit NSERIES YEARS THREADS MODEL...   on a generated store
 *
 * "target" is auto plus a -5%/year target per series (tb_fit_prob_le).
 * A model that would take longer than TB_BENCH_BUDGET seconds (default 5)
 * on the whole store is timed on the leading series that fit the budget
 * (a probe of 400 series sets the number); the line says how many.
 * Every run ends with "rss<TAB>KB", the peak resident set (getrusage).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "trendbeeld/batch.h"
#include "trendbeeld/generate.h"
#include "trendbeeld/load.h"
#include "trendbeeld/models.h"
#include "trendbeeld/store.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void die(const char *what, const tb_error *e)
{
    char msg[1400];
    tb_error_format(e, msg, sizeof msg);
    fprintf(stderr, "tbbench: %s: %s\n", what, msg);
    exit(3);
}

static void progress(size_t done, size_t total, void *ctx)
{
    fprintf(stderr, "\r  %s: %zu / %zu series", (const char *)ctx, done, total);
    if (done == total)
        fprintf(stderr, "\r%60s\r", "");
}

static tb_store *load(const char *path, int threads, double *sec)
{
    tb_load_options o = {0};
    o.threads = threads;
    tb_store *s = tb_store_new();
    tb_error err = {0};
    tb_diag *d = tb_diag_new();
    tb_load_report rep;
    double t0 = now();
    if (tb_load_file(s, path, &o, &rep, d, &err) != TB_OK)
        die("load", &err);
    *sec = now() - t0;
    tb_diag_free(d);
    return s;
}

static int parse_model(const char *name, tb_batch_options *o)
{
    tb_batch_options_init(o);
    o->fit.counts = 1;
    if (!strcmp(name, "target")) {
        o->model = TB_MODEL_AUTO;
        o->target_pct = -5;
        return 0;
    }
    int k = tb_model_parse(name);
    if (k < 0) {
        fprintf(stderr, "tbbench: unknown model '%s'\n", name);
        return -1;
    }
    o->model = (tb_model_kind)k;
    return 0;
}

static tb_batch *fit(const tb_store *s, const char *model, int threads, double *sec)
{
    tb_batch_options o;
    if (parse_model(model, &o) != 0)
        exit(2);
    o.threads = threads;
    if (isatty(2)) {
        o.progress = progress;
        o.progress_ctx = (void *)model;
    }
    tb_batch *b;
    tb_error err = {0};
    double t0 = now();
    if (tb_batch_fit(s, &o, &b, &err) != TB_OK)
        die("fit", &err);
    *sec = now() - t0;
    return b;
}

/* The first K series of S, copied into a new store. */
static tb_store *substore(const tb_store *s, size_t k)
{
    tb_store *t = tb_store_new();
    for (size_t i = 0; i < k; i++) {
        const tb_series *x = tb_store_at(s, i);
        for (int j = 0; j < x->n; j++)
            if (tb_store_put(t, x->region, x->indicator, x->measure, x->first_year + j,
                             x->value[j], x->flags[j], NULL, NULL, NULL, NULL) != TB_OK) {
                fprintf(stderr, "tbbench: out of memory\n");
                exit(3);
            }
    }
    return t;
}

/* How many leading series of S to fit with MODEL within the budget. */
static size_t budget_size(const tb_store *s, const char *model, int threads)
{
    const char *b = getenv("TB_BENCH_BUDGET");
    double budget = b && atof(b) > 0 ? atof(b) : 5;
    size_t n = tb_store_size(s), probe = n < 400 ? n : 400;
    if (probe == n)
        return n;
    tb_store *p = substore(s, probe);
    double sec;
    tb_batch_free(fit(p, model, threads, &sec));
    tb_store_free(p);
    double want = budget * (double)probe / (sec > 1e-6 ? sec : 1e-6);
    return want >= (double)n ? n : want < (double)probe ? probe : (size_t)want;
}

/* Fit MODEL on S or on its leading series within the budget; *SUB is the
 * copy fitted (free it after the batch, whose results point into it) or
 * NULL. */
static tb_batch *fit_budget(const tb_store *s, const char *model, int threads,
                            double *sec, tb_store **sub)
{
    size_t k = budget_size(s, model, threads);
    *sub = k < tb_store_size(s) ? substore(s, k) : NULL;
    return fit(*sub ? *sub : s, model, threads, sec);
}

static void print_fit(const char *model, int threads, const tb_batch *b, double sec)
{
    size_t n = tb_batch_size(b);
    printf("fit\t%s\t%d\t%zu\t%zu\t%zu\t%.4f\t%.1f\n", model, tb_batch_threads(b), n,
           tb_batch_fitted(b), tb_batch_refused(b), sec, (double)n / sec);
    (void)threads;
}

static void print_rss(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("rss\t%ld\n", ru.ru_maxrss);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: see the comment at the top of bench/tbbench.c\n");
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "load")) {
        struct stat st;
        if (stat(argv[2], &st) != 0) {
            perror(argv[2]);
            return 3;
        }
        double sec;
        tb_store *s = load(argv[2], argc > 3 ? atoi(argv[3]) : 1, &sec);
        size_t values = 0;
        for (size_t i = 0; i < tb_store_size(s); i++)
            values += (size_t)tb_store_at(s, i)->n;
        printf("load\t%lld\t%.4f\t%.1f\t%zu\t%zu\n", (long long)st.st_size, sec,
               (double)st.st_size / 1e6 / sec, tb_store_size(s), values);
        tb_store_free(s);
    } else if (!strcmp(cmd, "fit") && argc >= 5) {
        double lsec;
        int threads = atoi(argv[3]);
        tb_store *s = load(argv[2], threads, &lsec);
        for (int k = 4; k < argc; k++) {
            double sec;
            tb_store *sub;
            tb_batch *b = fit_budget(s, argv[k], threads, &sec, &sub);
            print_fit(argv[k], threads, b, sec);
            tb_batch_free(b);
            tb_store_free(sub);
        }
        tb_store_free(s);
    } else if (!strcmp(cmd, "e2e") && argc == 6) {
        double t0 = now(), lsec, fsec;
        int threads = atoi(argv[3]);
        tb_store *s = load(argv[2], threads, &lsec); /* as fit --threads does */
        tb_store *sub;
        tb_batch *b = fit_budget(s, argv[4], threads, &fsec, &sub);
        double t1 = now();
        FILE *f = fopen(argv[5], "w");
        if (!f) {
            perror(argv[5]);
            return 3;
        }
        fprintf(f, "region,indicator,measure,model,n,slope,annual_pct,target_year,"
                   "target_value,p_target,status\n");
        for (size_t i = 0; i < tb_batch_size(b); i++) {
            const tb_batch_result *r = tb_batch_at(b, i);
            fprintf(f, "%s,%s,%s,%s,%d,%.10g,%.10g,%d,%.10g,%.10g,%s\n", r->series->region,
                    r->series->indicator, r->series->measure, tb_model_name(r->model), r->n,
                    r->slope, r->annual_pct, r->target_year, r->target_value, r->p_target,
                    r->status == TB_OK ? "ok" : "refused");
        }
        if (fclose(f) != 0) {
            perror(argv[5]);
            return 3;
        }
        /* With a subset of K of N series, the per-series time is the load's
         * share plus the subset's fit and write: lsec / N + (rest) / K. */
        double wsec = now() - t1, total = now() - t0;
        size_t n = tb_store_size(s), k = tb_batch_size(b);
        double per = lsec / (double)n + (fsec + wsec) / (double)k;
        printf("e2e\t%s\t%d\t%zu\t%.4f\t%.4f\t%.4f\t%.1f\t%zu\n", argv[4], tb_batch_threads(b),
               n, lsec, fsec, total, 1 / per, k);
        tb_batch_free(b);
        tb_store_free(sub);
        tb_store_free(s);
    } else if (!strcmp(cmd, "genfit") && argc >= 6) {
        tb_gen_options g;
        tb_gen_options_init(&g);
        g.nseries = strtoul(argv[2], NULL, 10);
        g.last_year = 2023; /* series end in 2023, whatever their length */
        g.first_year = 2024 - atoi(argv[3]);
        tb_store *s = tb_store_new();
        tb_error err = {0};
        if (tb_gen_store(&g, s, &err) != TB_OK)
            die("generate", &err);
        int threads = atoi(argv[4]);
        for (int k = 5; k < argc; k++) {
            double sec;
            tb_store *sub;
            tb_batch *b = fit_budget(s, argv[k], threads, &sec, &sub);
            print_fit(argv[k], threads, b, sec);
            tb_batch_free(b);
            tb_store_free(sub);
        }
        tb_store_free(s);
    } else {
        fprintf(stderr, "tbbench: bad arguments for '%s'\n", cmd);
        return 2;
    }
    print_rss();
    return 0;
}

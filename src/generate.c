/* Workload generator: crime counts with log-linear trends, written as long
 * or CBS OData files, or put straight into a store. */
#include "trendbeeld/generate.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

/* The 58 offence codes of the politie tables (47025NED), in table order. */
static const char *const offences[] = {
    "1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.3.1",
    "1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.4.5", "1.4.6", "1.4.7", "1.5.2",
    "1.6.1", "1.6.2", "1.6.3", "2.1.1", "2.2.1", "2.4.1", "2.4.2", "2.5.1",
    "2.5.2", "2.6.1", "2.6.2", "2.6.3", "2.6.4", "2.6.5", "2.6.7", "2.6.8",
    "2.6.9", "2.6.10", "2.6.11", "2.6.12", "2.6.13", "2.6.14", "2.7.2",
    "2.7.3", "3.1.1", "3.1.2", "3.1.3", "3.2.1", "3.2.2", "3.3.2", "3.3.5",
    "3.4.2", "3.5.2", "3.5.5", "3.6.4", "3.7.1", "3.7.2", "3.7.3", "3.7.4",
    "3.9.1", "3.9.2", "3.9.3"};
#define NOFF (sizeof offences / sizeof *offences)

/* Shape of the workload (documented so users can judge the benchmark):
 * region size lognormal with sd 0.8 on the log scale, offence rate
 * lognormal around 40 a year with sd 1.3 (from a handful a year for rare
 * offences to thousands for theft in a large gemeente), winter peak of 10%
 * in monthly files. */
#define REGION_SD 0.8
#define OFFENCE_LOGMEAN 3.6888794541139363 /* log 40 */
#define OFFENCE_SD 1.3
#define SEASON_AMP 0.1
#define THETA_LO 3.0
#define THETA_HI 50.0

void tb_gen_options_init(tb_gen_options *o)
{
    memset(o, 0, sizeof *o);
    o->format = TB_GEN_LONG;
    o->period = TB_GEN_YEAR;
    o->dist = TB_GEN_MIXED;
    o->nseries = 1000;
    o->first_year = 2012;
    o->last_year = 2023;
    o->seed = 1;
    o->level = 1;
    o->trend_pct = -3;
    o->trend_sd = 0.04;
    o->theta = 0;
    o->missing = 0;
}

static tb_status check(const tb_gen_options *o, tb_error *err)
{
    if (o->nseries == 0 || o->nseries > (size_t)NOFF * 99999999u)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "number of series %zu out of range; expected 1 to %zu",
                            o->nseries, (size_t)NOFF * 99999999u);
    if (o->first_year < TB_YEAR_MIN || o->last_year > TB_YEAR_MAX ||
        o->first_year > o->last_year)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "years %d-%d invalid; expected FIRST-LAST within %d-%d",
                            o->first_year, o->last_year, TB_YEAR_MIN, TB_YEAR_MAX);
    if (!(o->level > 0) || !isfinite(o->level))
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "level %g invalid; expected a positive number", o->level);
    if (!(o->trend_pct > -100) || !isfinite(o->trend_pct))
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "trend %g%% invalid; expected more than -100", o->trend_pct);
    if (!(o->trend_sd >= 0) || !isfinite(o->trend_sd))
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "trend spread %g invalid; expected 0 or more", o->trend_sd);
    if (!(o->theta >= 0) || !isfinite(o->theta))
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "theta %g invalid; expected a positive shape or 0 (drawn)",
                            o->theta);
    if (!(o->missing >= 0 && o->missing < 1))
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "missing share %g invalid; expected 0 <= share < 1",
                            o->missing);
    if ((unsigned)o->format > TB_GEN_CBS || (unsigned)o->period > TB_GEN_MONTH ||
        (unsigned)o->dist > TB_GEN_NEGBIN)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0, "unknown format, period or distribution");
    return TB_OK;
}

size_t tb_gen_periods(const tb_gen_options *o)
{
    size_t years = (size_t)(o->last_year - o->first_year + 1);
    return o->period == TB_GEN_MONTH ? 12 * years : years;
}

/* splitmix64: a bijective mixer, so distinct (seed, stream) pairs give
 * well-spread, independent-looking seeds. */
static uint64_t mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

enum { STREAM_REGION = 1, STREAM_OFFENCE = 2, STREAM_SERIES = 3 };

static void reseed(gsl_rng *r, unsigned long seed, int stream, uint64_t index)
{
    uint64_t s = mix64(mix64((uint64_t)seed) ^ ((uint64_t)stream << 56) ^ index);
    /* taus2 seeds from 32 bits; 0 would select its default seed */
    unsigned long v = (unsigned long)(s & 0xFFFFFFFFu);
    gsl_rng_set(r, v ? v : 1);
}

static size_t nregions(const tb_gen_options *o)
{
    return o->nseries < NOFF ? 1 : (o->nseries + NOFF - 1) / NOFF;
}

static void region_code(const tb_gen_options *o, size_t r, char *buf)
{
    if (nregions(o) <= 9999)
        snprintf(buf, 16, "GM%04u", (unsigned)(r + 1));
    else /* at most 99.999.999 regions (check()) */
        snprintf(buf, 16, "BU%08u", (unsigned)(r + 1));
}

/* The parameters of series I, drawing from R. */
static void series_params(const tb_gen_options *o, size_t i, gsl_rng *r,
                          tb_gen_series *p)
{
    size_t reg = i / NOFF, off = i % NOFF;
    reseed(r, o->seed, STREAM_REGION, reg);
    double zr = gsl_ran_gaussian_ziggurat(r, 1.0);
    reseed(r, o->seed, STREAM_OFFENCE, off);
    double zo = gsl_ran_gaussian_ziggurat(r, 1.0);
    p->mu0 = o->level * exp(REGION_SD * zr + OFFENCE_LOGMEAN + OFFENCE_SD * zo);

    /* The series stream draws growth, family and shape, then the values. */
    reseed(r, o->seed, STREAM_SERIES, i);
    p->growth = log1p(o->trend_pct / 100) + o->trend_sd * gsl_ran_gaussian_ziggurat(r, 1.0);
    double u = gsl_rng_uniform(r);
    double t = exp(log(THETA_LO) + gsl_rng_uniform(r) * log(THETA_HI / THETA_LO));
    int nb = o->dist == TB_GEN_NEGBIN || (o->dist == TB_GEN_MIXED && u < 0.5);
    p->theta = nb ? (o->theta > 0 ? o->theta : t) : INFINITY;
    p->region = NULL;
    p->indicator = offences[off];
}

tb_status tb_gen_series_info(const tb_gen_options *o, size_t i,
                             tb_gen_series *out, char *buf, tb_error *err)
{
    tb_status st = check(o, err);
    if (st != TB_OK)
        return st;
    if (i >= o->nseries)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "series %zu out of range; expected below %zu", i, o->nseries);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    if (!r)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    series_params(o, i, r, out);
    gsl_rng_free(r);
    region_code(o, i / NOFF, buf);
    out->region = buf;
    return TB_OK;
}

/* GSL's Poisson sampler takes its mean through an unsigned int and never
 * returns for means above about 4e9, which a steep drawn trend reaches
 * over a long period: means are capped at 1e9, beyond any count of
 * crimes. */
static const double MEAN_MAX = 1e9;

static double draw(gsl_rng *r, double mu, double theta)
{
    if (isinf(theta))
        return gsl_ran_poisson(r, fmin(mu, MEAN_MAX));
    /* NB2 as a gamma mixture of Poissons, as gsl_ran_negative_binomial
     * with p = theta / (theta + mu) draws it: lambda = Gamma(theta, 1)
     * (1 - p) / p, mean mu. */
    double p = theta / (theta + mu);
    return gsl_ran_poisson(r, fmin(gsl_ran_gamma(r, theta, 1.0) * (1 - p) / p, MEAN_MAX));
}

/* Values of series I into V; R is a scratch generator. */
static void series_values(const tb_gen_options *o, size_t i, gsl_rng *r,
                          double *v)
{
    tb_gen_series p;
    series_params(o, i, r, &p);
    int years = o->last_year - o->first_year + 1;
    if (o->period == TB_GEN_YEAR) {
        for (int t = 0; t < years; t++) {
            double mu = p.mu0 * exp(p.growth * t);
            double x = draw(r, mu, p.theta);
            v[t] = o->missing > 0 && gsl_rng_uniform(r) < o->missing ? NAN : x;
        }
        return;
    }
    /* Month m of year t has weight w_m = exp(g (m - 6.5) / 12)
     * (1 + A cos(2 pi (m - 1) / 12)); the weights are normalised so that
     * the year's monthly means add up to mu0 exp(g t). */
    double w[12], sum = 0;
    for (int m = 0; m < 12; m++) {
        w[m] = exp(p.growth * (m - 5.5) / 12) * (1 + SEASON_AMP * cos(2 * M_PI * m / 12));
        sum += w[m];
    }
    for (int t = 0; t < years; t++) {
        double mu = p.mu0 * exp(p.growth * t) / sum;
        for (int m = 0; m < 12; m++) {
            double x = draw(r, mu * w[m], p.theta);
            v[12 * t + m] = o->missing > 0 && gsl_rng_uniform(r) < o->missing ? NAN : x;
        }
    }
}

tb_status tb_gen_series_values(const tb_gen_options *o, size_t i, double *v,
                               tb_error *err)
{
    tb_status st = check(o, err);
    if (st != TB_OK)
        return st;
    if (i >= o->nseries)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "series %zu out of range; expected below %zu", i, o->nseries);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    if (!r)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    series_values(o, i, r, v);
    gsl_rng_free(r);
    return TB_OK;
}

/* A large output buffer: rows are formatted by hand, as printf per row
 * would dominate the time for 10^8 rows. */
typedef struct {
    FILE *f;
    char *buf;
    size_t used, cap;
    int failed;
} writer;

static void w_flush(writer *w)
{
    if (w->used && fwrite(w->buf, 1, w->used, w->f) != w->used)
        w->failed = 1;
    w->used = 0;
}

static void w_mem(writer *w, const char *s, size_t n)
{
    if (w->cap - w->used < n)
        w_flush(w);
    memcpy(w->buf + w->used, s, n);
    w->used += n;
}

static void w_str(writer *w, const char *s)
{
    w_mem(w, s, strlen(s));
}

/* Unsigned integer, right-aligned in WIDTH characters (0 = no padding). */
static void w_uint(writer *w, unsigned long long x, int width)
{
    char tmp[32];
    int n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    while (n < width)
        tmp[sizeof tmp - 1 - n++] = ' ';
    w_mem(w, tmp + sizeof tmp - n, (size_t)n);
}

/* S followed by spaces up to WIDTH (CBS pads its keys). */
static void w_padded(writer *w, const char *s, size_t width)
{
    size_t n = strlen(s);
    w_mem(w, s, n);
    for (; n < width; n++)
        w_mem(w, " ", 1);
}

static void w_period(writer *w, const tb_gen_options *o, int year, int month)
{
    w_uint(w, (unsigned)year, 0);
    if (o->format == TB_GEN_LONG) {
        if (month) {
            char m[4] = {'-', (char)('0' + month / 10), (char)('0' + month % 10), 0};
            w_str(w, m);
        }
    } else if (month) {
        char m[5] = {'M', 'M', (char)('0' + month / 10), (char)('0' + month % 10), 0};
        w_str(w, m);
    } else {
        w_str(w, "JJ00");
    }
}

tb_status tb_gen_write(const tb_gen_options *o, FILE *f, const char *path,
                       tb_error *err)
{
    tb_status st = check(o, err);
    if (st != TB_OK)
        return st;
    size_t np = tb_gen_periods(o);
    writer w = {f, malloc(1 << 20), 0, 1 << 20, 0};
    double *v = malloc(np * sizeof *v);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    if (!w.buf || !v || !r) {
        free(w.buf), free(v);
        if (r)
            gsl_rng_free(r);
        return tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
    }
    int cbs = o->format == TB_GEN_CBS;
    int monthly = o->period == TB_GEN_MONTH;
    if (cbs)
        w_str(&w, "\xEF\xBB\xBF\"ID\";\"SoortMisdrijf\";\"RegioS\";\"Perioden\";"
                  "\"GeregistreerdeMisdrijven_1\"\n");
    else
        w_str(&w, monthly ? "region,indicator,measure,period,value\n"
                          : "region,indicator,measure,year,value\n");
    char region[16];
    size_t last_reg = (size_t)-1;
    unsigned long long id = 0;
    for (size_t i = 0; i < o->nseries && !w.failed; i++) {
        if (i / NOFF != last_reg) {
            last_reg = i / NOFF;
            region_code(o, last_reg, region);
        }
        const char *ind = offences[i % NOFF];
        series_values(o, i, r, v);
        for (size_t k = 0; k < np; k++) {
            int year = o->first_year + (int)(monthly ? k / 12 : k);
            int month = monthly ? (int)(k % 12) + 1 : 0;
            if (cbs) {
                /* "12";"1.1.1 ";"GM0001";"2012JJ00";"      37" */
                w_mem(&w, "\"", 1);
                w_uint(&w, id++, 0);
                w_mem(&w, "\";\"", 3);
                w_padded(&w, ind, 6);
                w_mem(&w, "\";\"", 3);
                w_padded(&w, region, 6);
                w_mem(&w, "\";\"", 3);
                w_period(&w, o, year, month);
                w_mem(&w, "\";\"", 3);
                if (isnan(v[k]))
                    w_str(&w, "       .");
                else
                    w_uint(&w, (unsigned long long)v[k], 8);
                w_mem(&w, "\"\n", 2);
            } else {
                w_str(&w, region);
                w_mem(&w, ",", 1);
                w_str(&w, ind);
                w_mem(&w, "," TB_GEN_MEASURE ",", sizeof TB_GEN_MEASURE + 1);
                w_period(&w, o, year, month);
                w_mem(&w, ",", 1);
                if (!isnan(v[k]))
                    w_uint(&w, (unsigned long long)v[k], 0);
                w_mem(&w, "\n", 1);
            }
        }
    }
    w_flush(&w);
    if (fflush(f) != 0 || ferror(f))
        w.failed = 1;
    free(w.buf);
    free(v);
    gsl_rng_free(r);
    if (w.failed)
        return tb_error_set(err, TB_EIO, path, 0, 0, "write failed: %s", strerror(errno));
    return TB_OK;
}

tb_status tb_gen_write_file(const tb_gen_options *o, const char *path,
                            tb_error *err)
{
    tb_status st = check(o, err);
    if (st != TB_OK)
        return st;
    FILE *f = fopen(path, "wb");
    if (!f)
        return tb_error_set(err, TB_EIO, path, 0, 0, "cannot open for writing: %s",
                            strerror(errno));
    st = tb_gen_write(o, f, path, err);
    if (fclose(f) != 0 && st == TB_OK)
        st = tb_error_set(err, TB_EIO, path, 0, 0, "write failed: %s", strerror(errno));
    return st;
}

tb_status tb_gen_store(const tb_gen_options *o, tb_store *s, tb_error *err)
{
    tb_status st = check(o, err);
    if (st != TB_OK)
        return st;
    size_t np = tb_gen_periods(o);
    double *v = malloc(np * sizeof *v);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    if (!v || !r) {
        free(v);
        if (r)
            gsl_rng_free(r);
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    }
    char region[16];
    int years = o->last_year - o->first_year + 1;
    for (size_t i = 0; i < o->nseries && st == TB_OK; i++) {
        region_code(o, i / NOFF, region);
        series_values(o, i, r, v);
        for (int t = 0; t < years && st == TB_OK; t++) {
            double x = v[t];
            unsigned flags = 0;
            if (o->period == TB_GEN_MONTH) {
                /* sum of the months present; a partial year is flagged */
                int seen = 0;
                x = 0;
                for (int m = 0; m < 12; m++)
                    if (!isnan(v[12 * t + m]))
                        x += v[12 * t + m], seen++;
                if (!seen)
                    x = NAN;
                else if (seen < 12)
                    flags = TB_FLAG_INCOMPLETE;
            }
            st = tb_store_put(s, region, offences[i % NOFF], TB_GEN_MEASURE,
                              o->first_year + t, x, flags, NULL, NULL, NULL, NULL);
            if (st != TB_OK)
                st = tb_error_set(err, st, NULL, 0, 0,
                                  "cannot store series %zu (%s %s): out of memory",
                                  i, region, offences[i % NOFF]);
        }
    }
    free(v);
    gsl_rng_free(r);
    return st;
}

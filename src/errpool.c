/* Empirical forecast errors pooled from real series (errpool.h). */
#include "trendbeeld/errpool.h"
#include "grow.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "trendbeeld/load.h"
#include "trendbeeld/text.h"
#include "trendbeeld/measure.h"

#define NYEARS (TB_YEAR_MAX - TB_YEAR_MIN + 1)

static const char *const class_names[TB_POOL_NCLASS] = {
    [TB_POOL_COUNT_SMALL] = "count_lt50",
    [TB_POOL_COUNT_MID] = "count_50_500",
    [TB_POOL_COUNT_LARGE] = "count_gt500",
    [TB_POOL_RATE] = "rate",
};

const char *tb_pool_class_name(tb_pool_class c)
{
    return (int)c >= 0 && c < TB_POOL_NCLASS ? class_names[c] : "?";
}

void tb_point_method_default(tb_point_method *m)
{
    m->share = 0;
    m->damping = 1;
    m->window = 5;
    m->mirror = 1.0 / 3;
}

void tb_point_method_plain(tb_point_method *m)
{
    m->share = 0;
    m->damping = 1;
    m->window = 2;
    m->mirror = 0;
}

double tb_pool_z(double y, int counts)
{
    if (counts)
        return y >= 0 ? log(y + 0.5) : NAN;
    return y > 0 ? log(y) : NAN;
}

int tb_pool_class_for(double y, int counts)
{
    if (!counts)
        return y > 0 ? TB_POOL_RATE : -1;
    if (!(y >= 0))
        return -1;
    return y < 50 ? TB_POOL_COUNT_SMALL : y <= 500 ? TB_POOL_COUNT_MID : TB_POOL_COUNT_LARGE;
}

/* Least-squares slope of z on the year over the last W observations. */
static double recent_slope(const int *year, const double *value, size_t n, int counts, int w)
{
    size_t k = n < (size_t)w ? n : (size_t)w;
    if (k < 2)
        return 0;
    const int *yy = year + n - k;
    const double *vv = value + n - k;
    double mx = 0, mz = 0;
    for (size_t i = 0; i < k; i++) {
        mx += yy[i];
        mz += tb_pool_z(vv[i], counts);
    }
    mx /= (double)k;
    mz /= (double)k;
    double sxx = 0, sxz = 0;
    for (size_t i = 0; i < k; i++) {
        double dx = yy[i] - mx;
        sxx += dx * dx;
        sxz += dx * (tb_pool_z(vv[i], counts) - mz);
    }
    return sxx > 0 ? sxz / sxx : 0;
}

/* phi + phi^2 + ... + phi^h */
static double damped_steps(double phi, int h)
{
    if (phi >= 1)
        return h;
    return phi * (1 - pow(phi, h)) / (1 - phi);
}

double tb_point_forecast(const int *year, const double *value, size_t n, int counts,
                         int h, const tb_point_method *m)
{
    if (!n || h < 1)
        return NAN;
    double z = tb_pool_z(value[n - 1], counts);
    if (isnan(z) || m->share == 0)
        return z;
    double b = recent_slope(year, value, n, counts, m->window);
    return isnan(b) ? NAN : z + m->share * b * damped_steps(m->damping, h);
}

/* ---- the pool ------------------------------------------------------------ */

typedef struct {
    double *e;
    size_t n, cap;
} vec;

/* The errors of outcome years <= cut and, with weight `mirror`, their
 * mirror images: values sorted, cum[i] the weight of v[0 .. i]. */
typedef struct {
    double *v, *cum;
    size_t n;                  /* values */
    size_t nerr;               /* errors they come from */
    int nyears;
} merged;

struct tb_errpool {
    char *label;
    tb_point_method method;
    vec cell[TB_POOL_NCLASS][TB_POOL_HMAX][NYEARS]; /* by outcome year */
    size_t size, series;
    int first_year, last_year; /* outcome years present (0: none) */
    /* sorted errors up to a cut-off year, made on first use and kept */
    pthread_mutex_t lock;
    merged *cache[TB_POOL_NCLASS][TB_POOL_HMAX][NYEARS];
};

tb_errpool *tb_errpool_new(const char *label, const tb_point_method *m)
{
    tb_errpool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    if (!(p->label = strdup(label ? label : ""))) {
        free(p);
        return NULL;
    }
    if (m)
        p->method = *m;
    else
        tb_point_method_default(&p->method);
    pthread_mutex_init(&p->lock, NULL);
    return p;
}

void tb_errpool_free(tb_errpool *p)
{
    if (!p)
        return;
    for (int c = 0; c < TB_POOL_NCLASS; c++)
        for (int h = 0; h < TB_POOL_HMAX; h++)
            for (int y = 0; y < NYEARS; y++) {
                free(p->cell[c][h][y].e);
                if (p->cache[c][h][y]) {
                    free(p->cache[c][h][y]->v);
                    free(p->cache[c][h][y]->cum);
                    free(p->cache[c][h][y]);
                }
            }
    pthread_mutex_destroy(&p->lock);
    free(p->label);
    free(p);
}

const char *tb_errpool_label(const tb_errpool *p) { return p->label; }
size_t tb_errpool_size(const tb_errpool *p) { return p->size; }
size_t tb_errpool_series(const tb_errpool *p) { return p->series; }

static int pool_add(tb_errpool *p, int cls, int h, int year, double e)
{
    vec *v = &p->cell[cls][h - 1][year - TB_YEAR_MIN];
    if (TB_GROW(v->e, v->cap, v->n + 1, 16) != 0)
        return -1;
    v->e[v->n++] = e;
    p->size++;
    if (!p->first_year || year < p->first_year)
        p->first_year = year;
    if (year > p->last_year)
        p->last_year = year;
    return 0;
}

/* Firm observations of X: not missing, provisional or suspect. */
static size_t firm_observed(const tb_series *x, int *yy, double *vv)
{
    size_t m = 0;
    for (int k = 0; k < x->n; k++)
        if (!(x->flags[k] & (TB_FLAG_MISSING | TB_FLAG_PROVISIONAL | TB_FLAG_SUSPECT))) {
            yy[m] = x->first_year + k;
            vv[m++] = x->value[k];
        }
    return m;
}

int tb_errpool_covers(const char *measure)
{
    return measure && strcmp(measure, "inwoners") != 0;
}

/* The errors of one series: every origin with two observations or more,
 * every horizon whose outcome year is observed. */
static int add_series(tb_errpool *p, const tb_series *x, int counts, int *yy, double *vv)
{
    size_t n = firm_observed(x, yy, vv);
    int added = 0;
    for (size_t i = 1; i < n; i++) {
        int cls = tb_pool_class_for(vv[i], counts);
        if (cls < 0)
            continue;
        size_t j = i + 1;
        for (int h = 1; h <= TB_POOL_HMAX; h++) {
            int T = yy[i] + h;
            while (j < n && yy[j] < T)
                j++;
            if (j >= n)
                break;
            if (yy[j] != T)
                continue;
            double zt = tb_pool_z(vv[j], counts);
            double pt = tb_point_forecast(yy, vv, i + 1, counts, h, &p->method);
            if (isnan(zt) || isnan(pt))
                continue;
            if (pool_add(p, cls, h, T, zt - pt) < 0)
                return -1;
            added = 1;
        }
    }
    p->series += (size_t)added;
    return 0;
}

tb_status tb_errpool_add_store(tb_errpool *p, const tb_store *s, tb_error *err)
{
    size_t ns = tb_store_size(s), eligible = 0;
    int nmax = 1;
    for (size_t i = 0; i < ns; i++) {
        const tb_series *x = tb_store_at(s, i);
        if (tb_errpool_covers(x->measure)) {
            eligible++;
            if (x->n > nmax)
                nmax = x->n;
        }
    }
    /* a national store: every k-th series is plenty, and keeps memory small */
    size_t stride = (eligible + TB_POOL_MAX_SERIES - 1) / TB_POOL_MAX_SERIES;
    if (stride < 1)
        stride = 1;
    int *yy = malloc((size_t)nmax * sizeof *yy);
    double *vv = malloc((size_t)nmax * sizeof *vv);
    if (!yy || !vv)
        goto nomem;
    size_t k = 0;
    for (size_t i = 0; i < ns; i++) {
        const tb_series *x = tb_store_at(s, i);
        if (!tb_errpool_covers(x->measure) || k++ % stride)
            continue;
        if (add_series(p, x, tb_measure_is_count(x->measure), yy, vv) < 0)
            goto nomem;
    }
    free(yy);
    free(vv);
    return TB_OK;
nomem:
    free(yy);
    free(vv);
    return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "error pool: out of memory");
}

/* ---- file ---------------------------------------------------------------- */

int tb_errpool_write(const tb_errpool *p, FILE *f, const char *const *provenance,
                     size_t nprovenance)
{
    fprintf(f, "# trendbeeld forecast-error pool: %s\n", p->label);
    for (size_t i = 0; i < nprovenance; i++)
        fprintf(f, "# %s\n", provenance[i]);
    fprintf(f, "#method share=%.17g damping=%.17g window=%d mirror=%.17g\n",
            p->method.share, p->method.damping, p->method.window, p->method.mirror);
    fprintf(f, "class,horizon,year,error\n");
    for (int c = 0; c < TB_POOL_NCLASS; c++)
        for (int h = 0; h < TB_POOL_HMAX; h++)
            for (int y = 0; y < NYEARS; y++) {
                const vec *v = &p->cell[c][h][y];
                for (size_t i = 0; i < v->n; i++)
                    fprintf(f, "%s,%d,%d,%.6f\n", class_names[c], h + 1, y + TB_YEAR_MIN,
                            v->e[i]);
            }
    return ferror(f) ? -1 : 0;
}

static int method_equal(const tb_point_method *a, const tb_point_method *b)
{
    return a->share == b->share && a->damping == b->damping && a->window == b->window &&
           a->mirror == b->mirror;
}

/* One data row "class,horizon,year,error"; returns the column of the
 * first bad field, or 0. */
static int parse_row(char *s, int *cls, int *h, int *year, double *e)
{
    char *f[4];
    int nf = 0;
    for (char *tok = s;; tok++) {
        f[nf++] = tok;
        tok = strchr(tok, ',');
        if (!tok)
            break;
        if (nf == 4)
            return 5;
        *tok = 0;
    }
    if (nf != 4)
        return nf + 1;
    *cls = -1;
    for (int c = 0; c < TB_POOL_NCLASS; c++)
        if (!strcmp(f[0], class_names[c]))
            *cls = c;
    if (*cls < 0)
        return 1;
    char *end;
    long v = strtol(f[1], &end, 10);
    if (end == f[1] || *end || v < 1 || v > TB_POOL_HMAX)
        return 2;
    *h = (int)v;
    v = strtol(f[2], &end, 10);
    if (end == f[2] || *end || v < TB_YEAR_MIN || v > TB_YEAR_MAX)
        return 3;
    *year = (int)v;
    errno = 0;
    *e = strtod(f[3], &end);
    if (end == f[3] || *end || errno || !isfinite(*e))
        return 4;
    return 0;
}

tb_status tb_errpool_read(const char *path, const tb_point_method *m, tb_errpool **out,
                          tb_error *err)
{
    static const char *const what[] = {
        NULL, "a class (count_lt50, count_50_500, count_gt500 or rate)",
        "a horizon 1 to 10", "a year", "an error on the log scale (a finite number)",
        "no more than four fields",
    };
    *out = NULL;
    FILE *f = tb_text_open(path);
    if (!f)
        return tb_error_set(err, TB_EIO, path, 0, 0, "cannot open the error pool: %s",
                            strerror(errno));
    tb_errpool *p = tb_errpool_new(path, m);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long ln = 0;
    int header = 0, method = 0;
    tb_status st = TB_OK;
    if (!p) {
        fclose(f);
        return tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
    }
    while ((len = getline(&line, &cap, f)) > 0) {
        ln++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (ln == 1) {
            size_t skip = tb_text_boms(line, (size_t)len);
            memmove(line, line + skip, (size_t)len - skip + 1);
            len -= (ssize_t)skip;
        }
        char bad_what[80];
        const char *expect;
        size_t bad = tb_text_bad(line, (size_t)len, bad_what, sizeof bad_what, &expect);
        if (bad < (size_t)len) {
            st = tb_error_set(err, TB_EPARSE, path, ln, tb_text_column(line, bad),
                              "%s; expected %s", bad_what, expect);
            break;
        }
        tb_point_method fm;
        if (!strncmp(line, "#method ", 8)) {
            if (sscanf(line, "#method share=%lf damping=%lf window=%d mirror=%lf", &fm.share,
                       &fm.damping, &fm.window, &fm.mirror) != 4) {
                st = tb_error_set(err, TB_EPARSE, path, ln, 1,
                                  "malformed method line; expected "
                                  "'#method share=S damping=PHI window=W mirror=M'");
                break;
            }
            if (!method_equal(&fm, m)) {
                st = tb_error_set(err, TB_EDATA, path, ln, 1,
                                  "pool made with share=%g damping=%g window=%d mirror=%g, "
                                  "the program uses share=%g damping=%g window=%d mirror=%g; "
                                  "expected a pool made by this version (rebuild it with "
                                  "'trendbeeld target --write-pool')",
                                  fm.share, fm.damping, fm.window, fm.mirror, m->share,
                                  m->damping, m->window, m->mirror);
                break;
            }
            method = 1;
            continue;
        }
        if (line[0] == '#' || len == 0)
            continue;
        if (!header) {
            if (strcmp(line, "class,horizon,year,error")) {
                st = tb_error_set(err, TB_EPARSE, path, ln, 1,
                                  "header '%s'; expected 'class,horizon,year,error'", line);
                break;
            }
            header = 1;
            continue;
        }
        int cls, h, year;
        double e;
        int field = parse_row(line, &cls, &h, &year, &e);
        if (field) {
            st = tb_error_set(err, TB_EPARSE, path, ln, field, "bad field; expected %s",
                              what[field]);
            break;
        }
        if (pool_add(p, cls, h, year, e) < 0) {
            st = tb_error_set(err, TB_ENOMEM, path, ln, 0, "out of memory");
            break;
        }
    }
    if (st == TB_OK && ferror(f))
        st = tb_error_set(err, TB_EIO, path, ln, 0, "read error: %s", strerror(errno));
    if (st == TB_OK && (!method || !header))
        st = tb_error_set(err, TB_EPARSE, path, ln, 0,
                          "no %s; expected a pool written by 'trendbeeld target --write-pool'",
                          !method ? "#method line" : "header class,horizon,year,error");
    free(line);
    fclose(f);
    if (st != TB_OK) {
        tb_errpool_free(p);
        return st;
    }
    *out = p;
    return TB_OK;
}

/* ---- queries ------------------------------------------------------------- */

typedef struct {
    double v, w;
} wval;

static int cmp_wval(const void *a, const void *b)
{
    double x = ((const wval *)a)->v, y = ((const wval *)b)->v;
    return (x > y) - (x < y);
}

/* The weighted values of class CLS, horizon H, outcome years <= CUT. */
static merged *merge(const tb_errpool *p, int cls, int h, int cut)
{
    merged *mg = calloc(1, sizeof *mg);
    if (!mg)
        return NULL;
    for (int y = p->first_year; y <= cut; y++) {
        size_t n = p->cell[cls][h - 1][y - TB_YEAR_MIN].n;
        mg->nerr += n;
        mg->nyears += n > 0;
    }
    double m = p->method.mirror;
    size_t copies = m > 0 ? 2 : 1, n = mg->nerr * copies, k = 0;
    wval *w = malloc((n ? n : 1) * sizeof *w);
    mg->v = malloc((n ? n : 1) * sizeof *mg->v);
    mg->cum = malloc((n ? n : 1) * sizeof *mg->cum);
    if (!w || !mg->v || !mg->cum) {
        free(w);
        free(mg->v);
        free(mg->cum);
        free(mg);
        return NULL;
    }
    for (int y = p->first_year; y <= cut; y++) {
        const vec *c = &p->cell[cls][h - 1][y - TB_YEAR_MIN];
        for (size_t i = 0; i < c->n; i++) {
            w[k++] = (wval){c->e[i], (1 - m) / (double)mg->nerr};
            if (copies == 2)
                w[k++] = (wval){-c->e[i], m / (double)mg->nerr};
        }
    }
    qsort(w, n, sizeof *w, cmp_wval);
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        total += w[i].w;
        mg->v[i] = w[i].v;
        mg->cum[i] = total;
    }
    if (n)
        mg->cum[n - 1] = 1;
    mg->n = n;
    free(w);
    return mg;
}

/* The merged errors of class CLS, horizon H, outcome years <= CUT, made
 * on first use and kept. */
static const merged *merged_for(tb_errpool *p, int cls, int h, int cut)
{
    if (cut > p->last_year)
        cut = p->last_year;
    if (cut < TB_YEAR_MIN || !p->last_year || cut < p->first_year)
        return NULL;
    merged **slot = &p->cache[cls][h - 1][cut - TB_YEAR_MIN];
    merged *mg = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (mg)
        return mg;
    pthread_mutex_lock(&p->lock);
    mg = *slot;
    if (!mg && (mg = merge(p, cls, h, cut)))
        __atomic_store_n(slot, mg, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&p->lock);
    return mg;
}

int tb_errdist_make(const tb_errpool *const *pools, size_t npools, const int *year,
                    const double *value, size_t n, int counts, int h, int cut,
                    tb_errdist *d)
{
    memset(d, 0, sizeof *d);
    d->cls = -1;
    d->h = h;
    d->cut = cut;
    d->counts = counts;
    d->point = NAN;
    if (!n || h < 1 || h > TB_POOL_HMAX)
        return 0;
    d->cls = tb_pool_class_for(value[n - 1], counts);
    if (d->cls < 0)
        return 0;
    for (size_t i = 0; i < npools; i++) {
        /* the cache is the only thing a query changes */
        tb_errpool *p = (tb_errpool *)pools[i];
        const merged *mg = p ? merged_for(p, d->cls, h, cut) : NULL;
        if (!mg || mg->nerr < TB_POOL_MIN_ERRORS || mg->nyears < TB_POOL_MIN_YEARS)
            continue;
        d->point = tb_point_forecast(year, value, n, counts, h, &p->method);
        if (isnan(d->point))
            return 0;
        d->pool = p;
        d->n = mg->nerr;
        d->nyears = mg->nyears;
        return 1;
    }
    return 0;
}

static const merged *dist_errors(const tb_errdist *d)
{
    return merged_for((tb_errpool *)d->pool, d->cls, d->h, d->cut);
}

/* Weight of the values <= X. */
static double ecdf(const merged *mg, double x)
{
    size_t lo = 0, hi = mg->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (mg->v[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? mg->cum[lo - 1] : 0;
}

double tb_errdist_prob_le(const tb_errdist *d, double y0)
{
    if (!d->pool || isnan(y0))
        return NAN;
    const merged *mg = dist_errors(d);
    if (!mg || !mg->n)
        return NAN;
    double z;
    if (d->counts) {
        double k = floor(y0);
        if (k < 0)
            return 0;
        /* outcome k sits at log(k + 0.5); the cut halfway to k + 1 */
        z = log(k + 1.0);
    } else {
        if (y0 <= 0)
            return 0;
        z = log(y0);
    }
    return ecdf(mg, z - d->point);
}

double tb_errdist_quantile(const tb_errdist *d, double q)
{
    if (!d->pool || !(q > 0 && q < 1))
        return NAN;
    const merged *mg = dist_errors(d);
    if (!mg || !mg->n)
        return NAN;
    /* the inverse of the empirical distribution: the first value whose
     * cumulative weight reaches Q */
    size_t lo = 0, hi = mg->n - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (mg->cum[mid] >= q - 1e-12)
            hi = mid;
        else
            lo = mid + 1;
    }
    double z = d->point + mg->v[lo];
    if (!d->counts)
        return exp(z);
    double y = exp(z) - 0.5;
    y = q < 0.5 ? floor(y) : ceil(y);
    return y < 0 ? 0 : y;
}

double tb_errdist_median(const tb_errdist *d)
{
    return tb_errdist_quantile(d, 0.5);
}

/* Holt linear exponential smoothing, plain and damped, as forecast::holt.
 *
 * One-step forecast f_t = l + phi b from the states after t - 1.  Two
 * ways of updating with the error e_t = y_t - f_t:
 *   error-correction form (forecast::ets, "ETS(A,A,N)" / "(A,Ad,N)"):
 *       l' = f_t + alpha e_t,         b' = phi b + beta e_t
 *   HoltWinters form (stats::HoltWinters, forecast's HoltWintersZZ):
 *       l' = alpha y_t + (1 - alpha) f_t,
 *       b' = beta (l' - l) + (1 - beta) phi b
 * Point forecast h steps after the last year: l_n + (phi + ... + phi^h) b_n.
 * Forecast variance (forecast's class-1 formula, also applied by R to
 * HoltWintersZZ fits with its own beta):
 *   var_h = sigma2 (1 + sum_{j=1}^{h-1} c_j^2),  c_j = alpha + beta (phi + ... + phi^j)
 * and the intervals mean -+ qnorm(1 - (1 - L)/2) sqrt(var_h).
 *
 * Optimised fits follow what forecast::holt does:
 *   n > 4 + #parameters (n >= 9 plain, n >= 10 damped): ets, minimising
 *     the MSE over alpha, beta, (phi) and the time-0 states l0, b0, with
 *     1e-4 <= alpha <= 0.9999, 1e-4 <= beta <= alpha, 0.8 <= phi <= 0.98;
 *     sigma2 = SSE/(n - #parameters).  The errors are affine in (l0, b0),
 *     so for given smoothing parameters the best states come from a linear
 *     least-squares fit (gsl_multifit_linear) and Nelder-Mead searches only
 *     alpha, beta, phi.
 *   shorter series: HoltWintersZZ with l0 = y1, b0 = y2 - y1 at t = 0,
 *     alpha and beta in [0, 1] minimising the SSE of all n errors, phi = 1
 *     (a damped request is fitted undamped, as R does); sigma2 = SSE/n.
 * Years without a value inside the series advance the states without an
 * update (l' = l + phi b, b' = phi b).
 */
#include "model_common.h"
#include "models_test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_multimin.h>

enum { FORM_ETS = 1, FORM_HW = 2 };

typedef struct {
    int engine; /* 0 fixed, 1 ets, 2 HoltWintersZZ */
    double sigma2;
    size_t n;
    double fitted[]; /* one-step fitted values, NaN where none */
} holt_priv;

typedef struct {
    int form;
    double alpha, beta, phi;
} holt_par;

/* Run the recursion over the observations FROM .. n-1, starting from the
 * states (l, b) at year CUR.  Writes the one-step errors to E and the
 * forecasts to FITTED (either may be NULL) and returns the SSE. */
static double holt_run(const holt_par *p, const int *year, const double *y,
                       size_t from, size_t n, int cur, double l, double b,
                       double *e, double *fitted, double *ln, double *bn)
{
    double sse = 0;
    for (size_t i = from; i < n; i++) {
        for (int gap = cur + 1; gap < year[i]; gap++) {
            l += p->phi * b; /* a year without a value: predict only */
            b *= p->phi;
        }
        double f = l + p->phi * b, err = y[i] - f, l1;
        if (p->form == FORM_ETS) {
            l1 = f + p->alpha * err;
            b = p->phi * b + p->beta * err;
        } else {
            l1 = p->alpha * y[i] + (1 - p->alpha) * f;
            b = p->beta * (l1 - l) + (1 - p->beta) * p->phi * b;
        }
        l = l1;
        cur = year[i];
        sse += err * err;
        if (e)
            e[i] = err;
        if (fitted)
            fitted[i] = f;
    }
    if (ln)
        *ln = l;
    if (bn)
        *bn = b;
    return sse;
}

/* ---- optimisation ---- */

typedef struct {
    int engine, damped;
    const int *year;
    const double *y;
    size_t n;
    double *e0, *u, *v;
    gsl_matrix *X;
    gsl_vector *rhs, *c;
    gsl_matrix *cov;
    gsl_multifit_linear_workspace *work;
    double l0, b0; /* fixed states (engine 2) or the best ones (engine 1) */
    /* best point seen */
    double best_sse, best[3], best_l0, best_b0;
} holt_ctx;

/* Bounded parameters from unconstrained x: lo + (hi - lo) sin^2(x)
 * reaches both bounds at finite x, where many of these fits end. */
static double squash(double x, double lo, double hi)
{
    double s = sin(x);
    return lo + (hi - lo) * s * s;
}

static double unsquash(double v, double lo, double hi)
{
    double r = (v - lo) / (hi - lo);
    r = r < 0 ? 0 : r > 1 ? 1 : r;
    return asin(sqrt(r));
}

static void params_from_x(const holt_ctx *c, const double *x, holt_par *p)
{
    if (c->engine == 1) {
        p->form = FORM_ETS;
        p->alpha = squash(x[0], 1e-4, 0.9999);
        p->beta = squash(x[1], 1e-4, p->alpha);
        p->phi = c->damped ? squash(x[2], 0.8, 0.98) : 1;
    } else {
        p->form = FORM_HW;
        p->alpha = squash(x[0], 0, 1);
        p->beta = squash(x[1], 0, 1);
        p->phi = 1;
    }
}

/* ---- the ets objective ----
 * The search spends nearly all its time in the recursions below, so they
 * are written out for the error-correction form alone.  PHI is passed as
 * a constant 1 for undamped fits: x * 1 == x exactly, so the compiler
 * drops those multiplications without changing a bit of the result, and
 * the chain of dependent operations per year gets shorter.  The
 * arithmetic is otherwise that of holt_run, operation for operation. */

/* One year of ets: error e = y - (l + phi b), then update (l, b). */
static inline double ets_step(double *l, double *b, double y, double alpha,
                              double beta, double phi)
{
    double f = *l + phi * *b, err = y - f;
    *l = f + alpha * err;
    *b = phi * *b + beta * err;
    return err;
}

/* The errors e0 of the recursion on y from (0, 0) and u, v of the
 * recursion on a zero series from (1, 0) and (0, 1), stored in C, and the
 * sums uu, uv, vv, ue, ve of the normal equations in S.  The three
 * recursions are independent, so one pass runs them side by side and the
 * processor overlaps them. */
static inline void ets_basis(holt_ctx *c, double alpha, double beta, double phi,
                             double s[5])
{
    const int *year = c->year;
    const double *y = c->y;
    double le = 0, be = 0, lu = 1, bu = 0, lv = 0, bv = 1;
    double uu = 0, uv = 0, vv = 0, ue = 0, ve = 0;
    int cur = year[0] - 1;
    for (size_t i = 0; i < c->n; i++) {
        for (int gap = cur + 1; gap < year[i]; gap++) {
            le += phi * be; /* a year without a value: predict only */
            be *= phi;
            lu += phi * bu;
            bu *= phi;
            lv += phi * bv;
            bv *= phi;
        }
        cur = year[i];
        double e = ets_step(&le, &be, y[i], alpha, beta, phi);
        double u = ets_step(&lu, &bu, 0.0, alpha, beta, phi);
        double v = ets_step(&lv, &bv, 0.0, alpha, beta, phi);
        c->e0[i] = e, c->u[i] = u, c->v[i] = v;
        uu += u * u;
        uv += u * v;
        vv += v * v;
        ue += u * e;
        ve += v * e;
    }
    s[0] = uu, s[1] = uv, s[2] = vv, s[3] = ue, s[4] = ve;
}

static void ets_basis_any(holt_ctx *c, const holt_par *p, double s[5])
{
    if (p->phi == 1)
        ets_basis(c, p->alpha, p->beta, 1.0, s);
    else
        ets_basis(c, p->alpha, p->beta, p->phi, s);
}

/* SSE at the smoothing parameters P; for ets with (l0, b0) at their
 * least-squares values, returned in *L0, *B0. */
static double ctx_sse(holt_ctx *c, const holt_par *p, double *l0, double *b0)
{
    if (c->engine != 1) {
        *l0 = c->l0, *b0 = c->b0;
        return holt_run(p, c->year, c->y, 0, c->n, c->year[0] - 1, c->l0, c->b0, NULL, NULL,
                        NULL, NULL);
    }
    /* e = e0 + l0 u + b0 v, with u, v the errors of the recursion on a
     * zero series started from (1, 0) and (0, 1).  Least squares for
     * (l0, b0): minimise |e0 + l0 u + b0 v|^2.  The normal equations of
     * this 2-column problem, solved in closed form:
     *   [uu uv; uv vv] (l0, b0)' = -(ue, ve)'
     * (inside the search this is far cheaper than an SVD; the columns
     * are never close to collinear: u stays near 1, v grows like t). */
    double s[5];
    ets_basis_any(c, p, s);
    double uu = s[0], uv = s[1], vv = s[2], ue = s[3], ve = s[4];
    double det = uu * vv - uv * uv;
    if (!(fabs(det) > 1e-12 * uu * vv)) {
        /* degenerate: fall back on the SVD least-squares fit */
        for (size_t i = 0; i < c->n; i++) {
            gsl_matrix_set(c->X, i, 0, c->u[i]);
            gsl_matrix_set(c->X, i, 1, c->v[i]);
            gsl_vector_set(c->rhs, i, -c->e0[i]);
        }
        double chisq;
        if (gsl_multifit_linear(c->X, c->rhs, c->c, c->cov, &chisq, c->work))
            return INFINITY;
        *l0 = gsl_vector_get(c->c, 0);
        *b0 = gsl_vector_get(c->c, 1);
    } else {
        *l0 = (-ue * vv + ve * uv) / det;
        *b0 = (-ve * uu + ue * uv) / det;
    }
    /* the errors at those states are e0 + l0 u + b0 v */
    double sse = 0;
    for (size_t i = 0; i < c->n; i++) {
        double e = c->e0[i] + *l0 * c->u[i] + *b0 * c->v[i];
        sse += e * e;
    }
    return sse;
}

static double objective(const gsl_vector *xv, void *arg)
{
    holt_ctx *c = arg;
    double x[3] = {gsl_vector_get(xv, 0), gsl_vector_get(xv, 1),
                   xv->size > 2 ? gsl_vector_get(xv, 2) : 0};
    holt_par p;
    params_from_x(c, x, &p);
    double l0, b0, sse = ctx_sse(c, &p, &l0, &b0);
    if (!isfinite(sse))
        return 1e300;
    if (sse < c->best_sse) { /* strictly better: ties keep the earlier point */
        c->best_sse = sse;
        c->best[0] = p.alpha, c->best[1] = p.beta, c->best[2] = p.phi;
        c->best_l0 = l0, c->best_b0 = b0;
    }
    return sse;
}

static void nelder_mead(holt_ctx *c, const double *x0, size_t dim)
{
    const gsl_multimin_fminimizer_type *T = gsl_multimin_fminimizer_nmsimplex2;
    gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc(T, dim);
    gsl_vector *x = gsl_vector_alloc(dim), *step = gsl_vector_alloc(dim);
    if (!s || !x || !step)
        goto done;
    for (size_t k = 0; k < dim; k++) {
        gsl_vector_set(x, k, x0[k]);
        gsl_vector_set(step, k, 0.25);
    }
    gsl_multimin_function fn = {objective, dim, c};
    if (gsl_multimin_fminimizer_set(s, &fn, x, step))
        goto done;
    double mark = INFINITY; /* the minimum is known after an iteration */
    for (int it = 0; it < 600; it++) {
        if (gsl_multimin_fminimizer_iterate(s))
            break;
        if (it == 0)
            mark = gsl_multimin_fminimizer_minimum(s);
        if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), 1e-6) == GSL_SUCCESS)
            break;
        /* A parameter at its bound, where the squashing leaves the SSE
         * flat, keeps the simplex from shrinking: stop when 20 iterations
         * gained less than 1e-12 of the SSE.  (On 90.000 generated series,
         * yearly and aggregated monthly, with gaps, plain and damped, no
         * SSE is 2e-12 above that of 50 iterations and 1e-10, which match
         * 600 iterations to 12 digits, in 60% of their time; windows of 10
         * iterations lose up to 1% on a few series.) */
        if (it % 20 == 19) {
            double now = gsl_multimin_fminimizer_minimum(s);
            if (!(now < mark * (1 - 1e-12)))
                break;
            mark = now;
        }
    }
done:
    gsl_multimin_fminimizer_free(s);
    gsl_vector_free(x);
    gsl_vector_free(step);
}

/* Search the smoothing parameters: R's start values first (so that a
 * flat objective, e.g. a constant series, reports them), then the best
 * points of a coarse grid, each polished by Nelder-Mead, and a final
 * restart from the best point. */
static int holt_optimise(holt_ctx *c)
{
    size_t dim = c->engine == 1 && c->damped ? 3 : 2;
    double x0[3];
    if (c->engine == 1) {
        x0[0] = unsquash(0.2, 1e-4, 0.9999);
        x0[1] = unsquash(0.02, 1e-4, 0.2);
        x0[2] = unsquash(0.978, 0.8, 0.98);
    } else {
        x0[0] = unsquash(0.2, 0, 1);
        x0[1] = unsquash(0.02, 0, 1);
        x0[2] = 0;
    }
    gsl_vector_view xv = gsl_vector_view_array(x0, dim);
    objective(&xv.vector, c);
    nelder_mead(c, x0, dim);

    /* coarse grid in the unconstrained coordinates */
    enum { G = 6, KEEP = 2 };
    double grid[G] = {0.05, 0.3, 0.6, 0.9, 1.2, 1.5};
    double keep_f[KEEP], keep_x[KEEP][3];
    for (int k = 0; k < KEEP; k++)
        keep_f[k] = INFINITY;
    int gphi = dim == 3 ? 3 : 1;
    for (int i = 0; i < G; i++)
        for (int j = 0; j < G; j++)
            for (int k = 0; k < gphi; k++) {
                double x[3] = {grid[i], grid[j], 0.3 + 0.5 * k};
                gsl_vector_view v = gsl_vector_view_array(x, dim);
                double f = objective(&v.vector, c);
                int worst = 0;
                for (int m = 1; m < KEEP; m++)
                    if (keep_f[m] > keep_f[worst])
                        worst = m;
                if (f < keep_f[worst]) {
                    keep_f[worst] = f;
                    memcpy(keep_x[worst], x, sizeof x);
                }
            }
    for (int k = 0; k < KEEP; k++)
        if (isfinite(keep_f[k]))
            nelder_mead(c, keep_x[k], dim);
    /* restart from the best point found, and once more if that moved it:
     * from an unchanged best point Nelder-Mead would only repeat the
     * same run (it is deterministic and best_sse falls whenever the best
     * point changes). */
    for (int r = 0; r < 2 && isfinite(c->best_sse); r++) {
        double before = c->best_sse;
        double xb[3];
        if (c->engine == 1) {
            xb[0] = unsquash(c->best[0], 1e-4, 0.9999);
            xb[1] = unsquash(c->best[1], 1e-4, c->best[0]);
            xb[2] = unsquash(c->best[2], 0.8, 0.98);
        } else {
            xb[0] = unsquash(c->best[0], 0, 1);
            xb[1] = unsquash(c->best[1], 0, 1);
            xb[2] = 0;
        }
        nelder_mead(c, xb, dim);
        if (!(c->best_sse < before))
            break;
    }
    return isfinite(c->best_sse);
}

static void ctx_free(holt_ctx *c)
{
    free(c->e0);
    free(c->u);
    free(c->v);
    gsl_matrix_free(c->X);
    gsl_vector_free(c->rhs);
    gsl_vector_free(c->c);
    gsl_matrix_free(c->cov);
    if (c->work)
        gsl_multifit_linear_free(c->work);
}

/* ---- building the fit ---- */

/* Fill F from the parameters and the start states.  FROM = 0 with states
 * at year[0] - 1 (t = 0), or FROM = 1 with states at year[0] (t = 1). */
static tb_status holt_finish(tb_fit *f, int engine, const holt_par *p,
                             const int *year, const double *y, size_t n,
                             size_t from, double l, double b, int nparams,
                             const tb_fit_options *opt, tb_error *err)
{
    holt_priv *hp = malloc(sizeof *hp + n * sizeof(double));
    if (!hp)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "holt: out of memory");
    f->priv_ = hp;
    hp->engine = engine;
    hp->n = n;
    for (size_t i = 0; i < n; i++)
        hp->fitted[i] = NAN;
    int cur = from ? year[0] : year[0] - 1;
    double ln, bn;
    double sse = holt_run(p, year, y, from, n, cur, l, b, NULL, hp->fitted, &ln, &bn);
    size_t nerr = n - from;

    f->alpha = p->alpha;
    f->beta = p->beta;
    f->phi = p->phi;
    f->intercept = l; /* the start states: at t = 0, or at t = 1 (from = 1) */
    f->slope = b;
    f->level_n = ln;
    f->trend_n = bn;
    f->sse = sse;
    if (engine == 1) {
        /* forecast::ets: sigma2 = SSE/(n - np); loglik = -n/2 log(SSE)
         * (its likelihood without constants); AICc with np + 1
         * parameters (sigma included), as ets reports it. */
        hp->sigma2 = sse / (double)(n - (size_t)nparams);
        f->df_resid = (int)n - nparams;
        f->loglik = -0.5 * n * log(sse);
        double k = nparams + 1;
        if ((double)n - k - 1 > 0)
            f->aicc = -2 * f->loglik + 2 * k + 2 * k * (k + 1) / ((double)n - k - 1);
    } else {
        /* HoltWintersZZ and fixed parameters: mean squared one-step error */
        hp->sigma2 = nerr ? sse / (double)nerr : NAN;
    }
    f->sigma = sqrt(hp->sigma2);

    double z80 = gsl_cdf_ugaussian_Pinv(0.9), z95 = gsl_cdf_ugaussian_Pinv(0.975);
    int clipped = 0;
    double phisum = 0, phipow = 1, sumc2 = 0;
    for (size_t h = 0; h < f->nforecast; h++) {
        tb_forecast *fc = &f->forecast[h];
        /* steps ahead are calendar years after the last observation */
        phipow *= p->phi;
        phisum += phipow;
        double m = ln + phisum * bn;
        double sd = sqrt(hp->sigma2 * (1 + sumc2));
        double cj = p->alpha + p->beta * phisum; /* c_h, used from h + 1 on */
        sumc2 += cj * cj;
        double e[5] = {m, m - z80 * sd, m + z80 * sd, m - z95 * sd, m + z95 * sd};
        if (opt->counts)
            for (int k = 0; k < 5; k++)
                if (e[k] < 0) {
                    e[k] = 0;
                    clipped = 1;
                }
        fc->mean = e[0];
        fc->lo80 = e[1], fc->hi80 = e[2], fc->lo95 = e[3], fc->hi95 = e[4];
    }
    if (clipped)
        tb_fit_warn_(f, "counts cannot be negative: forecasts and interval ends below 0 "
                     "are shown as 0");
    return TB_OK;
}

static tb_status alloc_fit(tb_model_kind kind, const int *year, size_t n,
                           const tb_fit_options *opt, tb_fit **out, tb_error *err)
{
    *out = tb_fit_alloc_(kind, year, n, opt);
    if (!*out)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "holt: out of memory");
    return TB_OK;
}

static void warn_short(tb_fit *f, size_t n)
{
    if (n < 10)
        tb_fit_warn_(f, "only %zu years: Holt's smoothing parameters are poorly determined "
                     "on fewer than 10 years, so the forecast mostly extends the last level "
                     "and trend; a regression model is easier to defend here", n);
}

tb_status tb_holt_given_(tb_model_kind kind, int engine, const int *year,
                         const double *y, size_t n, double alpha, double beta,
                         double phi, double l0, double b0,
                         const tb_fit_options *opt, tb_fit **out, tb_error *err)
{
    tb_fit_options defaults;
    if (!opt) {
        tb_fit_options_init(&defaults);
        opt = &defaults;
    }
    if (n < 1 || (engine != 1 && engine != 2))
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0, "holt: engine 1 or 2 and n >= 1");
    tb_status st = alloc_fit(kind, year, n, opt, out, err);
    if (st)
        return st;
    holt_par p = {engine == 1 ? FORM_ETS : FORM_HW, alpha, beta, phi};
    int np = engine == 1 ? (kind == TB_MODEL_HOLT_DAMPED ? 5 : 4) : 2;
    st = holt_finish(*out, engine, &p, year, y, n, 0, l0, b0, np, opt, err);
    if (st) {
        tb_fit_free(*out);
        *out = NULL;
    }
    return st;
}

static tb_status holt_fixed(tb_model_kind kind, const int *year, const double *y,
                            size_t n, const tb_fit_options *opt, tb_fit **out,
                            tb_error *err)
{
    const char *name = tb_model_name(kind);
    double phi = opt->phi;
    if (!(opt->alpha >= 0 && opt->alpha <= 1) || !(opt->beta >= 0 && opt->beta <= 1))
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "%s: fixed smoothing needs alpha and beta in [0, 1], got "
                            "alpha = %g, beta = %g", name, opt->alpha, opt->beta);
    if (kind == TB_MODEL_HOLT_DAMPED) {
        if (!(phi > 0 && phi <= 1))
            return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                                "holt_damped: fixed smoothing needs phi in (0, 1], got %g", phi);
    } else if (!isnan(phi) && phi != 1) {
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "holt: phi = %g applies to holt_damped only", phi);
    } else {
        phi = 1;
    }
    if (opt->holt_fixed != TB_HOLT_FIXED_T0 && opt->holt_fixed != TB_HOLT_FIXED_T1)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                            "%s: holt_fixed must be %d (states at t = 0) or %d (at t = 1), "
                            "got %d", name, TB_HOLT_FIXED_T0, TB_HOLT_FIXED_T1, opt->holt_fixed);
    if (n < 2)
        return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                            "%s: Holt starts from the first two years, the series has %zu",
                            name, n);
    tb_status st = alloc_fit(kind, year, n, opt, out, err);
    if (st)
        return st;
    holt_par p = {FORM_HW, opt->alpha, opt->beta, phi};
    /* l = y1, b = y2 - y1 (per year, when a year is missing between them) */
    double l = y[0], b = (y[1] - y[0]) / (year[1] - year[0]);
    size_t from = opt->holt_fixed == TB_HOLT_FIXED_T1 ? 1 : 0;
    st = holt_finish(*out, 0, &p, year, y, n, from, l, b, 2, opt, err);
    if (st) {
        tb_fit_free(*out);
        *out = NULL;
        return st;
    }
    warn_short(*out, n);
    return TB_OK;
}

tb_status tb_fit_holt_(tb_model_kind kind, const int *year, const double *y,
                       size_t n, const tb_fit_options *opt, tb_fit **out,
                       tb_error *err)
{
    const char *name = tb_model_name(kind);
    *out = NULL;
    if (opt->holt_fixed)
        return holt_fixed(kind, year, y, n, opt, out, err);
    if (n < 3)
        return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                            "%s: estimating the smoothing parameters needs at least 3 years, "
                            "the series has %zu; give fixed --alpha and --beta instead",
                            name, n);

    int damped = kind == TB_MODEL_HOLT_DAMPED;
    int nparams = damped ? 5 : 4; /* alpha, beta, (phi), l0, b0 */
    holt_ctx c = {0};
    c.engine = (int)n > nparams + 4 ? 1 : 2;
    c.damped = damped && c.engine == 1;
    c.year = year;
    c.y = y;
    c.n = n;
    c.best_sse = INFINITY;
    c.l0 = y[0];
    c.b0 = (y[1] - y[0]) / (year[1] - year[0]);
    if (c.engine == 1) {
        c.e0 = malloc(n * sizeof *c.e0);
        c.u = malloc(n * sizeof *c.u);
        c.v = malloc(n * sizeof *c.v);
        c.X = gsl_matrix_alloc(n, 2);
        c.rhs = gsl_vector_alloc(n);
        c.c = gsl_vector_alloc(2);
        c.cov = gsl_matrix_alloc(2, 2);
        c.work = gsl_multifit_linear_alloc(n, 2);
        if (!c.e0 || !c.u || !c.v || !c.X || !c.rhs || !c.c || !c.cov || !c.work) {
            ctx_free(&c);
            return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "%s: out of memory", name);
        }
    }
    int ok = holt_optimise(&c);
    ctx_free(&c);
    if (!ok)
        return tb_error_set(err, TB_EMODEL, NULL, 0, 0,
                            "%s: the smoothing recursion gave no finite sum of squares",
                            name);

    tb_status st = alloc_fit(kind, year, n, opt, out, err);
    if (st)
        return st;
    holt_par p = {c.engine == 1 ? FORM_ETS : FORM_HW, c.best[0], c.best[1], c.best[2]};
    st = holt_finish(*out, c.engine, &p, year, y, n, 0, c.best_l0, c.best_b0,
                     c.engine == 1 ? nparams : 2, opt, err);
    if (st) {
        tb_fit_free(*out);
        *out = NULL;
        return st;
    }
    tb_fit *f = *out;
    if (damped && c.engine == 2)
        tb_fit_warn_(f, "only %zu years: too few to estimate damping as well, so the trend "
                     "is not damped (phi = 1), as forecast::holt does", n);
    if (c.engine == 2)
        tb_fit_warn_(f, "fewer than %d years: the start level and trend are the first value "
                     "and the first change, not estimated", nparams + 5);
    warn_short(f, n);
    const char *at_bound = NULL;
    if (c.engine == 1 && (p.alpha <= 1e-4 * (1 + 1e-6) || p.beta <= 1e-4 * (1 + 1e-6)))
        at_bound = "a smoothing parameter is at its lower bound 1e-4: the series is "
                   "smoothed into a fixed line";
    if (at_bound)
        tb_fit_warn_(f, "%s", at_bound);
    return TB_OK;
}

int tb_holt_engine_(const tb_fit *f)
{
    const holt_priv *hp = f ? f->priv_ : NULL;
    return hp ? hp->engine : -1;
}

const double *tb_holt_fitted_(const tb_fit *f)
{
    const holt_priv *hp = f ? f->priv_ : NULL;
    return hp ? hp->fitted : NULL;
}

double tb_prob_le_holt_(const tb_fit *f, int year, double c)
{
    const holt_priv *hp = f->priv_;
    if (!hp || year <= f->last_year || year > f->last_year + (int)f->nforecast)
        return NAN;
    /* Normal predictive distribution with the unclipped mean */
    double phisum = 0, phipow = 1, sumc2 = 0;
    int h = year - f->last_year;
    for (int j = 1; j <= h; j++) {
        phipow *= f->phi;
        phisum += phipow;
        if (j < h) {
            double cj = f->alpha + f->beta * phisum;
            sumc2 += cj * cj;
        }
    }
    double m = f->level_n + phisum * f->trend_n;
    double sd = sqrt(hp->sigma2 * (1 + sumc2));
    if (isnan(sd))
        return NAN;
    if (sd == 0)
        return c >= m ? 1 : 0;
    return gsl_cdf_ugaussian_P((c - m) / sd);
}

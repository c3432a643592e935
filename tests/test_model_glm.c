/* Count models against R: glm(poisson) polished to the exact MLE, the
 * quasi-Poisson scaling, MASS::glm.nb on every series of the R
 * reference set (status as in fit_status.csv), the predictive
 * distribution of a future count, and the seed series. */
#include "tb_test.h"

#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "trendbeeld/models.h"
#include "../src/models_test.h" /* engine values checked against R */

#include "tb_reference.h"

/* fit_status.csv: R's outcome of glm.nb per series. */
static const char *nb_outcome(const char *id, char *msg, size_t len)
{
    static char status[32];
    char line[512];
    FILE *f = open_reference("fit_status.csv");
    if (!f)
        return NULL;
    const char *res = NULL;
    while (fgets(line, sizeof line, f)) {
        char *sid = strtok(line, ","), *model = strtok(NULL, ","),
             *st = strtok(NULL, ",\r\n"), *m = strtok(NULL, "\r\n");
        if (sid && model && st && !strcmp(sid, id) && !strcmp(model, "nb")) {
            snprintf(status, sizeof status, "%s", st);
            snprintf(msg, len, "%s", m ? m : "");
            res = status;
            break;
        }
    }
    fclose(f);
    return res;
}

static const ref_series *series(const char *id)
{
    for (size_t s = 0; s < nrefs; s++)
        if (!strcmp(refs[s].id, id))
            return &refs[s];
    return NULL;
}

static double mean_of(const ref_series *x)
{
    double m = 0;
    for (int i = 0; i < x->n; i++)
        m += x->y[i];
    return m / x->n;
}

static int has_warning(const tb_fit *f, const char *needle)
{
    for (size_t i = 0; i < f->nwarnings; i++)
        if (strstr(f->warnings[i], needle))
            return 1;
    return 0;
}

/* ---- Poisson and quasi-Poisson (pois.*) ---- */

static void test_poisson_reference(void **state)
{
    (void)state;
    int fails = 0;
    for (size_t s = 0; s < nrefs; s++) {
        const ref_series *x = &refs[s];
        tb_fit *f = NULL, *q = NULL;
        tb_error err;
        assert_int_equal(tb_model_fit(TB_MODEL_POISSON, x->year, x->y, x->n, NULL, &f, &err),
                         TB_OK);
        assert_int_equal(tb_model_fit(TB_MODEL_QUASIPOISSON, x->year, x->y, x->n, NULL, &q,
                                      &err), TB_OK);
        const tb_glm_info *I = tb_glm_info_(f), *QI = tb_glm_info_(q);
        assert_non_null(I);
        assert_non_null(QI);
        /* atol only matters where R's value is 0 (the constant syn37) */
        double lscale = 1e-9 * (fabs(f->intercept) + 1), yscale = 1e-9 * mean_of(x);
        const double rt = 1e-8;
        fails += check(x->id, "pois.intercept", f->intercept, rt, lscale);
        fails += check(x->id, "pois.slope", f->slope, rt, lscale);
        fails += check(x->id, "pois.se_intercept", f->se_intercept, rt, lscale);
        fails += check(x->id, "pois.se_slope", f->se_slope, rt, lscale);
        fails += check(x->id, "pois.deviance", f->deviance, rt, yscale);
        fails += check(x->id, "pois.null_deviance", I->null_deviance, rt, yscale);
        fails += check(x->id, "pois.pearson_chi2", I->pearson_chi2, rt, yscale);
        fails += check(x->id, "pois.df_resid", f->df_resid, 0, 0);
        fails += check(x->id, "pois.dispersion", f->dispersion, rt, yscale);
        fails += check(x->id, "pois.qse_intercept", q->se_intercept, rt, lscale);
        fails += check(x->id, "pois.qse_slope", q->se_slope, rt, lscale);
        fails += check(x->id, "pois.loglik", f->loglik, rt, yscale);
        fails += check(x->id, "pois.annual_pct", f->annual_pct, rt, 100 * lscale);
        fails += check(x->id, "pois.nb_score0", I->nb_score0, rt, yscale);
        /* the quasi fit has the same coefficients and dispersion */
        fails += !tb_close(q->intercept, f->intercept, 1e-15, 0);
        fails += !tb_close(q->dispersion, f->dispersion, 1e-15, 0);
        assert_true(isnan(q->aicc) && isnan(q->loglik));
        for (size_t h = 0; h < f->nforecast; h++) {
            int yr = f->forecast[h].year;
            char qn[96];
            double lo, hi, qlo, qhi, m = f->forecast[h].mean;
            assert_int_equal(tb_fit_mean_ci(f, yr, 0.95, &lo, &hi), 0);
            assert_int_equal(tb_fit_mean_ci(q, yr, 0.95, &qlo, &qhi), 0);
#define FC(name, got, atol)                                                    \
    snprintf(qn, sizeof qn, "pois.fc.%d.%s", yr, name);                        \
    fails += check(x->id, qn, got, rt, atol)
            FC("mean", m, 0);
            FC("se_eta", tb_glm_se_eta_(f, yr), lscale);
            FC("ci95_lo", lo, 0);
            FC("ci95_hi", hi, 0);
            FC("qci95_lo", qlo, 0);
            FC("qci95_hi", qhi, 0);
#undef FC
            /* the quasi se_eta is the Poisson one times sqrt(dispersion) */
            fails += !tb_close(tb_glm_se_eta_(q, yr),
                               tb_glm_se_eta_(f, yr) * sqrt(f->dispersion), 1e-12, 1e-15);
            /* forecasts of counts: whole numbers, never below 0, around the mean */
            const tb_forecast *fc = &f->forecast[h];
            assert_true(fc->lo95 >= 0 && fc->lo95 == floor(fc->lo95));
            assert_true(fc->lo95 <= fc->lo80 && fc->lo80 <= fc->hi80 && fc->hi80 <= fc->hi95);
            assert_true(fc->lo80 <= m && m <= fc->hi80 + 1);
        }
        /* AICc with k = 2: -2 loglik + 4 + 12/(n - 3) */
        if (x->n > 3)
            assert_close(f->aicc, -2 * f->loglik + 4 + 12.0 / (x->n - 3), 1e-14);
        else
            assert_true(isnan(f->aicc));
        tb_fit_free(f);
        tb_fit_free(q);
    }
    assert_int_equal(fails, 0);
    assert_all_used("pois.");
}

/* ---- negative binomial (nb.*) ---- */

static void test_negbin_reference(void **state)
{
    (void)state;
    int fails = 0, converged = 0, not_converged = 0, errors = 0;
    for (size_t s = 0; s < nrefs; s++) {
        const ref_series *x = &refs[s];
        char rmsg[256];
        const char *rstatus = nb_outcome(x->id, rmsg, sizeof rmsg);
        assert_non_null(rstatus);
        tb_fit *f = NULL;
        tb_error err;
        tb_status st = tb_model_fit(TB_MODEL_NEGBIN, x->year, x->y, x->n, NULL, &f, &err);
        if (!strcmp(rstatus, "error")) {
            /* syn37, constant: R stops; so do we, saying why */
            assert_int_equal(st, TB_EMODEL);
            assert_non_null(strstr(err.msg, "equal"));
            fails += check(x->id, "nb.status", -1, 0, 0);
            errors++;
            continue;
        }
        assert_int_equal(st, TB_OK);
        const tb_glm_info *I = tb_glm_info_(f);
        if (!strcmp(rstatus, "not_converged")) {
            /* every failure in R is underdispersion: theta-hat = Inf */
            fails += check(x->id, "nb.status", 0, 0, 0);
            assert_int_equal(f->converged, 0);
            assert_int_equal(I->nb_status, 0);
            assert_true(I->nb_score0 < 0);
            assert_true(isinf(f->theta));
            assert_true(has_warning(f, "no overdispersion: negative binomial reduces to "
                                       "Poisson"));
            assert_true(has_warning(f, "MASS::glm.nb does not converge"));
            /* glm.nb's own warnings at the runaway theta depend on rounding
             * at theta ~ 1e7; at least one limit is reached, as in R */
            assert_non_null(strstr(I->nb_message, "limit reached"));
            assert_true(I->nb_last_theta > 1e5);
            /* the reported fit is the Poisson fit */
            tb_fit *p = NULL;
            assert_int_equal(tb_model_fit(TB_MODEL_POISSON, x->year, x->y, x->n, NULL, &p,
                                          &err), TB_OK);
            assert_close(f->intercept, p->intercept, 0);
            assert_close(f->slope, p->slope, 0);
            assert_close(f->loglik, p->loglik, 0);
            assert_close(f->forecast[0].hi95, p->forecast[0].hi95, 0);
            tb_fit_free(p);
            not_converged++;
        } else {
            assert_string_equal(rstatus, "converged");
            fails += check(x->id, "nb.status", f->converged, 0, 0);
            fails += check(x->id, "nb.theta", f->theta, 1e-6, 0);
            fails += check(x->id, "nb.se_theta", f->se_theta, 1e-6, 0);
            fails += check(x->id, "nb.intercept", f->intercept, 1e-7, 0);
            fails += check(x->id, "nb.slope", f->slope, 1e-7, 1e-9);
            fails += check(x->id, "nb.se_intercept", f->se_intercept, 1e-7, 0);
            fails += check(x->id, "nb.se_slope", f->se_slope, 1e-7, 0);
            fails += check(x->id, "nb.loglik", f->loglik, 1e-7, 0);
            fails += check(x->id, "nb.deviance", f->deviance, 1e-7, 0);
            assert_int_equal(f->nwarnings > 0, 1);
            assert_string_equal(I->nb_message, "");
            /* AICc with k = 3 (a, b, theta) */
            if (x->n > 4)
                assert_close(f->aicc, -2 * f->loglik + 6 + 24.0 / (x->n - 4), 1e-14);
            converged++;
        }
        tb_fit_free(f);
    }
    assert_int_equal(fails, 0);
    assert_int_equal(converged, 13);
    assert_int_equal(not_converged, 8);
    assert_int_equal(errors, 1);
    assert_all_used("nb.");
}

/* ---- predictive distribution of a future count ---- */

static void test_predictive_by_hand(void **state)
{
    (void)state;
    /* s2 = 0, no extra dispersion: Poisson(e^eta) exactly */
    double eta = log(37.5);
    for (int c = 0; c < 80; c += 7)
        assert_close(tb_count_pred_cdf_(eta, 0, 1, INFINITY, c),
                     gsl_cdf_poisson_P((unsigned)c, 37.5), 1e-14);
    /* P(Y <= mu) for mu = 37.5 uses floor(c) = 37 */
    assert_close(tb_count_pred_cdf_(eta, 0, 1, INFINITY, 37.5), gsl_cdf_poisson_P(37, 37.5),
                 1e-14);
    /* below 0: probability 0 */
    assert_exact(tb_count_pred_cdf_(eta, 0.04, 1, INFINITY, -0.5), 0);
    /* s2 = 0.04: the gamma-Poisson mixture is NB with size
     * k = 1/(e^0.04 - 1) = 24.5033..., mean m = 37.5 e^0.02 */
    double k = 1 / expm1(0.04), m = 37.5 * exp(0.02);
    assert_close(tb_count_pred_cdf_(eta, 0.04, 1, INFINITY, 30),
                 gsl_cdf_negative_binomial_P(30, k / (k + m), k), 1e-12);
    /* NB noise with theta = 10 and s2 = 0: NB(size 10, mean 37.5) */
    assert_close(tb_count_pred_cdf_(eta, 0, 1, 10, 30),
                 gsl_cdf_negative_binomial_P(30, 10 / 47.5, 10), 1e-12);
    /* quasi, phi = 3, s2 = 0: Var = 3 m, size m/(phi - 1) = 18.75 */
    assert_close(tb_count_pred_cdf_(eta, 0, 3, INFINITY, 30),
                 gsl_cdf_negative_binomial_P(30, 18.75 / 56.25, 18.75), 1e-12);
    /* monotone in c */
    double prev = 0;
    for (double c = 0; c < 150; c += 0.5) {
        double p = tb_count_pred_cdf_(eta, 0.04, 2.5, INFINITY, c);
        assert_true(p >= prev && p <= 1);
        prev = p;
    }
    assert_true(prev > 0.999);
}

static void test_predictive_of_a_fit(void **state)
{
    (void)state;
    const ref_series *x = series("syn04"); /* NB, theta = 5, n = 7 */
    tb_fit_options o;
    tb_fit_options_init(&o);
    for (int kind = TB_MODEL_POISSON; kind <= TB_MODEL_NEGBIN; kind++) {
        tb_fit *f = NULL;
        tb_error err;
        assert_int_equal(tb_model_fit(kind, x->year, x->y, x->n, &o, &f, &err), TB_OK);
        const tb_forecast *fc = &f->forecast[f->nforecast - 1];
        assert_int_equal(fc->year, 2018);
        /* the interval ends are the quantiles of P(Y <= c) */
        assert_true(tb_fit_prob_le(f, 2018, fc->lo95 - 1) < 0.025);
        assert_true(tb_fit_prob_le(f, 2018, fc->lo95) >= 0.025);
        assert_true(tb_fit_prob_le(f, 2018, fc->hi95 - 1) < 0.975);
        assert_true(tb_fit_prob_le(f, 2018, fc->hi95) >= 0.975);
        assert_true(tb_fit_prob_le(f, 2018, fc->lo80 - 1) < 0.1);
        assert_true(tb_fit_prob_le(f, 2018, fc->hi80) >= 0.9);
        assert_exact(tb_fit_prob_le(f, 2018, -1), 0);
        assert_true(isnan(tb_fit_prob_le(f, 2005, 10))); /* observed, not forecast */
        double prev = 0;
        for (int c = 0; c < 400; c++) {
            double p = tb_fit_prob_le(f, 2018, c);
            assert_true(p >= prev);
            prev = p;
        }
        tb_fit_free(f);
    }

    /* The closed form against a simulation of what it approximates:
     * eta ~ N(eta_hat, se^2), Y ~ Poisson(e^eta), 200000 draws. */
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_POISSON, x->year, x->y, x->n, &o, &f, &err), TB_OK);
    double eta = f->intercept + f->slope * (2018 - f->first_year);
    double se = tb_glm_se_eta_(f, 2018);
    assert_close(se, 0.210280444574719, 1e-8); /* R, pois.fc.2018.se_eta */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 20180101);
    const int N = 200000;
    int below[3] = {0, 0, 0};
    const double cs[3] = {35, 52, 75};
    for (int i = 0; i < N; i++) {
        double lambda = exp(eta + se * gsl_ran_ugaussian(r));
        unsigned int yv = gsl_ran_poisson(r, lambda);
        for (int k = 0; k < 3; k++)
            below[k] += yv <= cs[k];
    }
    gsl_rng_free(r);
    for (int k = 0; k < 3; k++) {
        double sim = (double)below[k] / N, cf = tb_fit_prob_le(f, 2018, cs[k]);
        /* Monte Carlo sd <= 0.0012; the gamma for the lognormal adds < 0.01 */
        if (fabs(sim - cf) > 0.01)
            fprintf(stderr, "P(Y <= %g): closed form %g, simulation %g\n", cs[k], cf, sim);
        assert_true(fabs(sim - cf) <= 0.01);
    }
    tb_fit_free(f);
}

/* ---- seed series and edge cases ---- */

/* Every interval end is the smallest count whose P(Y <= c) reaches its
 * level, at every scale of counts: a flat Poisson-like series of 8 counts
 * about LEVEL, an overdispersed one (quasi-Poisson and negative binomial
 * predictive), each projected 6 years ahead.  The ends come from a
 * guess walked one count at a time, with a search where the guess is far
 * off; this checks both against the cdf itself.  Ends are checked where
 * they are bounded and not raised to the trend. */
static void test_interval_ends_at_every_scale(void **state)
{
    (void)state;
    static const double levels[] = {1.6, 3, 12, 85, 640, 4800, 37000, 260000, 900000};
    static const double wobble[8] = {0.02, -0.03, 0.01, 0.04, -0.02, -0.01, 0.03, -0.04};
    int year[8];
    double y[8];
    tb_fit_options o;
    tb_fit_options_init(&o);
    o.horizon = 2023;
    int checked = 0;
    for (size_t l = 0; l < sizeof levels / sizeof levels[0]; l++)
        for (int spread = 1; spread <= 8; spread *= 8)
            for (int kind = TB_MODEL_POISSON; kind <= TB_MODEL_NEGBIN; kind++) {
                for (int i = 0; i < 8; i++) {
                    year[i] = 2010 + i;
                    y[i] = floor(levels[l] * (1 + spread * wobble[i]) * exp(-0.04 * i) + 0.5);
                }
                tb_fit *f = NULL;
                tb_error err;
                assert_int_equal(tb_model_fit(kind, year, y, 8, &o, &f, &err), TB_OK);
                for (size_t h = 0; h < f->nforecast; h++) {
                    const tb_forecast *fc = &f->forecast[h];
                    double ends[4] = {fc->lo95, fc->lo80, fc->hi80, fc->hi95};
                    static const double level[4] = {0.025, 0.1, 0.9, 0.975};
                    for (int e = 0; e < 4; e++) {
                        if (!isfinite(ends[e]) || (e >= 2 && ends[e] == floor(fc->mean)))
                            continue; /* unbounded, or raised to the trend */
                        assert_true(tb_fit_prob_le(f, fc->year, ends[e]) >= level[e]);
                        if (ends[e] > 0)
                            assert_true(tb_fit_prob_le(f, fc->year, ends[e] - 1) < level[e]);
                        checked++;
                    }
                }
                tb_fit_free(f);
            }
    assert_true(checked > 9 * 2 * 3 * 6 * 4 * 3 / 4);
}

static int same(double a, double b)
{
    return a == b || (isnan(a) && isnan(b));
}

/* quasipoisson and negbin made from a Poisson fit of the series (as auto
 * does) are the fits tb_fit_glm_ makes, number for number. */
static void test_fits_from_poisson(void **state)
{
    (void)state;
    static const char *const ids[] = {"syn04", "syn34", "noord_overlast_jeugd_groningen"};
    tb_fit_options o;
    tb_fit_options_init(&o);
    o.counts = 1;
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const ref_series *x = series(ids[i]);
        tb_error err;
        tb_fit *pois = NULL;
        assert_int_equal(tb_fit_poisson_bare_(x->year, x->y, x->n, &o, &pois, &err), TB_OK);
        for (int kind = TB_MODEL_QUASIPOISSON; kind <= TB_MODEL_NEGBIN; kind++) {
            tb_fit *a = NULL, *b = NULL;
            tb_status sa = tb_fit_glm_(kind, x->year, x->y, x->n, &o, &a, &err);
            tb_status sb = tb_fit_glm_from_poisson_(kind, pois, x->year, x->y, x->n, &o, &b, &err);
            assert_int_equal(sa, sb);
            if (sa != TB_OK)
                continue;
            assert_exact(a->intercept, b->intercept);
            assert_exact(a->slope, b->slope);
            assert_exact(a->se_slope, b->se_slope);
            assert_true(same(a->theta, b->theta));
            assert_true(same(a->aicc, b->aicc));
            assert_int_equal(a->nforecast, b->nforecast);
            for (size_t h = 0; h < a->nforecast; h++) {
                assert_exact(a->forecast[h].lo95, b->forecast[h].lo95);
                assert_exact(a->forecast[h].hi95, b->forecast[h].hi95);
            }
            assert_int_equal(a->nwarnings, b->nwarnings);
            const tb_glm_info *ia = tb_glm_info_(a), *ib = tb_glm_info_(b);
            assert_true(same(ia->nb_score0, ib->nb_score0));
            assert_true(same(ia->pearson_chi2, ib->pearson_chi2));
            assert_true(same(ia->pois_dispersion, ib->pois_dispersion));
            assert_true(same(ia->cov[1], ib->cov[1]));
            tb_fit_free(a);
            tb_fit_free(b);
        }
        tb_fit *bad = NULL;
        assert_int_equal(tb_fit_glm_from_poisson_(TB_MODEL_HOLT, pois, x->year, x->y, x->n, &o,
                                                  &bad, &err), TB_EINVAL);
        tb_fit_free(pois);
    }
}

static void test_oost_woninginbraak(void **state)
{
    (void)state;
    /* Oost-Nederland 2011-2013: 13100 (">13.000"), 15642, 14903 */
    const int year[3] = {2011, 2012, 2013};
    const double y[3] = {13100, 15642, 14903};
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_POISSON, year, y, 3, NULL, &f, &err), TB_OK);
    /* R: dispersion 127.8 on 1 degree of freedom */
    assert_close(f->dispersion, 127.806045831631, 1e-8);
    assert_true(has_warning(f, "only 3 years"));
    assert_true(has_warning(f, "Pearson dispersion 128"));
    assert_true(has_warning(f, "include the uncertainty of the trend"));
    tb_fit_free(f);
    assert_int_equal(tb_model_fit(TB_MODEL_NEGBIN, year, y, 3, NULL, &f, &err), TB_OK);
    assert_int_equal(f->converged, 1);
    assert_close(f->theta, 357.511815311445, 1e-6); /* R */
    /* 2018 (the target year of 12.111): mean exp(a + 7b) */
    const tb_forecast *fc = &f->forecast[4];
    assert_int_equal(fc->year, 2018);
    assert_close(fc->mean, exp(f->intercept + 7 * f->slope), 1e-14);
    /* R's nb.intercept + 7 nb.slope: exp(9.51948731725843 + 7 * 0.0644134965589336) */
    assert_close(fc->mean, exp(9.51948731725843 + 7 * 0.0644134965589336), 1e-7);
    assert_close(fc->mean, 21383.6, 1e-5);
    /* seven years beyond three observations: a wide 95% interval (more than
     * a factor 2 from end to end), yet on this rising trend the target
     * of 12.111 lies below its lower end: P(Y <= 12111) < 2.5% */
    assert_true(fc->hi95 > 2 * fc->lo95);
    assert_true(fc->lo95 > 12111);
    double p = tb_fit_prob_le(f, 2018, 12111);
    assert_true(p > 0 && p < 0.025);
    tb_fit_free(f);

    /* 2012-2013 only (n = 2): the Poisson curve runs through both values */
    assert_int_equal(tb_model_fit(TB_MODEL_POISSON, year + 1, y + 1, 2, NULL, &f, &err), TB_OK);
    assert_close(f->intercept, log(15642), 1e-13);
    assert_close(f->slope, log(14903.0 / 15642), 1e-11);
    assert_close(f->annual_pct, 100 * (14903.0 / 15642 - 1), 1e-10); /* -4.72% */
    assert_true(isnan(f->dispersion));
    assert_int_equal(f->df_resid, 0);
    assert_true(has_warning(f, "only 2 years"));
    tb_fit_free(f);
    assert_int_equal(tb_model_fit(TB_MODEL_NEGBIN, year + 1, y + 1, 2, NULL, &f, &err),
                     TB_EMODEL);
    assert_non_null(strstr(err.msg, "with 2 years"));
    assert_int_equal(tb_model_fit(TB_MODEL_QUASIPOISSON, year + 1, y + 1, 2, NULL, &f, &err),
                     TB_EMODEL);
    assert_non_null(strstr(err.msg, "dispersion cannot be estimated"));
}

static void test_noord_overlast_jeugd(void **state)
{
    (void)state;
    /* Groningen 3207, 2976, 2588, 2275: a steady fall, less spread than
     * Poisson, so no overdispersion for NB (R: iteration limit reached) */
    const ref_series *g = series("noord_overlast_jeugd_groningen");
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_NEGBIN, g->year, g->y, g->n, NULL, &f, &err), TB_OK);
    assert_int_equal(f->converged, 0);
    assert_true(isinf(f->theta));
    assert_true(has_warning(f, "no overdispersion"));
    /* -10.9% a year: 100 (e^b - 1), b = pois.slope of R */
    assert_close(f->annual_pct, 100 * expm1(-0.115736667117838), 1e-8);
    tb_fit_free(f);
    /* Drenthe: converges in R and here (theta 3471) */
    const ref_series *d = series("noord_overlast_jeugd_drenthe");
    assert_int_equal(tb_model_fit(TB_MODEL_NEGBIN, d->year, d->y, d->n, NULL, &f, &err), TB_OK);
    assert_int_equal(f->converged, 1);
    assert_close(f->theta, 3471.28981253718, 1e-6);
    tb_fit_free(f);
}

static void test_bad_counts(void **state)
{
    (void)state;
    const int year[4] = {2010, 2011, 2012, 2013};
    tb_fit *f = NULL;
    tb_error err;
    const double neg[4] = {5, -1, 3, 4};
    assert_int_equal(tb_model_fit(TB_MODEL_POISSON, year, neg, 4, NULL, &f, &err), TB_EMODEL);
    assert_non_null(strstr(err.msg, "the value for 2011 is -1"));
    const double zeros[4] = {0, 0, 0, 0};
    assert_int_equal(tb_model_fit(TB_MODEL_POISSON, year, zeros, 4, NULL, &f, &err), TB_EMODEL);
    assert_non_null(strstr(err.msg, "every count is 0"));
    const double one[4] = {0, 7, 0, 0};
    assert_int_equal(tb_model_fit(TB_MODEL_QUASIPOISSON, year, one, 4, NULL, &f, &err),
                     TB_EMODEL);
    assert_non_null(strstr(err.msg, "only 1 year has a count above 0"));
    assert_int_equal(tb_model_fit(TB_MODEL_NEGBIN, year, one, 1, NULL, &f, &err), TB_EMODEL);
    assert_null(f);
    /* a zero at the end is fine: counts stay >= 0 */
    const double last0[4] = {6, 4, 3, 0};
    assert_int_equal(tb_model_fit(TB_MODEL_POISSON, year, last0, 4, NULL, &f, &err), TB_OK);
    assert_true(f->slope < 0);
    for (size_t h = 0; h < f->nforecast; h++)
        assert_true(f->forecast[h].lo95 == 0 && f->forecast[h].hi95 >= 0);
    /* non-integer values: fitted, with a warning */
    tb_fit_free(f);
    const double frac[4] = {6.5, 4, 3, 2};
    assert_int_equal(tb_model_fit(TB_MODEL_POISSON, year, frac, 4, NULL, &f, &err), TB_OK);
    assert_true(has_warning(f, "not whole number"));
    double lo, hi;
    assert_int_equal(tb_fit_mean_ci(f, 2013, 0.95, &lo, &hi), -1); /* observed year */
    tb_fit_free(f);
    /* mean_ci is for count models only */
    assert_int_equal(tb_model_fit(TB_MODEL_LINEAR, year, frac, 4, NULL, &f, &err), TB_OK);
    assert_int_equal(tb_fit_mean_ci(f, 2014, 0.95, &lo, &hi), -1);
    assert_true(isnan(lo) && isnan(hi));
    assert_null(tb_glm_info_(f));
    tb_fit_free(f);
}

static void test_zero_in_the_middle(void **state)
{
    (void)state;
    /* syn34 has a 0 in the middle: R's exact values hold (checked above);
     * here the intervals are whole counts from 0 up */
    const ref_series *x = series("syn34");
    tb_fit *f = NULL;
    tb_error err;
    assert_int_equal(tb_model_fit(TB_MODEL_QUASIPOISSON, x->year, x->y, x->n, NULL, &f, &err),
                     TB_OK);
    for (size_t h = 0; h < f->nforecast; h++) {
        const tb_forecast *fc = &f->forecast[h];
        assert_true(fc->lo95 >= 0 && fc->hi95 == floor(fc->hi95) && fc->hi95 >= 1);
    }
    tb_fit_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_poisson_reference),
        cmocka_unit_test(test_negbin_reference),
        cmocka_unit_test(test_predictive_by_hand),
        cmocka_unit_test(test_predictive_of_a_fit),
        cmocka_unit_test(test_interval_ends_at_every_scale),
        cmocka_unit_test(test_fits_from_poisson),
        cmocka_unit_test(test_oost_woninginbraak),
        cmocka_unit_test(test_noord_overlast_jeugd),
        cmocka_unit_test(test_bad_counts),
        cmocka_unit_test(test_zero_in_the_middle),
    };
    return cmocka_run_group_tests(tests, load_reference, free_reference);
}

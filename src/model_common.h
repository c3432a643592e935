/* What the model families (model_ols.c, model_glm.c, model_holt.c,
 * model_sen.c, model_auto.c) share, from model_common.c.  The families
 * include this and models_priv.h, never the dispatch in model.c. */
#ifndef TRENDBEELD_MODEL_COMMON_H
#define TRENDBEELD_MODEL_COMMON_H

#include "trendbeeld/models.h"

/* A new fit with model, n, years and an empty forecast table for
 * last_year+1 .. horizon (opt->horizon, or max(2018, last+5)). */
tb_fit *tb_fit_alloc_(tb_model_kind kind, const int *year, size_t n,
                      const tb_fit_options *opt);
void tb_fit_warn_(tb_fit *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* f->priv_ is one malloc'd block (or NULL); tb_fit_free() free()s it. */

/* Student t quantile Q(p; df) to about 1e-13 relative, as R's qt (df = 1,
 * 2 in closed form, else GSL polished by Newton steps); df = Inf gives the
 * normal quantile. */
double tb_qt_(double p, double df);

#endif

/* Shared by the two files of the count models: the fit (model_glm.c)
 * calls the predictive distribution of a future count (model_glm_pred.c),
 * never the other way. */
#ifndef TRENDBEELD_MODEL_GLM_H
#define TRENDBEELD_MODEL_GLM_H

#include "models_priv.h"

/* f->priv_ of a count-model fit. */
typedef struct {
    tb_glm_info info;
    double phi;   /* dispersion of the predictive noise (1 unless quasi) */
    double theta; /* NB shape of the predictive noise (Inf unless negbin) */
} tb_glm_priv;

/* Fill the forecast table of F with exp(eta_hat) and the predictive
 * quantiles.  *UNBOUNDED gets the first year whose interval is unbounded,
 * *RAISED the first whose upper ends had to be raised (else 0). */
void tb_glm_forecast_(tb_fit *f, const tb_glm_priv *p, int *unbounded, int *raised);

#endif

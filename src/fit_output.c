/* Fits as JSON (jansson) and as long CSV.  The CSV is written by walking
 * the JSON object, so both always hold the same values. */
#include "trendbeeld/fit_output.h"
#include "trendbeeld/format.h" /* tb_csv_field */
#include "trendbeeld/output.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* json_object_set_new that records a failed allocation in *OK. */
static void put(json_t *o, const char *key, json_t *v, int *ok)
{
    if (!v || json_object_set_new(o, key, v))
        *ok = 0;
}

static json_t *str_or_empty(const char *s)
{
    return json_string(s ? s : "");
}

json_t *tb_fit_record_json(const tb_fit_record *r)
{
    const tb_fit *f = r->fit;
    int ok = 1;
    json_t *o = json_object();
    if (!o)
        return NULL;
    put(o, "region", str_or_empty(r->region), &ok);
    put(o, "indicator", str_or_empty(r->indicator), &ok);
    put(o, "measure", str_or_empty(r->measure), &ok);
    const char *model = f ? tb_model_name(f->model) : r->requested;
    put(o, "model", str_or_empty(model), &ok);
    put(o, "requested_model", str_or_empty(r->requested ? r->requested : model), &ok);

    json_t *warnings = json_array();
    if (!warnings)
        ok = 0;
    if (!f) {
        put(o, "error", str_or_empty(r->error), &ok);
    } else {
        put(o, "n", json_integer(f->n), &ok);
        put(o, "first_year", json_integer(f->first_year), &ok);
        put(o, "last_year", json_integer(f->last_year), &ok);
        put(o, "converged", json_boolean(f->converged), &ok);

        json_t *coef = json_object(), *se = json_object(), *stats = json_object();
        if (!coef || !se || !stats)
            ok = 0;
        if (coef && se && stats) {
            put(coef, "intercept", tb_json_num(f->intercept), &ok);
            put(coef, "slope", tb_json_num(f->slope), &ok);
            int holt = f->model == TB_MODEL_HOLT || f->model == TB_MODEL_HOLT_DAMPED;
            if (holt || !isnan(f->alpha)) {
                put(coef, "alpha", tb_json_num(f->alpha), &ok);
                put(coef, "beta", tb_json_num(f->beta), &ok);
                put(coef, "phi", tb_json_num(f->phi), &ok);
                put(coef, "level_n", tb_json_num(f->level_n), &ok);
                put(coef, "trend_n", tb_json_num(f->trend_n), &ok);
            }
            if (f->model == TB_MODEL_NEGBIN || !isnan(f->theta))
                put(coef, "theta", tb_json_num(f->theta), &ok);
            put(se, "intercept", tb_json_num(f->se_intercept), &ok);
            put(se, "slope", tb_json_num(f->se_slope), &ok);
            if (f->model == TB_MODEL_NEGBIN || !isnan(f->se_theta))
                put(se, "theta", tb_json_num(f->se_theta), &ok);
            put(stats, "r2", tb_json_num(f->r2), &ok);
            put(stats, "sigma", tb_json_num(f->sigma), &ok);
            put(stats, "deviance", tb_json_num(f->deviance), &ok);
            put(stats, "dispersion", tb_json_num(f->dispersion), &ok);
            put(stats, "aicc", tb_json_num(f->aicc), &ok);
            put(stats, "sse", tb_json_num(f->sse), &ok);
            put(stats, "loglik", tb_json_num(f->loglik), &ok);
            put(stats, "annual_pct", tb_json_num(f->annual_pct), &ok);
            put(stats, "df_resid", f->df_resid >= 0 ? json_integer(f->df_resid) : json_null(),
                &ok);
        }
        put(o, "coef", coef, &ok);
        put(o, "se", se, &ok);
        put(o, "stats", stats, &ok);

        json_t *fc = json_array();
        for (size_t h = 0; fc && h < f->nforecast; h++) {
            const tb_forecast *x = &f->forecast[h];
            json_t *e = json_object();
            if (!e) {
                ok = 0;
                break;
            }
            put(e, "year", json_integer(x->year), &ok);
            put(e, "mean", tb_json_num(x->mean), &ok);
            put(e, "lo80", tb_json_num(x->lo80), &ok);
            put(e, "hi80", tb_json_num(x->hi80), &ok);
            put(e, "lo95", tb_json_num(x->lo95), &ok);
            put(e, "hi95", tb_json_num(x->hi95), &ok);
            const tb_forecast *c = NULL;
            for (size_t k = 0; k < r->ncalibrated; k++)
                if (r->calibrated[k].year == x->year)
                    c = &r->calibrated[k];
            if (r->calibrated)
                put(e, "calibrated",
                    c ? json_pack("{s:o, s:o, s:o, s:o, s:o}", "median", tb_json_num(c->mean), "lo80",
                                  tb_json_num(c->lo80), "hi80", tb_json_num(c->hi80), "lo95", tb_json_num(c->lo95),
                                  "hi95", tb_json_num(c->hi95))
                      : json_null(),
                    &ok);
            if (json_array_append_new(fc, e))
                ok = 0;
        }
        put(o, "forecast", fc, &ok);

        if (f->trend) {
            const tb_trend_test *t = f->trend;
            json_t *tt = json_object();
            if (tt) {
                put(tt, "S", tb_json_num(t->S), &ok);
                put(tt, "var_S", tb_json_num(t->var_S), &ok);
                put(tt, "z", tb_json_num(t->z), &ok);
                put(tt, "p", tb_json_num(t->p), &ok);
                put(tt, "p_exact", tb_json_num(t->p_exact), &ok);
                put(tt, "tau", tb_json_num(t->tau_b), &ok);
                put(tt, "tau_a", tb_json_num(t->tau_a), &ok);
                put(tt, "tau_b", tb_json_num(t->tau_b), &ok);
                put(tt, "sen_slope", tb_json_num(t->sen_slope), &ok);
                put(tt, "sen_lo95", tb_json_num(t->sen_lo95), &ok);
                put(tt, "sen_hi95", tb_json_num(t->sen_hi95), &ok);
                put(tt, "intercept_resid", tb_json_num(t->intercept_resid), &ok);
                put(tt, "intercept_conover", tb_json_num(t->intercept_conover), &ok);
                put(tt, "n_tie_groups", json_integer(t->n_tie_groups), &ok);
            }
            put(o, "trend_test", tt, &ok);
        }
        if (f->reason)
            put(o, "reason", json_string(f->reason), &ok);
        for (size_t i = 0; warnings && i < f->nwarnings; i++)
            if (json_array_append_new(warnings, json_string(f->warnings[i])))
                ok = 0;
    }
    for (size_t i = 0; warnings && i < r->nnotes; i++)
        if (json_array_append_new(warnings, json_string(r->notes[i])))
            ok = 0;
    put(o, "warnings", warnings, &ok);
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* ---- CSV ---- */

/* Shortest of %.15g / %.17g that reads back as the same double. */
static void csv_number(FILE *out, double v)
{
    char buf[40];
    if (v == floor(v) && fabs(v) < 1e15 && !(v == 0 && signbit(v))) {
        /* a whole number (interval ends of counts): the same digits */
        fprintf(out, "%lld", (long long)v);
        return;
    }
    snprintf(buf, sizeof buf, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, sizeof buf, "%.17g", v);
    fputs_unlocked(buf, out);
}

/* Rows go to a buffer of one thread (tb_fit_records_csv), so they are written
 * with the unlocked stdio calls: a lock for every comma was a sixth of
 * the time of writing. */
typedef struct {
    FILE *out;
    const char *key; /* "region,indicator,measure,model," as CSV fields */
} csv_ctx;

static void csv_row(csv_ctx *c, const char *quantity, long year, const json_t *v)
{
    fputs_unlocked(c->key, c->out);
    tb_csv_field(c->out, quantity);
    putc_unlocked(',', c->out);
    if (year)
        fprintf(c->out, "%ld", year);
    putc_unlocked(',', c->out);
    if (json_is_integer(v))
        fprintf(c->out, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        csv_number(c->out, json_real_value(v));
    else if (json_is_string(v))
        tb_csv_field(c->out, json_string_value(v));
    else if (json_is_true(v))
        putc_unlocked('1', c->out);
    else if (json_is_false(v))
        putc_unlocked('0', c->out);
    putc_unlocked('\n', c->out);
}

static void csv_walk(csv_ctx *c, const char *prefix, const json_t *o)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)o, key, v) {
        char q[128];
        if (prefix)
            snprintf(q, sizeof q, "%s.%s", prefix, key);
        else
            snprintf(q, sizeof q, "%s", key);
        if (!prefix && (!strcmp(key, "region") || !strcmp(key, "indicator") ||
                        !strcmp(key, "measure") || !strcmp(key, "model")))
            continue; /* already in the key columns */
        if (json_is_object(v)) {
            csv_walk(c, q, v);
        } else if (json_is_array(v) && !strcmp(key, "forecast")) {
            size_t i;
            json_t *e;
            json_array_foreach(v, i, e) {
                long year = (long)json_integer_value(json_object_get(e, "year"));
                const char *k2;
                json_t *v2;
                json_object_foreach(e, k2, v2) {
                    char q2[160];
                    if (!strcmp(k2, "year") || (!strcmp(k2, "calibrated") && json_is_null(v2)))
                        continue;
                    if (json_is_object(v2)) {
                        const char *k3;
                        json_t *v3;
                        json_object_foreach(v2, k3, v3) {
                            snprintf(q2, sizeof q2, "forecast.%s.%s", k2, k3);
                            csv_row(c, q2, year, v3);
                        }
                    } else {
                        snprintf(q2, sizeof q2, "forecast.%s", k2);
                        csv_row(c, q2, year, v2);
                    }
                }
            }
        } else if (json_is_array(v)) {
            size_t i;
            json_t *e;
            const char *one = !strcmp(key, "warnings") ? "warning" : key;
            json_array_foreach(v, i, e) csv_row(c, one, 0, e);
        } else {
            csv_row(c, q, 0, v);
        }
    }
}

int tb_fit_records_csv(FILE *out, const tb_fit_record *r, size_t n)
{
    char *key = NULL;
    size_t klen = 0;
    FILE *k = open_memstream(&key, &klen);
    int rc = k ? 0 : -1;
    for (size_t i = 0; i < n && rc == 0; i++) {
        json_t *o = tb_fit_record_json(&r[i]);
        static const char *const keys[4] = {"region", "indicator", "measure", "model"};
        rewind(k);
        for (int j = 0; o && j < 4; j++) {
            tb_csv_field(k, json_string_value(json_object_get(o, keys[j])));
            putc_unlocked(',', k);
        }
        putc_unlocked('\0', k);
        if (!o || fflush(k) != 0) {
            rc = -1;
        } else {
            csv_ctx c = {out, key};
            csv_walk(&c, NULL, o);
        }
        json_decref(o);
    }
    if (k)
        fclose(k);
    free(key);
    return rc;
}

/* ---- the table ---- */

/* The table's columns: a JSON path into the record, or (year first) into
 * one forecast entry. */
static const struct { const char *col, *path; int per_year; } table_cols[] = {
    {"region", "region", 0}, {"indicator", "indicator", 0}, {"measure", "measure", 0},
    {"model", "model", 0}, {"requested_model", "requested_model", 0}, {"n", "n", 0},
    {"first_year", "first_year", 0}, {"last_year", "last_year", 0},
    {"converged", "converged", 0},
    {"intercept", "coef.intercept", 0}, {"slope", "coef.slope", 0},
    {"alpha", "coef.alpha", 0}, {"beta", "coef.beta", 0}, {"phi", "coef.phi", 0},
    {"theta", "coef.theta", 0}, {"level_n", "coef.level_n", 0},
    {"trend_n", "coef.trend_n", 0},
    {"se_intercept", "se.intercept", 0}, {"se_slope", "se.slope", 0},
    {"se_theta", "se.theta", 0},
    {"r2", "stats.r2", 0}, {"sigma", "stats.sigma", 0}, {"deviance", "stats.deviance", 0},
    {"dispersion", "stats.dispersion", 0}, {"aicc", "stats.aicc", 0},
    {"sse", "stats.sse", 0}, {"loglik", "stats.loglik", 0},
    {"annual_pct", "stats.annual_pct", 0}, {"df_resid", "stats.df_resid", 0},
    {"year", "year", 1}, {"mean", "mean", 1}, {"lo80", "lo80", 1}, {"hi80", "hi80", 1},
    {"lo95", "lo95", 1}, {"hi95", "hi95", 1},
    {"cal_median", "calibrated.median", 1}, {"cal_lo80", "calibrated.lo80", 1},
    {"cal_hi80", "calibrated.hi80", 1}, {"cal_lo95", "calibrated.lo95", 1},
    {"cal_hi95", "calibrated.hi95", 1},
    {"mk_S", "trend_test.S", 0}, {"mk_var_S", "trend_test.var_S", 0},
    {"mk_z", "trend_test.z", 0}, {"mk_p", "trend_test.p", 0},
    {"mk_p_exact", "trend_test.p_exact", 0}, {"mk_tau", "trend_test.tau", 0},
    {"mk_tau_b", "trend_test.tau_b", 0}, {"sen_slope", "trend_test.sen_slope", 0},
    {"sen_lo95", "trend_test.sen_lo95", 0}, {"sen_hi95", "trend_test.sen_hi95", 0},
    {"reason", "reason", 0}, {"warnings", "warnings", 0}, {"error", "error", 0},
};
#define NTABLE (sizeof table_cols / sizeof *table_cols)

const char *tb_fit_table_header(void)
{
    static char head[1024];
    if (!head[0]) {
        size_t o = 0;
        for (size_t i = 0; i < NTABLE; i++)
            o += (size_t)snprintf(head + o, sizeof head - o, "%s%s", i ? "," : "",
                                  table_cols[i].col);
        snprintf(head + o, sizeof head - o, "\n");
    }
    return head;
}

/* The value at PATH ("a.b") in O, or NULL. */
static const json_t *at_path(const json_t *o, const char *path)
{
    char p[64];
    snprintf(p, sizeof p, "%s", path);
    char *dot = strchr(p, '.');
    if (dot)
        *dot = '\0';
    const json_t *v = json_object_get(o, p);
    return dot && v ? json_object_get(v, dot + 1) : v;
}

static void table_cell(FILE *out, const json_t *v)
{
    if (json_is_integer(v))
        fprintf(out, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        csv_number(out, json_real_value(v));
    else if (json_is_string(v))
        tb_csv_field(out, json_string_value(v));
    else if (json_is_true(v))
        putc_unlocked('1', out);
    else if (json_is_false(v))
        putc_unlocked('0', out);
    else if (json_is_array(v)) { /* the warnings, in one text cell */
        char *joined = NULL;
        size_t len = 0, i;
        FILE *j = open_memstream(&joined, &len);
        json_t *e;
        json_array_foreach(v, i, e) fprintf(j, "%s%s", i ? " | " : "", json_string_value(e));
        if (j && fclose(j) == 0 && len)
            tb_csv_field(out, joined);
        free(joined);
    }
}

/* Columns [FROM, TO) of a row: the series' own cells from O, a
 * year's cells from YEAR (NULL: empty). */
static void table_cells(FILE *out, const json_t *o, const json_t *year, size_t from,
                        size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (i)
            putc_unlocked(',', out);
        table_cell(out, table_cols[i].per_year ? (year ? at_path(year, table_cols[i].path)
                                                       : NULL)
                                               : at_path(o, table_cols[i].path));
    }
}

int tb_fit_records_table(FILE *out, const tb_fit_record *r, size_t n)
{
    /* the per-year columns are one run: the series' cells before and after
     * it are formatted once and repeated on each of its rows */
    size_t y0 = 0, y1;
    while (y0 < NTABLE && !table_cols[y0].per_year)
        y0++;
    for (y1 = y0; y1 < NTABLE && table_cols[y1].per_year; y1++)
        ;
    char *head = NULL, *tail = NULL;
    size_t hl = 0, tl = 0;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        json_t *o = tb_fit_record_json(&r[i]);
        FILE *h = o ? open_memstream(&head, &hl) : NULL;
        FILE *t = h ? open_memstream(&tail, &tl) : NULL;
        if (!t) {
            if (h)
                fclose(h);
            json_decref(o);
            rc = -1;
            break;
        }
        table_cells(h, o, NULL, 0, y0);
        table_cells(t, o, NULL, y1, NTABLE);
        fclose(h);
        fclose(t);
        const json_t *fc = json_object_get(o, "forecast");
        size_t nfc = json_array_size(fc);
        for (size_t k = 0; k < (nfc ? nfc : 1); k++) {
            fputs_unlocked(head, out);
            table_cells(out, o, nfc ? json_array_get(fc, k) : NULL, y0, y1);
            fputs_unlocked(tail, out);
            putc_unlocked('\n', out);
        }
        free(head);
        free(tail);
        head = tail = NULL;
        json_decref(o);
    }
    return rc;
}

int tb_fit_records_json(FILE *out, const tb_fit_record *r, size_t n, int first)
{
    for (size_t i = 0; i < n; i++) {
        json_t *o = tb_fit_record_json(&r[i]);
        int rc = tb_json_element(out, o, first && i == 0,
                                 JSON_INDENT(2) | JSON_REAL_PRECISION(17));
        json_decref(o);
        if (rc)
            return -1;
    }
    return 0;
}

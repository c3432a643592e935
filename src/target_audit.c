/* The audit of a target's stated number: every reasonable reading of the
 * rule on each base, the change the text states, and which reading
 * gives the number (or comes closest). */
#include "target_priv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int audit_push(tb_target_result *r, const char *reading, const char *source,
                      double base, double value, double stated, int form, int steps,
                      double rate)
{
    tb_audit_row *a = realloc(r->audit, (r->naudit + 1) * sizeof *a);
    if (!a)
        return -1;
    r->audit = a;
    tb_audit_row *row = &a[r->naudit++];
    memset(row, 0, sizeof *row);
    snprintf(row->reading, sizeof row->reading, "%s", reading);
    row->source = source;
    row->base = base;
    row->value = value;
    row->diff = value - stated;
    /* a count is stated rounded: a reading matches within half a unit */
    row->matches = !isnan(row->diff) && fabs(row->diff) <= 0.5;
    row->form = form;
    row->steps = steps;
    row->rate = rate;
    row->to_value = NAN;
    return 0;
}

/* Every reasonable reading of the target's rule, on each base. */
static int audit_rule(tb_target_result *r, const tb_target *t)
{
    double bases[2] = {r->base_value_text, r->base_value_data};
    const char *srcs[2] = {SRC_TEXT, SRC_DATA};
    int N = t->target_year - t->base_year;
    double rate = t->value / 100.0, sgn = tb_target_lower_better(t->kind) ? -1 : 1;
    char buf[128];
    /* the other readings only serve to explain a number the text states:
     * without one, the rule alone (a 20% cut is no 20% a year) */
    int other = !isnan(t->stated_value);
    for (int b = 0; b < 2; b++) {
        double B = bases[b];
        if (isnan(B))
            continue;
        if (b == 1 && B == bases[0])
            continue; /* same figure twice says nothing new */
        switch (t->kind) {
        case TB_TARGET_ANNUAL_REDUCTION_PCT:
        case TB_TARGET_ANNUAL_INCREASE_PCT:
            /* N steps: every year after the base year counts; N-1 steps:
             * "in de periode base+2 .. target ieder jaar" leaves one out. */
            for (int steps = N; steps >= (other ? N - 1 : N) && steps >= 1; steps--) {
                snprintf(buf, sizeof buf, "samengesteld, %d stappen: %g x (1 %c %g)^%d",
                         steps, B, sgn < 0 ? '-' : '+', rate, steps);
                if (audit_push(r, buf, srcs[b], B, B * pow(1 + sgn * rate, steps),
                               t->stated_value, TB_AUDIT_COMPOUND, steps, sgn * rate) < 0)
                    return -1;
            }
            for (int steps = N; other && steps >= N - 1 && steps >= 1; steps--) {
                snprintf(buf, sizeof buf, "lineair, %d stappen: %g x (1 %c %d x %g)",
                         steps, B, sgn < 0 ? '-' : '+', steps, rate);
                if (audit_push(r, buf, srcs[b], B, B * (1 + sgn * rate * steps),
                               t->stated_value, TB_AUDIT_LINEAR, steps, sgn * rate) < 0)
                    return -1;
            }
            break;
        case TB_TARGET_REDUCTION_PCT:
        case TB_TARGET_INCREASE_PCT:
            snprintf(buf, sizeof buf, "%g x (1 %c %g)", B, sgn < 0 ? '-' : '+', rate);
            if (audit_push(r, buf, srcs[b], B, B * (1 + sgn * rate), t->stated_value,
                           TB_AUDIT_ONCE, 1, sgn * rate) < 0)
                return -1;
            /* read as a yearly rate compounded over the period */
            snprintf(buf, sizeof buf, "per jaar samengesteld, %d stappen: %g x (1 %c %g)^%d",
                     N, B, sgn < 0 ? '-' : '+', rate, N);
            if (other && audit_push(r, buf, srcs[b], B, B * pow(1 + sgn * rate, N),
                                    t->stated_value, TB_AUDIT_COMPOUND, N, sgn * rate) < 0)
                return -1;
            break;
        default:
            break;
        }
    }
    return 0;
}

static int audit_summarise(tb_target_result *r, const tb_target *t)
{
    double best = INFINITY;
    r->audit_match = r->audit_closest = -1;
    for (size_t i = 0; i < r->naudit; i++) {
        if (r->audit[i].change)
            continue;
        if (r->audit[i].matches && r->audit_match < 0)
            r->audit_match = (int)i;
        if (!isnan(r->audit[i].diff) && fabs(r->audit[i].diff) < best) {
            best = fabs(r->audit[i].diff);
            r->audit_closest = (int)i;
        }
    }
    /* steps k with B (1 -/+ r)^k = stated: k = ln(S/B) / ln(1 -/+ r) */
    r->audit_exponent = NAN;
    if ((t->kind == TB_TARGET_ANNUAL_REDUCTION_PCT || t->kind == TB_TARGET_ANNUAL_INCREASE_PCT) &&
        !isnan(t->stated_value)) {
        double B = !isnan(r->base_value_text) ? r->base_value_text : r->base_value_data;
        double g = t->kind == TB_TARGET_ANNUAL_REDUCTION_PCT ? 1 - t->value / 100
                                                            : 1 + t->value / 100;
        if (B > 0 && t->stated_value > 0)
            r->audit_exponent = log(t->stated_value / B) / log(g);
    }
    tb_message *m = &r->audit_summary;
    const tb_audit_row *c = r->audit_closest >= 0 ? &r->audit[r->audit_closest] : NULL;
    int ok;
    if (isnan(t->stated_value))
        ok = tb_message_set(m, TB_MSG_AUDIT_NOTHING_STATED, t->target_year);
    else if (!c)
        ok = tb_message_set(m, TB_MSG_AUDIT_STATED_NUMBER_IS_TARGET, t->stated_value, 2);
    else if (r->audit_match >= 0)
        ok = tb_message_set(m, TB_MSG_AUDIT_MATCH, t->stated_value, 0,
                            r->audit[r->audit_match].reading, r->audit[r->audit_match].source);
    else if (isnan(r->audit_exponent))
        ok = tb_message_set(m, TB_MSG_AUDIT_CLOSEST, t->stated_value, 0, c->reading, c->source,
                            c->value, 0);
    else
        ok = tb_message_set(m, TB_MSG_AUDIT_CLOSEST_EXPONENT, t->stated_value, 0, c->reading,
                            c->source, c->value, 0, r->audit_exponent, 2);
    return ok;
}

/* A change the text states ("daling van 5%: van 15.642 naar 14.903"),
 * recomputed from the text's own numbers and from the series. */
static int audit_change(tb_target_result *r, const tb_target *t, const tb_series *x)
{
    if (!t->change_from_year)
        return 0;
    char buf[128];
    double pct = 100.0 * (t->change_to_value / t->change_from_value - 1.0);
    snprintf(buf, sizeof buf, "verandering %d-%d: %g -> %g", t->change_from_year,
             t->change_to_year, t->change_from_value, t->change_to_value);
    if (audit_push(r, buf, SRC_TEXT, t->change_from_value, pct, t->change_pct,
                   TB_AUDIT_CHANGE, 0, NAN) < 0)
        return -1;
    tb_audit_row *row = &r->audit[r->naudit - 1];
    row->change = 1;
    row->from_year = t->change_from_year;
    row->to_year = t->change_to_year;
    row->to_value = t->change_to_value;
    double a = x ? tb_series_get(x, t->change_from_year) : NAN;
    double b = x ? tb_series_get(x, t->change_to_year) : NAN;
    if (!isnan(a) && !isnan(b) && (a != t->change_from_value || b != t->change_to_value)) {
        snprintf(buf, sizeof buf, "verandering %d-%d: %g -> %g", t->change_from_year,
                 t->change_to_year, a, b);
        if (audit_push(r, buf, SRC_DATA, a, 100.0 * (b / a - 1.0), t->change_pct,
                       TB_AUDIT_CHANGE, 0, NAN) < 0)
            return -1;
        row = &r->audit[r->naudit - 1];
        row->change = 1;
        row->from_year = t->change_from_year;
        row->to_year = t->change_to_year;
        row->to_value = b;
    }
    return 0;
}

int tb_target_audit_(tb_target_result *r, const tb_target *t, const tb_series *x)
{
    if (audit_rule(r, t) < 0 || audit_change(r, t, x) < 0)
        return -1;
    return audit_summarise(r, t);
}

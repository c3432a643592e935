/* Targets for policy staff: a paragraph per target and a row of an
 * overview. */
#include "target_priv.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void tb_target_write_brief(FILE *f, const tb_target_result *r, tb_lang lang)
{
    const tb_target *t = r->target;
    int en = lang == TB_LANG_EN, dec = r->counts ? 0 : 1;
    char k[200], th[240], a[32], b[32], c[32];
    tb_target_describe_kind_(k, sizeof k, t, dec, lang);
    tb_target_threshold_words_(th, sizeof th, r, lang);
    fprintf(f, en ? "The target: %s" : "Het doel: %s", k);
    if (th[0] && t->kind != TB_TARGET_MAX && t->kind != TB_TARGET_MIN)
        fprintf(f, en ? ", that is %s" : ", dat is %s", th);
    if (th[0] && tb_target_stated_differs_(r))
        fprintf(
            f,
            en ? " by the rule on the %s (the policy text states %s)"
               : " volgens de regel op de %s (de beleidstekst noemt %s)",
            tb_target_source_name_(r->base_source ? r->base_source : r->target_value_source, lang),
            tb_target_fnum_(a, sizeof a, t->stated_value, dec, lang));
    fputs(". ", f);
    if (!r->has_data) {
        char need[256];
        tb_message_render(&r->needed, lang, need, sizeof need);
        fprintf(f, en ? "There are no figures to judge it by: %s." : "Er zijn geen cijfers om "
                        "het aan te toetsen: %s.", need);
        return;
    }
    /* time outside the observed years, said as such */
    if (t->target_year < r->first_obs) {
        fprintf(f, en ? "The target year %d lies before the first observed year (%d): the "
                        "series cannot tell whether it was met."
                      : "Het doeljaar %d ligt vóór het eerste waargenomen jaar (%d): de reeks "
                        "kan niet zeggen of het doel gehaald is.",
                t->target_year, r->first_obs);
        return;
    }
    if (t->base_year && t->base_year < r->first_obs && isnan(r->base_value))
        fprintf(f, en ? "The base year %d lies before the first observed year (%d) and the "
                        "policy text gives no base figure, so the target has no number. "
                      : "Het basisjaar %d ligt vóór het eerste waargenomen jaar (%d) en de "
                        "beleidstekst geeft geen basiscijfer, dus het doel heeft geen getal. ",
                t->base_year, r->first_obs);
    if (r->met >= 0) {
        fprintf(f, en ? "%d is observed: %s, so the target was %s."
                      : "%d is waargenomen: %s, dus het doel is %s.",
                t->target_year, tb_target_fnum_(a, sizeof a, r->actual, dec, lang),
                r->met ? (en ? "met" : "gehaald") : (en ? "missed" : "niet gehaald"));
        return;
    }
    if (r->latest_year) {
        fprintf(f, en ? "In %d the value was %s" : "In %d was de waarde %s", r->latest_year,
                tb_target_fnum_(a, sizeof a, r->latest_value, dec, lang));
        if (isfinite(r->latest_required) && r->latest_ahead >= 0)
            fprintf(f, en ? ", %s the required path (%s)" : ", %s het vereiste pad (%s)",
                    fabs(r->latest_gap_pct) < 0.5 ? (en ? "on" : "op")
                    : r->latest_ahead            ? (en ? "ahead of" : "voor op")
                                                 : (en ? "behind" : "achter op"),
                    tb_target_fnum_(b, sizeof b, r->latest_required, dec, lang));
        fputs(". ", f);
    }
    if (!r->projected) {
        fprintf(f, en ? "No projection for %d is possible with %d observed years."
                      : "Een projectie voor %d is met %d waargenomen jaren niet mogelijk.",
                t->target_year, r->n_obs);
        return;
    }
    const tb_forecast *pr = r->calibrated ? &r->projection_cal : &r->projection;
    fprintf(f,
            en ? "The projection for %d is %s (80%%: %s to %s); the chance that the target "
                 "is met is %s: %s."
               : "De projectie voor %d is %s (80%%: %s tot %s); de kans dat het doel "
                 "gehaald wordt is %s: %s.",
            t->target_year, tb_target_fnum_(a, sizeof a, pr->mean, dec, lang),
            tb_target_fnum_(b, sizeof b, pr->lo80, dec, lang),
            tb_target_fnum_(c, sizeof c, pr->hi80, dec, lang),
            tb_msg_prob(k, sizeof k, r->p_met, lang), tb_verdict_name(r->verdict, lang));
    if (t->kind == TB_TARGET_LOWER_THAN_BEFORE && r->n_projected_before > 0) {
        /* why the verdict can stay uncertain with the fan below the target */
        int a0 = t->target_year - r->n_projected_before, a1 = t->target_year - 1;
        char yrs[32];
        snprintf(yrs, sizeof yrs, a0 == a1 ? "%d" : "%d–%d", a0, a1);
        tb_msg_prob(c, sizeof c, r->p_below_observed, lang);
        if (en)
            fprintf(f, " %s %s not observed yet; %d must be lower than %s too, which keeps "
                       "the chance down (below the observed years alone: %s).",
                    yrs, a0 == a1 ? "is" : "are", t->target_year,
                    a0 == a1 ? "that year" : "those years", c);
        else
            fprintf(f, " %s %s nog niet waargenomen; %d moet ook daaronder liggen, en dat "
                       "drukt de kans (alleen onder de waargenomen jaren: %s).",
                    yrs, a0 == a1 ? "is" : "zijn", t->target_year, c);
    }
    if (r->n_obs < TB_TARGET_MIN_DECIDE)
        fprintf(f, en ? " With %d observed years that is no firm verdict: the years before "
                        "%d are not in the data."
                      : " Met %d waargenomen jaren is dat geen vast oordeel: de jaren vóór %d "
                        "staan niet in de gegevens.",
                r->n_obs, r->first_obs);
    if (isfinite(r->cagr_required) && isfinite(r->cagr_observed) && r->latest_ahead == 0)
        fprintf(f, en ? " It asks %s a year; observed %d–%d: %s a year."
                      : " Daarvoor is %s per jaar nodig; waargenomen %d–%d: %s per jaar.",
                tb_target_fpct_(a, sizeof a, r->cagr_required, lang), r->rate_from, r->rate_to,
                tb_target_fpct_(b, sizeof b, r->cagr_observed, lang));
    if (r->reach_year > t->target_year)
        fprintf(f, en ? " At the present trend the target is reached in %d."
                      : " Bij de huidige trend wordt de doelwaarde in %d bereikt.",
                r->reach_year);
    else if (r->reach_year == 0 && r->verdict != TB_VERDICT_HAALBAAR)
        fprintf(f, en ? " The present trend does not reach it." :
                        " De huidige trend haalt de doelwaarde niet.");
}

void tb_target_row_cells(const tb_target_result *r, tb_lang lang, tb_target_cells *c)
{
    const tb_target *t = r->target;
    int en = lang == TB_LANG_EN, dec = r->counts ? 0 : 1;
    char a[32], b[32];
    memset(c, 0, sizeof *c);
    char th[240];
    tb_target_threshold_words_(th, sizeof th, r, lang);
    if (th[0] && t->kind != TB_TARGET_LOWER_THAN_BEFORE)
        snprintf(c->target, sizeof c->target, "%s", th);
    else
        tb_target_describe_kind_(c->target, sizeof c->target, t, dec, lang);
    /* the policy's own number beside the rule's */
    if (th[0] && tb_target_stated_differs_(r)) {
        size_t len = strlen(c->target);
        snprintf(c->target + len, sizeof c->target - len,
                 en ? " (policy text: %s)" : " (beleidstekst: %s)",
                 tb_target_fnum_(a, sizeof a, t->stated_value, dec, lang));
    }
    snprintf(c->verdict, sizeof c->verdict, "%s", tb_verdict_name(r->verdict, lang));
    if (r->met >= 0)
        snprintf(c->chance, sizeof c->chance, "%s", TB_FMT_MISSING);
    else
        snprintf(c->chance, sizeof c->chance, "%s", tb_msg_prob(a, sizeof a, r->p_met, lang));
    if (r->met >= 0)
        snprintf(c->latest, sizeof c->latest, "%s (%d)",
                 tb_target_fnum_(a, sizeof a, r->actual, dec, lang), t->target_year);
    else if (r->latest_year && isfinite(r->latest_required))
        snprintf(c->latest, sizeof c->latest, en ? "%s (%d); path %s" : "%s (%d); pad %s",
                 tb_target_fnum_(a, sizeof a, r->latest_value, dec, lang), r->latest_year,
                 tb_target_fnum_(b, sizeof b, r->latest_required, dec, lang));
    else if (r->latest_year)
        snprintf(c->latest, sizeof c->latest, "%s (%d)",
                 tb_target_fnum_(a, sizeof a, r->latest_value, dec, lang), r->latest_year);
    else
        snprintf(c->latest, sizeof c->latest, "%s", TB_FMT_MISSING);
    /* the year the trend meets the target, when that is still to come */
    if (r->reach_year > 0 && r->reach_year > r->last_obs && r->met < 0)
        snprintf(c->reach, sizeof c->reach, "%d", r->reach_year);
    else
        snprintf(c->reach, sizeof c->reach, "%s", TB_FMT_MISSING);
}

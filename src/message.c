/* The message catalogue: each code's argument types and its Dutch and
 * English wording, and the renderer that fills in the arguments. */
#include "trendbeeld/message.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *args;          /* argument types (message.h) */
    const char *nl, *en;
} msg_def;

#define BASE_DIFFERS_NL \
    "; de regel wordt op beide toegepast, het oordeel gebruikt de reeks (zelfde definitie " \
    "als de projectie)"
#define BASE_DIFFERS_EN \
    "; the rule is applied to both, the verdict uses the series (the same definition as " \
    "the projection)"

static const msg_def catalogue[TB_MSG_COUNT_] = {
    [TB_MSG_EMPTY] = {"", "", ""},
    [TB_MSG_SERIES_NOT_UP_TO_AS_OF] = {"", " (de reeks is er, maar niet tot dit peiljaar)",
                                       " (the series exists, but not up to this as-of year)"},
    [TB_MSG_NO_POOL] = {"", "geen referentiepool", "no reference pool"},
    [TB_MSG_TOO_FAR_AHEAD] = {"", "meer dan 10 jaar vooruit", "more than 10 years ahead"},
    [TB_MSG_TOO_FEW_ERRORS] = {"", "te weinig vergelijkbare fouten", "too few comparable errors"},

    [TB_MSG_VERDICT_HAALBAAR] = {"", "haalbaar", "on track"},
    [TB_MSG_VERDICT_ONZEKER] = {"", "onzeker", "at risk"},
    [TB_MSG_VERDICT_NIET_HAALBAAR] = {"", "niet haalbaar", "off track"},
    [TB_MSG_VERDICT_GEHAALD] = {"", "gehaald", "met"},
    [TB_MSG_VERDICT_NIET_GEHAALD] = {"", "niet gehaald", "missed"},
    [TB_MSG_VERDICT_GEEN_OORDEEL] = {"", "geen oordeel", "cannot be assessed"},
    [TB_MSG_PROGRESS_ON_TRACK] = {"", "op koers", "on track"},
    [TB_MSG_PROGRESS_ACCELERATE] = {"", "versnelling nodig", "acceleration needed"},
    [TB_MSG_PROGRESS_LIMITED] = {"", "beperkte vooruitgang", "limited progress"},
    [TB_MSG_PROGRESS_AWAY] = {"", "beweegt van het doel af", "moving away"},
    [TB_MSG_PROGRESS_ACHIEVED] = {"", "doel al bereikt", "already achieved"},
    [TB_MSG_PROGRESS_NA] = {"", "niet te beoordelen", "cannot be assessed"},
    [TB_MSG_AARR_ON_TRACK] = {"", "op koers", "on track"},
    [TB_MSG_AARR_SOME_PROGRESS] = {"", "enige vooruitgang", "some progress"},
    [TB_MSG_AARR_NO_PROGRESS] = {"", "geen vooruitgang", "no progress"},
    [TB_MSG_AARR_WORSENING] = {"", "verslechtering", "worsening"},
    [TB_MSG_AARR_ACHIEVED] = {"", "doel al bereikt", "already achieved"},
    [TB_MSG_AARR_NA] = {"", "niet te beoordelen", "cannot be assessed"},

    [TB_MSG_NOT_A_COUNT] = {"s",
                            "{0} is geen telling: lineaire trend in plaats van automatische keuze",
                            "{0} is not a count: linear trend instead of the automatic choice"},
    [TB_MSG_FIT_FAILED] = {"ss", "geen projectie ({0}): {1}", "no projection ({0}): {1}"},
    [TB_MSG_PROVISIONAL] = {"i", "{0} is een voorlopig cijfer", "{0} is a provisional figure"},
    [TB_MSG_NO_DATA] = {"sssiim",
                        "geen gegevens; nodig: jaarcijfers van {0} / {1} / {2}, van {3} t/m {4}{5}",
                        "no data; needed: yearly figures of {0} / {1} / {2}, {3} to {4}{5}"},
    [TB_MSG_DATA_NEEDED] = {"sssiim", "jaarcijfers van {0} / {1} / {2}, van {3} t/m {4}{5}",
                            "yearly figures of {0} / {1} / {2}, {3} to {4}{5}"},
    [TB_MSG_BASE_DIFFERS] = {"inn", "basis {0}: beleidstekst {1}, reeks {2}" BASE_DIFFERS_NL,
                             "base {0}: policy text {1}, series {2}" BASE_DIFFERS_EN},
    [TB_MSG_BASE_DIFFERS_LABELLED] =
        {"inns", "basis {0}: beleidstekst {1} ({3}), reeks {2}" BASE_DIFFERS_NL,
         "base {0}: policy text {1} ({3}), series {2}" BASE_DIFFERS_EN},
    [TB_MSG_THRESHOLD_MAY_FALL] = {"iiii",
                                   "lager dan de jaren ervoor: {0} van de {1} jaren {2}-{3} "
                                   "bekend; de drempel kan nog lager worden",
                                   "lower than the years before: {0} of the {1} years {2}-{3} "
                                   "known; the threshold may still fall"},
    [TB_MSG_RATE_WINDOW] = {"iii", "waargenomen tempo over {0}-{1}, niet vanaf basisjaar {2}",
                            "observed rate over {0}-{1}, not from the base year {2}"},
    [TB_MSG_TOO_FEW_TO_PROJECT] = {"i", "{0} waargenomen jaar: te weinig voor een projectie",
                                   "{0} observed year: too few for a projection"},
    [TB_MSG_TOO_UNCERTAIN] = {"i",
                              "{0} waargenomen jaren: de projectie is te onzeker om te beslissen",
                              "{0} observed years: the projection is too uncertain to decide"},
    [TB_MSG_UNCALIBRATED] = {"m",
                             "geen gekalibreerde kans ({0}): het oordeel rust op de kans van "
                             "het model, die op echte reeksen te zeker bleek",
                             "no calibrated probability ({0}): the verdict rests on the "
                             "model's probability, which proved overconfident on real series"},

    [TB_MSG_OBSERVED] = {"i", "{0} is waargenomen", "{0} is observed"},
    [TB_MSG_NO_PROJECTION_FOR] = {"i", "geen projectie voor {0} mogelijk",
                                  "no projection for {0} possible"},
    [TB_MSG_TOO_FEW_TO_DECIDE] = {"i", "{0} waargenomen jaren: te weinig om te beslissen",
                                  "{0} observed years: too few to decide"},
    [TB_MSG_CHANCE] = {"ppp", "kans {0}; haalbaar vanaf {1}, niet haalbaar onder {2}",
                       "probability {0}; on track from {1}, off track below {2}"},

    [TB_MSG_AUDIT_NOTHING_STATED] = {"i", "de tekst noemt geen getal voor {0} om na te rekenen",
                                     "the text gives no number for {0} to recompute"},
    [TB_MSG_AUDIT_STATED_NUMBER_IS_TARGET] =
        {"n", "het gestelde getal {0} is het doel zelf; er is geen rekenregel om na te rekenen",
         "the stated number {0} is the target itself; there is no rule to recompute"},
    [TB_MSG_AUDIT_STATED_IS_TARGET] =
        {"n", "het gestelde {0} is het doel zelf; er is geen rekenregel om na te rekenen",
         "the stated {0} is the target itself; there is no rule to recompute"},
    [TB_MSG_AUDIT_MATCH] = {"nss", "{0} volgt uit de lezing '{1}' ({2})",
                            "{0} follows from the reading '{1}' ({2})"},
    [TB_MSG_AUDIT_CLOSEST] = {"nssn",
                              "geen lezing geeft precies {0}; het dichtst bij: '{1}' ({2}) = {3}",
                              "no reading gives exactly {0}; closest: '{1}' ({2}) = {3}"},
    [TB_MSG_AUDIT_CLOSEST_EXPONENT] =
        {"nssnn",
         "geen lezing geeft precies {0}; het dichtst bij: '{1}' ({2}) = {3}; {0} hoort bij "
         "exponent {4}",
         "no reading gives exactly {0}; closest: '{1}' ({2}) = {3}; {0} belongs to exponent {4}"},
};

static const msg_def *def_of(tb_msg_code code)
{
    return (int)code >= 0 && code < TB_MSG_COUNT_ && catalogue[code].args ? &catalogue[code]
                                                                          : NULL;
}

const char *tb_msg_args(tb_msg_code code)
{
    const msg_def *d = def_of(code);
    return d ? d->args : NULL;
}

const char *tb_msg_format(tb_msg_code code, tb_lang lang)
{
    const msg_def *d = def_of(code);
    return d ? (lang == TB_LANG_EN ? d->en : d->nl) : NULL;
}

const char *tb_msg_text(tb_msg_code code, tb_lang lang)
{
    const char *f = tb_msg_format(code, lang);
    return f ? f : "?";
}

void tb_message_clear(tb_message *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->nargs; i++)
        free(m->arg[i].s);
    memset(m, 0, sizeof *m);
    m->code = TB_MSG_EMPTY;
}

int tb_message_vset(tb_message *m, tb_msg_code code, va_list ap)
{
    memset(m, 0, sizeof *m);
    m->code = TB_MSG_EMPTY;
    const msg_def *d = def_of(code);
    if (!d)
        return -1;
    int ok = 1;
    for (const char *t = d->args; *t && m->nargs < TB_MSG_MAXARGS; t++) {
        tb_msg_arg *a = &m->arg[m->nargs++];
        a->type = *t;
        switch (*t) {
        case 'i':
        case 'm':
            a->i = va_arg(ap, int);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (s && !(a->s = strdup(s)))
                ok = 0;
            break;
        }
        case 'n':
        case 'p':
            a->v = va_arg(ap, double);
            a->i = va_arg(ap, int);
            break;
        default:
            ok = 0;
        }
    }
    if (!ok) {
        tb_message_clear(m);
        return -1;
    }
    m->code = code;
    return 0;
}

int tb_message_set(tb_message *m, tb_msg_code code, ...)
{
    va_list ap;
    va_start(ap, code);
    int rc = tb_message_vset(m, code, ap);
    va_end(ap);
    return rc;
}

int tb_message_copy(tb_message *dst, const tb_message *src)
{
    *dst = *src;
    for (int i = 0; i < src->nargs; i++)
        if (src->arg[i].s && !(dst->arg[i].s = strdup(src->arg[i].s))) {
            for (int j = 0; j < i; j++)
                free(dst->arg[j].s);
            memset(dst, 0, sizeof *dst);
            return -1;
        }
    return 0;
}

const char *tb_msg_prob(char *buf, size_t n, double p, tb_lang lang)
{
    if (!isfinite(p))
        return TB_FMT_MISSING;
    if (p > 0.995)
        snprintf(buf, n, lang == TB_LANG_EN ? "over 99%%" : "meer dan 99%%");
    else if (p < 0.005)
        snprintf(buf, n, lang == TB_LANG_EN ? "under 1%%" : "minder dan 1%%");
    else
        tb_fmt_frac_pct(buf, n, p, 0, lang);
    return buf;
}

/* Output with the snprintf contract: LEN counts every byte, BUF keeps
 * what fits. */
typedef struct {
    char *buf;
    size_t n, len;
} sink;

static void put(sink *o, const char *s, size_t k)
{
    if (o->len < o->n) {
        size_t room = o->n - 1 - o->len, c = k < room ? k : room;
        memcpy(o->buf + o->len, s, c);
        o->buf[o->len + c] = '\0';
    }
    o->len += k;
}

static void render_into(sink *o, const tb_message *m, tb_lang lang, int depth);

static void put_arg(sink *o, const tb_msg_arg *a, tb_lang lang, int depth)
{
    char b[64];
    const char *s = b;
    b[0] = '\0';
    switch (a->type) {
    case 'i':
        snprintf(b, sizeof b, "%d", a->i);
        break;
    case 's':
        s = a->s ? a->s : "";
        break;
    case 'n':
        tb_fmt_num(b, sizeof b, a->v, a->i, lang);
        break;
    case 'p':
        if (a->i == TB_MSG_PROB_READER)
            s = tb_msg_prob(b, sizeof b, a->v, lang);
        else
            tb_fmt_frac_pct(b, sizeof b, a->v, a->i, lang);
        break;
    case 'm': {
        /* a phrase has no arguments of its own; depth stops a loop */
        tb_message ph = {.code = (tb_msg_code)a->i};
        if (depth < 2)
            render_into(o, &ph, lang, depth + 1);
        return;
    }
    default:
        break;
    }
    put(o, s, strlen(s));
}

static void render_into(sink *o, const tb_message *m, tb_lang lang, int depth)
{
    const char *f = tb_msg_format(m->code, lang);
    if (!f)
        return;
    while (*f) {
        const char *open = strchr(f, '{');
        if (!open) {
            put(o, f, strlen(f));
            return;
        }
        put(o, f, (size_t)(open - f));
        int k = open[1] - '0';
        if (k >= 0 && k < m->nargs && open[2] == '}') {
            put_arg(o, &m->arg[k], lang, depth);
            f = open + 3;
        } else {
            put(o, open, 1);
            f = open + 1;
        }
    }
}

size_t tb_message_render(const tb_message *m, tb_lang lang, char *buf, size_t n)
{
    sink o = {buf, n, 0};
    if (n)
        buf[0] = '\0';
    render_into(&o, m, lang, 0);
    return o.len;
}

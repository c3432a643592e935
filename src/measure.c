/* Measures: the table of names and kinds (see measure.h). */
#include "trendbeeld/measure.h"

#include <ctype.h>
#include <stdio.h>
#include <strings.h>
#include <string.h>

#include "trendbeeld/text.h"

/* Each measure with its other spellings as keys (see key_of). */
static const struct {
    const char *name;
    tb_measure_kind kind;
    const char *en;      /* what an English report calls it */
    const char *keys[8];
} table[] = {
    {"aangiften", TB_MEASURE_COUNT, "reported crimes",
     {"aangiften", "aangifte", "misdrijven", "geregistreerdemisdrijven",
      "totaalgeregistreerdemisdrijven", "geregistreerdediefstallen",
      "totaalgeregistreerdediefstallen", "registeredcrimes"}},
    {"internetaangiften", TB_MEASURE_COUNT, "online reports", {"internetaangiften"}},
    {"incidenten", TB_MEASURE_COUNT, "incidents", {"incidenten", "incidents"}},
    {"meldingen", TB_MEASURE_COUNT, "calls", {"meldingen"}},
    {"verdachten", TB_MEASURE_COUNT, "suspects",
     {"verdachten", "registratiesvanverdachten", "suspects"}},
    {"opgehelderd", TB_MEASURE_COUNT, "cleared crimes",
     {"opgehelderd", "opgehelderdemisdrijven", "totaalopgehelderdemisdrijven"}},
    {"groepen", TB_MEASURE_COUNT, "groups", {"groepen"}},
    {"inwoners", TB_MEASURE_STOCK, "inhabitants",
     {"inwoners", "aantalinwoners", "bevolking", "population", "gemiddeldebevolking",
      "bevolkingaanheteindevandeperiode", "bevolkingaanhetbeginvandeperiode"}},
    {"misdrijven_per_1000", TB_MEASURE_RATE, "crimes per 1,000 inhabitants",
     {"misdrijvenper1000", "geregistreerdemisdrijvenper1000inw",
      "geregistreerdemisdrijvenper1000inwoners", "geregistreerdediefstallenper1000inw",
      "aangiftenper1000", "aangiftenper1000inwoners"}},
    {"misdrijven_relatief", TB_MEASURE_RATE, "crimes relative",
     {"misdrijvenrelatief", "geregistreerdemisdrijvenrelatief"}},
    {"opgehelderd_pct", TB_MEASURE_PERCENTAGE, "clearance rate (%)",
     {"opgehelderdpct", "opgehelderdemisdrijvenrelatief", "%vantotaalgeregistreerdemisdrijven",
      "ophelderingspercentage"}},
    {"verdachtenratio", TB_MEASURE_PERCENTAGE, "suspect ratio", {"verdachtenratio"}},
    {"slachtofferschap_pct", TB_MEASURE_PERCENTAGE, "victimisation (%)",
     {"slachtofferschappct", "slachtofferschap"}},
    {"aandeel_pct", TB_MEASURE_PERCENTAGE, "share (%)", {"aandeelpct"}},
    {"rapportcijfer", TB_MEASURE_SCORE, "rating", {"rapportcijfer"}},
    {"aantal", TB_MEASURE_COUNT, "number", {"aantal"}},
};

void tb_label_key(const char *label, char *k, size_t n)
{
    char norm[256];
    tb_text_key(label, norm, sizeof norm);
    size_t o = 0;
    for (const char *p = norm; *p && o + 1 < n; p++)
        if (!strchr(" _'|", *p))
            k[o++] = *p;
    k[o] = '\0';
    size_t d = o;
    while (d > 0 && isdigit((unsigned char)k[d - 1]))
        d--;
    if (d < o && d > 0 && isalpha((unsigned char)k[d - 1]) && o - d <= 2 &&
        strchr(label, '_'))
        k[d] = '\0';
}

static int find(const char *label)
{
    char k[256];
    if (!label)
        return -1;
    tb_label_key(label, k, sizeof k);
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        for (size_t j = 0; j < 8 && table[i].keys[j]; j++)
            if (!strcmp(k, table[i].keys[j]))
                return (int)i;
    return -1;
}

const char *tb_measure_label_en(const char *measure)
{
    int i = find(measure);
    return i < 0 ? NULL : table[i].en;
}

const char *tb_measure_name(const char *label)
{
    int i = find(label);
    return i < 0 ? NULL : table[i].name;
}

tb_measure_kind tb_measure_kind_of(const char *measure)
{
    int i = find(measure);
    if (i >= 0)
        return table[i].kind;
    static const struct { const char *word; tb_measure_kind kind; } words[] = {
        {"per1000", TB_MEASURE_RATE},     {"rate", TB_MEASURE_RATE},
        {"pct", TB_MEASURE_PERCENTAGE},   {"%", TB_MEASURE_PERCENTAGE},
        {"aandeel", TB_MEASURE_PERCENTAGE}, {"relatief", TB_MEASURE_PERCENTAGE},
        {"index", TB_MEASURE_SCORE},      {"score", TB_MEASURE_SCORE},
        {"cijfer", TB_MEASURE_SCORE},     {"gemiddeld", TB_MEASURE_SCORE},
        {"ratio", TB_MEASURE_SCORE},
    };
    char k[256];
    tb_label_key(measure ? measure : "", k, sizeof k);
    for (size_t w = 0; w < sizeof words / sizeof *words; w++)
        if (strstr(k, words[w].word))
            return words[w].kind;
    return TB_MEASURE_COUNT;
}

int tb_measure_is_count(const char *measure)
{
    tb_measure_kind k = tb_measure_kind_of(measure);
    return k == TB_MEASURE_COUNT || k == TB_MEASURE_STOCK;
}

const char *tb_measure_kind_name(tb_measure_kind k)
{
    static const char *const names[] = {"count", "stock", "rate", "percentage", "score"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "count";
}

int tb_measure_is_pct(const char *measure)
{
    if (!measure)
        return 0;
    size_t len = strlen(measure);
    return (len >= 3 && !strcasecmp(measure + len - 3, "pct")) || strchr(measure, '%') ||
           strcasestr(measure, "procent") || strcasestr(measure, "percent");
}

size_t tb_measure_label(char *buf, size_t n, const char *measure, tb_lang lang)
{
    if (lang == TB_LANG_EN && tb_measure_label_en(measure))
        return (size_t)snprintf(buf, n, "%s", tb_measure_label_en(measure));
    char m[160];
    snprintf(m, sizeof m, "%s", measure ? measure : "");
    int pct = tb_measure_is_pct(m);
    size_t len = strlen(m);
    if (pct && len >= 3 && !strcasecmp(m + len - 3, "pct"))
        m[len -= 3] = '\0';
    for (char *p = m; *p; p++)
        if (*p == '_')
            *p = ' ';
    while (len > 0 && m[len - 1] == ' ')
        m[--len] = '\0';
    /* "per 1000" in reader notation */
    char *k = strstr(m, "per 1000");
    if (k) {
        char rest[160];
        snprintf(rest, sizeof rest, "%s", k + 8);
        snprintf(k, sizeof m - (size_t)(k - m), "per 1%s000%s",
                 lang == TB_LANG_EN ? "," : ".", rest);
    }
    if (pct && !strchr(m, '%'))
        return (size_t)snprintf(buf, n, "%s%s(%%)", m, *m ? " " : "");
    return (size_t)snprintf(buf, n, "%s", m);
}

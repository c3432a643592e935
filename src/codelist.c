/* trendbeeld — code lists (regions, indicators): lookups by code and
 * name (keys from tb_text_key, text.c), the closest name to a typo, the hierarchy.  Loading
 * is in codelist_load.c.
 *
 * Matching uses one sorted table of normalised keys (names and aliases)
 * and one of normalised codes, searched with bsearch.
 */
#include "codelist_priv.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "trendbeeld/text.h"

/* ---- keys ----------------------------------------------------------------- */

char *tb_codelist_norm_dup_(const char *text)
{
    size_t cap = 3 * strlen(text) + 8; /* "ß" (2 bytes) -> "ss": never longer */
    char *k = malloc(cap);
    if (k)
        tb_text_key(text, k, cap);
    return k;
}

/* CBS name suffixes and the level each names (normalised: lower case). */
const struct tb_codelist_suffix_ tb_codelist_suffixes_[TB_CODELIST_NSUFFIXES_] = {
    {" (gemeente)", "gemeente"}, {" (pv)", "provincie"}, {" (re)", "eenheid"},
    {" (ld)", "landsdeel"},      {" (po)", "politieregio"}};

size_t tb_codelist_size(const tb_codelist *c)
{
    return c ? c->n : 0;
}

const tb_code *tb_codelist_at(const tb_codelist *c, const size_t i)
{
    return c && i < c->n ? &c->e[i] : NULL;
}

/* ---- matching ----------------------------------------------------------- */

static int cmp_find(const void *k, const void *r)
{
    return strcmp(k, ((const keyref *)r)->key);
}

const tb_code *tb_codelist_find_key_(const tb_codelist *c, const char *key)
{
    const keyref *r = bsearch(key, c->codes, c->n, sizeof *c->codes, cmp_find);
    return r ? &c->e[r->idx] : NULL;
}

/* Rule 3: the entry that name KEY stands for at LEVEL (NULL = any). */
static const tb_code *by_name(const tb_codelist *c, const char *key,
                              const char *level)
{
    const keyref *r = bsearch(key, c->names, c->nnames, sizeof *c->names, cmp_find);
    if (!r)
        return NULL;
    while (r > c->names && strcmp(r[-1].key, key) == 0)
        r--;
    const tb_code *one = NULL, *pref = NULL;
    int several = 0;
    for (const keyref *end = c->names + c->nnames; r < end && strcmp(r->key, key) == 0; r++) {
        const tb_code *e = &c->e[r->idx];
        if (level && strcmp(e->level, level) != 0)
            continue;
        if (one && one != e)
            several = 1;
        one = e;
        if (e->preferred)
            pref = e;
    }
    return several ? pref : one;
}

const tb_code *tb_codelist_find(const tb_codelist *c, const char *code)
{
    if (!c || !code)
        return NULL;
    char key[512];
    tb_text_key(code, key, sizeof key);
    const tb_code *e = tb_codelist_find_key_(c, key);
    /* normalisation folds case; a code is exact apart from spaces */
    if (!e)
        return NULL;
    char a[512];
    size_t n = strlen(code), s = 0;
    while (s < n && (code[s] == ' ' || code[s] == '\t'))
        s++;
    while (n > s && (code[n - 1] == ' ' || code[n - 1] == '\t'))
        n--;
    if (n - s >= sizeof a)
        return NULL;
    memcpy(a, code + s, n - s);
    a[n - s] = '\0';
    return strcmp(a, e->code) == 0 ? e : NULL;
}

const tb_code *tb_codelist_match_level(const tb_codelist *c, const char *text,
                                       const char *level)
{
    if (!c || !text)
        return NULL;
    char key[1024];
    size_t n = tb_text_key(text, key, sizeof key);
    if (n == 0)
        return NULL;
    const tb_code *e = tb_codelist_find_key_(c, key);
    if (e)
        return e;
    if ((e = by_name(c, key, level)))
        return e;
    for (size_t i = 0; i < sizeof tb_codelist_suffixes_ / sizeof tb_codelist_suffixes_[0]; i++) {
        size_t sl = strlen(tb_codelist_suffixes_[i].suffix);
        if (n > sl && strcmp(key + n - sl, tb_codelist_suffixes_[i].suffix) == 0) {
            if (level && strcmp(level, tb_codelist_suffixes_[i].level) != 0)
                return NULL; /* the text says another level than asked */
            key[n - sl] = '\0';
            return by_name(c, key, tb_codelist_suffixes_[i].level);
        }
    }
    return NULL;
}

const tb_code *tb_codelist_match(const tb_codelist *c, const char *text)
{
    return tb_codelist_match_level(c, text, NULL);
}

const char *tb_codelist_name(const tb_codelist *c, const char *code)
{
    const tb_code *e = c ? tb_codelist_match(c, code) : NULL;
    return e && e->name ? e->name : code;
}

/* Levenshtein distance of A and B (bytes), or LIMIT + 1 once it exceeds
 * LIMIT.  Two rows: d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1,
 * d[i-1][j-1] + (a[i] != b[j])). */
static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb,
                            size_t limit, size_t *row0, size_t *row1)
{
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    for (size_t j = 0; j <= lb; j++)
        row0[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t best = row1[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t d = row0[j - 1] + (a[i - 1] != b[j - 1]);
            if (row0[j] + 1 < d)
                d = row0[j] + 1;
            if (row1[j - 1] + 1 < d)
                d = row1[j - 1] + 1;
            row1[j] = d;
            if (d < best)
                best = d;
        }
        if (best > limit)
            return limit + 1;
        size_t *t = row0;
        row0 = row1;
        row1 = t;
    }
    return row0[lb];
}

const char *tb_codelist_closest(const tb_codelist *c, const char *text)
{
    if (!c || !text)
        return NULL;
    const tb_code *m = tb_codelist_match(c, text);
    if (m)
        return m->name;
    /* a code (GM0305) is no typo of a name: it is a code the list lacks,
     * such as that of a former gemeente */
    size_t letters = 0;
    while (isupper((unsigned char)text[letters]))
        letters++;
    if (letters == 2 && text[2] && strspn(text + 2, "0123456789") == strlen(text + 2))
        return NULL;
    char key[256];
    size_t n = tb_text_key(text, key, sizeof key);
    /* A likely typo: at most one edit per four characters, none below four
     * characters (short names are too close to each other: Ede, Epe). */
    size_t limit = n / 4;
    if (limit == 0)
        return NULL;
    /* "Hengelo (Gld.)" is no typo of "Hengelo (O.)": the same name with
     * another qualifier is another place */
    const char *paren = strstr(key, " (");
    size_t stem = paren ? (size_t)(paren - key) : n;
    size_t row[2][258];
    const tb_code *best = NULL;
    size_t bestd = limit + 1;
    for (size_t i = 0; i < c->nnames; i++) {
        const char *k = c->names[i].key;
        size_t lk = strlen(k);
        if (lk > 256)
            continue;
        const char *kp = strstr(k, " (");
        if (paren && kp && (size_t)(kp - k) == stem && !strncmp(k, key, stem))
            continue;
        size_t d = edit_distance(key, n, k, lk, limit, row[0], row[1]);
        const tb_code *e = &c->e[c->names[i].idx];
        if (d < bestd || (d == bestd && best && e->preferred && !best->preferred)) {
            best = e;
            bestd = d;
        }
    }
    return bestd <= limit ? best->name : NULL;
}

/* ---- hierarchy ---------------------------------------------------------- */

static int has_parent(const tb_code *e, const char *code)
{
    for (size_t k = 0; k < e->nparents; k++)
        if (strcmp(e->parents[k], code) == 0)
            return 1;
    return 0;
}

size_t tb_codelist_children(const tb_codelist *c, const char *code,
                            const tb_code **out, size_t max)
{
    size_t n = 0;
    if (!c || !code)
        return 0;
    for (size_t i = 0; i < c->n; i++)
        if (has_parent(&c->e[i], code)) {
            if (n < max && out)
                out[n] = &c->e[i];
            n++;
        }
    return n;
}

size_t tb_codelist_descendants(const tb_codelist *c, const char *code,
                               const char *level, const tb_code **out,
                               size_t max)
{
    if (!c || !code || !tb_codelist_find(c, code))
        return 0;
    /* Mark entries below CODE: repeat passes until nothing changes, so
     * entries with several parents (district and province) count once. */
    unsigned char *in = calloc(c->n, 1);
    if (!in)
        return 0;
    int changed = 1;
    while (changed) {
        changed = 0;
        for (size_t i = 0; i < c->n; i++) {
            if (in[i])
                continue;
            const tb_code *e = &c->e[i];
            for (size_t k = 0; k < e->nparents && !in[i]; k++) {
                if (strcmp(e->parents[k], code) == 0) {
                    in[i] = 1;
                    break;
                }
                char key[256];
                tb_text_key(e->parents[k], key, sizeof key);
                const tb_code *p = tb_codelist_find_key_(c, key);
                if (p && in[p - c->e])
                    in[i] = 1;
            }
            if (in[i] && strcmp(e->code, code) != 0)
                changed = 1;
            else if (in[i])
                in[i] = 0; /* a cycle back to CODE itself */
        }
    }
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++)
        if (in[i] && (!level || strcmp(c->e[i].level, level) == 0)) {
            if (n < max && out)
                out[n] = &c->e[i];
            n++;
        }
    free(in);
    return n;
}

int tb_codelist_within(const tb_codelist *c, const char *code, const char *ancestor)
{
    if (!c || !code || !ancestor)
        return 0;
    if (strcmp(code, ancestor) == 0)
        return 1;
    const tb_code *e = tb_codelist_find(c, code);
    if (!e)
        return 0;
    /* Depth-first along parents; the depth bound stops a cyclic list. */
    const tb_code *stack[64];
    int depth[64];
    size_t sp = 0;
    stack[sp] = e;
    depth[sp++] = 0;
    while (sp) {
        const tb_code *x = stack[--sp];
        int d = depth[sp];
        for (size_t k = 0; k < x->nparents; k++) {
            if (strcmp(x->parents[k], ancestor) == 0)
                return 1;
            const tb_code *p = tb_codelist_find(c, x->parents[k]);
            if (p && d < 32 && sp < 64) {
                stack[sp] = p;
                depth[sp++] = d + 1;
            }
        }
    }
    return 0;
}

int tb_code_has_tag(const tb_code *e, const char *tag)
{
    if (!e || !tag)
        return 0;
    for (size_t k = 0; k < e->ntags; k++)
        if (strcmp(e->tags[k], tag) == 0)
            return 1;
    return 0;
}

const tb_code *tb_codelist_rival(const tb_codelist *c, const char *text, const tb_code *m)
{
    static const char *const levels[] = {"gemeente", "provincie", "district", "eenheid"};
    if (!m || tb_codelist_find(c, text))
        return NULL; /* a code is unique */
    int gem = m->level && !strcmp(m->level, "gemeente");
    for (size_t k = 0; k < sizeof levels / sizeof *levels; k++) {
        if ((k == 0) == gem)
            continue;
        const tb_code *o = tb_codelist_match_level(c, text, levels[k]);
        if (o && o != m)
            return o;
    }
    return NULL;
}

/* Names of the loader: the region, indicator and measure a key cell
 * stands for (code lists, the level of a name of two levels, caches of
 * the names just made). */
#include "load_priv.h"
#include "trendbeeld/codelist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int load_name_too_long(load_ctx *c, const char *what, const char *name,
                       long line, long col)
{
    size_t len = strlen(name);
    if (len <= TB_LOAD_MAX_NAME)
        return 0;
    char t[64];
    load_excerpt(name, t, sizeof t);
    return load_fail(c, TB_EDATA, line, col,
                     "%s name of %zu bytes ('%s'), expected at most %d bytes", what,
                     len, t, TB_LOAD_MAX_NAME);
}

/* A name the code list does not hold: refused (--strict), or kept as it
 * is and said (with the closest name when there is one). */
static const char *unknown_name(load_ctx *c, int kind, const char *name, long line,
                                long col)
{
    const tb_codelist *list = kind ? c->o->indicators : c->o->regions;
    const char *what = kind ? "indicator" : "region";
    const char *close = tb_codelist_closest(list, name);
    if (c->o->strict) {
        char hint[300] = "";
        if (close)
            snprintf(hint, sizeof hint, " (did you mean '%s'?)", close);
        load_fail(c, TB_EDATA, line, col,
                  "unknown %s '%s'%s, expected a %s from the code list (without "
                  "--strict it is kept as a %s of its own)",
                  what, name, hint, what, what);
        return NULL;
    }
    if (close)
        tb_diag_add(c->warn, c->path, line, col,
                    "unknown %s '%s' kept as a %s of its own; did you mean '%s'?",
                    what, name, what, close);
    else {
        load_names *n = &c->names;
        if (!n->unknown[kind]++) {
            load_excerpt(name, n->unknown_first[kind], sizeof n->unknown_first[kind]);
            n->unknown_line[kind] = line;
        }
    }
    return name;
}

const char *load_canonical(load_ctx *c, int kind, const char *raw, long line,
                           long col)
{
    static const char kinds[2] = {'R', 'I'};
    const tb_codelist *list = kind ? c->o->indicators : c->o->regions;
    const char *name = load_intern_trim(c, raw);
    if (!name) {
        load_fail(c, TB_ENOMEM, line, col, "out of memory");
        return NULL;
    }
    if (load_name_too_long(c, kind ? "indicator" : "region", name, line, col))
        return NULL;
    if (!list)
        return name;
    int created;
    load_kent *e = load_kmap_get(&c->names.map, name, &kinds[kind], NULL, 0, &created);
    if (!e)
        return NULL;
    if (!created)
        return e->out;
    const tb_code *m = tb_codelist_match(list, name);
    const tb_code *o = m && !kind ? tb_codelist_rival(list, name, m) : NULL;
    if (o && c->names.region_level) {
        /* a name of two levels: the level the file's regions have */
        const tb_code *at = tb_codelist_match_level(list, name, c->names.region_level);
        m = at ? at : m;
    } else if (o) {
        /* ... or the code list's preference, and that is said */
        tb_diag_add(c->warn, c->path, line, col,
                    "'%s' names the %s %s and the %s %s; read as the %s (write the code "
                    "to choose)", name, m->level, m->code, o->level, o->code, m->level);
    }
    if (m) {
        e->out = tb_store_intern(c->s, m->code);
        return e->out;
    }
    /* an unknown name is looked up once: later rows get the same answer */
    e->out = name;
    return unknown_name(c, kind, name, line, col);
}

const char *load_cached_key(load_ctx *c, int k, const char *raw, long line,
                            long col)
{
    load_keycache *kc = &c->names.key[k];
    if (kc->out && !strcmp(kc->raw, raw))
        return kc->out;
    const char *out = k == 2 ? load_measure_of(c, raw)
                             : load_canonical(c, k, raw, line, col);
    size_t len = strlen(raw) + 1;
    if (!out || c->status != TB_OK)
        return out;
    if (len > kc->cap) {
        char *t = realloc(kc->raw, len);
        if (!t) {
            kc->out = NULL;
            return out;
        }
        kc->raw = t;
        kc->cap = len;
    }
    memcpy(kc->raw, raw, len);
    kc->out = out;
    return out;
}

int load_names_new_status(load_ctx *c, const char *t)
{
    int created;
    const char *k = tb_store_intern(c->s, t);
    load_kent *e = load_kmap_get(&c->names.map, k, "S", NULL, 0, &created);
    return e && created;
}

/* Region levels a name may have in two ways ("Groningen": the gemeente
 * and the province). */
static const char *const two_levels[] = {"gemeente", "provincie", "district", "eenheid"};

/* The level that most regions named in the first rows (from D on) may
 * have: it settles a name of two levels, so a file of Groningen, Fryslân
 * and Drenthe is of provinces, one of Groningen, Zwolle and Assen of
 * gemeenten.  None when no level has more than half of them. */
void load_names_settle_level(load_ctx *c, const load_rec *head, size_t nhead,
                             size_t d)
{
    enum { NL = sizeof two_levels / sizeof *two_levels };
    c->names.region_level = NULL;
    int rcol = c->lay.rcol;
    if (rcol < 0 || !c->o->regions)
        return;
    size_t count[NL] = {0}, named = 0;
    for (size_t r = d; r < nhead; r++) {
        char t[256];
        load_trim(load_field(&head[r], rcol), t, sizeof t);
        if (!tb_codelist_match(c->o->regions, t))
            continue;
        named++;
        for (size_t k = 0; k < NL; k++)
            count[k] += tb_codelist_match_level(c->o->regions, t, two_levels[k]) != NULL;
    }
    /* the first level with the most; a gemeente level as common as
     * another leaves it open (a province and a district of one name, as
     * in Noord-Nederland, are the same area) */
    size_t best = 0;
    for (size_t k = 1; k < NL; k++)
        if (count[k] > count[best])
            best = k;
    int open = 0;
    for (size_t k = 0; k < NL; k++)
        open |= k != best && count[k] == count[best] && (k == 0 || best == 0);
    c->names.region_level = !open && 2 * count[best] > named ? two_levels[best] : NULL;
}

void load_names_report(load_ctx *c)
{
    const load_names *n = &c->names;
    for (int k = 0; k < 2; k++)
        if (n->unknown[k])
            tb_diag_add(c->warn, c->path, n->unknown_line[k], 0,
                        "%ld %s not in the code list kept as given (first: '%s')",
                        n->unknown[k],
                        k ? (n->unknown[k] == 1 ? "indicator" : "indicators")
                          : (n->unknown[k] == 1 ? "region" : "regions"),
                        n->unknown_first[k]);
}

void load_names_free(load_names *n)
{
    load_kmap_free(&n->map);
    for (int k = 0; k < 3; k++)
        free(n->key[k].raw);
}

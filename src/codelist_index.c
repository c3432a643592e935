/* The sorted tables of a code list's normalised codes and names, searched
 * by the lookups of codelist.c, and the checks that every code and name
 * leads to one entry. */
#include "codelist_priv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int cmp_key(const void *a, const void *b)
{
    const keyref *x = a, *y = b;
    int r = strcmp(x->key, y->key);
    return r ? r : (x->idx > y->idx) - (x->idx < y->idx);
}

static tb_status build_index(tb_codelist *c, const char *path, tb_error *err)
{
    c->codes = calloc(c->n ? c->n : 1, sizeof *c->codes);
    size_t cap = 0;
    for (size_t i = 0; i < c->n; i++)
        cap += 1 + c->e[i].naliases;
    c->names = calloc(cap ? cap : 1, sizeof *c->names);
    if (!c->codes || !c->names)
        return tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
    for (size_t i = 0; i < c->n; i++) {
        tb_code *e = &c->e[i];
        c->codes[i].idx = i;
        if (!(c->codes[i].key = tb_codelist_norm_dup_(e->code)))
            return tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
        char *k = tb_codelist_norm_dup_(e->name);
        if (!k)
            return tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
        c->names[c->nnames].key = k;
        c->names[c->nnames++].idx = i;
        for (size_t a = 0; a < e->naliases; a++) {
            if (!(k = tb_codelist_norm_dup_(e->aliases[a])))
                return tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
            c->names[c->nnames].key = k;
            c->names[c->nnames++].idx = i;
        }
    }
    qsort(c->codes, c->n, sizeof *c->codes, cmp_key);
    qsort(c->names, c->nnames, sizeof *c->names, cmp_key);
    return TB_OK;
}

static int level_rank(const char *level)
{
    static const char *const low_to_high[] = {
        "buurt", "wijk", "gemeente", "provincie", "eenheid", "landsdeel",
        "land", "politieregio"};
    int n = (int)(sizeof low_to_high / sizeof *low_to_high);
    for (int i = 0; i < n; i++)
        if (strcmp(level, low_to_high[i]) == 0)
            return i;
    return n;
}

/* Entries of the names group that starts at I: its end, and how many
 * distinct entries in it are flagged preferred. */
static size_t group_end(const tb_codelist *c, size_t i, size_t *npreferred)
{
    size_t j = i, last = SIZE_MAX;
    *npreferred = 0;
    for (; j < c->nnames && strcmp(c->names[j].key, c->names[i].key) == 0; j++) {
        size_t x = c->names[j].idx;
        if (c->e[x].preferred && x != last)
            (*npreferred)++;
        last = x;
    }
    return j;
}

/* A CBS list flags nothing: a name several entries share goes to the one
 * of the lowest level, as in the shipped lists (the gemeente Groningen
 * before the province); a tie at that level leaves the name ambiguous. */
static void prefer_lowest_level(tb_codelist *c)
{
    for (size_t i = 0; i < c->nnames;) {
        size_t j = i, best = c->names[i].idx;
        int tie = 0, several = 0;
        for (; j < c->nnames && strcmp(c->names[j].key, c->names[i].key) == 0; j++) {
            size_t x = c->names[j].idx;
            several |= x != c->names[i].idx;
            int rx = level_rank(c->e[x].level), rb = level_rank(c->e[best].level);
            if (rx < rb) {
                best = x;
                tie = 0;
            } else if (x != best && rx == rb) {
                tie = 1;
            }
        }
        if (several && !tie)
            c->e[best].preferred = 1;
        i = j;
    }
    /* An entry preferred for one name may share another name with an
     * entry preferred for its own: that name stays ambiguous. */
    for (size_t i = 0; i < c->nnames;) {
        size_t np, j = group_end(c, i, &np);
        if (np > 1)
            for (size_t k = i; k < j; k++)
                c->e[c->names[k].idx].preferred = 0;
        i = j;
    }
}

static tb_status check_index(tb_codelist *c, const char *path, tb_error *err)
{
    for (size_t i = 1; i < c->n; i++)
        if (strcmp(c->codes[i].key, c->codes[i - 1].key) == 0) {
            size_t j = c->codes[i].idx;
            return tb_error_set(err, TB_EDATA, path, c->line[j], 1,
                                "code '%s' already used on line %ld, expected each "
                                "code once", c->e[j].code, c->line[c->codes[i - 1].idx]);
        }
    /* A name that is another entry's code would never be reached (codes
     * win); two preferred entries behind one name leave it ambiguous. */
    for (size_t i = 0; i < c->nnames;) {
        size_t j = i, first = SIZE_MAX;
        const tb_code *owner = tb_codelist_find_key_(c, c->names[i].key);
        for (; j < c->nnames && strcmp(c->names[j].key, c->names[i].key) == 0; j++) {
            size_t x = c->names[j].idx;
            if (owner && owner != &c->e[x])
                return tb_error_set(err, TB_EDATA, path, c->line[x], 0,
                                    "'%s' is a name of '%s' but the code of '%s' "
                                    "(line %ld); expected names that are no other "
                                    "entry's code", c->names[j].key, c->e[x].code,
                                    owner->code, c->line[owner - c->e]);
            if (!c->e[x].preferred || x == first)
                continue;
            if (first != SIZE_MAX)
                return tb_error_set(err, TB_EDATA, path, c->line[x], 0,
                                    "'%s' is a name of '%s' and of '%s' (line %ld), "
                                    "and both are flagged preferred; expected at most "
                                    "one preferred entry per name",
                                    c->names[j].key, c->e[x].code, c->e[first].code,
                                    c->line[first]);
            first = x;
        }
        i = j;
    }
    return TB_OK;
}

tb_status tb_codelist_index_(tb_codelist *c, int lowest_level, const char *path,
                             tb_error *err)
{
    tb_status st = build_index(c, path, err);
    if (st == TB_OK && lowest_level)
        prefer_lowest_level(c);
    if (st == TB_OK)
        st = check_index(c, path, err);
    return st;
}

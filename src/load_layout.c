/* What the columns of a file mean, and turning records into values. */
#include "load_priv.h"
#include "trendbeeld/text.h"
#include "trendbeeld/measure.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a small hash map on (pointer, pointer, pointer, year) ------------ */

#define SUSPECT_LEVEL 20

static uint64_t kmap_hash(const void *a, const void *b, const void *c, int year)
{
    uint64_t h = (uintptr_t)a * 0x9E3779B97F4A7C15ull;
    h ^= (uintptr_t)b + 0x7F4A7C159E3779B9ull + (h << 6) + (h >> 2);
    h ^= (uintptr_t)c + 0x94D049BB133111EBull + (h << 6) + (h >> 2);
    h ^= (uint64_t)(unsigned)year * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 29);
}

/* Entry for the key, inserted (with v = -1) if new; NULL on no memory. */
static load_kent *kmap_get(load_kmap *m, const void *a, const void *b,
                           const void *c, int year, int *created)
{
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 256;
        load_kent *e = malloc(cap * sizeof *e);
        if (!e)
            return NULL;
        /* zeroed by writing, not calloc: a page of a fresh mapping read
         * before it is written costs a second fault and a TLB flush on
         * every core (and the compiler turns malloc + memset into calloc) */
        explicit_bzero(e, cap * sizeof *e);
        for (size_t k = 0; k < m->cap; k++) {
            if (!m->e[k].a)
                continue;
            size_t j = kmap_hash(m->e[k].a, m->e[k].b, m->e[k].c, m->e[k].year) &
                       (cap - 1);
            while (e[j].a)
                j = (j + 1) & (cap - 1);
            e[j] = m->e[k];
        }
        free(m->e);
        m->e = e;
        m->cap = cap;
    }
    size_t j = kmap_hash(a, b, c, year) & (m->cap - 1);
    while (m->e[j].a) {
        load_kent *x = &m->e[j];
        if (x->a == a && x->b == b && x->c == c && x->year == year) {
            *created = 0;
            return x;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->e[j] = (load_kent){a, b, c, year, -1, NULL};
    m->n++;
    *created = 1;
    return &m->e[j];
}

static load_kent *kmap_find(const load_kmap *m, const void *a, const void *b,
                            const void *c, int year)
{
    if (!m->cap)
        return NULL;
    size_t j = kmap_hash(a, b, c, year) & (m->cap - 1);
    while (m->e[j].a) {
        load_kent *x = &m->e[j];
        if (x->a == a && x->b == b && x->c == c && x->year == year)
            return x;
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

static void kmap_free(load_kmap *m)
{
    free(m->e);
    m->e = NULL;
    m->n = m->cap = 0;
}

void load_ctx_free(load_ctx *c)
{
    kmap_free(&c->accmap);
    free(c->fslot);
    kmap_free(&c->names);
    for (size_t k = 0; k < c->nfser; k++)
        free(c->fser[k].line);
    free(c->fser);
    for (int k = 0; k < 3; k++)
        free(c->key[k].raw);
    free(c->acc);
    free(c->col);
    free(c->dims);
}

/* ---- helpers ------------------------------------------------------------- */

static int fail(load_ctx *c, tb_status code, long line, long col,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#include <stdarg.h>
static int fail(load_ctx *c, tb_status code, long line, long col,
                const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (len >= (int)sizeof msg) {
        /* cut: end the message after its last whole character */
        size_t i = 0, ok = 0, k;
        unsigned cp;
        while ((k = tb_utf8_char(msg + i, strlen(msg + i), &cp)) != 0) {
            i += k;
            ok = i;
        }
        msg[ok] = '\0';
    }
    if (c->status == TB_OK)
        c->status = tb_error_set(c->err, code, c->path, line, col, "%s", msg);
    return -1;
}

static int empty_cell(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return 0;
    return 1;
}

static size_t nonempty(const load_rec *r, size_t *first)
{
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++)
        if (!empty_cell(r->f[i])) {
            if (!k && first)
                *first = i;
            k++;
        }
    return k;
}

static const char *cell(const load_rec *r, size_t i)
{
    return i < r->n ? r->f[i] : "";
}

static int period_in_range(const char *s, tb_period *p)
{
    return tb_load_parse_period(s, p) && p->year >= TB_YEAR_MIN &&
           p->year <= TB_YEAR_MAX;
}

/* First column of a trailing run of period names (and empty cells), or
 * -1 when the row has none.  Years must not decrease. */
static long period_start(const load_rec *r)
{
    if (r->n < 2)
        return -1;
    long j = (long)r->n - 1;
    while (j >= 1 && empty_cell(r->f[j]))
        j--;
    long last_nonempty = j;
    int prev = 1 << 30, periods = 0;
    tb_period p;
    while (j >= 1) {
        if (empty_cell(r->f[j])) {
            j--;
            continue;
        }
        if (!period_in_range(r->f[j], &p) || p.year > prev)
            break;
        prev = p.year;
        periods++;
        j--;
    }
    if (!periods || last_nonempty < 1)
        return -1;
    long s = j + 1;
    while (s < (long)r->n && empty_cell(r->f[s]))
        s++;
    if (periods == 1) {
        /* one year name only counts after a "Perioden" label or empty
         * cells, else "Twente,...,2012" would pass for a header */
        const char *m;
        for (long k = 0; k < s; k++)
            if (!empty_cell(r->f[k]) &&
                !(k == 0 && load_role_of(r->f[k], &m) == COL_YEAR))
                return -1;
    }
    return s;
}

static int has_number(const load_rec *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (load_looks_numeric(r->f[i]))
            return 1;
    return 0;
}

/* Trimmed and interned, never cut: names are checked for length (and
 * refused) where they become keys. */
static const char *intern_trim(load_ctx *c, const char *s)
{
    char t[512];
    size_t n = strlen(s) + 1;
    if (n <= sizeof t) {
        load_trim(s, t, sizeof t);
        return tb_store_intern(c->s, t);
    }
    char *u = malloc(n);
    if (!u)
        return NULL;
    load_trim(s, u, n);
    const char *r = tb_store_intern(c->s, u);
    free(u);
    return r;
}

/* A key (region, indicator, measure) must fit TB_LOAD_MAX_NAME bytes:
 * names that long are a shifted column or a paragraph, not a name. */
static int name_too_long(load_ctx *c, const char *what, const char *name,
                         long line, long col)
{
    size_t len = strlen(name);
    if (len <= TB_LOAD_MAX_NAME)
        return 0;
    char t[64];
    load_excerpt(name, t, sizeof t);
    return fail(c, TB_EDATA, line, col,
                "%s name of %zu bytes ('%s'), expected at most %d bytes", what,
                len, t, TB_LOAD_MAX_NAME);
}

static int identifier_like(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return 0;
    return 1;
}

static const char *measure_of(load_ctx *c, const char *label)
{
    const char *m = tb_measure_name(label);
    if (m)
        return tb_store_intern(c->s, m);
    char t[256];
    load_trim(label, t, sizeof t);
    char *p = t;
    while (*p == '|')
        p++;
    return tb_store_intern(c->s, p);
}

/* ---- the layout ------------------------------------------------------------ */

static int looks_like_code_list(const load_rec *h)
{
    static const char *const names[] = {"key", "title", "code", "naam",
                                        "gemeentecode", "gemeentenaam",
                                        "description", "identifier"};
    int hits = 0;
    for (size_t i = 0; i < h->n; i++) {
        char t[128];
        load_lower(h->f[i], t, sizeof t);
        for (size_t k = 0; k < sizeof names / sizeof *names; k++)
            if (!strncmp(t, names[k], strlen(names[k])))
                hits++;
    }
    return hits >= 2;
}

/* The first names of header H for a message, whole names only: a name
 * that does not fit ends the list with "...". */
static void header_list(const load_rec *h, char *buf, size_t n)
{
    buf[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < h->n && i < 8; i++) {
        char t[64];
        load_excerpt(h->f[i], t, sizeof t);
        if (used + strlen(t) + 2 + sizeof ", ..." > n) {
            if (used + sizeof ", ..." <= n)
                snprintf(buf + used, n - used, ", ...");
            return;
        }
        used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "", t);
    }
    if (h->n > 8 && used + sizeof ", ..." <= n)
        snprintf(buf + used, n - used, ", ...");
}

/* Parse "region=COL,year=COL,..." and apply it to the columns. */
static int apply_map(load_ctx *c, const load_rec *h)
{
    const char *spec = c->o->map;
    if (!spec || !*spec)
        return 0;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", spec);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        char ex[64];
        load_excerpt(tok, ex, sizeof ex);
        if (!eq)
            return fail(c, TB_EINVAL, 0, 0,
                        "--map '%s': expected ROLE=COLUMN pairs separated by commas", ex);
        *eq = '\0';
        char role_s[32], col_s[256];
        load_lower(tok, role_s, sizeof role_s);
        load_trim(eq + 1, col_s, sizeof col_s);
        load_role role;
        if (!strcmp(role_s, "region"))
            role = COL_REGION;
        else if (!strcmp(role_s, "indicator"))
            role = COL_INDICATOR;
        else if (!strcmp(role_s, "measure"))
            role = COL_MEASURE;
        else if (!strcmp(role_s, "year"))
            role = COL_YEAR;
        else if (!strcmp(role_s, "value"))
            role = COL_VALUE;
        else {
            load_excerpt(tok, ex, sizeof ex);
            return fail(c, TB_EINVAL, 0, 0,
                        "--map: unknown role '%s', expected region, indicator, "
                        "measure, year or value", ex);
        }
        long k = -1;
        char *end;
        long num = strtol(col_s, &end, 10);
        if (*col_s && !*end && num >= 1 && (size_t)num <= c->ncol)
            k = num - 1;
        for (size_t i = 0; k < 0 && i < c->ncol && i < h->n; i++) {
            char t[256];
            load_trim(h->f[i], t, sizeof t);
            if (!strcasecmp(t, col_s))
                k = (long)i;
        }
        if (k < 0) {
            load_excerpt(col_s, ex, sizeof ex);
            return fail(c, TB_EINVAL, c->header_line, 0,
                        "--map: no column '%s' in the header, expected a column "
                        "name or number", ex);
        }
        for (size_t i = 0; i < c->ncol; i++) {
            load_role r = c->col[i].role;
            int same = r == role || (role == COL_VALUE &&
                                     (c->col[i].value || r == COL_MEASURED ||
                                      r == COL_UNKNOWN));
            if ((long)i != k && same) {
                c->col[i].role = COL_ATTR;
                c->col[i].value = 0;
            }
        }
        load_col *x = &c->col[k];
        x->role = role;
        x->value = role == COL_VALUE;
        if (role == COL_VALUE) {
            const char *m = tb_measure_name(x->name);
            x->measure = m ? tb_store_intern(c->s, m) : NULL;
        }
    }
    return 0;
}

static int composite_name(const char *name, char *region, char *label,
                          tb_period *p)
{
    const char *first = strchr(name, '_'), *last = strrchr(name, '_');
    if (!first || first == last)
        return 0;
    if (!period_in_range(last + 1, p))
        return 0;
    snprintf(region, 256, "%.*s", (int)(first - name), name);
    snprintf(label, 256, "%.*s", (int)(last - first - 1), first + 1);
    return region[0] && label[0];
}

static int build_layout(load_ctx *c, size_t h0, size_t d)
{
    const load_rec *last = &c->head[d - 1];
    size_t k = d - h0;
    c->ncol = last->n;
    c->col = calloc(c->ncol ? c->ncol : 1, sizeof *c->col);
    if (!c->col)
        return fail(c, TB_ENOMEM, 0, 0, "out of memory");
    c->header_line = last->line;
    for (size_t i = 0; i < c->ncol; i++)
        c->col[i].name = intern_trim(c, last->f[i]);

    /* the period row: the last header row with years as column names */
    long pr = -1, p = -1;
    for (size_t r = d; r-- > h0;) {
        long s = period_start(&c->head[r]);
        if (s >= 0) {
            pr = (long)r;
            p = s;
            break;
        }
    }
    int wide = pr >= 0;
    if (wide) {
        const load_rec *prow = &c->head[pr];
        if (prow->n > c->ncol) {
            load_col *nc = realloc(c->col, prow->n * sizeof *nc);
            if (!nc)
                return fail(c, TB_ENOMEM, 0, 0, "out of memory");
            memset(nc + c->ncol, 0, (prow->n - c->ncol) * sizeof *nc);
            c->col = nc;
            c->ncol = prow->n;
        }
        for (size_t i = (size_t)p; i < c->ncol; i++) {
            load_col *x = &c->col[i];
            if (i < prow->n && !empty_cell(prow->f[i])) {
                period_in_range(prow->f[i], &x->per);
                x->has_period = 1;
                x->value = 1;
                x->role = COL_PERIOD;
                x->name = intern_trim(c, prow->f[i]);
            } else {
                x->role = COL_ATTR;
            }
        }
        int have_region = 0;
        for (size_t i = 0; i < (size_t)p && i < c->ncol; i++) {
            const char *label = "";
            for (size_t r = d; r-- > h0;)
                if (i < c->head[r].n && !empty_cell(c->head[r].f[i]) &&
                    ((long)r == (long)d - 1 || (long)r == pr)) {
                    label = c->head[r].f[i];
                    break;
                }
            /* a year name left of the period columns is a year out of
             * range ("regio;2101;2012"), not a key column */
            tb_period yp;
            if (i > 0 && i < c->head[pr].n && tb_load_parse_period(c->head[pr].f[i], &yp) &&
                (yp.year < TB_YEAR_MIN || yp.year > TB_YEAR_MAX))
                return fail(c, TB_EDATA, c->head[pr].line, (long)i + 1,
                            "year %d out of range, expected a year from %d to %d",
                            yp.year, TB_YEAR_MIN, TB_YEAR_MAX);
            const char *m;
            load_role role = load_role_of(label, &m);
            if (role == COL_REGION)
                have_region = 1;
            c->col[i].role = role;
            c->col[i].name = intern_trim(c, label);
        }
        for (size_t i = 0; i < (size_t)p && i < c->ncol; i++) {
            load_col *x = &c->col[i];
            if (x->role == COL_REGION || x->role == COL_INDICATOR ||
                x->role == COL_MEASURE)
                continue;
            if (!*x->name)
                x->role = i == 0 && !have_region ? COL_REGION : COL_UNIT;
            else if (i == 0 && !have_region)
                x->role = COL_REGION;
            else
                x->role = COL_DIM;
            if (x->role == COL_REGION)
                have_region = 1;
        }
        /* rows such as "Onderwerp";"Geregistreerde misdrijven" name a
         * dimension per column */
        for (size_t r = h0; r + 1 < d; r++) {
            if ((long)r == pr)
                continue;
            const load_rec *row = &c->head[r];
            const char *m;
            load_role role = load_role_of(cell(row, 0), &m);
            for (size_t i = (size_t)p; i < c->ncol && i < row->n; i++) {
                if (!c->col[i].value || empty_cell(row->f[i]))
                    continue;
                if (role == COL_MEASURE)
                    c->col[i].measure = measure_of(c, row->f[i]);
                else if (role == COL_INDICATOR)
                    c->col[i].indicator = intern_trim(c, row->f[i]);
                else if (role == COL_REGION)
                    c->col[i].region = intern_trim(c, row->f[i]);
            }
        }
        snprintf(c->rep->format, sizeof c->rep->format, "%s",
                 k > 1 || h0 > 0 ? "statline" : "wide");
    } else {
        /* composite <Regio>_<Onderwerp>_<year> column names */
        size_t ncomp = 0, nother = 0;
        for (size_t i = 0; i < c->ncol; i++) {
            char reg[256], lab[256];
            tb_period per;
            if (composite_name(last->f[i], reg, lab, &per))
                ncomp++;
            else if (!empty_cell(last->f[i]))
                nother++;
        }
        if (ncomp >= 2 && nother <= 3) {
            for (size_t i = 0; i < c->ncol; i++) {
                char reg[256], lab[256];
                load_col *x = &c->col[i];
                if (composite_name(last->f[i], reg, lab, &x->per)) {
                    x->has_period = 1;
                    x->value = 1;
                    x->role = COL_PERIOD;
                    x->region = intern_trim(c, reg);
                    x->measure = measure_of(c, lab);
                } else {
                    const char *m;
                    x->role = load_role_of(last->f[i], &m);
                    if (x->role != COL_REGION && x->role != COL_INDICATOR &&
                        x->role != COL_MEASURE)
                        x->role = i == 0 ? COL_INDICATOR : COL_DIM;
                }
            }
            snprintf(c->rep->format, sizeof c->rep->format, "composite");
            wide = 1;
        }
    }

    if (!c->rep->format[0]) {
        /* long: roles from the header names, unknown columns from content */
        int odata = 0;
        for (size_t i = 0; i < c->ncol; i++) {
            const char *m;
            load_col *x = &c->col[i];
            x->role = load_role_of(x->name, &m);
            if (x->role == COL_MEASURED)
                x->measure = tb_store_intern(c->s, m);
            if (!strcmp(x->name, "RegioS") || !strcmp(x->name, "Perioden"))
                odata = 1;
        }
        for (size_t i = 0; i < c->ncol; i++) {
            load_col *x = &c->col[i];
            if (x->role != COL_UNKNOWN)
                continue;
            long num = 0, text = 0, per = 0;
            for (size_t r = d; r < c->nhead; r++) {
                const char *v = cell(&c->head[r], i);
                tb_period pp;
                if (tb_load_is_missing(v))
                    continue;
                if (period_in_range(v, &pp) && !load_looks_numeric(v))
                    per++;
                else if (load_looks_numeric(v))
                    num++;
                else
                    text++;
            }
            int has_r = 0, has_y = 0;
            for (size_t j = 0; j < c->ncol; j++) {
                has_r |= c->col[j].role == COL_REGION;
                has_y |= c->col[j].role == COL_YEAR;
            }
            if (!*x->name && text && !num && !has_r)
                x->role = COL_REGION;
            else if (!*x->name && !has_y && !text) {
                /* an unnamed column of years next to the region names */
                long years = 0;
                for (size_t r = d; r < c->nhead; r++) {
                    tb_period pp;
                    years += period_in_range(cell(&c->head[r], i), &pp);
                }
                x->role = years && years + 0 >= num + per ? COL_YEAR : COL_ATTR;
            } else if (!text)
                x->value = 1; /* numbers or all missing */
            else
                x->role = identifier_like(x->name) ? COL_DIM : COL_ATTR;
        }
        for (size_t i = 0; i < c->ncol; i++)
            if (c->col[i].role == COL_VALUE || c->col[i].role == COL_MEASURED)
                c->col[i].value = 1;
        snprintf(c->rep->format, sizeof c->rep->format, "%s",
                 odata ? "odata" : "long");
    }
    if (apply_map(c, last) != 0)
        return -1;

    c->rcol = c->icol = c->mcol = c->ycol = c->notecol = c->srccol = c->statcol = -1;
    size_t nknown = 0, nunknown = 0;
    for (size_t i = 0; i < c->ncol; i++) {
        load_col *x = &c->col[i];
        int *slot = NULL;
        switch (x->role) {
        case COL_REGION: slot = &c->rcol; break;
        case COL_INDICATOR: slot = &c->icol; break;
        case COL_MEASURE: slot = &c->mcol; break;
        case COL_YEAR: slot = &c->ycol; break;
        case COL_NOTE: slot = &c->notecol; break;
        case COL_SOURCE: slot = &c->srccol; break;
        case COL_STATUS: slot = &c->statcol; break;
        default: break;
        }
        if (slot) {
            if (*slot >= 0) {
                if (x->role == COL_INDICATOR) { /* a second one: fold it in */
                    x->role = COL_DIM;
                } else {
                    char a[64], b[64];
                    load_excerpt(c->col[*slot].name, a, sizeof a);
                    load_excerpt(x->name, b, sizeof b);
                    return fail(c, TB_EPARSE, c->header_line, (long)i + 1,
                                "two %s columns ('%s' and '%s'), expected one "
                                "(choose with --map)",
                                x->role == COL_REGION ? "region"
                                : x->role == COL_MEASURE ? "measure"
                                : x->role == COL_YEAR ? "year" : "note/source/status",
                                a, b);
                }
            } else {
                *slot = (int)i;
            }
        }
        if (x->role == COL_DIM) {
            int *nd = realloc(c->dims, (c->ndims + 1) * sizeof *nd);
            if (!nd)
                return fail(c, TB_ENOMEM, 0, 0, "out of memory");
            c->dims = nd;
            c->dims[c->ndims++] = (int)i;
        }
        if (x->value && !x->has_period) {
            if (x->role == COL_UNKNOWN)
                nunknown++;
            else
                nknown++;
        }
        if (x->role == COL_ATTR || x->role == COL_DERIVED)
            c->rep->ignored_columns++;
    }
    size_t nvalue = 0;
    for (size_t i = 0; i < c->ncol; i++)
        nvalue += c->col[i].value;
    char hl[400];
    header_list(last, hl, sizeof hl);
    if (!wide && c->ycol < 0) {
        if (looks_like_code_list(last) || nvalue == 0)
            return fail(c, TB_EDATA, c->header_line, 0,
                        "this is a code list or lookup table (%s), not a series: "
                        "it has no year or period column; use it as a code list",
                        hl);
        return fail(c, TB_EPARSE, c->header_line, 0,
                    "header (%s) has no year column, expected a column named "
                    "year, jaar, Perioden or date, or years as column names",
                    hl);
    }
    if (nvalue == 0)
        return fail(c, TB_EPARSE, c->header_line, 0,
                    "header (%s) has no value column, expected a column named "
                    "value, waarde or aantal, or a measure such as "
                    "TotaalGeregistreerdeMisdrijven_1",
                    hl);
    /* unnamed numeric columns: offences (transposed) or measures */
    int transposed = nunknown && !nknown && c->icol < 0;
    for (size_t i = 0; i < c->ncol; i++) {
        load_col *x = &c->col[i];
        if (!x->value || x->has_period || x->role != COL_UNKNOWN)
            continue;
        if (transposed)
            x->indicator = x->name;
        else
            x->measure = x->name;
    }
    if (transposed)
        snprintf(c->rep->format, sizeof c->rep->format, "transposed");

    /* a fixed region, indicator or measure: options, title block, default */
    int need_r = c->rcol < 0, need_i = c->icol < 0, need_m = c->mcol < 0;
    int any_r = 0, any_i = 0, any_m = 0;
    for (size_t i = 0; i < c->ncol; i++) {
        if (!c->col[i].value)
            continue;
        any_r |= !c->col[i].region;
        any_i |= !c->col[i].indicator;
        any_m |= !c->col[i].measure;
    }
    need_r = need_r && any_r;
    need_i = need_i && any_i;
    need_m = need_m && any_m;
    struct {
        const char *opt, *name;
        int need;
        const char **fix;
    } fx[3] = {{c->o->region, "region", need_r, &c->fix_r},
               {c->o->indicator, "indicator", need_i, &c->fix_i},
               {c->o->measure, "measure", need_m, &c->fix_m}};
    for (int j = 0; j < 3; j++) {
        if (!fx[j].opt)
            continue;
        char ex[64];
        load_excerpt(fx[j].opt, ex, sizeof ex);
        if (!fx[j].need)
            return fail(c, TB_EINVAL, c->header_line, 0,
                        "--%s '%s' given, but the file names its %ss itself; "
                        "expected --%s only for a file without them (or use --map)",
                        fx[j].name, ex, fx[j].name, fx[j].name);
        *fx[j].fix = fx[j].fix == &c->fix_m ? measure_of(c, fx[j].opt)
                                            : intern_trim(c, fx[j].opt);
    }
    if (need_r && !c->fix_r)
        return fail(c, TB_EINVAL, c->header_line, 0,
                    "the file names no region (no region column, no title line "
                    "'Regio's: ...'); expected --region NAME for the region its "
                    "values are of (e.g. --region Nederland)");
    if (need_m && !c->fix_m)
        c->fix_m = tb_store_intern(c->s, "aantal");

    /* the notation of numbers: what the first rows show (number.h) */
    tb_notation_init(&c->num, c->o->decimal, c->delim);
    for (size_t r = d; r < c->nhead; r++)
        for (size_t i = 0; i < c->ncol; i++)
            if (c->col[i].value)
                tb_notation_sample(&c->num, cell(&c->head[r], i), c->head[r].line);
    /* the width a data row needs */
    c->width = 0;
    for (size_t i = 0; i < c->ncol; i++)
        if (c->col[i].value || (c->col[i].role != COL_ATTR && *c->col[i].name) ||
            c->col[i].role == COL_REGION || c->col[i].role == COL_YEAR)
            c->width = i + 1;
    return 0;
}

/* Title lines "Soort misdrijf: Totaal misdrijven" name the table. */
static void title_meta(load_ctx *c, const char *text)
{
    char t[512];
    load_trim(text, t, sizeof t);
    char *colon = strchr(t, ':');
    if (!colon)
        return;
    *colon = '\0';
    const char *m;
    load_role role = load_role_of(t, &m);
    char v[512];
    load_trim(colon + 1, v, sizeof v);
    if (!v[0])
        return;
    if (role == COL_INDICATOR && !c->o->indicator)
        c->fix_i = tb_store_intern(c->s, v);
    else if (role == COL_REGION && !c->o->region)
        c->fix_r = tb_store_intern(c->s, v);
    else if (role == COL_MEASURE && !c->o->measure)
        c->fix_m = measure_of(c, v);
}

/* The bits of the key columns, 0 when there are none or one is beyond 31. */
static unsigned key_columns(const load_ctx *c)
{
    unsigned m = 0;
    int cols[3] = {c->rcol, c->icol, c->mcol};
    for (int k = 0; k < 3; k++) {
        if (cols[k] >= 32)
            return 0;
        if (cols[k] >= 0)
            m |= 1u << cols[k];
    }
    for (size_t k = 0; k < c->ndims; k++) {
        if (c->dims[k] < 0 || c->dims[k] >= 32)
            return 0;
        m |= 1u << c->dims[k];
    }
    return m;
}

/* Region levels a name may have in two ways ("Groningen": the gemeente
 * and the province). */
static const char *const two_levels[] = {"gemeente", "provincie", "district", "eenheid"};

/* The level that most regions named in the first rows (from D on) may
 * have: it settles a name of two levels, so a file of Groningen, Fryslân
 * and Drenthe is of provinces, one of Groningen, Zwolle and Assen of
 * gemeenten.  NULL when no level has more than half of them. */
static const char *common_level(load_ctx *c, size_t d)
{
    enum { NL = sizeof two_levels / sizeof *two_levels };
    if (c->rcol < 0 || !c->o->regions)
        return NULL;
    size_t count[NL] = {0}, named = 0;
    for (size_t r = d; r < c->nhead; r++) {
        char t[256];
        load_trim(cell(&c->head[r], c->rcol), t, sizeof t);
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
    return !open && 2 * count[best] > named ? two_levels[best] : NULL;
}

void load_start(load_ctx *c)
{
    if (c->layout_done || c->status != TB_OK)
        return;
    c->layout_done = 1;
    if (c->nhead == 0) {
        fail(c, TB_EPARSE, 1, 0,
             "empty file, expected a header row and rows of values");
        return;
    }
    /* title lines: one text cell (or none) */
    size_t i = 0, first = 0;
    while (i < c->nhead) {
        const load_rec *r = &c->head[i];
        size_t ne = nonempty(r, &first);
        if (ne > 1 || (ne == 1 && (load_looks_numeric(r->f[first]))))
            break;
        if (ne == 1) {
            char t[64];
            load_trim(r->f[first], t, sizeof t);
            if (!strcmp(t, "TableInfos") || !strcmp(t, "DataProperties")) {
                fail(c, TB_EDATA, r->line, 0,
                     "this is a CBS table description (%s), not a series: "
                     "expected a data file with values",
                     t);
                return;
            }
            title_meta(c, r->f[first]);
        }
        i++;
    }
    if (i == c->nhead) {
        fail(c, TB_EPARSE, c->nhead ? c->head[0].line : 1, 0,
             "no table found: only title lines, expected a header row and "
             "rows of values");
        return;
    }
    size_t h0 = i, d = i;
    while (d < c->nhead && d - h0 < 12) {
        const load_rec *r = &c->head[d];
        if (period_start(r) < 0 && has_number(r))
            break;
        d++;
    }
    if (d == h0) {
        fail(c, TB_EPARSE, c->head[h0].line, 0,
             "no header row, expected column names such as "
             "region,indicator,measure,year,value above the values");
        return;
    }
    if (d == c->nhead || d - h0 >= 12) {
        const load_rec *h = &c->head[h0];
        char hl[400];
        header_list(h, hl, sizeof hl);
        if (looks_like_code_list(h))
            fail(c, TB_EDATA, h->line, 0,
                 "this is a code list or lookup table (%s), not a series: it "
                 "has no year or period column; use it as a code list",
                 hl);
        else if (d == c->nhead && c->nhead < 40)
            fail(c, TB_EPARSE, h->line, 0,
                 "header (%s) but no rows of values, expected at least one "
                 "data row",
                 hl);
        else
            fail(c, TB_EPARSE, h->line, 0,
                 "no rows of numbers below the header (%s), expected values "
                 "in the rows that follow it",
                 hl);
        return;
    }
    if (build_layout(c, h0, d) != 0)
        return;
    c->keymask = key_columns(c);
    c->rep->header_lines_skipped = c->head[d].line - 1;
    c->region_level = common_level(c, d);
    for (size_t r = d; r < c->nhead && c->status == TB_OK; r++)
        load_record(c, &c->head[r]);
}

/* ---- names ------------------------------------------------------------------- */

/* Canonical name of a region (KIND 0) or indicator (KIND 1). */
static const char *canonical(load_ctx *c, int kind, const char *raw, long line,
                             long col)
{
    static const char kinds[2] = {'R', 'I'};
    const tb_codelist *list = kind ? c->o->indicators : c->o->regions;
    const char *name = intern_trim(c, raw);
    if (!name) {
        fail(c, TB_ENOMEM, line, col, "out of memory");
        return NULL;
    }
    if (name_too_long(c, kind ? "indicator" : "region", name, line, col))
        return NULL;
    if (!list)
        return name;
    int created;
    load_kent *e = kmap_get(&c->names, name, &kinds[kind], NULL, 0, &created);
    if (!e)
        return NULL;
    if (!created)
        return e->out;
    const tb_code *m = tb_codelist_match(list, name);
    const tb_code *o = m && !kind ? tb_codelist_rival(list, name, m) : NULL;
    if (o && c->region_level) {
        /* a name of two levels: the level the file's regions have */
        const tb_code *at = tb_codelist_match_level(list, name, c->region_level);
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
    const char *what = kind ? "indicator" : "region";
    const char *close = tb_codelist_closest(list, name);
    if (c->o->strict) {
        char hint[300] = "";
        if (close)
            snprintf(hint, sizeof hint, " (did you mean '%s'?)", close);
        fail(c, TB_EDATA, line, col,
             "unknown %s '%s'%s, expected a %s from the code list (without "
             "--strict it is kept as a %s of its own)",
             what, name, hint, what, what);
        e->out = name;
        return NULL;
    }
    if (close)
        tb_diag_add(c->warn, c->path, line, col,
                    "unknown %s '%s' kept as a %s of its own; did you mean '%s'?",
                    what, name, what, close);
    else {
        if (!c->unknown[kind]++) {
            load_excerpt(name, c->unknown_first[kind], sizeof c->unknown_first[kind]);
            c->unknown_line[kind] = line;
        }
    }
    e->out = name;
    return name;
}

/* ---- values --------------------------------------------------------------------- */

static int acc_complete(const load_acc *a);
static int close_acc(load_ctx *c, load_fser *f);

/* The series this file writes to, by key: a slot holds the index + 1 in
 * c->fser in its low 32 bits and the high 32 bits of the key's hash above
 * them, so that a probe reads an entry only on a likely match (a file of
 * a million series makes this table far larger than the caches). */
#define FSLOT_TAG(h) ((h) & ~(uint64_t)0xFFFFFFFFu)

/* The slot of (R, I, M): holding its entry, or the empty slot where it
 * belongs (the table grown first).  NULL: out of memory. */
static uint64_t *find_fser(load_ctx *c, const char *r, const char *i, const char *m)
{
    if (2 * (c->nfser + 1) > c->fslotcap) {
        size_t cap = c->fslotcap ? 2 * c->fslotcap : 1024;
        uint64_t *t = malloc(cap * sizeof *t);
        if (!t)
            return NULL;
        explicit_bzero(t, cap * sizeof *t); /* not calloc: see kmap_get */
        for (size_t k = 0; k < c->nfser; k++) {
            const load_fser *f = &c->fser[k];
            uint64_t h = kmap_hash(f->r, f->i, f->m, 0);
            size_t j = h & (cap - 1);
            while (t[j])
                j = (j + 1) & (cap - 1);
            t[j] = FSLOT_TAG(h) | (k + 1);
        }
        free(c->fslot);
        c->fslot = t;
        c->fslotcap = cap;
    }
    uint64_t h = kmap_hash(r, i, m, 0), tag = FSLOT_TAG(h);
    size_t j = h & (c->fslotcap - 1);
    for (; c->fslot[j]; j = (j + 1) & (c->fslotcap - 1)) {
        if (FSLOT_TAG(c->fslot[j]) != tag)
            continue;
        const load_fser *f = &c->fser[(c->fslot[j] & 0xFFFFFFFFu) - 1];
        if (f->r == r && f->i == i && f->m == m)
            break;
    }
    return &c->fslot[j];
}

/* The file's entry for the series (R, I, M), made on first use. */
static load_fser *file_series(load_ctx *c, const char *r, const char *i,
                              const char *m)
{
    if (c->last_fser) {
        load_fser *f = &c->fser[c->last_fser - 1];
        if (f->r == r && f->i == i && f->m == m)
            return f;
        /* the file moves on to another series: a year of periods that is
         * complete is added up now, so that memory holds open years only */
        if (f->acc && !c->finishing && acc_complete(&c->acc[f->acc - 1]) &&
            close_acc(c, f) != 0)
            return NULL;
    }
    uint64_t *slot = find_fser(c, r, i, m);
    if (!slot)
        return NULL;
    if (!*slot) {
        if (c->nfser == c->capfser) {
            size_t cap = c->capfser ? 2 * c->capfser : 256;
            load_fser *t = realloc(c->fser, cap * sizeof *t);
            if (!t)
                return NULL;
            c->fser = t;
            c->capfser = cap;
        }
        c->fser[c->nfser] = (load_fser){r, i, m, NULL, 0, 0, NULL, 0};
        *slot = FSLOT_TAG(kmap_hash(r, i, m, 0)) | ++c->nfser;
    }
    c->last_fser = (size_t)(*slot & 0xFFFFFFFFu);
    return &c->fser[c->last_fser - 1];
}

/* Where the line of YEAR's value is kept; NULL: out of memory.  Each
 * growth makes room for as many years again on the side it grew to
 * (files mostly add years in order). */
static long *fser_line(load_fser *f, int year)
{
    if (!f->n || year < f->y0 || year >= f->y0 + f->n) {
        int lo = f->n && f->y0 < year ? f->y0 : year;
        int hi = f->n && f->y0 + f->n - 1 > year ? f->y0 + f->n - 1 : year;
        int n = 2 * (hi - lo + 1) < 16 ? 16 : 2 * (hi - lo + 1);
        int first = f->n && year < f->y0 ? hi - n + 1 : lo;
        long *t = calloc((size_t)n, sizeof *t);
        if (!t)
            return NULL;
        if (f->n)
            memcpy(t + (f->y0 - first), f->line, (size_t)f->n * sizeof *t);
        free(f->line);
        f->line = t;
        f->y0 = first;
        f->n = n;
    }
    return &f->line[year - f->y0];
}

static int put_year(load_ctx *c, const char *r, const char *i, const char *m,
                    int year, double v, unsigned flags, const char *note,
                    const char *src, long line, long col)
{
    load_fser *f = file_series(c, r, i, m);
    long *seen = f ? fser_line(f, year) : NULL;
    if (seen && !f->x)
        f->x = tb_store_series(c->s, r, i, m, src ? src : c->source);
    if (!seen || !f->x)
        return fail(c, TB_ENOMEM, line, col, "out of memory");
    if ((long)c->nfser > c->max_series)
        return fail(c, TB_EDATA, line, col,
                    "more than %ld series, expected at most %ld in one file "
                    "(split it, or raise the limit)",
                    c->max_series, c->max_series);
    if (*seen) {
        double old = tb_series_get(f->x, year);
        if ((isnan(old) && isnan(v)) || old == v) {
            c->rep->exact_duplicates++;
            return 0;
        }
        char a[40], b[40];
        snprintf(a, sizeof a, isnan(v) ? "missing" : "%.15g", v);
        snprintf(b, sizeof b, isnan(old) ? "missing" : "%.15g", old);
        return fail(c, TB_EDATA, line, col,
                    "duplicate value for (%s, %s, %s, %d): %s here, %s on line "
                    "%ld; expected one value per region, indicator, measure "
                    "and year",
                    r, i, m, year, a, b, labs(*seen));
    }
    *seen = line;
    double prev = NAN;
    int dup = 0;
    tb_status st = tb_series_put(c->s, f->x, year, v, flags, note, &prev, &dup);
    if (st == TB_EDATA)
        return fail(c, TB_EDATA, line, col,
                    "duplicate value for (%s, %s, %s, %d): %.15g here, %.15g "
                    "already loaded from %s; expected one value per region, "
                    "indicator, measure and year",
                    r, i, m, year, v, prev,
                    f->x->source ? f->x->source : "another file");
    if (st != TB_OK)
        return fail(c, st, line, col, "cannot store the value (out of memory)");
    if (dup)
        c->rep->exact_duplicates++;
    /* a missing cell over a value already loaded: the store keeps the value */
    c->rep->values++;
    return 0;
}

/* ---- monthly and quarterly accumulators ----------------------------------
 * Each series has one open year of periods; a year left open when the
 * series moves to another year is parked (a file sorted by period), a
 * complete one is added up at once (a file sorted by series): memory
 * holds the years still open, not the whole file. */

static int acc_complete(const load_acc *a)
{
    for (int j = 0; j < a->per_year; j++)
        if (!a->have[j])
            return 0;
    return 1;
}

static long new_acc(load_ctx *c, const char *r, const char *i, const char *m,
                    const tb_period *p, const char *note)
{
    long k;
    if (c->free_acc) {
        k = c->free_acc - 1;
        c->free_acc = c->acc[k].next_free;
    } else {
        if (c->nacc == c->capacc) {
            size_t cap = c->capacc ? 2 * c->capacc : 256;
            load_acc *t = realloc(c->acc, cap * sizeof *t);
            if (!t)
                return -1;
            c->acc = t;
            c->capacc = cap;
        }
        k = (long)c->nacc++;
    }
    load_acc *a = &c->acc[k];
    memset(a, 0, sizeof *a);
    a->r = r, a->i = i, a->m = m;
    a->year = p->year;
    a->per_year = p->per_year;
    a->stock = !strcmp(m, "inwoners");
    a->note = note;
    return k;
}

static int flush_acc(load_ctx *c, load_acc *a);

/* Add up the open year of F and free its accumulator. */
static int close_acc(load_ctx *c, load_fser *f)
{
    long k = f->acc - 1;
    load_acc *a = &c->acc[k];
    f->acc = 0;
    int year = a->year;
    if (flush_acc(c, a) != 0)
        return -1;
    long *seen = fser_line(f, year);
    if (!seen)
        return fail(c, TB_ENOMEM, 0, 0, "out of memory");
    *seen = -labs(*seen);
    a->year = 0;
    a->next_free = c->free_acc;
    c->free_acc = k + 1;
    return 0;
}

/* F's open year gives way to another year of the series. */
static int park_acc(load_ctx *c, load_fser *f)
{
    load_acc *a = &c->acc[f->acc - 1];
    if (acc_complete(a))
        return close_acc(c, f);
    int created;
    load_kent *e = kmap_get(&c->accmap, a->r, a->i, a->m, a->year, &created);
    if (!e)
        return fail(c, TB_ENOMEM, 0, 0, "out of memory");
    e->v = f->acc - 1;
    f->acc = 0;
    return 0;
}

static long unpark_acc(load_ctx *c, const char *r, const char *i, const char *m,
                       int year)
{
    if (!c->accmap.n)
        return -1;
    load_kent *e = kmap_find(&c->accmap, r, i, m, year);
    if (!e || e->v < 0)
        return -1;
    long k = e->v;
    e->v = -1;
    return k;
}

static int put_period(load_ctx *c, const char *r, const char *i, const char *m,
                      const tb_period *p, double v, unsigned flags,
                      const char *note, const char *src, long line, long col)
{
    if (p->per_year == 1)
        return put_year(c, r, i, m, p->year, v, flags, note, src, line, col);
    c->rep->monthly_rows++;
    load_fser *f = file_series(c, r, i, m);
    if (!f)
        return fail(c, TB_ENOMEM, line, col, "out of memory");
    load_acc *a = f->acc ? &c->acc[f->acc - 1] : NULL;
    if (!a || a->year != p->year) {
        if (a && park_acc(c, f) != 0)
            return -1;
        long k = unpark_acc(c, r, i, m, p->year);
        if (k < 0) {
            long *seen = fser_line(f, p->year);
            if (!seen)
                return fail(c, TB_ENOMEM, line, col, "out of memory");
            if (*seen < 0)
                return fail(c, TB_EDATA, line, col,
                            "period %d of %d for (%s, %s, %s) comes again after "
                            "that year was complete and added up (its periods "
                            "start on line %ld); expected each period once, "
                            "with the rows of a series and year together",
                            p->sub, p->year, r, i, m, -*seen);
            k = new_acc(c, r, i, m, p, note);
            if (k < 0)
                return fail(c, TB_ENOMEM, line, col, "out of memory");
        }
        f->acc = k + 1;
        a = &c->acc[k];
    }
    if (a->per_year != p->per_year)
        return fail(c, TB_EDATA, line, col,
                    "months and quarters mixed for (%s, %s, %s, %d), expected "
                    "one kind of period per series and year",
                    r, i, m, p->year);
    int k = p->sub - 1;
    a->flags |= flags & ~TB_FLAG_MISSING;
    if (a->have[k]) {
        if ((isnan(a->v[k]) && isnan(v)) || a->v[k] == v) {
            c->rep->exact_duplicates++;
            return 0;
        }
        if (a->nextra)
            return fail(c, TB_EDATA, line, col,
                        "duplicate value for (%s, %s, %s, %d period %d): %.15g "
                        "here, %.15g on line %ld; expected one value per period",
                        r, i, m, p->year, p->sub, v, a->v[k], a->line[k]);
        a->nextra = 1;
        a->extra = v;
        a->extra_sub = p->sub;
        a->extra_line = line;
        return 0;
    }
    a->have[k] = 1;
    a->v[k] = v;
    a->line[k] = line;
    return 0;
}

/* Add up the periods of A into its year: a sum for counts, the last
 * period for a stock such as inwoners. */
static int flush_acc(load_ctx *c, load_acc *a)
{
    int np = a->per_year;
    if (a->nextra) {
        /* a repeated period: the annual total dated as the first month
         * (the 13th row) when it equals the sum of the other periods */
        int k = a->extra_sub - 1;
        double sum_other = 0;
        int complete = 1;
        for (int j = 0; j < np; j++) {
            if (!a->have[j] || isnan(a->v[j]))
                complete = 0;
            else if (j != k)
                sum_other += a->v[j];
        }
        if (complete && !isnan(a->extra) && a->extra == sum_other + a->v[k]) {
            c->rep->annual_repeats++;
        } else if (complete && !isnan(a->extra) &&
                   a->v[k] == sum_other + a->extra) {
            a->v[k] = a->extra; /* the total came first */
            c->rep->annual_repeats++;
        } else {
            char x[40], y[40];
            snprintf(x, sizeof x, isnan(a->extra) ? "missing" : "%.15g", a->extra);
            snprintf(y, sizeof y, isnan(a->v[k]) ? "missing" : "%.15g", a->v[k]);
            return fail(c, TB_EDATA, a->extra_line, 0,
                        "duplicate value for (%s, %s, %s, %d period %d): %s "
                        "here, %s on line %ld; expected one value per period",
                        a->r, a->i, a->m, a->year, a->extra_sub, x, y,
                        a->line[k]);
        }
    }
    double sum = 0, lastv = NAN;
    int present = 0, lastk = -1;
    long line = 0;
    for (int j = 0; j < np; j++) {
        if (a->have[j] && (!line || a->line[j] < line))
            line = a->line[j];
        if (a->have[j] && !isnan(a->v[j])) {
            sum += a->v[j];
            present++;
            lastv = a->v[j];
            lastk = j;
        }
    }
    unsigned flags = a->flags;
    double v;
    if (a->stock) {
        /* inwoners is a stock: the year's value is its last period */
        v = lastv;
        if (lastk != np - 1)
            flags |= TB_FLAG_INCOMPLETE;
    } else {
        /* flows add up: yearly count = sum over the periods */
        v = present ? sum : NAN;
        if (present < np)
            flags |= TB_FLAG_INCOMPLETE;
    }
    if (put_year(c, a->r, a->i, a->m, a->year, v, flags, a->note, NULL, line,
                 0) != 0)
        return -1;
    return 0;
}

/* End of file: every year still open. */
static int flush_months(load_ctx *c)
{
    c->finishing = 1;
    for (size_t n = 0; n < c->nacc; n++)
        if (c->acc[n].year && flush_acc(c, &c->acc[n]) != 0)
            return -1;
    return 0;
}

static const char *status_flags(load_ctx *c, const char *s, unsigned *flags,
                                long line, long col)
{
    char t[64];
    load_lower(s, t, sizeof t);
    if (!t[0] || !strcmp(t, "definitief") || !strcmp(t, "final") ||
        !strcmp(t, "ok"))
        return NULL;
    /* one or more of these words (export writes "voorlopig;onvolledig") */
    unsigned before = *flags;
    if (strstr(t, "voorlopig") || strstr(t, "provisional"))
        *flags |= TB_FLAG_PROVISIONAL;
    if (strstr(t, "schatting") || strstr(t, "geschat") || strstr(t, "approx") ||
        strstr(t, "estimate"))
        *flags |= TB_FLAG_APPROX;
    if (strstr(t, "onvolledig") || strstr(t, "incomplete"))
        *flags |= TB_FLAG_INCOMPLETE;
    if (strstr(t, "verdacht") || strstr(t, "suspect"))
        *flags |= TB_FLAG_SUSPECT;
    if (*flags == before) {
        int created;
        const char *k = tb_store_intern(c->s, t);
        load_kent *e = kmap_get(&c->names, k, "S", NULL, 0, &created);
        char ex[64];
        load_excerpt(s, ex, sizeof ex);
        if (e && created)
            tb_diag_add(c->warn, c->path, line, col,
                        "unknown status '%s' ignored, expected provisional, "
                        "voorlopig, approximate, schatting, onvolledig or verdacht",
                        ex);
    }
    return NULL;
}

/* "nan", "inf", "-Infinity", ...: values no count or rate can have. */
static int not_finite_text(const char *s)
{
    char t[16];
    if (strlen(s) > 40)
        return 0;
    load_lower(s, t, sizeof t);
    const char *p = t + (t[0] == '-' || t[0] == '+');
    return !strcmp(p, "nan") || !strcmp(p, "inf") || !strcmp(p, "infinity");
}

/* A number in shape whose value does not fit a double (1e400). */
static int overflow_text(const char *s, tb_decimal d)
{
    double v;
    char t[160];
    load_trim(s, t, sizeof t);
    if (!strpbrk(t, "eE") || strlen(t) >= sizeof t - 1)
        return 0;
    /* the same text with a small exponent is a number */
    char *e = strpbrk(t, "eE");
    snprintf(e, sizeof t - (size_t)(e - t), "e0");
    return tb_number_parse(t, d, &v);
}

/* Fast paths for the cells of nearly every row: a plain year ("2013")
 * and a plain count ("  645"); anything else takes the full parsers. */
static int plain_year_digits(const char *s)
{
    for (int k = 0; k < 4; k++)
        if (s[k] < '0' || s[k] > '9')
            return 0;
    return 1;
}

static int plain_year(const char *s, tb_period *p)
{
    if (!plain_year_digits(s) || s[4])
        return 0;
    memset(p, 0, sizeof *p);
    p->per_year = 1;
    p->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    return 1;
}

/* "2013MM01", as CBS writes months */
static int plain_month(const char *s, tb_period *p)
{
    /* each test reads a byte only when the ones before it were not NUL */
    if (!plain_year_digits(s) || s[4] != 'M' || s[5] != 'M' || s[6] < '0' ||
        s[6] > '1' || s[7] < '0' || s[7] > '9' || s[8])
        return 0;
    int m = (s[6] - '0') * 10 + (s[7] - '0');
    if (m < 1 || m > 12)
        return 0;
    memset(p, 0, sizeof *p);
    p->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    p->sub = m;
    p->per_year = 12;
    return 1;
}

static int plain_count(const char *s, double *out)
{
    while (*s == ' ')
        s++;
    long long v = 0;
    int digits = 0;
    /* 15 digits stay below 2^53; longer numbers take the full parser */
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        if (digits == 15)
            return 0;
        v = 10 * v + (*s - '0');
    }
    while (*s == ' ')
        s++;
    if (*s || !digits)
        return 0;
    *out = (double)v;
    return 1;
}

/* The name key column K (0 region, 1 indicator, 2 measure) makes of RAW,
 * from the cache when the column repeats the row above. */
static const char *cached_key(load_ctx *c, int k, const char *raw, long line,
                              long col)
{
    load_keycache *kc = &c->key[k];
    if (kc->out && !strcmp(kc->raw, raw))
        return kc->out;
    const char *out = k == 2 ? measure_of(c, raw) : canonical(c, k, raw, line, col);
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

/* The keys of row R (region, indicator, measure) into KEY; -1 when the
 * row failed (c->status says why). */
static int row_keys(load_ctx *c, const load_rec *r, long line, const char *key[3])
{
    const char *reg = c->fix_r, *ind = c->fix_i, *meas = c->fix_m;
    if (c->rcol >= 0) {
        if (empty_cell(cell(r, c->rcol))) {
            fail(c, TB_EDATA, line, c->rcol + 1,
                 "empty region name, expected a region in every row");
            return -1;
        }
        reg = cached_key(c, 0, cell(r, c->rcol), line, c->rcol + 1);
        if (!reg)
            return -1;
    } else if (reg && c->o->regions) {
        reg = canonical(c, 0, reg, line, 0);
        if (!reg)
            return -1;
    }
    if (c->icol >= 0 || c->ndims) {
        char buf[1024];
        size_t used = 0;
        buf[0] = '\0';
        if (c->icol >= 0) {
            used = load_trim(cell(r, c->icol), buf, sizeof buf);
        } else if (ind) {
            used = (size_t)snprintf(buf, sizeof buf, "%s", ind);
        }
        for (size_t k = 0; k < c->ndims; k++) {
            char t[256];
            load_trim(cell(r, c->dims[k]), t, sizeof t);
            /* CBS total keys (T001540 ...) add nothing to the key */
            if (!t[0] || !strncmp(t, "T00", 3))
                continue;
            if (used + 1 + strlen(t) >= sizeof buf) {
                name_too_long(c, "indicator", t, line, c->dims[k] + 1);
                if (c->status == TB_OK)
                    fail(c, TB_EDATA, line, c->dims[k] + 1,
                         "indicator name of more than %d bytes (joined from "
                         "its columns), expected at most %d bytes",
                         TB_LOAD_MAX_NAME, TB_LOAD_MAX_NAME);
                return -1;
            }
            used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s",
                                     used ? "|" : "", t);
        }
        if (!buf[0]) {
            fail(c, TB_EDATA, line, c->icol >= 0 ? c->icol + 1 : 0,
                 "empty indicator, expected an offence or indicator in every row");
            return -1;
        }
        ind = cached_key(c, 1, buf, line, c->icol + 1);
        if (!ind)
            return -1;
    } else if (ind && c->o->indicators) {
        ind = canonical(c, 1, ind, line, 0);
        if (!ind)
            return -1;
    }
    if (c->mcol >= 0) {
        if (empty_cell(cell(r, c->mcol))) {
            fail(c, TB_EDATA, line, c->mcol + 1,
                 "empty measure, expected a measure in every row");
            return -1;
        }
        meas = cached_key(c, 2, cell(r, c->mcol), line, c->mcol + 1);
    }
    key[0] = reg, key[1] = ind, key[2] = meas;
    return 0;
}

void load_record(load_ctx *c, const load_rec *r)
{
    /* the keys of the row before serve only the row right after it */
    int keyed = c->prev_keyed;
    c->prev_keyed = 0;
    if (c->status != TB_OK)
        return;
    size_t first = 0;
    /* two leading cells with text: neither a blank row nor a note line */
    size_t ne = !c->footer && r->n >= 2 && !empty_cell(r->f[0]) && !empty_cell(r->f[1])
                    ? 2 : nonempty(r, &first);
    if (c->footer) {
        /* notes below "Bron:" are skipped, values are not: a second
         * table glued under the first must not vanish */
        if (ne >= 2 && has_number(r)) {
            fail(c, TB_EDATA, r->line, 0,
                 "row of values after the footer on line %ld, expected the "
                 "footer (\"Bron: ...\") below the last row of values",
                 c->footer_line);
            return;
        }
        c->rep->footer_lines++;
        return;
    }
    if (ne == 0)
        return;
    if (ne == 1 && first == 0) {
        char t[16];
        load_lower(r->f[0], t, sizeof t);
        if (!strncmp(t, "bron", 4) || !strncmp(t, "source", 6)) {
            c->footer = 1;
            c->footer_line = r->line;
            c->rep->footer_lines++;
            return;
        }
    }
    if (r->n < c->width) {
        fail(c, TB_EPARSE, r->line, (long)r->n + 1,
             "ragged row: %zu field%s, expected %zu as in the header on line %ld",
             r->n, r->n == 1 ? "" : "s", c->width, c->header_line);
        return;
    }
    for (size_t i = c->ncol > c->width ? c->ncol : c->width; i < r->n; i++)
        if (!empty_cell(r->f[i])) {
            fail(c, TB_EPARSE, r->line, (long)i + 1,
                 "ragged row: %zu fields, expected %zu as in the header on "
                 "line %ld",
                 r->n, c->ncol > c->width ? c->ncol : c->width, c->header_line);
            return;
        }
    long line = r->line;
    if (++c->rep->rows > c->max_rows) {
        fail(c, TB_EDATA, line, 0,
             "more than %ld data rows, expected at most %ld in one file (split "
             "it, or raise the limit)",
             c->max_rows, c->max_rows);
        return;
    }
    /* key cells of the row: those of the row before when the parsing
     * thread found them the same (the lookups would give the same keys) */
    const char *key[3];
    int reuse = keyed && c->keymask && (r->same & c->keymask) == c->keymask;
    if (reuse)
        memcpy(key, c->row_key, sizeof key);
    else if (row_keys(c, r, line, key) != 0)
        return;
    memcpy(c->row_key, key, sizeof key);
    c->prev_keyed = 1;
    const char *reg = key[0], *ind = key[1], *meas = key[2];
    tb_period rowp;
    int row_has_period = 0;
    if (c->ycol >= 0) {
        const char *y = cell(r, c->ycol);
        if (!plain_year(y, &rowp) && !plain_month(y, &rowp) &&
            !tb_load_parse_period(y, &rowp)) {
            char t[64];
            load_excerpt(y, t, sizeof t);
            fail(c, TB_EPARSE, line, c->ycol + 1,
                 "'%s' is not a year, expected a year (2013, 2013*) or a "
                 "period (2013JJ00, 2013MM01, 2013-01, 2013-01-01)",
                 t);
            return;
        }
        row_has_period = 1;
    }
    unsigned rowflags = 0;
    if (c->statcol >= 0)
        status_flags(c, cell(r, c->statcol), &rowflags, line, c->statcol + 1);
    const char *note = NULL, *src = NULL;
    if (c->notecol >= 0 && !empty_cell(cell(r, c->notecol)))
        note = intern_trim(c, cell(r, c->notecol));
    if (c->srccol >= 0 && !empty_cell(cell(r, c->srccol)))
        src = intern_trim(c, cell(r, c->srccol));

    for (size_t k = 0; k < c->ncol && k < r->n; k++) {
        const load_col *x = &c->col[k];
        if (!x->value)
            continue;
        const tb_period *p = x->has_period ? &x->per : row_has_period ? &rowp : NULL;
        if (!p)
            continue;
        if (p->year < TB_YEAR_MIN || p->year > TB_YEAR_MAX) {
            fail(c, TB_EDATA, x->has_period ? c->header_line : line,
                 x->has_period ? (long)k + 1 : c->ycol + 1,
                 "year %d out of range, expected a year from %d to %d", p->year,
                 TB_YEAR_MIN, TB_YEAR_MAX);
            return;
        }
        const char *rr = x->region ? canonical(c, 0, x->region, line, (long)k + 1) : reg;
        const char *ii = x->indicator ? canonical(c, 1, x->indicator, line, (long)k + 1)
                                      : ind;
        const char *mm = x->measure ? x->measure : meas;
        if (c->status != TB_OK)
            return;
        if (!rr || !ii || !mm) {
            if (c->status != TB_OK)
                return;
            if (!mm)
                mm = tb_store_intern(c->s, "aantal");
            if (!ii) {
                if (!strcmp(mm, "inwoners"))
                    ii = tb_store_intern(c->s, "bevolking");
                else {
                    ii = tb_store_intern(c->s, "Totaal misdrijven");
                    if (!c->warned_indicator++)
                        tb_diag_add(c->warn, c->path, 0, 0,
                                    "the file names no offence; its values are "
                                    "taken as 'Totaal misdrijven' (name it "
                                    "with --indicator)");
                }
                ii = canonical(c, 1, ii, line, 0);
            }
            if (!rr)
                rr = tb_store_intern(c->s, "Nederland");
            if (!ii)
                return;
        }
        /* interned names: one that passed passes again */
        if ((rr != c->name_ok[0] &&
             name_too_long(c, "region", rr, line, c->rcol >= 0 ? c->rcol + 1 : 0)) ||
            (ii != c->name_ok[1] &&
             name_too_long(c, "indicator", ii, line, c->icol >= 0 ? c->icol + 1 : 0)) ||
            (mm != c->name_ok[2] &&
             name_too_long(c, "measure", mm, line,
                           c->mcol >= 0 ? c->mcol + 1 : (long)k + 1)))
            return;
        c->name_ok[0] = rr, c->name_ok[1] = ii, c->name_ok[2] = mm;
        const char *v = r->f[k];
        double val;
        unsigned flags = rowflags | (p->provisional ? TB_FLAG_PROVISIONAL : 0);
        if (plain_count(v, &val)) {
            /* digits only: a count, never negative nor beyond 2^53 */
        } else if (tb_load_is_missing(v)) {
            val = NAN;
            c->rep->missing++;
        } else {
            const char *q = v;
            while (*q == ' ')
                q++;
            if (*q == '>' || *q == '<' || *q == '~') {
                flags |= TB_FLAG_APPROX;
                q++;
            } else if (!strncmp(q, "ca.", 3)) {
                flags |= TB_FLAG_APPROX;
                q += 3;
            }
            char why[400];
            tb_num_result nr = tb_notation_read(&c->num, q, tb_measure_is_count(mm),
                                                line, &val, why, sizeof why);
            if (nr == TB_NUM_AMBIGUOUS || nr == TB_NUM_CONFLICT) {
                char t[64];
                load_excerpt(v, t, sizeof t);
                fail(c, TB_EPARSE, line, (long)k + 1, "'%s': %s", t, why);
                return;
            }
            if (nr != TB_NUM_OK) {
                char t[64];
                load_excerpt(v, t, sizeof t);
                fail(c, TB_EPARSE, line, (long)k + 1,
                     not_finite_text(q)
                         ? "'%s' is not a number (NaN and infinity are not "
                           "counts), expected a number or a missing-value "
                           "marker (. or empty)"
                     : overflow_text(q, c->num.decimal)
                         ? "'%s' is beyond the range of numbers, expected a "
                           "magnitude below 2^53 = 9007199254740992"
                         : "'%s' is not a number, expected a number or a "
                           "missing-value marker (. or empty)",
                     t);
                return;
            }
            /* above 2^53 a double skips integers: 9007199254740993 would
             * be stored as ...992, a number the file does not hold */
            if (fabs(val) >= 9007199254740992.0) {
                char t[64];
                load_excerpt(v, t, sizeof t);
                fail(c, TB_EDATA, line, (long)k + 1,
                     "'%s' is too large, expected a magnitude below 2^53 = "
                     "9007199254740992",
                     t);
                return;
            }
            if (val < 0 && tb_measure_is_count(mm)) {
                fail(c, TB_EDATA, line, (long)k + 1,
                     "negative count %.15g for %s, expected a count of 0 or more",
                     val, mm);
                return;
            }
        }
        if (put_period(c, rr, ii, mm, p, val, flags, note, src, line, (long)k + 1) != 0)
            return;
    }
}

/* A zero in a series whose other values are all >= 20 is implausible as a
 * count: for Poisson(lambda >= 20), P(0) = e^-lambda < 2.1e-9 (and a count
 * rounded to 5 still cannot fall from 20 to 0 by rounding).  Such zeros
 * are files writing "no data" as 0 (gemeenten that did not yet exist). */
static void flag_zeros(load_ctx *c)
{
    long n = 0;
    char example[300] = "";
    /* the series this file wrote to, in the order it first did */
    for (size_t k = 0; k < c->nfser; k++) {
        tb_series *x = c->fser[k].x;
        if (!x)
            continue;
        double minnz = INFINITY;
        int zeros = 0;
        for (int j = 0; j < x->n; j++) {
            if (x->flags[j] & TB_FLAG_MISSING)
                continue;
            if (x->value[j] == 0)
                zeros++;
            else if (fabs(x->value[j]) < minnz)
                minnz = fabs(x->value[j]);
        }
        if (!zeros || !isfinite(minnz) || minnz < SUSPECT_LEVEL)
            continue;
        for (int j = 0; j < x->n; j++)
            if (!(x->flags[j] & TB_FLAG_MISSING) && x->value[j] == 0 &&
                !(x->flags[j] & TB_FLAG_SUSPECT)) {
                x->flags[j] |= TB_FLAG_SUSPECT;
                if (!n) {
                    char a[64], b[64], m[64];
                    load_excerpt(x->region, a, sizeof a);
                    load_excerpt(x->indicator, b, sizeof b);
                    load_excerpt(x->measure, m, sizeof m);
                    snprintf(example, sizeof example, "%s, %s, %s, %d", a, b, m,
                             x->first_year + j);
                }
                n++;
            }
    }
    c->rep->suspect_zeros = n;
    if (n)
        tb_diag_add(c->warn, c->path, 0, 0,
                    "%ld zero value%s in series whose other values are all %d or "
                    "more flagged as suspect (probably 'no data', e.g. %s); "
                    "trends are not fitted through them",
                    n, n == 1 ? "" : "s", SUSPECT_LEVEL, example);
}

void load_finish(load_ctx *c)
{
    if (c->status != TB_OK)
        return;
    if (c->rep->rows == 0) {
        fail(c, TB_EPARSE, c->header_line, 0,
             "no rows of values below the header, expected at least one data row");
        return;
    }
    if (flush_months(c) != 0)
        return;
    flag_zeros(c);
    c->rep->series = (long)c->nfser;
    c->rep->decimal_comma = c->num.decimal == TB_DECIMAL_COMMA;
    if (c->num.by_guess)
        tb_diag_add(c->warn, c->path, c->num.line, 0,
                    "'%s' read with '%c' grouping thousands, as no value before it "
                    "shows the decimal separator (--decimal %s reads it otherwise)",
                    c->num.text, c->num.decimal == TB_DECIMAL_COMMA ? '.' : ',',
                    c->num.decimal == TB_DECIMAL_COMMA ? "point" : "comma");
    if (c->rep->annual_repeats)
        tb_diag_add(c->warn, c->path, 0, 0,
                    "%ld row%s repeat%s the annual total under the first period "
                    "(a 13th row); not counted twice",
                    c->rep->annual_repeats, c->rep->annual_repeats == 1 ? "" : "s",
                    c->rep->annual_repeats == 1 ? "s" : "");
    if (c->rep->exact_duplicates)
        tb_diag_add(c->warn, c->path, 0, 0,
                    "%ld value%s repeated with the same number; counted once",
                    c->rep->exact_duplicates,
                    c->rep->exact_duplicates == 1 ? "" : "s");
    for (int k = 0; k < 2; k++)
        if (c->unknown[k])
            tb_diag_add(c->warn, c->path, c->unknown_line[k], 0,
                        "%ld %s not in the code list kept as given (first: '%s')",
                        c->unknown[k],
                        k ? (c->unknown[k] == 1 ? "indicator" : "indicators")
                          : (c->unknown[k] == 1 ? "region" : "regions"),
                        c->unknown_first[k]);
}

/* What the columns of a file mean.
 *
 * The first records of the file (kept by the reader) are split into title
 * lines, header rows and data rows; the layout is the first in the table
 * below whose detect function says the header is its own, and its build
 * function gives the columns their roles (region, indicator, measure,
 * year, values, ...).  Then --map, the key columns, the checks that a
 * table of series has a year and values, the layouts told by those roles
 * (transposed), the region, indicator or measure of a file that names
 * none itself, and the notation of its numbers. */
#include "load_priv.h"
#include "trendbeeld/text.h"
#include "trendbeeld/measure.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The layouts, in the order they are tried: the first that says yes. */
static const load_layout_def load_layouts[LAYOUT_COUNT] = {
    /* kind              name          by_roles periods_in_header */
    {LAYOUT_STATLINE,   "statline",   0, 1, load_statline_detect,   load_statline_build},
    {LAYOUT_WIDE,       "wide",       0, 1, load_wide_detect,       load_wide_build},
    {LAYOUT_COMPOSITE,  "composite",  0, 1, load_composite_detect,  load_composite_build},
    {LAYOUT_ODATA,      "odata",      0, 0, load_odata_detect,      load_long_build},
    {LAYOUT_LONG,       "long",       0, 0, load_long_detect,       load_long_build},
    {LAYOUT_TRANSPOSED, "transposed", 1, 0, load_transposed_detect, load_transposed_build},
};

/* ---- the header block ------------------------------------------------------ */

/* First column of a trailing run of period names (and empty cells), or
 * -1 when the row has none.  Years must not decrease. */
static long period_start(const load_rec *r)
{
    if (r->n < 2)
        return -1;
    long j = (long)r->n - 1;
    while (j >= 1 && load_empty(r->f[j]))
        j--;
    long last_nonempty = j;
    int prev = 1 << 30, periods = 0;
    tb_period p;
    while (j >= 1) {
        if (load_empty(r->f[j])) {
            j--;
            continue;
        }
        if (!load_period_in_range(r->f[j], &p) || p.year > prev)
            break;
        prev = p.year;
        periods++;
        j--;
    }
    if (!periods || last_nonempty < 1)
        return -1;
    long s = j + 1;
    while (s < (long)r->n && load_empty(r->f[s]))
        s++;
    if (periods == 1) {
        /* one year name only counts after a "Perioden" label or empty
         * cells, else "Twente,...,2012" would pass for a header */
        const char *m;
        for (long k = 0; k < s; k++)
            if (!load_empty(r->f[k]) &&
                !(k == 0 && load_role_of(r->f[k], &m) == COL_YEAR))
                return -1;
    }
    return s;
}

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

/* ---- --map ------------------------------------------------------------------- */

/* The role named ROLE_S (lower case) in --map; COL_UNKNOWN: none. */
static load_role map_role(const char *role_s)
{
    static const struct {
        const char *name;
        load_role role;
    } roles[] = {{"region", COL_REGION}, {"indicator", COL_INDICATOR},
                 {"measure", COL_MEASURE}, {"year", COL_YEAR}, {"value", COL_VALUE}};
    for (size_t k = 0; k < sizeof roles / sizeof *roles; k++)
        if (!strcmp(role_s, roles[k].name))
            return roles[k].role;
    return COL_UNKNOWN;
}

/* Column K takes ROLE; the columns that had it (for a value: any value
 * column) become attributes. */
static void map_column(load_ctx *c, long k, load_role role)
{
    load_layout *l = &c->lay;
    for (size_t i = 0; i < l->ncol; i++) {
        load_role r = l->col[i].role;
        int same = r == role || (role == COL_VALUE &&
                                 (l->col[i].value || r == COL_MEASURED ||
                                  r == COL_UNKNOWN));
        if ((long)i != k && same) {
            l->col[i].role = COL_ATTR;
            l->col[i].value = 0;
        }
    }
    load_col *x = &l->col[k];
    x->role = role;
    x->value = role == COL_VALUE;
    if (role == COL_VALUE) {
        const char *m = tb_measure_name(x->name);
        x->measure = m ? tb_store_intern(c->s, m) : NULL;
    }
}

/* Parse "region=COL,year=COL,..." and apply it to the columns. */
static int apply_map(load_ctx *c, const load_rec *h)
{
    load_layout *l = &c->lay;
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
            return load_fail(c, TB_EINVAL, 0, 0,
                             "--map '%s': expected ROLE=COLUMN pairs separated by commas", ex);
        *eq = '\0';
        char role_s[32], col_s[256];
        load_lower(tok, role_s, sizeof role_s);
        load_trim(eq + 1, col_s, sizeof col_s);
        load_role role = map_role(role_s);
        if (role == COL_UNKNOWN) {
            load_excerpt(tok, ex, sizeof ex);
            return load_fail(c, TB_EINVAL, 0, 0,
                             "--map: unknown role '%s', expected region, indicator, "
                             "measure, year or value", ex);
        }
        long k = -1;
        char *end;
        long num = strtol(col_s, &end, 10);
        if (*col_s && !*end && num >= 1 && (size_t)num <= l->ncol)
            k = num - 1;
        for (size_t i = 0; k < 0 && i < l->ncol && i < h->n; i++) {
            char t[256];
            load_trim(h->f[i], t, sizeof t);
            if (!strcasecmp(t, col_s))
                k = (long)i;
        }
        if (k < 0) {
            load_excerpt(col_s, ex, sizeof ex);
            return load_fail(c, TB_EINVAL, l->header_line, 0,
                             "--map: no column '%s' in the header, expected a column "
                             "name or number", ex);
        }
        map_column(c, k, role);
    }
    return 0;
}

/* ---- the columns once their roles are known ------------------------------------ */

/* The column numbers of the key, year, note, source and status columns,
 * the columns folded into the indicator, the ignored ones counted. */
static int settle_columns(load_ctx *c)
{
    load_layout *l = &c->lay;
    l->rcol = l->icol = l->mcol = l->ycol = l->notecol = l->srccol = l->statcol = -1;
    for (size_t i = 0; i < l->ncol; i++) {
        load_col *x = &l->col[i];
        int *slot = NULL;
        switch (x->role) {
        case COL_REGION: slot = &l->rcol; break;
        case COL_INDICATOR: slot = &l->icol; break;
        case COL_MEASURE: slot = &l->mcol; break;
        case COL_YEAR: slot = &l->ycol; break;
        case COL_NOTE: slot = &l->notecol; break;
        case COL_SOURCE: slot = &l->srccol; break;
        case COL_STATUS: slot = &l->statcol; break;
        default: break;
        }
        if (slot) {
            if (*slot >= 0) {
                if (x->role == COL_INDICATOR) { /* a second one: fold it in */
                    x->role = COL_DIM;
                } else {
                    char a[64], b[64];
                    load_excerpt(l->col[*slot].name, a, sizeof a);
                    load_excerpt(x->name, b, sizeof b);
                    return load_fail(c, TB_EPARSE, l->header_line, (long)i + 1,
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
            int *nd = realloc(l->dims, (l->ndims + 1) * sizeof *nd);
            if (!nd)
                return load_fail(c, TB_ENOMEM, 0, 0, "out of memory");
            l->dims = nd;
            l->dims[l->ndims++] = (int)i;
        }
        if (x->role == COL_ATTR || x->role == COL_DERIVED)
            c->rep->ignored_columns++;
    }
    return 0;
}

/* A table of series has periods (a year column, or periods as column
 * names) and values; a table without periods is mostly a code list. */
static int check_columns(load_ctx *c, const load_rec *last, int periods_in_header)
{
    const load_layout *l = &c->lay;
    size_t nvalue = 0;
    for (size_t i = 0; i < l->ncol; i++)
        nvalue += l->col[i].value;
    char hl[400];
    header_list(last, hl, sizeof hl);
    if (!periods_in_header && l->ycol < 0) {
        if (looks_like_code_list(last) || nvalue == 0)
            return load_fail(c, TB_EDATA, l->header_line, 0,
                             "this is a code list or lookup table (%s), not a series: "
                             "it has no year or period column; use it as a code list",
                             hl);
        return load_fail(c, TB_EPARSE, l->header_line, 0,
                         "header (%s) has no year column, expected a column named "
                         "year, jaar, Perioden or date, or years as column names",
                         hl);
    }
    if (nvalue == 0)
        return load_fail(c, TB_EPARSE, l->header_line, 0,
                         "header (%s) has no value column, expected a column named "
                         "value, waarde or aantal, or a measure such as "
                         "TotaalGeregistreerdeMisdrijven_1",
                         hl);
    return 0;
}

/* A fixed region, indicator or measure: options, title block, default. */
static int fixed_keys(load_ctx *c)
{
    load_layout *l = &c->lay;
    int need_r = l->rcol < 0, need_i = l->icol < 0, need_m = l->mcol < 0;
    int any_r = 0, any_i = 0, any_m = 0;
    for (size_t i = 0; i < l->ncol; i++) {
        if (!l->col[i].value)
            continue;
        any_r |= !l->col[i].region;
        any_i |= !l->col[i].indicator;
        any_m |= !l->col[i].measure;
    }
    need_r = need_r && any_r;
    need_i = need_i && any_i;
    need_m = need_m && any_m;
    struct {
        const char *opt, *name;
        int need;
        const char **fix;
    } fx[3] = {{c->o->region, "region", need_r, &l->fix_r},
               {c->o->indicator, "indicator", need_i, &l->fix_i},
               {c->o->measure, "measure", need_m, &l->fix_m}};
    for (int j = 0; j < 3; j++) {
        if (!fx[j].opt)
            continue;
        char ex[64];
        load_excerpt(fx[j].opt, ex, sizeof ex);
        if (!fx[j].need)
            return load_fail(c, TB_EINVAL, l->header_line, 0,
                             "--%s '%s' given, but the file names its %ss itself; "
                             "expected --%s only for a file without them (or use --map)",
                             fx[j].name, ex, fx[j].name, fx[j].name);
        *fx[j].fix = fx[j].fix == &l->fix_m ? load_measure_of(c, fx[j].opt)
                                            : load_intern_trim(c, fx[j].opt);
    }
    if (need_r && !l->fix_r)
        return load_fail(c, TB_EINVAL, l->header_line, 0,
                         "the file names no region (no region column, no title line "
                         "'Regio's: ...'); expected --region NAME for the region its "
                         "values are of (e.g. --region Nederland)");
    if (need_m && !l->fix_m)
        l->fix_m = tb_store_intern(c->s, "aantal");
    return 0;
}

/* The layout DEF is the file's. */
static void set_layout(load_ctx *c, const load_layout_def *def)
{
    c->lay.kind = def->kind;
    snprintf(c->rep->format, sizeof c->rep->format, "%s", def->name);
}

static int build_layout(load_ctx *c, const load_head *h)
{
    load_layout *l = &c->lay;
    const load_rec *last = &h->rec[h->d - 1];
    l->ncol = last->n;
    l->col = calloc(l->ncol ? l->ncol : 1, sizeof *l->col);
    if (!l->col)
        return load_fail(c, TB_ENOMEM, 0, 0, "out of memory");
    l->header_line = last->line;
    for (size_t i = 0; i < l->ncol; i++)
        l->col[i].name = load_intern_trim(c, last->f[i]);

    /* the layout by the header rows (the last in the table says yes) */
    const load_layout_def *def = load_layouts;
    while (def->by_roles || !def->detect(c, h))
        def++;
    if (def->build(c, h) != 0)
        return -1;
    set_layout(c, def);
    if (apply_map(c, last) != 0 || settle_columns(c) != 0 ||
        check_columns(c, last, def->periods_in_header) != 0)
        return -1;
    /* the layouts told by the roles: unnamed value columns that are offences */
    for (size_t k = 0; k < LAYOUT_COUNT; k++)
        if (load_layouts[k].by_roles && load_layouts[k].detect(c, h)) {
            if (load_layouts[k].build(c, h) != 0)
                return -1;
            set_layout(c, &load_layouts[k]);
            break;
        }
    /* ... and else measures */
    for (size_t i = 0; i < l->ncol && l->kind != LAYOUT_TRANSPOSED; i++) {
        load_col *x = &l->col[i];
        if (x->value && !x->has_period && x->role == COL_UNKNOWN)
            x->measure = x->name;
    }
    if (fixed_keys(c) != 0)
        return -1;
    /* the width a data row needs */
    l->width = 0;
    for (size_t i = 0; i < l->ncol; i++)
        if (l->col[i].value || (l->col[i].role != COL_ATTR && *l->col[i].name) ||
            l->col[i].role == COL_REGION || l->col[i].role == COL_YEAR)
            l->width = i + 1;
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
        c->lay.fix_i = tb_store_intern(c->s, v);
    else if (role == COL_REGION && !c->o->region)
        c->lay.fix_r = tb_store_intern(c->s, v);
    else if (role == COL_MEASURE && !c->o->measure)
        c->lay.fix_m = load_measure_of(c, v);
}

/* The bits of the key columns, 0 when there are none or one is beyond 31. */
static unsigned key_columns(const load_layout *l)
{
    unsigned m = 0;
    int cols[3] = {l->rcol, l->icol, l->mcol};
    for (int k = 0; k < 3; k++) {
        if (cols[k] >= 32)
            return 0;
        if (cols[k] >= 0)
            m |= 1u << cols[k];
    }
    for (size_t k = 0; k < l->ndims; k++) {
        if (l->dims[k] < 0 || l->dims[k] >= 32)
            return 0;
        m |= 1u << l->dims[k];
    }
    return m;
}

/* The title lines above the header: one text cell (or none).  Returns the
 * first record after them, H->n when there is none; -1 after an error. */
static long skip_titles(load_ctx *c, const load_head *h)
{
    size_t i = 0, first = 0;
    while (i < h->n) {
        const load_rec *r = &h->rec[i];
        size_t ne = load_nonempty(r, &first);
        if (ne > 1 || (ne == 1 && (load_looks_numeric(r->f[first]))))
            break;
        if (ne == 1) {
            char t[64];
            load_trim(r->f[first], t, sizeof t);
            if (!strcmp(t, "TableInfos") || !strcmp(t, "DataProperties"))
                return load_fail(c, TB_EDATA, r->line, 0,
                                 "this is a CBS table description (%s), not a series: "
                                 "expected a data file with values",
                                 t);
            title_meta(c, r->f[first]);
        }
        i++;
    }
    return (long)i;
}

/* Why the header from H->h0 on has no data rows below it. */
static void no_data_rows(load_ctx *c, const load_head *h)
{
    const load_rec *r = &h->rec[h->h0];
    char hl[400];
    header_list(r, hl, sizeof hl);
    if (looks_like_code_list(r))
        load_fail(c, TB_EDATA, r->line, 0,
                  "this is a code list or lookup table (%s), not a series: it "
                  "has no year or period column; use it as a code list",
                  hl);
    else if (h->d == h->n && h->n < 40)
        load_fail(c, TB_EPARSE, r->line, 0,
                  "header (%s) but no rows of values, expected at least one "
                  "data row",
                  hl);
    else
        load_fail(c, TB_EPARSE, r->line, 0,
                  "no rows of numbers below the header (%s), expected values "
                  "in the rows that follow it",
                  hl);
}

void load_start(load_ctx *c, const load_rec *head, size_t nhead, char delim)
{
    if (nhead == 0) {
        load_fail(c, TB_EPARSE, 1, 0,
                  "empty file, expected a header row and rows of values");
        return;
    }
    load_head h = {head, nhead, 0, 0, -1, -1};
    long t = skip_titles(c, &h);
    if (t < 0)
        return;
    if ((size_t)t == nhead) {
        load_fail(c, TB_EPARSE, head[0].line, 0,
                  "no table found: only title lines, expected a header row and "
                  "rows of values");
        return;
    }
    /* header rows: up to the first row with a number that is not a row of
     * period names */
    h.h0 = h.d = (size_t)t;
    while (h.d < nhead && h.d - h.h0 < 12) {
        const load_rec *r = &head[h.d];
        if (period_start(r) < 0 && load_has_number(r))
            break;
        h.d++;
    }
    if (h.d == h.h0) {
        load_fail(c, TB_EPARSE, head[h.h0].line, 0,
                  "no header row, expected column names such as "
                  "region,indicator,measure,year,value above the values");
        return;
    }
    if (h.d == nhead || h.d - h.h0 >= 12) {
        no_data_rows(c, &h);
        return;
    }
    /* the period row: the last header row with years as column names */
    for (size_t r = h.d; r-- > h.h0;) {
        long s = period_start(&head[r]);
        if (s >= 0) {
            h.prow = (long)r;
            h.pcol = s;
            break;
        }
    }
    if (build_layout(c, &h) != 0)
        return;
    load_rows_start(c, head, nhead, h.d, delim);
    c->lay.keymask = key_columns(&c->lay);
    c->rep->header_lines_skipped = head[h.d].line - 1;
    load_names_settle_level(c, head, nhead, h.d);
    for (size_t r = h.d; r < nhead && c->status == TB_OK; r++)
        load_record(c, &head[r]);
}

void load_layout_free(load_layout *l)
{
    free(l->col);
    free(l->dims);
}

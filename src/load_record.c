/* Rows of the loader: one record, read by the layout, into keys and
 * values for the sink; and the end of the file. */
#include "load_period.h"
#include "trendbeeld/measure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The flags status cell S adds to *FLAGS; a status of none of these words
 * is said (once per word) and ignored. */
static void status_flags(load_ctx *c, const char *s, unsigned *flags, long line,
                         long col)
{
    char t[64];
    load_lower(s, t, sizeof t);
    if (!t[0] || !strcmp(t, "definitief") || !strcmp(t, "final") ||
        !strcmp(t, "ok"))
        return;
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
        int first = load_names_new_status(c, t);
        char ex[64];
        load_excerpt(s, ex, sizeof ex);
        if (first)
            tb_diag_add(c->warn, c->path, line, col,
                        "unknown status '%s' ignored, expected provisional, "
                        "voorlopig, approximate, schatting, onvolledig or verdacht",
                        ex);
    }
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

/* The keys of row R (region, indicator, measure) into KEY; -1 when the
 * row failed (c->status says why). */
static int row_keys(load_ctx *c, const load_rec *r, long line, const char *key[3])
{
    const char *reg = c->lay.fix_r, *ind = c->lay.fix_i, *meas = c->lay.fix_m;
    if (c->lay.rcol >= 0) {
        if (load_empty(load_field(r, c->lay.rcol))) {
            load_fail(c, TB_EDATA, line, c->lay.rcol + 1,
                      "empty region name, expected a region in every row");
            return -1;
        }
        reg = load_cached_key(c, 0, load_field(r, c->lay.rcol), line, c->lay.rcol + 1);
        if (!reg)
            return -1;
    } else if (reg && c->o->regions) {
        reg = load_canonical(c, 0, reg, line, 0);
        if (!reg)
            return -1;
    }
    if (c->lay.icol >= 0 || c->lay.ndims) {
        char buf[1024];
        size_t used = 0;
        buf[0] = '\0';
        if (c->lay.icol >= 0) {
            used = load_trim(load_field(r, c->lay.icol), buf, sizeof buf);
        } else if (ind) {
            used = (size_t)snprintf(buf, sizeof buf, "%s", ind);
        }
        for (size_t k = 0; k < c->lay.ndims; k++) {
            char t[256];
            load_trim(load_field(r, c->lay.dims[k]), t, sizeof t);
            /* CBS total keys (T001540 ...) add nothing to the key */
            if (!t[0] || !strncmp(t, "T00", 3))
                continue;
            if (used + 1 + strlen(t) >= sizeof buf) {
                load_name_too_long(c, "indicator", t, line, c->lay.dims[k] + 1);
                if (c->status == TB_OK)
                    load_fail(c, TB_EDATA, line, c->lay.dims[k] + 1,
                              "indicator name of more than %d bytes (joined from "
                              "its columns), expected at most %d bytes",
                              TB_LOAD_MAX_NAME, TB_LOAD_MAX_NAME);
                return -1;
            }
            used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s",
                                     used ? "|" : "", t);
        }
        if (!buf[0]) {
            load_fail(c, TB_EDATA, line, c->lay.icol >= 0 ? c->lay.icol + 1 : 0,
                      "empty indicator, expected an offence or indicator in every row");
            return -1;
        }
        ind = load_cached_key(c, 1, buf, line, c->lay.icol + 1);
        if (!ind)
            return -1;
    } else if (ind && c->o->indicators) {
        ind = load_canonical(c, 1, ind, line, 0);
        if (!ind)
            return -1;
    }
    if (c->lay.mcol >= 0) {
        if (load_empty(load_field(r, c->lay.mcol))) {
            load_fail(c, TB_EDATA, line, c->lay.mcol + 1,
                      "empty measure, expected a measure in every row");
            return -1;
        }
        meas = load_cached_key(c, 2, load_field(r, c->lay.mcol), line, c->lay.mcol + 1);
    }
    key[0] = reg, key[1] = ind, key[2] = meas;
    return 0;
}

void load_rows_start(load_ctx *c, const load_rec *head, size_t nhead, size_t d,
                     char delim)
{
    tb_notation *num = &c->rows.num;
    tb_notation_init(num, c->o->decimal, delim);
    for (size_t r = d; r < nhead; r++)
        for (size_t i = 0; i < c->lay.ncol; i++)
            if (c->lay.col[i].value)
                tb_notation_sample(num, load_field(&head[r], i), head[r].line);
}

/* 1 when R is a data row; 0 for a blank row, a footer or a note line,
 * and after an error (c->status says which). */
static int data_row(load_ctx *c, const load_rec *r)
{
    const load_layout *l = &c->lay;
    load_rows *rows = &c->rows;
    size_t first = 0;
    /* two leading cells with text: neither a blank row nor a note line */
    size_t ne = !rows->footer && r->n >= 2 && !load_empty(r->f[0]) && !load_empty(r->f[1])
                    ? 2 : load_nonempty(r, &first);
    if (rows->footer) {
        /* notes below "Bron:" are skipped, values are not: a second
         * table glued under the first must not vanish */
        if (ne >= 2 && load_has_number(r)) {
            load_fail(c, TB_EDATA, r->line, 0,
                      "row of values after the footer on line %ld, expected the "
                      "footer (\"Bron: ...\") below the last row of values",
                      rows->footer_line);
            return 0;
        }
        c->rep->footer_lines++;
        return 0;
    }
    if (ne == 0)
        return 0;
    if (ne == 1 && first == 0) {
        char t[16];
        load_lower(r->f[0], t, sizeof t);
        if (!strncmp(t, "bron", 4) || !strncmp(t, "source", 6)) {
            rows->footer = 1;
            rows->footer_line = r->line;
            c->rep->footer_lines++;
            return 0;
        }
    }
    if (r->n < l->width) {
        load_fail(c, TB_EPARSE, r->line, (long)r->n + 1,
                  "ragged row: %zu field%s, expected %zu as in the header on line %ld",
                  r->n, r->n == 1 ? "" : "s", l->width, l->header_line);
        return 0;
    }
    for (size_t i = l->ncol > l->width ? l->ncol : l->width; i < r->n; i++)
        if (!load_empty(r->f[i])) {
            load_fail(c, TB_EPARSE, r->line, (long)i + 1,
                      "ragged row: %zu fields, expected %zu as in the header on "
                      "line %ld",
                      r->n, l->ncol > l->width ? l->ncol : l->width, l->header_line);
            return 0;
        }
    if (++c->rep->rows > c->max_rows) {
        load_fail(c, TB_EDATA, r->line, 0,
                  "more than %ld data rows, expected at most %ld in one file (split "
                  "it, or raise the limit)",
                  c->max_rows, c->max_rows);
        return 0;
    }
    return 1;
}

/* The keys of a value whose file names no region, indicator or measure
 * for it: "Nederland", the offence "Totaal misdrijven" (said once),
 * "bevolking" for inwoners, the measure "aantal".  -1 after an error. */
static int default_keys(load_ctx *c, const char **rr, const char **ii,
                        const char **mm, long line)
{
    if (!*mm)
        *mm = tb_store_intern(c->s, "aantal");
    if (!*ii) {
        if (!strcmp(*mm, "inwoners"))
            *ii = tb_store_intern(c->s, "bevolking");
        else {
            *ii = tb_store_intern(c->s, "Totaal misdrijven");
            if (!c->rows.warned_indicator++)
                tb_diag_add(c->warn, c->path, 0, 0,
                            "the file names no offence; its values are "
                            "taken as 'Totaal misdrijven' (name it "
                            "with --indicator)");
        }
        *ii = load_canonical(c, 1, *ii, line, 0);
    }
    if (!*rr)
        *rr = tb_store_intern(c->s, "Nederland");
    return *ii ? 0 : -1;
}

/* Value V of column K that is not a plain count: approximate markers,
 * the notation of numbers, and what no count can be.  -1 after an error. */
static int read_number(load_ctx *c, const char *v, const char *mm, long line,
                       long k, double *val, unsigned *flags)
{
    const char *q = v;
    while (*q == ' ')
        q++;
    if (*q == '>' || *q == '<' || *q == '~') {
        *flags |= TB_FLAG_APPROX;
        q++;
    } else if (!strncmp(q, "ca.", 3)) {
        *flags |= TB_FLAG_APPROX;
        q += 3;
    }
    char why[400];
    tb_num_result nr = tb_notation_read(&c->rows.num, q, tb_measure_is_count(mm),
                                        line, val, why, sizeof why);
    if (nr == TB_NUM_AMBIGUOUS || nr == TB_NUM_CONFLICT) {
        char t[64];
        load_excerpt(v, t, sizeof t);
        return load_fail(c, TB_EPARSE, line, k + 1, "'%s': %s", t, why);
    }
    if (nr != TB_NUM_OK) {
        char t[64];
        load_excerpt(v, t, sizeof t);
        return load_fail(c, TB_EPARSE, line, k + 1,
                         not_finite_text(q)
                             ? "'%s' is not a number (NaN and infinity are not "
                               "counts), expected a number or a missing-value "
                               "marker (. or empty)"
                         : overflow_text(q, c->rows.num.decimal)
                             ? "'%s' is beyond the range of numbers, expected a "
                               "magnitude below 2^53 = 9007199254740992"
                             : "'%s' is not a number, expected a number or a "
                               "missing-value marker (. or empty)",
                         t);
    }
    /* above 2^53 a double skips integers: 9007199254740993 would
     * be stored as ...992, a number the file does not hold */
    if (fabs(*val) >= 9007199254740992.0) {
        char t[64];
        load_excerpt(v, t, sizeof t);
        return load_fail(c, TB_EDATA, line, k + 1,
                         "'%s' is too large, expected a magnitude below 2^53 = "
                         "9007199254740992",
                         t);
    }
    if (*val < 0 && tb_measure_is_count(mm))
        return load_fail(c, TB_EDATA, line, k + 1,
                         "negative count %.15g for %s, expected a count of 0 or more",
                         *val, mm);
    return 0;
}

/* What a row shares with all its values. */
typedef struct {
    const char *key[3];  /* region, indicator, measure of its key cells */
    const tb_period *per; /* the period of its year column, or NULL */
    unsigned flags;      /* from its status column */
    const char *note, *src;
} row_info;

/* Value column K of record R into the sink.  -1 after an error. */
static int put_cell(load_ctx *c, const load_rec *r, size_t k, const row_info *row)
{
    const load_layout *l = &c->lay;
    const load_col *x = &l->col[k];
    long line = r->line;
    const tb_period *p = x->has_period ? &x->per : row->per;
    if (!p)
        return 0;
    if (p->year < TB_YEAR_MIN || p->year > TB_YEAR_MAX)
        return load_fail(c, TB_EDATA, x->has_period ? l->header_line : line,
                         x->has_period ? (long)k + 1 : l->ycol + 1,
                         "year %d out of range, expected a year from %d to %d", p->year,
                         TB_YEAR_MIN, TB_YEAR_MAX);
    const char *rr = x->region ? load_canonical(c, 0, x->region, line, (long)k + 1)
                               : row->key[0];
    const char *ii = x->indicator ? load_canonical(c, 1, x->indicator, line, (long)k + 1)
                                  : row->key[1];
    const char *mm = x->measure ? x->measure : row->key[2];
    if (c->status != TB_OK)
        return -1;
    if ((!rr || !ii || !mm) && default_keys(c, &rr, &ii, &mm, line) != 0)
        return -1;
    /* interned names: one that passed passes again */
    const char **ok = c->rows.name_ok;
    if ((rr != ok[0] &&
         load_name_too_long(c, "region", rr, line, l->rcol >= 0 ? l->rcol + 1 : 0)) ||
        (ii != ok[1] &&
         load_name_too_long(c, "indicator", ii, line, l->icol >= 0 ? l->icol + 1 : 0)) ||
        (mm != ok[2] &&
         load_name_too_long(c, "measure", mm, line,
                            l->mcol >= 0 ? l->mcol + 1 : (long)k + 1)))
        return -1;
    ok[0] = rr, ok[1] = ii, ok[2] = mm;
    const char *v = r->f[k];
    double val;
    unsigned flags = row->flags | (p->provisional ? TB_FLAG_PROVISIONAL : 0);
    if (plain_count(v, &val)) {
        /* digits only: a count, never negative nor beyond 2^53 */
    } else if (tb_load_is_missing(v)) {
        val = NAN;
        c->rep->missing++;
    } else if (read_number(c, v, mm, line, (long)k, &val, &flags) != 0) {
        return -1;
    }
    if (p->per_year == 1)
        return load_put_year(c, rr, ii, mm, p->year, val, flags, row->note, row->src,
                             line, (long)k + 1);
    /* (the year a month adds up to is of the file: a source column is
     * kept with yearly values only) */
    return load_put_period(c, rr, ii, mm, p, val, flags, row->note, line, (long)k + 1);
}

void load_record(load_ctx *c, const load_rec *r)
{
    const load_layout *l = &c->lay;
    /* the keys of the row before serve only the row right after it */
    int keyed = c->rows.prev_keyed;
    c->rows.prev_keyed = 0;
    if (c->status != TB_OK || !data_row(c, r))
        return;
    long line = r->line;
    row_info row = {{NULL, NULL, NULL}, NULL, 0, NULL, NULL};
    /* key cells of the row: those of the row before when the parsing
     * thread found them the same (the lookups would give the same keys) */
    int reuse = keyed && l->keymask && (r->same & l->keymask) == l->keymask;
    if (reuse)
        memcpy(row.key, c->rows.row_key, sizeof row.key);
    else if (row_keys(c, r, line, row.key) != 0)
        return;
    memcpy(c->rows.row_key, row.key, sizeof row.key);
    c->rows.prev_keyed = 1;
    tb_period rowp;
    if (l->ycol >= 0) {
        const char *y = load_field(r, l->ycol);
        if (!plain_year(y, &rowp) && !plain_month(y, &rowp) &&
            !tb_load_parse_period(y, &rowp)) {
            char t[64];
            load_excerpt(y, t, sizeof t);
            load_fail(c, TB_EPARSE, line, l->ycol + 1,
                      "'%s' is not a year, expected a year (2013, 2013*) or a "
                      "period (2013JJ00, 2013MM01, 2013-01, 2013-01-01)",
                      t);
            return;
        }
        row.per = &rowp;
    }
    if (l->statcol >= 0)
        status_flags(c, load_field(r, l->statcol), &row.flags, line, l->statcol + 1);
    if (l->notecol >= 0 && !load_empty(load_field(r, l->notecol)))
        row.note = load_intern_trim(c, load_field(r, l->notecol));
    if (l->srccol >= 0 && !load_empty(load_field(r, l->srccol)))
        row.src = load_intern_trim(c, load_field(r, l->srccol));

    for (size_t k = 0; k < l->ncol && k < r->n; k++)
        if (l->col[k].value && put_cell(c, r, k, &row) != 0)
            return;
}

void load_finish(load_ctx *c)
{
    if (c->status != TB_OK)
        return;
    if (c->rep->rows == 0) {
        load_fail(c, TB_EPARSE, c->lay.header_line, 0,
                  "no rows of values below the header, expected at least one data row");
        return;
    }
    if (load_period_flush(c) != 0)
        return;
    load_sink_flag_zeros(c);
    c->rep->series = (long)c->sink.nfser;
    const tb_notation *num = &c->rows.num;
    c->rep->decimal_comma = num->decimal == TB_DECIMAL_COMMA;
    if (num->by_guess)
        tb_diag_add(c->warn, c->path, num->line, 0,
                    "'%s' read with '%c' grouping thousands, as no value before it "
                    "shows the decimal separator (--decimal %s reads it otherwise)",
                    num->text, num->decimal == TB_DECIMAL_COMMA ? '.' : ',',
                    num->decimal == TB_DECIMAL_COMMA ? "point" : "comma");
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
    load_names_report(c);
}

/* Targets as data: the targets file, kinds and their rules. */
#include "trendbeeld/target.h"
#include "grow.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "trendbeeld/text.h" /* tb_text_open */
#include "trendbeeld/text.h"
#include "trendbeeld/codelist.h"
#include "trendbeeld/measure.h"

static const char *kind_names[TB_TARGET_KIND_COUNT_] = {
    [TB_TARGET_MAX] = "max",
    [TB_TARGET_MIN] = "min",
    [TB_TARGET_REDUCTION_PCT] = "reduction_pct",
    [TB_TARGET_INCREASE_PCT] = "increase_pct",
    [TB_TARGET_ANNUAL_REDUCTION_PCT] = "annual_reduction_pct",
    [TB_TARGET_ANNUAL_INCREASE_PCT] = "annual_increase_pct",
    [TB_TARGET_LOWER_THAN_BEFORE] = "lower_than_before",
};

const char *tb_target_kind_name(tb_target_kind k)
{
    return (int)k >= 0 && k < TB_TARGET_KIND_COUNT_ ? kind_names[k] : NULL;
}

int tb_target_kind_parse(const char *name)
{
    for (int k = 0; name && k < TB_TARGET_KIND_COUNT_; k++)
        if (!strcmp(name, kind_names[k]))
            return k;
    return -1;
}

int tb_target_lower_better(tb_target_kind k)
{
    return k == TB_TARGET_MAX || k == TB_TARGET_REDUCTION_PCT ||
           k == TB_TARGET_ANNUAL_REDUCTION_PCT || k == TB_TARGET_LOWER_THAN_BEFORE;
}

/* Threshold in the target year:
 *   reduction_pct  B (1 - v/100)        increase_pct  B (1 + v/100)
 *   annual_*       B (1 -/+ v/100)^(target_year - base_year)
 *   max / min      v */
double tb_target_threshold(const tb_target *t, double base)
{
    double r = t->value / 100.0;
    switch (t->kind) {
    case TB_TARGET_MAX:
    case TB_TARGET_MIN:
        return t->value;
    case TB_TARGET_REDUCTION_PCT:
        return base * (1.0 - r);
    case TB_TARGET_INCREASE_PCT:
        return base * (1.0 + r);
    case TB_TARGET_ANNUAL_REDUCTION_PCT:
        return base * pow(1.0 - r, t->target_year - t->base_year);
    case TB_TARGET_ANNUAL_INCREASE_PCT:
        return base * pow(1.0 + r, t->target_year - t->base_year);
    default:
        return NAN;
    }
}

/* Required value in YEAR: compound for annual kinds, a straight line
 * from (base_year, BASE) to (target_year, threshold) otherwise. */
double tb_target_path_value(const tb_target *t, double base, int year)
{
    if (t->kind == TB_TARGET_ANNUAL_REDUCTION_PCT)
        return base * pow(1.0 - t->value / 100.0, year - t->base_year);
    if (t->kind == TB_TARGET_ANNUAL_INCREASE_PCT)
        return base * pow(1.0 + t->value / 100.0, year - t->base_year);
    double thr = tb_target_threshold(t, base);
    if (!t->base_year || year >= t->target_year || isnan(base))
        return year == t->target_year ? thr : NAN;
    double w = (double)(year - t->base_year) / (t->target_year - t->base_year);
    return base + w * (thr - base);
}

/* ---- loading ----------------------------------------------------------- */

static const char *const columns[] = {
    "id", "description", "region", "indicator", "measure", "kind", "base_year",
    "target_year", "value", "milestones", "stated_value", "source",
};
#define NCOL 12

enum { OPT_BASE_VALUE, OPT_BASE_LABEL, OPT_CHANGE_FROM, OPT_CHANGE_TO, OPT_CHANGE_PCT, OPT_NOTE, NOPT };
static const char *const opt_columns[NOPT] = {
    "base_value", "base_label", "change_from", "change_to", "change_pct", "note",
};

typedef struct {
    char **field;
    size_t n, cap;
    long line;          /* line the record starts on */
} record;

typedef struct {
    record cur;
    record *rec;
    size_t nrec, cap;
    long line;          /* current physical line */
    int oom;
    const char *path;
    tb_error *err;
    tb_status st;       /* the first field no target may hold */
} reader;

static void on_field(void *data, size_t len, void *ctx)
{
    reader *r = ctx;
    if (r->oom || r->st != TB_OK)
        return;
    if (r->cur.n == 0)
        r->cur.line = r->line;
    char what[80];
    const char *expect;
    size_t bad = tb_text_bad(data, len, what, sizeof what, &expect);
    if (bad < len) {
        r->st = tb_error_set(r->err, TB_EPARSE, r->path, r->line, (long)r->cur.n + 1,
                             "%s at character %ld of the field; expected %s", what,
                             tb_text_column(data, bad), expect);
        return;
    }
    if (TB_GROW(r->cur.field, r->cur.cap, r->cur.n + 1, 16) != 0) {
        r->oom = 1;
        return;
    }
    char *s = malloc(len + 1);
    if (!s) {
        r->oom = 1;
        return;
    }
    if (len)
        memcpy(s, data, len);
    s[len] = 0;
    r->cur.field[r->cur.n++] = s;
}

static void on_record(int c, void *ctx)
{
    (void)c;
    reader *r = ctx;
    if (r->oom)
        return;
    if (TB_GROW(r->rec, r->cap, r->nrec + 1, 32) != 0) {
        r->oom = 1;
        return;
    }
    r->rec[r->nrec++] = r->cur;
    memset(&r->cur, 0, sizeof r->cur);
}

static void record_free(record *x)
{
    for (size_t i = 0; i < x->n; i++)
        free(x->field[i]);
    free(x->field);
}

static void reader_free(reader *r)
{
    for (size_t i = 0; i < r->nrec; i++)
        record_free(&r->rec[i]);
    free(r->rec);
    record_free(&r->cur);
}

/* S trimmed in place (tb_text_trim): the text moves to the start of S. */
static char *trim(char *s)
{
    size_t n = strlen(s);
    const char *t = tb_text_trim(s, &n);
    memmove(s, t, n);
    s[n] = '\0';
    return s;
}

/* Where a row's numbers are read: the file's notation (number.h). */
typedef struct {
    const char *path;
    long line;
    tb_notation *num;
    tb_error *err;
} row_ctx;

/* TEXT of column COL (NAME) read by the file's notation; COUNT: it is a
 * count.  EXAMPLE says what a number there looks like. */
static tb_status read_number(const row_ctx *x, const char *text, int count, long col,
                             const char *name, const char *example, double *out)
{
    char why[400];
    switch (tb_notation_read(x->num, text, count, x->line, out, why, sizeof why)) {
    case TB_NUM_OK:
        return isfinite(*out) ? TB_OK
                              : tb_error_set(x->err, TB_EPARSE, x->path, x->line, col,
                                             "%s '%s' is not a finite number; expected %s",
                                             name, text, example);
    case TB_NUM_NOT_NUMBER:
        return tb_error_set(x->err, TB_EPARSE, x->path, x->line, col,
                            "%s '%s' is not a number; expected %s", name, text, example);
    default:
        return tb_error_set(x->err, TB_EPARSE, x->path, x->line, col, "%s '%s': %s", name,
                            text, why);
    }
}

/* "YEAR:VALUE" of column COL (NAME); EXAMPLE is one such pair. */
static tb_status read_pair(const row_ctx *x, const char *s, int count, long col,
                           const char *name, const char *example, int *year, double *value)
{
    const char *colon = strchr(s, ':');
    char y[32];
    size_t n = colon ? (size_t)(colon - s) : 0;
    int ok = n > 0 && n < sizeof y;
    if (ok) {
        memcpy(y, s, n);
        y[n] = '\0';
        ok = tb_parse_year(trim(y), year);
    }
    char why[400];
    tb_num_result r = ok ? tb_notation_read(x->num, colon + 1, count, x->line, value, why,
                                            sizeof why)
                         : TB_NUM_NOT_NUMBER;
    if (r == TB_NUM_OK && isfinite(*value))
        return TB_OK;
    if (r == TB_NUM_AMBIGUOUS || r == TB_NUM_CONFLICT)
        return tb_error_set(x->err, TB_EPARSE, x->path, x->line, col, "%s '%s': %s", name,
                            s, why);
    return tb_error_set(x->err, TB_EPARSE, x->path, x->line, col,
                        "%s '%s' is not YEAR:VALUE; expected e.g. %s", name, s, example);
}

static void target_clear(tb_target *t)
{
    free(t->id);
    free(t->description);
    free(t->region);
    free(t->indicator);
    free(t->measure);
    free(t->source);
    free(t->base_label);
    free(t->note);
    free(t->milestone);
}

void tb_target_set_free(tb_target_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        target_clear(&s->t[i]);
    free(s->t);
    free(s);
}

#define FAIL(col, ...)                                                          \
    do {                                                                        \
        st = tb_error_set(err, TB_EPARSE, path, rc->line, (col), __VA_ARGS__); \
        goto out;                                                               \
    } while (0)

#define READ(call)                                                              \
    do {                                                                        \
        if ((st = (call)) != TB_OK)                                             \
            goto out;                                                           \
    } while (0)

static tb_status parse_target(const char *path, const record *rc, const int *optcol,
                              tb_notation *num, tb_target *t, tb_error *err)
{
    tb_status st = TB_OK;
    char **f = rc->field;
    const row_ctx x = {path, rc->line, num, err};
    memset(t, 0, sizeof *t);
    t->line = rc->line;
    t->stated_value = t->base_value = t->value = NAN;
    t->change_pct = t->change_from_value = t->change_to_value = NAN;
    for (int i = 0; i < NCOL; i++)
        trim(f[i]);
    if (!*f[0])
        FAIL(1, "empty id; expected a unique key such as oost_woninginbraak_2018");
    for (const char *p = f[0]; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("_-.", *p)) {
            unsigned cp;
            size_t k = tb_utf8_char(p, strlen(p), &cp); /* the whole character */
            FAIL(1, "id '%s' has the character '%.*s'; expected letters, digits, _ - .",
                 f[0], (int)(k ? k : 1), p);
        }
    for (int i = 2; i <= 4; i++)
        if (!*f[i])
            FAIL(i + 1, "empty %s; expected the %s key of the series", columns[i],
                 columns[i]);
    int k = tb_target_kind_parse(f[5]);
    if (k < 0)
        FAIL(6, "unknown kind '%s'; expected max, min, reduction_pct, increase_pct, "
                "annual_reduction_pct, annual_increase_pct or lower_than_before", f[5]);
    t->kind = (tb_target_kind)k;
    /* a count has no fractions ("12.111" is 12111); a percentage may */
    int count = tb_measure_is_count(f[4]);
    int pct = k != TB_TARGET_MAX && k != TB_TARGET_MIN;
    if (*f[6] && !tb_parse_year(f[6], &t->base_year))
        FAIL(7, "base_year '%s' is not a year; expected a year from %d to %d", f[6],
             TB_YEAR_MIN, TB_YEAR_MAX);
    if (!tb_parse_year(f[7], &t->target_year))
        FAIL(8, "target_year '%s' is not a year; expected a year from %d to %d", f[7],
             TB_YEAR_MIN, TB_YEAR_MAX);
    int needs_base = k != TB_TARGET_MAX && k != TB_TARGET_MIN;
    if (needs_base && !t->base_year)
        FAIL(7, "kind %s has no base_year; expected the year the change is measured "
                "from", f[5]);
    if (t->base_year && t->base_year >= t->target_year)
        FAIL(7, "base_year %d is not before target_year %d; expected an earlier base_year",
             t->base_year, t->target_year);
    if (k == TB_TARGET_LOWER_THAN_BEFORE) {
        if (*f[8])
            FAIL(9, "kind lower_than_before takes no value (got '%s'); the target is "
                    "the lowest year from base_year on", f[8]);
    } else {
        READ(read_number(&x, f[8], count && !pct, 9, "value",
                         "e.g. 12111, 12.111, 5 or 7,5", &t->value));
        if ((k == TB_TARGET_REDUCTION_PCT || k == TB_TARGET_ANNUAL_REDUCTION_PCT) &&
            !(t->value > 0 && t->value < 100))
            FAIL(9, "a reduction of %g%%; expected a percentage above 0 and below 100",
                 t->value);
        if ((k == TB_TARGET_INCREASE_PCT || k == TB_TARGET_ANNUAL_INCREASE_PCT) &&
            !(t->value > 0))
            FAIL(9, "an increase of %g%%; expected a percentage above 0", t->value);
    }
    /* milestones "2016:10;2017:15" */
    if (*f[9]) {
        size_t n = 1;
        for (const char *p = f[9]; *p; p++)
            n += *p == ';';
        t->milestone = calloc(n, sizeof *t->milestone);
        if (!t->milestone)
            return tb_error_set(err, TB_ENOMEM, path, rc->line, 10, "out of memory");
        char *save = NULL, *buf = f[9];
        for (char *tok = strtok_r(buf, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
            tb_target_milestone *m = &t->milestone[t->nmilestones];
            READ(read_pair(&x, trim(tok), count && !pct, 10, "milestone", "2016:10",
                           &m->year, &m->value));
            if (m->year >= t->target_year || (t->base_year && m->year <= t->base_year))
                FAIL(10, "milestone year %d; expected a year after base_year and "
                         "before target_year", m->year);
            t->nmilestones++;
        }
    }
    if (*f[10])
        READ(read_number(&x, f[10], count, 11, "stated_value",
                         "e.g. 12111 or 12.111, or nothing", &t->stated_value));
    char *opt[NOPT] = {0};
    for (int i = 0; i < NOPT; i++)
        if (optcol[i] >= 0 && (size_t)optcol[i] < rc->n)
            opt[i] = trim(f[optcol[i]]);
    if (opt[OPT_BASE_VALUE] && *opt[OPT_BASE_VALUE])
        READ(read_number(&x, opt[OPT_BASE_VALUE], count, optcol[OPT_BASE_VALUE] + 1,
                         "base_value", "e.g. 14903 or nothing", &t->base_value));
    if (opt[OPT_BASE_VALUE] && *opt[OPT_BASE_VALUE] && !t->base_year)
        FAIL(optcol[OPT_BASE_VALUE] + 1, "base_value given without a base_year; "
             "expected a base_year for it");
    int nchange = 0;
    if (opt[OPT_CHANGE_FROM] && *opt[OPT_CHANGE_FROM]) {
        READ(read_pair(&x, opt[OPT_CHANGE_FROM], count, optcol[OPT_CHANGE_FROM] + 1,
                       "change_from", "2012:15642", &t->change_from_year,
                       &t->change_from_value));
        nchange++;
    }
    if (opt[OPT_CHANGE_TO] && *opt[OPT_CHANGE_TO]) {
        READ(read_pair(&x, opt[OPT_CHANGE_TO], count, optcol[OPT_CHANGE_TO] + 1,
                       "change_to", "2013:14903", &t->change_to_year,
                       &t->change_to_value));
        nchange++;
    }
    if (opt[OPT_CHANGE_PCT] && *opt[OPT_CHANGE_PCT]) {
        READ(read_number(&x, opt[OPT_CHANGE_PCT], 0, optcol[OPT_CHANGE_PCT] + 1,
                         "change_pct", "e.g. -5 or -4,7", &t->change_pct));
        nchange++;
    }
    if (nchange != 0 && nchange != 3)
        FAIL(optcol[OPT_CHANGE_FROM] + 1,
             "a stated change is incomplete; expected all of change_from, change_to "
             "and change_pct");
    if (nchange && t->change_from_year >= t->change_to_year)
        FAIL(optcol[OPT_CHANGE_TO] + 1, "change_to year %d; expected a year after "
             "change_from year %d", t->change_to_year, t->change_from_year);
    if (!(t->id = strdup(f[0])) || !(t->description = strdup(f[1])) ||
        !(t->region = strdup(f[2])) || !(t->indicator = strdup(f[3])) ||
        !(t->measure = strdup(f[4])) || !(t->source = strdup(f[11])) ||
        (opt[OPT_BASE_LABEL] && *opt[OPT_BASE_LABEL] &&
         !(t->base_label = strdup(opt[OPT_BASE_LABEL]))) ||
        (opt[OPT_NOTE] && *opt[OPT_NOTE] && !(t->note = strdup(opt[OPT_NOTE]))))
        st = tb_error_set(err, TB_ENOMEM, path, rc->line, 0, "out of memory");
out:
    if (st != TB_OK)
        target_clear(t);
    return st;
}

static int by_id_then_line(const void *a, const void *b)
{
    const tb_target *x = *(const tb_target *const *)a, *y = *(const tb_target *const *)b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* *AGAIN: the first target in file order whose id an earlier one has
 * (*FIRST: that earlier one), or NULL.  Sorted, so that 100.000 targets
 * take no time; -1 when out of memory. */
static int first_repeat(const tb_target *t, size_t n, const tb_target **again,
                        const tb_target **first)
{
    *again = NULL;
    if (n < 2)
        return 0;
    const tb_target **v = malloc(n * sizeof *v);
    if (!v)
        return -1;
    for (size_t i = 0; i < n; i++)
        v[i] = &t[i];
    qsort(v, n, sizeof *v, by_id_then_line);
    for (size_t i = 1; i < n; i++)
        if (!strcmp(v[i]->id, v[i - 1]->id) && (i == 1 || strcmp(v[i]->id, v[i - 2]->id))
            && (!*again || v[i]->line < (*again)->line)) {
            *again = v[i];
            *first = v[i - 1];
        }
    free(v);
    return 0;
}

/* The numbers of record RC, sampled for the file's notation. */
static void sample_numbers(tb_notation *num, const record *rc, const int *optcol)
{
    const char *text[4 + NOPT] = {rc->field[8], rc->field[10]};
    size_t n = 2;
    for (int k = 0; k < NOPT; k++)
        if (k != OPT_BASE_LABEL && k != OPT_NOTE && optcol[k] >= 0 &&
            (size_t)optcol[k] < rc->n)
            text[n++] = rc->field[optcol[k]];
    for (size_t i = 0; i < n; i++) {
        const char *colon = strchr(text[i], ':'); /* YEAR:VALUE */
        tb_notation_sample(num, colon ? colon + 1 : text[i], rc->line);
    }
    for (const char *m = rc->field[9]; (m = strchr(m, ':')) != NULL; m++) {
        char v[64];
        size_t k = strcspn(m + 1, ";");
        snprintf(v, sizeof v, "%.*s", (int)(k < sizeof v ? k : sizeof v - 1), m + 1);
        tb_notation_sample(num, v, rc->line);
    }
}

tb_status tb_target_load(const char *path, tb_decimal decimal, tb_target_set **out,
                         tb_diag *warn, tb_error *err)
{
    *out = NULL;
    FILE *fp = tb_text_open(path);
    if (!fp)
        return tb_error_set(err, TB_EIO, path, 0, 0, "cannot open the targets file: %s",
                            strerror(errno));
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        fclose(fp);
        return tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
    }
    reader r = {.path = path, .err = err};
    tb_status st = TB_OK;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while (r.st == TB_OK && (len = getline(&line, &cap, fp)) > 0) {
        r.line++;
        char *s = line;
        if (r.line == 1) {
            size_t skip = tb_text_boms(s, (size_t)len);
            s += skip;
            len -= (ssize_t)skip;
        }
        if (csv_parse(&p, s, (size_t)len, on_field, on_record, &r) != (size_t)len) {
            st = tb_error_set(err, TB_EPARSE, path, r.line, 0,
                              "misplaced quote in a field, expected a quote only "
                              "around a whole field (write \"\" for a quote inside one)");
            break;
        }
    }
    if (st == TB_OK)
        st = r.st;
    if (st == TB_OK && csv_fini(&p, on_field, on_record, &r) != 0)
        st = tb_error_set(err, TB_EPARSE, path, r.line, 0,
                          "unterminated quoted field (the file ends inside it), "
                          "expected a closing quote");
    free(line);
    csv_free(&p);
    fclose(fp);
    if (st == TB_OK && r.oom)
        st = tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
    if (st != TB_OK) {
        reader_free(&r);
        return st;
    }

    tb_target_set *set = calloc(1, sizeof *set);
    int optcol[NOPT];
    for (int i = 0; i < NOPT; i++)
        optcol[i] = -1;
    if (!set) {
        st = tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
        goto done;
    }
    if (r.nrec == 0) {
        st = tb_error_set(err, TB_EPARSE, path, 1, 0, "empty file; expected the header "
                          "id,description,region,indicator,measure,kind,base_year,"
                          "target_year,value,milestones,stated_value,source");
        goto done;
    }
    const record *h = &r.rec[0];
    for (int i = 0; i < NCOL; i++)
        if ((size_t)i >= h->n || strcmp(trim(h->field[i]), columns[i])) {
            st = tb_error_set(err, TB_EPARSE, path, h->line, i + 1,
                              "header column %d is '%s'; expected '%s' (the header starts "
                              "id,description,region,indicator,measure,kind,base_year,"
                              "target_year,value,milestones,stated_value,source)",
                              i + 1, (size_t)i < h->n ? h->field[i] : "", columns[i]);
            goto done;
        }
    for (size_t i = NCOL; i < h->n; i++) {
        const char *name = trim(h->field[i]);
        int k;
        for (k = 0; k < NOPT; k++)
            if (!strcmp(name, opt_columns[k]))
                break;
        if (k < NOPT)
            optcol[k] = (int)i;
        else
            tb_diag_add(warn, path, h->line, (long)i + 1,
                        "column '%s' is not used by the target engine", name);
    }
    set->t = calloc(r.nrec, sizeof *set->t);
    if (!set->t) {
        st = tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
        goto done;
    }
    /* the notation of numbers: what the whole file shows (number.h) */
    tb_notation num;
    tb_notation_init(&num, decimal, ',');
    for (size_t i = 1; i < r.nrec; i++)
        if (r.rec[i].n == h->n)
            sample_numbers(&num, &r.rec[i], optcol);
    long failed = 0;
    for (size_t i = 1; i < r.nrec; i++) {
        const record *rc = &r.rec[i];
        if (rc->n == 1 && !*rc->field[0])
            continue; /* blank line */
        if (rc->n != h->n) {
            st = tb_error_set(err, TB_EPARSE, path, rc->line, 0,
                              "%zu fields; expected %zu as in the header", rc->n, h->n);
            failed = rc->line;
            break;
        }
        st = parse_target(path, rc, optcol, &num, &set->t[set->n], err);
        if (st != TB_OK) {
            failed = rc->line;
            break;
        }
        set->n++;
    }
    /* a repeated id before the row that failed is the first mistake */
    const tb_target *again, *first;
    if (st != TB_ENOMEM && first_repeat(set->t, set->n, &again, &first) < 0)
        st = tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
    else if (st != TB_ENOMEM && again && (st == TB_OK || again->line < failed))
        st = tb_error_set(err, TB_EDATA, path, again->line, 1,
                          "id '%s' was already used on line %ld; expected unique ids",
                          again->id, first->line);
done:
    reader_free(&r);
    if (st != TB_OK) {
        tb_target_set_free(set);
        return st;
    }
    *out = set;
    return TB_OK;
}

/* ---- resolving the keys ------------------------------------------------- */

/* *KEY replaced by a copy of WANT; 0, or -1 when out of memory. */
static int set_key(char **key, const char *want)
{
    if (!strcmp(*key, want))
        return 0;
    char *k = strdup(want);
    if (!k)
        return -1;
    free(*key);
    *key = k;
    return 0;
}

/* The series of S that shares the most keys with (R, I, M), or NULL when
 * none shares one; *SAME gets its score. */
static const tb_series *closest_series(const tb_store *s, const char *r, const char *i,
                                       const char *m, int *same)
{
    const tb_series *best = NULL;
    *same = 0;
    for (size_t k = 0; k < tb_store_size(s); k++) {
        const tb_series *x = tb_store_at(s, k);
        /* the same region and offence first, then region and measure,
         * offence and measure, and one key alone in that order */
        int n = 4 * !strcmp(x->region, r) + 3 * !strcmp(x->indicator, i) +
                2 * !strcmp(x->measure, m);
        if (n > *same) {
            best = x;
            *same = n;
        }
    }
    return best;
}

/* The region entry for TEXT: where TEXT names a gemeente and a larger
 * area (tb_codelist_rival), the one with the series (IND, MEAS) in S, the
 * code list's preferred one otherwise; *OTHER gets the one not taken. */
static const tb_code *pick_region(const tb_codelist *regions, const tb_store *s,
                                  const char *text, const char *ind, const char *meas,
                                  const tb_code **other)
{
    const tb_code *e = tb_codelist_match(regions, text);
    *other = tb_codelist_rival(regions, text, e);
    if (*other && !tb_store_find(s, e->code, ind, meas) &&
        tb_store_find(s, (*other)->code, ind, meas)) {
        const tb_code *o = *other;
        *other = e;
        return o;
    }
    return e;
}

long tb_target_resolve(tb_target_set *set, const char *path, const tb_store *s,
                       const tb_codelist *regions, const tb_codelist *indicators,
                       tb_diag *warn, tb_diag *missing)
{
    long nmissing = 0;
    for (size_t k = 0; set && k < set->n; k++) {
        tb_target *t = &set->t[k];
        const tb_code *ie = indicators ? tb_codelist_match(indicators, t->indicator) : NULL;
        const char *mn = tb_measure_name(t->measure);
        if ((ie && set_key(&t->indicator, ie->code) < 0) ||
            (mn && set_key(&t->measure, mn) < 0))
            return -1;
        const tb_code *other = NULL;
        const tb_code *re = regions ? pick_region(regions, s, t->region, t->indicator,
                                                  t->measure, &other)
                                    : NULL;
        if (re && other)
            tb_diag_add(warn, path, t->line, 3,
                        "'%s' names the %s %s and the %s %s; the %s is taken%s",
                        t->region, re->level, re->code, other->level, other->code, re->level,
                        tb_store_find(s, re->code, t->indicator, t->measure)
                            ? ", which has the series" : " (write the code to choose)");
        if (re && set_key(&t->region, re->code) < 0)
            return -1;
        if (re && re->to_year && t->target_year > re->to_year)
            tb_diag_add(warn, path, t->line, 3,
                        "%s (%s) existed until %d%s%s; a target for %d needs its successor",
                        re->name, re->code, re->to_year,
                        re->nsuccessors ? ", succeeded by " : "",
                        re->nsuccessors ? re->successors[0] : "", t->target_year);
        if (tb_store_find(s, t->region, t->indicator, t->measure))
            continue;
        /* a count the source named no measure for */
        if (tb_measure_is_count(t->measure) &&
            tb_store_find(s, t->region, t->indicator, "aantal")) {
            tb_diag_add(warn, path, t->line, 5,
                        "the data names no measure for %s / %s (its values are 'aantal'); "
                        "they are taken as %s", t->region, t->indicator, t->measure);
            if (set_key(&t->measure, "aantal") < 0)
                return -1;
            continue;
        }
        int same;
        const tb_series *c = s ? closest_series(s, t->region, t->indicator, t->measure, &same)
                               : NULL;
        long col = !c || strcmp(c->region, t->region) ? 3
                 : strcmp(c->indicator, t->indicator) ? 4 : 5;
        if (c)
            tb_diag_add(missing, path, t->line, col,
                        "target %s: no series %s / %s / %s in the data; the closest that "
                        "exists is %s / %s / %s", t->id, t->region, t->indicator, t->measure,
                        c->region, c->indicator, c->measure);
        else
            tb_diag_add(missing, path, t->line, col,
                        "target %s: no series %s / %s / %s in the data, nor any of its "
                        "region, offence or measure", t->id, t->region, t->indicator,
                        t->measure);
        nmissing++;
    }
    return nmissing;
}

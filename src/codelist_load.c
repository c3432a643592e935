/* trendbeeld — code lists (regions, indicators): loading a file into
 * entries; its text is read by codelist_text.c, its keys sorted and
 * checked by codelist_index.c.
 *
 * File layout (CSV, comma, UTF-8 with optional BOM or Windows-1252 by the
 * rule of load.h; header row required):
 *   code,name,level,parents,aliases,preferred,tags,from,to,successors,note
 * code, name and level are required; the other columns are optional and
 * may come in any order.  Lists (parents, aliases, tags, successors) are
 * separated by ';'.  Columns with other names are ignored.
 *
 * The code lists analysts download from CBS are read as they are, told
 * apart by their header (comma or semicolon, as the first line has more):
 *   Key,Title[,Description,CategoryGroupID]   CBS OData (RegioS.csv,
 *       SoortMisdrijf.csv): code = Key, name = Title, note = Description;
 *   ID,RegioS,Code_1,Naam_2,...               CBS TypedDataSet lookup
 *       (82949NED): code = Code_n, name = Naam_n;
 *   GemeentecodeGM,Gemeentenaam[,ProvinciecodePV,Provincienaam]
 *       a gemeente list: one entry per gemeente (parent its province) and
 *       one per province.
 * There the level follows from the code (NL land, LD landsdeel, PV
 * provincie, GM gemeente, WK wijk, BU buurt, RE eenheid, PO politieregio,
 * anything else none), a title's CBS suffix of its own level is also an
 * alias ("Drenthe (PV)" is "Drenthe" too), and a name shared by several
 * levels prefers the lowest, as the shipped lists do ("Groningen" is the
 * gemeente).
 */
#include "codelist_priv.h"
#include "grow.h"
#include "trendbeeld/number.h"
#include "trendbeeld/store.h" /* TB_YEAR_MIN, TB_YEAR_MAX */
#include "trendbeeld/text.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { COL_CODE, COL_NAME, COL_LEVEL, COL_PARENTS, COL_ALIASES, COL_PREFERRED,
       COL_TAGS, COL_FROM, COL_TO, COL_SUCCESSORS, COL_NOTE, NCOLS };
static const char *const col_names[NCOLS] = {
    "code", "name", "level", "parents", "aliases", "preferred", "tags",
    "from", "to", "successors", "note"};
/* A gemeente list's province name has no column of its own format. */
enum { COL_PROVINCE_NAME = NCOLS, NSLOTS };

/* The file layouts a code list can come in (see the top of this file). */
typedef enum { LAYOUT_OWN, LAYOUT_CBS_KEYS, LAYOUT_CBS_TYPED,
               LAYOUT_GEMEENTEN } layout;

typedef struct {
    tb_codelist *c;
    const char *path;
    tb_error *err;
    tb_status st;
    long line;           /* physical line being fed */
    long rec_line;       /* line of the current record's first field */
    size_t nrec;         /* records seen, header included */
    size_t nfield;       /* fields in the current record */
    int col[NSLOTS];     /* header position of each known column, -1 */
    size_t nheader;
    char **head;         /* the header's column names, owned */
    size_t nhead;
    layout layout;
    char *f[NSLOTS];     /* fields of the current record */
    unsigned space[NSLOTS]; /* non-ASCII white space trimmed from each */
} loader;

static void fail(loader *L, tb_status code, long line, long col,
                 const char *fmt, const char *a, const char *b)
{
    if (L->st != TB_OK)
        return;
    L->st = code;
    char msg[600];
    snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
    tb_error_set(L->err, code, L->path, line, col, "%s", msg);
}

/* S[0..LEN) trimmed (tb_text_trim), as an owned string; *SPACE gets the
 * first non-ASCII white space removed (0 when none). */
static char *trim_dup(const char *s, size_t len, unsigned *space)
{
    size_t n = len, k;
    const char *t = tb_text_trim(s, &n);
    unsigned cp;
    *space = 0;
    for (const char *p = s; p < s + len && !*space; p += k) {
        if (p == t)
            p += n;          /* from the head to the tail */
        if (p >= s + len || !(k = tb_utf8_char(p, (size_t)(s + len - p), &cp)))
            break;
        if (cp >= 0x80)
            *space = cp;
    }
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, t, n);
        d[n] = '\0';
    }
    return d;
}

static void on_field(void *data, size_t len, void *p)
{
    loader *L = p;
    if (L->nfield == 0)
        L->rec_line = L->line;
    size_t i = L->nfield++;
    if (L->st != TB_OK)
        return;
    unsigned space;
    char *v = trim_dup(data ? data : "", data ? len : 0, &space);
    if (!v) {
        fail(L, TB_ENOMEM, L->line, 0, "out of memory%s%s", NULL, NULL);
        return;
    }
    if (L->nrec == 0) {          /* header: its layout is told at its end */
        char **h = realloc(L->head, (L->nhead + 1) * sizeof *h);
        if (!h) {
            free(v);
            fail(L, TB_ENOMEM, L->line, 0, "out of memory%s%s", NULL, NULL);
            return;
        }
        L->head = h;
        h[L->nhead++] = v;
        return;
    }
    for (int k = 0; k < NSLOTS; k++)
        if (L->col[k] == (int)i) {
            free(L->f[k]);
            L->f[k] = v;
            L->space[k] = space;
            return;
        }
    free(v);
}

/* Split a ';'-list into an array of trimmed, non-empty, owned strings. */
static int split_list(const char *s, const char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!s || !*s)
        return 0;
    size_t cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == ';';
    const char **a = calloc(cap, sizeof *a);
    if (!a)
        return -1;
    const char *p = s;
    for (;;) {
        const char *q = strchr(p, ';');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        unsigned space;
        char *t = trim_dup(p, len, &space);
        if (!t)
            goto nomem;
        if (*t)
            a[(*n)++] = t;
        else
            free(t);
        if (!q)
            break;
        p = q + 1;
    }
    *out = a;
    return 0;
nomem:
    for (size_t i = 0; i < *n; i++)
        free((char *)a[i]);
    free(a);
    *n = 0;
    return -1;
}

/* A year column: empty is no year (0). */
static int parse_year(const char *s, int *y)
{
    if (!s || !*s) {
        *y = 0;
        return 0;
    }
    return tb_parse_year(s, y) ? 0 : -1;
}

static void free_entry(tb_code *e)
{
    free((char *)e->code);
    free((char *)e->name);
    free((char *)e->level);
    free((char *)e->note);
    const char **lists[] = {e->parents, e->aliases, e->tags, e->successors};
    size_t ns[] = {e->nparents, e->naliases, e->ntags, e->nsuccessors};
    for (int k = 0; k < 4; k++) {
        for (size_t i = 0; i < ns[k]; i++)
            free((char *)lists[k][i]);
        free(lists[k]);
    }
}

/* Position of header column NAME (ASCII case ignored), or -1. */
static int header_col(const loader *L, const char *name)
{
    for (size_t i = 0; i < L->nhead; i++)
        if (strcasecmp(L->head[i], name) == 0)
            return (int)i;
    return -1;
}

/* Position of the first header column STEM followed by digits ("Code_1",
 * "Naam_2": CBS numbers the columns of a TypedDataSet), or -1. */
static int header_numbered(const loader *L, const char *stem)
{
    size_t n = strlen(stem);
    for (size_t i = 0; i < L->nhead; i++) {
        const char *h = L->head[i];
        if (strncasecmp(h, stem, n) == 0 && h[n]
            && strspn(h + n, "0123456789") == strlen(h + n))
            return (int)i;
    }
    return -1;
}

/* The project's own columns; 1 when code, name and level are there. */
static int own_layout(loader *L)
{
    for (size_t i = 0; i < L->nhead && L->st == TB_OK; i++)
        for (int k = 0; k < NCOLS; k++)
            if (strcmp(L->head[i], col_names[k]) == 0) {
                if (L->col[k] >= 0)
                    fail(L, TB_EPARSE, L->rec_line, (long)i + 1,
                         "column '%s' appears twice in the header, expected each "
                         "column once%s", col_names[k], NULL);
                L->col[k] = (int)i;
            }
    return L->col[COL_CODE] >= 0 && L->col[COL_NAME] >= 0 && L->col[COL_LEVEL] >= 0;
}

/* Tell the layout from the header, or fail saying which one was expected. */
static void detect_layout(loader *L)
{
    if (own_layout(L) || L->st != TB_OK)
        return;
    int own[3] = {L->col[COL_CODE], L->col[COL_NAME], L->col[COL_LEVEL]};
    for (int k = 0; k < NSLOTS; k++)
        L->col[k] = -1;
    int key = header_col(L, "Key"), title = header_col(L, "Title");
    int gm = header_col(L, "GemeentecodeGM"), gname = header_col(L, "Gemeentenaam");
    int code = header_numbered(L, "Code_"), name = header_numbered(L, "Naam_");
    if (key >= 0 && title >= 0) {
        L->layout = LAYOUT_CBS_KEYS;
        L->col[COL_CODE] = key;
        L->col[COL_NAME] = title;
        L->col[COL_NOTE] = header_col(L, "Description");
    } else if (gm >= 0 && gname >= 0) {
        L->layout = LAYOUT_GEMEENTEN;
        L->col[COL_CODE] = gm;
        L->col[COL_NAME] = gname;
        L->col[COL_PARENTS] = header_col(L, "ProvinciecodePV");
        L->col[COL_PROVINCE_NAME] = header_col(L, "Provincienaam");
    } else if (code >= 0 && name >= 0) {
        L->layout = LAYOUT_CBS_TYPED;
        L->col[COL_CODE] = code;
        L->col[COL_NAME] = name;
    } else {
        for (int k = 0; k < 3; k++)
            if (own[k] < 0) {
                fail(L, TB_EPARSE, L->rec_line, 0,
                     "the header has no column '%s'; expected at least "
                     "code,name,level, or a CBS code list (Key,Title or "
                     "Code_1,Naam_2 or GemeentecodeGM,Gemeentenaam)%s",
                     col_names[k], NULL);
                return;
            }
    }
}

/* 1 when column K of the record holds a value; fails (0) otherwise. */
static int has_value(loader *L, int k)
{
    if (L->f[k] && *L->f[k])
        return 1;
    const char *what = L->head[L->col[k]];
    char cp[16];
    snprintf(cp, sizeof cp, "U+%04X", L->space[k]);
    if (L->f[k] && L->space[k])   /* e.g. a lone no-break space */
        fail(L, TB_EPARSE, L->rec_line, L->col[k] + 1,
             "'%s' holds only white space (%s), expected a value in "
             "every row", what, cp);
    else
        fail(L, TB_EPARSE, L->rec_line, L->col[k] + 1,
             "empty '%s', expected a value in every row%s", what, NULL);
    return 0;
}

/* Field K of the record, now owned by the caller. */
static char *take(loader *L, int k)
{
    char *v = L->f[k];
    L->f[k] = NULL;
    return v;
}

/* A new, zeroed entry at the end of the list (NULL when out of memory). */
static tb_code *new_entry(loader *L)
{
    tb_codelist *c = L->c;
    /* the entries and their lines share one capacity */
    size_t ecap = c->cap, lcap = c->cap;
    if (TB_GROW(c->e, ecap, c->n + 1, 256) != 0 ||
        TB_GROW(c->line, lcap, c->n + 1, 256) != 0) {
        fail(L, TB_ENOMEM, 0, 0, "out of memory%s%s", NULL, NULL);
        return NULL;
    }
    c->cap = ecap;
    tb_code *e = &c->e[c->n];
    memset(e, 0, sizeof *e);
    c->line[c->n] = L->rec_line;
    c->n++;
    return e;
}

/* A row of the project's own layout. */
static void add_own(loader *L)
{
    tb_code *e = new_entry(L);
    if (!e)
        return;
    e->code = take(L, COL_CODE);
    e->name = take(L, COL_NAME);
    e->level = take(L, COL_LEVEL);
    e->note = L->f[COL_NOTE] ? take(L, COL_NOTE) : strdup("");
    if (!e->note || split_list(L->f[COL_PARENTS], &e->parents, &e->nparents)
        || split_list(L->f[COL_ALIASES], &e->aliases, &e->naliases)
        || split_list(L->f[COL_TAGS], &e->tags, &e->ntags)
        || split_list(L->f[COL_SUCCESSORS], &e->successors, &e->nsuccessors)) {
        fail(L, TB_ENOMEM, 0, 0, "out of memory%s%s", NULL, NULL);
        return;
    }
    const char *pf = L->f[COL_PREFERRED];
    if (!pf || !*pf || strcmp(pf, "0") == 0)
        e->preferred = 0;
    else if (strcmp(pf, "1") == 0)
        e->preferred = 1;
    else
        fail(L, TB_EPARSE, L->rec_line, L->col[COL_PREFERRED] + 1,
             "preferred is '%s', expected 1, 0 or empty%s", pf, NULL);
    if (parse_year(L->f[COL_FROM], &e->from_year))
        fail(L, TB_EPARSE, L->rec_line, L->col[COL_FROM] + 1,
             "from is '%s', expected a year or empty%s", L->f[COL_FROM], NULL);
    if (parse_year(L->f[COL_TO], &e->to_year))
        fail(L, TB_EPARSE, L->rec_line, L->col[COL_TO] + 1,
             "to is '%s', expected a year or empty%s", L->f[COL_TO], NULL);
}

/* The level a CBS region code stands for by its prefix; "" for other
 * codes (COROP areas CR, offences, overlast). */
static const char *level_of_code(const char *code)
{
    static const struct { const char *prefix, *level; } lv[] = {
        {"NL", "land"},      {"LD", "landsdeel"}, {"PV", "provincie"},
        {"GM", "gemeente"},  {"WK", "wijk"},      {"BU", "buurt"},
        {"RE", "eenheid"},   {"PO", "politieregio"}};
    unsigned char third = code[0] && code[1] ? (unsigned char)code[2] : 0;
    if (!isdigit(third) && !isupper(third))
        return "";
    for (size_t i = 0; i < sizeof lv / sizeof *lv; i++)
        if (strncmp(code, lv[i].prefix, 2) == 0)
            return lv[i].level;
    return "";
}

/* *OUT = TITLE without the CBS suffix of LEVEL ("Drenthe (PV)" ->
 * "Drenthe"), or NULL when it has none; -1 when out of memory. */
static int strip_level_suffix(const char *title, const char *level, char **out)
{
    size_t n = strlen(title);
    *out = NULL;
    for (size_t i = 0; i < sizeof tb_codelist_suffixes_ / sizeof *tb_codelist_suffixes_; i++) {
        size_t sl = strlen(tb_codelist_suffixes_[i].suffix);
        if (n <= sl || strcmp(level, tb_codelist_suffixes_[i].level) != 0
            || strcasecmp(title + n - sl, tb_codelist_suffixes_[i].suffix) != 0)
            continue;
        unsigned space;
        char *t = trim_dup(title, n - sl, &space);
        if (!t)
            return -1;
        if (*t)
            *out = t;
        else
            free(t);
        return 0;
    }
    return 0;
}

/* Append S (owned) to the list *OUT of *N; -1 when out of memory. */
static int list_add(char *s, const char ***out, size_t *n)
{
    const char **a = s ? realloc(*out, (*n + 1) * sizeof *a) : NULL;
    if (!a) {
        free(s);
        return -1;
    }
    a[(*n)++] = s;
    *out = a;
    return 0;
}

/* The aliases of a CBS title: without the suffix of its level ("Drenthe
 * (PV)" is "Drenthe") and without its leading code ("1.1.1 Diefstal/inbraak
 * woning" is "Diefstal/inbraak woning"); -1 when out of memory. */
static int cbs_aliases(tb_code *e)
{
    char *bare;
    if (strip_level_suffix(e->name, e->level, &bare)
        || (bare && list_add(bare, &e->aliases, &e->naliases)))
        return -1;
    size_t n = strlen(e->code);
    if (strncmp(e->name, e->code, n) == 0 && e->name[n] == ' ' && e->name[n + 1]) {
        unsigned space;
        if (list_add(trim_dup(e->name + n, strlen(e->name + n), &space),
                     &e->aliases, &e->naliases))
            return -1;
    }
    return 0;
}

/* Fill the entry made from a CBS row: LEVEL, NOTE (owned, may be NULL)
 * without the CR of CBS line ends, aliases, and PARENT (may be NULL). */
static void fill_cbs(loader *L, tb_code *e, const char *level, char *note,
                     const char *parent)
{
    if (note) {
        char *o = note;
        for (const char *p = note; *p; p++)
            if (*p != '\r')
                *o++ = *p;
        *o = '\0';
    }
    e->note = note ? note : strdup("");
    if (!(e->level = strdup(level)) || !e->note || cbs_aliases(e)
        || (parent && *parent && list_add(strdup(parent), &e->parents, &e->nparents)))
        fail(L, TB_ENOMEM, 0, 0, "out of memory%s%s", NULL, NULL);
}

/* The province CODE of a gemeente list, added on its first gemeente. */
static void add_province(loader *L, const char *code)
{
    tb_codelist *c = L->c;
    for (size_t i = 0; i < c->n; i++)
        if (c->e[i].code && strcmp(c->e[i].code, code) == 0)
            return;
    /* without a Provincienaam column the province is named by its code */
    if (L->col[COL_PROVINCE_NAME] >= 0 && !has_value(L, COL_PROVINCE_NAME))
        return;
    char *name = L->col[COL_PROVINCE_NAME] >= 0 ? take(L, COL_PROVINCE_NAME)
                                                : strdup(code);
    char *own = strdup(code);
    tb_code *e = name && own ? new_entry(L) : NULL;
    if (!e) {
        free(name);
        free(own);
        fail(L, TB_ENOMEM, 0, 0, "out of memory%s%s", NULL, NULL);
        return;
    }
    e->code = own;
    e->name = name;
    fill_cbs(L, e, "provincie", NULL, NULL);
}

/* A row of a CBS code list (any of the layouts but the own one). */
static void add_cbs(loader *L)
{
    tb_code *e = new_entry(L);
    if (!e)
        return;
    e->code = take(L, COL_CODE);
    e->name = take(L, COL_NAME);
    const char *level = L->layout == LAYOUT_GEMEENTEN ? "gemeente"
                                                      : level_of_code(e->code);
    const char *parent = L->f[COL_PARENTS];
    fill_cbs(L, e, level, take(L, COL_NOTE), parent);
    /* after the gemeente: a new entry may move the list in memory */
    if (L->st == TB_OK && parent && *parent)
        add_province(L, parent);
}

static void on_record(int term, void *p)
{
    loader *L = p;
    (void)term;
    size_t nf = L->nfield;
    L->nfield = 0;
    L->nrec++;
    if (L->st != TB_OK)
        goto done;
    if (L->nrec == 1) {
        L->nheader = nf;
        detect_layout(L);
        goto done;
    }
    if (nf == 1 && !L->f[COL_CODE] && !L->f[COL_NAME])
        goto done; /* empty line */
    if (nf != L->nheader) {
        char a[64], b[64];
        snprintf(a, sizeof a, "%zu", nf);
        snprintf(b, sizeof b, "%zu", L->nheader);
        fail(L, TB_EPARSE, L->rec_line, 0,
             "row has %s fields, expected %s as in the header", a, b);
        goto done;
    }
    /* code and name always; the level only where it has a column */
    int required = L->layout == LAYOUT_OWN ? 3 : 2;
    for (int k = 0; k < required; k++)
        if (!has_value(L, k))
            goto done;
    /* no series can name a longer one (the loader's limit), and the
     * lookups work on keys of that size */
    for (int k = COL_CODE; k <= COL_NAME; k++)
        if (strlen(L->f[k]) > TB_MAX_NAME) {
            char a[32], b[32];
            snprintf(a, sizeof a, "%zu", strlen(L->f[k]));
            snprintf(b, sizeof b, "%d", TB_MAX_NAME);
            fail(L, TB_EPARSE, L->rec_line, L->col[k] + 1,
                 k == COL_CODE ? "code of %s bytes, expected at most %s"
                               : "name of %s bytes, expected at most %s", a, b);
            goto done;
        }
    if (L->layout == LAYOUT_OWN)
        add_own(L);
    else
        add_cbs(L);
done:
    for (int k = 0; k < NSLOTS; k++) {
        free(L->f[k]);
        L->f[k] = NULL;
        L->space[k] = 0;
    }
}

/* ';' when the first record has more semicolons than commas outside
 * quotes (CBS TypedDataSet downloads), ',' otherwise. */
static unsigned char delimiter_of(const char *s, size_t n)
{
    size_t commas = 0, semicolons = 0;
    int quoted = 0;
    for (size_t i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == ',')
            commas++;
        else if (!quoted && s[i] == ';')
            semicolons++;
    }
    return semicolons > commas ? ';' : ',';
}

/* Fed one physical line at a time so records know their line. */
static void parse_lines(loader *L, struct csv_parser *p, const char *s, size_t n)
{
    for (size_t i = 0; L->st == TB_OK && i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (s + i)) + 1 : n - i;
        L->line++;
        if (csv_parse(p, s + i, len, on_field, on_record, L) != len) {
            if (csv_error(p) == CSV_EPARSE)
                fail(L, TB_EPARSE, L->line, 0, "misplaced quote in a field, "
                     "expected a quote only around a whole field (write \"\" for "
                     "a quote inside one)%s%s", NULL, NULL);
            else
                fail(L, TB_ENOMEM, L->line, 0, "out of memory%s%s", NULL, NULL);
        }
        i += len;
    }
}

tb_status tb_codelist_load(tb_codelist **out, const char *path, tb_error *err)
{
    *out = NULL;
    char *base, *text;
    size_t n = 0;
    tb_status rd = tb_codelist_read_text_(path, err, &base, &text, &n);
    if (rd != TB_OK)
        return rd;
    tb_codelist *c = calloc(1, sizeof *c);
    struct csv_parser p;
    if (!c || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(c);
        free(base);
        return tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
    }
    loader L = {.c = c, .path = path, .err = err, .st = TB_OK, .line = 0};
    for (int k = 0; k < NSLOTS; k++)
        L.col[k] = -1;
    csv_set_delim(&p, delimiter_of(text, n));
    parse_lines(&L, &p, text, n);
    if (L.st == TB_OK && csv_fini(&p, on_field, on_record, &L) != 0)
        fail(&L, TB_EPARSE, L.line, 0,
             "unterminated quoted field at the end of the file; expected a "
             "closing '\"'%s%s", NULL, NULL);
    csv_free(&p);
    free(base);
    for (int k = 0; k < NSLOTS; k++)
        free(L.f[k]);
    for (size_t i = 0; i < L.nhead; i++)
        free(L.head[i]);
    free(L.head);
    if (L.st == TB_OK && L.nrec == 0)
        fail(&L, TB_EPARSE, 0, 0, "empty file; expected a header "
             "code,name,level,...%s%s", NULL, NULL);
    if (L.st != TB_OK) {
        tb_codelist_free(c);
        return L.st;
    }
    tb_status st = tb_codelist_index_(c, L.layout != LAYOUT_OWN, path, err);
    /* Every parent and successor must be a code of the list. */
    for (size_t i = 0; st == TB_OK && i < c->n; i++) {
        const tb_code *e = &c->e[i];
        for (size_t k = 0; st == TB_OK && k < e->nparents + e->nsuccessors; k++) {
            const char *ref = k < e->nparents ? e->parents[k]
                                              : e->successors[k - e->nparents];
            char key[256];
            tb_text_key(ref, key, sizeof key);
            if (!tb_codelist_find_key_(c, key))
                st = tb_error_set(err, TB_EDATA, path, c->line[i],
                                  L.col[k < e->nparents ? COL_PARENTS : COL_SUCCESSORS] + 1,
                                  "'%s' of '%s' is not a code in this list; expected "
                                  "the code of another entry", ref, e->code);
            else if (strcmp(tb_codelist_find_key_(c, key)->code, e->code) == 0)
                st = tb_error_set(err, TB_EDATA, path, c->line[i], 0,
                                  "'%s' names itself as parent or successor, expected "
                                  "the code of another entry", e->code);
        }
    }
    if (st != TB_OK) {
        tb_codelist_free(c);
        return st;
    }
    *out = c;
    return TB_OK;
}

void tb_codelist_free(tb_codelist *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        free_entry(&c->e[i]);
    if (c->codes)
        for (size_t i = 0; i < c->n; i++)
            free(c->codes[i].key);
    for (size_t i = 0; i < c->nnames; i++)
        free(c->names[i].key);
    free(c->codes);
    free(c->names);
    free(c->e);
    free(c->line);
    free(c);
}


/* trendbeeld — code lists (regions, indicators): loading and matching.
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
 *
 * Text is read as text.h says (leading byte order marks skipped, values
 * trimmed of Unicode white space such as U+00A0 from a spreadsheet).
 * Refused with the line and character column: NUL bytes, control
 * characters other than tab and line ends, a byte order mark inside the
 * text, UTF-16, a byte that is not UTF-8 after UTF-8 text, and a byte that
 * is not Windows-1252.
 *
 * Matching uses one sorted table of normalised keys (names and aliases)
 * and one of normalised codes, searched with bsearch.
 */
#include "trendbeeld/codelist.h"
#include "trendbeeld/store.h" /* TB_YEAR_MIN, TB_YEAR_MAX */
#include "trendbeeld/load.h"  /* tb_load_open */
#include "trendbeeld/text.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdint.h>
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
    char *key;   /* normalised, owned */
    size_t idx;  /* entry index */
} keyref;

struct tb_codelist {
    tb_code *e;
    long *line;           /* source line of each entry */
    size_t n, cap;
    keyref *codes;        /* one per entry, sorted by key */
    keyref *names;        /* names and aliases, sorted by key then idx */
    size_t nnames;
};

/* ---- normalisation ------------------------------------------------------ */

/* ASCII base letters for U+00C0..U+017F ("" = keep the character). */
static const char *const latin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};

static const char *latin_ext_a(unsigned cp)
{
    static const struct { unsigned lo, hi; const char *s; } r[] = {
        {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"},
        {0x112, 0x11B, "e"}, {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},
        {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"},
        {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
        {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"},
        {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
        {0x174, 0x175, "w"}, {0x176, 0x178, "y"}, {0x179, 0x17E, "z"},
        {0x17F, 0x17F, "s"}};
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        if (cp >= r[i].lo && cp <= r[i].hi)
            return r[i].s;
    return NULL;
}

size_t tb_codelist_normalise(const char *text, char *out, size_t n)
{
    size_t o = 0;
    int pending_space = 0;
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    if (n == 0)
        return 0;
    while (*s) {
        unsigned cp;
        size_t len = tb_utf8_char((const char *)s, strlen((const char *)s), &cp);
        if (len == 0) {          /* a stray byte stands for itself */
            cp = *s;
            len = 1;
        }
        char buf[8];
        const char *rep = NULL;
        size_t rlen;
        if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0) {
            pending_space = o > 0;   /* leading spaces vanish */
            s += len;
            continue;
        }
        if (cp < 0x80) {
            buf[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
            buf[1] = '\0';
            rep = buf;
        } else if (cp >= 0xC0 && cp <= 0xFF && latin1[cp - 0xC0][0]) {
            rep = latin1[cp - 0xC0];
        } else if ((rep = latin_ext_a(cp)) != NULL) {
            ;
        } else if (cp == 0x2018 || cp == 0x2019) {
            rep = "'";               /* typographic apostrophe: 's-Gravenhage */
        } else {
            memcpy(buf, s, len);     /* anything else as it is */
            buf[len] = '\0';
            rep = buf;
        }
        rlen = strlen(rep);
        if (o + pending_space + rlen + 1 > n)
            break;
        if (pending_space)
            out[o++] = ' ';
        pending_space = 0;
        memcpy(out + o, rep, rlen);
        o += rlen;
        s += len;
    }
    out[o] = '\0';
    return o;
}

static char *norm_dup(const char *text)
{
    size_t cap = 3 * strlen(text) + 8; /* "ß" (2 bytes) -> "ss": never longer */
    char *k = malloc(cap);
    if (k)
        tb_codelist_normalise(text, k, cap);
    return k;
}

/* CBS name suffixes and the level each names (normalised: lower case). */
static const struct { const char *suffix, *level; } suffixes[] = {
    {" (gemeente)", "gemeente"}, {" (pv)", "provincie"}, {" (re)", "eenheid"},
    {" (ld)", "landsdeel"},      {" (po)", "politieregio"}};

/* ---- loading ------------------------------------------------------------ */

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

static int parse_year(const char *s, int *y)
{
    char *end;
    if (!s || !*s) {
        *y = 0;
        return 0;
    }
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < TB_YEAR_MIN || v > TB_YEAR_MAX)
        return -1;
    *y = (int)v;
    return 0;
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
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 256;
        tb_code *e = realloc(c->e, cap * sizeof *e);
        if (e)
            c->e = e;
        long *ln = e ? realloc(c->line, cap * sizeof *ln) : NULL;
        if (!ln) {
            fail(L, TB_ENOMEM, 0, 0, "out of memory%s%s", NULL, NULL);
            return NULL;
        }
        c->line = ln;
        c->cap = cap;
    }
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
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t sl = strlen(suffixes[i].suffix);
        if (n <= sl || strcmp(level, suffixes[i].level) != 0
            || strcasecmp(title + n - sl, suffixes[i].suffix) != 0)
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
        if (strlen(L->f[k]) > TB_LOAD_MAX_NAME) {
            char a[32], b[32];
            snprintf(a, sizeof a, "%zu", strlen(L->f[k]));
            snprintf(b, sizeof b, "%d", TB_LOAD_MAX_NAME);
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

static int cmp_key(const void *a, const void *b)
{
    const keyref *x = a, *y = b;
    int r = strcmp(x->key, y->key);
    return r ? r : (x->idx > y->idx) - (x->idx < y->idx);
}

static const tb_code *find_code(const tb_codelist *c, const char *key);

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
        if (!(c->codes[i].key = norm_dup(e->code)))
            return tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
        char *k = norm_dup(e->name);
        if (!k)
            return tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
        c->names[c->nnames].key = k;
        c->names[c->nnames++].idx = i;
        for (size_t a = 0; a < e->naliases; a++) {
            if (!(k = norm_dup(e->aliases[a])))
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
        const tb_code *owner = find_code(c, c->names[i].key);
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

/* ---- the text ----------------------------------------------------------- */

/* Line and 1-based character column of offset OFF in S. */
static void place_of(const char *s, size_t off, long *line, long *col)
{
    size_t start = 0;
    *line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') {
            (*line)++;
            start = i + 1;
        }
    *col = tb_text_column(s + start, off - start);
}

static tb_status fail_at(const char *path, tb_error *err, const char *s,
                         size_t off, const char *what, const char *expected)
{
    long line, col;
    place_of(s, off, &line, &col);
    return tb_error_set(err, TB_EPARSE, path, line, col, "%s, expected %s", what,
                        expected);
}

/* The whole file in memory (code lists are small): *N bytes, NUL-ended. */
static char *read_all(FILE *f, size_t *n)
{
    size_t cap = 1 << 16, len = 0;
    char *b = malloc(cap);
    while (b) {
        len += fread(b + len, 1, cap - len - 1, f);
        if (len < cap - 1)
            break;
        char *nb = realloc(b, 2 * cap);
        if (!nb)
            free(b);
        b = nb;
        cap *= 2;
    }
    if (b)
        b[len] = '\0';
    *n = len;
    return b;
}

/* UTF-16 is refused before anything else is read. */
static tb_status check_utf16(const char *path, tb_error *err, const char *s, size_t n)
{
    if (n >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE)
                   || ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF)))
        return tb_error_set(err, TB_EPARSE, path, 1, 1, "file is UTF-16, expected "
                            "UTF-8 or Windows-1252 text");
    return TB_OK;
}

/* Offset of the first byte of S that is not well-formed UTF-8 (N when
 * all are); *MULTI gets the offset of the first multi-byte character
 * before it (N when none). */
static size_t utf8_prefix(const char *s, size_t n, size_t *multi)
{
    size_t bad = tb_utf8_valid(s, n, NULL);
    *multi = n;
    for (size_t i = 0; i < bad; i++)
        if ((unsigned char)s[i] >= 0x80) {
            *multi = i;
            break;
        }
    return bad;
}

/* The text of S as UTF-8, by the rule of load.h: UTF-8 when every byte
 * is; Windows-1252 (converted) when no multi-byte UTF-8 character comes
 * before the first byte that is not UTF-8; refused otherwise.  *OUT is S
 * itself or a new buffer. */
static tb_status to_utf8(const char *path, tb_error *err, char *s, size_t n,
                         char **out, size_t *outn)
{
    size_t multi, bad = utf8_prefix(s, n, &multi);
    *out = s;
    *outn = n;
    if (bad == n)
        return TB_OK;
    char what[160];
    if (multi < bad) {
        long line, col;
        place_of(s, multi, &line, &col);
        snprintf(what, sizeof what, "byte 0x%02X is not UTF-8, but the file has "
                 "UTF-8 text before it (line %ld)", (unsigned char)s[bad], line);
        return fail_at(path, err, s, bad, what, "the whole file in one encoding "
                       "(save it again as UTF-8)");
    }
    iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
    if (cd == (iconv_t)-1)
        return tb_error_set(err, TB_EIO, path, 0, 0, "cannot convert from "
                            "Windows-1252: %s", strerror(errno));
    size_t cap = 3 * n + 1, left = 3 * n, inleft = n;
    char *conv = malloc(cap), *in = s, *o = conv;
    tb_status st = TB_OK;
    if (!conv)
        st = tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
    else if (iconv(cd, &in, &inleft, &o, &left) == (size_t)-1) {
        snprintf(what, sizeof what, "byte 0x%02X is not Windows-1252",
                 (unsigned char)*in);
        st = fail_at(path, err, s, (size_t)(in - s), what,
                     "UTF-8 or Windows-1252 text");
    }
    iconv_close(cd);
    if (st != TB_OK) {
        free(conv);
        return st;
    }
    *o = '\0';
    *out = conv;
    *outn = (size_t)(o - conv);
    return TB_OK;
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

/* Read and check the text of PATH: *TEXT is UTF-8 without a BOM, owned
 * (*BASE is what to free). */
static tb_status read_text(const char *path, tb_error *err, char **base,
                           char **text, size_t *n)
{
    *base = *text = NULL;
    *n = 0;
    FILE *f = tb_load_open(path);
    if (!f)
        return tb_error_set(err, TB_EIO, path, 0, 0, "cannot open: %s",
                            strerror(errno));
    size_t len;
    char *buf = read_all(f, &len);
    int bad = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (!buf)
        return tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
    if (bad) {
        free(buf);
        return tb_error_set(err, TB_EIO, path, 0, 0, "read error: %s",
                            strerror(bad));
    }
    size_t skip = tb_text_boms(buf, len);
    char *conv;
    tb_status st = check_utf16(path, err, buf + skip, len - skip);
    if (st == TB_OK)
        st = to_utf8(path, err, buf + skip, len - skip, &conv, n);
    if (st != TB_OK) {
        free(buf);
        return st;
    }
    if (conv != buf + skip) {
        free(buf);
        buf = conv;
    }
    /* what no value may hold, found in the whole text at once */
    char what[80];
    const char *expect;
    size_t at = tb_text_bad(conv, *n, what, sizeof what, &expect);
    if (at < *n) {
        st = fail_at(path, err, conv, at, what, expect);
        free(buf);
        return st;
    }
    *base = buf;
    *text = conv;
    return TB_OK;
}

tb_status tb_codelist_load(tb_codelist **out, const char *path, tb_error *err)
{
    *out = NULL;
    char *base, *text;
    size_t n = 0;
    tb_status rd = read_text(path, err, &base, &text, &n);
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
    tb_status st = build_index(c, path, err);
    if (st == TB_OK && L.layout != LAYOUT_OWN)
        prefer_lowest_level(c);
    if (st == TB_OK)
        st = check_index(c, path, err);
    /* Every parent and successor must be a code of the list. */
    for (size_t i = 0; st == TB_OK && i < c->n; i++) {
        const tb_code *e = &c->e[i];
        for (size_t k = 0; st == TB_OK && k < e->nparents + e->nsuccessors; k++) {
            const char *ref = k < e->nparents ? e->parents[k]
                                              : e->successors[k - e->nparents];
            char key[256];
            tb_codelist_normalise(ref, key, sizeof key);
            if (!find_code(c, key))
                st = tb_error_set(err, TB_EDATA, path, c->line[i],
                                  L.col[k < e->nparents ? COL_PARENTS : COL_SUCCESSORS] + 1,
                                  "'%s' of '%s' is not a code in this list; expected "
                                  "the code of another entry", ref, e->code);
            else if (strcmp(find_code(c, key)->code, e->code) == 0)
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

static const tb_code *find_code(const tb_codelist *c, const char *key)
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
    tb_codelist_normalise(code, key, sizeof key);
    const tb_code *e = find_code(c, key);
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
    size_t n = tb_codelist_normalise(text, key, sizeof key);
    if (n == 0)
        return NULL;
    const tb_code *e = find_code(c, key);
    if (e)
        return e;
    if ((e = by_name(c, key, level)))
        return e;
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t sl = strlen(suffixes[i].suffix);
        if (n > sl && strcmp(key + n - sl, suffixes[i].suffix) == 0) {
            if (level && strcmp(level, suffixes[i].level) != 0)
                return NULL; /* the text says another level than asked */
            key[n - sl] = '\0';
            return by_name(c, key, suffixes[i].level);
        }
    }
    return NULL;
}

const tb_code *tb_codelist_match(const tb_codelist *c, const char *text)
{
    return tb_codelist_match_level(c, text, NULL);
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
    size_t n = tb_codelist_normalise(text, key, sizeof key);
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
                tb_codelist_normalise(e->parents[k], key, sizeof key);
                const tb_code *p = find_code(c, key);
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

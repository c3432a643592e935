/* Private parts of the loader, shared by its files (src/load*.c only).
 *
 * A file goes through the loader in this order:
 *
 *   reader  load.c, load_csv.c   bytes -> records (encoding, delimiter,
 *                                libcsv, parsing threads); keeps the first
 *                                records until the layout is known
 *   layout  load_layout.c        what the columns mean: the header block,
 *                                the table of layouts (one file each:
 *                                load_long.c, load_wide.c, load_statline.c,
 *                                load_composite.c, load_odata.c,
 *                                load_transposed.c), --map, fixed keys
 *   rows    load_record.c        one record -> keys and values (the
 *                                notation of numbers, the footer)
 *   names   load_names.c         key cells -> region, indicator and measure
 *                                names (code lists, caches)
 *   periods load_period.c, .h    months and quarters added up to years
 *   sink    load_sink.c          values -> the series of the store; suspect
 *                                zeros
 *
 * and for all of them: load_cell.c (cells and header names: trimming,
 * periods, missing markers, the role of a column name) and load_kmap.c
 * (a hash map on pointers and a year).
 *
 * load_ctx holds one part per stage; each part is written by its own
 * file(s) and only read by the others. */
#ifndef TRENDBEELD_LOAD_PRIV_H
#define TRENDBEELD_LOAD_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "trendbeeld/load.h"
#include "trendbeeld/number.h"

/* What a column holds, from its header name. */
typedef enum {
    COL_UNKNOWN = 0,
    COL_REGION,
    COL_INDICATOR,
    COL_MEASURE,
    COL_YEAR,
    COL_VALUE,    /* generic value column (value, waarde, aantal, ...) */
    COL_MEASURED, /* value column whose name is a measure */
    COL_NOTE,
    COL_SOURCE,
    COL_STATUS,
    COL_ID,
    COL_DERIVED,  /* a derived total, not loaded */
    COL_DIM,      /* another dimension, folded into the indicator */
    COL_ATTR,     /* text attribute, not loaded */
    COL_UNIT,     /* the unit column of a StatLine export ("aantal") */
    COL_PERIOD    /* a value column whose name is a period (wide) */
} load_role;

/* ---- cells (load_cell.c) ------------------------------------------------ */

/* Role of a header name; for COL_MEASURED *MEASURE is the canonical
 * measure name (static). */
load_role load_role_of(const char *name, const char **measure);

/* Copy of S trimmed (tb_text_trim) into BUF; returns its length. */
size_t load_trim(const char *s, char *buf, size_t n);

/* S for a message: trimmed, at most N - 1 bytes (N >= 8), cut between
 * characters with "..." when longer; control bytes and bytes that are not
 * UTF-8 shown as '?'.  Messages stay valid UTF-8 whatever the input. */
void load_excerpt(const char *s, char *buf, size_t n);

/* Lower-case ASCII copy, trimmed, into BUF. */
void load_lower(const char *s, char *buf, size_t n);

/* 1 when S looks like a number in either decimal convention (for telling
 * header rows from data rows). */
int load_looks_numeric(const char *s);

/* A period of TB_YEAR_MIN..TB_YEAR_MAX parsed from S. */
int load_period_in_range(const char *s, tb_period *p);

/* ---- records -------------------------------------------------------------- */

typedef struct {
    char **f;     /* fields, NUL-terminated */
    size_t n;
    long line;    /* line the record starts on */
    char *buf;    /* storage of a kept record */
    unsigned same; /* bit j: field j as in the record before (see keymask) */
} load_rec;

/* 1 when S holds nothing but spaces and tabs. */
static inline int load_empty(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return 0;
    return 1;
}

/* Field I of R, "" beyond its end. */
static inline const char *load_field(const load_rec *r, size_t i)
{
    return i < r->n ? r->f[i] : "";
}

/* Fields of R that are not empty; *FIRST (may be NULL) the first of them. */
static inline size_t load_nonempty(const load_rec *r, size_t *first)
{
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++)
        if (!load_empty(r->f[i])) {
            if (!k && first)
                *first = i;
            k++;
        }
    return k;
}

/* 1 when a field of R looks like a number. */
int load_has_number(const load_rec *r);

/* ---- a small hash map on (pointer, pointer, pointer, year) (load_kmap.c) */

typedef struct {
    const void *a, *b, *c;
    int year;
    long v;
    const char *out;
} load_kent;

typedef struct {
    load_kent *e;
    size_t n, cap;
} load_kmap;

static inline uint64_t load_kmap_hash(const void *a, const void *b, const void *c,
                                      int year)
{
    uint64_t h = (uintptr_t)a * 0x9E3779B97F4A7C15ull;
    h ^= (uintptr_t)b + 0x7F4A7C159E3779B9ull + (h << 6) + (h >> 2);
    h ^= (uintptr_t)c + 0x94D049BB133111EBull + (h << 6) + (h >> 2);
    h ^= (uint64_t)(unsigned)year * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 29);
}

/* Entry for the key, inserted (with v = -1) if new; NULL on no memory. */
load_kent *load_kmap_get(load_kmap *m, const void *a, const void *b,
                         const void *c, int year, int *created);
/* Entry for the key, NULL when there is none. */
load_kent *load_kmap_find(const load_kmap *m, const void *a, const void *b,
                          const void *c, int year);
void load_kmap_free(load_kmap *m);

/* Zeroed memory for N bytes, written rather than calloc'ed: a page of a
 * fresh mapping read before it is written costs a second fault and a TLB
 * flush on every core. */
void *load_zalloc(size_t n);

/* ---- the parts of the loading context ------------------------------------- */

struct load_batch;

/* The reader (load.c, load_csv.c): the CSV reading state. */
typedef struct {
    long line, rec_line;
    int in_record;
    char last_byte;
    int utf8;
    char delim, o_delim;
    char *cur_buf;
    size_t cur_used, cur_cap, *cur_off, cur_n, cur_offcap;
    size_t rec_first; /* the record's first field in cur_off (a batch holds many) */
    char **cur_ptr;
    size_t ptr_cap;
    load_rec *head;   /* the first records, kept until the layout is known */
    size_t nhead, caphead;
    int layout_done;
    struct load_batch *batch; /* a parsing thread's records go here */
    unsigned keymask; /* the layout's key columns (load_layout.keymask) */
} load_reader;

typedef struct {
    load_role role;
    int value;               /* 1: the column holds values */
    const char *name;        /* header (interned) */
    const char *measure;     /* per-column measure, interned, or NULL */
    const char *indicator;   /* per-column indicator (transposed, StatLine) */
    const char *region;      /* per-column region (composite) */
    int has_period;
    tb_period per;
} load_col;

/* The layouts of a file, in the order they are tried (load_layouts in
 * load_layout.c names them). */
typedef enum {
    LAYOUT_STATLINE,
    LAYOUT_WIDE,
    LAYOUT_COMPOSITE,
    LAYOUT_ODATA,
    LAYOUT_LONG,
    LAYOUT_TRANSPOSED,
    LAYOUT_COUNT
} load_layout_kind;

/* The layout (load_layout.c and the layout files): column roles. */
typedef struct {
    load_layout_kind kind;
    load_col *col;
    size_t ncol, width;
    long header_line;
    int rcol, icol, mcol, ycol, notecol, srccol, statcol;
    int *dims;
    size_t ndims;
    const char *fix_r, *fix_i, *fix_m;
    /* The key columns (bits of the field numbers; 0: none, or one beyond
     * 31): a record whose key cells are those of the record before, as the
     * parsing threads mark it, takes that record's keys without looking
     * them up again. */
    unsigned keymask;
} load_layout;

/* The rows (load_record.c): the data rows read so far. */
typedef struct {
    tb_notation num;   /* decimal point or comma (number.h) */
    int footer;        /* a "Bron:" line was seen: notes from here on */
    long footer_line;
    /* the keys of the record before, for one whose key cells are the same
     * (PREV_KEYED: they were found) */
    int prev_keyed;
    const char *row_key[3];
    const char *name_ok[3]; /* the last names checked for length */
    int warned_indicator;   /* the default offence was said */
} load_rows;

/* The last raw text of a key column and the name it became: consecutive
 * rows mostly repeat their region, offence and measure. */
typedef struct {
    char *raw;
    size_t cap;
    const char *out;
} load_keycache;

/* The names (load_names.c): key cells to names. */
typedef struct {
    const char *region_level; /* level most named regions of the first rows
                                 have: decides a name of two levels */
    load_keycache key[3];   /* region, indicator, measure columns */
    load_kmap map;          /* raw name, kind -> canonical */
    long unknown[2];
    char unknown_first[2][160];
    long unknown_line[2];
} load_names;

typedef struct {
    const char *r, *i, *m;
    int year, per_year, stock;
    double v[12];
    unsigned char have[12];
    long line[12];
    unsigned flags;
    const char *note;
    int nextra, extra_sub;
    double extra;
    long extra_line;
    long next_free; /* in the free list: the next free one + 1 */
} load_acc;

/* The periods (load_period.c): open years of months or quarters. */
typedef struct {
    load_kmap accmap;   /* (r, i, m, year) -> parked accumulator, -1: none */
    load_acc *acc;
    size_t nacc, capacc;
    long free_acc;      /* first free accumulator + 1 */
    int finishing;      /* adding up the years left open at the end */
} load_periods;

/* A series this file writes to, with the line of each year's value (for
 * the message when a year comes twice; 0: no value from this file yet). */
typedef struct {
    const char *r, *i, *m;
    tb_series *x; /* made with the first value (not for a row that fails) */
    int y0, n;
    long *line;  /* negative: the year's periods were added up on that line */
    long acc;    /* the open monthly accumulator + 1, 0: none */
} load_fser;

struct load_ctx;

/* The sink (load_sink.c): the series this file writes to. */
typedef struct {
    uint64_t *fslot;    /* (r, i, m) -> fser: see find_fser */
    size_t fslotcap;
    load_fser *fser;
    size_t nfser, capfser, last_fser; /* last_fser: index + 1 of the last used */
    /* called when the file moves on from series F while it has an open
     * year of periods (load_period_leave, set by tb_load_file): the sink
     * knows nothing of periods itself */
    int (*leave)(struct load_ctx *c, load_fser *f);
} load_sink;

typedef struct load_ctx {
    /* the load: what and where to, and how it went (load.c) */
    tb_store *s;
    const char *path;
    const tb_load_options *o;
    tb_load_report *rep;
    tb_diag *warn;
    tb_error *err;
    tb_status status;
    const char *source;
    long max_rows, max_series;

    load_reader rd;
    load_layout lay;
    load_rows rows;
    load_names names;
    load_periods per;
    load_sink sink;
} load_ctx;

/* ---- helpers of every part (load_cell.c) ------------------------------------ */

/* Set the load's error (the first one stays); returns -1. */
int load_fail(load_ctx *c, tb_status code, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Trimmed and interned, never cut: names are checked for length (and
 * refused) where they become keys. */
const char *load_intern_trim(load_ctx *c, const char *s);

/* The canonical measure of a label, interned. */
const char *load_measure_of(load_ctx *c, const char *label);

/* ---- the layout (load_layout.c) ------------------------------------------- */

/* The header block of the first records. */
typedef struct {
    const load_rec *rec; /* the first records of the file */
    size_t n;            /* how many */
    size_t h0, d;        /* header rows [h0, d), data rows from d */
    long prow, pcol;     /* the last header row with periods as column
                            names and its first such column; -1: none */
} load_head;

/* One layout: how it is told and what it makes of the columns.  The
 * columns come named by the last header row (load_col.name). */
typedef struct {
    load_layout_kind kind;
    const char *name;  /* as tb_load_report.format shows it */
    /* 0: told by the header rows; 1: by the roles of the columns once
     * they are settled (--map included) */
    int by_roles;
    /* 1: the periods are column names (no year column needed) */
    int periods_in_header;
    int (*detect)(const load_ctx *c, const load_head *h);
    /* roles, values, periods of the columns; -1 after an error */
    int (*build)(load_ctx *c, const load_head *h);
} load_layout_def;

int load_statline_detect(const load_ctx *c, const load_head *h);
int load_statline_build(load_ctx *c, const load_head *h);
int load_wide_detect(const load_ctx *c, const load_head *h);
int load_wide_build(load_ctx *c, const load_head *h);
int load_composite_detect(const load_ctx *c, const load_head *h);
int load_composite_build(load_ctx *c, const load_head *h);
int load_odata_detect(const load_ctx *c, const load_head *h);
int load_long_detect(const load_ctx *c, const load_head *h);
int load_long_build(load_ctx *c, const load_head *h);
int load_transposed_detect(const load_ctx *c, const load_head *h);
int load_transposed_build(load_ctx *c, const load_head *h);

/* Decide the layout from the NHEAD kept head records and process them
 * (DELIM: the file's delimiter, for the notation of numbers). */
void load_start(load_ctx *c, const load_rec *head, size_t nhead, char delim);
void load_layout_free(load_layout *l);

/* ---- rows (load_record.c) --------------------------------------------------- */

/* The notation of numbers from the value cells of the first data rows
 * (HEAD from D on); DELIM: the file's delimiter. */
void load_rows_start(load_ctx *c, const load_rec *head, size_t nhead, size_t d,
                     char delim);
/* One data record (after the layout is known). */
void load_record(load_ctx *c, const load_rec *r);
/* End of file: monthly totals, suspect zeros, summaries. */
void load_finish(load_ctx *c);

/* ---- names (load_names.c) ------------------------------------------------ */

/* Canonical name of a region (KIND 0) or indicator (KIND 1). */
const char *load_canonical(load_ctx *c, int kind, const char *raw, long line,
                           long col);
/* The name key column K (0 region, 1 indicator, 2 measure) makes of RAW,
 * from the cache when the column repeats the row above. */
const char *load_cached_key(load_ctx *c, int k, const char *raw, long line,
                            long col);
/* A key (region, indicator, measure) must fit TB_LOAD_MAX_NAME bytes:
 * names that long are a shifted column or a paragraph, not a name. */
int load_name_too_long(load_ctx *c, const char *what, const char *name,
                       long line, long col);
/* 1 the first time the status word T (lower case) is seen. */
int load_names_new_status(load_ctx *c, const char *t);
/* The level of a name of two levels, from the rows of HEAD from D on. */
void load_names_settle_level(load_ctx *c, const load_rec *head, size_t nhead,
                             size_t d);
/* The warning for the names not in the code lists. */
void load_names_report(load_ctx *c);
void load_names_free(load_names *n);

/* ---- periods (load_period.c; the step for each value: load_period.h) ------- */

/* F, which has an open year, moves on to another series: that year, when
 * complete, is added up now, so that memory holds open years only. */
int load_period_leave(load_ctx *c, load_fser *f);
/* End of file: every year still open. */
int load_period_flush(load_ctx *c);
void load_periods_free(load_periods *p);

/* ---- sink (load_sink.c) ---------------------------------------------------- */

/* The file's entry for the series (R, I, M), made on first use. */
load_fser *load_sink_series(load_ctx *c, const char *r, const char *i,
                            const char *m);
/* Where the line of YEAR's value is kept; NULL: out of memory. */
long *load_sink_year_line(load_fser *f, int year);
/* One year's value into the store. */
int load_put_year(load_ctx *c, const char *r, const char *i, const char *m,
                  int year, double v, unsigned flags, const char *note,
                  const char *src, long line, long col);
/* Zeros in series of high counts flagged suspect. */
void load_sink_flag_zeros(load_ctx *c);
void load_sink_free(load_sink *s);

#endif

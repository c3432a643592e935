/* Private parts of the loader shared between its files. */
#ifndef TRENDBEELD_LOAD_PRIV_H
#define TRENDBEELD_LOAD_PRIV_H

#include <stddef.h>
#include <stdint.h>

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


/* ---- the loading context (load.c reads, load_layout.c interprets) ---- */
#include "trendbeeld/load.h"
#include "trendbeeld/number.h"

typedef struct {
    char **f;     /* fields, NUL-terminated */
    size_t n;
    long line;    /* line the record starts on */
    char *buf;    /* storage of a kept record */
    unsigned same; /* bit j: field j as in the record before (see keymask) */
} load_rec;

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

/* A series this file writes to, with the line of each year's value (for
 * the message when a year comes twice; 0: no value from this file yet). */
typedef struct {
    const char *r, *i, *m;
    tb_series *x; /* made with the first value (not for a row that fails) */
    int y0, n;
    long *line;  /* negative: the year's periods were added up on that line */
    long acc;    /* the open monthly accumulator + 1, 0: none */
} load_fser;

/* The last raw text of a key column and the name it became: consecutive
 * rows mostly repeat their region, offence and measure. */
typedef struct {
    char *raw;
    size_t cap;
    const char *out;
} load_keycache;

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

struct load_batch;

typedef struct {
    tb_store *s;
    const char *path;
    const tb_load_options *o;
    tb_load_report *rep;
    tb_diag *warn;
    tb_error *err;
    tb_status status;
    const char *source;

    /* reading */
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
    load_rec *head;
    size_t nhead, caphead;
    int layout_done;
    struct load_batch *batch; /* a parsing thread's records go here */

    /* layout */
    load_col *col;
    size_t ncol, width;
    long header_line;
    tb_notation num;   /* decimal point or comma (number.h) */
    int rcol, icol, mcol, ycol, notecol, srccol, statcol;
    int *dims;
    size_t ndims;
    const char *fix_r, *fix_i, *fix_m;
    const char *region_level; /* level most named regions of the first rows
                                 have: decides a name of two levels */
    /* The key columns (bits of the field numbers; 0: none, or one beyond
     * 31): a record whose key cells are those of the record before, as the
     * parsing threads mark it, takes that record's keys (ROW_KEY) without
     * looking them up again when PREV_KEYED says they were found. */
    unsigned keymask;
    int prev_keyed;
    const char *row_key[3];
    int footer, warned_indicator;
    long footer_line;

    /* bookkeeping */
    load_kmap accmap;   /* (r, i, m, year) -> parked accumulator, -1: none */
    uint64_t *fslot;    /* (r, i, m) -> fser: see find_fser */
    size_t fslotcap;
    load_fser *fser;
    size_t nfser, capfser, last_fser; /* last_fser: index + 1 of the last used */
    load_keycache key[3]; /* region, indicator, measure columns */
    const char *name_ok[3]; /* the last names checked for length */
    load_kmap names;    /* raw name, kind -> canonical */
    load_acc *acc;
    size_t nacc, capacc;
    long free_acc;      /* first free accumulator + 1 */
    int finishing;      /* adding up the years left open at the end */
    long unknown[2];
    char unknown_first[2][160];
    long max_rows, max_series;
    long unknown_line[2];
} load_ctx;

/* Decide the layout from the kept head records and process them. */
void load_start(load_ctx *c);
/* One data record (after the layout is known). */
void load_record(load_ctx *c, const load_rec *r);
/* End of file: monthly totals, suspect zeros, summaries. */
void load_finish(load_ctx *c);
void load_ctx_free(load_ctx *c);

#endif

/* trendbeeld — the series store.
 *
 * A series is identified by (region, indicator, measure) and holds one
 * value per year over a contiguous range of years.  Years without data are
 * NaN with TB_FLAG_MISSING set: never zero, never interpolated.  All
 * strings handed out by the store are interned and owned by it; they live
 * until tb_store_free().
 */
#ifndef TRENDBEELD_STORE_H
#define TRENDBEELD_STORE_H

#include <stddef.h>
#include "trendbeeld/error.h"

enum {
    TB_FLAG_MISSING     = 1u << 0, /* no value for this year */
    TB_FLAG_PROVISIONAL = 1u << 1, /* "2023*": voorlopig cijfer */
    TB_FLAG_APPROX      = 1u << 2, /* source gives a bound or estimate (">13.000") */
    TB_FLAG_INCOMPLETE  = 1u << 3, /* year aggregated from fewer than 12 months */
    TB_FLAG_SUSPECT     = 1u << 4  /* e.g. a 0 next to large counts: probably "no data" */
};

#define TB_YEAR_MIN 1900
#define TB_YEAR_MAX 2100
/* Bytes in a region, indicator or measure name, at most (readers refuse
 * longer ones: no code list or file has names near it). */
#define TB_MAX_NAME 200

typedef struct {
    const char *region;     /* canonical name or code, interned */
    const char *indicator;  /* interned */
    const char *measure;    /* aangiften, incidenten, inwoners, ... interned */
    const char *source;     /* file or "Bron:" text it came from; may be NULL */
    int first_year;         /* year of value[0] */
    int n;                  /* number of years, first_year .. first_year+n-1 */
    double *value;          /* n values, NaN where missing */
    unsigned char *flags;   /* n flag sets (TB_FLAG_*) */
    const char **note;      /* n notes (interned) or NULL per year; array may be NULL */
} tb_series;

typedef struct tb_store tb_store;

tb_store *tb_store_new(void);
void tb_store_free(tb_store *s); /* NULL is a no-op */

/* Intern a string: equal strings give the same pointer. */
const char *tb_store_intern(tb_store *s, const char *str);

/* Store VALUE for YEAR in the series (region, indicator, measure), creating
 * the series if needed.  NaN means missing (TB_FLAG_MISSING is added).
 * If the year already holds a different value, nothing changes and
 * TB_EDATA is returned with the old value in *PREVIOUS (if not NULL); the
 * same value again is accepted (*DUPLICATE set to 1 if not NULL) so that
 * callers can count exact repeats.  SOURCE and NOTE may be NULL. */
tb_status tb_store_put(tb_store *s, const char *region, const char *indicator,
                       const char *measure, int year, double value,
                       unsigned flags, const char *source, const char *note,
                       double *previous, int *duplicate);

/* The series (region, indicator, measure), created empty if new (with
 * SOURCE); the three names must be interned in S.  NULL: out of memory. */
tb_series *tb_store_series(tb_store *s, const char *region, const char *indicator,
                           const char *measure, const char *source);

/* tb_store_put on a series already at hand. */
tb_status tb_series_put(tb_store *s, tb_series *x, int year, double value,
                        unsigned flags, const char *note, double *previous,
                        int *duplicate);

size_t tb_store_size(const tb_store *s);
tb_series *tb_store_at(const tb_store *s, size_t i);
tb_series *tb_store_find(const tb_store *s, const char *region,
                         const char *indicator, const char *measure);

/* Sort series by region, indicator, measure (byte order). */
void tb_store_sort(tb_store *s);

/* Helpers on one series. */
int tb_series_last_year(const tb_series *x);
/* Value for YEAR, NaN when missing or out of range. */
double tb_series_get(const tb_series *x, int year);
/* 1 when each of the N series has a value in YEAR (with NONZERO, a value
 * other than 0, as an index base needs). */
int tb_series_all_have(const tb_series *const *x, size_t n, int year, int nonzero);
/* The first year each of the N series has a value (non-zero with NONZERO),
 * 0 when there is none: the base of an index over several regions. */
int tb_series_first_common(const tb_series *const *x, size_t n, int nonzero);
unsigned tb_series_flags(const tb_series *x, int year);
/* Observed (non-missing) years and values, in order, into caller arrays of
 * at least x->n elements; returns how many. */
size_t tb_series_observed(const tb_series *x, int *years, double *values);
/* The same up to year LAST (0: every year), as known in LAST. */
size_t tb_series_observed_to(const tb_series *x, int last, int *years, double *values);

#endif

/* trendbeeld — code lists: regions (with their hierarchy) and indicators
 * (offence categories, with their groups).
 *
 * Both are loaded from CSV files in data/ (regions.csv, indicators.csv).
 * An entry has a canonical code (the key used in the series store), a
 * display name, a level or kind, zero or more parents (a gemeente has a
 * district and a province; woninginbraak belongs to High Impact Crime)
 * and aliases.  Matching is case- and diacritic-insensitive, ignores
 * surrounding spaces and CBS name suffixes such as " (gemeente)", " (PV)",
 * " (RE)", and knows aliases (Friesland = Fryslân, GM0080 = Leeuwarden).
 */
#ifndef TRENDBEELD_CODELIST_H
#define TRENDBEELD_CODELIST_H

#include <stddef.h>
#include "trendbeeld/error.h"

typedef struct {
    const char *code;      /* canonical key, e.g. "GM0080", "PV21", "RE01", "1.1.1" */
    const char *name;      /* display name, e.g. "Leeuwarden", "Fryslân" */
    const char *level;     /* regions: land|eenheid|district|provincie|basisteam|gemeente;
                              indicators: offence|group|measure ... */
    size_t nparents;
    const char **parents;  /* codes of parent entries */
} tb_code;

typedef struct tb_codelist tb_codelist;

tb_status tb_codelist_load(tb_codelist **out, const char *path, tb_error *err);
void tb_codelist_free(tb_codelist *c); /* NULL is a no-op */

size_t tb_codelist_size(const tb_codelist *c);
const tb_code *tb_codelist_at(const tb_codelist *c, size_t i);
/* Exact match on code, name or alias (normalised); NULL when unknown. */
const tb_code *tb_codelist_match(const tb_codelist *c, const char *text);
/* Closest known name for a likely typo (edit distance), or NULL. */
const char *tb_codelist_closest(const tb_codelist *c, const char *text);
/* Entries whose parents include CODE. Returns count; fills up to MAX. */
size_t tb_codelist_children(const tb_codelist *c, const char *code,
                            const tb_code **out, size_t max);

#endif

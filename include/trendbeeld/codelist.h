/* trendbeeld — code lists: regions (with their hierarchy) and indicators
 * (offence categories, with their groups).
 *
 * Both are loaded from CSV files in data/ (regions.csv, indicators.csv),
 * or from the code lists CBS publishes (Key,Title lists such as RegioS
 * and SoortMisdrijf, TypedDataSet Code_n,Naam_n lookups, gemeente lists
 * with their province; see src/codelist_load.c), told apart by their header.
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
    /* Further columns of the code list (all optional in the file). */
    size_t naliases;
    const char **aliases;  /* other names and codes, e.g. "Friesland", "111" */
    int preferred;         /* 1: wins when several entries share a name */
    size_t ntags;
    const char **tags;     /* e.g. "seed000", "seed002", "current" */
    int from_year;         /* first year the entry exists; 0 = always */
    int to_year;           /* last year it exists; 0 = still exists */
    size_t nsuccessors;
    const char **successors; /* codes that took over its area */
    const char *note;      /* "" when none */
} tb_code;

typedef struct tb_codelist tb_codelist;

tb_status tb_codelist_load(tb_codelist **out, const char *path, tb_error *err);
void tb_codelist_free(tb_codelist *c); /* NULL is a no-op */

size_t tb_codelist_size(const tb_codelist *c);
const tb_code *tb_codelist_at(const tb_codelist *c, size_t i);
/* Exact match on code, name or alias (normalised); NULL when unknown. */
const tb_code *tb_codelist_match(const tb_codelist *c, const char *text);
/* The name readers see for CODE: its entry's name in C, or CODE itself
 * when C is NULL, does not know it or gives no name. */
const char *tb_codelist_name(const tb_codelist *c, const char *code);
/* Closest known name for a likely typo (edit distance), or NULL. */
const char *tb_codelist_closest(const tb_codelist *c, const char *text);
/* Entries whose parents include CODE. Returns count; fills up to MAX. */
size_t tb_codelist_children(const tb_codelist *c, const char *code,
                            const tb_code **out, size_t max);

/* Matching rules (tb_codelist_match is tb_codelist_match_level with no
 * level):
 *  1. Text is compared after normalisation: surrounding and repeated
 *     spaces removed, lower case, diacritics removed (Fryslân = fryslan).
 *  2. A code always wins and is unique ("GM0014", "PV20", padded "NL01  ").
 *  3. Otherwise names and aliases: when LEVEL is given only entries of that
 *     level count.  One candidate is the answer; with several, the one
 *     flagged preferred; with several and none preferred, NULL (ambiguous).
 *     The shipped data prefers the lowest level: "Groningen" is the
 *     gemeente GM0014, "Groningen (PV)" the province PV20, and with level
 *     "provincie" or "district" the bare name gives PV20 or GRN.
 *  4. With no match, a CBS suffix " (gemeente)", " (PV)", " (RE)",
 *     " (LD)" or " (PO)" is removed and rule 3 is tried again with the
 *     level it names (gemeente, provincie, eenheid, landsdeel,
 *     politieregio).  Suffixes such as " (O.)" are part of the name.
 *  A label "CODE NAME" is matched as a whole, never by its leading code:
 *  "1.1.1 Diefstal en inbraak met geweld" (CBS) is not politie 1.1.1. */
const tb_code *tb_codelist_match_level(const tb_codelist *c, const char *text,
                                       const char *level);
/* The other region TEXT names when it names M and also an area of another
 * size: a gemeente and a province, district or eenheid ("Groningen": GM0014
 * and PV20).  NULL for a code, and for a province and a district of one
 * name (in Noord-Nederland the same area). */
const tb_code *tb_codelist_rival(const tb_codelist *c, const char *text, const tb_code *m);
/* Entry with exactly this code (after trimming spaces), or NULL. */
const tb_code *tb_codelist_find(const tb_codelist *c, const char *code);
/* 1 when entry E carries TAG. */
int tb_code_has_tag(const tb_code *e, const char *tag);
/* All entries below CODE (children, their children, ...), each once, in
 * code-list order; LEVEL (or NULL for all) filters the result.  Returns
 * the count; fills up to MAX. */
size_t tb_codelist_descendants(const tb_codelist *c, const char *code,
                               const char *level, const tb_code **out,
                               size_t max);
/* 1 when ANCESTOR is CODE itself or lies above it along parent links. */
int tb_codelist_within(const tb_codelist *c, const char *code,
                       const char *ancestor);

#endif

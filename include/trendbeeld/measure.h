/* Measures: one table of what a series counts or rates, with the names
 * every input may use for it (data files, targets, --measure), so that
 * "aantal aangiften", "geregistreerde misdrijven" and "misdrijven" are
 * one measure, and "bevolking" is "inwoners".
 *
 *   name                 kind        also written as (examples)
 *   aangiften            count       misdrijven, geregistreerde misdrijven,
 *                                    totaal geregistreerde misdrijven,
 *                                    geregistreerde diefstallen
 *   internetaangiften    count
 *   incidenten           count       incidents
 *   meldingen            count
 *   verdachten           count       registraties van verdachten
 *   opgehelderd          count       opgehelderde misdrijven
 *   groepen              count       (problematic youth groups)
 *   inwoners             stock       bevolking, population, gemiddelde
 *                                    bevolking, bevolking aan het eind
 *                                    van de periode
 *   misdrijven_per_1000  rate        geregistreerde misdrijven per 1000
 *                                    inwoners, aangiften per 1000
 *   misdrijven_relatief  rate        geregistreerde misdrijven relatief
 *   opgehelderd_pct      percentage  opgehelderde misdrijven relatief,
 *                                    ophelderingspercentage
 *   verdachtenratio      percentage
 *   slachtofferschap_pct percentage  slachtofferschap
 *   aandeel_pct          percentage
 *   rapportcijfer        score
 *   aantal               count       (a count the file does not name)
 *
 * Names are compared without case, diacritics, spaces, '_', quotes and
 * the "_1" suffix of OData columns.  A name not in the table keeps its
 * own spelling; its kind is guessed from its words (per_1000, rate ->
 * rate; pct, %, aandeel, relatief -> percentage; index, score, cijfer,
 * gemiddeld, ratio -> score; anything else a count).
 */
#ifndef TRENDBEELD_MEASURE_H
#define TRENDBEELD_MEASURE_H

#include <stddef.h>

#include "trendbeeld/format.h" /* tb_lang */

typedef enum {
    TB_MEASURE_COUNT,      /* events in a year: summed, Poisson-like */
    TB_MEASURE_STOCK,      /* a level at a moment (inwoners): summed, the
                              last period of a year taken */
    TB_MEASURE_RATE,       /* per 1.000 inwoners */
    TB_MEASURE_PERCENTAGE,
    TB_MEASURE_SCORE,      /* a mark or an index */
} tb_measure_kind;

/* The comparison key of LABEL (a measure or a column name) into K (N
 * bytes): normalised (lower case, no diacritics), without spaces, '_',
 * quotes and '|' (StatLine joins header levels with "||"), and without the
 * "_1" an OData column name ends in. */
void tb_label_key(const char *label, char *k, size_t n);

/* The table's name for LABEL (a name or one of its other spellings), or
 * NULL when the table does not know it. */
const char *tb_measure_name(const char *label);

/* The kind of MEASURE (a table name, else guessed from its words). */
tb_measure_kind tb_measure_kind_of(const char *measure);

/* What an English report calls MEASURE ("reported crimes" for
 * aangiften), or NULL when the table does not know it. */
const char *tb_measure_label_en(const char *measure);

/* MEASURE as a reader's label: '_' becomes a space, a "pct" measure
 * ends in "(%)", per_1000 is "per 1.000" ("slachtofferschap_pct" ->
 * "slachtofferschap (%)").  snprintf contract. */
size_t tb_measure_label(char *buf, size_t n, const char *measure, tb_lang lang);
/* 1 when MEASURE is a percentage ("..._pct", "...%", "procent"). */
int tb_measure_is_pct(const char *measure);

/* 1 for counts and stocks: whole numbers that add up over regions. */
int tb_measure_is_count(const char *measure);

/* "count", "stock", "rate", "percentage" or "score". */
const char *tb_measure_kind_name(tb_measure_kind k);

#endif

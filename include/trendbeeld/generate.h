/* trendbeeld — workload generator.
 *
 * Writes realistic crime-count files at any scale, for benchmarks and
 * tests: N series, each a (region, offence) pair, with counts drawn from a
 * log-linear trend,
 *
 *   E[Y_t] = mu0 * exp(g t),   t = years since the first year,
 *
 * Poisson or negative binomial (NB2: Var = mu + mu^2 / theta).  Monthly
 * files spread each year over 12 months with a mild winter peak and the
 * trend running on within the year; the 12 monthly means of year t add up
 * to exactly mu0 exp(g t).
 *
 * Regions are GM0001... (up to 9.999 regions) or BU00000001... (buurten);
 * offences are the 58 BVH codes of the politie tables (1.1.1 ...).  Series i
 * is region i / 58, offence i % 58 (with fewer than 58 series, one region).
 * Every series draws from its own random stream, seeded from the seed and
 * the series number, so the same seed gives the same bytes and series i is
 * the same whatever N.
 */
#ifndef TRENDBEELD_GENERATE_H
#define TRENDBEELD_GENERATE_H

#include <stddef.h>
#include <stdio.h>
#include "trendbeeld/error.h"
#include "trendbeeld/store.h"

typedef enum {
    TB_GEN_LONG, /* region,indicator,measure,year,value (period for months) */
    TB_GEN_CBS   /* CBS OData: BOM, ';', quoted, ID;SoortMisdrijf;RegioS;Perioden;... */
} tb_gen_format;

typedef enum { TB_GEN_YEAR, TB_GEN_MONTH } tb_gen_period;

typedef enum {
    TB_GEN_MIXED,   /* half Poisson, half negative binomial */
    TB_GEN_POISSON,
    TB_GEN_NEGBIN
} tb_gen_dist;

typedef struct {
    tb_gen_format format;
    tb_gen_period period;
    tb_gen_dist dist;
    size_t nseries;
    int first_year, last_year;
    unsigned long seed;
    double level;      /* scales every series' mean (1 = gemeente-sized counts) */
    double trend_pct;  /* mean annual change in %, e.g. -3 */
    double trend_sd;   /* spread of the log growth rate between series; 0 = all equal */
    double theta;      /* NB shape; 0 = drawn per series in [3, 50] */
    double missing;    /* share of cells written as missing, 0..1 */
} tb_gen_options;

/* Defaults: long, yearly, mixed, 1.000 series, 2012-2023, seed 1, level 1,
 * -3 %/year with sd 0.04, theta drawn, no missing cells. */
void tb_gen_options_init(tb_gen_options *o);

/* The truth behind series I (0-based). Strings point into static tables or
 * into BUF (at least 16 bytes) and are valid while BUF is. */
typedef struct {
    const char *region;
    const char *indicator;
    double mu0;    /* expected count in the first year (all 12 months) */
    double growth; /* g: log growth per year */
    double theta;  /* NB shape; +Inf for Poisson */
} tb_gen_series;

tb_status tb_gen_series_info(const tb_gen_options *o, size_t i,
                             tb_gen_series *out, char *buf, tb_error *err);

/* Number of periods per series: years, or 12 x years. */
size_t tb_gen_periods(const tb_gen_options *o);

/* The generated values of series I, one per period (NaN = missing), into
 * V (tb_gen_periods() elements).  Exactly the numbers the file holds. */
tb_status tb_gen_series_values(const tb_gen_options *o, size_t i, double *v,
                               tb_error *err);

/* The measure: written in long files, and what the loader makes of the
 * CBS column GeregistreerdeMisdrijven_1. */
#define TB_GEN_MEASURE "aangiften"

/* Write the file to F (PATH names it in errors), or to the file PATH. */
tb_status tb_gen_write(const tb_gen_options *o, FILE *f, const char *path,
                       tb_error *err);
tb_status tb_gen_write_file(const tb_gen_options *o, const char *path,
                            tb_error *err);

/* Put the same series straight into a store (region, indicator,
 * TB_GEN_MEASURE): yearly values as they are; monthly values summed to
 * years, with a year that lacks a month flagged TB_FLAG_INCOMPLETE and its
 * partial sum kept. */
tb_status tb_gen_store(const tb_gen_options *o, tb_store *s, tb_error *err);

#endif

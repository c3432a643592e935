/* trendbeeld — the Veiligheidsbeeld annex: sentences, tables, charts.
 *
 * Two layers:
 *
 *   tb_report_describe()  the sentences under one chart, in the style of
 *                         the annex ("Het aantal meldingen overlast jeugd
 *                         daalde in 2011 met 4,5% ten opzichte van 2010;
 *                         de daling is het grootst in Drenthe (−12,8%)."),
 *                         with every number it prints listed as a claim
 *                         (what was computed, and how it was written);
 *   tb_report_write()     the whole report folder: report.md, report.html
 *                         (self-contained: images as data: URIs), one .gp
 *                         script per chart (and the images with render),
 *                         tables/<section>.csv and results.json.
 *
 * Claims the text makes, and the rules that decide them:
 *   - a change is "daalde"/"steeg" when it rounds (1 decimal) to a
 *     non-zero percentage of at least 1,0%; below that "bleef nagenoeg
 *     gelijk" with the percentage shown; exactly equal: "bleef gelijk";
 *   - "grootst" compares percentages of the regions that moved in the
 *     same direction as the total; regions that moved the other way are
 *     named as exceptions ("wijkt af");
 *   - a change from 0 has no percentage, and one from a small count
 *     (below TB_REPORT_SMALL_COUNT for count measures) says little: both
 *     are written "van 3 naar 9" and never called "grootst";
 *   - a value within 1% of the first year's is "(weer) op het niveau van
 *     <first year>";
 *   - no word about significance or causes: the text describes counts;
 *   - a provisional year is written "2024*", and the text ends by saying
 *     which years are voorlopig.
 *
 * The report is written into a staging folder and put in place whole
 * (outdir.h): a failed or killed run leaves an existing report as it was.
 * The folder keeps a list of the files the report wrote, with size and
 * time (TB_REPORT_MANIFEST): files of an earlier report that the new one
 * no longer writes and that are unchanged are dropped, every other file
 * is carried over.  File names made from labels keep [a-z0-9_-] only.
 */
#ifndef TRENDBEELD_REPORT_H
#define TRENDBEELD_REPORT_H

#include <stddef.h>

struct json_t;

#include "trendbeeld/codelist.h"
#include "trendbeeld/error.h"
#include "trendbeeld/format.h"
#include "trendbeeld/gnuplot.h"
#include "trendbeeld/models.h"
#include "trendbeeld/store.h"
#include "trendbeeld/target.h"

#define TB_REPORT_SMALL_COUNT 20

/* Tables in report.md and report.html: up to TB_REPORT_TABLE_COLUMNS
 * regions (the total counted) a table has the years as rows and a column
 * per region; with more, the annex layout: a row per region (the total
 * last) and the years as columns, split into even blocks so that a table
 * fits the width of a printed A4 page: each year column counts its widest
 * cell plus 2 characters, and a block takes at most TB_REPORT_TABLE_CHARS.
 * 14 years of counts such as "3.036" (7 each) fit one table; changes such
 * as "+106,7%" (9 each, 11 a table) are split 2013-2019 and 2020-2025. */
#define TB_REPORT_TABLE_COLUMNS 8
#define TB_REPORT_TABLE_CHARS 99

/* One number the text states: KEY says what it is ("total.2008",
 * "Drenthe.yoy_pct.2011", "total.change_pct.2008-2011"), VALUE is the
 * computed value, SHOWN how the text writes it ("8.614", "−12,8%"). */
typedef struct {
    char key[160];
    double value;
    char shown[48];
} tb_claim;

typedef struct {
    char *text;        /* the sentences, UTF-8 */
    size_t nclaims;
    tb_claim *claims;
} tb_text;

void tb_text_free(tb_text *t); /* NULL is a no-op */

typedef struct {
    tb_lang lang;
    const char *what;  /* noun phrase: "meldingen overlast jeugd" */
    const char *area;  /* the whole the regions make up ("Noord-Nederland");
                          NULL: "de N regio's samen" */
    const char *units; /* plural for the regions: "gemeenten", "provincies";
                          NULL: "regio's" ("regions") */
    int total;         /* 1: the regions are disjoint parts of the area and
                          the measure is a count, so their sum is the
                          area's total (sentences on the total) */
    double small;      /* a region whose earlier value is below this gets
                          "van 3 naar 9" instead of a percentage and is
                          not named "grootst" (0: no such rule) */
    /* Parts of AREA that exist but have no figures (display names): the
     * text says so and that the area has no total. */
    size_t nabsent;
    const char *const *absent;
} tb_describe_options;

/* Sentences for N series of one indicator and measure, NAMES their
 * display names (NULL: the series' region).  Years compared: the last
 * year with a value in every series against the year before, and the
 * first such year against the last.  TB_EDATA when the series share no
 * two years with values. */
tb_status tb_report_describe(const tb_series *const *series, size_t n,
                             const char *const *names,
                             const tb_describe_options *o, tb_text **out,
                             tb_error *err);

/* ---- the report folder -------------------------------------------------- */

/* One theme section: an indicator compared over a set of regions. */
typedef struct {
    const char *id;          /* file names: "woninginbraak" (sanitised) */
    const char *title;       /* section and chart title */
    const char *what;        /* noun phrase for the sentences */
    const char *indicator;   /* store key */
    const char *measure;     /* store key */
    const char *area;        /* name of the whole, NULL if none */
    const char *units;       /* plural for the regions, NULL: "regio's" */
    size_t nregions;
    const char *const *regions; /* store keys of the compared regions */
    const char *const *names;   /* their display names; NULL (or a NULL
                                   entry): the region code list, else the key */
    int total;               /* see tb_describe_options.total */
    /* Parts of the area that still exist but have no series (store keys):
     * the regions are then not the whole area, and TOTAL is 0. */
    size_t nabsent;
    const char *const *absent;
    /* Optional: gemeenten to show as small multiples (store keys). */
    size_t nmembers;
    const char *const *members;
} tb_report_theme;

/* The default sections for a store.  For every priority theme found in
 * the data (woninginbraak, high impact crime, geweld, overlast jeugd,
 * totaal misdrijven; the indicator is looked up in INDICATORS by code,
 * name or alias) and every eenheid in REGIONS: one section comparing its
 * districts (or, when fewer than two districts have the series, its
 * provinces), with the eenheid as the total.  The measure taken is the
 * first present of aangiften, misdrijven, meldingen, incidenten.  Without
 * a region list (or eenheden): one section per theme over the regions
 * that have it, at most TB_REPORT_MAX_REGIONS (the largest in the last
 * year; a warning says which were left out).  The plan points into S and
 * the code lists: they must outlive it. */
#define TB_REPORT_MAX_REGIONS 8

typedef struct tb_report_plan tb_report_plan;

tb_status tb_report_plan_default(const tb_store *s, const tb_codelist *regions,
                                 const tb_codelist *indicators, tb_lang lang,
                                 tb_report_plan **out, tb_diag *warn,
                                 tb_error *err);
/* A narrower plan for a yearly run.  THEMES: theme ids (see
 * tb_report_theme_list; none = every theme found).  AREAS: codes or names
 * from REGIONS of the areas the report covers (none = every eenheid): an
 * eenheid compares its districts or provinces (and, for woninginbraak,
 * the gemeenten of each district), any other area compares its
 * gemeenten, an area without parts in the data is shown on its own.
 * Without a region list the areas are the store's region keys that are
 * compared.  An unknown theme or area is TB_EINVAL; a selected theme
 * without data is listed by tb_report_plan_missing. */
typedef struct {
    size_t nthemes;
    const char *const *themes;
    size_t nareas;
    const char *const *areas;
} tb_report_select;

tb_status tb_report_plan_select(const tb_store *s, const tb_codelist *regions,
                                const tb_codelist *indicators, tb_lang lang,
                                const tb_report_select *sel, tb_report_plan **out,
                                tb_diag *warn, tb_error *err);

/* 1 when ID (case-insensitive) names a priority theme. */
int tb_report_theme_known(const char *id);
/* The theme ids for messages: "woninginbraak, hic, geweld, ...". */
const char *tb_report_theme_list(void);

size_t tb_report_plan_size(const tb_report_plan *p);
const tb_report_theme *tb_report_plan_themes(const tb_report_plan *p);
/* Priority themes the data has no series for, one a line (for the
 * report's "niet opgenomen" list); NULL when every theme was found. */
const char *tb_report_plan_missing(const tb_report_plan *p);
void tb_report_plan_free(tb_report_plan *p); /* NULL is a no-op */

/* One target section, prepared by the caller from a target evaluation. */
typedef struct {
    const char *id;            /* file names */
    const char *title;
    const char *verdict;       /* "haalbaar", "onzeker", "niet haalbaar" */
    const char *brief;         /* the target in plain language
                                  (tb_target_write_brief; owned by caller) */
    tb_target_cells cells;     /* its row in the overview on the first page */
    const char *summary;       /* the full evaluation, audit of every reading
                                  included: goes to the appendix (owned by caller) */
    const tb_series *obs;
    const tb_fit *fit;         /* may be NULL */
    const tb_forecast *fan;    /* calibrated median and intervals by year
                                  (tb_target_result.fan); NULL: the fit's */
    size_t nfan;
    size_t npath;
    const int *path_year;
    const double *path_value;
    int target_year;
    double target_value;
    double stated_value;       /* the policy text's number (NaN: none) */
    int pending_from, pending_to; /* years the verdict also rests on, not
                                     observed yet (0: none) */
    int bound;                 /* tb_plot_bound: how the chart writes the
                                  target ("max 11.419", "min 9,5") */
    int counts;                /* the measure counts things */
    size_t nclaims;            /* numbers in SUMMARY, for results.json */
    const tb_claim *claims;
    struct json_t *json;       /* the full evaluation for results.json (a
                                  reference is taken); may be NULL */
    struct tb_report_target_own *own; /* what tb_report_target_make made
                                         (NULL: the caller owns it all) */
} tb_report_target;

/* The target section of evaluation R on its series X (NULL or R without
 * data: TB_EDATA, nothing made): the title "Oost-Nederland,
 * Diefstal/inbraak woning, aangiften: doel 2018" (names from REGIONS and
 * INDICATORS, which may be NULL), the verdict, the plain paragraph and the
 * overview row, the full evaluation for the appendix ending in the track
 * record TRACK of verdicts like R's (NULL: none), the model refitted over
 * the observed years for the chart's fan, the required path and how the
 * chart writes the target.  R and X must outlive *G; free what *G owns
 * with tb_report_target_clear. */
tb_status tb_report_target_make(const tb_target_result *r, const tb_series *x,
                                const tb_codelist *regions, const tb_codelist *indicators,
                                const tb_calib_result *track, tb_lang lang,
                                tb_report_target *g, tb_error *err);
void tb_report_target_clear(tb_report_target *g); /* NULL is a no-op */

typedef struct {
    const char *out_dir;       /* created when missing */
    tb_lang lang;
    int render;                /* run gnuplot (when on the PATH), and make
                                  report.pdf from report.html with
                                  weasyprint or headless chromium (when one
                                  is on the PATH) */
    const char *title;         /* report title; NULL: "Veiligheidsbeeld" */
    const char *source;        /* "Bron:" text for every chart; NULL: each
                                  chart names the sources of its series */
    const tb_codelist *regions;/* display names; may be NULL */
    const tb_codelist *indicators;
    const char *missing_note;  /* what could not be included, one item a
                                  line, listed in the report; may be NULL */
} tb_report_options;

void tb_report_options_init(tb_report_options *o);

typedef struct {
    int scripts, images, tables; /* files written */
    int rendered;                /* 1 when gnuplot ran */
    char render_note[256];       /* why nothing was rendered, "" otherwise */
    int pdf;                     /* 1 when report.pdf was made */
    char pdf_note[512];          /* why not (with render), "" otherwise */
} tb_report_summary;

/* Write the report.  STORE provides every series the themes name (and
 * `inwoners` series for rates, when present).  Themes whose series are
 * missing are reported as an error (TB_EDATA), not skipped.  WARN (may be
 * NULL) gets what the reader should know (a theme without rates, ...). */
tb_status tb_report_write(const tb_store *store, const tb_report_theme *themes,
                          size_t nthemes, const tb_report_target *targets,
                          size_t ntargets, const tb_report_options *o,
                          tb_report_summary *sum, tb_diag *warn, tb_error *err);


/* The list of files a report wrote into its folder, one relative name a
 * line.  A later report into the same folder removes the files of that
 * list it does not write again (charts of sections that are gone, images
 * of an earlier --render run), and never touches any other file. */
#define TB_REPORT_MANIFEST ".trendbeeld-manifest"
/* The same list for `trendbeeld plot` (a file of its own, so that a report
 * and the charts written into one folder never remove each other's). */
#define TB_PLOT_MANIFEST ".trendbeeld-plot-manifest"


/* NAME made safe as a file name stem: lower case ASCII letters, digits,
 * '-' and '_'; everything else (including '/', '.', spaces and non-ASCII
 * bytes) becomes '_' runs collapsed to one; empty becomes "x".
 * snprintf contract. */
size_t tb_report_file_stem(char *buf, size_t n, const char *name);

/* The charts `trendbeeld plot` draws for a store: for every indicator and
 * measure (not inwoners), the regions of one level (code list REGIONS,
 * may be NULL) that have it, in store order, drawn as tb_plot_choose
 * says, small multiples 16 regions a chart (stems "<stem>_1", "_2", ...).
 * Names come from REGIONS and INDICATORS; the plan points into the store
 * and the code lists, which must outlive it. */
typedef struct {
    char stem[240];            /* file name without .gp */
    char title[512];
    char ylabel[160];          /* "" for counts and index lines ("aantal") */
    tb_chart_kind kind;
    int base;                  /* index base year (TB_CHART_INDEX) */
    const tb_series **series;
    const char **names;
    size_t nseries;
} tb_plot_chart_plan;

typedef struct {
    tb_plot_chart_plan *chart;
    size_t n, cap;
} tb_plot_plan;

tb_status tb_plot_plan_make(const tb_store *s, const tb_codelist *regions,
                            const tb_codelist *indicators, tb_lang lang, tb_plot_plan **out,
                            tb_error *err);
void tb_plot_plan_free(tb_plot_plan *p); /* NULL is a no-op */

#endif

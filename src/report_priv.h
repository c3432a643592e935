/* Private to the report files: report.c (the output transaction and the
 * whole report), report_section.c (a section's charts, tables/ CSV and
 * results.json entry) and report_page.c (report.md and report.html). */
#ifndef TRENDBEELD_REPORT_PRIV_H
#define TRENDBEELD_REPORT_PRIV_H

#include <jansson.h>
#include <stdio.h>

#include "trendbeeld/format.h"
#include "trendbeeld/indicators.h"
#include "trendbeeld/outdir.h"
#include "trendbeeld/report.h"

/* One section of the report: a theme or a target. */
typedef struct {
    char stem[96];
    char title[256];
    char script[128];     /* relative path of the .gp */
    char image[128];      /* relative path of the image ("" when none) */
    char extra_script[128];
    char extra_image[128];
    tb_text *text;
    json_t *json;
    /* tables for md/html */
    size_t nreg;
    const tb_series **s;
    const char **names;
    tb_ind_table **ind;
    int y0, y1;           /* years of the tables */
    int total, rates;
    int vdec;             /* decimals of the values (0 for counts) */
    const char *summary;  /* targets: the full evaluation (appendix) */
    const char *brief;    /* targets: the plain paragraph */
    const tb_target_cells *cells; /* targets: the overview row */
    const char *verdict;
    char *source;         /* where the section's figures come from */
} section;

/* NL or EN in the report's language. */
static inline const char *tr(const tb_report_options *o, const char *nl, const char *en)
{
    return tb_tr(o->lang, nl, en);
}

/* report_section.c */
/* The path of REL in the staging folder of T (malloc'ed; NULL: no memory). */
char *rp_staged(const tb_outdir *t, const char *rel);
/* Sum of the section's regions in year Y (NaN when one has no value), and
 * whether any of them is provisional in Y. */
double rp_total_at(const section *x, int y);
int rp_prov_at(const section *x, int y);
/* Build section X of theme TH or target TG: its charts (rendered when
 * SUM->rendered), tables/<stem>.csv and results.json entry. */
tb_status rp_theme_section(tb_outdir *t, const tb_store *store, const tb_report_theme *th,
                           const tb_report_options *o, section *x, tb_report_summary *sum,
                           tb_diag *warn, tb_error *err);
tb_status rp_target_section(tb_outdir *t, const tb_store *store, const tb_report_target *tg,
                            const tb_report_options *o, section *x, tb_report_summary *sum,
                            tb_diag *warn, tb_error *err);

/* report_page.c */
/* report.md and report.html from the NTHEMES theme sections and NTARGETS
 * target sections in SEC (themes first). */
tb_status rp_write_pages(tb_outdir *t, const tb_report_options *o, section *sec,
                         size_t nthemes, size_t ntargets, const tb_report_summary *sum,
                         tb_error *err);

#endif

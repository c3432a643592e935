/* report.md and report.html: the first page (targets at a glance,
 * contents), the sections, sources, method and the appendix, with the
 * print stylesheet for A4. */
#include "trendbeeld/format.h"
#include "trendbeeld/gnuplot.h"
#include "trendbeeld/indicators.h"
#include "trendbeeld/measure.h"
#include "trendbeeld/outdir.h"
#include "trendbeeld/report.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report_priv.h"

static void html_esc(FILE *f, const char *s)
{
    for (; s && *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
}

/* Markdown text: characters with a meaning in Markdown are escaped. */
static void md_esc(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        if (strchr("\\`*_[]<>|#", *s))
            fputc('\\', f);
        if (*s == '\n' || *s == '\r')
            fputc(' ', f);
        else
            fputc(*s, f);
    }
}

static int base64_file(FILE *out, const char *path)
{
    static const char tab[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    unsigned char b[3];
    size_t k;
    while ((k = fread(b, 1, 3, in)) > 0) {
        unsigned v = (unsigned)b[0] << 16 | (k > 1 ? (unsigned)b[1] << 8 : 0) |
                     (k > 2 ? b[2] : 0);
        fputc(tab[v >> 18 & 63], out);
        fputc(tab[v >> 12 & 63], out);
        fputc(k > 1 ? tab[v >> 6 & 63] : '=', out);
        fputc(k > 2 ? tab[v & 63] : '=', out);
    }
    int bad = ferror(in);
    fclose(in);
    return bad ? -1 : 0;
}

/* ---- Markdown and HTML ------------------------------------------------------ */
typedef enum { T_VALUE, T_YOY, T_INDEX, T_RATE } table_kind;

static void cell(char *b, size_t n, const tb_ind_row *r, table_kind k, int vdec,
                 tb_lang lang)
{
    switch (k) {
    case T_VALUE:
        tb_fmt_num(b, n, r->value, vdec, lang);
        break;
    case T_YOY:
        tb_fmt_change_pct(b, n, r->yoy_state == TB_IND_OK ? r->yoy_pct : NAN, 1, lang);
        break;
    case T_INDEX:
        tb_fmt_num(b, n, r->index_state == TB_IND_OK ? r->index : NAN, 1, lang);
        break;
    case T_RATE:
        tb_fmt_num(b, n, r->rate_state == TB_IND_OK ? r->rate_per_1000 : NAN, 2, lang);
        break;
    }
}

static void total_cell(char *b, size_t n, const section *x, int y, table_kind k,
                       int base, tb_lang lang)
{
    double v = rp_total_at(x, y);
    switch (k) {
    case T_VALUE: tb_fmt_num(b, n, v, x->vdec, lang); break;
    case T_YOY: tb_fmt_change_pct(b, n, 100.0 * (v / rp_total_at(x, y - 1) - 1), 1, lang); break;
    case T_INDEX: tb_fmt_num(b, n, 100.0 * v / rp_total_at(x, base), 1, lang); break;
    default: b[0] = '\0';
    }
    if (strstr(b, "∞"))
        snprintf(b, n, "%s", TB_FMT_MISSING);
}

static const tb_ind_row *row_at(const tb_ind_table *t, int y)
{
    for (size_t k = 0; k < t->n; k++)
        if (t->row[k].year == y)
            return &t->row[k];
    return NULL;
}

static const char *kind_title(const tb_report_options *o, table_kind k, int base,
                              char *buf, size_t n)
{
    switch (k) {
    case T_VALUE: snprintf(buf, n, "%s", tr(o, "Aantal", "Number")); break;
    case T_YOY: snprintf(buf, n, "%s", tr(o, "Verandering t.o.v. vorig jaar",
                                          "Change on previous year")); break;
    case T_INDEX: snprintf(buf, n, tr(o, "Index (%d = 100)", "Index (%d = 100)"), base); break;
    case T_RATE: snprintf(buf, n, "%s", tr(o, "Per 1.000 inwoners", "Per 1,000 inhabitants")); break;
    }
    return buf;
}

/* The text of one cell: region I of X in year Y (I = nreg: the total). */
static void cell_text(char *b, size_t n, const section *x, size_t i, int y, table_kind k,
                      int base, const tb_report_options *o)
{
    if (i == x->nreg) {
        total_cell(b, n, x, y, k, base, o->lang);
        return;
    }
    const tb_ind_row *r = row_at(x->ind[i], y);
    if (r)
        cell(b, n, r, k, x->vdec, o->lang);
    else
        snprintf(b, n, "%s", TB_FMT_MISSING);
}

static void caption(FILE *f, const char *title, int html)
{
    if (html) {
        fputs("<caption>", f);
        html_esc(f, title);
        fputs("</caption>\n", f);
    } else {
        fprintf(f, "*%s*\n\n", title);
    }
}

/* Few regions: years as rows, one column per region (and the total). */
static void table_by_year(FILE *f, const section *x, table_kind k, const tb_report_options *o,
                          int html, int tot, const char *title)
{
    char b[64];
    int base = x->ind[0]->base_year;
    if (html) {
        fputs("<table>\n", f);
        caption(f, title, 1);
        fprintf(f, "<thead><tr><th>%s</th>", tr(o, "jaar", "year"));
        for (size_t i = 0; i < x->nreg; i++) {
            fputs("<th>", f);
            html_esc(f, x->names[i]);
            fputs("</th>", f);
        }
        if (tot)
            fprintf(f, "<th>%s</th>", tr(o, "totaal", "total"));
        fputs("</tr></thead>\n<tbody>\n", f);
    } else {
        caption(f, title, 0);
        fprintf(f, "| %s |", tr(o, "jaar", "year"));
        for (size_t i = 0; i < x->nreg; i++) {
            fputc(' ', f);
            md_esc(f, x->names[i]);
            fputs(" |", f);
        }
        if (tot)
            fprintf(f, " %s |", tr(o, "totaal", "total"));
        fputs("\n|---|", f);
        for (size_t i = 0; i < x->nreg + (size_t)tot; i++)
            fputs("---:|", f);
        fputc('\n', f);
    }
    for (int y = x->y0; y <= x->y1; y++) {
        if (k == T_YOY && y == x->y0)
            continue;
        fprintf(f, html ? "<tr><td>%d%s</td>" : "| %d%s |", y, rp_prov_at(x, y) ? "*" : "");
        for (size_t i = 0; i < x->nreg + (size_t)tot; i++) {
            cell_text(b, sizeof b, x, i, y, k, base, o);
            fprintf(f, html ? "<td>%s</td>" : " %s |", b);
        }
        fputs(html ? "</tr>\n" : "\n", f);
    }
    fputs(html ? "</tbody></table>\n" : "\n", f);
}

/* Many regions: the annex layout, one row per region (the total last)
 * and the years FROM..TO as columns. */
static void table_by_region(FILE *f, const section *x, table_kind k,
                            const tb_report_options *o, int html, int tot,
                            const char *title, int from, int to)
{
    char b[64];
    int base = x->ind[0]->base_year;
    const char *units = tr(o, "regio", "region");
    if (html) {
        /* the container scrolls on a narrow screen rather than overflow */
        fputs("<div class=\"wide\"><table>\n", f);
        caption(f, title, 1);
        fprintf(f, "<thead><tr><th>%s</th>", units);
        for (int y = from; y <= to; y++)
            fprintf(f, "<th>%d%s</th>", y, rp_prov_at(x, y) ? "*" : "");
        fputs("</tr></thead>\n<tbody>\n", f);
    } else {
        caption(f, title, 0);
        fprintf(f, "| %s |", units);
        for (int y = from; y <= to; y++)
            fprintf(f, " %d%s |", y, rp_prov_at(x, y) ? "*" : "");
        fputs("\n|---|", f);
        for (int y = from; y <= to; y++)
            fputs("---:|", f);
        fputc('\n', f);
    }
    for (size_t i = 0; i < x->nreg + (size_t)tot; i++) {
        const char *name = i < x->nreg ? x->names[i] : tr(o, "totaal", "total");
        if (html) {
            fputs(i < x->nreg ? "<tr><th>" : "<tr class=\"total\"><th>", f);
            html_esc(f, name);
            fputs("</th>", f);
        } else {
            fputs("| ", f);
            md_esc(f, name);
            fputs(" |", f);
        }
        for (int y = from; y <= to; y++) {
            cell_text(b, sizeof b, x, i, y, k, base, o);
            fprintf(f, html ? "<td>%s</td>" : " %s |", b);
        }
        fputs(html ? "</tr>\n" : "\n", f);
    }
    fputs(html ? "</tbody></table></div>\n" : "\n", f);
}

/* Characters S takes on the page (UTF-8 code points: "−" is one). */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* The widest cell of the years FROM..TO, in characters. */
static size_t widest_cell(const section *x, table_kind k, const tb_report_options *o,
                          int tot, int from, int to)
{
    char b[64];
    size_t w = 4; /* the year headers */
    for (size_t i = 0; i < x->nreg + (size_t)tot; i++)
        for (int y = from; y <= to; y++) {
            cell_text(b, sizeof b, x, i, y, k, x->ind[0]->base_year, o);
            if (text_width(b) > w)
                w = text_width(b);
        }
    return w;
}

/* One kind of table for a section, in Markdown (HTML = 0) or HTML (1).
 * Up to TB_REPORT_TABLE_COLUMNS regions: years as rows.  More: regions as
 * rows and the years split into even blocks that fit the width of a
 * printed page (see TB_REPORT_TABLE_CHARS). */
static void table(FILE *f, const section *x, table_kind k, const tb_report_options *o,
                  int html)
{
    char tt[96];
    int tot = x->total && k != T_RATE;
    kind_title(o, k, x->ind[0]->base_year, tt, sizeof tt);
    if (x->nreg + (size_t)tot <= TB_REPORT_TABLE_COLUMNS) {
        table_by_year(f, x, k, o, html, tot, tt);
        return;
    }
    int first = k == T_YOY ? x->y0 + 1 : x->y0;
    int years = x->y1 - first + 1;
    if (years < 1)
        return;
    int per = (int)(TB_REPORT_TABLE_CHARS / (widest_cell(x, k, o, tot, first, x->y1) + 2));
    if (per < 1)
        per = 1;
    int blocks = (years + per - 1) / per;
    for (int bk = 0, from = first; bk < blocks; bk++) {
        /* even blocks: 13 years are 7 + 6, not 11 + 2 */
        int width = years / blocks + (bk < years % blocks);
        int to = from + width - 1;
        char bt[160];
        if (blocks > 1)
            snprintf(bt, sizeof bt, "%s, %d–%d", tt, from, to);
        else
            snprintf(bt, sizeof bt, "%s", tt);
        table_by_region(f, x, k, o, html, tot, bt, from, to);
        from = to + 1;
    }
}

static void methods(FILE *f, const tb_report_options *o, int html)
{
    const char *p = tr(o,
        "De cijfers zijn geregistreerde aantallen zoals de bron ze geeft; "
        "een ontbrekend jaar blijft leeg en wordt nooit aangevuld. Verandering t.o.v. "
        "vorig jaar = 100 (y_t / y_{t-1} - 1); index = 100 y_t / y_basis, met als basis "
        "het eerste jaar waarin elke regio een waarde heeft; per 1.000 inwoners = "
        "1.000 aantal / inwoners van dezelfde regio in hetzelfde jaar. Het totaal is de "
        "som van de regio's en ontbreekt in een jaar waarin een regio ontbreekt. De "
        "tekst beschrijft de cijfers: een verandering kleiner dan 1,0% heet 'nagenoeg "
        "gelijk', 'het grootst' vergelijkt percentages van regio's die dezelfde kant op "
        "gingen als het totaal, en er wordt geen uitspraak gedaan over significantie of "
        "oorzaken. Voorlopige cijfers (*) kunnen nog veranderen. Bij een doel staan de "
        "projectie van een trendmodel en, waar genoeg vergelijkbare reeksen zijn, een "
        "gekalibreerde projectie: de laatste waarde met de voorspelfouten die echte "
        "reeksen van dezelfde grootte eerder maakten over evenveel jaren. De kans dat "
        "het doel gehaald wordt, het oordeel en de 80%- en 95%-intervallen in de grafiek "
        "komen uit die gekalibreerde projectie; waar die ontbreekt, zegt de doelsectie "
        "dat het oordeel op het model rust. "
        "Elke grafiek is een gnuplot-script met de gegevens erin; de tabellen staan als "
        "CSV in tables/ en elk getal uit de tekst staat in results.json.",
        "Figures are registered counts as the source gives them; a missing year "
        "stays empty and is never filled in. Change on previous year = 100 (y_t / "
        "y_{t-1} - 1); index = 100 y_t / y_base, the base being the first year in which "
        "every region has a value; per 1,000 inhabitants = 1,000 count / inhabitants of "
        "the same region in the same year. The total is the sum of the regions and is "
        "missing in a year in which a region is missing. The text describes the "
        "figures: a change below 1.0% is 'nearly the same', 'largest' compares "
        "percentages of regions that moved the same way as the total, and nothing is "
        "said about significance or causes. Provisional figures (*) may still change. "
        "A target shows the projection of a trend model and, where enough comparable "
        "series exist, a calibrated projection: the last value with the forecast errors "
        "that real series of the same size made before over as many years. The "
        "probability of meeting the target, the verdict and the 80% and 95% intervals "
        "in the chart come from the calibrated projection; where it is missing, the "
        "target section says the verdict rests on the model. Every chart is a gnuplot script with its data inline; "
        "the tables are CSV files in tables/ and every number in the text is in "
        "results.json.");
    if (html) {
        fputs("<h2 class=\"tail\" id=\"methode\">", f);
        fputs(tr(o, "Werkwijze", "Method"), f);
        fputs("</h2>\n<p>", f);
        html_esc(f, p);
        fputs("</p>\n", f);
    } else {
        fprintf(f, "## %s\n\n", tr(o, "Werkwijze", "Method"));
        md_esc(f, p);
        fputs("\n", f);
    }
}

static const char css[] =
    "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:60em;margin:2em auto;"
    "padding:0 1em;color:#222;line-height:1.45}"
    "h1{font-size:1.6em;border-bottom:2px solid #444}h2{font-size:1.25em;margin-top:2em}"
    "img{max-width:100%;height:auto;display:block;margin:1em 0}"
    "table{border-collapse:collapse;margin:0.8em 1.5em 1em 0;font-size:0.85em;"
    "display:inline-table;vertical-align:top;font-variant-numeric:tabular-nums}"
    ".wide{overflow-x:auto;max-width:100%}.wide table{display:table;margin-right:0}"
    ".wide th,.wide td{padding:0.2em 0.45em;white-space:nowrap}"
    ".wide tbody th{text-align:left;font-weight:normal}"
    ".wide tr.total th,.wide tr.total td{font-weight:bold;border-top:1px solid #888}"
    "caption{text-align:left;font-style:italic;padding-bottom:0.3em}"
    "th,td{border-bottom:1px solid #ccc;padding:0.2em 0.6em;text-align:right}"
    "th:first-child,td:first-child{text-align:left}"
    "table.overview{display:table;width:100%}table.overview td,table.overview th{text-align:left}"
    "table.facts{display:table}table.facts th{font-weight:normal;color:#555}"
    "table.facts td{text-align:left}"
    ".toc ol{columns:2;font-size:0.9em}.toc ol ol{columns:1;font-size:1em}"
    ".toc a,.overview a{color:inherit}"
    "pre{font-size:0.78em;background:#f6f6f6;padding:0.6em;white-space:pre-wrap}"
    ".verdict{font-weight:bold}.note{color:#555;font-size:0.85em}"
    "@page{size:A4;margin:16mm 14mm 18mm 14mm}"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt}"
    "h2{break-before:page}h2.first{break-before:auto}"
    "h3,caption{break-after:avoid}img{max-height:110mm;width:auto;margin:0.5em auto}"
    "section.target{break-inside:avoid}section.target img{max-height:54mm;margin:0.2em auto}section.target p{margin:0.3em 0}section.target table{font-size:8pt}section.target td,section.target th{padding:1px 6px}section.target h3{margin:0.6em 0 0.2em}"
    "h2.tail{break-before:auto}"
    "table,img,pre,.target-head{break-inside:avoid}.wide{overflow:visible}"
    ".wide table{font-size:7.5pt}pre{font-size:7pt}}";

/* What could not be included, one line each (lines of o->missing_note). */
static void missing(FILE *md, FILE *h, const tb_report_options *o)
{
    if (!o->missing_note || !*o->missing_note)
        return;
    fputs("<ul class=\"note\">\n", h);
    for (const char *p = o->missing_note; *p;) {
        size_t l = strcspn(p, "\n");
        if (l > 0) {
            char *line = strndup(p, l);
            if (line) {
                fputs("- ", md);
                md_esc(md, line);
                fputs("\n", md);
                fputs("<li>", h);
                html_esc(h, line);
                fputs("</li>\n", h);
                free(line);
            }
        }
        p += l;
        if (*p)
            p++;
    }
    fputs("\n", md);
    fputs("</ul>\n", h);
}

/* Both outputs at once: S as Markdown into MD and as HTML into H. */
static void both_text(FILE *md, FILE *h, const char *s)
{
    md_esc(md, s);
    html_esc(h, s);
}

/* The first page's answer: every target with its verdict, in a table. */
static void overview(FILE *md, FILE *h, const tb_report_options *o, const section *tg,
                     size_t n)
{
    const char *head[6] = {tr(o, "Doel", "Target"), tr(o, "Wat het vraagt", "What it asks"),
                           tr(o, "Oordeel", "Verdict"),
                           tr(o, "Kans gehaald", "Chance met"),
                           tr(o, "Laatste waarde", "Latest value"),
                           tr(o, "Bereikt in", "Reached in")};
    fprintf(md, "## %s\n\n|", tr(o, "Doelen in één oogopslag", "Targets at a glance"));
    fprintf(h, "<h2 class=\"first\" id=\"overzicht\">%s</h2>\n<table class=\"overview\">"
               "<thead><tr>", tr(o, "Doelen in één oogopslag", "Targets at a glance"));
    for (int k = 0; k < 6; k++) {
        fprintf(md, " %s |", head[k]);
        fprintf(h, "<th>%s</th>", head[k]);
    }
    fputs("\n|---|---|---|---|---|---|\n", md);
    fputs("</tr></thead>\n<tbody>\n", h);
    for (size_t i = 0; i < n; i++) {
        const tb_target_cells *c = tg[i].cells;
        fprintf(md, "| [");
        md_esc(md, tg[i].title);
        fprintf(md, "](#%s) |", tg[i].stem);
        fprintf(h, "<tr><td><a href=\"#%s\">", tg[i].stem);
        html_esc(h, tg[i].title);
        fputs("</a></td>", h);
        const char *cell[5] = {c->target, c->verdict, c->chance, c->latest, c->reach};
        for (int k = 0; k < 5; k++) {
            fputc(' ', md);
            fprintf(h, k == 1 ? "<td class=\"verdict\">" : "<td>");
            both_text(md, h, cell[k]);
            fputs(" |", md);
            fputs("</td>", h);
        }
        fputs("\n", md);
        fputs("</tr>\n", h);
    }
    fputs("\n", md);
    fputs("</tbody></table>\n", h);
    const char *how = tr(o, "Kans gehaald: de kans dat het doel in het doeljaar gehaald wordt, "
                            "uit de projectie met de voorspelfouten van echte reeksen; "
                            "haalbaar vanaf 90%, niet haalbaar onder 10%. Laatste waarde: "
                            "de laatste waarneming en wat het vereiste pad dat jaar vraagt.",
                         "Chance met: the probability that the target is met in its year, "
                         "from the projection with the forecast errors of real series; on "
                         "track from 90%, off track below 10%. Latest value: the last "
                         "observation and what the required path asks that year.");
    fprintf(md, "%s\n\n", how);
    fprintf(h, "<p class=\"note\">%s</p>\n", how);
}

/* Contents: every section with a link. */
static void contents(FILE *md, FILE *h, const tb_report_options *o, const section *sec,
                     size_t nthemes, size_t ntargets)
{
    fprintf(md, "## %s\n\n", tr(o, "Inhoud", "Contents"));
    fprintf(h, "<nav class=\"toc\"><h2 class=\"first\">%s</h2>\n<ol>\n",
            tr(o, "Inhoud", "Contents"));
    for (size_t i = 0; i < nthemes + ntargets; i++) {
        if (i == nthemes) {
            fprintf(md, "%zu. [%s](#doelen)\n", i + 1, tr(o, "Doelen", "Targets"));
            fprintf(h, "<li><a href=\"#doelen\">%s</a>\n<ol>\n", tr(o, "Doelen", "Targets"));
        }
        fprintf(md, "%s%zu. [", i < nthemes ? "" : "    ", i < nthemes ? i + 1 : i - nthemes + 1);
        md_esc(md, sec[i].title);
        fprintf(md, "](#%s)\n", sec[i].stem);
        fprintf(h, "<li><a href=\"#%s\">", sec[i].stem);
        html_esc(h, sec[i].title);
        fputs("</a></li>\n", h);
    }
    if (ntargets)
        fputs("</ol></li>\n", h);
    const char *tail[3] = {tr(o, "Bronnen", "Sources"), tr(o, "Werkwijze", "Method"),
                           tr(o, "Bijlage: berekeningen per doel",
                                 "Appendix: the calculations per target")};
    const char *id[3] = {"bronnen", "methode", "bijlage"};
    for (int k = 0; k < (ntargets ? 3 : 2); k++) {
        fprintf(md, "- [%s](#%s)\n", tail[k], id[k]);
        fprintf(h, "<li><a href=\"#%s\">%s</a></li>\n", id[k], tail[k]);
    }
    fputs("\n", md);
    fputs("</ol></nav>\n", h);
}

/* A target's few figures, as a small table. */
static void facts(FILE *md, FILE *h, const tb_report_options *o, const tb_target_cells *c)
{
    const char *k[4] = {tr(o, "Doel", "Target"), tr(o, "Laatste waarde", "Latest value"),
                        tr(o, "Kans gehaald", "Chance met"), tr(o, "Bereikt in", "Reached in")};
    const char *v[4] = {c->target, c->latest, c->chance, c->reach};
    fputs("| | |\n|---|---|\n", md);
    fputs("<table class=\"facts\"><tbody>\n", h);
    for (int i = 0; i < 4; i++) {
        fprintf(md, "| %s | ", k[i]);
        fprintf(h, "<tr><th>%s</th><td>", k[i]);
        both_text(md, h, v[i]);
        fputs(" |\n", md);
        fputs("</td></tr>\n", h);
    }
    fputs("\n", md);
    fputs("</tbody></table>\n", h);
}

/* The full evaluation of every target, after the report itself. */
static void appendix(FILE *md, FILE *h, const tb_report_options *o, const section *tg,
                     size_t n)
{
    const char *title = tr(o, "Bijlage: berekeningen per doel",
                           "Appendix: the calculations per target");
    fprintf(md, "## %s\n\n", title);
    fprintf(h, "<h2 id=\"bijlage\">%s</h2>\n", title);
    for (size_t i = 0; i < n; i++) {
        if (!tg[i].summary)
            continue;
        fputs("### ", md);
        md_esc(md, tg[i].title);
        fputs("\n\n```text\n", md);
        for (const char *c = tg[i].summary; *c; c++)
            fputc(*c == '`' ? '\'' : *c, md);
        size_t len = strlen(tg[i].summary);
        fputs(len && tg[i].summary[len - 1] == '\n' ? "```\n\n" : "\n```\n\n", md);
        fprintf(h, "<h3 id=\"bijlage-%s\">", tg[i].stem);
        html_esc(h, tg[i].title);
        fputs("</h3>\n<pre>", h);
        html_esc(h, tg[i].summary);
        fputs("</pre>\n", h);
    }
}

/* The top of the first page: title, source, the note on drawing the
 * charts, and the period the figures cover. */
static void page_head(FILE *md, FILE *h, const tb_report_options *o, const section *sec,
                      size_t nthemes, size_t ntargets, const tb_report_summary *sum)
{
    const char *title = o->title ? o->title : "Veiligheidsbeeld";
    fputs("# ", md);
    md_esc(md, title);
    fputs("\n\n", md);
    fprintf(h, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<title>", o->lang == TB_LANG_EN ? "en" : "nl");
    html_esc(h, title);
    fprintf(h, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
    html_esc(h, title);
    fputs("</h1>\n", h);
    if (o->source) {
        fprintf(md, "%s", tr(o, "Bron: ", "Source: "));
        md_esc(md, o->source);
        fputs("\n\n", md);
        fprintf(h, "<p class=\"note\">%s", tr(o, "Bron: ", "Source: "));
        html_esc(h, o->source);
        fputs("</p>\n", h);
    }
    if (!sum->rendered && sum->render_note[0]) {
        fprintf(md, "> %s\n\n", sum->render_note);
        fputs("<p class=\"note\">", h);
        html_esc(h, sum->render_note);
        fputs("</p>\n", h);
    }
    /* the period the figures cover */
    int y0 = TB_YEAR_MAX, y1 = TB_YEAR_MIN;
    for (size_t i = 0; i < nthemes; i++)
        if (sec[i].ind && sec[i].y0 <= sec[i].y1) {
            y0 = sec[i].y0 < y0 ? sec[i].y0 : y0;
            y1 = sec[i].y1 > y1 ? sec[i].y1 : y1;
        }
    if (y0 <= y1) {
        char period[160];
        snprintf(period, sizeof period, tr(o, "Cijfers over %d–%d; %zu %s, %zu %s.",
                                           "Figures for %d–%d; %zu %s, %zu %s."),
                 y0, y1, nthemes, nthemes == 1 ? tr(o, "thema", "theme")
                                               : tr(o, "thema's", "themes"),
                 ntargets, ntargets == 1 ? tr(o, "doel", "target") : tr(o, "doelen", "targets"));
        fprintf(md, "%s\n\n", period);
        fprintf(h, "<p>%s</p>\n", period);
    }
}

/* A section's charts: embedded in the HTML (base64), linked from the
 * Markdown; the script's name where there is no image. */
static tb_status section_charts(tb_outdir *t, FILE *md, FILE *h, const tb_report_options *o,
                                const section *x, tb_error *err)
{
    const char *imgs[2] = {x->image, x->extra_image};
    const char *scripts[2] = {x->script, x->extra_script};
    for (int j = 0; j < 2; j++) {
        if (!scripts[j][0])
            continue;
        char alt[400];
        snprintf(alt, sizeof alt, "%s%s", x->title,
                 j ? tr(o, " per gemeente", " by municipality") : "");
        if (imgs[j][0]) {
            fputs("![", md);
            md_esc(md, alt);
            fprintf(md, "](%s)\n\n", imgs[j]);
            fputs("<img alt=\"", h);
            html_esc(h, alt);
            fputs("\" src=\"data:image/png;base64,", h);
            char *path = rp_staged(t, imgs[j]);
            int bad = !path || base64_file(h, path) != 0;
            free(path);
            if (bad) {
                fclose(md);
                fclose(h);
                return tb_error_set(err, TB_EIO, imgs[j], 0, 0,
                                    "cannot read the rendered image");
            }
            fputs("\">\n", h);
        } else {
            fprintf(md, "%s `%s`\n\n", tr(o, "Grafiek (gnuplot-script):", "Chart (gnuplot script):"),
                    scripts[j]);
            fprintf(h, "<p class=\"note\">%s %s</p>\n",
                    tr(o, "Grafiek (gnuplot-script):", "Chart (gnuplot script):"),
                    scripts[j]);
        }
    }
    return TB_OK;
}

/* What follows the charts: a theme's sentences and tables, or a target's
 * verdict, paragraph and figures. */
static void section_body(FILE *md, FILE *h, const tb_report_options *o, const section *x)
{
    if (x->verdict) {
        fprintf(md, "**%s: ", tr(o, "Oordeel", "Verdict"));
        md_esc(md, x->verdict);
        fputs("**\n\n", md);
        fprintf(h, "<p class=\"verdict\">%s: ", tr(o, "Oordeel", "Verdict"));
        html_esc(h, x->verdict);
        fputs("</p>\n", h);
    }
    if (x->text) {
        md_esc(md, x->text->text);
        fputs("\n\n", md);
        fputs("<p>", h);
        html_esc(h, x->text->text);
        fputs("</p>\n", h);
    } else if (x->cells) {
        /* a target: a paragraph, its figures, the calculation in the appendix */
        if (x->brief) {
            md_esc(md, x->brief);
            fputs("\n\n", md);
            fputs("<p>", h);
            html_esc(h, x->brief);
            fputs("</p>\n", h);
        }
        facts(md, h, o, x->cells);
        fprintf(md, "%s [%s](#bijlage).\n\n",
                tr(o, "Hoe dit berekend is:", "How this was calculated:"),
                tr(o, "bijlage", "appendix"));
        fprintf(h, "<p class=\"note\">%s <a href=\"#bijlage-%s\">%s</a>.</p>\n",
                tr(o, "Hoe dit berekend is:", "How this was calculated:"), x->stem,
                tr(o, "bijlage", "appendix"));
    }
    if (x->ind) {
        table_kind kinds[4] = {T_VALUE, T_YOY, T_INDEX, T_RATE};
        for (int k = 0; k < (x->rates ? 4 : 3); k++) {
            table(md, x, kinds[k], o, 0);
            table(h, x, kinds[k], o, 1);
        }
        fprintf(md, "%s `tables/%s.csv`%s\n\n",
                tr(o, "Alle getallen:", "All figures:"), x->stem,
                tr(o, "; * = voorlopig.", "; * = provisional."));
        fprintf(h, "<p class=\"note\">%s tables/%s.csv%s</p>\n",
                tr(o, "Alle getallen:", "All figures:"), x->stem,
                tr(o, "; * = voorlopig.", "; * = provisional."));
    }
}

/* "Bronnen": every source once. */
static void sources(FILE *md, FILE *h, const tb_report_options *o, const section *sec,
                    size_t nsec)
{
    /* every source once */
    fprintf(md, "## %s\n\n", tr(o, "Bronnen", "Sources"));
    fprintf(h, "<h2 class=\"tail\" id=\"bronnen\">%s</h2>\n<ul>\n", tr(o, "Bronnen", "Sources"));
    const char *summed = tr(o, " (opgeteld per regio)", " (summed per region)");
    char **listed = calloc(nsec + 1, sizeof *listed);
    size_t nlisted = 0;
    for (size_t i = 0; listed && i < nsec; i++) {
        if (!sec[i].source)
            continue;
        /* a source summed per region is the same source */
        char *src = strdup(sec[i].source), *cut;
        if (!src)
            break;
        while ((cut = strstr(src, summed)) != NULL)
            memmove(cut, cut + strlen(summed), strlen(cut + strlen(summed)) + 1);
        int dup = 0;
        for (size_t j = 0; j < nlisted && !dup; j++)
            dup = !strcmp(listed[j], src);
        if (dup) {
            free(src);
            continue;
        }
        listed[nlisted++] = src;
        fputs("- ", md);
        md_esc(md, src);
        fputs("\n", md);
        fputs("<li>", h);
        html_esc(h, src);
        fputs("</li>\n", h);
    }
    for (size_t j = 0; j < nlisted; j++)
        free(listed[j]);
    free(listed);
    fputs("\n", md);
    fputs("</ul>\n", h);
}

tb_status rp_write_pages(tb_outdir *t, const tb_report_options *o, section *sec,
                         size_t nthemes, size_t ntargets, const tb_report_summary *sum,
                         tb_error *err)
{
    FILE *md, *h;
    tb_status rc = tb_outdir_open(t, "report.md", &md, err);
    if (rc)
        return rc;
    rc = tb_outdir_open(t, "report.html", &h, err);
    if (rc) {
        fclose(md);
        return rc;
    }
    page_head(md, h, o, sec, nthemes, ntargets, sum);
    if (ntargets)
        overview(md, h, o, sec + nthemes, ntargets);
    contents(md, h, o, sec, nthemes, ntargets);
    for (size_t i = 0; i < nthemes + ntargets; i++) {
        section *x = &sec[i];
        if (i == nthemes && ntargets > 0) {
            fprintf(md, "## %s\n\n", tr(o, "Doelen", "Targets"));
            fprintf(h, "<h2 id=\"doelen\">%s</h2>\n", tr(o, "Doelen", "Targets"));
        }
        const char *hx = i < nthemes ? "##" : "###";
        fprintf(md, "%s ", hx);
        md_esc(md, x->title);
        fputs("\n\n", md);
        fprintf(h, "<section id=\"%s\"%s>\n<h%d>", x->stem,
                i < nthemes ? "" : " class=\"target\"", i < nthemes ? 2 : 3);
        html_esc(h, x->title);
        fprintf(h, "</h%d>\n", i < nthemes ? 2 : 3);
        if ((rc = section_charts(t, md, h, o, x, err)) != TB_OK) {
            fclose(md);
            fclose(h);
            return rc;
        }
        section_body(md, h, o, x);
        fputs("</section>\n", h);
    }
    if (o->missing_note && *o->missing_note) {
        fprintf(md, "## %s\n\n", tr(o, "Niet opgenomen", "Not included"));
        fprintf(h, "<h2 class=\"tail\">%s</h2>\n", tr(o, "Niet opgenomen", "Not included"));
        missing(md, h, o);
    }
    sources(md, h, o, sec, nthemes + ntargets);
    methods(md, o, 0);
    methods(h, o, 1);
    if (ntargets)
        appendix(md, h, o, sec + nthemes, ntargets);
    fputs("</body>\n</html>\n", h);
    tb_status a = tb_outdir_close(t, md, "report.md", err);
    tb_status b = tb_outdir_close(t, h, "report.html", err);
    return a ? a : b;
}

/* CSV text to records: libcsv fed one physical line at a time, so that
 * every record knows the line it starts on (a quoted field may hold line
 * breaks); the encoding checks, the delimiter, and the batches of records
 * that parsing threads make (see load.c). */
#include "load_read.h"
#include "grow.h"
#include "trendbeeld/text.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define HEAD_RECORDS 60

/* ---- records ------------------------------------------------------------ */

static void rec_free(load_rec *r)
{
    if (!r)
        return;
    free(r->buf);
    free(r->f);
    r->buf = NULL;
    r->f = NULL;
}

static int rec_copy(load_rec *dst, const load_rec *src)
{
    size_t bytes = 0;
    for (size_t i = 0; i < src->n; i++)
        bytes += strlen(src->f[i]) + 1;
    dst->buf = malloc(bytes ? bytes : 1);
    dst->f = malloc((src->n ? src->n : 1) * sizeof *dst->f);
    if (!dst->buf || !dst->f) {
        rec_free(dst);
        return -1;
    }
    char *p = dst->buf;
    for (size_t i = 0; i < src->n; i++) {
        size_t len = strlen(src->f[i]) + 1;
        memcpy(p, src->f[i], len);
        dst->f[i] = p;
        p += len;
    }
    dst->n = src->n;
    dst->line = src->line;
    dst->same = 0;
    return 0;
}

static void batch_add(load_ctx *c);

/* ---- libcsv callbacks --------------------------------------------------- */

void load_on_field(void *s, size_t len, void *data)
{
    load_ctx *c = data;
    if (c->status != TB_OK)
        return;
    if (len > TB_LOAD_MAX_FIELD) {
        c->status = tb_error_set(
            c->err, TB_EPARSE, c->path, c->rd.rec_line, (long)(c->rd.cur_n - c->rd.rec_first) + 1,
            "field of %zu bytes, expected at most %d (is a closing quote "
            "missing?)",
            len, TB_LOAD_MAX_FIELD);
        return;
    }
    if (c->rd.cur_n - c->rd.rec_first >= TB_LOAD_MAX_COLUMNS) {
        c->status = tb_error_set(c->err, TB_EPARSE, c->path, c->rd.rec_line,
                                 (long)(c->rd.cur_n - c->rd.rec_first) + 1,
                                 "more than %d fields in a row, expected at "
                                 "most %d",
                                 TB_LOAD_MAX_COLUMNS, TB_LOAD_MAX_COLUMNS);
        return;
    }
    if (TB_GROW(c->rd.cur_buf, c->rd.cur_cap, c->rd.cur_used + len + 1, 4096) != 0 ||
        TB_GROW(c->rd.cur_off, c->rd.cur_offcap, c->rd.cur_n + 1, 64) != 0) {
        c->status = tb_error_set(c->err, TB_ENOMEM, c->path, c->rd.rec_line, 0,
                                 "out of memory");
        return;
    }
    char what[80];
    const char *expect;
    size_t bad = tb_text_bad(s, len, what, sizeof what, &expect);
    if (bad < len) {
        c->status = tb_error_set(
            c->err, TB_EPARSE, c->path, c->rd.rec_line, (long)(c->rd.cur_n - c->rd.rec_first) + 1,
            "%s at character %ld of the field; expected %s", what,
            tb_text_column(s, bad), expect);
        return;
    }
    c->rd.cur_off[c->rd.cur_n++] = c->rd.cur_used;
    if (len)
        memcpy(c->rd.cur_buf + c->rd.cur_used, s, len);
    c->rd.cur_buf[c->rd.cur_used + len] = '\0';
    c->rd.cur_used += len + 1;
}

void load_on_record(int term, void *data)
{
    load_ctx *c = data;
    (void)term;
    c->rd.in_record = 0;
    if (c->status != TB_OK) {
        c->rd.cur_n = c->rd.cur_used = c->rd.rec_first = 0;
        return;
    }
    if (c->rd.batch) {
        batch_add(c);
        return;
    }
    if (TB_GROW(c->rd.cur_ptr, c->rd.ptr_cap, c->rd.cur_n, 64) != 0) {
        c->status = tb_error_set(c->err, TB_ENOMEM, c->path, c->rd.rec_line, 0,
                                 "out of memory");
        return;
    }
    for (size_t i = 0; i < c->rd.cur_n; i++)
        c->rd.cur_ptr[i] = c->rd.cur_buf + c->rd.cur_off[i];
    load_rec r = {c->rd.cur_ptr, c->rd.cur_n, c->rd.rec_line, NULL, 0};
    c->rd.cur_n = c->rd.cur_used = 0;
    load_take_record(c, &r);
}

/* A whole record, in file order: kept until the layout is known, then
 * interpreted. */
void load_take_record(load_ctx *c, load_rec *r0)
{
    load_rec r = *r0;
    if (!c->rd.layout_done) {
        if (TB_GROW(c->rd.head, c->rd.caphead, c->rd.nhead + 1, 64) != 0 ||
            rec_copy(&c->rd.head[c->rd.nhead], &r) != 0) {
            c->status = tb_error_set(c->err, TB_ENOMEM, c->path, r.line, 0,
                                     "out of memory");
            return;
        }
        c->rd.nhead++;
        if (c->rd.nhead >= HEAD_RECORDS)
            load_reader_start(c);
        return;
    }
    load_record(c, &r);
}

int load_space_only(unsigned char ch)
{
    return ch == ' ';
}

/* Feed one piece of a physical line (ending in '\n' or not) to libcsv. */
static void feed(load_ctx *c, struct csv_parser *p, const char *s, size_t len)
{
    if (!c->rd.in_record) {
        for (size_t i = 0; i < len; i++)
            if (s[i] != '\r' && s[i] != '\n') {
                c->rd.in_record = 1;
                c->rd.rec_line = c->rd.line;
                break;
            }
    }
    size_t done = csv_parse(p, s, len, load_on_field, load_on_record, c);
    /* a field still open (a quote that is never closed) must not grow
     * without bound: libcsv keeps it in memory until it ends */
    if (c->status == TB_OK && p->entry_pos > TB_LOAD_MAX_FIELD) {
        c->status = tb_error_set(
            c->err, TB_EPARSE, c->path, c->rd.rec_line, (long)(c->rd.cur_n - c->rd.rec_first) + 1,
            "field of more than %d bytes, expected at most %d (is a closing "
            "quote missing?)",
            TB_LOAD_MAX_FIELD, TB_LOAD_MAX_FIELD);
        return;
    }
    if (done != len && c->status == TB_OK) {
        if (csv_error(p) == CSV_EPARSE)
            c->status = tb_error_set(
                c->err, TB_EPARSE, c->path, c->rd.line, (long)(c->rd.cur_n - c->rd.rec_first) + 1,
                "misplaced quote in a field, expected a quote only around a "
                "whole field (write \"\" for a quote inside one)");
        else
            c->status = tb_error_set(c->err, TB_ENOMEM, c->path, c->rd.line, 0,
                                     "out of memory while parsing");
    }
}

/* ---- encoding ----------------------------------------------------------- */

/* 1 when S holds a byte >= 0x80 (in valid UTF-8: a multi-byte character). */
int load_has_high(const char *s, size_t n)
{
    size_t i = 0;
    for (uint64_t w; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            return 1;
    }
    for (; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

/* Feed a chunk of UTF-8 text line by line. */
void load_feed_text(load_ctx *c, struct csv_parser *p, const char *s, size_t n)
{
    size_t start = 0;
    const char *nl;
    while (c->status == TB_OK && (nl = memchr(s + start, '\n', n - start))) {
        size_t i = (size_t)(nl - s);
        feed(c, p, s + start, i + 1 - start);
        c->rd.line++;
        start = i + 1;
    }
    if (start < n && c->status == TB_OK)
        feed(c, p, s + start, n - start);
    if (n)
        c->rd.last_byte = s[n - 1];
}

/* Feed the whole lines of S[0..N): the records before a problem at N. */
void load_feed_lines(load_ctx *c, struct csv_parser *p, const char *s, size_t n)
{
    const char *nl = n ? memrchr(s, '\n', n) : NULL;
    if (nl)
        load_feed_text(c, p, s, (size_t)(nl - s) + 1);
}

/* A NUL byte on the current line (unless a record before it failed). */
void load_nul_error(load_ctx *c)
{
    if (c->status == TB_OK)
        c->status = tb_error_set(c->err, TB_EPARSE, c->path, c->rd.line, 0,
                                 "NUL byte: this is a binary file, expected CSV text");
}

/* Delimiter: the candidate whose count per line (outside quotes) is the
 * same on most of the first lines. */
static char sniff_delimiter(const char *s, size_t n)
{
    static const char cand[3] = {';', ',', '\t'};
    int best = -1, best_score = -1, best_mode = 0;
    for (int k = 0; k < 3; k++) {
        int counts[40], nl = 0, cnt = 0, inq = 0;
        for (size_t i = 0; i < n && nl < 40; i++) {
            if (s[i] == '"')
                inq = !inq;
            else if (!inq && s[i] == cand[k])
                cnt++;
            else if (!inq && s[i] == '\n') {
                counts[nl++] = cnt;
                cnt = 0;
            }
        }
        if (nl < 40 && cnt)
            counts[nl++] = cnt;
        /* mode of the non-zero counts */
        int mode = 0, mode_n = 0;
        for (int a = 0; a < nl; a++) {
            if (!counts[a])
                continue;
            int m = 0;
            for (int b = 0; b < nl; b++)
                m += counts[b] == counts[a];
            if (m > mode_n || (m == mode_n && counts[a] > mode)) {
                mode = counts[a];
                mode_n = m;
            }
        }
        if (mode_n > best_score || (mode_n == best_score && mode > best_mode)) {
            best = k;
            best_score = mode_n;
            best_mode = mode;
        }
    }
    return best_score > 0 ? cand[best] : ',';
}

/* What the first bytes S[0..N) say: UTF-16 (refused), a BOM, the line
 * ends and the delimiter.  Returns the bytes to skip (the BOM), -1 after
 * an error. */
int load_read_start(load_ctx *c, const char *s, size_t n)
{
    if (n >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
                   ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF))) {
        c->status = tb_error_set(c->err, TB_EPARSE, c->path, 1, 1,
                                 "file is UTF-16, expected UTF-8 or Windows-1252 text");
        return -1;
    }
    int skip = (int)tb_text_boms(s, n);
    c->rep->bom = skip > 0;
    s += skip;
    n -= (size_t)skip;
    const char *nlp = memchr(s, '\n', n);
    c->rep->crlf = nlp && nlp > s && nlp[-1] == '\r';
    c->rd.delim = c->rd.o_delim ? c->rd.o_delim : sniff_delimiter(s, n);
    c->rep->delimiter = c->rd.delim;
    return skip;
}

/* A row that looks ragged or a value cut short in a file that grew while
 * it was read is the writer's doing: say that the file grew. */
void load_grew_instead(load_ctx *c, FILE *fp, long long expect)
{
    struct stat st;
    if ((c->status == TB_EPARSE || c->status == TB_EDATA) && fstat(fileno(fp), &st) == 0 &&
        st.st_size != expect)
        c->status = tb_error_set(
            c->err, TB_EIO, c->path, 0, 0,
            "file grew while it was read (%lld bytes when opened), "
            "expected a file that is not being written to (copy it first)",
            expect);
}

/* c->rd.keymask when every key field of record K of the batch being parsed
 * holds the same bytes as in the record before it (the storing thread
 * then takes that record's keys instead of looking them up again), else
 * 0.  The fields so far are where load_on_field has put them. */
static unsigned same_keys(const load_ctx *c, size_t k)
{
    const load_batch *b = c->rd.batch;
    if (k == 0)
        return 0;
    size_t p = b->rec[k - 1].first, q = b->rec[k].first, end = c->rd.cur_n;
    const size_t *off = c->rd.cur_off;
    for (unsigned m = c->rd.keymask; m; m &= m - 1) {
        size_t j = (size_t)__builtin_ctz(m);
        if (p + j >= q || q + j >= end)
            return 0; /* a short record: no key there */
        size_t a = off[p + j], la = off[p + j + 1] - a;
        size_t d = off[q + j], ld = (q + j + 1 < end ? off[q + j + 1] : c->rd.cur_used) - d;
        if (la != ld || memcmp(c->rd.cur_buf + a, c->rd.cur_buf + d, la))
            return 0;
    }
    return c->rd.keymask;
}

/* The record just parsed into c->rd.batch: its fields are already there (a
 * parsing thread's field buffer is the batch's, see seg_parse in load.c). */
static void batch_add(load_ctx *c)
{
    load_batch *b = c->rd.batch;
    if (TB_GROW(b->rec, b->caprec, b->nrec + 2, 1024) != 0) {
        c->status = tb_error_set(c->err, TB_ENOMEM, c->path, c->rd.rec_line, 0,
                                 "out of memory");
        return;
    }
    b->rec[b->nrec].first = c->rd.rec_first;
    b->rec[b->nrec].line = c->rd.rec_line;
    b->rec[b->nrec].same = c->rd.keymask ? same_keys(c, b->nrec) : 0;
    b->nrec++;
    b->rec[b->nrec].first = c->rd.cur_n;
    c->rd.rec_first = c->rd.cur_n;
}

void load_reader_start(load_ctx *c)
{
    if (c->rd.layout_done || c->status != TB_OK)
        return;
    c->rd.layout_done = 1;
    load_start(c, c->rd.head, c->rd.nhead, c->rd.delim);
    c->rd.keymask = c->lay.keymask;
}

void load_reader_free(load_reader *r)
{
    for (size_t i = 0; i < r->nhead; i++)
        rec_free(&r->head[i]);
    free(r->head);
    free(r->cur_buf);
    free(r->cur_off);
    free(r->cur_ptr);
}

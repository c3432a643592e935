/* Loading one CSV file into the series store.
 *
 * The file is read in chunks, checked for a BOM and UTF-8 (else converted
 * from Windows-1252 with iconv, see load.h for the rule) and fed to libcsv
 * one physical line at a time, so that every record knows the line it
 * starts on (a quoted field may hold line breaks).  The first records are
 * kept until the layout is known (load_layout.c); after that records
 * stream straight into the store.  A large file is parsed by several
 * threads at once (see "parallel parsing" below). */
#include "trendbeeld/load.h"
#include "load_priv.h"
#include "trendbeeld/text.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <pthread.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1u << 20)
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

static void take_record(load_ctx *c, load_rec *r);
static void batch_add(load_ctx *c);

/* ---- libcsv callbacks --------------------------------------------------- */

static void on_field(void *s, size_t len, void *data)
{
    load_ctx *c = data;
    if (c->status != TB_OK)
        return;
    if (len > TB_LOAD_MAX_FIELD) {
        c->status = tb_error_set(
            c->err, TB_EPARSE, c->path, c->rec_line, (long)(c->cur_n - c->rec_first) + 1,
            "field of %zu bytes, expected at most %d (is a closing quote "
            "missing?)",
            len, TB_LOAD_MAX_FIELD);
        return;
    }
    if (c->cur_n - c->rec_first >= TB_LOAD_MAX_COLUMNS) {
        c->status = tb_error_set(c->err, TB_EPARSE, c->path, c->rec_line,
                                 (long)(c->cur_n - c->rec_first) + 1,
                                 "more than %d fields in a row, expected at "
                                 "most %d",
                                 TB_LOAD_MAX_COLUMNS, TB_LOAD_MAX_COLUMNS);
        return;
    }
    if (c->cur_used + len + 1 > c->cur_cap) {
        size_t cap = c->cur_cap ? c->cur_cap : 4096;
        while (cap < c->cur_used + len + 1)
            cap *= 2;
        char *b = realloc(c->cur_buf, cap);
        if (!b) {
            c->status = tb_error_set(c->err, TB_ENOMEM, c->path, c->rec_line, 0,
                                     "out of memory");
            return;
        }
        c->cur_buf = b;
        c->cur_cap = cap;
    }
    if (c->cur_n == c->cur_offcap) {
        size_t cap = c->cur_offcap ? 2 * c->cur_offcap : 64;
        size_t *o = realloc(c->cur_off, cap * sizeof *o);
        if (!o) {
            c->status = tb_error_set(c->err, TB_ENOMEM, c->path, c->rec_line, 0,
                                     "out of memory");
            return;
        }
        c->cur_off = o;
        c->cur_offcap = cap;
    }
    char what[80];
    const char *expect;
    size_t bad = tb_text_bad(s, len, what, sizeof what, &expect);
    if (bad < len) {
        c->status = tb_error_set(
            c->err, TB_EPARSE, c->path, c->rec_line, (long)(c->cur_n - c->rec_first) + 1,
            "%s at character %ld of the field; expected %s", what,
            tb_text_column(s, bad), expect);
        return;
    }
    c->cur_off[c->cur_n++] = c->cur_used;
    if (len)
        memcpy(c->cur_buf + c->cur_used, s, len);
    c->cur_buf[c->cur_used + len] = '\0';
    c->cur_used += len + 1;
}

static void on_record(int term, void *data)
{
    load_ctx *c = data;
    (void)term;
    c->in_record = 0;
    if (c->status != TB_OK) {
        c->cur_n = c->cur_used = c->rec_first = 0;
        return;
    }
    if (c->batch) {
        batch_add(c);
        return;
    }
    if (c->cur_n > c->ptr_cap) {
        char **p = realloc(c->cur_ptr, c->cur_n * sizeof *p);
        if (!p) {
            c->status = tb_error_set(c->err, TB_ENOMEM, c->path, c->rec_line, 0,
                                     "out of memory");
            return;
        }
        c->cur_ptr = p;
        c->ptr_cap = c->cur_n;
    }
    for (size_t i = 0; i < c->cur_n; i++)
        c->cur_ptr[i] = c->cur_buf + c->cur_off[i];
    load_rec r = {c->cur_ptr, c->cur_n, c->rec_line, NULL, 0};
    c->cur_n = c->cur_used = 0;
    take_record(c, &r);
}

/* A whole record, in file order: kept until the layout is known, then
 * interpreted. */
static void take_record(load_ctx *c, load_rec *r0)
{
    load_rec r = *r0;
    if (!c->layout_done) {
        if (c->nhead == c->caphead) {
            size_t cap = c->caphead ? 2 * c->caphead : 64;
            load_rec *h = realloc(c->head, cap * sizeof *h);
            if (!h) {
                c->status = tb_error_set(c->err, TB_ENOMEM, c->path, r.line, 0,
                                         "out of memory");
                return;
            }
            c->head = h;
            c->caphead = cap;
        }
        if (rec_copy(&c->head[c->nhead], &r) != 0) {
            c->status = tb_error_set(c->err, TB_ENOMEM, c->path, r.line, 0,
                                     "out of memory");
            return;
        }
        c->nhead++;
        if (c->nhead >= HEAD_RECORDS)
            load_start(c);
        return;
    }
    load_record(c, &r);
}

static int space_only(unsigned char ch)
{
    return ch == ' ';
}

/* Feed one piece of a physical line (ending in '\n' or not) to libcsv. */
static void feed(load_ctx *c, struct csv_parser *p, const char *s, size_t len)
{
    if (!c->in_record) {
        for (size_t i = 0; i < len; i++)
            if (s[i] != '\r' && s[i] != '\n') {
                c->in_record = 1;
                c->rec_line = c->line;
                break;
            }
    }
    size_t done = csv_parse(p, s, len, on_field, on_record, c);
    /* a field still open (a quote that is never closed) must not grow
     * without bound: libcsv keeps it in memory until it ends */
    if (c->status == TB_OK && p->entry_pos > TB_LOAD_MAX_FIELD) {
        c->status = tb_error_set(
            c->err, TB_EPARSE, c->path, c->rec_line, (long)(c->cur_n - c->rec_first) + 1,
            "field of more than %d bytes, expected at most %d (is a closing "
            "quote missing?)",
            TB_LOAD_MAX_FIELD, TB_LOAD_MAX_FIELD);
        return;
    }
    if (done != len && c->status == TB_OK) {
        if (csv_error(p) == CSV_EPARSE)
            c->status = tb_error_set(
                c->err, TB_EPARSE, c->path, c->line, (long)(c->cur_n - c->rec_first) + 1,
                "misplaced quote in a field, expected a quote only around a "
                "whole field (write \"\" for a quote inside one)");
        else
            c->status = tb_error_set(c->err, TB_ENOMEM, c->path, c->line, 0,
                                     "out of memory while parsing");
    }
}

/* ---- encoding ----------------------------------------------------------- */

/* 1 when S holds a byte >= 0x80 (in valid UTF-8: a multi-byte character). */
static int has_high(const char *s, size_t n)
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
static void feed_text(load_ctx *c, struct csv_parser *p, const char *s, size_t n)
{
    size_t start = 0;
    const char *nl;
    while (c->status == TB_OK && (nl = memchr(s + start, '\n', n - start))) {
        size_t i = (size_t)(nl - s);
        feed(c, p, s + start, i + 1 - start);
        c->line++;
        start = i + 1;
    }
    if (start < n && c->status == TB_OK)
        feed(c, p, s + start, n - start);
    if (n)
        c->last_byte = s[n - 1];
}

/* Feed the whole lines of S[0..N): the records before a problem at N. */
static void feed_lines(load_ctx *c, struct csv_parser *p, const char *s, size_t n)
{
    const char *nl = n ? memrchr(s, '\n', n) : NULL;
    if (nl)
        feed_text(c, p, s, (size_t)(nl - s) + 1);
}

/* A NUL byte on the current line (unless a record before it failed). */
static void nul_error(load_ctx *c)
{
    if (c->status == TB_OK)
        c->status = tb_error_set(c->err, TB_EPARSE, c->path, c->line, 0,
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

/* ---- the file ----------------------------------------------------------- */

/* What the first bytes S[0..N) say: UTF-16 (refused), a BOM, the line
 * ends and the delimiter.  Returns the bytes to skip (the BOM), -1 after
 * an error. */
static int read_start(load_ctx *c, const char *s, size_t n)
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
    c->delim = c->o_delim ? c->o_delim : sniff_delimiter(s, n);
    c->rep->delimiter = c->delim;
    return skip;
}

/* A row that looks ragged or a value cut short in a file that grew while
 * it was read is the writer's doing: say that the file grew. */
static void grew_instead(load_ctx *c, FILE *fp, long long expect)
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

/* EXPECT: the size of a regular file when it was opened (-1: not known,
 * e.g. a pipe or a /proc file); reading more, or fewer, is an error.
 * FROM > 0: go on at that byte (FP is there), a record boundary on line
 * c->line, after text whose encoding and delimiter are known; MULTIBYTE:
 * that text held multi-byte characters. */
static tb_status read_file(load_ctx *c, FILE *fp, long long expect, long long from,
                           int multibyte)
{
    struct csv_parser p;
    /* a small file needs no 1 MiB buffer (one byte more than its size
     * shows whether it grew) */
    size_t chunk = expect >= 0 && expect - from < (long long)CHUNK - 64
                       ? (size_t)(expect - from) + 64 : CHUNK;
    char *buf = malloc(chunk + 8), *conv = NULL;
    iconv_t cd = (iconv_t)-1;
    if (!buf || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(buf);
        return tb_error_set(c->err, TB_ENOMEM, c->path, 0, 0, "out of memory");
    }
    size_t carry = 0;
    int first = 1;
    long long total = from, fed = from; /* bytes read; bytes before buf[0] */
    if (from == 0) {
        c->utf8 = 1;
        snprintf(c->rep->encoding, sizeof c->rep->encoding, "UTF-8");
    }
    for (;;) {
        size_t got = fread(buf + carry, 1, chunk - carry, fp);
        if (ferror(fp)) {
            c->status = tb_error_set(c->err, TB_EIO, c->path, c->line, 0,
                                     "read error: %s", strerror(errno));
            break;
        }
        size_t n = carry + got;
        int eof = got == 0 || feof(fp);
        total += (long long)got;
        if (c->o->progress && (total >> 26) != ((total - (long long)got) >> 26))
            c->o->progress(total, expect, c->o->progress_ctx); /* every 64 MiB */
        if (expect >= 0 && total > expect) {
            c->status = tb_error_set(
                c->err, TB_EIO, c->path, 0, 0,
                "file grew while it was read (%lld bytes when opened), "
                "expected a file that is not being written to (copy it first)",
                expect);
            break;
        }
        char *s = buf;
        if (first) {
            first = 0;
            if (from == 0) {
                int skip = read_start(c, s, n);
                if (skip < 0)
                    break;
                s += skip;
                n -= (size_t)skip;
                fed = skip;
            }
            csv_set_delim(&p, (unsigned char)c->delim);
            /* libcsv's own test (space or tab) is faster than a callback */
            if (c->delim == '\t')
                csv_set_space_func(&p, space_only);
        }
        /* A NUL byte or a byte that is not UTF-8 (or not Windows-1252) is
         * refused after the records before its line are read: what is
         * reported does not depend on where a read ended. */
        const char *nul = memchr(s, '\0', n);
        size_t z = nul ? (size_t)(nul - s) : n, use = n;
        if (c->utf8) {
            int inc;
            size_t v = tb_utf8_valid(s, z, &inc);
            if (v < z && !(inc && !eof && z == n)) {
                if (multibyte || has_high(s, v)) {
                    /* UTF-8 text with a stray byte: either reading garbles
                     * some names, so say where it is */
                    feed_lines(c, &p, s, v);
                    if (c->status == TB_OK)
                        c->status = tb_error_set(
                            c->err, TB_EPARSE, c->path, c->line, 0,
                            "byte 0x%02X (byte %lld of the file) is not UTF-8, but "
                            "the file has UTF-8 text before it; expected the whole "
                            "file in one encoding (save it again as UTF-8)",
                            (unsigned char)s[v], fed + (long long)v + 1);
                    break;
                }
                /* everything so far was ASCII: the file is Windows-1252 */
                c->utf8 = 0;
                snprintf(c->rep->encoding, sizeof c->rep->encoding,
                         "WINDOWS-1252");
                cd = iconv_open("UTF-8", "WINDOWS-1252");
                if (cd == (iconv_t)-1) {
                    c->status = tb_error_set(c->err, TB_EIO, c->path, 0, 0,
                                             "cannot convert from Windows-1252: %s",
                                             strerror(errno));
                    break;
                }
                conv = malloc(3 * chunk + 16);
                if (!conv) {
                    c->status = tb_error_set(c->err, TB_ENOMEM, c->path, 0, 0,
                                             "out of memory");
                    break;
                }
            } else if (z < n) {
                feed_lines(c, &p, s, z);
                nul_error(c);
                break;
            } else {
                use = v;
                multibyte |= has_high(s, v);
                feed_text(c, &p, s, use);
            }
        }
        if (!c->utf8) {
            char *in = s, *out = conv;
            size_t inleft = z, outleft = 3 * chunk + 16;
            if (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
                feed_lines(c, &p, conv, (size_t)(out - conv));
                if (c->status == TB_OK)
                    c->status = tb_error_set(
                        c->err, TB_EPARSE, c->path, c->line, 0,
                        "byte 0x%02X is not Windows-1252, expected UTF-8 or "
                        "Windows-1252 text",
                        (unsigned char)*in);
                break;
            }
            if (z < n) {
                feed_lines(c, &p, conv, (size_t)(out - conv));
                nul_error(c);
                break;
            }
            feed_text(c, &p, conv, (size_t)(out - conv));
        }
        if (c->status != TB_OK)
            break;
        carry = n - use;
        fed += (long long)use;
        if (carry)
            memmove(buf, s + use, carry);
        if (eof)
            break;
    }
    if (expect >= 0)
        grew_instead(c, fp, expect);
    if (c->status == TB_OK && expect >= 0) {
        struct stat st;
        long long now = fstat(fileno(fp), &st) == 0 ? (long long)st.st_size : total;
        if (total != expect || now != expect)
            c->status = tb_error_set(
                c->err, TB_EIO, c->path, 0, 0,
                "file changed while it was read (%lld bytes when opened, %lld "
                "read, %lld now), expected a file that is not being written to "
                "(copy it first)",
                expect, total, now);
    }
    if (c->status == TB_OK) {
        if (csv_fini(&p, on_field, on_record, c) != 0 && c->status == TB_OK)
            c->status = tb_error_set(c->err, TB_EPARSE, c->path, c->rec_line,
                                     (long)(c->cur_n - c->rec_first) + 1,
                                     "unterminated quoted field (the file ends "
                                     "inside it), expected a closing quote");
    }
    csv_free(&p);
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    free(conv);
    free(buf);
    c->rep->lines = c->line - 1 + (c->last_byte && c->last_byte != '\n');
    return c->status;
}

/* ---- parallel parsing ------------------------------------------------------
 *
 * A large regular file is cut into segments of about SEG_BYTES, each
 * ending at a record boundary: the first newline after the nominal end
 * at which the quotes since the segment's start are balanced (in CSV that
 * libcsv accepts a quote opens or closes a field or is doubled inside
 * one, so balanced quotes mean "between fields").  Parsing threads each
 * parse whole segments, counting lines from 1, into batches of records;
 * the calling thread takes the segments in file order and interprets
 * their records exactly as a one-thread load would, with the segment's
 * first line added; when the next segment is not ready it parses one
 * ahead itself, so N threads are N - 1 parsing threads and itself.  A
 * segment that is not plain UTF-8 CSV (a NUL byte, a byte that is not
 * UTF-8, a parse error, no boundary within reach) ends the parallel part:
 * from its start the one-thread reader goes on, and finds the same
 * problem at the same place as it would have alone. */

/* (smaller in the fuzzing build, which compares them with one thread) */
#ifndef SEG_BYTES
#define SEG_BYTES (2u << 20)
#endif
#ifndef SEG_REACH
#define SEG_REACH (16u << 20)  /* longest record looked for past the end */
#endif
#define SEG_SLACK (SEG_BYTES / 1024) /* read past the nominal end at once */
#define SEG_SLOTS 4            /* segments parsed ahead of the storing */

typedef struct load_batch {
    char *text;         /* fields, each NUL-terminated */
    size_t used, cap;
    size_t *off;        /* where each field starts in text */
    size_t nf, capf;
    struct {
        long line;      /* line the record starts on */
        size_t first;   /* its first field; one entry more marks the end */
        unsigned same;  /* key fields equal to the record before's */
    } *rec;
    size_t nrec, caprec;
} load_batch;

enum { SEG_FREE, SEG_BUSY, SEG_READY, SEG_ALONE };

typedef struct {
    load_batch b;          /* its records, lines counted from 1 */
    long long start, end;  /* its bytes in the file */
    long lines;            /* newlines in it */
    int high;              /* it holds multi-byte characters */
    char last;             /* its last byte */
    int state;
} load_seg;

typedef struct load_par {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    load_seg seg[SEG_SLOTS];
    size_t claimed;   /* segments handed out */
    long long next;   /* where the next one starts */
    int cut_done;     /* no more segments to hand out */
    int stop;         /* the storing thread is done with them */
    int fd;
    long long size;
    unsigned keymask; /* the key columns, once the layout is known */
    load_ctx proto;   /* the parsing threads' settings (read only) */
} load_par;

static int grow(void *pp, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 1024;
    while (n < need)
        n *= 2;
    void *t = realloc(*(void **)pp, n * size);
    if (!t)
        return -1;
    *(void **)pp = t;
    *cap = n;
    return 0;
}

/* c->keymask when every key field of record K of the batch being parsed
 * holds the same bytes as in the record before it (the storing thread
 * then takes that record's keys instead of looking them up again), else
 * 0.  The fields so far are where on_field has put them. */
static unsigned same_keys(const load_ctx *c, size_t k)
{
    const load_batch *b = c->batch;
    if (k == 0)
        return 0;
    size_t p = b->rec[k - 1].first, q = b->rec[k].first, end = c->cur_n;
    const size_t *off = c->cur_off;
    for (unsigned m = c->keymask; m; m &= m - 1) {
        size_t j = (size_t)__builtin_ctz(m);
        if (p + j >= q || q + j >= end)
            return 0; /* a short record: no key there */
        size_t a = off[p + j], la = off[p + j + 1] - a;
        size_t d = off[q + j], ld = (q + j + 1 < end ? off[q + j + 1] : c->cur_used) - d;
        if (la != ld || memcmp(c->cur_buf + a, c->cur_buf + d, la))
            return 0;
    }
    return c->keymask;
}

/* The record just parsed into c->batch: its fields are already there (a
 * parsing thread's field buffer is the batch's, see seg_parse). */
static void batch_add(load_ctx *c)
{
    load_batch *b = c->batch;
    if (grow(&b->rec, &b->caprec, b->nrec + 2, sizeof *b->rec)) {
        c->status = tb_error_set(c->err, TB_ENOMEM, c->path, c->rec_line, 0,
                                 "out of memory");
        return;
    }
    b->rec[b->nrec].first = c->rec_first;
    b->rec[b->nrec].line = c->rec_line;
    b->rec[b->nrec].same = c->keymask ? same_keys(c, b->nrec) : 0;
    b->nrec++;
    b->rec[b->nrec].first = c->cur_n;
    c->rec_first = c->cur_n;
}

/* Bytes [AT, AT + N) of the file, appended to *BUF at *LEN.  0: all there. */
static int read_at(int fd, long long at, size_t n, char **buf, size_t *cap, size_t *len)
{
    if (grow(buf, cap, *len + n + 1, 1))
        return -1;
    while (n) {
        ssize_t got = pread(fd, *buf + *len, n, (off_t)at);
        if (got <= 0)
            return -1;
        *len += (size_t)got;
        at += got;
        n -= (size_t)got;
    }
    return 0;
}

/* Quotes in S[0..N), eight bytes at a time. */
static size_t count_quotes(const char *s, size_t n)
{
    size_t k = 0, i = 0;
    for (uint64_t w; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        w ^= 0x2222222222222222ull; /* a quote becomes a zero byte */
        /* the high bit of each byte that is zero, exactly (no borrows) */
        uint64_t t = ~(((w & 0x7F7F7F7F7F7F7F7Full) + 0x7F7F7F7F7F7F7F7Full) | w) &
                     0x8080808080808080ull;
        k += (size_t)(((t >> 7) * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        k += s[i] == '"';
    return k;
}

/* Read the segment that starts at START into *BUF and find its end.
 * Returns its length, 0 when no boundary is within reach (or the file
 * could not be read as far as it was long). */
static size_t seg_cut(const load_par *q, long long start, char **buf, size_t *cap)
{
    size_t len = 0;
    long long left = q->size - start;
    if (left <= (long long)(SEG_BYTES + SEG_SLACK))
        return read_at(q->fd, start, (size_t)left, buf, cap, &len) ? 0 : (size_t)left;
    if (read_at(q->fd, start, SEG_BYTES + SEG_SLACK, buf, cap, &len))
        return 0;
    int inside = count_quotes(*buf, SEG_BYTES) & 1;
    for (size_t i = SEG_BYTES;; i++) {
        if (i == len) {
            long long more = q->size - start - (long long)len;
            if (more <= 0)
                return len; /* the rest of the file */
            size_t step = SEG_BYTES / 16 > 4096 ? SEG_BYTES / 16 : 4096;
            if (len >= SEG_BYTES + SEG_REACH ||
                read_at(q->fd, start + (long long)len, more < (long long)step ? (size_t)more : step,
                        buf, cap, &len))
                return 0;
        }
        char ch = (*buf)[i];
        if (ch == '"')
            inside ^= 1;
        else if (ch == '\n' && !inside)
            return i + 1;
    }
}

/* Parse segment G (bytes S[0..N)) into its batch.  0: done; -1: the
 * one-thread reader must take it. */
static int seg_parse(load_ctx *pc, struct csv_parser *p, load_seg *g, const char *s, size_t n)
{
    int inc;
    if (memchr(s, '\0', n) || tb_utf8_valid(s, n, &inc) != n)
        return -1;
    g->high = has_high(s, n);
    /* the fields go straight into the batch's buffers */
    load_batch *b = &g->b;
    pc->batch = b;
    pc->cur_buf = b->text, pc->cur_cap = b->cap, pc->cur_used = 0;
    pc->cur_off = b->off, pc->cur_offcap = b->capf, pc->cur_n = pc->rec_first = 0;
    pc->line = 1;
    pc->in_record = 0;
    pc->status = TB_OK;
    feed_text(pc, p, s, n);
    int bad = csv_fini(p, on_field, on_record, pc) != 0 || pc->status != TB_OK;
    b->text = pc->cur_buf, b->cap = pc->cur_cap, b->used = pc->cur_used;
    b->off = pc->cur_off, b->capf = pc->cur_offcap, b->nf = pc->cur_n;
    if (bad)
        return -1;
    g->lines = pc->line - 1;
    g->last = s[n - 1];
    return 0;
}

/* What a thread needs to parse segments: its own context, parser and
 * read buffer. */
typedef struct {
    load_ctx pc;
    tb_error err;
    struct csv_parser p;
    int ok;
    char *buf;
    size_t cap;
} load_parser;

static void parser_init(load_parser *w, const load_par *q)
{
    w->pc = q->proto;
    w->pc.err = &w->err;
    w->buf = NULL;
    w->cap = 0;
    w->ok = csv_init(&w->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) == 0;
    if (w->ok) {
        csv_set_delim(&w->p, (unsigned char)w->pc.delim);
        if (w->pc.delim == '\t')
            csv_set_space_func(&w->p, space_only);
    }
}

static void parser_free(load_parser *w)
{
    if (w->ok)
        csv_free(&w->p);
    free(w->buf);
}

/* Claim the next segment, cut it and parse it; called and returning with
 * the lock held.  0: there was none to claim (all cut, stopping, or no
 * free slot). */
static int par_work(load_par *q, load_parser *w)
{
    load_seg *g = &q->seg[q->claimed % SEG_SLOTS];
    if (q->stop || q->cut_done || g->state != SEG_FREE)
        return 0;
    q->claimed++;
    w->pc.keymask = q->keymask;
    g->start = q->next;
    /* cutting is done in turn: each cut starts where the last ended */
    size_t n = w->ok ? seg_cut(q, g->start, &w->buf, &w->cap) : 0;
    g->end = g->start + (long long)n;
    q->next = g->end;
    if (!n || q->next >= q->size)
        q->cut_done = 1;
    g->state = SEG_BUSY;
    pthread_mutex_unlock(&q->mu);
    int alone = !n || seg_parse(&w->pc, &w->p, g, w->buf, n) != 0;
    pthread_mutex_lock(&q->mu);
    g->state = alone ? SEG_ALONE : SEG_READY;
    if (alone)
        q->cut_done = 1;
    pthread_cond_broadcast(&q->cv);
    return 1;
}

static void *par_parse(void *arg)
{
    load_par *q = arg;
    load_parser w;
    parser_init(&w, q);
    pthread_mutex_lock(&q->mu);
    for (;;) {
        while (!q->stop && !q->cut_done && q->seg[q->claimed % SEG_SLOTS].state != SEG_FREE)
            pthread_cond_wait(&q->cv, &q->mu);
        if (!par_work(q, &w))
            break;
    }
    pthread_mutex_unlock(&q->mu);
    parser_free(&w);
    return NULL;
}

/* Take the parsed segments in order; while the next is not ready, parse
 * one ahead instead of waiting.  Returns where the one-thread reader must
 * go on, -1 when all was taken (or an error stopped it); *LINE is the
 * line after what was taken, *HIGH whether it held multi-byte characters. */
static long long par_take(load_ctx *c, load_par *q, long *line, int *high)
{
    char **ptr = NULL;
    size_t ptrcap = 0;
    long long resume = -1;
    load_parser w;
    parser_init(&w, q);
    for (size_t k = 0;; k++) {
        load_seg *g = &q->seg[k % SEG_SLOTS];
        pthread_mutex_lock(&q->mu);
        while (!(q->claimed > k && (g->state == SEG_READY || g->state == SEG_ALONE)) &&
               !(q->cut_done && q->claimed <= k))
            if (!par_work(q, &w))
                pthread_cond_wait(&q->cv, &q->mu);
        int ready = q->claimed > k && g->state == SEG_READY;
        if (q->claimed > k && !ready)
            resume = g->start;
        pthread_mutex_unlock(&q->mu);
        if (!ready)
            break;
        load_batch *b = &g->b;
        for (size_t i = 0; i < b->nrec && c->status == TB_OK; i++) {
            size_t n = b->rec[i + 1].first - b->rec[i].first;
            if (grow(&ptr, &ptrcap, n ? n : 1, sizeof *ptr)) {
                c->status = tb_error_set(c->err, TB_ENOMEM, c->path,
                                         *line + b->rec[i].line - 1, 0, "out of memory");
                break;
            }
            for (size_t j = 0; j < n; j++)
                ptr[j] = b->text + b->off[b->rec[i].first + j];
            load_rec r = {ptr, n, *line + b->rec[i].line - 1, NULL, b->rec[i].same};
            take_record(c, &r);
        }
        if (c->layout_done && !q->keymask) {
            pthread_mutex_lock(&q->mu);
            q->keymask = c->keymask; /* for the segments claimed from now on */
            pthread_mutex_unlock(&q->mu);
        }
        *line += g->lines;
        *high |= g->high;
        c->last_byte = g->last;
        if (c->o->progress && (g->end >> 26) != (g->start >> 26))
            c->o->progress(g->end, q->size, c->o->progress_ctx); /* every 64 MiB */
        pthread_mutex_lock(&q->mu);
        b->used = b->nf = b->nrec = 0;
        g->state = SEG_FREE;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
        if (c->status != TB_OK)
            break;
    }
    free(ptr);
    parser_free(&w);
    return resume;
}

/* Read the regular file FP of EXPECT bytes with NPARSE parsing threads
 * besides the calling one, which stores (and parses while it would wait);
 * the same outcome as read_file. */
static void read_file_parallel(load_ctx *c, FILE *fp, long long expect, int nparse)
{
    enum { MAX_PARSE = 8 };
    /* the first bytes, as the one-thread reader sees them */
    size_t want = expect < (long long)CHUNK ? (size_t)expect : CHUNK;
    char *head = malloc(want);
    size_t got = head ? fread(head, 1, want, fp) : 0;
    load_par *q = calloc(1, sizeof *q);
    pthread_t t[MAX_PARSE];
    c->utf8 = 1;
    snprintf(c->rep->encoding, sizeof c->rep->encoding, "UTF-8");
    int started = 0, skip = got == want && q ? read_start(c, head, got) : -1;
    free(head);
    if (c->status != TB_OK) {
        free(q);
        return;
    }
    if (skip >= 0) {
        q->fd = fileno(fp);
        q->size = expect;
        q->next = skip;
        q->proto = *c;
        pthread_mutex_init(&q->mu, NULL);
        pthread_cond_init(&q->cv, NULL);
        while (started < nparse && started < MAX_PARSE &&
               pthread_create(&t[started], NULL, par_parse, q) == 0)
            started++;
    }
    long long resume = 0;
    long line = 1;
    int high = 0;
    if (started) {
        resume = par_take(c, q, &line, &high);
        pthread_mutex_lock(&q->mu);
        q->stop = 1;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
        for (int k = 0; k < started; k++)
            pthread_join(t[k], NULL);
        pthread_mutex_destroy(&q->mu);
        pthread_cond_destroy(&q->cv);
    }
    if (q) {
        for (int k = 0; k < SEG_SLOTS; k++)
            free(q->seg[k].b.text), free(q->seg[k].b.off), free(q->seg[k].b.rec);
        free(q);
    }
    if (c->status != TB_OK) {
        grew_instead(c, fp, expect);
        return;
    }
    if (resume >= 0) { /* the rest (or all) as one thread reads it */
        c->line = line;
        if (fseeko(fp, resume, SEEK_SET) != 0)
            c->status = tb_error_set(c->err, TB_EIO, c->path, line, 0, "read error: %s",
                                     strerror(errno));
        else
            read_file(c, fp, expect, resume, high);
        return;
    }
    c->line = line;
    c->rep->lines = c->line - 1 + (c->last_byte && c->last_byte != '\n');
    struct stat st;
    char more;
    if (fstat(fileno(fp), &st) != 0 || st.st_size != expect ||
        pread(fileno(fp), &more, 1, (off_t)expect) != 0)
        c->status = tb_error_set(
            c->err, TB_EIO, c->path, 0, 0,
            "file grew while it was read (%lld bytes when opened), "
            "expected a file that is not being written to (copy it first)",
            expect);
}

FILE *tb_load_open(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    int e = 0, fl;
    if (fstat(fd, &st) != 0)
        e = errno;
    else if (S_ISDIR(st.st_mode))
        e = EISDIR;
    else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
        e = ENODEV;
    else if ((fl = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
        e = errno;
    FILE *f = e ? NULL : fdopen(fd, "rb");
    if (!f) {
        e = e ? e : errno;
        close(fd);
        errno = e;
    }
    return f;
}

tb_status tb_load_file(tb_store *s, const char *path, const tb_load_options *o,
                       tb_load_report *rep, tb_diag *warn, tb_error *err)
{
    static const tb_load_options none;
    tb_load_report local;
    tb_error elocal;
    if (!o)
        o = &none;
    if (!rep)
        rep = &local;
    if (!err)
        err = &elocal;
    memset(rep, 0, sizeof *rep);
    if (!s || !path)
        return tb_error_set(err, TB_EINVAL, path, 0, 0,
                            "no store or no file name given");
    /* the type is checked on what was opened, not on the name */
    FILE *fp = tb_load_open(path);
    if (!fp && errno == EISDIR)
        return tb_error_set(err, TB_EIO, path, 0, 0, "is a directory, expected a CSV file");
    if (!fp && errno == ENODEV)
        return tb_error_set(err, TB_EIO, path, 0, 0,
                            "is a device or socket, expected a CSV file");
    if (!fp)
        return tb_error_set(err, TB_EIO, path, 0, 0, "cannot open: %s",
                            strerror(errno));
    struct stat st;
    /* the size of what was opened (not of what the name points to now);
     * /proc files say 0 and are read as they come */
    long long expect = -1;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        expect = (long long)st.st_size;
    load_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        fclose(fp);
        return tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
    }
    c->s = s;
    c->path = path;
    c->o = o;
    c->rep = rep;
    c->warn = warn;
    c->err = err;
    c->line = 1;
    c->status = TB_OK;
    c->max_rows = o->max_rows > 0 ? o->max_rows : TB_LOAD_MAX_ROWS;
    c->max_series = o->max_series > 0 ? o->max_series : TB_LOAD_MAX_SERIES;
    c->source = tb_store_intern(s, path);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = o->threads > 0 ? o->threads : cores > 1 ? (int)cores : 1;
    if (threads > 1 && expect >= TB_LOAD_PARALLEL_BYTES)
        read_file_parallel(c, fp, expect, threads - 1);
    else
        read_file(c, fp, expect, 0, 0);
    fclose(fp);
    if (c->status == TB_OK && !c->layout_done)
        load_start(c);
    if (c->status == TB_OK)
        load_finish(c);
    tb_status st2 = c->status;
    for (size_t i = 0; i < c->nhead; i++)
        rec_free(&c->head[i]);
    free(c->head);
    free(c->cur_buf);
    free(c->cur_off);
    free(c->cur_ptr);
    load_ctx_free(c);
    free(c);
    return st2;
}

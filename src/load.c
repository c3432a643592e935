/* Loading one CSV file into the series store.
 *
 * The file is read in chunks, checked for a BOM and UTF-8 (else converted
 * from Windows-1252 with iconv, see load.h for the rule) and fed to libcsv
 * one physical line at a time, so that every record knows the line it starts on (a quoted field
 * may hold line breaks).  The first records are kept until the layout is
 * known (load_layout.c); after that records stream straight into the
 * store. */
#include "trendbeeld/load.h"
#include "load_priv.h"

#include <csv.h>
#include <errno.h>
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
    return 0;
}

static void take_record(load_ctx *c, load_rec *r);
static void pipe_add(load_ctx *c);

/* ---- libcsv callbacks --------------------------------------------------- */

static void on_field(void *s, size_t len, void *data)
{
    load_ctx *c = data;
    if (c->status != TB_OK)
        return;
    if (len > TB_LOAD_MAX_FIELD) {
        c->status = tb_error_set(
            c->err, TB_EPARSE, c->path, c->rec_line, (long)c->cur_n + 1,
            "field of %zu bytes, expected at most %d (is a closing quote "
            "missing?)",
            len, TB_LOAD_MAX_FIELD);
        return;
    }
    if (c->cur_n >= TB_LOAD_MAX_COLUMNS) {
        c->status = tb_error_set(c->err, TB_EPARSE, c->path, c->rec_line,
                                 (long)c->cur_n + 1,
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
        c->cur_n = c->cur_used = 0;
        return;
    }
    if (c->pipe) {
        pipe_add(c);
        c->cur_n = c->cur_used = 0;
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
    load_rec r = {c->cur_ptr, c->cur_n, c->rec_line, NULL};
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
            c->err, TB_EPARSE, c->path, c->rec_line, (long)c->cur_n + 1,
            "field of more than %d bytes, expected at most %d (is a closing "
            "quote missing?)",
            TB_LOAD_MAX_FIELD, TB_LOAD_MAX_FIELD);
        return;
    }
    if (done != len && c->status == TB_OK) {
        if (csv_error(p) == CSV_EPARSE)
            c->status = tb_error_set(
                c->err, TB_EPARSE, c->path, c->line, (long)c->cur_n + 1,
                "misplaced quote in a field, expected a quote only around a "
                "whole field (write \"\" for a quote inside one)");
        else
            c->status = tb_error_set(c->err, TB_ENOMEM, c->path, c->line, 0,
                                     "out of memory while parsing");
    }
}

/* ---- encoding ----------------------------------------------------------- */

/* Length of the valid UTF-8 prefix of S; *INCOMPLETE set when S ends in
 * the middle of a sequence (the caller carries those bytes over). */
static size_t utf8_valid(const unsigned char *s, size_t n, int *incomplete)
{
    size_t i = 0;
    *incomplete = 0;
    while (i < n) {
        /* ASCII runs eight bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char b = s[i];
        size_t k;
        if (b < 0x80) {
            i++;
            continue;
        } else if (b >= 0xC2 && b <= 0xDF)
            k = 1;
        else if (b >= 0xE0 && b <= 0xEF)
            k = 2;
        else if (b >= 0xF0 && b <= 0xF4)
            k = 3;
        else
            return i;
        if (i + k >= n) {
            /* sequence runs past the end: fine if what is there is valid */
            for (size_t j = i + 1; j < n; j++)
                if ((s[j] & 0xC0) != 0x80)
                    return i;
            *incomplete = 1;
            return i;
        }
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return i;
        i += k + 1;
    }
    return i;
}

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

static long count_lines(const char *s, size_t n)
{
    long k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    return k;
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

/* EXPECT: the size of a regular file when it was opened (-1: not known,
 * e.g. a pipe or a /proc file); reading more, or fewer, is an error. */
static tb_status read_file(load_ctx *c, FILE *fp, long long expect)
{
    struct csv_parser p;
    /* a small file needs no 1 MiB buffer (one byte more than its size
     * shows whether it grew) */
    size_t chunk = expect >= 0 && expect < (long long)CHUNK - 64
                       ? (size_t)expect + 64 : CHUNK;
    char *buf = malloc(chunk + 8), *conv = NULL;
    iconv_t cd = (iconv_t)-1;
    if (!buf || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(buf);
        return tb_error_set(c->err, TB_ENOMEM, c->path, 0, 0, "out of memory");
    }
    size_t carry = 0;
    int first = 1, multibyte = 0;
    long long total = 0, fed = 0; /* bytes read; bytes before buf[0] */
    c->utf8 = 1;
    snprintf(c->rep->encoding, sizeof c->rep->encoding, "UTF-8");
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
            if (n >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
                           ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF))) {
                c->status = tb_error_set(c->err, TB_EPARSE, c->path, 1, 1,
                                         "file is UTF-16, expected UTF-8 or "
                                         "Windows-1252 text");
                break;
            }
            if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
                c->rep->bom = 1;
                s += 3;
                n -= 3;
                fed = 3;
            }
            const char *nlp = memchr(s, '\n', n);
            c->rep->crlf = nlp && nlp > s && nlp[-1] == '\r';
            c->delim = c->o_delim ? c->o_delim : sniff_delimiter(s, n);
            c->rep->delimiter = c->delim;
            csv_set_delim(&p, (unsigned char)c->delim);
            /* libcsv's own test (space or tab) is faster than a callback */
            if (c->delim == '\t')
                csv_set_space_func(&p, space_only);
        }
        if (memchr(s, '\0', n)) {
            size_t z = (size_t)((char *)memchr(s, '\0', n) - s);
            c->status = tb_error_set(c->err, TB_EPARSE, c->path,
                                     c->line + count_lines(s, z), 0,
                                     "NUL byte: this is a binary file, expected "
                                     "CSV text");
            break;
        }
        size_t use = n;
        if (c->utf8) {
            int inc;
            size_t v = utf8_valid((const unsigned char *)s, n, &inc);
            if (v < n && !(inc && !eof)) {
                if (multibyte || has_high(s, v)) {
                    /* UTF-8 text with a stray byte: either reading garbles
                     * some names, so say where it is */
                    c->status = tb_error_set(
                        c->err, TB_EPARSE, c->path, c->line + count_lines(s, v), 0,
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
            } else {
                use = v;
                multibyte |= has_high(s, v);
                feed_text(c, &p, s, use);
            }
        }
        if (!c->utf8) {
            char *in = s, *out = conv;
            size_t inleft = n, outleft = 3 * chunk + 16;
            if (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
                c->status = tb_error_set(
                    c->err, TB_EPARSE, c->path,
                    c->line + count_lines(s, (size_t)(in - s)), 0,
                    "byte 0x%02X is not Windows-1252, expected UTF-8 or "
                    "Windows-1252 text",
                    (unsigned char)*in);
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
                                     (long)c->cur_n + 1,
                                     "unterminated quoted field (the file ends "
                                     "inside it), expected a closing quote");
    }
    csv_free(&p);
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    free(conv);
    free(buf);
    c->bytes = (long)total;
    c->rep->lines = c->line - 1 + (c->last_byte && c->last_byte != '\n');
    return c->status;
}

/* ---- two threads: one parses, the other stores ---------------------------
 *
 * The parsing thread runs read_file on its own copy of the context and
 * hands whole records over in batches, in file order; the calling thread
 * interprets them exactly as a one-thread load would.  Its errors come
 * first (they are earlier in the file than anything still being parsed);
 * a parse error counts once every record before it has been taken. */

#define PIPE_BATCHES 4
#define BATCH_RECORDS 8192
#define BATCH_BYTES (1u << 20)

typedef struct {
    char *text;         /* fields, each NUL-terminated */
    size_t used, cap;
    size_t *off;        /* where each field starts in text */
    size_t nf, capf;
    struct {
        long line;      /* line the record starts on */
        size_t first;   /* its first field; one entry more marks the end */
    } *rec;
    size_t nrec, caprec;
} load_batch;

typedef struct load_pipe {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    load_batch b[PIPE_BATCHES];
    size_t head, count; /* oldest full batch; full batches */
    size_t fill;        /* the batch being filled (parsing thread only) */
    int done, stop;
    load_ctx *pc;       /* the parsing thread's context */
    FILE *fp;
    long long expect;
} load_pipe;

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

/* Hand the batch being filled over; wait for a free one.  1: the storing
 * thread has stopped at an error. */
static int pipe_push(load_pipe *q)
{
    pthread_mutex_lock(&q->mu);
    q->count++;
    pthread_cond_broadcast(&q->cv);
    while (q->count == PIPE_BATCHES && !q->stop)
        pthread_cond_wait(&q->cv, &q->mu);
    int stop = q->stop;
    pthread_mutex_unlock(&q->mu);
    return stop;
}

/* The record just parsed (the fields in c->cur_buf) into the batch. */
static void pipe_add(load_ctx *c)
{
    load_pipe *q = c->pipe;
    load_batch *b = &q->b[q->fill];
    if (grow(&b->text, &b->cap, b->used + c->cur_used, 1) ||
        grow(&b->off, &b->capf, b->nf + c->cur_n, sizeof *b->off) ||
        grow(&b->rec, &b->caprec, b->nrec + 2, sizeof *b->rec)) {
        c->status = tb_error_set(c->err, TB_ENOMEM, c->path, c->rec_line, 0,
                                 "out of memory");
        return;
    }
    b->rec[b->nrec].first = b->nf;
    b->rec[b->nrec++].line = c->rec_line;
    if (c->cur_used)
        memcpy(b->text + b->used, c->cur_buf, c->cur_used);
    for (size_t i = 0; i < c->cur_n; i++)
        b->off[b->nf++] = b->used + c->cur_off[i];
    b->used += c->cur_used;
    b->rec[b->nrec].first = b->nf;
    if (b->nrec >= BATCH_RECORDS || b->used >= BATCH_BYTES) {
        int stop = pipe_push(q);
        q->fill = (q->fill + 1) % PIPE_BATCHES;
        if (stop && c->status == TB_OK)
            c->status = TB_EDATA; /* the other thread failed: its error counts */
    }
}

static tb_status read_file(load_ctx *c, FILE *fp, long long expect);

static void *pipe_parse(void *arg)
{
    load_pipe *q = arg;
    read_file(q->pc, q->fp, q->expect);
    load_batch *b = &q->b[q->fill];
    pthread_mutex_lock(&q->mu);
    if (b->nrec)
        q->count++;
    q->done = 1;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

/* Take the batches in order; the parsing thread's outcome at the end. */
static void pipe_take(load_ctx *c, load_pipe *q)
{
    char **ptr = NULL;
    size_t ptrcap = 0;
    for (;;) {
        pthread_mutex_lock(&q->mu);
        while (!q->count && !q->done)
            pthread_cond_wait(&q->cv, &q->mu);
        if (!q->count) {
            pthread_mutex_unlock(&q->mu);
            break;
        }
        load_batch *b = &q->b[q->head];
        /* set before the first batch was handed over */
        c->delim = q->pc->delim;
        c->utf8 = q->pc->utf8;
        pthread_mutex_unlock(&q->mu);
        for (size_t k = 0; k < b->nrec && c->status == TB_OK; k++) {
            size_t n = b->rec[k + 1].first - b->rec[k].first;
            if (grow(&ptr, &ptrcap, n ? n : 1, sizeof *ptr)) {
                c->status = tb_error_set(c->err, TB_ENOMEM, c->path, b->rec[k].line,
                                         0, "out of memory");
                break;
            }
            for (size_t i = 0; i < n; i++)
                ptr[i] = b->text + b->off[b->rec[k].first + i];
            load_rec r = {ptr, n, b->rec[k].line, NULL};
            take_record(c, &r);
        }
        b->used = b->nf = b->nrec = 0;
        pthread_mutex_lock(&q->mu);
        q->head = (q->head + 1) % PIPE_BATCHES;
        q->count--;
        if (c->status != TB_OK)
            q->stop = 1;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
    }
    free(ptr);
}

/* Read FP with a second thread parsing; the same outcome as read_file. */
static void read_file_piped(load_ctx *c, FILE *fp, long long expect)
{
    load_pipe *q = calloc(1, sizeof *q);
    load_ctx *pc = malloc(sizeof *pc);
    tb_error perr = {0};
    if (!q || !pc) {
        free(q), free(pc);
        read_file(c, fp, expect);
        return;
    }
    *pc = *c;
    pc->err = &perr;
    pc->pipe = q;
    q->pc = pc;
    q->fp = fp;
    q->expect = expect;
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->cv, NULL);
    pthread_t t;
    if (pthread_create(&t, NULL, pipe_parse, q) != 0) {
        pthread_mutex_destroy(&q->mu);
        pthread_cond_destroy(&q->cv);
        free(q), free(pc);
        read_file(c, fp, expect);
        return;
    }
    pipe_take(c, q);
    pthread_join(t, NULL);
    /* what the reading thread found about the file */
    c->line = pc->line;
    c->bytes = pc->bytes;
    c->delim = pc->delim;
    c->utf8 = pc->utf8;
    if (c->status == TB_OK && pc->status != TB_OK) {
        *c->err = perr;
        c->status = pc->status;
    }
    for (int k = 0; k < PIPE_BATCHES; k++) {
        free(q->b[k].text), free(q->b[k].off), free(q->b[k].rec);
    }
    free(pc->cur_buf), free(pc->cur_off), free(pc->cur_ptr);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->cv);
    free(q), free(pc);
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
    struct stat st;
    if (stat(path, &st) != 0)
        return tb_error_set(err, TB_EIO, path, 0, 0, "cannot open: %s",
                            strerror(errno));
    if (S_ISDIR(st.st_mode))
        return tb_error_set(err, TB_EIO, path, 0, 0,
                            "is a directory, expected a CSV file");
    if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
        return tb_error_set(err, TB_EIO, path, 0, 0,
                            "is a device or socket, expected a CSV file");
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return tb_error_set(err, TB_EIO, path, 0, 0, "cannot open: %s",
                            strerror(errno));
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
    int threads = o->threads > 0 ? o->threads : cores > 1 ? 2 : 1;
    if (threads > 1 && expect >= TB_LOAD_PIPE_BYTES)
        read_file_piped(c, fp, expect);
    else
        read_file(c, fp, expect);
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

/* Loading one CSV file into the series store: reading the file.
 *
 * The file is read in chunks, checked for a BOM and UTF-8 (else converted
 * from Windows-1252 with iconv, see load.h for the rule) and fed to libcsv
 * one physical line at a time (load_csv.c).  The first records are kept
 * until the layout is known (load_layout.c); after that records stream
 * straight into the store.  A large file is parsed by several threads at
 * once (see "parallel parsing" below).  load_priv.h shows the way through
 * the loader's files. */
#include "trendbeeld/load.h"
#include "grow.h"
#include "load_read.h"
#include "trendbeeld/text.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1u << 20)

/* ---- the file, one thread ---------------------------------------------------- */

/* The state of reading one file with one thread. */
typedef struct {
    struct csv_parser p;
    size_t chunk;       /* bytes read at once */
    char *conv;         /* the chunk converted from Windows-1252 */
    iconv_t cd;
    int multibyte;      /* the text so far held multi-byte characters */
    long long fed;      /* bytes of the file before the chunk */
} file_reader;

/* Everything so far was ASCII and a byte is not UTF-8: the file is
 * Windows-1252.  -1 after an error. */
static int to_windows1252(load_ctx *c, file_reader *f)
{
    c->rd.utf8 = 0;
    snprintf(c->rep->encoding, sizeof c->rep->encoding, "WINDOWS-1252");
    f->cd = iconv_open("UTF-8", "WINDOWS-1252");
    if (f->cd == (iconv_t)-1) {
        c->status = tb_error_set(c->err, TB_EIO, c->path, 0, 0,
                                 "cannot convert from Windows-1252: %s", strerror(errno));
        return -1;
    }
    f->conv = malloc(3 * f->chunk + 16);
    if (!f->conv) {
        c->status = tb_error_set(c->err, TB_ENOMEM, c->path, 0, 0, "out of memory");
        return -1;
    }
    return 0;
}

/* Feed the chunk S[0..N) (EOF: the last); *USE: the bytes fed (the rest
 * is the start of a character cut by the read).  A NUL byte or a byte
 * that is not UTF-8 (or not Windows-1252) is refused after the records
 * before its line are read: what is reported does not depend on where a
 * read ended.  -1: stop. */
static int feed_chunk(load_ctx *c, file_reader *f, char *s, size_t n, int eof,
                      size_t *use)
{
    const char *nul = memchr(s, '\0', n);
    size_t z = nul ? (size_t)(nul - s) : n;
    *use = n;
    if (c->rd.utf8) {
        int inc;
        size_t v = tb_utf8_valid(s, z, &inc);
        if (v < z && !(inc && !eof && z == n)) {
            if (f->multibyte || load_has_high(s, v)) {
                /* UTF-8 text with a stray byte: either reading garbles
                 * some names, so say where it is */
                load_feed_lines(c, &f->p, s, v);
                if (c->status == TB_OK)
                    c->status = tb_error_set(
                        c->err, TB_EPARSE, c->path, c->rd.line, 0,
                        "byte 0x%02X (byte %lld of the file) is not UTF-8, but "
                        "the file has UTF-8 text before it; expected the whole "
                        "file in one encoding (save it again as UTF-8)",
                        (unsigned char)s[v], f->fed + (long long)v + 1);
                return -1;
            }
            if (to_windows1252(c, f) != 0)
                return -1;
        } else if (z < n) {
            load_feed_lines(c, &f->p, s, z);
            load_nul_error(c);
            return -1;
        } else {
            *use = v;
            f->multibyte |= load_has_high(s, v);
            load_feed_text(c, &f->p, s, v);
        }
    }
    if (!c->rd.utf8) {
        char *in = s, *out = f->conv;
        size_t inleft = z, outleft = 3 * f->chunk + 16;
        if (iconv(f->cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
            load_feed_lines(c, &f->p, f->conv, (size_t)(out - f->conv));
            if (c->status == TB_OK)
                c->status = tb_error_set(
                    c->err, TB_EPARSE, c->path, c->rd.line, 0,
                    "byte 0x%02X is not Windows-1252, expected UTF-8 or "
                    "Windows-1252 text",
                    (unsigned char)*in);
            return -1;
        }
        if (z < n) {
            load_feed_lines(c, &f->p, f->conv, (size_t)(out - f->conv));
            load_nul_error(c);
            return -1;
        }
        load_feed_text(c, &f->p, f->conv, (size_t)(out - f->conv));
    }
    return c->status != TB_OK ? -1 : 0;
}

/* After the last chunk (TOTAL bytes read): the file did not change, and
 * the last record ended. */
static void read_end(load_ctx *c, file_reader *f, FILE *fp, long long expect,
                     long long total)
{
    if (expect >= 0)
        load_grew_instead(c, fp, expect);
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
        if (csv_fini(&f->p, load_on_field, load_on_record, c) != 0 && c->status == TB_OK)
            c->status = tb_error_set(c->err, TB_EPARSE, c->path, c->rd.rec_line,
                                     (long)(c->rd.cur_n - c->rd.rec_first) + 1,
                                     "unterminated quoted field (the file ends "
                                     "inside it), expected a closing quote");
    }
}

/* EXPECT: the size of a regular file when it was opened (-1: not known,
 * e.g. a pipe or a /proc file); reading more, or fewer, is an error.
 * FROM > 0: go on at that byte (FP is there), a record boundary on line
 * c->rd.line, after text whose encoding and delimiter are known; MULTIBYTE:
 * that text held multi-byte characters. */
static tb_status read_file(load_ctx *c, FILE *fp, long long expect, long long from,
                           int multibyte)
{
    file_reader f = {.cd = (iconv_t)-1, .multibyte = multibyte, .fed = from};
    /* a small file needs no 1 MiB buffer (one byte more than its size
     * shows whether it grew) */
    f.chunk = expect >= 0 && expect - from < (long long)CHUNK - 64
                  ? (size_t)(expect - from) + 64 : CHUNK;
    char *buf = malloc(f.chunk + 8);
    if (!buf || csv_init(&f.p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(buf);
        return tb_error_set(c->err, TB_ENOMEM, c->path, 0, 0, "out of memory");
    }
    size_t carry = 0;
    int first = 1;
    long long total = from; /* bytes read */
    if (from == 0) {
        c->rd.utf8 = 1;
        snprintf(c->rep->encoding, sizeof c->rep->encoding, "UTF-8");
    }
    for (;;) {
        size_t got = fread(buf + carry, 1, f.chunk - carry, fp);
        if (ferror(fp)) {
            c->status = tb_error_set(c->err, TB_EIO, c->path, c->rd.line, 0,
                                     "read error: %s", strerror(errno));
            break;
        }
        size_t n = carry + got, use;
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
                int skip = load_read_start(c, s, n);
                if (skip < 0)
                    break;
                s += skip;
                n -= (size_t)skip;
                f.fed = skip;
            }
            csv_set_delim(&f.p, (unsigned char)c->rd.delim);
            /* libcsv's own test (space or tab) is faster than a callback */
            if (c->rd.delim == '\t')
                csv_set_space_func(&f.p, load_space_only);
        }
        if (feed_chunk(c, &f, s, n, eof, &use) != 0)
            break;
        carry = n - use;
        f.fed += (long long)use;
        if (carry)
            memmove(buf, s + use, carry);
        if (eof)
            break;
    }
    read_end(c, &f, fp, expect, total);
    csv_free(&f.p);
    if (f.cd != (iconv_t)-1)
        iconv_close(f.cd);
    free(f.conv);
    free(buf);
    c->rep->lines = c->rd.line - 1 + (c->rd.last_byte && c->rd.last_byte != '\n');
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


/* Bytes [AT, AT + N) of the file, appended to *BUF at *LEN.  0: all there. */
static int read_at(int fd, long long at, size_t n, char **buf, size_t *cap, size_t *len)
{
    if (TB_GROW(*buf, *cap, *len + n + 1, 1024) != 0)
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
    g->high = load_has_high(s, n);
    /* the fields go straight into the batch's buffers */
    load_batch *b = &g->b;
    pc->rd.batch = b;
    pc->rd.cur_buf = b->text, pc->rd.cur_cap = b->cap, pc->rd.cur_used = 0;
    pc->rd.cur_off = b->off, pc->rd.cur_offcap = b->capf, pc->rd.cur_n = pc->rd.rec_first = 0;
    pc->rd.line = 1;
    pc->rd.in_record = 0;
    pc->status = TB_OK;
    load_feed_text(pc, p, s, n);
    int bad = csv_fini(p, load_on_field, load_on_record, pc) != 0 || pc->status != TB_OK;
    b->text = pc->rd.cur_buf, b->cap = pc->rd.cur_cap, b->used = pc->rd.cur_used;
    b->off = pc->rd.cur_off, b->capf = pc->rd.cur_offcap, b->nf = pc->rd.cur_n;
    if (bad)
        return -1;
    g->lines = pc->rd.line - 1;
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
        csv_set_delim(&w->p, (unsigned char)w->pc.rd.delim);
        if (w->pc.rd.delim == '\t')
            csv_set_space_func(&w->p, load_space_only);
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
    w->pc.rd.keymask = q->keymask;
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
            if (TB_GROW(ptr, ptrcap, n ? n : 1, 1024) != 0) {
                c->status = tb_error_set(c->err, TB_ENOMEM, c->path,
                                         *line + b->rec[i].line - 1, 0, "out of memory");
                break;
            }
            for (size_t j = 0; j < n; j++)
                ptr[j] = b->text + b->off[b->rec[i].first + j];
            load_rec r = {ptr, n, *line + b->rec[i].line - 1, NULL, b->rec[i].same};
            load_take_record(c, &r);
        }
        if (c->rd.layout_done && !q->keymask) {
            pthread_mutex_lock(&q->mu);
            q->keymask = c->rd.keymask; /* for the segments claimed from now on */
            pthread_mutex_unlock(&q->mu);
        }
        *line += g->lines;
        *high |= g->high;
        c->rd.last_byte = g->last;
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
    c->rd.utf8 = 1;
    snprintf(c->rep->encoding, sizeof c->rep->encoding, "UTF-8");
    int started = 0, skip = got == want && q ? load_read_start(c, head, got) : -1;
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
        load_grew_instead(c, fp, expect);
        return;
    }
    if (resume >= 0) { /* the rest (or all) as one thread reads it */
        c->rd.line = line;
        if (fseeko(fp, resume, SEEK_SET) != 0)
            c->status = tb_error_set(c->err, TB_EIO, c->path, line, 0, "read error: %s",
                                     strerror(errno));
        else
            read_file(c, fp, expect, resume, high);
        return;
    }
    c->rd.line = line;
    c->rep->lines = c->rd.line - 1 + (c->rd.last_byte && c->rd.last_byte != '\n');
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
    FILE *fp = tb_text_open(path);
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
    c->rd.line = 1;
    c->sink.leave = load_period_leave;
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
    load_reader_start(c);
    if (c->status == TB_OK)
        load_finish(c);
    tb_status st2 = c->status;
    load_reader_free(&c->rd);
    load_layout_free(&c->lay);
    load_names_free(&c->names);
    load_periods_free(&c->per);
    load_sink_free(&c->sink);
    free(c);
    return st2;
}

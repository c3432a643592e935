/* The reader of the loader, shared by its two files: load_csv.c (CSV
 * text to records) and load.c (reading the file, with parsing threads
 * for a large one).  Included by those two only. */
#ifndef TRENDBEELD_LOAD_READ_H
#define TRENDBEELD_LOAD_READ_H

#include "load_priv.h"

#include <csv.h>
#include <stdio.h>

/* The records a parsing thread made of a segment of the file. */
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

/* libcsv's callbacks: a field, the end of a record. */
void load_on_field(void *s, size_t len, void *data);
void load_on_record(int term, void *data);
/* libcsv's test for spaces around a tab-separated field. */
int load_space_only(unsigned char ch);

/* A whole record, in file order: kept until the layout is known, then
 * interpreted. */
void load_take_record(load_ctx *c, load_rec *r);
/* The layout from the kept records, once (at HEAD_RECORDS or the end). */
void load_reader_start(load_ctx *c);

/* Feed a chunk of UTF-8 text line by line. */
void load_feed_text(load_ctx *c, struct csv_parser *p, const char *s, size_t n);
/* Feed the whole lines of S[0..N): the records before a problem at N. */
void load_feed_lines(load_ctx *c, struct csv_parser *p, const char *s, size_t n);
/* A NUL byte on the current line (unless a record before it failed). */
void load_nul_error(load_ctx *c);
/* 1 when S holds a byte >= 0x80 (in valid UTF-8: a multi-byte character). */
int load_has_high(const char *s, size_t n);

/* What the first bytes S[0..N) say: UTF-16 (refused), a BOM, the line
 * ends and the delimiter.  Returns the bytes to skip (the BOM), -1 after
 * an error. */
int load_read_start(load_ctx *c, const char *s, size_t n);
/* A row that looks ragged or a value cut short in a file that grew while
 * it was read is the writer's doing: say that the file grew. */
void load_grew_instead(load_ctx *c, FILE *fp, long long expect);

void load_reader_free(load_reader *r);

#endif

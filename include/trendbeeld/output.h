/* trendbeeld — large machine outputs (CSV, JSON) written in parallel.
 *
 * A run over every series of the country writes gigabytes: the records are
 * formatted in chunks on all cores, each chunk into a buffer of its own,
 * and the buffers are written in order, so the bytes are the same for any
 * number of threads and nothing needs the whole output in memory.
 */
#ifndef TRENDBEELD_OUTPUT_H
#define TRENDBEELD_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

/* A number as JSON, or null for NaN and infinities (JSON has neither). */
json_t *tb_json_num(double v);

/* Writes items [FIRST, FIRST + COUNT) to OUT and what it has to say about
 * them to MSG (NULL when the caller takes no messages); both are memory
 * streams of the calling thread, so the unlocked stdio calls are safe.
 * Returns 0, or -1 when out of memory. */
typedef int (*tb_chunk_writer)(size_t first, size_t count, FILE *out, FILE *msg, void *ctx);

/* What frames the items (a CSV header, a JSON array's brackets), and what
 * the writing reports, one call at a time and in the order of the items:
 * the messages of a chunk (LEN bytes of lines), and after it is written
 * the number of items done.  Every member may be NULL. */
typedef struct {
    const char *head, *tail; /* written before the first and after the last */
    void (*message)(const char *text, size_t len, void *ctx);
    void (*progress)(size_t done, size_t total, void *ctx);
    void *ctx;
} tb_write_options;

/* Frame the items as the elements of a JSON array (see tb_json_element):
 * "[\n" and "\n]\n", or "[]\n" when EMPTY (no item writes an element). */
void tb_write_json_array(tb_write_options *o, int empty);

/* Write items [0, N) to OUT by FMT in chunks of CHUNK items, formatted on
 * THREADS threads (0: one per core); O (may be NULL) takes the messages
 * and the progress.  Returns 0, 1 when out of memory or 2 when OUT could
 * not be written; after a failed chunk nothing more is written, so the
 * output has no gap. */
int tb_write_ordered(FILE *out, size_t n, size_t chunk, int threads, tb_chunk_writer fmt,
                     void *ctx, const tb_write_options *o);

/* O as an element of a JSON array dumped with FLAGS, which must hold a
 * JSON_INDENT(n) with n > 0 (JSON_INDENT(2) | JSON_REAL_PRECISION(17)):
 * after ",\n" unless it is the FIRST, indented as jansson indents the
 * elements of an array.  Written between "[\n" and "\n]", the elements
 * give the bytes of json_dumpf on the whole array ("[]" when there are
 * none).  Returns 0, or -1 when out of memory or OUT failed. */
int tb_json_element(FILE *out, json_t *o, int first, size_t flags);

#endif

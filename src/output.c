/* Large machine outputs written in parallel: see output.h. */
#include "trendbeeld/output.h"

#include <omp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int tb_write_ordered(FILE *out, size_t n, size_t chunk, int threads, tb_chunk_writer fmt,
                     void *ctx, const tb_write_options *o)
{
    static const tb_write_options none;
    if (!o)
        o = &none;
    size_t nchunk = chunk ? (n + chunk - 1) / chunk : 0;
    int failed = o->head && fputs(o->head, out) == EOF ? 2 : 0;
    if (failed)
        nchunk = 0;
    int nt = threads > 0 ? threads : omp_get_num_procs();
    json_object_seed(0); /* set here once, not raced for by the threads */
#pragma omp parallel for ordered schedule(dynamic, 1) num_threads(nt)
    for (size_t k = 0; k < nchunk; k++) {
        int stop;
#pragma omp atomic read
        stop = failed;
        char *buf = NULL, *mbuf = NULL;
        size_t len = 0, mlen = 0;
        int ok = 0;
        if (!stop) {
            FILE *f = open_memstream(&buf, &len);
            FILE *m = o->message ? open_memstream(&mbuf, &mlen) : NULL;
            size_t first = k * chunk, count = n - first < chunk ? n - first : chunk;
            ok = f && (m || !o->message) && fmt(first, count, f, m, ctx) == 0;
            if (f && fclose(f) != 0)
                ok = 0;
            if (m && fclose(m) != 0)
                ok = 0;
        }
#pragma omp ordered
        {
#pragma omp atomic read
            stop = failed;
            if (!stop && ok && mlen)
                o->message(mbuf, mlen, o->ctx);
            int now = stop ? 0 : !ok ? 1 : fwrite(buf, 1, len, out) != len ? 2 : 0;
            if (now) {
#pragma omp atomic write
                failed = now;
            } else if (o->progress && !stop) {
                size_t done = (k + 1) * chunk < n ? (k + 1) * chunk : n;
                o->progress(done, n, o->ctx);
            }
        }
        free(buf);
        free(mbuf);
    }
    if (!failed && o->tail && fputs(o->tail, out) == EOF)
        failed = 2;
    return failed;
}

void tb_write_json_array(tb_write_options *o, int empty)
{
    o->head = empty ? "[]" : "[\n";
    o->tail = empty ? "\n" : "\n]\n";
}

int tb_json_element(FILE *out, json_t *o, int first, size_t flags)
{
    /* dumped inside an array of its own, "[\n" element "\n]", and cut out */
    json_t *one = o ? json_array() : NULL;
    char *text = one && json_array_append(one, o) == 0 ? json_dumps(one, flags) : NULL;
    size_t len = text ? strlen(text) : 0;
    int rc = len >= 4 && (first || fputs_unlocked(",\n", out) != EOF) &&
                     fwrite_unlocked(text + 2, 1, len - 4, out) == len - 4
                 ? 0 : -1;
    free(text);
    json_decref(one);
    return rc;
}

json_t *tb_json_num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

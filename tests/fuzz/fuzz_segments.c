/* libFuzzer harness: a file read by parsing threads in segments gives what
 * one thread gives.  run.sh builds the loader for it with segments of 64
 * bytes, a reach of 512 and no size threshold, so that every input is cut
 * into many segments, boundaries fall inside quoted fields, lines and
 * multi-byte characters, and a record can be out of reach. */
#include "fuzz_common.h"

typedef struct {
    tb_store *s;
    tb_diag *warn;
    tb_load_report rep;
    tb_error err;
    tb_status st;
} loaded;

/* The shipped region list, for half of the inputs: names are then looked
 * up in it (and warned about), rows whose keys repeat the row before
 * included. */
static const tb_codelist *regions(void)
{
    static tb_codelist *cl;
    static int tried;
    tb_error e;
    if (!tried++ && tb_codelist_load(&cl, "data/regions.csv", &e) != TB_OK)
        cl = NULL;
    return cl;
}

static void load(loaded *l, const char *path, int threads, int with_list)
{
    tb_load_options o;
    memset(&o, 0, sizeof o);
    o.threads = threads;
    o.regions = with_list ? regions() : NULL;
    memset(&l->err, 0, sizeof l->err);
    l->s = tb_store_new();
    l->warn = tb_diag_new();
    l->st = tb_load_file(l->s, path, &o, &l->rep, l->warn, &l->err);
}

static void same(const loaded *a, const loaded *b)
{
    FUZZ_CHECK(a->st == b->st);
    FUZZ_CHECK(a->err.line == b->err.line && a->err.column == b->err.column);
    FUZZ_CHECK(strcmp(a->err.msg, b->err.msg) == 0);
    tb_load_report ra = a->rep, rb = b->rep;
    if (a->st != TB_OK) { /* how far the file was read is no result */
        ra.lines = rb.lines = 0;
        memset(ra.encoding, 0, sizeof ra.encoding);
        memset(rb.encoding, 0, sizeof rb.encoding);
    }
    FUZZ_CHECK(memcmp(&ra, &rb, sizeof ra) == 0);
    FUZZ_CHECK(tb_diag_count(a->warn) == tb_diag_count(b->warn));
    for (size_t k = 0; k < tb_diag_count(a->warn); k++)
        FUZZ_CHECK(strcmp(tb_diag_get(a->warn, k), tb_diag_get(b->warn, k)) == 0);
    FUZZ_CHECK(tb_store_size(a->s) == tb_store_size(b->s));
    for (size_t k = 0; k < tb_store_size(a->s); k++) {
        const tb_series *x = tb_store_at(a->s, k), *y = tb_store_at(b->s, k);
        FUZZ_CHECK(!strcmp(x->region, y->region) && !strcmp(x->indicator, y->indicator) &&
                   !strcmp(x->measure, y->measure));
        FUZZ_CHECK(x->first_year == y->first_year && x->n == y->n);
        FUZZ_CHECK(!memcmp(x->value, y->value, (size_t)x->n * sizeof *x->value));
        FUZZ_CHECK(!memcmp(x->flags, y->flags, (size_t)x->n));
    }
}

static void done(loaded *l)
{
    tb_diag_free(l->warn);
    tb_store_free(l->s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_memfile("", 0, data, size, path, sizeof path);
    loaded one, two, three;
    int with_list = size && (data[0] & 1);
    load(&one, path, 1, with_list);
    load(&two, path, 2, with_list);
    load(&three, path, 3, with_list);
    fuzz_check_store(one.s, one.st, &one.err);
    same(&one, &two);
    same(&one, &three);
    done(&one);
    done(&two);
    done(&three);
    close(fd);
    return 0;
}

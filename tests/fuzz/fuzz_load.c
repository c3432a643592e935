/* libFuzzer harness for tb_load_file.  Built once per layout: FUZZ_PREFIX
 * is a header put in front of the input so that the fuzzer spends its
 * time in the rows of that layout; without it the input is the whole file
 * (format, delimiter and encoding detection).  FUZZ_OPTIONS: the input's
 * first line sets the options (see below). */
#include "fuzz_common.h"

#ifndef FUZZ_PREFIX
#define FUZZ_PREFIX ""
#endif

#ifdef FUZZ_OPTIONS
/* First line "FLAGS|MAP|NAME": FLAGS letters r, i, m give NAME as the
 * region, indicator, measure; s sets strict; MAP goes to --map. */
static void options_from(const uint8_t **data, size_t *size, tb_load_options *o,
                         char *buf, size_t n)
{
    const uint8_t *nl = memchr(*data, '\n', *size);
    size_t len = nl ? (size_t)(nl - *data) : *size;
    if (len >= n)
        len = n - 1;
    memcpy(buf, *data, len);
    buf[len] = '\0';
    size_t skip = nl ? (size_t)(nl - *data) + 1 : *size;
    *data += skip;
    *size -= skip;
    char *map = strchr(buf, '|');
    if (!map)
        return;
    *map++ = '\0';
    char *name = strchr(map, '|');
    if (name)
        *name++ = '\0';
    if (*map)
        o->map = map;
    if (!name)
        name = "Twente";
    o->region = strchr(buf, 'r') ? name : NULL;
    o->indicator = strchr(buf, 'i') ? name : NULL;
    o->measure = strchr(buf, 'm') ? name : NULL;
    o->strict = strchr(buf, 's') != NULL;
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tb_load_options o;
    memset(&o, 0, sizeof o);
#ifdef FUZZ_OPTIONS
    char obuf[512];
    options_from(&data, &size, &o, obuf, sizeof obuf);
#endif
    static const char prefix[] = FUZZ_PREFIX;
    char path[64];
    int fd = fuzz_memfile(prefix, sizeof prefix - 1, data, size, path, sizeof path);
    tb_store *s = tb_store_new();
    tb_diag *warn = tb_diag_new();
    tb_load_report rep;
    tb_error err;
    memset(&err, 0, sizeof err);
    tb_status st = tb_load_file(s, path, &o, &rep, warn, &err);
    fuzz_check_store(s, st, &err);
    for (size_t k = 0; k < tb_diag_count(warn); k++)
        FUZZ_CHECK(fuzz_utf8_ok(tb_diag_get(warn, k)));
    if (st == TB_OK)
        FUZZ_CHECK(rep.rows > 0);
    tb_diag_free(warn);
    tb_store_free(s);
    close(fd);
    return 0;
}

/* libFuzzer harness for the code list loader (regions.csv, indicators.csv):
 * whatever loads must answer lookups of its own codes and names. */
#include "fuzz_common.h"

#include "trendbeeld/codelist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_memfile(data, size, NULL, 0, path, sizeof path);
    tb_codelist *cl = NULL;
    tb_error err;
    memset(&err, 0, sizeof err);
    tb_status st = tb_codelist_load(&cl, path, &err);
    if (st != TB_OK) {
        FUZZ_CHECK(err.msg[0] != '\0');
    } else if (cl) {
        for (size_t i = 0; i < tb_codelist_size(cl); i++) {
            const tb_code *e = tb_codelist_at(cl, i);
            FUZZ_CHECK(e && e->code && fuzz_field_ok(e->code));
            FUZZ_CHECK(!e->name || fuzz_field_ok(e->name));
            /* every code that loads is found again (codes of no-break
             * spaces, NUL bytes or bytes that are not UTF-8 are refused:
             * tests/data/regress/codelist_*.csv) */
            FUZZ_CHECK(tb_codelist_match(cl, e->code) != NULL);
            const tb_code *kids[4];
            (void)tb_codelist_children(cl, e->code, kids, 4);
            if (e->name)
                (void)tb_codelist_closest(cl, e->name);
        }
    }
    tb_codelist_free(cl);
    close(fd);
    return 0;
}

/* libFuzzer harness for the targets file loader. */
#include "fuzz_common.h"

#include "trendbeeld/target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_memfile(data, size, NULL, 0, path, sizeof path);
    tb_target_set *ts = NULL;
    tb_diag *warn = tb_diag_new();
    tb_error err;
    memset(&err, 0, sizeof err);
    tb_status st = tb_target_load(path, TB_DECIMAL_AUTO, &ts, warn, &err);
    if (st != TB_OK) {
        FUZZ_CHECK(err.msg[0] != '\0');
        FUZZ_CHECK(fuzz_utf8_ok(err.msg));
    } else {
        FUZZ_CHECK(ts != NULL);
        for (size_t i = 0; i < ts->n; i++) {
            const tb_target *t = &ts->t[i];
            FUZZ_CHECK(t->id && t->region && t->indicator && t->measure);
            FUZZ_CHECK(fuzz_field_ok(t->id) && fuzz_field_ok(t->description) &&
                       fuzz_field_ok(t->region) && fuzz_field_ok(t->indicator) &&
                       fuzz_field_ok(t->measure) && fuzz_field_ok(t->source));
            FUZZ_CHECK(t->target_year >= TB_YEAR_MIN && t->target_year <= TB_YEAR_MAX);
            FUZZ_CHECK(!isinf(t->value));
        }
    }
    tb_target_set_free(ts);
    tb_diag_free(warn);
    close(fd);
    return 0;
}

/* libFuzzer harness for the cell parsers: numbers (both decimal
 * conventions), periods, missing markers, measure names. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *t = malloc(size + 1);
    if (!t)
        return 0;
    memcpy(t, data, size);
    t[size] = '\0';
    double v;
    for (int dc = 0; dc < 2; dc++)
        if (tb_load_parse_number(t, dc, &v))
            FUZZ_CHECK(isfinite(v));
    tb_period p;
    if (tb_load_parse_period(t, &p)) {
        FUZZ_CHECK(p.year >= 0 && p.year <= 9999);
        FUZZ_CHECK(p.per_year == 1 || p.per_year == 4 || p.per_year == 12);
        FUZZ_CHECK(p.per_year == 1 ? p.sub == 0 : p.sub >= 1 && p.sub <= p.per_year);
    }
    (void)tb_load_is_missing(t);
    const char *m = tb_load_measure_name(t);
    if (m)
        FUZZ_CHECK(fuzz_utf8_ok(m));
    (void)tb_load_measure_is_count(t);
    free(t);
    return 0;
}

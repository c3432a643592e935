/* libFuzzer harness for the cell parsers: numbers (both decimal
 * conventions), periods, missing markers, measure names. */
#include "fuzz_common.h"
#include "trendbeeld/measure.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *t = malloc(size + 1);
    if (!t)
        return 0;
    memcpy(t, data, size);
    t[size] = '\0';
    /* a number parses under a notation unless it reads only the other
     * way, or (with none given) two ways */
    double v;
    tb_number_shape shape = tb_number_shape_of(t);
    static const tb_number_shape refused[] = {
        [TB_DECIMAL_AUTO] = TB_SHAPE_EITHER,
        [TB_DECIMAL_POINT] = TB_SHAPE_COMMA,
        [TB_DECIMAL_COMMA] = TB_SHAPE_POINT,
    };
    for (int d = TB_DECIMAL_AUTO; d <= TB_DECIMAL_COMMA; d++) {
        int ok = tb_number_parse(t, (tb_decimal)d, &v);
        FUZZ_CHECK(ok == (shape != TB_SHAPE_NONE && shape != refused[d]));
        FUZZ_CHECK(!ok || isfinite(v));
    }
    tb_period p;
    if (tb_load_parse_period(t, &p)) {
        FUZZ_CHECK(p.year >= 0 && p.year <= 9999);
        FUZZ_CHECK(p.per_year == 1 || p.per_year == 4 || p.per_year == 12);
        FUZZ_CHECK(p.per_year == 1 ? p.sub == 0 : p.sub >= 1 && p.sub <= p.per_year);
    }
    (void)tb_load_is_missing(t);
    const char *m = tb_measure_name(t);
    if (m)
        FUZZ_CHECK(fuzz_utf8_ok(m));
    (void)tb_measure_is_count(t);
    free(t);
    return 0;
}

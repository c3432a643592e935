/* libFuzzer harness for the report configuration file (key = value) and
 * the comma-separated lists it shares with the command line. */
#include "fuzz_common.h"

#include "trendbeeld/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* `files` patterns are globbed: a pattern that walks the whole file
     * system is the user's own choice, not a defect, and only slows the
     * fuzzer down */
    for (size_t i = 0; i < size; i++)
        if (data[i] == '*' || data[i] == '?' || data[i] == '[')
            return 0;
    char path[64];
    int fd = fuzz_memfile(data, size, NULL, 0, path, sizeof path);
    tb_config *cfg = NULL;
    tb_error err;
    memset(&err, 0, sizeof err);
    tb_status st = tb_config_load(path, &cfg, &err);
    if (st != TB_OK) {
        FUZZ_CHECK(err.msg[0] != '\0');
    } else {
        FUZZ_CHECK(cfg != NULL);
        /* what reaches the report is text without control characters */
        FUZZ_CHECK(!cfg->title || fuzz_field_ok(cfg->title));
        FUZZ_CHECK(!cfg->source || fuzz_field_ok(cfg->source));
    }
    tb_config_free(cfg);
    close(fd);

    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    char **list = NULL;
    size_t n = 0;
    if (tb_config_split(s, "regions", &list, &n, &err) == TB_OK) {
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK(list[i] && list[i][0] != '\0');
        FUZZ_CHECK(list[n] == NULL);
    }
    tb_config_list_free(list);
    free(s);
    return 0;
}

/* Large outputs written in parallel: the order of items, messages and
 * progress whatever the threads, the frame, and what a failure leaves. */
#include "tb_test.h"

#include <string.h>

#include "trendbeeld/output.h"

enum { N = 1000, CHUNK = 7, FAIL_AT = 490 };

typedef struct {
    char *text;   /* messages as they arrived */
    size_t len, cap;
    size_t last;  /* last progress */
    int calls;
} seen;

/* "item I" for each item, a message for every hundredth; the chunk that
 * holds FAIL_AT fails when CTX asks for it. */
static int items(size_t first, size_t count, FILE *out, FILE *msg, void *ctx)
{
    const int *fail_at = ctx;
    for (size_t i = first; i < first + count; i++) {
        if (fail_at && i == (size_t)*fail_at)
            return -1;
        fprintf(out, "item %zu\n", i);
        if (msg && i % 100 == 0)
            fprintf(msg, "message %zu\n", i);
    }
    return 0;
}

static void on_message(const char *text, size_t len, void *ctx)
{
    seen *s = ctx;
    s->text = realloc(s->text, s->len + len + 1);
    memcpy(s->text + s->len, text, len);
    s->len += len;
    s->text[s->len] = '\0';
}

static void on_progress(size_t done, size_t total, void *ctx)
{
    seen *s = ctx;
    assert_int_equal(total, N);
    assert_true(done > s->last && done <= total);
    s->last = done;
    s->calls++;
}

static char *expected(size_t upto, int tail)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fputs("head\n", f);
    for (size_t i = 0; i < upto; i++)
        fprintf(f, "item %zu\n", i);
    if (tail)
        fputs("tail\n", f);
    fclose(f);
    return buf;
}

static void test_order_whatever_the_threads(void **state)
{
    (void)state;
    char *want = expected(N, 1);
    for (int t = 1; t <= 3; t++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        seen s = {0};
        tb_write_options o = {"head\n", "tail\n", on_message, on_progress, &s};
        assert_int_equal(tb_write_ordered(f, N, CHUNK, t, items, NULL, &o), 0);
        fclose(f);
        assert_string_equal(buf, want);
        /* the messages of items 0, 100, ..., 900 in order; progress after
         * each of the 143 chunks, ending at N */
        assert_string_equal(s.text, "message 0\nmessage 100\nmessage 200\nmessage 300\n"
                                    "message 400\nmessage 500\nmessage 600\nmessage 700\n"
                                    "message 800\nmessage 900\n");
        assert_int_equal(s.last, N);
        assert_int_equal(s.calls, (N + CHUNK - 1) / CHUNK);
        free(s.text);
        free(buf);
    }
    free(want);
}

/* A chunk that fails: the chunks before it are written, nothing after it
 * (no gap, no tail), and the result says out of memory. */
static void test_failed_chunk_ends_the_output(void **state)
{
    (void)state;
    int fail_at = FAIL_AT;
    char *want = expected(FAIL_AT / CHUNK * CHUNK, 0);
    for (int t = 1; t <= 2; t++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        tb_write_options o = {.head = "head\n", .tail = "tail\n"};
        assert_int_equal(tb_write_ordered(f, N, CHUNK, t, items, &fail_at, &o), 1);
        fclose(f);
        assert_string_equal(buf, want);
        free(buf);
    }
    free(want);
}

/* An output that cannot take it all: a write error (2). */
static void test_write_error(void **state)
{
    (void)state;
    char small[64];
    FILE *f = fmemopen(small, sizeof small, "w");
    setvbuf(f, NULL, _IONBF, 0);
    assert_int_equal(tb_write_ordered(f, N, CHUNK, 2, items, NULL, NULL), 2);
    fclose(f);
}

/* A JSON array's frame, for elements and for none. */
static void test_json_frame(void **state)
{
    (void)state;
    tb_write_options o = {0};
    tb_write_json_array(&o, 0);
    assert_string_equal(o.head, "[\n");
    assert_string_equal(o.tail, "\n]\n");
    tb_write_json_array(&o, 1);
    assert_string_equal(o.head, "[]");
    assert_string_equal(o.tail, "\n");
    json_t *a = json_pack("{s:i}", "year", 2013), *b = json_pack("{s:s}", "region", "PV22");
    json_t *both = json_pack("[OO]", a, b);
    char *want = json_dumps(both, JSON_INDENT(2));
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fputs("[\n", f);
    assert_int_equal(tb_json_element(f, a, 1, JSON_INDENT(2)), 0);
    assert_int_equal(tb_json_element(f, b, 0, JSON_INDENT(2)), 0);
    fputs("\n]", f);
    fclose(f);
    assert_string_equal(buf, want);
    free(buf);
    free(want);
    json_decref(both);
    json_decref(a);
    json_decref(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_whatever_the_threads),
        cmocka_unit_test(test_failed_chunk_ends_the_output),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_json_frame),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Loading large files: one thread or more (parsing threads handing
 * segments of records to the storing one) must give the same store,
 * report, warnings and first error; and months are added up per year whether the file is
 * sorted by series or by period. */
#include "tb_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trendbeeld/load.h"

static char path[64];

static int setup(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/tb_load_stream_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return unlink(path);
}

/* A long file of more than TB_LOAD_PARALLEL_BYTES: 9.000 series x 12 years,
 * every 97th value missing, 2023 provisional, and every 1.000th row with a
 * quoted note over two lines (so that line numbers must follow breaks
 * inside fields).  BAD_ROW > 0 puts "12x" in that data row's value; NOTE
 * replaces the note of data row NOTE_ROW; BOM_CRLF_SEMICOLON writes the
 * file as a Dutch spreadsheet saves it.  Returns the line of BAD_ROW or
 * NOTE_ROW. */
typedef struct {
    long bad_row;
    int unterminated;
    const char *note;
    size_t note_len; /* 0: strlen(note) */
    long note_row;
    int bom_crlf_semicolon;
} big_file;

static long write_big_file(const big_file *b)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    const char *eol = b->bom_crlf_semicolon ? "\r\n" : "\n";
    char d = b->bom_crlf_semicolon ? ';' : ',';
    if (b->bom_crlf_semicolon)
        fputs("\xEF\xBB\xBF", f);
    fprintf(f, "region%cindicator%cmeasure%cyear%cvalue%cnote%s", d, d, d, d, d, eol);
    long row = 0, line = 2, at_line = 0;
    for (int s = 0; s < 9000; s++)
        for (int y = 2012; y <= 2023; y++) {
            row++;
            if (row == b->bad_row || row == b->note_row)
                at_line = line;
            const char *prov = y == 2023 ? "*" : "";
            fprintf(f, "GM%04d%coffence %d%caangiften%c%d%s%c", s % 400, d, s / 400, d, d, y,
                    prov, d);
            if (row == b->bad_row)
                fprintf(f, "12x%c", d);
            else if (row % 97 == 0)
                fprintf(f, ".%c", d);
            else
                fprintf(f, "%ld%c", (row * 7919) % 100000, d);
            if (row == b->note_row) {
                /* the note's bytes as they are, a NUL byte too */
                fwrite(b->note, 1, b->note_len ? b->note_len : strlen(b->note), f);
                fputs(eol, f);
                line++;
            } else if (row % 1000 == 0) {
                fprintf(f, "\"herzien;%szie toelichting\"%s", eol, eol);
                line += 2;
            } else {
                fprintf(f, "gemeentelijke herindeling van de regio is hier nog niet verwerkt%s",
                        eol);
                line++;
            }
        }
    if (b->unterminated)
        fputs("GM0001,offence 99,aangiften,2012,5,\"no end\n", f);
    assert_int_equal(fclose(f), 0);
    return at_line;
}

static long write_big(long bad_row, int unterminated)
{
    big_file b = {bad_row, unterminated, NULL, 0, 0, 0};
    return write_big_file(&b);
}

typedef struct {
    tb_store *s;
    tb_load_report rep;
    tb_error err;
    tb_diag *warn;
    tb_status st;
} loaded;

static void load_threads(loaded *l, int threads)
{
    tb_load_options o = {0};
    o.threads = threads;
    l->s = tb_store_new();
    l->warn = tb_diag_new();
    memset(&l->err, 0, sizeof l->err);
    l->st = tb_load_file(l->s, path, &o, &l->rep, l->warn, &l->err);
}

static void done(loaded *l)
{
    tb_store_free(l->s);
    tb_diag_free(l->warn);
}

static void assert_same(const loaded *a, const loaded *b)
{
    assert_int_equal(a->st, b->st);
    assert_int_equal(a->err.line, b->err.line);
    assert_int_equal(a->err.column, b->err.column);
    assert_string_equal(a->err.msg, b->err.msg);
    /* after an error, how far the file was read is no result */
    tb_load_report ra = a->rep, rb = b->rep;
    if (a->st != TB_OK) {
        ra.lines = rb.lines = 0;
        memset(ra.encoding, 0, sizeof ra.encoding);
        memset(rb.encoding, 0, sizeof rb.encoding);
    }
    assert_memory_equal(&ra, &rb, sizeof ra);
    assert_int_equal(tb_diag_count(a->warn), tb_diag_count(b->warn));
    for (size_t k = 0; k < tb_diag_count(a->warn); k++)
        assert_string_equal(tb_diag_get(a->warn, k), tb_diag_get(b->warn, k));
    assert_int_equal(tb_store_size(a->s), tb_store_size(b->s));
    for (size_t k = 0; k < tb_store_size(a->s); k++) {
        const tb_series *x = tb_store_at(a->s, k), *y = tb_store_at(b->s, k);
        assert_string_equal(x->region, y->region);
        assert_string_equal(x->indicator, y->indicator);
        assert_int_equal(x->first_year, y->first_year);
        assert_int_equal(x->n, y->n);
        assert_memory_equal(x->value, y->value, (size_t)x->n * sizeof *x->value);
        assert_memory_equal(x->flags, y->flags, (size_t)x->n);
    }
}

static void two_threads_same_store(void **state)
{
    (void)state;
    write_big(0, 0);
    long size;
    FILE *f = fopen(path, "r");
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fclose(f);
    assert_true(size >= TB_LOAD_PARALLEL_BYTES);
    loaded a, b;
    load_threads(&a, 1);
    load_threads(&b, 2);
    assert_int_equal(a.st, TB_OK);
    assert_same(&a, &b);
    /* 108.000 rows, every 97th missing: 108000 / 97 = 1113 (rest 39) */
    assert_int_equal(a.rep.rows, 108000);
    assert_int_equal(a.rep.missing, 1113);
    assert_int_equal(a.rep.series, 9000);
    /* 108 rows with a two-line note: 1 + 108000 + 108 lines */
    assert_int_equal(a.rep.lines, 108109);
    /* row 13 is series 1 (GM0001, offence 0), 2012: 13 * 7919 % 100000 */
    const tb_series *x = tb_store_find(a.s, "GM0001", "offence 0", "aangiften");
    assert_non_null(x);
    assert_exact(tb_series_get(x, 2012), 2947);
    assert_true(tb_series_flags(x, 2023) & TB_FLAG_PROVISIONAL);
    done(&a);
    done(&b);
}

static void two_threads_same_error(void **state)
{
    (void)state;
    /* a bad value early (the parsing thread is far ahead when it is
     * found), late, and a parse error at the very end */
    long rows[] = {10, 107990};
    for (int k = 0; k < 2; k++) {
        long line = write_big(rows[k], 0);
        loaded a, b;
        load_threads(&a, 1);
        load_threads(&b, 2);
        assert_int_equal(a.st, TB_EPARSE);
        assert_int_equal(a.err.line, line);
        assert_int_equal(a.err.column, 5);
        assert_string_equal(a.err.msg, "'12x' is not a number, expected a number or a "
                                       "missing-value marker (. or empty)");
        assert_same(&a, &b);
        done(&a);
        done(&b);
    }
    write_big(0, 1);
    loaded a, b;
    load_threads(&a, 1);
    load_threads(&b, 2);
    assert_int_equal(a.st, TB_EPARSE);
    assert_int_equal(a.err.line, 108110);
    assert_string_equal(a.err.msg, "unterminated quoted field (the file ends inside "
                                   "it), expected a closing quote");
    assert_same(&a, &b);
    done(&a);
    done(&b);
}

/* Segments parsed side by side: whatever a late segment holds (names in
 * UTF-8, a first byte of Windows-1252, a stray byte, a NUL, a misplaced
 * quote), the outcome is that of one thread, for any number of them. */
static void segments_same_as_one_thread(void **state)
{
    (void)state;
    static const struct {
        const char *note;
        size_t len;
        long row;
        int dutch;
        tb_status st;
        const char *msg;
    } cases[] = {
        {"gemeente S\xC3\xBA" "dwest-Frysl\xC3\xA2n", 0, 100000, 0, TB_OK, NULL},
        {"caf\xE9", 0, 100000, 0, TB_OK, NULL},
        {"nul\x01\x00" "byte", 9, 100000, 0, TB_EPARSE,
         "NUL byte: this is a binary file, expected CSV text"},
        {"ab\"c", 0, 100000, 0, TB_EPARSE,
         "misplaced quote in a field, expected a quote only around a whole field "
         "(write \"\" for a quote inside one)"},
        {"\"open", 0, 108000, 0, TB_EPARSE,
         "unterminated quoted field (the file ends inside it), expected a closing quote"},
        {"S\xC3\xBA" "dwest-Frysl\xC3\xA2n", 0, 70, 1, TB_OK, NULL},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        big_file b = {0, 0, cases[k].note, cases[k].len, cases[k].row, cases[k].dutch};
        long line = write_big_file(&b);
        loaded one, two, three;
        load_threads(&one, 1);
        load_threads(&two, 2);
        load_threads(&three, 3);
        assert_int_equal(one.st, cases[k].st);
        if (cases[k].msg) {
            assert_int_equal(one.err.line, line);
            assert_string_equal(one.err.msg, cases[k].msg);
        } else
            assert_int_equal(one.rep.rows, 108000);
        assert_same(&one, &two);
        assert_same(&one, &three);
        done(&one);
        done(&two);
        done(&three);
    }
    /* a stray byte after UTF-8 text (the last file): refused at its place */
    FILE *f = fopen(path, "a");
    assert_non_null(f);
    fputs("GM0001;offence 99;aangiften;2012;5;", f);
    long at = ftell(f) + 1; /* 1-based */
    fputs("\xE9\r\n", f);
    assert_int_equal(fclose(f), 0);
    char want[300];
    snprintf(want, sizeof want,
             "byte 0xE9 (byte %ld of the file) is not UTF-8, but the file has UTF-8 text "
             "before it; expected the whole file in one encoding (save it again as UTF-8)",
             at);
    loaded one, two;
    load_threads(&one, 1);
    load_threads(&two, 2);
    assert_int_equal(one.st, TB_EPARSE);
    assert_int_equal(one.err.line, 108110); /* the line after the 108.109 */
    assert_string_equal(one.err.msg, want);
    assert_same(&one, &two);
    done(&one);
    done(&two);
}

/* A row whose key cells repeat those of the row before takes that row's
 * keys only when that row had keys: after a row of empty cells (skipped),
 * a row with an empty region is refused, with any number of threads. */
static void repeated_keys_after_a_skipped_row(void **state)
{
    (void)state;
    write_big(0, 0);
    FILE *f = fopen(path, "a");
    assert_non_null(f);
    fputs(",,,,,\n,,,2024,5,\n", f);
    assert_int_equal(fclose(f), 0);
    loaded one, two, three;
    load_threads(&one, 1);
    load_threads(&two, 2);
    load_threads(&three, 3);
    assert_int_equal(one.st, TB_EDATA);
    assert_int_equal(one.err.line, 108111);
    assert_string_equal(one.err.msg, "empty region name, expected a region in every row");
    assert_same(&one, &two);
    assert_same(&one, &three);
    done(&one);
    done(&two);
    done(&three);
}

static void load_text(loaded *l, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    load_threads(l, 1);
}

#define MHDR "region,indicator,measure,period,value\n"

/* The same months sorted by series and by period give the same years. */
static void months_in_either_order(void **state)
{
    (void)state;
    char by_series[8192] = MHDR, by_period[8192] = MHDR;
    const char *reg[2] = {"Assen", "Emmen"};
    for (int r = 0; r < 2; r++)
        for (int y = 2012; y <= 2013; y++)
            for (int m = 1; m <= 12; m++)
                snprintf(by_series + strlen(by_series), sizeof by_series - strlen(by_series),
                         "%s,diefstal,aangiften,%dMM%02d,%d\n", reg[r], y, m,
                         10 * r + m + (y - 2012));
    for (int y = 2012; y <= 2013; y++)
        for (int m = 1; m <= 12; m++)
            for (int r = 0; r < 2; r++)
                snprintf(by_period + strlen(by_period), sizeof by_period - strlen(by_period),
                         "%s,diefstal,aangiften,%dMM%02d,%d\n", reg[r], y, m,
                         10 * r + m + (y - 2012));
    const char *text[2] = {by_series, by_period};
    for (int k = 0; k < 2; k++) {
        loaded l;
        load_text(&l, text[k]);
        assert_int_equal(l.st, TB_OK);
        /* Assen 2012: 1 + 2 + ... + 12 = 78; 2013: 78 + 12 = 90;
         * Emmen adds 10 a month: 198 and 210 */
        const tb_series *a = tb_store_find(l.s, "Assen", "diefstal", "aangiften");
        const tb_series *e = tb_store_find(l.s, "Emmen", "diefstal", "aangiften");
        assert_exact(tb_series_get(a, 2012), 78);
        assert_exact(tb_series_get(a, 2013), 90);
        assert_exact(tb_series_get(e, 2012), 198);
        assert_exact(tb_series_get(e, 2013), 210);
        assert_int_equal(tb_series_flags(a, 2013) & TB_FLAG_INCOMPLETE, 0);
        assert_int_equal(l.rep.monthly_rows, 48);
        done(&l);
    }
}

/* A month that comes back after its series and year were complete and the
 * file moved on: added up already, so it cannot count; said plainly. */
static void month_after_its_year(void **state)
{
    (void)state;
    char text[4096] = MHDR;
    for (int m = 1; m <= 12; m++)
        snprintf(text + strlen(text), sizeof text - strlen(text),
                 "Assen,diefstal,aangiften,2012MM%02d,%d\n", m, m);
    strcat(text, "Emmen,diefstal,aangiften,2012MM01,4\n"
                 "Assen,diefstal,aangiften,2012MM05,5\n");
    loaded l;
    load_text(&l, text);
    assert_int_equal(l.st, TB_EDATA);
    assert_int_equal(l.err.line, 15);
    assert_string_equal(l.err.msg,
                        "period 5 of 2012 for (Assen, diefstal, aangiften) comes again "
                        "after that year was complete and added up (its periods start "
                        "on line 2); expected each period once, with the rows of a "
                        "series and year together");
    done(&l);
    /* while the series is still being read, a repeat is fine */
    strcpy(text, MHDR "Assen,diefstal,aangiften,2012MM01,1\n"
                      "Assen,diefstal,aangiften,2012MM01,1\n"
                      "Assen,diefstal,aangiften,2012MM02,2\n");
    load_text(&l, text);
    assert_int_equal(l.st, TB_OK);
    assert_int_equal(l.rep.exact_duplicates, 1);
    assert_exact(tb_series_get(tb_store_at(l.s, 0), 2012), 3);
    done(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_threads_same_store),
        cmocka_unit_test(two_threads_same_error),
        cmocka_unit_test(repeated_keys_after_a_skipped_row),
        cmocka_unit_test(segments_same_as_one_thread),
        cmocka_unit_test(months_in_either_order),
        cmocka_unit_test(month_after_its_year),
    };
    return cmocka_run_group_tests_name("load_stream", tests, setup, teardown);
}

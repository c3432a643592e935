/* The oracle for UTF-8, written apart from src/text.c: Unicode table 3-7
 * (well-formed UTF-8 byte sequences) row by row.  Used by the text tests
 * and the fuzz harnesses. */
#ifndef TB_UTF8_TABLE_H
#define TB_UTF8_TABLE_H

#include <stddef.h>

/* The length of the well-formed sequence S[0..N) starts, or 0. */
static inline size_t utf8_table_3_7(const unsigned char *s, size_t n)
{
    static const struct { unsigned char lo[4], hi[4]; size_t len; } row[] = {
        {{0x00}, {0x7F}, 1},
        {{0xC2, 0x80}, {0xDF, 0xBF}, 2},
        {{0xE0, 0xA0, 0x80}, {0xE0, 0xBF, 0xBF}, 3},
        {{0xE1, 0x80, 0x80}, {0xEC, 0xBF, 0xBF}, 3},
        {{0xED, 0x80, 0x80}, {0xED, 0x9F, 0xBF}, 3},
        {{0xEE, 0x80, 0x80}, {0xEF, 0xBF, 0xBF}, 3},
        {{0xF0, 0x90, 0x80, 0x80}, {0xF0, 0xBF, 0xBF, 0xBF}, 4},
        {{0xF1, 0x80, 0x80, 0x80}, {0xF3, 0xBF, 0xBF, 0xBF}, 4},
        {{0xF4, 0x80, 0x80, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF}, 4},
    };
    for (size_t r = 0; r < sizeof row / sizeof *row; r++) {
        if (row[r].len > n)
            continue;
        size_t i = 0;
        while (i < row[r].len && s[i] >= row[r].lo[i] && s[i] <= row[r].hi[i])
            i++;
        if (i == row[r].len)
            return i;
    }
    return 0;
}

#endif

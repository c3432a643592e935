/* trendbeeld — the text of a code-list file, read whole and checked
 * before any record is parsed.
 *
 * Text is read as text.h says (leading byte order marks skipped, values
 * trimmed of Unicode white space such as U+00A0 from a spreadsheet).
 * Refused with the line and character column: NUL bytes, control
 * characters other than tab and line ends, a byte order mark inside the
 * text, UTF-16, a byte that is not UTF-8 after UTF-8 text, and a byte that
 * is not Windows-1252.
 */
#include "codelist_priv.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trendbeeld/text.h" /* tb_text_open */
#include "trendbeeld/text.h"

/* Line and 1-based character column of offset OFF in S. */
static void place_of(const char *s, size_t off, long *line, long *col)
{
    size_t start = 0;
    *line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') {
            (*line)++;
            start = i + 1;
        }
    *col = tb_text_column(s + start, off - start);
}

static tb_status fail_at(const char *path, tb_error *err, const char *s,
                         size_t off, const char *what, const char *expected)
{
    long line, col;
    place_of(s, off, &line, &col);
    return tb_error_set(err, TB_EPARSE, path, line, col, "%s, expected %s", what,
                        expected);
}

/* The whole file in memory (code lists are small): *N bytes, NUL-ended. */
static char *read_all(FILE *f, size_t *n)
{
    size_t cap = 1 << 16, len = 0;
    char *b = malloc(cap);
    while (b) {
        len += fread(b + len, 1, cap - len - 1, f);
        if (len < cap - 1)
            break;
        char *nb = realloc(b, 2 * cap);
        if (!nb)
            free(b);
        b = nb;
        cap *= 2;
    }
    if (b)
        b[len] = '\0';
    *n = len;
    return b;
}

/* UTF-16 is refused before anything else is read. */
static tb_status check_utf16(const char *path, tb_error *err, const char *s, size_t n)
{
    if (n >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE)
                   || ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF)))
        return tb_error_set(err, TB_EPARSE, path, 1, 1, "file is UTF-16, expected "
                            "UTF-8 or Windows-1252 text");
    return TB_OK;
}

/* Offset of the first byte of S that is not well-formed UTF-8 (N when
 * all are); *MULTI gets the offset of the first multi-byte character
 * before it (N when none). */
static size_t utf8_prefix(const char *s, size_t n, size_t *multi)
{
    size_t bad = tb_utf8_valid(s, n, NULL);
    *multi = n;
    for (size_t i = 0; i < bad; i++)
        if ((unsigned char)s[i] >= 0x80) {
            *multi = i;
            break;
        }
    return bad;
}

/* The text of S as UTF-8, by the rule of load.h: UTF-8 when every byte
 * is; Windows-1252 (converted) when no multi-byte UTF-8 character comes
 * before the first byte that is not UTF-8; refused otherwise.  *OUT is S
 * itself or a new buffer. */
static tb_status to_utf8(const char *path, tb_error *err, char *s, size_t n,
                         char **out, size_t *outn)
{
    size_t multi, bad = utf8_prefix(s, n, &multi);
    *out = s;
    *outn = n;
    if (bad == n)
        return TB_OK;
    char what[160];
    if (multi < bad) {
        long line, col;
        place_of(s, multi, &line, &col);
        snprintf(what, sizeof what, "byte 0x%02X is not UTF-8, but the file has "
                 "UTF-8 text before it (line %ld)", (unsigned char)s[bad], line);
        return fail_at(path, err, s, bad, what, "the whole file in one encoding "
                       "(save it again as UTF-8)");
    }
    iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
    if (cd == (iconv_t)-1)
        return tb_error_set(err, TB_EIO, path, 0, 0, "cannot convert from "
                            "Windows-1252: %s", strerror(errno));
    size_t cap = 3 * n + 1, left = 3 * n, inleft = n;
    char *conv = malloc(cap), *in = s, *o = conv;
    tb_status st = TB_OK;
    if (!conv)
        st = tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
    else if (iconv(cd, &in, &inleft, &o, &left) == (size_t)-1) {
        snprintf(what, sizeof what, "byte 0x%02X is not Windows-1252",
                 (unsigned char)*in);
        st = fail_at(path, err, s, (size_t)(in - s), what,
                     "UTF-8 or Windows-1252 text");
    }
    iconv_close(cd);
    if (st != TB_OK) {
        free(conv);
        return st;
    }
    *o = '\0';
    *out = conv;
    *outn = (size_t)(o - conv);
    return TB_OK;
}

tb_status tb_codelist_read_text_(const char *path, tb_error *err, char **base,
                                 char **text, size_t *n)
{
    *base = *text = NULL;
    *n = 0;
    FILE *f = tb_text_open(path);
    if (!f)
        return tb_error_set(err, TB_EIO, path, 0, 0, "cannot open: %s",
                            strerror(errno));
    size_t len;
    char *buf = read_all(f, &len);
    int bad = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (!buf)
        return tb_error_set(err, TB_ENOMEM, path, 0, 0, "out of memory");
    if (bad) {
        free(buf);
        return tb_error_set(err, TB_EIO, path, 0, 0, "read error: %s",
                            strerror(bad));
    }
    size_t skip = tb_text_boms(buf, len);
    char *conv;
    tb_status st = check_utf16(path, err, buf + skip, len - skip);
    if (st == TB_OK)
        st = to_utf8(path, err, buf + skip, len - skip, &conv, n);
    if (st != TB_OK) {
        free(buf);
        return st;
    }
    if (conv != buf + skip) {
        free(buf);
        buf = conv;
    }
    /* what no value may hold, found in the whole text at once */
    char what[80];
    const char *expect;
    size_t at = tb_text_bad(conv, *n, what, sizeof what, &expect);
    if (at < *n) {
        st = fail_at(path, err, conv, at, what, expect);
        free(buf);
        return st;
    }
    *base = buf;
    *text = conv;
    return TB_OK;
}


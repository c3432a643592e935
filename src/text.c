/* Text as every reader takes it (see text.h). */
#include "trendbeeld/text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

size_t tb_utf8_char(const char *str, size_t n, unsigned *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t k = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
             : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    if (k == 0 || k > n)
        return 0;
    unsigned v = s[0] & (0x7Fu >> k);
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    static const unsigned least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < least[k] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return k;
}

/* 1 when S[0..N) (N < 4) could begin a well-formed character that goes on
 * past N: each byte is what the decoder would accept in its place. */
static int valid_start(const unsigned char *s, size_t n)
{
    unsigned char full[4] = {s[0], 0x80, 0x80, 0x80};
    size_t k = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
             : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    if (k <= n)
        return 0;
    memcpy(full, s, n);
    /* complete it with the smallest continuation bytes that can follow */
    for (size_t i = n; i < k; i++)
        full[i] = s[0] == 0xE0 && i == 1 ? 0xA0 : s[0] == 0xF0 && i == 1 ? 0x90 : 0x80;
    unsigned cp;
    return tb_utf8_char((const char *)full, k, &cp) == k;
}

size_t tb_utf8_valid(const char *str, size_t n, int *cut)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    if (cut)
        *cut = 0;
    while (i < n) {
        /* ASCII runs eight bytes at a time */
        for (uint64_t w; i + 8 <= n; i += 8) {
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
        }
        while (i < n && s[i] < 0x80)
            i++;
        if (i >= n)
            break;
        unsigned cp;
        size_t k = tb_utf8_char(str + i, n - i, &cp);
        if (k == 0) {
            if (cut && n - i < 4 && valid_start(s + i, n - i))
                *cut = 1;
            return i;
        }
        i += k;
    }
    return i;
}

size_t tb_text_boms(const char *s, size_t n)
{
    size_t i = 0;
    while (n - i >= 3 && !memcmp(s + i, "\xEF\xBB\xBF", 3))
        i += 3;
    return i;
}

int tb_text_is_space(unsigned cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Bytes of the white-space character that ends S[0..N), or 0. */
static size_t space_before(const char *s, size_t n)
{
    size_t k = 1;
    while (k < n && k < 4 && ((unsigned char)s[n - k] & 0xC0) == 0x80)
        k++;
    unsigned cp;
    return n && tb_utf8_char(s + n - k, k, &cp) == k && tb_text_is_space(cp) ? k : 0;
}

const char *tb_text_trim(const char *s, size_t *n)
{
    size_t len = *n, k;
    unsigned cp;
    while ((k = tb_utf8_char(s, len, &cp)) && tb_text_is_space(cp)) {
        s += k;
        len -= k;
    }
    while ((k = space_before(s, len)) != 0)
        len -= k;
    *n = len;
    return s;
}

/* Names of the C0 control characters, for messages. */
static const char *const c0_names[32] = {
    "null", "start of heading", "start of text", "end of text", "end of transmission",
    "enquiry", "acknowledge", "bell", "backspace", "tab", "line feed",
    "vertical tab", "form feed", "carriage return", "shift out", "shift in",
    "data link escape", "device control 1", "device control 2", "device control 3",
    "device control 4", "negative acknowledge", "synchronous idle",
    "end of transmission block", "cancel", "end of medium", "substitute", "escape",
    "file separator", "group separator", "record separator", "unit separator",
};

/* 1 when the eight bytes of W are all printable ASCII (0x20-0x7E): no
 * high bit, no byte that borrows when 0x20 is taken away, none that
 * reaches the high bit when 1 is added (0x7F). */
static int printable8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    return !((w | (w - 0x20 * ones) | (w + ones)) & high);
}

size_t tb_text_bad(const char *str, size_t n, char *what, size_t wn,
                   const char **expect)
{
    const unsigned char *s = (const unsigned char *)str;
    /* most fields are printable ASCII: eight bytes at a time first (the
     * tail padded with 'A') */
    size_t i = 0;
    uint64_t w;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        if (!printable8(w))
            break;
    }
    if (i + 8 > n) {
        w = 0x4141414141414141ull;
        memcpy(&w, s + i, n - i);
        if (printable8(w))
            return n;
    }
    for (; i < n;) {
        unsigned char b = s[i];
        if (b >= 0x20 && b < 0x7F) {
            i++;
            continue;
        }
        if (b == '\t' || b == '\n' || b == '\r') {
            i++;
            continue;
        }
        unsigned cp;
        size_t k = tb_utf8_char(str + i, n - i, &cp);
        *expect = "text without control characters";
        if (k == 0) {
            snprintf(what, wn, "byte 0x%02X, which is not UTF-8", b);
            *expect = "UTF-8 text";
            return i;
        }
        if (cp == 0)
            snprintf(what, wn, "a NUL byte");
        else if (cp < 0x20)
            snprintf(what, wn, "control character U+%04X (%s)", cp, c0_names[cp]);
        else if (cp >= 0x7F && cp <= 0x9F)
            snprintf(what, wn, "control character U+%04X", cp);
        else if (cp == 0xFEFF) {
            snprintf(what, wn, "a byte order mark (U+FEFF)");
            *expect = "a byte order mark only at the start of the file";
        }
        else {
            i += k;
            continue;
        }
        return i;
    }
    return n;
}

long tb_text_column(const char *s, size_t off)
{
    long col = 1;
    for (size_t i = 0; i < off; i++)
        col += ((unsigned char)s[i] & 0xC0) != 0x80;
    return col;
}

/* ---- opening input files --------------------------------------------------- */

FILE *tb_text_open(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    int e = 0, fl;
    if (fstat(fd, &st) != 0)
        e = errno;
    else if (S_ISDIR(st.st_mode))
        e = EISDIR;
    else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
        e = ENODEV;
    else if ((fl = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
        e = errno;
    FILE *f = e ? NULL : fdopen(fd, "rb");
    if (!f) {
        e = e ? e : errno;
        close(fd);
        errno = e;
    }
    return f;
}

/* ---- matching keys --------------------------------------------------------- */

/* ASCII base letters for U+00C0..U+017F ("" = keep the character). */
static const char *const latin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};

static const char *latin_ext_a(unsigned cp)
{
    static const struct { unsigned lo, hi; const char *s; } r[] = {
        {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"},
        {0x112, 0x11B, "e"}, {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},
        {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"},
        {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
        {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"},
        {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
        {0x174, 0x175, "w"}, {0x176, 0x178, "y"}, {0x179, 0x17E, "z"},
        {0x17F, 0x17F, "s"}};
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        if (cp >= r[i].lo && cp <= r[i].hi)
            return r[i].s;
    return NULL;
}

size_t tb_text_key(const char *text, char *out, size_t n)
{
    size_t o = 0;
    int pending_space = 0;
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    if (n == 0)
        return 0;
    while (*s) {
        unsigned cp;
        size_t len = tb_utf8_char((const char *)s, strlen((const char *)s), &cp);
        if (len == 0) {          /* a stray byte stands for itself */
            cp = *s;
            len = 1;
        }
        char buf[8];
        const char *rep = NULL;
        size_t rlen;
        if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0) {
            pending_space = o > 0;   /* leading spaces vanish */
            s += len;
            continue;
        }
        if (cp < 0x80) {
            buf[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
            buf[1] = '\0';
            rep = buf;
        } else if (cp >= 0xC0 && cp <= 0xFF && latin1[cp - 0xC0][0]) {
            rep = latin1[cp - 0xC0];
        } else if ((rep = latin_ext_a(cp)) != NULL) {
            ;
        } else if (cp == 0x2018 || cp == 0x2019) {
            rep = "'";               /* typographic apostrophe: 's-Gravenhage */
        } else {
            memcpy(buf, s, len);     /* anything else as it is */
            buf[len] = '\0';
            rep = buf;
        }
        rlen = strlen(rep);
        if (o + pending_space + rlen + 1 > n)
            break;
        if (pending_space)
            out[o++] = ' ';
        pending_space = 0;
        memcpy(out + o, rep, rlen);
        o += rlen;
        s += len;
    }
    out[o] = '\0';
    return o;
}

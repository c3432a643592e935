/* Text as every reader takes it (series files, code lists, targets,
 * configuration): one strict UTF-8 decoder, one rule for byte order
 * marks, one trim and one check for characters no field may hold.
 *
 *   - UTF-8 is well-formed as RFC 3629 and Unicode table 3-7 define it:
 *     no stray continuation bytes, no overlong forms, no encoded
 *     surrogates (ED A0 80), nothing above U+10FFFF.
 *   - Any number of byte order marks at the start of a file are skipped
 *     (a file saved twice by a tool that adds one); a byte order mark
 *     anywhere else is an error, never white space.
 *   - Trimming removes Unicode White_Space (space, tab, line ends, no-break
 *     space, the U+2000 spaces, ...) and the zero-width space U+200B.
 *   - A field may not hold NUL, a control character (U+0000-U+001F other
 *     than tab and line ends, U+007F, U+0080-U+009F) or a byte order mark.
 */
#ifndef TRENDBEELD_TEXT_H
#define TRENDBEELD_TEXT_H

#include <stddef.h>
#include <stdio.h>

/* Bytes of the well-formed UTF-8 character at S[0..N) (1-4), with its
 * code point in *CP; 0 when S does not start one (also when N is 0 or
 * the character is cut off by N). */
size_t tb_utf8_char(const char *s, size_t n, unsigned *cp);

/* Length of the longest well-formed UTF-8 prefix of S[0..N).  *CUT (may
 * be NULL) is set when the bytes after it are the valid start of a
 * character that N cuts off (a reader in chunks carries them over). */
size_t tb_utf8_valid(const char *s, size_t n, int *cut);

/* Bytes taken by the byte order marks at the start of S[0..N). */
size_t tb_text_boms(const char *s, size_t n);

/* 1 when CP is trimmed: Unicode White_Space or U+200B. */
int tb_text_is_space(unsigned cp);

/* S[0..*N) without leading and trailing white space: the new start, its
 * length in *N.  Bytes that are not UTF-8 are never trimmed. */
const char *tb_text_trim(const char *s, size_t *n);

/* Offset of the first character in S[0..N) that no field may hold (N
 * when none): NUL, a control character, a byte order mark, or a byte
 * that does not start well-formed UTF-8.  WHAT (WN bytes) gets what it
 * is, e.g. "control character U+001B (escape)", and *EXPECT what a
 * message should ask for instead. */
size_t tb_text_bad(const char *s, size_t n, char *what, size_t wn, const char **expect);

/* The 1-based character column of byte OFF in S (the line starting at S). */
long tb_text_column(const char *s, size_t off);

/* PATH opened for reading ("rb") by every reader of input files: a FIFO
 * with no writer gives an empty file instead of blocking for ever (opened
 * without waiting, then read as usual); a folder is refused with errno
 * EISDIR, a device or socket with ENODEV.  NULL with errno set on failure. */
FILE *tb_text_open(const char *path);

/* The matching key of TEXT: lower case, diacritics folded to ASCII
 * letters, runs of spaces and punctuation as one space (code lists, the
 * measure table and the theme names compare by it).  The normalised key of TEXT into OUT (at most N bytes, always
 * NUL-terminated); returns its length. */
size_t tb_text_key(const char *text, char *out, size_t n);

#endif

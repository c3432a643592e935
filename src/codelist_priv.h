/* Private to the code-list files: the list itself and what its files
 * share.  codelist.c normalises and looks up; codelist_text.c reads and
 * checks a file's text; codelist_load.c turns its records into entries
 * and codelist_index.c sorts and checks their keys.  Loading uses the
 * other three; the lookups use none of them. */
#ifndef TRENDBEELD_CODELIST_PRIV_H
#define TRENDBEELD_CODELIST_PRIV_H

#include "trendbeeld/codelist.h"

typedef struct {
    char *key;   /* normalised, owned */
    size_t idx;  /* entry index */
} keyref;

struct tb_codelist {
    tb_code *e;
    long *line;           /* source line of each entry */
    size_t n, cap;
    keyref *codes;        /* one per entry, sorted by key */
    keyref *names;        /* names and aliases, sorted by key then idx */
    size_t nnames;
};

/* codelist.c: CBS name suffixes and the level each names (normalised:
 * lower case). */
enum { TB_CODELIST_NSUFFIXES_ = 5 };
extern const struct tb_codelist_suffix_ {
    const char *suffix, *level;
} tb_codelist_suffixes_[TB_CODELIST_NSUFFIXES_];

/* codelist.c: TEXT normalised (tb_text_key) into a new string,
 * NULL when out of memory. */
char *tb_codelist_norm_dup_(const char *text);
/* codelist.c: the entry whose normalised code is KEY, or NULL. */
const tb_code *tb_codelist_find_key_(const tb_codelist *c, const char *key);

/* codelist_index.c: the sorted tables of C's codes and names; with
 * LOWEST_LEVEL (CBS lists, which flag nothing) a name several entries
 * share is preferred for the lowest level; then codes used twice and
 * names that cannot be told apart are refused. */
tb_status tb_codelist_index_(tb_codelist *c, int lowest_level, const char *path,
                             tb_error *err);

/* codelist_text.c: read and check the text of PATH: *TEXT is UTF-8
 * without a BOM, *N bytes, owned (*BASE is what to free). */
tb_status tb_codelist_read_text_(const char *path, tb_error *err, char **base,
                                 char **text, size_t *n);

#endif

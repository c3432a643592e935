/* The configuration file of a report run (see config.h), read with inih.
 *
 * inih splits lines into key and value; the value itself is taken from
 * the raw line, because inih would end it at an inline " ;" and a source
 * line such as "CBS; Politie" must stay whole.  The reader below hands
 * inih one line at a time, so the current line number is known in the
 * handler. */
#include "trendbeeld/config.h"
#include "grow.h"

#include <errno.h>
#include <stdarg.h>
#include <glob.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trendbeeld/format.h"
#include "trendbeeld/report.h"
#include "trendbeeld/load.h"
#include "trendbeeld/text.h"

static const char *const key_names[TB_CFG_NKEYS] = {
    [TB_CFG_DATA] = "data",
    [TB_CFG_FILES] = "files",
    [TB_CFG_TARGETS] = "targets",
    [TB_CFG_TARGET_IDS] = "target_ids",
    [TB_CFG_REGIONS] = "regions",
    [TB_CFG_THEMES] = "themes",
    [TB_CFG_OUT] = "out",
    [TB_CFG_LANG] = "lang",
    [TB_CFG_RENDER] = "render",
    [TB_CFG_TITLE] = "title",
    [TB_CFG_SOURCE] = "source",
    [TB_CFG_FAIL_OFF_TRACK] = "fail_off_track",
};

/* What a value should be, for "has no value; expected ..." */
static const char *const key_expect[TB_CFG_NKEYS] = {
    [TB_CFG_DATA] = "a folder",
    [TB_CFG_FILES] = "file names or patterns separated by commas",
    [TB_CFG_TARGETS] = "a targets file or none",
    [TB_CFG_TARGET_IDS] = "target ids separated by commas",
    [TB_CFG_REGIONS] = "region codes or names separated by commas",
    [TB_CFG_THEMES] = "theme ids separated by commas",
    [TB_CFG_OUT] = "a folder",
    [TB_CFG_LANG] = "nl or en",
    [TB_CFG_RENDER] = "yes or no",
    [TB_CFG_TITLE] = "a text",
    [TB_CFG_SOURCE] = "a text",
    [TB_CFG_FAIL_OFF_TRACK] = "yes or no",
};

const char *tb_config_key_name(tb_config_key k)
{
    return (int)k >= 0 && k < TB_CFG_NKEYS ? key_names[k] : NULL;
}

void tb_config_list_free(char **list)
{
    if (!list)
        return;
    for (char **p = list; *p; p++)
        free(*p);
    free(list);
}

void tb_config_free(tb_config *c)
{
    if (!c)
        return;
    free(c->path);
    free(c->data);
    tb_config_list_free(c->files);
    free(c->targets);
    tb_config_list_free(c->target_ids);
    tb_config_list_free(c->regions);
    tb_config_list_free(c->themes);
    free(c->out);
    free(c->title);
    free(c->source);
    free(c);
}

/* S[0..len) trimmed (tb_text_trim), as a new string. */
static char *trimmed(const char *s, size_t len)
{
    s = tb_text_trim(s, &len);
    return strndup(s, len);
}


tb_status tb_config_split(const char *list, const char *what, char ***out,
                          size_t *n, tb_error *err)
{
    *out = NULL;
    *n = 0;
    size_t cap = 1;
    for (const char *p = list; *p; p++)
        cap += *p == ',';
    char **v = calloc(cap + 1, sizeof *v);
    if (!v)
        return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
    size_t k = 0;
    for (const char *p = list;;) {
        size_t len = strcspn(p, ",");
        char *item = trimmed(p, len);
        if (!item) {
            tb_config_list_free(v);
            return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
        }
        if (!*item) {
            free(item);
            tb_config_list_free(v);
            return tb_error_set(err, TB_EINVAL, NULL, 0, 0,
                                "%s: empty item in the list; expected names "
                                "separated by single commas", what);
        }
        v[k++] = item;
        p += len;
        if (!*p)
            break;
        p++;
    }
    *out = v;
    *n = k;
    return TB_OK;
}

/* ---- reading ---------------------------------------------------------- */

typedef struct {
    FILE *f;
    const char *path;
    char *dir;          /* folder of the file, for relative paths */
    char *raw;          /* the current line as it is in the file */
    size_t rawcap, rawlen;
    long line;
    tb_config *c;
    tb_status rc;       /* the first mistake, at err_line */
    long err_line;
    tb_error *err;
} reader;

/* Record a mistake at the current line (column COL, 0: the whole line);
 * the first one in the file wins. */
static int fail_at(reader *r, tb_status code, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail_at(reader *r, tb_status code, long col, const char *fmt, ...)
{
    if (r->rc && r->err_line <= r->line)
        return 0;
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->rc = tb_error_set(r->err, code, r->path, r->line, col, "%s", msg);
    r->err_line = r->line;
    return 0;
}

#define fail(r, code, ...) fail_at((r), (code), 0, __VA_ARGS__)

/* The current line without the byte order marks that may start the file. */
static const char *line_text(const reader *r)
{
    return r->raw + (r->line == 1 ? tb_text_boms(r->raw, r->rawlen) : 0);
}

/* A setting must start the line: inih would take an indented line as the
 * continuation of the setting above, and a section header is not used.
 * No line may hold what no text may (text.h): a NUL would cut a value
 * short, an escape sequence would reach the report. */
static void check_raw(reader *r)
{
    const char *s = line_text(r);
    size_t n = r->rawlen - (size_t)(s - r->raw);
    char what[80];
    const char *expect;
    size_t bad = tb_text_bad(s, n, what, sizeof what, &expect);
    if (bad < n) {
        fail_at(r, TB_EINVAL, tb_text_column(s, bad), "%s; expected %s", what, expect);
        return;
    }
    const char *t = tb_text_trim(s, &n);
    if (!n || *t == '#' || *t == ';')
        return;
    if (t != s) {
        fail(r, TB_EINVAL, "indented line; expected each setting at the start of "
                           "its line (an indented line would continue the one above)");
        return;
    }
    if (*t == '[') {
        size_t k = strcspn(t + 1, "]\r\n");
        fail(r, TB_EINVAL, "sections such as [%.*s] are not used; expected key = "
                           "value lines only", (int)(k > 60 ? 60 : k), t + 1);
    }
}

/* ini_reader: one raw line per call, cut to what inih's buffer holds
 * (only the key has to fit: values come from the raw line). */
static char *read_line(char *str, int num, void *stream)
{
    reader *r = stream;
    ssize_t k = getline(&r->raw, &r->rawcap, r->f);
    if (k < 0)
        return NULL;
    r->rawlen = (size_t)k;
    r->line++;
    check_raw(r);
    const char *t = line_text(r);
    size_t n = r->rawlen - (size_t)(t - r->raw);
    size_t len = n < (size_t)num - 1 ? n : (size_t)num - 1;
    memcpy(str, t, len);
    str[len] = '\0';
    /* inih needs the separator on its copy; a long value is cut, which is
     * harmless because the value is taken from the raw line */
    return str;
}

/* The value of the current line: the raw text after the key and its
 * separator ('=' or ':', as inih splits), trimmed. */
static char *raw_value(reader *r, const char *name)
{
    size_t n = strlen(line_text(r));
    const char *s = tb_text_trim(line_text(r), &n);
    s += strlen(name);
    while (*s && *s != '=' && *s != ':')
        s++;
    if (*s)
        s++;
    return trimmed(s, strlen(s));
}

/* PATH relative to the configuration's folder, unless absolute. */
static char *resolve(const reader *r, const char *path)
{
    char *s = NULL;
    if (path[0] == '/' || !r->dir[0] || !strcmp(r->dir, "."))
        return strdup(path);
    if (asprintf(&s, "%s/%s", r->dir, path) < 0)
        return NULL;
    return s;
}

static int parse_bool(const char *v)
{
    static const char *const yes[] = {"yes", "true", "on", "ja", "1"};
    static const char *const no[] = {"no", "false", "off", "nee", "0"};
    for (size_t i = 0; i < 5; i++) {
        if (!strcasecmp(v, yes[i]))
            return 1;
        if (!strcasecmp(v, no[i]))
            return 0;
    }
    return -1;
}

static int list_setting(reader *r, const char *key, const char *v, char ***out,
                        size_t *n)
{
    tb_error e = {0};
    if (tb_config_split(v, key, out, n, &e) != TB_OK)
        return fail(r, e.code, "%s", e.msg);
    return 1;
}

static int set_files(reader *r, const char *v)
{
    char **pat;
    size_t np;
    if (!list_setting(r, "files", v, &pat, &np))
        return 0;
    size_t n = 0, cap = 9; /* slots, the terminating NULL's included */
    char **files = calloc(cap, sizeof *files);
    int ok = files != NULL;
    for (size_t i = 0; i < np && ok; i++) {
        char *full = resolve(r, pat[i]);
        glob_t g = {0};
        int grc = full ? glob(full, 0, NULL, &g) : GLOB_NOSPACE;
        free(full);
        if (grc == GLOB_NOSPACE) {
            ok = 0;
            fail(r, TB_ENOMEM, "out of memory");
        } else if (grc != 0 || g.gl_pathc == 0) {
            ok = 0;
            fail(r, TB_EINVAL, "files: no file matches '%s'; expected existing files "
                               "or patterns such as series/*.csv", pat[i]);
        }
        for (size_t k = 0; ok && k < g.gl_pathc; k++) {
            if (TB_GROW(files, cap, n + 2, 9) != 0 || !(files[n] = strdup(g.gl_pathv[k]))) {
                ok = 0;
                fail(r, TB_ENOMEM, "out of memory");
                break;
            }
            files[++n] = NULL;
        }
        globfree(&g);
    }
    tb_config_list_free(pat);
    if (!ok) {
        tb_config_list_free(files);
        return 0;
    }
    r->c->files = files;
    r->c->nfiles = n;
    return 1;
}

static int handler(void *user, const char *section, const char *name,
                   const char *value)
{
    (void)value;
    reader *r = user;
    if (r->rc)
        return 0; /* only the first mistake is reported; after it, an indented
                     line may reach here as a continuation without its key */
    if (section && *section)
        return fail(r, TB_EINVAL, "sections are not used; expected key = value lines only");
    int k = 0;
    while (k < TB_CFG_NKEYS && strcasecmp(key_names[k], name))
        k++;
    if (k == TB_CFG_NKEYS)
        return fail(r, TB_EINVAL,
                    "unknown setting '%.60s'; expected one of data, files, targets, "
                    "target_ids, regions, themes, out, lang, render, title, source, "
                    "fail_off_track", name);
    tb_config *c = r->c;
    if (c->line[k])
        return fail(r, TB_EINVAL, "%s is set twice (also on line %ld); expected each "
                                  "setting once", name, c->line[k]);
    c->line[k] = r->line;
    char *v = raw_value(r, name);
    if (!v)
        return fail(r, TB_ENOMEM, "out of memory");
    int ok = 1;
    if (!*v) {
        ok = fail(r, TB_EINVAL, "%s has no value; expected %s", name, key_expect[k]);
        goto out;
    }
    struct stat sb;
    switch ((tb_config_key)k) {
    case TB_CFG_DATA:
        c->data = resolve(r, v);
        if (c->data && (stat(c->data, &sb) != 0 || !S_ISDIR(sb.st_mode)))
            ok = fail(r, TB_EINVAL, "data: '%s' is not a folder; expected the folder "
                                    "with regions.csv, indicators.csv and series/", v);
        break;
    case TB_CFG_FILES: ok = set_files(r, v); break;
    case TB_CFG_TARGETS:
        c->targets = strcmp(v, "none") ? resolve(r, v) : strdup("none");
        if (c->targets && strcmp(v, "none") && access(c->targets, R_OK) != 0)
            ok = fail(r, TB_EINVAL, "targets: '%s' is not a readable file; expected a "
                                    "targets file or none", v);
        break;
    case TB_CFG_TARGET_IDS:
        ok = list_setting(r, name, v, &c->target_ids, &c->ntarget_ids);
        break;
    case TB_CFG_REGIONS:
        ok = list_setting(r, name, v, &c->regions, &c->nregions);
        break;
    case TB_CFG_THEMES:
        ok = list_setting(r, name, v, &c->themes, &c->nthemes);
        for (size_t i = 0; ok && i < c->nthemes; i++)
            if (!tb_report_theme_known(c->themes[i]))
                ok = fail(r, TB_EINVAL, "theme '%.60s' is unknown; expected some of "
                                        "%s", c->themes[i], tb_report_theme_list());
        break;
    case TB_CFG_OUT: c->out = resolve(r, v); break;
    case TB_CFG_LANG:
        c->lang = tb_lang_parse(v);
        if (c->lang < 0)
            ok = fail(r, TB_EINVAL, "lang '%.60s': expected nl or en", v);
        break;
    case TB_CFG_RENDER:
    case TB_CFG_FAIL_OFF_TRACK: {
        int b = parse_bool(v);
        if (b < 0)
            ok = fail(r, TB_EINVAL, "%s '%.60s': expected yes or no", name, v);
        else if (k == TB_CFG_RENDER)
            c->render = b;
        else
            c->fail_off_track = b;
        break;
    }
    case TB_CFG_TITLE: c->title = v, v = NULL; break;
    case TB_CFG_SOURCE: c->source = v, v = NULL; break;
    case TB_CFG_NKEYS: break;
    }
out:
    free(v);
    return ok;
}

tb_status tb_config_load(const char *path, tb_config **out, tb_error *err)
{
    *out = NULL;
    tb_config *c = calloc(1, sizeof *c);
    reader r = {.path = path, .c = c, .err = err};
    if (!c || !(c->path = strdup(path)))
        goto nomem;
    c->lang = c->render = c->fail_off_track = -1;
    const char *slash = strrchr(path, '/');
    r.dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    if (!r.dir)
        goto nomem;
    r.f = tb_text_open(path);
    if (!r.f) {
        tb_status rc = tb_error_set(err, TB_EIO, path, 0, 0,
                                    "cannot read the configuration: %s; expected a "
                                    "readable file", strerror(errno));
        free(r.dir);
        tb_config_free(c);
        return rc;
    }
    int k = ini_parse_stream(read_line, &r, handler, &r);
    int read_bad = ferror(r.f);
    fclose(r.f);
    if (k > 0 && (!r.rc || k < r.err_line)) {
        /* inih found a line that is no setting: say what it holds */
        FILE *f = fopen(path, "r");
        char *line = NULL;
        size_t cap = 0;
        for (int i = 0; f && i < k; i++)
            if (getline(&line, &cap, f) < 0)
                break;
        if (f)
            fclose(f);
        char *t = line ? trimmed(line, strlen(line)) : NULL;
        r.line = k;
        r.rc = TB_OK;
        fail(&r, TB_EINVAL, "'%.40s' is not a setting; expected key = value, or a "
                            "comment line starting with # or ;", t ? t : "");
        free(t);
        free(line);
    } else if (k == -2) {
        goto nomem;
    } else if (read_bad && !r.rc) {
        r.rc = tb_error_set(err, TB_EIO, path, 0, 0, "reading failed");
    }
    free(r.raw);
    free(r.dir);
    if (r.rc) {
        tb_config_free(c);
        return r.rc;
    }
    *out = c;
    return TB_OK;
nomem:
    free(r.raw);
    free(r.dir);
    tb_config_free(c);
    return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
}

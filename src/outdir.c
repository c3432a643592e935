/* An output folder replaced all or nothing (outdir.h). */
#include "trendbeeld/outdir.h"
#include "grow.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_DEPTH 16 /* folders carried over, nested */

struct tb_outdir {
    char *dir;                 /* the output folder, absolute */
    char *parent;              /* the folder it sits in */
    char *staging;             /* where this run writes */
    char *manifest, *command;
    char **files;              /* relative names written */
    size_t n, cap;
    char **dirs;               /* sub-folders made */
    size_t ndirs, capdirs;
    size_t replaced;           /* files of others the run replaced */
    char *first_replaced;
};

/* The test hook: SIGKILL at step TRENDBEELD_KILL_AT. */
static void step(void)
{
    static long at = -1, count;
    if (at < 0) {
        const char *s = getenv("TRENDBEELD_KILL_AT");
        at = s ? atol(s) : 0;
    }
    if (at > 0 && ++count == at)
        raise(SIGKILL);
}

static tb_status oom(tb_error *err)
{
    return tb_error_set(err, TB_ENOMEM, NULL, 0, 0, "out of memory");
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(path) != 0 && errno != ENOENT ? -1 : 0;
}

/* Remove the tree at PATH, never following a symbolic link. */
static int remove_tree(const char *path)
{
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0 && errno != ENOENT ? -1 : 0;
}

/* The prefix of staging folders of the output folder named BASE. */
static char *staging_prefix(const char *base)
{
    char *p = NULL;
    return asprintf(&p, ".%s.trendbeeld-", base) < 0 ? NULL : p;
}

/* Remove the staging folders next to the output folder whose run is gone. */
static void remove_stale(const char *parent, const char *base)
{
    char *prefix = staging_prefix(base);
    DIR *d = prefix ? opendir(parent) : NULL;
    size_t k = prefix ? strlen(prefix) : 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (strncmp(e->d_name, prefix, k))
            continue;
        char *end;
        long pid = strtol(e->d_name + k, &end, 10);
        if (end == e->d_name + k || *end != '-' || pid <= 0 || pid == (long)getpid() ||
            !(kill((pid_t)pid, 0) != 0 && errno == ESRCH))
            continue;
        char *path = NULL;
        if (asprintf(&path, "%s/%s", parent, e->d_name) >= 0)
            remove_tree(path);
        free(path);
    }
    if (d)
        closedir(d);
    free(prefix);
}

tb_status tb_outdir_begin(const char *dir, const char *manifest, const char *command,
                          tb_outdir **out, tb_error *err)
{
    *out = NULL;
    if (!dir || !*dir)
        return tb_error_set(err, TB_EINVAL, NULL, 0, 0, "no output folder given");
    tb_outdir *o = calloc(1, sizeof *o);
    if (!o)
        return oom(err);
    /* the folder itself when it exists (a link to a folder: the folder it
     * points at), else the new name in its existing parent */
    char *real = realpath(dir, NULL);
    const char *slash = strrchr(dir, '/');
    if (!real && errno == ENOENT) {
        char *par = slash ? strndup(dir, slash == dir ? 1 : (size_t)(slash - dir)) : strdup(".");
        char *rp = par ? realpath(par, NULL) : NULL;
        if (rp && asprintf(&real, "%s/%s", strcmp(rp, "/") ? rp : "", slash ? slash + 1 : dir) < 0)
            real = NULL;
        free(par);
        free(rp);
    }
    if (!real) {
        tb_status rc = tb_error_set(err, TB_EIO, dir, 0, 0, "cannot use the output folder: %s",
                                    strerror(errno ? errno : ENOENT));
        free(o);
        return rc;
    }
    o->dir = real;
    struct stat sb;
    if (lstat(real, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        tb_outdir_abort(o);
        return tb_error_set(err, TB_EIO, dir, 0, 0,
                            "not a folder; expected a folder for the output");
    }
    const char *base = strrchr(real, '/') + 1;
    if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
        tb_outdir_abort(o);
        return tb_error_set(err, TB_EINVAL, dir, 0, 0,
                            "the root folder; expected a folder of its own for the output");
    }
    char *prefix = staging_prefix(base);
    o->parent = strndup(real, (size_t)(base - 1 - real) ? (size_t)(base - 1 - real) : 1);
    o->manifest = strdup(manifest);
    o->command = strdup(command);
    if (!prefix || !o->parent || !o->manifest || !o->command ||
        asprintf(&o->staging, "%s/%s%ld-XXXXXX", o->parent, prefix, (long)getpid()) < 0) {
        free(prefix);
        o->staging = NULL;
        tb_outdir_abort(o);
        return oom(err);
    }
    free(prefix);
    remove_stale(o->parent, base);
    if (!mkdtemp(o->staging)) {
        tb_status rc = tb_error_set(err, TB_EIO, o->parent, 0, 0,
                                    "cannot make a staging folder next to the output: %s",
                                    strerror(errno));
        free(o->staging);
        o->staging = NULL;
        tb_outdir_abort(o);
        return rc;
    }
    chmod(o->staging, 0755);
    *out = o;
    return TB_OK;
}

const char *tb_outdir_staging(const tb_outdir *o) { return o->staging; }

/* Append a copy of S to the list V. */
static tb_status add_name(char ***v, size_t *n, size_t *cap, const char *s, tb_error *err)
{
    if (TB_GROW(*v, *cap, *n + 1, 64) != 0)
        return oom(err);
    if (!((*v)[*n] = strdup(s)))
        return oom(err);
    (*n)++;
    return TB_OK;
}

tb_status tb_outdir_mkdir(tb_outdir *o, const char *rel, tb_error *err)
{
    char *path = NULL;
    if (asprintf(&path, "%s/%s", o->staging, rel) < 0)
        return oom(err);
    tb_status rc = mkdir(path, 0755) == 0
                       ? add_name(&o->dirs, &o->ndirs, &o->capdirs, rel, err)
                       : tb_error_set(err, TB_EIO, rel, 0, 0, "cannot make the folder: %s",
                                      strerror(errno));
    free(path);
    return rc;
}

/* Create REL, a new file in the staging folder. */
static tb_status create(const tb_outdir *o, const char *rel, FILE **f, tb_error *err)
{
    *f = NULL;
    char *path = NULL;
    if (asprintf(&path, "%s/%s", o->staging, rel) < 0)
        return oom(err);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    free(path);
    if (fd < 0)
        return tb_error_set(err, TB_EIO, rel, 0, 0, "cannot create the file: %s",
                            strerror(errno));
    if (!(*f = fdopen(fd, "w"))) {
        close(fd);
        return oom(err);
    }
    return TB_OK;
}

tb_status tb_outdir_open(tb_outdir *o, const char *rel, FILE **f, tb_error *err)
{
    tb_status rc = create(o, rel, f, err);
    if (!rc && (rc = add_name(&o->files, &o->n, &o->cap, rel, err)) != TB_OK) {
        fclose(*f);
        *f = NULL;
    }
    return rc;
}

tb_status tb_outdir_close(tb_outdir *o, FILE *f, const char *rel, tb_error *err)
{
    (void)o;
    errno = 0;
    int bad = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
    int e = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    step();
    return bad ? tb_error_set(err, TB_EIO, rel, 0, 0, "writing failed: %s",
                              strerror(e ? e : EIO))
               : TB_OK;
}

/* Sync the file or folder at DIRFD/REL (AT_FDCWD: a path). */
static int sync_at(int dirfd, const char *rel, int folder)
{
    int fd = openat(dirfd, rel, (folder ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_NOFOLLOW |
                                    O_CLOEXEC);
    if (fd < 0)
        return -1;
    int r = fsync(fd);
    close(fd);
    return r;
}

tb_status tb_outdir_add(tb_outdir *o, const char *rel, tb_error *err)
{
    char *path = NULL;
    if (asprintf(&path, "%s/%s", o->staging, rel) < 0)
        return oom(err);
    int r = sync_at(AT_FDCWD, path, 0);
    free(path);
    if (r != 0)
        return tb_error_set(err, TB_EIO, rel, 0, 0, "cannot sync the file: %s",
                            strerror(errno));
    step();
    return add_name(&o->files, &o->n, &o->cap, rel, err);
}

/* ---- the file list ------------------------------------------------------- */

/* A name from a list is only trusted when a run could have written it: a
 * plain relative name, or one under tables/, of the characters file stems
 * are made of. */
static int listed_name_ok(const char *s, const char *manifest)
{
    if (!strncmp(s, "tables/", 7))
        s += 7;
    if (!*s || *s == '.' || !strcmp(s, manifest))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
              *s == '-' || *s == '.'))
            return 0;
    return 1;
}

typedef struct {
    char *name;
    long long size, sec, nsec;
} listed;

/* The entries of the earlier list in DIR (NULL-terminated by name). */
static listed *list_read(const tb_outdir *o, size_t *n)
{
    *n = 0;
    char *path = NULL;
    if (asprintf(&path, "%s/%s", o->dir, o->manifest) < 0)
        return NULL;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    free(path);
    FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    listed *v = NULL;
    size_t cap = 0, lcap = 0;
    char *line = NULL;
    ssize_t k;
    while ((k = getline(&line, &lcap, f)) >= 0) {
        while (k > 0 && (line[k - 1] == '\n' || line[k - 1] == '\r'))
            line[--k] = '\0';
        char *tab = strchr(line, '\t');
        listed e = {0};
        /* only entries with a size and time can still match */
        if (line[0] == '#' || !tab ||
            sscanf(tab + 1, "%lld\t%lld.%lld", &e.size, &e.sec, &e.nsec) != 3)
            continue;
        *tab = '\0';
        if (!listed_name_ok(line, o->manifest))
            continue;
        if (TB_GROW(v, cap, *n + 1, 64) != 0 || !(e.name = strdup(line)))
            break;
        v[(*n)++] = e;
    }
    free(line);
    fclose(f);
    return v;
}

/* 1 when REL is on the earlier list and SB still matches it. */
static int still_listed(const listed *v, size_t n, const char *rel, const struct stat *sb)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i].name, rel))
            return S_ISREG(sb->st_mode) && sb->st_size == v[i].size &&
                   sb->st_mtim.tv_sec == v[i].sec && sb->st_mtim.tv_nsec == v[i].nsec;
    return 0;
}

static tb_status list_write(tb_outdir *o, tb_error *err)
{
    FILE *f;
    tb_status rc = create(o, o->manifest, &f, err); /* not on the list itself */
    if (rc)
        return rc;
    fprintf(f, "# Files written by trendbeeld %s into this folder, with size and time.\n"
               "# A later run removes those it no longer writes and that are unchanged;\n"
               "# other files are never touched.\n",
            o->command);
    for (size_t i = 0; i < o->n; i++) {
        struct stat sb;
        char *path = NULL;
        if (asprintf(&path, "%s/%s", o->staging, o->files[i]) < 0) {
            fclose(f);
            return oom(err);
        }
        int r = lstat(path, &sb);
        free(path);
        if (r == 0 && listed_name_ok(o->files[i], o->manifest))
            fprintf(f, "%s\t%lld\t%lld.%09lld\n", o->files[i], (long long)sb.st_size,
                    (long long)sb.st_mtim.tv_sec, (long long)sb.st_mtim.tv_nsec);
    }
    return tb_outdir_close(o, f, o->manifest, err);
}

/* ---- carrying the other files over ---------------------------------------- */

/* Carry every entry of FROM (the old folder at REL) that is not the
 * run's own into TO, the same place in the staging folder. */
static tb_status carry(tb_outdir *o, int from, int to, const char *rel, int depth,
                       const listed *v, size_t nv, tb_diag *warn, tb_error *err)
{
    if (depth > MAX_DEPTH)
        return tb_error_set(err, TB_EIO, o->dir, 0, 0,
                            "folders nested more than %d deep in the output folder; "
                            "expected a folder of its own for the output", MAX_DEPTH);
    int fd = dup(from);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return tb_error_set(err, TB_EIO, o->dir, 0, 0, "cannot read the folder: %s",
                            strerror(errno));
    }
    tb_status rc = TB_OK;
    struct dirent *e;
    while (!rc && (e = readdir(d))) {
        const char *name = e->d_name;
        if (!strcmp(name, ".") || !strcmp(name, "..") ||
            (depth == 0 && !strcmp(name, o->manifest)))
            continue;
        char *r = NULL;
        if (asprintf(&r, "%s%s%s", rel, *rel ? "/" : "", name) < 0) {
            rc = oom(err);
            break;
        }
        struct stat sb, nb;
        int here = fstatat(to, name, &nb, AT_SYMLINK_NOFOLLOW) == 0;
        if (fstatat(from, name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
            rc = tb_error_set(err, TB_EIO, r, 0, 0, "cannot read: %s", strerror(errno));
        } else if (still_listed(v, nv, r, &sb)) {
            /* the run's own file of before: dropped with the old folder */
        } else if (S_ISDIR(sb.st_mode) && (!here || S_ISDIR(nb.st_mode))) {
            if (!here && mkdirat(to, name, sb.st_mode & 07777) != 0)
                rc = tb_error_set(err, TB_EIO, r, 0, 0, "cannot carry over the folder: %s",
                                  strerror(errno));
            int f2 = rc ? -1 : openat(from, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            int t2 = f2 < 0 ? -1 : openat(to, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (!rc && (f2 < 0 || t2 < 0))
                rc = tb_error_set(err, TB_EIO, r, 0, 0, "cannot open the folder: %s",
                                  strerror(errno));
            if (!rc)
                rc = carry(o, f2, t2, r, depth + 1, v, nv, warn, err);
            if (!rc && fsync(t2) != 0)
                rc = tb_error_set(err, TB_EIO, r, 0, 0, "cannot sync: %s", strerror(errno));
            if (f2 >= 0)
                close(f2);
            if (t2 >= 0)
                close(t2);
        } else if (here && S_ISREG(sb.st_mode) && S_ISREG(nb.st_mode)) {
            /* a name the run writes itself: the run's file wins, said aloud */
            if (!o->replaced++)
                o->first_replaced = strdup(r);
        } else if (here) {
            rc = tb_error_set(err, TB_EIO, o->dir, 0, 0,
                              "%s is %s, and trendbeeld %s writes a %s of that name; "
                              "expected a file or nothing there (move it out of the "
                              "folder, or choose another one)",
                              r, S_ISLNK(sb.st_mode) ? "a symbolic link"
                                 : S_ISDIR(sb.st_mode) ? "a folder" : "a special file",
                              o->command, S_ISDIR(nb.st_mode) ? "folder" : "file");
        } else if (S_ISREG(sb.st_mode)) {
            if (linkat(from, name, to, name, 0) != 0)
                rc = tb_error_set(err, TB_EIO, r, 0, 0,
                                  "cannot carry the file over to the new folder: %s",
                                  strerror(errno));
        } else if (S_ISLNK(sb.st_mode)) {
            char target[PATH_MAX];
            ssize_t k = readlinkat(from, name, target, sizeof target - 1);
            if (k >= 0)
                target[k] = '\0';
            if (k < 0 || symlinkat(target, to, name) != 0)
                rc = tb_error_set(err, TB_EIO, r, 0, 0,
                                  "cannot carry the link over to the new folder: %s",
                                  strerror(errno));
        } else {
            rc = tb_error_set(err, TB_EIO, r, 0, 0,
                              "a special file (pipe, socket or device) in the output "
                              "folder; expected files and folders only");
        }
        free(r);
        step();
    }
    closedir(d);
    return rc;
}

tb_status tb_outdir_commit(tb_outdir *o, tb_diag *warn, tb_error *err)
{
    tb_status rc = list_write(o, err);
    int from = -1, to = -1, existed = 0;
    size_t nv = 0;
    listed *v = NULL;
    if (!rc) {
        from = open(o->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        existed = from >= 0;
        if (!existed && errno != ENOENT)
            rc = tb_error_set(err, TB_EIO, o->dir, 0, 0, "cannot open the output folder: %s",
                              strerror(errno));
    }
    if (!rc && existed) {
        v = list_read(o, &nv);
        to = open(o->staging, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        rc = to < 0 ? tb_error_set(err, TB_EIO, o->staging, 0, 0, "cannot open: %s",
                                   strerror(errno))
                    : carry(o, from, to, "", 0, v, nv, warn, err);
    }
    for (size_t i = 0; i < nv; i++)
        free(v[i].name);
    free(v);
    if (!rc && o->replaced > 1 && warn)
        tb_diag_add(warn, o->dir, 0, 0,
                    "%s and %zu other files replaced: trendbeeld %s writes them, but did "
                    "not write what was there (or it changed since)",
                    o->first_replaced ? o->first_replaced : "?", o->replaced - 1, o->command);
    else if (!rc && o->replaced && warn)
        tb_diag_add(warn, o->dir, 0, 0,
                    "%s replaced: trendbeeld %s writes it, but did not write what was "
                    "there (or it changed since)",
                    o->first_replaced ? o->first_replaced : "?", o->command);
    if (from >= 0)
        close(from);
    if (to >= 0)
        close(to);
    /* every sub-folder and the staging folder itself on disk */
    for (size_t i = 0; !rc && i < o->ndirs; i++) {
        char *sub = NULL;
        if (asprintf(&sub, "%s/%s", o->staging, o->dirs[i]) >= 0)
            sync_at(AT_FDCWD, sub, 1);
        free(sub);
    }
    if (!rc && sync_at(AT_FDCWD, o->staging, 1) != 0)
        rc = tb_error_set(err, TB_EIO, o->staging, 0, 0, "cannot sync: %s", strerror(errno));
    step();
    if (!rc) {
        int r = renameat2(AT_FDCWD, o->staging, AT_FDCWD, o->dir,
                          existed ? RENAME_EXCHANGE : RENAME_NOREPLACE);
        if (r != 0 && (errno == EINVAL || errno == ENOSYS)) {
            /* no atomic swap here: the old folder aside, then the new one in */
            char *aside = NULL;
            r = asprintf(&aside, "%so", o->staging) < 0 ? -1 : 0;
            if (!r && existed)
                r = rename(o->dir, aside);
            step();
            if (!r)
                r = rename(o->staging, o->dir);
            if (!r && existed) {
                free(o->staging);
                o->staging = aside;
                aside = NULL;
            }
            free(aside);
        }
        if (r != 0)
            rc = tb_error_set(err, TB_EIO, o->dir, 0, 0,
                              "cannot put the new output in place: %s", strerror(errno));
    }
    step();
    if (!rc) {
        sync_at(AT_FDCWD, o->parent, 1);
        /* the old folder now sits at the staging name */
        if (existed && remove_tree(o->staging) != 0 && warn)
            tb_diag_add(warn, o->staging, 0, 0,
                        "cannot remove the earlier output moved here: %s", strerror(errno));
        if (!existed) {
            free(o->staging);
            o->staging = NULL;
        }
        step();
    }
    tb_outdir_abort(o);
    return rc;
}

void tb_outdir_abort(tb_outdir *o)
{
    if (!o)
        return;
    if (o->staging)
        remove_tree(o->staging);
    for (size_t i = 0; i < o->n; i++)
        free(o->files[i]);
    free(o->files);
    for (size_t i = 0; i < o->ndirs; i++)
        free(o->dirs[i]);
    free(o->dirs);
    free(o->first_replaced);
    free(o->staging);
    free(o->dir);
    free(o->parent);
    free(o->manifest);
    free(o->command);
    free(o);
}

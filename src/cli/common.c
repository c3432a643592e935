/* Shared command-line parsing and loading (see common.h). */
#include "common.h"

#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

enum {
    OPT_MAP = CLI_OPT_BASE,
    OPT_REGION,
    OPT_INDICATOR,
    OPT_MEASURE,
    OPT_STRICT,
    OPT_DATA,
    OPT_REGIONS,
    OPT_INDICATORS,
    OPT_VERBOSE,
    OPT_DECIMAL,
    OPT_HELP
};

static const struct option common_opts[] = {
    {"map", required_argument, 0, OPT_MAP},
    {"region", required_argument, 0, OPT_REGION},
    {"indicator", required_argument, 0, OPT_INDICATOR},
    {"measure", required_argument, 0, OPT_MEASURE},
    {"strict", no_argument, 0, OPT_STRICT},
    {"decimal", required_argument, 0, OPT_DECIMAL},
    {"data", required_argument, 0, OPT_DATA},
    {"regions", required_argument, 0, OPT_REGIONS},
    {"indicators", required_argument, 0, OPT_INDICATORS},
    {"verbose", no_argument, 0, OPT_VERBOSE},
    {"help", no_argument, 0, OPT_HELP},
};

/* 1 when the subcommand has an option NAME of its own: it wins over the
 * common one (report's --regions LIST is the areas to cover). */
static int shadowed(const struct option *extra, const char *name)
{
    for (size_t i = 0; extra && extra[i].name; i++)
        if (strcmp(extra[i].name, name) == 0)
            return 1;
    return 0;
}

static void common_usage(FILE *f, const struct option *extra)
{
    fputs("Input options (all commands):\n"
          "  --map SPEC        columns by role: region=COL,indicator=COL,measure=COL,\n"
          "                    year=COL,value=COL (COL a header name or number)\n"
          "  --region NAME     region of a file that names none\n"
          "  --indicator NAME  offence of a file that names none\n"
          "  --measure NAME    measure of a file that names none\n"
          "  --strict          regions and indicators must be in the code lists\n"
          "  --decimal SEP     comma or point: the decimal separator of the files\n"
          "                    and the targets file (default: what their values\n"
          "                    show; '12.111' in a count is 12111)\n"
          "  --data DIR        data folder (default: the shipped data/ next to the\n"
          "                    program, or PREFIX/share/trendbeeld/data)\n",
          f);
    if (!shadowed(extra, "regions"))
        fputs("  --regions FILE    region code list instead of DIR/regions.csv\n", f);
    if (!shadowed(extra, "indicators"))
        fputs("  --indicators FILE offence code list instead of DIR/indicators.csv\n", f);
    fputs("  --verbose         report what was detected in every file\n"
          "  --help            this text\n"
          "With no FILE, DIR/series/*.csv are loaded; DIR/regions.csv and\n"
          "DIR/indicators.csv name the regions and offences when present.\n"
          "A code list is the project's own (code,name,level,...) or one as\n"
          "downloaded from CBS: Key,Title (RegioS, SoortMisdrijf, Overlast),\n"
          "Code_1,Naam_2 (a TypedDataSet lookup) or GemeentecodeGM,Gemeentenaam,\n"
          "ProvinciecodePV,Provincienaam (gemeenten with their province).\n",
          f);
}

void cli_common_usage(FILE *f)
{
    common_usage(f, NULL);
}

/* 1 when DIR holds the code lists. */
static int has_code_lists(const char *dir)
{
    char a[1100], b[1100];
    snprintf(a, sizeof a, "%s/regions.csv", dir);
    snprintf(b, sizeof b, "%s/indicators.csv", dir);
    return access(a, R_OK) == 0 && access(b, R_OK) == 0;
}

/* The shipped data folder, whatever the working folder: data/ next to the
 * program (the repository), else ../share/trendbeeld/data (installed),
 * shown as "data" when that is where the working folder's data/ leads. */
static void shipped_data(cli_common *cc)
{
    cc->data_dir = "data";
    cc->data_shipped = 1;
    char exe[900];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return;
    *slash = '\0';
    static const char *const rel[] = {"data", "../share/trendbeeld/data"};
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
        char dir[1024], here[PATH_MAX], there[PATH_MAX];
        snprintf(dir, sizeof dir, "%s/%s", exe, rel[i]);
        if (!has_code_lists(dir))
            continue;
        if (realpath("data", here) && realpath(dir, there) && !strcmp(here, there))
            return;
        snprintf(cc->data_buf, sizeof cc->data_buf, "%s", dir);
        cc->data_dir = cc->data_buf;
        return;
    }
}

int cli_parse(int argc, char **argv, const char *cmd,
              const struct option *extra, cli_opt_handler handler, void *ud,
              const char *usage, cli_common *cc)
{
    memset(cc, 0, sizeof *cc);
    cc->cmd = cmd;
    cc->data_dir = NULL;
    size_t ncommon = sizeof common_opts / sizeof *common_opts, nextra = 0;
    while (extra && extra[nextra].name)
        nextra++;
    struct option *all = calloc(ncommon + nextra + 1, sizeof *all);
    if (!all) {
        fprintf(stderr, "trendbeeld %s: out of memory\n", cmd);
        return EXIT_FAIL;
    }
    size_t nall = 0;
    for (size_t i = 0; i < ncommon; i++)
        if (!shadowed(extra, common_opts[i].name))
            all[nall++] = common_opts[i];
    if (nextra)
        memcpy(all + nall, extra, nextra * sizeof *all);
    /* short options: the letters the subcommand uses (vals that are
     * printable letters), plus -v and -h */
    char shorts[128] = "+vh";
    size_t ns = strlen(shorts);
    for (size_t i = 0; i < nextra && ns + 3 < sizeof shorts; i++) {
        int v = extra[i].val;
        if (!extra[i].flag && v > ' ' && v < 127 && v != 'v' && v != 'h') {
            shorts[ns++] = (char)v;
            if (extra[i].has_arg == required_argument)
                shorts[ns++] = ':';
            shorts[ns] = '\0';
        }
    }
    optind = 1;
    opterr = 0;
    int rc = -1, opt;
    while (rc < 0 && (opt = getopt_long(argc, argv, shorts, all, NULL)) != -1) {
        switch (opt) {
        case OPT_MAP: cc->load.map = optarg; break;
        case OPT_REGION: cc->load.region = optarg; break;
        case OPT_INDICATOR: cc->load.indicator = optarg; break;
        case OPT_MEASURE: cc->load.measure = optarg; break;
        case OPT_STRICT: cc->load.strict = 1; break;
        case OPT_DECIMAL: {
            int d = tb_decimal_parse(optarg);
            if (d < 0) {
                fprintf(stderr, "trendbeeld %s: --decimal '%s'; expected comma or point\n",
                        cmd, optarg);
                rc = EXIT_USAGE;
            } else {
                cc->load.decimal = (tb_decimal)d;
            }
            break;
        }
        case OPT_DATA: cc->data_dir = optarg; break;
        case OPT_REGIONS: cc->regions_file = optarg; break;
        case OPT_INDICATORS: cc->indicators_file = optarg; break;
        case 'v':
        case OPT_VERBOSE: cc->verbose = 1; break;
        case 'h':
        case OPT_HELP:
            if (usage)
                fputs(usage, stdout);
            common_usage(stdout, extra);
            rc = 0;
            break;
        case '?':
        case ':':
            if (optopt && optopt < CLI_OPT_BASE && optopt > ' ' && optopt < 127)
                fprintf(stderr, "trendbeeld %s: invalid option or missing "
                                "argument: -%c\n", cmd, optopt);
            else
                fprintf(stderr, "trendbeeld %s: invalid option or missing "
                                "argument: %s\n", cmd, argv[optind - 1]);
            if (usage)
                fputs(usage, stderr);
            rc = EXIT_USAGE;
            break;
        default:
            if (!handler || handler(opt, optarg, ud) != 0)
                rc = EXIT_USAGE;
            break;
        }
    }
    free(all);
    if (rc >= 0)
        return rc;
    if (!cc->data_dir)
        shipped_data(cc);
    cc->files = argv + optind;
    cc->nfiles = argc - optind;
    return -1;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void print_error(const tb_error *err)
{
    char buf[1400];
    tb_error_format(err, buf, sizeof buf);
    fprintf(stderr, "%s\n", buf);
}

static int exit_for(tb_status st)
{
    switch (st) {
    case TB_OK: return 0;
    case TB_EIO: return EXIT_FAIL;
    case TB_EINVAL: return EXIT_USAGE;
    case TB_ENOMEM: return EXIT_FAIL;
    default: return EXIT_DATA;
    }
}

/* FILE when given (it must load), else DIR/NAME when it exists. */
static int load_codelist(cli_common *cc, const char *file, const char *name,
                         tb_codelist **out)
{
    char path[1024];
    if (file)
        snprintf(path, sizeof path, "%s", file);
    else
        snprintf(path, sizeof path, "%s/%s", cc->data_dir, name);
    if (!file && !exists(path))
        return 0;
    tb_error err = {0};
    if (tb_codelist_load(out, path, &err) != TB_OK) {
        print_error(&err);
        return exit_for(err.code ? err.code : TB_EDATA);
    }
    return 0;
}

/* "\r  FILE: 1234 of 6000 MB read" while a large file loads, and
 * "\r  fitting: 120000 of 754000 series" while a long job runs, for a
 * person watching the terminal; the line is wiped before anything else is
 * written. */
static int progress_width;

static void show_progress(long long done, long long total, void *ctx)
{
    progress_width = total > 0
        ? fprintf(stderr, "\r  %s: %lld of %lld MB read", (const char *)ctx,
                  done / 1000000, total / 1000000)
        : fprintf(stderr, "\r  %s: %lld MB read", (const char *)ctx, done / 1000000);
    fflush(stderr);
}

int cli_progress_wanted(void)
{
    return isatty(STDERR_FILENO);
}

void cli_progress_count(size_t done, size_t total, void *what)
{
    static size_t shown = (size_t)-1;
    /* a new line at each percent, not at each call */
    size_t pct = total ? done * 100 / total : 100;
    if (pct == shown && done != total)
        return;
    shown = pct;
    progress_width = fprintf(stderr, "\r  %s: %zu of %zu series", (const char *)what,
                             done, total);
    fflush(stderr);
}

void cli_progress_clear(void)
{
    if (progress_width > 0)
        fprintf(stderr, "\r%*s\r", progress_width, "");
    progress_width = 0;
}

void cli_progress_message(const char *text, size_t len, void *ctx)
{
    (void)ctx;
    cli_progress_clear();
    fwrite(text, 1, len, stderr);
}

static void report_verbose(const char *path, const tb_load_report *r)
{
    fprintf(stderr,
            "%s: format %s, delimiter '%s', encoding %s%s, %s line ends, "
            "decimal %s; %ld header line%s skipped, %ld footer line%s; "
            "%ld rows, %ld values, %ld missing cells, %ld series",
            path, r->format, r->delimiter == '\t' ? "\\t" : (char[]){r->delimiter, 0},
            r->encoding, r->bom ? " with BOM" : "", r->crlf ? "CRLF" : "LF",
            r->decimal_comma ? "comma" : "point", r->header_lines_skipped,
            r->header_lines_skipped == 1 ? "" : "s", r->footer_lines,
            r->footer_lines == 1 ? "" : "s", r->rows, r->values, r->missing,
            r->series);
    if (r->monthly_rows)
        fprintf(stderr, "; %ld monthly or quarterly cells summed to years",
                r->monthly_rows);
    if (r->annual_repeats)
        fprintf(stderr, "; %ld repeated annual totals", r->annual_repeats);
    if (r->suspect_zeros)
        fprintf(stderr, "; %ld suspect zeros", r->suspect_zeros);
    if (r->ignored_columns)
        fprintf(stderr, "; %ld column%s not loaded", r->ignored_columns,
                r->ignored_columns == 1 ? "" : "s");
    fputc('\n', stderr);
}

int cli_load(cli_common *cc, tb_store **out)
{
    *out = NULL;
    /* without the shipped code lists no name would be read as a code: an
     * error, never a silent run without them */
    if (cc->data_shipped && (!cc->regions_file || !cc->indicators_file) &&
        !has_code_lists(cc->data_dir)) {
        fprintf(stderr, "trendbeeld %s: the shipped code lists are not found (%s/regions.csv "
                        "and indicators.csv, nor next to the program); expected --data DIR, "
                        "the folder with regions.csv, indicators.csv and series/\n",
                cc->cmd, cc->data_dir);
        return EXIT_USAGE;
    }
    int rc = load_codelist(cc, cc->regions_file, "regions.csv", &cc->regions);
    if (!rc)
        rc = load_codelist(cc, cc->indicators_file, "indicators.csv",
                           &cc->indicators);
    if (rc)
        return rc;
    cc->load.regions = cc->regions;
    cc->load.indicators = cc->indicators;

    glob_t g = {0};
    char **files = cc->files;
    size_t nfiles = (size_t)cc->nfiles;
    if (nfiles == 0) {
        char pat[1024];
        snprintf(pat, sizeof pat, "%s/series/*.csv", cc->data_dir);
        int grc = glob(pat, 0, NULL, &g); /* glob sorts by name */
        if (grc != 0 || g.gl_pathc == 0) {
            fprintf(stderr, "trendbeeld %s: no FILE given and no series in %s/series/"
                            " (expected CSV files there, or FILE arguments)\n",
                    cc->cmd, cc->data_dir);
            globfree(&g);
            return EXIT_USAGE;
        }
        files = g.gl_pathv;
        nfiles = g.gl_pathc;
        cc->shipped = 1;
    }
    tb_store *s = tb_store_new();
    tb_diag *warn = tb_diag_new();
    if (!s || !warn) {
        tb_store_free(s);
        tb_diag_free(warn);
        globfree(&g);
        fprintf(stderr, "trendbeeld %s: out of memory\n", cc->cmd);
        return EXIT_FAIL;
    }
    rc = 0;
    /* progress of large files, for a person watching the terminal */
    tb_load_options lo = cc->load;
    if (cli_progress_wanted())
        lo.progress = show_progress;
    for (size_t i = 0; i < nfiles; i++) {
        tb_load_report rep;
        tb_error err = {0};
        size_t before = tb_diag_count(warn);
        lo.progress_ctx = files[i];
        tb_status st = tb_load_file(s, files[i], &lo, &rep, warn, &err);
        cli_progress_clear();
        for (size_t k = before; k < tb_diag_count(warn); k++)
            fprintf(stderr, "%s\n", tb_diag_get(warn, k));
        cc->warnings += (long)(tb_diag_count(warn) - before);
        if (st != TB_OK) {
            print_error(&err);
            int e = exit_for(st);
            if (e > rc)
                rc = e;
            continue; /* report the other files' problems too */
        }
        if (cc->verbose)
            report_verbose(files[i], &rep);
    }
    tb_diag_free(warn);
    globfree(&g);
    if (rc) {
        tb_store_free(s);
        return rc;
    }
    tb_store_sort(s);
    *out = s;
    return 0;
}

void cli_common_free(cli_common *cc)
{
    if (!cc)
        return;
    tb_codelist_free(cc->regions);
    tb_codelist_free(cc->indicators);
    cc->regions = cc->indicators = NULL;
}

int cli_write_file(const char *cmd, const char *path, cli_writer write, void *ctx)
{
    tb_error err = {0};
    char msg[1400];
    if (!path || !strcmp(path, "-")) {
        if (write(stdout, "<stdout>", ctx, &err) != TB_OK || fflush(stdout) != 0) {
            if (err.code == TB_OK)
                tb_error_set(&err, TB_EIO, "<stdout>", 0, 0, "write failed: %s",
                             strerror(errno));
            tb_error_format(&err, msg, sizeof msg);
            fprintf(stderr, "trendbeeld %s: %s\n", cmd, msg);
            return EXIT_FAIL;
        }
        return 0;
    }
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp) {
        fprintf(stderr, "trendbeeld %s: out of memory\n", cmd);
        return EXIT_FAIL;
    }
    snprintf(tmp, n, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd >= 0) {
        /* mkstemp creates 0600; give the file the usual permissions */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        fprintf(stderr, "trendbeeld %s: %s: cannot create: %s\n", cmd, path, strerror(errno));
        if (fd >= 0)
            close(fd), unlink(tmp);
        free(tmp);
        return EXIT_FAIL;
    }
    tb_status st = write(f, path, ctx, &err);
    if (fclose(f) != 0 && st == TB_OK)
        st = tb_error_set(&err, TB_EIO, path, 0, 0, "write failed: %s", strerror(errno));
    if (st == TB_OK && rename(tmp, path) != 0)
        st = tb_error_set(&err, TB_EIO, path, 0, 0, "cannot rename %s: %s", tmp,
                          strerror(errno));
    if (st != TB_OK) {
        unlink(tmp);
        free(tmp);
        tb_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "trendbeeld %s: %s\n", cmd, msg);
        return EXIT_FAIL;
    }
    free(tmp);
    return 0;
}

int cli_pools_open(const cli_common *cc, const tb_store *s, cli_pools *p)
{
    memset(p, 0, sizeof *p);
    tb_point_method m;
    tb_point_method_default(&m);
    tb_error e;
    char label[1100];
    snprintf(label, sizeof label, cc->shipped ? "de geladen reeksen (%s/series)"
                                              : "de geladen reeksen",
             cc->data_dir ? cc->data_dir : "data");
    p->own = tb_errpool_new(label, &m);
    if (!p->own || tb_errpool_add_store(p->own, s, &e) != TB_OK) {
        fprintf(stderr, "trendbeeld %s: out of memory\n", cc->cmd);
        cli_pools_free(p);
        return EXIT_FAIL;
    }
    if (tb_errpool_series(p->own) >= TB_POOL_MIN_SERIES)
        p->chain[p->n++] = p->own;
    char path[1024];
    snprintf(path, sizeof path, "%s/pool.csv", cc->data_dir ? cc->data_dir : "data");
    if (access(path, F_OK) == 0) {
        if (tb_errpool_read(path, &m, &p->shipped, &e) != TB_OK) {
            char buf[1400];
            tb_error_format(&e, buf, sizeof buf);
            fprintf(stderr, "%s\n", buf);
            cli_pools_free(p);
            return e.code == TB_EIO || e.code == TB_ENOMEM ? EXIT_FAIL : EXIT_DATA;
        }
        p->chain[p->n++] = p->shipped;
    }
    if (cc->verbose)
        fprintf(stderr, "trendbeeld %s: error pools: loaded series %zu errors from %zu series%s; "
                        "%s %zu errors\n", cc->cmd, tb_errpool_size(p->own),
                tb_errpool_series(p->own),
                tb_errpool_series(p->own) >= TB_POOL_MIN_SERIES ? "" : " (too few, not used)",
                path, p->shipped ? tb_errpool_size(p->shipped) : 0);
    return 0;
}

void cli_pools_free(cli_pools *p)
{
    tb_errpool_free(p->own);
    tb_errpool_free(p->shipped);
    memset(p, 0, sizeof *p);
}

int cli_complete(const cli_common *cc, tb_store *s, int summary, tb_rollup **rollup)
{
    tb_diag *d = tb_diag_new();
    tb_error e;
    tb_rollup *ru = NULL;
    tb_status st = tb_ind_complete(s, cc->regions, &ru, d, &e);
    if (cc->verbose)
        for (size_t i = 0; i < tb_diag_count(d); i++)
            fprintf(stderr, "trendbeeld %s: %s\n", cc->cmd, tb_diag_get(d, i));
    if (st != TB_OK) {
        print_error(&e);
        tb_diag_free(d);
        return exit_for(st);
    }
    if (ru && (summary || cc->verbose)) {
        char cmp[400];
        tb_rollup_describe(ru, cmp, sizeof cmp);
        fprintf(stderr, "trendbeeld %s: roll-up: %zu series added%s%s, %zu notes%s\n",
                cc->cmd, ru->series_added, cmp[0] ? "; " : "", cmp, tb_diag_count(d),
                cc->verbose || !tb_diag_count(d) ? "" : " (--verbose shows them)");
    }
    tb_diag_free(d);
    if (rollup)
        *rollup = ru;
    else
        tb_rollup_free(ru);
    return 0;
}

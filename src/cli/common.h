/* Shared command-line loading for every subcommand.
 *
 * A subcommand parses its arguments with cli_parse(), which knows the
 * common options
 *
 *   --map SPEC        region=COL,indicator=COL,measure=COL,year=COL,value=COL
 *   --region NAME     the region of a file that names none
 *   --indicator NAME  the offence of a file that names none
 *   --measure NAME    the measure of a file that names none
 *   --strict          a region or indicator not in the code lists is an error
 *   --data DIR        the shipped data folder (default data)
 *   --regions FILE    the region code list (default DIR/regions.csv)
 *   --indicators FILE the offence code list (default DIR/indicators.csv)
 *   --verbose         say what was detected in every file
 *   --help            the subcommand's usage
 *
 * and hands every other option to the subcommand's own handler.  The
 * subcommand's options use `val` values below CLI_OPT_BASE (letters, or
 * numbers from 256 to 999).  The remaining arguments are the input files.
 * cli_load() then loads them (or, with no files, data/series/ *.csv sorted
 * by name) with the code lists --regions and --indicators, or else
 * DIR/regions.csv and DIR/indicators.csv when they exist, prints every error as "FILE:LINE:COLUMN: message" and
 * every warning on stderr, and returns the store only when all files
 * loaded cleanly.
 *
 *   static int my_opt(int opt, const char *arg, void *ud) { ... return 0; }
 *   static const struct option mine[] = {{"horizon", required_argument, 0, 300}, {0}};
 *   cli_common cc;
 *   int rc = cli_parse(argc, argv, "fit", mine, my_opt, &ud, usage_text, &cc);
 *   if (rc >= 0) return rc;                // --help (0) or a usage error
 *   tb_store *s;
 *   rc = cli_load(&cc, &s);
 *   if (rc != 0) { cli_common_free(&cc); return rc; }
 *   ... use s (sorted by region, indicator, measure) ...
 *   tb_store_free(s); cli_common_free(&cc);
 */
#ifndef TRENDBEELD_CLI_COMMON_H
#define TRENDBEELD_CLI_COMMON_H

#include <getopt.h>
#include <stdio.h>

#include "trendbeeld/codelist.h"
#include "trendbeeld/errpool.h"
#include "trendbeeld/indicators.h"
#include "trendbeeld/load.h"
#include "trendbeeld/store.h"

#define CLI_OPT_BASE 1000

typedef struct {
    const char *cmd;           /* subcommand name, for messages */
    tb_load_options load;      /* from --map/--region/... and the code lists */
    int verbose;
    const char *data_dir;      /* --data, default the shipped data (cli_parse) */
    int data_shipped;          /* 1: DATA_DIR is the shipped folder found
                                  next to the program, not --data */
    char data_buf[1024];       /* DATA_DIR when it is found, not given */
    const char *regions_file;  /* --regions, NULL: DIR/regions.csv */
    const char *indicators_file; /* --indicators, NULL: DIR/indicators.csv */
    char **files;              /* the file arguments (point into argv) */
    int nfiles;
    int shipped;               /* 1 when no files were given */
    tb_codelist *regions, *indicators; /* owned; NULL when absent */
    long warnings;             /* warnings printed by cli_load */
} cli_common;

/* Called for each option that is not a common one; returns 0 when fine,
 * non-zero for a usage error (the handler prints why). */
typedef int (*cli_opt_handler)(int opt, const char *arg, void *ud);

/* Parse ARGV (ARGV[0] is the subcommand).  EXTRA (may be NULL) lists the
 * subcommand's own long options, HANDLER receives them.  USAGE is printed
 * for --help (on stdout, then the common options) and after usage errors
 * (on stderr).  Returns -1 to go on, 0 after --help, EXIT_USAGE on a usage
 * error. */
int cli_parse(int argc, char **argv, const char *cmd,
              const struct option *extra, cli_opt_handler handler, void *ud,
              const char *usage, cli_common *cc);

/* Load the files (or the shipped data) into a new sorted store.  Returns 0
 * and *OUT on success; otherwise prints the problems, sets *OUT to NULL and
 * returns EXIT_DATA (bad data), EXIT_USAGE (bad options) or EXIT_FAIL
 * (unreadable file). */
int cli_load(cli_common *cc, tb_store **out);

/* The store made complete for any command (tb_ind_complete: roll-ups over
 * the region code list, ratio measures), so every command answers from
 * the same series.  SUMMARY: one line on the roll-up on stderr (always
 * with --verbose, with every note).  *ROLLUP (may be NULL) gets the
 * roll-up rows.  Returns 0 or an exit code after printing the error. */
int cli_complete(const cli_common *cc, tb_store *s, int summary, tb_rollup **rollup);

/* Progress of a long job on stderr, only when it is a terminal
 * (cli_progress_wanted): "\r  WHAT: DONE of TOTAL series", WHAT passed as
 * the context, wiped by cli_progress_clear() before other output;
 * cli_progress_message() writes a message of the job (tb_write_options)
 * after wiping it. */
int cli_progress_wanted(void);
void cli_progress_count(size_t done, size_t total, void *what);
void cli_progress_clear(void);
void cli_progress_message(const char *text, size_t len, void *ctx);

/* Write PATH through WRITE under a temporary name next to it, renamed at
 * the end, so that a failed run never leaves half a file; "-" or NULL is
 * stdout.  WRITE returns TB_OK or fills ERR.  Returns 0, or prints "trendbeeld
 * CMD: ..." and returns EXIT_FAIL. */
typedef tb_status (*cli_writer)(FILE *f, const char *path, void *ctx, tb_error *err);
int cli_write_file(const char *cmd, const char *path, cli_writer write, void *ctx);

/* The reference pools of forecast errors for calibrated probabilities
 * (errpool.h): the loaded series' own when at least TB_POOL_MIN_SERIES of
 * them give errors, then DIR/pool.csv when it exists.  CHAIN holds the
 * N pools to ask, in that order. */
typedef struct {
    tb_errpool *own, *shipped;
    const tb_errpool *chain[2];
    size_t n;
} cli_pools;

/* Returns 0, or prints the problem and returns EXIT_DATA (a malformed
 * pool file) or EXIT_FAIL. */
int cli_pools_open(const cli_common *cc, const tb_store *s, cli_pools *p);
void cli_pools_free(cli_pools *p);

/* The common options, one per line, for usage texts. */
void cli_common_usage(FILE *f);

void cli_common_free(cli_common *cc);

#endif

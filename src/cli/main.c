/* trendbeeld: dispatch to the subcommands. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define TB_VERSION "0.1.0"

static const struct {
    const char *name;
    int (*run)(int, char **);
    const char *help;
} commands[] = {
    {"validate", cmd_validate, "check input files, list series; exit 1 on errors"},
    {"export", cmd_export, "loaded data in canonical long form (csv or json)"},
    {"indicators", cmd_indicators, "YoY change, index, CAGR, rates and ratios"},
    {"fit", cmd_fit, "fit trend models and project them"},
    {"target", cmd_target, "evaluate policy targets: audit, path, probability, verdict"},
    {"plot", cmd_plot, "write gnuplot scripts (and render them)"},
    {"report", cmd_report, "write the Veiligheidsbeeld annex (md, html, csv, json)"},
    {"generate", cmd_generate, "write a synthetic workload file (benchmarks, tests)"},
};

/* Output lost on a full disk or a closed pipe is an error, whatever the
 * command: flush and close stdout and say so, exit 3.  A command that
 * failed has said why itself. */
static int close_stdout(const char *command, int rc)
{
    errno = 0;
    int bad = fflush(stdout) != 0 || ferror(stdout);
    int err = errno;
    if (fclose(stdout) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    /* a command that failed for another reason (exit 1, 2 or 4) still
     * lost its output: that is said and wins; one that failed to write
     * (exit 3) has said so */
    if (!bad || rc == EXIT_FAIL)
        return rc;
    /* the cause is known when this flush failed, not after an earlier one */
    fprintf(stderr, "trendbeeld%s%s: cannot write the output%s%s\n", command ? " " : "",
            command ? command : "", err ? ": " : "", err ? strerror(err) : "");
    return EXIT_FAIL;
}

static void usage(FILE *f)
{
    fprintf(f, "Usage: trendbeeld COMMAND [OPTION]... [FILE]...\n"
               "Crime trend indicators, trend models and target feasibility.\n\n"
               "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-11s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\nWith no FILE, commands work on the shipped data/ folder.\n"
               "'trendbeeld COMMAND --help' describes the options of a command.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return close_stdout(NULL, 0);
    }
    if (!strcmp(argv[1], "--version")) {
        printf("trendbeeld %s\n", TB_VERSION);
        return close_stdout(NULL, 0);
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(argv[1], commands[i].name))
            return close_stdout(argv[1], commands[i].run(argc - 1, argv + 1));
    fprintf(stderr, "trendbeeld: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}

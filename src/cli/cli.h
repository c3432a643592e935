/* trendbeeld command line: one file per subcommand, each a thin layer
 * over the library.  Exit codes: 0 ok, 1 data errors or a failed check,
 * 2 usage error, 3 I/O or internal failure. */
#ifndef TRENDBEELD_CLI_H
#define TRENDBEELD_CLI_H

enum { EXIT_DATA = 1, EXIT_USAGE = 2, EXIT_FAIL = 3 };

int cmd_validate(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_indicators(int argc, char **argv);
int cmd_fit(int argc, char **argv);
int cmd_target(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_generate(int argc, char **argv);

#endif

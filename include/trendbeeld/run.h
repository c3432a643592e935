/* Other programs the report uses (gnuplot for charts, a PDF converter):
 * found on the PATH and run in a folder, their messages kept. */
#ifndef TRENDBEELD_RUN_H
#define TRENDBEELD_RUN_H

#include <stddef.h>

/* The executable NAME on the PATH into BUF (N bytes); 1 when found. */
int tb_run_find(const char *name, char *buf, size_t n);

/* Run ARGV (ARGV[0] a path, NULL-terminated) in folder DIR (NULL: here),
 * stdin from /dev/null, stdout and stderr into *MESSAGES (owned by the
 * caller, NUL-terminated; may be NULL when not wanted).  Returns the exit
 * status, 126 when DIR cannot be entered, 127 when ARGV[0] cannot run,
 * -1 when it was killed or could not start (errno set). */
int tb_run(const char *dir, char *const argv[], char **messages);

#endif

/* trendbeeld plot */
#include <stdio.h>

#include "cli.h"

int cmd_plot(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "trendbeeld plot: not available in this build\n");
    return EXIT_FAIL;
}

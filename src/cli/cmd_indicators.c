/* trendbeeld indicators */
#include <stdio.h>

#include "cli.h"

int cmd_indicators(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "trendbeeld indicators: not available in this build\n");
    return EXIT_FAIL;
}

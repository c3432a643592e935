/* trendbeeld target */
#include <stdio.h>

#include "cli.h"

int cmd_target(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "trendbeeld target: not available in this build\n");
    return EXIT_FAIL;
}

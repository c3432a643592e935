/* trendbeeld fit */
#include <stdio.h>

#include "cli.h"

int cmd_fit(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "trendbeeld fit: not available in this build\n");
    return EXIT_FAIL;
}

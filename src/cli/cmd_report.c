/* trendbeeld report */
#include <stdio.h>

#include "cli.h"

int cmd_report(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "trendbeeld report: not available in this build\n");
    return EXIT_FAIL;
}

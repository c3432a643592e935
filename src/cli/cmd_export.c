/* trendbeeld export */
#include <stdio.h>

#include "cli.h"

int cmd_export(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "trendbeeld export: not available in this build\n");
    return EXIT_FAIL;
}

/* trendbeeld validate */
#include <stdio.h>

#include "cli.h"

int cmd_validate(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "trendbeeld validate: not available in this build\n");
    return EXIT_FAIL;
}

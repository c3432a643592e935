/* trendbeeld generate: write a synthetic workload file. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common.h"
#include "trendbeeld/generate.h"

static void gen_usage(FILE *f)
{
    fprintf(f,
        "Usage: trendbeeld generate [OPTION]...\n"
        "Write a synthetic file of crime counts with log-linear trends, for\n"
        "benchmarks and tests.  The same options and seed give the same bytes.\n\n"
        "  --format long|cbs      long CSV (default) or CBS OData (';', quoted)\n"
        "  --period year|month    yearly (default) or monthly periods\n"
        "  --series N             number of series, region x offence (default 1000)\n"
        "  --years A-B            first and last year (default 2012-2023)\n"
        "  --seed S               random seed (default 1)\n"
        "  --dist mixed|poisson|negbin   count distribution (default mixed)\n"
        "  --level X              scale every mean by X (default 1)\n"
        "  --trend PCT            mean annual change in %% (default -3)\n"
        "  --trend-sd X           spread of log growth between series (default 0.04)\n"
        "  --theta X              negative binomial shape (default: drawn in 3..50)\n"
        "  --missing P            share of cells written as missing (default 0)\n"
        "  --out FILE             output file (default: standard output)\n"
        "  -h, --help             this text\n\n"
        "A mean that a steep trend would take above 10^9 a period is drawn at 10^9.\n");
}

static int parse_double(const char *opt, const char *s, double *out)
{
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (errno || end == s || *end) {
        fprintf(stderr, "trendbeeld generate: %s '%s' is not a number\n", opt, s);
        return -1;
    }
    *out = x;
    return 0;
}

static int parse_ulong(const char *opt, const char *s, unsigned long *out)
{
    char *end;
    errno = 0;
    if (*s == '-') {
        fprintf(stderr, "trendbeeld generate: %s '%s' must not be negative\n", opt, s);
        return -1;
    }
    unsigned long x = strtoul(s, &end, 10);
    if (errno || end == s || *end) {
        fprintf(stderr, "trendbeeld generate: %s '%s' is not a whole number\n", opt, s);
        return -1;
    }
    *out = x;
    return 0;
}

static tb_status gen_writer(FILE *f, const char *path, void *ctx, tb_error *err)
{
    return tb_gen_write(ctx, f, path, err);
}

int cmd_generate(int argc, char **argv)
{
    enum { O_FORMAT = 256, O_PERIOD, O_SERIES, O_YEARS, O_SEED, O_DIST, O_LEVEL,
           O_TREND, O_TREND_SD, O_THETA, O_MISSING, O_OUT };
    static const struct option longopts[] = {
        {"format", required_argument, NULL, O_FORMAT},
        {"period", required_argument, NULL, O_PERIOD},
        {"series", required_argument, NULL, O_SERIES},
        {"years", required_argument, NULL, O_YEARS},
        {"seed", required_argument, NULL, O_SEED},
        {"dist", required_argument, NULL, O_DIST},
        {"level", required_argument, NULL, O_LEVEL},
        {"trend", required_argument, NULL, O_TREND},
        {"trend-sd", required_argument, NULL, O_TREND_SD},
        {"theta", required_argument, NULL, O_THETA},
        {"missing", required_argument, NULL, O_MISSING},
        {"out", required_argument, NULL, O_OUT},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    tb_gen_options o;
    tb_gen_options_init(&o);
    const char *out = NULL;
    unsigned long ul;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case O_FORMAT:
            if (!strcmp(optarg, "long"))
                o.format = TB_GEN_LONG;
            else if (!strcmp(optarg, "cbs"))
                o.format = TB_GEN_CBS;
            else {
                fprintf(stderr, "trendbeeld generate: unknown format '%s'; expected long or cbs\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case O_PERIOD:
            if (!strcmp(optarg, "year"))
                o.period = TB_GEN_YEAR;
            else if (!strcmp(optarg, "month"))
                o.period = TB_GEN_MONTH;
            else {
                fprintf(stderr, "trendbeeld generate: unknown period '%s'; expected year or month\n",
                        optarg);
                return EXIT_USAGE;
            }
            break;
        case O_DIST:
            if (!strcmp(optarg, "mixed"))
                o.dist = TB_GEN_MIXED;
            else if (!strcmp(optarg, "poisson"))
                o.dist = TB_GEN_POISSON;
            else if (!strcmp(optarg, "negbin"))
                o.dist = TB_GEN_NEGBIN;
            else {
                fprintf(stderr, "trendbeeld generate: unknown distribution '%s'; "
                                "expected mixed, poisson or negbin\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case O_SERIES:
            if (parse_ulong("--series", optarg, &ul) != 0)
                return EXIT_USAGE;
            o.nseries = ul;
            break;
        case O_YEARS: {
            int a, b, k = 0;
            if (sscanf(optarg, "%d-%d%n", &a, &b, &k) != 2 || optarg[k]) {
                fprintf(stderr, "trendbeeld generate: --years '%s' invalid; expected FIRST-LAST, "
                                "e.g. 2012-2023\n", optarg);
                return EXIT_USAGE;
            }
            o.first_year = a;
            o.last_year = b;
            break;
        }
        case O_SEED:
            if (parse_ulong("--seed", optarg, &ul) != 0)
                return EXIT_USAGE;
            o.seed = ul;
            break;
        case O_LEVEL:
            if (parse_double("--level", optarg, &o.level) != 0)
                return EXIT_USAGE;
            break;
        case O_TREND:
            if (parse_double("--trend", optarg, &o.trend_pct) != 0)
                return EXIT_USAGE;
            break;
        case O_TREND_SD:
            if (parse_double("--trend-sd", optarg, &o.trend_sd) != 0)
                return EXIT_USAGE;
            break;
        case O_THETA:
            if (parse_double("--theta", optarg, &o.theta) != 0)
                return EXIT_USAGE;
            break;
        case O_MISSING:
            if (parse_double("--missing", optarg, &o.missing) != 0)
                return EXIT_USAGE;
            break;
        case O_OUT:
            out = optarg;
            break;
        case 'h':
            gen_usage(stdout);
            return 0;
        default:
            gen_usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "trendbeeld generate: unexpected argument '%s'\n", argv[optind]);
        return EXIT_USAGE;
    }
    /* Option values are checked by the library; report them as usage errors. */
    tb_error err = {0};
    tb_gen_series info;
    char buf[16], msg[1400];
    if (tb_gen_series_info(&o, 0, &info, buf, &err) != TB_OK) {
        tb_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "trendbeeld generate: %s\n", msg);
        return EXIT_USAGE;
    }
    return cli_write_file("generate", out, gen_writer, &o);
}

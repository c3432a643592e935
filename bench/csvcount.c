/* The parser's own ceiling: a bare libcsv loop over a file that only
 * counts fields and records, with the same chunk size and options as a
 * loader would use.  No conversion, no storage.
 *
 *   csvcount FILE [DELIM]      prints: bytes fields records seconds MB/s
 */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct counts {
    unsigned long long fields, records;
};

static void on_field(void *s, size_t len, void *data)
{
    (void)s, (void)len;
    ((struct counts *)data)->fields++;
}

static void on_record(int c, void *data)
{
    (void)c;
    ((struct counts *)data)->records++;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: csvcount FILE [DELIM]\n");
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 3;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0)
        return 3;
    if (argc > 2)
        csv_set_delim(&p, (unsigned char)argv[2][0]);
    size_t cap = 1 << 20;
    char *buf = malloc(cap);
    if (!buf)
        return 3;
    struct counts c = {0, 0};
    unsigned long long bytes = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ssize_t n;
    while ((n = read(fd, buf, cap)) > 0) {
        if (csv_parse(&p, buf, (size_t)n, on_field, on_record, &c) != (size_t)n) {
            fprintf(stderr, "csvcount: %s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
        bytes += (unsigned long long)n;
    }
    csv_fini(&p, on_field, on_record, &c);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double sec = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    printf("%llu %llu %llu %.4f %.1f\n", bytes, c.fields, c.records, sec,
           (double)bytes / 1e6 / sec);
    csv_free(&p);
    free(buf);
    close(fd);
    return 0;
}

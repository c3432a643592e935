/* Other programs, found and run (see run.h). */
#include "trendbeeld/run.h"
#include "grow.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int tb_run_find(const char *name, char *buf, size_t n)
{
    if (n > 0)
        buf[0] = '\0';
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    for (const char *p = path; *p;) {
        const char *e = strchr(p, ':');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char cand[4096];
        if (len == 0)
            snprintf(cand, sizeof cand, "./%s", name);
        else
            snprintf(cand, sizeof cand, "%.*s/%s", (int)len, p, name);
        struct stat sb;
        if (stat(cand, &sb) == 0 && S_ISREG(sb.st_mode) && access(cand, X_OK) == 0) {
            snprintf(buf, n, "%s", cand);
            return 1;
        }
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

/* All of FD until its end, NUL-terminated (NULL when out of memory; FD is
 * read to its end either way, so the child never blocks on it). */
static char *read_all(int fd)
{
    size_t cap = 1024, len = 0;
    char *text = malloc(cap), chunk[4096];
    ssize_t k;
    while ((k = read(fd, chunk, sizeof chunk)) != 0) {
        if (k < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (text && TB_GROW(text, cap, len + (size_t)k + 1, 1024) != 0) {
            free(text);
            text = NULL;
        }
        if (text) {
            memcpy(text + len, chunk, (size_t)k);
            len += (size_t)k;
        }
    }
    if (text)
        text[len] = '\0';
    return text;
}

int tb_run(const char *dir, char *const argv[], char **messages)
{
    if (messages)
        *messages = NULL;
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(fd[0]);
        close(fd[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) {
        close(fd[0]);
        int null = open("/dev/null", O_RDONLY);
        if (null >= 0)
            dup2(null, 0);
        dup2(fd[1], 1);
        dup2(fd[1], 2);
        close(fd[1]);
        if (dir && *dir && chdir(dir) != 0)
            _exit(126);
        execv(argv[0], argv);
        _exit(127);
    }
    close(fd[1]);
    char *text = read_all(fd[0]);
    close(fd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (messages)
        *messages = text;
    else
        free(text);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

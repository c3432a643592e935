/* Growing an array by doubling (see grow.h). */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int tb_grow_(void *pp, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : first ? first : 1;
    while (n < need)
        n = n > SIZE_MAX / 2 ? need : 2 * n;
    if (size && n > SIZE_MAX / size)
        return -1;
    /* the pointer is read and written as bytes: *PP may be any object
     * pointer type, which a void ** must not alias */
    void *old;
    memcpy(&old, pp, sizeof old);
    void *p = realloc(old, n * size);
    if (!p)
        return -1;
    memcpy(pp, &p, sizeof p);
    *cap = n;
    return 0;
}

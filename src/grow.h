/* Growing an array by doubling, shared by the library's lists.  Private
 * to the library (and its tests). */
#ifndef TRENDBEELD_GROW_H
#define TRENDBEELD_GROW_H

#include <stddef.h>

/* Make room for NEED elements of SIZE bytes in *(void **)PP, whose
 * capacity is *CAP: the capacity doubles until it holds NEED, starting
 * from FIRST (1 if FIRST is 0) when *CAP is 0.  0 on success (also when
 * NEED <= *CAP: nothing to do); -1 when out of memory or when the size
 * would pass SIZE_MAX bytes, with *PP and *CAP unchanged. */
int tb_grow_(void *pp, size_t *cap, size_t need, size_t size, size_t first);

/* PTR: an lvalue pointer to the elements; CAP: an lvalue size_t. */
#define TB_GROW(ptr, cap, need, first) \
    tb_grow_(&(ptr), &(cap), (need), sizeof *(ptr), (first))

#endif

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

/* The room check inline, so that a call on a hot path (one per CSV field)
 * costs a compare when there is room. */
static inline int tb_grow_room_(void *pp, size_t *cap, size_t need, size_t size,
                                size_t first)
{
    return need <= *cap ? 0 : tb_grow_(pp, cap, need, size, first);
}

/* PTR: an lvalue pointer to the elements; CAP: an lvalue size_t. */
#define TB_GROW(ptr, cap, need, first) \
    tb_grow_room_(&(ptr), &(cap), (need), sizeof *(ptr), (first))

#endif

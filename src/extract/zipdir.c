/*
 * zipdir.c - the ZIP central directory of an input, read once for every bidder.
 */
#include "extract.h"
#include "../core/doc.h"

#include <stdlib.h>

struct bx_zipdir {
	int unused;
};

void
bx_zipdir_free(struct bx_zipdir *z)
{
	free(z);
}

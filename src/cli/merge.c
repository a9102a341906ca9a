/*
 * merge.c - `bilex merge`: shard outputs into exactly what one run would have written.
 */
#include "cli.h"

#include <stdio.h>

int
cli_merge(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage_error("merge is not built yet (issue 8)");
}

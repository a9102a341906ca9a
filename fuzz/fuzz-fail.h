/*
 * fuzz-fail.h - the one way a fuzz target reports a failed check: a message and abort(),
 * which libFuzzer takes for a crash and saves the input of.  Included by fuzz.h (the targets
 * that run bilex_process_memory) and by fuzz_ocr_ink.c (no bilex context).
 */
#ifndef BX_FUZZ_FAIL_H
#define BX_FUZZ_FAIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void __attribute__((noreturn, format(printf, 1, 2)))
fz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: check failed: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

#endif

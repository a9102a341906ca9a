/*
 * version.c - versions of the libraries linked in, read at run time where they say.
 */
#include "bx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <libxml/parser.h>
#include <nettle/version.h>
#include <unicode/uversion.h>
#include <zip.h>
#ifdef HAVE_OCR
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
#endif
#ifdef HAVE_XLSX
#include <xlsxwriter.h>
#endif

int
bilex_library_version(size_t i, char *buf, size_t len)
{
	UVersionInfo v;
	char s[U_MAX_VERSION_STRING_LENGTH];

	if (buf == NULL || len == 0)
		return BILEX_FAILED;
	switch (i) {
	case 0:
		u_getVersion(v);
		u_versionToString(v, s);
		snprintf(buf, len, "ICU %s", s);
		return BILEX_OK;
	case 1:
		/* xmlParserVersion is "20914" for 2.9.14 */
		{
			long x = strtol(xmlParserVersion, NULL, 10);

			snprintf(buf, len, "libxml2 %ld.%ld.%ld", x / 10000, x / 100 % 100, x % 100);
		}
		return BILEX_OK;
	case 2:
		snprintf(buf, len, "libzip %s", zip_libzip_version());
		return BILEX_OK;
	case 3:
		snprintf(buf, len, "%s", archive_version_string());
		return BILEX_OK;
	case 4:
		snprintf(buf, len, "nettle %d.%d", nettle_version_major(), nettle_version_minor());
		return BILEX_OK;
#ifdef HAVE_OCR
	case 5:
		snprintf(buf, len, "tesseract %s", TessVersion());
		return BILEX_OK;
	case 6:
		snprintf(buf, len, "leptonica %d.%d.%d", LIBLEPT_MAJOR_VERSION, LIBLEPT_MINOR_VERSION,
		    LIBLEPT_PATCH_VERSION);
		return BILEX_OK;
#else
	case 5:
	case 6:
		snprintf(buf, len, "%s", i == 5 ? "tesseract (not built in)" : "leptonica (not built in)");
		return BILEX_OK;
#endif
#ifdef HAVE_XLSX
	case 7:
		snprintf(buf, len, "libxlsxwriter %s", LXW_VERSION);
		return BILEX_OK;
#else
	case 7:
		snprintf(buf, len, "libxlsxwriter (not built in)");
		return BILEX_OK;
#endif
	default:
		return BILEX_FAILED;
	}
}

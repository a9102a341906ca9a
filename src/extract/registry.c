/*
 * registry.c - the extractors built in, in one const table.  Adding a format: its file, one
 * line here, one line in Makefile.am, its tests/data folder, one line in docs/EXTRACTORS.md.
 */
#include "extract.h"

#include <stddef.h>

extern const struct bx_extractor bx_ooxml_extractor;
extern const struct bx_extractor bx_hwpx_extractor;
extern const struct bx_extractor bx_cfb_extractor;
extern const struct bx_extractor bx_zip_extractor;
extern const struct bx_extractor bx_archive_extractor;
extern const struct bx_extractor bx_odf_extractor;
extern const struct bx_extractor bx_svg_extractor;
extern const struct bx_extractor bx_html_extractor;
extern const struct bx_extractor bx_xml_extractor;
extern const struct bx_extractor bx_image_extractor;
extern const struct bx_extractor bx_csv_extractor;
extern const struct bx_extractor bx_tsv_extractor;
extern const struct bx_extractor bx_text_extractor;

static const struct bx_extractor *const registry[] = {
	/* formats built on ZIP before ZIP itself: on equal bids the earlier entry wins */
	&bx_ooxml_extractor,
	&bx_odf_extractor,
	&bx_hwpx_extractor,
	&bx_zip_extractor,
	&bx_archive_extractor,
	&bx_cfb_extractor,
	&bx_svg_extractor,
	&bx_html_extractor,
	&bx_xml_extractor,
	&bx_image_extractor,
	/* tables are known by their names only: after every format known by its bytes */
	&bx_csv_extractor,
	&bx_tsv_extractor,
	&bx_text_extractor,
	NULL
};

const struct bx_extractor *const *
bx_registry(void)
{
	return registry;
}

const struct bx_extractor *
bx_sniff(struct bx_input *in, int *bid)
{
	const struct bx_extractor *best = NULL;
	int top = BX_BID_NONE;

	/* highest bid wins; on a tie the earlier entry (the more specific format) keeps it */
	for (size_t i = 0; registry[i]; i++) {
		int b = registry[i]->bid(in);

		if ((registry[i]->flags & BX_EXF_FALLBACK) && b > BX_BID_FALLBACK)
			b = BX_BID_FALLBACK;
		if (b > top) {
			top = b;
			best = registry[i];
		}
	}
	if (bid)
		*bid = top;
	return best;
}

const char *
bilex_extractor_name(size_t i)
{
	return i < BX_ARRAY_LEN(registry) - 1 ? registry[i]->name : NULL;
}

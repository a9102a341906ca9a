/*
 * ooxml-slide.c - PowerPoint presentations (placeholder until the slide reader lands).
 */
#include "ooxml-int.h"

int
ox_slide(struct ox_pkg *p)
{
	return bx_doc_error(p->doc, BILEX_FAILED, BILEX_E_UNSUPPORTED, "pptx not read yet");
}

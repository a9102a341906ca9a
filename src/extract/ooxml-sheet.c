/*
 * ooxml-sheet.c - Excel workbooks (placeholder until the sheet reader lands).
 */
#include "ooxml-int.h"

int
ox_sheet(struct ox_pkg *p)
{
	return bx_doc_error(p->doc, BILEX_FAILED, BILEX_E_UNSUPPORTED, "xlsx not read yet");
}

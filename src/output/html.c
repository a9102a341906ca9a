/*
 * html.c - one self-contained HTML report: summary, timeline, the pairs with filters and a
 * search box, the files and the errors.  Inline CSS and JavaScript only; a Content Security
 * Policy in the page forbids every network access and every script but the report's own (by
 * its SHA-256), so even a mistake in the escaping below could not run a scanned file's text.
 *
 * The data is JSON inside <script type="application/json"> elements, which the browser never
 * runs and the report's script reads with JSON.parse and shows with textContent only.  In
 * that JSON every '<', '>' and '&' is written \u003c, \u003e, \u0026, so no "</script>" or
 * "<!--" in a text can end the element early.  Text is made valid UTF-8 first.
 *
 * Memory stays bounded: pairs are streamed into the page as they come; file and error rows go
 * to temporary files and are copied into the page at close; OCR crops (PNG bytes of segments
 * of kind ocr-line, present when BILEX_FLAG_CROPS is set) go to a temporary file keyed by
 * segment id and are embedded as data: URIs into the rows of the pairs that use them, until
 * CROPS_CAP bytes of them are in the page; after that they are left out with a note.
 */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/base64.h>
#include <nettle/sha2.h>

#define TEXT_MAX 32767                 /* characters of one text, as in the other formats */
#define CROPS_CAP (32u << 20)          /* bytes of data: URIs embedded in one report */
#define CROPS_SPILL_CAP (256u << 20)   /* crop bytes kept on disk waiting for their pairs */
#define CROPS_INDEX (1u << 20)         /* crops remembered by segment id */
#define CROPS_PER_SIDE 3               /* crops shown for a merged unit */
#define NAMES_MAX 48                   /* distinct methods or codes counted by name */

struct tally {
	char *name[NAMES_MAX];
	int64_t count[NAMES_MAX];
	int n;
	int64_t other;      /* past NAMES_MAX names */
};

struct crop_ref {
	int64_t off;
	uint32_t len;
};

struct html_state {
	FILE *sp_files, *sp_errors, *crops; /* spills */
	int64_t nfiles_rows, nerrors_rows;
	int64_t crops_bytes;           /* in the crop spill */
	struct bx_map crop_index;      /* hash of segment id -> crop_ref index + 1 */
	struct crop_ref *refs;
	size_t nrefs, caprefs;
	int64_t embedded, crops_in, crops_out, crops_dropped;
	struct bx_timeline tl;
	int64_t pairs, files_top, members, bytes, segments, errors, cut;
	int64_t by_lang[5];
	int64_t ko_variant[3];         /* KP KR unknown */
	int64_t zh_variant[3];         /* Hans Hant other */
	struct tally methods, codes;
	struct bx_buf row, text, png;
	char tmpdir[1024];
	bool any_pair;
};

static const char *const langs[] = { "zh", "ko", "ja", "en", "other" };

/* ---- the page's own CSS and script ---------------------------------------------------- */

/* BEGIN ASSETS (generated from the report's .css and .js during development; edit here) */
static const char report_css[] =
    ":root{--fg:#1d2330;--mute:#5d6677;--line:#d9dee7;--bg:#fff;--band:#f4f6fa;--acc:#2f5fa7;--warn:#a33b20}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:14px/1.45 \"Noto Sans CJK SC\",\"Noto Sans CJK KR\",\"Source Han Sans SC\",\"Source Han Sans K\",\"PingFang SC\",\"Apple SD Gothic Neo\",\"Microsoft YaHei\",\"Malgun Gothic\",system-ui,sans-serif;color:var(--fg);background:var(--bg)}\n"
    "header{padding:14px 24px;border-bottom:1px solid var(--line);background:var(--band)}\n"
    "header h1{font-size:18px;margin:0 16px 0 0;display:inline}\n"
    "header nav{display:inline}\n"
    "header nav a{margin-right:12px}\n"
    "#bx-sub{color:var(--mute);display:inline;margin-left:8px}\n"
    "section{padding:8px 24px 16px}\n"
    "h2{font-size:16px;margin:16px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}\n"
    "h3{font-size:13px;margin:0 0 6px;color:var(--mute);text-transform:uppercase;letter-spacing:.04em}\n"
    "a{color:var(--acc);text-decoration:none}\n"
    "a:hover{text-decoration:underline}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:12px}\n"
    ".card{border:1px solid var(--line);border-radius:6px;padding:10px 12px;min-width:170px;background:var(--bg)}\n"
    ".card .big{font-size:22px;font-weight:600}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "table.kv{width:auto}\n"
    "table.kv th{text-align:left;font-weight:normal;padding:1px 14px 1px 0;color:var(--fg)}\n"
    "table.kv td{text-align:right;font-variant-numeric:tabular-nums;padding:1px 0}\n"
    "table.data th{position:sticky;top:0;background:var(--band);text-align:left;font-weight:600;border-bottom:1px solid var(--line);padding:5px 6px;z-index:1}\n"
    "table.data td{border-bottom:1px solid var(--line);padding:5px 6px;vertical-align:top}\n"
    "table.data tr:nth-child(even) td{background:#fbfcfe}\n"
    "table.data tr.hl td{background:#fff6d5}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "td.txt{min-width:16em;max-width:34em;white-space:pre-wrap;word-break:break-word}\n"
    "td.src{max-width:28em;word-break:break-all;font-size:12px}\n"
    "td.msg{white-space:pre-wrap;word-break:break-word}\n"
    ".where{color:var(--mute);font-size:12px;display:block}\n"
    ".chip{display:inline-block;border:1px solid var(--line);border-radius:9px;padding:0 6px;margin:0 3px 2px 0;font-size:11px;white-space:nowrap}\n"
    ".chip.KP{border-color:#c0392b;color:#c0392b}\n"
    ".chip.KR{border-color:#2e6bb8;color:#2e6bb8}\n"
    ".crop{display:block;max-width:100%;max-height:64px;margin-top:4px;border:1px solid var(--line);image-rendering:auto}\n"
    ".controls{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:6px 0}\n"
    ".controls input[type=search]{width:22em}\n"
    ".controls select,.controls input{font:inherit;padding:2px 4px}\n"
    ".pager{margin:6px 0;color:var(--mute)}\n"
    ".pager button{font:inherit;margin:0 4px;padding:1px 8px}\n"
    ".note{color:var(--warn)}\n"
    ".muted{color:var(--mute)}\n"
    "svg text{font-size:11px;fill:var(--mute)}\n"
    "svg .bar{fill:var(--acc)}\n"
    "svg .dot{fill:#d08a2c}\n"
    "svg .axis{stroke:var(--line)}\n"
    "details{margin-top:8px}\n";
static const char report_js[] =
    "(function () {\n"
    "'use strict';\n"
    "/* Every value shown comes from the scanned files: it is only ever set with textContent,\n"
    " * attributes or createElement, never parsed as HTML. */\n"
    "var t0 = performance.now();\n"
    "function data(id) { var e = document.getElementById(id); return e ? JSON.parse(e.textContent) : null; }\n"
    "var P = data('bx-pairs') || [], F = data('bx-files') || [], E = data('bx-errors') || [];\n"
    "var M = data('bx-meta') || {};\n"
    "var ID = 0, SCORE = 1, METHOD = 2, ZH = 3, KO = 4, SRC = 5, ZW = 6, KSRC = 7, KW = 8, KIND = 9,\n"
    "\tZV = 10, KV = 11, KVE = 12, FILE = 13, ZD = 14, KD = 15, ZA = 16, KA = 17, ZS = 18, KS = 19,\n"
    "\tZC = 20, KC = 21;\n"
    "var FSRC = 0, FFILE = 1, FFMT = 2, FSIZE = 3, FSHA = 4, FMTIME = 5, FSTATUS = 6, FSEGS = 7,\n"
    "\tFPAIRS = 8, FERRS = 9, FDEPTH = 10;\n"
    "var CROP = 'data:image/png;base64,';\n"
    "/* the writer leaves out what repeats: 0 = same as source / zh_date */\n"
    "P.forEach(function (r) {\n"
    "\tif (r[KSRC] === 0) r[KSRC] = r[SRC];\n"
    "\tif (r[FILE] === 0) r[FILE] = r[SRC];\n"
    "\tif (r[KD] === 0) r[KD] = r[ZD];\n"
    "});\n"
    "\n"
    "function $(id) { return document.getElementById(id); }\n"
    "function el(tag, cls, text) {\n"
    "\tvar e = document.createElement(tag);\n"
    "\tif (cls) e.className = cls;\n"
    "\tif (text !== undefined && text !== null) e.textContent = String(text);\n"
    "\treturn e;\n"
    "}\n"
    "function add(parent, child) { parent.appendChild(child); return child; }\n"
    "/* 1,234,567 by hand: toLocaleString loads the whole of Intl on first use (slow at start) */\n"
    "function num(n) {\n"
    "\tif (n === null || n === undefined) return '';\n"
    "\tvar s = String(n), i = s.indexOf('.'), head = i < 0 ? s : s.slice(0, i), tail = i < 0 ? '' : s.slice(i);\n"
    "\treturn head.replace(/\\B(?=(\\d{3})+(?!\\d))/g, ',') + tail;\n"
    "}\n"
    "function isoDay(d) { return new Date(d * 86400000).toISOString().slice(0, 10); }\n"
    "function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }\n"
    "\n"
    "/* ---- summary ---- */\n"
    "function kvTable(rows) {\n"
    "\tvar t = el('table', 'kv');\n"
    "\trows.forEach(function (r) {\n"
    "\t\tvar tr = add(t, el('tr'));\n"
    "\t\tadd(tr, el('th', null, r[0]));\n"
    "\t\tadd(tr, el('td', null, num(r[1])));\n"
    "\t});\n"
    "\treturn t;\n"
    "}\n"
    "function card(box, title, big, rows) {\n"
    "\tvar c = add(box, el('div', 'card'));\n"
    "\tadd(c, el('h3', null, title));\n"
    "\tif (big !== null) add(c, el('div', 'big', num(big)));\n"
    "\tif (rows && rows.length) add(c, kvTable(rows));\n"
    "\telse if (rows) add(c, el('div', 'muted', 'none'));\n"
    "\treturn c;\n"
    "}\n"
    "function summary() {\n"
    "\tvar S = M.summary || {}, box = $('bx-summary'), cards = add(box, el('div', 'cards'));\n"
    "\tcard(cards, 'Files', S.files, [['top-level files', S.files], ['members and parts', S.members],\n"
    "\t\t['megabytes', Math.round((S.bytes || 0) / 1e5) / 10]]);\n"
    "\tcard(cards, 'Segments', S.segments, S.segments_by_lang || []);\n"
    "\tcard(cards, 'Pairs', S.pairs, S.pairs_by_method || []);\n"
    "\tcard(cards, 'Korean variant', null, S.ko_variant || []);\n"
    "\tcard(cards, 'Chinese variant', null, S.zh_variant || []);\n"
    "\tcard(cards, 'Errors', S.errors, S.errors_by_code || []);\n"
    "\t(M.notes || []).forEach(function (n) { add(box, el('p', 'note', n)); });\n"
    "\t$('bx-sub').textContent = 'bilex ' + (M.version || '') + ' \\u00b7 ' + num(S.pairs) + ' pairs from ' +\n"
    "\t\tnum(S.files) + ' files';\n"
    "}\n"
    "\n"
    "/* ---- timeline: an SVG drawn here, no library ---- */\n"
    "function timeline() {\n"
    "\tvar T = M.timeline || [], box = $('bx-timeline');\n"
    "\tif (!T.length) { add(box, el('p', 'muted', 'No dated files or pairs.')); return; }\n"
    "\tvar NS = 'http://www.w3.org/2000/svg', W = 1000, H = 240, L = 48, R = 12, TOP = 14, B = 36;\n"
    "\tfunction s(tag, attrs, text) {\n"
    "\t\tvar e = document.createElementNS(NS, tag);\n"
    "\t\tfor (var k in attrs) e.setAttribute(k, attrs[k]);\n"
    "\t\tif (text !== undefined) e.textContent = text;\n"
    "\t\treturn e;\n"
    "\t}\n"
    "\tvar d0 = T[0][0], d1 = T[T.length - 1][0], span = d1 - d0 + 1;\n"
    "\tvar maxP = 1, maxF = 1;\n"
    "\tT.forEach(function (r) { maxP = Math.max(maxP, r[3]); maxF = Math.max(maxF, r[1] + r[2]); });\n"
    "\tvar svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img',\n"
    "\t\t'aria-label': 'pairs and files per day' });\n"
    "\tsvg.style.maxWidth = W + 'px';\n"
    "\tvar ph = H - TOP - B, bw = (W - L - R) / span;\n"
    "\tsvg.appendChild(s('line', { x1: L, y1: TOP + ph, x2: W - R, y2: TOP + ph, 'class': 'axis' }));\n"
    "\tsvg.appendChild(s('line', { x1: L, y1: TOP, x2: L, y2: TOP + ph, 'class': 'axis' }));\n"
    "\t[0, 0.5, 1].forEach(function (f) {\n"
    "\t\tvar y = TOP + ph - f * ph;\n"
    "\t\tsvg.appendChild(s('text', { x: L - 6, y: y + 4, 'text-anchor': 'end' }, String(Math.round(f * maxP))));\n"
    "\t});\n"
    "\tvar ticks = Math.min(6, span);\n"
    "\tfor (var i = 0; i < ticks; i++) {\n"
    "\t\tvar d = d0 + Math.round(i * (span - 1) / Math.max(1, ticks - 1));\n"
    "\t\tvar x = L + (d - d0 + 0.5) * bw;\n"
    "\t\tsvg.appendChild(s('text', { x: x, y: H - B + 16, 'text-anchor': 'middle' }, isoDay(d)));\n"
    "\t}\n"
    "\tT.forEach(function (r) {\n"
    "\t\tvar x = L + (r[0] - d0) * bw, h = r[3] / maxP * ph, tip = isoDay(r[0]) + ': ' + r[3] +\n"
    "\t\t\t' pairs, ' + r[1] + ' files, ' + r[2] + ' members';\n"
    "\t\tvar g = s('g');\n"
    "\t\tg.appendChild(s('title', {}, tip));\n"
    "\t\tif (r[3] > 0)\n"
    "\t\t\tg.appendChild(s('rect', { x: x + bw * 0.1, y: TOP + ph - h, width: Math.max(1, bw * 0.8),\n"
    "\t\t\t\theight: Math.max(1, h), 'class': 'bar' }));\n"
    "\t\tif (r[1] + r[2] > 0)\n"
    "\t\t\tg.appendChild(s('circle', { cx: x + bw / 2, cy: TOP + ph - (r[1] + r[2]) / maxF * ph,\n"
    "\t\t\t\tr: 3, 'class': 'dot' }));\n"
    "\t\tsvg.appendChild(g);\n"
    "\t});\n"
    "\tsvg.appendChild(s('text', { x: L + 4, y: TOP + 2 }, 'bars: pairs per day (max ' + maxP +\n"
    "\t\t'); dots: files and members per day (max ' + maxF + '); UTC'));\n"
    "\tbox.appendChild(svg);\n"
    "\tvar det = add(box, el('details')), t = el('table', 'data');\n"
    "\tadd(det, el('summary', null, 'Table (' + T.length + ' days)'));\n"
    "\tvar hr = add(add(t, el('thead')), el('tr'));\n"
    "\t['day', 'files', 'members', 'pairs', 'by document date'].forEach(function (h) { add(hr, el('th', null, h)); });\n"
    "\tvar tb = add(t, el('tbody'));\n"
    "\tT.slice(0, 5000).forEach(function (r) {\n"
    "\t\tvar tr = add(tb, el('tr'));\n"
    "\t\tadd(tr, el('td', null, isoDay(r[0])));\n"
    "\t\tfor (var k = 1; k <= 4; k++) add(tr, el('td', 'num', num(r[k])));\n"
    "\t});\n"
    "\tadd(det, t);\n"
    "\tif (M.timeline_note) add(box, el('p', 'note', M.timeline_note));\n"
    "}\n"
    "\n"
    "/* ---- a paginated table ---- */\n"
    "function Pager(prefix, render) {\n"
    "\tthis.prefix = prefix; this.render = render; this.list = []; this.page = 0; this.size = 100;\n"
    "}\n"
    "Pager.prototype.pages = function () { return Math.max(1, Math.ceil(this.list.length / this.size)); };\n"
    "Pager.prototype.draw = function () {\n"
    "\tvar self = this;\n"
    "\t['-top', '-bottom'].forEach(function (suf) {\n"
    "\t\tvar box = $(self.prefix + suf);\n"
    "\t\tif (!box) return;\n"
    "\t\tclear(box);\n"
    "\t\tfunction btn(label, page, enabled) {\n"
    "\t\t\tvar b = add(box, el('button', null, label));\n"
    "\t\t\tb.type = 'button';\n"
    "\t\t\tb.disabled = !enabled;\n"
    "\t\t\tb.addEventListener('click', function () { self.page = page; self.show(); });\n"
    "\t\t}\n"
    "\t\tbtn('\\u00ab', 0, self.page > 0);\n"
    "\t\tbtn('\\u2039', self.page - 1, self.page > 0);\n"
    "\t\tadd(box, el('span', null, 'page ' + (self.page + 1) + ' of ' + self.pages() + ' \\u00b7 ' +\n"
    "\t\t\tnum(self.list.length) + ' rows'));\n"
    "\t\tbtn('\\u203a', self.page + 1, self.page + 1 < self.pages());\n"
    "\t\tbtn('\\u00bb', self.pages() - 1, self.page + 1 < self.pages());\n"
    "\t});\n"
    "};\n"
    "Pager.prototype.show = function () {\n"
    "\tvar tb = $(this.prefix + '-body'), start = this.page * this.size;\n"
    "\tvar frag = document.createDocumentFragment();\n"
    "\tclear(tb);\n"
    "\tfor (var i = start; i < Math.min(this.list.length, start + this.size); i++)\n"
    "\t\tfrag.appendChild(this.render(this.list[i]));\n"
    "\ttb.appendChild(frag);\n"
    "\tthis.draw();\n"
    "};\n"
    "\n"
    "/* ---- pairs ---- */\n"
    "var fileRow = Object.create(null);\n"
    "F.forEach(function (f, i) { if (!(f[FSRC] in fileRow)) fileRow[f[FSRC]] = i; });\n"
    "var pairAt = Object.create(null);\n"
    "P.forEach(function (r, i) { pairAt[r[ID]] = i; });\n"
    "\n"
    "function sourceCell(td, src, where) {\n"
    "\tvar line = add(td, el('div'));\n"
    "\tif (src !== null && src in fileRow) {\n"
    "\t\tvar a = add(line, el('a', null, src));\n"
    "\t\ta.href = '#file-' + fileRow[src];\n"
    "\t} else {\n"
    "\t\tline.textContent = src === null ? '' : src;\n"
    "\t}\n"
    "\tif (where) add(td, el('span', 'where', where));\n"
    "}\n"
    "function crops(td, list, where) {\n"
    "\tif (!list) return;\n"
    "\tlist.forEach(function (uri) {\n"
    "\t\tif (typeof uri !== 'string' || uri.slice(0, CROP.length) !== CROP) return;\n"
    "\t\tvar img = add(td, el('img', 'crop'));\n"
    "\t\timg.alt = 'image region ' + (where || '');\n"
    "\t\timg.loading = 'lazy';\n"
    "\t\timg.src = uri;\n"
    "\t});\n"
    "}\n"
    "function pairRow(i) {\n"
    "\tvar r = P[i], tr = el('tr'), td;\n"
    "\ttr.id = 'pair-' + r[ID];\n"
    "\ttd = add(tr, el('td', 'num'));\n"
    "\tvar a = add(td, el('a', null, String(i + 1)));\n"
    "\ta.href = '#pair-' + r[ID];\n"
    "\ta.title = r[ID];\n"
    "\tadd(tr, el('td', 'num', r[SCORE] === null ? '' : r[SCORE].toFixed(3)));\n"
    "\ttd = add(tr, el('td', null, r[METHOD]));\n"
    "\tif (r[KIND]) add(td, el('span', 'where', r[KIND]));\n"
    "\ttd = add(tr, el('td', 'txt'));\n"
    "\ttd.lang = r[ZV] === 'Hant' ? 'zh-Hant' : 'zh-Hans';\n"
    "\tadd(td, el('div', null, r[ZH]));\n"
    "\tcrops(td, r[ZC], r[ZW]);\n"
    "\ttd = add(tr, el('td', 'txt'));\n"
    "\ttd.lang = 'ko';\n"
    "\tadd(td, el('div', null, r[KO]));\n"
    "\tcrops(td, r[KC], r[KW]);\n"
    "\ttd = add(tr, el('td'));\n"
    "\tif (r[ZV]) add(td, el('span', 'chip', r[ZV]));\n"
    "\tif (r[KV]) {\n"
    "\t\tvar c = add(td, el('span', 'chip ' + (r[KV] === 'KP' || r[KV] === 'KR' ? r[KV] : ''), r[KV]));\n"
    "\t\tif (r[KVE]) c.title = r[KVE];\n"
    "\t}\n"
    "\tif (r[ZD] || r[KD]) add(td, el('span', 'where', (r[ZD] || r[KD]).slice(0, 10)));\n"
    "\ttd = add(tr, el('td', 'src'));\n"
    "\tsourceCell(td, r[SRC], r[ZW]);\n"
    "\tif (r[KSRC] !== r[SRC]) sourceCell(td, r[KSRC], r[KW]);\n"
    "\telse if (r[KW]) add(td, el('span', 'where', r[KW]));\n"
    "\treturn tr;\n"
    "}\n"
    "var pairs = new Pager('pairs', pairRow);\n"
    "var hay = null, fileSelect = true;\n"
    "function hayOf(i) {\n"
    "\tif (!hay) hay = new Array(P.length);\n"
    "\tvar h = hay[i];\n"
    "\tif (h === undefined) {\n"
    "\t\tvar r = P[i];\n"
    "\t\th = hay[i] = [r[ID], r[ZH], r[KO], r[SRC], r[KSRC], r[ZW], r[KW], r[KVE], r[ZA], r[KA]]\n"
    "\t\t\t.join('\\n').toLowerCase();\n"
    "\t}\n"
    "\treturn h;\n"
    "}\n"
    "function filterPairs() {\n"
    "\tvar q = $('q').value.trim().toLowerCase(), m = $('f-method').value, v = $('f-variant').value,\n"
    "\t\tf = $('f-file').value, out = [];\n"
    "\tfor (var i = 0; i < P.length; i++) {\n"
    "\t\tvar r = P[i];\n"
    "\t\tif (m && r[METHOD] !== m) continue;\n"
    "\t\tif (v && (v.slice(0, 3) === 'zh:' ? r[ZV] : r[KV]) !== v.slice(3)) continue;\n"
    "\t\tif (f && (fileSelect ? r[FILE] !== f : String(r[FILE]).toLowerCase().indexOf(f.toLowerCase()) < 0)) continue;\n"
    "\t\tif (q && hayOf(i).indexOf(q) < 0) continue;\n"
    "\t\tout.push(i);\n"
    "\t}\n"
    "\tpairs.list = out;\n"
    "\tpairs.page = 0;\n"
    "\tpairs.show();\n"
    "}\n"
    "function options(sel, values) {\n"
    "\tvalues.forEach(function (v) { var o = add(sel, el('option', null, v[1])); o.value = v[0]; });\n"
    "}\n"
    "function setupPairs() {\n"
    "\tvar methods = Object.create(null), files = Object.create(null), nfiles = 0;\n"
    "\tP.forEach(function (r) {\n"
    "\t\tmethods[r[METHOD]] = 1;\n"
    "\t\tif (!(r[FILE] in files)) { files[r[FILE]] = 1; nfiles++; }\n"
    "\t});\n"
    "\toptions($('f-method'), Object.keys(methods).sort().map(function (k) { return [k, k]; }));\n"
    "\toptions($('f-variant'), [['zh:Hans', 'zh Hans'], ['zh:Hant', 'zh Hant'], ['ko:KP', 'ko KP'],\n"
    "\t\t['ko:KR', 'ko KR'], ['ko:unknown', 'ko unknown']]);\n"
    "\tif (nfiles <= 2000) {\n"
    "\t\toptions($('f-file'), Object.keys(files).sort().map(function (k) { return [k, k]; }));\n"
    "\t} else {\n"
    "\t\t/* thousands of files make a select unusable: filter by a part of the path instead */\n"
    "\t\tvar old = $('f-file'), inp = el('input');\n"
    "\t\tinp.id = 'f-file';\n"
    "\t\tinp.type = 'search';\n"
    "\t\tinp.placeholder = 'part of a path';\n"
    "\t\told.parentNode.replaceChild(inp, old);\n"
    "\t\tfileSelect = false;\n"
    "\t}\n"
    "\tvar timer = 0;\n"
    "\t$('q').addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(filterPairs, 150); });\n"
    "\t['f-method', 'f-variant'].forEach(function (id) { $(id).addEventListener('change', filterPairs); });\n"
    "\t$('f-file').addEventListener(fileSelect ? 'change' : 'input', filterPairs);\n"
    "\t$('page-size').addEventListener('change', function () {\n"
    "\t\tpairs.size = Number(this.value) || 100; pairs.page = 0; pairs.show();\n"
    "\t});\n"
    "\tpairs.list = P.map(function (_, i) { return i; });\n"
    "\tpairs.show();\n"
    "}\n"
    "\n"
    "/* ---- files and errors ---- */\n"
    "function fileRowEl(i) {\n"
    "\tvar f = F[i], tr = el('tr');\n"
    "\ttr.id = 'file-' + i;\n"
    "\tvar td = add(tr, el('td', 'src'));\n"
    "\tadd(td, el('div', null, f[FSRC]));\n"
    "\tadd(tr, el('td', null, f[FFMT]));\n"
    "\tadd(tr, el('td', 'num', num(f[FSIZE])));\n"
    "\tadd(tr, el('td', null, f[FMTIME] ? f[FMTIME].replace('T', ' ').replace('Z', '') : ''));\n"
    "\tadd(tr, el('td', null, f[FSTATUS]));\n"
    "\tadd(tr, el('td', 'num', num(f[FSEGS])));\n"
    "\tadd(tr, el('td', 'num', num(f[FPAIRS])));\n"
    "\tadd(tr, el('td', 'num', num(f[FERRS])));\n"
    "\ttd = add(tr, el('td', 'src', f[FSHA] ? f[FSHA].slice(0, 16) : ''));\n"
    "\tif (f[FSHA]) td.title = f[FSHA];\n"
    "\treturn tr;\n"
    "}\n"
    "var files = new Pager('files', fileRowEl);\n"
    "function filterFiles() {\n"
    "\tvar q = $('fq').value.trim().toLowerCase(), out = [];\n"
    "\tfor (var i = 0; i < F.length; i++)\n"
    "\t\tif (!q || String(F[i][FSRC]).toLowerCase().indexOf(q) >= 0) out.push(i);\n"
    "\tfiles.list = out;\n"
    "\tfiles.page = 0;\n"
    "\tfiles.show();\n"
    "}\n"
    "function errorRowEl(i) {\n"
    "\tvar e = E[i], tr = el('tr');\n"
    "\tvar td = add(tr, el('td', 'src'));\n"
    "\tsourceCell(td, e[0], null);\n"
    "\tadd(tr, el('td', null, e[2]));\n"
    "\tadd(tr, el('td', null, e[3]));\n"
    "\tadd(tr, el('td', 'msg', e[4]));\n"
    "\treturn tr;\n"
    "}\n"
    "var errors = new Pager('errors', errorRowEl);\n"
    "function filterErrors() {\n"
    "\tvar c = $('ec').value, out = [];\n"
    "\tfor (var i = 0; i < E.length; i++) if (!c || E[i][3] === c) out.push(i);\n"
    "\terrors.list = out;\n"
    "\terrors.page = 0;\n"
    "\terrors.show();\n"
    "}\n"
    "function setupTables() {\n"
    "\tvar codes = Object.create(null);\n"
    "\tE.forEach(function (e) { codes[e[3]] = 1; });\n"
    "\toptions($('ec'), Object.keys(codes).sort().map(function (k) { return [k, k]; }));\n"
    "\tvar timer = 0;\n"
    "\t$('fq').addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(filterFiles, 150); });\n"
    "\t$('ec').addEventListener('change', filterErrors);\n"
    "\tfiles.list = F.map(function (_, i) { return i; });\n"
    "\tfiles.show();\n"
    "\terrors.list = E.map(function (_, i) { return i; });\n"
    "\terrors.show();\n"
    "}\n"
    "\n"
    "/* ---- links: #pair-ID and #file-N open the page that holds the row ---- */\n"
    "function reveal(pager, index, id, reset) {\n"
    "\tvar pos = pager.list.indexOf(index);\n"
    "\tif (pos < 0) { reset(); pos = pager.list.indexOf(index); }\n"
    "\tif (pos < 0) return;\n"
    "\tpager.page = Math.floor(pos / pager.size);\n"
    "\tpager.show();\n"
    "\tvar row = document.getElementById(id);\n"
    "\tif (row) { row.classList.add('hl'); row.scrollIntoView({ block: 'center' }); }\n"
    "}\n"
    "function follow() {\n"
    "\tvar h;\n"
    "\ttry { h = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }\n"
    "\tif (h.slice(0, 5) === 'pair-' && (h.slice(5) in pairAt)) {\n"
    "\t\treveal(pairs, pairAt[h.slice(5)], h, function () {\n"
    "\t\t\t$('q').value = ''; $('f-method').value = ''; $('f-variant').value = ''; $('f-file').value = '';\n"
    "\t\t\tfilterPairs();\n"
    "\t\t});\n"
    "\t} else if (h.slice(0, 5) === 'file-' && /^\\d+$/.test(h.slice(5)) && Number(h.slice(5)) < F.length) {\n"
    "\t\treveal(files, Number(h.slice(5)), h, function () { $('fq').value = ''; filterFiles(); });\n"
    "\t}\n"
    "}\n"
    "\n"
    "summary();\n"
    "timeline();\n"
    "setupPairs();\n"
    "setupTables();\n"
    "window.addEventListener('hashchange', follow);\n"
    "if (location.hash) follow();\n"
    "/* for tests and benchmarks: script time, and time since navigation began */\n"
    "document.documentElement.setAttribute('data-render-ms', String(Math.round(performance.now() - t0)));\n"
    "document.documentElement.setAttribute('data-load-ms', String(Math.round(performance.now())));\n"
    "document.documentElement.setAttribute('data-ready', '1');\n"
    "})();\n";
/* END ASSETS */

static const char page_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta name=\"referrer\" content=\"no-referrer\">\n"
    "<meta name=\"generator\" content=\"bilex " BILEX_VERSION_STRING "\">\n";

static const char page_body[] =
    "<body>\n<header><h1>bilex report</h1><span id=\"bx-sub\"></span>\n"
    "<nav><a href=\"#summary\">Summary</a><a href=\"#timeline\">Timeline</a>"
    "<a href=\"#pairs\">Pairs</a><a href=\"#files\">Files</a><a href=\"#errors\">Errors</a></nav>"
    "</header>\n"
    "<noscript><p>This report draws its tables with JavaScript. Its data is in this file as JSON "
    "(the script elements bx-pairs, bx-files, bx-errors and bx-meta).</p></noscript>\n"
    "<section id=\"summary\"><h2>Summary</h2><div id=\"bx-summary\"></div></section>\n"
    "<section id=\"timeline\"><h2>Timeline</h2><div id=\"bx-timeline\"></div></section>\n"
    "<section id=\"pairs\"><h2>Pairs</h2>\n<div class=\"controls\">"
    "<label>Search <input id=\"q\" type=\"search\" placeholder=\"text, path or id\"></label>"
    "<label>Method <select id=\"f-method\"><option value=\"\">all</option></select></label>"
    "<label>Variant <select id=\"f-variant\"><option value=\"\">all</option></select></label>"
    "<label>File <select id=\"f-file\"><option value=\"\">all</option></select></label>"
    "<label>Rows <select id=\"page-size\"><option>50</option><option selected>100</option>"
    "<option>500</option></select></label></div>\n"
    "<div class=\"pager\" id=\"pairs-top\"></div>\n"
    "<table class=\"data\"><thead><tr><th>#</th><th>score</th><th>method</th><th>zh</th>"
    "<th>ko</th><th>variant</th><th>source</th></tr></thead><tbody id=\"pairs-body\"></tbody>"
    "</table>\n<div class=\"pager\" id=\"pairs-bottom\"></div></section>\n"
    "<section id=\"files\"><h2>Files</h2>\n<div class=\"controls\"><label>Path "
    "<input id=\"fq\" type=\"search\" placeholder=\"part of a path\"></label></div>\n"
    "<div class=\"pager\" id=\"files-top\"></div>\n"
    "<table class=\"data\"><thead><tr><th>source</th><th>format</th><th>size</th><th>mtime (UTC)"
    "</th><th>status</th><th>segments</th><th>pairs</th><th>errors</th><th>sha256</th></tr>"
    "</thead><tbody id=\"files-body\"></tbody></table>\n"
    "<div class=\"pager\" id=\"files-bottom\"></div></section>\n"
    "<section id=\"errors\"><h2>Errors</h2>\n<div class=\"controls\"><label>Code "
    "<select id=\"ec\"><option value=\"\">all</option></select></label></div>\n"
    "<div class=\"pager\" id=\"errors-top\"></div>\n"
    "<table class=\"data\"><thead><tr><th>source</th><th>stage</th><th>code</th><th>message</th>"
    "</tr></thead><tbody id=\"errors-body\"></tbody></table>\n"
    "<div class=\"pager\" id=\"errors-bottom\"></div></section>\n"
    "<script type=\"application/json\" id=\"bx-pairs\">[";

/* ---- JSON inside HTML ----------------------------------------------------------------- */

/* A JSON string literal safe inside a <script> element: valid UTF-8 (bad bytes become
 * U+FFFD), controls escaped, and '<' '>' '&' as \u escapes so the text can never close the
 * element or open a comment; U+2028/2029 escaped for old JavaScript parsers. */
static int
hjson(struct html_state *h, struct bx_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;
	bool cut;
	int st;

	if (s == NULL)
		return bx_buf_add(b, "null", 4);
	h->text.len = 0;
	st = bx_clean_text(&h->text, s, TEXT_MAX, &cut);
	if (st != BILEX_OK)
		return st;
	if (cut)
		h->cut++;
	p = (const unsigned char *)bx_buf_str(&h->text);
	st = bx_buf_addc(b, '"');
	while (st == BILEX_OK && *p) {
		const unsigned char *run = p;

		while (*p >= 0x20 && *p != '"' && *p != '\\' && *p != '<' && *p != '>' && *p != '&' &&
		    *p != 0xE2)
			p++;
		st = bx_buf_add(b, run, (size_t)(p - run));
		if (st != BILEX_OK || *p == '\0')
			break;
		if (*p == '"' || *p == '\\') {
			char e[2] = { '\\', (char)*p };

			st = bx_buf_add(b, e, 2);
		} else if (*p == 0xE2) {
			if (p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
				st = bx_buf_add(b, p[2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
				p += 2;
			} else {
				st = bx_buf_addc(b, (char)*p);
			}
		} else {
			char u[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15] };

			st = bx_buf_add(b, u, 6);
		}
		p++;
	}
	if (st == BILEX_OK)
		st = bx_buf_addc(b, '"');
	return st;
}

static int
hjson_int(struct bx_buf *b, int64_t v)
{
	char num[24];

	if (v < 0)
		return bx_buf_add(b, "null", 4);
	return bx_buf_add(b, num, (size_t)(bx_fmt_i64(num, v) - num));
}

/* ---- counting ------------------------------------------------------------------------- */

static void
tally_add(struct tally *t, const char *name)
{
	if (name == NULL)
		name = "";
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->name[i], name) == 0) {
			t->count[i]++;
			return;
		}
	if (t->n == NAMES_MAX || (t->name[t->n] = bx_strndup(name, 64)) == NULL) {
		t->other++;
		return;
	}
	t->count[t->n++] = 1;
}

static void
tally_free(struct tally *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->name[i]);
	t->n = 0;
}

/* [["name",count],...] sorted by count, largest first. */
static int
tally_json(struct html_state *h, struct bx_buf *b, const struct tally *t)
{
	int order[NAMES_MAX], st;

	for (int i = 0; i < t->n; i++)
		order[i] = i;
	for (int i = 1; i < t->n; i++)
		for (int k = i; k > 0 && t->count[order[k]] > t->count[order[k - 1]]; k--) {
			int tmp = order[k];

			order[k] = order[k - 1];
			order[k - 1] = tmp;
		}
	st = bx_buf_addc(b, '[');
	for (int i = 0; i < t->n && st == BILEX_OK; i++) {
		if (i)
			bx_buf_addc(b, ',');
		bx_buf_addc(b, '[');
		st = hjson(h, b, t->name[order[i]]);
		bx_buf_addc(b, ',');
		hjson_int(b, t->count[order[i]]);
		st = bx_buf_addc(b, ']');
	}
	if (st == BILEX_OK && t->other)
		st = bx_buf_printf(b, "%s[\"(other)\",%lld]", t->n ? "," : "", (long long)t->other);
	if (st == BILEX_OK)
		st = bx_buf_addc(b, ']');
	return st;
}

static int
counts_json(struct html_state *h, struct bx_buf *b, const char *const *names,
    const int64_t *counts, int n)
{
	int st = bx_buf_addc(b, '[');

	for (int i = 0; i < n && st == BILEX_OK; i++) {
		if (i)
			bx_buf_addc(b, ',');
		bx_buf_addc(b, '[');
		hjson(h, b, names[i]);
		bx_buf_addc(b, ',');
		hjson_int(b, counts[i]);
		st = bx_buf_addc(b, ']');
	}
	if (st == BILEX_OK)
		st = bx_buf_addc(b, ']');
	return st;
}

/* ---- spills --------------------------------------------------------------------------- */

/* Appends the row buffer, with a comma before all but the first row, to a spill. */
static int
spill_row(struct bilex_writer *w, FILE **fp, int64_t *count)
{
	struct html_state *h = w->state;

	if (*fp == NULL && (*fp = bx_spill_open(h->tmpdir, "html")) == NULL)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "html: cannot create a temporary file: %s",
		    strerror(errno));
	if ((*count && fputc(',', *fp) == EOF) ||
	    fwrite(h->row.data, 1, h->row.len, *fp) != h->row.len)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "html: temporary file: %s",
		    strerror(errno));
	(*count)++;
	return BILEX_OK;
}

/* Copies a spill into the page. */
static int
copy_spill(struct bilex_writer *w, FILE *from)
{
	char buf[65536];
	size_t n;

	if (from == NULL)
		return BILEX_OK;
	if (fflush(from) != 0 || fseek(from, 0, SEEK_SET) != 0)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "html: temporary file: %s",
		    strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), from)) > 0)
		if (fwrite(buf, 1, n, w->fp) != n) {
			w->failed = true;
			return BILEX_FATAL;
		}
	if (ferror(from))
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "html: temporary file unreadable");
	return BILEX_OK;
}

/* ---- crops ---------------------------------------------------------------------------- */

static int
keep_crop(struct bilex_writer *w, const struct bilex_segment *s)
{
	struct html_state *h = w->state;
	int64_t *slot;

	if (s->crop == NULL || s->crop_len < 8 || s->id == NULL)
		return BILEX_OK;
	/* only PNG: the data: URI says image/png, and nothing else may hide behind it */
	if (memcmp(s->crop, "\x89PNG\r\n\x1a\n", 8) != 0 || s->crop_len > UINT32_MAX ||
	    h->crops_bytes + (int64_t)s->crop_len > (int64_t)CROPS_SPILL_CAP ||
	    h->embedded >= (int64_t)CROPS_CAP) {
		h->crops_dropped++;
		return BILEX_OK;
	}
	slot = bx_map_slot(&h->crop_index, bx_hash64(s->id, strlen(s->id)), true);
	if (slot == NULL) {
		h->crops_dropped++;
		return BILEX_OK;
	}
	if (h->nrefs == h->caprefs) {
		size_t nc = h->caprefs ? h->caprefs * 2 : 256;
		struct crop_ref *nr = realloc(h->refs, nc * sizeof(*nr));

		if (nr == NULL)
			return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
		h->refs = nr;
		h->caprefs = nc;
	}
	if (h->crops == NULL && (h->crops = bx_spill_open(h->tmpdir, "html")) == NULL)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "html: cannot create a temporary file: %s",
		    strerror(errno));
	if (fseek(h->crops, 0, SEEK_END) != 0 ||
	    fwrite(s->crop, 1, s->crop_len, h->crops) != s->crop_len)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "html: temporary file: %s",
		    strerror(errno));
	h->refs[h->nrefs].off = h->crops_bytes;
	h->refs[h->nrefs].len = (uint32_t)s->crop_len;
	h->crops_bytes += (int64_t)s->crop_len;
	*slot = (int64_t)++h->nrefs;
	return BILEX_OK;
}

/* The crops of the segment ids IDS ('+'-joined) as a JSON array of data: URIs, or 0. */
static int
crops_json(struct bilex_writer *w, struct bx_buf *b, const char *ids)
{
	struct html_state *h = w->state;
	const char *p = ids, *q;
	int shown = 0, st = BILEX_OK;

	if (ids == NULL || h->nrefs == 0)
		return bx_buf_addc(b, '0');
	for (; p && st == BILEX_OK; p = q ? q + 1 : NULL) {
		int64_t *slot;
		const struct crop_ref *r;
		size_t enc;

		q = strchr(p, '+');
		slot = bx_map_slot(&h->crop_index, bx_hash64(p, q ? (size_t)(q - p) : strlen(p)), false);
		if (slot == NULL || *slot <= 0 || (size_t)*slot > h->nrefs)
			continue;
		r = &h->refs[*slot - 1];
		enc = BASE64_ENCODE_RAW_LENGTH(r->len);
		if (shown == CROPS_PER_SIDE || h->embedded + (int64_t)enc > (int64_t)CROPS_CAP) {
			h->crops_out++;
			continue;
		}
		h->png.len = 0;
		if ((st = bx_buf_reserve(&h->png, r->len)) != BILEX_OK)
			return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
		if (fseek(h->crops, r->off, SEEK_SET) != 0 ||
		    fread(h->png.data, 1, r->len, h->crops) != r->len)
			return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "html: temporary file unreadable");
		st = bx_buf_adds(b, shown ? ",\"" : "[\"");
		if (st == BILEX_OK)
			st = bx_buf_adds(b, "data:image/png;base64,");
		if (st == BILEX_OK)
			st = bx_buf_reserve(b, enc);
		if (st == BILEX_OK) {
			base64_encode_raw(b->data + b->len, r->len, (const uint8_t *)h->png.data);
			b->len += enc;
			b->data[b->len] = '\0';
			st = bx_buf_addc(b, '"');
		}
		h->embedded += (int64_t)enc;
		h->crops_in++;
		shown++;
	}
	if (st != BILEX_OK)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "html: row too large");
	return shown ? bx_buf_addc(b, ']') : bx_buf_addc(b, '0');
}

/* ---- records -------------------------------------------------------------------------- */

static int
write_pair(struct bilex_writer *w, const struct bilex_pair *p)
{
	struct html_state *h = w->state;
	struct bx_buf *b = &h->row;
	const char *const rest[] = { p->method, p->zh, p->ko, p->source, p->zh_where, p->ko_source,
		p->ko_where, p->kind, p->zh_variant, p->ko_variant, p->ko_variant_evidence, p->file,
		p->zh_date, p->ko_date, p->zh_author, p->ko_author, p->zh_segment, p->ko_segment };
	int st;

	h->pairs++;
	tally_add(&h->methods, p->method);
	if (p->ko_variant && strcmp(p->ko_variant, "KP") == 0)
		h->ko_variant[0]++;
	else if (p->ko_variant && strcmp(p->ko_variant, "KR") == 0)
		h->ko_variant[1]++;
	else
		h->ko_variant[2]++;
	if (p->zh_variant && strcmp(p->zh_variant, "Hans") == 0)
		h->zh_variant[0]++;
	else if (p->zh_variant && strcmp(p->zh_variant, "Hant") == 0)
		h->zh_variant[1]++;
	else
		h->zh_variant[2]++;
	bx_timeline_add_pair(&h->tl, p);

	/* [id, score, method, zh, ko, source, zh_where, ko_source, ko_where, kind, zh_variant,
	 *  ko_variant, ko_variant_evidence, file, zh_date, ko_date, zh_author, ko_author,
	 *  zh_segment, ko_segment, zh crops, ko crops]: the column numbers of the script;
	 *  ko_source and file are 0 when equal to source, ko_date 0 when equal to zh_date */
	b->len = 0;
	st = bx_buf_adds(b, h->any_pair ? ",\n[" : "\n[");
	if (st == BILEX_OK)
		st = hjson(h, b, p->id);
	if (st == BILEX_OK)
		st = bx_buf_addc(b, ',');
	if (st == BILEX_OK)
		st = p->score < 0 || p->score != p->score ? bx_buf_adds(b, "null") :
		    bx_fmt_fixed3(b, p->score);
	for (size_t i = 0; i < BX_ARRAY_LEN(rest) && st == BILEX_OK; i++) {
		st = bx_buf_addc(b, ',');
		/* ko_source, file and ko_date mostly repeat source and zh_date: 0 says "the same"
		 * (the page's size is its load time: Chromium parses about 4 MB a second) */
		if (st == BILEX_OK && rest[i] &&
		    (((i == 5 || i == 11) && p->source && strcmp(rest[i], p->source) == 0) ||
		    (i == 13 && p->zh_date && strcmp(rest[i], p->zh_date) == 0)))
			st = bx_buf_addc(b, '0');
		else if (st == BILEX_OK)
			st = hjson(h, b, rest[i]);
	}
	if (st == BILEX_OK)
		st = bx_buf_addc(b, ',');
	if (st == BILEX_OK)
		st = crops_json(w, b, p->zh_segment);
	if (st == BILEX_OK)
		st = bx_buf_addc(b, ',');
	if (st == BILEX_OK)
		st = crops_json(w, b, p->ko_segment);
	if (st == BILEX_OK)
		st = bx_buf_addc(b, ']');
	if (st != BILEX_OK)
		return st == BILEX_FATAL ? st : bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM,
		    "html: pair too large");
	h->any_pair = true;
	if (fwrite(b->data, 1, b->len, w->fp) != b->len) {
		w->failed = true;
		return BILEX_FATAL;
	}
	return BILEX_OK;
}

static int
write_file(struct bilex_writer *w, const struct bilex_file *f)
{
	struct html_state *h = w->state;
	struct bx_buf *b = &h->row;
	int st;

	if (f->depth > 0) {
		h->members++;
	} else {
		h->files_top++;
		if (f->size > 0)
			h->bytes += f->size;
	}
	bx_timeline_add_file(&h->tl, f);
	/* [source, file, format, size, sha256, mtime, status, segments, pairs, errors, depth] */
	b->len = 0;
	st = bx_buf_addc(b, '[');
	hjson(h, b, f->source);
	bx_buf_addc(b, ',');
	hjson(h, b, f->file);
	bx_buf_addc(b, ',');
	hjson(h, b, f->format);
	bx_buf_addc(b, ',');
	hjson_int(b, f->size);
	bx_buf_addc(b, ',');
	hjson(h, b, f->sha256);
	bx_buf_addc(b, ',');
	hjson(h, b, f->mtime);
	bx_buf_addc(b, ',');
	hjson(h, b, f->status);
	bx_buf_addc(b, ',');
	hjson_int(b, f->segments);
	bx_buf_addc(b, ',');
	hjson_int(b, f->pairs);
	bx_buf_addc(b, ',');
	hjson_int(b, f->errors);
	bx_buf_addc(b, ',');
	hjson_int(b, f->depth);
	st = bx_buf_addc(b, ']');
	if (st != BILEX_OK)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "html: file record too large");
	return spill_row(w, &h->sp_files, &h->nfiles_rows);
}

static int
write_error(struct bilex_writer *w, const struct bilex_error *e)
{
	struct html_state *h = w->state;
	struct bx_buf *b = &h->row;
	int st;

	h->errors++;
	tally_add(&h->codes, e->code);
	b->len = 0;
	bx_buf_addc(b, '[');
	hjson(h, b, e->source);
	bx_buf_addc(b, ',');
	hjson(h, b, e->file);
	bx_buf_addc(b, ',');
	hjson(h, b, e->stage);
	bx_buf_addc(b, ',');
	hjson(h, b, e->code);
	bx_buf_addc(b, ',');
	hjson(h, b, e->message);
	st = bx_buf_addc(b, ']');
	if (st != BILEX_OK)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "html: error record too large");
	return spill_row(w, &h->sp_errors, &h->nerrors_rows);
}

static int
html_write(struct bilex_writer *w, const struct bilex_record *rec)
{
	struct html_state *h = w->state;

	switch (rec->type) {
	case BILEX_REC_PAIR:
		return write_pair(w, rec->u.pair);
	case BILEX_REC_SEGMENT:
		h->segments++;
		for (int i = 0; i < 5; i++)
			if (rec->u.segment->lang && strcmp(rec->u.segment->lang, langs[i]) == 0)
				h->by_lang[i]++;
		return keep_crop(w, rec->u.segment);
	case BILEX_REC_FILE:
		return write_file(w, rec->u.file);
	case BILEX_REC_ERROR:
		return write_error(w, rec->u.error);
	}
	return BILEX_OK;
}

/* ---- open and close ------------------------------------------------------------------- */

static void state_free(struct html_state *h);

/* 'sha256-BASE64' of the report's script, for the Content Security Policy. */
static void
script_hash(char out[64])
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&c);
	sha256_update(&c, sizeof(report_js) - 1, (const uint8_t *)report_js);
	sha256_digest(&c, sizeof(d), d);
	base64_encode_raw(out, sizeof(d), d);
	out[BASE64_ENCODE_RAW_LENGTH(sizeof(d))] = '\0';
}

static int
html_open(struct bilex_writer *w)
{
	struct html_state *h = calloc(1, sizeof(*h));
	const char *tmp = getenv("TMPDIR");
	char hash[64];

	if (h == NULL)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	w->state = h;
	bx_buf_init(&h->row, 1u << 24);
	bx_buf_init(&h->text, 1u << 20);
	bx_buf_init(&h->png, 1u << 24);
	bx_map_init(&h->crop_index, CROPS_INDEX);
	bx_timeline_init(&h->tl);
	if (tmp && *tmp && strlen(tmp) < sizeof(h->tmpdir) && access(tmp, W_OK) == 0)
		snprintf(h->tmpdir, sizeof(h->tmpdir), "%s", tmp);
	script_hash(hash);
	w->line.len = 0;
	bx_buf_adds(&w->line, page_head);
	/* no network, no plugin, no form, no other script: the report is read offline */
	bx_buf_printf(&w->line, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
	    "'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-%s'; "
	    "form-action 'none'; base-uri 'none'\">\n<title>bilex report</title>\n<style>\n", hash);
	bx_buf_adds(&w->line, report_css);
	bx_buf_adds(&w->line, "</style>\n</head>\n");
	bx_buf_adds(&w->line, page_body);
	if (bx_writer_flush_line(w) != BILEX_OK) {
		/* the writer is freed without a close when open fails */
		state_free(h);
		w->state = NULL;
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "cannot write %s",
		    w->path ? w->path : "the report");
	}
	return BILEX_OK;
}

static int
write_meta(struct bilex_writer *w)
{
	struct html_state *h = w->state;
	struct bx_buf *b = &h->row;
	static const char *const kov[] = { "KP", "KR", "unknown" };
	static const char *const zhv[] = { "Hans", "Hant", "other" };
	int st;

	b->len = 0;
	bx_buf_adds(b, "{\"version\":\"" BILEX_VERSION_STRING "\",\"summary\":{");
	bx_buf_printf(b, "\"files\":%lld,\"members\":%lld,\"bytes\":%lld,\"segments\":%lld,"
	    "\"pairs\":%lld,\"errors\":%lld,\"segments_by_lang\":", (long long)h->files_top,
	    (long long)h->members, (long long)h->bytes, (long long)h->segments, (long long)h->pairs,
	    (long long)h->errors);
	counts_json(h, b, langs, h->by_lang, 5);
	bx_buf_adds(b, ",\"pairs_by_method\":");
	tally_json(h, b, &h->methods);
	bx_buf_adds(b, ",\"errors_by_code\":");
	tally_json(h, b, &h->codes);
	bx_buf_adds(b, ",\"ko_variant\":");
	counts_json(h, b, kov, h->ko_variant, 3);
	bx_buf_adds(b, ",\"zh_variant\":");
	counts_json(h, b, zhv, h->zh_variant, h->zh_variant[2] ? 3 : 2);
	bx_buf_printf(b, ",\"crops_embedded\":%lld,\"crops_left_out\":%lld},\"timeline\":[",
	    (long long)h->crops_in, (long long)(h->crops_out + h->crops_dropped));
	bx_timeline_sort(&h->tl);
	for (size_t i = 0; i < h->tl.n; i++) {
		const struct bx_day *d = &h->tl.days[i];

		bx_buf_printf(b, "%s[%lld,%lld,%lld,%lld,%lld]", i ? "," : "", (long long)d->day,
		    (long long)d->files, (long long)d->members, (long long)d->pairs,
		    (long long)d->pairs_document);
	}
	bx_buf_adds(b, "],\"notes\":[");
	{
		bool first = true;
		char note[256];

		if (h->crops_out + h->crops_dropped) {
			snprintf(note, sizeof(note), "%lld image crops left out: the report embeds at "
			    "most %u MiB of them.", (long long)(h->crops_out + h->crops_dropped),
			    CROPS_CAP >> 20);
			hjson(h, b, note);
			first = false;
		}
		if (h->cut) {
			snprintf(note, sizeof(note), "%s%lld texts longer than %d characters were cut.",
			    "", (long long)h->cut, TEXT_MAX);
			if (!first)
				bx_buf_addc(b, ',');
			hjson(h, b, note);
			first = false;
		}
		if (h->tl.undated_files || h->tl.undated_pairs || h->tl.dropped) {
			snprintf(note, sizeof(note), "Timeline: %lld files and %lld pairs have no usable "
			    "date%s.", (long long)h->tl.undated_files, (long long)h->tl.undated_pairs,
			    h->tl.dropped ? "; some days were left out" : "");
			if (!first)
				bx_buf_addc(b, ',');
			hjson(h, b, note);
		}
	}
	st = bx_buf_adds(b, "]}");
	if (st != BILEX_OK)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "html: summary too large");
	if (fwrite(b->data, 1, b->len, w->fp) != b->len) {
		w->failed = true;
		return BILEX_FATAL;
	}
	return BILEX_OK;
}

static int
put(struct bilex_writer *w, const char *s)
{
	size_t n = strlen(s);

	if (fwrite(s, 1, n, w->fp) != n) {
		w->failed = true;
		return BILEX_FATAL;
	}
	return BILEX_OK;
}

static void
state_free(struct html_state *h)
{
	if (h->sp_files)
		fclose(h->sp_files);
	if (h->sp_errors)
		fclose(h->sp_errors);
	if (h->crops)
		fclose(h->crops);
	bx_map_free(&h->crop_index);
	bx_timeline_free(&h->tl);
	tally_free(&h->methods);
	tally_free(&h->codes);
	bx_buf_free(&h->row);
	bx_buf_free(&h->text);
	bx_buf_free(&h->png);
	free(h->refs);
	free(h);
}

static int
html_close(struct bilex_writer *w)
{
	struct html_state *h = w->state;
	int st = BILEX_OK;

	if (h == NULL)
		return BILEX_OK;
	if (!w->failed) {
		st = put(w, "\n]</script>\n<script type=\"application/json\" id=\"bx-files\">[");
		if (st == BILEX_OK)
			st = copy_spill(w, h->sp_files);
		if (st == BILEX_OK)
			st = put(w, "]</script>\n<script type=\"application/json\" id=\"bx-errors\">[");
		if (st == BILEX_OK)
			st = copy_spill(w, h->sp_errors);
		if (st == BILEX_OK)
			st = put(w, "]</script>\n<script type=\"application/json\" id=\"bx-meta\">");
		if (st == BILEX_OK)
			st = write_meta(w);
		if (st == BILEX_OK)
			st = put(w, "</script>\n<script>");
		if (st == BILEX_OK)
			st = put(w, report_js);
		if (st == BILEX_OK)
			st = put(w, "</script>\n</body>\n</html>\n");
	}
	state_free(h);
	w->state = NULL;
	return st;
}

static const char *const html_ext[] = { "html", "htm", NULL };

const struct bx_writer_ops bx_html_writer = {
	.name = "html",
	.extensions = html_ext,
	.open = html_open,
	.write = html_write,
	.close = html_close,
};

#!/usr/bin/python3
"""report.py - checks a bilex HTML report in headless Chromium; prints TAP (tests/report.sh).

    report.py REPORT.html SCREENSHOT.png KNOWN_ZH KNOWN_KO HOSTILE_MARK [--crops]

  * the file: valid JSON data blocks, exactly the report's five script elements, a Content
    Security Policy that forbids the network and allows the report's own script by its hash;
  * Chromium (--dump-dom after the page's script ran): no console message at all (a script
    error, a CSP violation, a failed load would each print one), the page marked ready;
  * the known pair (KNOWN_ZH / KNOWN_KO) rendered in its row, reached through #pair-ID;
  * the hostile pair (zh containing HOSTILE_MARK): shown as text, nothing injected or run;
  * with --crops: OCR pairs carry PNG crops and the page shows them as <img> elements;
  * a screenshot.

Chromium runs with a private profile, no sandbox (root in CI), no GPU, DNS mapped to
nothing; whatever it leaves running is killed by process id (only processes whose command line
holds this run's private profile folder).
"""
import hashlib
import base64
import html.parser
import json
import os
import re
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import tap  # noqa: E402
from tap import ok  # noqa: E402
import tempfile
import time





def kill_leftovers(marker):
    """Kills the processes whose command line holds MARKER (this run's profile folder)."""
    me = os.getpid()
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == me:
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmd = f.read()
        except OSError:
            continue
        if marker.encode() in cmd:
            try:
                os.kill(int(pid), signal.SIGKILL)
            except OSError:
                pass


def chromium(args, url, profile, timeout=120):
    cmd = ["chromium", "--headless=new", "--disable-gpu", "--no-sandbox", "--no-first-run",
           "--disable-extensions", "--disable-background-networking", "--disable-sync",
           "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + profile,
           "--enable-logging=stderr", "--v=0"] + args + [url]
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        out, err = r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        err = (e.stderr or b"").decode("utf-8", "replace") + "\n(timeout)"
    finally:
        kill_leftovers(profile)
    return out, err


def console_lines(err):
    return [l for l in err.splitlines() if ":CONSOLE" in l]


class Dom(html.parser.HTMLParser):
    """Rows of the rendered tables: {tr id: [cell texts]}, plus tags and attributes seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows = {}
        self.tags = {}
        self.attrs = []
        self.imgs = []
        self.row = None
        self.cell = None
        self.root = {}
        self.title = ""
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        self.attrs.extend(k for k, _ in attrs)
        if tag == "html":
            self.root = a
        if tag == "title" and not self.title:
            self.in_title = True  # the page's; SVG tooltips are <title> elements too
        if tag == "tr" and a.get("id"):
            self.row = a["id"]
            self.rows[self.row] = []
        if tag == "td" and self.row is not None:
            self.cell = []
        if tag == "img":
            self.imgs.append(a.get("src") or "")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "td" and self.cell is not None and self.row is not None:
            self.rows[self.row].append("".join(self.cell))
            self.cell = None
        if tag == "tr":
            self.row = None

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.cell is not None:
            self.cell.append(data)


def dom_of(text):
    d = Dom()
    d.feed(text)
    return d


def main():
    report, shot, known_zh, known_ko, mark = sys.argv[1:6]
    want_crops = "--crops" in sys.argv[6:]
    page = open(report, encoding="utf-8").read()
    print("1..14")

    # ---- the file itself
    blocks = dict(re.findall(r'<script type="application/json" id="(bx-[a-z]+)">(.*?)</script>',
                             page, re.S))
    data = {}
    try:
        data = {k: json.loads(v) for k, v in blocks.items()}
        good = sorted(data) == ["bx-errors", "bx-files", "bx-meta", "bx-pairs"]
    except ValueError as e:
        good = False
        blocks["error"] = str(e)
    ok(good, "four JSON data blocks that parse", sorted(blocks))
    ok(page.lower().count("<script") == 5 and page.lower().count("</script") == 5,
       "exactly the report's five script elements in the file",
       "found %d" % page.lower().count("<script"))
    code = re.search(r"<script>(.*?)</script>\s*</body>", page, re.S)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    digest = base64.b64encode(hashlib.sha256(code.group(1).encode()).digest()).decode() \
        if code else ""
    ok(csp is not None and "default-src 'none'" in csp.group(1) and
       ("'sha256-%s'" % digest) in csp.group(1) and "unsafe-inline" not in
       csp.group(1).split("script-src")[1].split(";")[0],
       "CSP: no network, only the report's own script (by hash)",
       csp.group(1) if csp else "no CSP")
    pairs = data.get("bx-pairs", [])
    known = [p for p in pairs if p[3] == known_zh and p[4] == known_ko]
    hostile = [p for p in pairs if mark in (p[3] or "")]
    ok(known and hostile, "the known and the hostile pair are in the data",
       "known %d, hostile %d of %d pairs" % (len(known), len(hostile), len(pairs)))
    if not (known and hostile):
        while tap.count < 14:
            ok(False, "not run: no pair to look at")
        return
    known_id, hostile_id = known[0][0], hostile[0][0]

    prof = tempfile.mkdtemp(prefix="bilex-chromium-")
    try:
        url = "file://" + os.path.abspath(report)
        # ---- the known pair, reached through its anchor
        t0 = time.time()
        out, err = chromium(["--dump-dom"], url + "#pair-" + known_id, prof)
        wall = time.time() - t0
        d = dom_of(out)
        ok(d.root.get("data-ready") == "1", "the page's script ran to the end",
           err[-2000:])
        ok(not console_lines(err), "no console message (errors, CSP violations)",
           *console_lines(err))
        print("# load %s ms after navigation start, script %s ms, chromium %.1f s in all"
              % (d.root.get("data-load-ms"), d.root.get("data-render-ms"), wall))
        row = d.rows.get("pair-" + known_id, [])
        ok(known_zh in row and known_ko in row, "the known pair is rendered in its row",
           "row: %r" % row, "rows: %d" % len(d.rows))
        shown = [r for r in d.rows if r.startswith("pair-")]
        ok(len(shown) >= min(len(pairs), 50), "a page of pairs is rendered",
           "%d rows of %d pairs" % (len(shown), len(pairs)))
        if want_crops:
            crops = [s for s in d.imgs if s.startswith("data:image/png;base64,")]
            ocr = [p for p in pairs if p[20] or p[21]]
            ok(ocr and crops, "OCR pairs carry crops, shown as images",
               "%d pairs with crops, %d images on the page" % (len(ocr), len(crops)))
        else:
            ok(True, "OCR crops # SKIP no OCR in this build")

        # ---- the hostile pair: text, not markup
        out, err = chromium(["--dump-dom"], url + "#pair-" + hostile_id, prof)
        d = dom_of(out)
        row = d.rows.get("pair-" + hostile_id, [])
        ok(hostile[0][3] in row and hostile[0][4] in row and
           any(hostile[0][5] in cell for cell in row),
           "hostile text and file name are shown as text, whole", "row: %r" % row)
        ok(d.tags.get("script", 0) == 5 and "data-pwned" not in d.attrs and
           d.title.strip() == "bilex report" and
           all(s.startswith("data:image/png;base64,") for s in d.imgs),
           "nothing injected: same scripts, no foreign attribute, image or title",
           "scripts %d, title %r" % (d.tags.get("script", 0), d.title),
           "imgs: %r" % [s[:40] for s in d.imgs if not s.startswith("data:")])
        ok(not console_lines(err), "no console message on the hostile pair's page",
           *console_lines(err))

        # ---- screenshot
        if os.path.exists(shot):
            os.unlink(shot)
        out, err = chromium(["--screenshot=" + shot, "--window-size=1400,900",
                             "--hide-scrollbars"], url, prof)
        ok(os.path.exists(shot) and os.path.getsize(shot) > 10000, "screenshot " + shot,
           err[-1500:])
        ok(not console_lines(err), "no console message while taking the screenshot",
           *console_lines(err))
    finally:
        kill_leftovers(prof)
        shutil.rmtree(prof, ignore_errors=True)


if __name__ == "__main__":
    main()
    sys.exit(1 if tap.failed else 0)

"""damage.py - damaged copies of container fixtures never crash bilex (TAP).

usage: damage.py BILEX SRCDIR [N] [SEED]

Makes N damaged copies (default 300; 10000 in the sanitizer build) of the
OLE2 and HWPX fixtures and extracts them in batches.  Damage is of the kinds that reach the
parsers' checks: flipped bytes; 32-bit fields of the CFB header and directory set to
sector-chain markers, self-references, zero and huge values; FAT entries turned into loops;
truncation and duplicated ranges; and, for HWP 5, the records inside the deflated section
rebuilt with random tags, levels and sizes (so the record walker sees garbage, not just a
broken deflate stream).  A batch fails when bilex exits on a signal or with a status other
than 0/1, when a record says `crash` or `timeout`, or when a sanitizer reports anything.
"""
import os
import random
import struct
import subprocess
import sys
import tempfile

bilex, top = sys.argv[1], sys.argv[2]
N = int(sys.argv[3]) if len(sys.argv) > 3 else 300
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
rng = random.Random(seed)
sys.path.insert(0, os.path.join(top, "tests", "gen", "office"))

FIXTURES = ["hwp/notes.hwp", "hwp/encrypted.hwp", "hwp/preview-only.hwp",
            "confusables/encrypted.docx", "hwpx/notes.hwpx", "hwpx/memogroup.hwpx"]
SPECIAL = [0, 1, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFC, 0xFFFFFFFA, 0x7FFFFFFF,
           0x80000000, 0xFFFF, 0x1000, 0xFFF, 2, 3]


def flip(d):
    for _ in range(rng.randint(1, 24)):
        i = rng.randrange(len(d))
        d[i] = rng.randrange(256)


def field(d):
    """A 32-bit field of the header or a directory entry gets a hostile value."""
    if len(d) < 512:
        return flip(d)
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.5:
            off = rng.choice([28, 30, 32, 40, 44, 48, 56, 60, 64, 68, 72]
                             + [76 + 4 * i for i in range(8)])
        else:
            # somewhere in the sectors: FAT entries, directory start/size/siblings
            off = 512 + 4 * rng.randrange((len(d) - 516) // 4)
        v = rng.choice(SPECIAL + [rng.randrange(1 << 32), off // 512, off // 512 - 1])
        d[off:off + 4] = struct.pack("<I", v & 0xFFFFFFFF)


def loop(d):
    """A FAT entry pointing at itself or back: chains that never end."""
    if len(d) < 1024:
        return flip(d)
    fat = 512   # the writer puts the first FAT sector right after the header
    k = rng.randrange(min(64, len(d) // 512))
    d[fat + 4 * k:fat + 4 * k + 4] = struct.pack("<I", rng.choice([k, max(0, k - 1), 0]))


def cut(d):
    del d[rng.randrange(1, len(d)):]


def dup(d):
    a = rng.randrange(len(d))
    b = min(len(d), a + rng.randrange(1, 4096))
    at = rng.randrange(len(d))
    d[at:at] = d[a:b]


def records(raw):
    """HWP 5: garbage records inside a valid deflate stream and a valid compound file."""
    import cfbwriter
    import make_hwp5
    sec = bytearray(make_hwp5.streams()[0])
    for _ in range(rng.randint(1, 12)):
        i = rng.randrange(max(1, len(sec) - 4))
        if rng.random() < 0.5:
            tag = rng.choice([66, 67, 71, 72, rng.randrange(1024)])
            level = rng.choice([0, 1, 2, 3, 63, 64, 1023, rng.randrange(1024)])
            size = rng.choice([0, 1, 2, 7, 0xFFF, rng.randrange(4096)])
            sec[i:i + 4] = struct.pack("<I", tag | level << 10 | size << 20)
            if size == 0xFFF:
                sec[i + 4:i + 8] = struct.pack("<I", rng.choice(SPECIAL))
        else:
            sec[i] = rng.randrange(256)
    return bytearray(cfbwriter.build(make_hwp5.streams(section_records=bytes(sec))[2]))


def damaged(name, raw):
    d = bytearray(raw)
    kinds = [flip, field, loop, cut, dup]
    if name.endswith(".hwp") and "preview" not in name and "encrypted" not in name:
        kinds += [records, records]
    if name.endswith(".hwpx"):
        kinds = [flip, cut, dup]
    kind = rng.choice(kinds)
    out = kind(d)
    return out if out is not None else d


def main():
    data = {f: open(os.path.join(top, "tests", "data", f), "rb").read() for f in FIXTURES}
    batches = []
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for i in range(N):
            f = rng.choice(FIXTURES)
            p = os.path.join(tmp, "d%05d%s" % (i, os.path.splitext(f)[1]))
            with open(p, "wb") as out:
                out.write(damaged(f, data[f]))
            names.append(p)
        size = 250
        batches = [names[i:i + size] for i in range(0, len(names), size)]
        print("1..%d" % len(batches))
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1:abort_on_error=0",
                   UBSAN_OPTIONS="print_stacktrace=1")
        for k, batch in enumerate(batches, 1):
            r = subprocess.run([bilex, "extract", "-q", "--no-ocr"] + batch, capture_output=True,
                               env=env, timeout=1800)
            out = r.stdout.decode("utf-8", "replace")
            err = r.stderr.decode("utf-8", "replace")
            bad = []
            if r.returncode not in (0, 1):
                bad.append("exit status %d" % r.returncode)
            for code in ('"code":"crash"', '"code":"timeout"'):
                if code in out:
                    line = next(x for x in out.splitlines() if code in x)
                    bad.append(line[:300])
            for word in ("AddressSanitizer", "LeakSanitizer", "runtime error:"):
                if word in err:
                    i = err.index(word)
                    bad.append(err[max(0, i - 200):i + 1500])
            if bad:
                print("not ok %d - batch of %d damaged files" % (k, len(batch)))
                for b in bad[:3]:
                    print("# " + b.replace("\n", "\n# "))
                keep = os.path.join(tempfile.gettempdir(), "bilex-damage-%d-%d" % (seed, k))
                os.makedirs(keep, exist_ok=True)
                for p in batch:
                    os.rename(p, os.path.join(keep, os.path.basename(p)))
                print("# inputs kept in " + keep)
            else:
                print("ok %d - batch of %d damaged files" % (k, len(batch)))


main()

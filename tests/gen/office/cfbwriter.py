"""cfbwriter.py - a minimal writer of OLE2 Compound File Binary files (MS-CFB, version 3).

Used by make_hwp5.py and make_encrypted.py: Debian has no writer for HWP 5 or for
password-protected OOXML, and olefile only reads.  What is written follows MS-CFB:

  * version 3: 512-byte sectors, 64-byte mini sectors, mini stream cutoff 4096;
  * sector layout: FAT sectors first, then every stream (>= 4096 bytes) in its own chain,
    the mini stream (in the root entry's chain), the mini FAT, the directory;
  * no DIFAT sectors (up to 109 FAT sectors = about 7 MB, plenty for fixtures);
  * the siblings of each storage form a red-black tree sorted the MS-CFB way (shorter
    names first, then code units compared upper-cased): a balanced tree, nodes on an
    incomplete last level red, the others black;
  * fixed (zero) CLSIDs and times, so the bytes depend only on the content.

build({"FileHeader": b"...", "BodyText/Section0": b"..."}) -> bytes.  Storages are implied by
the paths.  verify(data, streams) re-reads the file with olefile when it is installed.
"""
import struct

SECT = 512
MINI = 64
CUTOFF = 4096
FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


class _Node:
    def __init__(self, name, data=None):
        self.name = name
        self.data = data            # None for a storage
        self.children = {}
        self.left = self.right = self.child = NOSTREAM
        self.color = 1              # black
        self.sid = None
        self.start = ENDOFCHAIN
        self.size = 0


def _key(name):
    return (len(name), name.upper())


def _rb_tree(nodes, depth=0, out=None):
    """Balanced tree over nodes (sorted); returns (root, max depth); sets left/right."""
    if not nodes:
        return None
    mid = len(nodes) // 2
    root = nodes[mid]
    root.depth = depth
    lft = _rb_tree(nodes[:mid], depth + 1)
    rgt = _rb_tree(nodes[mid + 1:], depth + 1)
    root.left = lft.sid if lft else NOSTREAM
    root.right = rgt.sid if rgt else NOSTREAM
    return root


def _color(nodes):
    """Nodes on the deepest level are red when that level is not the only leaf level."""
    if not nodes:
        return
    deepest = max(n.depth for n in nodes)
    leaf_depths = {n.depth for n in nodes if n.left == NOSTREAM and n.right == NOSTREAM}
    for n in nodes:
        n.color = 0 if (n.depth == deepest and min(leaf_depths) < deepest) else 1


def build(streams):
    root = _Node("Root Entry")
    for path, data in streams.items():
        parts = path.split("/")
        at = root
        for p in parts[:-1]:
            at = at.children.setdefault(p, _Node(p))
        at.children[parts[-1]] = _Node(parts[-1], bytes(data))
    # directory order: root, then breadth-first
    order = [root]
    i = 0
    while i < len(order):
        n = order[i]
        i += 1
        kids = sorted(n.children.values(), key=lambda c: _key(c.name))
        for k in kids:
            k.sid = len(order)
            order.append(k)
    root.sid = 0
    for n in order:
        kids = sorted(n.children.values(), key=lambda c: _key(c.name))
        top = _rb_tree(kids)
        _color(kids)
        n.child = top.sid if top else NOSTREAM
    root.color = 1
    # mini stream and big streams
    mini = bytearray()
    minifat = []
    big = []                        # (node, data)
    for n in order[1:]:
        if n.data is None:
            continue
        n.size = len(n.data)
        if n.size == 0:
            n.start = ENDOFCHAIN
        elif n.size < CUTOFF:
            first = len(mini) // MINI
            k = (n.size + MINI - 1) // MINI
            n.start = first
            minifat += [first + j + 1 for j in range(k - 1)] + [ENDOFCHAIN]
            mini += n.data + b"\0" * (k * MINI - n.size)
        else:
            big.append((n, n.data))
    if mini:
        big.append((root, bytes(mini)))
    root.size = len(mini)
    minifat_bytes = b"".join(struct.pack("<I", v) for v in minifat)
    chains = []                     # (what, data)
    for n, data in big:
        chains.append((n, data))
    if minifat_bytes:
        chains.append(("minifat", minifat_bytes))
    dir_count = len(order)
    chains.append(("dir", b"\0" * (((dir_count + 3) // 4) * SECT)))
    nsec = sum((len(d) + SECT - 1) // SECT for _, d in chains)
    nfat = 1
    while nfat * (SECT // 4) < nsec + nfat:
        nfat += 1
    assert nfat <= 109
    fat = [FATSECT] * nfat
    body = bytearray()
    starts = {}
    for what, data in chains:
        k = (len(data) + SECT - 1) // SECT
        first = len(fat)
        starts[id(what) if not isinstance(what, str) else what] = first
        fat += [first + j + 1 for j in range(k - 1)] + [ENDOFCHAIN]
        body += data + b"\0" * (k * SECT - len(data))
        if not isinstance(what, str):
            what.start = first
    fat += [FREESECT] * (nfat * (SECT // 4) - len(fat))
    if not mini:
        root.start = ENDOFCHAIN
    # directory entries
    ents = bytearray()
    for n in order:
        name = n.name.encode("utf-16-le")
        assert len(name) <= 62, n.name
        typ = 5 if n is root else (1 if n.data is None else 2)
        ents += name + b"\0" * (64 - len(name))
        ents += struct.pack("<HBB", len(name) + 2, typ, n.color)
        ents += struct.pack("<III", n.left, n.right, n.child)
        ents += b"\0" * 16 + b"\0" * 4 + b"\0" * 16
        ents += struct.pack("<IQ", n.start if (typ != 1) else 0, n.size if typ != 1 else 0)
    while len(ents) % SECT:
        ents += b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack(
            "<III", NOSTREAM, NOSTREAM, NOSTREAM) + b"\0" * 36 + struct.pack("<IQ", 0, 0)
    dir_first = starts["dir"]
    off = (dir_first - nfat) * SECT
    body[off:off + len(ents)] = ents
    hdr = bytearray(MAGIC + b"\0" * 16)
    hdr += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    hdr += struct.pack("<IIII", 0, nfat, dir_first, 0)
    hdr += struct.pack("<III", CUTOFF, starts["minifat"] if minifat_bytes else ENDOFCHAIN,
                       (len(minifat_bytes) + SECT - 1) // SECT)
    hdr += struct.pack("<II", ENDOFCHAIN, 0)
    difat = list(range(nfat)) + [FREESECT] * (109 - nfat)
    hdr += b"".join(struct.pack("<I", v) for v in difat)
    assert len(hdr) == SECT
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    return bytes(hdr) + fat_bytes + bytes(body)


def verify(data, streams):
    """Every stream reads back through olefile (when installed)."""
    try:
        import olefile
    except ImportError:            # pragma: no cover
        return False
    import io
    ole = olefile.OleFileIO(io.BytesIO(data))
    for path, want in streams.items():
        got = ole.openstream(path.split("/")).read()
        assert got == bytes(want), path
    ole.close()
    return True

"""Just enough PDF reading to check what fpdf2 wrote: page count and the text a PDF reader
would extract (content streams decoded through the fonts' ToUnicode maps). pypdf and poppler
are not test dependencies; this reads the file's real bytes, so a PDF whose text cannot be
extracted fails here as it would in a reader."""

import re
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_HEADER = re.compile(rb"\d+ 0 obj\b")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")


def _streams(data: bytes):
    """Each stream's bytes, read by its dictionary's /Length (compressed data may contain the
    bytes ``endstream`` or ``endobj`` by chance, so they cannot delimit it)."""
    consumed = 0
    for match in _HEADER.finditer(data):
        if match.start() < consumed:
            continue  # inside the data of a stream already read
        keyword = data.find(b"stream", match.end())
        end = data.find(b"endobj", match.end())
        if keyword == -1 or (end != -1 and end < keyword):
            continue  # an object without a stream
        head = data[match.end() : keyword]
        start = keyword + len(b"stream")
        start += 2 if data[start : start + 2] == b"\r\n" else 1
        length = int(_LENGTH.search(head).group(1))
        raw = data[start : start + length]
        consumed = start + length
        yield zlib.decompress(raw) if b"/FlateDecode" in head else raw


def page_count(data: bytes) -> int:
    """The /Count of the root page tree (the /Pages object that has no /Parent)."""
    for match in _OBJECT.finditer(data):
        body = match.group(2)
        if re.search(rb"/Type\s*/Pages\b", body) and b"/Parent" not in body:
            return int(re.search(rb"/Count\s+(\d+)", body).group(1))
    raise AssertionError("no page tree")


def _to_unicode(streams) -> dict[int, str]:
    table: dict[int, str] = {}
    for stream in streams:
        if b"begincmap" not in stream:
            continue
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                table[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
            for low, high, start in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
            ):
                first = int(start, 16)
                for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                    table[code] = chr(first + offset)
    return table


_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _literal_strings(content: bytes):
    """The (…) strings of Tj/TJ operators, escapes resolved, in order."""
    i, n = 0, len(content)
    while i < n:
        if content[i : i + 1] != b"(":
            i += 1
            continue
        depth, i, out = 1, i + 1, bytearray()
        while i < n and depth:
            ch = content[i : i + 1]
            if ch == b"\\":
                nxt = content[i + 1 : i + 2]
                if nxt in _ESCAPES:
                    out += _ESCAPES[nxt]
                    i += 2
                elif nxt.isdigit():
                    digits = re.match(rb"[0-7]{1,3}", content[i + 1 : i + 4]).group(0)
                    out.append(int(digits, 8))
                    i += 1 + len(digits)
                else:
                    out += nxt
                    i += 2
                continue
            if ch == b"(":
                depth += 1
            elif ch == b")":
                depth -= 1
                if not depth:
                    i += 1
                    break
            out += ch
            i += 1
        yield bytes(out)


def extract_text(data: bytes) -> str:
    """The document's text, one line per text object (BT … ET)."""
    assert data.startswith(b"%PDF-"), "not a PDF"
    streams = list(_streams(data))
    cmap = _to_unicode(streams)
    lines = []
    for stream in streams:
        if b"BT" not in stream or b"begincmap" in stream:
            continue
        for block in re.findall(rb"BT(.*?)ET", stream, re.S):
            parts = []
            for raw in _literal_strings(block):
                if cmap:
                    codes = [int.from_bytes(raw[k : k + 2], "big") for k in range(0, len(raw), 2)]
                    parts.append("".join(cmap.get(code, "\ufffd") for code in codes))
                else:
                    parts.append(raw.decode("latin-1"))
            if parts:
                lines.append("".join(parts))
    return "\n".join(lines)

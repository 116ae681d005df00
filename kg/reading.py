"""Stage 0: find input files, decode them, attach manifest metadata.

Encodings are detected with charset-normalizer, never guessed from the extension; a
file that cannot be read becomes a :class:`~kg.records.Problem` naming the file and the
reason, and the batch goes on.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from .records import Problem, SourceDoc

__all__ = ["ManifestEntry", "DEFAULT_MAX_BYTES", "discover", "read_manifest", "decode", "read_source", "ReadError"]

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".htm", ".html", ""}
MANIFEST_NAMES = {"manifest.csv", "manifest.jsonl"}


class ReadError(Exception):
    """A file that cannot be turned into text; the message says why."""


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    file: str
    url: str | None = None
    published: date | None = None
    source: str | None = None


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders into a sorted list of input files (manifests excluded)."""
    found: set[Path] = set()
    problems: list[Problem] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in p.rglob("*"):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES and f.name not in MANIFEST_NAMES \
                        and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    found.add(f)
        elif p.is_file():
            found.add(p)
        else:
            problems.append(Problem(str(p), "no such file or folder"))
    # by base name, then path: output must not depend on the order paths were given
    ordered = sorted(found, key=lambda f: (f.name, str(f)))
    files, dup_problems = _unique_names(ordered)
    return files, problems + dup_problems


def _unique_names(files: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Keep one file per base name: the base name identifies a file's articles in the graph.

    The same file reached twice (two spellings of its path, or a copy) is read once; a
    different file with a name already taken is refused rather than merged into the other's
    articles.
    """
    kept: dict[str, Path] = {}
    resolved: set[Path] = set()
    out: list[Path] = []
    problems: list[Problem] = []
    for f in files:
        real = f.resolve()
        if real in resolved:
            continue  # the same file named twice on the command line or by overlapping folders
        first = kept.get(f.name)
        if first is None:
            kept[f.name] = f
            resolved.add(real)
            out.append(f)
        elif _same_content(first, f):
            problems.append(Problem(str(f), f"same content as {first}; read once", fatal=False))
        else:
            problems.append(Problem(str(f), f"another input file has the same name ({first}); file names identify "
                                             "articles in the graph, so rename one"))
    return out, problems


def _same_content(a: Path, b: Path, block: int = 1 << 20) -> bool:
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        with open(a, "rb") as fa, open(b, "rb") as fb:
            while True:
                x, y = fa.read(block), fb.read(block)
                if x != y:
                    return False
                if not x:
                    return True
    except OSError:
        return False


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    value = value.strip()[:10].replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def read_manifest(path: str | Path) -> dict[str, ManifestEntry]:
    """Read a CSV or JSONL manifest (columns/keys: file, url, published, source), keyed by base name."""
    path = Path(path)
    rows: list[dict[str, str]]
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".jsonl":
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    else:
        rows = list(csv.DictReader(text.splitlines()))
    out: dict[str, ManifestEntry] = {}
    for row in rows:
        if not row.get("file"):
            continue
        name = Path(str(row["file"])).name
        out[name] = ManifestEntry(name, row.get("url") or None, _parse_date(row.get("published")),
                                  row.get("source") or None)
    return out


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# charset-normalizer names a GBK superset family; GB18030 decodes all of them
_PROMOTE = {"gb2312": "gb18030", "gbk": "gb18030", "hz": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes to text; returns ``(text, encoding)`` or raises :class:`ReadError`."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                if enc == "utf-32" and data.startswith(codecs.BOM_UTF16_LE):
                    continue  # FF FE 00 00 is also UTF-16 text starting with U+0000
                raise ReadError(f"{enc} byte-order mark but invalid {enc} at byte {e.start}") from None
            if enc == "utf-32" and not text:
                continue  # the same ambiguity: nothing after a UTF-32 mark, so read it as UTF-16
            return text, enc
    # NUL bytes are valid UTF-8 but no text file has them: UTF-16 is tried first then
    utf16 = _utf16_without_bom(data) if b"\x00" in data[:4096] else None
    if utf16 is not None:
        return utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    else:
        if _mostly_binary(text):
            raise ReadError("binary data, not text")
        return text, "utf-8"
    if utf8_error.reason == "unexpected end of data" and utf8_error.start > len(data) - 4:
        # valid UTF-8 cut in the middle of its last character: keep what is there (checked
        # before guessing, which could take the whole file for another encoding)
        return data[:utf8_error.start].decode("utf-8"), "utf-8"
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    best = from_bytes(data, cp_isolation=["gb18030", "big5", "big5hkscs", "utf_16", "utf_8"], explain=False).best()
    if best is None or best.encoding is None:
        # (charset-normalizer gives up on some pages whose own mojibake is most of a short text)
        strict = _strict_chinese(data)
        if strict is None:
            raise ReadError(f"not text in any supported encoding (invalid UTF-8 at byte {utf8_error.start})")
        return strict
    enc = _PROMOTE.get(best.encoding.replace("_", "").lower(), best.encoding)
    text = data.decode(enc, errors="replace")
    # bytes that do not decode, each one U+FFFD here and nothing when ignored (a page's own mojibake
    # may hold U+FFFD as a character, which GB18030 encodes: that is text)
    undecodable = len(text) - len(data.decode(enc, errors="ignore"))
    if undecodable > max(8, len(text) // 200) or _mostly_binary(text):
        raise ReadError("binary data, not text")
    return text, enc


# what Chinese text in UTF-16 decodes to: CJK ideographs (BMP and beyond), ASCII, CJK and full-width punctuation
_PLAUSIBLE = re.compile("[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff"
                        "\uff00-\uffef\U00020000-\U0003134f]")


def _plausible_share(text: str) -> float:
    """The share of the first 4096 characters of ``text`` that Chinese text is made of."""
    sample = text[:4096]
    return len(_PLAUSIBLE.findall(sample)) / len(sample) if sample else 0.0


def _strict_chinese(data: bytes) -> tuple[str, str] | None:
    """``data`` as GB18030 or Big5-HKSCS when one decodes it without an error to plausible text."""
    for enc in ("gb18030", "big5hkscs"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible_share(text) >= 0.9 and not _mostly_binary(text):
            return text, enc
    return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 with no byte-order mark, when one byte order decodes to plausible text.

    Chinese text in UTF-16 has few NUL bytes (only its ASCII has them), so the byte order is
    judged by what each decodes to: GB18030 or Big5 bytes read as UTF-16 give Hangul, Yi,
    private-use characters or invalid surrogates, never mostly CJK ideographs.
    """
    if len(data) < 4:
        return None
    even = data[: len(data) - len(data) % 2]
    # ASCII in UTF-16 puts its NULs on one side: that settles the byte order (both orders of
    # ASCII decode to plausible CJK ideographs)
    nul_even, nul_odd = data[0:4096:2].count(0), data[1:4096:2].count(0)
    orders = ("utf-16-le", "utf-16-be")
    if max(nul_even, nul_odd) > len(data[:4096]) // 16 and nul_even != nul_odd:
        orders = ("utf-16-be",) if nul_even > nul_odd else ("utf-16-le",)
    best: tuple[float, str, str] | None = None
    for enc in orders:
        try:
            text = even.decode(enc)
        except UnicodeDecodeError:
            continue
        share = _plausible_share(text)
        if share >= 0.9 and (best is None or share > best[0]):
            best = (share, text, enc)
    return (best[1], best[2]) if best else None


# control characters other than \t \n \f \r, and the private-use area: what binary data decodes to
_BINARY = re.compile("[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff]")


def _mostly_binary(text: str) -> bool:
    sample = text[:4096]
    return len(_BINARY.findall(sample)) > len(sample) // 20


def read_source(path: Path, manifest: dict[str, ManifestEntry] | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDoc:
    """Read and decode one file; raises :class:`ReadError` with the reason."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ReadError(e.strerror or str(e)) from None
    if size > max_bytes:
        raise ReadError(f"file of {size} bytes exceeds the limit of {max_bytes} bytes (--max-bytes)")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(e.strerror or str(e)) from None
    text, enc = decode(data, path.name)
    entry = (manifest or {}).get(path.name)
    return SourceDoc(str(path), path.name, text, enc,
                     url=entry.url if entry else None,
                     published=entry.published if entry else None,
                     publisher=entry.source if entry else None)


def iter_sources(files: Iterable[Path], manifest: dict[str, ManifestEntry] | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceDoc | Problem]:
    """Yield a SourceDoc or a Problem per file, in order."""
    for f in files:
        try:
            yield read_source(f, manifest, max_bytes)
        except ReadError as e:
            yield Problem(f.name, str(e))

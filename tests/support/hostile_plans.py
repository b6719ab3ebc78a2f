"""Generators of the hostile plan files of issue #19 (built in code, never committed as binaries):
small files that cost a reader minutes of CPU or hundreds of MB."""

from __future__ import annotations

import functools
import io
import zipfile
import zlib

import docx


def _docx_bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rewrite(data: bytes, changes: dict[str, bytes]) -> bytes:
    """The .docx `data` with some of its parts replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            target.writestr(item.filename, changes.get(item.filename, source.read(item.filename)))
    return out.getvalue()


@functools.cache  # built once per process: the same bytes each time (~0.9 s for all)
def many_styles_docx(styles: int = 20_000, paragraphs: int = 3_000) -> bytes:
    """A .docx with `styles` extra paragraph styles and `paragraphs` paragraphs, each naming the
    last style: python-docx finds a paragraph's style by scanning every style (~140 KB)."""
    document = docx.Document()
    for i in range(paragraphs):
        document.add_paragraph(f"Đoạn {i} của kế hoạch truyền thông.")
    data = _docx_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/styles.xml").decode()
        body = z.read("word/document.xml").decode()
    extra = "".join(f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="S{i}">'
                    f'<w:name w:val="Kiểu {i}"/></w:style>' for i in range(styles))
    xml = xml.replace("</w:styles>", extra + "</w:styles>")
    last = f'<w:p><w:pPr><w:pStyle w:val="S{styles - 1}"/></w:pPr>'
    body = body.replace("<w:p>", last)
    return _rewrite(data, {"word/styles.xml": xml.encode(), "word/document.xml": body.encode()})


@functools.cache
def million_paragraphs_docx(paragraphs: int = 1_000_000) -> bytes:
    """A .docx of `paragraphs` empty paragraphs (~135 KB zipped, ~7 MB of XML)."""
    data = _docx_bytes(docx.Document())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
    start = body.index("<w:body>") + len("<w:body>")
    body = body[:start] + "<w:p/>" * paragraphs + body[start:]
    return _rewrite(data, {"word/document.xml": body.encode()})


@functools.cache
def shared_stream_pdf(pages: int = 20, operators: int = 100_000) -> bytes:
    """A PDF of a few KB whose `pages` pages all draw one content stream of `operators` text
    operators: a text extractor parses the whole stream once per page."""
    stream = zlib.compress(b"BT /F1 1 Tf " + b"1 0 Td " * operators + b"(a) Tj ET", 9)
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n"
        + stream + b"\nendstream",
        *(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
          b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>"
          for _ in range(pages)),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            ).encode()
    return bytes(out)


HOSTILE = {
    "kieu.docx": many_styles_docx,
    "trieu-doan.docx": million_paragraphs_docx,
    "luong-chung.pdf": shared_stream_pdf,
}

"""Test PDFs drawn with reportlab (a test dependency; tests using it skip without it)."""

from __future__ import annotations

import io

import pytest


def draw_pdf(pages: list[list[str]], font: str = "HeiseiMin-W3", size: float = 10.5,
             left: int = 60, top: int = 790, leading: int = 18) -> bytes:
    """A PDF with one line of Japanese text per string, page by page, drawn at a fixed width
    as Word prints them, in a standard CID font (no font file needed)."""
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(font))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for lines in pages:
        pdf.setFont(font, size)
        for row, line in enumerate(lines):
            pdf.drawString(left, top - leading * row, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()

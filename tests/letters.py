"""Letter files for tests: a real one-page PDF made with pypdf, and things that only pretend to be one."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name: str = "surat-pengantar.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def text_named_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("surat.pdf", b"Ini surat biasa, bukan PDF.\n", content_type="application/pdf")


def broken_pdf() -> SimpleUploadedFile:
    """Starts like a PDF but does not parse."""
    return SimpleUploadedFile("rusak.pdf", b"%PDF-1.7\n1 0 obj<<>>\n%%EOF", content_type="application/pdf")

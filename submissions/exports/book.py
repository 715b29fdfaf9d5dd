"""The book: a cover, the lampiran heading, a table of contents by OPD, the standards one after the
other (each from a new page), page numbers through the book, and the signature block at the end.

What goes into a book comes from a `BookSource`: its title, the lampiran's data (the decree), its
standards in order and the file's name. `EffectiveStandards` is the source for "every standard in
force of an instansi or OPD"; a decree's and a consultation package's books are the sources in
`workflow.books` (they read workflow's models).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from django.db.models import QuerySet, prefetch_related_objects
from django.utils.text import slugify

from submissions.exports.content import RELATIONS, StandardView, indonesian_date, load, standard_view
from submissions.exports.text import printable
from submissions.exports.verification import verification_for
from submissions.models import CONTENT_SETS, OPD, Instansi, InstansiKind, Submission
from workflow.machine import State

Progress = Callable[[int, int], None]
DOTS = ".............................."
# The head of region who enacts the standards (DOMAIN.md, PPK), by the kind of instansi.
PPK_OFFICE = {
    InstansiKind.KABUPATEN: "BUPATI",
    InstansiKind.KOTA: "WALI KOTA",
    InstansiKind.PROVINSI: "GUBERNUR",
}
_PREFIXES = ("Pemerintah Kabupaten ", "Pemerintah Kota ", "Pemerintah Provinsi ", "Pemerintah ")


@dataclass(frozen=True)
class Lampiran:
    """The decree the book is the attachment of; unknown parts print as dotted lines to be filled in."""

    office: str  # the PPK's office: "WALI KOTA MADIUN"
    number: str
    date: datetime.date | None
    subject: str  # "STANDAR KOMPETENSI JABATAN DI LINGKUNGAN PEMERINTAH KOTA MADIUN"
    signer: str = ""
    decree_kind: str = "KEPUTUSAN"
    signer_office: str = ""  # the signature's office when it is not the PPK's own ("SEKRETARIS DAERAH")

    @property
    def signature_office(self) -> str:
        return self.signer_office or self.office

    @property
    def heading(self) -> tuple[tuple[str, str], ...]:
        """The block at the head of the lampiran, label and value, as the decree's attachment has it."""
        return (
            ("LAMPIRAN", f"{self.decree_kind} {self.office}"),
            ("NOMOR", self.number or DOTS),
            ("TANGGAL", indonesian_date(self.date).upper() if self.date else DOTS),
            ("TENTANG", self.subject),
        )

    @property
    def sentence(self) -> str:
        """The heading in one line: LAMPIRAN KEPUTUSAN BUPATI X NOMOR ... TANGGAL ... TENTANG ..."""
        return " ".join(f"{label} {value}" for label, value in self.heading)


class BookSource(Protocol):
    def title(self) -> tuple[str, ...]: ...

    def lampiran(self) -> Lampiran: ...

    def standards(self) -> QuerySet[Submission]: ...

    def filename_stem(self) -> str: ...


@dataclass(frozen=True)
class TocEntry:
    anchor: int
    name: str


@dataclass(frozen=True)
class TocGroup:
    opd: str
    entries: tuple[TocEntry, ...]


@dataclass(frozen=True)
class BookFrame:
    """Everything in a book but the standards themselves, which are arranged one at a time."""

    title: tuple[str, ...]
    lampiran: Lampiran
    toc: tuple[TocGroup, ...]
    count: int


def region_name(instansi: Instansi) -> str:
    for prefix in _PREFIXES:
        if instansi.name.startswith(prefix):
            return instansi.name[len(prefix) :]
    return instansi.name


def ppk_office(instansi: Instansi) -> str:
    return f"{PPK_OFFICE[InstansiKind(instansi.kind)]} {region_name(instansi).upper()}"


class EffectiveStandards:
    """Every standard in force (approved) of an instansi, or of one OPD of it, by OPD then position."""

    def __init__(self, instansi: Instansi, opd: OPD | None = None) -> None:
        self.instansi = instansi
        self.opd = opd

    def title(self) -> tuple[str, ...]:
        lines = ["STANDAR KOMPETENSI JABATAN", f"DI LINGKUNGAN {self.instansi.name.upper()}"]
        if self.opd is not None:
            lines.append(self.opd.name.upper())
        return tuple(printable(line) for line in lines)

    def lampiran(self) -> Lampiran:
        # One decree enacting every standard of the book: its number and date; else dotted lines.
        fields = ("enactment__decree__kind", "enactment__decree__number", "enactment__decree__date")
        decrees = set(self.standards().values_list(*fields).distinct()[:2])
        kind, number, date = decrees.pop() if len(decrees) == 1 else (None, None, None)
        return Lampiran(
            office=ppk_office(self.instansi),
            number=printable(number or ""),
            date=date,
            subject=" ".join(self.title()),
            decree_kind=(kind or "keputusan").upper(),
        )

    def standards(self) -> QuerySet[Submission]:
        queryset = Submission.objects.filter(state=State.APPROVED, instansi=self.instansi)
        if self.opd is not None:
            queryset = queryset.filter(position__opd=self.opd)
        return queryset.order_by("position__opd__name", "position__name", "position__sub_unit", "pk")

    def filename_stem(self) -> str:
        scope = self.opd.name if self.opd is not None else self.instansi.name
        return f"Buku-SKJ-{slugify(scope)[:60] or 'instansi'}"


def frame_of(source: BookSource) -> BookFrame:
    rows = source.standards().values_list("position__opd__name", "position__name")
    groups: dict[str, list[TocEntry]] = {}
    for anchor, (opd, name) in enumerate(rows, start=1):
        groups.setdefault(printable(opd), []).append(TocEntry(anchor, printable(name)))
    toc = tuple(TocGroup(opd, tuple(entries)) for opd, entries in groups.items())
    return BookFrame(
        title=source.title(),
        lampiran=source.lampiran(),
        toc=toc,
        count=sum(len(group.entries) for group in toc),
    )


CHUNK = 50


def standard_views(source: BookSource, progress: Progress | None = None) -> Iterator[StandardView]:
    """The book's standards arranged one by one, fetched in chunks so memory stays flat."""
    related = ("position__opd__instansi", "verification", "enactment__decree", *CONTENT_SETS)
    queryset = source.standards().select_related(*related)
    total = queryset.count()
    done = 0
    for chunk_start in range(0, total, CHUNK):
        chunk = list(queryset[chunk_start : chunk_start + CHUNK])
        prefetch_related_objects(chunk, *RELATIONS)
        for submission in chunk:
            loaded = load(submission)
            yield standard_view(loaded, verification_for(loaded))
            done += 1
            if progress is not None:
                progress(done, total)

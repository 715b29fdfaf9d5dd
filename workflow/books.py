"""The books of a decree and of a consultation package: two more `BookSource`s for the book renderers.

They live here, not in `submissions.exports.book`, because they read workflow's models (a decree,
a package); the renderers only see the protocol's three methods.

- A decree's book is its lampiran: the versions it enacted, headed by its own kind, head of region,
  number, date and title, signed by its signatory (office and name as recorded).
- A package's book is what goes to KemenPAN-RB with the cover letter: every standard in it, headed
  by the cover letter's number and date (dotted lines while the package is a draft). There is no
  decree yet, so nothing in it claims one.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.text import slugify

from submissions.exports.book import Lampiran, ppk_office, region_name
from submissions.exports.text import printable
from submissions.models import Submission
from workflow.models import ConsultationPackage, Decree, PackageItem

ORDER = ("position__opd__name", "position__name", "position__sub_unit", "pk")
PACKAGE_LINE = "USULAN KONSULTASI KEPADA KEMENTERIAN PAN DAN RB"


def _instansi_line(name: str) -> str:
    return printable(f"DI LINGKUNGAN {name.upper()}")


class DecreeBook:
    """The lampiran of one enactment decree: the standards it enacted, by OPD then position."""

    def __init__(self, decree: Decree) -> None:
        self.decree = decree

    def title(self) -> tuple[str, ...]:
        instansi = self.decree.instansi
        return ("STANDAR KOMPETENSI JABATAN", _instansi_line(instansi.name))

    def lampiran(self) -> Lampiran:
        decree = self.decree
        office = f"{decree.get_head_display()} {region_name(decree.instansi)}".upper()
        return Lampiran(
            office=printable(office),
            number=printable(decree.number),
            date=decree.date,
            subject=printable(decree.title.upper()),
            signer=printable(decree.signatory_name),
            signer_office=printable(decree.signatory_office.upper()),
            decree_kind=decree.kind.upper(),
        )

    def standards(self) -> QuerySet[Submission]:
        enacted: QuerySet[Submission] = Submission.objects.filter(enactment__decree=self.decree)
        return enacted.order_by(*ORDER)

    def filename_stem(self) -> str:
        # "188.45/12/2026" keeps its parts apart: slugify alone would run them together.
        number = self.decree.number.replace("/", "-").replace(".", "-")
        return f"Lampiran-SKJ-{slugify(number)[:60] or self.decree.pk}"


class PackageBook:
    """A consultation package as a book: its standards, under the cover letter's number and date."""

    def __init__(self, package: ConsultationPackage) -> None:
        self.package = package

    def title(self) -> tuple[str, ...]:
        package = self.package
        return (
            "STANDAR KOMPETENSI JABATAN",
            PACKAGE_LINE,
            printable(package.title.upper()),
            _instansi_line(package.instansi.name),
        )

    def lampiran(self) -> Lampiran:
        package = self.package
        return Lampiran(
            office=ppk_office(package.instansi),
            number=printable(package.cover_letter_number),
            date=package.cover_letter_date,
            subject=printable(f"{PACKAGE_LINE} {package.title.upper()}"),
            decree_kind="SURAT",
        )

    def standards(self) -> QuerySet[Submission]:
        # By subquery rather than a join, so a standard listed twice is still one chapter.
        items = PackageItem.objects.filter(package=self.package).values("submission")
        listed: QuerySet[Submission] = Submission.objects.filter(pk__in=items)
        return listed.order_by(*ORDER)

    def filename_stem(self) -> str:
        return f"Paket-SKJ-{slugify(self.package.title)[:60] or self.package.pk}"

"""The texts of dictionary levels as documents use them, stored once and never changed.

A competency row used to copy its code, name, description and indicators; a million documents
held ten million copies of a few hundred texts. A row now points at a `LevelText`: content-addressed
(the digest of its four parts is unique), so every document using the same wording shares one row,
and append-only, so editing the dictionary (or a row in the editor) makes a new text and every
document keeps reading the one it was written, reviewed and approved with.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CHANGE_REFUSED = "Teks kamus yang sudah dipakai dokumen tidak dapat diubah; simpan teks baru."
DELETE_REFUSED = "Teks kamus yang sudah dipakai dokumen tidak dapat dihapus."


def canonical_digest(value: object) -> str:
    """sha256 of `value` as compact JSON, non-ASCII kept as is: what content-addressed rows are keyed by."""
    canonical = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def text_digest(code: str, name: str, description: str, indicators: Sequence[str]) -> str:
    """The digest of the four parts (migration 0012 keeps a frozen copy of this)."""
    return canonical_digest([code, name, description, list(indicators)])


@dataclass(frozen=True)
class Wording:
    """A level's four texts before they are stored: what a row is built from."""

    code: str
    name: str
    description: str
    indicators: tuple[str, ...] = ()

    @property
    def digest(self) -> str:
        return text_digest(self.code, self.name, self.description, self.indicators)


class LevelTextQuerySet(models.QuerySet["LevelText"]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError(CHANGE_REFUSED)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError(DELETE_REFUSED)


class LevelText(models.Model):
    """One wording of a competency at a level; append-only (on PostgreSQL a trigger enforces it)."""

    digest = models.CharField(_("sidik isi"), max_length=64, unique=True, editable=False)
    code = models.CharField(_("kode"), max_length=30, blank=True, editable=False)
    name = models.CharField(_("nama kompetensi"), max_length=255, editable=False)
    description = models.TextField(_("deskripsi"), blank=True, editable=False)
    indicators = models.JSONField(_("indikator kompetensi"), default=list, blank=True, editable=False)

    objects = LevelTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("teks level kompetensi")
        verbose_name_plural = pgettext_lazy("plural", "teks level kompetensi")

    def __str__(self) -> str:
        return f"{self.code or '-'} {self.name}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError(CHANGE_REFUSED)
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError(DELETE_REFUSED)


def level_texts(wordings: Iterable[Wording]) -> dict[str, LevelText]:
    """The stored text of each wording, by digest; the missing ones are inserted first.

    Safe when two transactions store the same new wording at once: the unique digest makes the
    second INSERT wait for the first and then skip its row (ON CONFLICT DO NOTHING), and the SELECT
    that follows, a new statement under READ COMMITTED, sees the committed row. Inserting in digest
    order keeps two such transactions from waiting on each other in opposite orders.
    """
    wanted = {wording.digest: wording for wording in wordings}
    if not wanted:
        return {}
    found = LevelText.objects.in_bulk(list(wanted), field_name="digest")
    missing = sorted(digest for digest in wanted if digest not in found)
    if missing:
        LevelText.objects.bulk_create(
            [_new_text(digest, wanted[digest]) for digest in missing], ignore_conflicts=True
        )
        found |= LevelText.objects.in_bulk(missing, field_name="digest")
    return found


def level_text_for(*, code: str, name: str, description: str, indicators: Sequence[str]) -> LevelText:
    """The one stored text with exactly these parts (made if no document used them before)."""
    wording = Wording(code, name, description, tuple(indicators))
    return level_texts([wording])[wording.digest]


def _new_text(digest: str, wording: Wording) -> LevelText:
    return LevelText(
        digest=digest,
        code=wording.code,
        name=wording.name,
        description=wording.description,
        indicators=list(wording.indicators),
    )

"""Writes the demo dictionary (national and per-instansi technical) into the database."""

from __future__ import annotations

from demo.dictionary import NATIONAL_DICTIONARY, TECHNICAL_DICTIONARY
from demo.loading import ensure
from demo.types import CompetencyText
from submissions.models import Competency, CompetencyLevel, Instansi


def load_dictionary() -> None:
    for text in NATIONAL_DICTIONARY:
        _load_competency(text, None)
    for instansi_name, texts in TECHNICAL_DICTIONARY.items():
        instansi = Instansi.objects.get(name=instansi_name)
        for text in texts:
            _load_competency(text, instansi)


def _load_competency(text: CompetencyText, instansi: Instansi | None) -> Competency:
    competency = ensure(
        Competency,
        {"code": text.code, "instansi": instansi},
        {"name": text.name, "group": text.group, "definition": text.definition},
    )
    for number, level in enumerate(text.levels, start=1):
        ensure(
            CompetencyLevel,
            {"competency": competency, "level": number},
            {"description": level.description, "indicators": list(level.indicators)},
        )
    return competency

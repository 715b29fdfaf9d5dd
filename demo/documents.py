"""Valid content for a demo standard: summary, competency rows and requirement rows, by kind of position.

Rows are given by code and level, so the workflow fills names, descriptions and indicators from the
dictionary, exactly as the API does for a drafter.
"""

from __future__ import annotations

from typing import Any

from submissions.models import (
    CompetencyGroup,
    FunctionalRank,
    Importance,
    Position,
    PositionKind,
    RequirementSection,
)
from submissions.validity import MANAGERIAL_CODES, SOCIOCULTURAL_CODES, minimum_rule_for

K = PositionKind
R = FunctionalRank

# Technical competencies of the demo dictionary, by the OPD's short name.
TECHNICAL_BY_OPD = {
    "Dinkes": ("T.KES.01", "T.KES.02"),
    "Disdik": ("T.DIK.01", "T.DIK.02"),
    "Dishub": ("T.HUB.01", "T.HUB.02"),
}
OFFICE_COMPETENCY = "T.ADM.01"

EDUCATION: dict[str, str] = {
    K.JPT_PRATAMA: "S-2",
    K.ADMINISTRATOR: "S-1/D-IV",
    K.PENGAWAS: "S-1/D-IV",
    K.PELAKSANA: "SLTA/D-III",
}
RANK: dict[str, str] = {
    K.JPT_PRATAMA: "Pembina Utama Muda, IV/c",
    K.ADMINISTRATOR: "Pembina, IV/a",
    K.PENGAWAS: "Penata Tingkat I, III/d",
    K.PELAKSANA: "Pengatur, II/c",
    R.AHLI_MADYA: "Pembina Tingkat I, IV/b",
    R.AHLI_MUDA: "Penata, III/c",
    R.AHLI_PERTAMA: "Penata Muda, III/a",
    R.PENYELIA: "Penata, III/c",
    R.TERAMPIL: "Pengatur, II/c",
    R.PEMULA: "Pengatur Muda, II/a",
}
SKILLED_RANKS = (R.PENYELIA, R.MAHIR, R.TERAMPIL, R.PEMULA)


def demo_content(position: Position, opd_short_name: str) -> dict[str, Any]:
    return {
        "summary": summary_for(position),
        "competencies": competencies_for(position, opd_short_name),
        "requirements": requirements_for(position),
    }


def summary_for(position: Position) -> str:
    unit = position.sub_unit or position.opd.name
    texts: dict[str, str] = {
        K.JPT_PRATAMA: (
            f"Memimpin penyelenggaraan urusan pemerintahan pada {position.opd.name}, merumuskan kebijakan "
            "teknis, serta membina dan mengendalikan pelaksanaan program agar sasaran strategis tercapai."
        ),
        K.ADMINISTRATOR: (
            f"Memimpin dan mengoordinasikan pelaksanaan program pada {unit} serta mengendalikan "
            "anggaran dan sumber daya agar kegiatan selesai tepat waktu dan tepat sasaran."
        ),
        K.PENGAWAS: (
            f"Menyusun rencana kerja {unit}, membagi tugas, mengawasi pelaksanaan kegiatan, "
            "dan mengevaluasi hasil kerja pelaksana agar sesuai standar."
        ),
        K.PELAKSANA: (
            f"Melaksanakan kegiatan {position.name.lower()} pada {unit}, meliputi pencatatan, "
            "pengolahan, dan pelaporan data sesuai prosedur yang berlaku."
        ),
    }
    default = (
        f"Melaksanakan kegiatan jabatan fungsional {position.name} jenjang {position.get_rank_display()} "
        f"pada {position.opd.name} sesuai butir kegiatan dan target kinerja yang ditetapkan."
    )
    return texts.get(position.kind, default)


def competencies_for(position: Position, opd_short_name: str) -> list[dict[str, Any]]:
    rule = minimum_rule_for(position)
    level = rule.level if rule else 1
    rows: list[dict[str, Any]] = [
        {"group": CompetencyGroup.MANAGERIAL, "code": code, "level": level} for code in MANAGERIAL_CODES
    ]
    rows += [
        {"group": CompetencyGroup.SOCIOCULTURAL, "code": code, "level": level} for code in SOCIOCULTURAL_CODES
    ]
    technical_level = min(level + 1, 5)
    if position.kind == K.PELAKSANA or opd_short_name not in TECHNICAL_BY_OPD:
        codes: tuple[str, ...] = (OFFICE_COMPETENCY,)
    elif position.kind == K.FUNGSIONAL:
        codes = TECHNICAL_BY_OPD[opd_short_name][:1]
    else:
        codes = TECHNICAL_BY_OPD[opd_short_name]
    rows += [{"group": CompetencyGroup.TECHNICAL, "code": code, "level": technical_level} for code in codes]
    return rows


def requirements_for(position: Position) -> list[dict[str, Any]]:
    skilled = position.rank in SKILLED_RANKS
    education = EDUCATION.get(position.kind, "D-III" if skilled else "S-1/D-IV")
    field = ", ".join(urusan.name for urusan in position.urusan.all()) or "Administrasi Publik"
    rows = [
        (RequirementSection.EDUCATION_LEVEL, education, Importance.MUTLAK),
        (
            RequirementSection.FIELD_OF_STUDY,
            f"Bidang ilmu yang relevan dengan urusan {field}",
            Importance.PENTING,
        ),
        (RequirementSection.TRAINING_TECHNICAL, f"Pelatihan teknis {field}", Importance.PENTING),
        (
            RequirementSection.EXPERIENCE,
            f"Pengalaman di bidang {field} paling singkat 2 tahun",
            Importance.PERLU,
        ),
        (
            RequirementSection.RANK,
            RANK.get(position.rank or position.kind, "Penata Muda, III/a"),
            Importance.MUTLAK,
        ),
        (
            RequirementSection.PERFORMANCE_INDICATOR,
            "Persentase kegiatan unit yang selesai sesuai rencana",
            Importance.PENTING,
        ),
    ]
    if position.kind in (K.JPT_PRATAMA, K.ADMINISTRATOR, K.PENGAWAS):
        training: dict[str, str] = {
            K.JPT_PRATAMA: "Pelatihan Kepemimpinan Nasional Tingkat II",
            K.ADMINISTRATOR: ("Pelatihan Kepemimpinan Administrator"),
            K.PENGAWAS: "Pelatihan Kepemimpinan Pengawas",
        }
        rows.insert(2, (RequirementSection.TRAINING_MANAGERIAL, training[position.kind], Importance.MUTLAK))
    if position.kind == K.FUNGSIONAL:
        rows.insert(
            2,
            (
                RequirementSection.TRAINING_FUNCTIONAL,
                f"Pelatihan fungsional {position.name} jenjang {position.get_rank_display()}",
                Importance.MUTLAK,
            ),
        )
    return [
        {"section": section, "text": text, "importance": importance} for section, text, importance in rows
    ]

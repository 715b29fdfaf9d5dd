"""The choices of a requirement row, below both the document and its checks (submissions.validity)."""

from __future__ import annotations

from django.db import models


class Importance(models.TextChoices):
    MUTLAK = "mutlak", "Mutlak"
    PENTING = "penting", "Penting"
    PERLU = "perlu", "Perlu"


class RequirementSection(models.TextChoices):
    EDUCATION_LEVEL = "education_level", "Pendidikan: jenjang"
    FIELD_OF_STUDY = "field_of_study", "Pendidikan: bidang ilmu"
    TRAINING_MANAGERIAL = "training_managerial", "Pelatihan manajerial"
    TRAINING_TECHNICAL = "training_technical", "Pelatihan teknis"
    TRAINING_FUNCTIONAL = "training_functional", "Pelatihan fungsional"
    EXPERIENCE = "experience", "Pengalaman kerja"
    RANK = "rank", "Pangkat"
    PERFORMANCE_INDICATOR = "performance_indicator", "Indikator kinerja jabatan"

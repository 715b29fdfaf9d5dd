"""The choices of a requirement row, below both the document and its checks (submissions.validity)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_noop


class Importance(models.TextChoices):
    MUTLAK = "mutlak", gettext_noop("Mutlak")
    PENTING = "penting", gettext_noop("Penting")
    PERLU = "perlu", gettext_noop("Perlu")


class RequirementSection(models.TextChoices):
    EDUCATION_LEVEL = "education_level", gettext_noop("Pendidikan: jenjang")
    FIELD_OF_STUDY = "field_of_study", gettext_noop("Pendidikan: bidang ilmu")
    TRAINING_MANAGERIAL = "training_managerial", gettext_noop("Pelatihan manajerial")
    TRAINING_TECHNICAL = "training_technical", gettext_noop("Pelatihan teknis")
    TRAINING_FUNCTIONAL = "training_functional", gettext_noop("Pelatihan fungsional")
    EXPERIENCE = "experience", gettext_noop("Pengalaman kerja")
    RANK = "rank", gettext_noop("Pangkat")
    PERFORMANCE_INDICATOR = "performance_indicator", gettext_noop("Indikator kinerja jabatan")

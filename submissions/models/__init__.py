from submissions.models.content_sets import (
    CompetencyRow,
    CompetencySet,
    RequirementRow,
    RequirementSet,
    rows_digest,
    stored_set,
)
from submissions.models.dictionary import Competency, CompetencyGroup, CompetencyLevel, MinimumLevel
from submissions.models.documents import CONTENT_ROWS, CONTENT_SETS, Submission
from submissions.models.exports import (
    ExportFormat,
    ExportJob,
    ExportKind,
    ExportStatus,
    Orientation,
    VerificationCode,
)
from submissions.models.imports import ImportBatch, ImportKind
from submissions.models.organisation import OPD, Instansi, InstansiKind, TimeZone
from submissions.models.positions import FunctionalRank, Position, PositionKind, Urusan
from submissions.models.requirements import Importance, RequirementSection
from submissions.models.roles import ActingKind, Role, RoleAssignment
from submissions.models.texts import LevelText, Wording, level_text_for, level_texts

__all__ = [
    "CONTENT_ROWS",
    "CONTENT_SETS",
    "OPD",
    "ActingKind",
    "Competency",
    "CompetencyGroup",
    "CompetencyLevel",
    "CompetencyRow",
    "CompetencySet",
    "ExportFormat",
    "ExportJob",
    "ExportKind",
    "ExportStatus",
    "FunctionalRank",
    "ImportBatch",
    "ImportKind",
    "Importance",
    "Instansi",
    "InstansiKind",
    "LevelText",
    "MinimumLevel",
    "Orientation",
    "Position",
    "PositionKind",
    "RequirementRow",
    "RequirementSection",
    "RequirementSet",
    "Role",
    "RoleAssignment",
    "Submission",
    "TimeZone",
    "Urusan",
    "VerificationCode",
    "Wording",
    "level_text_for",
    "level_texts",
    "rows_digest",
    "stored_set",
]

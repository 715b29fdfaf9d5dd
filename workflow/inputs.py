"""What a transition may ask of the user, declared once: the service's check (`workflow.rules`), the
API's serializer and the page's form all read their limits, labels and sentences from here.

Sentences and labels are Indonesian, marked with `gettext_noop`: the API answers in Indonesian, and
the page's form translates them (the English catalogue carries them).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

from workflow.machine import Input

# The columns of the transition log that keep these inputs (workflow.models.TransitionLog): a longer
# text must be refused, not fail inside PostgreSQL. The comment is a TextField; 5,000 is our limit.
COMMENT_MAX_LENGTH = 5_000
REASON_CODE_MAX_LENGTH = 40
LETTER_NUMBER_MAX_LENGTH = 120
# A row comment is a short remark beside one row, shorter than a transition's comment.
ROW_COMMENT_MAX_LENGTH = 2_000
# The working days Bagian Organisasi may add to a deadline at once.
EXTENSION_MAX_DAYS = 60


@dataclass(frozen=True)
class InputRule:
    input: Input
    missing: str  # the sentence when a transition requires it and it is empty
    max_length: int | None = None  # text inputs only

    @property
    def name(self) -> str:
        return self.input.value

    @property
    def label(self) -> str:
        return str(self.input.label)


_RULES = (
    # The order of TEXT_LIMITS, hence of the refusals of over-long texts.
    InputRule(Input.COMMENT, gettext_noop("Tuliskan catatan untuk penerima."), COMMENT_MAX_LENGTH),
    InputRule(Input.REASON_CODE, gettext_noop("Pilih alasan pengembalian."), REASON_CODE_MAX_LENGTH),
    InputRule(Input.LETTER_NUMBER, gettext_noop("Isi nomor surat KemenPAN-RB."), LETTER_NUMBER_MAX_LENGTH),
    InputRule(Input.LETTER_DATE, gettext_noop("Isi tanggal surat KemenPAN-RB.")),
)
INPUT_RULES: dict[str, InputRule] = {rule.name: rule for rule in _RULES}
# The text inputs and their limits (a NUL byte is refused as well).
TEXT_LIMITS: dict[str, int] = {
    name: rule.max_length for name, rule in INPUT_RULES.items() if rule.max_length is not None
}
TEXT_TOO_LONG = "Isian harus berupa teks tanpa karakter NUL, paling banyak {limit} karakter."
LETTER_DATE_INVALID = "Tanggal surat tidak valid."
REASON_CODE_UNKNOWN = "Kode alasan tidak dikenal."

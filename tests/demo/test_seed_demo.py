"""`manage.py seed_demo` builds the demo world of DESIGN.md section 5, and a second run changes nothing."""

from __future__ import annotations

import datetime
import io
from collections import Counter

from django.apps import apps
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from submissions.models import (
    Competency,
    CompetencyGroup,
    Instansi,
    MinimumLevel,
    Position,
    PositionKind,
    Role,
    RoleAssignment,
    Submission,
    TimeZone,
)
from submissions.validity import MANAGERIAL_CODES, SOCIOCULTURAL_CODES
from workflow.machine import State
from workflow.models import DraftingRound, ReasonCode, TransitionLog
from workflow.packages.models import ConsultationPackage, PackageItem

PASSWORD = "skj-demo-2026"
MADIUN = "Pemerintah Kota Madiun"
BATANG = "Pemerintah Kabupaten Batang"

# DESIGN.md section 5: username -> (role, OPD name, instansi name).
DESIGN_USERS = {
    "admin": (Role.ADMINISTRATOR, None, None),
    "madiun.organisasi": (Role.BAGIAN_ORGANISASI, None, MADIUN),
    "madiun.penyusun.dinkes": (Role.DRAFTER, "Dinas Kesehatan", MADIUN),
    "madiun.pemeriksa.dinkes": (Role.REVIEWER, "Dinas Kesehatan", MADIUN),
    "madiun.penyusun.disdik": (Role.DRAFTER, "Dinas Pendidikan", MADIUN),
    "madiun.pemeriksa.disdik": (Role.REVIEWER, "Dinas Pendidikan", MADIUN),
    "batang.organisasi": (Role.BAGIAN_ORGANISASI, None, BATANG),
    "batang.penyusun.dishub": (Role.DRAFTER, "Dinas Perhubungan", BATANG),
    "batang.pemeriksa.dishub": (Role.REVIEWER, "Dinas Perhubungan", BATANG),
    "kemenpan": (Role.MINISTRY, None, None),
}
STAFFED_OPDS = ("Dinas Kesehatan", "Dinas Pendidikan", "Dinas Perhubungan")

# DOMAIN.md: minimum level per kind (and functional rank).
MINIMUM_TABLE = {
    ("jpt_utama", ""): 5,
    ("jpt_madya", ""): 5,
    ("jpt_pratama", ""): 4,
    ("administrator", ""): 3,
    ("pengawas", ""): 2,
    ("pelaksana", ""): 1,
    ("fungsional", "ahli_utama"): 4,
    ("fungsional", "ahli_madya"): 3,
    ("fungsional", "ahli_muda"): 2,
    ("fungsional", "ahli_pertama"): 1,
    ("fungsional", "penyelia"): 2,
    ("fungsional", "mahir"): 1,
    ("fungsional", "terampil"): 1,
    ("fungsional", "pemula"): 1,
}


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


class SeedDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("seed_demo", stdout=io.StringIO())

    def test_every_user_of_the_design_exists_with_its_role_and_scope(self) -> None:
        for username, (role, opd, instansi) in DESIGN_USERS.items():
            user = User.objects.get(username=username)
            assignment = RoleAssignment.objects.select_related("opd__instansi", "instansi").get(user=user)
            scope_instansi = assignment.opd.instansi if assignment.opd else assignment.instansi
            assert assignment.role == role, username
            assert (assignment.opd.name if assignment.opd else None) == opd, username
            assert (scope_instansi.name if scope_instansi else None) == instansi, username
            assert user.email == f"{username}@demo.alur-skj.id"
            assert user.first_name, username
            assert user.last_name, username

    def test_only_admin_is_a_superuser(self) -> None:
        assert list(User.objects.filter(is_superuser=True).values_list("username", flat=True)) == ["admin"]
        assert User.objects.get(username="admin").is_staff

    def test_every_demo_user_can_log_in_with_the_demo_password(self) -> None:
        request = RequestFactory().post("/masuk/")
        for username in DESIGN_USERS:
            assert authenticate(request, username=username, password=PASSWORD) is not None, username
            assert authenticate(request, username=username, password="salah-sandi") is None

    def test_a_second_run_changes_no_row_and_rehashes_no_password(self) -> None:
        counts = row_counts()
        hashes = dict(User.objects.values_list("username", "password"))

        with CaptureQueriesContext(connection) as queries:
            call_command("seed_demo", stdout=io.StringIO())

        assert row_counts() == counts
        assert dict(User.objects.values_list("username", "password")) == hashes
        writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
        assert writes == []

    def test_the_instansi_are_in_their_own_time_zones(self) -> None:
        zones = dict(Instansi.objects.values_list("name", "time_zone"))
        assert zones[MADIUN] == TimeZone.WIB
        assert zones[BATANG] == TimeZone.WIB
        assert TimeZone.WITA in zones.values()

    def test_each_staffed_opd_has_positions_of_every_kind_but_top_jpt(self) -> None:
        for opd in STAFFED_OPDS:
            kinds = set(Position.objects.filter(opd__name=opd).values_list("kind", flat=True))
            expected = {"jpt_pratama", "administrator", "pengawas", "pelaksana", "fungsional"}
            assert expected <= kinds, opd
            assert all(position.urusan.exists() for position in Position.objects.filter(opd__name=opd))

    def test_the_national_dictionary_has_five_levels_with_three_indicators_each(self) -> None:
        national = Competency.objects.filter(instansi__isnull=True).prefetch_related("levels")
        assert sorted(national.values_list("code", flat=True)) == sorted(
            MANAGERIAL_CODES + SOCIOCULTURAL_CODES
        )
        for competency in national:
            levels = sorted(competency.levels.all(), key=lambda level: level.level)
            assert [level.level for level in levels] == [1, 2, 3, 4, 5], competency.code
            for level in levels:
                assert level.description.strip(), competency.code
                assert len(level.indicators) == 3, competency.code
        assert national.get(code="SK.01").name == "Perekat Bangsa"
        assert national.get(code="M.06").name == "Pengembangan Diri dan Orang Lain"

    def test_the_instansi_have_a_handful_of_technical_competencies_with_five_levels(self) -> None:
        technical = Competency.objects.filter(group=CompetencyGroup.TECHNICAL)
        assert 5 <= technical.count() <= 8
        assert all(competency.instansi_id is not None for competency in technical)
        for competency in technical:
            assert competency.levels.count() == 5, competency.code

    def test_the_minimum_levels_are_the_table_of_the_domain_and_block_submission(self) -> None:
        stored = {(row.kind, row.rank): row.level for row in MinimumLevel.objects.all()}
        assert stored == MINIMUM_TABLE
        assert not MinimumLevel.objects.filter(blocking=False).exists()

    def test_the_reason_codes_of_the_design_exist_with_indonesian_labels(self) -> None:
        expected = {
            "incomplete",
            "level_below_minimum",
            "technical_competency",
            "requirements",
            "wording",
            "other",
        }
        assert set(ReasonCode.objects.values_list("code", flat=True)) == expected
        assert all(
            label and label[0].isupper() for label in ReasonCode.objects.values_list("label", flat=True)
        )

    def test_each_user_instansi_has_a_drafting_round_due_in_about_two_months(self) -> None:
        today = timezone.localdate()
        for name in (MADIUN, BATANG):
            drafting = DraftingRound.objects.get(instansi__name=name, name="Penyusunan SKJ 2026")
            assert datetime.timedelta(days=45) <= drafting.deadline - today <= datetime.timedelta(days=75)

    def test_each_staffed_opd_has_documents_in_every_state(self) -> None:
        for opd in STAFFED_OPDS:
            states = set(Submission.objects.filter(position__opd__name=opd).values_list("state", flat=True))
            assert states == set(State.values), opd

    def test_the_open_documents_are_complete_and_valid(self) -> None:
        for submission in Submission.objects.select_related("position"):
            assert submission.validity_errors() == [], submission
            assert submission.competency_rows.filter(group=CompetencyGroup.TECHNICAL).exists()

    def test_histories_include_send_backs_and_a_superseded_version(self) -> None:
        transitions = Counter(TransitionLog.objects.values_list("transition", flat=True))
        for name in ("return_to_drafter", "return_to_opd", "ministry_return", "ministry_agree", "supersede"):
            assert transitions[name] >= len(STAFFED_OPDS), name
        superseded = Submission.objects.filter(state=State.SUPERSEDED).first()
        assert superseded is not None
        newer = Submission.objects.get(position=superseded.position, state=State.APPROVED)
        assert newer.version == superseded.version + 1
        assert newer.based_on == superseded

    def test_the_demo_shows_every_case_of_the_daily_work(self) -> None:
        now = timezone.now()
        for opd in STAFFED_OPDS:
            documents = Submission.objects.filter(position__opd__name=opd)
            assert documents.filter(state__in=State.values[:4], due_at__lt=now).exists(), f"{opd}: overdue"
            near = documents.filter(due_at__gt=now, due_at__lt=now + datetime.timedelta(days=2))
            assert near.exists(), f"{opd}: near its deadline"
            assert documents.filter(row_comments__resolved_at__isnull=True).exists(), f"{opd}: open comment"
            assert documents.filter(state=State.SUPERSEDED).exists(), f"{opd}: superseded version"
            sent = ConsultationPackage.objects.filter(
                sent_at__isnull=False, items__submission__position__opd__name=opd
            )
            assert sent.exists(), f"{opd}: a consultation package"
            item = PackageItem.objects.get(package=sent.get())
            assert item.submission.state == State.MINISTRY_CONSULTATION

    def test_a_document_sent_back_then_resubmitted_is_in_a_later_round(self) -> None:
        sent_back = TransitionLog.objects.filter(transition="return_to_drafter").values("submission")
        for submission in Submission.objects.filter(pk__in=sent_back):
            assert submission.round == 2
            assert submission.state != State.DRAFT or submission.log_entries.count() > 2

    def test_top_positions_are_drafted_at_their_minimum_level(self) -> None:
        head = Submission.objects.filter(position__kind=PositionKind.JPT_PRATAMA).first()
        assert head is not None
        levels = set(
            head.competency_rows.exclude(group=CompetencyGroup.TECHNICAL).values_list("level", flat=True)
        )
        assert levels == {4}


class LoadReferenceDataTests(TestCase):
    def test_loading_twice_keeps_what_an_administrator_changed(self) -> None:
        call_command("load_reference_data", stdout=io.StringIO())
        MinimumLevel.objects.filter(kind=PositionKind.PENGAWAS).update(level=3, blocking=False)
        ReasonCode.objects.filter(code="wording").update(label="Redaksi")
        counts = (MinimumLevel.objects.count(), ReasonCode.objects.count())

        call_command("load_reference_data", stdout=io.StringIO())

        pengawas = MinimumLevel.objects.get(kind=PositionKind.PENGAWAS)
        assert (pengawas.level, pengawas.blocking) == (3, False)
        assert ReasonCode.objects.get(code="wording").label == "Redaksi"
        assert (MinimumLevel.objects.count(), ReasonCode.objects.count()) == counts

    def test_loading_restores_a_deleted_reason_code(self) -> None:
        call_command("load_reference_data", stdout=io.StringIO())
        ReasonCode.objects.filter(code="other").delete()
        call_command("load_reference_data", stdout=io.StringIO())
        assert ReasonCode.objects.filter(code="other").exists()

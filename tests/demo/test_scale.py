"""The scale data generator behind `manage.py seed_scale` (bench/ uses it for 100,000 documents)."""

from __future__ import annotations

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from demo.scale import (
    BULK_THRESHOLD,
    NOTIFICATION_COLUMNS,
    ScaleOptions,
    _loads_in_bulk,
    scale_positions,
    scale_submissions,
    seed_scale,
)
from demo.scale.tables import MissingColumnError, TableWriter
from notifications.models import Notification
from submissions.models import RequirementRow, Submission
from tests.builders import build_dictionary
from tests.factories import PositionFactory, UserFactory
from tests.services import need
from tests.workflow.test_search_vector import built_at_query_time, stored
from workflow.machine import ACTIVE_STATES, OPEN_STATES, State
from workflow.models import TransitionLog
from workflow.reference import load_reference_data

NOW = datetime.datetime(2026, 11, 20, 3, 0, tzinfo=datetime.UTC)
SMALL = ScaleOptions(submissions=400, instansi=2, opds_per_instansi=3, batch_size=70)

pytestmark = pytest.mark.django_db


def test_seeding_creates_exactly_the_requested_number_of_documents_in_every_state() -> None:
    result = seed_scale(SMALL, now=NOW)

    assert result.submissions == scale_submissions().count() == 400
    assert set(scale_submissions().values_list("state", flat=True)) == set(State.values)


def test_no_position_gets_two_open_or_two_approved_versions() -> None:
    seed_scale(SMALL, now=NOW)

    per_position = scale_positions().annotate(
        open=Count("submissions", filter=Q(submissions__state__in=OPEN_STATES)),
        approved=Count("submissions", filter=Q(submissions__state=State.APPROVED)),
    )
    assert not per_position.filter(Q(open__gt=1) | Q(approved__gt=1)).exists()


def test_a_second_version_revises_the_first_one_of_the_same_position() -> None:
    seed_scale(SMALL, now=NOW)

    revisions = scale_submissions().filter(version=2).select_related("based_on")
    assert revisions.exists()
    for revision in revisions:
        assert revision.based_on is not None
        assert revision.based_on.position_id == revision.position_id
        assert revision.based_on.state in (State.APPROVED, State.SUPERSEDED)


def test_every_document_has_a_history_that_ends_in_its_state() -> None:
    seed_scale(SMALL, now=NOW)

    for submission in scale_submissions().prefetch_related("log_entries"):
        entries = sorted(submission.log_entries.all(), key=lambda entry: (entry.at, entry.id))
        assert entries[0].transition in ("create", "start_revision")
        assert entries[-1].to_state == submission.state
        assert entries[-1].round == submission.round


def test_dates_are_spread_over_the_past_and_active_documents_have_deadlines() -> None:
    seed_scale(SMALL, now=NOW)

    documents = scale_submissions()
    assert documents.values("updated_at").distinct().count() > 300
    assert not TransitionLog.objects.filter(at__gt=NOW).exists()
    assert not documents.filter(state__in=ACTIVE_STATES, due_at__isnull=True).exists()
    assert documents.filter(state__in=ACTIVE_STATES, due_at__lt=NOW).exists()
    assert not documents.exclude(state__in=ACTIVE_STATES).filter(due_at__isnull=False).exists()


def test_nothing_is_due_for_a_reminder_right_after_seeding() -> None:
    seed_scale(SMALL, now=NOW)

    assert not scale_submissions().filter(next_reminder_at__lte=NOW).exists()
    assert scale_submissions().filter(next_reminder_at__gt=NOW).exists()


def test_dates_are_set_automatically_again_after_seeding() -> None:
    seed_scale(SMALL, now=NOW)

    submission = Submission.objects.create(position=PositionFactory.create(), created_by=UserFactory.create())
    assert submission.updated_at > timezone.now() - datetime.timedelta(minutes=5)


def test_a_second_run_tops_up_to_the_requested_count_without_new_people() -> None:
    seed_scale(ScaleOptions(submissions=150, instansi=2, opds_per_instansi=3), now=NOW)
    users = get_user_model().objects.count()

    result = seed_scale(SMALL, now=NOW)

    assert (result.existing, result.submissions, result.total) == (150, 250, 400)
    assert scale_submissions().count() == 400
    assert get_user_model().objects.count() == users


def test_asking_for_fewer_documents_than_exist_adds_nothing() -> None:
    seed_scale(SMALL, now=NOW)

    result = seed_scale(ScaleOptions(submissions=100, instansi=2, opds_per_instansi=3), now=NOW)

    assert result.submissions == 0
    assert scale_submissions().count() == 400


def test_every_opd_gets_a_drafter_and_a_reviewer_and_every_instansi_its_bagian_organisasi() -> None:
    seed_scale(SMALL, now=NOW)

    users = get_user_model().objects.filter(username__startswith="skala.")
    assert users.filter(username__endswith=".penyusun").count() == 6
    assert users.filter(username__endswith=".pemeriksa").count() == 6
    assert users.filter(username__endswith=".organisasi").count() == 2
    assert users.filter(username__in=["skala.admin", "skala.kemenpan"]).count() == 2


@pytest.mark.parametrize("with_dictionary", [True, False])
def test_documents_seeded_with_rows_are_complete_enough_to_submit(with_dictionary: bool) -> None:
    load_reference_data()
    if with_dictionary:
        build_dictionary()

    seed_scale(ScaleOptions(submissions=40, instansi=1, opds_per_instansi=2, with_rows=True), now=NOW)

    for submission in scale_submissions().select_related("position"):
        assert submission.validity_errors() == []
    seeded = scale_submissions()
    assert all(submission.competency_rows.count() == 10 for submission in seeded)
    assert all(submission.requirement_rows.count() == 3 for submission in seeded)
    # Stored once per distinct list: a set per level of the fixed rows, one for the requirements.
    assert seeded.values("competency_set").distinct().count() <= 5
    assert seeded.values("requirement_set").distinct().count() == 1
    assert RequirementRow.objects.count() == 3


def test_the_command_reports_what_it_added_and_then_that_nothing_was_missing() -> None:
    out = StringIO()
    arguments = ["--submissions", "60", "--instansi", "1", "--opds-per-instansi", "2", "-v", "0"]

    call_command("seed_scale", *arguments, stdout=out)
    call_command("seed_scale", *arguments, stdout=out)

    assert "Ditambahkan 60 dokumen" in out.getvalue()
    assert "tidak ada yang ditambahkan" in out.getvalue()


def test_the_command_refuses_a_count_below_one() -> None:
    with pytest.raises(CommandError, match="paling sedikit 1"):
        call_command("seed_scale", "--submissions", "0")


def test_every_document_whose_latest_step_tells_someone_has_its_sent_email() -> None:
    seed_scale(SMALL, now=NOW)

    notified = scale_submissions().exclude(state__in=[State.DRAFT, State.APPROVED, State.SUPERSEDED])
    assert notified.exists()
    assert not notified.filter(notifications__isnull=True).exists()
    rows = Notification.objects.filter(submission__in=scale_submissions())
    assert set(rows.values_list("status", flat=True)) == {"sent"}
    assert rows.count() == rows.values("idempotency_key").distinct().count()


def test_rows_are_copied_in_without_one_query_per_row() -> None:
    need(connection.vendor == "postgresql", "COPY membutuhkan PostgreSQL (set DATABASE_URL)")

    with CaptureQueriesContext(connection) as queries:
        seed_scale(ScaleOptions(submissions=300, instansi=1, opds_per_instansi=2, with_rows=True), now=NOW)

    assert scale_submissions().count() == 300
    assert len(queries) < 100
    assert not [q for q in queries if q["sql"].startswith('INSERT INTO "submissions_submission"')]


def test_a_not_null_column_without_a_default_stops_the_generator_naming_it() -> None:
    supplied = [c for c in NOTIFICATION_COLUMNS if c != "subject"]

    with pytest.raises(MissingColumnError, match=r"notifications_notification\.subject"):
        TableWriter(Notification, supplied)


def test_columns_with_a_default_or_null_are_filled_by_the_writer_not_the_generator() -> None:
    writer = TableWriter(Notification, [c for c in NOTIFICATION_COLUMNS if c not in ("attempts", "sent_at")])

    assert "attempts" in writer.columns
    assert "sent_at" not in writer.columns


REBUILD_NEEDS_POSTGRESQL = "membangun ulang indeks membutuhkan PostgreSQL (set DATABASE_URL)"


def _indexes_and_constraints() -> set[tuple[str, str]]:
    tables = [
        "submissions_position",
        "submissions_position_urusan",
        "submissions_submission",
        "workflow_transitionlog",
        "notifications_notification",
        "submissions_competencyset",
        "submissions_requirementset",
    ]
    with connection.cursor() as cursor:
        # An index's predicate is compared by its columns and presence: PostgreSQL prints a parsed
        # `IN (...)` back with different parentheses after a round trip.
        cursor.execute(
            "SELECT i.relname, concat_ws(' ', x.indrelid::regclass, x.indisunique, x.indkey, "
            "x.indpred IS NOT NULL) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid::regclass::text = ANY(%s) "
            "UNION ALL SELECT conname, concat_ws(' ', contype, condeferrable, condeferred, "
            "pg_get_constraintdef(oid)) FROM pg_constraint WHERE conrelid::regclass::text = ANY(%s)",
            [tables, tables],
        )
        return set(cursor.fetchall())


def test_a_bulk_load_builds_the_same_indexes_and_constraints_again_at_its_end() -> None:
    need(connection.vendor == "postgresql", REBUILD_NEEDS_POSTGRESQL)
    before = _indexes_and_constraints()

    seed_scale(
        ScaleOptions(submissions=300, instansi=1, opds_per_instansi=2, with_rows=True, defer_indexes=True),
        now=NOW,
    )

    assert scale_submissions().count() == 300
    assert not scale_submissions().filter(competency_set=None).exists()
    assert _indexes_and_constraints() == before
    assert len(before) > 40
    # Ids were reserved a block at a time: the sequences still hand out only fresh ones.
    with connection.cursor() as cursor:
        for table in ("submissions_position", "submissions_submission"):
            cursor.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')), MAX(id) FROM {table}")
            following, highest = cursor.fetchone()
            assert following > highest


def test_a_bulk_load_that_breaks_a_constraint_leaves_nothing_behind() -> None:
    need(connection.vendor == "postgresql", REBUILD_NEEDS_POSTGRESQL)
    seed_scale(ScaleOptions(submissions=20, instansi=1, opds_per_instansi=2), now=NOW)
    before = _indexes_and_constraints()
    # The same plans again from index 0: every new position repeats a name in its OPD.
    repeat = ScaleOptions(submissions=40, instansi=1, opds_per_instansi=2, defer_indexes=True)

    with mock.patch("demo.scale.scale_positions") as positions:
        positions.return_value.count.return_value = 0
        with pytest.raises(IntegrityError, match="position_unique_in_unit"):
            seed_scale(repeat, now=NOW)

    assert scale_submissions().count() == 20
    assert _indexes_and_constraints() == before


def test_only_a_large_load_on_postgresql_rebuilds_the_indexes() -> None:
    options = ScaleOptions(submissions=1)

    assert _loads_in_bulk(options, BULK_THRESHOLD, 0) is (connection.vendor == "postgresql")
    assert not _loads_in_bulk(options, BULK_THRESHOLD - 1, 0)
    assert not _loads_in_bulk(options, BULK_THRESHOLD, BULK_THRESHOLD + 1)  # a small top-up of a big set
    assert not _loads_in_bulk(ScaleOptions(submissions=1, defer_indexes=False), 10 * BULK_THRESHOLD, 0)


@pytest.mark.parametrize("in_bulk", [True, False])
def test_every_loaded_document_has_its_search_vector_and_the_triggers_are_on_again(in_bulk: bool) -> None:
    need(connection.vendor == "postgresql", REBUILD_NEEDS_POSTGRESQL)

    seed_scale(
        ScaleOptions(submissions=30, instansi=1, opds_per_instansi=2, with_rows=True, defer_indexes=in_bulk),
        now=NOW,
    )

    for document in scale_submissions().order_by("id")[::7]:
        assert stored(document) == built_at_query_time(document)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'"
            " AND tgrelid::regclass::text LIKE 'submissions_%%'"
        )
        assert cursor.fetchone()[0] == 0


def _estimated_rows(sql: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE submissions_submission")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        (plan,) = cursor.fetchone()
    document = plan if isinstance(plan, list) else __import__("json").loads(plan)
    return int(document[0]["Plan"]["Plan Rows"])


def test_the_planner_knows_that_no_document_the_ministry_saw_is_back_in_compilation() -> None:
    # Without the statistics of submissions migration 0013 PostgreSQL multiplies the two columns'
    # frequencies (a tenth of the ministry's documents) and picks a plan that walks its whole scope.
    need(connection.vendor == "postgresql", "Statistik multivariat hanya ada di PostgreSQL.")
    seed_scale(SMALL, now=NOW)
    assert not Submission.objects.filter(reached_ministry=True, state=State.COMPILATION).exists()
    assert Submission.objects.filter(reached_ministry=True).count() > 100

    estimate = _estimated_rows(
        "SELECT id FROM submissions_submission WHERE reached_ministry AND state = 'compilation'"
    )

    assert estimate <= 1


def _pages_without_a_live_document() -> int:
    # A page of the table that holds no live row holds only dead copies (or nothing).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_relation_size('submissions_submission') / current_setting('block_size')::int "
            "- (SELECT count(DISTINCT (ctid::text::point)[0]) FROM submissions_submission)"
        )
        (empty,) = cursor.fetchone()
    return int(empty)


@pytest.mark.django_db(transaction=True)
def test_a_bulk_load_leaves_no_dead_copy_of_the_documents_its_vector_pass_updated() -> None:
    need(connection.vendor == "postgresql", REBUILD_NEEDS_POSTGRESQL)

    seed_scale(
        ScaleOptions(submissions=300, instansi=1, opds_per_instansi=2, with_rows=True, defer_indexes=True),
        now=NOW,
    )

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM submissions_submission WHERE search_vector IS NULL")
        (without_vector,) = cursor.fetchone()
    assert scale_submissions().count() == 300
    assert without_vector == 0
    assert _pages_without_a_live_document() == 0

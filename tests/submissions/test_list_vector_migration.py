"""Migration 0015 takes the words of a document's lists out of its vector (each list stores its
own, once) and going back puts them in again; the words the search reads stay the same."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import CharField
from django.db.models.functions import Cast

from submissions.models import Submission
from tests.builders import World
from tests.documents import complete_draft
from tests.migrating import back_to_the_latest_migrations, migrate_to  # noqa: F401 (autouse)
from workflow.search import DOCUMENT_WORDS

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vectors are PostgreSQL's"),
]

BEFORE = [("submissions", "0014_content_sets")]
AFTER = [("submissions", "0015_list_vectors")]


def _own(document: Submission) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM submissions_submission WHERE id = %s", [document.pk])
        return str(cursor.fetchone()[0])


def _searched(document: Submission) -> str:
    words = Submission.objects.filter(pk=document.pk).annotate(v=Cast(DOCUMENT_WORDS, CharField()))
    return str(words.values_list("v", flat=True).get())


def _list_vectors() -> list[str | None]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector::text FROM submissions_competencyset UNION ALL "
            "SELECT search_vector::text FROM submissions_requirementset"
        )
        return [row[0] for row in cursor.fetchall()]


def test_the_lists_words_leave_the_document_and_come_back_when_going_back(world: World) -> None:
    document = complete_draft(world)
    searched = _searched(document)

    migrate_to(BEFORE)
    whole = _own(document)
    migrate_to(AFTER)

    assert whole == searched  # 0014 stored every word in the document
    assert _own(document) != whole
    assert "'m.01'" not in _own(document)
    assert _searched(document) == searched
    assert _list_vectors()
    assert all(_list_vectors())

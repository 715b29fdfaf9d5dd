"""Model labels follow the reader's language: the admin, a model form and a page in English, while
the Indonesian text stays the one the models declare."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from submissions.models import Position, RoleAssignment, Submission
from tests.builders import World
from web.forms.positions import PositionForm
from workflow import services

pytestmark = pytest.mark.django_db


def english(client: Client) -> Client:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


@pytest.fixture
def admin_client_() -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser("admin", "admin@demo.alur-skj.id", "skj-demo-2026"))
    return client


def test_the_models_still_declare_their_indonesian_names() -> None:
    with translation.override("id"):
        assert str(Submission._meta.verbose_name) == "dokumen SKJ"
        assert str(Submission._meta.verbose_name_plural) == "dokumen SKJ"
        assert str(RoleAssignment._meta.get_field("role").verbose_name) == "peran"


def test_in_english_a_model_has_its_own_singular_and_plural() -> None:
    with translation.override("en"):
        assert str(Submission._meta.verbose_name) == "SKJ document"
        assert str(Submission._meta.verbose_name_plural) == "SKJ documents"
        assert str(RoleAssignment._meta.verbose_name_plural) == "role assignments"


def test_the_admin_change_list_of_documents_is_in_english(admin_client_: Client, world: World) -> None:
    services.submission_create_draft(position_id=world.position.pk, actor=world.drafter)

    html = english(admin_client_).get(reverse("admin:submissions_submission_changelist")).content.decode()

    assert "Select SKJ document to change" in html
    assert ">SKJ documents<" in html  # the app's name in the breadcrumbs
    # column headers from the fields' labels
    assert ">Version<" in html
    assert ">Round<" in html
    assert "dokumen SKJ" not in html


def test_the_admin_change_list_of_role_assignments_is_in_english(admin_client_: Client, world: World) -> None:
    html = english(admin_client_).get(reverse("admin:submissions_roleassignment_changelist")).content.decode()

    assert "Select role assignment to change" in html
    assert ">Role<" in html
    assert ">Valid from<" in html
    assert "penugasan peran" not in html


def test_a_model_form_takes_its_english_labels_and_hints_from_the_model(world: World) -> None:
    with translation.override("en"):
        form = PositionForm(user=world.organisasi)
        assert str(form.fields["name"].label) == "Position name"
        assert str(form.fields["code"].help_text) == "Given by KemenPAN-RB; may stay empty while drafting."

    with translation.override("id"):
        assert str(PositionForm(user=world.organisasi).fields["name"].label) == "Nama jabatan"


def test_the_new_position_page_shows_the_field_labels_in_english(world: World) -> None:
    client = Client()
    client.force_login(world.organisasi, backend="django.contrib.auth.backends.ModelBackend")

    html = english(client).get("/jabatan/baru/").content.decode()

    assert "Position name" in html
    assert "The division, section or sub-section the position sits in, if any." in html
    assert "Nama jabatan" not in html
    with translation.override("id"):
        assert str(Position._meta.get_field("sub_unit").help_text) not in html  # the Indonesian hint

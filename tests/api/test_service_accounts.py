"""Service accounts of other systems: who may create them, a token for each, deactivation; the
account reads its scope only (404 outside), and every write it tries answers 403."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from rest_framework.response import Response
from rest_framework.test import APIClient, APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from integrations.models import ServiceAccount
from submissions.models import Role, RoleAssignment
from tests.api.conftest import assert_error, client_for
from tests.builders import World
from tests.factories import PositionFactory, RoleAssignmentFactory, UserFactory
from tests.workflow.packages_world import compiled_standards
from workflow.machine import State
from workflow.services import submission_create_draft

ACCOUNTS = "/api/v1/integrations/accounts/"
Api = Callable[[str], APIClient]


@pytest.fixture
def administrator(world: World) -> Any:
    user = UserFactory.create(username="admin-nasional")
    RoleAssignmentFactory.create(user=user, role=Role.ADMINISTRATOR, opd=None, instansi=None)
    return user


def create(client: APIClient, instansi: int | None, name: str = "SIMPEG Kota Uji") -> Any:
    return client.post(
        ACCOUNTS, {"name": name, "reason": "Memantau status SKJ", "instansi": instansi}, format="json"
    )


def service_client(api: Api, world: World, instansi: int | None = None) -> APIClient:
    organisasi = api("organisasi")
    account = create(organisasi, world.instansi.pk).json()
    token = organisasi.post(f"{ACCOUNTS}{account['id']}/tokens/", {}, format="json").json()["token"]
    return APIClient(HTTP_AUTHORIZATION=f"Token {token}")


def test_bagian_organisasi_creates_an_account_for_his_instansi_with_who_and_why(
    world: World, api: Api
) -> None:
    response = create(api("organisasi"), world.instansi.pk)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["instansi"]["id"] == world.instansi.pk
    assert (body["created_by"], body["reason"], body["active"]) == ("organisasi", "Memantau status SKJ", True)
    account = ServiceAccount.objects.get(pk=body["id"])
    assert not account.user.has_usable_password()
    assert RoleAssignment.objects.get(user=account.user).role == Role.INTEGRATION


def test_bagian_organisasi_cannot_create_one_for_another_instansi_or_nationwide(
    world: World, api: Api
) -> None:
    assert_error(create(api("organisasi"), world.other_instansi_opd.instansi_id), 404)
    assert_error(create(api("organisasi"), None), 403)


def test_the_administrator_creates_a_nationwide_account(world: World, administrator: Any) -> None:
    response = create(client_for(administrator), None, "Dasbor Inspektorat")

    assert response.status_code == 201, response.content
    assert response.json()["instansi"] is None


def test_people_who_manage_no_instansi_may_not_create_or_list(world: World, api: Api) -> None:
    assert_error(create(api("drafter"), world.instansi.pk), 403)
    assert_error(api("ministry").get(ACCOUNTS), 403)


def test_the_list_shows_the_accounts_of_the_callers_instansi_with_their_tokens(
    world: World, api: Api
) -> None:
    service = service_client(api, world)
    service.get("/api/v1/me/")
    create(api("other_organisasi"), world.other_instansi_opd.instansi_id, "SIMPEG Lain")

    listed = api("organisasi").get(ACCOUNTS).json()

    assert [account["name"] for account in listed] == ["SIMPEG Kota Uji"]
    [token] = listed[0]["tokens"]
    assert token["last_used_at"] is not None
    assert "token" not in token


def test_a_token_for_an_account_is_shown_once_and_reads_what_its_instansi_reads(
    world: World, api: Api, document
) -> None:
    mine = document("draft")
    service = service_client(api, world)

    assert service.get(f"/api/v1/submissions/{mine.pk}/").status_code == 200
    assert service.get(f"/api/v1/submissions/{mine.pk}/status/").json()["allowed_transitions"] == []
    assert [d["id"] for d in service.get("/api/v1/submissions/").json()["results"]] == [mine.pk]


def test_a_service_account_gets_404_outside_its_instansi(world: World, api: Api) -> None:
    position = PositionFactory.create(opd=world.other_instansi_opd, name="Kepala Seksi Lain")
    drafter = UserFactory.create(username="penyusun.kabupaten")
    RoleAssignmentFactory.create(user=drafter, role=Role.DRAFTER, opd=world.other_instansi_opd)
    elsewhere = submission_create_draft(position_id=position.pk, actor=drafter)
    service = service_client(api, world)

    assert_error(service.get(f"/api/v1/submissions/{elsewhere.pk}/"), 404)
    assert_error(service.get(f"/api/v1/submissions/{elsewhere.pk}/status/"), 404)


@pytest.mark.parametrize(
    ("state", "name"),
    [
        (State.DRAFT, "submit"),
        (State.OPD_REVIEW, "forward"),
        (State.COMPILATION, "send_to_ministry"),
        (State.MINISTRY_CONSULTATION, "ministry_agree"),
    ],
)
def test_a_service_account_cannot_fire_a_transition(
    world: World, api: Api, document, state: State, name: str
) -> None:
    submission = document(state)
    service = service_client(api, world)

    response = service.post(
        f"/api/v1/submissions/{submission.pk}/transitions/", {"name": name}, format="json"
    )

    assert_error(response, 403, "read_only_account")
    submission.refresh_from_db()
    assert submission.state == state


def test_a_service_account_cannot_edit_or_make_packages(world: World, api: Api, document) -> None:
    draft = document("draft")
    compiled = compiled_standards(world, 1)
    service = service_client(api, world)

    assert_error(service.patch(f"/api/v1/submissions/{draft.pk}/", {"summary": "x"}, format="json"), 403)
    created = service.post(
        "/api/v1/packages/", {"title": "T", "submissions": [compiled[0].pk]}, format="json"
    )
    assert_error(created, 403, "read_only_account")
    assert_error(service.post("/api/v1/submissions/", {"position": world.position.pk}, format="json"), 403)
    assert_error(create(service, world.instansi.pk), 403)


def test_a_service_account_in_a_session_fires_nothing_in_the_bulk_action(
    world: World, api: Api, document
) -> None:
    submitted = document(State.OPD_REVIEW)
    account = ServiceAccount.objects.get(pk=create(api("organisasi"), world.instansi.pk).json()["id"])
    page = Client()
    page.force_login(account.user, backend="django.contrib.auth.backends.ModelBackend")

    page.post("/jabatan/massal/", {"dokumen": [submitted.pk], "tindakan": "forward"})

    submitted.refresh_from_db()
    assert submitted.state == State.OPD_REVIEW


def test_deactivation_revokes_the_accounts_tokens_at_once(world: World, api: Api, document) -> None:
    draft = document("draft")
    organisasi = api("organisasi")
    account = create(organisasi, world.instansi.pk).json()
    token = organisasi.post(f"{ACCOUNTS}{account['id']}/tokens/", {"name": "produksi"}, format="json").json()
    service = APIClient(HTTP_AUTHORIZATION=f"Token {token['token']}")
    assert service.get(f"/api/v1/submissions/{draft.pk}/status/").status_code == 200

    assert organisasi.delete(f"{ACCOUNTS}{account['id']}/").status_code == 204

    assert_error(service.get(f"/api/v1/submissions/{draft.pk}/status/"), 401)
    assert_error(organisasi.delete(f"{ACCOUNTS}{account['id']}/"), 409, "already_deactivated")
    assert_error(organisasi.post(f"{ACCOUNTS}{account['id']}/tokens/", {}, format="json"), 409)


def test_another_instansis_account_is_not_found(world: World, api: Api) -> None:
    account = create(api("other_organisasi"), world.other_instansi_opd.instansi_id).json()

    assert_error(api("organisasi").delete(f"{ACCOUNTS}{account['id']}/"), 404)
    assert_error(api("organisasi").post(f"{ACCOUNTS}{account['id']}/tokens/", {}, format="json"), 404)


def test_every_token_request_is_logged_with_user_token_method_path_and_status(
    world: World, api: Api, document, caplog: pytest.LogCaptureFixture
) -> None:
    draft = document("draft")
    service = service_client(api, world)

    with caplog.at_level(logging.INFO, logger="security"):
        service.get(f"/api/v1/submissions/{draft.pk}/status/")

    [fields] = [
        r.fields  # type: ignore[attr-defined]
        for r in caplog.records
        if r.getMessage() == "api_token_request" and r.fields["username"].startswith("integrasi.")  # type: ignore[attr-defined]
    ]
    assert fields["token_id"]
    assert (fields["method"], fields["path"], fields["status"]) == (
        "GET",
        f"/api/v1/submissions/{draft.pk}/status/",
        200,
    )


def test_a_nationwide_account_reads_every_instansi_and_still_writes_nothing(
    world: World, administrator: Any, document
) -> None:
    mine = document("draft")
    position = PositionFactory.create(opd=world.other_instansi_opd, name="Kepala Seksi Lain")
    drafter = UserFactory.create(username="penyusun.kabupaten")
    RoleAssignmentFactory.create(user=drafter, role=Role.DRAFTER, opd=world.other_instansi_opd)
    elsewhere = submission_create_draft(position_id=position.pk, actor=drafter)
    admin = client_for(administrator)
    account = create(admin, None, "Dasbor Kementerian").json()
    token = admin.post(f"{ACCOUNTS}{account['id']}/tokens/", {}, format="json").json()["token"]
    service = APIClient(HTTP_AUTHORIZATION=f"Token {token}")

    for submission in (mine, elsewhere):
        assert service.get(f"/api/v1/submissions/{submission.pk}/status/").status_code == 200
    response = service.post(f"/api/v1/submissions/{mine.pk}/transitions/", {"name": "submit"}, format="json")
    assert_error(response, 403, "read_only_account")


def test_only_a_view_made_for_service_accounts_lets_them_write(world: World, api: Api) -> None:
    class Ordinary(APIView):
        def post(self, request: Any) -> Response:
            return Response({"ok": True})

    class ForIntegrations(Ordinary):
        allows_integration_accounts = True

    account = ServiceAccount.objects.get(pk=create(api("organisasi"), world.instansi.pk).json()["id"])
    request = APIRequestFactory().post("/x/", {}, format="json")
    force_authenticate(request, user=account.user)

    assert Ordinary.as_view()(request).status_code == 403
    assert ForIntegrations.as_view()(request).status_code == 200

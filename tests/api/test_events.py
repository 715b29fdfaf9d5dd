"""GET /api/v1/events/ (the feed) and the webhooks API of integration accounts."""

from __future__ import annotations

from typing import Any

import pytest

from notifications.webhooks.models import WebhookDelivery, WebhookSubscription
from tests.api.conftest import assert_error
from tests.builders import World
from tests.documents import complete_draft, fire
from tests.events import client_as, integration_account
from workflow.events.feed import encode_cursor

pytestmark = pytest.mark.usefixtures("numbered_events")

FEED = "/api/v1/events/"
WEBHOOKS = "/api/v1/webhooks/"


def read_all(client: Any, **params: Any) -> tuple[list[dict[str, Any]], str]:
    """Follow the cursor until an empty page; every event and the last cursor."""
    events: list[dict[str, Any]] = []
    cursor = params.pop("after", "")
    while True:
        body = client.get(FEED, {"after": cursor, **params}).json()
        events += body["results"]
        if not body["results"]:
            return events, body["next"]
        assert body["next"] == body["results"][-1]["cursor"]
        cursor = body["next"]


def test_a_client_reads_every_event_once_page_by_page_in_order(world: World):
    draft = complete_draft(world)
    fire(draft, "submit", world.drafter)
    fire(draft, "withdraw", world.drafter)
    client = client_as(world.organisasi)

    events, _ = read_all(client, limit=1)

    assert [e["transition"] for e in events] == ["create", "submit", "withdraw"]
    first = events[0]
    assert set(first) == {
        "cursor",
        "id",
        "kind",
        "at",
        "actor_kind",
        "submission",
        "version",
        "round",
        "position",
        "opd",
        "instansi",
        "transition",
        "from_state",
        "to_state",
        "package",
        "decree",
        "data",
    }
    assert (first["submission"], first["version"], first["to_state"]) == (draft.pk, 1, "draft")


def test_an_empty_page_gives_back_the_same_cursor_and_later_events_come_after_it(world: World):
    draft = complete_draft(world)
    client = client_as(world.drafter)
    events, cursor = read_all(client)
    assert len(events) == 1

    again = client.get(FEED, {"after": cursor}).json()
    assert again == {"next": cursor, "results": []}

    fire(draft, "submit", world.drafter)
    later = client.get(FEED, {"after": cursor}).json()
    assert [e["transition"] for e in later["results"]] == ["submit"]


def test_the_first_page_without_a_cursor_starts_at_the_beginning(world: World):
    body = client_as(world.drafter).get(FEED).json()

    assert body == {"next": encode_cursor(0), "results": []}


def test_kind_filters_the_feed(world: World):
    from workflow.positions import position_create

    complete_draft(world)
    position_create(actor=world.organisasi, opd_id=world.opd.pk, name="Analis", kind="pelaksana")
    client = client_as(world.organisasi)

    only_positions = client.get(FEED, {"kind": "position_created"}).json()["results"]
    both = client.get(FEED, {"kind": "position_created,transition"}).json()["results"]

    assert [e["kind"] for e in only_positions] == ["position_created"]
    assert only_positions[0]["data"]["changes"] == []
    assert [e["kind"] for e in both] == ["transition", "position_created"]


def test_events_out_of_scope_are_simply_absent(world: World):
    complete_draft(world)
    elsewhere = integration_account("simpeg.lain", world.other_instansi_opd.instansi)

    for user in (world.other_drafter, world.other_organisasi, elsewhere, world.outsider):
        assert client_as(user).get(FEED).json()["results"] == [], user
    assert len(client_as(integration_account("simpeg.kota", world.instansi)).get(FEED).json()["results"]) == 1


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"after": "not-a-cursor"}, "invalid_cursor"),
        ({"after": "c2VxOi0x"}, "invalid_cursor"),  # "seq:-1"
        ({"after": "\x00"}, "null_characters_not_allowed"),
        ({"limit": "0"}, "invalid_limit"),
        ({"limit": "1001"}, "invalid_limit"),
        ({"limit": "abc"}, "invalid_limit"),
        ({"kind": "nope"}, "invalid_kind"),
    ],
)
def test_bad_feed_parameters_are_refused_in_the_error_shape(world: World, params: dict[str, str], code: str):
    assert_error(client_as(world.drafter).get(FEED, params), 400, code)


def test_the_feed_needs_a_login(world: World):
    from rest_framework.test import APIClient

    assert APIClient().get(FEED).status_code == 401


### Webhooks


@pytest.fixture
def account(world: World) -> Any:
    return integration_account("simpeg.kota", world.instansi)


def test_an_integration_account_registers_a_webhook_and_sees_its_secret_once(account: Any):
    client = client_as(account)

    created = client.post(
        WEBHOOKS, {"url": "http://127.0.0.1:8000/hook", "kinds": ["transition"]}, format="json"
    )

    assert created.status_code == 201, created.content
    body = created.json()
    assert len(body["secret"]) >= 32
    assert WebhookSubscription.objects.get(pk=body["id"]).secret == body["secret"]
    listed = client.get(WEBHOOKS).json()["results"]
    assert [w["id"] for w in listed] == [body["id"]]
    assert "secret" not in listed[0]
    assert "secret" not in client.get(f"{WEBHOOKS}{body['id']}/").json()


def test_a_given_secret_is_kept(account: Any):
    body = client_as(account).post(
        WEBHOOKS,
        {"url": "http://127.0.0.1:8000/hook", "kinds": ["transition"], "secret": "rahasia-bersama-2026"},
        format="json",
    )

    assert body.json()["secret"] == "rahasia-bersama-2026"


def test_the_owner_updates_and_deletes_its_webhook(account: Any):
    client = client_as(account)
    hook = client.post(WEBHOOKS, {"url": "http://127.0.0.1:8000/a", "kinds": ["transition"]}, format="json")
    path = f"{WEBHOOKS}{hook.json()['id']}/"

    changed = client.patch(
        path, {"kinds": ["decree_recorded", "position_changed"], "active": False}, format="json"
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["kinds"], changed.json()["active"]) == (
        ["decree_recorded", "position_changed"],
        False,
    )

    assert client.delete(path).status_code == 204
    assert not WebhookSubscription.objects.exists()


def test_people_who_are_not_integration_accounts_get_403(world: World):
    for user in (world.organisasi, world.drafter, world.outsider):
        client = client_as(user)
        assert_error(client.get(WEBHOOKS), 403)
        assert_error(
            client.post(WEBHOOKS, {"url": "http://127.0.0.1:8000/", "kinds": ["transition"]}, format="json"),
            403,
        )


def test_another_accounts_webhook_is_not_found(world: World, account: Any):
    other = integration_account("simpeg.lain", world.other_instansi_opd.instansi)
    hook = WebhookSubscription.objects.create(
        owner=other, url="http://127.0.0.1:8000/", kinds=["transition"], secret="x" * 20
    )
    client = client_as(account)
    path = f"{WEBHOOKS}{hook.pk}/"

    assert_error(client.get(path), 404)
    assert_error(client.patch(path, {"active": False}, format="json"), 404)
    assert_error(client.delete(path), 404)
    assert_error(client.get(f"{path}deliveries/"), 404)
    assert WebhookSubscription.objects.filter(pk=hook.pk, active=True).exists()


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://example.org/hook", "url_scheme"),
        ("http://10.0.0.1/hook", "url_internal"),
        ("http://169.254.169.254/latest/meta-data", "url_internal"),
        ("http://[fd00::1]/hook", "url_internal"),
        ("http://user:pass@127.0.0.1/hook", "url_credentials"),
        ("http://no-such-host.invalid/hook", "url_unresolvable"),
        ("not a url", "url_invalid"),
    ],
)
def test_bad_webhook_urls_are_refused(account: Any, url: str, code: str):
    response = client_as(account).post(WEBHOOKS, {"url": url, "kinds": ["transition"]}, format="json")

    assert_error(response, 400, code)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/hook", "http://localhost:8000/hook"])
def test_loopback_targets_are_refused_outside_tests(account: Any, settings: Any, url: str):
    settings.WEBHOOKS_ALLOW_LOOPBACK = False

    response = client_as(account).post(WEBHOOKS, {"url": url, "kinds": ["transition"]}, format="json")

    assert_error(response, 400, "url_internal")


def test_unknown_kinds_and_fields_are_refused(account: Any):
    client = client_as(account)

    assert_error(client.post(WEBHOOKS, {"url": "http://127.0.0.1/", "kinds": []}, format="json"), 400)
    assert_error(client.post(WEBHOOKS, {"url": "http://127.0.0.1/", "kinds": ["nope"]}, format="json"), 400)
    assert_error(
        client.post(
            WEBHOOKS, {"url": "http://127.0.0.1/", "kinds": ["transition"], "owner": 1}, format="json"
        ),
        400,
        "unknown_field",
    )
    assert_error(
        client.post(
            WEBHOOKS, {"url": "http://127.0.0.1/", "kinds": ["transition"], "secret": "short"}, format="json"
        ),
        400,
        "secret_invalid",
    )


def test_deliveries_are_listed_with_their_status(world: World, account: Any):
    client = client_as(account)
    hook = client.post(
        WEBHOOKS, {"url": "http://127.0.0.1:9/", "kinds": ["transition"]}, format="json"
    ).json()
    draft = complete_draft(world)

    listed = client.get(f"{WEBHOOKS}{hook['id']}/deliveries/").json()["results"]

    delivery = WebhookDelivery.objects.get()
    assert [(d["id"], d["event_kind"], d["status"], d["attempts"]) for d in listed] == [
        (str(delivery.pk), "transition", "pending", 0)
    ]
    assert delivery.payload["event"]["submission"] == draft.pk

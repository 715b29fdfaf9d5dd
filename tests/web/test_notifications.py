"""The inbox and the preferences: each user sees and changes only his own."""

from __future__ import annotations

from notifications.models import Notification
from notifications.services import preferences_for


def test_the_reviewer_finds_the_submission_in_his_inbox_and_the_header_counts_it(
    world, as_user, submitted
) -> None:
    response = as_user(world.reviewer).get("/notifikasi/")

    items = response.context["page"].rows
    assert items
    assert all(item.recipient_id == world.reviewer.pk for item in items)
    assert f'id="unread-count">{len(items)}' in response.content.decode()


def test_marking_a_notification_read_clears_it(world, as_user, submitted) -> None:
    item = Notification.objects.filter(recipient=world.reviewer).earliest("id")

    response = as_user(world.reviewer).post(f"/notifikasi/{item.pk}/baca/")

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.read_at is not None


def test_marking_read_with_htmx_returns_the_updated_item(world, as_user, submitted) -> None:
    item = Notification.objects.filter(recipient=world.reviewer).earliest("id")

    response = as_user(world.reviewer).post(f"/notifikasi/{item.pk}/baca/", headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert f'id="notif-{item.pk}"' in response.content.decode()
    assert "Tandai sudah dibaca" not in response.content.decode()
    remaining = Notification.objects.filter(recipient=world.reviewer, read_at__isnull=True).count()
    shown = remaining or ""  # none unread: the count is empty (and hidden)
    assert f'hx-swap-oob="true" id="unread-count">{shown}<' in response.content.decode()


def test_another_users_notification_is_404_and_stays_unread(world, as_user, submitted) -> None:
    item = Notification.objects.filter(recipient=world.reviewer).earliest("id")

    assert as_user(world.drafter).post(f"/notifikasi/{item.pk}/baca/").status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_mark_all_read_touches_only_my_notifications(world, as_user, submitted) -> None:
    as_user(world.reviewer).post("/notifikasi/baca-semua/")

    assert not Notification.objects.filter(recipient=world.reviewer, read_at__isnull=True).exists()
    assert Notification.objects.exclude(recipient=world.reviewer).filter(read_at__isnull=True).exists()


def test_preferences_are_saved_per_kind(world, as_user) -> None:
    client = as_user(world.drafter)
    form = client.get("/notifikasi/preferensi/").context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data["return_to_drafter"] = "digest"

    assert client.post("/notifikasi/preferensi/", data).status_code == 302
    assert preferences_for(user=world.drafter)["return_to_drafter"] == "digest"


def test_an_unknown_delivery_is_refused_with_a_message(world, as_user) -> None:
    response = as_user(world.drafter).post("/notifikasi/preferensi/", {"submit": "sms"})

    assert response.status_code == 400
    assert preferences_for(user=world.drafter)["submit"] == "email"


def _in_app_rows(user, how_many: int) -> None:
    Notification.objects.bulk_create(
        Notification(
            kind="submit",
            recipient=user,
            event_key=f"page:{n}",
            idempotency_key=f"page:{n}:{user.pk}",
            delivery="in_app",
            subject=f"Pemberitahuan {n}",
            body_text="-",
            body_html="-",
            status="in_app",
        )
        for n in range(how_many)
    )


def test_the_inbox_pages_on_with_a_cursor_without_repeating_or_skipping_a_row(world, as_user) -> None:
    _in_app_rows(world.reviewer, 30)
    client = as_user(world.reviewer)

    first = client.get("/notifikasi/")
    cursor = first.context["page"].next_cursor
    second = client.get("/notifikasi/", {"kursor": cursor})

    shown = [row.pk for row in first.context["page"].rows] + [row.pk for row in second.context["page"].rows]
    expected = list(
        Notification.objects.filter(recipient=world.reviewer)
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)
    )
    assert len(first.context["page"].rows) == 25
    assert shown == expected
    assert second.context["page"].next_cursor is None
    assert 'rel="prev"' in second.content.decode()


def test_a_forged_inbox_cursor_shows_the_first_page(world, as_user) -> None:
    _in_app_rows(world.reviewer, 3)

    response = as_user(world.reviewer).get("/notifikasi/", {"kursor": "bukan-kursor"})

    assert response.status_code == 200
    assert len(response.context["page"].rows) == 3


def test_the_header_shows_ninety_nine_plus_beyond_ninety_nine_unread(world, as_user) -> None:
    _in_app_rows(world.reviewer, 120)

    response = as_user(world.reviewer).get("/notifikasi/")

    assert 'id="unread-count">99+<' in response.content.decode()

"""Who calls the API in the benchmarks, and how they get a token."""

from __future__ import annotations

import json
import random
from typing import Any

from bench.server import HOST

ORGANISASI = "skala.i001.organisasi"
ADMIN = "skala.admin"


def token_for(port: int, username: str) -> str:
    """A token through the API's own login endpoint (the way a client gets one)."""
    import http.client

    from demo.world import DEMO_PASSWORD

    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    body = json.dumps({"username": username, "password": DEMO_PASSWORD})
    connection.request("POST", "/api/v1/auth/token/", body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    payload = response.read()
    connection.close()
    if response.status != 200:
        raise SystemExit(f"Login {username} gagal: HTTP {response.status} {payload[:200]!r}")
    return str(json.loads(payload)["token"])


def user(username: str) -> Any:
    from django.contrib.auth import get_user_model

    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise SystemExit(f"Pengguna {username} tidak ada: jalankan dulu `manage.py seed_scale`.") from None


def visible_ids(username: str, count: int, seed: int = 8) -> list[int]:
    """`count` ids the user may see, spread over the whole table (not only the newest rows)."""
    from workflow.scoping import visible_submissions

    ids = list(visible_submissions(user(username)).values_list("pk", flat=True))
    if not ids:
        raise SystemExit(f"{username} tidak melihat dokumen apa pun.")
    return random.Random(seed).sample(ids, min(count, len(ids)))

"""The benchmark helpers whose mistakes would silently skew the published numbers."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from django.db import transaction

from bench import common
from bench.network import recording


def test_percentile_takes_the_nearest_rank() -> None:
    values = [float(n) for n in range(100, 0, -1)]

    assert common.percentile(values, 0.95) == 95.0
    assert common.percentile(values, 0.50) == 50.0
    assert common.percentile([7.0], 0.99) == 7.0


@pytest.mark.django_db
def test_a_section_is_added_then_replaced_without_touching_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "RESULTS", tmp_path / "RESULTS.md")

    common.write_section("one", "First", "old numbers")
    common.write_section("two", "Second", "other numbers")
    common.write_section("one", "First", "new numbers")

    text = (tmp_path / "RESULTS.md").read_text()
    assert text.startswith("# Benchmark results")
    assert "new numbers" in text
    assert "old numbers" not in text
    assert text.count("<!-- BEGIN one -->") == 1
    assert text.index("new numbers") < text.index("other numbers")


@pytest.mark.django_db(transaction=True)
def test_the_network_probe_says_whether_a_transaction_was_open() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with recording() as network:
            with transaction.atomic(), socket.create_connection(("127.0.0.1", port)):
                pass
            with socket.create_connection(("127.0.0.1", port)):
                pass

    assert network.peers(in_transaction=True) == [f"127.0.0.1:{port}"]
    assert network.peers(in_transaction=False) == [f"127.0.0.1:{port}"]
    assert network.to_port(port) == 2

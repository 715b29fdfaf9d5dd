"""Idempotent writes: create what is missing, update only what differs, touch nothing else.

A second run of the seed therefore issues no INSERT, UPDATE or DELETE at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import models

ModelT = TypeVar("ModelT", bound=models.Model)


def ensure(model: type[ModelT], lookup: Mapping[str, Any], values: Mapping[str, Any]) -> ModelT:
    """The row matching `lookup`, created with `values` or brought up to date with them."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=changed)
    return obj

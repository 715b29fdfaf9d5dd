"""Writing generated rows straight into a table: PostgreSQL `COPY`, or plain INSERTs on SQLite.

No model instances and no query log: rows are tuples in the order of the columns the generator
supplies. Columns the generator does not know (other developers add fields) are filled from the
model: a field with a Python default gets that default, a field with a database default or a
nullable one is left out (NULL / the database's default), a blank text field gets "" as the ORM
would write; a NOT NULL column without any default
stops the generator with a message naming it, before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models

__all__ = ["JsonText", "MissingColumnError", "TableWriter"]


class JsonText(str):
    """A JSON field's value already encoded: rows that share it are not encoded again for each row."""


class MissingColumnError(RuntimeError):
    """A NOT NULL column the generator cannot fill."""


class TableWriter:
    """One table's column list, id reservation and bulk writer."""

    def __init__(self, model: type[models.Model], supplied: Sequence[str]) -> None:
        self.model = model
        self.table = model._meta.db_table
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [name for name in supplied if name not in fields]
        if unknown:
            raise MissingColumnError(f"{self.table}: kolom {', '.join(unknown)} tidak ada pada model.")
        self.supplied = list(supplied)
        self.fields = [fields[name] for name in supplied]
        self.json_positions = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
        self.filled: list[tuple[models.Field[Any, Any], Any]] = []
        missing: list[str] = []
        for name, field in fields.items():
            if name in self.supplied or field.primary_key:
                continue
            if field.has_db_default() or field.null:
                continue  # left out: the database writes its default or NULL
            if field.has_default() or (field.blank and field.empty_strings_allowed):
                # get_default() of a blank text field without a default is "", as the ORM writes it
                self.filled.append((field, field.get_db_prep_save(field.get_default(), connection)))
                continue
            missing.append(f"{self.table}.{field.column}")
        if missing:
            raise MissingColumnError(
                f"Generator data skala tidak dapat mengisi kolom NOT NULL tanpa nilai bawaan: "
                f"{', '.join(missing)} (The scale generator cannot fill these NOT NULL columns without a "
                "default: give them a default or null=True, or teach demo/scale what to write there)."
            )
        self.columns = [str(f.column) for f in self.fields] + [str(f.column) for f, _ in self.filled]
        self._constants = tuple(value for _, value in self.filled)
        self._sequence: str | None = None
        self.exclusive = False  # set while the caller holds the table's exclusive lock

    def reserve_ids(self, count: int) -> list[int]:
        """`count` fresh primary keys, taken from the table's sequence (PostgreSQL) or past MAX(id).

        With `exclusive` set (the caller holds the table's exclusive lock, so nobody else inserts)
        the block is taken in one step by moving the sequence on; otherwise one nextval per id,
        which stays correct beside other writers. A million of those cost 12 s at 1M documents.
        """
        if count == 0:
            return []
        pk = self.model._meta.pk
        assert pk is not None
        quoted, column = connection.ops.quote_name(self.table), str(pk.column)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                if self._sequence is None:
                    cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [quoted, column])
                    self._sequence = str(cursor.fetchone()[0])
                if self.exclusive:
                    cursor.execute("SELECT nextval(%s::regclass)", [self._sequence])
                    first = int(cursor.fetchone()[0])
                    cursor.execute("SELECT setval(%s::regclass, %s)", [self._sequence, first + count - 1])
                    return list(range(first, first + count))
                cursor.execute(
                    "SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [self._sequence, count]
                )
                return [row[0] for row in cursor.fetchall()]
            cursor.execute(f"SELECT COALESCE(MAX({connection.ops.quote_name(column)}), 0) FROM {quoted}")
            start = int(cursor.fetchone()[0]) + 1
            return list(range(start, start + count))

    def write(self, rows: Iterable[tuple[Any, ...]]) -> int:
        """Write the rows (values in the order of `supplied`); returns how many were written."""
        if connection.vendor == "postgresql":
            return self._copy(rows)
        return self._insert(rows)

    def _copy(self, rows: Iterable[tuple[Any, ...]]) -> int:
        connection.ensure_connection()
        raw = connection.connection  # the psycopg connection itself: no debug cursor, no query log
        assert raw is not None
        quote = connection.ops.quote_name
        sql = f"COPY {quote(self.table)} ({', '.join(quote(c) for c in self.columns)}) FROM STDIN"
        written = 0
        with raw.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                if self.json_positions:
                    row = self._json(row)
                copy.write_row(row + self._constants)
                written += 1
        return written

    def _json(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        values = list(row)
        for i in self.json_positions:
            if not isinstance(values[i], JsonText):
                values[i] = json.dumps(values[i])
        return tuple(values)

    def _insert(self, rows: Iterable[tuple[Any, ...]]) -> int:
        quote = connection.ops.quote_name
        placeholders = ", ".join(["%s"] * len(self.columns))
        sql = (
            f"INSERT INTO {quote(self.table)} ({', '.join(quote(c) for c in self.columns)}) "
            f"VALUES ({placeholders})"
        )
        prepared = [
            tuple(
                str(v) if isinstance(v, JsonText) else f.get_db_prep_save(v, connection)
                for f, v in zip(self.fields, row, strict=True)
            )
            + self._constants
            for row in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, prepared)
        return len(prepared)

"""A query whose SQL Django compiles once per process, for the respondents' most frequent request.

Compiling the background save's read (a select_related over four tables with only() and an Exists)
cost more CPU than everything else the save does in Python, on every save, to produce the same SQL
each time. A PreparedQuery compiles its queryset once per database connection settings, with a
marker value where the looked-up value goes, and then only swaps the values in: the rows become model
instances exactly as QuerySet iteration makes them (from_db, the select_related populators, the
annotations, the database converters), so callers see no difference.

Only for querysets whose SQL does not depend on the looked-up values (plain equality filters).
"""

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models.query import get_related_populators


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    slots: dict  # parameter position -> name of the value that goes there
    select: list
    col_count: int
    init_list: list
    model_fields: slice
    related_populators: list
    annotation_col_map: dict
    model: Any


class PreparedQuery:
    """build(**values) -> queryset; markers: name -> a value that cannot occur in a real lookup."""

    def __init__(self, build: Callable[..., Any], markers: dict[str, Any]):
        self._build = build
        self._markers = markers
        self._compiled: dict[tuple, _Compiled] = {}
        self._lock = threading.Lock()

    def _compile(self, using: str) -> _Compiled:
        queryset = self._build(**self._markers)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        slots = {}
        for position, param in enumerate(params):
            for name, marker in self._markers.items():
                if _same(param, marker):
                    slots[position] = name
        if sorted(slots.values()) != sorted(self._markers):
            raise ValueError("every marker must appear in the SQL parameters exactly once")
        klass_info, select = compiler.klass_info, compiler.select
        fields = klass_info["select_fields"]
        model_fields = slice(fields[0], fields[-1] + 1)
        return _Compiled(
            sql=sql,
            params=tuple(params),
            slots=slots,
            select=select,
            col_count=compiler.col_count,
            init_list=[column[0].target.attname for column in select[model_fields]],
            model_fields=model_fields,
            # Django 5.2's signature; the installed stubs already describe 6.0's (with fetch_mode). The
            # tests in tests/questionnaire/respond/test_save_read.py fail on an upgrade that changes it.
            related_populators=get_related_populators(klass_info, select, using),  # type: ignore[call-arg]
            annotation_col_map=dict(compiler.annotation_col_map or {}),
            model=klass_info["model"],
        )

    def _for(self, using: str) -> _Compiled:
        connection = connections[using]
        # The SQL depends on the backend; a test may point an alias at another database.
        key = (using, connection.vendor, connection.settings_dict["NAME"])
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key) or self._compile(using)
                self._compiled[key] = compiled
        return compiled

    def first(self, *, using: str = "default", **values):
        """The first row as a model instance (with its select_related objects), or None."""
        compiled = self._for(using)
        connection = connections[using]
        markers = self._markers
        params = list(compiled.params)
        for position, name in compiled.slots.items():
            params[position] = _prepared(params[position], markers[name], values[name])
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        row = _converted(list(row), compiled.select[: compiled.col_count], connection)
        instance = compiled.model.from_db(using, compiled.init_list, row[compiled.model_fields])
        for populator in compiled.related_populators:
            populator.populate(row, instance)
        for name, position in compiled.annotation_col_map.items():
            setattr(instance, name, row[position])
        return instance


def _same(param, marker):
    if isinstance(marker, uuid.UUID):
        return param == marker or param == marker.hex
    return type(param) is type(marker) and param == marker


def _prepared(compiled_param, marker, value):
    """The value in the form the compiled parameter had (a UUID stays a UUID or becomes hex, as there)."""
    if isinstance(marker, uuid.UUID):
        value = value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
        return value.hex if isinstance(compiled_param, str) else value
    return value


def _converted(row, columns, connection):
    """The backend's and the fields' from-database conversions, as SQLCompiler.results_iter applies them."""
    for position, (expression, _sql, _alias) in enumerate(columns):
        if not expression:
            continue
        converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
        value = row[position]
        for converter in converters:
            value = converter(value, expression, connection)
        row[position] = value
    return row

"""The background save's one read: the response and what the save needs of it, compiled once per process.

`POST /r/save/` is the respondents' most frequent request. Its read joins the response to its assessment,
organisation, model version and role; Django built that query's SQL anew on every save, and building it
(select_related, only(), the joins' columns) cost eight times as much CPU as running it. The SQL never
changes, only the response's id (and the team link's), so each process compiles it once (with Django's
own compiler, so column names, quoting and the database's value converters stay Django's) and then runs
it with the new parameters, building the same model instances select_related would.

What is read, and nothing more: the other columns are deferred, read on first use (the pages read whole rows).
"""

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Exists, ForeignKey, Model
from django.db.models.expressions import Expression

from assessments.organisations.models import Organisation, Role
from assessments.questionnaire.models import Assessment, Response, TeamLink
from models_9plus.models import ModelVersion

# Per model read: its path from the response and the fields the save reads (attnames).
_READS: tuple[tuple[type[Model], str, tuple[str, ...]], ...] = (
    (
        Response,
        "",
        ("id", "public_id", "access_key_hash", "version", "submitted_at", "language", "last_step"),
    ),
    (Assessment, "assessment", ("id", "status", "opens_at", "closes_at", "ask_ambition", "languages")),
    (Organisation, "assessment__organisation", ("id", "default_language")),
    (ModelVersion, "assessment__model_version", ("id", "content_hash", "ambition_mode")),
    (Role, "role", ("id", "is_management")),
)
# The foreign keys that tie the instances together: (model's path, attname) -> the related path.
_LINKS: tuple[tuple[str, str, str], ...] = (
    ("", "assessment_id", "assessment"),
    ("", "role_id", "role"),
    ("assessment", "organisation_id", "assessment__organisation"),
    ("assessment", "model_version_id", "assessment__model_version"),
)
# Stand-ins for the parameters while compiling: found again in the compiled query's parameters.
_PUBLIC_ID = uuid.UUID("00000000-0000-4000-8000-5a7e5a7e5a7e")
_LINK_ID = -7_517_517

Converter = Callable[[Any, Any, Any], Any]


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[Any, ...]
    public_id_at: int
    link_id_at: int | None
    converters: tuple[tuple[int, tuple[Converter, ...], Expression], ...]
    # Per model: (model, path, attnames in the model's field order, their positions in the row).
    layout: tuple[tuple[type[Model], str, tuple[str, ...], tuple[int, ...]], ...]


_COMPILED: dict[tuple[str, str, bool], _Compiled] = {}


def _attnames(model: type[Model], path: str) -> tuple[str, ...]:
    read = {name for _model, p, fields in _READS if p == path for name in fields}
    read |= {attname for p, attname, _target in _LINKS if p == path}
    # Model.from_db takes the values in the order of the model's concrete fields.
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in read)


def _compile(with_link: bool) -> _Compiled:
    columns: list[str] = []
    layout = []
    for model, path, _fields in _READS:
        attnames = _attnames(model, path)
        start = len(columns)
        columns += [f"{path}__{name}" if path else name for name in attnames]
        layout.append((model, path, attnames, tuple(range(start, len(columns)))))
    rows = Response.objects.filter(public_id=_PUBLIC_ID)
    if with_link:
        rows = rows.annotate(link_active=Exists(TeamLink.objects.filter(pk=_LINK_ID, active=True)))
        columns.append("link_active")
    compiler = rows.values_list(*columns).query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    converters = compiler.get_converters([selected[0] for selected in compiler.select[: compiler.col_count]])
    public_id = Response._meta.get_field("public_id").get_db_prep_value(_PUBLIC_ID, connection, prepared=False)
    return _Compiled(
        sql=sql,
        params=tuple(params),
        public_id_at=_position(params, public_id),
        link_id_at=_position(params, _LINK_ID) if with_link else None,
        converters=tuple((at, tuple(convs), expression) for at, (convs, expression) in converters.items()),
        layout=tuple(layout),
    )


def _position(params: Sequence[Any], value: object) -> int:
    found = [at for at, param in enumerate(params) if param == value]
    if len(found) != 1:
        raise RuntimeError(f"the save's read has {len(found)} places for one parameter")
    return found[0]


def _compiled(with_link: bool) -> _Compiled:
    key = (connection.alias, connection.vendor, with_link)
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = _COMPILED[key] = _compile(with_link)
    return compiled


def _instances(compiled: _Compiled, row: list[Any]) -> Response:
    made: dict[str, Model | None] = {}
    for model, path, attnames, positions in compiled.layout:
        values = [row[at] for at in positions]
        # A response without a role reads NULLs for the role: no role then, as select_related gives.
        missing = values[attnames.index(model._meta.pk.attname)] is None
        made[path] = None if missing else model.from_db(connection.alias, attnames, values)
    for path, attname, target in _LINKS:
        owner = made[path]
        if owner is not None:
            _foreign_key(type(owner), attname).set_cached_value(owner, made[target])
    response = made[""]
    assert isinstance(response, Response)  # the row's own columns are never NULL
    return response


def _foreign_key(model: type[Model], attname: str) -> ForeignKey[Any, Any]:
    field = model._meta.get_field(attname.removesuffix("_id"))
    assert isinstance(field, ForeignKey)
    return field


def find_saving_response(*, public_id: uuid.UUID, team_link_id: int | None = None) -> Response | None:
    """The response a background save writes to, with what the save needs (one query): whether its
    assessment is open, the model version, the languages, its role's kind, and for a team-link response
    whether that link (of the same assessment) is still active (`link_active`). Other fields are deferred
    (read on first use)."""
    compiled = _compiled(team_link_id is not None)
    params = list(compiled.params)
    params[compiled.public_id_at] = Response._meta.get_field("public_id").get_db_prep_value(
        public_id, connection, prepared=False
    )
    if compiled.link_id_at is not None:
        params[compiled.link_id_at] = team_link_id
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        found = cursor.fetchone()
    if found is None:
        return None
    row = list(found)
    for at, convs, expression in compiled.converters:
        value = row[at]
        for convert in convs:
            value = convert(value, expression, connection)
        row[at] = value
    response = _instances(compiled, row)
    if compiled.link_id_at is not None:
        response.link_active = bool(row[-1])  # type: ignore[attr-defined]
    return response

"""SQL expressions that read the same on both backends (SQLCipher and PostgreSQL).

``among`` is ``column IN ids`` in one parameter on PostgreSQL.

``smaller``, ``larger`` and ``whole_part`` are SQLite's two-argument ``min``/``max`` and PostgreSQL's
``least``/``greatest``, and the integer part of a number that is not negative (SQLite has no ``floor`` unless built
with its mathematical functions, and SQLCipher's is not).

``day_number`` gives a date column as its day number (Python's ``date.toordinal()``), computed by the database:
reading thousands of dates as plain integers spares each row the parsing of a date (SQLite stores text), which the
board measured as a fifth of its reading of the running episodes.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import ColumnElement, Integer, SQLColumnExpression, any_, literal
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

_JULIAN_DAY_OF_ORDINAL_ZERO = 1721424.5
"""SQLite's julianday() of the day before 0001-01-01, day number 1 of Python's proleptic Gregorian calendar."""


class smaller(FunctionElement[Any]):  # noqa: N801
    """The smaller of two values, neither NULL (the backends differ on NULL: never give one)."""

    inherit_cache = True
    name = "smaller"


class larger(FunctionElement[Any]):  # noqa: N801
    """The larger of two values, neither NULL (the backends differ on NULL: never give one)."""

    inherit_cache = True
    name = "larger"


class whole_part(FunctionElement[int]):  # noqa: N801
    """The integer part of a number that is not negative (of a negative one: not defined, never asked)."""

    type = Integer()
    inherit_cache = True
    name = "whole_part"


def _written_as(element: type[FunctionElement[Any]], *, sqlite: str, postgresql: str) -> None:
    """Compile ``element`` on each backend from a template around its arguments (``{}``)."""
    for dialect, template in (("sqlite", sqlite), ("postgresql", postgresql)):

        def write(node: FunctionElement[Any], compiler: SQLCompiler, _template: str = template, **kw: Any) -> str:
            return _template.format(compiler.process(node.clauses, **kw))

        compiles(element, dialect)(write)


_written_as(smaller, sqlite="min({})", postgresql="least({})")
_written_as(larger, sqlite="max({})", postgresql="greatest({})")
_written_as(whole_part, sqlite="CAST({} AS INTEGER)", postgresql="CAST(floor({}) AS INTEGER)")


class day_number(FunctionElement[int]):  # noqa: N801 (a SQL function reads in lower case, as func.* do)
    """A date as ``date.toordinal()`` would give it (NULL stays NULL)."""

    type = Integer()
    inherit_cache = True
    name = "day_number"


@compiles(day_number, "sqlite")
def _sqlite_day_number(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(julianday({compiler.process(element.clauses, **kw)}) - {_JULIAN_DAY_OF_ORDINAL_ZERO} AS INTEGER)"


@compiles(day_number, "postgresql")
def _postgresql_day_number(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    return f"(({compiler.process(element.clauses, **kw)}) - DATE '0001-01-01' + 1)"


def among(
    session: Session, column: SQLColumnExpression[int] | SQLColumnExpression[int | None], ids: Collection[int]
) -> ColumnElement[bool]:
    """``column IN ids``; on PostgreSQL ``column = ANY(array)``: one parameter, not one per id.

    An IN list of hundreds of placeholders is parsed anew by the driver at every query (its cache keeps short
    statements only): a third of the time a page of the household list took on the server, a sixth of the board's.
    """
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(literal(list(ids), postgresql.ARRAY(Integer)))
    return column.in_(ids)

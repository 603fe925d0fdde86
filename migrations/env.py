"""Alembic environment: migrations always run on a connection the application already opened and keyed.

There is no alembic.ini and no URL: the caller (``caseworker.storage.migrations``) passes an open SQLCipher
connection through ``config.attributes["connection"]``.
"""

from alembic import context

from caseworker.models import Base
from caseworker.models.base import UtcDateTime
from caseworker.storage.migrations import SCHEMA_COMPARISON


def _render_item(type_, obj, autogen_context):
    """Render application column types as plain SQLAlchemy types: migrations must not import app code."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime()"
    return False


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("caseworker migrations run in-process on an unlocked database: use `caseworker db upgrade`.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_item=_render_item,
    **SCHEMA_COMPARISON,
)
with context.begin_transaction():
    context.run_migrations()

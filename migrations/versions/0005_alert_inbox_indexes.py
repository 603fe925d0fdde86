"""Alert inbox indexes: newest first overall, by type and by landlord.

The Alertes inbox reads the newest alerts first, optionally for one type or one landlord; with an index whose last
column is ``received_at`` SQLite walks it backwards and stops at the page limit instead of sorting every match. The
composite indexes replace the single-column ones on ``alert_type_id`` and ``landlord_id`` (they serve the same
look-ups).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_alert_alert_type_id", table_name="alert")
    op.drop_index("ix_alert_landlord_id", table_name="alert")
    op.create_index("ix_alert_received", "alert", ["received_at"])
    op.create_index("ix_alert_type_received", "alert", ["alert_type_id", "received_at"])
    op.create_index("ix_alert_landlord_received", "alert", ["landlord_id", "received_at"])


def downgrade() -> None:
    op.drop_index("ix_alert_landlord_received", table_name="alert")
    op.drop_index("ix_alert_type_received", table_name="alert")
    op.drop_index("ix_alert_received", table_name="alert")
    op.create_index("ix_alert_landlord_id", "alert", ["landlord_id"])
    op.create_index("ix_alert_alert_type_id", "alert", ["alert_type_id"])

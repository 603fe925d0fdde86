"""When each household was last reached, kept by the database from the contact log (docs/domain.md §11.1).

The board lists the households past the no-contact threshold of their intensity. Finding them meant grouping the
successful contacts of the last weeks per household at every reading (tens of thousands of rows on 10,000
households, half of the board's time). ``household_last_contact`` holds, per household, the moment of its latest
contact whose outcome is *reached*; the board compares it with the thresholds in one query.

Triggers keep it, on both backends, whatever writes the log (the application, the demo, a copy to the server): a
contact added pushes the moment forward; a contact changed (its household, moment or outcome) or deleted has its
households' moments read again from their contacts; an outcome whose kind changes has them all read again. On the
team's server the trigger functions run with the owner's rights: a person's row rules would hide contacts from the
reading, and people may not write the table themselves (``server_admin.DERIVED_TABLES``).

The table is filled from the contacts already there.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REACHED = "'reached'"

_LAST_OF = (
    "SELECT c.household_id, max(c.occurred_at) FROM contact c JOIN contact_outcome o ON o.id = c.outcome_id "
    f"WHERE o.kind = {REACHED} AND EXISTS (SELECT 1 FROM household h WHERE h.id = c.household_id)"
)
"""Each household's latest successful contact (narrowed to one household by the callers). Only a household that
exists: a store whose foreign keys were once off may hold contacts of none, which must not stop the upgrade."""

_FILL = f"INSERT INTO household_last_contact (household_id, reached_at) {_LAST_OF} GROUP BY c.household_id"


def _again(household: str) -> str:
    """The statements that read ``household``'s moment again from its contacts."""
    return (
        f"DELETE FROM household_last_contact WHERE household_id = {household}; "
        "INSERT INTO household_last_contact (household_id, reached_at) "
        f"{_LAST_OF} AND c.household_id = {household} GROUP BY c.household_id;"
    )


_PUSH = (
    "INSERT INTO household_last_contact (household_id, reached_at) VALUES (NEW.household_id, NEW.occurred_at) "
    "ON CONFLICT (household_id) DO UPDATE SET reached_at = excluded.reached_at "
    "WHERE excluded.reached_at > household_last_contact.reached_at;"
)
"""A successful contact added: its household's moment moves forward if it is later."""

_IS_REACHED = f"EXISTS (SELECT 1 FROM contact_outcome WHERE id = NEW.outcome_id AND kind = {REACHED})"

SQLITE_TRIGGERS = (
    f"CREATE TRIGGER household_last_contact_insert AFTER INSERT ON contact WHEN {_IS_REACHED} BEGIN {_PUSH} END",
    "CREATE TRIGGER household_last_contact_update AFTER UPDATE OF household_id, occurred_at, outcome_id ON contact "
    f"BEGIN {_again('OLD.household_id')} {_again('NEW.household_id')} END",
    f"CREATE TRIGGER household_last_contact_delete AFTER DELETE ON contact BEGIN {_again('OLD.household_id')} END",
    "CREATE TRIGGER household_last_contact_outcome AFTER UPDATE OF kind ON contact_outcome "
    f"BEGIN DELETE FROM household_last_contact; {_FILL}; END",
)

_DEFINER = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog"

LOCK_SPACE = 22
"""The first key of the advisory locks a household's recount takes on the server (the second is the household)."""

_TAKE_TURNS = (
    # Two sessions writing one household's contacts at once (a colleague corrects a contact while another deletes
    # one) recount it in turn: without that, the later recount could miss the earlier one's row, or the two could
    # insert it twice. Each statement after the lock reads what the other committed. Households in id order.
    f"IF TG_OP = 'INSERT' THEN PERFORM pg_advisory_xact_lock({LOCK_SPACE}, NEW.household_id); "
    "ELSIF TG_OP = 'UPDATE' THEN "
    f"PERFORM pg_advisory_xact_lock({LOCK_SPACE}, least(OLD.household_id, NEW.household_id)); "
    f"PERFORM pg_advisory_xact_lock({LOCK_SPACE}, greatest(OLD.household_id, NEW.household_id)); "
    f"ELSE PERFORM pg_advisory_xact_lock({LOCK_SPACE}, OLD.household_id); END IF; "
)

POSTGRESQL_STATEMENTS = (
    f"CREATE FUNCTION caseworker_last_contact_again(wanted integer) RETURNS void {_DEFINER} AS $$ BEGIN "
    f"{_again('wanted')} END $$",
    "REVOKE ALL ON FUNCTION caseworker_last_contact_again(integer) FROM PUBLIC",
    f"CREATE FUNCTION caseworker_contact_last_reached() RETURNS trigger {_DEFINER} AS $$ BEGIN {_TAKE_TURNS}"
    f"IF TG_OP = 'INSERT' THEN IF {_IS_REACHED} THEN {_PUSH} END IF; RETURN NULL; END IF; "
    "PERFORM caseworker_last_contact_again(OLD.household_id); "
    "IF TG_OP = 'UPDATE' AND NEW.household_id IS DISTINCT FROM OLD.household_id THEN "
    "PERFORM caseworker_last_contact_again(NEW.household_id); END IF; "
    "RETURN NULL; END $$",
    "REVOKE ALL ON FUNCTION caseworker_contact_last_reached() FROM PUBLIC",
    "CREATE TRIGGER household_last_contact AFTER INSERT OR DELETE OR UPDATE OF household_id, occurred_at, outcome_id "
    "ON contact FOR EACH ROW EXECUTE FUNCTION caseworker_contact_last_reached()",
    # Every household recounted: no household's recount runs meanwhile (each writes the table, which this locks).
    f"CREATE FUNCTION caseworker_last_contacts_again() RETURNS trigger {_DEFINER} AS $$ BEGIN "
    f"LOCK TABLE household_last_contact IN SHARE ROW EXCLUSIVE MODE; DELETE FROM household_last_contact; {_FILL}; "
    "RETURN NULL; END $$",
    "REVOKE ALL ON FUNCTION caseworker_last_contacts_again() FROM PUBLIC",
    "CREATE TRIGGER household_last_contact_outcome AFTER UPDATE OF kind ON contact_outcome "
    "FOR EACH STATEMENT EXECUTE FUNCTION caseworker_last_contacts_again()",
)


def upgrade() -> None:
    op.create_table(
        "household_last_contact",
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("reached_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["household.id"], name=op.f("fk_household_last_contact_household_id_household")
        ),
        sa.PrimaryKeyConstraint("household_id", name=op.f("pk_household_last_contact")),
    )
    op.execute(_FILL)
    statements = POSTGRESQL_STATEMENTS if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER household_last_contact_outcome ON contact_outcome")
        op.execute("DROP TRIGGER household_last_contact ON contact")
        op.execute("DROP FUNCTION caseworker_last_contacts_again()")
        op.execute("DROP FUNCTION caseworker_contact_last_reached()")
        op.execute("DROP FUNCTION caseworker_last_contact_again(integer)")
    else:
        for trigger in ("insert", "update", "delete", "outcome"):
            op.execute(f"DROP TRIGGER household_last_contact_{trigger}")
    op.drop_table("household_last_contact")

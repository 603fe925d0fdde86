"""Autogenerate a new Alembic revision against a throw-away in-memory database at head.

Usage: python scripts/new_migration.py "what changes"   (or: make migration m="what changes")
The result is a draft: read it, fix what autogenerate cannot see, add seeds by hand.
"""

import sys

from alembic import command
from sqlalchemy import create_engine

from caseworker.storage import migrations


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    message = sys.argv[1]
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        known = migrations.known_revisions() if migrations.script_directory().get_current_head() else set()
        if known:
            migrations.upgrade_to_head(connection)
        next_id = f"{len(known) + 1:04d}"
        config = migrations.alembic_config(connection)
        command.revision(config, message=message, autogenerate=True, rev_id=next_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The encrypted case store: SQLCipher engine, keys, key file, backups and migrations (Qt-free)."""

"""Performance measurements on a realistic synthetic dataset (``make bench``; not part of the test suite)."""

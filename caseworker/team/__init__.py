"""Team mode: the server, its people and the laptops that join it."""

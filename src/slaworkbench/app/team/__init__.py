"""Team mode: connecting to a shared server, remembering its password."""

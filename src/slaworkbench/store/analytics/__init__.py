"""store.analytics."""

"""store.policies."""

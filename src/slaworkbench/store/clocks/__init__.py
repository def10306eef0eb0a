"""store.clocks."""

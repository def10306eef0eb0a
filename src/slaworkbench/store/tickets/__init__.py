"""store.tickets."""

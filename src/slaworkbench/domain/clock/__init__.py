"""domain.clock."""

"""domain.calendar."""

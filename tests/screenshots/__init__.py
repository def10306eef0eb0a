"""Scripts that regenerate the pictures in docs/screenshots; ``make screenshots`` runs
every ``make_*.py`` here. Not collected by pytest: no ``test_`` names."""

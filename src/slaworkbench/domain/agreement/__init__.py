"""Service agreements: availability, satisfaction, service credits and goal suggestions
(pure Python and numpy; no Qt, no SQLAlchemy)."""

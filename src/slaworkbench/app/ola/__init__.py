"""Team agreements (OLAs): saving and reading each team's targets, and who held the clock."""

"""Rolling backups of the workspace while the window is open, and restoring one."""

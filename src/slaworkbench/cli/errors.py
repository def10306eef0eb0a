"""The one error type command-line handlers raise: its text is the one-line reason."""


class CommandError(Exception):
    """A failure the user can act on; ``slaworkbench`` prints it and exits with 1."""

"""What the tests share: seeded workspaces, reference implementations, fixtures.

Test modules import helpers from here and never from one another; the modules that
define fixtures are loaded as pytest plugins by ``tests/conftest.py``.
"""

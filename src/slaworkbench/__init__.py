"""SLA Workbench: track support tickets against their service level agreements."""

__version__ = "0.1.0"

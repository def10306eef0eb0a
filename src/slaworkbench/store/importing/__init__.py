"""Importers and exporters: CSV event logs and ticket tables in, tickets with clocks out.

Reading (``csv_source``), mapping presets (``presets``), the two importers
(``event_log``, ``ticket_csv``) produce plain ``TicketRecord`` objects (``records``);
``bulk`` writes them in one transaction; ``export`` writes tickets with their clocks.
"""

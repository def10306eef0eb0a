"""The demo workspace's fixed catalogues: names, weights and targets (``app.demo``).

Changing a value here changes every demo generated from a seed; the order of tuples
matters, because random draws index into them.
"""

from __future__ import annotations

OFFICE_CALENDAR = "Demo office (Lisbon)"
OFFICE_ZONE = "Europe/Lisbon"
AUTHOR = "demo generator"
CHUNK = 10_000
GENERATION = 2
"""Raised whenever the same seed makes other tickets (2: numbered in the order they were
opened), so that workspaces cached by seed (the benchmarks') are made again."""
HOUR = 3600
DAY = 86_400

NASTY_SUBJECTS = (
    "<b>x</b> & <img src=x>",
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "@import url(http://x) -- \"quoted\", 'single' ; DROP TABLE tickets;",
    "Ünïcödé ✓ 日本語 — right-to-left: שלום",
)
PRIORITIES = ("urgent", "high", "normal", "low")
PRIORITY_WEIGHTS = (0.04, 0.16, 0.55, 0.25)
FIRST_RESPONSE_TARGET = {"urgent": 1 * HOUR, "high": 2 * HOUR, "normal": 4 * HOUR, "low": 8 * HOUR}
RESOLUTION_TARGET = {"urgent": 8 * HOUR, "high": 16 * HOUR, "normal": 40 * HOUR, "low": 80 * HOUR}
TIERS = ("enterprise", "business", "standard")
TEAMS = {
    "Service Desk": ("Ana Costa", "Bruno Silva", "Carla Mendes", "Diogo Reis", "Eva Lopes"),
    "Network": ("Filipe Rocha", "Gita Rao", "Hugo Nunes"),
    "Applications": ("Inês Martins", "João Pires", "Kenji Sato", "Lena Vogel"),
    "Billing": ("Marta Sousa", "Nuno Alves"),
    "Hardware": ("Olga Ivanova", "Paulo Teixeira", "Quentin Moreau"),
}
CATEGORIES = {
    "access": ("Service Desk", ("Cannot log in to {product}", "Password reset for {product}")),
    "network": ("Network", ("VPN drops every few minutes", "Slow connection at {site}")),
    "software": ("Applications", ("{product} crashes on start", "Error 500 in {product}")),
    "billing": ("Billing", ("Invoice {number} is wrong", "Refund for order {number}")),
    "hardware": ("Hardware", ("Laptop does not charge", "Printer on floor {floor} jams")),
    "how-to": ("Service Desk", ("How do I export reports from {product}?", "Add a user")),
}
CATEGORY_NAMES = tuple(CATEGORIES)
CATEGORY_WEIGHTS = (0.22, 0.14, 0.24, 0.14, 0.10, 0.16)
CHANNELS = ("email", "web", "phone", "chat")
CHANNEL_WEIGHTS = (0.45, 0.25, 0.15, 0.15)
TAGS = ("vip", "bug", "outage", "follow-up", "onboarding", "security", "mobile")
PRODUCTS = ("Atlas CRM", "Billing portal", "Mail", "Timesheets", "Warehouse app")
SITES = ("Lisbon", "Porto", "Madrid", "Berlin")
COMPANY_WORDS = (
    (
        "Acme",
        "Globex",
        "Initech",
        "Umbrella",
        "Stark",
        "Wayne",
        "Hooli",
        "Vandelay",
        "Nimbus",
        "Orbit",
        "Cobalt",
        "Juniper",
        "Maple",
        "Quartz",
        "Harbor",
    ),
    ("Logistics", "Retail", "Health", "Foods", "Energy", "Labs", "Travel", "Media"),
)
# Relative ticket volume by weekday (Mon..Sun) and by local hour of day.
WEEKDAY_WEIGHTS = (1.25, 1.15, 1.1, 1.05, 0.95, 0.3, 0.2)
HOUR_WEIGHTS = (
    0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 3.6, 3.8, 3.2,
    2.2, 2.8, 3.4, 3.3, 2.9, 2.2, 1.3, 0.8, 0.6, 0.5, 0.4, 0.3,
)  # fmt: skip
SURVEY_COLUMNS = ("ticket_id", "kind", "score", "answered_at")
SERVICES = (("Mail", 0.999), ("VPN", 0.995), ("Billing portal", 0.999), ("Customer API", 0.9995))

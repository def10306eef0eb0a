"""Service agreements in the store: versions, reviews, services, outages, survey answers."""

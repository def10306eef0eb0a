"""Service agreements on screen: the agreement editor, services and outages, survey
answers (in the ticket's detail pane and from CSV), reviews."""

"""One screen per module; :data:`SCREENS` maps each flow screen to its widget class."""

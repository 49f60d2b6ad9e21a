"""The dashboard's widgets: the story list, the card line, the story panels, text helpers."""

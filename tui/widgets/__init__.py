"""The dashboard's widgets: the story list, the story panels, text helpers."""

"""The engine: everything that is not the screen. Never imports textual."""

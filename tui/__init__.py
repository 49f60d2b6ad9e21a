"""The terminal face of Wirewatch: the Textual dashboard and the command line."""

"""The dashboard's screens: the dashboard, the article reader, the help."""

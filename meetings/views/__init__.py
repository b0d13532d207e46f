"""Views of the meetings app, by subject; thin: validate a form, call one service."""

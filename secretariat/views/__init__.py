"""Views of the secretariat, one module per area; each view validates, calls one service, reports."""

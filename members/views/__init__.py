"""Views of the members app, by area: applications, reviews, directory and files, offices, public."""

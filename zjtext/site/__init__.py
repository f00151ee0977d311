"""The site stage: run notebooks, render every HTML page from one template set, one display vocabulary."""

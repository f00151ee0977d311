"""The site: notebooks run on reports (papermill) and exported as shareable HTML pages (nbconvert).

``run`` orchestrates a run (which notebooks, where their outputs go, what is compared); the pages
themselves are built by ``pages``.
"""

"""The site stage: notebooks run on reports (papermill, ``run``) and exported as shareable HTML pages
rendered from one template set with one display vocabulary (``pages``)."""

"""The website stage: the model and document tree in, Markdown pages and the built HTML out.

`pages` writes the Markdown (with `markdown_writer`), `mkdocs_run` builds it with MkDocs in a
process of its own, and `serve` shows the site locally and rebuilds on change.
"""

"""The website stage: the model and document tree in, Markdown pages and the built HTML out.

`pages` writes the Markdown (with `markdown_writer`, and `tables` for HTML tables with row and
group headers), `navigation` decides the menu and what the archive says, `downloads` the
buttons and their sizes, `dates` each page's "Senast uppdaterad"; `mkdocs_run` builds it with
MkDocs in a process of its own, and `serve` shows the site locally and rebuilds on change.
"""

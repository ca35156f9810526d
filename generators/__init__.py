"""styrdok: the steering documents of a samordningsförbund (lag 2003:1210) as structured data.

The flow runs one way, one subpackage per stage: `content` (YAML -> validated model and its
findings) -> `document` (the tree both outputs draw) -> `word`, `pdf` and `web` (Word and PDF files, the site's
Markdown and HTML) -> `build` (the one place that writes). `changes` compares versions;
`authoring` writes content files (new revisions, decisions, imports).
"""

from pathlib import Path

__version__ = "0.1.0"

ROOT = Path(__file__).resolve().parent.parent
"""The project folder: templates/, site/ and mkdocs.yml beside the code."""

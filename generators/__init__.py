"""styrdok: the steering documents of Samordningsförbundet RAR i Sörmland as structured data."""

__version__ = "0.1.0"

"""The Word stage: the document tree in, .docx bytes out (and .docx files read back).

`styles` builds the reference document, `oxml` holds the raw XML (fields, numbering, tracked
changes), `writer` (with `front_matter` for the cover and contents) and `tracked` (with `pairing`
for which lines of two versions are one) draw the tree on it, `output` says which file gets what.
"""

"""The Word stage: the document tree in, .docx bytes out (and .docx files read back).

`styles` builds the reference document, `oxml` holds the raw XML (fields, numbering, tracked
changes), `writer` and `tracked` draw the tree on it, `output` says which file gets what.
"""

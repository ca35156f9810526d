"""The PDF stage: the document tree in, tagged PDF/UA-1 bytes out, typeset by Typst.

`markup` turns the tree into Typst markup (every content string through one escaping
function), `typeset` compiles it with the bundled fonts and reads the layout back (the page
of each heading, which the Word contents page prints), `output` says which file gets what.
The page, type and blocks are in templates/pdf/style.typ.
"""

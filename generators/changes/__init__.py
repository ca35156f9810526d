"""Changes between versions: two models in, a list of changes and its report out.
`diff` matches items by id and wording and `report` says it in Swedish. Writing content files
(new revisions, decisions, imports) is the `authoring` stage's.
"""

"""Changes between versions: two models in, a list of changes and its report out.

`diff` matches items by id and wording, `report` says it in Swedish, `revision` starts a new
draft from a version, and `importing` turns a Word file into a draft.
"""

"""Writing content: the commands that make or change a content file, each keeping every line it
does not change byte for byte. `revision` starts a new draft from a version (`rolling` moves it
to a new period), `adoption` records the board's decision, `importing` turns a Word file into a
draft (`outline`, `parts` and `budget_table` read its structure), and `editing` is the in-place
YAML editor they share. `review_start` starts the year's annual review (`new-review`) and
`follow_up` reads its figures from spreadsheets and the national follow-up's CSV.
"""

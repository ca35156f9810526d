"""The content stage: YAML files under content/ in, a validated model and its findings out.

`reading` parses YAML safely with line and column, `loading` validates it into `model` (or
gives every error at once), and `checks` with `budget_checks`, `integrity`, `acknowledgements` and
`severity` report findings.
"""

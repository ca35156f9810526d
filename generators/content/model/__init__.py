"""The content model: what a plan version, an annual review and the organisation are.

Python names are English; the YAML keys (aliases) are the Swedish words the office edits.
The model is strict: unknown keys and wrong types are errors. It never imports yaml, jinja2
or docx; loading and rendering live elsewhere.
"""

from __future__ import annotations

from .blocks import (
    BLOCK_KINDS,
    Block,
    Goal,
    Item,
    ListItem,
    Principle,
    Section,
    Share,
    SubGoal,
    Table,
    TargetGroup,
    Wish,
)
from .budget import (
    Budget,
    BudgetPart,
    BudgetRow,
    BudgetTotal,
    Project,
    ProjectTable,
    ProjectTotal,
)
from .common import ID_MAX_LENGTH, Amount, Date, Funder, Id, Status, Strict, Unit, Year, id_problem
from .organisation import (
    Contact,
    FormerName,
    Funding,
    FundingShare,
    GlossaryTerm,
    Member,
    Organisation,
)
from .review import (
    AnnualReview,
    BudgetFollowUp,
    EffortDecision,
    Figures,
    GoalFollowUp,
    KeyFigure,
    LastRead,
    MemberFollowUp,
)
from .versions import (
    Acknowledgement,
    Adoption,
    Deviation,
    HasSections,
    PlanVersion,
    Source,
    VersionBase,
)

Version = PlanVersion | AnnualReview

__all__ = [
    "Contact",
    "Acknowledgement",
    "Adoption",
    "Amount",
    "AnnualReview",
    "BLOCK_KINDS",
    "Block",
    "Budget",
    "BudgetFollowUp",
    "BudgetPart",
    "BudgetRow",
    "BudgetTotal",
    "Date",
    "Deviation",
    "EffortDecision",
    "Figures",
    "FormerName",
    "Funder",
    "Funding",
    "FundingShare",
    "GlossaryTerm",
    "Goal",
    "GoalFollowUp",
    "HasSections",
    "Id",
    "ID_MAX_LENGTH",
    "id_problem",
    "Item",
    "KeyFigure",
    "LastRead",
    "ListItem",
    "Member",
    "MemberFollowUp",
    "Organisation",
    "PlanVersion",
    "Principle",
    "Project",
    "ProjectTable",
    "ProjectTotal",
    "Section",
    "Share",
    "Source",
    "Status",
    "Strict",
    "SubGoal",
    "Table",
    "TargetGroup",
    "Unit",
    "Version",
    "VersionBase",
    "Wish",
    "Year",
]

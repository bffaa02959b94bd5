"""Comment themes in the demo: the suggested themes, half of the keyword suggestions accepted (the other
half left for the visitor to accept or reject) and a few quotes picked for the report, all through the
same services a manager uses. Running it again changes nothing."""

from assessments.comments import services
from assessments.comments.models import CUSTOMERS
from assessments.comments.selectors.board import comment_board, factor_scopes
from assessments.questionnaire.models import Assessment

PICKED_FACTORS = 4  # the first factors (in model order) with a tagged comment get one quote each


def seed_themes(*, assessment: Assessment) -> None:
    scopes = [s.code for s in factor_scopes(assessment=assessment, language="nl")] + [CUSTOMERS]
    services.add_starter_themes(organisation=assessment.organisation, scopes=scopes, actor=None)
    board = comment_board(assessment=assessment, language="nl")
    picked: set[str] = set()
    for number, row in enumerate(board.rows):
        if not row.suggestions or row.themes or number % 2:
            continue
        target = services.Target(
            scope=row.scope, comment_id=row.comment_id, customer_response_id=row.customer_response_id
        )
        services.tag(assessment=assessment, target=target, theme=row.suggestions[0].theme)
        factors_picked = len(picked - {CUSTOMERS})
        if row.scope not in picked and (row.scope == CUSTOMERS or factors_picked < PICKED_FACTORS):
            services.set_picked(assessment=assessment, target=target, picked=True)
            picked.add(row.scope)

"""Units: added by an admin (console) or the operator (`loa unit add`), each one audited."""

from __future__ import annotations

from bot.domain import units
from bot.domain.audit import Action, record
from bot.services import Refused, Scope
from bot.services.people import may_manage_people
from bot.store.models import Unit


async def add_unit(scope: Scope, name: str, parent_code: str | None, code: str | None = None) -> Unit:
    """A new unit under `parent_code` (None: at the top); its code is made from the name unless
    given."""
    if not may_manage_people(scope):
        raise Refused("errors.not_allowed")
    try:
        unit = await units.add_unit(scope.session, scope.clock, name, parent_code, code)
    except units.UnitError as exc:
        raise Refused("web.unit_refused", reason=str(exc)) from None
    await record(scope.session, scope.clock, scope.actor, Action.UNIT_ADDED, "unit", unit.id,
                 code=unit.code, unit_name=unit.name, parent=parent_code)
    return unit

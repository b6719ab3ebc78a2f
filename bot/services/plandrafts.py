"""Official plans made campaigns on the web console: the draft kept in the database while an
admin checks it (a restart or a second process loses nothing), loaded through `load_campaign`
like any campaign file. Importing, loading and discarding are in the audit log."""

from __future__ import annotations

from typing import Any

from bot.domain.audit import Action, ActorKind, record
from bot.domain.campaigns import CampaignFile
from bot.domain.officers import has_role
from bot.services import Refused, Scope
from bot.services.campaigns import Loaded, load_campaign
from bot.store.models import PlanDraft, Role


def _admin_only(scope: Scope) -> None:
    if scope.actor.kind != ActorKind.OPERATOR and not has_role(scope.actor.officer, Role.ADMIN):
        raise Refused("errors.not_allowed")


async def start_draft(scope: Scope, source_name: str, plan_text: str, form: dict[str, Any]
                      ) -> PlanDraft:
    """Keep a plan just read: its text and the importer's draft (form.to_form)."""
    _admin_only(scope)
    now = scope.clock.now()
    row = PlanDraft(source_name=source_name, plan_text=plan_text, draft=form,
                    created_by=scope.actor.officer_id, created_at=now, updated_at=now)
    scope.session.add(row)
    await scope.session.flush()
    await record(scope.session, scope.clock, scope.actor, Action.PLAN_IMPORTED, "plan_draft",
                 row.id, source=source_name, lines=plan_text.count("\n") + 1,
                 unread=len(form.get("unread") or []))
    return row


async def save_draft(scope: Scope, row: PlanDraft, form: dict[str, Any]) -> None:
    """Every field as typed; saving is no decision, so it is not audited."""
    _admin_only(scope)
    row.draft = form
    row.updated_at = scope.clock.now()
    await scope.session.flush()


async def load_draft(scope: Scope, row: PlanDraft, campaign: CampaignFile) -> Loaded:
    """Load the checked draft as a campaign (again: the same campaign is updated) and say so."""
    loaded = await load_campaign(scope, campaign, f"web-import:{row.source_name}")
    row.loaded_campaign_id = loaded.campaign.id
    row.loaded_at = scope.clock.now()
    row.loaded_by = scope.actor.officer_id
    await scope.session.flush()
    return loaded


async def discard_draft(scope: Scope, row: PlanDraft) -> None:
    """Throw a draft away; a campaign loaded from it stays."""
    _admin_only(scope)
    await record(scope.session, scope.clock, scope.actor, Action.PLAN_DISCARDED, "plan_draft",
                 row.id, source=row.source_name, loaded_campaign=row.loaded_campaign_id)
    await scope.session.delete(row)
    await scope.session.flush()

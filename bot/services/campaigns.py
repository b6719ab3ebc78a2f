"""Loading a checked campaign file, with the audit row saying who loaded what."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain import campaigns as campaign_store
from bot.domain.audit import Action, ActorKind, record
from bot.domain.officers import has_role
from bot.domain.units import get_unit
from bot.services import Refused, Scope
from bot.store.models import Campaign, Role


@dataclass(frozen=True)
class Loaded:
    campaign: Campaign
    new: bool  # False: an existing plan updated in place
    unknown_units: list[tuple[str, str]]  # (deadline, unit code) the database does not have


async def load_campaign(scope: Scope, campaign: campaign_store.CampaignFile,
                        source: str) -> Loaded:
    """Write a checked campaign (new or updated); approvers' slogan decisions in chat stand."""
    if scope.actor.kind != ActorKind.OPERATOR and not has_role(scope.actor.officer, Role.ADMIN):
        raise Refused("errors.not_allowed")
    row, new = await campaign_store.load(scope.session, scope.clock, campaign, source)
    # Unit codes live in the database, not in the file: say which are unknown.
    unknown = [(deadline.what, code) for deadline in campaign.deadlines for code in deadline.units
               if code.lower() != "all" and await get_unit(scope.session, code) is None]
    await record(scope.session, scope.clock, scope.actor, Action.CAMPAIGN_LOADED, "campaign",
                 row.id, source=source, plan=campaign.plan_number, new=new,
                 slogans=len(campaign.slogans))
    return Loaded(row, new, unknown)

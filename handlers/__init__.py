"""Conversation flows and commands, written once against Loa's channel-neutral interface."""

from __future__ import annotations

from bot.engine.flows import Router
from handlers import (
    admin,
    broadcast,
    campaigns,
    common,
    groups,
    linking,
    officialreport,
    onboarding,
    prompts,
    reports,
    review,
    slogans,
    stats,
    web,
)


def build_router() -> Router:
    """Every flow, command and out-of-form button of the bot, in one table."""
    return Router(
        flows={f.name: f for f in (onboarding.FLOW, onboarding.ADMIN_NAME_FLOW, broadcast.FLOW,
                                   reports.FLOW, review.FLOW)},
        commands=[*onboarding.COMMANDS, *common.COMMANDS, *broadcast.COMMANDS, *slogans.COMMANDS,
                  *campaigns.COMMANDS, *prompts.COMMANDS, *reports.COMMANDS, *review.COMMANDS,
                  *stats.COMMANDS, *officialreport.COMMANDS, *admin.COMMANDS, *web.COMMANDS,
                  *linking.COMMANDS, *groups.COMMANDS],
        fallback=common.fallback,
        buttons={**broadcast.BUTTONS, **slogans.BUTTONS, **prompts.BUTTONS, **reports.BUTTONS,
                 **review.BUTTONS, **officialreport.BUTTONS},
        group_commands=groups.GROUP_COMMANDS,
    )

"""Conversation flows and commands, written once against Loa's channel-neutral interface."""

from __future__ import annotations

from bot.flows import Router
from handlers import admin, common, onboarding


def build_router() -> Router:
    """Every flow and command of the bot, in one table."""
    return Router(
        flows={onboarding.FLOW.name: onboarding.FLOW},
        commands=[*onboarding.COMMANDS, *common.COMMANDS, *admin.COMMANDS],
        fallback=common.fallback,
    )

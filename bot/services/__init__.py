"""Decisions shared by every edge (chat, the `loa` command, the web console).

A service function takes a `Scope` (the caller's session and transaction, the clock, the texts,
the settings, and who acts) and arguments. It checks the rule (who may, the two-person rule),
makes the change, queues any notice, and writes the audit row, all in the caller's transaction.
It refuses with `Refused(key)`, a text key the edge shows as it sees fit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import Clock
from bot.core.config import Config
from bot.core.events import Choice, TextOut, to_payload
from bot.core.texts import Texts
from bot.delivery.outbox import create_job, enqueue
from bot.domain.audit import Actor, ActorKind
from bot.domain.broadcasts import reach

APPROVAL_PRIORITY = 50  # before broadcasts: an approver should not wait behind one


class Refused(Exception):
    """The rule says no; `key` names the text that says why."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass
class Scope:
    """What a service call needs besides its arguments."""

    session: AsyncSession
    clock: Clock
    config: Config
    texts: Texts
    actor: Actor
    on_queued: Callable[[], None] = field(default=lambda: None)
    display_name: str | None = None  # the name the platform gave the actor's account, if any

    def queued(self) -> None:
        """Deliveries were written: the caller wakes the outbox after commit."""
        self.on_queued()

    @property
    def actor_name(self) -> str:
        """How the actor is named to others (in approval requests and notices)."""
        if self.actor.kind == ActorKind.OFFICER and self.actor.officer is not None:
            # An admin made from the CLI may have no name yet: the platform's name, else a number.
            return (self.actor.officer.full_name or self.display_name
                    or self.texts("newcomer.officer_n", id=self.actor.officer.id))
        return self.texts(f"audit.actor_{self.actor.kind.value}")


_REFUSALS = {"approval": ("approval.not_allowed", "approval.already_decided", "approval.own_broadcast"),
             "review": ("review.not_allowed", "review.already", "review.own")}


async def decidable(scope: Scope, may: Callable[[Any], bool], model: type, row_id: int,
                    waiting: Any, author: str, refusals: str = "approval") -> tuple[Any, Any]:
    """The two-person rule, once for every decision: (the deciding officer, the row locked for
    the decision) when the actor may decide, the row still waits, and someone else wrote it."""
    not_allowed, already, own = _REFUSALS[refusals]
    officer = scope.actor.officer
    if officer is None or not may(officer):
        raise Refused(not_allowed)
    row = await scope.session.get(model, row_id, with_for_update=True)
    if row is None or row.state != waiting:
        raise Refused(already)
    if getattr(row, author) == officer.id:
        raise Refused(own)
    return officer, row


async def notify(scope: Scope, officer_id: int | None, key: str,
                 button: tuple[str, str] | None = None, **values: Any) -> None:
    """A notice to one officer (the author of what was decided), through the outbox;
    `button` is an optional (label, route data) for them to act on it."""
    target = await reach(scope.session, officer_id) if officer_id is not None else None
    if target is None:
        return
    choices = ((Choice(*button),),) if button else ()
    job = await create_job(scope.session, scope.clock, "notice")
    await enqueue(scope.session, scope.clock, job.id,
                  [(target, to_payload(TextOut(text=scope.texts(key, **values), choices=choices)))],
                  priority=APPROVAL_PRIORITY)
    scope.queued()


def approval_request(texts: Texts, key: str, route: str, **values: Any) -> dict[str, Any]:
    """A question to approvers with the two buttons, as a delivery payload."""
    return to_payload(TextOut(text=texts(key, **values), choices=((
        Choice(texts("approval.approve"), f"{route}:ok"),
        Choice(texts("approval.reject"), f"{route}:no")),)))

"""Joining a unit: /start <code> → confirm the unit → full name → position → subscribed.

```mermaid
stateDiagram-v2
    [*] --> CONFIRM_UNIT: /start CODE (valid invite)
    CONFIRM_UNIT --> ASK_NAME: Đúng
    CONFIRM_UNIT --> [*]: Không phải
    CONFIRM_UNIT --> [*]: Đúng, already known (unit changed)
    CONFIRM_UNIT --> CONFIRM_PERSON: Đúng, an invite from a staff list
    CONFIRM_PERSON --> [*]: Đúng, là tôi (the list's name and position)
    CONFIRM_PERSON --> ASK_NAME: Không, nhập lại
    ASK_NAME --> ASK_POSITION: a full name
    ASK_POSITION --> [*]: a position (officer saved, invite used)
```
"""

from __future__ import annotations

from bot.core.texts import Ref
from bot.core.validate import one_line, person_name
from bot.domain.invites import (
    CODE_ALPHABET,
    CODE_LENGTH,
    InviteProblem,
    check_invite,
    normalise_code,
    use_invite,
)
from bot.domain.officers import higher_role
from bot.domain.units import unit_path
from bot.engine import flowids
from bot.engine.flows import END, STAY, Command, Context, Flow, Invalid, Step, chat_scope
from bot.services import Refused
from bot.services.people import name_officer
from bot.store.models import Invite, Officer, OfficerStatus, Role

CONFIRM_UNIT, ASK_NAME, ASK_POSITION = "confirm_unit", "ask_name", "ask_position"
ASK_ADMIN_NAME, CONFIRM_PERSON = "ask_admin_name", "confirm_person"


async def start(ctx: Context) -> str:
    """/start [code]: with a code, check the invite and ask to confirm its unit."""
    code = ctx.args[0] if ctx.args else ""
    officer = ctx.officer
    if not code:
        if ctx.flow is not None:
            return STAY  # the form's question is asked again
        if needs_name(officer):
            return ctx.begin(flowids.ADMIN_NAME, ASK_ADMIN_NAME)
        if officer is not None and officer.unit_id is not None:
            if officer.status == OfficerStatus.DISABLED:
                ctx.say("onboarding.disabled")
            elif officer.status != OfficerStatus.ACTIVE:
                officer.status = OfficerStatus.ACTIVE.value
                officer.updated_at = ctx.clock.now()
                ctx.say("onboarding.resumed", name=officer.full_name or "")
            else:
                ctx.say("onboarding.already_member", unit=await unit_path(ctx.session, officer.unit))
            return STAY
        ctx.say("onboarding.need_code")
        return STAY
    return await join_with_code(ctx, code)


async def join_with_code(ctx: Context, code: str) -> str:
    """Check the invite and ask to confirm its unit, or say why the code cannot be used."""
    invite, problem = await check_invite(ctx.session, ctx.clock, code)
    if problem is not None:
        ctx.say(f"onboarding.invite_{problem.value}")
        return STAY
    assert invite is not None
    return ctx.begin(flowids.ONBOARDING, CONFIRM_UNIT, {"invite_id": invite.id})


def looks_like_code(text: str) -> bool:
    """A message that is only an invite code (channels where /start CODE is awkward to type)."""
    code = normalise_code(text)
    return len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code)


async def ask_confirm_unit(ctx: Context) -> None:
    invite = await ctx.session.get(Invite, ctx.data["invite_id"])
    assert invite is not None
    ctx.ask("onboarding.confirm_unit", [("choice.yes_my_unit", "yes"), ("choice.not_my_unit", "no")],
            unit=await unit_path(ctx.session, invite.unit), role=_role_after(ctx, invite.role))


def _role_after(ctx: Context, invited: str) -> str:
    """The role the officer will have: an invite never lowers one's rights, and says so."""
    officer = ctx.officer
    if officer is None or higher_role(officer.role, invited) == invited:
        return ctx.t(f"role.{invited}")
    return ctx.t("onboarding.role_kept", current=ctx.t(f"role.{officer.role}"),
                 invited=ctx.t(f"role.{invited}"))


async def unit_confirmed(ctx: Context) -> str:
    """Stores nothing yet; asks for the full name (or finishes for a known officer)."""
    if ctx.choice_value != "yes":
        ctx.say("onboarding.declined")
        return END
    if not await _invite_still_valid(ctx):
        return END
    officer = ctx.officer
    if officer is not None and officer.full_name and officer.position:
        return await _finish(ctx, officer.full_name, officer.position)
    invite = await ctx.session.get(Invite, ctx.data["invite_id"])
    if invite is not None and invite.person and invite.person.get("name"):
        return CONFIRM_PERSON  # from the staff list: what it says is only confirmed
    return ASK_NAME


async def ask_confirm_person(ctx: Context) -> None:
    invite = await ctx.session.get(Invite, ctx.data["invite_id"])
    person = (invite.person if invite is not None else None) or {}
    ctx.ask("newcomer.confirm_person", [("newcomer.person_yes", "yes"),
                                        ("newcomer.person_no", "no")],
            name=person.get("name", ""), position=person.get("position") or "—")


async def person_confirmed(ctx: Context) -> str:
    """The staff list's name (and position) taken, or typed instead."""
    invite = await ctx.session.get(Invite, ctx.data["invite_id"])
    person = (invite.person if invite is not None else None) or {}
    if ctx.choice_value != "yes" or not person.get("name"):
        return ASK_NAME
    ctx.data["full_name"] = person["name"]
    if person.get("position"):
        return await _finish(ctx, person["name"], person["position"])
    return ASK_POSITION


async def ask_name(ctx: Context) -> None:
    ctx.ask("onboarding.ask_name")


async def name_given(ctx: Context) -> str:
    """Stores the full name; asks for the position."""
    ctx.data["full_name"] = person_name(ctx.text)
    return ASK_POSITION


async def ask_position(ctx: Context) -> None:
    ctx.ask("onboarding.ask_position", name=ctx.data["full_name"])


async def position_given(ctx: Context) -> str:
    """Stores the position and subscribes the officer; the form ends."""
    position = one_line(ctx.text, min_len=2, max_len=80, what=Ref("fields.position"))
    return await _finish(ctx, ctx.data["full_name"], position)


async def _invite_still_valid(ctx: Context) -> bool:
    invite = await ctx.session.get(Invite, ctx.data["invite_id"])
    _, problem = await check_invite(ctx.session, ctx.clock, invite.code if invite else "")
    if problem is not None:
        ctx.say(f"onboarding.invite_{problem.value}")
        return False
    return True


async def _finish(ctx: Context, full_name: str, position: str) -> str:
    # Checked again at the end: the code may have expired or been used up while the form was open.
    if not await _invite_still_valid(ctx):
        return END
    invite = await ctx.session.get(Invite, ctx.data["invite_id"])
    assert invite is not None
    if not await use_invite(ctx.session, invite.id):
        ctx.say(f"onboarding.invite_{InviteProblem.USED_UP.value}")
        return END
    now = ctx.clock.now()
    officer = ctx.officer
    kept = False
    if officer is None:
        officer = Officer(role=invite.role, created_at=now)
        ctx.session.add(officer)
        ctx.identity.officer = officer
    else:
        kept = higher_role(officer.role, invite.role) != invite.role
        officer.role = higher_role(officer.role, invite.role)
    officer.full_name, officer.position = full_name, position
    officer.unit_id, officer.unit = invite.unit_id, invite.unit
    officer.status, officer.updated_at = OfficerStatus.ACTIVE.value, now
    await ctx.session.flush()
    key = "onboarding.welcome_focal" if Role(officer.role) is Role.FOCAL else "onboarding.welcome"
    ctx.say(key, name=full_name, unit=invite.unit.name,
            time=officer.prompt_time or ctx.config.default_prompt_time.strftime("%H:%M"))
    if kept:
        ctx.say("onboarding.role_kept_note", current=ctx.t(f"role.{officer.role}"),
                invited=ctx.t(f"role.{invite.role}"))
    return END


def needs_name(officer: Officer | None) -> bool:
    """An admin made from the CLI without --name: Loa knows only their account."""
    return (officer is not None and not officer.full_name and officer.unit_id is None
            and officer.role == Role.ADMIN.value
            and officer.status == OfficerStatus.ACTIVE.value)


async def ask_admin_name(ctx: Context) -> None:
    ctx.ask("newcomer.ask_admin_name")


async def admin_name_given(ctx: Context) -> str:
    """Stores the admin's full name (audited); the form ends."""
    officer = ctx.officer
    assert officer is not None
    try:
        await name_officer(chat_scope(ctx), officer, ctx.text)
    except Refused as exc:
        raise Invalid(exc.key, **exc.values) from None
    ctx.say("newcomer.admin_name_saved", name=officer.full_name)
    return END


ADMIN_NAME_FLOW = Flow(name=flowids.ADMIN_NAME, steps={
    ASK_ADMIN_NAME: Step(ask=ask_admin_name, on_text=admin_name_given)})

FLOW = Flow(
    name=flowids.ONBOARDING,
    steps={
        CONFIRM_UNIT: Step(ask=ask_confirm_unit, on_choice=unit_confirmed),
        CONFIRM_PERSON: Step(ask=ask_confirm_person, on_choice=person_confirmed),
        ASK_NAME: Step(ask=ask_name, on_text=name_given),
        ASK_POSITION: Step(ask=ask_position, on_text=position_given),
    },
)

COMMANDS = [Command("start", start, aliases=("batdau",))]

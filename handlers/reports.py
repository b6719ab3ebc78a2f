"""Activity reports: a photo with a caption in two taps, or a guided form; the officer's own list.

Quick:   photo (+ caption) → activity → saved        photo without caption → description → …
Guided:  /baocao → activity → description → day → participants → link → photos → summary
         summary: Gửi (saved) · Sửa → pick a field → that question → summary · Hủy
Only when two or more campaigns run on the report's day: "which plan?" (one tap) after the
activity (quick) or the day (guided), so the report is never filed under the first by default.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from bot.core.normalize import parse_id
from bot.core.textfit import shorten, shorten_apart
from bot.core.texts import Ref
from bot.core.validate import http_url, one_line, report_day, whole_number
from bot.domain.campaigns import ACTIVITIES
from bot.domain.photos import earlier_report_with
from bot.domain.reports import day_context, photos_of, running_campaigns, write_report
from bot.engine import flowids
from bot.engine.flows import END, STAY, Command, Context, Flow, Invalid, Step, chat_scope
from bot.services.reports import editable as report_editable
from bot.services.reports import withdraw_report
from bot.store.models import Campaign, Report, ReportState, Role

# The steps, named for what the user is asked (their values are kept in the database: never change).
ASK_RESUME, ASK_ACTIVITY, ASK_DESCRIPTION, ASK_DAY, ASK_CAMPAIGN = (
    "resume", "activity", "description", "day", "campaign")
ASK_PARTICIPANTS, ASK_LINK, ASK_PHOTOS, CONFIRM, ASK_FIELD = (
    "participants", "link", "photos", "summary", "pick_field")
MAX_PHOTOS = 10
MAX_PARTICIPANTS = 100_000
MAX_DESCRIPTION = 1000
FIELDS = ("activity", "description", "day", "participants", "link", "photos")
NO_UNIT_BACK = dt.timedelta(days=366)  # without a running campaign, how far back a date may go


def _next(ctx: Context, guided_next: str) -> str:
    """Where an answer leads: back to the summary when editing one field, else onwards."""
    return CONFIRM if ctx.data.get("editing") else guided_next


def _photo_entry(ctx: Context) -> dict[str, Any]:
    event = ctx.photo
    assert event is not None
    limit = ctx.config.reports.max_photo_mb * 1024 * 1024
    if event.photo.size is not None and event.photo.size > limit:
        mb = event.photo.size / 1024 / 1024
        raise Invalid("report.photo_too_big", got=f"{mb:.1f}" if mb >= 1 else f"{mb:.2f}",
                      max=f"{ctx.config.reports.max_photo_mb:g}")
    return {"file_id": event.photo.file_id, "unique_id": event.photo.unique_id or
            event.photo.file_id, "size": event.photo.size}


def _add_photo(ctx: Context) -> bool:
    """Add the photo just sent; True when it continues the album of the previous one."""
    photos = ctx.data.setdefault("photos", [])
    if len(photos) >= MAX_PHOTOS:
        raise Invalid("report.too_many_photos", max=MAX_PHOTOS)
    photos.append(_photo_entry(ctx))
    event = ctx.photo
    assert event is not None
    same_album = event.media_group_id is not None and event.media_group_id == ctx.data.get("album")
    ctx.data["album"] = event.media_group_id
    if event.caption and not ctx.data.get("description"):
        ctx.data["description"] = _caption(ctx, event.caption)
    return same_album


def _caption(ctx: Context, caption: str) -> str | None:
    """A caption as the description; one that cannot be (too long, emoji only) is set aside
    with a word saying why, and the photo is still taken."""
    try:
        return one_line(caption, min_len=3, max_len=MAX_DESCRIPTION, what=Ref("fields.description"))
    except Invalid as exc:
        ctx.say("report.caption_not_used", why=ctx.t(exc.key, **exc.values))
        return None


def _registered(ctx: Context) -> bool:
    officer = ctx.officer
    if officer is None or officer.unit_id is None:
        ctx.say("report.need_unit")
        return False
    return True


# -- starting ---------------------------------------------------------------------------------


async def quick_start(ctx: Context) -> str:
    """A photo sent outside any form starts a quick report (an album becomes one report)."""
    if not _registered(ctx):
        return STAY
    event = ctx.photo
    assert event is not None
    data: dict[str, Any] = {"quick": True, "photos": [_photo_entry(ctx)],
                            "album": event.media_group_id, "day": ctx.today.isoformat()}
    step = ASK_DESCRIPTION
    if event.caption:
        data["description"] = _caption(ctx, event.caption)
        step = ASK_ACTIVITY if data["description"] else ASK_DESCRIPTION
    return ctx.begin(FLOW.name, step, data)


async def start(ctx: Context) -> str:
    """/baocao (and "Báo cáo hoạt động" on a daily prompt): the guided form, or the draft an
    unfinished form left."""
    if not _registered(ctx):
        return STAY
    if ctx.flow == flowids.REPORT:
        ctx.say("report.in_progress")  # the question it waits on comes again; nothing is lost
        return STAY
    officer = ctx.officer
    assert officer is not None
    draft = await ctx.session.scalar(select(Report).where(
        Report.officer_id == officer.id, Report.state == ReportState.DRAFT.value)
        .order_by(Report.id.desc()).limit(1))
    if draft is not None:
        return ctx.begin(FLOW.name, ASK_RESUME, {"draft_id": draft.id})
    return ctx.begin(FLOW.name, ASK_ACTIVITY, {"day": ctx.today.isoformat(), "photos": []})


async def ask_resume(ctx: Context) -> None:
    draft = await ctx.session.get(Report, ctx.data["draft_id"])
    ctx.ask("report.ask_resume", [("report.resume", "yes"), ("report.start_new", "no")],
            what=shorten(draft.description or "", 80) if draft else "")


async def resume_chosen(ctx: Context) -> str:
    draft = await ctx.session.get(Report, ctx.data["draft_id"])
    if ctx.choice_value != "yes" or draft is None or draft.state != ReportState.DRAFT:
        if draft is not None and draft.state == ReportState.DRAFT:
            draft.state = ReportState.WITHDRAWN.value  # set aside, still kept
        ctx.data = {"day": ctx.today.isoformat(), "photos": []}
        return ASK_ACTIVITY
    ctx.data = await _load(ctx, draft)
    missing = next((f for f in ("activity", "description") if not ctx.data.get(f)), None)
    return missing or CONFIRM


async def _load(ctx: Context, report: Report) -> dict[str, Any]:
    photos = (await photos_of(ctx.session, [report.id]))[report.id]
    campaign = await ctx.session.get(Campaign, report.campaign_id) if report.campaign_id else None
    return {"report_id": report.id, "activity": report.activity,
            "description": report.description, "day": report.day.isoformat(),
            "participants": report.participants, "link": report.link,
            "campaign_id": report.campaign_id,
            # The summary says which plan, as it did when the report was first made.
            **({"campaign": _short(campaign.title)} if campaign else {}),
            "photos": [{"id": p.id, "file_id": p.file_id, "unique_id": p.unique_id,
                        "size": p.size} for p in photos]}


# -- the questions ------------------------------------------------------------------------------


async def ask_activity(ctx: Context) -> None:
    ctx.ask_raw("report.ask_activity", [(ctx.t(f"activity.{a}"), a) for a in ACTIVITIES])


async def activity_chosen(ctx: Context) -> str:
    if ctx.choice_value not in ACTIVITIES:
        raise Invalid("errors.expected_choice")
    ctx.data["activity"] = ctx.choice_value
    if ctx.data.get("quick") and not ctx.data.get("editing"):
        return await _campaign_then(ctx, SUBMIT)
    return _next(ctx, ASK_DESCRIPTION)


async def album_photo_given(ctx: Context) -> str:
    """More photos while the first question is open: part of the same report."""
    if not _add_photo(ctx):
        ctx.say("report.photo_added", n=len(ctx.data["photos"]))
    if ctx.step == ASK_DESCRIPTION and ctx.data.get("description"):
        return ASK_ACTIVITY  # a later photo of the album carried the caption
    return STAY


async def ask_description(ctx: Context) -> None:
    ctx.ask("report.ask_description")


async def description_given(ctx: Context) -> str:
    ctx.data["description"] = one_line(ctx.text, min_len=3, max_len=MAX_DESCRIPTION,
                                       what=Ref("fields.description"))
    if ctx.data.get("quick") and not ctx.data.get("activity"):
        return ASK_ACTIVITY
    return _next(ctx, ASK_DAY)


async def ask_day(ctx: Context) -> None:
    ctx.ask("report.ask_day", [("report.today", "0"), ("report.yesterday", "1")])


async def day_given(ctx: Context) -> str:
    today = ctx.today
    if ctx.choice_value is not None:
        day = today - dt.timedelta(days=int(ctx.choice_value))
    else:
        day = report_day(ctx.text, today)
    campaign = await day_context(ctx.session, today)
    earliest = campaign.campaign_start or today - NO_UNIT_BACK
    if day < earliest:
        raise Invalid("report.day_too_early", got=day.strftime("%d/%m/%Y"),
                      start=earliest.strftime("%d/%m/%Y"))
    ctx.data["day"] = day.isoformat()
    return await _campaign_then(ctx, _next(ctx, ASK_PARTICIPANTS))


# -- which campaign, when several run that day ------------------------------------------------

SUBMIT = "<submit>"  # where `campaign` leads when the quick form is complete
TITLE_MAX = 48


async def _choices(ctx: Context) -> list[tuple[str, str]]:
    """(label, campaign id) for each campaign running on the report's day."""
    running = await running_campaigns(ctx.session, dt.date.fromisoformat(ctx.data["day"]))
    titles = [c.title for c in running]
    # Two plans whose titles begin alike are told apart by the words after what they share.
    labels = [_short(t) if a == shorten(t, TITLE_MAX) else a
              for t, a in zip(titles, shorten_apart(titles, TITLE_MAX), strict=True)]
    return [(label, str(c.id)) for label, c in zip(labels, running, strict=True)]


def _short(title: str) -> str:
    """A title cut at a word to fit a button, marked with "…" when cut."""
    if len(title) <= TITLE_MAX:
        return title
    return title[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:-–") + "…"


async def _campaign_then(ctx: Context, then: str) -> str:
    """Ask which campaign when more than one runs on the report's day and none that does was
    chosen; otherwise go on to `then`."""
    choices = await _choices(ctx)
    if len(choices) < 2 or str(ctx.data.get("campaign_id")) in {v for _, v in choices}:
        return await _submit(ctx) if then == SUBMIT else then
    ctx.data.pop("campaign_id", None)
    ctx.data["after_campaign"] = then
    return ASK_CAMPAIGN


async def ask_campaign(ctx: Context) -> None:
    ctx.ask_raw("report.ask_campaign", await _choices(ctx),
                day=dt.date.fromisoformat(ctx.data["day"]).strftime("%d/%m/%Y"))


async def campaign_chosen(ctx: Context) -> str:
    choices = dict((v, label) for label, v in await _choices(ctx))
    if ctx.choice_value not in choices:
        raise Invalid("errors.expected_choice")
    ctx.data["campaign_id"], ctx.data["campaign"] = int(ctx.choice_value), choices[ctx.choice_value]
    then = ctx.data.pop("after_campaign", CONFIRM)
    return await _submit(ctx) if then == SUBMIT else then


async def ask_participants(ctx: Context) -> None:
    ctx.ask("report.ask_participants", [("report.skip", "skip")], typed=True)


async def participants_given(ctx: Context) -> str:
    ctx.data["participants"] = (None if ctx.choice_value == "skip"
                                else whole_number(ctx.text, lo=1, hi=MAX_PARTICIPANTS))
    return _next(ctx, ASK_LINK)


async def ask_link(ctx: Context) -> None:
    # "Bài viết" only where the activity is one (a loudspeaker has none; a news item may exist).
    written = ctx.data.get("activity") in ("website", "social")
    ctx.ask("report.ask_link" if written else "newcomer.ask_link_other", [("report.skip", "skip")])


async def link_given(ctx: Context) -> str:
    ctx.data["link"] = None if ctx.choice_value == "skip" else http_url(ctx.text)
    return _next(ctx, ASK_PHOTOS)


def _photo_choices(ctx: Context) -> list[tuple[str, str]]:
    """"Xong", and, once there are photos, a way to take them all back and send others (a bad
    photo a reviewer asked to replace)."""
    clear = [("newcomer.photos_clear", "clear")] if ctx.data.get("photos") else []
    return [("report.photos_done", "done"), *clear]


async def ask_photos(ctx: Context) -> None:
    ctx.ask("report.ask_photos", _photo_choices(ctx), n=len(ctx.data.get("photos", [])),
            max=MAX_PHOTOS)


async def on_photo(ctx: Context) -> str:
    same_album = _add_photo(ctx)
    if not same_album:
        ctx.ask("report.photo_received", _photo_choices(ctx), n=len(ctx.data["photos"]),
                max=MAX_PHOTOS)
    return STAY


async def photos_done(ctx: Context) -> str:
    if ctx.choice_value == "clear":
        # Stored ones are removed when the report is saved; until then nothing is lost.
        removed = [p["id"] for p in ctx.data.get("photos", []) if p.get("id")]
        ctx.data["removed_photos"] = [*ctx.data.get("removed_photos", []), *removed]
        ctx.data["photos"] = []
        ctx.say("newcomer.photos_cleared")
        await ask_photos(ctx)
        return STAY
    return CONFIRM


async def photos_text_given(ctx: Context) -> str:
    raise Invalid("report.photos_expected")


async def ask_summary(ctx: Context) -> None:
    ctx.data.pop("editing", None)
    ctx.ask("report.summary", [("report.send", "send"), ("report.edit", "edit"),
                               ("report.cancel", "cancel")], details=describe(ctx, ctx.data))


async def summary_chosen(ctx: Context) -> str:
    if ctx.choice_value == "send":
        return await _campaign_then(ctx, SUBMIT)  # a resumed draft may predate the choice
    if ctx.choice_value == "edit":
        return ASK_FIELD
    ctx.say("report.cancelled")
    return END


async def ask_field(ctx: Context) -> None:
    ctx.ask("report.ask_field", [(f"report.field_{f}", f) for f in FIELDS])


async def field_chosen(ctx: Context) -> str:
    if ctx.choice_value not in FIELDS:
        raise Invalid("errors.expected_choice")
    ctx.data["editing"] = True
    return ctx.choice_value


def describe(ctx: Context, data: dict[str, Any]) -> str:
    """The report as the officer and reviewers read it."""
    day = dt.date.fromisoformat(data["day"])
    lines = [
        ctx.t("report.line_activity", value=ctx.t(f"activity.{data['activity']}")
              if data.get("activity") else "—"),
        ctx.t("report.line_description", value=data.get("description") or "—"),
        ctx.t("report.line_day", value=day.strftime("%d/%m/%Y")),
        ctx.t("report.line_participants", value=data.get("participants") or "—"),
        ctx.t("report.line_link", value=data.get("link") or "—"),
        ctx.t("report.line_photos", value=len(data.get("photos", []))),
    ]
    if data.get("campaign"):
        lines.insert(0, ctx.t("report.line_campaign", value=data["campaign"]))
    return "\n".join(lines)


async def _submit(ctx: Context) -> str:
    report = await save(ctx, ReportState.SUBMITTED)
    photos = (await photos_of(ctx.session, [report.id]))[report.id]
    for p in photos:  # the same platform file seen before; same bytes are found after download
        if p.duplicate_of is None:
            p.duplicate_of = await earlier_report_with(ctx.session, p)
    duplicates = sorted({p.duplicate_of for p in photos if p.duplicate_of})
    ctx.offer("report.saved", [(ctx.t("report.edit"), f"rp:{report.id}:edit")], id=report.id,
              activity=ctx.t(f"activity.{report.activity}"), n=len(photos),
              description=shorten(report.description or "", 80), day=report.day.strftime("%d/%m"))
    if duplicates:
        ctx.say("report.duplicate_photo", ids=", ".join(f"#{d}" for d in duplicates))
    return END


async def save(ctx: Context, state: ReportState) -> Report:
    """Write the form's answers as a report (new, or the one being edited) and its photos."""
    officer = ctx.officer
    assert officer is not None
    report_id = ctx.data.get("report_id")  # editing a report, or a resumed draft
    report = await ctx.session.get(Report, report_id) if report_id else None
    if report is not None and report.officer_id != officer.id:
        report = None
    report = await write_report(ctx.session, ctx.clock.now(), officer.id, officer.unit_id,
                                ctx.identity.channel, ctx.data, state, report)
    ctx.queued = True  # wakes the photo fetcher
    return report


# -- the officer's own reports --------------------------------------------------------------


async def my_reports(ctx: Context) -> str:
    """/cuatoi: the last ten reports; recent ones can be edited or withdrawn."""
    officer = ctx.officer
    assert officer is not None
    reports = (await ctx.session.scalars(select(Report).where(
        Report.officer_id == officer.id, Report.state != ReportState.DRAFT.value)
        .order_by(Report.id.desc()).limit(10))).all()
    if not reports:
        ctx.say("report.none_yet")
        return STAY
    photos = await photos_of(ctx.session, [r.id for r in reports])
    lines, choices = [], []
    for r in reports:
        lines.append(ctx.t("report.list_line", id=r.id, day=r.day.strftime("%d/%m"),
                           activity=ctx.t(f"activity.{r.activity}") if r.activity else "—",
                           description=shorten(r.description or "", 60), n=len(photos[r.id]),
                           state=ctx.t(f"report.state_{r.state}")))
        if editable(ctx, r) and len(choices) < 6:
            choices += [(ctx.t("report.edit_n", id=r.id), f"rp:{r.id}:edit"),
                        (ctx.t("report.withdraw_n", id=r.id), f"rp:{r.id}:del")]
    ctx.offer("report.list", choices, items="\n".join(lines),
              hours=f"{ctx.config.reports.edit_hours:g}")
    return STAY


def editable(ctx: Context, report: Report) -> bool:
    return report_editable(chat_scope(ctx), report)


async def on_report_button(ctx: Context) -> str:
    """rp:<id>:edit | del (asks to confirm) | delok | keep | fix — the officer's own report."""
    officer = ctx.officer
    parts = ctx.button.data.split(":") if ctx.button and officer is not None else []
    report_id = parse_id(parts[1]) if len(parts) == 3 else None
    report = await ctx.session.get(Report, report_id) if report_id is not None else None
    if officer is None or report is None or report.officer_id != officer.id:
        ctx.ack_text = ctx.t("errors.button_expired")
        return STAY
    if not editable(ctx, report):
        ctx.say("report.too_late", id=report.id, hours=f"{ctx.config.reports.edit_hours:g}")
        return STAY
    if parts[2] == "keep":
        ctx.edit_pressed(ctx.t("report.kept_mark", id=report.id))
        ctx.say("report.kept", id=report.id)
        return STAY
    if parts[2] == "del":  # one tap cannot be undone: ask first
        ctx.offer("report.confirm_withdraw",
                  [(ctx.t("report.withdraw_yes"), f"rp:{report.id}:delok"),
                   (ctx.t("report.withdraw_no"), f"rp:{report.id}:keep")],
                  id=report.id, description=shorten(report.description or "", 80))
        return STAY
    if parts[2] == "delok":
        await withdraw_report(chat_scope(ctx), report)
        ctx.edit_pressed(ctx.t("report.withdrawn_mark", id=report.id))
        ctx.say("report.withdrawn", id=report.id)
        return STAY
    data = await _load(ctx, report)
    if report.review_comment and report.state == ReportState.NEEDS_MORE:
        ctx.say("report.reviewer_said", comment=report.review_comment)
    return ctx.begin(FLOW.name, ASK_FIELD, data)


async def on_document(ctx: Context) -> str:
    ctx.say("report.document_refused")
    return STAY


FLOW = Flow(flowids.REPORT, {
    ASK_RESUME: Step(ask_resume, on_choice=resume_chosen),
    ASK_ACTIVITY: Step(ask_activity, on_choice=activity_chosen, on_photo=album_photo_given),
    ASK_DESCRIPTION: Step(ask_description, on_text=description_given, on_photo=album_photo_given),
    ASK_DAY: Step(ask_day, on_text=day_given, on_choice=day_given),
    ASK_CAMPAIGN: Step(ask_campaign, on_choice=campaign_chosen, on_photo=album_photo_given),
    ASK_PARTICIPANTS: Step(ask_participants, on_text=participants_given, on_choice=participants_given,
                         numeric=True),
    ASK_LINK: Step(ask_link, on_text=link_given, on_choice=link_given),
    ASK_PHOTOS: Step(ask_photos, on_text=photos_text_given, on_choice=photos_done,
                   on_photo=on_photo),
    CONFIRM: Step(ask_summary, on_choice=summary_chosen),
    ASK_FIELD: Step(ask_field, on_choice=field_chosen),
})

COMMANDS = [
    Command("baocao", start, role=Role.OFFICER, help_key="help.baocao"),
    Command("cuatoi", my_reports, role=Role.OFFICER, help_key="help.cuatoi"),
]

BUTTONS = {"rp": on_report_button}

"""Database tables. Every piece of state lives here, so a restart or a second process loses nothing."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot.core.normalize import clean_text

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, on SQLite (which drops the zone) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class CleanString(TypeDecorator[str]):
    """Text people wrote, stored cleaned (bot.core.normalize): whatever path it came by (chat,
    command line, campaign file), no NUL (PostgreSQL refuses it), zero-width or bidi character
    reaches the database, and a query compares cleaned text with cleaned text."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return clean_text(value) if isinstance(value, str) else value


class CleanText(CleanString):
    impl = Text
    cache_ok = True


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Role(enum.StrEnum):
    OFFICER = "officer"
    FOCAL = "focal"
    APPROVER = "approver"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)


class OfficerStatus(enum.StrEnum):
    ACTIVE = "active"
    STOPPED = "stopped"  # unsubscribed with /stop; /start resumes
    INACTIVE = "inactive"  # the platform says the chat is gone (blocked, deactivated)
    DISABLED = "disabled"  # an admin deactivated them: no messages, no rights; /start does not undo it


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(CleanString(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Officer(Base):
    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    full_name: Mapped[str | None] = mapped_column(CleanString(100))
    position: Mapped[str | None] = mapped_column(CleanString(100))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    role: Mapped[str] = mapped_column(String(16), default=Role.OFFICER.value)
    status: Mapped[str] = mapped_column(String(16), default=OfficerStatus.ACTIVE.value)
    prompt_time: Mapped[str | None] = mapped_column(String(5))  # "HH:MM" local; None: the default
    muted_until: Mapped[date | None] = mapped_column(Date)  # no daily messages up to this day
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Where scheduled messages go when the officer has several accounts (/kenh); None: the default.
    preferred_channel: Mapped[str | None] = mapped_column(String(16))

    unit: Mapped[Unit | None] = relationship(lazy="joined")


class Identity(Base):
    """An officer's account on one channel; kept apart so one officer can link several channels."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    chat_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str | None] = mapped_column(CleanString(200))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), index=True)
    # The last choices shown, as [data, label] pairs: a numbered reply or a typed label maps back.
    menu: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Wrong linking codes in a row from this account; five lock linking for an hour.
    link_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    link_locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())

    officer: Mapped[Officer | None] = relationship(lazy="joined")


class ChannelUsage(Base):
    """Messages Loa sent on a channel in a month (Vietnam time), against its monthly budget."""

    __tablename__ = "channel_usage"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # "2026-11"
    sent: Mapped[int] = mapped_column(Integer, default=0)
    warned: Mapped[bool] = mapped_column(Boolean, default=False)  # admins told at 80 %
    # The platform refused sends for quota (several 429s in a row) this month; cleared when a
    # send goes through again.
    exhausted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LinkCode(Base):
    """A 6-digit code (/lienket) that joins the account it is sent from to this officer."""

    __tablename__ = "link_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(6), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))  # where it was asked for
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Invite(Base):
    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    role: Mapped[str] = mapped_column(String(16), default=Role.OFFICER.value)
    max_uses: Mapped[int] = mapped_column(Integer, default=1)
    used_count: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # withdrawn by an admin
    # From a staff list (`loa officers import`): {"name", "position", "phone"} of who it is for.
    person: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    unit: Mapped[Unit] = relationship(lazy="joined")


class Conversation(Base):
    """A form in progress for one user on one channel: which question, the answers so far."""

    __tablename__ = "conversations"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    flow: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Buttons carry this nonce; a press with another nonce is from an old message or forged.
    nonce: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProcessedUpdate(Base):
    """Platform update ids already handled, so a re-sent update is handled once."""

    __tablename__ = "processed_updates"

    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    update_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class ChannelLogEntry(Base):
    """One exchange with a platform (a send, a received update), kept `channel_log_days`: the
    answer to "why did this officer not get it?". Errors are stored with secrets scrubbed."""

    __tablename__ = "channel_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(3))  # "out" (a send) or "in" (an update)
    kind: Mapped[str] = mapped_column(String(16))  # text, photo, document, edit; or the update's
    chat_id: Mapped[str | None] = mapped_column(String(64), index=True)
    delivery_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no FK: kept past the row
    update_id: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))  # as the metrics name it: ok, 429, 403, 5xx…
    status: Mapped[int | None] = mapped_column(Integer)  # the platform's code, when it gave one
    elapsed_ms: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(String(300))


class InboundUpdate(Base):
    """A pushed update stored before the push is answered, handled after by a worker: a
    restart loses nothing, and the same update pushed again is stored once."""

    __tablename__ = "inbound_updates"
    __table_args__ = (UniqueConstraint("channel", "update_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    update_id: Mapped[str] = mapped_column(String(64))
    sender: Mapped[str] = mapped_column(String(64))  # one sender's updates are handled in order
    body: Mapped[Any] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending|handling|done
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


Index("ix_inbound_updates_queue", InboundUpdate.state, InboundUpdate.id)


class Setting(Base):
    """Small facts learned at run time (the bot's username), shared by every process."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)




class Campaign(Base):
    """A communication plan; its phases, dates, deadlines and quotas are checked data (content)."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)  # issuer + plan number
    plan_number: Mapped[str] = mapped_column(CleanString(300))
    issuer: Mapped[str] = mapped_column(CleanString(300))
    title: Mapped[str] = mapped_column(CleanText())
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SloganState(enum.StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    RETIRED = "retired"


class Slogan(Base):
    """An approved slogan may go out; a proposed one waits for an approver; a retired one never."""

    __tablename__ = "slogans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"), index=True)
    text: Mapped[str] = mapped_column(CleanString(500))
    state: Mapped[str] = mapped_column(String(16), default=SloganState.PROPOSED.value)
    source: Mapped[str] = mapped_column(CleanString(200))  # the plan it came from, or who proposed it
    proposed_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class DeliveryState(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a worker; after a crash it becomes UNCERTAIN, never resent
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"
    UNCERTAIN = "uncertain"
    SKIPPED = "skipped"  # written so the decision is kept (muted, or Loa was down too long)


class Job(Base):
    """One batch of deliveries: a broadcast, a day's prompts, a reminder round."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str | None] = mapped_column(String(100), unique=True)  # e.g. "prompt:2026-11-23"
    priority: Mapped[int] = mapped_column(Integer, default=100)  # lower goes first
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class UnitGroup(Base):
    """A group chat linked to a unit (/nhom): it gets the unit's morning message and the
    broadcasts addressed to the unit. Unlinking keeps the row (`unlinked_at`); linking the same
    chat again reuses it."""

    __tablename__ = "unit_groups"
    __table_args__ = (UniqueConstraint("channel", "chat_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(CleanString(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    linked_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    unlinked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # None while linked

    unit: Mapped[Unit] = relationship(lazy="joined")


class Delivery(Base):
    """One message to one recipient (an officer, or a unit's group chat); marked sent only after
    the platform accepted it."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("job_id", "officer_id"),
                      UniqueConstraint("job_id", "group_id", name="uq_deliveries_job_group"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No index of its own: the unique (job_id, officer_id) serves lookups by job, and one index
    # fewer to write is felt when a morning queues 400,000 rows (0015_morning_scale).
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("unit_groups.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    priority: Mapped[int] = mapped_column(Integer, default=100)
    state: Mapped[str] = mapped_column(String(16), default=DeliveryState.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(300))
    message_id: Mapped[str | None] = mapped_column(String(32))
    not_before: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


Index("ix_deliveries_queue", Delivery.state, Delivery.priority, Delivery.id)
# The console's count of a day's prompts by state, from the index alone (#23).
Index("ix_deliveries_job_state", Delivery.job_id, Delivery.state)


class CampaignDay(Base):
    """What a campaign said on one day: written once, so every officer and process agrees, and
    slogans rotate against what was really used."""

    __tablename__ = "campaign_days"
    __table_args__ = (UniqueConstraint("campaign_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    day: Mapped[date] = mapped_column(Date)
    phase_index: Mapped[int] = mapped_column(Integer)
    theme_index: Mapped[int] = mapped_column(Integer)
    slogan_id: Mapped[int | None] = mapped_column(ForeignKey("slogans.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PromptAction(Base):
    """An officer's answer to a day's prompt: done, or remind me later."""

    __tablename__ = "prompt_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), index=True)
    day: Mapped[date] = mapped_column(Date)
    action: Mapped[str] = mapped_column(String(16))  # "done" | "snooze"
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class ReportState(enum.StrEnum):
    DRAFT = "draft"  # a guided form closed before it was sent: /baocao offers to resume it
    SUBMITTED = "submitted"
    APPROVED = "approved"  # "Đạt"
    NEEDS_MORE = "needs_more"  # "Cần bổ sung"
    WITHDRAWN = "withdrawn"  # kept, never counted


class Report(Base):
    """One activity an officer reports: what kind, what, when, and the photos as proof."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"))
    phase: Mapped[str | None] = mapped_column(String(300))
    theme: Mapped[str | None] = mapped_column(String(300))
    activity: Mapped[str | None] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(CleanText())
    day: Mapped[date] = mapped_column(Date, index=True)
    participants: Mapped[int | None] = mapped_column(Integer)
    link: Mapped[str | None] = mapped_column(CleanString(1000))
    state: Mapped[str] = mapped_column(String(16), default=ReportState.SUBMITTED.value)
    review_comment: Mapped[str | None] = mapped_column(CleanText())
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ReportPhoto(Base):
    """A report's photo: the platform's file id at once, then the bytes fetched in the background
    and kept under the storage folder by their content hash (never by a name the user sent)."""

    __tablename__ = "report_photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    file_id: Mapped[str] = mapped_column(String(200))
    unique_id: Mapped[str] = mapped_column(String(100), index=True)  # the same file, re-sent
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)  # None until stored
    path: Mapped[str | None] = mapped_column(String(300))  # relative to the storage folder
    size: Mapped[int | None] = mapped_column(Integer)
    duplicate_of: Mapped[int | None] = mapped_column(Integer)  # an earlier report with this photo
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(String(300))  # given up: too big, not an image
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    stored_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(100))  # the worker downloading it now
    retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # after a failed download


# The numbers at national size (#23): the console's pages (newest first, by keyset), the totals
# by day range and the quotas by campaign read these indexes alone, not a million rows; the
# duplicates filter reads the few photos seen before.
Index("ix_reports_day_id", Report.day, Report.id)
Index("ix_reports_counting", Report.day, Report.state, Report.unit_id, Report.campaign_id,
      Report.activity, Report.participants, Report.id)
Index("ix_reports_campaign_quota", Report.campaign_id, Report.activity, Report.day, Report.state,
      Report.unit_id)
Index("ix_report_photos_duplicate", ReportPhoto.report_id,
      postgresql_where=ReportPhoto.duplicate_of.is_not(None),
      sqlite_where=ReportPhoto.duplicate_of.is_not(None))


class BroadcastState(enum.StrEnum):
    AWAITING_APPROVAL = "awaiting_approval"
    REJECTED = "rejected"
    SCHEDULED = "scheduled"  # approved, waiting for `scheduled_at`
    CANCELLED = "cancelled"  # a scheduled one called off before it started
    MISSED = "missed"  # Loa was not running at its time, and came back too late to send it
    SENDING = "sending"
    DONE = "done"


class Broadcast(Base):
    __tablename__ = "broadcasts"
    __table_args__ = (Index("ix_broadcasts_state_scheduled_at", "state", "scheduled_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"text"} or {"photo", "caption"}
    audience: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"units", "subunits", "role"}
    slogan_id: Mapped[int | None] = mapped_column(ForeignKey("slogans.id"))
    state: Mapped[str] = mapped_column(String(24))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"))
    recipients: Mapped[int] = mapped_column(Integer, default=0)  # deliveries, groups included
    # Of `recipients`, the group chats (frozen at the start: a broadcast reaches people and groups).
    recipient_groups: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Where the live progress message is, so any process can keep it up to date.
    progress_channel: Mapped[str | None] = mapped_column(String(16))
    progress_chat: Mapped[str | None] = mapped_column(String(64))
    progress_message: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When it goes out (None: at once); a yearly one is followed by next year's when it starts.
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    repeat_yearly: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    key_date: Mapped[str | None] = mapped_column(String(200))  # the campaign key date's name
    # Changes of content before it starts: an approval names the revision the approver saw.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    edited_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))  # may not approve it
    # Its deliveries by state as last counted (bot.domain.broadcasts.numbers): read while it
    # sends, instead of counting a national broadcast's rows again for each reader.
    counts: Mapped[dict[str, int] | None] = mapped_column(JSON)
    counted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Worker(Base):
    """A live Loa process (bot or CLI); its heartbeat tells others its claims are still held."""

    __tablename__ = "workers"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    host: Mapped[str] = mapped_column(String(100))
    pid: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(32))  # "run", "cli broadcast send", …
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    # A fingerprint of the secret key it signs with (`loa doctor`: one key for every process).
    key_check: Mapped[str | None] = mapped_column(String(16))


class Lease(Base):
    """Work only one process may do at a time (polling one bot token and sending under its
    limit; the schedules), held by a worker until `expires_at` unless renewed."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    holder: Mapped[str] = mapped_column(String(100))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acquired_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Media(Base):
    """A photo Loa sends, by the SHA-256 of its bytes (stored under the storage folder), with each
    platform's own id for it once known, so it is uploaded once per platform."""

    __tablename__ = "media"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    path: Mapped[str] = mapped_column(String(300))  # relative to the storage folder
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    platform_ids: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # channel → id
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    """One decision that matters: who, what, when, on which object. Append-only: triggers on
    both databases refuse UPDATE and DELETE (see migration 0005_audit)."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor_kind: Mapped[str] = mapped_column(String(16))  # officer | operator | system
    actor_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    action: Mapped[str] = mapped_column(String(32))  # e.g. "broadcast.approved"
    object_kind: Mapped[str] = mapped_column(String(16))  # e.g. "broadcast"
    object_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class WebLink(Base):
    """A one-time sign-in link for the web console, kept by the SHA-256 of its token."""

    __tablename__ = "web_links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # set once: single use
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WebSession(Base):
    """A browser signed in to the console; the cookie holds the token, the table its hash."""

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # signed out


class PlanDraft(Base):
    """An official plan being made a campaign on the web console: the plan's text (its lines are
    the sources items name) and the draft's fields as last saved, raw strings kept, until an
    admin loads it (then it says which campaign) or discards it."""

    __tablename__ = "plan_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_name: Mapped[str] = mapped_column(CleanString(255))
    plan_text: Mapped[str] = mapped_column(CleanText())
    draft: Mapped[dict[str, Any]] = mapped_column(JSON)  # bot/domain/planimport/form.py
    created_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    loaded_campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"))
    loaded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    loaded_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))

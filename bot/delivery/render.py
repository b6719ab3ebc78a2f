"""Fit a message to what a channel can show: numbered choices without buttons, split long text."""

from __future__ import annotations

from bot.channels import Capabilities
from bot.core.events import DocumentOut, EditOut, Outgoing, PhotoOut, TextOut
from bot.core.textfit import shorten, split_text


def render(message: Outgoing, caps: Capabilities, choices_hint: str) -> list[Outgoing]:
    """One outgoing message as the list of messages this channel can actually send."""
    if isinstance(message, TextOut):
        text, choices = message.text, message.choices
        if choices and not caps.buttons:
            text = text if message.typed else _numbered(text, choices, choices_hint)
            choices = ()
        parts = split_text(text, caps.max_text, caps.utf16)
        return [TextOut(text=p) for p in parts[:-1]] + [TextOut(text=parts[-1], choices=choices)]
    if isinstance(message, PhotoOut):
        choices = message.choices if caps.buttons else ()
        if caps.length(message.caption) <= caps.max_caption and (caps.buttons or not message.choices):
            return [message]
        # A caption over the limit goes out as text after the photo, nothing cut.
        photo = PhotoOut(photo=message.photo)
        return [photo, *render(TextOut(text=message.caption, choices=message.choices), caps,
                               choices_hint)] if message.caption or choices else [photo]
    if isinstance(message, DocumentOut):
        if not caps.documents:
            return render(TextOut(text=message.fallback or message.caption), caps, choices_hint)
        if caps.length(message.caption) <= caps.max_caption:
            return [message]
        return [DocumentOut(document=message.document, filename=message.filename),
                *render(TextOut(text=message.caption), caps, choices_hint)]
    if not caps.edits:
        return [TextOut(text=message.text)] if message.text else []
    if message.text is not None and caps.length(message.text) > caps.max_text:
        return [EditOut(message_id=message.message_id, text=shorten(message.text, caps.max_text,
                                                                        one_line=False),
                        choices=message.choices)]
    return [message]


def _numbered(text: str, choices: tuple, hint: str) -> str:
    flat = [c for row in choices for c in row]
    lines = [f"  {i}. {c.label}" for i, c in enumerate(flat, 1)]
    return "\n".join([text, "", *lines, hint])

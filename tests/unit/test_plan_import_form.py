"""The web console's form of a plan's draft (bot/domain/planimport/form.py): the importer's draft
survives the trip through the form unchanged, what an admin types is kept as typed, empty rows
are ignored, removed rows dropped, and every problem is named by its field."""

from __future__ import annotations

import copy
import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.domain.campaigns import check_file
from bot.domain.planimport import draft_from_text, read_plan, render
from bot.domain.planimport.form import ITEMS, PHASE, THEME, check, from_post, read_day, to_form
from tests.conftest import ROOT

PLANS = ROOT / "tests" / "plans"
SEEDS = sorted(p for p in PLANS.iterdir() if p.suffix in (".txt", ".pdf"))
BAC_GIANG = PLANS / "bacgiang-thay-thuoc-2023.txt"
TTYT = PLANS / "ttyt-sot-xuat-huyet-2026.txt"


def imported(path: Path) -> tuple[Any, Any, dict[str, Any]]:
    draft, plan = draft_from_text(read_plan(path), path.name)
    form = json.loads(json.dumps(to_form(draft)))  # as the database gives it back
    return draft, plan, form


def posted(form: dict[str, Any], empty_rows: int = 2) -> list[tuple[str, str]]:
    """The fields a browser sends for the page of `form`, blank rows included, nothing changed."""
    out = [("csrf", "x"), ("action", "save")]
    out += [(name, form[name]["value"]) for name in ("plan_number", "issuer", "issued_on", "title",
                                                     "start", "end")]
    out += [("activities", a["kind"]) for a in form["activities"]]

    def row(base: str, item: dict[str, Any], keys: tuple[str, ...]) -> None:
        out.extend((f"{base}.{k}", item.get(k, "")) for k in keys)
        out.extend((f"{base}.{k}", str(item[k])) for k in ("line", "note", "who") if item.get(k))

    for i, phase in enumerate(form["phases"] + [{}] * empty_rows):
        row(f"phases.{i}", phase, PHASE)
        for j, theme in enumerate(phase.get("themes", []) + [{}] * empty_rows):
            row(f"phases.{i}.themes.{j}", theme, THEME)
    for name, keys in ITEMS.items():
        for i, item in enumerate(form[name] + [{}] * empty_rows):
            row(f"{name}.{i}", item, keys)
    return out


def replace(items: list[tuple[str, str]], **changes: str) -> list[tuple[str, str]]:
    """The posted fields with some typed over ("phases__0__end" for "phases.0.end")."""
    changes = {k.replace("__", "."): v for k, v in changes.items()}
    out = [(k, changes.pop(k, v)) for k, v in items]
    return out + list(changes.items())


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_the_importers_draft_goes_through_the_form_unchanged(path: Path):
    draft, plan, form = imported(path)
    original = render(draft, plan)
    checked = check(form, plan)
    assert checked.toml == original  # the same file, source comments and all
    # A save of the untouched page (blank rows included) changes nothing either.
    again = from_post(posted(form), form, len(plan.lines))
    assert again == form
    assert check(again, plan).toml == original
    if checked.campaign is not None:  # a complete plan: the data checked is the importer's
        assert checked.problems == []
        assert checked.campaign.model_dump(exclude_none=True, exclude_defaults=True) == \
            checked.campaign.model_validate(tomllib.loads(original)).model_dump(
                exclude_none=True, exclude_defaults=True)


def test_the_problems_of_an_incomplete_draft_are_named_by_their_field():
    _, plan, form = imported(BAC_GIANG)
    checked = check(form, plan)
    assert checked.campaign is None
    assert [(p.loc, p.where, p.text) for p in checked.problems] == [
        ("plan_number", "Số kế hoạch (plan_number)", "thiếu trường bắt buộc")]


def test_what_the_admin_types_is_kept_even_when_wrong():
    _, plan, form = imported(TTYT)
    items = replace(posted(form), phases__0__end="31/02/2026", quotas__0__count="hai",
                    slogans__1__text="Diệt lăng quăng - Phòng bệnh cho cả nhà ")
    edited = from_post(items, form, len(plan.lines))
    assert edited["phases"][0]["end"] == "31/02/2026"
    assert edited["quotas"][0]["count"] == "hai"
    assert edited["slogans"][1]["text"] == "Diệt lăng quăng - Phòng bệnh cho cả nhà "
    checked = check(edited, plan)
    assert checked.campaign is None
    got = {(p.loc, p.typo or p.text) for p in checked.problems}
    # The impossible day is said once, as what was typed; the check's own words name the rest.
    assert got == {("phases.0.end", "no_such_date"),
                   ("quotas.0.count", "phải là số nguyên (đang là «hai»)")}
    end = next(p for p in checked.problems if p.loc == "phases.0.end")
    assert (end.value, end.where) == (
        "31/02/2026", "Đợt 1: Phát động và truyền thông trước mùa dịch (phases[0]).end")
    raw = tomllib.loads(checked.toml)  # the file with the wrong values still reads
    assert raw["phases"][0]["end"] == "31/02/2026" and raw["quotas"][0]["count"] == "hai"


def test_dates_are_read_as_the_picker_sends_them_or_as_people_write_them():
    assert read_day("2026-03-15") == read_day("15/03/2026") == read_day("15/3/2026") \
        == read_day(" 15-03-2026 ") == read_day("15.03.2026") == dt.date(2026, 3, 15)
    assert read_day("31/02/2026") == read_day("2026-02-31") == "no_such_date"
    assert read_day("15/03") == read_day("mười lăm") == read_day("١٥/٠٣/٢٠٢٦") == "not_a_date"

    _, plan, form = imported(TTYT)
    items = replace(posted(form), start="20/02/2026", end="31/12/2026")
    checked = check(from_post(items, form, len(plan.lines)), plan)
    assert checked.problems == [] and checked.campaign is not None
    assert (checked.campaign.start, checked.campaign.end) == (dt.date(2026, 2, 20),
                                                               dt.date(2026, 12, 31))


def test_empty_rows_are_ignored_removed_rows_dropped_and_new_rows_added(tmp_path: Path):
    _, plan, form = imported(TTYT)
    n_slogans, n_themes = len(form["slogans"]), len(form["phases"][1]["themes"])
    items = replace(posted(form), **{
        "slogans.0.remove": "1",
        f"slogans.{n_slogans}.text": "Mỗi nhà một tuần diệt lăng quăng",
        f"phases.1.themes.{n_themes}.title": "Ngủ màn kể cả ban ngày",
        "phases.2.remove": "1",
        "deadlines.0.units": "TYTBC, TTYTHL",
        f"key_dates.{len(form['key_dates'])}.name": "Ngày thử",
        f"key_dates.{len(form['key_dates'])}.date": "2026-06-20",
        f"key_dates.{len(form['key_dates'])}.peak_before": "3",
    })
    items = [(k, v) for k, v in items if k != "activities" or v != "social"] + [("activities", "led")]
    edited = from_post(items, form, len(plan.lines))
    assert [s["text"] for s in edited["slogans"]] == [
        form["slogans"][1]["text"], "Mỗi nhà một tuần diệt lăng quăng"]
    assert edited["slogans"][1]["line"] is None  # added by hand: no source line
    assert [p["name"] for p in edited["phases"]] == [p["name"] for p in form["phases"][:2]]
    assert edited["phases"][1]["themes"][-1]["title"] == "Ngủ màn kể cả ban ngày"
    kinds = [a["kind"] for a in edited["activities"]]
    assert "social" not in kinds and kinds[-1] == "led"

    checked = check(edited, plan)
    assert checked.problems == [], checked.problems
    campaign = checked.campaign
    assert [s.text for s in campaign.slogans] == [s["text"] for s in edited["slogans"]]
    assert {s.state for s in campaign.slogans} == {"proposed"}
    assert campaign.deadlines[0].units == ["TYTBC", "TTYTHL"]
    assert campaign.key_dates[-1].date == dt.date(2026, 6, 20)
    assert campaign.key_dates[-1].peak_before == 3
    assert len(campaign.phases) == 2 and campaign.activities[-1] == "led"
    # The file keeps the source comment of every item that still has its line, and no other.
    toml = checked.toml
    kept_line = form["slogans"][1]["line"]
    assert f"# dòng {kept_line}: «" in toml
    assert f"# dòng {form['slogans'][0]['line']}: «" not in toml
    assert toml.count("[[slogans]]") == 2 and toml.count('source = "dòng') == 1
    path = tmp_path / "ban-nhap.toml"
    path.write_text(toml, encoding="utf-8")
    assert check_file(path).slogans[1].text == "Mỗi nhà một tuần diệt lăng quăng"


def test_a_forged_line_or_note_cannot_break_the_file():
    _, plan, form = imported(TTYT)
    items = replace(posted(form), **{"slogans.0.line": "99999", "slogans.0.note":
                                     'ghi chú\nplan_number = "GIẢ"', "phases.0.line": "-1"})
    edited = from_post(items, form, len(plan.lines))
    assert edited["slogans"][0]["line"] is None and edited["phases"][0]["line"] is None
    checked = check(edited, plan)
    assert tomllib.loads(checked.toml)["plan_number"] == "45/KH-TTYT"
    assert checked.problems == []


def test_an_emptied_field_is_missing_and_a_theme_only_phase_is_kept():
    _, plan, form = imported(TTYT)
    before = copy.deepcopy(form)
    n = len(form["phases"])
    items = replace(posted(form), issuer="  ", **{f"phases.{n}.themes.0.title": "Chủ đề lẻ"})
    edited = from_post(items, form, len(plan.lines))
    assert form == before  # the saved draft is not changed in place
    assert edited["issuer"]["value"] == "  " and edited["phases"][-1]["themes"][0]["title"] == "Chủ đề lẻ"
    got = {(p.loc, p.text) for p in check(edited, plan).problems}
    assert ("issuer", "thiếu trường bắt buộc") in got
    assert (f"phases.{n}.name", "không được để trống") in got
    assert (f"phases.{n}.start", "thiếu trường bắt buộc") in got

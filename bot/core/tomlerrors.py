"""TOML syntax errors told in Vietnamese: where (line, column) and what, for admins who edit files."""

from __future__ import annotations

import re
import tomllib

# tomllib's messages (Python 3.11–3.13), by how they start.
_WHAT = (
    ("Invalid date or datetime", "ngày không tồn tại hoặc không đúng dạng YYYY-MM-DD"),
    ("Invalid value", "giá trị không hợp lệ (chuỗi chữ cần dấu ngoặc kép \"…\")"),
    ("Unterminated string", "chuỗi chữ thiếu dấu ngoặc kép đóng"),
    ("Illegal character '\\n'", "chuỗi chữ thiếu dấu ngoặc kép đóng ở cuối dòng"),
    ("Unclosed array", "danh sách [..] thiếu dấu ] đóng"),
    ("Unclosed inline table", "bảng {..} thiếu dấu } đóng"),
    ("Expected ']' at the end of a table declaration", "tên mục [..] thiếu dấu ] đóng"),
    ("Expected '=' after a key", "thiếu dấu = sau tên trường"),
    ("Expected newline or end of document", "thừa chữ sau giá trị (mỗi trường một dòng)"),
    ("Cannot overwrite a value", "một trường được khai báo hai lần"),
    ("Cannot declare", "một mục [..] được khai báo hai lần"),
    ("Invalid statement", "dòng không đúng cú pháp TOML"),
    ("Invalid initial character for a key part", "tên trường có ký tự không hợp lệ"),
    ("Unescaped", "dấu \\ trong chuỗi chữ phải viết thành \\\\"),
    ("Illegal character", "có ký tự không được phép"),
)
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def describe(exc: tomllib.TOMLDecodeError) -> str:
    """"dòng 3, cột 5: thiếu dấu = sau tên trường" — never English."""
    text = str(exc)
    where = _AT.search(text)
    at = f"dòng {where.group(1)}, cột {where.group(2)}" if where else "cuối tệp"
    what = next((vi for en, vi in _WHAT if text.startswith(en)), "cú pháp TOML sai")
    return f"{at}: {what}"

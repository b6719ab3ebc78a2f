"""Writes bacgiang-thay-thuoc-2023.pdf, the seed plan as a PDF with a text layer, for the tests.

Run once when the seed changes (needs fpdf2 and the DejaVu fonts of Debian's fonts-dejavu-core):
    .venv/bin/python tests/plans/make_pdf.py
"""

import datetime as dt
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).parent
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def main() -> None:
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.set_creation_date(dt.datetime(2023, 2, 1, tzinfo=dt.UTC))  # the same bytes every run
    pdf.add_page()
    for line in (HERE / "bacgiang-thay-thuoc-2023.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            pdf.multi_cell(0, 6, line.replace("**", ""), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(HERE / "bacgiang-thay-thuoc-2023.pdf"))


if __name__ == "__main__":
    main()

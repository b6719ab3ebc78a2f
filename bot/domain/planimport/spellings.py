"""The words many rules key on, as OCR without Vietnamese data writes them (issue #21).

Kept apart from ocrfix so the lowest layers (numwords, dates) can read them without its model.
"""

# "trước" and "từ" as OCR writes them, for the rules that read a deadline or a range on bare text
# (a word may be left unmended): trước's ươ as d, é, e, o ("trudc", "truéc", "trudéc", "trude"), as i
# ("tric", no syllable), or cut by a stray quote mark ("tru‘éc"); its ước as "use" ("truse"; not
# "trụsở", a place run together);
# từ's ư as ir, i, w, tt, tr, lt ("tir", "ti tháng", "Tw ngày", "tt’", "tlt")
TRUOC = r"(?:tru[a-z]{0,2}c|tru[cdeo]{1,3}|truse|tric|tru[‘’'`][a-z]{1,3}c)"
TU = r"(?:tu|t(?:ir|i|w|tr?|lt))"
# "mùng" (a day's number, "mùng 6 Tết") as OCR bends it ("miing", "ming"), not "chúc mừng",
# "vui mừng", "ăn mừng", which fold the same
MUNG = r"(?<!\bchuc )(?<!\bvui )(?<!\ban )m[a-z]{1,2}ng"

"""Names plans use, with their diacritics: provinces, issuing bodies, named days, activity words.

Keys are folded (text.key), so a plan that lost its diacritics to OCR still finds them, and the
draft gets the name written properly.
"""

from __future__ import annotations

import difflib

from bot.domain.planimport.text import key

PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai",
    "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên",
    "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La",
    "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Huế", "Tiền Giang",
    "Thành phố Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]
PROVINCE_BY_KEY = {key(p): p for p in PROVINCES}

# Bodies that issue health communication plans; the longest key is tried first.
ISSUERS = {key(n): n for n in [
    "Sở Y tế", "Trung tâm Kiểm soát bệnh tật", "Trung tâm Y tế", "Bộ Y tế", "Ủy ban nhân dân",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ban Thường vụ Tỉnh ủy",
    "Tỉnh ủy", "Bệnh viện Đa khoa", "Phòng Y tế", "Chi cục Dân số", "Chi cục An toàn vệ sinh thực phẩm",
]}
# The office in a plan number ("3838/KH-SYT") says who issued it.
OFFICE_CODES = {"SYT": "Sở Y tế", "TTYT": "Trung tâm Y tế", "KSBT": "Trung tâm Kiểm soát bệnh tật",
                "CDC": "Trung tâm Kiểm soát bệnh tật", "BYT": "Bộ Y tế", "UBND": "Ủy ban nhân dân",
                "TU": "Tỉnh ủy", "BTGTU": "Ban Tuyên giáo Tỉnh ủy", "PYT": "Phòng Y tế"}
# Provincial bodies take the province's name after them.
PROVINCIAL = {"Sở Y tế", "Trung tâm Kiểm soát bệnh tật", "Ủy ban nhân dân", "Tỉnh ủy",
              "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"}

# Named days of the health calendar: key of the name → (name, "dd/mm"); an entry of three is a
# name plans also use for a day, then the day's own name ("vui Tết Thiếu nhi" on 01/6).
NAMED_DAYS = {key(said[0]): (said[-2], said[-1]) for said in [
    ("Ngày Thầy thuốc Việt Nam", "27/02"), ("Ngày Sức khỏe toàn dân", "07/04"),
    ("Ngày Dân số Việt Nam", "26/12"), ("Ngày Dân số thế giới", "11/07"),
    ("Ngày Thế giới phòng, chống lao", "24/03"), ("Ngày Thế giới không thuốc lá", "31/05"),
    ("Ngày Thế giới phòng, chống AIDS", "01/12"), ("Ngày Sức khỏe thế giới", "07/04"),
    ("Ngày Thế giới phòng, chống sốt rét", "25/04"), ("Ngày ASEAN phòng, chống sốt xuất huyết", "15/06"),
    ("Ngày Vi chất dinh dưỡng", "01/06"), ("Ngày Tăng huyết áp thế giới", "17/05"),
    ("Ngày Đái tháo đường thế giới", "14/11"), ("Ngày Sức khỏe tâm thần thế giới", "10/10"),
    ("Ngày Thế giới phòng, chống viêm gan", "28/07"),
    ("Ngày Vệ sinh yêu nước nâng cao sức khỏe nhân dân", "02/03"),
    ("Ngày Quốc tế hạnh phúc", "20/03"), ("Ngày Môi trường thế giới", "05/06"),
    ("Ngày Thế giới phòng, chống HIV/AIDS", "01/12"), ("Ngày Thế giới phòng, chống ung thư", "04/02"),
    ("Ngày Thế giới rửa tay với xà phòng", "15/10"), ("Ngày Vệ sinh tay thế giới", "05/05"),
    ("Ngày Thế giới vệ sinh tay", "05/05"), ("Ngày Quốc tế phòng, chống ma túy", "26/06"),
    ("Ngày Hiến máu thế giới", "14/06"), ("Ngày Người cao tuổi Việt Nam", "06/06"),
    ("Ngày Quốc tế Người cao tuổi", "01/10"), ("Ngày Gia đình Việt Nam", "28/06"),
    ("Ngày Toàn dân phòng, chống ma túy", "26/06"), ("Ngày An toàn người bệnh thế giới", "17/09"),
    ("Ngày Tim mạch thế giới", "29/09"), ("Ngày Thế giới phòng, chống đột quỵ", "29/10"),
    ("Ngày Thế giới phòng, chống bệnh dại", "28/09"), ("Ngày Tránh thai thế giới", "26/09"),
    ("Ngày An toàn thực phẩm thế giới", "07/06"), ("Ngày Bảo hiểm y tế Việt Nam", "01/07"),
    ("Ngày Thế giới phòng, chống tác hại của thuốc lá", "31/05"),
    ("Ngày Quốc tế Thiếu nhi", "01/06"), ("Ngày Thế giới phòng, chống tự sát", "10/09"),
    ("Ngày Thế giới phòng, chống tự tử", "10/09"), ("Ngày Đột quỵ thế giới", "29/10"),
    ("Ngày Loãng xương thế giới", "20/10"), ("Ngày Thế giới về an toàn, vệ sinh lao động", "28/04"),
    ("Ngày Thế giới phòng, chống đuối nước", "25/07"),
    ("Ngày Thể thao Việt Nam", "27/03"), ("Ngày Toàn cầu rửa tay với xà phòng", "15/10"),
    ("Ngày Toàn dân phòng cháy, chữa cháy", "04/10"),
    ("Ngày Thế giới về an toàn, sức khỏe tại nơi làm việc", "28/04"),
    ("Ngày Thế giới về an toàn và sức khỏe tại nơi làm việc", "28/04"),
    ("Ngày Nhận thức về động kinh", "26/03"), ("Ngày Động kinh thế giới", "26/03"),
    ("Ngày truyền thống Hội Nông dân Việt Nam", "14/10"), ("Ngày Phụ nữ Việt Nam", "20/10"),
    ("Ngày Quốc tế Phụ nữ", "08/03"), ("Ngày Nhà giáo Việt Nam", "20/11"),
    ("Ngày Nước thế giới", "22/03"), ("Tết Thiếu nhi", "Ngày Quốc tế Thiếu nhi", "01/06"),
    ("Ngày Phòng, chống thiên tai Việt Nam", "22/05"), ("Ngày Đại dương thế giới", "08/06"),
    ("Ngày Thế giới phòng, chống bệnh bại liệt", "24/10"), ("Ngày Thế giới phòng, chống bại liệt", "24/10"),
    ("Ngày Thế giới phòng, chống viêm phổi", "12/11"), ("Ngày X-quang thế giới", "08/11"),
    ("Ngày Chụp X-quang thế giới", "08/11"),
    ("Ngày Thế giới phòng, chống ung thư đầu cổ", "27/07"), ("Ngày Ung thư đầu cổ thế giới", "27/07"),
    ("Ngày Thính giác thế giới", "03/03"), ("Ngày Lương thực thế giới", "16/10"),
    ("Ngày Sức khỏe răng miệng thế giới", "20/03"), ("Ngày Quốc tế Người khuyết tật", "03/12"),
    ("Ngày Người khuyết tật Việt Nam", "18/04"), ("Ngày Thế giới nhận thức về tự kỷ", "02/04"),
    ("Ngày Pháp luật Việt Nam", "09/11"),
    ("Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam", "09/11"),
    ("Ngày Chuyển đổi số quốc gia", "10/10"), ("Ngày Sinh non thế giới", "17/11"),
    ("Ngày Thế giới phòng, chống bệnh lây truyền từ động vật sang người", "06/07"),
    ("Ngày Quốc tế phòng, chống dịch bệnh", "27/12"), ("Ngày Quốc tế Thanh niên", "12/08"),
    ("Ngày Động vật hoang dã thế giới", "03/03"),
    ("Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ", "25/11"),
    # the days of the health and consumer offices' own calling (a pharmacist's, the Red Cross's, a
    # consumer's rights): plans mark them with a talk or a drive held that day
    ("Ngày Dược sĩ thế giới", "25/09"), ("Ngày Chữ thập đỏ và Trăng lưỡi liềm đỏ thế giới", "08/05"),
    # its short name, said for the full one (as "Tết Thiếu nhi"): the day keeps the full name
    ("Ngày Chữ thập đỏ thế giới", "Ngày Chữ thập đỏ và Trăng lưỡi liềm đỏ thế giới", "08/05"),
    ("Ngày Quyền của người tiêu dùng Việt Nam", "15/03"),
    # the short name of the pneumonia day, and days plans of a trade union or an environment
    # drive mark ("chào mừng Ngày thành lập Công đoàn Việt Nam", "hưởng ứng Ngày … không túi ni lông")
    ("Ngày Viêm phổi thế giới", "12/11"), ("Ngày thành lập Công đoàn Việt Nam", "28/07"),
    ("Ngày Quốc tế không túi ni lông", "03/07"),
    # its other names, as the press writes them ("… không sử dụng túi nylon"): the day keeps its own
    *((f"Ngày Quốc tế không {use}túi {bag}", "Ngày Quốc tế không túi ni lông", "03/07")
      for use in ("", "sử dụng ", "dùng ") for bag in ("ni lông", "nilon", "nylon")
      if use or bag != "ni lông"),
    # a national day plans mark with a health activity ("nhân Ngày Thương binh - Liệt sĩ, khám cho
    # gia đình chính sách"), written with a dash, a comma or neither
    ("Ngày Thương binh - Liệt sĩ", "27/07"),
    ("Ngày Thương binh, Liệt sĩ", "Ngày Thương binh - Liệt sĩ", "27/07"),
    ("Ngày Thương binh Liệt sĩ", "Ngày Thương binh - Liệt sĩ", "27/07"),
]}


# one day under two or more names (marked once when a plan says both), by NAMED_DAYS's keys (folded);
# known days on one date not listed together are days apart, each marked
_ONE_DAY = [
    ("ngay suc khoe the gioi", "ngay suc khoe toan dan"),
    ("ngay the gioi khong thuoc la", "ngay the gioi phong, chong tac hai cua thuoc la"),
    ("ngay the gioi phong, chong aids", "ngay the gioi phong, chong hiv/aids"),
    ("ngay the gioi rua tay voi xa phong", "ngay toan cau rua tay voi xa phong"),
    ("ngay the gioi ve sinh tay", "ngay ve sinh tay the gioi"),
    ("ngay quoc te phong, chong ma tuy", "ngay toan dan phong, chong ma tuy"),
    ("ngay the gioi phong, chong dot quy", "ngay dot quy the gioi"),
    ("ngay the gioi phong, chong tu sat", "ngay the gioi phong, chong tu tu"),
    ("ngay the gioi ve an toan va suc khoe tai noi lam viec",
     "ngay the gioi ve an toan, suc khoe tai noi lam viec",
     "ngay the gioi ve an toan, ve sinh lao dong"),
    ("ngay nhan thuc ve dong kinh", "ngay dong kinh the gioi"),
    ("ngay the gioi phong, chong bai liet", "ngay the gioi phong, chong benh bai liet"),
    ("ngay chup x-quang the gioi", "ngay x-quang the gioi"),
    ("ngay the gioi phong, chong ung thu dau co", "ngay ung thu dau co the gioi"),
    ("ngay phap luat viet nam", "ngay phap luat nuoc cong hoa xa hoi chu nghia viet nam"),
    ("ngay the gioi phong, chong viem phoi", "ngay viem phoi the gioi"),
]
SAME_DAY = {NAMED_DAYS[said][0]: NAMED_DAYS[names[0]][0] for names in _ONE_DAY for said in names}


# National weeks of the health calendar, each kept by its first day (as the keys and officers mark
# it), whether a plan dates it or only names it ("hưởng ứng Tuần lễ Nuôi con bằng sữa mẹ"): the
# weeks whose dates never move. (Not "Tuần lễ Quốc gia không thuốc lá": its last day is a named day.)
NAMED_WEEKS = {key(said): (said, day) for said, day in [
    ("Tuần lễ Nuôi con bằng sữa mẹ", "01/08"), ("Tuần lễ Dinh dưỡng và Phát triển", "16/10"),
    ("Tuần lễ Tiêm chủng thế giới", "24/04"),
]}


def known_day(name: str, day: str) -> tuple[str, str] | None:
    """The named day Loa knows that `name` (after "Ngày") on `day` ("dd/mm") is: by its name, or
    as OCR misread a letter or two of it ("Ngày Mai trường thế giới" on 05/6) when the date agrees."""
    said = key("Ngày " + name)
    known = NAMED_DAYS.get(said)
    if known is not None:
        return known
    return next(((n, d) for k, (n, d) in NAMED_DAYS.items()
                 if d == day and abs(len(k) - len(said)) <= 3
                 and difflib.SequenceMatcher(None, k, said).ratio() >= 0.85), None)

# Words that name a kind of activity (folded, lower case) → Loa's activity.
ACTIVITY_WORDS = [
    ("conference", ["hoi nghi", "hoi thao", "toa dam", "tap huan", "noi chuyen chuyen de",
                    "sinh hoat chuyen de", "cuoc hop", "hop hoi dong", "sinh hoat nhom",
                    "truyen thong nhom", "noi chuyen",
                    # a club meets: "Câu lạc bộ … sinh hoạt 01 lần/tháng"
                    "cau lac bo", "clb"]),
    # (a class's or a school's display corner: "Góc tuyên truyền tại cửa lớp: thay nội dung 02 lần/tháng")
    ("poster", ["pano", "ap phich", "bang ron", "bang zon", "bang-ron", "bang tin", "bang tuyen truyen",
                "goc tuyen truyen"]),
    ("led", ["man hinh led", "bang dien tu", "man hinh dien tu", "bang led"]),
    ("website", ["cong thong tin", "trang thong tin dien tu", "website", "trang/cong",
                 "trang tin"]),
    # (a firm's or a group's chat and work networks: "nhóm Workplace", "nhóm Viber", "kênh Telegram")
    ("social", ["mang xa hoi", "facebook", "zalo", "youtube", "fanpage", "tiktok", "livestream",
                "workplace", "viber", "telegram"]),
    ("loudspeaker", ["phat thanh co so", "truyen thanh", "loa phat thanh", "loa truyen thanh",
                     "dai truyen thanh"]),
    ("mobile_van", ["xe luu dong", "truyen thong luu dong", "luu dong bang xe", "xe tuyen truyen", "xe loa",
                    "xe co dong",
                    # a mobile team's examination, screening or counselling in the communes ("Khám
                    # sàng lọc lưu động tại các buôn", "Khám, tư vấn lưu động")
                    "kham luu dong", "tu van luu dong", "sang loc luu dong", "doan kham"]),
    ("competition", ["hoi thi", "cuoc thi", "thi tim hieu"]),
    ("other", ["to roi", "video", "podcast", "infographic", "phong su", "so tay", "sach mong",
               "ban tin"]),
]

"""`site-builder new`: a new content file with every field and a comment on each.

The comments are Vietnamese because communicators read them; a test checks that every field
of the schema appears here, so the scaffolds cannot drift from the content model.
"""
from __future__ import annotations

PLAN = """\
---
doc_type: KH                # loại văn bản: KH (Kế hoạch), QĐ, CT, CV, HD, TB
number: ""                  # số văn bản trước dấu "/"; để "" nếu bản phát hành chưa ghi số
symbol: KH-UBND             # ký hiệu sau dấu "/"
issuer: ma-co-quan          # mã cơ quan ban hành trong content/data/bodies.yml
place: Tên địa danh         # địa danh ở dòng ngày tháng
date: {today}               # ngày ban hành NĂM-THÁNG-NGÀY; thiếu ngày thì ghi 2021-12, thiếu tháng ghi 2021
title: Tên (trích yếu) của kế hoạch    # không ghi chữ "Kế hoạch" ở đầu
summary: Một hai câu tóm tắt để hiện trong danh sách
campaign: ma-phong-trao     # mã phong trào trong content/data/campaigns.yml
implements: []              # mã các văn bản trên trang mà kế hoạch này triển khai
replaces: []                # mã các văn bản trên trang mà kế hoạch này thay thế
cites: []                   # văn bản được trích dẫn nhưng chưa có trên trang: - {{ref: "85/KH-UBND", date: 2021-09-21, issuer_name: "UBND tỉnh"}}
phases:                     # các đợt thi đua
  - {{name: Đợt 1, start: 2021-09-09, end: 2021-12-31, note: ""}}
deadlines:                  # các thời hạn
  - {{date: 2021-10-15, what: Việc phải xong trước hạn}}
awards: []                  # mã các hình thức khen thưởng trong content/data/awards.yml
tasks:                      # cơ quan được giao nhiệm vụ (body: mã cơ quan, nếu có)
  - {{assignee: Sở Nội vụ, task: Nhiệm vụ được giao, body: ""}}
signer:
  authority: TM.            # TM., KT., Q., TL., TUQ. hoặc bỏ trống
  body: ỦY BAN NHÂN DÂN     # tập thể được ký thay (sau TM.)
  title: CHỦ TỊCH           # chức vụ người ký
  name: Họ và tên người ký
recipients:                 # Nơi nhận, ghi như trên văn bản (không cần gõ "-" và ";")
  - Như trên
  - "Lưu: VT"               # dòng cuối: nơi lưu văn bản
original: ""                # bản gốc có chữ ký (PDF, JPG, PNG; tối đa 20 MB), đường dẫn tính từ content/: plans/kh-85-2021.pdf
illustrative: false         # true nếu đây là văn bản minh họa, không phải văn bản thật
draft: true                 # true: chưa đăng (chỉ hiện trong bản xem trước)
publish_date: {today}       # ngày bắt đầu được đăng
review: []                  # các trường cần rà soát sau khi nhập tự động; xóa khi đã kiểm tra
source_hash: ""             # (bản dịch) dấu vân tay của bản gốc khi dịch; công cụ tự điền
---

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

...
"""

DECISION = """\
---
doc_type: QĐ
number: ""                  # số quyết định
symbol: QĐ-UBND             # ký hiệu
issuer: ma-co-quan          # cơ quan khen thưởng (content/data/bodies.yml)
place: Tên địa danh
date: {today}
title: Về việc tặng Bằng khen cho các tập thể, cá nhân ...
summary: Một hai câu tóm tắt
campaign: ma-phong-trao     # mặc định lấy theo kế hoạch
plan: ma-ke-hoach           # kế hoạch mà quyết định này khen thưởng
phase: Đợt 1                # tên đợt thi đua của kế hoạch (nếu có)
award: ma-hinh-thuc         # hình thức khen thưởng mặc định cho mọi người trong danh sách
cites: []
signer:                     # quyết định khen thưởng là của Chủ tịch: "CHỦ TỊCH", hoặc cấp phó ký thay (KT.); không dùng TM.
  authority: KT.
  body: CHỦ TỊCH            # người đứng đầu mà cấp phó ký thay
  title: PHÓ CHỦ TỊCH
  name: Họ và tên người ký
recipients: []              # Nơi nhận
revokes: []                 # hủy bỏ quyết định khen thưởng: - {{decision: ma-quyet-dinh, recipient: ma-nguoi, reason: Lý do}}
corrects: []                # đính chính: - {{decision: ma-quyet-dinh, recipient: ma-nguoi, field: name, from: Tên cũ, to: Tên đúng}}
moved_recipients: []        # địa chỉ cũ chuyển sang địa chỉ mới: - {{from: ma-cu, to: ma-moi}}
recipients: []              # Nơi nhận; dòng cuối "Lưu: VT, ..."
original: ""                # bản gốc có chữ ký (PDF, JPG, PNG; tối đa 20 MB), đường dẫn tính từ content/: decisions/qd-1234-2021.pdf
revokes: []                 # thu hồi khen thưởng: - {{decision: ma-quyet-dinh, recipient: ma-nguoi, reason: Lý do}}
sheet_file: ""              # tên tệp danh sách (.csv, .xlsx) cùng thư mục, khi tệp không mang tên của quyết định
sheet: ""                   # trang tính cần đọc trong tệp .xlsx cùng tên, khi tệp có nhiều trang tính
awardees:                   # danh sách khen thưởng; có thể để trong tệp .csv/.xlsx cùng tên thay vì ở đây
  - kind: individual        # individual (cá nhân) hoặc collective (tập thể)
    name: Họ và tên
    position: Chức vụ
    unit: Đơn vị công tác
    locality: ma-dia-phuong # mã trong content/data/units.yml
    award: ma-hinh-thuc     # nếu khác hình thức mặc định
    achievement: Tóm tắt thành tích
    id: ""                  # mã riêng (tùy chọn); mặc định lấy từ họ tên
    public_fields: []       # trường được phép công khai dù trông như dữ liệu cá nhân
illustrative: false
draft: true
publish_date: {today}
review: []
source_hash: ""
---
"""

MESSAGE = """\
---
kind: slogan                # slogan (khẩu hiệu), message (thông điệp), article (bài viết), poster, audio, video
title: Nội dung hoặc tên thông điệp
summary: Một câu tóm tắt
campaign: ma-phong-trao
issuer: ma-co-quan
audience: Toàn dân          # đối tượng
languages: [vi]             # các ngôn ngữ có bản dịch
valid_from: {today}         # ngày bắt đầu hiệu lực (trước ngày này thông điệp bị ẩn)
valid_until: ""             # ngày hết hiệu lực (sau ngày này chuyển vào lưu trữ); bỏ trống = không hết hạn
image: ""                   # poster: đường dẫn ảnh (bắt buộc với poster)
image_alt: ""               # mô tả ảnh cho người khiếm thị (bắt buộc khi có ảnh)
audio: ""                   # audio: tệp âm thanh cho loa truyền thanh; ghi lời đọc ở phần nội dung
video_url: ""               # video: đường dẫn
illustrative: false         # true nếu đây là thông điệp minh họa
draft: true
publish_date: {today}
review: []
source_hash: ""
---

Nội dung thông điệp (với audio: lời đọc đầy đủ).
"""

CONSULTATION = """\
---
title: Danh sách đề nghị tặng ...   # tên danh sách đề nghị khen thưởng đưa ra lấy ý kiến
issuer: ma-co-quan          # mã cơ quan lấy ý kiến trong data/bodies.yml
number: ""                  # số thông báo công bố danh sách (nếu có)
symbol: TB-UBND
date: {today}               # ngày của thông báo đó
legal_basis: "Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP"   # căn cứ phải lấy ý kiến (bắt buộc)
award: ma-hinh-thuc         # hình thức đề nghị (mã trong data/awards.yml); từng dòng của bảng có thể ghi riêng
from: {today}               # ngày bắt đầu lấy ý kiến (trước ngày này danh sách chưa hiện)
to: {today}                 # ngày cuối lấy ý kiến (sau ngày này chuyển vào mục Đã kết thúc)
contact:                    # cách góp ý: ít nhất một trong address, phone, email, url
  office: Ban Thi đua - Khen thưởng tỉnh ...
  address: ""               # địa chỉ cơ quan (được phép đăng: là liên hệ công khai của cơ quan)
  phone: ""                 # điện thoại cơ quan
  email: ""                 # thư điện tử cơ quan
  url: ""                   # địa chỉ hệ thống tiếp nhận phản ánh, kiến nghị của tỉnh
summary: Một câu tóm tắt
campaign: ma-phong-trao
sheet_file: ""              # tên tệp danh sách (.csv, .xlsx) cùng thư mục, khi tệp không mang tên của tệp này
sheet: ""                   # tên trang tính cần đọc khi tệp .xlsx có nhiều trang
illustrative: false         # true nếu đây là danh sách minh họa
draft: true
publish_date: ""
review: []
source_hash: ""
---

Lời mời góp ý (không bắt buộc). Danh sách người được đề nghị đặt trong tệp .csv hoặc .xlsx cùng
tên, cùng thư mục, với các cột như danh sách khen thưởng: Họ và tên, Chức vụ, Đơn vị, Thành tích.
"""

SCAFFOLDS = {"plan": PLAN, "decision": DECISION, "message": MESSAGE, "consultation": CONSULTATION}
FOLDERS = {"plan": "plans", "decision": "decisions", "message": "messages", "consultation": "consultations"}


def scaffold(kind: str, today: str) -> str:
    return SCAFFOLDS[kind].format(today=today)

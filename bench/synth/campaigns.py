"""The four emulation campaigns of the synthetic province and the vocabulary of each.

A campaign gives its name (data/campaigns.yml), the years its plans and decisions fall in,
the department that leads it, and the phrases achievement texts are assembled from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    start: date
    department: str                 # id prefix of the leading department (bodies.DEPARTMENTS)
    plan_topic: str                 # what the plans are about: "Kế hoạch <topic> <scope>"
    phases: tuple[tuple[str, date, date], ...]
    field: str                      # "trong công tác ..." in achievement openings
    actions: tuple[str, ...]        # things people did; {village}, {n} are filled in
    results: tuple[str, ...]        # what it contributed to


CAMPAIGNS = [
    Campaign(
        "covid-19-2021",
        "Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch COVID-19",
        date(2021, 9, 10), "so-y-te",
        "thi đua phòng, chống dịch COVID-19",
        (("Đợt cao điểm", date(2021, 9, 15), date(2021, 10, 31)),
         ("Đợt 2", date(2021, 11, 1), date(2022, 3, 31))),
        "phòng, chống dịch COVID-19",
        ("trực chốt kiểm soát dịch ngày đêm tại cửa ngõ {village}",
         "tham gia lấy mẫu xét nghiệm cho hơn {n} lượt người dân",
         "vận động bà con tiêm đủ liều vắc xin phòng COVID-19",
         "hỗ trợ lương thực, thực phẩm cho các hộ khó khăn trong thời gian giãn cách",
         "theo dõi, chăm sóc người cách ly tại nhà ở {village}",
         "tuyên truyền thông điệp 5K bằng loa lưu động đến từng ngõ xóm",
         "phối hợp truy vết nhanh các trường hợp tiếp xúc gần",
         "đưa người bệnh đến cơ sở điều trị an toàn, kịp thời",
         "tổ chức điểm tiêm vắc xin lưu động cho người cao tuổi",
         "quyên góp hơn {n} phần quà gửi lực lượng tuyến đầu"),
        ("kiểm soát dịch bệnh, ổn định đời sống nhân dân",
         "bảo vệ an toàn sức khỏe cho người dân địa phương",
         "sớm đưa địa phương trở lại trạng thái bình thường mới"),
    ),
    Campaign(
        "nong-thon-moi-2021-2025",
        "Cả nước chung sức xây dựng nông thôn mới giai đoạn 2021 - 2025",
        date(2021, 6, 1), "so-nong-nghiep",
        "thi đua xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
        (("Giai đoạn 1", date(2022, 1, 1), date(2022, 12, 31)),
         ("Giai đoạn 2", date(2023, 1, 1), date(2023, 12, 31))),
        "xây dựng nông thôn mới",
        ("vận động nhân dân hiến đất mở rộng đường giao thông nông thôn",
         "tham gia làm hơn {n} mét đường hoa, đường điện chiếu sáng ở {village}",
         "hướng dẫn bà con chuyển đổi cơ cấu cây trồng, vật nuôi phù hợp",
         "phát triển sản phẩm OCOP đạt ba sao của địa phương",
         "giữ gìn vệ sinh môi trường, phân loại rác thải tại nguồn",
         "xây dựng mô hình khu dân cư kiểu mẫu tại {village}",
         "đóng góp ngày công nạo vét kênh mương nội đồng",
         "thành lập tổ hợp tác sản xuất lúa sạch cho hơn {n} hộ"),
        ("hoàn thành các tiêu chí nông thôn mới nâng cao",
         "nâng cao đời sống vật chất, tinh thần của người dân",
         "xây dựng quê hương ngày càng sáng, xanh, sạch, đẹp"),
    ),
    Campaign(
        "chuyen-doi-so-2022",
        "Thi đua đẩy mạnh chuyển đổi số, xây dựng chính quyền số và xã hội số",
        date(2022, 3, 1), "so-thong-tin-truyen-thong",
        "thi đua thực hiện chuyển đổi số",
        (("Năm 2022", date(2022, 3, 1), date(2022, 12, 31)),
         ("Năm 2023", date(2023, 1, 1), date(2023, 12, 31))),
        "chuyển đổi số",
        ("hướng dẫn người dân sử dụng dịch vụ công trực tuyến",
         "tham gia Tổ công nghệ số cộng đồng tại {village}",
         "hỗ trợ hơn {n} hộ kinh doanh thanh toán không dùng tiền mặt",
         "số hóa hồ sơ, tài liệu lưu trữ của cơ quan",
         "giúp người cao tuổi cài đặt ứng dụng định danh điện tử",
         "đưa nông sản của bà con lên sàn thương mại điện tử",
         "tuyên truyền kỹ năng an toàn thông tin trên mạng cho thanh thiếu niên"),
        ("xây dựng chính quyền số, kinh tế số và xã hội số",
         "nâng cao chất lượng phục vụ người dân và doanh nghiệp",
         "thu hẹp khoảng cách số giữa thành thị và nông thôn"),
    ),
    Campaign(
        "vi-nguoi-ngheo-2022",
        "Vì người nghèo - Không để ai bị bỏ lại phía sau",
        date(2022, 1, 1), "so-lao-dong",
        "thi đua giảm nghèo bền vững",
        (("Năm 2022", date(2022, 1, 1), date(2022, 12, 31)),),
        "giảm nghèo bền vững",
        ("vận động quyên góp xây dựng nhà Đại đoàn kết cho hộ nghèo",
         "hỗ trợ con giống, vốn sản xuất cho hơn {n} hộ cận nghèo",
         "trao học bổng cho học sinh nghèo vượt khó ở {village}",
         "giới thiệu việc làm ổn định cho thanh niên địa phương",
         "tổ chức bữa cơm có thịt cho người già neo đơn",
         "sửa chữa nhà ở cho gia đình chính sách tại {village}"),
        ("giảm tỷ lệ hộ nghèo của địa phương",
         "giúp người dân vươn lên thoát nghèo bền vững",
         "thực hiện tốt chính sách an sinh xã hội"),
    ),
]


def campaigns_data(launch_plan_ids: dict[str, str]) -> dict:
    """data/campaigns.yml; each campaign is launched by the province's plan for it."""
    return {
        c.id: {"name": c.name, "launched_by": launch_plan_ids[c.id], "start": c.start}
        for c in CAMPAIGNS
    }

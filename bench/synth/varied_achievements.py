"""Achievement summaries (thành tích) of the realistic province: from a line to a paragraph.

Real honor rolls mix one-line entries with long paragraphs about a place and a trade. A text
here is built from many sentence shapes: an opening, what the place is like (by the district's
profile), what the recipient did for the campaign (one to four actions), what their sector did
(health, police, schools, militia, farmers, youth, women, post and press, the commune's
offices, the village), sometimes a few counts and a word of earlier recognition, and a closing.
Like achievements.py it writes no dates, no long digit runs and no phone numbers: counts are
small or written with a thousands dot ("1.250").
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .achievements import LANGUAGE_CLAUSES
from .campaigns import Campaign


@dataclass(frozen=True)
class Where:
    """What a text may say about the recipient's place and work."""
    place: str          # "xã Tân Phú, huyện Vĩnh Lạc", "huyện Vĩnh Lạc" or "tỉnh Tân Hà"
    village: str        # "thôn 3", or "các xã, thị trấn" for a district's services
    profile: str        # the district's profile (urban | plains | delta | highland); "" when
                        # the recipient works for a district or the province
    unit: str
    position: str


_OPENINGS = (
    "Có thành tích xuất sắc trong công tác {field} tại {place} năm {year}.",
    "Có nhiều đóng góp trong phong trào {field} ở {place} năm {year}.",
    "Hoàn thành xuất sắc nhiệm vụ {field} tại {place}, năm {year}.",
    "Đã có thành tích tiêu biểu trong phong trào thi đua {field} năm {year}.",
    "Tích cực tham gia phong trào {field} trên địa bàn {place}.",
    "Có thành tích xuất sắc, tiêu biểu trong thực hiện nhiệm vụ {field} năm {year}.",
    "Là điển hình tiên tiến trong phong trào {field} của {place}.",
    "Thực hiện tốt nhiệm vụ được giao trong công tác {field}.",
    "Có thành tích trong phong trào thi đua {field}.",
    "Đạt thành tích cao trong đợt thi đua {field} năm {year} tại {place}.",
)
_PLACES = {
    "urban": (
        "Địa bàn đông dân cư, nhiều khu nhà trọ công nhân, người dân đi lại thường xuyên.",
        "Trên địa bàn có chợ đầu mối và nhiều cơ sở kinh doanh, lượng người qua lại lớn.",
        "Khu dân cư có nhiều hẻm nhỏ, nhà ở san sát, nhiều hộ là người lao động tự do.",
    ),
    "plains": (
        "Địa bàn thuần nông, phần lớn lao động trẻ đi làm ăn xa.",
        "Các thôn nằm rải rác giữa cánh đồng, đường nội đồng nhỏ và hẹp.",
        "Là xã có nhiều hộ làm nghề truyền thống, thu nhập của người dân còn bấp bênh.",
    ),
    "delta": (
        "Là vùng sông nước, kênh rạch chằng chịt, nhiều hộ dân sống rải rác ven sông.",
        "Đồng bào Khmer chiếm gần một nửa dân số, sinh hoạt gắn với chùa và phum, sóc.",
        "Mùa nước nổi, nhiều tuyến đường bị ngập, việc đi lại phải dùng ghe, xuồng.",
    ),
    "highland": (
        "Trên địa bàn có đông đồng bào Ê Đê, Jrai sinh sống, đường sá đi lại khó khăn nhất là vào mùa mưa.",
        "Các buôn nằm xa trung tâm xã, nhiều hộ còn khó khăn, chưa thông thạo tiếng phổ thông.",
        "Đồng bào sống chủ yếu bằng nghề trồng cà phê, hồ tiêu, thu nhập phụ thuộc vào mùa vụ.",
    ),
}
_INDIVIDUAL_LEADS = (
    "Đồng chí đã", "Không quản khó khăn, đã chủ động", "Với tinh thần trách nhiệm cao, đã",
    "Bản thân luôn gương mẫu, đã", "Ngoài công việc chuyên môn, đồng chí còn",
    "Dù hoàn cảnh gia đình còn nhiều khó khăn, đã", "Là người nhiệt tình, sâu sát cơ sở, đã",
    "Trong thời gian qua, đã",
)
_COLLECTIVE_LEADS = (
    "Đơn vị đã chủ động", "Tập thể đoàn kết, kịp thời", "Cán bộ, hội viên của đơn vị đã",
    "Dưới sự lãnh đạo của cấp ủy, tập thể đã", "Đơn vị đã xây dựng kế hoạch cụ thể và",
    "Phát huy sức mạnh đoàn kết, tập thể đã",
)
# A sector is recognised by a word of the unit or the position; the first match wins.
_SECTOR_WORDS = (
    ("health", ("Y tế", "Bệnh viện", "Bác sĩ", "Y sĩ", "Điều dưỡng", "xét nghiệm", "Cấp cứu",
                "Kiểm soát bệnh tật", "Nghiệp vụ Y", "Khoa ")),
    ("police", ("Công an",)),
    ("school", ("Trường", "Giáo dục", "Giáo viên")),
    ("militia", ("Quân sự", "Dân quân")),
    ("farmers", ("Nông dân",)),
    ("youth", ("Đoàn", "Thanh niên")),
    ("women", ("Phụ nữ",)),
    ("media", ("Bưu điện", "Báo", "Đài", "Phóng viên")),
    ("office", ("Ủy ban", "Phòng", "Văn phòng", "Chuyên viên", "Công chức", "Chữ thập đỏ")),
)
_SECTORS = {
    "health": (
        "Trực chuyên môn đầy đủ, khám và điều trị cho hơn {n} lượt người bệnh, không để xảy ra sai sót.",
        "Tham gia tập huấn cho nhân viên y tế thôn, buôn về cách theo dõi sức khỏe người dân tại nhà.",
        "Phối hợp tốt với các đoàn thể đưa dịch vụ y tế đến tận các hộ ở xa.",
    ),
    "police": (
        "Giữ vững an ninh trật tự, không để xảy ra điểm nóng trên địa bàn.",
        "Tham gia tuần tra, giải quyết kịp thời các vụ việc phát sinh ngay từ cơ sở.",
        "Vận động người dân làm thủ tục cấp căn cước và tài khoản định danh điện tử cho hơn {n} người.",
    ),
    "school": (
        "Duy trì sĩ số học sinh, vận động {k} em có nguy cơ bỏ học quay trở lại lớp.",
        "Đổi mới phương pháp dạy học, tổ chức nhiều hoạt động ngoại khóa bổ ích cho học sinh.",
        "Quan tâm giúp đỡ học sinh có hoàn cảnh khó khăn, học sinh người dân tộc thiểu số.",
    ),
    "militia": (
        "Sẵn sàng nhận và hoàn thành mọi nhiệm vụ được giao, kể cả những nhiệm vụ khó khăn, nguy hiểm.",
        "Tham gia giúp dân khắc phục hậu quả thiên tai, dọn dẹp vệ sinh, sửa chữa nhà cửa.",
    ),
    "farmers": (
        "Xây dựng mô hình sản xuất hiệu quả, hướng dẫn {k} hộ hội viên cùng làm theo.",
        "Phối hợp với ngân hàng chính sách giúp hội viên vay vốn phát triển sản xuất.",
        "Tổ chức các lớp tập huấn chuyển giao khoa học kỹ thuật cho bà con nông dân.",
    ),
    "youth": (
        "Tổ chức nhiều đợt ra quân tình nguyện, thu hút hơn {n} lượt đoàn viên, thanh niên tham gia.",
        "Xung kích đi đầu trong các phần việc khó, nhận công trình thanh niên tại {village}.",
    ),
    "women": (
        "Vận động hội viên tiết kiệm, giúp {k} phụ nữ nghèo có vốn làm ăn.",
        "Duy trì câu lạc bộ gia đình hạnh phúc, phòng, chống bạo lực gia đình.",
    ),
    "media": (
        "Kịp thời đưa tin, bài phản ánh gương người tốt, việc tốt ở cơ sở.",
        "Bảo đảm thông tin liên lạc và chuyển phát thông suốt, kể cả đến các thôn, buôn ở xa.",
    ),
    "office": (
        "Tham mưu kịp thời cho lãnh đạo ban hành các văn bản chỉ đạo, hướng dẫn thực hiện.",
        "Giải quyết hồ sơ của người dân đúng hạn, không để tồn đọng, được nhân dân hài lòng.",
        "Theo dõi, tổng hợp tình hình và báo cáo đầy đủ, chính xác với cấp trên.",
    ),
    "village": (
        "Đi từng nhà vận động bà con cùng tham gia, giải thích cặn kẽ để mọi người hiểu và làm theo.",
        "Hòa giải thành công nhiều mâu thuẫn trong khu dân cư, giữ gìn tình làng nghĩa xóm.",
        "Cùng chi bộ và ban nhân dân {village} họp dân, lắng nghe và giải quyết kiến nghị của bà con.",
    ),
}
_COUNTS = (
    "Trong năm, {subject} đã tổ chức {k} buổi tuyên truyền, thu hút hơn {n} lượt người tham gia.",
    "{Subject} đã vận động được {m} triệu đồng và nhiều ngày công lao động.",
    "Kết quả, {k} hộ gia đình tại {village} đã thay đổi nhận thức và cùng thực hiện.",
)
_RECOGNITION = (
    "Nhiều năm liền đạt danh hiệu Lao động tiên tiến.",
    "Được cấp ủy, chính quyền và nhân dân địa phương ghi nhận, đánh giá cao.",
    "Từng được tặng Giấy khen vì thành tích trong phong trào thi đua của địa phương.",
    "Là gương mẫu trong gia đình, giáo dục con cháu chấp hành tốt chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
)
_CLOSINGS = (
    "Gương mẫu, nhiệt tình, được nhân dân tin yêu, góp phần {result}.",
    "Là tấm gương tiêu biểu, góp phần {result}.",
    "Góp phần tích cực vào việc {result}.",
    "Những việc làm đó đã góp phần {result}.",
    "Qua đó góp phần quan trọng vào việc {result}, được nhân dân đồng tình ủng hộ.",
    "Thành tích trên là đóng góp thiết thực để {result}.",
    "Góp phần {result}.",
)


def sector_of(unit: str, position: str) -> str:
    text = f"{position} {unit}"
    for sector, words in _SECTOR_WORDS:
        if any(word in text for word in words):
            return sector
    return "village"


def varied_achievement(rng: random.Random, campaign: Campaign, *, collective: bool, where: Where,
                       year: int, ethnic: str = "kinh") -> str:
    """One text of 1 to 11 sentences (about 10 to 200 words)."""
    numbers = {"n": _amount(rng), "k": str(rng.randrange(3, 60)), "m": str(rng.randrange(5, 90)),
               "village": where.village}
    opening = rng.choice(_OPENINGS).format(field=campaign.field, place=where.place, year=year)
    length = rng.random()
    if length < 0.15:                       # the one-line entry
        return opening
    sentences = [opening]
    if length > 0.45 and where.profile:
        sentences.append(rng.choice(_PLACES[where.profile]))
    lead = rng.choice(_COLLECTIVE_LEADS if collective else _INDIVIDUAL_LEADS)
    count = 1 + int(length * 3.9)
    actions = [a.format(village=where.village, n=_amount(rng))
               for a in rng.sample(campaign.actions, min(count, len(campaign.actions)))]
    listed = actions[0] if len(actions) == 1 else f"{', '.join(actions[:-1])} và {actions[-1]}"
    language = LANGUAGE_CLAUSES.get(ethnic, "") if rng.random() < 0.6 else ""
    sentences.append(f"{lead} {listed}{language}.")
    sector = _SECTORS[sector_of(where.unit, where.position)]
    for sentence in rng.sample(sector, min(len(sector), int(length * 3))):
        sentences.append(sentence.format(**numbers))
    if length > 0.6:
        subject = "đơn vị" if collective else "đồng chí"
        sentences.append(rng.choice(_COUNTS).format(subject=subject, Subject=subject.capitalize(), **numbers))
    if length > 0.75:
        sentences.append(rng.choice(_RECOGNITION))
    sentences.append(rng.choice(_CLOSINGS).format(result=rng.choice(campaign.results)))
    return " ".join(sentences)


def _amount(rng: random.Random) -> str:
    return f"{rng.randrange(2, 40) * 50:,}".replace(",", ".")      # "1.250", never a long number

"""Problems found in content, and how they are told to a communicator.

A problem names the file, the line and the field, and says what is wrong in plain words.
Messages live in one catalogue per language so that `check` speaks Vietnamese by default
and English on request, and so tests can assert on stable codes rather than on wording.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"

# code -> (vi, en). Placeholders are filled from Problem.params.
MESSAGES: dict[str, tuple[str, str]] = {
    "yaml_syntax": (
        "phần đầu (YAML) viết sai cú pháp: {detail}",
        "the frontmatter is not valid YAML: {detail}",
    ),
    "yaml_alias": (
        "phần đầu (YAML) dùng bí danh (& và *) để lặp lại một giá trị: hãy viết giá trị ra đầy đủ",
        "the frontmatter reuses a value with a YAML alias (& and *): write the value out in full",
    ),
    "no_frontmatter": (
        "tệp không có phần đầu (YAML) giữa hai dòng ---",
        "the file has no frontmatter between two --- lines",
    ),
    "not_a_mapping": (
        "phần đầu phải là danh sách các trường dạng 'tên: giá trị'",
        "the frontmatter must be a list of 'name: value' fields",
    ),
    "unknown_field": (
        "trường này không có trong mẫu {kind}{hint}",
        "this field is not part of a {kind}{hint}",
    ),
    "duplicate_key": (
        "trường này được viết hai lần",
        "this field is written twice",
    ),
    "missing_field": (
        "thiếu trường bắt buộc",
        "this required field is missing",
    ),
    "not_a_date": (
        '"{value}" không phải là ngày hợp lệ (viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2021-09-11)',
        '"{value}" is not a date (write YEAR-MONTH-DAY, for example 2021-09-11)',
    ),
    "wrong_type": (
        "giá trị phải là {expected}, nhưng đang là {value}",
        "the value must be {expected}, but it is {value}",
    ),
    "not_in_choices": (
        '"{value}" không phải là lựa chọn hợp lệ; chọn một trong: {choices}',
        '"{value}" is not allowed; choose one of: {choices}',
    ),
    "unknown_ref": (
        'không tìm thấy {target} có mã "{value}" trong trang{hint}',
        'there is no {target} with the id "{value}" in the site{hint}',
    ),
    "duplicate_number": (
        'số và ký hiệu "{number}" năm {year} của {issuer} đã được dùng ở {other}',
        'number and symbol "{number}" of {year} by {issuer} is already used in {other}',
    ),
    "duplicate_id": (
        'mã "{value}" đã được dùng ở {other}',
        'the id "{value}" is already used in {other}',
    ),
    "unknown_file": (
        "tệp này không thuộc loại nội dung nào nên không được đưa lên trang",
        "this file is not a known kind of content, so it is not published",
    ),
    "language_not_configured": (
        "bản dịch tiếng '{lang}' không được dựng vì ngôn ngữ này chưa có trong mkdocs.yml (languages)",
        "this '{lang}' translation is not built because the language is not listed in mkdocs.yml (languages)",
    ),
    "bad_origin": (
        '"{value}" không phải là địa chỉ gốc (ví dụ https://congthongtin.tinh.gov.vn) nên không được phép nhúng trang',
        '"{value}" is not an origin (for example https://portal.province.gov.vn), so it is not allowed to embed the site',
    ),
    "review_pending": (
        "tệp nhập tự động còn {count} trường cần rà soát: {fields}; xem lại rồi xóa trường 'review'",
        "this imported file still has {count} fields to review: {fields}; check them, then delete 'review'",
    ),
    "untranslatable_field": (
        "bản dịch chỉ được có các trường: {allowed}; các thông tin khác lấy từ bản tiếng Việt, hãy xóa trường này",
        "a translation may only have these fields: {allowed}; everything else comes from the Vietnamese source, delete this field",
    ),
    "bad_file": (
        "không đọc được tệp: {detail}",
        "the file cannot be read: {detail}",
    ),
    # Honor rolls (rules/privacy.py, rules/authority.py, rules/revocation.py)
    "personal_data": (
        "trường '{field_name}' có vẻ chứa {what} ({sample}); đây là dữ liệu cá nhân, không được đăng "
        "công khai: xóa thông tin này, hoặc nếu đã được phép công khai thì thêm '{field_name}' vào public_fields",
        "field '{field_name}' seems to hold {what} ({sample}); that is personal data and must not be "
        "published: delete it, or if publishing it was allowed, add '{field_name}' to public_fields",
    ),
    "award_beyond_authority": (
        '{issuer} (cấp {level}) không có thẩm quyền tặng "{award}": hình thức này do cấp {allowed} quyết định '
        "(Luật Thi đua, khen thưởng 2022, Chương IV); kiểm tra lại hình thức khen thưởng hoặc cơ quan ban hành",
        '{issuer} ({level} level) has no power to confer "{award}": that form is conferred at {allowed} '
        "level (Law on Emulation and Commendation 2022, Chapter IV); check the award or the issuing body",
    ),
    "unknown_recipient": (
        'quyết định "{decision}" không có người/tập thể được khen mã "{value}"{hint}',
        'decision "{decision}" has no awardee with the id "{value}"{hint}',
    ),
    "already_revoked": (
        'khen thưởng "{value}" đã bị thu hồi bởi {other}',
        'the award "{value}" is already revoked by {other}',
    ),
    # Public messages (rules/messages.py)
    "message_needs_field": (
        "thông điệp loại {kind} phải có trường này ({why})",
        "a {kind} message needs this field ({why})",
    ),
    "message_needs_transcript": (
        "thông điệp âm thanh phải có lời đọc (bản ghi) ở phần nội dung, cho người không nghe được",
        "an audio message needs its transcript as the body, for people who cannot hear it",
    ),
    "message_dates_reversed": (
        "ngày hết hiệu lực ({until}) trước ngày bắt đầu ({start})",
        "the end of validity ({until}) is before its start ({start})",
    ),
    "reserved_id": (
        'tên tệp "{value}" trùng với trang {path} của trang web; hãy đổi tên tệp',
        'the file name "{value}" is taken by the page {path}; rename the file',
    ),
    "media_missing": (
        'không tìm thấy tệp "{value}" trong thư mục content/',
        'the file "{value}" is not in the content/ folder',
    ),
    # Links and citations in Markdown bodies (rules/links.py)
    "broken_link": (
        'liên kết "{url}" dẫn tới trang không có trong trang web{hint}',
        'the link "{url}" leads to a page that is not in the site{hint}',
    ),
    "missing_file": (
        'không tìm thấy {what} "{url}" (đặt tệp vào thư mục content/ rồi ghi đúng đường dẫn)',
        'the {what} "{url}" does not exist (put the file in content/ and write its path)',
    ),
    "broken_anchor": (
        'liên kết "{url}": trang đó không có mục "#{anchor}"',
        'link "{url}": that page has no section "#{anchor}"',
    ),
    "md_link": (
        'liên kết "{url}" trỏ tới tệp nguồn nên sẽ hỏng trên trang web; hãy viết địa chỉ trang: "{suggestion}"',
        'the link "{url}" points at a source file and will break on the site; write the page address: "{suggestion}"',
    ),
    "unknown_citation": (
        '"{citation}" không có trong trang web và chưa được ghi ở trường cites của văn bản nào: '
        'kiểm tra lại số hiệu, hoặc thêm văn bản đó vào cites',
        '"{citation}" is neither in the site nor listed under cites: of any document: '
        'check the number, or add the document to cites',
    ),
    # Not about a content file: a build that finds another one writing the same site folder
    # (runtime/site_lock.py). Shown by the command, in the site's language.
    "site_busy_waiting": (
        "một lần dựng khác (tiến trình {pid}) đang ghi vào {folder}; đang chờ nó xong, tối đa {seconds} giây",
        "another build (process {pid}) is writing {folder}; waiting for it to finish, at most {seconds} seconds",
    ),
    "site_busy": (
        "một lần dựng khác (tiến trình {pid}) vẫn đang ghi vào {folder} sau {seconds} giây chờ: "
        "lần dựng này dừng lại, trang web đang chạy giữ nguyên; hãy dựng lại sau",
        "another build (process {pid}) is still writing {folder} after {seconds} seconds: "
        "this build stops, the live site is unchanged; build again later",
    ),
    "site_url_missing": (
        "chưa khai báo site_url trong mkdocs.yml: không tạo tin RSS/Atom, sitemap.xml và liên kết chuẩn (canonical)",
        "site_url is not set in mkdocs.yml: RSS/Atom feeds, sitemap.xml and canonical links are not written",
    ),
}

KIND_NAMES = {
    "plan": ("văn bản (kế hoạch)", "plan"),
    "decision": ("quyết định khen thưởng", "award decision"),
    "awardee": ("người/tập thể được khen", "awardee"),
    "message": ("thông điệp", "message"),
    "story": ("gương điển hình", "story"),
    "body": ("cơ quan", "body"),
    "award": ("hình thức khen thưởng", "award form"),
    "unit": ("đơn vị hành chính", "administrative unit"),
    "campaign": ("phong trào", "campaign"),
    "phase": ("đợt thi đua", "phase"),
    "deadline": ("hạn", "deadline"),
    "task": ("nhiệm vụ", "task"),
    "signer": ("người ký", "signer"),
    "cite": ("văn bản trích dẫn", "cited document"),
    "revocation": ("thu hồi", "revocation"),
    "page": ("trang", "page"),
    "document": ("văn bản", "document"),
}


def kind_name(kind: str, lang: str) -> str:
    vi, en = KIND_NAMES.get(kind, (kind, kind))
    return vi if lang == "vi" else en


@dataclass
class Problem:
    file: str  # path relative to the project, with forward slashes
    line: int | None
    field: str | None
    code: str
    params: dict = field(default_factory=dict)
    severity: str = ERROR
    column: str | None = None  # spreadsheets: the column header

    def message(self, lang: str = "vi") -> str:
        vi, en = MESSAGES[self.code]
        params = {k: _localise(v, lang) for k, v in self.params.items()}
        return (vi if lang == "vi" else en).format(**params)

    def location(self, lang: str = "vi") -> str:
        if self.column is not None:
            row, col = ("dòng", "cột") if lang == "vi" else ("row", "column")
            return f"{self.file}, {row} {self.line}, {col} {self.column}"
        return f"{self.file}:{self.line}" if self.line else self.file

    def render(self, lang: str = "vi") -> str:
        where = self.location(lang)
        what = f"'{self.field}': " if self.field else ""
        label = "" if self.severity == ERROR else ("cảnh báo: " if lang == "vi" else "warning: ")
        return f"{where}: {label}{what}{self.message(lang)}"

    def as_dict(self, lang: str = "vi") -> dict:
        return {
            "file": self.file, "line": self.line, "column": self.column, "field": self.field,
            "code": self.code, "severity": self.severity, "message": self.message(lang),
        }


def _localise(value, lang):
    """Params may carry (vi, en) pairs for words that differ between languages."""
    if isinstance(value, tuple) and len(value) == 2:
        return value[0] if lang == "vi" else value[1]
    return value


class Problems(list):
    """The problems of one load; also remembers what happened to every file."""

    def __init__(self):
        super().__init__()
        self.files: dict[str, str] = {}  # path -> built | draft | scheduled | failed | data | page

    def add(self, file, line, fieldname, code, severity=ERROR, column=None, **params):
        self.append(Problem(str(file), line, fieldname, code, params, severity, column))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if p.severity == WARNING]

    def mark(self, file: str, status: str) -> None:
        self.files[file] = status

    def failed_files(self) -> set[str]:
        return {p.file for p in self.errors}


def rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def to_json(problems: list[Problem], lang: str) -> str:
    return json.dumps([p.as_dict(lang) for p in problems], ensure_ascii=False, indent=2)

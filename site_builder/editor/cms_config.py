"""The web editor's configuration (Decap CMS's config.yml), generated from the field specs.

Every collection's fields come from content/schema.py COLLECTIONS, the same specs `check`
validates with and the JSON Schemas are made from, so the editor cannot offer a field
`check` refuses nor miss one it accepts (tests/test_web_editor.py walks both). What the
specs name by id (award forms, issuing bodies, units, campaigns) is a select of the site's
own data: the communicator picks a label, the file gets the code.

Translations (`<stem>.<lang>.md`, docs/i18n.md) are edited beside the Vietnamese, with Decap's
i18n (`multiple_files`): the fields a translation may have (i18n/translations.py) are
translated, the others hidden in the other languages' pane. Decap names the Vietnamese file
`<stem>.vi.md` then, which the loader reads as the source (docs/web-editor.md).
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml

from .. import urls
from ..content.folders import COLLECTION_DIRS
from ..content.schema import COLLECTIONS, COMMON, F
from ..i18n import strings
from ..i18n.translations import allowed_fields
from .options import PKCE_BACKENDS, EditorOptions, edits_translations

# The collections in the order the editor lists them, with their Vietnamese names
# (plural, singular).
COLLECTION_LABELS = {
    "plan": ("Kế hoạch, văn bản", "văn bản"),
    "decision": ("Quyết định khen thưởng", "quyết định"),
    "message": ("Thông điệp", "thông điệp"),
    "story": ("Gương điển hình", "gương điển hình"),
    "consultation": ("Lấy ý kiến nhân dân", "danh sách lấy ý kiến"),
}

# Vietnamese labels of fields, by name (a name means the same thing in every kind, except
# where the field's spec carries its own `label`: a signer's title). A field without one is
# shown under its name: a new field is never left out for want of a label.
FIELD_LABELS = {
    "draft": "Bản nháp (chưa đăng)", "publish_date": "Ngày đăng", "review": "Trường cần rà soát",
    "source_hash": "Dấu bản gốc (công cụ ghi)", "doc_type": "Loại văn bản", "number": "Số",
    "symbol": "Ký hiệu", "issuer": "Cơ quan ban hành", "place": "Địa danh", "date": "Ngày",
    "title": "Tiêu đề (trích yếu)", "summary": "Tóm tắt", "campaign": "Phong trào thi đua",
    "signer": "Người ký", "authority": "Thẩm quyền ký", "body": "Cơ quan, chức danh", "name": "Họ và tên",
    "cites": "Văn bản trích dẫn", "ref": "Số, ký hiệu", "relation": "Quan hệ", "issuer_name": "Cơ quan ban hành",
    "illustrative": "Nội dung minh họa", "original": "Bản gốc đã ký (PDF, ảnh)", "implements": "Thực hiện văn bản",
    "replaces": "Thay thế văn bản", "phases": "Các đợt", "start": "Bắt đầu", "end": "Kết thúc", "note": "Ghi chú",
    "deadlines": "Thời hạn", "what": "Nội dung", "awards": "Hình thức khen thưởng", "tasks": "Nhiệm vụ",
    "assignee": "Đơn vị thực hiện", "task": "Nhiệm vụ", "recipients": "Nơi nhận", "plan": "Kế hoạch",
    "phase": "Đợt", "award": "Hình thức khen thưởng", "awardees": "Người, tập thể được khen",
    "kind": "Loại", "position": "Chức vụ", "unit": "Đơn vị", "locality": "Địa phương",
    "achievement": "Thành tích", "id": "Mã", "public_fields": "Trường được công khai", "stt": "STT",
    "group": "Nhóm", "sheet": "Trang tính (Excel)", "sheet_file": "Bảng tính danh sách (.csv, .xlsx)",
    "revokes": "Hủy bỏ khen thưởng", "decision": "Quyết định",
    "recipient": "Mã người được khen", "reason": "Lý do", "corrects": "Đính chính", "field": "Trường đính chính",
    "from": "Từ", "to": "Đến", "moved_recipients": "Địa chỉ đã chuyển", "audience": "Đối tượng",
    "languages": "Ngôn ngữ", "valid_from": "Hiệu lực từ", "valid_until": "Hiệu lực đến", "image": "Hình ảnh",
    "image_alt": "Mô tả hình ảnh", "audio": "Âm thanh", "video_url": "Địa chỉ video", "photo": "Ảnh",
    "photo_alt": "Mô tả ảnh", "legal_basis": "Căn cứ pháp lý", "contact": "Cách góp ý", "office": "Cơ quan nhận ý kiến",
    "address": "Địa chỉ", "phone": "Điện thoại", "email": "Thư điện tử", "url": "Hệ thống tiếp nhận phản ánh",
}

BODY_FIELD = {"name": "body", "label": "Nội dung", "widget": "markdown", "required": False}

_DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False,
         "picker_utc": True}
_DOC_DATE = ["^\\d{4}(-\\d{1,2}(-\\d{1,2})?)?$", "Viết YYYY-MM-DD, hoặc YYYY-MM, YYYY khi bản gốc để trống ngày"]
_URL = ["^https?://", "Địa chỉ bắt đầu bằng https://"]
_ID = [f"^{urls.ID_FORM.pattern}$", "Chữ thường không dấu và số, nối bằng dấu gạch ngang (ví dụ xa-ea-tul)"]
# Media fields holding an image (an image widget shows it); the others take any file.
_IMAGES = ("image", "photo")


def collection_folder(kind: str) -> str:
    return next(folder for folder, k in COLLECTION_DIRS.items() if k == kind)


def data_options(site) -> dict[str, list[dict]]:
    """The choices of each data file: what the communicator reads (label), what is stored (value)."""
    awards = sorted(site.awards.values(), key=lambda a: (a.rank, a.id))
    return {
        "awards": [{"label": a.label.get("vi") or a.id, "value": a.id} for a in awards],
        "bodies": [{"label": b.name, "value": b.id} for b in site.bodies.values()],
        "units": [{"label": u.name, "value": u.id} for u in site.units.values()],
        "campaigns": [{"label": c.name, "value": c.id} for c in site.campaigns.values()],
    }


@dataclass(frozen=True)
class Fields:
    """What the fields of one collection are made from: the site's data choices, the
    collection's kind and folder, and the interface strings (labels of enum choices)."""
    choices: dict
    kind: str
    folder: str
    words: dict

    def field(self, name: str, f: F) -> dict:
        """The editor's field for the spec `f` named `name`."""
        out = {"name": name, "label": f.label or FIELD_LABELS.get(name, name), **self.widget(name, f)}
        if not f.required:
            out["required"] = False
        return out

    def fields(self, spec: dict[str, F]) -> list[dict]:
        # What the communicator writes first; the bookkeeping fields every kind has (draft,
        # publish date, the tool's own) last.
        names = [n for n in spec if n not in COMMON] + [n for n in spec if n in COMMON]
        return [self.field(name, spec[name]) for name in names]

    def widget(self, name: str, f: F) -> dict:
        t = f.type
        if t == "list":
            item = f.items
            select = self.select(name, item) if item.type in ("enum", "ref") else None
            if select is not None:
                return {**select, "multiple": True}
            if item.type == "obj":
                return {"widget": "list", "fields": self.fields(item.fields)}
            return {"widget": "list", "field": self.field(name, F(item.type, required=True, ref=item.ref))}
        if t == "obj":
            return {"widget": "object", "fields": self.fields(f.fields)}
        if t in ("enum", "ref"):
            select = self.select(name, f)
            if select is not None:
                return select
        if t == "path":
            # Beside the entry, stored as the path from content/ the spec wants (messages/x.png).
            return {"widget": "image" if name in _IMAGES else "file", "media_folder": "",
                    "public_folder": self.folder, "choose_url": False}
        if t == "file":
            # Beside the entry, stored as its name alone (danh-sach.csv): Decap joins the
            # field's public_folder "" and the uploaded file's name, lower-cased and made ASCII.
            return {"widget": "file", "media_folder": "", "public_folder": "", "choose_url": False}
        simple = {"text": {"widget": "text"}, "int": {"widget": "number", "value_type": "int"},
                  "bool": {"widget": "boolean"}, "date": _DATE,
                  "docdate": {"widget": "string", "pattern": _DOC_DATE},
                  "url": {"widget": "string", "pattern": _URL}, "id": {"widget": "string", "pattern": _ID}}
        return dict(simple.get(t, {"widget": "string"}))

    def select(self, name: str, f: F) -> dict | None:
        if f.type == "enum":
            return {"widget": "select", "options": [self.choice(name, c) for c in f.choices]}
        if self.choices.get(f.ref):
            return {"widget": "select", "options": self.choices[f.ref]}
        if f.ref in ("decisions", "plans", "documents"):
            # Documents refer to plans and other launching documents by id (plans/), decisions
            # to decisions: the editor offers their titles.
            target = "decisions" if f.ref == "decisions" else "plans"
            return {"widget": "relation", "collection": target, "value_field": "{{slug}}",
                    "search_fields": ["title"], "display_fields": ["title"]}
        return None  # law forms, or a data file with no entries yet: typed as text

    def choice(self, name: str, value: str) -> dict | str:
        """A choice under the interface's word for it (message_kind_slogan: Khẩu hiệu) when the
        strings have one; the code is what the file gets."""
        for key in (f"{self.kind}_{name}_{value}", f"{name}_{value}"):
            if isinstance(self.words.get(key), str):
                return {"label": self.words[key], "value": value}
        return value


def translated(site) -> bool:
    """Whether the site has other languages than its own: then every collection is edited with
    its translations beside it."""
    return edits_translations(site.config)


def collections(site) -> list[dict]:
    choices = data_options(site)
    config = site.config
    words = strings("vi", str(config.theme_dir / "strings") if config.theme_dir else None)
    out = []
    for kind, (label, singular) in COLLECTION_LABELS.items():
        folder = collection_folder(kind)
        make = Fields(choices, kind, folder, words)
        fields = make.fields(COLLECTIONS[kind]) + [dict(BODY_FIELD)]
        collection = {"name": folder, "label": label, "label_singular": singular,
                      "folder": f"{config.content_dir.name}/{folder}", "extension": "md", "format": "frontmatter",
                      "media_folder": "", "public_folder": folder, "create": True, "slug": "{{slug}}",
                      "identifier_field": "title", "summary": "{{title}}", "fields": fields}
        if translated(site):
            # The fields a translation may carry are written to <stem>.<lang>.md; the others
            # (facts) are hidden in the other languages' pane and stay in <stem>.vi.md only.
            collection["i18n"] = True
            for field in fields:
                if field["name"] in (*allowed_fields(kind), "body"):
                    field["i18n"] = True
        out.append(collection)
    return out


def i18n(site) -> dict:
    """Decap's i18n: one file per language beside the source, the site's language first."""
    config = site.config
    locales = [config.default_language] + [lang for lang in config.languages if lang != config.default_language]
    return {"structure": "multiple_files", "locales": locales, "default_locale": config.default_language}


def backend(options: EditorOptions) -> dict:
    if options.backend == "local":
        return {"name": "proxy", "proxy_url": options.proxy_url, "branch": options.branch}
    out = {"name": options.backend, "repo": options.repo, "branch": options.branch}
    if options.backend in PKCE_BACKENDS:
        # Self-managed GitLab, Gitea and Forgejo log in with PKCE: no server of ours. Decap's
        # API defaults are gitlab.com's and try.gitea.io's, never the host's: derived here.
        out["auth_type"] = "pkce"
        api = "/api/v4" if options.backend == "gitlab" else "/api/v1"
        out["api_root"] = options.api_root or options.base_url.rstrip("/") + api
    elif options.api_root:
        out["api_root"] = options.api_root
    for key in ("base_url", "app_id"):
        if getattr(options, key):
            out[key] = getattr(options, key)
    return out


def cms_config(site, options: EditorOptions) -> dict:
    config = site.config
    # The site's own logo on the login page, from the site (the editor's page is quan-tri/).
    out = {"backend": backend(options), "locale": "vi", "logo_url": "../" + config.icon}
    if options.workflow:
        out["publish_mode"] = "editorial_workflow"
    if config.site_url:
        out["site_url"] = config.site_url
        out["display_url"] = config.site_url
    out.update({
        # Uploads outside a collection's fields land in content/; a field's own go beside its entry.
        "media_folder": config.content_dir.name, "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
    })
    if translated(site):
        out["i18n"] = i18n(site)
    out["collections"] = collections(site)
    return out


def cms_config_yaml(site, options: EditorOptions) -> str:
    head = "# Generated by site-builder from the field specifications: do not edit (docs/web-editor.md).\n"
    return head + yaml.safe_dump(cms_config(site, options), allow_unicode=True, sort_keys=False, width=120)

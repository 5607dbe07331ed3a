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
    "data_file_shape": (
        "tệp dữ liệu này phải gồm {expected}",
        "this data file must hold {expected}",
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
    "two_sources": (
        "{other} và tệp này đều là bản tiếng Việt của \"{stem}\": chỉ giữ một tệp (trình soạn thảo web "
        "ghi {stem}.{lang}.md; đổi tên hoặc xóa {other})",
        "{other} and this file are both the Vietnamese text of \"{stem}\": keep only one (the web editor "
        "writes {stem}.{lang}.md; rename or delete {other})",
    ),
    "language_not_configured": (
        "bản dịch tiếng '{lang}' không được dựng vì ngôn ngữ này chưa có trong mkdocs.yml (languages)",
        "this '{lang}' translation is not built because the language is not listed in mkdocs.yml (languages)",
    ),
    "editor_no_workflow": (
        "máy chủ git {backend} không hỗ trợ quy trình duyệt bài (workflow: true) của trình soạn thảo web; "
        "bỏ dòng này, hoặc dùng một trong: {backends}",
        "the {backend} backend of the web editor has no editorial workflow (workflow: true); remove the "
        "line, or use one of: {backends}",
    ),
    "editor_source_name": (
        "{count} tệp bản tiếng Việt trong thư mục này mang tên <mã>.md (ví dụ {example}): trình soạn thảo web "
        "chỉ mở được một tệp cùng các bản dịch của nó khi tệp mang tên <mã>.{lang}.md ({renamed}); hãy đổi tên "
        "các tệp này (docs/web-editor.md, mục Bản dịch)",
        "{count} Vietnamese files in this folder are named <id>.md (for example {example}): the web editor "
        "opens a file with its translations only when it is named <id>.{lang}.md ({renamed}); rename these files "
        "(docs/web-editor.md, Translations)",
    ),
    "editor_bundle_missing": (
        "chưa có tệp của trình soạn thảo web ({package} {version}) và không tải được từ kho gói npm: {detail}. "
        "Kiểm tra kết nối mạng (hoặc biến NPM_CONFIG_REGISTRY) rồi dựng lại; hoặc bỏ mục editor",
        "the web editor's files ({package} {version}) are not here and could not be fetched from the npm "
        "package index: {detail}. Check the network (or NPM_CONFIG_REGISTRY) and build again; or remove "
        "the editor option",
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
    "control_character": (
        "có ký tự điều khiển không nhìn thấy được ({detail}) ở đây: hãy xóa ký tự này "
        "(thường do sao chép từ một tệp khác)",
        "there is an invisible control character ({detail}) here: delete it "
        "(it usually comes from copying out of another file)",
    ),
    # Recipients sheets (honor/sheets.py and the readers it uses)
    "sheet_unreadable": (
        "không đọc được bảng tính này: {reason}. Lưu lại bằng Excel: Tệp > Lưu thành > CSV UTF-8 (*.csv)",
        "this spreadsheet cannot be read: {reason}. Open it in Excel and save it again: "
        "File > Save As > CSV UTF-8 (Comma delimited) (*.csv)",
    ),
    "sheet_choose": (
        "tệp có nhiều trang tính có dữ liệu ({sheets}): ghi tên trang tính cần đọc vào trường sheet: "
        'của quyết định, ví dụ sheet: "{first}"',
        "the workbook has several sheets with data ({sheets}): name the one to read in the decision's "
        'sheet: field, for example sheet: "{first}"',
    ),
    "sheet_not_found": (
        'quyết định ghi sheet: "{value}" nhưng tệp không có trang tính này; các trang tính của tệp: {sheets}',
        'the decision says sheet: "{value}", but the workbook has no such sheet; its sheets: {sheets}',
    ),
    "sheet_without_workbook": (
        "sheet: chỉ dùng khi danh sách là tệp .xlsx đặt cạnh quyết định ({list_file}); hãy xóa trường này",
        "sheet: is only used with a .xlsx list beside the decision ({list_file}); delete this field",
    ),
    "no_awardees": (
        "quyết định không có danh sách người/tập thể được khen: viết awardees: ở phần đầu, "
        "hoặc đặt tệp {stem}.csv hay {stem}.xlsx cùng thư mục (hoặc ghi tên tệp danh sách vào sheet_file:)",
        "the decision lists no recipients: write awardees: in its frontmatter, "
        "or put {stem}.csv or {stem}.xlsx beside it (or name the list's file in sheet_file:)",
    ),
    "consultation_window": (
        "thời gian lấy ý kiến kết thúc (to: {to}) trước khi bắt đầu (from: {start}): hãy sửa lại một trong hai ngày",
        "the consultation ends (to: {to}) before it starts (from: {start}): correct one of the two dates",
    ),
    "consultation_no_contact": (
        "chưa ghi cách góp ý: viết contact: với địa chỉ (address), điện thoại (phone) hoặc thư điện tử (email) "
        "của Ban Thi đua - Khen thưởng, hoặc địa chỉ hệ thống tiếp nhận phản ánh (url)",
        "the consultation does not say how to comment: write contact: with the address, phone or email of the "
        "Ban Thi đua - Khen thưởng, or the address (url) of the province's feedback system",
    ),
    "consultation_no_candidates": (
        "danh sách lấy ý kiến không có ai: đặt tệp {stem}.csv hay {stem}.xlsx (danh sách đề nghị) cùng thư mục "
        "(hoặc ghi tên tệp danh sách vào sheet_file:)",
        "the consultation lists nobody: put {stem}.csv or {stem}.xlsx (the proposal list) beside it "
        "(or name the list's file in sheet_file:)",
    ),
    "file_not_beside": (
        '"{value}" phải là tên một tệp đặt cùng thư mục với tệp này, chỉ có tên tệp: không có thư mục, '
        'không có dấu / hay \\, không có "..", không bắt đầu bằng dấu chấm (ví dụ danh-sach.xlsx)',
        '"{value}" must be the name of a file in the same folder as this one, the name alone: no folder, '
        'no / or \\, no "..", not starting with a dot (for example danh-sach.xlsx)',
    ),
    "file_suffix": (
        '"{value}" không phải là tệp bảng tính: chỉ dùng tệp có đuôi {suffixes} (chữ thường)',
        '"{value}" is not a spreadsheet file: only files ending {suffixes} (lower case) are read',
    ),
    "sheet_file_missing": (
        'không có tệp "{value}" trong thư mục {folder}: tải bảng tính lên lại, hoặc sửa tên tệp cho đúng',
        'there is no file "{value}" in the folder {folder}: upload the sheet again, or correct the file name',
    ),
    "sheet_file_and_stem": (
        "có hai danh sách: tệp {value} (trường sheet_file) và tệp {other} cùng tên với tệp này; chỉ giữ một "
        "(xóa tệp {other}, hoặc xóa trường sheet_file)",
        "there are two lists: {value} (the sheet_file field) and {other}, named after this file; keep only one "
        "(delete {other}, or delete the sheet_file field)",
    ),
    "sheet_file_taken": (
        "tệp {value} đã là danh sách của {other}: mỗi tệp chỉ được có một bảng tính danh sách riêng",
        "{value} is already the list of {other}: each file needs a list of its own",
    ),
    "two_sheets": (
        "quyết định đã có danh sách {other}: chỉ giữ một tệp danh sách",
        "the decision already has the list {other}: keep only one list file",
    ),
    "sheet_no_rows": (
        "bảng tính không có dòng người/tập thể được khen nào dưới dòng tiêu đề",
        "the spreadsheet has no recipient rows below its header row",
    ),
    "unknown_column": (
        'danh sách khen thưởng không có cột "{value}"{hint} (các cột dùng được: {known})',
        'there is no column "{value}" in a recipients list{hint} (the columns are: {known})',
    ),
    "duplicate_column": (
        'cột này ghi lại nội dung của cột "{other}": chỉ giữ một cột',
        'this column repeats the column "{other}": keep only one',
    ),
    "missing_name_column": (
        'bảng tính không có cột họ tên (tiêu đề "Họ tên" hoặc "Họ và tên"), nên không đọc được dòng nào',
        'the spreadsheet has no column of names (headed "Họ tên", "Họ và tên" or "name"), so no row can be read',
    ),
    "cells_without_header": (
        "cột {letter} không có tiêu đề nhưng có giá trị ở {rows} (từ dòng {first}): "
        "ghi tiêu đề cho cột hoặc xóa các giá trị",
        "column {letter} has no header but holds values in {rows} (from row {first}): "
        "give it a header or delete the values",
    ),
    "merged_cells": (
        "các ô {range} được gộp (merge), nên các dòng dưới ô đầu sẽ trống: bỏ gộp ô "
        "(Trang đầu > Gộp và Căn giữa) rồi ghi đủ giá trị vào từng dòng (chỉ dòng tiêu đề nhóm, "
        "như \"I. TẬP THỂ\", được gộp ngang trên một dòng)",
        "cells {range} are merged, so the rows below the first would be empty: unmerge them "
        "(Home > Merge & Center) and fill in every row (only a group heading such as \"I. TẬP THỂ\" "
        "may be merged, across its one row)",
    ),
    "formula_without_value": (
        "ô {cell} có công thức nhưng tệp không lưu kết quả của nó: mở tệp bằng Excel và lưu lại "
        "để giữ các giá trị",
        "cell {cell} holds a formula whose result was not saved: open the file in Excel and save it "
        "so the values are kept",
    ),
    "formula_error": (
        "ô {cell} hiện lỗi {value} của Excel: sửa công thức hoặc ghi giá trị",
        "cell {cell} shows the Excel error {value}: fix the formula or type the value",
    ),
    # Honor rolls (rules/privacy.py, rules/authority.py, rules/revocation.py)
    "personal_data": (
        "trường '{field_name}' có vẻ chứa {what} ({sample}); đây là dữ liệu cá nhân, không được đăng "
        "công khai: xóa thông tin này, hoặc nếu đã được phép công khai thì thêm '{field_name}' vào public_fields",
        "field '{field_name}' seems to hold {what} ({sample}); that is personal data and must not be "
        "published: delete it, or if publishing it was allowed, add '{field_name}' to public_fields",
    ),
    "name_normalised": (
        'đã được chuẩn hoá khi đọc: {changes}; trang web ghi "{value}" (không bắt buộc sửa tệp)',
        'normalised when read: {changes}; the site shows "{value}" (the file need not be fixed)',
    ),
    "names_normalised": (
        "{count} ô nữa của cột này, từ dòng này trở đi, cũng đã được chuẩn hoá khi đọc: {changes} "
        "(không bắt buộc sửa tệp)",
        "{count} more cells of this column, from this row on, were normalised when read too: {changes} "
        "(the file need not be fixed)",
    ),
    # Who may confer what, by the law in force on the decision's date (rules/authority.py)
    "award_beyond_authority": (
        '{when} ({regime}), {authority} chỉ được tặng {allowed} ({citations}); "{award}" do {deciders} '
        "quyết định. Quyết định của {issuer} ghi {date}: kiểm tra lại hình thức khen thưởng, cơ quan "
        "ban hành hoặc ngày",
        '{when} ({regime}), {authority} may confer only {allowed} ({citations}); "{award}" is conferred by '
        "{deciders}. This decision of {issuer} is dated {date}: check the award, the issuing body or the date",
    ),
    "authority_ended": (
        "{when} ({regime}), {authority} không còn thẩm quyền khen thưởng: {ended}{others}. Quyết định của "
        "{issuer} ghi {date}: kiểm tra lại cơ quan ban hành hoặc ngày",
        "{when} ({regime}), {authority} confers nothing any more: {ended}{others}. This decision of {issuer} "
        "is dated {date}: check the issuing body or the date",
    ),
    "award_not_in_regime": (
        '{when} ({regime}), không cấp nào được tặng "{award}"{offered}. Quyết định của {issuer} ghi {date}: '
        "kiểm tra lại hình thức khen thưởng hoặc ngày",
        '{when} ({regime}), no authority may confer "{award}"{offered}. This decision of {issuer} is dated '
        "{date}: check the award or the date",
    ),
    "award_beyond_site_rule": (
        '{issuer} ({authority}) không được tặng "{award}": theo data/awards.yml (conferred_by), hình thức '
        "này do {allowed} quyết định; kiểm tra lại hình thức khen thưởng hoặc cơ quan ban hành",
        '{issuer} ({authority}) may not confer "{award}": by data/awards.yml (conferred_by) it is conferred '
        "by {allowed}; check the award or the issuing body",
    ),
    "award_out_of_dates": (
        '"{award}" chỉ được tặng {period} (data/awards.yml, from/until), nhưng quyết định của {issuer} ghi '
        "ngày {date}: kiểm tra lại hình thức khen thưởng hoặc ngày",
        '"{award}" may be conferred only {period} (data/awards.yml, from/until), but this decision of '
        "{issuer} is dated {date}: check the award or the date",
    ),
    "conferred_by_ignored": (
        '"{award}" là hình thức "{form}" của luật thi đua, khen thưởng: ai được tặng lấy theo văn bản có '
        "hiệu lực vào ngày của từng quyết định, không theo conferred_by; hãy xóa trường này",
        '"{award}" is the form "{form}" of the award law: who may confer it follows the texts in force on '
        "each decision's date, not conferred_by; delete this field",
    ),
    # Bodies through time (rules/issuers.py)
    "issuer_ended": (
        "{issuer} không còn từ {after}{replaced}; văn bản này ghi {date}: kiểm tra lại cơ quan ban "
        "hành hoặc ngày (văn bản ban hành trước đó vẫn giữ tên cơ quan như khi ban hành)",
        "{issuer} no longer exists from {after}{replaced}; this document is dated {date}: check the issuing "
        "body or the date (documents issued before then keep the body's name as issued)",
    ),
    "issuer_not_begun": (
        "{issuer} chỉ có từ {since}; văn bản này ghi {date}: kiểm tra lại cơ quan ban hành hoặc ngày",
        "{issuer} exists only from {since}; this document is dated {date}: check the issuing body or the date",
    ),
    "unknown_recipient": (
        'quyết định "{decision}" không có người/tập thể được khen mã "{value}"{hint}',
        'decision "{decision}" has no awardee with the id "{value}"{hint}',
    ),
    "already_revoked": (
        'quyết định khen thưởng "{value}" đã bị hủy bỏ bởi {other}',
        'the award "{value}" is already annulled by {other}',
    ),
    # Corrections and moved addresses (rules/corrections.py, rules/moved_recipients.py)
    "correction_mismatch": (
        '{field_name} của "{recipient}" đang là "{current}", không phải "{value}": kiểm tra lại mã người '
        "được khen (recipient) hoặc giá trị cũ (from)",
        'the {field_name} of "{recipient}" is "{current}", not "{value}": check the recipient id or the old '
        "value (from)",
    ),
    "correction_before_decision": (
        'quyết định đính chính ghi ngày {date}, trước quyết định "{decision}" mà nó đính chính ({target_date}): '
        "kiểm tra lại ngày hoặc mã quyết định",
        'this correction is dated {date}, before the decision "{decision}" it corrects ({target_date}): check '
        "the date or the decision id",
    ),
    "recipient_moved": (
        'tên ở dòng này đã sửa ("{old_name}" thành "{new_name}") nên địa chỉ trang đổi từ {old_page} thành '
        "{new_page}; trang cũ chuyển hướng sang trang mới. Việc chuyển hướng này mới chỉ ghi trong bộ nhớ "
        "đệm của bản dựng (.cache/): để giữ lâu dài, thêm vào {decision_file}: "
        "moved_recipients: [{{from: {old_id}, to: {new_id}}}]",
        'the name on this row was corrected ("{old_name}" to "{new_name}"), so the page\'s address changed from '
        "{old_page} to {new_page}; the old page redirects to the new one. That redirect is only kept in the "
        "build's cache (.cache/): to keep it for good, add to {decision_file}: "
        "moved_recipients: [{{from: {old_id}, to: {new_id}}}]",
    ),
    "moved_from_exists": (
        'quyết định này vẫn có người/tập thể được khen mã "{value}", nên địa chỉ đó không chuyển hướng được: '
        "xóa dòng này",
        'this decision still has an awardee with the id "{value}", so that address cannot redirect: delete '
        "this line",
    ),
    "story_revoked": (
        'quyết định khen thưởng "{value}" đã bị hủy bỏ bởi {other}, nên gương điển hình này và ảnh của nó không được đăng; '
        "hãy xóa tệp này",
        'the award "{value}" was annulled by {other}, so this story and its photo are not published; delete this file',
    ),
    # Administrative units through time (rules/units.py)
    "unit_code_form": (
        'mã đơn vị hành chính "{value}" không đúng dạng: cần {expected} (ghi trong dấu nháy, ví dụ code: "01")',
        'the administrative unit code "{value}" is not in its official form: it takes {expected} '
        '(write it in quotes, for example code: "01")',
    ),
    "unit_code_taken": (
        'mã "{value}" đã được dùng cho {other} trong cùng thời gian; một mã chỉ chỉ một đơn vị tại một thời điểm',
        'the code "{value}" is already used by {other} at the same time; a code names one unit at a time',
    ),
    "unit_dates_reversed": (
        "ngày kết thúc ({until}) trước ngày bắt đầu ({start})",
        "the last day ({until}) is before the first day ({start})",
    ),
    "unit_successor_twice": (
        "ghi đơn vị kế thừa ở 'successors' hoặc ở 'now_part_of', không ghi cả hai",
        "write the successors under 'successors' or 'now_part_of', not both",
    ),
    "unit_successor_without_until": (
        "đơn vị đã có đơn vị kế thừa thì phải ghi ngày cuối cùng còn tồn tại (until, ví dụ until: 2025-06-30)",
        "a unit with successors must say its last day (until, for example until: 2025-06-30)",
    ),
    "unit_successor_not_in_force": (
        '"{successor}" ({valid}) không tồn tại vào ngày {day}, ngày sau khi đơn vị này kết thúc: '
        "kiểm tra lại đơn vị kế thừa, hoặc các ngày from/until của hai đơn vị",
        '"{successor}" ({valid}) does not exist on {day}, the day after this unit ended: '
        "check the successor, or the from/until days of both units",
    ),
    "unit_succession_cycle": (
        "các đơn vị kế thừa quay vòng: {chain}; một đơn vị không thể kế thừa chính nó",
        "the successors go round in a circle: {chain}; a unit cannot succeed itself",
    ),
    "place_not_yet": (
        '"{place}" chỉ có từ ngày {start}, sau ngày của quyết định ({date}): hãy ghi địa danh như lúc quyết '
        "định được ban hành (đơn vị cũ); trang web tự xếp đơn vị cũ vào đơn vị hiện nay",
        '"{place}" only exists from {start}, after the decision\'s date ({date}): write the place as it was when '
        "the decision was issued (the former unit); the site files a former unit under today's unit itself",
    ),
    "unit_parent_cycle": (
        "các đơn vị cấp trên quay vòng: {chain}; một đơn vị không thể nằm trong chính nó",
        "the parents go round in a circle: {chain}; a unit cannot lie within itself",
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
    # Ids, file names and paths (urls.id_fault, content/safe_files.py)
    "reserved_id": (
        '{what} "{value}" trùng với trang hoặc thư mục mà trang web tự tạo; hãy chọn tên khác '
        "(các tên dành riêng: {names})",
        'the {what} "{value}" is taken by a page or folder the site makes itself; choose another '
        "(reserved names: {names})",
    ),
    "bad_id": (
        '{what} "{value}" không dùng được trong địa chỉ trang: chỉ dùng chữ thường không dấu (a-z), '
        "chữ số và một dấu gạch ngang giữa các từ, tối đa {max} ký tự{hint}",
        'the {what} "{value}" cannot be part of a page address: use lower-case letters without accents '
        "(a-z), digits and single hyphens between words, at most {max} characters{hint}",
    ),
    "bad_path": (
        '"{value}" không phải là đường dẫn tới một tệp trong thư mục content/: hãy ghi đường dẫn tính '
        'từ content/, dùng dấu /, không bắt đầu bằng / và không có ".." (ví dụ messages/anh.png)',
        '"{value}" is not the path of a file in the content/ folder: write the path from content/, '
        'with /, not starting with / and without ".." (for example messages/poster.png)',
    ),
    "link_outside": (
        "đây là một liên kết (symlink) trỏ ra ngoài thư mục content/ nên không được đọc và không "
        "được đăng: hãy chép chính tệp đó vào content/",
        "this is a link (symlink) that leads outside the content/ folder, so it is neither read "
        "nor published: copy the file itself into content/",
    ),
    "too_large": (
        "tệp nặng {size}, quá giới hạn {limit} của {kind} nên không được đọc: {advice}",
        "the file is {size}, over the {limit} limit for {kind}, so it is not read: {advice}",
    ),
    # Nghị định 30/2020/NĐ-CP: the signing block, the header, Nơi nhận (rules/signatures.py,
    # rules/document_form.py)
    "signer_not_collective": (
        '"TM." (thay mặt) chỉ dùng khi người đứng đầu ký thay mặt một tập thể (Ủy ban nhân dân); {why}: '
        'hãy ký "{head}", hoặc "KT. {head}" với chức danh "{deputy}", và bỏ "TM."',
        '"TM." (on behalf of) is only for a head signing for a collective body (a People\'s Committee); '
        '{why}: sign "{head}", or "KT. {head}" with the title "{deputy}", and drop "TM."',
    ),
    "signer_kt_deputy": (
        '"KT." (ký thay) là cấp phó ký thay người đứng đầu: ghi "body: {head}" và "title: {deputy}" '
        '(đang ghi chức danh "{title}")',
        '"KT." is a deputy signing for the head: write "body: {head}" and "title: {deputy}" (the title '
        'written is "{title}")',
    ),
    "signer_deputy_without_kt": (
        'cấp phó ("{title}") chỉ ký thay người đứng đầu: ghi "authority: KT." và "body: {head}"',
        'a deputy ("{title}") signs only for the head: write "authority: KT." and "body: {head}"',
    ),
    "header_abbreviated": (
        '"{value}": tên cơ quan ban hành phải viết đầy đủ, không viết tắt "{short}" (chỉ dòng cơ quan chủ '
        'quản phía trên, parent_header, được viết tắt); hãy xóa trường header để dùng tên đầy đủ "{name}"',
        '"{value}": the issuing body\'s name is written in full, without the abbreviation "{short}" (only the '
        'line above it, parent_header, may abbreviate); delete the header field to use the full name "{name}"',
    ),
    "recipients_without_keep": (
        'dòng cuối của "Nơi nhận" ("{value}") không phải dòng lưu: theo Nghị định 30/2020, danh sách kết '
        'thúc bằng "Lưu: VT, …"; nếu bản gốc có dòng này, hãy chép lại',
        'the last line of "Nơi nhận" ("{value}") is not the keeping line: under Nghị định 30/2020 the list '
        'ends with "Lưu: VT, …"; if the signed copy has that line, copy it',
    ),
    "recipients_no_article": (
        '"{value}": văn bản không có Điều {article} (điều cuối là Điều {last}); hãy ghi đúng điều nêu '
        'những người thi hành',
        '"{value}": the text has no Điều {article} (its last article is Điều {last}); name the article that '
        'lists who carries the decision out',
    ),
    # A document's signed original (rules/originals.py)
    "original_kind": (
        '"{value}": bản gốc có chữ ký phải là tệp PDF (.pdf) hoặc ảnh chụp/quét (.jpg, .png)',
        '"{value}": the signed original must be a PDF (.pdf) or a scan (.jpg, .png)',
    ),
    "original_not_its_kind": (
        '"{value}" không phải là tệp {kind} thật (nội dung tệp không khớp với đuôi tên tệp): hãy lấy lại bản '
        'gốc từ máy quét hoặc xuất lại thành {kind}, đừng chỉ đổi tên tệp',
        '"{value}" is not a real {kind} file (its content does not match its suffix): take the original from '
        'the scanner again or export it as {kind}; renaming a file does not convert it',
    ),
    "original_too_large": (
        '"{value}" nặng {size}, quá giới hạn {limit} của bản gốc: hãy quét lại ở 200-300 dpi, đen trắng hoặc '
        'thang xám, hoặc nén tệp PDF',
        '"{value}" is {size}, over the {limit} limit for an original: scan it again at 200-300 dpi in black and '
        'white or greyscale, or compress the PDF',
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
    "nothing_changed": (
        "Không có gì thay đổi từ lần dựng trước (bản {build_id}): trang web giữ nguyên.",
        "Nothing changed since the previous build ({build_id}): the site is unchanged.",
    ),
    # Not about one file: the check's report as CI hosts show it (content/ci_reports.py); the
    # counts are report.py's error_counts in the same language.
    "report_title": ("Kiểm tra nội dung", "Content check"),
    "report_heading": ("KIỂM TRA NỘI DUNG: {counts}", "CONTENT CHECK: {counts}"),
    "report_heading_clean": ("KIỂM TRA NỘI DUNG: không có lỗi", "CONTENT CHECK: no errors"),
    "report_verdict": (
        "Trang web không được dựng: sửa các lỗi dưới đây (tệp, dòng, trường) rồi đẩy (push) lại.",
        "The site is not built: fix the errors below (file, line, field) and push again.",
    ),
    "site_url_missing": (
        "chưa khai báo site_url trong mkdocs.yml: không tạo tin RSS/Atom, sitemap.xml, liên kết chuẩn (canonical) "
        "và mã QR xác minh khen thưởng",
        "site_url is not set in mkdocs.yml: RSS/Atom feeds, sitemap.xml, canonical links and the awards' "
        "verification QR codes are not written",
    ),
}

KIND_NAMES = {
    "plan": ("văn bản (kế hoạch)", "plan"),
    "decision": ("quyết định khen thưởng", "award decision"),
    "awardee": ("người/tập thể được khen", "awardee"),
    "message": ("thông điệp", "message"),
    "story": ("gương điển hình", "story"),
    "consultation": ("danh sách lấy ý kiến nhân dân", "public consultation"),
    "contact": ("cách góp ý", "contact"),
    "body": ("cơ quan", "body"),
    "award": ("hình thức khen thưởng", "award form"),
    "unit": ("đơn vị hành chính", "administrative unit"),
    "campaign": ("phong trào", "campaign"),
    "phase": ("đợt thi đua", "phase"),
    "deadline": ("hạn", "deadline"),
    "task": ("nhiệm vụ", "task"),
    "signer": ("người ký", "signer"),
    "cite": ("văn bản trích dẫn", "cited document"),
    "revocation": ("hủy bỏ quyết định khen thưởng", "annulment"),
    "correction": ("đính chính", "correction"),
    "moved_recipient": ("địa chỉ đã chuyển", "moved address"),
    "successor": ("đơn vị kế thừa", "successor unit"),
    "page": ("trang", "page"),
    "document": ("văn bản", "document"),
    "editor": ("cấu hình trình soạn thảo web (editor)", "web editor settings (editor)"),
}


def say(code: str, lang: str, /, **params) -> str:
    """The catalogue's message `code` in `lang` (Vietnamese, else English), filled from `params`."""
    vi, en = MESSAGES[code]
    return (vi if lang == "vi" else en).format(**params)


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
    sheet: str | None = None  # workbooks: the worksheet

    def message(self, lang: str = "vi") -> str:
        return say(self.code, lang, **{k: _localise(v, lang) for k, v in self.params.items()})

    def location(self, lang: str = "vi") -> str:
        if self.column is not None or self.sheet:
            row, col, sheet = ("dòng", "cột", "trang tính") if lang == "vi" else ("row", "column", "sheet")
            parts = [self.file]
            if self.sheet:
                parts.append(f'{sheet} "{self.sheet}"')
            parts.append(f"{row} {self.line}")
            if self.column is not None:
                parts.append(f"{col} {self.column}")
            return ", ".join(parts)
        return f"{self.file}:{self.line}" if self.line else self.file

    def render(self, lang: str = "vi") -> str:
        where = self.location(lang)
        what = f"'{self.field}': " if self.field else ""
        label = "" if self.severity == ERROR else ("cảnh báo: " if lang == "vi" else "warning: ")
        return f"{where}: {label}{what}{self.message(lang)}"

    def as_dict(self, lang: str = "vi") -> dict:
        return {
            "file": self.file, "line": self.line, "column": self.column, "sheet": self.sheet, "field": self.field,
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
        # workbook path -> the worksheet its rows were read from: a problem at a row and column
        # of the file names it (rules find problems in a sheet's rows after it was read)
        self.worksheets: dict[str, str] = {}

    def add(self, file, line, fieldname, code, severity=ERROR, column=None, **params) -> Problem:
        file = str(file)
        sheet = self.worksheets.get(file) if column is not None else None
        problem = Problem(file, line, fieldname, code, params, severity, column, sheet)
        self.append(problem)
        return problem

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


def unreadable(exc: OSError | UnicodeDecodeError) -> tuple[str, str]:
    """Why a file cannot be read, for the `bad_file` problem: words, not Python's text."""
    if isinstance(exc, UnicodeDecodeError):
        return ("tệp không được lưu theo bảng mã UTF-8: hãy mở tệp và lưu lại với bảng mã UTF-8",
                "the file is not saved as UTF-8: open it and save it again with the UTF-8 encoding")
    if isinstance(exc, FileNotFoundError):
        return ("không tìm thấy tệp hoặc thư mục", "the file or folder does not exist")
    if isinstance(exc, PermissionError):
        return ("không có quyền đọc tệp", "there is no permission to read the file")
    return ("máy không mở được tệp này", "the computer cannot open this file")


def rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def to_json(problems: list[Problem], lang: str) -> str:
    return json.dumps([p.as_dict(lang) for p in problems], ensure_ascii=False, indent=2)

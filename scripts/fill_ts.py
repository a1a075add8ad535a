"""Fill desk_vi.ts from a source -> Vietnamese table (used once per new batch of UI strings)."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

VI = {
    "&From:": "&Từ ngày:", "&Month:": "&Tháng:", "&Period:": "&Kỳ báo cáo:", "&Quarter:": "&Quý:",
    "&To:": "Đế&n ngày:", "&Year:": "&Năm:", "9 months": "9 tháng", "Cancel": "Hủy bỏ",
    "Choose file and export...": "Chọn tệp và xuất...", "Date range (ad hoc)": "Khoảng ngày (đột xuất)",
    "Excel workbook (*.xlsx)": "Tệp Excel (*.xlsx)", "Export the obstacle report": "Xuất báo cáo khó khăn, vướng mắc",
    "First 6 months": "6 tháng đầu năm", "Month": "Tháng", "Quarter": "Quý", "Save the report as": "Lưu báo cáo thành",
    "Type both dates as dd/mm/yyyy.": "Nhập cả hai ngày theo dạng dd/mm/yyyy.", "Year": "Năm",
    "M%1": "T%1",
    "&File": "&Tệp", "&Help": "Trợ &giúp", "&Records": "&Sổ theo dõi",
    "Desk %s\nRecords and reports of the commune-level People's Committee.\nData folder: %s":
        "Desk %s\nSổ theo dõi và báo cáo của Ủy ban nhân dân cấp xã.\nThư mục dữ liệu: %s",
    "Desk – %s": "Desk – %s", "Obstacles": "Khó khăn, vướng mắc",
    "Records are kept per unit. Switch this installation to %s?":
        "Dữ liệu được lưu theo từng đơn vị. Chuyển máy này sang %s?",
    "The report for {period} was saved ({count} obstacles):\n{path}":
        "Đã lưu báo cáo {period} ({count} khó khăn, vướng mắc):\n{path}",
    "The unit was changed. Desk will now close; start it again to continue.":
        "Đã đổi đơn vị. Desk sẽ đóng lại; hãy mở lại để tiếp tục.",
    "&Save": "&Lưu", "* required. Enter or Ctrl+S saves, Esc cancels. Dates as dd/mm/yyyy.":
        "* bắt buộc. Enter hoặc Ctrl+S để lưu, Esc để hủy. Ngày nhập dạng dd/mm/yyyy.",
    "Edit record": "Sửa bản ghi", "New record": "Thêm bản ghi mới",
    "%n overdue": "%n quá hạn", "%n record(s) shown": "Đang hiển thị %n bản ghi", "All: %s": "Tất cả: %s",
    "From date (dd/mm/yyyy)": "Từ ngày (dd/mm/yyyy)", "Overdue": "Quá hạn xử lý",
    'Search (Ctrl+F): no accents needed, e.g. "ngo quyen"': "Tìm (Ctrl+F), không cần dấu, ví dụ «ngo quyen»",
    "Show voided": "Hiện bản ghi đã hủy",
    "The record stays in the database but is hidden from the register and reports.\nReason for voiding (required):":
        "Bản ghi vẫn được lưu nhưng không hiện trong sổ và báo cáo.\nLý do hủy (bắt buộc):",
    "This record is voided: %s": "Bản ghi này đã bị hủy: %s", "To date (dd/mm/yyyy)": "Đến ngày (dd/mm/yyyy)",
    "Void record": "Hủy bản ghi", "from dd/mm/yyyy": "từ dd/mm/yyyy", "to dd/mm/yyyy": "đến dd/mm/yyyy",
    "&Language:": "&Ngôn ngữ:", "A new language applies the next time Desk starts.":
        "Ngôn ngữ mới có hiệu lực từ lần mở Desk tiếp theo.",
    "Distribution (one per line):": "Nơi nhận (mỗi dòng một nơi):", "Document symbol:": "Ký hiệu văn bản:",
    "Interface": "Giao diện", "Prepared by:": "Người lập biểu:", "Receiving unit:": "Đơn vị nhận báo cáo:",
    "Reports": "Báo cáo", "Settings": "Cài đặt", "Signer's name:": "Họ tên người ký:",
    "Signer's title:": "Chức vụ người ký:", "Signing on behalf of:": "Thay mặt (TM.):",
    "%n unit(s) match": "%n đơn vị phù hợp", "&Commune / ward:": "&Xã / phường:",
    "&Province / city:": "&Tỉnh / thành phố:", "Choose your office's unit": "Chọn đơn vị của cơ quan",
    'Desk keeps the records of one commune-level unit. Choose the province, then your commune, ward or special zone. Type part of the name; accents are not needed ("ngo quyen" finds Phường Ngô Quyền).':
        "Desk lưu sổ theo dõi của một đơn vị hành chính cấp xã. Chọn tỉnh, thành phố, rồi chọn xã, phường hoặc đặc khu của cơ quan. Gõ một phần tên, không cần dấu («ngo quyen» sẽ tìm thấy Phường Ngô Quyền).",
    "Use this unit": "Chọn đơn vị này", "e.g. ngo quyen": "ví dụ: ngo quyen",
    "— all 34 provinces and cities —": "— tất cả 34 tỉnh, thành phố —",
    "&About Desk": "&Giới thiệu Desk", "&Edit record": "&Sửa bản ghi", "&New record": "&Thêm mới",
    "&Quit": "T&hoát", "&Search": "Tìm &kiếm", "&Settings...": "&Cài đặt...", "&Void record...": "Hủy &bản ghi...",
    "Change &unit...": "Đổi đơn &vị...", "E&xport report...": "&Xuất báo cáo...",
    "Show voi&ded records": "Hiện bản &ghi đã hủy",
    "An unexpected error occurred. Your saved data is safe. The details were written to:\n{0}\nPlease send this file to technical support.":
        "Đã xảy ra lỗi không mong đợi. Dữ liệu đã lưu vẫn an toàn. Chi tiết được ghi vào:\n{0}\nHãy gửi tệp này cho bộ phận kỹ thuật.",
    "Desk": "Desk",
    "Restore this other unit's backup anyway?": "Vẫn khôi phục bản sao lưu của đơn vị khác này?",
    "Only an administrator can restore. Type the user name and password of an administrator as they were when the backup was made.":
        "Chỉ người quản trị mới được khôi phục. Hãy nhập tên đăng nhập và mật khẩu của một người quản trị như lúc bản sao lưu được tạo.",
    "This backup holds another unit's data. Restore it anyway?": "Bản sao lưu này là dữ liệu của đơn vị khác. Vẫn khôi phục?",
    "Nothing was restored. Desk will now close.": "Chưa khôi phục gì. Desk sẽ đóng lại.",
    # Dashboard, officials, staffing, movements, visits, initiatives.
    "%s at a glance": "Tổng quan %s", "Overview": "Tổng quan", "Officials": "Cán bộ, công chức",
    "Staffing": "Biên chế", "Staffing frames": "Khung biên chế", "Transfers, secondments": "Điều động, biệt phái",
    "Field visits": "Khảo sát, làm việc", "Initiatives": "Sáng kiến, mô hình",
    "Obstacles by domain and status": "Khó khăn, vướng mắc theo lĩnh vực và tình trạng",
    "Click a figure or a bar to open the register, filtered.":
        "Bấm vào một số liệu hoặc một cột để mở sổ tương ứng, đã lọc sẵn.",
    "Open obstacles at the end of each month": "Khó khăn chưa tháo gỡ cuối mỗi tháng",
    "Staffing: surplus (+) and shortage (−) by office": "Biên chế: thừa (+), thiếu (−) theo phòng, ban",
    "Deputies against the cap": "Cấp phó so với định mức",
    "Movements ending soon or overdue to end": "Điều động, biệt phái sắp kết thúc hoặc quá hạn",
    "Active initiatives": "Sáng kiến, mô hình đang triển khai", "open obstacles": "khó khăn đang mở",
    "overdue obstacles": "khó khăn quá hạn xử lý", "staff short / over the frame": "thiếu / thừa so với biên chế",
    "deputies / cap": "cấp phó / định mức", "movements ending soon": "biệt phái, tăng cường sắp kết thúc",
    "movements overdue to end": "quá hạn kết thúc chưa có quyết định", "active initiatives": "sáng kiến đang triển khai",
    "Open obstacles": "Khó khăn đang mở", "Surplus": "Thừa", "Shortage": "Thiếu", "Actual": "Hiện có",
    "Cap / allotted": "Định mức, số được giao", "Office deputies": "Cấp phó các phòng, TT",
    "Vice-chairs": "Phó Chủ tịch", "{person} – {kind}: planned end {end} passed":
        "{person} – {kind}: đã quá ngày kết thúc dự kiến {end}",
    "{person} – {kind}: ends {end}": "{person} – {kind}: kết thúc ngày {end}",
    "None in the coming days.": "Không có trong thời gian tới.", "None recorded yet.": "Chưa ghi nhận.",
    "open on %s": "đang mở ngày %s", "Save anyway?": "Vẫn lưu?", "Export: %s": "Xuất danh sách: %s",
    "&Covering:": "&Phạm vi:", "Today's state (%s)": "Tình hình đến hôm nay (%s)",
    "A period lists the records that overlap its cut-off window (Decree 09), with their state on its last day. "
    "The workbook follows the Decree 30 layout.":
        "Chọn kỳ báo cáo: danh sách gồm các bản ghi trong thời gian chốt số liệu của kỳ (Nghị định 09), "
        "tình trạng tính đến ngày cuối kỳ. Tệp Excel theo thể thức Nghị định 30.",
    "Save the list as": "Lưu danh sách thành", "Only: %s": "Chỉ hiện: %s",
    "Click to remove this filter": "Bấm để bỏ điều kiện lọc này",
    "Staffing and movements": "Biên chế và điều động, biệt phái",
    "Deputies per office, on average (NQ 332):": "Số cấp phó bình quân mỗi phòng (NQ 332):",
    "Vice-chairs allotted by the province:": "Số Phó Chủ tịch được tỉnh giao:",
    "Longest secondment (months):": "Thời hạn biệt phái tối đa (tháng):",
    "Warn this many days before a movement ends:": "Báo trước khi kết thúc điều động, biệt phái (ngày):",
    "Counted on the staffing frame:": "Tính vào biên chế:",
    "Staffing: frame, actual, surplus and shortage": "Biên chế: được giao, hiện có, thừa, thiếu",
    "&As at:": "&Tính đến ngày:", "Staffing &frames...": "&Khung biên chế...",
    "Deputies (flagged, not blocked)": "Cấp phó (cảnh báo khi vượt, không chặn)",
    "Office / job position": "Phòng, ban / vị trí việc làm", "Frame": "Biên chế được giao",
    "Of whom seconded out": "Trong đó: đang biệt phái đi", "Seconded in (not counted)": "Biệt phái đến (không tính)",
    "Outside the frame": "Ngoài biên chế", "Total": "Tổng cộng",
    "As at {day}. Actual counts {categories} holding a post here, including those seconded out; people seconded in "
    "are shown apart and not counted. The total's surplus and shortage add up the offices'; the last row sets the "
    "whole unit's actual against its whole frame, one office's surplus offsetting another's shortage.":
        "Tính đến ngày {day}. Hiện có: {categories} giữ biên chế của đơn vị, kể cả người đang biệt phái đi; người "
        "biệt phái, tăng cường đến được ghi riêng, không tính. Thừa, thiếu ở dòng «Tổng cộng» là tổng của các "
        "phòng, ban; dòng cuối so tổng số hiện có với tổng biên chế được giao của toàn đơn vị, số thừa ở phòng, ban "
        "này được bù trừ vào số thiếu ở phòng, ban khác.",
    "Whole unit (offices offsetting each other)":
        "Toàn đơn vị (sau bù trừ giữa các phòng)",
    "Deputies of the offices and the centre: {count} (cap {cap} = {average} on average × {offices})":
        "Cấp phó các phòng và Trung tâm: {count} (tối đa {cap} = bình quân {average} × {offices} đơn vị)",
    "%n over the cap": "vượt %n", "Vice-chairs of the People's Committee: {count} (allotted {allotted})":
        "Phó Chủ tịch UBND: {count} (được giao {allotted})", "%n over the allotment": "vượt %n",
    "&Add an obstacle found during this visit (Ctrl+Shift+N)": "&Thêm khó khăn từ đợt khảo sát này (Ctrl+Shift+N)",
    "Open in the obstacle register": "Xem trong sổ khó khăn, vướng mắc",
    "Choose a visit to see the obstacles found during it.": "Chọn một đợt để xem các khó khăn phát hiện qua đợt đó.",
    "Obstacles found during this visit: %n": "Khó khăn, vướng mắc phát hiện qua đợt này: %n",
    "needs attention": "cần chú ý", "The staffing report was saved:\n%s": "Đã lưu báo cáo biên chế:\n%s",
    "The list was saved (%n record(s)):": "Đã lưu danh sách (%n bản ghi):",
    # The Reports screen and the consolidation dialog
    "Reports are due": "Hạn nộp báo cáo:",
    "working day(s) after the cut-off (weekends skipped)": "ngày làm việc sau ngày chốt số liệu (không tính thứ Bảy, Chủ nhật)",
    "Save &deadline rule": "Lưu &hạn nộp", "Locked": "Đã khóa", "C&ontent:": "&Nội dung:",
    "Whole periodic report": "Toàn bộ báo cáo định kỳ", "Export &draft...": "Xuất bản nhá&p...",
    "Export for &submission...": "Xuất để nộp (cấp &số)...", "&Unlock period...": "&Mở khóa kỳ...",
    "Other &period...": "&Kỳ khác...", "&Consolidate communes' reports...": "&Tổng hợp báo cáo các xã...",
    "Unlock period": "Mở khóa kỳ báo cáo", "Choose a reporting period": "Chọn kỳ báo cáo",
    "Period": "Kỳ báo cáo", "Cut-off window": "Thời gian chốt số liệu", "Due date": "Hạn nộp",
    "Status": "Tình trạng", "Document number": "Số văn bản", "Submitted at": "Thời điểm nộp",
    "Data lock": "Khóa số liệu", "%n report(s) due now": "%n báo cáo đến hạn",
    "%n report(s) overdue": "%n báo cáo quá hạn",
    "Export the report of {period} for submission?\n\nIt gets the number {number}, is recorded as submitted, and the records of {period} are locked: changing them will need a leader to unlock the period.":
        "Xuất báo cáo {period} để nộp?\n\nBáo cáo được cấp {number}, được ghi nhận là đã nộp, và số liệu của {period} sẽ bị khóa: muốn sửa phải có lãnh đạo mở khóa kỳ.",
    "Records of {period} can be changed again after unlocking; the submitted report stays on record.\nReason for unlocking (required):":
        "Sau khi mở khóa, số liệu {period} lại sửa được; báo cáo đã nộp vẫn được lưu.\nLý do mở khóa (bắt buộc):",
    "The report of {period} was exported for submission ({number}) and its records are locked:\n{path}":
        "Đã xuất báo cáo {period} để nộp ({number}); số liệu của kỳ đã được khóa:\n{path}",
    "The draft report of {period} was saved:\n{path}": "Đã lưu bản nháp báo cáo {period}:\n{path}",
    "Consolidate communes' periodic reports": "Tổng hợp báo cáo định kỳ của các xã, phường, đặc khu",
    "Reports received (files or folders):": "Các báo cáo đã nhận (tệp hoặc thư mục):",
    "P&rovince / city:": "&Tỉnh, thành phố:", "&Save as:": "&Lưu thành:", "Add &files...": "Thêm tệ&p...",
    "Add f&older...": "Thêm thư &mục...", "Re&move": "&Bỏ khỏi danh sách", "&Browse...": "&Chọn...",
    "Consolidate": "Tổng hợp", "Close": "Đóng",
    "Each file's data check is verified and its printed figures recomputed from its data; drafts, edited files, files of another period and duplicates are listed.":
        "Mã kiểm tra dữ liệu của từng tệp được đối chiếu và số liệu in được tính lại từ dữ liệu kèm theo; dự thảo, tệp bị sửa, tệp khác kỳ và tệp trùng được liệt kê.",
    "Whole country (Ministry of Home Affairs)": "Toàn quốc (Bộ Nội vụ)",
    "Count &drafts (not submitted, no number) in the figures": "Tính cả &dự thảo (chưa nộp, chưa có số) vào số liệu",
    "Include files whose printed figures were &edited after export (their figures are taken from their data)":
        "Tính cả tệp có số liệu in bị &sửa sau khi xuất (số liệu lấy theo dữ liệu kèm theo)",
    "The data check catches accidental and casual edits, not a determined forger: a report's authenticity rests on its signed copy (paper or digital signature).":
        "Mã kiểm tra dữ liệu chỉ phát hiện việc sửa tệp vô ý hoặc sửa thông thường, không chống được người cố ý làm giả: giá trị của báo cáo căn cứ vào bản có chữ ký (bản giấy hoặc ký số).",
    "Choose the communes' reports": "Chọn báo cáo của các xã", "Choose a folder of reports": "Chọn thư mục báo cáo",
    "Save the consolidated report as": "Lưu báo cáo tổng hợp thành", "Reading the files...": "Đang đọc các tệp...",
    "Cancelled. Nothing was written.": "Đã hủy. Không ghi tệp nào.", "Cancelling...": "Đang hủy...",
    "Writing the consolidated workbook...": "Đang ghi tệp tổng hợp...",
    "An unexpected error occurred; the details are in the log. Nothing was written.":
        "Đã xảy ra lỗi không mong đợi; chi tiết đã ghi vào nhật ký. Không ghi tệp nào.",
    "Done: {used} reports consolidated ({on_time} on time, {late} late, {missing} not submitted, problems in files: {problems}). Saved to {path}":
        "Xong: đã tổng hợp {used} báo cáo ({on_time} đúng hạn, {late} muộn, {missing} chưa nộp, vấn đề trong tệp: {problems}). Đã lưu vào {path}",
    "Reading {done}/{total}: {name}": "Đang đọc {done}/{total}: {name}",
    # Import from Excel and import templates
    "&Import from Excel...": "&Nhập từ Excel...", "Create import &template...": "Tạo &mẫu nhập liệu...",
    "Sheet": "Trang", "Row": "Dòng", "Column": "Cột", "Heading": "Tên cột", "Value in the file": "Giá trị trong tệp",
    "What is wrong": "Lỗi", "Import from Excel": "Nhập từ Excel", "&Import": "&Nhập dữ liệu",
    "&Save error report...": "&Lưu báo cáo lỗi...", "Notes:": "Ghi chú:", "File: %s": "Tệp: %s",
    "%n problem(s) found. Nothing was written: correct the file (the list can be saved as an Excel file) and import it again.":
        "Tìm thấy %n lỗi. Chưa ghi gì: hãy sửa tệp (có thể lưu danh sách lỗi ra tệp Excel) rồi nhập lại.",
    "The file is valid: {summary}. Nothing is written until you press Import.":
        "Tệp hợp lệ: {summary}. Chưa ghi gì cho đến khi bấm «Nhập dữ liệu».",
    "Save the error report as": "Lưu báo cáo lỗi thành", "The error report was saved:\n%s": "Đã lưu báo cáo lỗi:\n%s",
    "Cell": "Ô", "In the file": "Trong tệp", "After conversion": "Sau khi chuyển",
    "Legacy Vietnamese encoding": "Bảng mã tiếng Việt cũ", "(fonts: %s)": "(phông: %s)",
    "Text in this file was typed in the old {encoding} encoding{fonts}: %n cell(s). Desk can convert it to Unicode as the examples below show. Nothing is converted unless you choose to.":
        "Chữ trong tệp này được gõ bằng bảng mã cũ {encoding}{fonts}: %n ô. Desk có thể chuyển sang Unicode như "
        "các ví dụ dưới đây. Không có gì được chuyển nếu bạn không chọn.",
    "&Convert to Unicode": "&Chuyển sang Unicode", "&Keep as it is": "&Giữ nguyên",
    "Create an import template": "Tạo mẫu nhập liệu", "&Register:": "&Sổ:",
    "&Include the records already kept (edit them in Excel, then import the file again to update them)":
        "&Kèm các bản ghi đang có (sửa trên Excel rồi nhập lại tệp để cập nhật)",
    "The template has the register's columns with drop-down lists, an instruction sheet in Vietnamese and a sheet of the allowed values. Fill it in Excel, then use File > Import from Excel.":
        "Mẫu gồm các cột của sổ với danh sách thả xuống, trang hướng dẫn và trang danh mục giá trị cho phép. "
        "Điền trên Excel rồi dùng Tệp > Nhập từ Excel.",
    "Choose file and create...": "Chọn tệp và tạo...", "Import which Excel file?": "Nhập tệp Excel nào?",
    "Excel workbook (*.xlsx);;All files (*)": "Tệp Excel (*.xlsx);;Mọi tệp (*)",
    "Imported from «{file}»: {summary}.": "Đã nhập từ «{file}»: {summary}.", "Save the template as": "Lưu mẫu thành",
    "The import template for «{register}», with %n record(s), was saved:\n{path}":
        "Đã lưu mẫu nhập liệu sổ «{register}», kèm %n bản ghi:\n{path}",
    "The import template for «{register}» was saved:\n{path}": "Đã lưu mẫu nhập liệu sổ «{register}»:\n{path}",
    # Data safety, users, audit history, idle lock
    "History of the record":
        "Lịch sử bản ghi",
    "«%s»: every change, oldest first. Times are this computer's local time.":
        "«%s»: mọi thay đổi, cũ nhất ở trên cùng. Thời gian theo giờ của máy tính này.",
    "Time":
        "Thời điểm",
    "By":
        "Người thực hiện",
    "Action":
        "Thao tác",
    "Field":
        "Trường",
    "Old value":
        "Giá trị cũ",
    "New value":
        "Giá trị mới",
    "Reason":
        "Lý do",
    "Select a record to see its history.":
        "Hãy chọn một bản ghi để xem lịch sử.",
    "&History of the record...":
        "&Lịch sử bản ghi...",
    "&Back up now...":
        "&Sao lưu ngay...",
    "&Restore from a backup...":
        "&Khôi phục từ bản sao lưu...",
    "&Check the database":
        "&Kiểm tra cơ sở dữ liệu",
    "&Users...":
        "&Người dùng...",
    "&Lock Desk":
        "Khó&a Desk",
    "Desk – warning":
        "Desk – cảnh báo",
    "Sign in to Desk":
        "Đăng nhập Desk",
    "%s\nType your user name and password.":
        "%s\nNhập tên đăng nhập và mật khẩu.",
    "Type your user name and password.":
        "Nhập tên đăng nhập và mật khẩu.",
    "&User name:":
        "&Tên đăng nhập:",
    "&Password:":
        "&Mật khẩu:",
    "Sign in":
        "Đăng nhập",
    "Create the administrator":
        "Tạo người quản trị",
    "Add a user":
        "Thêm người dùng",
    "New password":
        "Mật khẩu mới",
    "Desk keeps government records: each person signs in with their own name. You are the first user and become the administrator, who adds the other users and chooses their roles.":
        "Desk lưu giữ hồ sơ, sổ sách của cơ quan nhà nước: mỗi người đăng nhập bằng tên của mình. Bạn là người dùng đầu tiên và trở thành người quản trị, người thêm những người dùng khác và chọn vai trò cho họ.",
    "Clerk: enters and edits records. Leader: also approves and locks periods. Administrator: also manages users, settings and the unit.":
        "Cán bộ nhập liệu: nhập và sửa bản ghi. Lãnh đạo: thêm quyền phê duyệt, khóa kỳ báo cáo. Quản trị: thêm quyền quản lý người dùng, cài đặt và đơn vị.",
    "New password for %s. Tell it to the person; they can use it at once.":
        "Mật khẩu mới cho %s. Hãy báo cho người đó; mật khẩu dùng được ngay.",
    "&Full name:":
        "&Họ và tên:",
    "&Role:":
        "&Vai trò:",
    "&Password (8 characters or more):":
        "&Mật khẩu (từ 8 ký tự):",
    "Re&peat the password:":
        "&Nhập lại mật khẩu:",
    "Create":
        "Tạo",
    "Set the password":
        "Đặt mật khẩu",
    "The two passwords differ.":
        "Hai lần nhập mật khẩu không giống nhau.",
    "Users":
        "Người dùng",
    "User name":
        "Tên đăng nhập",
    "Full name":
        "Họ và tên",
    "Role":
        "Vai trò",
    "active":
        "đang hoạt động",
    "deactivated":
        "ngừng hoạt động",
    "&Add a user...":
        "&Thêm người dùng...",
    "Set &role":
        "Đổi &vai trò",
    "Reset &password...":
        "Đặt lại &mật khẩu...",
    "Security":
        "Bảo mật",
    "&Lock Desk after this many idle minutes:":
        "&Khóa Desk sau số phút không sử dụng:",
    "&Reactivate":
        "&Kích hoạt lại",
    "&Deactivate...":
        "&Ngừng hoạt động...",
    "Deactivate a user":
        "Ngừng hoạt động người dùng",
    "%s will no longer be able to sign in; their name stays in the history of the records.\nReason:":
        "%s sẽ không đăng nhập được nữa; tên vẫn được giữ trong lịch sử các bản ghi.\nLý do:",
    "Desk is locked":
        "Desk đã khóa",
    "Desk is locked.":
        "Desk đã khóa.",
    "Desk was locked after a while without use. %s, type your password to continue; nothing you were typing is lost.":
        "Desk đã tự khóa sau một thời gian không sử dụng. %s, hãy nhập mật khẩu để tiếp tục; những gì đang nhập dở không bị mất.",
    "Unlock":
        "Mở khóa",
    "Wrong password.":
        "Sai mật khẩu.",
    "&Data":
        "&Dữ liệu",
    "Signed in: %s (%s)":
        "Người dùng: %s (%s)",
    "Open a register and select a record to see its history.":
        "Hãy mở một sổ và chọn một bản ghi để xem lịch sử.",
    "Back up to which folder (e.g. a USB stick)?":
        "Sao lưu vào thư mục nào (ví dụ ổ USB)?",
    "The backup was written and checked:\n%s":
        "Đã ghi và kiểm tra bản sao lưu:\n%s",
    "Restore from which backup?":
        "Khôi phục từ bản sao lưu nào?",
    "Desk backups (*.sqlite3);;All files (*)":
        "Bản sao lưu Desk (*.sqlite3);;Tất cả các tệp (*)",
    "Replace all of Desk's data with the backup\n%s?\n\nThe current data is kept as a backup first. Desk closes afterwards; start it again to continue.":
        "Thay toàn bộ dữ liệu của Desk bằng bản sao lưu\n%s?\n\nDữ liệu hiện tại được giữ lại thành một bản sao lưu trước. Sau đó Desk sẽ đóng; hãy mở lại để tiếp tục.",
    "The data was restored from:\n%s\nThe data it replaced was kept as:\n%s\nDesk will now close; start it again to continue.":
        "Đã khôi phục dữ liệu từ:\n%s\nDữ liệu bị thay thế được giữ tại:\n%s\nDesk sẽ đóng lại; hãy mở lại để tiếp tục.",
    "The check found problems in the database:\n%s\n\nBack up now to a USB stick, then ask technical support or restore the newest good backup.":
        "Kiểm tra phát hiện lỗi trong cơ sở dữ liệu:\n%s\n\nHãy sao lưu ngay ra ổ USB, rồi liên hệ bộ phận kỹ thuật hoặc khôi phục bản sao lưu tốt gần nhất.",
    "The database is sound: the integrity and foreign-key checks found no problem.":
        "Cơ sở dữ liệu tốt: kiểm tra toàn vẹn và khóa ngoại không phát hiện lỗi.",
    "Restore the newest good backup, %s, now?":
        "Khôi phục ngay bản sao lưu tốt gần nhất, %s?",
    "Nothing was restored. The damaged file is kept as\n%s\nDesk will now close.":
        "Chưa khôi phục gì. Tệp hỏng được giữ tại\n%s\nDesk sẽ đóng lại.",
    "&Undo": "&Hoàn tác", "Undo: edit «%s»": "Hoàn tác: sửa «%s»", "Undo: add «%s»": "Hoàn tác: thêm «%s»",
    "Undo: void «%s»": "Hoàn tác: hủy «%s»",
    "The states shown: today's, or as they stood at the end of a period":
        "Tình trạng hiển thị: hôm nay, hoặc như tại ngày cuối của một kỳ báo cáo",
    "Change the state": "Đổi tình trạng", "New &state:": "Tình trạng &mới:", "&From (dd/mm/yyyy):": "&Từ ngày (dd/mm/yyyy):",
    "&Result:": "&Kết quả xử lý:", "&Note (e.g. the guiding document):": "&Ghi chú (ví dụ văn bản hướng dẫn):",
    "The day the new state took effect: today, or an earlier day, not before the current state began":
        "Ngày tình trạng mới bắt đầu: hôm nay, hoặc một ngày trước đó nhưng không trước ngày bắt đầu tình trạng hiện tại",
    "e.g. Công văn số 123/SNV-XDCQ ngày 05/09/2025": "ví dụ: Công văn số 123/SNV-XDCQ ngày 05/09/2025",
    "&Change": "Đổ&i", "Change &state... (Ctrl+T)": "Đổi &tình trạng... (Ctrl+T)",
    "Its state over time (what a report for a past day shows):":
        "Tình trạng qua các thời điểm (báo cáo của một ngày đã qua dùng đúng tình trạng của ngày đó):",
    "From": "Từ ngày", "State": "Tình trạng", "Note": "Ghi chú", "Recorded": "Thời điểm ghi",
    "{question}\n\nImport it once more?": "{question}\n\nNhập lại tệp này lần nữa?",
    "Checking «{file}»...": "Đang kiểm tra tệp «{file}»...", "Importing «{file}»...": "Đang nhập tệp «{file}»...",
    # The settings screen built from the declarations, the editable lists, the report editor.
    "Name": "Tên", "English name": "Tên tiếng Anh", "In use": "Còn dùng", "Add": "Thêm", "Move up": "Lên trên",
    "Move down": "Xuống dưới", "Lists": "Danh mục",
    "A retired item (not in use) stays on the records that have it and is no longer offered for new ones. "
    "Double-click a name to change it.":
        "Mục thôi dùng vẫn giữ trên các bản ghi cũ đã có, chỉ không còn để chọn cho bản ghi mới. "
        "Nhấp đúp vào tên để sửa.",
    "Applies to periods ending from:": "Áp dụng cho kỳ kết thúc từ ngày:",
    "Password:": "Mật khẩu:",
    "Kept in this computer's password store (Windows Credential Manager), never in a file. Leave it empty to keep "
    "the one already stored, or to be asked at each start.":
        "Được giữ trong kho mật khẩu của máy này (Windows Credential Manager), không bao giờ ghi ra tệp. Để trống "
        "để giữ mật khẩu đã lưu, hoặc để được hỏi mỗi lần mở.",
    "&Test the connection": "&Kiểm tra kết nối",
    "«%s» is needed to use a server.": "Cần điền «%s» để dùng máy chủ.",
    "The test failed unexpectedly; the details are in the log.":
        "Việc kiểm tra gặp lỗi không mong đợi; chi tiết đã được ghi vào nhật ký.",
    "This Desk was started with the address «{address}» (--database or DESK_DATABASE_URL), which comes before the "
    "choice on this page.":
        "Desk này được mở với địa chỉ «{address}» (--database hoặc DESK_DATABASE_URL), địa chỉ đó được ưu tiên hơn "
        "lựa chọn ở trang này.",
    "This computer has no password store Desk can use, so the password was not kept: Desk will ask for it at each "
    "start.":
        "Máy này không có kho mật khẩu để Desk dùng, nên mật khẩu không được lưu: Desk sẽ hỏi mật khẩu mỗi lần mở.",
    "The data server applies the next time Desk starts.": "Máy chủ dữ liệu được áp dụng từ lần mở Desk sau.",
    "NEW_DATABASE": "CSDL_MOI",
    "On a server, a backup is restored only into a new, empty database, not over the one the clerks are working "
    "in; so not from this window. The IT person creates a new database (as in the README) and runs on a computer "
    "with PostgreSQL's command line tools:\n\ndesk-cli --database {new} restore FILE.dump\n\nthen points every "
    "Desk at the new database (Settings, page Data server).":
        "Trên máy chủ, bản sao lưu chỉ được khôi phục vào một cơ sở dữ liệu mới, trống, không ghi đè lên cơ sở dữ "
        "liệu các cán bộ đang làm việc; vì vậy không làm từ cửa sổ này. Người phụ trách kỹ thuật tạo một cơ sở dữ "
        "liệu mới (theo hướng dẫn trong README) rồi chạy trên máy có công cụ dòng lệnh của PostgreSQL:\n\n"
        "desk-cli --database {new} restore TỆP.dump\n\nsau đó trỏ mọi máy Desk sang cơ sở dữ liệu mới (Cài đặt, "
        "trang Máy chủ dữ liệu).",
    "Report text – %s": "Nội dung báo cáo – %s",
    "What you write here is printed in the report of {period}, in the usual outline; an empty section is left "
    "out. Desk adds the figures from the registers.":
        "Nội dung viết ở đây được in trong báo cáo {period} theo đề cương thông thường; phần để trống được bỏ qua. "
        "Desk tự điền số liệu từ các sổ.",
    "%1 of %2 characters": "%1 / %2 ký tự", "Report &text...": "Soạn nội dung &báo cáo...",
    "This period is locked: its report was submitted. A leader can unlock it to change the text.":
        "Kỳ này đã khóa: báo cáo đã nộp. Lãnh đạo mở khóa kỳ thì mới sửa được nội dung.",
    "%n section(s) of the report text saved.": "Đã lưu %n phần nội dung báo cáo.",
    "Deputies of the offices and the centre: {count} (no average cap in force on {day})":
        "Cấp phó của các phòng và Trung tâm: {count} (ngày {day} chưa có quy định bình quân cấp phó)",
    # The clerk's first hour: screens that fit, nothing lost, no trap.
    "&View": "&Xem", "All": "Tất cả", "As of:": "Tính đến:", "%s from": "%s từ", "to": "đến",
    "%s from (dd/mm/yyyy)": "%s từ ngày (dd/mm/yyyy)", "%s up to (dd/mm/yyyy)": "%s đến hết ngày (dd/mm/yyyy)",
    "&Add an obstacle found in this visit (Ctrl+Shift+N)": "&Thêm khó khăn phát hiện qua đợt này (Ctrl+Shift+N)",
    "Click a figure or a bar (or Tab to it, arrows, Enter) to open the register, filtered.":
        "Bấm vào một số liệu hoặc một cột (hoặc dùng Tab, phím mũi tên, Enter) để mở sổ tương ứng, đã lọc sẵn.",
    "no staffing frame entered yet": "chưa nhập khung biên chế",
    "<h3>Desk has no records yet: first steps</h3><ol><li><b>Move your Excel sheets in</b>: File ▸ Import from Excel... (Ctrl+I). To get a sheet Desk reads, File ▸ Create import template... first.</li><li><b>Or enter an obstacle</b>: Ctrl+N, type, Enter saves.</li><li><b>Officials and staffing frames</b> (Ctrl+3 to Ctrl+5) give the staffing figures and the deputies against the cap.</li><li><b>Reports</b> (Ctrl+0): the periods due, exported in the Decree 30 layout.</li></ol><p>F1 opens the guide and the list of shortcuts. The figures and charts appear here as soon as there are records.</p>":
        "<h3>Desk chưa có dữ liệu: các bước đầu tiên</h3><ol><li><b>Đưa các bảng Excel đang dùng vào Desk</b>: Tệp ▸ Nhập từ Excel... (Ctrl+I). Muốn có bảng đúng mẫu Desk đọc được, trước hết chọn Tệp ▸ Tạo mẫu nhập liệu...</li><li><b>Hoặc nhập từng khó khăn, vướng mắc</b>: Ctrl+N, gõ nội dung, Enter để lưu.</li><li><b>Cán bộ, công chức và khung biên chế</b> (Ctrl+3 đến Ctrl+5) cho số liệu thừa, thiếu biên chế và số cấp phó so với định mức.</li><li><b>Báo cáo</b> (Ctrl+0): các kỳ phải nộp, xuất theo thể thức Nghị định 30.</li></ol><p>F1 mở hướng dẫn và danh sách phím tắt. Số liệu và biểu đồ sẽ hiện ở đây ngay khi có dữ liệu.</p>",
    "Restore the default columns": "Khôi phục các cột mặc định", "Choose &columns...": "Chọn &cột hiển thị...",
    "{count} / {limit} characters": "{count} / {limit} ký tự", "&Reason (required):": "&Lý do (bắt buộc):",
    "Type the reason first: it is kept with the record.": "Hãy nhập lý do trước: lý do được lưu cùng bản ghi.",
    "{register} – edit: {title}": "{register} – sửa: {title}", "{register} – new record": "{register} – thêm mới",
    "This form has changes that are not saved. Save them?": "Biểu mẫu này có thay đổi chưa lưu. Lưu lại không?",
    "&Discard the changes": "&Bỏ các thay đổi", "&Keep editing": "&Tiếp tục sửa",
    "Void a record of «%s»": "Hủy bản ghi trong sổ «%s»",
    "Void «{title}»?\n\nThe record stays in the database, with the reason and who voided it, but leaves the register and the reports. Ctrl+Z takes it back while Desk is open.":
        "Hủy bản ghi «{title}»?\n\nBản ghi vẫn được lưu trong cơ sở dữ liệu, cùng lý do và người hủy, nhưng không còn hiện trong sổ và báo cáo. Trong lúc Desk còn mở, Ctrl+Z sẽ lấy lại bản ghi.",
    "&Void the record": "&Hủy bản ghi này", "&Keep it": "&Giữ lại",
    "Unlock {period}? Its records can be changed again; the submitted report stays on record.":
        "Mở khóa {period}? Số liệu của kỳ lại sửa được; báo cáo đã nộp vẫn được lưu.",
    "&Unlock the period": "&Mở khóa kỳ", "&Keep it locked": "&Giữ khóa",
    "Restore from a backup": "Khôi phục từ bản sao lưu",
    "Choose the backup to go back to. Whatever was entered after it was taken is replaced; the current data is first kept as a backup of its own.":
        "Chọn bản sao lưu muốn quay về. Những gì nhập sau thời điểm sao lưu sẽ bị thay thế; dữ liệu hiện tại được giữ lại thành một bản sao lưu riêng trước đó.",
    "Taken at": "Sao lưu lúc", "How long ago": "Cách đây", "Size": "Dung lượng", "Taken": "Lý do",
    "Another &file (USB)...": "Tệp &khác (USB)...", "&Restore this backup...": "&Khôi phục bản này...",
    "%n minute(s)": "%n phút", "%n hour(s)": "%n giờ", "%n day(s)": "%n ngày", "regularly": "định kỳ",
    "Restore from which backup file?": "Khôi phục từ tệp sao lưu nào?",
    "The database is sound: no damage, every record and user is accounted for in the history of changes, and its structure is Desk's own.":
        "Cơ sở dữ liệu tốt: không có chỗ hỏng, mọi bản ghi và người dùng đều khớp với lịch sử thay đổi, cấu trúc đúng của Desk.",
    "Restore that backup now?": "Khôi phục bản sao lưu đó ngay bây giờ?",
    "working days after the cut-off (weekends skipped)": "ngày làm việc sau ngày chốt số liệu (không tính thứ Bảy, Chủ nhật)",
    "Writing the list to Excel...": "Đang ghi danh sách ra tệp Excel...", "Print: %s": "In: %s",
    "Writing the report...": "Đang ghi báo cáo...", "search «%s»": "tìm «%s»",
    "Writing the report of %s...": "Đang ghi báo cáo %s...",
    "E&xport this list to Excel...": "&Xuất danh sách này ra Excel...",
    "Export a period's &report...": "Xuất &báo cáo theo kỳ...", "&Print this list...": "&In danh sách này...",
    "&Open the file": "&Mở tệp", "Open the &folder": "Mở &thư mục", "&Close": "Đón&g",
    "Submitted outside Desk": "Đã nộp ngoài Desk",
    "The report of %s was sent without Desk. Its number and the day it was sent are kept, and the period is no longer shown as due.":
        "Báo cáo %s đã được nộp không qua Desk. Số, ký hiệu và ngày nộp được lưu lại; kỳ này không còn hiện là đến hạn hay quá hạn.",
    "&Number and symbol:": "&Số, ký hiệu:", "&Sent on:": "Ngày &nộp:", "&Record": "&Ghi nhận",
    "Type the report's number, e.g. 05/BC-UBND.": "Hãy nhập số, ký hiệu của báo cáo, ví dụ 05/BC-UBND.",
    "outside Desk": "nộp ngoài Desk", "Desk used from:": "Bắt đầu dùng Desk từ ngày:",
    "Save the first day": "Lưu ngày bắt đầu",
    "Periods that ended before this day are not listed.": "Các kỳ kết thúc trước ngày này không được liệt kê.",
    "Submitted &outside Desk...": "Đã nộp ng&oài Desk...",
    "Desk – guide and shortcuts": "Desk – hướng dẫn và phím tắt", "Save the form": "Lưu biểu mẫu",
    "Close the form or dialog": "Đóng biểu mẫu hoặc hộp thoại",
    "Change an obstacle's state (in its form)": "Đổi tình trạng khó khăn (trong biểu mẫu)",
    "Add an obstacle found during the selected visit": "Thêm khó khăn phát hiện qua đợt khảo sát đang chọn",
    "Keyboard shortcuts": "Phím tắt",
    "Desk is locked (Ctrl+L). %s, type your password to continue; nothing you were typing is lost.":
        "Desk đang khóa (Ctrl+L). %s, hãy nhập mật khẩu để tiếp tục; những gì đang nhập dở vẫn được giữ nguyên.",
    "A form has changes that are not saved. Close Desk anyway and lose them?":
        "Có biểu mẫu đang sửa chưa lưu. Vẫn đóng Desk và bỏ các thay đổi đó?",
    "Sign &out / change user...": "Đăng &xuất / đổi người dùng...", "&Guide and shortcuts": "&Hướng dẫn và phím tắt",
    "Backing up and checking the copy...": "Đang sao lưu và kiểm tra bản sao...",
    "Checking the database...": "Đang kiểm tra cơ sở dữ liệu...",
    "as of %s": "tính đến ngày %s", "%n record(s)": "%n bản ghi", "Filtered by: %s": "Lọc theo: %s",
    "Only the first %s rows are printed; export to Excel for all.":
        "Chỉ in %s dòng đầu; muốn có toàn bộ, hãy xuất ra Excel (Ctrl+E).",
    "Import &answers from a reply file...": "Nhập &trả lời từ tệp của cấp trên...",
    "Create &reply file...": "Tạo tệp &trả lời...",
    "A workbook listing every consolidated obstacle with columns for the answer, the answering body, the document "
    "and a proposed state; each commune imports it back into Desk.":
        "Tệp Excel liệt kê mọi khó khăn, vướng mắc đã tổng hợp, có cột để ghi nội dung trả lời, cơ quan trả lời, "
        "văn bản và tình trạng đề xuất; từng xã, phường nhập lại tệp này vào Desk.",
    "Save the reply file as": "Lưu tệp trả lời thành",
    "The reply file lists {count} obstacle(s); fill in the answers and send it to the communes. Saved to {path}":
        "Tệp trả lời có {count} khó khăn, vướng mắc; hãy ghi nội dung trả lời rồi gửi cho các xã, phường. "
        "Đã lưu vào {path}",
    "Accept the proposed state": "Nhận tình trạng đề xuất", "Obstacle": "Khó khăn, vướng mắc",
    "Answer": "Nội dung trả lời", "Document": "Văn bản", "Proposed state": "Tình trạng đề xuất",
    "What happens": "Xử lý",
    "Import answers from «{file}»": "Nhập trả lời từ «{file}»",
    "Accept": "Nhận",
    "{count} answer(s) to import.": "{count} trả lời sẽ nhập.",
    "{count} propose a new state: tick those the commune accepts (the state changes, dated by the answer's "
    "document).":
        "{count} trả lời có đề xuất tình trạng: đánh dấu những đề xuất xã, phường chấp nhận (tình trạng được đổi, "
        "ghi ngày theo văn bản trả lời).",
    "{count} imported before (skipped).": "{count} trả lời đã nhập trước đây (bỏ qua).",
    "{count} for other communes (ignored).": "{count} trả lời cho xã, phường khác (bỏ qua).",
    "{count} for obstacles not in the register (nothing written).":
        "{count} trả lời cho khó khăn, vướng mắc không có trong sổ (không ghi).",
    "{count} for voided obstacles (nothing written).": "{count} trả lời cho khó khăn, vướng mắc đã hủy (không ghi).",
    "{count} row(s) with errors, listed below (nothing written).": "{count} dòng có lỗi, liệt kê bên dưới (không ghi).",
    "Import answers from which reply file?": "Nhập trả lời từ tệp nào?",
    "Reading «{file}»...": "Đang đọc «{file}»...",
    "Answered": "Đã trả lời", "Commune / ward": "Xã, phường", "Domain": "Lĩnh vực", "Raised on": "Ngày phát sinh",
    "Answer the communes' obstacles ({period}, {area})":
        "Trả lời khó khăn, vướng mắc của xã, phường ({period}, {area})",
    "&Search:": "&Tìm kiếm:", 'No accents needed, e.g. "ngo quyen"': "Gõ không dấu cũng được, ví dụ «ngo quyen»",
    "&Answer:": "&Nội dung trả lời:", "Answering &body:": "&Cơ quan trả lời:",
    "Document &number:": "&Số, ký hiệu văn bản:", "Document &date:": "N&gày văn bản:",
    "&Proposed state:": "Tình trạng đề &xuất:", "(no change proposed)": "(không đề xuất đổi tình trạng)",
    "Sa&ve reply file...": "&Lưu tệp trả lời...",
    "The reply workbook of every consolidated obstacle, with the answers typed here in their rows; each commune "
    "imports it back into Desk (Ctrl+S).":
        "Tệp Excel trả lời liệt kê mọi khó khăn, vướng mắc đã tổng hợp, kèm các trả lời nhập ở đây; từng xã, phường "
        "nhập lại tệp này vào Desk (Ctrl+S).",
    "{shown} of {total} obstacle(s), {answered} answered":
        "{shown}/{total} khó khăn, vướng mắc; đã trả lời {answered}",
    "No obstacle chosen": "Chưa chọn khó khăn, vướng mắc",
    "Choose an obstacle in the list (type in the search box, then Up/Down) and type its answer below; Enter in the "
    "search box goes to the answer.":
        "Chọn một khó khăn, vướng mắc trong danh sách (gõ vào ô tìm kiếm, rồi dùng phím mũi tên lên, xuống) và nhập "
        "trả lời ở dưới; Enter trong ô tìm kiếm chuyển xuống ô nội dung trả lời.",
    "Answer to «{title}» ({unit})": "Trả lời cho «{title}» ({unit})",
    "What is typed is kept for each obstacle until the file is saved; only the obstacles ticked as answered go "
    "into the file with an answer.":
        "Nội dung đã nhập được giữ cho từng khó khăn, vướng mắc đến khi lưu tệp; chỉ những dòng đánh dấu «Đã trả "
        "lời» mới có trả lời trong tệp.",
    "No answer is typed yet: choose an obstacle in the list and type its answer.":
        "Chưa có trả lời nào được nhập: hãy chọn một khó khăn, vướng mắc trong danh sách và nhập nội dung trả lời.",
    "{count} answer(s) written into the reply file, with every consolidated obstacle listed; send it to the "
    "communes. Saved to {path}":
        "Đã ghi {count} trả lời vào tệp trả lời (tệp liệt kê mọi khó khăn, vướng mắc đã tổng hợp); hãy gửi tệp cho "
        "các xã, phường. Đã lưu vào {path}",
    "Answers typed here are not saved in a reply file yet. Save them?":
        "Các trả lời đã nhập ở đây chưa được lưu vào tệp trả lời. Lưu lại?",
    "&Answer in Desk...": "Trả lời t&rong Desk...",
    "Type the answers to the consolidated obstacles here instead of in Excel; they are saved into the same reply "
    "workbook.":
        "Nhập trả lời cho các khó khăn, vướng mắc đã tổng hợp ngay trong Desk thay vì trong Excel; các trả lời được "
        "lưu vào cùng tệp trả lời.",
    "The file is valid: {summary}. %n row(s) look like records already in Desk or pass a limit (see the notes): "
    "importing them may make duplicates. Nothing is written until you press Import.":
        "Tệp hợp lệ: {summary}. Có %n dòng giống bản ghi đã có trong Desk hoặc vượt giới hạn (xem phần Ghi chú): "
        "nhập các dòng đó có thể tạo bản ghi trùng. Chưa ghi gì cho đến khi bấm «Nhập dữ liệu».",
    "&Reason (required; Ctrl+Enter confirms):": "&Lý do (bắt buộc; Ctrl+Enter để xác nhận):",
    "%n row(s) of the file look like records already in Desk or pass a limit (the notes list them). Importing them "
    "may make duplicates.\n\nImport anyway?":
        "Có %n dòng của tệp giống bản ghi đã có trong Desk hoặc vượt giới hạn (xem phần Ghi chú). Nhập các dòng đó "
        "có thể tạo bản ghi trùng.\n\nVẫn nhập dữ liệu?",
    "A form has changes that are not saved. Sign out anyway and lose them?":
        "Có biểu mẫu đang sửa chưa lưu. Vẫn đăng xuất và bỏ các thay đổi đó?",
    "There is no automatic backup yet. To restore a copy on a USB stick or in another folder, press «{button}» "
    "and choose the file.":
        "Chưa có bản sao lưu tự động nào. Để khôi phục từ bản sao lưu trên USB hoặc ở thư mục khác, hãy bấm "
        "«{button}» rồi chọn tệp sao lưu.",
}


def fill(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    left = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation.get("type") not in ("unfinished", None) or source not in VI:
            if translation.get("type") == "unfinished":
                left.append(source)
            continue
        if translation.get("type") is None and "".join(translation.itertext()).strip():
            continue
        translation.attrib.pop("type", None)
        forms = translation.findall("numerusform")
        if forms:
            for form in forms:
                form.text = VI[source]
        else:
            translation.text = VI[source]
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return left


def fill_english_plurals(ts: Path) -> int:
    """English needs only its plurals: "%n record(s)" is "1 record" / "2 records" (Qt leaves the "(s)" as it is
    without a translation). Forms are made from the source: "(s)" dropped for one, "s" for many."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        forms = translation.findall("numerusform")
        if len(forms) != 2:
            continue
        translation.attrib.pop("type", None)
        forms[0].text, forms[1].text = source.replace("(s)", ""), source.replace("(s)", "s")
        filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


if __name__ == "__main__":
    if sys.argv[1] == "--plurals-en":
        print("English plural forms:", fill_english_plurals(Path(sys.argv[2])))
        sys.exit(0)
    remaining = fill(Path(sys.argv[1]))
    print("untranslated:", remaining)

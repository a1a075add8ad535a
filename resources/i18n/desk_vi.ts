<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="75" />
        <source>Export the obstacle report</source>
        <translation>Xuất báo cáo khó khăn, vướng mắc</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="76" />
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="76" />
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="77" />
        <source>First 6 months</source>
        <translation>6 tháng đầu năm</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="77" />
        <source>9 months</source>
        <translation>9 tháng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="78" />
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="78" />
        <source>Date range (ad hoc)</source>
        <translation>Khoảng ngày (đột xuất)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="81" />
        <source>&amp;Period:</source>
        <translation>&amp;Kỳ báo cáo:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="82" />
        <source>&amp;Year:</source>
        <translation>&amp;Năm:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="83" />
        <source>&amp;From:</source>
        <translation>&amp;Từ ngày:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="84" />
        <source>&amp;To:</source>
        <translation>Đế&amp;n ngày:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="85" />
        <source>Choose file and export...</source>
        <translation>Chọn tệp và xuất...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="86" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="107" />
        <source>&amp;Month:</source>
        <translation>&amp;Tháng:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="110" />
        <source>&amp;Quarter:</source>
        <translation>&amp;Quý:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="136" />
        <source>Type both dates as dd/mm/yyyy.</source>
        <translation>Nhập cả hai ngày theo dạng dd/mm/yyyy.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="148" />
        <source>Save the report as</source>
        <translation>Lưu báo cáo thành</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="149" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="93" />
        <source>Desk – %s</source>
        <translation>Desk – %s</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="94" />
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="95" />
        <source>&amp;Records</source>
        <translation>&amp;Sổ theo dõi</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="96" />
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="97" />
        <source>Obstacles</source>
        <translation>Khó khăn, vướng mắc</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="123" />
        <source>The report for {period} was saved ({count} obstacles):
{path}</source>
        <translation>Đã lưu báo cáo {period} ({count} khó khăn, vướng mắc):
{path}</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="142" />
        <source>Records are kept per unit. Switch this installation to %s?</source>
        <translation>Dữ liệu được lưu theo từng đơn vị. Chuyển máy này sang %s?</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="147" />
        <source>The unit was changed. Desk will now close; start it again to continue.</source>
        <translation>Đã đổi đơn vị. Desk sẽ đóng lại; hãy mở lại để tiếp tục.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="151" />
        <source>Desk %s
Records and reports of the commune-level People's Committee.
Data folder: %s</source>
        <translation>Desk %s
Sổ theo dõi và báo cáo của Ủy ban nhân dân cấp xã.
Thư mục dữ liệu: %s</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="133" />
        <source>Edit record</source>
        <translation>Sửa bản ghi</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="133" />
        <source>New record</source>
        <translation>Thêm bản ghi mới</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="134" />
        <source>* required. Enter or Ctrl+S saves, Esc cancels. Dates as dd/mm/yyyy.</source>
        <translation>* bắt buộc. Enter hoặc Ctrl+S để lưu, Esc để hủy. Ngày nhập dạng dd/mm/yyyy.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="136" />
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="137" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
</context>
<context>
    <name>RegisterScreen</name>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="120" />
        <source>Search (Ctrl+F): no accents needed, e.g. "ngo quyen"</source>
        <translation>Tìm kiếm (Ctrl+F): gõ không dấu cũng được, ví dụ «ngo quyen»</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="122" />
        <source>All: %s</source>
        <translation>Tất cả: %s</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="123" />
        <source>From date (dd/mm/yyyy)</source>
        <translation>Từ ngày (dd/mm/yyyy)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="124" />
        <source>To date (dd/mm/yyyy)</source>
        <translation>Đến ngày (dd/mm/yyyy)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="125" />
        <source>from dd/mm/yyyy</source>
        <translation>từ dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="126" />
        <source>to dd/mm/yyyy</source>
        <translation>đến dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="127" />
        <source>Show voided</source>
        <translation>Hiện bản ghi đã hủy</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="128" />
        <source>Overdue</source>
        <translation>Quá hạn xử lý</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/register_screen.py" line="167" />
        <source>%n record(s) shown</source>
        <translation>
            <numerusform>Đang hiển thị %n bản ghi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/register_screen.py" line="169" />
        <source>%n overdue</source>
        <translation>
            <numerusform>%n quá hạn</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="209" />
        <source>This record is voided: %s</source>
        <translation>Bản ghi này đã bị hủy: %s</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="222" />
        <source>Void record</source>
        <translation>Hủy bản ghi</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="223" />
        <source>The record stays in the database but is hidden from the register and reports.
Reason for voiding (required):</source>
        <translation>Bản ghi vẫn được lưu nhưng không hiện trong sổ và báo cáo.
Lý do hủy (bắt buộc):</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="68" />
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="69" />
        <source>Interface</source>
        <translation>Giao diện</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="70" />
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="71" />
        <source>&amp;Language:</source>
        <translation>&amp;Ngôn ngữ:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="72" />
        <source>A new language applies the next time Desk starts.</source>
        <translation>Ngôn ngữ mới có hiệu lực từ lần mở Desk tiếp theo.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="73" />
        <source>Receiving unit:</source>
        <translation>Đơn vị nhận báo cáo:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="73" />
        <source>Distribution (one per line):</source>
        <translation>Nơi nhận (mỗi dòng một nơi):</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="74" />
        <source>Signing on behalf of:</source>
        <translation>Thay mặt (TM.):</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="74" />
        <source>Signer's title:</source>
        <translation>Chức vụ người ký:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="75" />
        <source>Signer's name:</source>
        <translation>Họ tên người ký:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="75" />
        <source>Prepared by:</source>
        <translation>Người lập biểu:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="76" />
        <source>Document symbol:</source>
        <translation>Ký hiệu văn bản:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="79" />
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="80" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="66" />
        <source>Choose your office's unit</source>
        <translation>Chọn đơn vị của cơ quan</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="67" />
        <source>Desk keeps the records of one commune-level unit. Choose the province, then your commune, ward or special zone. Type part of the name; accents are not needed ("ngo quyen" finds Phường Ngô Quyền).</source>
        <translation>Desk lưu sổ theo dõi của một đơn vị hành chính cấp xã. Chọn tỉnh, thành phố, rồi chọn xã, phường hoặc đặc khu của cơ quan. Gõ một phần tên, không cần dấu («ngo quyen» sẽ tìm thấy Phường Ngô Quyền).</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="70" />
        <source>&amp;Province / city:</source>
        <translation>&amp;Tỉnh / thành phố:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="71" />
        <source>&amp;Commune / ward:</source>
        <translation>&amp;Xã / phường:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="72" />
        <source>— all 34 provinces and cities —</source>
        <translation>— tất cả 34 tỉnh, thành phố —</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="73" />
        <source>e.g. ngo quyen</source>
        <translation>ví dụ: ngo quyen</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="74" />
        <source>Use this unit</source>
        <translation>Chọn đơn vị này</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="75" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/unit_dialog.py" line="102" />
        <source>%n unit(s) match</source>
        <translation>
            <numerusform>%n đơn vị phù hợp</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="31" />
        <source>&amp;New record</source>
        <translation>&amp;Thêm mới</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="32" />
        <source>&amp;Edit record</source>
        <translation>&amp;Sửa bản ghi</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="33" />
        <source>&amp;Void record...</source>
        <translation>&amp;Hủy bản ghi...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="34" />
        <source>Show &amp;voided records</source>
        <translation>Hiện bản ghi đã &amp;hủy</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="35" />
        <source>&amp;Search</source>
        <translation>&amp;Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="36" />
        <source>E&amp;xport report...</source>
        <translation>&amp;Xuất báo cáo...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="37" />
        <source>&amp;Settings...</source>
        <translation>&amp;Cài đặt...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="38" />
        <source>Change &amp;unit...</source>
        <translation>Đổi đơ&amp;n vị...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="39" />
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="40" />
        <source>&amp;About Desk</source>
        <translation>&amp;Giới thiệu Desk</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../src/desk/ui/messages.py" line="11" />
        <location filename="../../src/desk/ui/messages.py" line="15" />
        <location filename="../../src/desk/ui/messages.py" line="19" />
        <location filename="../../src/desk/ui/messages.py" line="25" />
        <source>Desk</source>
        <translation>Desk</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/messages.py" line="19" />
        <source>An unexpected error occurred. Your saved data is safe. The details were written to:
{0}
Please send this file to technical support.</source>
        <translation>Đã xảy ra lỗi không mong đợi. Dữ liệu đã lưu vẫn an toàn. Chi tiết được ghi vào:
{0}
Hãy gửi tệp này cho bộ phận kỹ thuật.</translation>
    </message>
</context>
</TS>
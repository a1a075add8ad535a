<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>AnswerDialog</name>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="263" />
        <source>Answer the communes' obstacles ({period}, {area})</source>
        <translation>Trả lời khó khăn, vướng mắc của xã, phường ({period}, {area})</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="265" />
        <source>&amp;Search:</source>
        <translation>&amp;Tìm kiếm:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="266" />
        <source>No accents needed, e.g. "ngo quyen"</source>
        <translation>Gõ không dấu cũng được, ví dụ «ngo quyen»</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="267" />
        <source>&amp;Answer:</source>
        <translation>&amp;Nội dung trả lời:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="268" />
        <source>Answering &amp;body:</source>
        <translation>&amp;Cơ quan trả lời:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="269" />
        <source>Document &amp;number:</source>
        <translation>&amp;Số, ký hiệu văn bản:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="270" />
        <source>Document &amp;date:</source>
        <translation>N&amp;gày văn bản:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="271" />
        <source>&amp;Proposed state:</source>
        <translation>Tình trạng đề &amp;xuất:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="272" />
        <source>(no change proposed)</source>
        <translation>(không đề xuất đổi tình trạng)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="273" />
        <source>Sa&amp;ve reply file...</source>
        <translation>&amp;Lưu tệp trả lời...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="274" />
        <source>The reply workbook of every consolidated obstacle, with the answers typed here in their rows; each commune imports it back into Desk (Ctrl+S).</source>
        <translation>Tệp Excel trả lời liệt kê mọi khó khăn, vướng mắc đã tổng hợp, kèm các trả lời nhập ở đây; từng xã, phường nhập lại tệp này vào Desk (Ctrl+S).</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="276" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="282" />
        <source>{shown} of {total} obstacle(s), {answered} answered</source>
        <translation>{shown}/{total} khó khăn, vướng mắc; đã trả lời {answered}</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="350" />
        <source>No obstacle chosen</source>
        <translation>Chưa chọn khó khăn, vướng mắc</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="351" />
        <source>Choose an obstacle in the list (type in the search box, then Up/Down) and type its answer below; Enter in the search box goes to the answer.</source>
        <translation>Chọn một khó khăn, vướng mắc trong danh sách (gõ vào ô tìm kiếm, rồi dùng phím mũi tên lên, xuống) và nhập trả lời ở dưới; Enter trong ô tìm kiếm chuyển xuống ô nội dung trả lời.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="357" />
        <source>Answer to «{title}» ({unit})</source>
        <translation>Trả lời cho «{title}» ({unit})</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="358" />
        <source>What is typed is kept for each obstacle until the file is saved; only the obstacles ticked as answered go into the file with an answer.</source>
        <translation>Nội dung đã nhập được giữ cho từng khó khăn, vướng mắc đến khi lưu tệp; chỉ những dòng đánh dấu «Đã trả lời» mới có trả lời trong tệp.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="402" />
        <source>No answer is typed yet: choose an obstacle in the list and type its answer.</source>
        <translation>Chưa có trả lời nào được nhập: hãy chọn một khó khăn, vướng mắc trong danh sách và nhập nội dung trả lời.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="413" />
        <source>Save the reply file as</source>
        <translation>Lưu tệp trả lời thành</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="414" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="424" />
        <source>{count} answer(s) written into the reply file, with every consolidated obstacle listed; send it to the communes. Saved to {path}</source>
        <translation>Đã ghi {count} trả lời vào tệp trả lời (tệp liệt kê mọi khó khăn, vướng mắc đã tổng hợp); hãy gửi tệp cho các xã, phường. Đã lưu vào {path}</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="444" />
        <source>Answers typed here are not saved in a reply file yet. Save them?</source>
        <translation>Các trả lời đã nhập ở đây chưa được lưu vào tệp trả lời. Lưu lại?</translation>
    </message>
</context>
<context>
    <name>AnswerListModel</name>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="68" />
        <source>Answered</source>
        <translation>Đã trả lời</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="68" />
        <source>Commune / ward</source>
        <translation>Xã, phường</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="69" />
        <source>Obstacle</source>
        <translation>Khó khăn, vướng mắc</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="69" />
        <source>Domain</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="69" />
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/answer_dialog.py" line="70" />
        <source>Raised on</source>
        <translation>Ngày phát sinh</translation>
    </message>
</context>
<context>
    <name>ConsolidationDialog</name>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="216" />
        <source>Consolidate communes' periodic reports</source>
        <translation>Tổng hợp báo cáo định kỳ của các xã, phường, đặc khu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="217" />
        <source>Reports received (files or folders):</source>
        <translation>Các báo cáo đã nhận (tệp hoặc thư mục):</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="218" />
        <source>&amp;Period:</source>
        <translation>&amp;Kỳ báo cáo:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="219" />
        <source>P&amp;rovince / city:</source>
        <translation>&amp;Tỉnh, thành phố:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="220" />
        <source>&amp;Save as:</source>
        <translation>&amp;Lưu thành:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="221" />
        <source>Whole country (Ministry of Home Affairs)</source>
        <translation>Toàn quốc (Bộ Nội vụ)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="222" />
        <source>Count &amp;drafts (not submitted, no number) in the figures</source>
        <translation>Tính cả &amp;dự thảo (chưa nộp, chưa có số) vào số liệu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="223" />
        <source>Include files whose printed figures were &amp;edited after export (their figures are taken from their data)</source>
        <translation>Tính cả tệp có số liệu in bị &amp;sửa sau khi xuất (số liệu lấy theo dữ liệu kèm theo)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="226" />
        <source>The data check catches accidental and casual edits, not a determined forger: a report's authenticity rests on its signed copy (paper or digital signature).</source>
        <translation>Mã kiểm tra dữ liệu chỉ phát hiện việc sửa tệp vô ý hoặc sửa thông thường, không chống được người cố ý làm giả: giá trị của báo cáo căn cứ vào bản có chữ ký (bản giấy hoặc ký số).</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="228" />
        <source>Add &amp;files...</source>
        <translation>Thêm tệ&amp;p...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="229" />
        <source>Add f&amp;older...</source>
        <translation>Thêm thư &amp;mục...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="230" />
        <source>Re&amp;move</source>
        <translation>&amp;Bỏ khỏi danh sách</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="231" />
        <source>&amp;Browse...</source>
        <translation>&amp;Chọn...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="232" />
        <source>Consolidate</source>
        <translation>Tổng hợp</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="233" />
        <location filename="../../src/desk/ui/consolidation_screen.py" line="409" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="234" />
        <source>Each file's data check is verified and its printed figures recomputed from its data; drafts, edited files, files of another period and duplicates are listed.</source>
        <translation>Mã kiểm tra dữ liệu của từng tệp được đối chiếu và số liệu in được tính lại từ dữ liệu kèm theo; dự thảo, tệp bị sửa, tệp khác kỳ và tệp trùng được liệt kê.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="236" />
        <source>Create &amp;reply file...</source>
        <translation>Tạo tệp &amp;trả lời...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="237" />
        <source>A workbook listing every consolidated obstacle with columns for the answer, the answering body, the document and a proposed state; each commune imports it back into Desk.</source>
        <translation>Tệp Excel liệt kê mọi khó khăn, vướng mắc đã tổng hợp, có cột để ghi nội dung trả lời, cơ quan trả lời, văn bản và tình trạng đề xuất; từng xã, phường nhập lại tệp này vào Desk.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="240" />
        <source>&amp;Answer in Desk...</source>
        <translation>Trả lời t&amp;rong Desk...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="241" />
        <source>Type the answers to the consolidated obstacles here instead of in Excel; they are saved into the same reply workbook.</source>
        <translation>Nhập trả lời cho các khó khăn, vướng mắc đã tổng hợp ngay trong Desk thay vì trong Excel; các trả lời được lưu vào cùng tệp trả lời.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="259" />
        <source>Choose the communes' reports</source>
        <translation>Chọn báo cáo của các xã</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="260" />
        <location filename="../../src/desk/ui/consolidation_screen.py" line="276" />
        <location filename="../../src/desk/ui/consolidation_screen.py" line="298" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="264" />
        <source>Choose a folder of reports</source>
        <translation>Chọn thư mục báo cáo</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="275" />
        <source>Save the consolidated report as</source>
        <translation>Lưu báo cáo tổng hợp thành</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="297" />
        <source>Save the reply file as</source>
        <translation>Lưu tệp trả lời thành</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="309" />
        <source>The reply file lists {count} obstacle(s); fill in the answers and send it to the communes. Saved to {path}</source>
        <translation>Tệp trả lời có {count} khó khăn, vướng mắc; hãy ghi nội dung trả lời rồi gửi cho các xã, phường. Đã lưu vào {path}</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="360" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="361" />
        <source>Reading the files...</source>
        <translation>Đang đọc các tệp...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="371" />
        <source>Cancelling...</source>
        <translation>Đang hủy...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="379" />
        <source>Reading {done}/{total}: {name}</source>
        <translation>Đang đọc {done}/{total}: {name}</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="382" />
        <source>Writing the consolidated workbook...</source>
        <translation>Đang ghi tệp tổng hợp...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="388" />
        <source>Done: {used} reports consolidated ({on_time} on time, {late} late, {missing} not submitted, problems in files: {problems}). Saved to {path}</source>
        <translation>Xong: đã tổng hợp {used} báo cáo ({on_time} đúng hạn, {late} muộn, {missing} chưa nộp, vấn đề trong tệp: {problems}). Đã lưu vào {path}</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="398" />
        <source>An unexpected error occurred; the details are in the log. Nothing was written.</source>
        <translation>Đã xảy ra lỗi không mong đợi; chi tiết đã ghi vào nhật ký. Không ghi tệp nào.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/consolidation_screen.py" line="403" />
        <source>Cancelled. Nothing was written.</source>
        <translation>Đã hủy. Không ghi tệp nào.</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="332" />
        <source>%s at a glance</source>
        <translation>Tổng quan %s</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="333" />
        <source>Click a figure or a bar (or Tab to it, arrows, Enter) to open the register, filtered.</source>
        <translation>Bấm vào một số liệu hoặc một cột (hoặc dùng Tab, phím mũi tên, Enter) để mở sổ tương ứng, đã lọc sẵn.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="335" />
        <source>As of:</source>
        <translation>Tính đến:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="336" />
        <source>Obstacles by domain and status</source>
        <translation>Khó khăn, vướng mắc theo lĩnh vực và tình trạng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="337" />
        <source>Open obstacles at the end of each month</source>
        <translation>Khó khăn chưa tháo gỡ cuối mỗi tháng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="338" />
        <source>Staffing: surplus (+) and shortage (−) by office</source>
        <translation>Biên chế: thừa (+), thiếu (−) theo phòng, ban</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="339" />
        <source>Deputies against the cap</source>
        <translation>Cấp phó so với định mức</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="341" />
        <source>&lt;h3&gt;Desk has no records yet: first steps&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Move your Excel sheets in&lt;/b&gt;: File ▸ Import from Excel... (Ctrl+I). To get a sheet Desk reads, File ▸ Create import template... first.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Or enter an obstacle&lt;/b&gt;: Ctrl+N, type, Enter saves.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Officials and staffing frames&lt;/b&gt; (Ctrl+3 to Ctrl+5) give the staffing figures and the deputies against the cap.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Reports&lt;/b&gt; (Ctrl+0): the periods due, exported in the Decree 30 layout.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;F1 opens the guide and the list of shortcuts. The figures and charts appear here as soon as there are records.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Desk chưa có dữ liệu: các bước đầu tiên&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;&lt;b&gt;Đưa các bảng Excel đang dùng vào Desk&lt;/b&gt;: Tệp ▸ Nhập từ Excel... (Ctrl+I). Muốn có bảng đúng mẫu Desk đọc được, trước hết chọn Tệp ▸ Tạo mẫu nhập liệu...&lt;/li&gt;&lt;li&gt;&lt;b&gt;Hoặc nhập từng khó khăn, vướng mắc&lt;/b&gt;: Ctrl+N, gõ nội dung, Enter để lưu.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Cán bộ, công chức và khung biên chế&lt;/b&gt; (Ctrl+3 đến Ctrl+5) cho số liệu thừa, thiếu biên chế và số cấp phó so với định mức.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Báo cáo&lt;/b&gt; (Ctrl+0): các kỳ phải nộp, xuất theo thể thức Nghị định 30.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;F1 mở hướng dẫn và danh sách phím tắt. Số liệu và biểu đồ sẽ hiện ở đây ngay khi có dữ liệu.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="350" />
        <source>Movements ending soon or overdue to end</source>
        <translation>Điều động, biệt phái sắp kết thúc hoặc quá hạn</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="351" />
        <source>Active initiatives</source>
        <translation>Sáng kiến, mô hình đang triển khai</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="376" />
        <source>open obstacles</source>
        <translation>khó khăn đang mở</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="377" />
        <source>overdue obstacles</source>
        <translation>khó khăn quá hạn xử lý</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="382" />
        <source>staff short / over the frame</source>
        <translation>thiếu / thừa so với biên chế</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="384" />
        <source>no staffing frame entered yet</source>
        <translation>chưa nhập khung biên chế</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="386" />
        <source>deputies / cap</source>
        <translation>cấp phó / định mức</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="388" />
        <source>movements ending soon</source>
        <translation>biệt phái, tăng cường sắp kết thúc</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="389" />
        <source>movements overdue to end</source>
        <translation>quá hạn kết thúc chưa có quyết định</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="391" />
        <source>active initiatives</source>
        <translation>sáng kiến đang triển khai</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="425" />
        <source>Open obstacles</source>
        <translation>Khó khăn đang mở</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="437" />
        <source>M%1</source>
        <translation>T%1</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="453" />
        <source>Surplus</source>
        <translation>Thừa</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="453" />
        <source>Shortage</source>
        <translation>Thiếu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="482" />
        <source>Actual</source>
        <translation>Hiện có</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="482" />
        <source>Cap / allotted</source>
        <translation>Định mức, số được giao</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="497" />
        <source>Office deputies</source>
        <translation>Cấp phó các phòng, TT</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="497" />
        <source>Vice-chairs</source>
        <translation>Phó Chủ tịch</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="510" />
        <source>{person} – {kind}: planned end {end} passed</source>
        <translation>{person} – {kind}: đã quá ngày kết thúc dự kiến {end}</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="513" />
        <source>{person} – {kind}: ends {end}</source>
        <translation>{person} – {kind}: kết thúc ngày {end}</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="520" />
        <source>None in the coming days.</source>
        <translation>Không có trong thời gian tới.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/dashboard_screen.py" line="525" />
        <source>None recorded yet.</source>
        <translation>Chưa ghi nhận.</translation>
    </message>
</context>
<context>
    <name>DataSafety</name>
    <message>
        <location filename="../../src/desk/ui/data_safety.py" line="52" />
        <source>Signed in: %s (%s)</source>
        <translation>Người dùng: %s (%s)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/data_safety.py" line="74" />
        <source>Open a register and select a record to see its history.</source>
        <translation>Hãy mở một sổ và chọn một bản ghi để xem lịch sử.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/data_safety.py" line="82" />
        <source>Back up to which folder (e.g. a USB stick)?</source>
        <translation>Sao lưu vào thư mục nào (ví dụ ổ USB)?</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/data_safety.py" line="91" />
        <source>Backing up and checking the copy...</source>
        <translation>Đang sao lưu và kiểm tra bản sao...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/data_safety.py" line="92" />
        <source>The backup was written and checked:
%s</source>
        <translation>Đã ghi và kiểm tra bản sao lưu:
%s</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/data_safety.py" line="140" />
        <source>NEW_DATABASE</source>
        <translation>CSDL_MOI</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/data_safety.py" line="143" />
        <source>On a server, a backup is restored only into a new, empty database, not over the one the clerks are working in; so not from this window. The IT person creates a new database (as in the README) and runs on a computer with PostgreSQL's command line tools:

desk-cli --database {new} restore FILE.dump

then points every Desk at the new database (Settings, page Data server).</source>
        <translation>Trên máy chủ, bản sao lưu chỉ được khôi phục vào một cơ sở dữ liệu mới, trống, không ghi đè lên cơ sở dữ liệu các cán bộ đang làm việc; vì vậy không làm từ cửa sổ này. Người phụ trách kỹ thuật tạo một cơ sở dữ liệu mới (theo hướng dẫn trong README) rồi chạy trên máy có công cụ dòng lệnh của PostgreSQL:

desk-cli --database {new} restore TỆP.dump

sau đó trỏ mọi máy Desk sang cơ sở dữ liệu mới (Cài đặt, trang Máy chủ dữ liệu).</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/data_safety.py" line="159" />
        <source>The database is sound: no damage, every record and user is accounted for in the history of changes, and its structure is Desk's own.</source>
        <translation>Cơ sở dữ liệu tốt: không có chỗ hỏng, mọi bản ghi và người dùng đều khớp với lịch sử thay đổi, cấu trúc đúng của Desk.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/data_safety.py" line="170" />
        <source>Checking the database...</source>
        <translation>Đang kiểm tra cơ sở dữ liệu...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/data_safety.py" line="107" />
        <source>Replace all of Desk's data with the backup
%s?

The current data is kept as a backup first. Desk closes afterwards; start it again to continue.</source>
        <translation>Thay toàn bộ dữ liệu của Desk bằng bản sao lưu
%s?

Dữ liệu hiện tại được giữ lại thành một bản sao lưu trước. Sau đó Desk sẽ đóng; hãy mở lại để tiếp tục.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/data_safety.py" line="119" />
        <source>Restore this other unit's backup anyway?</source>
        <translation>Vẫn khôi phục bản sao lưu của đơn vị khác này?</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/data_safety.py" line="128" />
        <source>The data was restored from:
%s
The data it replaced was kept as:
%s
Desk will now close; start it again to continue.</source>
        <translation>Đã khôi phục dữ liệu từ:
%s
Dữ liệu bị thay thế được giữ tại:
%s
Desk sẽ đóng lại; hãy mở lại để tiếp tục.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/data_safety.py" line="155" />
        <source>The check found problems in the database:
%s

Back up now to a USB stick, then ask technical support or restore the newest good backup.</source>
        <translation>Kiểm tra phát hiện lỗi trong cơ sở dữ liệu:
%s

Hãy sao lưu ngay ra ổ USB, rồi liên hệ bộ phận kỹ thuật hoặc khôi phục bản sao lưu tốt gần nhất.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="85" />
        <source>Export the obstacle report</source>
        <translation>Xuất báo cáo khó khăn, vướng mắc</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="86" />
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="86" />
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="87" />
        <source>First 6 months</source>
        <translation>6 tháng đầu năm</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="87" />
        <source>9 months</source>
        <translation>9 tháng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="88" />
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="88" />
        <source>Date range (ad hoc)</source>
        <translation>Khoảng ngày (đột xuất)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="91" />
        <source>&amp;Period:</source>
        <translation>&amp;Kỳ báo cáo:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="92" />
        <source>&amp;Year:</source>
        <translation>&amp;Năm:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="93" />
        <source>&amp;From:</source>
        <translation>&amp;Từ ngày:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="94" />
        <source>&amp;To:</source>
        <translation>Đế&amp;n ngày:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="95" />
        <source>Choose file and export...</source>
        <translation>Chọn tệp và xuất...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="96" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="117" />
        <source>&amp;Month:</source>
        <translation>&amp;Tháng:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="120" />
        <source>&amp;Quarter:</source>
        <translation>&amp;Quý:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="146" />
        <source>Type both dates as dd/mm/yyyy.</source>
        <translation>Nhập cả hai ngày theo dạng dd/mm/yyyy.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="158" />
        <source>Save the report as</source>
        <translation>Lưu báo cáo thành</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/export_dialog.py" line="159" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../src/desk/ui/field_editors.py" line="95" />
        <source>{count} / {limit} characters</source>
        <translation>{count} / {limit} ký tự</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <location filename="../../src/desk/ui/guide_dialog.py" line="33" />
        <source>Desk – guide and shortcuts</source>
        <translation>Desk – hướng dẫn và phím tắt</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/guide_dialog.py" line="44" />
        <source>Save the form</source>
        <translation>Lưu biểu mẫu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/guide_dialog.py" line="44" />
        <source>Close the form or dialog</source>
        <translation>Đóng biểu mẫu hoặc hộp thoại</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/guide_dialog.py" line="45" />
        <source>Change an obstacle's state (in its form)</source>
        <translation>Đổi tình trạng khó khăn (trong biểu mẫu)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/guide_dialog.py" line="46" />
        <source>Add an obstacle found during the selected visit</source>
        <translation>Thêm khó khăn phát hiện qua đợt khảo sát đang chọn</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/guide_dialog.py" line="48" />
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="130" />
        <source>History of the record</source>
        <translation>Lịch sử bản ghi</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="131" />
        <source>«%s»: every change, oldest first. Times are this computer's local time.</source>
        <translation>«%s»: mọi thay đổi, cũ nhất ở trên cùng. Thời gian theo giờ của máy tính này.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="133" />
        <source>Time</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="133" />
        <location filename="../../src/desk/ui/history_dialog.py" line="138" />
        <source>By</source>
        <translation>Người thực hiện</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="133" />
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="133" />
        <source>Field</source>
        <translation>Trường</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="134" />
        <source>Old value</source>
        <translation>Giá trị cũ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="134" />
        <source>New value</source>
        <translation>Giá trị mới</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="134" />
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="135" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="137" />
        <source>Its state over time (what a report for a past day shows):</source>
        <translation>Tình trạng qua các thời điểm (báo cáo của một ngày đã qua dùng đúng tình trạng của ngày đó):</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="138" />
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="138" />
        <source>State</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="138" />
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/history_dialog.py" line="139" />
        <source>Recorded</source>
        <translation>Thời điểm ghi</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../src/desk/ui/idle_lock.py" line="217" />
        <source>Desk is locked.</source>
        <translation>Desk đã khóa.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="141" />
        <source>Import from Excel</source>
        <translation>Nhập từ Excel</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="142" />
        <source>&amp;Import</source>
        <translation>&amp;Nhập dữ liệu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="143" />
        <source>&amp;Save error report...</source>
        <translation>&amp;Lưu báo cáo lỗi...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="144" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="145" />
        <source>Notes:</source>
        <translation>Ghi chú:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="154" />
        <source>File: %s</source>
        <translation>Tệp: %s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/import_dialog.py" line="157" />
        <source>%n problem(s) found. Nothing was written: correct the file (the list can be saved as an Excel file) and import it again.</source>
        <translation>
            <numerusform>Tìm thấy %n lỗi. Chưa ghi gì: hãy sửa tệp (có thể lưu danh sách lỗi ra tệp Excel) rồi nhập lại.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/import_dialog.py" line="162" />
        <source>The file is valid: {summary}. %n row(s) look like records already in Desk or pass a limit (see the notes): importing them may make duplicates. Nothing is written until you press Import.</source>
        <translation>
            <numerusform>Tệp hợp lệ: {summary}. Có %n dòng giống bản ghi đã có trong Desk hoặc vượt giới hạn (xem phần Ghi chú): nhập các dòng đó có thể tạo bản ghi trùng. Chưa ghi gì cho đến khi bấm «Nhập dữ liệu».</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="168" />
        <source>The file is valid: {summary}. Nothing is written until you press Import.</source>
        <translation>Tệp hợp lệ: {summary}. Chưa ghi gì cho đến khi bấm «Nhập dữ liệu».</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/import_dialog.py" line="199" />
        <source>%n row(s) of the file look like records already in Desk or pass a limit (the notes list them). Importing them may make duplicates.

Import anyway?</source>
        <translation>
            <numerusform>Có %n dòng của tệp giống bản ghi đã có trong Desk hoặc vượt giới hạn (xem phần Ghi chú). Nhập các dòng đó có thể tạo bản ghi trùng.

Vẫn nhập dữ liệu?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="217" />
        <source>Importing «{file}»...</source>
        <translation>Đang nhập tệp «{file}»...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="240" />
        <source>Save the error report as</source>
        <translation>Lưu báo cáo lỗi thành</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="241" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="251" />
        <source>The error report was saved:
%s</source>
        <translation>Đã lưu báo cáo lỗi:
%s</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../src/desk/ui/import_flow.py" line="53" />
        <source>Import which Excel file?</source>
        <translation>Nhập tệp Excel nào?</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_flow.py" line="54" />
        <source>Excel workbook (*.xlsx);;All files (*)</source>
        <translation>Tệp Excel (*.xlsx);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_flow.py" line="87" />
        <source>Checking «{file}»...</source>
        <translation>Đang kiểm tra tệp «{file}»...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_flow.py" line="102" />
        <source>{question}

Import it once more?</source>
        <translation>{question}

Nhập lại tệp này lần nữa?</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_flow.py" line="116" />
        <source>Imported from «{file}»: {summary}.</source>
        <translation>Đã nhập từ «{file}»: {summary}.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_flow.py" line="131" />
        <source>Save the template as</source>
        <translation>Lưu mẫu thành</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_flow.py" line="132" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/import_flow.py" line="146" />
        <source>The import template for «{register}», with %n record(s), was saved:
{path}</source>
        <translation>
            <numerusform>Đã lưu mẫu nhập liệu sổ «{register}», kèm %n bản ghi:
{path}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_flow.py" line="148" />
        <source>The import template for «{register}» was saved:
{path}</source>
        <translation>Đã lưu mẫu nhập liệu sổ «{register}»:
{path}</translation>
    </message>
</context>
<context>
    <name>LegacyDialog</name>
    <message>
        <location filename="../../src/desk/ui/legacy_dialog.py" line="90" />
        <source>Legacy Vietnamese encoding</source>
        <translation>Bảng mã tiếng Việt cũ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/legacy_dialog.py" line="92" />
        <source>(fonts: %s)</source>
        <translation>(phông: %s)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/legacy_dialog.py" line="94" />
        <source>Text in this file was typed in the old {encoding} encoding{fonts}: %n cell(s). Desk can convert it to Unicode as the examples below show. Nothing is converted unless you choose to.</source>
        <translation>
            <numerusform>Chữ trong tệp này được gõ bằng bảng mã cũ {encoding}{fonts}: %n ô. Desk có thể chuyển sang Unicode như các ví dụ dưới đây. Không có gì được chuyển nếu bạn không chọn.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/legacy_dialog.py" line="97" />
        <source>&amp;Convert to Unicode</source>
        <translation>&amp;Chuyển sang Unicode</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/legacy_dialog.py" line="98" />
        <source>&amp;Keep as it is</source>
        <translation>&amp;Giữ nguyên</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/legacy_dialog.py" line="99" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
</context>
<context>
    <name>ListEditor</name>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="321" />
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="321" />
        <source>English name</source>
        <translation>Tên tiếng Anh</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="321" />
        <source>In use</source>
        <translation>Còn dùng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="322" />
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="323" />
        <source>Move up</source>
        <translation>Lên trên</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="324" />
        <source>Move down</source>
        <translation>Xuống dưới</translation>
    </message>
</context>
<context>
    <name>ListExport</name>
    <message>
        <location filename="../../src/desk/ui/list_export.py" line="36" />
        <source>Save the list as</source>
        <translation>Lưu danh sách thành</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/list_export.py" line="37" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/list_export.py" line="55" />
        <source>The list was saved (%n record(s)):</source>
        <translation>
            <numerusform>Đã lưu danh sách (%n bản ghi):</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/list_export.py" line="59" />
        <source>Writing the list to Excel...</source>
        <translation>Đang ghi danh sách ra tệp Excel...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/list_export.py" line="77" />
        <source>as of %s</source>
        <translation>tính đến ngày %s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/list_export.py" line="78" />
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n bản ghi</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/list_export.py" line="82" />
        <source>Filtered by: %s</source>
        <translation>Lọc theo: %s</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/list_export.py" line="85" />
        <source>Only the first %s rows are printed; export to Excel for all.</source>
        <translation>Chỉ in %s dòng đầu; muốn có toàn bộ, hãy xuất ra Excel (Ctrl+E).</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/list_export.py" line="103" />
        <source>Print: %s</source>
        <translation>In: %s</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../src/desk/ui/idle_lock.py" line="149" />
        <source>Desk is locked</source>
        <translation>Desk đã khóa</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/idle_lock.py" line="151" />
        <source>Desk is locked (Ctrl+L). %s, type your password to continue; nothing you were typing is lost.</source>
        <translation>Desk đang khóa (Ctrl+L). %s, hãy nhập mật khẩu để tiếp tục; những gì đang nhập dở vẫn được giữ nguyên.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/idle_lock.py" line="154" />
        <source>Desk was locked after a while without use. %s, type your password to continue; nothing you were typing is lost.</source>
        <translation>Desk đã tự khóa sau một thời gian không sử dụng. %s, hãy nhập mật khẩu để tiếp tục; những gì đang nhập dở không bị mất.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/idle_lock.py" line="156" />
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/idle_lock.py" line="157" />
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/idle_lock.py" line="174" />
        <source>Wrong password.</source>
        <translation>Sai mật khẩu.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../src/desk/ui/login_dialog.py" line="68" />
        <source>Sign in to Desk</source>
        <translation>Đăng nhập Desk</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/login_dialog.py" line="72" />
        <source>%s
Type your user name and password.</source>
        <translation>%s
Nhập tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/login_dialog.py" line="73" />
        <source>Type your user name and password.</source>
        <translation>Nhập tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/login_dialog.py" line="74" />
        <source>&amp;User name:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/login_dialog.py" line="75" />
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/login_dialog.py" line="76" />
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/login_dialog.py" line="77" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="146" />
        <source>Desk – %s</source>
        <translation>Desk – %s</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="147" />
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="149" />
        <source>&amp;Records</source>
        <translation>&amp;Sổ theo dõi</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="150" />
        <source>&amp;Data</source>
        <translation>&amp;Dữ liệu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="151" />
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="152" />
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="154" />
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="166" />
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="268" />
        <source>The report for {period} was saved ({count} obstacles):
{path}</source>
        <translation>Đã lưu báo cáo {period} ({count} khó khăn, vướng mắc):
{path}</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="273" />
        <source>Writing the report...</source>
        <translation>Đang ghi báo cáo...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="318" />
        <source>This Desk was started with the address «{address}» (--database or DESK_DATABASE_URL), which comes before the choice on this page.</source>
        <translation>Desk này được mở với địa chỉ «{address}» (--database hoặc DESK_DATABASE_URL), địa chỉ đó được ưu tiên hơn lựa chọn ở trang này.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="332" />
        <source>This computer has no password store Desk can use, so the password was not kept: Desk will ask for it at each start.</source>
        <translation>Máy này không có kho mật khẩu để Desk dùng, nên mật khẩu không được lưu: Desk sẽ hỏi mật khẩu mỗi lần mở.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="335" />
        <source>The data server applies the next time Desk starts.</source>
        <translation>Máy chủ dữ liệu được áp dụng từ lần mở Desk sau.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="349" />
        <source>Records are kept per unit. Switch this installation to %s?</source>
        <translation>Dữ liệu được lưu theo từng đơn vị. Chuyển máy này sang %s?</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="354" />
        <source>The unit was changed. Desk will now close; start it again to continue.</source>
        <translation>Đã đổi đơn vị. Desk sẽ đóng lại; hãy mở lại để tiếp tục.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="384" />
        <source>A form has changes that are not saved. Sign out anyway and lose them?</source>
        <translation>Có biểu mẫu đang sửa chưa lưu. Vẫn đăng xuất và bỏ các thay đổi đó?</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="386" />
        <source>A form has changes that are not saved. Close Desk anyway and lose them?</source>
        <translation>Có biểu mẫu đang sửa chưa lưu. Vẫn đóng Desk và bỏ các thay đổi đó?</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/main_window.py" line="399" />
        <source>Desk %s
Records and reports of the commune-level People's Committee.
Data folder: %s</source>
        <translation>Desk %s
Sổ theo dõi và báo cáo của Ủy ban nhân dân cấp xã.
Thư mục dữ liệu: %s</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <location filename="../../src/desk/ui/operations.py" line="206" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/operations.py" line="208" />
        <source>Desk</source>
        <translation>Desk</translation>
    </message>
</context>
<context>
    <name>OutsideSubmissionDialog</name>
    <message>
        <location filename="../../src/desk/ui/outside_dialog.py" line="42" />
        <source>Submitted outside Desk</source>
        <translation>Đã nộp ngoài Desk</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/outside_dialog.py" line="43" />
        <source>The report of %s was sent without Desk. Its number and the day it was sent are kept, and the period is no longer shown as due.</source>
        <translation>Báo cáo %s đã được nộp không qua Desk. Số, ký hiệu và ngày nộp được lưu lại; kỳ này không còn hiện là đến hạn hay quá hạn.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/outside_dialog.py" line="45" />
        <source>&amp;Number and symbol:</source>
        <translation>&amp;Số, ký hiệu:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/outside_dialog.py" line="46" />
        <source>&amp;Sent on:</source>
        <translation>Ngày &amp;nộp:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/outside_dialog.py" line="47" />
        <source>&amp;Record</source>
        <translation>&amp;Ghi nhận</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/outside_dialog.py" line="48" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/outside_dialog.py" line="58" />
        <source>Type the report's number, e.g. 05/BC-UBND.</source>
        <translation>Hãy nhập số, ký hiệu của báo cáo, ví dụ 05/BC-UBND.</translation>
    </message>
</context>
<context>
    <name>ProblemTableModel</name>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="66" />
        <source>Sheet</source>
        <translation>Trang</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="66" />
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="66" />
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="66" />
        <source>Heading</source>
        <translation>Tên cột</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="67" />
        <source>Value in the file</source>
        <translation>Giá trị trong tệp</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/import_dialog.py" line="68" />
        <source>What is wrong</source>
        <translation>Lỗi</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../src/desk/ui/reason_dialog.py" line="45" />
        <source>&amp;Reason (required; Ctrl+Enter confirms):</source>
        <translation>&amp;Lý do (bắt buộc; Ctrl+Enter để xác nhận):</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reason_dialog.py" line="59" />
        <source>Type the reason first: it is kept with the record.</source>
        <translation>Hãy nhập lý do trước: lý do được lưu cùng bản ghi.</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="231" />
        <source>{register} – edit: {title}</source>
        <translation>{register} – sửa: {title}</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="234" />
        <source>{register} – new record</source>
        <translation>{register} – thêm mới</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="235" />
        <source>* required. Enter or Ctrl+S saves, Esc cancels. Dates as dd/mm/yyyy.</source>
        <translation>* bắt buộc. Enter hoặc Ctrl+S để lưu, Esc để hủy. Ngày nhập dạng dd/mm/yyyy.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="237" />
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="238" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="240" />
        <source>Change &amp;state... (Ctrl+T)</source>
        <translation>Đổi &amp;tình trạng... (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="257" />
        <source>This form has changes that are not saved. Save them?</source>
        <translation>Biểu mẫu này có thay đổi chưa lưu. Lưu lại không?</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="304" />
        <source>Undo: edit «%s»</source>
        <translation>Hoàn tác: sửa «%s»</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="304" />
        <source>Undo: add «%s»</source>
        <translation>Hoàn tác: thêm «%s»</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/record_form.py" line="341" />
        <source>Save anyway?</source>
        <translation>Vẫn lưu?</translation>
    </message>
</context>
<context>
    <name>RegisterExportDialog</name>
    <message>
        <location filename="../../src/desk/ui/register_export_dialog.py" line="60" />
        <source>Export: %s</source>
        <translation>Xuất danh sách: %s</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_export_dialog.py" line="61" />
        <source>&amp;Covering:</source>
        <translation>&amp;Phạm vi:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_export_dialog.py" line="62" />
        <source>Today's state (%s)</source>
        <translation>Tình hình đến hôm nay (%s)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_export_dialog.py" line="63" />
        <source>A period lists the records that overlap its cut-off window (Decree 09), with their state on its last day. The workbook follows the Decree 30 layout.</source>
        <translation>Chọn kỳ báo cáo: danh sách gồm các bản ghi trong thời gian chốt số liệu của kỳ (Nghị định 09), tình trạng tính đến ngày cuối kỳ. Tệp Excel theo thể thức Nghị định 30.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_export_dialog.py" line="65" />
        <source>Choose file and export...</source>
        <translation>Chọn tệp và xuất...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_export_dialog.py" line="66" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_export_dialog.py" line="79" />
        <source>Save the list as</source>
        <translation>Lưu danh sách thành</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_export_dialog.py" line="80" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>RegisterScreen</name>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="226" />
        <source>Search (Ctrl+F): no accents needed, e.g. "ngo quyen"</source>
        <translation>Tìm (Ctrl+F), không cần dấu, ví dụ «ngo quyen»</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="233" />
        <source>The states shown: today's, or as they stood at the end of a period</source>
        <translation>Tình trạng hiển thị: hôm nay, hoặc như tại ngày cuối của một kỳ báo cáo</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="228" />
        <source>All</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="232" />
        <source>As of:</source>
        <translation>Tính đến:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="238" />
        <source>%s from (dd/mm/yyyy)</source>
        <translation>%s từ ngày (dd/mm/yyyy)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="239" />
        <source>%s up to (dd/mm/yyyy)</source>
        <translation>%s đến hết ngày (dd/mm/yyyy)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="240" />
        <source>from dd/mm/yyyy</source>
        <translation>từ dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="241" />
        <source>to dd/mm/yyyy</source>
        <translation>đến dd/mm/yyyy</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="242" />
        <source>Show voided</source>
        <translation>Hiện bản ghi đã hủy</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="245" />
        <source>Only: %s</source>
        <translation>Chỉ hiện: %s</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="378" />
        <source>Click to remove this filter</source>
        <translation>Bấm để bỏ điều kiện lọc này</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/register_screen.py" line="386" />
        <source>%n record(s) shown</source>
        <translation>
            <numerusform>Đang hiển thị %n bản ghi</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="408" />
        <source>search «%s»</source>
        <translation>tìm «%s»</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="437" />
        <source>Restore the default columns</source>
        <translation>Khôi phục các cột mặc định</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="497" />
        <source>This record is voided: %s</source>
        <translation>Bản ghi này đã bị hủy: %s</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="509" />
        <source>Void a record of «%s»</source>
        <translation>Hủy bản ghi trong sổ «%s»</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="510" />
        <source>Void «{title}»?

The record stays in the database, with the reason and who voided it, but leaves the register and the reports. Ctrl+Z takes it back while Desk is open.</source>
        <translation>Hủy bản ghi «{title}»?

Bản ghi vẫn được lưu trong cơ sở dữ liệu, cùng lý do và người hủy, nhưng không còn hiện trong sổ và báo cáo. Trong lúc Desk còn mở, Ctrl+Z sẽ lấy lại bản ghi.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="513" />
        <source>&amp;Void the record</source>
        <translation>&amp;Hủy bản ghi này</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="513" />
        <source>&amp;Keep it</source>
        <translation>&amp;Giữ lại</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="520" />
        <source>Undo: void «%s»</source>
        <translation>Hoàn tác: hủy «%s»</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/register_screen.py" line="528" />
        <source>Select a record to see its history.</source>
        <translation>Hãy chọn một bản ghi để xem lịch sử.</translation>
    </message>
</context>
<context>
    <name>ReplyImportDialog</name>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="154" />
        <source>Import answers from «{file}»</source>
        <translation>Nhập trả lời từ «{file}»</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="161" />
        <source>{count} answer(s) to import.</source>
        <translation>{count} trả lời sẽ nhập.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="162" />
        <source>{count} propose a new state: tick those the commune accepts (the state changes, dated by the answer's document).</source>
        <translation>{count} trả lời có đề xuất tình trạng: đánh dấu những đề xuất xã, phường chấp nhận (tình trạng được đổi, ghi ngày theo văn bản trả lời).</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="164" />
        <source>{count} imported before (skipped).</source>
        <translation>{count} trả lời đã nhập trước đây (bỏ qua).</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="165" />
        <source>{count} for other communes (ignored).</source>
        <translation>{count} trả lời cho xã, phường khác (bỏ qua).</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="166" />
        <source>{count} for obstacles not in the register (nothing written).</source>
        <translation>{count} trả lời cho khó khăn, vướng mắc không có trong sổ (không ghi).</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="167" />
        <source>{count} for voided obstacles (nothing written).</source>
        <translation>{count} trả lời cho khó khăn, vướng mắc đã hủy (không ghi).</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="168" />
        <source>{count} row(s) with errors, listed below (nothing written).</source>
        <translation>{count} dòng có lỗi, liệt kê bên dưới (không ghi).</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="173" />
        <source>&amp;Import</source>
        <translation>&amp;Nhập dữ liệu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="175" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
</context>
<context>
    <name>ReplyImportFlow</name>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="201" />
        <source>Import answers from which reply file?</source>
        <translation>Nhập trả lời từ tệp nào?</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="202" />
        <source>Excel workbook (*.xlsx);;All files (*)</source>
        <translation>Tệp Excel (*.xlsx);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="225" />
        <source>Reading «{file}»...</source>
        <translation>Đang đọc «{file}»...</translation>
    </message>
</context>
<context>
    <name>ReplyPreviewModel</name>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="55" />
        <source>Accept the proposed state</source>
        <translation>Nhận tình trạng đề xuất</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="39" />
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="39" />
        <source>Accept</source>
        <translation>Nhận</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="40" />
        <source>Obstacle</source>
        <translation>Khó khăn, vướng mắc</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="40" />
        <source>Answer</source>
        <translation>Nội dung trả lời</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="40" />
        <source>Document</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="41" />
        <source>Proposed state</source>
        <translation>Tình trạng đề xuất</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reply_import.py" line="41" />
        <source>What happens</source>
        <translation>Xử lý</translation>
    </message>
</context>
<context>
    <name>ReportTextDialog</name>
    <message>
        <location filename="../../src/desk/ui/report_text_dialog.py" line="63" />
        <source>Report text – %s</source>
        <translation>Nội dung báo cáo – %s</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/report_text_dialog.py" line="64" />
        <source>What you write here is printed in the report of {period}, in the usual outline; an empty section is left out. Desk adds the figures from the registers.</source>
        <translation>Nội dung viết ở đây được in trong báo cáo {period} theo đề cương thông thường; phần để trống được bỏ qua. Desk tự điền số liệu từ các sổ.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/report_text_dialog.py" line="70" />
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/report_text_dialog.py" line="71" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/report_text_dialog.py" line="73" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/report_text_dialog.py" line="78" />
        <source>%1 of %2 characters</source>
        <translation>%1 / %2 ký tự</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="253" />
        <source>Reports are due</source>
        <translation>Hạn nộp báo cáo:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="254" />
        <source>working days after the cut-off (weekends skipped)</source>
        <translation>ngày làm việc sau ngày chốt số liệu (không tính thứ Bảy, Chủ nhật)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="255" />
        <source>Save &amp;deadline rule</source>
        <translation>Lưu &amp;hạn nộp</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="256" />
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="256" />
        <source>Cut-off window</source>
        <translation>Thời gian chốt số liệu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="256" />
        <source>Due date</source>
        <translation>Hạn nộp</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="257" />
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="257" />
        <source>Document number</source>
        <translation>Số văn bản</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="257" />
        <source>Submitted at</source>
        <translation>Thời điểm nộp</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="258" />
        <source>Data lock</source>
        <translation>Khóa số liệu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="258" />
        <source>Locked</source>
        <translation>Đã khóa</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="258" />
        <source>outside Desk</source>
        <translation>nộp ngoài Desk</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="259" />
        <source>Desk used from:</source>
        <translation>Bắt đầu dùng Desk từ ngày:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="260" />
        <source>Save the first day</source>
        <translation>Lưu ngày bắt đầu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="261" />
        <source>Periods that ended before this day are not listed.</source>
        <translation>Các kỳ kết thúc trước ngày này không được liệt kê.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="262" />
        <source>Submitted &amp;outside Desk...</source>
        <translation>Đã nộp ng&amp;oài Desk...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="263" />
        <source>C&amp;ontent:</source>
        <translation>&amp;Nội dung:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="264" />
        <source>Whole periodic report</source>
        <translation>Toàn bộ báo cáo định kỳ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="265" />
        <source>Export &amp;draft...</source>
        <translation>Xuất bản nhá&amp;p...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="266" />
        <source>Export for &amp;submission...</source>
        <translation>Xuất để nộp (cấp &amp;số)...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="267" />
        <source>&amp;Unlock period...</source>
        <translation>&amp;Mở khóa kỳ...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="268" />
        <source>Report &amp;text...</source>
        <translation>Soạn nội dung &amp;báo cáo...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="269" />
        <source>Other &amp;period...</source>
        <translation>&amp;Kỳ khác...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="270" />
        <source>&amp;Consolidate communes' reports...</source>
        <translation>&amp;Tổng hợp báo cáo các xã...</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/reports_screen.py" line="322" />
        <source>%n report(s) overdue</source>
        <translation>
            <numerusform>%n báo cáo quá hạn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/reports_screen.py" line="322" />
        <source>%n report(s) due now</source>
        <translation>
            <numerusform>%n báo cáo đến hạn</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="328" />
        <source>Save the report as</source>
        <translation>Lưu báo cáo thành</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="329" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="349" />
        <source>Export the report of {period} for submission?

It gets the number {number}, is recorded as submitted, and the records of {period} are locked: changing them will need a leader to unlock the period.</source>
        <translation>Xuất báo cáo {period} để nộp?

Báo cáo được cấp {number}, được ghi nhận là đã nộp, và số liệu của {period} sẽ bị khóa: muốn sửa phải có lãnh đạo mở khóa kỳ.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="363" />
        <source>The report of {period} was exported for submission ({number}) and its records are locked:
{path}</source>
        <translation>Đã xuất báo cáo {period} để nộp ({number}); số liệu của kỳ đã được khóa:
{path}</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="367" />
        <source>The draft report of {period} was saved:
{path}</source>
        <translation>Đã lưu bản nháp báo cáo {period}:
{path}</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="375" />
        <source>Writing the report of %s...</source>
        <translation>Đang ghi báo cáo %s...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="388" />
        <source>This period is locked: its report was submitted. A leader can unlock it to change the text.</source>
        <translation>Kỳ này đã khóa: báo cáo đã nộp. Lãnh đạo mở khóa kỳ thì mới sửa được nội dung.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/reports_screen.py" line="400" />
        <source>%n section(s) of the report text saved.</source>
        <translation>
            <numerusform>Đã lưu %n phần nội dung báo cáo.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="409" />
        <source>Unlock period</source>
        <translation>Mở khóa kỳ báo cáo</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="410" />
        <source>Unlock {period}? Its records can be changed again; the submitted report stays on record.</source>
        <translation>Mở khóa {period}? Số liệu của kỳ lại sửa được; báo cáo đã nộp vẫn được lưu.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="412" />
        <source>&amp;Unlock the period</source>
        <translation>&amp;Mở khóa kỳ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="412" />
        <source>&amp;Keep it locked</source>
        <translation>&amp;Giữ khóa</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/reports_screen.py" line="468" />
        <source>Choose a reporting period</source>
        <translation>Chọn kỳ báo cáo</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../src/desk/ui/restore_dialog.py" line="75" />
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/restore_dialog.py" line="76" />
        <source>Choose the backup to go back to. Whatever was entered after it was taken is replaced; the current data is first kept as a backup of its own.</source>
        <translation>Chọn bản sao lưu muốn quay về. Những gì nhập sau thời điểm sao lưu sẽ bị thay thế; dữ liệu hiện tại được giữ lại thành một bản sao lưu riêng trước đó.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/restore_dialog.py" line="78" />
        <source>Taken at</source>
        <translation>Sao lưu lúc</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/restore_dialog.py" line="78" />
        <source>How long ago</source>
        <translation>Cách đây</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/restore_dialog.py" line="78" />
        <source>Size</source>
        <translation>Dung lượng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/restore_dialog.py" line="79" />
        <source>Taken</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/restore_dialog.py" line="80" />
        <source>Another &amp;file (USB)...</source>
        <translation>Tệp &amp;khác (USB)...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/restore_dialog.py" line="81" />
        <source>There is no automatic backup yet. To restore a copy on a USB stick or in another folder, press «{button}» and choose the file.</source>
        <translation>Chưa có bản sao lưu tự động nào. Để khôi phục từ bản sao lưu trên USB hoặc ở thư mục khác, hãy bấm «{button}» rồi chọn tệp sao lưu.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/restore_dialog.py" line="85" />
        <source>&amp;Restore this backup...</source>
        <translation>&amp;Khôi phục bản này...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/restore_dialog.py" line="86" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/restore_dialog.py" line="92" />
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n phút</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/restore_dialog.py" line="94" />
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n giờ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/restore_dialog.py" line="95" />
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n ngày</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/restore_dialog.py" line="99" />
        <source>regularly</source>
        <translation>định kỳ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/restore_dialog.py" line="113" />
        <source>Restore from which backup file?</source>
        <translation>Khôi phục từ tệp sao lưu nào?</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/restore_dialog.py" line="114" />
        <source>Desk backups (*.sqlite3);;All files (*)</source>
        <translation>Bản sao lưu Desk (*.sqlite3);;Tất cả các tệp (*)</translation>
    </message>
</context>
<context>
    <name>SampleTableModel</name>
    <message>
        <location filename="../../src/desk/ui/legacy_dialog.py" line="35" />
        <source>Cell</source>
        <translation>Ô</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/legacy_dialog.py" line="35" />
        <source>In the file</source>
        <translation>Trong tệp</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/legacy_dialog.py" line="35" />
        <source>After conversion</source>
        <translation>Sau khi chuyển</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="147" />
        <source>Password:</source>
        <translation>Mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="148" />
        <source>Kept in this computer's password store (Windows Credential Manager), never in a file. Leave it empty to keep the one already stored, or to be asked at each start.</source>
        <translation>Được giữ trong kho mật khẩu của máy này (Windows Credential Manager), không bao giờ ghi ra tệp. Để trống để giữ mật khẩu đã lưu, hoặc để được hỏi mỗi lần mở.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="151" />
        <source>&amp;Test the connection</source>
        <translation>&amp;Kiểm tra kết nối</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="168" />
        <source>«%s» is needed to use a server.</source>
        <translation>Cần điền «%s» để dùng máy chủ.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="197" />
        <source>The test failed unexpectedly; the details are in the log.</source>
        <translation>Việc kiểm tra gặp lỗi không mong đợi; chi tiết đã được ghi vào nhật ký.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="408" />
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="409" />
        <source>Lists</source>
        <translation>Danh mục</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="410" />
        <source>A retired item (not in use) stays on the records that have it and is no longer offered for new ones. Double-click a name to change it.</source>
        <translation>Mục thôi dùng vẫn giữ trên các bản ghi cũ đã có, chỉ không còn để chọn cho bản ghi mới. Nhấp đúp vào tên để sửa.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="412" />
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="413" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../src/desk/ui/settings_dialog.py" line="64" />
        <source>Applies to periods ending from:</source>
        <translation>Áp dụng cho kỳ kết thúc từ ngày:</translation>
    </message>
</context>
<context>
    <name>StaffingScreen</name>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="196" />
        <source>Staffing: frame, actual, surplus and shortage</source>
        <translation>Biên chế: được giao, hiện có, thừa, thiếu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="197" />
        <source>&amp;As at:</source>
        <translation>&amp;Tính đến ngày:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="199" />
        <source>Staffing &amp;frames...</source>
        <translation>&amp;Khung biên chế...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="200" />
        <source>Deputies (flagged, not blocked)</source>
        <translation>Cấp phó (cảnh báo khi vượt, không chặn)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="201" />
        <source>Office / job position</source>
        <translation>Phòng, ban / vị trí việc làm</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="201" />
        <source>Frame</source>
        <translation>Biên chế được giao</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="201" />
        <source>Actual</source>
        <translation>Hiện có</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="202" />
        <source>Of whom seconded out</source>
        <translation>Trong đó: đang biệt phái đi</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="202" />
        <source>Seconded in (not counted)</source>
        <translation>Biệt phái đến (không tính)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="203" />
        <source>Outside the frame</source>
        <translation>Ngoài biên chế</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="203" />
        <source>Surplus</source>
        <translation>Thừa</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="203" />
        <source>Shortage</source>
        <translation>Thiếu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="223" />
        <source>Total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="223" />
        <source>Whole unit (offices offsetting each other)</source>
        <translation>Toàn đơn vị (sau bù trừ giữa các phòng)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="226" />
        <source>As at {day}. Actual counts {categories} holding a post here, including those seconded out; people seconded in are shown apart and not counted. The total's surplus and shortage add up the offices'; the last row sets the whole unit's actual against its whole frame, one office's surplus offsetting another's shortage.</source>
        <translation>Tính đến ngày {day}. Hiện có: {categories} giữ biên chế của đơn vị, kể cả người đang biệt phái đi; người biệt phái, tăng cường đến được ghi riêng, không tính. Thừa, thiếu ở dòng «Tổng cộng» là tổng của các phòng, ban; dòng cuối so tổng số hiện có với tổng biên chế được giao của toàn đơn vị, số thừa ở phòng, ban này được bù trừ vào số thiếu ở phòng, ban khác.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="233" />
        <source>Deputies of the offices and the centre: {count} (no average cap in force on {day})</source>
        <translation>Cấp phó của các phòng và Trung tâm: {count} (ngày {day} chưa có quy định bình quân cấp phó)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="236" />
        <source>Deputies of the offices and the centre: {count} (cap {cap} = {average} on average × {offices})</source>
        <translation>Cấp phó các phòng và Trung tâm: {count} (tối đa {cap} = bình quân {average} × {offices} đơn vị)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/staffing_screen.py" line="240" />
        <source>%n over the cap</source>
        <translation>
            <numerusform>vượt %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/staffing_screen.py" line="244" />
        <source>Vice-chairs of the People's Committee: {count} (allotted {allotted})</source>
        <translation>Phó Chủ tịch UBND: {count} (được giao {allotted})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/staffing_screen.py" line="247" />
        <source>%n over the allotment</source>
        <translation>
            <numerusform>vượt %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StateDialog</name>
    <message>
        <location filename="../../src/desk/ui/state_dialog.py" line="91" />
        <source>Change the state</source>
        <translation>Đổi tình trạng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/state_dialog.py" line="92" />
        <source>New &amp;state:</source>
        <translation>Tình trạng &amp;mới:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/state_dialog.py" line="93" />
        <source>&amp;From (dd/mm/yyyy):</source>
        <translation>&amp;Từ ngày (dd/mm/yyyy):</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/state_dialog.py" line="94" />
        <source>&amp;Result:</source>
        <translation>&amp;Kết quả xử lý:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/state_dialog.py" line="95" />
        <source>&amp;Note (e.g. the guiding document):</source>
        <translation>&amp;Ghi chú (ví dụ văn bản hướng dẫn):</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/state_dialog.py" line="96" />
        <source>The day the new state took effect: today, or an earlier day, not before the current state began</source>
        <translation>Ngày tình trạng mới bắt đầu: hôm nay, hoặc một ngày trước đó nhưng không trước ngày bắt đầu tình trạng hiện tại</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/state_dialog.py" line="98" />
        <source>e.g. Công văn số 123/SNV-XDCQ ngày 05/09/2025</source>
        <translation>ví dụ: Công văn số 123/SNV-XDCQ ngày 05/09/2025</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/state_dialog.py" line="99" />
        <source>&amp;Change</source>
        <translation>Đổ&amp;i</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/state_dialog.py" line="100" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <location filename="../../src/desk/ui/template_dialog.py" line="46" />
        <source>Create an import template</source>
        <translation>Tạo mẫu nhập liệu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/template_dialog.py" line="47" />
        <source>&amp;Register:</source>
        <translation>&amp;Sổ:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/template_dialog.py" line="48" />
        <source>&amp;Include the records already kept (edit them in Excel, then import the file again to update them)</source>
        <translation>&amp;Kèm các bản ghi đang có (sửa trên Excel rồi nhập lại tệp để cập nhật)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/template_dialog.py" line="50" />
        <source>The template has the register's columns with drop-down lists, an instruction sheet in Vietnamese and a sheet of the allowed values. Fill it in Excel, then use File &gt; Import from Excel.</source>
        <translation>Mẫu gồm các cột của sổ với danh sách thả xuống, trang hướng dẫn và trang danh mục giá trị cho phép. Điền trên Excel rồi dùng Tệp &gt; Nhập từ Excel.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/template_dialog.py" line="53" />
        <source>Choose file and create...</source>
        <translation>Chọn tệp và tạo...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/template_dialog.py" line="54" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="78" />
        <source>Choose your office's unit</source>
        <translation>Chọn đơn vị của cơ quan</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="79" />
        <source>Desk keeps the records of one commune-level unit. Choose the province, then your commune, ward or special zone. Type part of the name; accents are not needed ("ngo quyen" finds Phường Ngô Quyền).</source>
        <translation>Desk lưu sổ theo dõi của một đơn vị hành chính cấp xã. Chọn tỉnh, thành phố, rồi chọn xã, phường hoặc đặc khu của cơ quan. Gõ một phần tên, không cần dấu («ngo quyen» sẽ tìm thấy Phường Ngô Quyền).</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="82" />
        <source>&amp;Province / city:</source>
        <translation>&amp;Tỉnh / thành phố:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="83" />
        <source>&amp;Commune / ward:</source>
        <translation>&amp;Xã / phường:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="84" />
        <source>— all 34 provinces and cities —</source>
        <translation>— tất cả 34 tỉnh, thành phố —</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="85" />
        <source>e.g. ngo quyen</source>
        <translation>ví dụ: ngo quyen</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="86" />
        <source>Use this unit</source>
        <translation>Chọn đơn vị này</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/unit_dialog.py" line="87" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/unit_dialog.py" line="114" />
        <source>%n unit(s) match</source>
        <translation>
            <numerusform>%n đơn vị phù hợp</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserForm</name>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="74" />
        <source>Create the administrator</source>
        <translation>Tạo người quản trị</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="74" />
        <source>Add a user</source>
        <translation>Thêm người dùng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="75" />
        <source>New password</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="78" />
        <source>Desk keeps government records: each person signs in with their own name. You are the first user and become the administrator, who adds the other users and chooses their roles.</source>
        <translation>Desk lưu giữ hồ sơ, sổ sách của cơ quan nhà nước: mỗi người đăng nhập bằng tên của mình. Bạn là người dùng đầu tiên và trở thành người quản trị, người thêm những người dùng khác và chọn vai trò cho họ.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="82" />
        <source>Clerk: enters and edits records. Leader: also approves and locks periods. Administrator: also manages users, settings and the unit.</source>
        <translation>Cán bộ nhập liệu: nhập và sửa bản ghi. Lãnh đạo: thêm quyền phê duyệt, khóa kỳ báo cáo. Quản trị: thêm quyền quản lý người dùng, cài đặt và đơn vị.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="85" />
        <source>New password for %s. Tell it to the person; they can use it at once.</source>
        <translation>Mật khẩu mới cho %s. Hãy báo cho người đó; mật khẩu dùng được ngay.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="87" />
        <source>&amp;User name:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="87" />
        <source>&amp;Full name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="87" />
        <source>&amp;Role:</source>
        <translation>&amp;Vai trò:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="88" />
        <source>&amp;Password (8 characters or more):</source>
        <translation>&amp;Mật khẩu (từ 8 ký tự):</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="88" />
        <source>Re&amp;peat the password:</source>
        <translation>&amp;Nhập lại mật khẩu:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="92" />
        <source>Create</source>
        <translation>Tạo</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="92" />
        <source>Set the password</source>
        <translation>Đặt mật khẩu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="93" />
        <source>Cancel</source>
        <translation>Hủy bỏ</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/user_form.py" line="106" />
        <source>The two passwords differ.</source>
        <translation>Hai lần nhập mật khẩu không giống nhau.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="151" />
        <source>Users</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="152" />
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="152" />
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="152" />
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="152" />
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="153" />
        <source>active</source>
        <translation>đang hoạt động</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="153" />
        <source>deactivated</source>
        <translation>ngừng hoạt động</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="154" />
        <source>&amp;Add a user...</source>
        <translation>&amp;Thêm người dùng...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="155" />
        <source>Set &amp;role</source>
        <translation>Đổi &amp;vai trò</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="156" />
        <source>Reset &amp;password...</source>
        <translation>Đặt lại &amp;mật khẩu...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="157" />
        <source>Security</source>
        <translation>Bảo mật</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="158" />
        <source>&amp;Lock Desk after this many idle minutes:</source>
        <translation>&amp;Khóa Desk sau số phút không sử dụng:</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="159" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="189" />
        <source>&amp;Reactivate</source>
        <translation>&amp;Kích hoạt lại</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="190" />
        <source>&amp;Deactivate...</source>
        <translation>&amp;Ngừng hoạt động...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="241" />
        <source>Deactivate a user</source>
        <translation>Ngừng hoạt động người dùng</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/users_dialog.py" line="242" />
        <source>%s will no longer be able to sign in; their name stays in the history of the records.
Reason:</source>
        <translation>%s sẽ không đăng nhập được nữa; tên vẫn được giữ trong lịch sử các bản ghi.
Lý do:</translation>
    </message>
</context>
<context>
    <name>VisitScreen</name>
    <message>
        <location filename="../../src/desk/ui/visit_screen.py" line="73" />
        <source>&amp;Add an obstacle found in this visit (Ctrl+Shift+N)</source>
        <translation>&amp;Thêm khó khăn phát hiện qua đợt này (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/visit_screen.py" line="74" />
        <source>Open in the obstacle register</source>
        <translation>Xem trong sổ khó khăn, vướng mắc</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/visit_screen.py" line="99" />
        <source>Choose a visit to see the obstacles found during it.</source>
        <translation>Chọn một đợt để xem các khó khăn phát hiện qua đợt đó.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/visit_screen.py" line="101" />
        <source>Obstacles found during this visit: %n</source>
        <translation>
            <numerusform>Khó khăn, vướng mắc phát hiện qua đợt này: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkspaceScreens</name>
    <message>
        <location filename="../../src/desk/ui/workspace_screens.py" line="96" />
        <source>Overview</source>
        <translation>Tổng quan</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/workspace_screens.py" line="98" />
        <source>Staffing</source>
        <translation>Biên chế</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/workspace_screens.py" line="167" />
        <source>The staffing report was saved:
%s</source>
        <translation>Đã lưu báo cáo biên chế:
%s</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/desk/ui/workspace_screens.py" line="169" />
        <source>The list was saved (%n record(s)):</source>
        <translation>
            <numerusform>Đã lưu danh sách (%n bản ghi):</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/workspace_screens.py" line="171" />
        <source>Writing the list to Excel...</source>
        <translation>Đang ghi danh sách ra tệp Excel...</translation>
    </message>
</context>
<context>
    <name>actions</name>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="107" />
        <source>&amp;New record</source>
        <translation>&amp;Thêm mới</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="110" />
        <source>&amp;Edit record</source>
        <translation>&amp;Sửa bản ghi</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="113" />
        <source>&amp;Void record...</source>
        <translation>Hủy &amp;bản ghi...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="119" />
        <source>Show voi&amp;ded records</source>
        <translation>Hiện bản &amp;ghi đã hủy</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="125" />
        <source>&amp;Search</source>
        <translation>Tìm &amp;kiếm</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="83" />
        <source>E&amp;xport this list to Excel...</source>
        <translation>&amp;Xuất danh sách này ra Excel...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="89" />
        <source>Export a period's &amp;report...</source>
        <translation>Xuất &amp;báo cáo theo kỳ...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="154" />
        <source>Sign &amp;out / change user...</source>
        <translation>Đăng &amp;xuất / đổi người dùng...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="157" />
        <source>&amp;Guide and shortcuts</source>
        <translation>&amp;Hướng dẫn và phím tắt</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="95" />
        <source>&amp;Print this list...</source>
        <translation>&amp;In danh sách này...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="98" />
        <source>&amp;Settings...</source>
        <translation>&amp;Cài đặt...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="101" />
        <source>Change &amp;unit...</source>
        <translation>Đổi đơn &amp;vị...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="104" />
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="159" />
        <source>&amp;About Desk</source>
        <translation>&amp;Giới thiệu Desk</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="130" />
        <source>&amp;History of the record...</source>
        <translation>&amp;Lịch sử bản ghi...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="76" />
        <source>Import &amp;answers from a reply file...</source>
        <translation>Nhập &amp;trả lời từ tệp của cấp trên...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="136" />
        <source>&amp;Back up now...</source>
        <translation>&amp;Sao lưu ngay...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="142" />
        <source>&amp;Restore from a backup...</source>
        <translation>&amp;Khôi phục từ bản sao lưu...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="145" />
        <source>&amp;Check the database</source>
        <translation>Kiểm &amp;tra cơ sở dữ liệu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="148" />
        <source>&amp;Users...</source>
        <translation>&amp;Người dùng...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="151" />
        <source>&amp;Lock Desk</source>
        <translation>Khó&amp;a Desk</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="67" />
        <source>&amp;Import from Excel...</source>
        <translation>&amp;Nhập từ Excel...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="73" />
        <source>Create import &amp;template...</source>
        <translation>Tạo &amp;mẫu nhập liệu...</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="105" />
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/actions.py" line="127" />
        <source>Choose &amp;columns...</source>
        <translation>Chọn &amp;cột hiển thị...</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../src/desk/ui/messages.py" line="10" />
        <location filename="../../src/desk/ui/messages.py" line="14" />
        <location filename="../../src/desk/ui/messages.py" line="24" />
        <location filename="../../src/desk/ui/messages.py" line="41" />
        <location filename="../../src/desk/ui/messages.py" line="47" />
        <location filename="../../src/desk/ui/messages.py" line="77" />
        <location filename="../../src/desk/ui/messages.py" line="90" />
        <source>Desk</source>
        <translation>Desk</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/messages.py" line="26" />
        <source>&amp;Open the file</source>
        <translation>&amp;Mở tệp</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/messages.py" line="28" />
        <source>Open the &amp;folder</source>
        <translation>Mở &amp;thư mục</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/messages.py" line="30" />
        <source>&amp;Close</source>
        <translation>Đón&amp;g</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/messages.py" line="41" />
        <source>An unexpected error occurred. Your saved data is safe. The details were written to:
{0}
Please send this file to technical support.</source>
        <translation>Đã xảy ra lỗi không mong đợi. Dữ liệu đã lưu vẫn an toàn. Chi tiết được ghi vào:
{0}
Hãy gửi tệp này cho bộ phận kỹ thuật.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/messages.py" line="79" />
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/messages.py" line="80" />
        <source>&amp;Discard the changes</source>
        <translation>&amp;Bỏ các thay đổi</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/messages.py" line="82" />
        <source>&amp;Keep editing</source>
        <translation>&amp;Tiếp tục sửa</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/messages.py" line="97" />
        <source>Desk – warning</source>
        <translation>Desk – cảnh báo</translation>
    </message>
</context>
<context>
    <name>start</name>
    <message>
        <location filename="../../src/desk/ui/start_flow.py" line="37" />
        <source>Restore that backup now?</source>
        <translation>Khôi phục bản sao lưu đó ngay bây giờ?</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/start_flow.py" line="41" />
        <source>Nothing was restored. The damaged file is kept as
%s
Desk will now close.</source>
        <translation>Chưa khôi phục gì. Tệp hỏng được giữ tại
%s
Desk sẽ đóng lại.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/start_flow.py" line="43" />
        <source>Nothing was restored. Desk will now close.</source>
        <translation>Chưa khôi phục gì. Desk sẽ đóng lại.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/start_flow.py" line="73" />
        <source>Only an administrator can restore. Type the user name and password of an administrator as they were when the backup was made.</source>
        <translation>Chỉ người quản trị mới được khôi phục. Hãy nhập tên đăng nhập và mật khẩu của một người quản trị như lúc bản sao lưu được tạo.</translation>
    </message>
    <message>
        <location filename="../../src/desk/ui/start_flow.py" line="85" />
        <source>This backup holds another unit's data. Restore it anyway?</source>
        <translation>Bản sao lưu này là dữ liệu của đơn vị khác. Vẫn khôi phục?</translation>
    </message>
</context>
</TS>
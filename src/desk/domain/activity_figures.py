"""The words the movement, visit and initiative figures are printed under, which a file's check finds them by."""

# A commune's cover, in its sentence after the count: "Trong kỳ có 2 đợt khảo sát, làm việc tại đơn vị; …".
MOVEMENTS_PHRASE = "lượt điều động, biệt phái, luân chuyển, tăng cường"
VISITS_PHRASE = "đợt khảo sát, làm việc tại đơn vị"
INITIATIVES_PHRASE = "sáng kiến, mô hình được triển khai"

# A consolidation's cover (section IV), each line's words before its figures.
MOVEMENTS_LINE = "Điều động, biệt phái, luân chuyển, tăng cường"
VISITS_LINE = "Khảo sát, làm việc"
INITIATIVES_LINE = "Sáng kiến, mô hình phục vụ người dân"

# A consolidation's forms 10/TH-12/TH, the headings of the figures its total line sums.
TOTAL_HEADING = "Tổng số"
CAME_HEADING = "Từ nơi khác đến đơn vị"
WENT_HEADING = "Cán bộ của đơn vị đi nơi khác"
FOUND_HEADING = "Khó khăn, vướng mắc phát hiện qua khảo sát"
SERVED_HEADING = "Lượt người dân được phục vụ (lũy kế)"
DOSSIERS_HEADING = "Hồ sơ được hỗ trợ, giải quyết (lũy kế)"

"""The words a commune report's movement, visit and initiative sentences are found by, when a file is checked."""

# Each in its sentence after the count: "Trong kỳ có 2 đợt khảo sát, làm việc tại đơn vị; …".
MOVEMENTS_PHRASE = "lượt điều động, biệt phái, luân chuyển, tăng cường"
VISITS_PHRASE = "đợt khảo sát, làm việc tại đơn vị"
INITIATIVES_PHRASE = "sáng kiến, mô hình được triển khai"

from alliance.formats.common import *  # noqa: F403

DATE_FORMAT = "j M Y"  # 1 Dec 2026
DATETIME_FORMAT = "j M Y H:i"  # 1 Dec 2026 23:30
YEAR_MONTH_FORMAT = "M Y"  # Dec 2026
MONTH_DAY_FORMAT = "j M"  # 1 Dec

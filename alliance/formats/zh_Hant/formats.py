from alliance.formats.common import *  # noqa: F403

DATE_FORMAT = "Y年n月j日"  # 2026年12月1日
DATETIME_FORMAT = "Y年n月j日 H:i"  # 2026年12月1日 23:30
YEAR_MONTH_FORMAT = "Y年n月"  # 2026年12月
MONTH_DAY_FORMAT = "n月j日"  # 12月1日

"""The clinic's formats over Django's en-gb ones (FORMAT_MODULE_PATH): a bare ``{{ value }}``
or ``|date`` shows "7 Nov 2026", and times run on the 24-hour clock, not "2:30 p.m.".

Input formats stay on the fields (``rehabana.fields``), which name theirs explicitly.
"""

from rehabana.dates import DAY, MOMENT

DATE_FORMAT = DAY
DATETIME_FORMAT = MOMENT
TIME_FORMAT = "H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"

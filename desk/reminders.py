"""Appointment reminders to copy into a message, in the patient's language.

Plain text, no database: reception's list of tomorrow's bookings (``desk.reception``)
fills in the names and times. English, Hindi and Bengali have their own text; every other
language of ``patients.models.Language`` gets the English text (the page says so), until
someone who writes it well adds one here.

The Hindi and Bengali texts are drafts: a native speaker reviews them before the clinic
sends them (see the README). Dates are the clinic's: "27 Nov 2026" in English, and
27/11/2026 (DD/MM/YYYY, unambiguous in any script) in Hindi and Bengali; times are on the
24-hour clock the schedule pages use.
"""

from dataclasses import dataclass
from datetime import datetime

from rehabana.dates import day_text

ENGLISH = "en"

TEMPLATES: dict[str, str] = {
    "en": (
        "Hello {name}, a reminder from {clinic}: your {discipline} session is on "
        "{weekday} {date} at {time}. Please come 10 minutes early. If you cannot come, "
        "please let us know."
    ),
    # Draft: to be reviewed by a native speaker.
    "hi": (
        "नमस्ते {name} जी, {clinic} की ओर से अनुस्मारक: आपका {discipline} सत्र "
        "{weekday}, {date} को {time} बजे है। कृपया 10 मिनट पहले पहुँचें। यदि आप नहीं आ "
        "सकते, तो कृपया हमें सूचित करें।"
    ),
    # Draft: to be reviewed by a native speaker.
    "bn": (
        "নমস্কার {name}, {clinic}-এর পক্ষ থেকে মনে করিয়ে দিচ্ছি: আপনার {discipline} সেশন "
        "{weekday}, {date} তারিখে {time}-এ নির্ধারিত আছে। অনুগ্রহ করে 10 মিনিট আগে আসবেন। "
        "আসতে না পারলে দয়া করে আমাদের জানাবেন।"
    ),
}

# Monday first, as ``date.weekday()`` counts.
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "hi": ("सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार", "रविवार"),
    "bn": ("সোমবার", "মঙ্গলবার", "বুধবার", "বৃহস্পতিবার", "শুক্রবার", "শনিবার", "রবিবার"),
}

# The catalogue's disciplines (``reference.catalogue.DISCIPLINES``) as a patient says them;
# a discipline missing here is written with its catalogue name.
DISCIPLINES: dict[str, dict[str, str]] = {
    "hi": {
        "PT": "फ़िज़ियोथेरेपी",
        "OT": "ऑक्यूपेशनल थेरेपी",
        "NEURO": "न्यूरो-फ़िज़ियोथेरेपी",
        "SLT": "वाणी और निगलने की थेरेपी",
        "PSY": "मनोवैज्ञानिक परामर्श",
    },
    "bn": {
        "PT": "ফিজিওথেরাপি",
        "OT": "অকুপেশনাল থেরাপি",
        "NEURO": "নিউরো-ফিজিওথেরাপি",
        "SLT": "কথা বলা ও গেলার থেরাপি",
        "PSY": "মনোবৈজ্ঞানিক পরামর্শ",
    },
}

# English writes the clinic's text date (rehabana.dates); the others numerals any script reads.
_NUMERIC_DATE = "{d:%d}/{d:%m}/{d:%Y}"


@dataclass(frozen=True)
class Reminder:
    language: str  # the language the text is written in
    text: str
    fallback: bool  # the patient's language has no text yet: English instead


def reminder(
    language: str,
    *,
    name: str,
    discipline_code: str,
    discipline_name: str,
    start: datetime,
    clinic: str,
) -> Reminder:
    """The reminder for a session starting at ``start`` (a local, clinic-time datetime)."""
    used = language if language in TEMPLATES else ENGLISH
    # "your physiotherapy session": the catalogue's name, lower case in a sentence.
    in_words = discipline_name[:1].lower() + discipline_name[1:]
    discipline = DISCIPLINES.get(used, {}).get(discipline_code, in_words)
    text = TEMPLATES[used].format(
        name=name,
        clinic=clinic,
        discipline=discipline,
        weekday=WEEKDAYS[used][start.weekday()],
        date=day_text(start) if used == ENGLISH else _NUMERIC_DATE.format(d=start),
        time=f"{start:%H:%M}",
    )
    return Reminder(language=used, text=text, fallback=used != language)

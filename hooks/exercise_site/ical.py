"""An iCalendar file (RFC 5545) of whole-day events, such as a plan's session and exercise days.

Only what calendar apps need for a reminder a day: VCALENDAR with VERSION and PRODID, and one
VEVENT a day with UID, DTSTAMP, DTSTART;VALUE=DATE, DTEND (the next day) and SUMMARY, with an
optional DESCRIPTION, and a reminder (VALARM) the evening before where the event asks for one.
Lines end in CRLF and are folded at 75 octets (RFC 5545 3.1), text values
are escaped (3.3.11). The browser's calendar download follows the same rules (`ICS_RULES`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

CRLF = "\r\n"
LINE_OCTETS = 75  # a content line's length at most, in octets, without the CRLF
# As data for a port: what each character of a text value becomes, and how lines fold.
# Names the site that made the file (PRODID); {site} is its site_name.
PRODID = "-//{site}//Plan//EN"
# A whole-day event starts at midnight, so a reminder 6 hours before it comes at 6 pm the day before.
ALARM = "-PT6H"
ICS_RULES = {"escape": {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"}, "line_octets": LINE_OCTETS,
             "fold": CRLF + " ", "line_end": CRLF, "alarm": ALARM}


@dataclass(frozen=True)
class Event:
    """A whole-day event: `uid` must be unique to the event and the same each time it is written,
    so a calendar that imports the file again updates the event instead of adding a copy."""

    day: date
    summary: str
    uid: str
    description: str = ""
    alarm: bool = False  # a reminder the evening before


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma escaped, every line break written as `\\n`."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ICS_RULES["escape"].get(c, c) for c in value)


def fold(line: str) -> str:
    """A content line folded so no line is longer than 75 octets of UTF-8: a break, then a space
    that begins the continuation (the space counts towards its 75). A character is never split."""
    parts: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1
        current += char
        size += width
    parts.append(current)
    return (CRLF + " ").join(parts)


def _date(day: date) -> str:
    return day.strftime("%Y%m%d")


def calendar(events: list[Event], prodid: str, stamp: datetime, name: str = "") -> str:
    """The whole file. `stamp` is when it was made (DTSTAMP, written in UTC); `prodid` names the
    site that made it, e.g. `-//Example Site//Plan//EN`; `name` is the calendar's name for apps
    that show one (X-WR-CALNAME)."""
    utc = (stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{escape_text(prodid)}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{utc:%Y%m%dT%H%M%SZ}",
            f"DTSTART;VALUE=DATE:{_date(event.day)}",
            f"DTEND;VALUE=DATE:{_date(event.day + timedelta(days=1))}",
            f"SUMMARY:{escape_text(event.summary)}",
            *([f"DESCRIPTION:{escape_text(event.description)}"] if event.description else []),
            "TRANSP:TRANSPARENT",  # a reminder, not time taken: free/busy stays free
            *(["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape_text(event.summary)}", f"TRIGGER:{ALARM}", "END:VALARM"]
              if event.alarm else []),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)

"""Template data for plan pages: small functions, no queries of their own."""

from domain.balance import planned_mix


def mix_bar(shares, disciplines, minutes: dict | None = None) -> list[dict]:
    """A mix as the segments of a stacked bar, in the order of ``disciplines``: each one
    with a share, or with planned ``minutes`` (a discipline at 0 minutes keeps its
    segment, empty)."""
    minutes = minutes or {}
    return [
        {
            "code": d.code,
            "label": d.short_name,
            "name": d.name,  # the tooltip's: a short name may not say enough
            "colour": d.colour,
            "share": shares.get(d.code, 0),
            "percent": round(shares.get(d.code, 0) * 100),
            # Exact widths (rounded percentages can add up to 101 and wrap the bar).
            "width": f"{shares.get(d.code, 0) * 100:.2f}",
            "minutes": minutes.get(d.code),
        }
        for d in disciplines
        if shares.get(d.code) or d.code in minutes
    ]


def mix_segments(allocations) -> list[dict]:
    """The planned mix of a stage as bar segments, in the disciplines' order."""
    shares = planned_mix(
        (a.discipline_id, a.sessions_per_week, a.minutes_per_session) for a in allocations
    )
    disciplines = sorted((a.discipline for a in allocations), key=lambda d: d.order)
    minutes = {a.discipline_id: a.weekly_minutes for a in allocations}
    return mix_bar(shares, disciplines, minutes)

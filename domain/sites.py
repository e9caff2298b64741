"""Body sites of per-site instruments (the Modified Ashworth Scale: muscle group and side).

Pure Python. A per-site result is comparable only with a result of the same site, so
sites are compared by :func:`site_key`, which ignores case, spaces, punctuation and word
order: "Left elbow flexors", "left elbow flexors " and "Elbow flexors, left" are one site.
Forms offer the choice list :data:`BODY_SITES` (muscle group × side), whose text is what
the assessment form stores.
"""

import re

# The muscle groups the clinic grades for spasticity after stroke and brain or cord
# injury (Bohannon RW, Smith MB. Phys Ther 1987 graded the elbow flexors; the others are
# the groups commonly graded in practice).
MUSCLE_GROUPS = (
    "Shoulder adductors",
    "Elbow flexors",
    "Elbow extensors",
    "Wrist flexors",
    "Finger flexors",
    "Hip adductors",
    "Knee flexors",
    "Knee extensors",
    "Ankle plantarflexors",
)
SIDES = ("left", "right")


def body_site(muscle_group: str, side: str) -> str:
    """The stored text of a site: "Elbow flexors, left"."""
    return f"{muscle_group}, {side}"


# Every site a form offers, in the muscle groups' order, left before right.
BODY_SITES = tuple(body_site(group, side) for group in MUSCLE_GROUPS for side in SIDES)


def site_key(text: str | None) -> str:
    """What two sites are compared by: lower-case words, in alphabetical order."""
    return " ".join(sorted(re.findall(r"[a-z0-9]+", (text or "").casefold())))


def same_site(first: str | None, second: str | None) -> bool:
    """Whether two site texts name the same muscle group and side (both given)."""
    key = site_key(first)
    return bool(key) and key == site_key(second)

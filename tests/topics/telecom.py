"""Survey comments as a telecom's customers write them (written for these tests, not the demo's):
complaints about five issues, each often closed by one of a few stock phrases ("Sort it out!",
"Not good enough."), and praise for the engineers who visit. Issue 22's journey: one complaint
must not become two topics by its closing phrase, and a topic of complaints must not be named
by the praise a few of its comments give."""
from __future__ import annotations

import numpy as np
import pandas as pd

COMPLAINTS: dict[str, list[str]] = {
    "outage": [
        "My broadband has been down for three days.",
        "No internet connection since Monday morning.",
        "The wifi keeps dropping out every evening.",
        "Another total network outage in my area.",
        "Lost my internet signal for the whole weekend.",
        "The broadband keeps cutting out when I work from home.",
    ],
    "billing": [
        "I was charged twice on my bill this month.",
        "My monthly bill went up without any warning.",
        "You overcharged me for roaming again.",
        "The direct debit took the wrong amount from my account.",
        "There are hidden fees on my monthly bill.",
        "My bill is higher than the price I signed up for.",
    ],
    "engineer_no_show": [
        "The engineer never turned up for the appointment.",
        "I waited in all day and no engineer came.",
        "The installation visit was cancelled without any notice.",
        "Third missed engineer appointment this month.",
        "Took a day off work and the engineer did not show up.",
    ],
    "rude_agent": [
        "The agent was rude and hung up on me.",
        "The call centre agent was rude and dismissive.",
        "Your advisor hung up on me twice.",
        "The person on the phone was rude and unhelpful.",
        "The agent on the phone was rude and hung up on me.",
    ],
    "contract": [
        "I am cancelling my contract and moving to Vodafone.",
        "You would not let me leave my contract early.",
        "The early termination fee for my contract is a scandal.",
        "I want to end my contract, you made it impossible.",
    ],
}
CLOSINGS = ["Sort it out, this has gone on for far too long!",
            "Not good enough, I expect much better from a company like yours."]
PRAISE = ["The agent was polite and helpful, thank you.", "Polite agent, very helpful on the phone."]


def telecom_comments(n_per_issue: int = 60, n_praise: int = 24, seed: int = 3) -> pd.DataFrame:
    """id, text, nps and created_at of ``5 * n_per_issue`` complaints (most with a closing
    phrase) and ``n_praise`` compliments, shuffled; ``issue`` is what each comment is about."""
    rng = np.random.default_rng(seed)
    rows = []
    for issue, sentences in COMPLAINTS.items():
        for k in range(n_per_issue):
            i, j = rng.choice(len(sentences), size=2, replace=False)
            text = f"{sentences[i]} {sentences[j]}" if rng.random() < 0.25 else sentences[i]
            closing = CLOSINGS[k % 2] if k % 5 else ""  # four in five close with a stock phrase
            rows.append({"text": f"{text} {closing}".strip(), "nps": int(rng.integers(0, 5)), "issue": issue})
    for k in range(n_praise):
        rows.append({"text": PRAISE[k % len(PRAISE)], "nps": int(rng.integers(8, 11)), "issue": "praise"})
    frame = pd.DataFrame(rows).sample(frac=1.0, random_state=seed).reset_index(drop=True)
    frame.insert(0, "id", [f"T{k:04d}" for k in range(len(frame))])
    frame["created_at"] = pd.date_range("2026-02-02", periods=len(frame), freq="3h", tz="UTC").strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    return frame

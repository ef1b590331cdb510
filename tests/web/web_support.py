"""What the workspace tests share: the people's password and the PII the pages must never show.

A module of its own name (not `conftest`): test folders each have a conftest, and a test module
importing `conftest` gets whichever was imported first.
"""

PASSWORD = "correct horse battery staple"
# (name, role): the team is the one of the first case (found after ingest) for agents and the lead.
PEOPLE = {"ana": "analyst", "adm": "admin", "lee": "lead", "amy": "agent", "bob": "agent"}
# What the PII comments say: none of these may appear on any page.
PII = ("jane.doe@example.com", "07700 900123", "4111 1111 1111 1111", "Jane Doe", "GB29 NWBK 6016 1331 9268 19")
PII_COMMENTS = [
    "This is appalling. I was charged twice and I am closing my account. Call me on 07700 900123 "
    "or write to jane.doe@example.com.",
    "My name is Jane Doe and the card 4111 1111 1111 1111 was blocked for no reason, I am furious and "
    "will take my business elsewhere.",
    "Refund the fee to GB29 NWBK 6016 1331 9268 19 now, this is the worst service I have ever had.",
]

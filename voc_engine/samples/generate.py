"""Synthetic Northwind comments with a known truth: volume for control charts and driver analysis.

Every comment is assembled from short hand-written phrase templates, one or more per
*aspect* (a topic of the default taxonomy with a polarity, e.g. ``rude_staff`` is
``staff_attitude`` said negatively). The truth is known by construction:

* **Driver effects.** A survey row's NPS is ``7 + sum(NPS_EFFECTS[a] for a in its aspects)
  + Normal(0, 1.2)``, rounded and clipped to 0–10, so a regression of NPS on the aspect
  indicators recovers :data:`NPS_EFFECTS` (card delivery delay −2.0, rude staff −1.5,
  app crash −1.0, fees −0.8, friendly staff +1.0, fast refund +0.8, ...); clipping at 10
  shrinks the positive ones a little. Flags, PII and the language of a comment have no
  effect of their own. CSAT (1–5) and CES (1–7, 7 = very easy) follow the same aspects.
* **A process shift.** In touchpoint ``card_delivery`` a comment is a card-delivery-delay
  complaint with probability :data:`BASE_DELAY_SHARE` until week ``shift_week`` and
  :data:`SHIFTED_DELAY_SHARE` (three times as much) from then on, so a p chart of that share
  signals from the shift week.
* **Edge cases.** About 2 % of the comments carry PII (phone, e-mail, card, IBAN, URL),
  a few raise flags (churn, legal, safety, vulnerable customer) and about 1 % are in French,
  Spanish or German.

The truth travels in columns next to the sample columns: ``true_topics`` (taxonomy topics,
"|"-separated), ``true_aspects`` (keys of :data:`NPS_EFFECTS`), ``true_sentiment`` (the
intent the comment was written with), ``true_flags``, ``true_pii`` (kinds) and
``true_language``. Week numbers count from 0 at ``start``.

    python -m voc_engine.samples.generate --out var/generated.csv
"""
from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from voc_engine.errors import VocError
from voc_engine.samples import COLUMNS, TIMESTAMP_FORMAT, typed_comments

TRUTH_COLUMNS: tuple[str, ...] = ("true_topics", "true_aspects", "true_sentiment", "true_flags", "true_pii",
                                  "true_language")

SHIFT_WEEK = 20
BASE_DELAY_SHARE = 0.15
SHIFTED_DELAY_SHARE = 0.45
NPS_BASE = 7.0
NPS_NOISE_SD = 1.2

SOURCES: dict[str, str] = {
    "survey": "qualtrics-nps", "contact_centre": "genesys-postcall", "chat": "livechat",
    "email": "complaints-inbox", "branch": "branch-tablet", "web": "web-feedback",
    "app_review": "app-stores", "social": "social-listening",
}
SURVEY_SHARE = 0.40
TOUCHPOINTS: dict[str, float] = {
    "onboarding": 0.10, "payments": 0.15, "card_delivery": 0.14, "app": 0.17,
    "branch_visit": 0.12, "contact_centre": 0.14, "travel_booking": 0.10, "claims": 0.08,
}
# Where a non-survey comment about a touchpoint arrives from (relative weights).
CHANNELS_BY_TOUCHPOINT: dict[str, dict[str, float]] = {
    "onboarding": {"chat": 3, "email": 2, "branch": 2, "web": 3, "app_review": 1, "social": 1, "contact_centre": 2},
    "payments": {"chat": 3, "email": 2, "contact_centre": 3, "web": 2, "app_review": 2, "social": 1, "branch": 1},
    "card_delivery": {"chat": 3, "contact_centre": 3, "email": 2, "social": 2, "web": 1, "app_review": 1},
    "app": {"app_review": 5, "chat": 2, "social": 2, "web": 1, "email": 1},
    "branch_visit": {"branch": 6, "social": 1, "email": 1, "web": 1},
    "contact_centre": {"contact_centre": 6, "chat": 2, "email": 1, "social": 1},
    "travel_booking": {"web": 3, "email": 3, "chat": 2, "contact_centre": 2, "social": 2, "app_review": 1},
    "claims": {"email": 3, "contact_centre": 3, "chat": 2, "web": 2, "social": 1},
}
STAGES_BY_TOUCHPOINT: dict[str, dict[str, float]] = {
    "onboarding": {"purchase": 0.7, "awareness": 0.3},
    "payments": {"use": 0.85, "renewal": 0.15},
    "card_delivery": {"use": 1.0},
    "app": {"use": 1.0},
    "branch_visit": {"use": 0.6, "support": 0.4},
    "contact_centre": {"support": 1.0},
    "travel_booking": {"purchase": 0.8, "renewal": 0.2},
    "claims": {"support": 1.0},
}
SEGMENTS: dict[str, float] = {"retail": 0.65, "premium": 0.20, "business": 0.15}
INTENTS: dict[str, float] = {"negative": 0.55, "neutral": 0.20, "positive": 0.25}
HOUR_WEIGHTS = np.array([1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 10, 11, 10, 9, 9, 9, 9, 9, 8, 7, 5, 3, 2], float)


@dataclass(frozen=True)
class Phrase:
    template: str
    extra_topics: tuple[str, ...] = ()


def _p(template: str, *extra_topics: str) -> Phrase:
    return Phrase(template, extra_topics)


@dataclass(frozen=True)
class Aspect:
    """A topic said one way; ``touchpoints`` weights how often it comes up where (else ``default``)."""

    name: str
    topic: str | None
    polarity: str
    nps_effect: float
    phrases: tuple[Phrase, ...]
    touchpoints: dict[str, float] = field(default_factory=dict)
    default: float = 0.3

    def weight(self, touchpoint: str) -> float:
        return self.touchpoints.get(touchpoint, self.default)

    @property
    def topics(self) -> tuple[str, ...]:
        return (self.topic,) if self.topic else ()


ASPECTS: tuple[Aspect, ...] = (
    # ------------------------------------------------------------ negative
    Aspect("card_delivery_delay", "delivery_logistics", "negative", -2.0, (
        _p("My {new|replacement|renewed} card {still hasn't arrived|has not arrived|never arrived} after {two|three|four} weeks"),
        _p("{Ordered|Requested|Asked for} a {new|replacement} card {ten days|two weeks|three weeks|a month} ago and it {still hasn't arrived|never turned up}"),
        _p("Still waiting for my {debit|credit|replacement} card to be delivered", "wait_time"),
        _p("The card delivery is {so slow|painfully slow|ridiculously slow}", "wait_time"),
        _p("{The tracking|The app} says my card was dispatched {a week|two weeks|ten days} ago but nothing has arrived"),
        _p("My card was {sent to my old address|posted to the wrong address} and never arrived"),
        _p("{Three|Four} weeks without a card and I can't pay for anything"),
        _p("The courier {missed|skipped} the delivery of my new card {twice|again}"),
        _p("Card delivery {took|has taken} {over a month|nearly a month|five weeks}"),
        _p("Card never came"),
        _p("My PIN arrived but the card {didn't|never did}", "account_access"),
        _p("Your card delivery is {a joke|a shambles|hopeless}"),
    ), touchpoints={"contact_centre": 0.6, "onboarding": 0.8, "app": 0.2}, default=0.0),
    Aspect("rude_staff", "staff_attitude", "negative", -1.5, (
        _p("The {agent|advisor|cashier|staff member} was {rude|dismissive|condescending} {to me|and unhelpful|from start to finish}"),
        _p("{The staff|The branch staff|Your staff} {were|was} {rude|really rude|impolite} when I asked {for help|a simple question}"),
        _p("The {advisor|agent} {hung up on me|talked over me|laughed at my question}", "communication"),
        _p("I was treated {like an idiot|with contempt|as if I was wasting their time} by the {cashier|advisor|manager}"),
        _p("{Unfriendly|Arrogant|Dismissive} {staff|agent|manager}"),
        _p("The manager {refused to listen|shrugged and walked off|was incredibly rude}"),
        _p("{Your|The} {representative|employee} {had a terrible attitude|was sarcastic and unhelpful}"),
        _p("Rude staff"),
    ), touchpoints={"branch_visit": 3, "contact_centre": 3, "claims": 1, "travel_booking": 1, "payments": 0.5}),
    Aspect("app_crash", "booking_website_app", "negative", -1.0, (
        _p("The app {crashes|keeps crashing|crashed {twice|three times|again}} {when I try to pay|at login|during a transfer|every time I open it}"),
        _p("{The app|Your app} {froze|crashed} {halfway through a payment|on the confirmation screen}"),
        _p("Since the {last|latest} update the app {won't open|crashes on start-up|closes itself}"),
        _p("{Constant|Endless} app crashes {on my phone|on Android|on my iPhone}"),
        _p("The app {crashed|froze} and I {had no idea if the payment went through|lost my booking}"),
        _p("{An error message|A blank screen} every time I open the app"),
        _p("Rubbish app, it crashes all the time"),
    ), touchpoints={"app": 4, "travel_booking": 1.5, "payments": 1.5, "onboarding": 1}, default=0.2),
    Aspect("fees", "billing_price", "negative", -0.8, (
        _p("{The|Your} {monthly fee|account fee|foreign transaction fee|overdraft fee} is {too high|ridiculous|daylight robbery}"),
        _p("I was charged {a fee|£5|£10|£15|£25} {for nothing|without warning|for a simple transfer}"),
        _p("{Hidden|Unexpected} {fees|charges} on my {statement|bill|booking}"),
        _p("{Prices|Fees} went up {again|with no explanation|for the second time this year}"),
        _p("Charged twice for the same {payment|booking|purchase}"),
        _p("The exchange rate {was terrible|is a rip-off}"),
        _p("Far too {expensive|pricey} for {what you get|such a basic service}"),
    ), touchpoints={"payments": 4, "travel_booking": 2, "onboarding": 0.8, "app": 0.5}),
    Aspect("long_wait", "wait_time", "negative", -0.6, (
        _p("{I was|I have been|I've been} on hold for {30|40|45|50|over 60} minutes"),
        _p("{The queue|The queue in the branch|The chat queue} was {enormous|ridiculous|out of the door}"),
        _p("{Waited|I waited} {an hour|forty minutes|ages} to speak to someone"),
        _p("{Everything|The whole process} {took forever|was so slow}"),
        _p("{Only|Just} one {counter|till} open and a long queue"),
        _p("Still waiting for {an answer|a decision|someone to call me back} after {two|three} weeks", "communication"),
    ), touchpoints={"contact_centre": 3, "branch_visit": 3, "claims": 1.5}, default=0.5),
    Aspect("slow_refund", "refund_cancellation", "negative", -0.7, (
        _p("{Still waiting for|Still no sign of} {my|the} refund {after {three|six|eight} weeks|you promised}", "wait_time"),
        _p("{My|Our} {flight|holiday|hotel booking} was cancelled and {nobody offered a refund|the refund hasn't appeared|I only got a voucher}"),
        _p("{Getting|Trying to get} my money back {is impossible|has been a nightmare}"),
        _p("{You|Northwind} refused to refund {the cancelled booking|the duplicate payment|the fee}"),
        _p("Cancelling {took three calls|was a nightmare|was far too hard}"),
        _p("Compensation for the {cancellation|cancelled trip} {never came|was refused}"),
    ), touchpoints={"travel_booking": 3, "claims": 3, "payments": 1}, default=0.2),
    Aspect("no_updates", "communication", "negative", -0.5, (
        _p("Nobody {told me|kept me informed about|updated me on} {what was happening|my case|the progress}"),
        _p("{No reply|No response|No answer} to my {emails|messages|letters} {in two weeks|at all}"),
        _p("{You|They} promised to call me back and {never did|didn't}"),
        _p("{No|Zero} updates {at all|for weeks}"),
        _p("The {letters|emails|notifications} {contradict each other|are confusing|never say anything useful}"),
    ), touchpoints={"claims": 2, "card_delivery": 1.5}, default=1.0),
    Aspect("lost_item", "lost_damaged_items", "negative", -0.9, (
        _p("{My|Our} {suitcase|luggage|bag} {was lost|went missing|arrived damaged} {on the way back|on the outbound flight|in transit}"),
        _p("{My card was stolen|I lost my card} and {blocking it|getting a replacement} was {a nightmare|so hard}"),
        _p("The {parcel|package|card reader} arrived {damaged|broken|smashed}", "delivery_logistics"),
        _p("{You|Your team} lost {my documents|the receipts I sent|my claim form} {twice|again}"),
        _p("{Missing|Lost} {luggage|items} {still not found|and no one seems to care}"),
    ), touchpoints={"claims": 3, "card_delivery": 1.5, "travel_booking": 1}, default=0.2),
    Aspect("unresolved", "customer_service", "negative", -0.7, (
        _p("{Customer service|Support|The helpline} {couldn't|didn't} resolve {my issue|anything|the problem}"),
        _p("{I was|I got} passed between {three|four|five} {departments|people|agents} and nothing got fixed"),
        _p("{My|The} complaint {was ignored|went nowhere|was closed without an answer}"),
        _p("{No help at all|Completely useless support|Support was no help}"),
        _p("I had to escalate {twice|three times} to get {anything done|a basic answer}"),
    ), touchpoints={"contact_centre": 2.5, "claims": 2}, default=0.8),
    Aspect("account_locked", "account_access", "negative", -0.6, (
        _p("{My|Our} account {was frozen|was blocked|got locked} {for no reason|without warning|again}"),
        _p("{I'm|I am} locked out of {my account|the app|online banking} {again|for the third time|since Monday}"),
        _p("The identity {verification|check} {keeps failing|failed three times|is a nightmare}"),
        _p("{Can't|Cannot} {activate|verify} my {card|account}"),
        _p("Resetting my {PIN|password} {took a week|is impossible}"),
    ), touchpoints={"onboarding": 3, "app": 2, "payments": 1}),
    Aspect("poor_product", "product_quality", "negative", -0.5, (
        _p("The {hotel|room} was {dirty|tired and dirty|not as described}"),
        _p("The {seat|wifi|food} on the {flight|coach|train} was {awful|broken|terrible}"),
        _p("{The card reader|Contactless} {stopped working|is faulty} {after a week|already}"),
        _p("{Poor|Bad} quality {for the price|all round}"),
        _p("The cash machine {doesn't work|was broken|kept my card}"),
    ), touchpoints={"travel_booking": 2.5, "branch_visit": 1, "claims": 0.5}),
    Aspect("service_outage", "outage", "negative", -0.9, (
        _p("{The app|Online banking|Card payments} {was|were} down {all morning|all day|for hours} {again|on Saturday|yesterday}"),
        _p("{Another|A third} {outage|app outage} this {month|week} and {no explanation|not a word from you}", "communication"),
        _p("Online banking has been down since {this morning|last night|Friday}"),
    ), touchpoints={"app": 0.8, "payments": 0.5}, default=0.0),
    Aspect("esim_no_signal", "network_connectivity", "negative", -0.6, (
        _p("The travel eSIM had no signal {in the mountains|outside the city|for most of the trip}"),
        _p("Mobile data on your travel eSIM {kept cutting out|was unusable|never worked}"),
    ), touchpoints={"travel_booking": 0.6}, default=0.0),
    Aspect("missed_install", "installation_visit", "negative", -0.8, (
        _p("The engineer never turned up to fit our {card machine|card reader}"),
        _p("{Second|Third} missed engineer appointment for our card machine"),
    ), touchpoints={"payments": 0.4, "onboarding": 0.4}, default=0.0),
    Aspect("plan_price_rise", "contract_plan", "negative", -0.5, (
        _p("{My|Our} {account|Premium} fee went up in the middle of {my|our} {12|24} month contract", "billing_price"),
        _p("Nobody told me my new plan {would cost more|had a minimum term}", "communication"),
    ), touchpoints={"payments": 0.5, "onboarding": 0.3}, default=0.0),
    Aspect("currency_out_of_stock", "stock_availability", "negative", -0.4, (
        _p("The branch {had no euros|was out of stock of dollars|had sold out of yen} {again|for my trip}"),
        _p("Travel money was out of stock {online|at my branch}"),
    ), touchpoints={"branch_visit": 0.6, "travel_booking": 0.3}, default=0.0),
    # ------------------------------------------------------------ positive
    Aspect("friendly_staff", "staff_attitude", "positive", 1.0, (
        _p("The {agent|advisor|cashier|staff|team} {was|were} {lovely|really friendly|so helpful|polite and patient}"),
        _p("{Friendly|Helpful|Kind} {staff|advisor|crew} who {sorted everything|went the extra mile|explained everything clearly}"),
        _p("{Big thanks|Thank you} to the {agent|advisor|branch team} for {being so patient|their help|sorting it}"),
        _p("{The staff|Staff} {at the branch|on the phone} {were brilliant|couldn't have been nicer}"),
        _p("Lovely staff"),
    ), touchpoints={"branch_visit": 4, "contact_centre": 4, "claims": 1.5, "travel_booking": 1.5}, default=0.5),
    Aspect("fast_refund", "refund_cancellation", "positive", 0.8, (
        _p("{My|The} refund {came through|arrived|was in my account} {within {two|three} days|the next day|really quickly}"),
        _p("{Cancelling|Cancellation} was {easy|painless|quick} and the money was back {in days|straight away}"),
        _p("{Quick|Fast} refund for the {cancelled flight|duplicate charge|returned booking}"),
        _p("Got my money back {without any hassle|in 48 hours}"),
    ), touchpoints={"travel_booking": 3, "claims": 3, "payments": 1}, default=0.2),
    Aspect("easy_app", "booking_website_app", "positive", 0.5, (
        _p("The app is {great|brilliant|so easy to use|really intuitive}"),
        _p("{Booking|Booked} {online|in the app|on the website} {in minutes|with no problems}"),
        _p("{Love|Really like} the {new app|app update|online booking}"),
        _p("{Paying|Transferring money} in the app is {quick|simple|instant}"),
        _p("Great app"),
    ), touchpoints={"app": 4, "travel_booking": 2, "payments": 2, "onboarding": 2}),
    Aspect("quick_delivery", "delivery_logistics", "positive", 0.4, (
        _p("{My|The} {new|replacement} card arrived {the next day|in two days|really quickly}"),
        _p("{Fast|Quick} delivery of {my card|the card reader|my new card}"),
        _p("The courier {delivered|dropped off} {the parcel|the card} {on time|early}"),
    ), touchpoints={"card_delivery": 5, "onboarding": 1}, default=0.0),
    Aspect("helpful_support", "customer_service", "positive", 0.6, (
        _p("{Customer service|Support|The helpline} {resolved|fixed|sorted} {my issue|the problem} {in one call|in minutes|straight away}"),
        _p("{Great|Excellent|Really good} {support|customer service} {this time|as always}"),
        _p("The team {helped me with everything|really helped me}"),
    ), touchpoints={"contact_centre": 3, "claims": 2}, default=1.0),
    Aspect("good_value", "billing_price", "positive", 0.3, (
        _p("{Good|Great} value for money"),
        _p("{No|Low} fees {abroad|on transfers|on the account}, {brilliant|which I love|great}"),
        _p("The price was {fair|exactly as quoted|cheaper than elsewhere}"),
    ), touchpoints={"payments": 2, "travel_booking": 2}, default=0.5),
    Aspect("quick_service", "wait_time", "positive", 0.4, (
        _p("{No|Hardly any} {wait|queue} {at all|to speak to someone}"),
        _p("{In and out|Served} in {five|ten} minutes"),
        _p("{Answered|Picked up} {straight away|within a minute}"),
    ), touchpoints={"branch_visit": 3, "contact_centre": 2}, default=0.5),
    # ------------------------------------------------------------ neutral
    Aspect("card_status_query", "delivery_logistics", "neutral", 0.0, (
        _p("{Can|Could} you {tell me|confirm} when my {new|replacement} card will be delivered?"),
        _p("The card arrived {in about a week|when expected}"),
        _p("Is there a tracking number for my card delivery?"),
    ), touchpoints={"card_delivery": 5}, default=0.0),
    Aspect("fee_query", "billing_price", "neutral", 0.0, (
        _p("What are the fees for {sending money abroad|using my card abroad}?"),
        _p("Is there a charge for {paying in cheques|a paper statement}?"),
        _p("Prices {are|seem} similar to {other banks|other sites}"),
    ), touchpoints={"payments": 3, "travel_booking": 2}, default=0.5),
    Aspect("app_ok", "booking_website_app", "neutral", 0.0, (
        _p("The app {works|does the job} {most of the time|for the basics}"),
        _p("Is there a way to {change my booking|move my flight} {online|in the app}?"),
        _p("Would be nice to have {dark mode|a spending summary} in the app"),
    ), touchpoints={"app": 4, "travel_booking": 1}),
    Aspect("account_admin", "account_access", "neutral", 0.0, (
        _p("How do I {change|reset} my PIN?"),
        _p("{I'd|I would} like to {update my address|add a joint account holder}"),
        _p("Called to {update my details|change my phone number on the account}"),
    ), touchpoints={"onboarding": 3, "branch_visit": 2, "contact_centre": 1}, default=0.5),
    Aspect("refund_query", "refund_cancellation", "neutral", 0.0, (
        _p("How long does a refund usually take?"),
        _p("Can I cancel {my booking|the policy} and get a refund?"),
    ), touchpoints={"travel_booking": 2, "claims": 2}, default=0.2),
    Aspect("document_request", "communication", "neutral", 0.0, (
        _p("Please send me {a copy of my statement|my policy documents}"),
        _p("Could you send me {a copy of my statement|my policy documents}?"),
        _p("Could you email me the {terms|details} of the {account|policy}?"),
    ), touchpoints={"claims": 2}, default=1.0),
    Aspect("average_experience", None, "neutral", 0.0, (
        _p("{It was|Service was} {fine|OK|average|as expected}"),
        _p("{Nothing|Not much} to {add|say}"),
        _p("{Nothing special|Fairly standard}, got what I needed"),
    ), default=1.5),
    Aspect("normal_wait", "wait_time", "neutral", 0.0, (
        _p("The {queue|wait} was {normal|about what I expected}"),
        _p("Got through after a {short|normal} wait"),
    ), touchpoints={"branch_visit": 2, "contact_centre": 2}),
)
ASPECTS_BY_NAME: dict[str, Aspect] = {a.name: a for a in ASPECTS}
NPS_EFFECTS: dict[str, float] = {a.name: a.nps_effect for a in ASPECTS}
DELAY_ASPECT = "card_delivery_delay"

# Whole comments in another language, for the aspects that have them.
FOREIGN_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "card_delivery_delay": ("Ma carte n'est toujours pas arrivée après {deux|trois} semaines.",),
        "app_crash": ("L'application plante {tout le temps|sans arrêt}, impossible de payer.",),
        "friendly_staff": ("Personnel très {aimable|sympathique}, merci !",),
        "fees": ("Frais bancaires {beaucoup trop élevés|scandaleux}.",),
        "slow_refund": ("J'attends mon remboursement depuis {un mois|six semaines}.",),
        "average_experience": ("Service correct, rien de spécial.",),
    },
    "es": {
        "card_delivery_delay": ("Mi tarjeta {todavía no ha llegado|nunca llegó}.",),
        "app_crash": ("La aplicación se {cierra|bloquea} cada vez que intento pagar.",),
        "friendly_staff": ("El personal fue muy amable, gracias.",),
        "fees": ("Las comisiones son {demasiado altas|abusivas}.",),
        "fast_refund": ("Me devolvieron el dinero {en dos días|muy rápido}.",),
        "average_experience": ("Todo bien, nada especial.",),
    },
    "de": {
        "card_delivery_delay": ("Meine Karte ist {immer noch nicht|nach drei Wochen nicht} angekommen.",),
        "app_crash": ("Die App stürzt {ständig|dauernd} ab.",),
        "friendly_staff": ("Sehr freundliches Personal, danke!",),
        "fees": ("Die Gebühren sind viel zu hoch.",),
        "average_experience": ("Alles in Ordnung, nichts Besonderes.",),
    },
}
FOREIGN_SHARE = 0.012

# Planted flag sentences with the topics they mention. They move no score.
FLAG_PHRASES: dict[str, tuple[Phrase, ...]] = {
    "churn_intent": (
        _p("I'm closing my account and moving to another bank"),
        _p("I'll take my business elsewhere"),
        _p("Never again"),
        _p("I'm switching to another provider"),
        _p("You've lost a customer"),
    ),
    "legal_threat": (
        _p("I'll be speaking to my solicitor"),
        _p("I will report you to the ombudsman"),
        _p("I'm taking this to the small claims court"),
        _p("I have reported you to the regulator"),
    ),
    "safety": (
        _p("The cash machine sparked when I used it and there was smoke", "product_quality"),
        _p("I slipped on the wet floor in the branch and hurt my {wrist|knee}"),
        _p("The ramp at the entrance is broken and dangerous", "product_quality"),
    ),
    "vulnerable_customer": (
        _p("My {husband|mother|dad} passed away {recently|last month}"),
        _p("I'm disabled and {can't get to a branch|struggle with the phone line}"),
        _p("I can't afford {these charges|to be without money} right now"),
        _p("I'm a pensioner on a fixed income"),
        _p("I'm partially deaf so phone calls are hard for me"),
    ),
}
# P(flag) by the comment's intent.
FLAG_RATES: dict[str, dict[str, float]] = {
    "churn_intent": {"negative": 0.025},
    "legal_threat": {"negative": 0.010},
    "safety": {"negative": 0.006, "neutral": 0.004},
    "vulnerable_customer": {"negative": 0.015, "neutral": 0.010, "positive": 0.008},
}
PII_SHARE = 0.02

OPENERS: dict[str, tuple[str, ...]] = {
    "email": ("Dear Northwind,\n\n", "Hello,\n\n", "To whom it may concern,\n\n", "Hi,\n"),
}
CLOSERS: dict[str, tuple[str, ...]] = {
    "email": ("\n\nRegards", "\n\nKind regards", "\n\nThanks", "\n\nYours sincerely"),
}
FILLERS: dict[str, tuple[str, ...]] = {
    "negative": ("Not good enough.", "Very disappointed.", "Sort it out.", "Really poor.", "Absolutely shocking.",
                 "Please fix this."),
    "neutral": ("Thanks.",),
    "positive": ("Thanks!", "Keep it up.", "Really impressed.", "Well done."),
}
_KEEP_CASE = {"I", "I'm", "I've", "I'd", "I'll", "Northwind", "PIN"}
_ALTERNATIVES = re.compile(r"\{([^{}]*)\}")


class GeneratorError(VocError):
    """Arguments the generator cannot work with."""


def _choose(rng: np.random.Generator, weights: dict[str, float]) -> str:
    names = list(weights)
    p = np.array([weights[n] for n in names], float)
    return names[int(rng.choice(len(names), p=p / p.sum()))]


def _expand(rng: np.random.Generator, template: str) -> str:
    """Fill each innermost ``{a|b|c}`` with one alternative until none is left."""
    while True:
        match = _ALTERNATIVES.search(template)
        if match is None:
            return template
        options = match.group(1).split("|")
        template = template[:match.start()] + options[int(rng.integers(len(options)))] + template[match.end():]


def _decapitalise(clause: str) -> str:
    first = clause.split(" ", 1)[0]
    return clause if first in _KEEP_CASE else clause[:1].lower() + clause[1:]


def _sentence(clause: str, rng: np.random.Generator, intent: str) -> str:
    if clause.endswith(("?", "!", ".")):
        return clause
    return clause + ("!" if intent == "negative" and rng.random() < 0.2 else ".")


def _pick_aspects(rng: np.random.Generator, touchpoint: str, polarity: str, k: int,
                  exclude: set[str]) -> list[Aspect]:
    pool = {a.name: a.weight(touchpoint) for a in ASPECTS
            if a.polarity == polarity and a.name not in exclude and a.weight(touchpoint) > 0}
    chosen: list[Aspect] = []
    for _ in range(min(k, len(pool))):
        name = _choose(rng, pool)
        chosen.append(ASPECTS_BY_NAME[name])
        del pool[name]
    return chosen


def _aspects_for(rng: np.random.Generator, touchpoint: str, delay_share: float) -> tuple[str, list[Aspect], list[Aspect]]:
    """(intent, main aspects, contrasting aspects) of one comment."""
    if touchpoint == "card_delivery":
        if rng.random() < delay_share:
            main = [ASPECTS_BY_NAME[DELAY_ASPECT]]
            if rng.random() < 0.3:
                main += _pick_aspects(rng, touchpoint, "negative", 1, {DELAY_ASPECT})
            return "negative", main, []
        exclude = {DELAY_ASPECT}  # the delay share is set above, nowhere else
    else:
        exclude = set()
    intent = _choose(rng, INTENTS)
    if intent == "neutral":
        return intent, _pick_aspects(rng, touchpoint, "neutral", 1 + int(rng.random() < 0.25), exclude), []
    k = 1 + int(rng.random() < 0.35) + int(rng.random() < 0.1)
    main = _pick_aspects(rng, touchpoint, intent, k, exclude)
    contrast_rate = 0.15 if intent == "negative" else 0.10
    other = "positive" if intent == "negative" else "negative"
    # A contrast on the same topic would contradict the comment ("fast refund, but no refund").
    same_topic = {a.name for a in ASPECTS if a.topic in {m.topic for m in main}}
    contrast = _pick_aspects(rng, touchpoint, other, 1, exclude | same_topic) if rng.random() < contrast_rate else []
    return intent, main, contrast


def _pii(rng: np.random.Generator) -> tuple[str, str]:
    """A sentence with one kind of personal data (reserved fictional numbers, test cards, example domains)."""
    kind = _choose(rng, {"phone": 3, "email": 3, "card": 1, "iban": 1, "url": 1})

    def digits(n: int) -> str:
        return "".join(str(int(d)) for d in rng.integers(0, 10, n))

    if kind == "phone":
        number = _expand(rng, "{07700 900|+44 7700 900|020 7946 0}") + digits(3)
        if rng.random() < 0.3:
            number = _expand(rng, "({212|415|617}) 555-01") + digits(2)
        return kind, _expand(rng, "{Call|Ring|Text} me on ") + number
    if kind == "email":
        user = _expand(rng, "{j.smith|sarah.k|mo.ali|t.nguyen|dave1984|p.owusu}") + digits(2)
        return kind, _expand(rng, "{Email|Contact} me at ") + f"{user}@example.{_expand(rng, '{com|org|net}')}"
    if kind == "card":
        card = _expand(rng, "{4111 1111 1111 1111|5555 5555 5555 4444|4000 0566 5566 5556}")
        return kind, f"My card number is {card}"
    if kind == "iban":
        iban = _expand(rng, "{GB82 WEST 1234 5698 7654 32|DE89 3704 0044 0532 0130 00}")
        return kind, f"The IBAN is {iban}"
    return kind, f"Screenshot here: https://files.example.com/nw/{digits(6)}.png"


@dataclass
class _Comment:
    intent: str
    aspects: list[Aspect]
    text: str
    topics: list[str]
    flags: list[str]
    pii: list[str]
    language: str


def _render(rng: np.random.Generator, channel: str, touchpoint: str, delay_share: float) -> _Comment:
    intent, main, contrast = _aspects_for(rng, touchpoint, delay_share)
    topics: list[str] = []

    def say(aspect_or_phrase: Aspect | Phrase) -> str:
        phrase = (aspect_or_phrase if isinstance(aspect_or_phrase, Phrase)
                  else aspect_or_phrase.phrases[int(rng.integers(len(aspect_or_phrase.phrases)))])
        if isinstance(aspect_or_phrase, Aspect):
            topics.extend(aspect_or_phrase.topics)
        topics.extend(phrase.extra_topics)
        return _expand(rng, phrase.template)

    language = "en"
    if rng.random() < FOREIGN_SHARE:
        language = _choose(rng, {"fr": 1, "es": 1, "de": 1})
        phrases = FOREIGN_PHRASES[language]
        translated = [a for a in main + contrast if a.name in phrases]
        if not translated:
            # Another aspect of the same polarity, never the delay: its share is set in _aspects_for.
            candidates = [name for name in phrases if name != DELAY_ASPECT and ASPECTS_BY_NAME[name].polarity == intent]
            translated = [ASPECTS_BY_NAME[str(rng.choice(candidates))]] if candidates else []
        if translated:
            for a in translated:
                topics.extend(a.topics)
            text = " ".join(_expand(rng, phrases[a.name][0]) for a in translated)
            return _Comment(intent, translated, text, topics, [], [], language)
        language = "en"

    if contrast:
        # "The staff were lovely, but the app crashed twice." reads as one mixed sentence.
        first, second = (contrast[0], main[0]) if intent == "negative" else (main[0], contrast[0])
        joined = say(first) + str(rng.choice([", but ", " but ", " - but "])) + _decapitalise(say(second))
        sentences = [_sentence(joined, rng, intent)] + [_sentence(say(a), rng, intent) for a in main[1:]]
    else:
        sentences = [_sentence(say(a), rng, intent) for a in main]
    flags = [flag for flag, rates in FLAG_RATES.items() if rng.random() < rates.get(intent, 0.0)]
    for flag in flags:
        sentences.append(_sentence(say(FLAG_PHRASES[flag][int(rng.integers(len(FLAG_PHRASES[flag])))]), rng, intent))
    pii: list[str] = []
    if rng.random() < PII_SHARE:
        kind, sentence = _pii(rng)
        pii.append(kind)
        sentences.append(sentence + ".")
    if rng.random() < 0.3:
        sentences.append(str(rng.choice(FILLERS[intent])))
    text = " ".join(sentences)
    text = _dress_for_channel(rng, text, channel, touchpoint, intent)
    return _Comment(intent, main + contrast, text, topics, flags, pii, language)


def _dress_for_channel(rng: np.random.Generator, text: str, channel: str, touchpoint: str, intent: str) -> str:
    """What the channel does to a comment: greetings in e-mails, handles on social, stars in reviews."""
    if channel == "email" and rng.random() < 0.6:
        return str(rng.choice(OPENERS["email"])) + text + str(rng.choice(CLOSERS["email"]))
    if channel == "chat" and rng.random() < 0.3:
        return text.lower().rstrip(".")
    if channel == "social":
        if rng.random() < 0.5:
            handle = "@NorthwindTravel" if touchpoint in ("travel_booking", "claims") else "@NorthwindBank"
            text = f"{handle} {text}"
        if intent == "negative" and rng.random() < 0.25:
            text += " #fail"
        return text
    if channel == "app_review" and rng.random() < 0.4:
        stars = {"negative": rng.choice(["1 star.", "2 stars."]), "neutral": "3 stars.", "positive": "5 stars."}
        return f"{stars[intent]} {text}"
    return text


def _score(rng: np.random.Generator, effect: float, centre: float, slope: float, sd: float,
           low: int, high: int) -> int:
    return int(np.clip(np.rint(centre + slope * effect + rng.normal(0.0, sd)), low, high))


def generate_comments(n_weeks: int = 28, per_week: int = 150, seed: int = 7, start: str = "2026-05-04",
                      shift_week: int | None = SHIFT_WEEK) -> pd.DataFrame:
    """``n_weeks`` of synthetic comments, about ``per_week`` a week (Poisson), with their truth.

    Deterministic for ``seed``. Returns the sample columns (:data:`voc_engine.samples.COLUMNS`,
    typed like :func:`voc_engine.samples.load_sample_comments`) followed by :data:`TRUTH_COLUMNS`,
    sorted by ``created_at``. ``shift_week=None`` plants no shift.
    """
    if n_weeks < 1 or per_week < 1:
        raise GeneratorError(f"n_weeks and per_week must be at least 1, got {n_weeks} and {per_week}")
    try:
        origin = pd.Timestamp(start, tz="UTC").normalize()
    except (ValueError, TypeError) as exc:
        raise GeneratorError(f"start must be a date such as 2026-05-04, got {start!r}") from exc
    rng = np.random.default_rng(seed)
    n_customers = max(200, n_weeks * per_week // 3)
    customer_segments = rng.choice(list(SEGMENTS), size=n_customers, p=list(SEGMENTS.values()))
    hour_p = HOUR_WEIGHTS / HOUR_WEIGHTS.sum()

    rows: list[dict] = []
    for week in range(n_weeks):
        shifted = shift_week is not None and week >= shift_week
        delay_share = SHIFTED_DELAY_SHARE if shifted else BASE_DELAY_SHARE
        for _ in range(int(rng.poisson(per_week))):
            touchpoint = _choose(rng, TOUCHPOINTS)
            channel = "survey" if rng.random() < SURVEY_SHARE else _choose(rng, CHANNELS_BY_TOUCHPOINT[touchpoint])
            comment = _render(rng, channel, touchpoint, delay_share)
            effect = sum(a.nps_effect for a in comment.aspects)
            customer = int(rng.integers(n_customers))
            offset = timedelta(days=7 * week + int(rng.integers(7)), hours=int(rng.choice(24, p=hour_p)),
                               minutes=int(rng.integers(60)), seconds=int(rng.integers(60)))
            scored = channel in ("survey", "chat", "contact_centre")
            rows.append({
                "source": SOURCES[channel], "channel": channel, "touchpoint": touchpoint,
                "journey_stage": _choose(rng, STAGES_BY_TOUCHPOINT[touchpoint]),
                "customer_id": f"C{customer + 1:04d}", "segment": str(customer_segments[customer]),
                "created_at": origin + offset,
                "nps": _score(rng, effect, NPS_BASE, 1.0, NPS_NOISE_SD, 0, 10) if channel == "survey" else None,
                "csat": _score(rng, effect, 3.8, 0.6, 0.7, 1, 5) if scored and rng.random() < 0.7 else None,
                "ces": _score(rng, effect, 5.0, 0.8, 1.0, 1, 7) if rng.random() < 0.15 else None,
                "text": comment.text,
                "true_topics": "|".join(dict.fromkeys(comment.topics)),
                "true_aspects": "|".join(a.name for a in comment.aspects),
                "true_sentiment": comment.intent,
                "true_flags": "|".join(comment.flags),
                "true_pii": "|".join(comment.pii),
                "true_language": comment.language,
            })
    frame = pd.DataFrame(rows).sort_values("created_at", kind="stable").reset_index(drop=True)
    frame.insert(0, "id", np.arange(1, len(frame) + 1))
    frame.insert(2, "external_id", [f"gen{seed}-{i:06d}" for i in frame["id"]])
    return typed_comments(frame)[list(COLUMNS) + list(TRUTH_COLUMNS)]


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """The frame as a sample-format CSV (ISO-8601 UTC times, empty cells for missing scores)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, date_format=TIMESTAMP_FORMAT, lineterminator="\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m voc_engine.samples.generate",
                                     description="Write synthetic Northwind comments with their truth as CSV.")
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write")
    parser.add_argument("--weeks", type=int, default=28)
    parser.add_argument("--per-week", type=int, default=150)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--start", default="2026-05-04", help="first day of week 0 (UTC)")
    parser.add_argument("--no-shift", action="store_true", help="do not plant the card-delivery shift")
    args = parser.parse_args(argv)
    try:
        frame = generate_comments(args.weeks, args.per_week, args.seed, args.start,
                                  shift_week=None if args.no_shift else SHIFT_WEEK)
    except GeneratorError as exc:
        parser.error(str(exc))
    write_csv(frame, args.out)
    print(f"wrote {len(frame)} comments to {args.out}")


if __name__ == "__main__":
    main()

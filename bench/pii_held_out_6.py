"""Held-out PII test set 6: customer text written blind to the redactor.

Written without reading the redactor, its tests, the earlier benchmarks or held-out sets, so the
items follow how people write these things, not how any rule matches them. Standard library only;
every generated value comes from one seeded ``random.Random`` and is built at import, so the module
is deterministic. The import-time assert loop checks that every listed value is an exact substring of
its text.

``ITEMS`` is a list of ``{"text": str, "pii": [{"type": T, "value": str}], "note": str}`` with T in
EMAIL, URL, IBAN, CARD, SSN, PHONE. Items with ``"pii": []`` are hard negatives. Texts imitate survey
free text, chat transcripts, app reviews, tweets, e-mail bodies and signatures, call-centre notes,
CSV/JSON/pipe-delimited export rows, in English plus some German, French, Dutch, Spanish, Italian,
Polish, Nordic, Japanese and Russian.

Counts (598 items; an item can hold more than one value, and a few hold two types):

=========  =====  ======
type       items  values
=========  =====  ======
EMAIL        128     134
URL           41      42
IBAN          31      32
CARD         120     121
SSN           40      41
PHONE         85      88
negatives    154       -
=========  =====  ======

Conventions for the value span (what counts as the PII substring):

- A value is the PII as written, including obfuscation and typos: ``jane dot doe at gmail dot com``,
  ``robert.ellis@gmail,com`` and ``jane.doe@gmail`` are EMAIL values; a value split by a line break
  contains the line break.
- Wrappers and labels are outside the value: ``mailto:``, ``tel:``, angle brackets, parentheses,
  quotes around the whole address, trailing sentence punctuation, labels like ``IBAN:``/``SSN#``.
  Quotes that are part of an address (a quoted local part) are inside it.
- Phone extensions (``ext. 204``, ``x12``) are outside the PHONE value; ``+``, ``00`` and ``(0)``
  prefixes and area-code brackets are inside.
- Partials are never PII: ``card ending in 4242``, ``**** **** **** 1881``, ``XXXX-XXXX-XXXX-0093``,
  ``last 4 of my social is 6789``, ``***-**-4417``, a truncated 8-digit SSN copy, last digits of a
  phone. They appear in hard negatives and next to full values in positives.
- A number inside a URL (``wa.me/447700900461``, an e-mail URL-encoded in a query string) belongs to
  the URL value only; it is not listed again as PHONE or EMAIL.
- CARD: 13-19 digits presented as a card. 113 of the 121 values are Luhn-valid numbers generated
  with the card's network prefix and length; 8 are the same kind of number with the last digit off by one (they fail
  Luhn) that customers still offered as their card: those are counted as CARD, because to a reader
  (and to a fraudster one digit away) they are card numbers. Their notes say "Luhn-INVALID".

Styles covered per type:

EMAIL (128 items): plain addresses in every export style; all upper and mixed case; plus
addressing (single and double tags); subdomains, multi-level and new gTLDs (.co.uk, .com.au,
.edu.au, .co.nz, .dev, .io, .dental, .garden); digits, underscores, hyphens, apostrophes in the local
part; spelled out (``dot``/``at``, ``AT``/``DOT``, ``underscore``), ``(at)(dot)``, ``[at] [dot]``,
``{at}{dot}``, ``<at><dot>``, ``-at- -dot-``, letter-by-letter with spaces, fullwidth ``＠``; spaces
around ``@`` and dots; domain typos (``gmail,com``, ``hotmail.con``, ``yahoo..com``, ``gmial``,
``.cmo``, ``.comm``, ``gmx de``, ``hotmial``, ``yandex/ru``, truncated ``.co``, double ``@@``); missing
TLD; IDN (umlaut domain, punycode, Japanese and Cyrillic domains) and unicode local parts; quoted
local parts; angle brackets, ``From:`` headers with display names, ``mailto:``, HTML ``href``;
split across line breaks (after ``@``, at a hyphen), CRLF, tabs; glued punctuation (arrows,
smileys, ``=``, ``:-``, asterisks, em dashes); CSV, JSON and pipe-delimited rows; several addresses in
one text; tweets with ``@handles`` that are not addresses.

URL (41 items): ``https``/``http``/``ftp``; ``www.`` without scheme; bare domain with path
(``instagram.com/...``, ``github.com/...``, ``bit.ly/...``) and a bare personal domain without path;
query strings with tokens, utm parameters, URL-encoded e-mail, fragments, percent-encoded paths;
IP host with port; upper-case URL; IDN and punycode hosts; markdown links, angle brackets,
parentheses, trailing full stop, no space after colon, own line, two URLs in one text; share links
(Drive, Dropbox, Photos, Docs, Zoom with password, Calendly, referral, WhatsApp click-to-chat).

IBAN (31 items, mod-97 check digits computed): DE, GB, FR, NL, ES, IT, BE, CH, AT, IE, PL, PT, SE,
DK, NO, LU, FI; grouped by 4 with spaces (print format), ungrouped, lower case grouped and ungrouped,
grouped with dashes, double spaces, bank-structure grouping (4-5-11), country code split off
(``DK 77 0040...``), split across two lines, glued to ``IBAN:``, ``iban=...;bic=...``, chat transcript,
BIC nearby, two IBANs in one text.

CARD (120 items): Visa 16/13/19, Mastercard 51-55 and 2-series, Amex 15, Discover 16/19, Diners
14, JCB, UnionPay 19; separators: spaces, none, dashes, dots, slashes, underscores, en dashes,
double spaces, `` - ``, mixed separators in one number; groupings: standard (Amex 4-6-5, Diners
4-6-4, 19-digit 4-4-4-4-3), 4-5-3-4, 8-8, 3-3-3-3-4, Amex 4-4-4-3, pairs, every digit spaced;
fullwidth digits (grouped and ungrouped); split across two lines (grouped and ungrouped);
expiry dates and CVVs next to the number; ``CC#`` glued; two cards in one text; a full card next to
its own "ending in" partial; 8 Luhn-invalid (see above).

SSN (40 items, valid ranges: area not 000/666/900+, group not 00, serial not 0000): dashes, spaces,
dots, no separators, en dash, U+2010 hyphen, slashes, underscores, `` - ``, ``. ``, mixed
separators, every digit spaced; labels (SSN, SSN#, ss#, soc sec no, Social, Soc. Sec. #, TIN/SSN,
Spanish label), glued to label, unlabelled in context, after line break, tab, in parentheses, two
SSNs in one text, W-9/1099 form numbers and dates of birth nearby, truncated copy not counted.

PHONE (85 items): US/Canada (``(NPA) NXX-XXXX``, dashes, dots, spaces, no separators, ``+1``,
leading ``1``, ``1.`` prefix, ``NPA/``, 7-digit local, non-breaking hyphen, extensions, spoken in
words, every digit spaced); UK (mobile 5-6, no spaces, ``+44``, ``+44 (0)``, ``0044``, bracketed area
codes, dashes, dots, E.164, spoken with "oh"/"double", split across a line break, digits spaced);
Ireland; Germany (slash, switchboard ``-0``, ``+49 (0)``, ``0049``, dashes), Austria, Switzerland;
France (pairs, dots, ``+33``, ``+33 (0)``), Netherlands, Belgium, Spain, Italy, Sweden, Denmark,
Poland, Portugal; India (``+91`` 5-5, 10 digits, leading 0, dashes, STD codes, ``91`` without plus,
E.164); Australia (4-3-3, ``+61``, bracketed area code, 2-4-4), New Zealand; Japan in fullwidth
digits; ``tel:`` URI; e-mail signature blocks; chat transcripts; two numbers in one text.

Hard negatives (154 items, ``"pii": []``): dates in ISO/US/UK/dotted/short forms, ranges, ISO
datetimes, unix timestamps, times, durations, opening hours; amounts in USD/GBP/EUR/INR/AUD/CHF/kr
with every thousands convention; quantities, dimensions, weights, percentages, ratings, scores;
order numbers (Amazon 3-7-7, 9 and 10 digits), tracking numbers (UPS, USPS 22 digits grouped by 4,
Royal Mail, DHL 20 digits, FedEx 12 digits grouped), case/ticket/claim/RMA/policy/invoice numbers,
PNRs, e-ticket 3-10, hotel/loyalty/membership numbers, 16-digit transaction and 20-digit parcel ids;
versions, builds, firmware, error codes, UUID, resolutions with ``@``, file names, serial, IMEI, model
numbers, private IP; EAN-13, UPC-A, ISBN-13, a 3-2-4 part number, lot/batch/paint/tyre codes;
addresses without postcodes, rooms, roads, platforms; masked and last-four cards and SSNs; tweets
with ``@handles``; ``@`` meaning "at"; texts that talk about IBAN/SSN/PIN/CVV without giving one;
chat transcripts, call notes and export rows full of numbers; 14 generated texts with labelled
random order/invoice/tracking/account/transaction numbers. Long digit runs in negatives are not
filtered on Luhn: the IMEI passes it by design, and a generated 16-digit bank-transfer reference that
passed by chance would say so in its note (none does with this seed).
"""

import random

_RNG = random.Random(20240606)


def _luhn_check_digit(partial: str) -> str:
    """Check digit that makes partial + digit pass the Luhn test."""
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:  # these positions get doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _card(prefix: str, length: int) -> str:
    body = prefix + "".join(str(_RNG.randrange(10)) for _ in range(length - len(prefix) - 1))
    return body + _luhn_check_digit(body)


def _bad_last_digit(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def _group(digits: str, sizes, sep: str) -> str:
    out, i = [], 0
    for s in sizes:
        out.append(digits[i:i + s])
        i += s
    if i < len(digits):
        out.append(digits[i:])
    return sep.join(p for p in out if p)


_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _iban(country: str, bban: str) -> str:
    """IBAN with ISO 13616 mod-97 check digits."""
    rearranged = bban + country + "00"
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(numeric) % 97
    return f"{country}{check:02d}{bban}"


def iban_ok(iban: str) -> bool:
    s = "".join(iban.split()).upper()
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def _digits(n: int) -> str:
    return "".join(str(_RNG.randrange(10)) for _ in range(n))


def _ssn() -> str:
    while True:
        area = _RNG.randrange(1, 900)
        if area != 666:
            break
    return f"{area:03d}{_RNG.randrange(1, 100):02d}{_RNG.randrange(1, 10000):04d}"


def _it(text, *pii, note=""):
    return {"text": text, "pii": [{"type": t, "value": v} for t, v in pii], "note": note}


E, U, I, C, S, P = "EMAIL", "URL", "IBAN", "CARD", "SSN", "PHONE"

EMAIL_ITEMS = [
    # --- plain addresses in different export styles
    _it("Please contact me at sarah.whitfield82@gmail.com about the refund, nobody has called me back in 3 weeks.",
        (E, "sarah.whitfield82@gmail.com"), note="plain, survey free text"),
    _it("Q7 other comments: delivery was fine but the box was crushed. reach me on tomasz.nowak@wp.pl if you need pics",
        (E, "tomasz.nowak@wp.pl"), note="plain, Polish provider, lower case sentence"),
    _it("[14:02] Customer: my login is priya_raman@outlook.com and it keeps saying wrong password\n[14:03] Agent: Thanks Priya, let me check.",
        (E, "priya_raman@outlook.com"), note="chat transcript, underscore local part"),
    _it("Terrible app. Support told me to email help but I already did from m.delacroix@orange.fr twice!!! 1 star",
        (E, "m.delacroix@orange.fr"), note="app review, initial + dot"),
    _it("Caller verified account via email on file (dgreene1967@comcast.net). Advised 5-7 business days for refund.",
        (E, "dgreene1967@comcast.net"), note="call-centre note, in parentheses"),
    _it("Hi,\n\nI ordered the blue kettle last week and got a red one. My email is j.okafor@yahoo.co.uk.\n\nThanks,\nJoseph",
        (E, "j.okafor@yahoo.co.uk"), note="e-mail body, .co.uk, trailing full stop"),
    _it("@AcmeAirHelp still waiting on my refund, DM'd you, also emailed from lena.fischer@web.de #fail",
        (E, "lena.fischer@web.de"), note="tweet with @handle that is not an e-mail"),
    _it("Change my newsletter address to hannah-louise.brennan@icloud.com please, the old one is dead",
        (E, "hannah-louise.brennan@icloud.com"), note="hyphen + dot local part"),
    _it("Nobody answers the phone. Try emailing me instead: k.yamamoto@proton.me",
        (E, "k.yamamoto@proton.me"), note="after colon, end of text"),
    _it("The invoice went to accounts@brightwaterlogistics.com instead of to me, can you resend to r.patel@brightwaterlogistics.com?",
        (E, "accounts@brightwaterlogistics.com"), (E, "r.patel@brightwaterlogistics.com"),
        note="two company addresses, question mark after"),
    _it("Great service from Mike at the Leeds branch. Feel free to follow up - alan.t.hughes@btinternet.com",
        (E, "alan.t.hughes@btinternet.com"), note="multiple dots in local part"),
    _it("email:giulia.romano91@libero.it phone later",
        (E, "giulia.romano91@libero.it"), note="no space after colon"),
    _it("i never got the confirmation email to marco_bianchi_88@hotmail.it, checked spam too",
        (E, "marco_bianchi_88@hotmail.it"), note="underscores and digits"),
    _it("Customer states she changed email from old one to ngozi.adeyemi@gmail.com on 12/03 but receipts still go to old address.",
        (E, "ngozi.adeyemi@gmail.com"), note="call note with date nearby"),
    _it("Why do you need my email (chris.oduya@gmail.com) just to track a parcel??",
        (E, "chris.oduya@gmail.com"), note="inside parentheses"),
    _it("Survey response #2231: 'Staff friendly. Send the voucher to b.lindqvist@telia.se'",
        (E, "b.lindqvist@telia.se"), note="inside quotes, Swedish provider"),
    _it("Agent: can I have the email on the account?\nCustomer: it's walterjkowalski@aol.com\nAgent: thank you.",
        (E, "walterjkowalski@aol.com"), note="chat transcript, no punctuation after"),
    _it("Return label never arrived. My email address is fatima.zahra.benali@gmail.com; order placed on the 4th.",
        (E, "fatima.zahra.benali@gmail.com"), note="followed by semicolon"),
    _it("Sent my receipts to rosie.mcallister@sky.com, rosie.mcallister@gmail.com and even my work one, no reply from anybody.",
        (E, "rosie.mcallister@sky.com"), (E, "rosie.mcallister@gmail.com"), note="two addresses separated by comma"),
    _it("Re: complaint ref 55821 -- from: Pieter de Vries <pieter.devries@ziggo.nl>",
        (E, "pieter.devries@ziggo.nl"), note="angle brackets in From header"),
    _it("Contact: <anita.sharma@rediffmail.com>",
        (E, "anita.sharma@rediffmail.com"), note="angle brackets"),
    _it("Please unsubscribe mailto:jo.barker@talktalk.net from ALL your lists",
        (E, "jo.barker@talktalk.net"), note="mailto: prefix (prefix not part of value)"),
    _it('<p>Reply to <a href="mailto:support.claims@harrowfieldinsurance.co.uk">our claims team</a></p> - this link opens nothing on my phone',
        (E, "support.claims@harrowfieldinsurance.co.uk"), note="HTML mailto link"),
    _it("Forwarded message\nFrom: \"Olivia Grant\" <olivia.grant@mercerandhale.com>\nSubject: broken zip on jacket",
        (E, "olivia.grant@mercerandhale.com"), note="display name + angle brackets"),
    # --- upper / mixed case
    _it("MY EMAIL IS DAVID.MORRISON55@GMAIL.COM CALL ME OR EMAIL ASAP",
        (E, "DAVID.MORRISON55@GMAIL.COM"), note="all upper case"),
    _it("Email: Kerstin.Baumann@T-Online.de",
        (E, "Kerstin.Baumann@T-Online.de"), note="mixed case"),
    _it("you can reach me at JLopez@Outlook.com thanks",
        (E, "JLopez@Outlook.com"), note="mixed case"),
    _it("Teacher here - please use my school address MRS.EVANS@ST-MARYS-PRIMARY.ORG.UK for the order.",
        (E, "MRS.EVANS@ST-MARYS-PRIMARY.ORG.UK"), note="upper case, hyphenated domain, .org.uk"),
    _it("Contact Email Address: Ravi.Krishnan@Infosys.com (work)",
        (E, "Ravi.Krishnan@Infosys.com"), note="title case"),
    _it("CONTACT ME - sam_oconnor@YAHOO.IE",
        (E, "sam_oconnor@YAHOO.IE"), note="upper-case domain only"),
    # --- plus addressing, subdomains, unusual TLDs
    _it("Use amelia.clarke+orders@gmail.com, I filter those into a folder.",
        (E, "amelia.clarke+orders@gmail.com"), note="plus addressing"),
    _it("signed up with ben+acmeshop@benkowalczyk.dev and now I get spam from 3rd parties. coincidence?",
        (E, "ben+acmeshop@benkowalczyk.dev"), note="plus addressing, personal domain, .dev"),
    _it("my email: tessa+returns+2024@fastmail.com",
        (E, "tessa+returns+2024@fastmail.com"), note="double plus tag"),
    _it("Student discount not applied. Student email: s2193384@student.unimelb.edu.au",
        (E, "s2193384@student.unimelb.edu.au"), note="subdomain, .edu.au, numeric local part"),
    _it("Corporate account holder is h.nakamura@tokyo.jp.mizushima-trading.com",
        (E, "h.nakamura@tokyo.jp.mizushima-trading.com"), note="deep subdomains"),
    _it("Order confirmation should have gone to ella.rossi@mail.studenti.unipd.it",
        (E, "ella.rossi@mail.studenti.unipd.it"), note="multiple subdomains"),
    _it("Contact at the clinic: frontdesk@smileworks.dental or ring them",
        (E, "frontdesk@smileworks.dental"), note="new gTLD .dental"),
    _it("my husband's email (for the gift card): greg@thepottingshed.garden",
        (E, "greg@thepottingshed.garden"), note="new gTLD .garden"),
    _it("Billing contact: finance-team@eu-west.northwind-analytics.io",
        (E, "finance-team@eu-west.northwind-analytics.io"), note="hyphenated subdomain, .io"),
    _it("Registered under o'connor.siobhan@eircom.net but the site rejects the apostrophe when I log in!",
        (E, "o'connor.siobhan@eircom.net"), note="apostrophe in local part"),
    _it("1st email: x_x.gamer_x_x@gmail.com (yes really)",
        (E, "x_x.gamer_x_x@gmail.com"), note="odd underscore-heavy local part"),
    _it("Please send the quote to a@b-and-q-builders.com",
        (E, "a@b-and-q-builders.com"), note="single-letter local part"),
    # --- obfuscated / spelled out
    _it("you can email me on jane dot doe at gmail dot com, not posting it properly because of bots",
        (E, "jane dot doe at gmail dot com"), note="spelled out: dot / at"),
    _it("contact: rachel(at)hendersonfamily(dot)org",
        (E, "rachel(at)hendersonfamily(dot)org"), note="(at) (dot)"),
    _it("Reach me via mark [at] corbettjoinery [dot] co [dot] uk",
        (E, "mark [at] corbettjoinery [dot] co [dot] uk"), note="[at] [dot] with spaces"),
    _it("Email Liam at liam.kearney AT gmail DOT com if the parcel shows up",
        (E, "liam.kearney AT gmail DOT com"), note="AT / DOT upper case, with a real dot too"),
    _it("my mail is sophie{at}lebrun{dot}fr",
        (E, "sophie{at}lebrun{dot}fr"), note="{at} {dot}"),
    _it("write to anders.holm at hotmail.com, thanks",
        (E, "anders.holm at hotmail.com"), note="only the @ spelled out"),
    _it("email is peter underscore grant at yahoo dot com",
        (E, "peter underscore grant at yahoo dot com"), note="underscore spelled out too"),
    _it("DM me or email: ines<at>ferreira-design<dot>pt",
        (E, "ines<at>ferreira-design<dot>pt"), note="<at> <dot>"),
    _it("send it to maria.garcia -at- telefonica -dot- net",
        (E, "maria.garcia -at- telefonica -dot- net"), note="-at- -dot-"),
    _it("Call-back requested. Alt contact: tom (at) moorlandfarmshop (dot) co (dot) uk",
        (E, "tom (at) moorlandfarmshop (dot) co (dot) uk"), note="(at) with spaces"),
    _it("my email is noah at noahbrandt dot de",
        (E, "noah at noahbrandt dot de"), note="fully spelled, no dots"),
    _it("E-mail: chloe.martin＠gmail.com",
        (E, "chloe.martin＠gmail.com"), note="fullwidth at sign"),
    _it("hit me up at zoe_k AT protonmail DOT ch",
        (E, "zoe_k AT protonmail DOT ch"), note="AT/DOT caps"),
    _it("contact me: yusuf.demir@@gmail.com (sorry double @)",
        (E, "yusuf.demir@@gmail.com"), note="typo: double @"),
    # --- spaces inside
    _it("email me at jane @ example-bakery.com pls",
        (E, "jane @ example-bakery.com"), note="spaces around @"),
    _it("my email is olu . bakare @ gmail . com",
        (E, "olu . bakare @ gmail . com"), note="spaces around every dot and @"),
    _it("Contact: kim.larsen@ gmail.com",
        (E, "kim.larsen@ gmail.com"), note="space after @"),
    _it("reply to: hugo.martins @sapo.pt",
        (E, "hugo.martins @sapo.pt"), note="space before @"),
    _it("Customer gave email as f a r a h . k h a n @ gmail . com (spelled letter by letter on call)",
        (E, "f a r a h . k h a n @ gmail . com"), note="spelled letter by letter with spaces"),
    # --- typos in the domain
    _it("please email me back at robert.ellis@gmail,com",
        (E, "robert.ellis@gmail,com"), note="typo: comma for dot"),
    _it("My email is alice.wong@hotmail.con if you need it",
        (E, "alice.wong@hotmail.con"), note="typo: .con"),
    _it("Contact: steve.barnes@yahoo..com",
        (E, "steve.barnes@yahoo..com"), note="typo: double dot"),
    _it("email = emma.j.holt@gmial.com",
        (E, "emma.j.holt@gmial.com"), note="typo: gmial"),
    _it("I gave them j.reyes@outlook.cmo and they said it was invalid, so now I can't get my ticket",
        (E, "j.reyes@outlook.cmo"), note="typo: .cmo"),
    _it("my email is kwame.mensah@gmail.comm",
        (E, "kwame.mensah@gmail.comm"), note="typo: .comm"),
    _it("Caller's email: lisa.brandt@gmx de (caller unsure of ending)",
        (E, "lisa.brandt@gmx de"), note="typo: space for dot"),
    _it("Email on account: daniel.okeke@hotmial.co.uk - please correct it to hotmail",
        (E, "daniel.okeke@hotmial.co.uk"), note="typo: hotmial"),
    _it("pls email nadia.petrova@yandex/ru",
        (E, "nadia.petrova@yandex/ru"), note="typo: slash for dot"),
    _it("the email I used was carlos.mendez@gmail.co I think",
        (E, "carlos.mendez@gmail.co"), note="typo: truncated .co"),
    # --- missing TLD
    _it("my email is jane.doe@gmail",
        (E, "jane.doe@gmail"), note="missing TLD"),
    _it("Tried to reset the password for marcus.webb@hotmail but the link never came",
        (E, "marcus.webb@hotmail"), note="missing TLD mid-sentence"),
    _it("customer email: aisha.rahman@yahoo (did not give ending)",
        (E, "aisha.rahman@yahoo"), note="missing TLD, call note"),
    _it("reach me @ hollybrook87@outlook thanks",
        (E, "hollybrook87@outlook"), note="missing TLD, stray @ before"),
    # --- IDN / unicode
    _it("Bestellung an info@bäckerei-müller.de schicken, bitte",
        (E, "info@bäckerei-müller.de"), note="IDN domain (umlauts)"),
    _it("Meine E-Mail: jürgen.weiß@gmx.de - bitte zurückrufen",
        (E, "jürgen.weiß@gmx.de"), note="unicode local part (EAI)"),
    _it("Contacte-moi à hélène.dupré@laposte.net",
        (E, "hélène.dupré@laposte.net"), note="accented local part"),
    _it("Email: kontakt@xn--bcher-kva.de (the punycode version, the other one bounced)",
        (E, "kontakt@xn--bcher-kva.de"), note="punycode IDN"),
    _it("お問い合わせ: tanaka.yuki@例え.jp までお願いします",
        (E, "tanaka.yuki@例え.jp"), note="Japanese IDN domain in Japanese text"),
    _it("Почта для связи: ivan.petrov@почта.рф",
        (E, "ivan.petrov@почта.рф"), note="Cyrillic IDN domain"),
    # --- quoted local parts
    _it('My work address is "john smith"@harcourtlegal.com, yes with the quotes, IT set it up that way',
        (E, '"john smith"@harcourtlegal.com'), note="quoted local part with space"),
    _it('Send to "f.o\'brien"@corkcityco.ie',
        (E, '"f.o\'brien"@corkcityco.ie'), note="quoted local part with apostrophe"),
    _it('email: "ana..lima"@uol.com.br (our admin insists on the two dots)',
        (E, '"ana..lima"@uol.com.br'), note="quoted local part with double dot"),
    # --- line breaks / split
    _it("My email is samuel.harrington-\nblake@gmail.com, sorry for the phone formatting",
        (E, "samuel.harrington-\nblake@gmail.com"), note="split across a line break at a hyphen"),
    _it("please reply to\nvictoria.lam@\nshaw.ca",
        (E, "victoria.lam@\nshaw.ca"), note="split after @"),
    _it("Email:\n  peter.novak@seznam.cz\nPhone: see below",
        (E, "peter.novak@seznam.cz"), note="on its own indented line"),
    _it("contact\r\nlucy.fairbanks@virginmedia.com\r\nthanks",
        (E, "lucy.fairbanks@virginmedia.com"), note="CRLF line endings around"),
    _it("email me: rebecca.stone@\ngmail.com",
        (E, "rebecca.stone@\ngmail.com"), note="broken after @ by line wrap"),
    # --- adjacent punctuation / odd surroundings
    _it("Email-> tariq.hussain@gmail.com<- that's the one on the account",
        (E, "tariq.hussain@gmail.com"), note="arrows glued to both ends"),
    _it("He said: 'email me at g.moreau@free.fr.' and hung up",
        (E, "g.moreau@free.fr"), note="followed by full stop and quote"),
    _it("refund to paypal (paypal email=laura.kim.1990@gmail.com)",
        (E, "laura.kim.1990@gmail.com"), note="after equals sign inside parentheses"),
    _it("*** emily.saunders@ntlworld.com ***",
        (E, "emily.saunders@ntlworld.com"), note="surrounded by asterisks"),
    _it("Contact|m.oyelaran@gmail.com|07/04/2024|complaint",
        (E, "m.oyelaran@gmail.com"), note="pipe-delimited export row with date"),
    _it("name,email,comment\nJames,james.whitaker@btopenworld.com,\"late again\"",
        (E, "james.whitaker@btopenworld.com"), note="CSV row"),
    _it('{"comment": "pls call", "contact": "ruth.abebe@gmail.com"}',
        (E, "ruth.abebe@gmail.com"), note="JSON snippet"),
    _it("email:- akash.verma1988@gmail.com",
        (E, "akash.verma1988@gmail.com"), note="Indian-English 'email:-'"),
    _it("Emailed twice (14/02 and 21/02) from neha.iyer@yahoo.in, still no answer",
        (E, "neha.iyer@yahoo.in"), note="dates nearby"),
    _it("gift for my mum - she's margaret.coleman1952@btinternet.com, can you send the e-voucher directly",
        (E, "margaret.coleman1952@btinternet.com"), note="third-party e-mail"),
    _it("Note: cust. requests all comms to wife, helen.ashworth@outlook.com, tel to follow",
        (E, "helen.ashworth@outlook.com"), note="call note abbreviations"),
    _it("Love the app!! Dev, email me about beta testing: beta.tester.dan@gmail.com ⭐⭐⭐⭐⭐",
        (E, "beta.tester.dan@gmail.com"), note="app review with emoji"),
    _it("Hi team,\n\nPlease update my billing email to\ncfo@greystonepartners.com.au\nand remove the old one.\n\nRegards,\nMatt",
        (E, "cfo@greystonepartners.com.au"), note="e-mail body, own line, .com.au"),
    _it("RT @sara_k: anyone else get a weird email from no-reply@acme-rewards-verify.com asking for card details??",
        (E, "no-reply@acme-rewards-verify.com"), note="tweet with @handle + address"),
    _it("The technician (Dale, dale.p@homefixpro.co.nz) was brilliant",
        (E, "dale.p@homefixpro.co.nz"), note="after name inside parentheses, .co.nz"),
    _it("mail me on vikram.s@tcs.com or vikram.singh.home@gmail.com",
        (E, "vikram.s@tcs.com"), (E, "vikram.singh.home@gmail.com"), note="two addresses joined by 'or'"),
    _it("Agent note 09:41 - Email updated from a.kowalski@wp.pl to anna.kowalska@onet.pl (marriage).",
        (E, "a.kowalski@wp.pl"), (E, "anna.kowalska@onet.pl"), note="old and new address"),
    _it("it says 'an account already exists for 12345john@gmail.com' but thats not even my account",
        (E, "12345john@gmail.com"), note="local part starting with digits"),
    _it("Wrong person! I'm not Jon, I'm jon.a.smith@gmail.com, the other one is jonsmith@gmail.com",
        (E, "jon.a.smith@gmail.com"), (E, "jonsmith@gmail.com"), note="two similar addresses"),
    _it("Contact email:\tisabel.cruz@movistar.es",
        (E, "isabel.cruz@movistar.es"), note="tab separated"),
    _it("contact-me_at-this: e.vance@vance-and-sons.co.uk.",
        (E, "e.vance@vance-and-sons.co.uk"), note="noisy prefix, trailing full stop"),
    _it("ps my email is sofia.andersson@gmail.com:)",
        (E, "sofia.andersson@gmail.com"), note="smiley glued to the end"),
    _it("(email) -- oscar.lindgren@spray.se -- (phone) -- see file",
        (E, "oscar.lindgren@spray.se"), note="between double dashes"),
    _it("Complaint received from grace.obi@nhs.net regarding appointment letters",
        (E, "grace.obi@nhs.net"), note="public-sector domain"),
    _it("Username is not my email! it's 'wanderlust_88' and the email is w.anderson88@icloud.com",
        (E, "w.anderson88@icloud.com"), note="username nearby that is not an e-mail"),
    _it("REF:CX-20931 CUST:mohammed.alfarsi@gmail.com STATUS:open",
        (E, "mohammed.alfarsi@gmail.com"), note="key:value log style"),
    _it("pls send to my work mail felix.wagner@siemens-healthineers.com not the private one",
        (E, "felix.wagner@siemens-healthineers.com"), note="hyphenated corporate domain"),
    _it("email me at e.rodriguez.2001@gmail.com or text me",
        (E, "e.rodriguez.2001@gmail.com"), note="year in local part"),
    _it("The reset mail goes to an old address (chantelle.w@hotmail.co.uk) I can't access anymore",
        (E, "chantelle.w@hotmail.co.uk"), note="in parentheses, .co.uk"),
    _it("Hello, my name is Sione and my email is sione.tupou@xtra.co.nz. The food was cold.",
        (E, "sione.tupou@xtra.co.nz"), note="mid paragraph with full stop"),
    _it("Please don't contact me on luke.harper@gmail.com anymore, I've unsubscribed 4 times",
        (E, "luke.harper@gmail.com"), note="negative request still contains PII"),
    _it("email — isla.mackenzie@gmail.com — phone — rather not",
        (E, "isla.mackenzie@gmail.com"), note="em dashes around"),
    _it("Customer email address on file: HR@KINGSLEY-DENTAL.CO.UK",
        (E, "HR@KINGSLEY-DENTAL.CO.UK"), note="upper-case role address"),
    _it("Delivered to the wrong flat. You can also email my neighbour, she's fine with it: dorota.zielinska@interia.pl",
        (E, "dorota.zielinska@interia.pl"), note="third party"),
    _it("ticket raised by chen.wei@qq.com via web form",
        (E, "chen.wei@qq.com"), note="Chinese provider"),
    _it("Ask for Rob - robert@ashgrove-vets.com - he handled it last time",
        (E, "robert@ashgrove-vets.com"), note="between hyphens"),
    _it("email (private) jakob.eriksen88@live.dk, email (work) jakob.eriksen@maersk.com",
        (E, "jakob.eriksen88@live.dk"), (E, "jakob.eriksen@maersk.com"), note="two labelled addresses"),
    _it("my email address is MaryAnne.O'Sullivan@gmail.com",
        (E, "MaryAnne.O'Sullivan@gmail.com"), note="apostrophe and mixed case"),
]
URL_ITEMS = [
    _it("Here's a photo of the damage: https://imgur.com/a/Xk92LpQ",
        (U, "https://imgur.com/a/Xk92LpQ"), note="https, image share"),
    _it("video of the noise https://youtu.be/dQ9wR3kT0aZ?t=42 listen at 0:42",
        (U, "https://youtu.be/dQ9wR3kT0aZ?t=42"), note="https with query"),
    _it("My profile: www.linkedin.com/in/marta-kowalska-4a1b22 if you want to check I'm legit",
        (U, "www.linkedin.com/in/marta-kowalska-4a1b22"), note="www without scheme, personal profile"),
    _it("see my insta instagram.com/jess.bakes.bristol for the cake you ruined",
        (U, "instagram.com/jess.bakes.bristol"), note="bare domain + path"),
    _it("Receipt uploaded here: https://drive.google.com/file/d/1aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT/view?usp=sharing",
        (U, "https://drive.google.com/file/d/1aB2cD3eF4gH5iJ6kL7mN8oP9qR0sT/view?usp=sharing"), note="long share link"),
    _it("The tracking link (http://track.parcelhub-express.com/t?id=PHX77182&email=ann.lee%40gmail.com) just 404s.",
        (U, "http://track.parcelhub-express.com/t?id=PHX77182&email=ann.lee%40gmail.com"),
        note="http, query string with URL-encoded e-mail, inside parentheses"),
    _it("Your 'unsubscribe' link https://mail.acmeshop.com/unsub?u=884213&token=f3a9c1e0b7 does nothing.",
        (U, "https://mail.acmeshop.com/unsub?u=884213&token=f3a9c1e0b7"), note="token in query, trailing full stop"),
    _it("Dropbox with all the pics: https://www.dropbox.com/scl/fo/8k2j3h4g5f/AAB_x9yZ?dl=0",
        (U, "https://www.dropbox.com/scl/fo/8k2j3h4g5f/AAB_x9yZ?dl=0"), note="https www"),
    _it("https://bit.ly/3xYz9Qa <- this is what your 'support' texted me, is it a scam?",
        (U, "https://bit.ly/3xYz9Qa"), note="short link at start"),
    _it("check bit.ly/kitchen-reno-pics",
        (U, "bit.ly/kitchen-reno-pics"), note="bare short link"),
    _it("[my review video](https://www.tiktok.com/@dannyfixesthings/video/7321456789012345678)",
        (U, "https://www.tiktok.com/@dannyfixesthings/video/7321456789012345678"), note="markdown link"),
    _it("Visit my shop <https://www.etsy.com/shop/WillowAndWoolCo> - your packaging ruined 3 orders",
        (U, "https://www.etsy.com/shop/WillowAndWoolCo"), note="angle brackets"),
    _it("Screenshot: https://prnt.sc/u7f3kq2. Error code was E-41.",
        (U, "https://prnt.sc/u7f3kq2"), note="trailing full stop, error code nearby"),
    _it("I wrote about it on my blog: https://www.thesundaypottersblog.co.uk/2024/03/why-i-left-acme/",
        (U, "https://www.thesundaypottersblog.co.uk/2024/03/why-i-left-acme/"), note="path with date, trailing slash"),
    _it("Agent pasted link to customer's Facebook post facebook.com/permalink.php?story_fbid=10158&id=100004567",
        (U, "facebook.com/permalink.php?story_fbid=10158&id=100004567"), note="bare domain with query"),
    _it("Invoice portal http://192.168.10.24:8080/invoices/8812 doesn't load from home obviously",
        (U, "http://192.168.10.24:8080/invoices/8812"), note="IP host with port"),
    _it("My personal site HTTPS://WWW.ANDREWCHOI.NET/CONTACT",
        (U, "HTTPS://WWW.ANDREWCHOI.NET/CONTACT"), note="all upper case"),
    _it("Calendly for call back: https://calendly.com/rachel-osei/15min",
        (U, "https://calendly.com/rachel-osei/15min"), note="personal booking link"),
    _it("The link in the email was https://acmebank-secure-login.info/verify?acct=991823 which looks phishy",
        (U, "https://acmebank-secure-login.info/verify?acct=991823"), note="phishing link"),
    _it("Zoom link from the rep: https://us02web.zoom.us/j/84512367890?pwd=bXlQb2NhV2xU",
        (U, "https://us02web.zoom.us/j/84512367890?pwd=bXlQb2NhV2xU"), note="meeting link with password"),
    _it("review is up on trustpilot: https://uk.trustpilot.com/reviews/65f1a2b3c4d5e6f7a8b9c0d1",
        (U, "https://uk.trustpilot.com/reviews/65f1a2b3c4d5e6f7a8b9c0d1"), note="subdomain + hex id"),
    _it("GitHub issue with logs -> github.com/mkhan-dev/acme-sync/issues/42",
        (U, "github.com/mkhan-dev/acme-sync/issues/42"), note="bare domain, personal repo"),
    _it("My Spotify playlist that your app keeps deleting: https://open.spotify.com/playlist/37i9dQZF1DX0XUsuxWHRQd?si=a1b2c3",
        (U, "https://open.spotify.com/playlist/37i9dQZF1DX0XUsuxWHRQd?si=a1b2c3"), note="query si tracker"),
    _it("photos: https://photos.app.goo.gl/Ab12Cd34Ef56Gh78, https://photos.app.goo.gl/Zz98Yy76Xx54",
        (U, "https://photos.app.goo.gl/Ab12Cd34Ef56Gh78"), (U, "https://photos.app.goo.gl/Zz98Yy76Xx54"),
        note="two URLs separated by comma"),
    _it("The order page www.acmeshop.com/account/orders/1182233?ref=email#details shows the wrong address",
        (U, "www.acmeshop.com/account/orders/1182233?ref=email#details"), note="fragment"),
    _it("Found the same item cheaper at https://www.amazon.co.uk/dp/B08N5WRWNW/ref=sr_1_3?keywords=kettle",
        (U, "https://www.amazon.co.uk/dp/B08N5WRWNW/ref=sr_1_3?keywords=kettle"), note="price-match link"),
    _it("listing: https://www.ebay.de/itm/2254876109",
        (U, "https://www.ebay.de/itm/2254876109"), note="German marketplace"),
    _it("Meine Seite: https://www.schreinerei-müller.de/kontakt",
        (U, "https://www.schreinerei-müller.de/kontakt"), note="IDN host"),
    _it("Page is at http://xn--schreinerei-mller-swb.de too",
        (U, "http://xn--schreinerei-mller-swb.de"), note="punycode host"),
    _it("Shared doc\nhttps://docs.google.com/document/d/1Qw3Er5Ty7Ui9Op/edit\n(view only)",
        (U, "https://docs.google.com/document/d/1Qw3Er5Ty7Ui9Op/edit"), note="URL on its own line"),
    _it("Your cookie banner links to http://acme.example-cdn.net/privacy%20policy%20v2.pdf which is broken",
        (U, "http://acme.example-cdn.net/privacy%20policy%20v2.pdf"), note="percent-encoded path"),
    _it("Link to my complaint on the forum:https://community.acmetelecom.com/t/no-signal-in-ls6/55123",
        (U, "https://community.acmetelecom.com/t/no-signal-in-ls6/55123"), note="no space after colon"),
    _it("My portfolio (kateriley.design) was the one you featured without credit!",
        (U, "kateriley.design"), note="bare personal domain, no path"),
    _it("Go to ftp://files.harbourprint.co.uk/uploads/jobs/4471 for the artwork",
        (U, "ftp://files.harbourprint.co.uk/uploads/jobs/4471"), note="ftp scheme"),
    _it("Referral link https://acme.app/r/JAMIE-K-7731 didn't give me the credit",
        (U, "https://acme.app/r/JAMIE-K-7731"), note="personal referral link"),
    _it("wa.me/447700900461 is my whatsapp, message me there",
        (U, "wa.me/447700900461"), note="WhatsApp click-to-chat link (contains a phone number; counted as URL)"),
    _it("Ticket: https://support.acme.com/hc/requests/558821 (still \"pending\")",
        (U, "https://support.acme.com/hc/requests/558821"), note="ticket link"),
    _it("I posted it https://twitter.com/sam_travels_uk/status/1768234567890123456 and you ignored me",
        (U, "https://twitter.com/sam_travels_uk/status/1768234567890123456"), note="long numeric status id"),
    _it("see https://maps.app.goo.gl/v8Jk3LmN2pQr4 that's my house, driver went to the wrong one",
        (U, "https://maps.app.goo.gl/v8Jk3LmN2pQr4"), note="location link"),
    _it("http://www.oldtownbikes.ie/?utm_source=acme&utm_medium=email&utm_campaign=spring",
        (U, "http://www.oldtownbikes.ie/?utm_source=acme&utm_medium=email&utm_campaign=spring"), note="whole text is a URL with utm"),
    _it("Website - https://harrisonandco.accountants (our practice) - please update your records",
        (U, "https://harrisonandco.accountants"), note="new gTLD, no path"),
]
def _bban(spec: str) -> str:
    """spec: 'n' digit, 'a' upper letter, 'c' alnum; literal chars kept (bank codes)."""
    out = []
    for ch in spec:
        if ch == "n":
            out.append(str(_RNG.randrange(10)))
        elif ch == "a":
            out.append(chr(65 + _RNG.randrange(26)))
        elif ch == "c":
            out.append(_RNG.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"))
        else:
            out.append(ch)
    return "".join(out)


def _g4(s: str, sep: str = " ") -> str:
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


_IB = {
    "DE1": _iban("DE", "37040044" + _bban("nnnnnnnnnn")),
    "DE2": _iban("DE", "50010517" + _bban("nnnnnnnnnn")),
    "DE3": _iban("DE", "10070024" + _bban("nnnnnnnnnn")),
    "DE4": _iban("DE", "20041111" + _bban("nnnnnnnnnn")),
    "GB1": _iban("GB", "NWBK601613" + _bban("nnnnnnnn")),
    "GB2": _iban("GB", "BARC200000" + _bban("nnnnnnnn")),
    "GB3": _iban("GB", "LOYD309634" + _bban("nnnnnnnn")),
    "FR1": _iban("FR", "3000600001" + _bban("nnnnnnnnnnnnn")),
    "FR2": _iban("FR", "2004101005" + _bban("nnnnnnnnnnnnn")),
    "NL1": _iban("NL", "ABNA" + _bban("nnnnnnnnnn")),
    "NL2": _iban("NL", "INGB" + _bban("nnnnnnnnnn")),
    "NL3": _iban("NL", "RABO" + _bban("nnnnnnnnnn")),
    "ES1": _iban("ES", "21000418" + _bban("nnnnnnnnnnnn")),
    "ES2": _iban("ES", "00491500" + _bban("nnnnnnnnnnnn")),
    "IT1": _iban("IT", "X0542811101" + _bban("nnnnnnnnnnnn")),
    "IT2": _iban("IT", "K0306909606" + _bban("nnnnnnnnnnnn")),
    "BE1": _iban("BE", _bban("nnnnnnnnnnnn")),
    "BE2": _iban("BE", _bban("nnnnnnnnnnnn")),
    "CH1": _iban("CH", "00762" + _bban("nnnnnnnnnnnn")),
    "AT1": _iban("AT", "12000" + _bban("nnnnnnnnnnn")),
    "AT2": _iban("AT", "20111" + _bban("nnnnnnnnnnn")),
    "IE1": _iban("IE", "AIBK931152" + _bban("nnnnnnnn")),
    "IE2": _iban("IE", "BOFI900017" + _bban("nnnnnnnn")),
    "PL1": _iban("PL", "10901014" + _bban("nnnnnnnnnnnnnnnn")),
    "PT1": _iban("PT", "0002" + _bban("nnnnnnnnnnnnnnnnn")),
    "SE1": _iban("SE", "500" + _bban("nnnnnnnnnnnnnnnnn")),
    "DK1": _iban("DK", "0040" + _bban("nnnnnnnnnn")),
    "NO1": _iban("NO", "8601" + _bban("nnnnnnn")),
    "LU1": _iban("LU", "001" + _bban("nnnnnnnnnnnnn")),
    "FI1": _iban("FI", "123456" + _bban("nnnnnnnn")),
}

_de1g = _g4(_IB["DE1"])
_gb1g = _g4(_IB["GB1"])
_fr1g = _g4(_IB["FR1"])
_split_it = _g4(_IB["IT1"])

IBAN_ITEMS = [
    _it(f"Please refund to my account, IBAN {_de1g}, Kontoinhaber M. Schulz",
        (I, _de1g), note="DE, grouped by 4 with spaces (print format)"),
    _it(f"IBAN: {_IB['DE2']} BIC: INGDDEFFXXX",
        (I, _IB["DE2"]), note="DE, ungrouped, BIC nearby"),
    _it(f"my iban is {_IB['DE3'].lower()} thx",
        (I, _IB["DE3"].lower()), note="DE, lower case ungrouped"),
    _it(f"Rückerstattung bitte auf {_g4(_IB['DE4']).lower()} überweisen",
        (I, _g4(_IB["DE4"]).lower()), note="DE, lower case grouped"),
    _it(f"Bank details for the refund: {_gb1g} (NatWest)",
        (I, _gb1g), note="GB, grouped"),
    _it(f"IBAN:{_IB['GB2']}",
        (I, _IB["GB2"]), note="GB, glued to label"),
    _it(f"Agent note: customer provided IBAN {_g4(_IB['GB3'], '-')} for goodwill payment of GBP 25.00",
        (I, _g4(_IB["GB3"], "-")), note="GB, grouped with dashes, amount nearby"),
    _it(f"Merci de rembourser sur mon compte {_fr1g}. Cordialement, Claire",
        (I, _fr1g), note="FR, grouped, full stop after"),
    _it(f"RIB/IBAN : {_IB['FR2']}",
        (I, _IB["FR2"]), note="FR, French spacing before colon"),
    _it(f"Graag terugstorten op {_g4(_IB['NL1'])} t.n.v. J. de Boer",
        (I, _g4(_IB["NL1"])), note="NL, grouped"),
    _it(f"iban {_IB['NL2'].lower()}",
        (I, _IB["NL2"].lower()), note="NL, lower case"),
    _it(f"Refund to {_IB['NL3']}, not to the card please",
        (I, _IB["NL3"]), note="NL, ungrouped mid-sentence"),
    _it(f"Cuenta para la devolución: {_g4(_IB['ES1'])}",
        (I, _g4(_IB["ES1"])), note="ES, grouped"),
    _it(f"ES cuenta {_IB['ES2']} (titular: Javier Ortega)",
        (I, _IB["ES2"]), note="ES, ungrouped"),
    _it(f"Il mio IBAN è {_split_it[:14]}\n{_split_it[15:]}",
        (I, f"{_split_it[:14]}\n{_split_it[15:]}"), note="IT, grouped, split across two lines"),
    _it(f"Rimborso su IBAN {_IB['IT2']}, grazie",
        (I, _IB["IT2"]), note="IT, ungrouped"),
    _it(f"Rekeningnummer: {_g4(_IB['BE1'])}",
        (I, _g4(_IB["BE1"])), note="BE, grouped"),
    _it(f"[10:12] Client: mon IBAN c'est {_IB['BE2']}\n[10:13] Agent: merci",
        (I, _IB["BE2"]), note="BE, chat transcript"),
    _it(f"Konto für Gutschrift: {_g4(_IB['CH1'])} (UBS)",
        (I, _g4(_IB["CH1"])), note="CH, grouped, 21 chars"),
    _it(f"Bitte auf {_IB['AT1']} rücküberweisen.",
        (I, _IB["AT1"]), note="AT, ungrouped, full stop after"),
    _it(f"Kontonummer (IBAN) {_IB['AT2'][:4]} {_IB['AT2'][4:9]} {_IB['AT2'][9:]}",
        (I, f"{_IB['AT2'][:4]} {_IB['AT2'][4:9]} {_IB['AT2'][9:]}"), note="AT, grouped by bank structure 4-5-11 not by 4"),
    _it(f"Refund to my AIB account please - {_g4(_IB['IE1'])}",
        (I, _g4(_IB["IE1"])), note="IE, grouped"),
    _it(f"iban={_IB['IE2']};bic=BOFIIE2D",
        (I, _IB["IE2"]), note="IE, key=value"),
    _it(f"Proszę o zwrot na konto {_g4(_IB['PL1'])}",
        (I, _g4(_IB["PL1"])), note="PL, grouped, 28 chars"),
    _it(f"NIB/IBAN {_IB['PT1']} obrigado",
        (I, _IB["PT1"]), note="PT, ungrouped"),
    _it(f"Återbetalning till {_g4(_IB['SE1'])}",
        (I, _g4(_IB["SE1"])), note="SE, grouped"),
    _it(f"Customer (DK) gave IBAN {_IB['DK1'][:2]} {_IB['DK1'][2:4]} {_IB['DK1'][4:]} over the phone",
        (I, f"{_IB['DK1'][:2]} {_IB['DK1'][2:4]} {_IB['DK1'][4:]}"), note="DK, odd grouping CC KK rest"),
    _it(f"kontonr for refusjon {_g4(_IB['NO1'])}",
        (I, _g4(_IB["NO1"])), note="NO, grouped, short 15 chars"),
    _it(f"Remboursement: {_g4(_IB['LU1'])}.",
        (I, _g4(_IB["LU1"])), note="LU, grouped with full stop"),
    _it(f"Palautus tilille {_g4(_IB['FI1'])}, kiitos! Also sent to {_IB['DE1'].lower()} by mistake?",
        (I, _g4(_IB["FI1"])), (I, _IB["DE1"].lower()), note="FI grouped + DE lower case in same text"),
    _it(f"IBAN (for SEPA): {_g4(_IB['GB1'], '  ')}",
        (I, _g4(_IB["GB1"], "  ")), note="GB, double spaces between groups"),
]

_SSN = [_ssn() for _ in range(41)]


def _s(i: int, sep: str = "-") -> str:
    x = _SSN[i]
    return f"{x[:3]}{sep}{x[3:5]}{sep}{x[5:]}"


SSN_ITEMS = [
    _it(f"They asked for my SSN {_s(0)} over the phone, is that normal?", (S, _s(0)), note="dashes"),
    _it(f"Social security number: {_s(1)}", (S, _s(1)), note="dashes, labelled"),
    _it(f"SSN# {_s(2, ' ')}", (S, _s(2, " ")), note="spaces"),
    _it(f"my social is {_SSN[3]} and DOB 04/12/1987", (S, _SSN[3]), note="no separators, date nearby"),
    _it(f"Caller verified last name + SSN ({_s(4)}) and zip.", (S, _s(4)), note="in parentheses, call note"),
    _it(f"ss# {_s(5, '.')}", (S, _s(5, ".")), note="dots"),
    _it(f"Form rejected my SSN {_s(6, '–')} because of the dash?", (S, _s(6, "–")), note="en dashes"),
    _it(f"SSN: {_s(7, '/')}", (S, _s(7, "/")), note="slashes"),
    _it(f"I typed {_s(8)} as my social and it said invalid. It's definitely right.", (S, _s(8)), note="unlabelled but contextual"),
    _it(f"[Agent] Can you confirm your Social?\n[Customer] {_s(9)}\n[Agent] Thank you.", (S, _s(9)), note="chat transcript, own line"),
    _it(f"soc sec no {_SSN[10][:3]} {_SSN[10][3:5]}-{_SSN[10][5:]}", (S, f"{_SSN[10][:3]} {_SSN[10][3:5]}-{_SSN[10][5:]}"), note="mixed space and dash"),
    _it(f"Tax form W-9 has the wrong SSN, should be {_s(11)} not {_s(12)}", (S, _s(11)), (S, _s(12)), note="two SSNs, W-9 form code nearby"),
    _it(f"SSN:{_SSN[13]}", (S, _SSN[13]), note="glued to label, no separators"),
    _it(f"My husband's social security # is {_s(14)}, he's the primary on the account", (S, _s(14)), note="third party"),
    _it(f"Applicant SSN {_s(15, ' - ')} (verified)", (S, _s(15, " - ")), note="spaced dashes"),
    _it(f"why does the app show my full social ({_s(16)}) on the profile page?? privacy nightmare", (S, _s(16)), note="app review"),
    _it(f"SOCIAL SECURITY NO. {_s(17)}", (S, _s(17)), note="upper case label"),
    _it(f"ssn {_s(18)}, dob 1/9/72, mother's maiden name Kowalski", (S, _s(18)), note="lower case label, DOB nearby"),
    _it(f"Customer read SSN as {_SSN[19][:3]}-{_SSN[19][3:5]}{_SSN[19][5:]}", (S, f"{_SSN[19][:3]}-{_SSN[19][3:5]}{_SSN[19][5:]}"), note="only first dash"),
    _it(f"Identity check: SSN {_s(20, '_')}", (S, _s(20, "_")), note="underscores"),
    _it(f"for the background check my social is\n{_s(21)}", (S, _s(21)), note="after line break"),
    _it(f"TIN/SSN = {_s(22)}", (S, _s(22)), note="TIN/SSN label"),
    _it(f"my SSN is {' '.join(_SSN[23])}", (S, " ".join(_SSN[23])), note="every digit spaced (read out)"),
    _it(f"The agent repeated my social {_s(24)} out loud in a busy store. Unacceptable.", (S, _s(24)), note="survey complaint"),
    _it(f"Please update records: SSN {_s(25)}, new address to follow", (S, _s(25)), note="e-mail style"),
    _it(f"Soc. Sec. #: {_s(26)}", (S, _s(26)), note="abbreviated label"),
    _it(f"Numero de seguro social: {_s(27)}", (S, _s(27)), note="Spanish label"),
    _it(f"SSN {_SSN[28]} - tried with and without dashes", (S, _SSN[28]), note="no separators"),
    _it(f"Dependent: Emma R., SSN {_s(29)}, age 7", (S, _s(29)), note="dependent's SSN"),
    _it(f"social security {_s(30, '. ')}", (S, _s(30, ". ")), note="dot-space separators"),
    _it(f"{_s(31)} is my social and I want it REMOVED from your system", (S, _s(31)), note="at start of text"),
    _it(f"Verified caller via ssn ending... actually full ssn given: {_s(32)}", (S, _s(32)), note="note corrected to full SSN"),
    _it(f"SSN ({_SSN[33]})", (S, _SSN[33]), note="no separators in parentheses"),
    _it(f"the 1099 you sent lists SSN {_s(34)} which is NOT mine", (S, _s(34)), note="form number nearby"),
    _it(f"Member SSN: {_s(35)} | Member since 2011 | Tier: Gold", (S, _s(35)), note="pipe-delimited"),
    _it(f"SSN -> {_s(36)} <- please mask this in your emails!!!", (S, _s(36)), note="arrows"),
    _it(f"Social:\t{_s(37)}", (S, _s(37)), note="tab separated"),
    _it(f"ssn {_s(38, ' ')} thanks", (S, _s(38, " ")), note="spaces, lower case label"),
    _it(f"Customer's SSN is {_s(39, '‐')} per the ID scan", (S, _s(39, "‐")), note="unicode hyphen U+2010"),
    _it(f"Re-sending: my SSN is {_s(40)}. Last time your form cut off the last digit ({_s(40)[:-1]}).",
        (S, _s(40)), note="full SSN plus a truncated 8-digit copy that is not counted"),
]
_BRANDS = {
    "visa": lambda: _card("4", 16),
    "visa13": lambda: _card("4", 13),
    "visa19": lambda: _card("4", 19),
    "mc": lambda: _card("5" + str(_RNG.randint(1, 5)), 16),
    "mc2": lambda: _card(_RNG.choice(["2221", "2305", "2499", "2720", "2638"]), 16),
    "amex": lambda: _card(_RNG.choice(["34", "37"]), 15),
    "disc": lambda: _card(_RNG.choice(["6011", "65", "644", "649"]), 16),
    "disc19": lambda: _card("6011", 19),
    "diners": lambda: _card("36", 14),
    "jcb": lambda: _card(str(_RNG.randint(3528, 3589)), 16),
    "unionpay": lambda: _card("62", 19),
}


def _fmt(d: str, style: str) -> str:
    n = len(d)
    std = {15: (4, 6, 5), 14: (4, 6, 4), 13: (4, 4, 5), 19: (4, 4, 4, 4, 3)}.get(n, (4, 4, 4, 4))
    if style == "space":
        return _group(d, std, " ")
    if style == "none":
        return d
    if style == "dash":
        return _group(d, std, "-")
    if style == "dot":
        return _group(d, std, ".")
    if style == "slash":
        return _group(d, std, "/")
    if style == "under":
        return _group(d, std, "_")
    if style == "endash":
        return _group(d, std, "–")
    if style == "dspace":
        return _group(d, std, "  ")
    if style == "spdash":
        return _group(d, std, " - ")
    if style == "mixed":
        parts = [d[0:4], d[4:8], d[8:12], d[12:]]
        return parts[0] + "-" + parts[1] + " " + parts[2] + "." + parts[3]
    if style == "odd4534":
        return _group(d, (4, 5, 3, 4), " ")
    if style == "odd88":
        return _group(d, (8, 8), " ")
    if style == "odd3334":
        return _group(d, (3, 3, 3, 3, 4), " ")
    if style == "amex4443":
        return _group(d, (4, 4, 4, 3), " ")
    if style == "pairs":
        return " ".join(d[i:i + 2] for i in range(0, n, 2))
    if style == "digits":
        return " ".join(d)
    if style == "fw":
        return _group(d, std, " ").translate(_FULLWIDTH)
    if style == "fwnone":
        return d.translate(_FULLWIDTH)
    if style == "split":
        g = _group(d, std, " ").split(" ")
        h = len(g) // 2
        return " ".join(g[:h]) + "\n" + " ".join(g[h:])
    if style == "splitnone":
        return d[:8] + "\n" + d[8:]
    raise ValueError(style)


_CARD_SPECS = (
    [("visa", "space")] * 10 + [("mc", "space")] * 6 + [("mc2", "space")] * 2 + [("disc", "space")] * 3
    + [("amex", "space")] * 4 + [("jcb", "space")] + [("diners", "space")] + [("visa19", "space")]
    + [("visa13", "space")] + [("unionpay", "space")]
    + [("visa", "none")] * 6 + [("mc", "none")] * 4 + [("amex", "none")] * 3 + [("disc", "none")] * 2
    + [("disc19", "none")] + [("visa13", "none")]
    + [("visa", "dash")] * 5 + [("mc", "dash")] * 3 + [("amex", "dash")] * 2 + [("disc", "dash")] * 2
    + [("visa", "dot")] * 3 + [("mc", "dot")] * 2
    + [("visa", "slash")] * 2 + [("mc", "slash")] * 2
    + [("visa", "under")] * 2 + [("mc", "under")] * 2
    + [("visa", "endash")] * 2 + [("mc", "endash")] + [("amex", "endash")]
    + [("visa", "dspace")] * 2 + [("mc", "spdash")] * 2
    + [("visa", "mixed")] * 2 + [("mc", "mixed")]
    + [("visa", "odd4534")] * 2 + [("mc", "odd4534")] + [("visa", "odd88")] * 2 + [("mc", "odd3334")]
    + [("amex", "amex4443")] * 2
    + [("visa", "pairs")] + [("mc", "digits")]
    + [("visa", "fw")] * 2 + [("mc", "fwnone")] + [("amex", "fw")]
    + [("visa", "split")] * 2 + [("mc", "split")] + [("amex", "split")] + [("visa", "splitnone")]
    + [("visa", "space")] * 3 + [("mc", "none")] * 2 + [("amex", "dash")] + [("disc", "dot")]
)
# Mistyped cards (last digit off by one, so they fail Luhn) that customers still presented as their
# card: counted as CARD, because a 13-19 digit number offered as a card is a card number to a reader.
_BAD_SPECS = [("visa", "space"), ("mc", "none"), ("visa", "dash"), ("amex", "space"),
              ("disc", "space"), ("mc", "dash"), ("visa", "none"), ("mc2", "space")]

_CARD_TEMPLATES = [
    "I was charged twice on my card {c} for the same order!!",
    "Card number: {c}\nExp: {e}\nCVV: {v}",
    "[15:22] Customer: the card is {c}\n[15:22] Agent: Please don't share full card numbers in chat.",
    "Pls refund to {c} not to my paypal",
    "Customer read card {c} exp {e} over the phone before agent could stop them. Call recording flagged.",
    "my visa {c} got declined 3 times but works everywhere else",
    "Hi, I'd like to update my payment method to {c}, expiry {e}. Thanks, Dave",
    "card {c} - why is there a pending charge of $49.99??",
    "The app saved my card as {c} in plain text on the receipt screen. Huge security issue. 1 star.",
    "Refund should go back to the card I paid with ({c}).",
    "Fraud! someone used my card {c} on your site on 03/11, I never ordered anything",
    "cc: {c} exp {e} cvc {v} - please just process it, your checkout keeps crashing",
    "Paid with card ending... actually here's the whole number {c} so you can find it",
    "Payment details:\nName on card: R. Thompson\nCard: {c}\nValid thru: {e}",
    "You charged {c} instead of my gift card. Order 1182-5531.",
    "Kreditkarte {c}, bitte Rückbuchung prüfen",
    "pay with this one {c}",
    "Agent note 11:05: cust gave new card {c}; old card expired {e}. Updated billing.",
    "{c} is the card, the charge was 19.99 on the 12th",
    "My Amex {c} was charged a foreign transaction fee even though you're a UK company",
    "card no. {c} thx",
    "Why does your email confirmation show my full card number {c}?! Only the last 4 should show.",
    "Tried to pay using {c} and got error 502, then got charged anyway",
    "Hello, my daughter used my card ({c}) without permission, please cancel the subscription.",
    "Carte bancaire : {c} - merci de rembourser",
    "tarjeta {c} cobro duplicado",
    "Card used: {c} / amount: EUR 120.00 / date: 2024-02-18",
    "#refund {c} @AcmeHelp",
    "number on the front of the card is {c}, the security code on the back is {v}",
    "Billing issue. Card {c}. Please call.",
    "Customer insisted on reading card number in full: {c}. Advised not to share in future.",
    "its {c} expiry {e} thanks mate",
    "the card I registered is {c} but your system shows a different one",
    "Visa debit {c} - the refund of £35 hasn't appeared after 10 working days",
    "please charge the balance to my corporate card {c} (PO 55102)",
    "Transaction on {c} was declined at the till but the money left my account.",
    "Subscription renewal charged to old card {c}, I told you to use the new one",
    "chat: \"ok my card is {c}\" \"thank you, one moment\"",
    "My mastercard {c} got a charge of 0.00 and then 1.00, what is this?",
    "CC#{c}",
]



def _brand_fits(template: str, brand: str) -> bool:
    low = template.lower()
    if "amex" in low:
        return brand == "amex"
    if "visa" in low:
        return brand.startswith("visa")
    if "mastercard" in low:
        return brand.startswith("mc")
    return True


def _card_items() -> list:
    items = []
    for i, (brand, style) in enumerate(_CARD_SPECS + _BAD_SPECS):
        bad = i >= len(_CARD_SPECS)
        num = _BRANDS[brand]()
        if bad:
            num = _bad_last_digit(num)
        shown = _fmt(num, style)
        exp = f"{_RNG.randint(1, 12):02d}/{_RNG.randint(25, 30)}"
        cvv = _digits(4 if brand == "amex" else 3)
        k = (i * 7) % len(_CARD_TEMPLATES)
        while not _brand_fits(_CARD_TEMPLATES[k], brand):
            k = (k + 1) % len(_CARD_TEMPLATES)
        tmpl = _CARD_TEMPLATES[k]
        items.append(_it(
            tmpl.format(c=shown, e=exp, v=cvv), (C, shown),
            note=f"{brand} {len(num)} digits, style={style}" + (", Luhn-INVALID (mistyped), still counted" if bad else ""),
        ))

    return items


CARD_ITEMS = _card_items()
_c1, _c2 = _fmt(_BRANDS["visa"](), "space"), _fmt(_BRANDS["mc"](), "dash")
_c3 = _BRANDS["amex"]()
_c4 = _BRANDS["visa"]()
CARD_ITEMS += [
    _it(f"I have two cards on file, {_c1} and {_c2}, and you charged the wrong one",
        (C, _c1), (C, _c2), note="two cards in one text (visa spaces, mastercard dashes)"),
    _it(f"Statement shows the card ending in {_c3[-4:]}... sorry, the full amex is {_c3[:4]} {_c3[4:10]} {_c3[10:]}",
        (C, f"{_c3[:4]} {_c3[4:10]} {_c3[10:]}"), note="amex 4-6-5 after a partial that is not counted"),
    _it(f"card: {_c4[:4]} {_c4[4:8]} {_c4[8:12]} {_c4[12:]} (the one ending {_c4[-4:]})",
        (C, f"{_c4[:4]} {_c4[4:8]} {_c4[8:12]} {_c4[12:]}"), note="full card plus its last four again; only the full number counts"),
]
PHONE_ITEMS = [
    # US / Canada
    _it("Call me back at (312) 555-0147, I'm free after 5pm", (P, "(312) 555-0147"), note="US (NPA) NXX-XXXX, time nearby"),
    _it("my cell is 415-555-0199", (P, "415-555-0199"), note="US dashes"),
    _it("Phone: 646.555.0123", (P, "646.555.0123"), note="US dots"),
    _it("text me 2125550188 when the driver is close", (P, "2125550188"), note="US 10 digits, no separators"),
    _it("Best number to reach me: +1 617 555 0134", (P, "+1 617 555 0134"), note="US +1 spaces"),
    _it("+1-303-555-0172 is my husband's number, he handles the account", (P, "+1-303-555-0172"), note="US +1 dashes at start"),
    _it("Customer callback number 1-800-555-0161 ext. 204 (work)", (P, "1-800-555-0161"), note="US leading 1, extension excluded from value"),
    _it("Reach me on 1 (718) 555-0109 x12", (P, "1 (718) 555-0109"), note="US 1 (NPA), x extension excluded"),
    _it("Agent note: cb # 713 555 0155, pref. mornings", (P, "713 555 0155"), note="US spaces, call note"),
    _it("my number changed to (206)555-0142", (P, "(206)555-0142"), note="US no space after bracket"),
    _it("Call 604-555-0117 (Vancouver) anytime before 9 PST", (P, "604-555-0117"), note="Canada"),
    _it("number is 312/555-0166", (P, "312/555-0166"), note="US slash after area code"),
    _it("phone: +1 (469) 555-0130 ext 55", (P, "+1 (469) 555-0130"), note="US +1 (NPA), ext excluded"),
    _it("Please call 905 555 0198 or 905 555 0101, either works", (P, "905 555 0198"), (P, "905 555 0101"), note="two US numbers"),
    _it("his number: 555-0143 (same area code as me, 512)", (P, "555-0143"), note="US 7-digit local number"),
    _it("call me @ 786.555.0152!!!", (P, "786.555.0152"), note="US dots after @"),
    _it("Ph#: 1.404.555.0127", (P, "1.404.555.0127"), note="US 1. prefix with dots"),
    _it("my number is four one five, five five five, zero one nine two", (P, "four one five, five five five, zero one nine two"), note="US spoken, words"),
    _it("call 4 1 5 5 5 5 0 1 3 8 pls", (P, "4 1 5 5 5 5 0 1 3 8"), note="US every digit spaced"),
    _it("+1 (415) 555‑0181", (P, "+1 (415) 555‑0181"), note="US with non-breaking hyphen U+2011"),
    # UK
    _it("Mobile: 07700 900123", (P, "07700 900123"), note="UK mobile 5-6"),
    _it("ring me on 07700900461 after 6", (P, "07700900461"), note="UK mobile no spaces"),
    _it("My number is +44 7700 900987, I'm abroad at the moment", (P, "+44 7700 900987"), note="UK +44 mobile"),
    _it("Tel: +44 (0)20 7946 0958", (P, "+44 (0)20 7946 0958"), note="UK +44 (0) London"),
    _it("contact number 020 7946 0321 (office hours)", (P, "020 7946 0321"), note="UK London landline"),
    _it("please call 0161 496 0752 and ask for Jo", (P, "0161 496 0752"), note="UK Manchester landline"),
    _it("0044 7700 900314 is my uk number", (P, "0044 7700 900314"), note="UK 0044 prefix"),
    _it("Tel (0113) 496 0602", (P, "(0113) 496 0602"), note="UK bracketed area code"),
    _it("customer mob 07700-900-555", (P, "07700-900-555"), note="UK mobile dashes"),
    _it("Number: 01632 960 104", (P, "01632 960 104"), note="UK 5-3-3"),
    _it("call me on oh seven seven double oh nine double oh four one two", (P, "oh seven seven double oh nine double oh four one two"), note="UK spoken with 'oh' and 'double'"),
    _it("+447700900278", (P, "+447700900278"), note="UK E.164 whole text"),
    _it("my work number is 0131 496 0077 ext 3301", (P, "0131 496 0077"), note="UK Edinburgh with extension excluded"),
    _it("Mob. 07700.900.802", (P, "07700.900.802"), note="UK dots"),
    # Ireland
    _it("Ring me on 087 123 4567 thanks", (P, "087 123 4567"), note="IE mobile"),
    _it("Tel: +353 1 555 0122", (P, "+353 1 555 0122"), note="IE Dublin +353"),
    _it("call 00353 86 555 0190 from abroad", (P, "00353 86 555 0190"), note="IE 00353"),
    # Germany / Austria / Switzerland
    _it("Rückruf bitte unter 030 12345678", (P, "030 12345678"), note="DE Berlin landline"),
    _it("Tel.: 030/2345678-0", (P, "030/2345678-0"), note="DE slash with switchboard suffix"),
    _it("Handy: 0151 23456789", (P, "0151 23456789"), note="DE mobile"),
    _it("erreichbar unter +49 (0)171 2345678", (P, "+49 (0)171 2345678"), note="DE +49 (0)"),
    _it("meine Nummer: 0049 89 45671234", (P, "0049 89 45671234"), note="DE 0049 Munich"),
    _it("+49-176-12345678 (WhatsApp)", (P, "+49-176-12345678"), note="DE dashes"),
    _it("Tel. +43 664 1234567", (P, "+43 664 1234567"), note="AT mobile"),
    _it("Bitte rufen Sie mich an: 044 668 18 00", (P, "044 668 18 00"), note="CH Zurich 3-3-2-2"),
    _it("+41 79 555 12 34 ist meine Handynummer", (P, "+41 79 555 12 34"), note="CH mobile +41"),
    # France / Benelux / Southern Europe / Nordics
    _it("Mon numéro : 06 12 34 56 78", (P, "06 12 34 56 78"), note="FR mobile pairs"),
    _it("rappelez-moi au 06.45.78.12.90", (P, "06.45.78.12.90"), note="FR dots"),
    _it("Tél : +33 6 71 23 45 89", (P, "+33 6 71 23 45 89"), note="FR +33"),
    _it("bureau 01 42 68 53 00 ou portable 0712345678", (P, "01 42 68 53 00"), (P, "0712345678"), note="FR landline + mobile no spaces"),
    _it("+33 (0)1 42 68 53 11", (P, "+33 (0)1 42 68 53 11"), note="FR +33 (0)"),
    _it("Bel me op 06-12345678", (P, "06-12345678"), note="NL mobile dash"),
    _it("mijn nummer is +31 6 1234 5678", (P, "+31 6 1234 5678"), note="NL +31"),
    _it("tel. 020-5551234 (kantoor)", (P, "020-5551234"), note="NL Amsterdam landline"),
    _it("GSM: 0470 12 34 56", (P, "0470 12 34 56"), note="BE mobile"),
    _it("Llámame al 612 34 56 78", (P, "612 34 56 78"), note="ES mobile 3-2-2-2"),
    _it("mi móvil +34 655 123 456", (P, "+34 655 123 456"), note="ES +34"),
    _it("cell +39 333 123 4567", (P, "+39 333 123 4567"), note="IT +39 mobile"),
    _it("chiamatemi al 347 1234567", (P, "347 1234567"), note="IT mobile 3-7"),
    _it("ring mig på 070-123 45 67", (P, "070-123 45 67"), note="SE mobile"),
    _it("Tlf: +45 20 12 34 56", (P, "+45 20 12 34 56"), note="DK +45 pairs"),
    _it("zadzwoń: +48 512 345 678", (P, "+48 512 345 678"), note="PL +48"),
    _it("telemóvel 912 345 678", (P, "912 345 678"), note="PT mobile"),
    # India
    _it("My number is +91 98765 43210, please call after 7 pm IST", (P, "+91 98765 43210"), note="IN +91 5-5"),
    _it("contact no:- 9876543210", (P, "9876543210"), note="IN 10 digits no separators"),
    _it("call me 098765 43210", (P, "098765 43210"), note="IN leading 0"),
    _it("mob: +91-99887-66554", (P, "+91-99887-66554"), note="IN dashes"),
    _it("landline 011-2345 6789 (Delhi)", (P, "011-2345 6789"), note="IN Delhi landline STD code"),
    _it("whatsapp 91 8123456789", (P, "91 8123456789"), note="IN 91 without plus"),
    _it("Pls call on 080 4123 4567 Bangalore office", (P, "080 4123 4567"), note="IN Bangalore landline"),
    _it("number is +919812345678", (P, "+919812345678"), note="IN E.164"),
    # Australia / NZ
    _it("Mobile 0412 345 678", (P, "0412 345 678"), note="AU mobile 4-3-3"),
    _it("call me on +61 412 345 678", (P, "+61 412 345 678"), note="AU +61"),
    _it("ph (02) 9876 5432 business hours", (P, "(02) 9876 5432"), note="AU Sydney bracketed"),
    _it("+61 2 9876 5400 is the office", (P, "+61 2 9876 5400"), note="AU +61 landline"),
    _it("Mob: 04 1234 5678", (P, "04 1234 5678"), note="AU mobile 2-4-4"),
    _it("my number is 0491570156", (P, "0491570156"), note="AU mobile no spaces"),
    _it("NZ number 021 123 4567", (P, "021 123 4567"), note="NZ mobile"),
    _it("+64 9 555 0123 (Auckland)", (P, "+64 9 555 0123"), note="NZ +64"),
    # mixed contexts
    _it("Kind regards,\nHelen Park\nT: +44 20 7946 0411\nM: 07700 900 733\nE: helen.park@parkandlane.co.uk",
        (P, "+44 20 7946 0411"), (P, "07700 900 733"), (E, "helen.park@parkandlane.co.uk"), note="e-mail signature block"),
    _it("[09:14] Customer: can someone call me? 0412 555 019\n[09:15] Agent: sure, what time?",
        (P, "0412 555 019"), note="AU mobile in chat transcript"),
    _it("tel:+12025550173", (P, "+12025550173"), note="tel: URI (prefix not part of value)"),
    _it("my number's 07700\n900196 sorry autocorrect", (P, "07700\n900196"), note="UK mobile split by line break"),
    _it("電話: ０９０-１２３４-５６７８", (P, "０９０-１２３４-５６７８"), note="JP mobile fullwidth digits"),
    _it("phone (mobile) - 0 7 7 0 0 9 0 0 5 5 1", (P, "0 7 7 0 0 9 0 0 5 5 1"), note="UK every digit spaced"),
]
NEGATIVE_ITEMS = [
    # dates and times
    _it("Ordered on 2024-03-15, arrived 2024-03-29. Two weeks for a kettle!", note="ISO dates"),
    _it("Booked for 03/15/2024 at 10:30am but the engineer came on 03/18/2024 at 4:45pm", note="US dates and times"),
    _it("Delivery window 08:00-12:00 on 15.03.2024, nobody came", note="time range + dotted date"),
    _it("Appointment moved from 12/04/24 to 19/04/24 without asking me", note="UK short dates"),
    _it("Open 9-5 Mon-Fri, 10-4 Sat, closed Sunday. Too short!", note="opening hours"),
    _it("Waited from 14:05 to 15:50 on hold. 1 hour 45 minutes.", note="times and durations"),
    _it("Customer since 2009 - 2024 is the worst year of service so far", note="years and year range"),
    _it("Call on 2024-01-08 at 09:14:33 UTC lasted 00:23:41", note="timestamps and duration"),
    _it("The event is 21–23 June 2024, tickets bought 1 Feb", note="date range with en dash"),
    _it("Timestamp 1710499200 in the error log, then 1710499260", note="unix timestamps (10 digits)"),
    _it("My subscription renews every 30 days, last renewal 2023-12-31T23:59:59Z", note="ISO-8601 datetime"),
    _it("Q3 2023 vs Q4 2023: prices up 12.5% and 8.75%", note="quarters and percentages"),
    _it("Born 1987, customer for 15 yrs, 3 kids, 2 dogs, 1 very angry husband", note="small numbers"),
    _it("Flight left at 06:55, landed 09:40, bags came out at 11:20", note="times"),
    _it("Week 12 / 2024, shift 22:00-06:00, 3 nights in a row", note="week numbers and shift times"),
    # money and quantities
    _it("Charged $1,249.99 instead of $249.99. That's $1,000.00 extra!", note="US amounts"),
    _it("Rechnung über 1.299,00 € statt 999,00 €", note="German amounts"),
    _it("Refund of £35.50 pending since 10/02, balance now -£120.75", note="GBP amounts, negative"),
    _it("Paid ₹12,499 for the phone, now it's ₹9,999 a week later", note="INR amounts"),
    _it("Total: 3 x 19.99 = 59.97 + 4.95 shipping = 64.92", note="arithmetic with amounts"),
    _it("Salary 45000 per year, the loan calculator said 1234.56/month", note="plain numbers"),
    _it("Bought 2 packs of 24 for AUD 38.40, got 1 pack of 12", note="quantities and AUD"),
    _it("Price went from 4 999 kr to 5 499 kr overnight", note="Scandinavian amounts with spaces"),
    _it("It was 1 234 567 points in my account and now it's 234 567", note="large numbers with space thousands separators"),
    _it("Fuel surcharge CHF 12.50, tax 7.7%, total CHF 180.35", note="CHF and VAT"),
    _it("5 @ $3.99 each, but I was charged 5 @ $4.99", note="@ used as 'at', not an e-mail"),
    _it("Data usage 12.4 GB of 20 GB, 62% used on day 9 of 30", note="data usage"),
    _it("The fridge is 178 x 60 x 65 cm, 250 litres, 42 dB - box said 39 dB", note="dimensions"),
    _it("Shipment weight 12.5 kg, billed as 25 kg volumetric", note="weights"),
    _it("Scored it 2/10. Last year I'd have given 9/10.", note="ratings with slash"),
    # order / reference / tracking numbers
    _it("Order #112-4938571-2291534 never arrived", note="Amazon-style order number 3-7-7 (17 digits)"),
    _it("order number 4501238876 - still shows processing", note="10-digit order number (phone-length)"),
    _it("Order 100045723 was split into 3 parcels", note="9-digit order number (SSN-length)"),
    _it("Reference: 7741-2290-5513", note="12-digit reference in groups of 4"),
    _it("Your tracking number 1Z999AA10123456784 shows delivered but nothing here", note="UPS tracking number"),
    _it("USPS tracking 9400 1000 0000 0000 0000 00 hasn't updated in a week", note="USPS 22-digit tracking grouped by 4"),
    _it("Royal Mail tracking AB123456789GB stuck at the depot", note="Royal Mail tracking"),
    _it("DHL Sendungsnummer 00340434161094042557 - seit 5 Tagen im Zollamt", note="DHL 20-digit tracking"),
    _it("FedEx 7489 2231 0045 says delivered to front door, there is no front door", note="FedEx 12-digit tracking grouped"),
    _it("Case number 03151234, ticket INC0012345, both closed without fixing", note="case and incident numbers"),
    _it("Complaint ref CX-2024-000817 - please escalate", note="alphanumeric reference"),
    _it("Invoice INV-2024-03-0042 has the wrong VAT", note="invoice number with date-like parts"),
    _it("Booking ref QX7TZ2, confirmation 8834 1120", note="PNR and 8-digit confirmation"),
    _it("My membership no. is 0004 5512 8873 and it won't scan", note="12-digit loyalty number in groups"),
    _it("Transaction ID 8452193766201184 appears twice on the merchant portal", note="16-digit transaction id, labelled as such"),
    _it("Parcel ID 6142 0098 7731 2205 1180 - courier says 'address not found'", note="20-digit parcel id grouped"),
    _it("Claim number 2024/118/33910 was rejected", note="claim number with slashes"),
    _it("Meter reading 045218, previous 044730, so 488 units", note="meter readings"),
    _it("Policy no. POL-88213-UK renewed at 12% more", note="policy number"),
    _it("Return authorisation RMA 77-3391-02 issued 2 weeks ago", note="RMA number"),
    _it("Voucher code SPRING24-7K3Q didn't work", note="voucher code"),
    _it("Gift card balance check for card ID GC-5561-0923 says 0.00", note="short gift card id"),
    _it("Account number (customer ID) 30045871 - not my bank account", note="8-digit customer id"),
    _it("Seat 23C, gate B42, boarding 18:35, flight BA 117 to JFK", note="flight details"),
    _it("Flight LH400 FRA-JFK delayed 3h40m, then LH 401 back cancelled", note="flight numbers"),
    _it("Train 1A23 from platform 4 at 17:42, coach C seat 61", note="train details"),
    _it("Ticket no. 125-2198765432 (e-ticket) but check-in says no booking", note="airline e-ticket number 3-10 (13 digits)"),
    _it("Hotel confirmation 71823344 for 2 nights, room 1204", note="hotel confirmation and room"),
    _it("Reservation #A1B2C3 for 4 people at 19:30", note="restaurant reservation"),
    _it("Order 4501238876, 4501238877 and 4501238901 all delayed", note="list of 10-digit order numbers"),
    # versions, builds, technical
    _it("After updating to v2.14.3 the app crashes on launch. iOS 17.4.1, iPhone 13.", note="version numbers"),
    _it("Android 14, app version 5.102.0 (build 51020117), Pixel 7", note="version and 8-digit build number"),
    _it("Firmware 1.0.12.448 bricked the router, had to roll back to 1.0.11.902", note="four-part firmware versions"),
    _it("Error code 0x80070005 when installing, KB5034441 failed too", note="hex error code + KB number"),
    _it("Windows build 22631.3296 - printer driver 6.1.7600.16385 not compatible", note="build numbers"),
    _it("Getting HTTP 502 then 504, request id 3f9a2c71-8b4e-4d1a-9c2f-0e6b7d8a1f34", note="UUID"),
    _it("Runs at 1920x1080 @ 60Hz fine, 3840x2160 @ 120Hz flickers", note="resolutions with @"),
    _it("It's the config.yaml and settings.json files that get wiped, not the .db", note="file names"),
    _it("Serial number C02XK1JHJG5J, model A2338, bought 11/2021", note="Apple serial number"),
    _it("IMEI: 35-209900-176148-1 (the phone you replaced)", note="IMEI, labelled; 15 digits and Luhn-valid by design, but not a card"),
    _it("Model SM-G991B/DS, 128GB, colour Phantom Grey", note="model number"),
    _it("GPU is an RTX 4090, 24 GB, driver 551.86", note="hardware spec"),
    _it("Router at 192.168.0.1 keeps rebooting every 15 min", note="private IP address"),
    _it("Uptime 99.95% promised, we got 97.2% in March", note="percentages"),
    _it("Python 3.11.8 with pandas 2.2.1 - the export breaks", note="software versions"),
    _it("The page takes 12.3s to load vs 1.2s last month", note="timings"),
    _it("Battery went from 100% to 23% in 2h 10m", note="battery stats"),
    _it("Update 24.3.1-beta.2 fixed it, thanks", note="pre-release version"),
    # product codes
    _it("SKU 4006381333931 was listed at 2.99 but rang up 3.49", note="EAN-13 barcode as SKU"),
    _it("Part no. 302-18-4471 (the hinge) is out of stock again", note="3-2-4 part number (SSN-shaped)"),
    _it("ISBN 978-0-306-40615-7 arrived with pages 120-152 missing", note="ISBN-13"),
    _it("Item code 88-2231-04, size 42, colour 019", note="product code"),
    _it("Ordered 2x ref. 7613035.123 and 1x ref. 7613035.125", note="dotted product references"),
    _it("Paint code RAL 7016, 2.5 L tin, batch 240311-07", note="paint code and batch"),
    _it("Filter model HF-2040-B fits models 1200, 1400 and 1600 only", note="model compatibility"),
    _it("UPC 036000291452 on the box doesn't match the receipt", note="UPC-A barcode (12 digits)"),
    _it("Lot 2411-0873, best before 09/2025", note="lot number and best before"),
    _it("Tyre size 225/45 R17 94W, pressure 2.4 bar", note="tyre size"),
    # addresses without postcodes, places
    _it("Delivered to 221 Baker Street instead of 22 Baker Street", note="street addresses"),
    _it("Flat 4B, 1200 Harbour View Road, the driver went to block 12", note="flat and road numbers"),
    _it("Store at 5th Ave & 42nd St had 3 tills open out of 12", note="street names with ordinals"),
    _it("Platform 9, bay 14, then bus 38 to stop 1120", note="transport numbers"),
    _it("Room 3.14 on floor 3 of building 7 - that's where the meeting was", note="room numbers"),
    _it("Take exit 23 off the M6, then 2.5 miles on the A500", note="road numbers"),
    # partial / masked cards and SSNs, handles
    _it("Charged to my card ending in 4242, please refund", note="card last four only: not a card"),
    _it("The receipt shows **** **** **** 1881 which isn't my card", note="masked card: not a card"),
    _it("Card: XXXX-XXXX-XXXX-0093 exp 11/26", note="masked card with expiry"),
    _it("Visa ending 5512, Mastercard ending 0045 - both declined", note="two last-four partials"),
    _it("last 4 of my social is 6789 if that helps verify", note="SSN last four only"),
    _it("SSN: ***-**-4417 (masked on the letter)", note="masked SSN"),
    _it("the last 3 digits of my phone are 104", note="phone partial"),
    _it("@AcmeAir flight AA 2231 delayed 4hrs and no updates, thanks @AcmeAirSupport", note="tweet with @handles and flight number"),
    _it("@sarah_k @mike.j yes same here, refund took 8 weeks #acmefail", note="@handles that look like e-mail local parts"),
    _it("Meet @ 5pm by gate 12, bring 2 bags max", note="@ as 'at'"),
    _it("Rated 4.5 stars on the app store, now 2.1 after the update", note="ratings"),
    _it("IBAN field won't accept my input, it says 'format DE + 20 digits'", note="talks about IBAN without one"),
    _it("Why do you need my SSN? I won't give it. Email and phone only.", note="mentions PII types without values"),
    _it("The card reader says error 05 and 51 alternately", note="card terminal codes"),
    _it("PIN changed 3 times this month, still locked out after 3 attempts", note="mentions PIN without value"),
    _it("CVV box accepts 5 digits, should be 3 or 4", note="talks about CVV without one"),
    # chat transcripts / call notes with numbers
    _it("[10:02] Agent: Hi, thanks for waiting.\n[10:02] Customer: order 77123 is late\n[10:05] Agent: it ships on 04/22.", note="chat transcript with order and date"),
    _it("Call note 2024-02-11 14:32: cust upset re: bill 2024-02. Credited 15.00. Case 558213 closed.", note="call note with dates, amount, case"),
    _it("Agent: Your position in the queue is 14. Estimated wait 23 minutes.", note="queue info"),
    _it("Transcript: 'I've called 6 times since 3 March, spoke to 4 people, ref numbers 8812, 8830, 9011 and 9102'", note="several short reference numbers"),
    _it("Survey Q3 = 2, Q4 = 1, Q5 = 'N/A', NPS = 0", note="survey scores"),
    _it("row 1182 | score 7 | 2024-05-01 | channel=app | v=3.2.0", note="export row with numbers"),
    _it("Wait time: 00:47:12. Transfers: 3. Resolution: none.", note="call metrics"),
    _it("Order placed 3/14/2024 11:02 AM, confirmation # 114-2210-998, ETA 3/21", note="US order details"),
    _it("Sent 3 emails and 2 letters, 14 days apart", note="counts"),
    _it("Ticket #48213 merged into #48190", note="ticket numbers with #"),
    # longer realistic bodies
    _it("Hi,\n\nMy order (No. 20240315-0042) arrived on 22 March with 2 of 5 items. The invoice says 5 x 12.99 = 64.95 but I got 25.98 worth. Please refund 38.97.\n\nThanks", note="e-mail body with order, date, amounts"),
    _it("Bought the 65\" TV (model 65QN90C) on Black Friday for 1,199.00, price dropped to 999.00 on 12/01. Price match?", note="model and amounts"),
    _it("The 7:15 from Leeds was cancelled, the 7:45 was 25 min late, I missed my 9:00 meeting", note="train times"),
    _it("I pay 39.99/mo for 500 Mbps and get 42 Mbps on a good day (speedtest id 15839201774)", note="speed test id"),
    _it("Gym membership #00481 frozen 01.06-31.08, still charged 3 x 29,90 EUR", note="membership number and European amounts"),
    _it("Stayed 3 nights (12-15 Aug), room 402 then 518, charged for 4 nights", note="hotel stay"),
    _it("App review: v4.0.2 ruined it. 5 stars -> 1 star. 100k+ downloads and no QA?", note="app review numbers"),
    _it("Received 2 parcels: 1 of 3 and 3 of 3. Where is 2 of 3?", note="parcel counts"),
    _it("Points balance 12,480 should be 14,980 after the 2,500 bonus", note="loyalty points"),
    _it("Prescription ref 2024-77812, collected 3 days late, 28 tablets instead of 56", note="prescription"),
    _it("Temperature in the store was 31°C, fridges showing 9°C instead of 4°C", note="temperatures"),
    _it("Score 3-1 at half time and the stream froze at 45+2'", note="sports score"),
    _it("Vehicle reg AB12 CDE, mileage 48,211, service due at 50,000", note="reg plate and mileage"),
    _it("Height 5'11\", shoe size 10.5 US / 44.5 EU, the boots are 42", note="sizes"),
    _it("Chapter 12, pages 301-344, figure 12.3 is missing", note="page ranges"),
    _it("Coupon 25% off over $100 didn't apply to my $104.50 cart", note="coupon maths"),
    _it("Estimated delivery: between 14/06/2024 and 18/06/2024, dispatched 13/06/2024 at 23:14", note="delivery estimate"),
    _it("Pallet 3 of 7, 480 kg, order line 0010-0040", note="logistics"),
    _it("Room booked 2024-07-01 → 2024-07-05, rate 189.00/night, total 756.00", note="booking with arrow"),
    _it("Call centre hours 08:00 - 20:00 GMT, I called at 19:58 and got cut off at 20:00:05", note="hours"),
]

# Long digit strings that real customer texts contain which are NOT cards, SSNs or phones.
_NEG_TEMPLATES = [
    "Order no. {n10} shipped on {d} but tracking {n12} shows nothing",
    "Confirmation {n8}, invoice {n10}, delivery {d}",
    "Transaction reference {n16} (bank transfer, not card) for {amt}",
    "Tracking: {n12} - parcel weight {w} kg",
    "Account ID {n9} - reset password request #{n6}",
    "Shipment {n10} / pallet {n4} / dock {n2}",
]


def _generated_negatives() -> list:
    items = []
    for i in range(14):
        t = _NEG_TEMPLATES[i % len(_NEG_TEMPLATES)]
        n16 = _digits(16)
        text = t.format(
            n2=_digits(2), n4=_digits(4), n6=_digits(6), n8=_digits(8), n9=_digits(9), n10=_digits(10),
            n12=_digits(12), n16=n16,
            d=f"{_RNG.randint(1, 28):02d}.{_RNG.randint(1, 12):02d}.2024",
            amt=f"EUR {_RNG.randint(10, 999)}.{_RNG.randint(0, 99):02d}",
            w=f"{_RNG.randint(1, 30)}.{_RNG.randint(0, 9)}")
        note = "generated reference/order/tracking numbers with explicit non-PII labels"
        if "{n16}" in t and luhn_ok(n16):
            note += "; the 16-digit bank-transfer reference passes Luhn by chance, as ~1 in 10 do"
        items.append(_it(text, note=note))
    return items


NEGATIVE_ITEMS += _generated_negatives()

ITEMS: list[dict] = EMAIL_ITEMS + URL_ITEMS + IBAN_ITEMS + CARD_ITEMS + SSN_ITEMS + PHONE_ITEMS + NEGATIVE_ITEMS

_TYPES = {"EMAIL", "URL", "IBAN", "CARD", "SSN", "PHONE"}
for _item in ITEMS:
    assert set(_item) == {"text", "pii", "note"}, _item
    for _p in _item["pii"]:
        assert _p["type"] in _TYPES, _p
        assert _p["value"] and _p["value"] in _item["text"], (_p, _item["text"])

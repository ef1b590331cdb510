"""Held-out PII test set 9 -- written BLIND.

How it was written: the author saw only the task brief. The redactor
(voc_engine/nlp/redact.py), its tests, the PII benchmarks/forms, the earlier
held-out sets, their results and the README's PII sections were NOT opened,
and neither the redactor nor any benchmark was run on this set. Everything is
generated deterministically at import from one seeded generator (_RNG9),
standard library only.

Counts (601 items; an item with several values counts once per type it holds):
    type    items  values
    EMAIL    124    124
    PHONE    125    133
    CARD     119    119
    SSN       47     47
    URL       41     41
    IBAN      31     31
    hard negatives ("pii": [])  150
20 of the positive items hold several values (e-mail signatures, web-form
dumps, an HR JSON record, CSV export rows). Roughly half of the items with PII
are English; the rest are German, French, Spanish, Portuguese, Italian, Dutch,
Polish, Swedish, Danish, Norwegian, Finnish, Turkish, Greek, Czech, Japanese,
Korean and Chinese.

Span conventions for "value":
  * the PII as written, including obfuscation ("anna [at] gmx [punkt] de"),
    typos ("gmial.com", "gmx,de") and internal line breaks;
  * wrappers and labels stay outside: mailto:, tel:, <>, (), [], quotes,
    trailing sentence punctuation, "IBAN:", "SSN#", "Tel.:" ...;
  * phone extensions ("ext. 12", "poste 305", "wew. 12", "内線45") are outside;
    "+", "00" and "(0)" prefixes and bracketed area codes are inside;
  * partial and masked values (card ending 4242, ***-**-1234, j****e@...)
    are never PII;
  * a number inside a URL belongs to the URL only (no separate CARD/PHONE);
  * spelled-out digits in words are not PII.

Styles covered:
  EMAIL  free-mail, national and company domains per language; local parts
         first.last, flast, first_last, first-last, +tags, digits; ~30 %
         varied: mixed case, all caps, at/dot spelled in the local language
         (arobase, arroba, chiocciola, apenstaartje, małpa, snabel-a,
         krøllalfa, παπάκι, zavináč, アット, 골뱅이, 艾特 ...), [at]/[dot],
         (at), spaces around @, domain typos, a line break after @, glued
         punctuation, mailto:, angle brackets; in survey answers, live chat,
         reviews, tweets, mail bodies/headers/signatures, call notes,
         CSV/TSV/JSON/pipe/key=value rows, web forms, SMS.
  CARD   Luhn-valid Visa (13/16/19), Mastercard (5x and 2-series), Amex 4-6-5,
         Discover, JCB, Diners 4-6-4, UnionPay 16/19, Maestro 12-19, RuPay,
         Mir, Elo, Hipercard, Troy, Dankort, Verve, BC Card, UATP; grouped by
         spaces or dashes or compact, doubled/mixed separators, line break
         between groups, glued punctuation.
  PHONE  national formats of 32 countries/regions (US, CA, GB, IE, AU, IN,
         ZA, SG, DE, AT, CH, FR, BE, ES, MX, AR, PT, BR, IT, NL, PL, SE, DK,
         NO, FI, TR, GR, CZ, JP, KR, CN, HK) with and without country code,
         +/00 prefixes, trunk 0, (0), area code in brackets, dots, slashes,
         dashes; extensions in the local wording outside; tel: and other
         wrappers; a line break inside; one full-width Japanese number.
  URL    with scheme (https/http, upper case) and without (www., bare domain,
         t.co), with paths, queries, fragments, ports, IP host; numbers and a
         phone/card-like number inside the URL; wrappers outside.
  IBAN   24 countries (DE AT CH FR BE LU ES PT IT NL PL SE DK NO FI TR GR CZ
         GB IE HU RO HR EE), all mod-97 valid; print form in groups of four,
         compact, lower case, a line break inside, punctuation outside.
  SSN    valid ranges only (area 001-899 except 666, group 01-99, serial
         0001-9999); dashed, spaced, nine digits, dotted; labelled (SSN:,
         SSN#, SS#, Social Security Number, TIN (SSN), Spanish labels) and
         unlabelled (chat answers, CSV/TSV/JSON/pipe rows, verification lists).
  NEG    order numbers (Amazon, DE, FR, ES, PL, NL, JP, KR, CN), tracking
         numbers (UPS, DHL, USPS, Royal Mail, PostNL, Correos, Posten, SF),
         invoice numbers, tax/company ids of ~20 countries (USt-IdNr,
         Steuernummer, SIRET, NIF, P.IVA, KvK, NIP, org.nr, CVR, Y-tunnus,
         VKN, IČO, ΑΦΜ, 法人番号, 사업자등록번호, USCC, UK company/VAT, EIN,
         CNPJ, ABN), Luhn-invalid 16-digit references, prices, dates, times,
         versions, flight numbers, postcodes, ISBN, SKUs and model numbers,
         software/file names with dots (Node.js, ASP.NET, config.yaml),
         masked/partial cards, SSNs, e-mails, phones and IBANs, spelled-out
         digits, @handles. No negative carries a Luhn-valid 12-19 digit run.
"""
import random
import re

_RNG9 = random.Random(9_1205_2026)
_R = _RNG9

TYPES = ("EMAIL", "URL", "IBAN", "CARD", "SSN", "PHONE")
ITEMS: list[dict] = []
_SEEN: set = set()


def _add(text, pii, note):
    if text in _SEEN:
        return False
    _SEEN.add(text)
    ITEMS.append({"text": text,
                  "pii": [{"type": t, "value": v} for t, v in pii],
                  "note": note})
    return True


def _fill(tpl, **kw):
    out = tpl
    for k, v in kw.items():
        out = out.replace("{" + k + "}", v)
    return out


def _d(n):
    return "".join(_R.choice("0123456789") for _ in range(n))


def _pat(p):
    # '#' any digit, 'N' digit 2-9, everything else literal
    return "".join(_R.choice("0123456789") if c == "#" else
                   _R.choice("23456789") if c == "N" else c for c in p)


def _luhn_ok(s):
    ds = [int(c) for c in s if c.isdigit()]
    tot = 0
    for i, x in enumerate(reversed(ds)):
        if i % 2 == 1:
            x *= 2
            if x > 9:
                x -= 9
        tot += x
    return tot % 10 == 0


def _luhn_complete(prefix, length):
    body = prefix + _d(length - len(prefix) - 1)
    for c in "0123456789":
        if _luhn_ok(body + c):
            return body + c
    raise AssertionError


def _luhn_bad(prefix, length):
    n = _luhn_complete(prefix, length)
    last = (int(n[-1]) + _R.randint(1, 9)) % 10
    return n[:-1] + str(last)


def _group(num, sizes, sep):
    out, i = [], 0
    for s in sizes:
        out.append(num[i:i + s])
        i += s
    if i < len(num):
        out.append(num[i:])
    return sep.join(x for x in out if x)


def _iban_ok(v):
    s = "".join(c for c in v if c.isalnum()).upper()
    s = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in s)) % 97 == 1


def _iban(cc, bban):
    s = bban + cc + "00"
    cd = 98 - int("".join(str(int(c, 36)) for c in s)) % 97
    return f"{cc}{cd:02d}{bban}"


_STRUCT = ('"{V}"', ',{V}', '={V}', '\t{V}', '|{V}', '{V},', '{V};', '{V}|', '{V}\t')


def _structured(tpl):
    return any(m in tpl for m in _STRUCT)


def _pick(seq):
    return _R.choice(seq)


def _chance(p):
    return _R.random() < p


_LANGS = ["de", "fr", "es", "pt", "it", "nl", "pl", "sv", "da", "no", "fi",
          "tr", "el", "cs", "ja", "ko", "zh"]
_OTHER_CYCLE = []


def _lang():
    # about half English, the rest spread evenly over the other 17
    if _chance(0.5):
        return "en"
    if not _OTHER_CYCLE:
        c = list(_LANGS)
        _R.shuffle(c)
        _OTHER_CYCLE.extend(c)
    return _OTHER_CYCLE.pop()


_NAMES = {
    "en": [("James", "Miller"), ("Sarah", "Thompson"), ("Michael", "Brown"), ("Emily", "Clarke"),
           ("David", "Walsh"), ("Olivia", "Bennett"), ("Chris", "Young"), ("Hannah", "Price"),
           ("Ryan", "O'Connor"), ("Megan", "Hughes"), ("Tyler", "Reed"), ("Grace", "Patel")],
    "de": [("Anna", "Schmidt"), ("Lukas", "Weber"), ("Julia", "Hoffmann"), ("Felix", "Wagner"),
           ("Lena", "Becker"), ("Jonas", "Schulz"), ("Sabine", "Krüger")],
    "fr": [("Camille", "Dubois"), ("Julien", "Moreau"), ("Chloé", "Lefèvre"), ("Antoine", "Girard"),
           ("Manon", "Bernard")],
    "es": [("Lucía", "García"), ("Javier", "Martínez"), ("Carmen", "López"), ("Diego", "Sánchez"),
           ("Marta", "Ruiz")],
    "pt": [("João", "Silva"), ("Ana", "Costa"), ("Pedro", "Oliveira"), ("Beatriz", "Santos"),
           ("Rafael", "Pereira")],
    "it": [("Marco", "Rossi"), ("Giulia", "Bianchi"), ("Luca", "Romano"), ("Francesca", "Ricci"),
           ("Matteo", "Greco")],
    "nl": [("Daan", "de Vries"), ("Sanne", "Jansen"), ("Bram", "Bakker"), ("Lotte", "Visser"),
           ("Thijs", "Smit")],
    "pl": [("Jan", "Kowalski"), ("Anna", "Nowak"), ("Piotr", "Wiśniewski"), ("Katarzyna", "Wójcik"),
           ("Tomasz", "Kamiński")],
    "sv": [("Erik", "Svensson"), ("Anna", "Lindqvist"), ("Johan", "Karlsson"), ("Elin", "Nilsson")],
    "da": [("Mads", "Jensen"), ("Freja", "Nielsen"), ("Søren", "Hansen"), ("Ida", "Pedersen")],
    "no": [("Ole", "Hansen"), ("Ingrid", "Johansen"), ("Lars", "Olsen"), ("Kari", "Berg")],
    "fi": [("Mikko", "Virtanen"), ("Aino", "Korhonen"), ("Juha", "Mäkinen"), ("Laura", "Nieminen")],
    "tr": [("Mehmet", "Yılmaz"), ("Ayşe", "Kaya"), ("Emre", "Demir"), ("Zeynep", "Şahin")],
    "el": [("Giorgos", "Papadopoulos"), ("Maria", "Nikolaou"), ("Nikos", "Georgiou"), ("Eleni", "Pappa")],
    "cs": [("Petr", "Novák"), ("Jana", "Svobodová"), ("Tomáš", "Dvořák"), ("Lucie", "Černá")],
    "ja": [("Yuki", "Tanaka"), ("Haruto", "Sato"), ("Aoi", "Suzuki"), ("Ren", "Takahashi")],
    "ko": [("Minjun", "Kim"), ("Seoyeon", "Lee"), ("Jiho", "Park"), ("Hayoon", "Choi")],
    "zh": [("Wei", "Wang"), ("Fang", "Li"), ("Lei", "Zhang"), ("Jing", "Liu")],
}
_DISPLAY = {
    "ja": ["田中 由紀", "佐藤 陽翔", "鈴木 葵", "高橋 蓮"],
    "ko": ["김민준", "이서연", "박지호", "최하윤"],
    "zh": ["王伟", "李芳", "张磊", "刘静"],
    "el": ["Γιώργος Παπαδόπουλος", "Μαρία Νικολάου", "Νίκος Γεωργίου"],
}
_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "ê": "e",
                        "á": "a", "à": "a", "í": "i", "ó": "o", "ú": "u", "ã": "a", "ç": "c",
                        "ñ": "n", "ś": "s", "ó": "o", "ł": "l", "ż": "z", "ć": "c", "ø": "o",
                        "å": "a", "æ": "ae", "ı": "i", "ş": "s", "ğ": "g", "č": "c", "ř": "r",
                        "ý": "y", "ě": "e", "'": "", " ": ""})


def _person(lang):
    f, l = _pick(_NAMES[lang])
    if lang in _DISPLAY and _chance(0.7):
        return f, l, _pick(_DISPLAY[lang])
    return f, l, f"{f} {l}"


def _handle(lang):
    f, l = _pick(_NAMES[lang])
    return (f.lower() + _pick(["_", "", "."]) + l.lower()).translate(_ASCII)[:12] + _d(_R.randint(0, 2))


_DOMAINS = {
    "en": ["gmail.com", "outlook.com", "yahoo.com", "hotmail.co.uk", "icloud.com", "aol.com",
           "protonmail.com", "btinternet.com", "comcast.net", "brightwave-media.co.uk", "harborlane.io"],
    "de": ["gmx.de", "web.de", "t-online.de", "posteo.de", "gmx.at", "bluewin.ch", "nordwind-versand.de"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "sfr.fr", "wanadoo.fr", "atelier-lumiere.fr"],
    "es": ["hotmail.es", "yahoo.es", "telefonica.net", "gmail.com", "grupo-ondalia.es"],
    "pt": ["uol.com.br", "sapo.pt", "bol.com.br", "gmail.com", "terra.com.br"],
    "it": ["libero.it", "virgilio.it", "alice.it", "tiscali.it", "studiobelluno.it"],
    "nl": ["ziggo.nl", "kpnmail.nl", "hotmail.nl", "xs4all.nl", "planet.nl"],
    "pl": ["wp.pl", "onet.pl", "interia.pl", "o2.pl", "gmail.com"],
    "sv": ["telia.com", "hotmail.se", "bredband.net", "gmail.com"],
    "da": ["mail.dk", "hotmail.dk", "jubii.dk", "gmail.com"],
    "no": ["online.no", "hotmail.no", "gmail.com", "broadpark.no"],
    "fi": ["elisanet.fi", "kolumbus.fi", "luukku.com", "gmail.com"],
    "tr": ["hotmail.com.tr", "yandex.com.tr", "gmail.com", "mynet.com"],
    "el": ["yahoo.gr", "otenet.gr", "gmail.com", "hol.gr"],
    "cs": ["seznam.cz", "email.cz", "centrum.cz", "post.cz"],
    "ja": ["yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "gmail.com", "softbank.ne.jp"],
    "ko": ["naver.com", "daum.net", "hanmail.net", "kakao.com"],
    "zh": ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com"],
}


def _local(lang):
    f, l = _pick(_NAMES[lang])
    f, l = f.lower().translate(_ASCII), l.lower().translate(_ASCII)
    style = _R.randint(0, 7)
    if lang == "zh" and _chance(0.4):
        return _d(_R.randint(8, 10)).lstrip("0") or "8812345"
    return [f"{f}.{l}", f"{f[0]}{l}", f"{f}{l}{_d(2)}", f"{f}_{l}", f"{l}.{f}",
            f"{f}{_d(4)}", f"{f}-{l}", f"{f}.{l}+{_pick(['shop', 'news', 'orders'])}"][style]


def _email(lang):
    return f"{_local(lang)}@{_pick(_DOMAINS[lang])}"


_CITY = {"en": ["Leeds", "Austin", "Dublin", "Perth"], "de": ["Köln", "Leipzig"], "fr": ["Lyon", "Nantes"],
         "es": ["Sevilla", "Bilbao"], "pt": ["Porto", "Campinas"], "it": ["Torino", "Bari"],
         "nl": ["Utrecht", "Delft"], "pl": ["Kraków", "Gdańsk"], "sv": ["Malmö", "Umeå"],
         "da": ["Aarhus", "Odense"], "no": ["Bergen", "Tromsø"], "fi": ["Tampere", "Oulu"],
         "tr": ["İzmir", "Bursa"], "el": ["Θεσσαλονίκη", "Πάτρα"], "cs": ["Brno", "Plzeň"],
         "ja": ["大阪", "札幌"], "ko": ["부산", "대구"], "zh": ["上海", "成都"]}


def _ctx(lang):
    f, l, disp = _person(lang)
    return dict(N=disp, H=_handle(lang), ID=str(_R.randint(10000, 999999)),
                CITY=_pick(_CITY[lang]), PRICE=f"{_R.randint(9, 899)}.{_pick(['00', '99', '49', '95'])}",
                EXP=f"{_R.randint(1, 12):02d}/{_R.randint(26, 31)}", DATE=f"2026-0{_R.randint(1, 9)}-{_R.randint(10, 28)}")


# ---------------------------------------------------------------- EMAIL
_EMAIL_T = {
    "en": [
        "Survey Q7 (anything else?): pls follow up at {V} , the parcel never arrived",
        "Customer: hi, can you send the invoice to {V}?\nAgent: Sure, it's on its way.",
        "★☆☆☆☆ Support never answers. If a dev reads this, reach me at {V}",
        "@{H} still waiting on my refund, emailed you twice from {V} #customerservice",
        "Hi team,\n\nPlease update my contact email to {V} going forward.\n\nThanks,\n{N}",
        "Call note – caller asked to confirm email on file; read back {V}. ID verified.",
        "{N},{V},{DATE},promoter,9",
        "id\tname\temail\tscore\n{ID}\t{N}\t{V}\t4",
        '{"respondent_id": {ID}, "email": "{V}", "nps": 6}',
        "{ID} | {N} | {V} | churned",
        "ts={DATE}T09:12:44Z user={H} email={V} action=unsubscribe",
        "Name: {N}\nEmail: {V}\nMessage: the app crashes every time I log in",
        "txt from cust: cant log in, my email is {V} pls reset",
        "Reply-To: {V}\nSubject: Re: order delayed again",
        "--\n{N}\nCustomer Success Lead\n{V}",
        "From: {N} <{V}>\nSent: Tuesday\nSubject: broken hinge",
        "Feedback: love the new dashboard. Want a beta tester? I'm at {V}.",
        "[10:41] Visitor: my account email is {V}\n[10:42] Bot: Thanks! Sending a reset link.",
        "Q: How can we contact you? A: email only please - {V}",
        "Agent notes: cx wants all future comms to {V} (not the old address).",
    ],
    "de": [
        "Umfrage – Sonstiges: Bitte melden Sie sich unter {V}, die Lieferung ist unvollständig.",
        "Kunde: Können Sie die Rechnung an {V} schicken?\nMitarbeiter: Gerne, erledigt.",
        "Hallo zusammen,\n\nmeine neue E-Mail-Adresse lautet {V}.\n\nViele Grüße\n{N}",
        "Bewertung ★★☆☆☆: Kundenservice reagiert nicht. Erreichbar unter {V}",
    ],
    "fr": [
        "Client : merci de m'écrire à {V}, je n'ai toujours pas reçu le colis.",
        "Avis ★★☆☆☆ : impossible de joindre le SAV. Mon mail : {V}",
        "Bonjour,\nVous pouvez me répondre sur {V}.\nCordialement,\n{N}",
    ],
    "es": [
        "Encuesta: podéis contactarme en {V} para más detalles.",
        "Cliente: mi correo es {V}, ¿me reenvían la factura?",
        "Hola, escribidme a {V} cuando llegue el repuesto. Gracias!",
    ],
    "pt": [
        "Olá, meu e-mail é {V}. Ainda não recebi o reembolso.",
        "Avaliação: o app trava sempre. Contato: {V}",
        "Atendente: qual o seu e-mail?\nCliente: {V}",
    ],
    "it": [
        "Buongiorno, potete scrivermi a {V} per il reso?",
        "Recensione: consegna in ritardo di una settimana. Mi trovate su {V}",
        "Operatore: mi conferma la mail?\nCliente: sì, {V}",
    ],
    "nl": [
        "Klant: stuur de factuur aub naar {V}\nMedewerker: Komt eraan.",
        "Graag contact via {V}, het pakket is beschadigd aangekomen.",
        "Enquête – opmerkingen: mail me gerust op {V}",
    ],
    "pl": [
        "Proszę o kontakt mailowy: {V}. Zamówienie nie dotarło.",
        "Opinia: aplikacja działa wolno. Mój e-mail {V}",
        "Konsultant: poproszę adres e-mail.\nKlient: {V}",
    ],
    "sv": [
        "Hej! Min mejladress är {V}, kan ni skicka kvittot dit?",
        "Enkät: kontakta mig gärna på {V}",
        "Kund: skicka bekräftelsen till {V} tack",
    ],
    "da": [
        "Hej, I kan skrive til mig på {V} angående returneringen.",
        "Anmeldelse: elendig kundeservice. Min mail er {V}",
        "Kunde: send fakturaen til {V}",
    ],
    "no": [
        "Hei, send gjerne kvitteringen til {V}.",
        "Kunde: e-posten min er {V}\nAgent: Takk, oppdatert.",
        "Spørreundersøkelse: ta kontakt på {V} om dere vil vite mer",
    ],
    "fi": [
        "Hei, sähköpostini on {V}, lähettäkää kuitti sinne.",
        "Asiakas: voitteko vastata osoitteeseen {V}?",
        "Palaute: sovellus kaatuu. Yhteys: {V}",
    ],
    "tr": [
        "Merhaba, e-posta adresim {V}, faturayı buraya gönderir misiniz?",
        "Müşteri: mailim {V}\nTemsilci: Teşekkürler, kaydettim.",
        "Yorum: kargo çok geç geldi. İletişim: {V}",
    ],
    "el": [
        "Καλησπέρα, το email μου είναι {V}. Περιμένω ακόμα την επιστροφή χρημάτων.",
        "Πελάτης: στείλτε το τιμολόγιο στο {V}",
        "Κριτική: απαράδεκτη εξυπηρέτηση. Επικοινωνία: {V}",
    ],
    "cs": [
        "Dobrý den, můj e-mail je {V}, pošlete prosím fakturu.",
        "Zákazník: napište mi na {V}\nOperátor: Děkuji.",
        "Recenze: doprava trvala týden. Kontakt: {V}",
    ],
    "ja": [
        "お問い合わせ：返品について、{V} までご連絡ください。",
        "【アンケート】連絡先メール：{V}",
        "オペレーター：メールアドレスをお願いします。\nお客様：{V} です",
    ],
    "ko": [
        "문의: 환불 관련해서 {V} 로 연락 부탁드립니다.",
        "상담원: 이메일 주소 알려주세요.\n고객: {V}",
        "리뷰: 배송이 너무 늦어요. 연락처 {V}",
    ],
    "zh": [
        "您好，我的邮箱是{V}，请把发票发给我。",
        "客服：请提供邮箱。\n用户：{V}",
        "问卷反馈：有问题可以发邮件到 {V} 联系我",
    ],
}

_AT_DOT = {
    "en": [("at", "dot")], "de": [("at", "punkt"), ("ät", "punkt")], "fr": [("arobase", "point")],
    "es": [("arroba", "punto")], "pt": [("arroba", "ponto")], "it": [("chiocciola", "punto")],
    "nl": [("apenstaartje", "punt")], "pl": [("małpa", "kropka")], "sv": [("snabel-a", "punkt")],
    "da": [("snabel-a", "punktum")], "no": [("krøllalfa", "punktum")], "fi": [("ät", "piste")],
    "tr": [("at", "nokta")], "el": [("παπάκι", "τελεία")], "cs": [("zavináč", "tečka")],
    "ja": [("アット", "ドット")], "ko": [("골뱅이", "점")], "zh": [("艾特", "点")],
}
_TYPO = {"gmail.com": ["gmial.com", "gmai.com", "gmail.con", "gmaill.com"],
         "hotmail.com": ["hotmial.com", "hotmal.com"], "yahoo.com": ["yaho.com", "yahooo.com"],
         "outlook.com": ["outlok.com", "outlook.co"], "web.de": ["web.ed", "wb.de"],
         "gmx.de": ["gmx.dee", "gxm.de"], "orange.fr": ["orang.fr"], "libero.it": ["libeor.it"],
         "naver.com": ["navr.com"], "qq.com": ["qq.cm"], "icloud.com": ["iclod.com"],
         "wp.pl": ["wp.p"], "seznam.cz": ["sezam.cz"], "hotmail.es": ["hotmai.es"]}


def _email_variant(lang, plain):
    local, dom = plain.split("@")
    kind = _pick(["case", "obf", "obf", "obf", "brackets", "spaces", "typo", "break",
                  "glued", "mailto", "angle", "caps", "obf_local"])
    if kind == "case":
        return local.title() + "@" + dom.upper() if _chance(0.5) else local.capitalize() + "@" + dom.capitalize(), "", "mixed case"
    if kind == "caps":
        return plain.upper(), "", "all caps"
    if kind in ("obf", "obf_local"):
        at, dot = _pick(_AT_DOT[lang])
        if kind == "obf_local":
            return f"{local} {at} {dom.replace('.', f' {dot} ')}", "", f"spelled '{at}'/'{dot}'"
        sty = _R.randint(0, 2)
        if sty == 0:
            return f"{local} [{at}] {dom.replace('.', f' [{dot}] ')}", "", "bracketed at/dot"
        if sty == 1:
            return f"{local}({at}){dom}", "", "(at) only"
        return f"{local} {at} {dom.replace('.', f' {dot} ')}", "", "spelled at/dot"
    if kind == "brackets":
        return f"{local}[at]{dom.replace('.', '[dot]')}", "", "[at][dot]"
    if kind == "spaces":
        return f"{local} @ {dom}", "", "spaces around @"
    if kind == "typo":
        for good, bad in _TYPO.items():
            if dom == good:
                return f"{local}@{_pick(bad)}", "", "domain typo"
        return f"{local}@{dom.replace('.', ',', 1) if _chance(0.3) else dom[:-1] + dom[-1] * 2}", "", "domain typo"
    if kind == "break":
        return f"{local}@\n{dom}", "", "line break after @"
    if kind == "glued":
        return plain, "glued", "glued punctuation"
    if kind == "mailto":
        return plain, "mailto", "mailto: wrapper outside"
    return plain, "angle", "angle brackets outside"


def _build_email(n):
    made = 0
    while made < n:
        lang = _lang()
        v = _email(lang)
        note = "plain"
        wrap = ""
        if _chance(0.3):
            v, wrap, note = _email_variant(lang, v)
        c = _ctx(lang)
        tpl = _pick(_EMAIL_T[lang])
        if wrap and _structured(tpl):
            wrap, note = "", "plain"
        shown = v
        if wrap == "glued":
            g = _pick(["({V})", "[{V}]", "{V}.", "{V};", "\"{V}\"", "{V}!!", "„{V}“", "«{V}»", "{V}),"])
            shown = g.replace("{V}", v)
        elif wrap == "mailto":
            shown = "mailto:" + v
        elif wrap == "angle":
            shown = "<" + v + ">"
        text = _fill(tpl, V=shown, **c)
        if wrap == "glued" and not shown[0].isalnum() and _chance(0.5) and (" " + shown) in text:
            text = text.replace(" " + shown, shown, 1)
        if _add(text, [("EMAIL", v)], f"EMAIL {lang} {note}"):
            made += 1


# ---------------------------------------------------------------- CARD
# (network, prefixes, lengths, preferred language or None)
_NETWORKS = [
    ("Visa", ["4"], [16], None), ("Visa", ["4"], [16], None), ("Visa", ["4"], [16], None),
    ("Visa", ["4"], [16], None), ("Visa", ["4"], [13, 19], None), ("Mastercard", ["51", "52", "53", "54", "55"], [16], None),
    ("Mastercard", ["51", "52", "53", "54", "55"], [16], None), ("Amex", ["34", "37"], [15], None),
    ("Mastercard", ["51", "52", "53", "54", "55"], [16], None),
    ("Mastercard 2-series", ["2221", "2300", "2480", "2720", "2599"], [16], None),
    ("Amex", ["34", "37"], [15], None), ("Discover", ["6011", "644", "649", "65"], [16], "en"),
    ("JCB", ["3528", "3542", "3566", "3589"], [16], "ja"), ("Diners", ["36", "300", "305", "38"], [14], None),
    ("UnionPay", ["62"], [16, 19], "zh"), ("Maestro", ["5018", "5020", "5038", "6304", "6759", "6761"], [16, 18, 19, 12], None),
    ("RuPay", ["6521", "6522", "508", "607"], [16], "en"), ("Mir", ["2200", "2202", "2204"], [16], None),
    ("Elo", ["636368", "504175", "509048", "650031"], [16], "pt"), ("Hipercard", ["606282"], [16], "pt"),
    ("Troy", ["9792"], [16], "tr"), ("Dankort", ["5019"], [16], "da"), ("Verve", ["5061", "6500"], [16, 19], "en"),
    ("BC Card", ["9430", "9410"], [16], "ko"), ("UATP", ["1"], [15], "en"),
]


def _fmt_card(num, net):
    L = len(num)
    sep = _pick([" ", " ", " ", " ", "-", "", ""])
    if L == 15 and net in ("Amex", "UATP"):
        return _group(num, [4, 6, 5], sep) if net == "Amex" else _group(num, [4, 5, 6], sep), sep
    if L == 14:
        return _group(num, [4, 6, 4], sep), sep
    if L == 19:
        return (_group(num, [4, 4, 4, 4, 3], sep) if _chance(0.6) else _group(num, [6, 13], sep)), sep
    if L in (13, 12, 18):
        return (num if _chance(0.6) else _group(num, [4, 4, 4, 4, 4], sep)), sep
    return _group(num, [4, 4, 4, 4], sep), sep


_CARD_T = {
    "en": [
        "Customer: can I just give you my card number? it's {V}\nAgent: Please don't share that here, I'll send a secure link.",
        "Call note: cx read card {V} exp {EXP} over the phone before agent could stop – flagged for PCI scrub.",
        "Survey comment: Charged twice on card {V}!! fix this",
        "order_id,card_number,amount\n{ID},{V},{PRICE}",
        '{"payment": {"pan": "{V}", "exp": "{EXP}", "amount": {PRICE}}}',
        "pan={V} exp={EXP} status=declined retry=2",
        "SMS: hey its me, use my card {V} for the tickets, code is on the back lol",
        "★☆☆☆☆ they charged {V} even after I cancelled",
        "Hi, please refund to the card I paid with: {V}. Thanks",
        "Card No.: {V}\nName on card: {N}\nExpiry: {EXP}",
        "{ID} | {N} | {V} | {PRICE}",
        "@{H} you billed my card {V} twice this month, DM me",
        "Webform dump\nfirst_name={N}\ncc_number={V}\ncc_exp={EXP}",
        "[14:03] Customer: the number on the card is {V}\n[14:03] Agent: I've removed that message for your security.",
        "Hello,\n\nI'd like to update the card on my subscription to {V} (exp {EXP}).\n\nBest,\n{N}",
        "ticket {ID}\tcard\t{V}\tchargeback",
    ],
    "de": [
        "Bitte buchen Sie den Betrag von meiner Kreditkarte {V} ab (gültig bis {EXP}).",
        "Kunde: Kartennummer ist {V}\nAgent: Bitte keine Kartendaten im Chat!",
        "Umfrage: Abbuchung doppelt auf Karte {V}, bitte prüfen.",
    ],
    "fr": [
        "Bonjour, voici ma carte : {V}, expiration {EXP}.",
        "Notes d'appel : la cliente a dicté sa CB {V} – à masquer.",
        "Avis : débité deux fois sur la carte {V} !",
    ],
    "es": ["Me cobraron dos veces en la tarjeta {V}, quiero el reembolso.",
           "Agente: no comparta datos de tarjeta.\nCliente: ya, es la {V}"],
    "pt": ["Número do cartão: {V} – validade {EXP}", "Cobraram duas vezes no meu cartão {V}, quero estorno!",
           "Cliente: paguei com o cartão {V}"],
    "it": ["Addebito doppio sulla carta {V}, chiedo rimborso.", "Numero carta: {V} scad. {EXP}"],
    "nl": ["Mijn creditcard {V} is twee keer belast.", "Klant: kaartnummer {V}\nMedewerker: Niet via chat delen a.u.b."],
    "pl": ["Proszę o zwrot na kartę {V}.", "Numer karty: {V}, ważna do {EXP}"],
    "sv": ["Kortnummer: {V}, giltigt t.o.m. {EXP}", "Jag har dragits två gånger på kortet {V}."],
    "da": ["Jeg er blevet trukket to gange på kort {V}.", "Kortnr. {V} udløb {EXP}"],
    "no": ["Kortet mitt {V} ble belastet dobbelt.", "Kortnummer: {V}"],
    "fi": ["Korttini {V} veloitettiin kahdesti.", "Kortin numero: {V}, voimassa {EXP}"],
    "tr": ["Kart numaram {V}, iki kez çekim yapılmış.", "Müşteri: kartım {V}\nTemsilci: Lütfen kart bilgisi paylaşmayın."],
    "el": ["Χρεώθηκε δύο φορές η κάρτα {V}.", "Αριθμός κάρτας: {V} λήξη {EXP}"],
    "cs": ["Číslo karty: {V}, platnost {EXP}", "Strhli mi platbu dvakrát z karty {V}."],
    "ja": ["カード番号：{V}（有効期限 {EXP}）", "二重請求されました。カードは{V}です。"],
    "ko": ["카드번호 {V} 로 결제했는데 두 번 청구됐어요.", "고객: 카드 번호는 {V} 입니다"],
    "zh": ["我的银行卡号是{V}，被重复扣款了。", "用户：卡号 {V}\n客服：请勿在聊天中发送卡号。"],
}


def _build_card(n):
    made = 0
    i = 0
    while made < n:
        net, prefs, lens, plang = _NETWORKS[i % len(_NETWORKS)]
        i += 1
        L = _pick(lens)
        num = _luhn_complete(_pick(prefs), L)
        v, sep = _fmt_card(num, net)
        lang = plang if (plang and _chance(0.6)) else _lang()
        note = f"{net} {L} digits"
        tpl = _pick(_CARD_T[lang])
        shown = v
        r = _R.random()
        if r < 0.08 and sep == " ":
            parts = v.split(" ")
            k = _R.randint(1, len(parts) - 1)
            v = " ".join(parts[:k]) + "\n" + " ".join(parts[k:])
            shown, note = v, note + ", line break inside"
        elif r < 0.16 and not _structured(tpl):
            shown, note = _pick(["({V})", "{V}.", "#{V}", "\"{V}\"", "{V},"]).replace("{V}", v), note + ", glued punctuation"
        elif r < 0.22 and sep == " ":
            v = v.replace(" ", "  ") if _chance(0.5) else v.replace(" ", "-", 1)
            shown, note = v, note + ", irregular separators"
        c = _ctx(lang)
        text = _fill(tpl, V=shown, **c)
        if _add(text, [("CARD", v)], f"CARD {lang} {note}"):
            made += 1


# ---------------------------------------------------------------- PHONE
_COUNTRIES = [
    ("US", "en", ["(NNN) NNN-####", "NNN-NNN-####", "+1 NNN NNN ####", "NNN.NNN.####", "1-800-NNN-####", "+1 (NNN) NNN-####"]),
    ("CA", "en", ["+1 604 NNN ####", "(416) NNN-####"]),
    ("GB", "en", ["+44 20 7NNN ####", "020 7NNN ####", "07NNN ######", "+44 (0)7NNN ######", "+44 161 NNN ####", "0161 NNN ####"]),
    ("IE", "en", ["+353 87 NNN ####", "087 NNN ####", "(01) NNN ####"]),
    ("AU", "en", ["+61 4NN NNN NNN", "04NN NNN NNN", "(02) NNNN ####", "+61 2 NNNN ####"]),
    ("IN", "en", ["+91 98NNN NNNNN", "+91-9NNNNNNNNN", "098NNN NNNNN"]),
    ("ZA", "en", ["+27 82 NNN ####", "082 NNN ####"]),
    ("SG", "en", ["+65 9NNN ####", "+65 6NNN ####"]),
    ("DE", "de", ["+49 30 NNNNNNN", "030 NNNNNNN", "0171 NNNNNNN", "+49 (0)89 NNNNNN", "0049 151 NNNNNNNN", "030/NNNNNNN", "+49 172 NNN NNNN"]),
    ("AT", "de", ["+43 1 NNNNNNN", "0664 NNN NNNN", "+43 (0)664 NNNNNNN"]),
    ("CH", "de", ["+41 44 NNN NN NN", "079 NNN NN NN", "+41 (0)79 NNN NN NN"]),
    ("FR", "fr", ["+33 1 NN NN NN NN", "01 NN NN NN NN", "06 NN NN NN NN", "06.NN.NN.NN.NN", "+33 (0)6 NN NN NN NN", "0033 6 NN NN NN NN", "07NNNNNNNN"]),
    ("BE", "fr", ["+32 2 NNN NN NN", "0470 NN NN NN", "+32 470 NN NN NN"]),
    ("ES", "es", ["+34 91N NNN NNN", "6NN NNN NNN", "+34 6NN NN NN NN", "0034 6NN NNN NNN"]),
    ("MX", "es", ["+52 55 NNNN NNNN", "55 NNNN NNNN", "(55) NNNN-NNNN"]),
    ("AR", "es", ["+54 9 11 NNNN-NNNN", "011 NNNN-NNNN"]),
    ("PT", "pt", ["+351 91N NNN NNN", "21N NNN NNN", "00351 93N NNN NNN"]),
    ("BR", "pt", ["(11) 9NNNN-NNNN", "+55 11 9NNNN-NNNN", "+55 (21) 9NNNN-NNNN", "11 9NNNN NNNN"]),
    ("IT", "it", ["+39 06 NNNN NNNN", "3NN NNN NNNN", "+39 3NN NNN NNNN", "02 NNNN NNNN", "0039 3NN NNNNNNN"]),
    ("NL", "nl", ["+31 20 NNN NNNN", "06-NNNNNNNN", "020-NNN NNNN", "+31 (0)6 NNNNNNNN", "06 NN NN NN NN"]),
    ("PL", "pl", ["+48 22 NNN NN NN", "5NN NNN NNN", "+48 5NN-NNN-NNN", "(22) NNN-NN-NN"]),
    ("SE", "sv", ["08-NNN NNN NN", "070-NNN NN NN", "+46 70 NNN NN NN", "+46 (0)8 NNN NNN NN"]),
    ("DK", "da", ["+45 NN NN NN NN", "2N NN NN NN", "+45 NNNNNNNN"]),
    ("NO", "no", ["+47 NNN NN NNN", "9NN NN NNN", "+47 22 NN NN NN"]),
    ("FI", "fi", ["+358 40 NNN NNNN", "040 NNN NNNN", "09 NNNN NNNN", "+358 (0)50 NNN NNNN"]),
    ("TR", "tr", ["+90 212 NNN NN NN", "0532 NNN NN NN", "0 (532) NNN NN NN", "+90 5NN NNN NN NN"]),
    ("GR", "el", ["+30 210 NNN NNNN", "69N NNN NNNN", "+30 69N NNN NNNN"]),
    ("CZ", "cs", ["+420 6NN NNN NNN", "7NN NNN NNN", "+420 2NN NNN NNN"]),
    ("JP", "ja", ["03-NNNN-NNNN", "090-NNNN-NNNN", "+81 3-NNNN-NNNN", "+81 90-NNNN-NNNN", "06-NNNN-NNNN", "(03) NNNN-NNNN"]),
    ("KR", "ko", ["010-NNNN-NNNN", "02-NNN-NNNN", "+82 10-NNNN-NNNN", "031-NNN-NNNN", "+82 2 NNN NNNN"]),
    ("CN", "zh", ["138 NNNN NNNN", "+86 13N NNNN NNNN", "010-6NNN NNNN", "139NNNNNNNN", "+86-21-NNNN-NNNN"]),
    ("HK", "zh", ["+852 NNNN NNNN"]),
]
_EXT = {"en": [" ext. {E}", " x{E}", " ext {E}"], "de": [" (Durchwahl {E})", " App. {E}"], "fr": [" poste {E}"],
        "es": [" ext. {E}"], "pt": [" ramal {E}"], "it": [" int. {E}"], "nl": [" toestel {E}"], "pl": [" wew. {E}"],
        "sv": [" anknytning {E}"], "da": [" lokal {E}"], "no": [" linje {E}"], "fi": [" alanumero {E}"],
        "tr": [" dahili {E}"], "el": [" εσωτ. {E}"], "cs": [" linka {E}"], "ja": [" 内線{E}"], "ko": [" 내선 {E}"], "zh": [" 转{E}"]}

_PHONE_T = {
    "en": [
        "Please call me back on {V}{X}, after 5pm is best.",
        "Agent: what's the best number to reach you?\nCustomer: {V}{X}",
        "CALLBACK REQ – cust {N} – {V}{X} – re: damaged item",
        "name,phone,city\n{N},{V},{CITY}",
        '{"contact": {"name": "{N}", "phone": "{V}"}}',
        "phone={V} src=webform consent=yes",
        "Survey: happy to talk more, ring me on {V}{X}",
        "★★★★☆ great service, the driver even called me on {V} before arriving",
        "Txt me at {V} when the tech is on the way",
        "Best regards,\n{N}\nMobile: {V}",
        "{ID}|{N}|{V}{X}|open",
        "Form submission\nName: {N}\nPhone: {V}{X}\nPreferred time: mornings",
        "voicemail left for cust, number on file {V}{X}, no answer x2",
        "new number is {V} – old one is disconnected",
    ],
    "de": ["Bitte rufen Sie mich unter {V}{X} zurück.", "Kunde: Meine Handynummer ist {V}\nAgent: Danke, notiert.",
           "Mit freundlichen Grüßen\n{N}\nTel.: {V}{X}", "Rückruf erwünscht: {V}, am besten vormittags."],
    "fr": ["Merci de me rappeler au {V}{X}.", "Client : mon numéro c'est le {V}", "Cordialement,\n{N}\nTél. : {V}{X}"],
    "es": ["Llamadme al {V}{X} por favor.", "Cliente: mi móvil es {V}", "Saludos,\n{N}\nTel: {V}{X}"],
    "pt": ["Por favor me liguem no {V}{X}.", "Cliente: meu celular é {V}", "WhatsApp: {V}"],
    "it": ["Richiamatemi al {V}{X}, grazie.", "Cliente: il mio cellulare è {V}", "Cordiali saluti\n{N}\nTel. {V}{X}"],
    "nl": ["Bel me terug op {V}{X} aub.", "Klant: mijn nummer is {V}", "Met vriendelijke groet,\n{N}\nT: {V}{X}"],
    "pl": ["Proszę o telefon pod numer {V}{X}.", "Klient: mój numer to {V}", "Pozdrawiam\n{N}\ntel. {V}{X}"],
    "sv": ["Ring mig på {V}{X}.", "Kund: mitt nummer är {V}", "Mvh\n{N}\nTel: {V}{X}"],
    "da": ["Ring venligst på {V}{X}.", "Kunde: mit nummer er {V}", "Venlig hilsen\n{N}\nTlf. {V}{X}"],
    "no": ["Ring meg på {V}{X}.", "Kunde: nummeret mitt er {V}", "Mvh\n{N}\nTlf: {V}{X}"],
    "fi": ["Soittakaa numeroon {V}{X}.", "Asiakas: numeroni on {V}", "Terveisin\n{N}\npuh. {V}{X}"],
    "tr": ["Lütfen {V}{X} numarasından beni arayın.", "Müşteri: numaram {V}", "Saygılarımla\n{N}\nTel: {V}{X}"],
    "el": ["Παρακαλώ καλέστε με στο {V}{X}.", "Πελάτης: το κινητό μου είναι {V}", "Τηλ.: {V}{X}"],
    "cs": ["Zavolejte mi prosím na {V}{X}.", "Zákazník: moje číslo je {V}", "S pozdravem\n{N}\ntel.: {V}{X}"],
    "ja": ["折り返しは{V}{X}までお願いします。", "お客様：電話番号は{V}です", "{N}\nTEL：{V}{X}"],
    "ko": ["{V}{X} 으로 연락 주세요.", "고객: 제 번호는 {V} 입니다", "{N}\n전화: {V}{X}"],
    "zh": ["请打我电话{V}{X}，谢谢。", "用户：我的手机号是{V}", "{N}\n电话：{V}{X}"],
}


def _build_phone(n):
    made = 0
    i = 0
    while made < n:
        cc, clang, fmts = _COUNTRIES[i % len(_COUNTRIES)]
        i += 1
        v = _pat(_pick(fmts))
        lang = clang if _chance(0.8) else ("en" if clang != "en" else clang)
        note = f"{cc} format"
        tpl = _pick(_PHONE_T[lang])
        x = ""
        shown = v
        r = _R.random()
        if r < 0.14 and "{X}" in tpl:
            x = _pick(_EXT[lang]).replace("{E}", str(_R.randint(2, 499)))
            note += ", extension outside"
        elif r < 0.22 and not _structured(tpl):
            w = _pick(["tel:{V}", "({V})", "{V}.", "[{V}]", "\"{V}\"", "{V};"])
            shown, note = w.replace("{V}", v), note + ", wrapper/punctuation outside"
        elif r < 0.27 and " " in v:
            k = _R.choice([j for j, ch in enumerate(v) if ch == " "])
            v = v[:k] + "\n" + v[k + 1:]
            shown, note = v, note + ", line break inside"
        c = _ctx(lang)
        text = _fill(tpl, V=shown, X=x, **c)
        if _add(text, [("PHONE", v)], f"PHONE {lang} {note}"):
            made += 1


# ---------------------------------------------------------------- URL
def _slug():
    return "".join(_R.choice("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(_R.randint(6, 10)))


_URL_GEN = [
    lambda: f"https://imgur.com/a/{_slug()}",
    lambda: f"https://www.linkedin.com/in/{_handle('en')}-{_d(3)}",
    lambda: f"https://drive.google.com/file/d/1{_slug()}{_slug()}/view?usp=sharing",
    lambda: f"https://www.dropbox.com/s/{_slug().lower()}/receipt.pdf?dl=0",
    lambda: f"www.{_pick(['meinshop-berlin', 'fahrradwelt-koeln', 'kuechenprofi'])}.de/rueckgabe",
    lambda: f"http://{_pick(['blog', 'portfolio'])}.{_handle('en').replace('_', '').replace('.', '')}.net/",
    lambda: f"https://bit.ly/{_slug()}",
    lambda: f"https://track.{_pick(['parcelhub', 'shipfast', 'colisnet'])}.com/t/{_d(12)}",
    lambda: f"https://shop.{_pick(['nordwind-versand.de', 'brightwave.co.uk', 'lojaverde.com.br'])}/orders/{_d(7)}?ref=mail",
    lambda: f"www.facebook.com/{_handle('es')}",
    lambda: f"https://github.com/{_handle('en')}/issue-repro",
    lambda: f"instagram.com/{_handle('it')}",
    lambda: f"https://www.youtube.com/watch?v={_slug()}{_d(1)}",
    lambda: f"https://forms.office.com/r/{_slug()}",
    lambda: f"HTTPS://WWW.{_pick(['PIZZERIA-NAPOLI', 'AUTOHAUS-MUELLER'])}.{_pick(['IT', 'DE'])}/KONTAKT",
    lambda: f"https://support.{_pick(['nordwind-versand.de', 'harborlane.io'])}/tickets/{_d(6)}#comment-{_d(4)}",
    lambda: f"https://wa.me/{_pick(['49', '34', '55'])}{_d(10)}",
    lambda: f"https://example-{_pick(['crm', 'hr'])}.{_pick(['fi', 'se', 'pl', 'cz'])}/profile?uid={_luhn_complete('4', 16)}",
    lambda: f"http://192.168.{_R.randint(0, 9)}.{_R.randint(2, 250)}:8080/admin",
    lambda: f"t.co/{_slug()}",
]
_URL_T = {
    "en": ["Screenshot of the error: {V}", "★★☆☆☆ see for yourself {V} – the box was crushed",
           "Customer: here's the photo {V}\nAgent: Thanks, got it.", "url,rating\n{V},2",
           '{"attachment_url": "{V}", "ticket": {ID}}', "ref={V} utm=none", "my portfolio is at {V} if relevant",
           "@{H} look at this {V} #fail", "Survey: the return page ({V}) doesn't load on mobile"],
    "de": ["Hier ein Foto vom Schaden: {V}", "Die Seite {V} lädt nicht."], "fr": ["Voici la photo : {V}", "Le lien {V} ne marche pas."],
    "es": ["Aquí la foto: {V}", "El enlace {V} no funciona."], "pt": ["Segue o print: {V}", "O link {V} está quebrado."],
    "it": ["Ecco la foto: {V}", "Il link {V} non funziona."], "nl": ["Hier de foto: {V}", "De link {V} werkt niet."],
    "pl": ["Zdjęcie: {V}", "Link {V} nie działa."], "sv": ["Här är bilden: {V}"], "da": ["Her er billedet: {V}"],
    "no": ["Her er bildet: {V}"], "fi": ["Kuva tässä: {V}"], "tr": ["Fotoğraf burada: {V}"], "el": ["Η φωτογραφία: {V}"],
    "cs": ["Fotka zde: {V}"], "ja": ["写真はこちら：{V}"], "ko": ["사진 링크: {V}"], "zh": ["截图在这里：{V}"],
}


def _build_url(n):
    made = 0
    i = 0
    while made < n:
        gen = _URL_GEN[i % len(_URL_GEN)]
        i += 1
        v = gen()
        lang = _lang()
        note = "scheme" if "://" in v.lower() else "no scheme"
        shown = v
        tpl = _pick(_URL_T[lang])
        r = _R.random()
        if r < 0.2 and not _structured(tpl):
            shown, note = _pick(["<{V}>", "({V})", "{V}.", "\"{V}\"", "{V},"]).replace("{V}", v), note + ", wrapper/punctuation outside"
        c = _ctx(lang)
        text = _fill(tpl, V=shown, **c)
        if _add(text, [("URL", v)], f"URL {lang} {note}"):
            made += 1


# ---------------------------------------------------------------- IBAN
def _bban(spec):
    out = []
    for ch in spec:
        if ch == "n":
            out.append(_R.choice("0123456789"))
        elif ch == "a":
            out.append(_R.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        else:
            out.append(ch)
    return "".join(out)


_IBAN_C = [
    ("DE", "de", lambda: _bban("n" * 18)), ("AT", "de", lambda: _bban("n" * 16)), ("CH", "de", lambda: _bban("n" * 17)),
    ("FR", "fr", lambda: _bban("n" * 23)), ("BE", "fr", lambda: _bban("n" * 12)), ("LU", "fr", lambda: _bban("n" * 16)),
    ("ES", "es", lambda: _bban("n" * 20)), ("PT", "pt", lambda: _bban("n" * 21)), ("IT", "it", lambda: _bban("a" + "n" * 22)),
    ("NL", "nl", lambda: _pick(["ABNA", "INGB", "RABO", "SNSB"]) + _bban("n" * 10)), ("PL", "pl", lambda: _bban("n" * 24)),
    ("SE", "sv", lambda: _bban("n" * 20)), ("DK", "da", lambda: _bban("n" * 14)), ("NO", "no", lambda: _bban("n" * 11)),
    ("FI", "fi", lambda: _bban("n" * 14)), ("TR", "tr", lambda: _bban("n" * 5 + "0" + "n" * 16)), ("GR", "el", lambda: _bban("n" * 23)),
    ("CZ", "cs", lambda: _bban("n" * 20)), ("GB", "en", lambda: _pick(["NWBK", "BARC", "HBUK", "LOYD"]) + _bban("n" * 14)),
    ("IE", "en", lambda: _pick(["AIBK", "BOFI"]) + _bban("n" * 14)), ("HU", "en", lambda: _bban("n" * 24)),
    ("RO", "en", lambda: _pick(["BTRL", "RNCB"]) + _bban("n" * 16)), ("HR", "en", lambda: _bban("n" * 17)),
    ("EE", "en", lambda: _bban("n" * 16)),
]
_IBAN_T = {
    "en": ["Please refund to IBAN {V}, account holder {N}.", "Customer: my IBAN is {V}\nAgent: Thanks, refund initiated.",
           "name;iban;amount\n{N};{V};{PRICE}", '{"payout": {"iban": "{V}", "holder": "{N}"}}', "iban={V} bic=none status=pending"],
    "de": ["Bitte überweisen Sie die Erstattung auf {V} (Kontoinhaber: {N}).", "IBAN: {V}\nBIC: wird nachgereicht"],
    "fr": ["Merci de rembourser sur le compte {V}.", "RIB – IBAN : {V}"], "es": ["Por favor, hagan la devolución a la cuenta {V}."],
    "pt": ["Podem devolver o valor para o IBAN {V}?"], "it": ["Vi prego di accreditare il rimborso su IBAN {V}."],
    "nl": ["Graag terugstorten op {V} t.n.v. {N}."], "pl": ["Proszę o zwrot na rachunek {V}."],
    "sv": ["Återbetala till {V}, tack."], "da": ["Beløbet kan indsættes på {V}."], "no": ["Refusjon til kontonummer {V}, takk."],
    "fi": ["Palautus tilille {V}, kiitos."], "tr": ["İade için IBAN: {V}"], "el": ["Παρακαλώ επιστροφή στο IBAN {V}."],
    "cs": ["Vraťte prosím peníze na účet {V}."],
}


def _build_iban(n):
    made = 0
    i = 0
    while made < n:
        cc, clang, gen = _IBAN_C[i % len(_IBAN_C)]
        i += 1
        raw = _iban(cc, gen())
        r = _R.random()
        if r < 0.55:
            v, note = " ".join(raw[j:j + 4] for j in range(0, len(raw), 4)), "grouped by 4"
        elif r < 0.8:
            v, note = raw, "compact"
        elif r < 0.88:
            v, note = raw.lower(), "lower case compact"
        else:
            g = [raw[j:j + 4] for j in range(0, len(raw), 4)]
            k = _R.randint(2, len(g) - 2)
            v, note = " ".join(g[:k]) + "\n" + " ".join(g[k:]), "line break inside"
        lang = clang if _chance(0.75) else "en"
        c = _ctx(lang)
        shown = v
        tpl = _pick(_IBAN_T[lang])
        if _chance(0.1) and not _structured(tpl):
            shown, note = f"({v})" if _chance(0.5) else v + ".", note + ", punctuation outside"
        text = _fill(tpl, V=shown, **c)
        if _add(text, [("IBAN", v)], f"IBAN {cc} {lang} {note}"):
            made += 1


# ---------------------------------------------------------------- SSN
def _ssn_parts():
    while True:
        a = _R.randint(1, 899)
        if a != 666:
            break
    return f"{a:03d}", f"{_R.randint(1, 99):02d}", f"{_R.randint(1, 9999):04d}"


_SSN_T = [
    ("SSN: {V}", "labelled"), ("SSN# {V}", "labelled SSN#"), ("SS#{V}", "labelled glued"),
    ("Social Security Number: {V}\nDOB: 04/12/1985", "form"),
    ("Call note: caller verified identity with SSN {V} and zip.", "call note"),
    ("Customer: do you need my social?\nAgent: Only the last four.\nCustomer: it's {V}", "chat, unlabelled value"),
    ("applicant,ssn,state\n{N},{V},TX", "CSV"), ('{"employee": "{N}", "ssn": "{V}", "dept": "ops"}', "JSON"),
    ("ssn={V} dob=1979-08-30 w4=filed", "key=value"), ("{ID}|{N}|{V}|approved", "pipe row"),
    ("my social is {V}, why do you even need it for a refund??", "informal"),
    ("For payroll please use {V} (social security) — thanks, {N}", "unlabelled before hint"),
    ("Survey comment: your form asked for my SSN ({V}) and then crashed. Not happy.", "survey parenthesised"),
    ("Tax form W-9\nName: {N}\nTIN (SSN): {V}", "form TIN"),
    ("Cliente: mi número de seguro social es {V}", "Spanish US"),
    ("Número de Seguro Social: {V}", "Spanish label"),
    ("txt: hey mom what's my social again? – {V} don't lose it", "SMS"),
    ("verify: {N}, {V}, DOB 11/02/1990", "unlabelled in verification list"),
    ("SOCIAL SEC NO {V}", "caps label"),
    ("employee\tssn\n{N}\t{V}", "TSV"),
]


def _build_ssn(n):
    made = 0
    i = 0
    while made < n:
        tpl, tnote = _SSN_T[i % len(_SSN_T)]
        i += 1
        a, b, c3 = _ssn_parts()
        r = _R.random()
        if r < 0.65:
            v, fnote = f"{a}-{b}-{c3}", "dashed"
        elif r < 0.82:
            v, fnote = f"{a} {b} {c3}", "spaced"
        elif r < 0.95:
            v, fnote = f"{a}{b}{c3}", "nine digits"
        else:
            v, fnote = f"{a}.{b}.{c3}", "dotted"
        c = _ctx("en")
        text = _fill(tpl, V=v, **c)
        if _add(text, [("SSN", v)], f"SSN {tnote}, {fnote}"):
            made += 1


# ---------------------------------------------------------------- MIXED (several values in one item)
_SIG = {
    "en": ("Kind regards", "Tel", "Mobile", "Email", "Web"), "de": ("Beste Grüße", "Tel.", "Mobil", "E-Mail", "Web"),
    "fr": ("Bien à vous", "Tél.", "Portable", "Courriel", "Site"), "es": ("Un saludo", "Tel.", "Móvil", "Correo", "Web"),
    "it": ("Cordiali saluti", "Tel.", "Cell.", "E-mail", "Sito"), "nl": ("Groet", "T", "M", "E", "W"),
    "pl": ("Pozdrawiam", "tel.", "kom.", "e-mail", "www"), "sv": ("Hälsningar", "Tel", "Mobil", "E-post", "Webb"),
    "pt": ("Atenciosamente", "Tel.", "Cel.", "E-mail", "Site"), "ja": ("よろしくお願いいたします。", "TEL", "携帯", "Mail", "URL"),
}
_C_OF = {"en": "US", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL", "pl": "PL", "sv": "SE", "pt": "BR", "ja": "JP"}


def _phone_for(cc):
    for c, _, f in _COUNTRIES:
        if c == cc:
            return _pat(_pick(f))
    raise KeyError(cc)


def _build_mixed(n):
    made = 0
    i = 0
    while made < n:
        kind = i % 5
        i += 1
        if kind in (0, 1):
            lang = _pick(list(_SIG))
            greet, tl, ml, el, wl = _SIG[lang]
            f, l, disp = _person(lang)
            e = _email(lang)
            p1 = _phone_for(_C_OF[lang])
            p2 = _phone_for(_C_OF[lang])
            site = f"www.{_pick(['nordlicht-studio', 'ferreira-arquitetos', 'bakkerij-smit', 'mori-design', 'kowalski-serwis'])}.{_pick(['com', 'eu', 'net'])}"
            lines = [greet, disp, f"{tl}: {p1}", f"{ml}: {p2}", f"{el}: {e}"]
            pii = [("PHONE", p1), ("PHONE", p2), ("EMAIL", e)]
            if kind == 0:
                lines.append(f"{wl}: {site}")
                pii.append(("URL", site))
            text = "\n".join(lines)
            note = f"MIXED signature {lang}"
        elif kind == 2:
            lang = _pick(["de", "fr", "nl", "es", "it", "en"])
            f, l, disp = _person(lang)
            e = _email(lang)
            cc = {"de": "DE", "fr": "FR", "nl": "NL", "es": "ES", "it": "IT", "en": "GB"}[lang]
            p = _phone_for(cc)
            ib = [x for x in _IBAN_C if x[0] == cc][0]
            iv = _iban(cc, ib[2]())
            iv = " ".join(iv[j:j + 4] for j in range(0, len(iv), 4))
            text = f"--- form submission ---\nname: {disp}\nemail: {e}\nphone: {p}\niban: {iv}\nreason: return"
            pii = [("EMAIL", e), ("PHONE", p), ("IBAN", iv)]
            note = f"MIXED web-form dump {lang}"
        elif kind == 3:
            f, l, disp = _person("en")
            e = _email("en")
            p = _phone_for("US")
            a, b, c3 = _ssn_parts()
            s = f"{a}-{b}-{c3}"
            text = f'{{"name": "{disp}", "email": "{e}", "phone": "{p}", "ssn": "{s}", "start": "2026-02-01"}}'
            pii = [("EMAIL", e), ("PHONE", p), ("SSN", s)]
            note = "MIXED HR JSON en"
        else:
            lang = _pick(["en", "pt", "pl", "sv", "ko"])
            e = _email(lang)
            p = _phone_for({"en": "AU", "pt": "BR", "pl": "PL", "sv": "SE", "ko": "KR"}[lang])
            num = _luhn_complete(_pick(["4", "51", "37"]), 15 if False else 16)
            cv = _group(num, [4, 4, 4, 4], " ")
            text = f"{_R.randint(1000, 9999)},{e},{p},{cv},{_R.randint(10, 500)}.00,refund_pending"
            pii = [("EMAIL", e), ("PHONE", p), ("CARD", cv)]
            note = f"MIXED CSV export row {lang}"
        if _add(text, pii, note):
            made += 1


# ---------------------------------------------------------------- SPECIAL hand-written positives
_SPECIAL = [
    ("お客様：電話番号は０９０－１２３４－５６７８です", [("PHONE", "０９０－１２３４－５６７８")], "PHONE ja full-width digits"),
    ("Customer: email is M.Ferreira.Lopes@Outlook.Com — capitals are how I typed it", [("EMAIL", "M.Ferreira.Lopes@Outlook.Com")], "EMAIL en mixed case"),
    ("Escríbeme: lucia punto garcia arroba gmail punto com", [("EMAIL", "lucia punto garcia arroba gmail punto com")], "EMAIL es fully spelled"),
    ("Kontakt: kasia_nowak(at)interia.pl (proszę nie dzwonić)", [("EMAIL", "kasia_nowak(at)interia.pl")], "EMAIL pl (at)"),
    ("Call me: +44 (0)20 7946 0321 x 118", [("PHONE", "+44 (0)20 7946 0321")], "PHONE GB ext outside"),
    ("Visit https://www.hotel-alpenrose.at/zimmer?lang=de&n=3, it's where we stayed", [("URL", "https://www.hotel-alpenrose.at/zimmer?lang=de&n=3")], "URL trailing comma outside"),
    ("SSN 512-48-7730; DOB withheld", [("SSN", "512-48-7730")], "SSN glued semicolon"),
    ("rueckmeldung an peter.lang@gmx,de bitte", [("EMAIL", "peter.lang@gmx,de")], "EMAIL de comma typo"),
]


# ---------------------------------------------------------------- HARD NEGATIVES
def _n_order():
    return _pick([
        f"Order #{_d(3)}-{_d(7)}-{_d(7)} hasn't shipped yet, any update?",
        f"Bestellnummer {_R.randint(40000000, 49999999)} – Lieferung verspätet.",
        f"Commande n° FR{_d(9)} toujours pas livrée.",
        f"Pedido nº {_d(8)}: falta una pieza.",
        f"Zamówienie nr {_d(6)}/2026 nie dotarło.",
        f"注文番号：{_d(3)}-{_d(7)}-{_d(7)}",
        f"주문번호 {_d(14)} 배송 조회가 안 돼요",
        f"订单号：{_d(18)}，还没发货",
        f"order_id={_d(9)} status=shipped carrier=ups",
        f"Ordernummer {_d(10)} is nog niet verzonden.",
    ]), "order number"


def _n_tracking():
    al = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    return _pick([
        f"Tracking: 1Z{''.join(_R.choice(al) for _ in range(6))}{_d(10)}",
        f"DHL Sendungsnummer 00340434{_d(12)}",
        f"USPS tracking {_d(4)} {_d(4)} {_d(4)} {_d(4)} {_d(4)} {_d(2)} shows no movement",
        f"Royal Mail ref {_R.choice('ABCDEFGHJKLMNPRS')}{_R.choice('ABCDEFGHJKLMNPRS')}{_d(9)}GB",
        f"PostNL track & trace: 3S{''.join(_R.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(4))}{_d(7)}",
        f"Número de seguimiento Correos: PQ{_d(2)}F{_d(2)}P{_d(16)}M",
        f"Posten sporingsnummer 70{_d(15)}",
        f"快递单号 SF{_d(12)}",
    ]), "tracking number"


def _n_invoice():
    return _pick([
        f"Invoice INV-2026-{_d(5)} attached, due in 30 days.",
        f"Rechnung Nr. RE-2026-{_d(4)} vom 03.02.2026",
        f"Facture F2026/{_d(5)} – montant TTC 1 249,90 €",
        f"Fattura n. {_R.randint(1, 999)}/2026 del 14/03/2026",
        f"Faktura VAT nr FV/{_R.randint(1, 999)}/03/2026",
        f"Fakturanummer {_d(7)}, förfallodatum 2026-04-30",
        f"請求書番号 INV{_d(8)}",
        f"invoice_no;amount;currency\nINV{_d(6)};{_R.randint(10, 999)},50;EUR",
    ]), "invoice number"


def _n_tax():
    return _pick([
        f"USt-IdNr.: DE{_d(9)}", f"Steuernummer {_d(2)}/{_d(3)}/{_d(5)}",
        f"SIRET : {_d(3)} {_d(3)} {_d(3)} {_d(5)}", f"NIF/CIF: B{_d(8)}", f"P.IVA IT{_d(11)}",
        f"KvK-nummer {_d(8)}", f"NIP: {_d(3)}-{_d(3)}-{_d(2)}-{_d(2)}", f"Org.nr {_d(6)}-{_d(4)}",
        f"CVR-nr. {_d(8)}", f"Org.nr. {_d(3)} {_d(3)} {_d(3)} MVA", f"Y-tunnus {_d(7)}-{_d(1)}",
        f"Vergi No: {_d(10)}", f"IČO: {_d(8)}, DIČ: CZ{_d(8)}", f"ΑΦΜ {_d(9)}",
        f"法人番号 {_d(13)}", f"사업자등록번호 {_d(3)}-{_d(2)}-{_d(5)}",
        f"统一社会信用代码 91310000MA1F{_d(5)}X", f"Company No. {_d(8)} registered in England and Wales",
        f"VAT Reg No. GB {_d(3)} {_d(4)} {_d(2)}", f"EIN {_d(2)}-{_d(7)} (company)", f"CNPJ {_d(2)}.{_d(3)}.{_d(3)}/0001-{_d(2)}",
        f"ABN {_d(2)} {_d(3)} {_d(3)} {_d(3)}",
    ]), "tax / company id"


def _n_luhnbad():
    num = _luhn_bad(_pick(["4", "5", "37", "6011", "35", "62"]), 16)
    g = _group(num, [4, 4, 4, 4], _pick([" ", "-", ""]))
    return _pick([
        f"Reference number {g} – please quote it in all correspondence.",
        f"Kundennummer {g}",
        f"Loyalty member no. {g}",
        f"Vorgangsnummer: {g}",
        f"Numéro de dossier {g}",
        f"Número de referencia: {g}",
        f"会員番号 {g}",
        f"ref,amount\n{g},19.99",
        f"Transaction ID {g} failed at checkout",
        f"Referentienummer {g}",
    ]), "Luhn-invalid 16-digit number"


def _n_misc():
    return _pick([
        (f"Price went from €1.299,00 to €1.449,00 overnight.", "prices"),
        (f"Paid $4,299.99 plus $35.00 shipping on {_R.randint(1, 12)}/{_R.randint(1, 28)}/2026.", "price, date"),
        (f"Termin am {_R.randint(1, 28):02d}.{_R.randint(1, 12):02d}.2026 um {_R.randint(8, 17)}:30 Uhr", "date, time"),
        (f"Delivered 2026-{_R.randint(1, 12):02d}-{_R.randint(10, 28)} 14:{_R.randint(10, 59)} UTC", "ISO date"),
        (f"After updating to v{_R.randint(2, 9)}.{_R.randint(0, 20)}.{_R.randint(0, 9)} the app crashes on iOS 17.4.1", "versions"),
        (f"Flight LH {_R.randint(400, 2999)} from FRA delayed, then BA0{_R.randint(100, 999)} cancelled", "flight numbers"),
        (f"Vol AF{_R.randint(1000, 1999)} annulé, arrivée prévue 23h45", "flight number fr"),
        (f"Ship to 10115 Berlin, not 75008 Paris", "postcodes"),
        (f"Address: 221B Baker St, London NW1 6XE", "postcode GB"),
        (f"ul. Marszałkowska 10, 00-{_R.randint(100, 999)} Warszawa", "postcode PL"),
        (f"Storgatan 5, 114 {_R.randint(10, 99)} Stockholm", "postcode SE"),
        (f"〒100-{_d(4)} 東京都千代田区", "postcode JP"),
        (f"Bought {_R.randint(2, 9)} units at 12,50 € each, total {_R.randint(30, 120)},00 €", "prices"),
        (f"Opening hours 9:00–17:30, Sat 10:00–14:00", "times"),
        (f"Temperature was -{_R.randint(2, 20)}°C and the battery dropped to {_R.randint(5, 40)}%", "numbers"),
        (f"ISBN 978-3-{_d(2)}-{_d(6)}-{_d(1)}", "ISBN"),
        (f"Model no. SM-G{_d(3)}B/DS, serial R5{_d(2)}N{_d(6)}", "product codes"),
        (f"SKU {_d(4)}-XL-{_d(2)} is out of stock", "SKU"),
        (f"Art.-Nr. {_d(3)}.{_d(3)}.{_d(2)}", "article number dotted"),
        (f"Built with Node.js, Vue.js and ASP.NET Core – none of which explains the bug", "software names with dots"),
        (f"Upgrade Next.js to 14.2 and update config.yaml, see README.md", "file and software names"),
        (f"We migrated from Socket.IO to Deno.land modules last sprint", "software names with dots"),
        (f"Die App nutzt Three.js und Chart.js, seit Update {_R.randint(3, 9)}.{_R.randint(0, 9)} ruckelt alles", "software names with dots de"),
        (f"Il sito è fatto con Express.js, il problema è nel file app.config.json", "software/file names it"),
        (f"Nuxt.js 3.{_R.randint(0, 12)} + D3.js ile yapılmış, mobilde çalışmıyor", "software names tr"),
        (f"{_R.randint(1, 9)},{_d(3)},{_d(3)} downloads this year", "big count"),
        (f"@{_handle('en')} thanks for the quick fix!", "@handle only"),
        (f"Meet me at the café at 3, dot on time", "at/dot words"),
        (f"my number is four one five, eight three two, four four seven one", "spelled-out digits"),
        (f"meine Nummer ist null eins sieben eins, zwei drei vier …", "spelled-out digits de"),
        (f"Room {_R.randint(100, 999)}, floor {_R.randint(1, 12)}, badge {_d(6)}", "room/badge numbers"),
        (f"Gift card balance: 25,00 € (PIN {_d(4)})", "PIN only"),
        (f"Score: {_R.randint(0, 10)}/10 – NPS survey {_R.randint(2024, 2026)}", "score"),
        (f"Kilometerstand {_R.randint(10, 200)}.{_d(3)} km, Baujahr 2019", "mileage"),
        (f"Coordinates 52.5200, 13.4050", "coordinates"),
        (f"Ticket #{_d(6)} closed after {_R.randint(2, 9)} days", "ticket number"),
        (f"Ref: {_d(4)}/{_d(2)}/{_d(4)}", "slashed reference"),
    ])


def _n_masked():
    return _pick([
        (f"Charged to card ending {_d(4)}", "card ending"),
        (f"Karte endet auf {_d(4)}", "card ending de"),
        (f"**** **** **** {_d(4)}", "masked card"),
        (f"Card: XXXX-XXXX-XXXX-{_d(4)} (Visa)", "masked card X"),
        (f"SSN on file: ***-**-{_d(4)}", "masked SSN"),
        (f"last 4 of social: {_d(4)}", "SSN last four"),
        (f"Email on file j****e@gmail.com – is that right?", "masked email"),
        (f"We sent a code to m***@w**.de", "masked email de"),
        (f"Confirmation envoyée à c*****.d****@orange.fr", "masked email fr"),
        (f"Correo registrado: l***a@h******.es", "masked email es"),
        (f"確認メールを t****@yahoo.co.jp に送信しました", "masked email ja"),
        (f"Code envoyé au +33 6 ** ** ** {_d(2)}", "masked phone fr"),
        (f"Your number ending in {_d(3)} was verified", "phone ending"),
        (f"IBAN: DE** **** **** **** **{_d(2)} {_d(2)}", "masked IBAN"),
        (f"Refund sent to account ending …{_d(4)}", "account ending"),
        (f"Amex ••••{_d(5)}", "masked amex"),
        (f"카드 끝자리 {_d(4)}", "card last digits ko"),
        (f"尾号{_d(4)}的银行卡", "card tail zh"),
        (f"Tel. 0171 / *** ** {_d(2)}", "masked phone de"),
        (f"XXX-XX-{_d(4)} printed on the letter", "masked SSN X"),
        (f"first six {_d(6)}, last four {_d(4)}", "BIN and last four"),
    ])


_NEG_GENS = [(_n_order, 14), (_n_tracking, 12), (_n_invoice, 10), (_n_tax, 24), (_n_luhnbad, 16), (_n_misc, 50), (_n_masked, 24)]


_RUN = re.compile(r"\d(?:[ -]?\d)*")


def _neg_safe(text):
    # a hard negative must not carry a Luhn-valid 12-19 digit run by accident
    for m in _RUN.finditer(text):
        ds = re.sub(r"\D", "", m.group())
        if 12 <= len(ds) <= 19 and _luhn_ok(ds):
            return False
    return True


def _build_neg():
    for gen, k in _NEG_GENS:
        made = 0
        tries = 0
        while made < k and tries < 500:
            tries += 1
            out = gen()
            text, note = out
            if _neg_safe(text) and _add(text, [], f"NEG {note}"):
                made += 1


_build_email(100)
_build_card(115)
_build_phone(103)
_build_url(36)
_build_iban(27)
_build_ssn(42)
_build_mixed(20)
for _t, _p, _n in _SPECIAL:
    _add(_t, _p, _n)
_build_neg()
_RNG9.shuffle(ITEMS)

for _it in ITEMS:
    assert set(_it) == {"text", "pii", "note"}
    for _v in _it["pii"]:
        assert _v["type"] in TYPES, _v
        assert _v["value"] and _v["value"] in _it["text"], (_v, _it["text"])
        if _v["type"] == "CARD":
            assert _luhn_ok(_v["value"]), _v
        if _v["type"] == "IBAN":
            assert _iban_ok(_v["value"]), _v
assert len({_it["text"] for _it in ITEMS}) == len(ITEMS)

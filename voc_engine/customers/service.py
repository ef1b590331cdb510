"""Customers: importing CRM data, the customer profile, who may read it, and the customer table.

* **Import** (`import_customers`): a CSV/JSONL/Parquet file read by `voc_engine.io.TableReader`,
  columns named with ``--map customer_id=COL,segment=COL,…`` (the ingest mapping's syntax). Each
  row is checked on its own; a bad one is reported by its 0-based data row and left out, the good
  ones are upserted in ONE transaction (nothing half-written) keyed by the customer's pseudonym,
  so importing the same file again changes nothing. A mapped field with an empty value is stored
  empty (the file is the CRM's current state); a field the file does not map keeps its stored
  value. After the import the churn model is refitted on the imported customers.
* **Profile** (`CustomerService.profile`): the customer's feedback across channels with its
  enrichments (a bounded page, newest first), their scores per month, their cases with outcomes,
  segment, value, churn risk and last contact — a `CustomerProfile` whose ``to_dict()`` the CLI
  and the API both print. A fixed number of indexed queries, whatever the customer's history.
* **Access** (`customer_access`): the one decision of who may see which customer.
* **The customer table** (`customer_table`, `fit_customer_churn_model`): what driver analysis and
  the churn/value model read instead of a side file when customers have been imported.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Iterable

from sqlalchemy import and_, bindparam, exists, false, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from voc_engine.alerting.cases import case_to_dict
from voc_engine.alerting.models import Case, User
from voc_engine.auth.policy import Principal
from voc_engine.customers.models import ChurnModelRow, CustomerProfile
from voc_engine.errors import InvalidArgumentError, NotFoundError, VocError
from voc_engine.ingest.mapping import MappingError, parse_assignments
from voc_engine.io import BadRow, TableReader
from voc_engine.store.audit import record
from voc_engine.store.filters import CommentFilter
from voc_engine.store.models import Comment, Customer, utcnow
from voc_engine.store.schemas import RowError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from voc_engine.drivers.money import ChurnValueModel
    from voc_engine.store.repository import FeedbackStore

CUSTOMER_FIELDS = ("customer_id", "segment", "revenue", "tenure_months", "churned", "contract_state")
LABEL_LIMITS = {"segment": 100, "contract_state": 50}
CUSTOMER_ID_MAX = 200
MAX_ERRORS_KEPT = 100  # rejected rows named in the result (all are counted)
COMMENTS_PAGE_MAX = 100
CASES_SHOWN = 50
SCORES_PERIOD = "month"
_TRUE = {"1", "true", "yes", "y", "t"}
_FALSE = {"0", "false", "no", "n", "f"}
_CHUNK = 500


# --------------------------------------------------------------------------- access
def customer_access(viewer: Principal):
    """Who may see which customer, decided here and nowhere else: SQL over `cases` selecting the
    cases through which `viewer` sees a customer, or None for every customer and case.

    An admin sees every customer; a team lead the customers of their team's cases (and of cases
    they own); an agent the customers of the cases they own; anyone else none. A customer the
    viewer may not see is "not found", as a case is. Analysts are not viewers: they keep the
    pseudonymous aggregates (stats, drivers, exports)."""
    if viewer.is_admin:
        return None
    mine = Case.owner_id == viewer.user_id if viewer.user_id is not None else false()
    if viewer.is_lead and viewer.team:
        return or_(mine, Case.team == viewer.team)
    return mine


# --------------------------------------------------------------------------- import
@dataclass(frozen=True)
class CustomerMap:
    """Which file column feeds which customer field (``--map customer_id=COL,revenue=COL``).

    A field without a mapping is read from a column of the same name when the file has one."""

    columns: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, spec: str | None) -> "CustomerMap":
        columns = parse_assignments(spec, "--map")
        for name in columns:
            if name not in CUSTOMER_FIELDS:
                raise MappingError(f"--map: unknown field {name!r}; known: {', '.join(CUSTOMER_FIELDS)}")
        return cls(columns)

    def resolve(self, available: list[str] | None) -> "CustomerMap":
        """Add same-name columns and check the mapped ones exist (when the file states its columns)."""
        columns = dict(self.columns)
        if available is not None:
            for name in CUSTOMER_FIELDS:
                if name not in columns and name in available:
                    columns[name] = name
            missing = [column for column in columns.values() if column not in available]
            if missing:
                raise MappingError(f"--map: column {missing[0]!r} is not in the file (it has: {', '.join(available)})")
        elif not columns:
            # JSONL states no columns: its keys are the fields.
            columns = {name: name for name in CUSTOMER_FIELDS}
        if "customer_id" not in columns:
            raise MappingError("no customer id column: pass --map customer_id=COLUMN")
        return CustomerMap(columns)


@dataclass
class CustomerImportResult:
    """What an import did: rows read, profiles created, updated and unchanged, rows rejected (by
    0-based data row), and the churn model refitted on the imported customers."""

    path: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    churn_model: dict[str, Any] | None = None
    churn_model_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "errors": self.errors,
            "churn_model": self.churn_model,
            "churn_model_note": self.churn_model_note,
        }

    def summary(self) -> str:
        lines = [
            f"{self.path}: {self.rows} rows, {self.created} customers created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.rejected} rejected"
        ]
        lines += [f"  row {e['index']}: {e['error']}" for e in self.errors[:10]]
        if self.rejected > 10:
            lines.append(f"  ... {self.rejected - 10} more rejected rows")
        if self.churn_model is not None:
            lines.append(
                f"churn model refitted on {self.churn_model['customers']} customers "
                f"(churn rate {self.churn_model['churn_rate']:.1%})"
            )
        if self.churn_model_note:
            lines.append(f"churn model: {self.churn_model_note}")
        return "\n".join(lines)


def _number(value: Any, name: str, minimum: float | None = None) -> float:
    if isinstance(value, bool):
        raise ValueError(f"{name}: must be a number")
    try:
        number = float(str(value).strip().replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: must be a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{name}: must be a finite number")
    if minimum is not None and number < minimum:
        raise ValueError(f"{name}: must be {minimum:g} or more")
    return number


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("churned: must be 0/1, true/false or yes/no")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (
        isinstance(value, str) and not value.strip()
    )


def parse_customer_row(values: dict[str, Any], mapping: CustomerMap, label: Callable[[str], str]) -> dict[str, Any]:
    """The stored fields of one file row (customer_id still as sent); ValueError says what is wrong
    without quoting the value. `label` redacts a label (the store's PII policy)."""
    out: dict[str, Any] = {}
    for name, column in mapping.columns.items():
        value = values.get(column)
        if _blank(value):
            if name == "customer_id":
                raise ValueError("customer_id: missing")
            out[name] = None
            continue
        if name == "customer_id":
            text = str(value).strip()
            if len(text) > CUSTOMER_ID_MAX or "\x00" in text:
                raise ValueError(f"customer_id: must be 1 to {CUSTOMER_ID_MAX} characters without NUL")
            out[name] = text
        elif name in LABEL_LIMITS:
            text = str(value).strip()
            if "\x00" in text:
                raise ValueError(f"{name}: must not contain NUL characters")
            text = label(text)
            if len(text) > LABEL_LIMITS[name]:
                raise ValueError(f"{name}: at most {LABEL_LIMITS[name]} characters")
            out[name] = text
        elif name == "revenue":
            out[name] = _number(value, name)
        elif name == "tenure_months":
            out[name] = _number(value, name, minimum=0)
        else:
            out[name] = _flag(value)
    return out


def import_customers(
    store: "FeedbackStore", path: str, mapping: CustomerMap, *, actor: str, fmt: str | None = None
) -> CustomerImportResult:
    """Upsert the file's customers (one transaction, audited) and refit the churn model."""
    reader = TableReader(path, fmt, invalid_utf8="reject")
    mapping = mapping.resolve(reader.columns())
    result = CustomerImportResult(path=str(path))
    good: dict[str, tuple[int, dict[str, Any]]] = {}  # pseudonym -> (first row, fields)

    def reject(index: int, error: str) -> None:
        result.rejected += 1
        if len(result.errors) < MAX_ERRORS_KEPT:
            result.errors.append(RowError(index, error).to_dict())

    for index, row in reader.rows(list(dict.fromkeys(mapping.columns.values())) if reader.format == "parquet" else None):
        result.rows += 1
        if isinstance(row, BadRow):
            reject(index, f"{row.column}: {row.error}" if row.column else row.error)
            continue
        try:
            fields = parse_customer_row(row, mapping, store.pii.label)
        except ValueError as exc:
            reject(index, str(exc))
            continue
        pseudonym = store.pii.customer_id(fields.pop("customer_id"))
        if pseudonym in good:
            first, earlier = good[pseudonym]
            if earlier != fields:
                reject(index, f"customer_id already used by row {first} of this file, with other values")
            else:
                result.unchanged += 1  # the same customer twice, the same values: one upsert
            continue
        good[pseudonym] = (index, fields)
    if good:
        _upsert(store, good, result, actor)
    model, note = _refit_churn_model(store)
    result.churn_model, result.churn_model_note = model, note
    return result


def _insert_new_customers(dialect: str):
    """INSERT into customers that leaves a pseudonym stored meanwhile (a concurrent ingest) alone."""
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(Customer.__table__).on_conflict_do_nothing(index_elements=["external_id"])


def _upsert(
    store: "FeedbackStore", rows: dict[str, tuple[int, dict[str, Any]]], result: CustomerImportResult, actor: str
) -> None:
    now = utcnow()
    pseudonyms = list(rows)
    with store.write_session() as session, session.begin():
        for start in range(0, len(pseudonyms), _CHUNK):
            chunk = pseudonyms[start : start + _CHUNK]
            session.execute(
                _insert_new_customers(store.dialect),
                [{"external_id": p, "first_seen_at": now, "last_seen_at": now} for p in chunk],
            )
        pks: dict[str, int] = {}
        stored: dict[int, CustomerProfile] = {}
        for start in range(0, len(pseudonyms), _CHUNK):
            chunk = pseudonyms[start : start + _CHUNK]
            pks.update(session.execute(select(Customer.external_id, Customer.id).where(Customer.external_id.in_(chunk))).all())
            chunk_pks = [pks[p] for p in chunk]
            stored.update(
                (p.customer_pk, p)
                for p in session.scalars(select(CustomerProfile).where(CustomerProfile.customer_pk.in_(chunk_pks)))
            )
        inserts, updates = [], []
        for pseudonym, (_, fields) in rows.items():
            pk = pks[pseudonym]
            profile = stored.get(pk)
            if profile is None:
                inserts.append({"customer_pk": pk, **fields, "imported_at": now, "updated_at": now})
            elif any(getattr(profile, name) != value for name, value in fields.items()):
                updates.append({"pk": pk, **fields})
            else:
                result.unchanged += 1
        if inserts:
            session.execute(insert(CustomerProfile.__table__), inserts)
        if updates:
            # One statement per set of mapped fields: every row of a file maps the same ones.
            names = [name for name in updates[0] if name != "pk"]
            statement = (
                update(CustomerProfile.__table__)
                .where(CustomerProfile.__table__.c.customer_pk == bindparam("pk"))
                .values({name: bindparam(name) for name in names} | {"updated_at": now})
            )
            session.connection().execute(statement, updates)
        result.created, result.updated = len(inserts), len(updates)
        record(session, actor, "import_customers", "customers",
               {"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                "rejected": result.rejected}, at=now)


# --------------------------------------------------------------------------- the customer table
TABLE_COLUMNS = ("customer_id", "segment", "revenue", "tenure_months", "churned", "contract_state", "ltr", "answers")


def customer_table(store: "FeedbackStore") -> "pd.DataFrame":
    """The imported customers, one row each: customer_id (the pseudonym, as comments carry it), the
    CRM fields, and ``ltr``, the mean of their 0-10 likelihood-to-recommend answers (``answers`` of
    them). Empty when no customer has been imported."""
    import pandas as pd

    answers = (
        select(
            Comment.customer_pk.label("customer_pk"),
            func.avg(Comment.nps).label("ltr"),
            func.count(Comment.nps).label("answers"),
        )
        .where(Comment.customer_pk.in_(select(CustomerProfile.customer_pk)))
        .group_by(Comment.customer_pk)
        .subquery()
    )
    query = (
        select(
            Customer.external_id,
            CustomerProfile.segment,
            CustomerProfile.revenue,
            CustomerProfile.tenure_months,
            CustomerProfile.churned,
            CustomerProfile.contract_state,
            answers.c.ltr,
            answers.c.answers,
        )
        .join(Customer, Customer.id == CustomerProfile.customer_pk)
        .outerjoin(answers, answers.c.customer_pk == CustomerProfile.customer_pk)
        .order_by(Customer.external_id)
    )
    with store.read_session() as session:
        rows = session.execute(query).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=list(TABLE_COLUMNS))
    frame["churned"] = frame["churned"].astype("boolean")
    for column in ("revenue", "tenure_months", "ltr"):
        frame[column] = frame[column].astype("float64")
    frame["answers"] = frame["answers"].fillna(0).astype("int64")
    return frame


def fit_customer_churn_model(store: "FeedbackStore", table: "pd.DataFrame | None" = None) -> "ChurnValueModel":
    """The churn/value model (`voc_engine.drivers.money.fit_churn_model`) on the imported customers:
    churned ~ their mean 0-10 answer (``ltr``), weighted by revenue. Customers without an answer, a
    churned value or a revenue are left out (the model's warnings count them)."""
    from voc_engine.drivers.money import fit_churn_model

    table = customer_table(store) if table is None else table
    if table.empty:
        raise VocError("no customers imported: run `voc customers import FILE` first")
    frame = table[["customer_id", "churned", "revenue", "ltr"]].copy()
    frame["churned"] = frame["churned"].astype("float64")
    return fit_churn_model(frame, nps="ltr")


def _refit_churn_model(store: "FeedbackStore") -> tuple[dict[str, Any] | None, str | None]:
    """Refit and keep the churn model; (its summary, None) or (None, why there is none)."""
    table = customer_table(store)
    usable = table.dropna(subset=["churned", "revenue", "ltr"]) if not table.empty else table
    if usable.empty:
        return None, "not fitted: no imported customer has churned, revenue and an NPS answer"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # separation/convergence: the note below says it in words
            model = fit_customer_churn_model(store, table)
    except VocError as exc:
        return None, f"not fitted: {exc}"
    if not model.results.mle_retvals.get("converged", True):
        # Churn perfectly separated by the answers (or too few customers): no usable coefficients.
        return None, "not fitted: the churn logit did not converge (too few customers, or churn separated by the answers)"
    params = {name: float(value) for name, value in model.results.params.items()}
    summary = model.to_dict()
    with store.write_session() as session, session.begin():
        session.add(
            ChurnModelRow(
                fitted_at=utcnow(),
                customers=model.n,
                churn_rate=float(model.frame["churned"].mean()),
                params=params,
                nps_max=float(model.nps_max),
                summary=summary,
            )
        )
    return {"customers": model.n, "churn_rate": float(model.frame["churned"].mean()), "params": params,
            "warnings": list(model.warnings)}, None


def churn_probability(params: dict[str, float], ltr: float, nps_max: float = 10.0) -> float:
    """P(churn) of a customer whose mean 0-10 answer is `ltr`, under a stored model's logit."""
    eta = params["Intercept"] + params["ltr"] * min(ltr, nps_max)
    return 1.0 / (1.0 + math.exp(-eta))


# --------------------------------------------------------------------------- the profile
@dataclass
class CustomerProfileResult:
    """One customer as a viewer may see them (``to_dict()``: the CLI's and the API's shape)."""

    customer_id: str
    segment: str | None
    crm: dict[str, Any] | None
    churn_risk: dict[str, Any]
    last_contact: dict[str, Any] | None
    first_seen_at: str | None
    comments_total: int
    comments: list[dict[str, Any]]
    next_cursor: str | None
    cases_total: int
    cases: list[dict[str, Any]]
    scores: list[dict[str, Any]]
    scores_period: str = SCORES_PERIOD

    def to_dict(self) -> dict[str, Any]:
        return {
            "customer_id": self.customer_id,
            "segment": self.segment,
            "crm": self.crm,
            "value": self.crm["revenue"] if self.crm else None,
            "churn_risk": self.churn_risk,
            "last_contact": self.last_contact,
            "first_seen_at": self.first_seen_at,
            "comments_total": self.comments_total,
            "comments": self.comments,
            "next_cursor": self.next_cursor,
            "cases_total": self.cases_total,
            "cases": self.cases,
            "scores_period": self.scores_period,
            "scores": self.scores,
        }

    def summary(self) -> str:
        lines = [f"Customer {self.customer_id}" + (f" (segment {self.segment})" if self.segment else "")]
        if self.crm:
            crm = self.crm
            parts = [f"{name.replace('_', ' ')} {crm[name]:g}" for name in ("revenue", "tenure_months")
                     if crm[name] is not None]
            parts += [f"contract {crm['contract_state']}"] if crm["contract_state"] else []
            parts += ["churned"] if crm["churned"] else []
            lines.append("  CRM: " + (", ".join(parts) or "no values"))
        risk = self.churn_risk
        if risk["probability"] is not None:
            lines.append(f"  churn risk {risk['probability']:.1%} (mean answer {risk['ltr']:.1f}/10, "
                         f"model of {risk['model_customers']} customers)")
        else:
            lines.append(f"  churn risk: {risk['reason']}")
        if self.last_contact:
            lines.append(f"  last contact {self.last_contact['at'][:16]} via {self.last_contact['channel'] or '-'}")
        for row in self.scores:
            nps = f", NPS {row['nps_index']:+.0f}" if row["nps_index"] is not None else ""
            sentiment = f"{row['mean_sentiment']:+.2f}" if row["mean_sentiment"] is not None else "-"
            lines.append(f"  {row['period']}: {_count(row['comments'], 'comment')}, sentiment {sentiment}{nps}")
        lines.append(f"  {_count(self.cases_total, 'case')}")
        for case in self.cases[:10]:
            outcome = case["outcome"] or case["resolution_code"] or "-"
            lines.append(f"    #{case['id']} {case['title']} [{case['state']}, team {case['team']}] outcome {outcome}")
        lines.append(f"  {_count(self.comments_total, 'comment')}" + (" (newest first)" if self.comments else ""))
        for item in self.comments[:10]:
            sentiment = item["enrichment"].get("sentiment") or {}
            tags = ", ".join(t["name"] for t in item["enrichment"].get("tags", []))
            lines.append(f"    {item['created_at'][:10]} {item['channel'] or '-'} "
                         f"[{sentiment.get('label', '-')}{'; ' + tags if tags else ''}] {(item['text'] or '')[:80]}")
        return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class CustomerService:
    """Reading customers on behalf of a `Principal` (see `customer_access`)."""

    def __init__(self, store: "FeedbackStore", clock: Callable[[], datetime] = utcnow):
        self.store = store
        self.clock = clock

    def profile(
        self, viewer: Principal, customer_id: str, *, limit: int = 20, cursor: str | None = None
    ) -> CustomerProfileResult:
        """The customer's profile; NotFoundError when unknown or not the viewer's to see.

        `limit` comments per page (at most COMMENTS_PAGE_MAX), newest first; `cursor` is the
        previous page's `next_cursor`."""
        if not 1 <= limit <= COMMENTS_PAGE_MAX:
            raise InvalidArgumentError(f"limit must be 1 to {COMMENTS_PAGE_MAX}")
        store, now = self.store, self.clock()
        scope = customer_access(viewer)
        with store.read_session() as session:
            customer = session.execute(
                select(Customer.id, Customer.external_id, Customer.segment, Customer.first_seen_at)
                .where(Customer.external_id.in_(store.customer_keys(customer_id)))
                .order_by(Customer.id)
                .limit(1)
            ).first()
            if customer is None:
                raise NotFoundError("no such customer")
            pk = customer.id
            cases_query = select(Case, User.name).outerjoin(User, User.id == Case.owner_id).where(Case.customer_pk == pk)
            if scope is not None:
                if not session.scalar(select(exists().where(and_(Case.customer_pk == pk, scope)))):
                    raise NotFoundError("no such customer")
                cases_query = cases_query.where(scope)
            crm = session.get(CustomerProfile, pk)
            cases = session.execute(cases_query.order_by(Case.id.desc()).limit(CASES_SHOWN)).all()
            cases_total = session.scalar(
                select(func.count()).select_from(Case).where(Case.customer_pk == pk, *([scope] if scope is not None else []))
            )
            last = session.execute(
                select(Comment.id, Comment.created_at, Comment.channel, Comment.touchpoint)
                .where(Comment.customer_pk == pk)
                .order_by(Comment.created_at.desc(), Comment.id.desc())
                .limit(1)
            ).first()
            model = session.scalars(select(ChurnModelRow).order_by(ChurnModelRow.id.desc()).limit(1)).first()
            model = (model.id, model.params, model.nps_max, model.customers, _iso(model.fitted_at)) if model else None
        comment_filter = CommentFilter(customer_id=customer.external_id)
        page = store.list_comments(comment_filter, limit=limit, cursor=cursor)
        scores = store.stats(comment_filter, period=SCORES_PERIOD).rows
        return CustomerProfileResult(
            customer_id=customer.external_id,
            segment=(crm.segment if crm and crm.segment else None) or customer.segment,
            crm=_crm(crm),
            churn_risk=_risk(model, scores),
            last_contact=(
                {"at": _iso(last.created_at), "channel": last.channel, "touchpoint": last.touchpoint,
                 "comment_id": last.id}
                if last else None
            ),
            first_seen_at=_iso(customer.first_seen_at),
            comments_total=sum(row["comments"] for row in scores),
            comments=page.items,
            next_cursor=page.next_cursor,
            cases_total=int(cases_total or 0),
            cases=[case_to_dict(case, owner, customer.external_id, now) for case, owner in cases],
            scores=scores,
        )


def _crm(profile: CustomerProfile | None) -> dict[str, Any] | None:
    if profile is None:
        return None
    return {
        "segment": profile.segment,
        "revenue": profile.revenue,
        "tenure_months": profile.tenure_months,
        "churned": profile.churned,
        "contract_state": profile.contract_state,
        "imported_at": _iso(profile.imported_at),
        "updated_at": _iso(profile.updated_at),
    }


def _risk(model: tuple | None, scores: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The newest churn model's probability for the customer's mean 0-10 answer over all periods."""
    answers = [(row["mean_ltr"], row["nps_responses"]) for row in scores if row["nps_responses"]]
    ltr = sum(m * n for m, n in answers) / sum(n for _, n in answers) if answers else None
    empty = {"probability": None, "ltr": ltr, "model_id": None, "model_customers": None, "fitted_at": None}
    if model is None:
        return empty | {"reason": "no churn model: import customers with churned and revenue (voc customers import)"}
    if ltr is None:
        return empty | {"reason": "the customer has given no 0-10 answer"}
    model_id, params, nps_max, customers, fitted_at = model
    return {
        "probability": churn_probability(params, ltr, nps_max),
        "ltr": ltr,
        "model_id": model_id,
        "model_customers": customers,
        "fitted_at": fitted_at,
        "reason": None,
    }

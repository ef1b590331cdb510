"""Relative importance of drivers: LMG/Shapley shares of R², Johnson's
relative weights, VIFs and bootstrap intervals.

Speed comes from two facts:

* Every regressor is 0/1 (drivers are validated 0/1, controls enter as 0/1
  dummies), so the rows collapse to a few thousand distinct regressor
  *patterns*. A bootstrap resample then only changes how often each pattern
  occurs and the sums of the KPI per pattern: two ``bincount`` calls over the
  rows, after which every moment is a small pattern-level product.
* R² of any subset of drivers is a quadratic form in the correlation matrix,
  ``r_S' R_SS⁻¹ r_S``, so the 2^p subset fits of LMG are 2^p small linear
  solves, batched by subset size across all resamples at once; nothing is
  refitted row by row.

Controls are always in the model: the drivers' covariances are partialled on
the controls (Frisch-Waugh-Lovell), so a subset's R² is ``R²_controls + the
drivers' extra share``, and the LMG shares of the drivers sum to
``R²_full - R²_controls``. Above ``exact_max`` drivers the Shapley values are
estimated from random orderings (one Cholesky factorisation per ordering gives
all its increments) and their Monte-Carlo standard error is reported.

For a binary KPI modelled by logit the decomposed quantity is McFadden's
pseudo-R², ``1 - LL(model)/LL(intercept only)``, with the same Shapley weights;
every subset is refitted (batched Newton on the grouped patterns), which is
far slower than the OLS path: seconds for 12 drivers on 200k rows without
controls, but minutes once a dozen control dummies make most rows distinct
patterns (each of the 4096 fits then runs on thousands of rows with ~25
parameters). For screening many drivers with many controls, ``kind="ols"`` on
the 0/1 KPI (the linear probability model) is exact, fast and bootstraps
cheaply. Johnson's weights are defined for linear R² only and are not
computed for logit.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
from scipy import sparse

_MEMORY_FLOATS = 4_000_000  # per batched block; keeps blocks around 32 MB
_CACHE_BYTES = 256 * 2**20
LOGIT_BOOTSTRAP_BUDGET = 3e10  # Σ rows × parameters² × Newton steps over all bootstrap refits
MIN_LOGIT_RESAMPLES = 20


# ---------------------------------------------------------------- samples ---


@dataclass
class GroupedSample:
    """Rows collapsed to their distinct regressor patterns.

    ``patterns`` (G, p + q): driver columns then control dummies; ``group`` (n,)
    maps each row to its pattern.
    """

    patterns: np.ndarray
    group: np.ndarray
    y: np.ndarray
    n_drivers: int

    @classmethod
    def from_arrays(
        cls, y: np.ndarray, drivers: np.ndarray, controls: np.ndarray | None = None
    ) -> GroupedSample:
        y = np.asarray(y, dtype=float)
        x = np.asarray(drivers, dtype=float)
        if x.ndim == 1:
            x = x[:, None]
        z = x if controls is None or np.size(controls) == 0 else np.hstack([x, np.asarray(controls, float)])
        if np.isin(z, (0.0, 1.0)).all():
            # 0/1 rows: pack to bytes and compare those, far faster than unique(axis=0)
            packed = np.ascontiguousarray(np.packbits(z.astype(bool), axis=1))
            keys = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
            _, first, group = np.unique(keys, return_index=True, return_inverse=True)
            patterns = z[first]
        else:
            patterns, group = np.unique(z, axis=0, return_inverse=True)
        return cls(patterns=patterns, group=group.ravel(), y=y, n_drivers=x.shape[1])

    @property
    def n(self) -> int:
        return len(self.y)

    @cached_property
    def binary(self) -> bool:
        return bool(np.isin(self.patterns, (0.0, 1.0)).all())

    @cached_property
    def sparse_patterns_t(self) -> sparse.csr_matrix:
        """(d, G) transposed 0/1 patterns, for first moments."""
        return sparse.csr_matrix(self.patterns.T)

    @cached_property
    def pair_products_t(self) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
        """(pairs, G) products z_i z_j (i <= j) of 0/1 patterns, sparse, and the pair indices.

        With 0/1 regressors a row has few ones, so second moments of a
        resample are one sparse product with its pattern counts instead of a
        dense G × d² one.
        """
        z = self.patterns.astype(bool)
        d = z.shape[1]
        rows, cols, first, second = [], [], [], []
        for i in range(d):
            having_i = np.flatnonzero(z[:, i])
            for j in range(i, d):
                both = having_i[z[having_i, j]]
                rows.append(np.full(len(both), len(first)))
                cols.append(both)
                first.append(i)
                second.append(j)
        row = np.concatenate(rows) if rows else np.zeros(0, int)
        col = np.concatenate(cols) if cols else np.zeros(0, int)
        matrix = sparse.csr_matrix((np.ones(len(row)), (row, col)), shape=(len(first), self.n_groups))
        return matrix, np.array(first, dtype=int), np.array(second, dtype=int)

    @property
    def pattern_mean(self) -> np.ndarray:
        """Full-sample mean of every regressor."""
        counts = np.bincount(self.group, minlength=self.n_groups)
        return self.patterns.T @ counts / self.n

    @property
    def n_groups(self) -> int:
        return len(self.patterns)

    def full_counts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Pattern counts, KPI sums and KPI sums of squares of the sample itself."""
        g = self.n_groups
        return (
            np.bincount(self.group, minlength=g).astype(float)[None],
            np.bincount(self.group, weights=self.y, minlength=g)[None],
            np.array([self.y @ self.y]),
        )

    def resample_counts(
        self, rng: np.random.Generator, n_resamples: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The same three statistics for ``n_resamples`` nonparametric bootstrap resamples."""
        g, n = self.n_groups, self.n
        counts = np.empty((n_resamples, g))
        sums = np.empty((n_resamples, g))
        squares = np.empty(n_resamples)
        y_squared = self.y * self.y
        for b in range(n_resamples):
            # how often each row is drawn; cheaper than gathering the drawn rows
            times = np.bincount(rng.integers(0, n, size=n), minlength=n).astype(float)
            counts[b] = np.bincount(self.group, weights=times, minlength=g)
            sums[b] = np.bincount(self.group, weights=times * self.y, minlength=g)
            squares[b] = times @ y_squared
        return counts, sums, squares


# --------------------------------------------------------- linear moments ---


@dataclass
class PartialCorrelations:
    """Drivers and KPI after partialling out the controls, per resample.

    ``rxx`` (B, p, p) correlations of the partialled drivers; ``rxy`` (B, p)
    covariance of partialled driver and KPI divided by (sd driver × sd of the
    *total* KPI), so that quadratic forms are shares of the total variance;
    ``r2_controls`` (B,). ``cov`` (B, d, d) the regressors' covariance (VIFs).
    """

    rxx: np.ndarray
    rxy: np.ndarray
    r2_controls: np.ndarray
    cov: np.ndarray


def partial_correlations(
    sample: GroupedSample, counts: np.ndarray, sums: np.ndarray, squares: np.ndarray
) -> PartialCorrelations:
    p = sample.n_drivers
    total = counts.sum(axis=1)
    # centring on the full-sample means first keeps the moment formulas accurate
    shift_y = sample.y.mean()
    sums_c = sums - counts * shift_y  # sum over a pattern's rows of (y - shift_y)
    squares_c = squares - 2 * shift_y * sums.sum(axis=1) + total * shift_y**2

    mean_y = sums_c.sum(axis=1) / total
    d = sample.patterns.shape[1]
    szz = np.empty((len(total), d, d))
    if sample.binary:
        # raw second moments of 0/1 columns are exact sums of counts; no cancellation
        counts_t = np.ascontiguousarray(counts.T)
        mean_z = (sample.sparse_patterns_t @ counts_t).T / total[:, None]
        products, first, second = sample.pair_products_t
        raw = (products @ counts_t).T / total[:, None]
        szz[:, first, second] = raw
        szz[:, second, first] = raw
        szz -= mean_z[:, :, None] * mean_z[:, None, :]
        szy = (sample.sparse_patterns_t @ np.ascontiguousarray(sums_c.T)).T / total[:, None]
        szy -= mean_z * mean_y[:, None]
    else:
        z = sample.patterns - sample.pattern_mean
        mean_z = counts @ z / total[:, None]
        z_t = np.ascontiguousarray(z.T)  # a strided z.T * counts is several times slower
        for b in range(len(total)):
            szz[b] = np.dot(z_t * counts[b], z)
        szz = szz / total[:, None, None] - mean_z[:, :, None] * mean_z[:, None, :]
        szy = sums_c @ z / total[:, None] - mean_z * mean_y[:, None]
    syy = squares_c / total - mean_y**2

    sxx, sxy = szz[:, :p, :p], szy[:, :p]
    if d > p:
        scc, scx, scy = szz[:, p:, p:], szz[:, p:, :p], szy[:, p:]
        scc_inv = np.linalg.pinv(scc, hermitian=True)
        a = np.swapaxes(scx, 1, 2) @ scc_inv
        sxx = sxx - a @ scx
        sxy = sxy - np.einsum("bpq,bq->bp", a, scy)
        r2_controls = np.einsum("bq,bq->b", scy, np.einsum("bqr,br->bq", scc_inv, scy)) / syy
    else:
        r2_controls = np.zeros(len(total))

    var_x = np.diagonal(sxx, axis1=1, axis2=2).copy()
    raw_var = np.diagonal(szz[:, :p, :p], axis1=1, axis2=2)
    # a driver absent from a resample (or absorbed by the controls) explains nothing
    dead = (raw_var <= 0) | (var_x <= 1e-10 * np.maximum(raw_var, 1e-300))
    sd_x = np.sqrt(np.where(dead, 1.0, var_x))
    rxx = sxx / (sd_x[:, :, None] * sd_x[:, None, :])
    rxy = sxy / (sd_x * np.sqrt(syy)[:, None])
    rxx = np.where(dead[:, :, None] | dead[:, None, :], 0.0, rxx)
    idx = np.arange(p)
    rxx[:, idx, idx] = 1.0
    rxy = np.where(dead, 0.0, rxy)
    return PartialCorrelations(rxx=rxx, rxy=rxy, r2_controls=r2_controls, cov=szz)


def _solve_spd(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Batched solve; a tiny ridge rescues the odd exactly collinear resample."""
    try:
        return np.linalg.solve(a, b[..., None])[..., 0]
    except np.linalg.LinAlgError:
        eye = np.eye(a.shape[-1])
        return np.linalg.solve(a + 1e-9 * eye, b[..., None])[..., 0]


# ------------------------------------------------------------ exact LMG ---


@dataclass(frozen=True)
class SubsetPlan:
    """All 2^p driver subsets as bitmasks, grouped by size, with the Shapley matrix.

    ``shapley`` (2^p, p): ``value @ shapley`` turns the value of every subset
    into the Shapley values, with ``shapley[S, j] = w(|S|-1)`` if j is in S and
    ``-w(|S|)`` otherwise, ``w(s) = s! (p-1-s)! / p!``.
    """

    p: int
    by_size: tuple[tuple[np.ndarray, np.ndarray], ...]  # (masks, member indices) per size
    shapley: np.ndarray

    @classmethod
    def build(cls, p: int) -> SubsetPlan:
        masks = np.arange(2**p)
        members = (masks[:, None] >> np.arange(p)) & 1
        size = members.sum(axis=1)
        by_size = []
        for k in range(p + 1):
            ks = masks[size == k]
            idx = np.nonzero(members[ks])[1].reshape(len(ks), k) if k else np.zeros((1, 0), int)
            by_size.append((ks, idx))
        weight = np.array([math.factorial(s) * math.factorial(p - 1 - s) / math.factorial(p) for s in range(p)])
        shapley = np.where(
            members == 1,
            weight[np.clip(size - 1, 0, p - 1)][:, None],
            -weight[np.clip(size, 0, p - 1)][:, None],
        )
        return cls(p=p, by_size=tuple(by_size), shapley=shapley)


def subset_r2(rxx: np.ndarray, rxy: np.ndarray, plan: SubsetPlan) -> np.ndarray:
    """(B, 2^p) drivers' R² share of every subset (controls partialled out)."""
    n_batch = rxx.shape[0]
    out = np.zeros((n_batch, 2**plan.p))
    for k, (masks, idx) in enumerate(plan.by_size):
        if k == 0:
            continue
        if k == 1:
            out[:, masks] = rxy[:, idx[:, 0]] ** 2
            continue
        step = max(1, _MEMORY_FLOATS // (n_batch * k * k))
        for start in range(0, len(masks), step):
            sub = idx[start : start + step]
            a = rxx[:, sub[:, :, None], sub[:, None, :]]
            b = rxy[:, sub]
            out[:, masks[start : start + step]] = np.einsum("bmk,bmk->bm", b, _solve_spd(a, b))
    return out


def permutation_increments(rxx: np.ndarray, rxy: np.ndarray, orders: np.ndarray) -> np.ndarray:
    """(B, M, p) R² increments of each driver along M random orderings.

    For the ordering π the Cholesky factor L of the covariance of
    (x_π1 … x_πp, y) has ``L[y, k]² =`` the R² gained by adding x_πk after
    x_π1 … x_πk-1, so one factorisation yields a whole ordering.
    """
    n_batch, p = rxy.shape
    aug = np.empty((n_batch, p + 1, p + 1))
    aug[:, :p, :p] = rxx
    aug[:, :p, p] = rxy
    aug[:, p, :p] = rxy
    aug[:, p, p] = 1.0 + 1e-9
    orders = np.asarray(orders)
    full = np.hstack([orders, np.full((len(orders), 1), p)])
    out = np.empty((n_batch, len(orders), p))
    step = max(1, _MEMORY_FLOATS // (n_batch * (p + 1) ** 2))
    rows = np.arange(len(orders))
    for start in range(0, len(orders), step):
        o = full[start : start + step]
        a = aug[:, o[:, :, None], o[:, None, :]]
        try:
            chol = np.linalg.cholesky(a)
        except np.linalg.LinAlgError:
            chol = np.linalg.cholesky(a + 1e-9 * np.eye(p + 1))
        inc = chol[:, :, p, :p] ** 2
        block = np.empty_like(inc)
        r = rows[: len(o)]
        block[:, r[:, None], orders[start : start + step]] = inc
        out[:, start : start + step] = block
    return out


def relative_weights(rxx: np.ndarray, rxy: np.ndarray) -> np.ndarray:
    """(B, p) Johnson's (2000) relative weights; they sum to the drivers' R² share.

    With Λ = R_xx^{1/2} (symmetric root) and β = Λ⁻¹ r_xy, the weight of
    driver j is Σ_k Λ_jk² β_k².
    """
    lam, vec = np.linalg.eigh(rxx)
    lam = np.clip(lam, 0.0, None)
    root = np.sqrt(lam)
    inv_root = np.where(root > 1e-8, 1.0 / np.where(root > 1e-8, root, 1.0), 0.0)
    half = (vec * root[:, None, :]) @ np.swapaxes(vec, 1, 2)
    beta = np.einsum("bij,bj->bi", (vec * inv_root[:, None, :]) @ np.swapaxes(vec, 1, 2), rxy)
    return np.einsum("bjk,bk->bj", half**2, beta**2)


def vif_from_covariance(cov: np.ndarray, n_drivers: int) -> np.ndarray:
    """VIF_j = 1 / (1 - R²_j) = S_jj (S⁻¹)_jj, drivers regressed on all other regressors."""
    inv = np.linalg.pinv(cov, hermitian=True)
    d = np.arange(n_drivers)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.diag(cov)[d] * np.diag(inv)[d]


# ------------------------------------------------------------ the result ---


@dataclass
class ImportanceResult:
    """Relative importance of the drivers.

    ``lmg`` sums to ``r2_full - r2_controls`` (the drivers' part of the
    model's R², or of McFadden's pseudo-R² for logit). ``lmg_ci`` (p, 2)
    percentile bootstrap interval; ``lmg_mc_se`` the Monte-Carlo standard error
    of a permutation-sampled estimate (zero when exact).
    """

    names: list[str]
    measure: Literal["r2", "mcfadden"]
    method: Literal["exact", "permutation"]
    r2_full: float
    r2_controls: float
    lmg: np.ndarray
    lmg_ci: np.ndarray
    lmg_mc_se: np.ndarray
    relative_weights: np.ndarray
    relative_weights_ci: np.ndarray
    vif: np.ndarray
    n_bootstrap: int
    n_permutations: int
    confidence: float
    warnings: list[str] = field(default_factory=list)

    @property
    def lmg_pct(self) -> np.ndarray:
        total = self.lmg.sum()
        return self.lmg / total * 100.0 if total > 0 else np.full_like(self.lmg, np.nan)


def _percentile_ci(draws: np.ndarray, confidence: float) -> np.ndarray:
    if len(draws) == 0:
        return np.full((draws.shape[1], 2), np.nan)
    tail = (1 - confidence) / 2 * 100
    return np.percentile(draws, [tail, 100 - tail], axis=0).T


def _choose_method(p: int, exact_max: int, n_permutations: int, seed: int):
    if p <= exact_max:
        return "exact", SubsetPlan.build(p), None
    rng = np.random.default_rng([seed, 7])
    orders = np.argsort(rng.random((n_permutations, p)), axis=1)
    return "permutation", None, orders


def relative_importance(
    y: np.ndarray,
    drivers: np.ndarray,
    controls: np.ndarray | None = None,
    names: Sequence[str] | None = None,
    bootstrap: int = 200,
    seed: int = 0,
    exact_max: int = 15,
    n_permutations: int = 2000,
    confidence: float = 0.95,
) -> ImportanceResult:
    """LMG shares of R², Johnson's weights and VIFs for an OLS driver model.

    ``drivers`` (n, p) and ``controls`` (n, q, e.g. fixed-effect dummies) must
    be free of missing values; the controls are always in the model.
    """
    sample = GroupedSample.from_arrays(y, drivers, controls)
    p = sample.n_drivers
    names = list(names) if names is not None else [f"x{j}" for j in range(p)]
    method, plan, orders = _choose_method(p, exact_max, n_permutations, seed)

    def shares(pc: PartialCorrelations) -> tuple[np.ndarray, np.ndarray | None]:
        if plan is not None:
            return subset_r2(pc.rxx, pc.rxy, plan) @ plan.shapley, None
        inc = permutation_increments(pc.rxx, pc.rxy, orders)
        return inc.mean(axis=1), inc

    point = partial_correlations(sample, *sample.full_counts())
    lmg, increments = shares(point)
    mc_se = (
        increments[0].std(axis=0, ddof=1) / np.sqrt(len(orders))
        if increments is not None
        else np.zeros(p)
    )
    rw = relative_weights(point.rxx, point.rxy)[0]
    r2_drivers = float(subset_r2_full(point)[0])

    rng = np.random.default_rng(seed)
    boot_lmg, boot_rw = [], []
    per_block = max(1, min(bootstrap, _MEMORY_FLOATS // max(1, sample.n_groups * 2)))
    done = 0
    while done < bootstrap:
        block = min(per_block, bootstrap - done)
        pc = partial_correlations(sample, *sample.resample_counts(rng, block))
        boot_lmg.append(shares(pc)[0])
        boot_rw.append(relative_weights(pc.rxx, pc.rxy))
        done += block
    boot_lmg_arr = np.vstack(boot_lmg) if boot_lmg else np.empty((0, p))
    boot_rw_arr = np.vstack(boot_rw) if boot_rw else np.empty((0, p))

    return ImportanceResult(
        names=names,
        measure="r2",
        method=method,
        r2_full=float(point.r2_controls[0]) + r2_drivers,
        r2_controls=float(point.r2_controls[0]),
        lmg=lmg[0],
        lmg_ci=_percentile_ci(boot_lmg_arr, confidence),
        lmg_mc_se=mc_se,
        relative_weights=rw,
        relative_weights_ci=_percentile_ci(boot_rw_arr, confidence),
        vif=vif_from_covariance(point.cov[0], p),
        n_bootstrap=bootstrap,
        n_permutations=0 if orders is None else len(orders),
        confidence=confidence,
    )


def subset_r2_full(pc: PartialCorrelations) -> np.ndarray:
    """The drivers' R² share with all drivers in: r' R⁻¹ r."""
    return np.einsum("bp,bp->b", pc.rxy, _solve_spd(pc.rxx, pc.rxy))


# ---------------------------------------------------------------- logit ---


def _bernoulli_loglik(eta: np.ndarray, counts: np.ndarray, successes: np.ndarray) -> np.ndarray:
    # row-level Bernoulli log-likelihood summed within patterns (no binomial
    # coefficients), so McFadden's ratio matches a row-by-row fit
    return (successes * eta - counts * np.logaddexp(0.0, eta)).sum(axis=-1)


def _logit_loglik_batch(
    x: np.ndarray,
    counts: np.ndarray,
    successes: np.ndarray,
    intercept: float,
    start: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Maximised log-likelihood, coefficients and Newton steps of m logit models on grouped data.

    ``x`` (m, G, d) with an intercept column first. Newton-Raphson with step
    halving, from ``start`` (m, d) or the intercept-only fit; under separation
    the log-likelihood still converges (to its supremum) even though
    coefficients drift, which is all LMG needs.
    """
    m, _, d = x.shape
    if start is None:
        beta = np.zeros((m, d))
        beta[:, 0] = intercept
    else:
        beta = start.copy()
    x_t = np.ascontiguousarray(np.swapaxes(x, 1, 2))  # (m, d, G) for BLAS matmuls
    eta = (x @ beta[..., None])[..., 0]
    ll = _bernoulli_loglik(eta, counts, successes)
    ridge = 1e-10 * np.eye(d)
    iterations = 0
    for iterations in range(1, 101):
        mu = 1.0 / (1.0 + np.exp(-eta))
        grad = (x_t @ (successes - counts * mu)[..., None])[..., 0]
        w = counts * mu * (1.0 - mu)
        hess = (x_t * w[:, None, :]) @ x + ridge
        step = np.linalg.solve(hess, grad[..., None])[..., 0]
        scale = np.ones(m)
        for _ in range(30):
            trial = beta + scale[:, None] * step
            eta_t = (x @ trial[..., None])[..., 0]
            ll_t = _bernoulli_loglik(eta_t, counts, successes)
            worse = ll_t < ll - 1e-12 * np.abs(ll)
            if not worse.any():
                break
            scale = np.where(worse, scale / 2, scale)
        gain = ll_t - ll
        beta, eta, ll = trial, eta_t, ll_t
        # Newton converges quadratically: after a gain this small the rest is ~gain²
        if np.all(np.abs(gain) <= 1e-10 * np.abs(ll)):
            break
    return ll, beta, iterations


def _regroup(cell: np.ndarray, n_cells: int, bits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Collapse rows on (cell id, 0/1 columns): (one row per group, group of each row)."""
    g, k = bits.shape
    if k < 40 and (n_cells << k) <= max(4 * g, 1 << 16):
        # integer keys in a small dense range: a lookup table, no sort
        key = cell.astype(np.int64) * (1 << k) + bits.astype(np.int64) @ (1 << np.arange(k, dtype=np.int64))
        seen = np.zeros(n_cells << k, dtype=bool)
        seen[key] = True
        keys = np.flatnonzero(seen)
        lookup = np.empty(n_cells << k, dtype=np.int64)
        lookup[keys] = np.arange(len(keys))
        inverse = lookup[key]
    else:
        packed = np.packbits(bits.astype(bool), axis=1)
        raw = np.ascontiguousarray(np.hstack([cell.astype(">i8").view(np.uint8).reshape(g, 8), packed]))
        _, inverse = np.unique(raw.view(np.dtype((np.void, raw.shape[1]))).ravel(), return_inverse=True)
        inverse = inverse.ravel()
    first = np.empty(inverse.max() + 1, dtype=np.int64)
    first[inverse] = np.arange(g)
    return first, inverse


class _LogitSubsetFits:
    """Grouped designs of controls + each driver subset, reused across resamples.

    A model with k drivers only sees (control cell, those k drivers), so its
    patterns collapse further; small subsets fit on a handful of rows. The
    collapsing depends on the patterns only, so it is done once and every
    bootstrap resample just re-sums its counts (kept in memory up to
    ``_CACHE_BYTES``, else redone per call).
    """

    def __init__(self, patterns: np.ndarray, p: int, subsets: Sequence[np.ndarray]):
        self.patterns, self.p = patterns, p
        self.subsets = [np.asarray(s, dtype=int) for s in subsets]
        controls = patterns[:, p:]
        g = len(patterns)
        if controls.shape[1]:
            _, cell = np.unique(controls, axis=0, return_inverse=True)
            self.cell = cell.ravel()
        else:
            self.cell = np.zeros(g, dtype=np.int64)
        self.n_cells = int(self.cell.max()) + 1
        self.base = np.hstack([np.ones((g, 1)), controls])
        self.cache: dict[int, tuple[np.ndarray, np.ndarray]] | None = {}
        self.cached_bytes = 0
        self._blocks: list | None = None

    def design(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(grouped design rows, group of each pattern) of subset ``i``."""
        if self.cache is not None and i in self.cache:
            return self.cache[i]
        cols = self.subsets[i]
        first, inverse = _regroup(self.cell, self.n_cells, self.patterns[:, cols])
        rows = np.hstack([self.base[first], self.patterns[first][:, cols]])
        inverse = inverse.astype(np.int32)
        if self.cache is not None:
            self.cached_bytes += rows.nbytes + inverse.nbytes
            if self.cached_bytes > _CACHE_BYTES:
                self.cache = None
            else:
                self.cache[i] = (rows, inverse)
        return rows, inverse

    def starts(self, counts: np.ndarray, successes: np.ndarray) -> list[np.ndarray]:
        """Starting values for every subset: the all-drivers model's coefficients
        restricted to the subset's columns (a couple of Newton steps from home,
        where a cold start needs five or six)."""
        full = np.arange(self.p)
        first, inverse = _regroup(self.cell, self.n_cells, self.patterns[:, full])
        rows = np.hstack([self.base[first], self.patterns[first][:, full]])
        n_obs = np.bincount(inverse, weights=counts)[None]
        n_events = np.bincount(inverse, weights=successes)[None]
        rate = successes.sum() / counts.sum()
        _, beta, _ = _logit_loglik_batch(rows[None], n_obs, n_events, math.log(rate / (1 - rate)))
        q = self.base.shape[1]
        return [np.concatenate([beta[0, :q], beta[0, q + cols]]) for cols in self.subsets]

    def blocks(self) -> list[tuple[list[int], np.ndarray, np.ndarray]]:
        """Batches of same-size subsets: (subset indices, padded designs (m, width, d),
        pattern → slot in the flattened (m, width) grid for every subset in turn).
        Built once when it fits in memory."""
        if self._blocks is not None:
            return self._blocks
        blocks = []
        by_size: dict[int, list[int]] = {}
        for i, subset in enumerate(self.subsets):
            by_size.setdefault(len(subset), []).append(i)
        for k, which in by_size.items():
            designs = sorted(((i,) + self.design(i) for i in which), key=lambda f: len(f[1]))
            d = self.base.shape[1] + k
            start = 0
            while start < len(designs):
                stop = start + 1
                while stop < len(designs) and (stop - start + 1) * len(designs[stop][1]) * d * 4 <= _MEMORY_FLOATS:
                    stop += 1
                block = designs[start:stop]
                width = len(block[-1][1])
                x = np.zeros((len(block), width, d))
                for j, (_, rows, _) in enumerate(block):
                    x[j, : len(rows)] = rows
                # one bincount per block: subset j's groups live at j * width + group
                flat = np.concatenate([f[2] + j * width for j, f in enumerate(block)])
                blocks.append(([f[0] for f in block], x, flat))
                start = stop
        if sum(x.nbytes + flat.nbytes for _, x, flat in blocks) <= _CACHE_BYTES:
            self._blocks = blocks
        return blocks

    def loglik(
        self, counts: np.ndarray, successes: np.ndarray, starts: Sequence[np.ndarray] | None = None
    ) -> tuple[np.ndarray, float, list[np.ndarray]]:
        """Maximised log-likelihood of every subset's model, the work done
        (Σ rows × parameters² × Newton steps, the unit of the bootstrap budget)
        and the coefficients (the next resample's ``starts``)."""
        rate = successes.sum() / counts.sum()
        intercept = math.log(rate / (1 - rate))
        out = np.empty(len(self.subsets))
        betas: list[np.ndarray] = [np.empty(0)] * len(self.subsets)
        work = 0.0
        for which, x, flat in self.blocks():
            m, width = x.shape[:2]
            n_obs = np.bincount(flat, weights=np.tile(counts, m), minlength=m * width).reshape(m, width)
            n_events = np.bincount(flat, weights=np.tile(successes, m), minlength=m * width).reshape(m, width)
            start_block = np.vstack([starts[i] for i in which]) if starts is not None else None
            ll, beta, steps = _logit_loglik_batch(x, n_obs, n_events, intercept, start_block)
            work += float(x.size) * x.shape[2] * steps
            out[which] = ll
            for i, b in zip(which, beta):
                betas[i] = b
        return out, work, betas


@dataclass
class _LogitShares:
    lmg: np.ndarray
    r2_controls: float
    r2_full: float
    increments: np.ndarray | None  # (orderings, p) on the permutation path
    work: float
    betas: list[np.ndarray]


def _logit_subsets(sample: GroupedSample, plan: SubsetPlan | None, orders: np.ndarray | None):
    """The subsets to fit (all of them, or each ordering's prefixes once) and their keys."""
    if plan is not None:
        subsets = [idx for _, group in plan.by_size for idx in group]
        keys = np.concatenate([masks for masks, _ in plan.by_size])
        return subsets, keys
    prefixes = {(): None}
    for order in orders:
        for k in range(1, sample.n_drivers + 1):
            prefixes[tuple(sorted(order[:k]))] = None
    keys = list(prefixes)
    return [np.array(k, int) for k in keys], keys


def _logit_shares(
    fits: _LogitSubsetFits,
    keys,
    counts: np.ndarray,
    successes: np.ndarray,
    plan: SubsetPlan | None,
    orders: np.ndarray | None,
    starts: list[np.ndarray] | None = None,
) -> _LogitShares:
    """Shapley shares of McFadden's R² for one (re)sample."""
    p = fits.p
    total, events = counts.sum(), successes.sum()
    rate = events / total
    ll_null = events * math.log(rate) + (total - events) * math.log(1 - rate)
    ll, work, betas = fits.loglik(counts, successes, starts)
    r2_c = 1 - ll[0] / ll_null  # ll[0]: the empty subset (controls only)
    if plan is not None:
        value = np.empty(2**p)
        value[keys] = (ll - ll[0]) / -ll_null
        return _LogitShares(value @ plan.shapley, r2_c, r2_c + value[-1], None, work, betas)
    value = dict(zip(keys, (ll - ll[0]) / -ll_null))
    inc = np.empty((len(orders), p))
    for m, order in enumerate(orders):
        prev = 0.0
        for k in range(1, p + 1):
            cur = value[tuple(sorted(order[:k]))]
            inc[m, order[k - 1]] = cur - prev
            prev = cur
    return _LogitShares(inc.mean(axis=0), r2_c, r2_c + value[tuple(range(p))], inc, work, betas)


def logit_relative_importance(
    y: np.ndarray,
    drivers: np.ndarray,
    controls: np.ndarray | None = None,
    names: Sequence[str] | None = None,
    bootstrap: int = 200,
    seed: int = 0,
    exact_max: int = 12,
    n_permutations: int = 200,
    confidence: float = 0.95,
    bootstrap_budget: float = LOGIT_BOOTSTRAP_BUDGET,
) -> ImportanceResult:
    """Shapley decomposition of McFadden's pseudo-R² for a 0/1 KPI.

    Each bootstrap resample refits every subset (bootstrap × 2^p logit fits;
    the permutation path, p > ``exact_max``, fits about n_permutations × p
    distinct subsets), starting from the full-sample coefficients. The
    resamples stop when their total work would pass ``bootstrap_budget``
    (Σ rows × parameters² × Newton steps; the default allows the 200
    resamples of 12 drivers without controls on 200k rows, one to two minutes
    on two cores), with a warning; when fewer than 20 are affordable no interval
    is made. The count depends on the data only, never on the clock, so runs
    repeat exactly. The OLS path on the same 0/1 KPI (a linear probability
    model, ``kind="ols"``) bootstraps cheaply.
    """
    sample = GroupedSample.from_arrays(y, drivers, controls)
    p = sample.n_drivers
    names = list(names) if names is not None else [f"x{j}" for j in range(p)]
    method, plan, orders = _choose_method(p, exact_max, n_permutations, seed)

    counts, sums, _ = sample.full_counts()
    subsets, keys = _logit_subsets(sample, plan, orders)
    fits = _LogitSubsetFits(sample.patterns, p, subsets)
    point = _logit_shares(fits, keys, counts[0], sums[0], plan, orders, fits.starts(counts[0], sums[0]))
    lmg, r2_c, r2_full, inc = point.lmg, point.r2_controls, point.r2_full, point.increments
    mc_se = inc.std(axis=0, ddof=1) / np.sqrt(len(orders)) if inc is not None else np.zeros(p)

    notes: list[str] = []
    n_requested = bootstrap
    rng = np.random.default_rng(seed)
    draws: list[np.ndarray] = []
    spent, stopped = 0.0, False
    # a resample starts from the point estimates and needs about half its Newton
    # steps; too few affordable resamples give no usable percentile interval
    if bootstrap and point.work / 2 * min(MIN_LOGIT_RESAMPLES, bootstrap) > bootstrap_budget:
        stopped = True
        bootstrap = 0
    for _ in range(bootstrap):
        c, s, _ = sample.resample_counts(rng, 1)
        if s[0].sum() in (0.0, c[0].sum()):
            continue  # a resample without both outcomes has no logit
        shares = _logit_shares(fits, keys, c[0], s[0], plan, orders, point.betas)
        draws.append(shares.lmg)
        spent += shares.work
        if len(draws) < bootstrap and spent + shares.work > bootstrap_budget:
            stopped = True
            break
    if stopped:
        notes.append(
            f"logit importance: {n_requested} bootstrap resamples would refit "
            f"{n_requested * len(keys)} models; "
            + (
                f"interval from {len(draws)} resamples instead"
                if draws
                else "no importance interval computed (use kind='ols', fewer drivers or controls)"
            )
        )
    boot = np.vstack(draws) if draws else np.empty((0, p))

    full = partial_correlations(sample, *sample.full_counts())
    nan = np.full(p, np.nan)
    return ImportanceResult(
        names=names,
        measure="mcfadden",
        method=method,
        r2_full=float(r2_full),
        r2_controls=float(r2_c),
        lmg=lmg,
        lmg_ci=_percentile_ci(boot, confidence),
        lmg_mc_se=mc_se,
        relative_weights=nan,
        relative_weights_ci=np.full((p, 2), np.nan),
        vif=vif_from_covariance(full.cov[0], p),
        n_bootstrap=len(boot),
        n_permutations=0 if orders is None else len(orders),
        confidence=confidence,
        warnings=notes,
    )

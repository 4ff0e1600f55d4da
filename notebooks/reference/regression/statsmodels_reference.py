"""statsmodels reference values for `qi fit`: GLMs, cluster-robust errors (CR1S) and average
marginal effects, a second implementation beside R (glm_reference.R, cluster_reference.R).

    /work/venv-reginf/bin/python notebooks/reference/regression/statsmodels_reference.py

Run from the repository root with statsmodels and numpy from PyPI in a private venv
(`python3 -m venv VENV && VENV/bin/pip install statsmodels`); the versions are recorded in
the output, `output/statsmodels_cases.json`.

Designs are built by hand with R's treatment contrasts (text levels in code-point order, the
first level the reference), so that the columns and their names are R's and QIKit's.

Conventions to know when comparing:
* statsmodels' GLM reports (X'WX)^-1 with W from the last IRLS iteration, i.e. at the
  previous estimate (as R's summary.glm); QIKit computes W at the final estimate. The GLM is
  fitted here with tol 1e-14, and `bse_at_estimate` recomputes the errors at the estimate
  for the tight comparison; `bse_statsmodels` keeps what statsmodels prints (about 3e-9
  relative away on these fits).
* cov_type="cluster" with use_correction=True (statsmodels' default) is CR1S:
  G/(G-1) * (n-1)/(n-k) times the CR0 sandwich.
* Average marginal effects: discrete-choice Logit and Poisson models (Newton, tol 1e-14) with
  get_margeff(at="overall", method="dydx"): the mean over rows of dmu/dx_j, delta-method
  standard errors from the inverse Hessian at the estimate (= the Fisher information for
  these canonical links); with dummy=True (datasets/projects.csv, every factor 0/1) the
  average discrete change of the mean as each 0/1 column goes from 0 to 1.
"""

import json
import pathlib

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm

ROOT = pathlib.Path(__file__).resolve().parent


def treatment_design(frame, terms):
    """An intercept, numeric columns as they are, text columns as R's treatment contrasts."""
    columns = {"(Intercept)": np.ones(len(frame))}
    for term in terms:
        values = frame[term]
        if not pd.api.types.is_numeric_dtype(values):
            levels = sorted(set(values))
            for level in levels[1:]:
                columns[f"{term}{level}"] = (values == level).astype(float).to_numpy()
        else:
            columns[term] = values.astype(float).to_numpy()
    return pd.DataFrame(columns)


def glm_case(name, data, response, terms, family, cluster=None):
    frame = pd.read_csv(ROOT / "data" / f"{data}.csv")
    x = treatment_design(frame, terms)
    y = frame[response].astype(float).to_numpy()
    model = sm.GLM(y, x, family=family)
    fit = model.fit(tol=1e-14, maxiter=200)
    mean = np.asarray(fit.mu)
    eta = x.to_numpy() @ fit.params.to_numpy()
    link_derivative = family.link.inverse_deriv(eta)
    weights = link_derivative ** 2 / family.variance(mean)
    xm = x.to_numpy()
    covariance = np.linalg.inv(xm.T @ (weights[:, None] * xm))
    case = {"name": name, "data": f"{data}.csv", "response": response,
            "formula": f"{response} ~ " + " + ".join(terms),
            "family": family.__class__.__name__.lower(), "terms": list(x.columns),
            "estimates": fit.params.tolist(), "bse_statsmodels": fit.bse.tolist(),
            "bse_at_estimate": np.sqrt(np.diag(covariance)).tolist(),
            "log_likelihood": float(fit.llf), "deviance": float(fit.deviance)}
    if cluster is not None:
        groups = pd.factorize(frame[cluster])[0]
        robust = model.fit(tol=1e-14, maxiter=200, cov_type="cluster",
                           cov_kwds={"groups": groups, "use_correction": True})
        case["cluster"] = cluster
        case["cr1s_std_errors"] = robust.bse.tolist()
    return case


def margins_case(name, data, response, terms, discrete, dummy=False, path=None):
    frame = pd.read_csv(path or ROOT / "data" / f"{data}.csv")
    x = treatment_design(frame, terms)
    y = frame[response].astype(float).to_numpy()
    fit = discrete(y, x).fit(method="newton", tol=1e-14, maxiter=200, disp=False)
    effects = fit.get_margeff(at="overall", method="dydx", dummy=dummy)
    predictions = {}
    if dummy:
        # Adjusted predictions: the mean prediction with each 0/1 column set to 0, then to 1.
        for column in list(x.columns)[1:]:
            at = {}
            for value in (0, 1):
                exog = x.copy()
                exog[column] = float(value)
                at[value] = float(np.mean(fit.predict(exog)))
            predictions[column] = [at[0], at[1]]
    return {"predicted_at_0_and_1": predictions, "name": name, "data": f"{data}.csv", "formula": f"{response} ~ " + " + ".join(terms),
            "model": discrete.__name__, "dummy": dummy, "terms": list(x.columns)[1:],
            "estimates": fit.params.tolist(), "ame": effects.margeff.tolist(),
            "ame_std_errors": effects.margeff_se.tolist()}


def main():
    cases = [
        glm_case("infert_logit", "infert", "case", ["age", "parity", "induced", "spontaneous"],
                 sm.families.Binomial()),
        glm_case("quine_poisson", "quine", "Days", ["Eth", "Sex", "Age", "Lrn"],
                 sm.families.Poisson()),
        glm_case("infert_stratum_cr1s", "infert_strata", "case",
                 ["age", "parity", "induced", "spontaneous"], sm.families.Binomial(),
                 cluster="stratum"),
    ]
    margins = [
        margins_case("infert_logit", "infert", "case", ["age", "parity", "induced", "spontaneous"],
                     sm.Logit),
        margins_case("quine_poisson", "quine", "Days", ["Eth", "Sex", "Age", "Lrn"], sm.Poisson),
        # dummy=True: discrete changes 0 -> 1 for the 0/1 columns (all of them here).
        margins_case("projects_success_discrete", "projects", "success",
                     ["control", "payment", "champion", "coach_relationship", "small",
                      "cross_org"], sm.Logit, dummy=True,
                     path=ROOT.parents[2] / "datasets" / "projects.csv"),
    ]
    result = {"generated_by": "notebooks/reference/regression/statsmodels_reference.py",
              "versions": {"statsmodels": statsmodels.__version__, "numpy": np.__version__,
                           "pandas": pd.__version__},
              "glm_cases": cases, "margins_cases": margins}
    (ROOT / "output" / "statsmodels_cases.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()

"""Check the truth of make_projects.py: do the generator's data estimate the coefficients the
truth file says they do?

Draws R data sets from the same generator (make_projects.generate) with other seeds, fits each
outcome's GLM (the population-averaged model) with statsmodels, and reports the mean estimate
against the truth file's marginal value, with the Monte Carlo standard error of the mean.
A mean more than 4 Monte Carlo SEs from the truth (beyond the O(1/n) small-sample bias of
maximum likelihood) means the truth file or the generator is wrong.

    /work/venv-reginf/bin/python notebooks/reference/regression/projects_truth_check.py [R]

Written for statsmodels 0.15.0 and numpy 2.4.6 (pip, recorded in the output).
"""

import json
import math
import pathlib
import sys

import numpy as np
import statsmodels
import statsmodels.api as sm

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import make_projects as mp  # noqa: E402


def design(rows, outcome):
    used = [r for r in rows if r[outcome] != "NA"]
    x = np.array([[1.0] + [r[f] for f in mp.FACTORS] for r in used])
    y = np.array([float(r[outcome]) for r in used])
    exposure = np.array([float(r["months_followed"]) for r in used])
    return x, y, exposure


def main():
    replicates = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    truth = json.loads((pathlib.Path(__file__).resolve().parent / "output" /
                        "projects_truth.json").read_text())
    names = ["(Intercept)"] + mp.FACTORS
    estimates = {"success": [], "sustained_12m": [], "improvements": []}
    for seed in range(1, replicates + 1):
        rng = np.random.Generator(np.random.PCG64(1000 + seed))
        rows = mp.generate(rng, mp.PRACTICES)
        for outcome in ("success", "sustained_12m"):
            x, y, _ = design(rows, outcome)
            estimates[outcome].append(sm.GLM(y, x, family=sm.families.Binomial()).fit().params)
        x, y, exposure = design(rows, "improvements")
        estimates["improvements"].append(
            sm.GLM(y, x, family=sm.families.Poisson(), offset=np.log(exposure)).fit().params)
    report = {"statsmodels": statsmodels.__version__, "numpy": np.__version__,
              "replicates": replicates, "outcomes": {}}
    for outcome, values in estimates.items():
        values = np.array(values)
        mean = values.mean(axis=0)
        mcse = values.std(axis=0, ddof=1) / math.sqrt(len(values))
        rows = []
        for j, name in enumerate(names):
            marginal = truth["marginal"][outcome][name]
            rows.append({"term": name, "mean_estimate": mean[j], "mc_se": mcse[j],
                         "marginal_truth": marginal,
                         "z": (mean[j] - marginal) / mcse[j]})
            print(f"{outcome:14s} {name:20s} mean {mean[j]: .4f} (MCSE {mcse[j]:.4f}) "
                  f"truth {marginal: .4f}  z {(mean[j] - marginal) / mcse[j]: .1f}")
        report["outcomes"][outcome] = rows
    print(json.dumps({k: report[k] for k in ("statsmodels", "numpy", "replicates")}))


if __name__ == "__main__":
    main()

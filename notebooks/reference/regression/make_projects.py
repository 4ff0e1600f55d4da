"""Generate datasets/projects.csv: a realistic, seeded project-level data set with known truth.

Run from the repository root (numpy >= 1.17 for the PCG64 generator; written with 2.x):

    python3 notebooks/reference/regression/make_projects.py

It writes `datasets/projects.csv` (the study-sized data set `qi factors` and `qi demo` use),
`notebooks/reference/regression/data/projects_separated.csv` (a small separated example: every
project with a senior champion succeeded) and
`notebooks/reference/regression/output/projects_truth.json` (the true coefficients, conditional
on the practice and population-averaged, for the tests). Re-running reproduces both files byte for byte.

Until QIKit's simulation module can produce project-level data, this script is the generator.

Structure
---------
56 practices, each running 2 to 8 quality-improvement projects (uniform), about 280 projects.
Practice-level facilitators: `payment` (the practice signed up to the enhanced service that
pays for QI work) and `coach_relationship` (a good working relationship with the practice's QI
coach). Project-level facilitators: `control` (staff felt in control of the project),
`champion` (a senior clinical champion), `small` (a small project with clear parameters),
`cross_org` (the project needed another organisation, a barrier). `champion` is more common
where staff feel in control (the two go together in interviews).

Outcomes, each with a practice random intercept (practice cultures differ), drawn
independently between outcomes:

* `success` (0/1): logit P = b0 + b'x + u_practice, u ~ N(0, 0.5^2).
* `sustained_12m` (0/1, missing when the project did not succeed: there is nothing to
  sustain): the improvement still in place 12 months later, logit P = c0 + c'x + v_practice,
  v ~ N(0, 0.5^2), independent of u, so among successful projects the conditional model holds
  exactly (selection on success depends on x and u only).
* `improvements` (count): documented changes (PDSA cycles acted on) during follow-up,
  Poisson with log rate = log(months_followed) + d0 + d'x + w_practice, w ~ N(0, 0.3^2).
* `months_followed`: 6 to 24 months of follow-up (uniform integers), the exposure.

True coefficients (log odds ratios, log rate ratios), conditional on the practice
----------------------------------------------------------------------------------
Chosen from the evaluation's qualitative findings: a senior champion was the facilitator most
often named for success; feeling in control of the project and a good coach relationship came
next; the payment helped practices start but mattered less; small, well-defined projects were
easier; projects needing another organisation stalled. Sustaining a change depended on
ownership (control, champion) more than on external support (payment, coach), which ends.

The marginal (population-averaged) coefficients that a logistic GLM estimates are attenuated
by about 1 / sqrt(1 + c^2 s^2), c = 16 sqrt(3) / (15 pi) (c^2 = 0.346; Zeger, Liang & Albert
1988, Biometrics 44:1049, doi:10.2307/2531734): with s = 0.5, a factor 0.959. For the Poisson
log link the slopes are not attenuated; the marginal intercept is d0 + s^2 / 2.

`projects_truth_check.py` checks these values by Monte Carlo over other seeds. Selecting
`sustained_12m` on success does not change its model: its draw and v are independent of the
success draw and u given x, so among successes both the conditional and the marginal model
hold as for all projects.
"""

import csv
import json
import math
import pathlib

import numpy as np

SEED = 20260515
PRACTICES = 56
PROJECTS_PER_PRACTICE = (2, 8)

TRUE_SUCCESS = {"(Intercept)": -1.5, "control": 0.8, "payment": 0.6, "champion": 1.0,
                "coach_relationship": 0.7, "small": 0.5, "cross_org": -0.6}
TRUE_SUSTAINED = {"(Intercept)": -0.3, "control": 0.9, "payment": 0.2, "champion": 1.0,
                  "coach_relationship": 0.3, "small": 0.4, "cross_org": -0.4}
TRUE_IMPROVEMENTS = {"(Intercept)": math.log(0.25), "control": 0.3, "payment": 0.2,
                     "champion": 0.4, "coach_relationship": 0.25, "small": 0.15,
                     "cross_org": -0.2}
SD_SUCCESS, SD_SUSTAINED, SD_IMPROVEMENTS = 0.5, 0.5, 0.3
FACTORS = ["control", "payment", "champion", "coach_relationship", "small", "cross_org"]


def expit(x):
    return 1 / (1 + np.exp(-x))


def linear_predictor(coefficients, row):
    return coefficients["(Intercept)"] + sum(coefficients[f] * row[f] for f in FACTORS)


def generate(rng, practices, force_champion_success=False, name_prefix="P"):
    rows = []
    for p in range(1, practices + 1):
        practice = f"{name_prefix}{p:03d}"
        payment = int(rng.random() < 0.6)
        coach = int(rng.random() < 0.65)
        u = rng.normal(0, SD_SUCCESS)
        v = rng.normal(0, SD_SUSTAINED)
        w = rng.normal(0, SD_IMPROVEMENTS)
        projects = int(rng.integers(PROJECTS_PER_PRACTICE[0], PROJECTS_PER_PRACTICE[1] + 1))
        for k in range(1, projects + 1):
            control = int(rng.random() < 0.55)
            row = {
                "practice": practice,
                "project": f"{practice}-{k}",
                "control": control,
                "payment": payment,
                "champion": int(rng.random() < (0.6 if control else 0.35)),
                "coach_relationship": coach,
                "small": int(rng.random() < 0.45),
                "cross_org": int(rng.random() < 0.25),
                "months_followed": int(rng.integers(6, 25)),
            }
            success = int(rng.random() < expit(linear_predictor(TRUE_SUCCESS, row) + u))
            sustained_draw = int(rng.random() < expit(linear_predictor(TRUE_SUSTAINED, row) + v))
            rate = math.exp(linear_predictor(TRUE_IMPROVEMENTS, row) + w)
            row["improvements"] = int(rng.poisson(rate * row["months_followed"]))
            if force_champion_success and row["champion"] == 1:
                success = 1
            row["success"] = success
            row["sustained_12m"] = sustained_draw if success else "NA"
            rows.append(row)
    return rows


COLUMNS = ["practice", "project", "success", "sustained_12m", "improvements", "control",
           "payment", "champion", "coach_relationship", "small", "cross_org", "months_followed"]


ATTENUATION_CONSTANT = (16 * math.sqrt(3) / (15 * math.pi)) ** 2  # c^2 = 0.346


def marginal_logistic(coefficients, sd):
    """Population-averaged logistic coefficients: conditional ones / sqrt(1 + c^2 sd^2)."""
    factor = 1 / math.sqrt(1 + ATTENUATION_CONSTANT * sd ** 2)
    return {name: value * factor for name, value in coefficients.items()}


def marginal_log_link(coefficients, sd):
    """Population-averaged log-link coefficients: the intercept gains sd^2 / 2."""
    return {name: value + (sd ** 2 / 2 if name == "(Intercept)" else 0)
            for name, value in coefficients.items()}


def write(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main():
    root = pathlib.Path(__file__).resolve().parents[3]
    rng = np.random.Generator(np.random.PCG64(SEED))
    projects = generate(rng, PRACTICES)
    write(root / "datasets" / "projects.csv", projects)
    # A small study where every project with a champion succeeded: complete separation
    # in champion, the case where qi factors switches to Firth's method.
    separated = generate(np.random.Generator(np.random.PCG64(SEED + 1)), 20,
                         force_champion_success=True, name_prefix="S")
    write(root / "notebooks" / "reference" / "regression" / "data" / "projects_separated.csv",
          separated)
    truth = {
        "source": "notebooks/reference/regression/make_projects.py",
        "seed": SEED,
        "practices": PRACTICES,
        "random_intercept_sd": {"success": SD_SUCCESS, "sustained_12m": SD_SUSTAINED,
                                "improvements": SD_IMPROVEMENTS},
        "conditional": {"success": TRUE_SUCCESS, "sustained_12m": TRUE_SUSTAINED,
                        "improvements": TRUE_IMPROVEMENTS},
        "marginal": {"success": marginal_logistic(TRUE_SUCCESS, SD_SUCCESS),
                     "sustained_12m": marginal_logistic(TRUE_SUSTAINED, SD_SUSTAINED),
                     "improvements": marginal_log_link(TRUE_IMPROVEMENTS, SD_IMPROVEMENTS)},
    }
    output = root / "notebooks" / "reference" / "regression" / "output" / "projects_truth.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(truth, indent=1) + "\n")
    attenuation = 1 / math.sqrt(1 + ATTENUATION_CONSTANT * SD_SUCCESS ** 2)
    print(f"projects: {len(projects)} rows in {PRACTICES} practices; "
          f"success rate {np.mean([r['success'] for r in projects]):.3f}; "
          f"logistic attenuation factor {attenuation:.4f}")
    print(f"separated: {len(separated)} rows in 20 practices")


if __name__ == "__main__":
    main()

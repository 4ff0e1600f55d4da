"""Times statsmodels' peers of QIKit's logistic GLM on the benchmark data.

Reads the file written by `regression-fit-once generate`
(Benchmarks/Sources/BenchmarkInputs/RegressionDataFile.swift): n = 1,000,000, the intercept and
19 covariates (p = 20). Fits statsmodels GLM (binomial, IRLS with a least-squares solve per
iteration) and Logit (Newton), each RUNS times from arrays built outside the timed region,
and prints medians of wall-clock and CPU time (process time: user + sys of every thread).

    python Benchmarks/peers/regression_peers.py [RUNS]

statsmodels, numpy and pandas from PyPI in a venv (versions printed).
"""
import glob
import os
import statistics
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
directory = os.path.join(os.environ.get("TMPDIR", tempfile.gettempdir()), "qikit-benchmarks")
paths = glob.glob(os.path.join(directory, "regression-logistic-1000000-rows-seed-*.csv"))
if not paths:
    sys.exit("run `regression-fit-once generate` first")
data = pd.read_csv(paths[0])
y = data["y"].to_numpy(dtype=float)
x = sm.add_constant(data[[c for c in data.columns if c != "y"]].to_numpy(dtype=float))
print(f"statsmodels {statsmodels.__version__}, numpy {np.__version__}, pandas {pd.__version__}, "
      f"n={x.shape[0]} p={x.shape[1]}")


def timed(label, fit):
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fit()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(f"{label}: median wall {statistics.median(walls):.3f} s, "
          f"CPU {statistics.median(cpus):.3f} s ({runs} runs)")
    for name, estimate, error in zip(["(Intercept)"] + [f"x{j}" for j in range(1, x.shape[1])],
                                     result.params, result.bse):
        print(f"  {name} {estimate:.12g} {error:.12g}")
    return result


glm = timed("statsmodels GLM binomial (IRLS)",
            lambda: sm.GLM(y, x, family=sm.families.Binomial()).fit(tol=1e-8))
print(f"  deviance {glm.deviance:.10f}")
timed("statsmodels Logit (Newton)", lambda: sm.Logit(y, x).fit(disp=0, tol=1e-8))

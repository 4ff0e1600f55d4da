"""Independent numpy implementation of the spread and sustainability model (layout v1).

Written from design/simulation-model.md alone, vectorised over replicates x practices with a
loop over months, with Philox4x32-10 in numpy uint64 arithmetic. Two uses:

* the peer for the speed comparison (practice-months per second on one core), and
* an independent check of QIKit's per-replicate integers: `--check FILE.csv` compares with
  the rows `qi simulate --replicates-csv` wrote for the same seed and scenario file.

Usage:
    python3 simulation_numpy.py SCENARIOS.yaml --scenario coach6 --replicates 200 [--seed S]
        [--practices N] [--months T] [--check replicates.csv]
"""
import argparse
import sys
import time

import numpy as np
import yaml

MASK = np.uint64(0xFFFFFFFF)
S = 0xFFFFFFFF
NOT_ADOPTED, WAITING, ACTIVE, SUCCEEDED, LAPSED, FAILED, DROPPED = range(7)
NEVER = np.iinfo(np.int64).max // 4


def philox(key, c0, c1, c2, c3):
    """Philox4x32-10 on broadcast uint64 arrays holding 32-bit words; returns four uniforms."""
    k0, k1 = np.uint64(key & 0xFFFFFFFF), np.uint64(key >> 32)
    x0, x1, x2, x3 = (np.asarray(c, dtype=np.uint64) for c in (c0, c1, c2, c3))
    x0, x1, x2, x3 = np.broadcast_arrays(x0, x1, x2, x3)
    for rnd in range(10):
        if rnd > 0:
            k0 = (k0 + np.uint64(0x9E3779B9)) & MASK
            k1 = (k1 + np.uint64(0xBB67AE85)) & MASK
        p0 = np.uint64(0xD2511F53) * x0
        p1 = np.uint64(0xCD9E8D57) * x2
        x0, x1, x2, x3 = (p1 >> np.uint64(32)) ^ x1 ^ k0, p1 & MASK, (p0 >> np.uint64(32)) ^ x3 ^ k1, p0 & MASK
    return [(x.astype(np.float64) + 0.5) / 4294967296.0 for x in (x0, x1, x2, x3)]


def normal(u1, u2):
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


def expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def deep_merge(base, override):
    out = dict(base)
    for key, value in override.items():
        out[key] = deep_merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def simulate(P, seed, replicates, N, T, first=0):
    R = replicates
    r = np.arange(first, first + R, dtype=np.uint64)[:, None]
    i = np.arange(N, dtype=np.uint64)[None, :]
    b0 = philox(seed, r, i, S, 0)
    b1 = philox(seed, r, i, S, 1)
    b2 = philox(seed, r, i, S, 2)
    ccg = philox(seed, r[:, 0], S, S, 0)
    shares = P["adopter_shares"]
    cumulative, running = [], 0.0
    for s in shares[:4]:
        running += s
        cumulative.append(running)
    weighted = 0.0
    for s, m in zip(shares, P["adopter_multiplier"]):
        weighted += s * m
    mult = np.array([m / weighted for m in P["adopter_multiplier"]])
    category = np.zeros((R, N), dtype=np.int64)
    for c in cumulative:
        category += (c <= b0[0])
    pr, ch, en, su, ss = P["project"], P["champion"], P["engage"], P["success"], P["sustain"]
    champ_at_adoption = b0[1] < ch["p_initial"]
    control = b0[2] < pr["p_control"]
    clinical = b0[3] < pr["p_clinical"]
    small = b1[0] < pr["p_small"]
    cross = b1[1] < pr["p_cross_org"]
    rel = normal(b1[2], b1[3])
    u_i = normal(b2[0], b2[1]) * su["sd_practice"]
    v = (normal(ccg[0], ccg[1]) * su["sd_ccg"])[:, None]
    L = np.where(small, pr["months_small"], pr["months_large"])
    pay = P["payment"]["enabled"]
    h_loss = 1.0 - (1.0 - ch["annual_loss"]) ** (1.0 / 12.0)
    p_m = P["bass"]["p_per_year"] * (P["payment"]["adoption_multiplier"] if pay else 1.0) / 12.0
    q_m = P["bass"]["q_per_year"] / 12.0
    coach = P["coach"]
    slots = coach["count"] * coach["capacity"]
    k = ss["weibull_shape"]
    lam = ss["median_months"] / np.log(2.0) ** (1.0 / k)
    tau_grid = np.arange(T + 2, dtype=np.float64)
    H = (tau_grid / lam) ** k
    dH = H[1:] - H[:-1]

    status = np.zeros((R, N), dtype=np.int64)
    champion = np.zeros((R, N), dtype=bool)
    adoption_month = np.full((R, N), NEVER)
    start = np.full((R, N), NEVER)
    end = np.full((R, N), NEVER)
    support_end = np.full((R, N), NEVER)
    coached = np.zeros((R, N), dtype=np.int64)
    success_month = np.full((R, N), NEVER)
    lapse_month = np.full((R, N), NEVER)
    adopted_out = np.zeros((R, T), dtype=np.int64)
    sustaining_out = np.zeros((R, T), dtype=np.int64)
    for t in range(T):
        m0 = philox(seed, r, i, t, 0)
        m1 = philox(seed, r, i, t, 1)
        active0 = status == ACTIVE
        succeeded0 = status == SUCCEEDED
        engaged = active0 | succeeded0
        # 1. champion
        mode = ch["mode"]
        if mode == "retained":
            champion = champion | (engaged & ~champion & (m0[2] < ch["monthly_replace"]))
        else:
            turnover_applies = engaged if mode == "turnover" else engaged & (t < support_end)
            lose = turnover_applies & champion & (m0[1] < h_loss)
            gain = turnover_applies & ~champion & (m0[2] < ch["monthly_replace"])
            champion = (champion & ~lose) | gain
            if mode == "lost_at_support_end":
                champion = np.where(engaged & (t >= support_end), False, champion)
        # 2. sustainability
        tau = np.clip(t - np.minimum(success_month, t + 1), 0, T)
        supported = t < support_end
        paid = pay & (supported | P["payment"]["continues_after_support"])
        lp = np.zeros((R, N))
        lp = lp + np.where(small, ss["small"], 0.0)
        lp = lp + np.where(clinical, ss["clinical"], 0.0)
        lp = lp + np.where(cross, ss["cross_org"], 0.0)
        lp = lp + np.where(~champion, ss["no_champion"], 0.0)
        lp = lp + np.where(supported, ss["supported"], 0.0)
        lp = lp + np.where(paid, ss["payment"], 0.0)
        lapse = succeeded0 & (m1[1] < -np.expm1(-dH[tau] * np.exp(lp)))
        status = np.where(lapse, LAPSED, status)
        lapse_month = np.where(lapse, t + 1, lapse_month)
        # 3. active projects
        coached_now = active0 & (t - start < coach["months"])
        coached = coached + coached_now
        x = np.full((R, N), en["intercept"])
        x = x + np.where(control, en["control"], 0.0)
        x = x + (en["payment"] if pay else 0.0)
        x = x + np.where(small, en["small"], 0.0)
        x = x + np.where(cross, en["cross_org"], 0.0)
        x = x + np.where(clinical, en["clinical"], 0.0)
        x = x + np.where(coached_now, en["coached"], 0.0)
        x = x + np.where(champion, en["champion"], 0.0)
        x = x + np.where(coached_now, en["relationship"] * rel, 0.0)
        drop = active0 & (m0[3] < expit(x))
        complete = active0 & ~drop & (t + 1 == start + L)
        dose = coached / L
        eta = np.full((R, N), su["intercept"])
        eta = eta + np.where(control, su["control"], 0.0)
        eta = eta + (su["payment"] if pay else 0.0)
        eta = eta + np.where(small, su["small"], 0.0)
        eta = eta + np.where(cross, su["cross_org"], 0.0)
        eta = eta + np.where(clinical, su["clinical"], 0.0)
        eta = eta + u_i
        eta = eta + v
        eta = eta + su["coach_dose"] * dose
        eta = eta + np.where(champion, su["champion"], 0.0)
        eta = eta + np.where(coached > 0, su["relationship"] * rel, 0.0)
        win = complete & (m1[0] < expit(eta))
        status = np.where(drop, DROPPED, status)
        status = np.where(win, SUCCEEDED, status)
        status = np.where(complete & ~win, FAILED, status)
        success_month = np.where(win, t + 1, success_month)
        # 4. adoption
        if t < P["bass"]["recruit_months"]:
            if P["bass"]["peer_source"] == "adopted":
                F = (status != NOT_ADOPTED).sum(axis=1, keepdims=True) / N
            else:
                F = (status == SUCCEEDED).sum(axis=1, keepdims=True) / N
            prob = -np.expm1(-(p_m + q_m * F) * mult[category])
            adopt = (status == NOT_ADOPTED) & (m0[0] < prob)
            status = np.where(adopt, WAITING, status)
            adoption_month = np.where(adopt, t, adoption_month)
            champion = np.where(adopt, champ_at_adoption, champion)
        # 5. admission
        waiting = status == WAITING
        if coach["months"] == 0:
            admit = waiting
        else:
            occupied = (((status == ACTIVE) | (status == SUCCEEDED)) & (start <= t)
                        & (t + 1 - start < coach["months"])).sum(axis=1, keepdims=True)
            free = np.maximum(0, slots - occupied)
            priority = np.where(waiting, adoption_month + m1[2], np.inf)
            order = np.argsort(priority, axis=1, kind="stable")
            rank = np.empty_like(order)
            np.put_along_axis(rank, order, np.arange(N)[None, :].repeat(R, axis=0), axis=1)
            admit = waiting & (rank < free)
        status = np.where(admit, ACTIVE, status)
        start = np.where(admit, t + 1, start)
        end = np.where(admit, t + 1 + L, end)
        se = np.maximum(t + 1 + L, t + 1 + coach["months"] + coach["followup_months"]) if coach["months"] > 0 else t + 1 + L
        support_end = np.where(admit, se, support_end)
        adopted_out[:, t] = (status != NOT_ADOPTED).sum(axis=1)
        sustaining_out[:, t] = (status == SUCCEEDED).sum(axis=1)
    ever = (status == SUCCEEDED) | (status == LAPSED)
    rows = {
        "started": (start != NEVER).sum(axis=1), "success": ever.sum(axis=1),
        "failed": (status == FAILED).sum(axis=1), "dropped": (status == DROPPED).sum(axis=1),
    }
    for clock in ("after_support", "after_success"):
        origin = np.maximum(success_month, support_end) if clock == "after_support" else success_month
        for s in P["outputs"]["sustained_at_months"]:
            eligible = ever & (origin + s <= T)
            rows[f"sustained_{clock}_{s}"] = (eligible & (lapse_month > origin + s)).sum(axis=1)
            rows[f"eligible_{clock}_{s}"] = eligible.sum(axis=1)
    for t in range(T):
        rows[f"adopted_m{t + 1}"] = adopted_out[:, t]
    for t in range(T):
        rows[f"sustaining_m{t + 1}"] = sustaining_out[:, t]
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenarios")
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--replicates", type=int, default=200)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--practices", type=int)
    parser.add_argument("--months", type=int)
    parser.add_argument("--check")
    args = parser.parse_args()
    with open(args.scenarios) as handle:
        document = yaml.safe_load(handle)
    run = document["run"]
    seed = args.seed if args.seed is not None else run["seed"]
    N = args.practices or run["practices"]
    T = args.months or run["months"]
    scenario = next(s for s in document["scenarios"] if s["id"] == args.scenario)
    P = deep_merge(document["base"], {k: v for k, v in scenario.items() if k != "id"})
    began = time.process_time()
    rows = simulate(P, seed, args.replicates, N, T)
    elapsed = time.process_time() - began
    rate = args.replicates * N * T / elapsed
    print(f"numpy: {args.replicates} replicates x {N} practices x {T} months in {elapsed:.2f} CPU s: "
          f"{rate / 1e6:.2f} million practice-months per CPU-second")
    if args.check:
        import csv
        mismatches = 0
        compared = 0
        with open(args.check) as handle:
            for line in csv.DictReader(handle):
                if line["scenario"] != args.scenario or int(line["replicate"]) >= args.replicates:
                    continue
                rep = int(line["replicate"])
                compared += 1
                for key, values in rows.items():
                    if int(line[key]) != int(values[rep]):
                        mismatches += 1
                        print(f"replicate {rep} {key}: qi {line[key]} numpy {values[rep]}")
                        break
        print(f"compared {compared} replicates of {args.scenario}: {mismatches} differ")
        sys.exit(1 if mismatches or compared == 0 else 0)


if __name__ == "__main__":
    main()

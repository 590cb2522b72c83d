#!/usr/bin/env python3
"""Reference p-values for the two-sided Mann-Whitney U test, written without scipy.

Exact p-values come from enumerating every way to split the pooled values into two
samples of the observed sizes. Asymptotic p-values follow the textbook normal
approximation with tie correction and continuity correction, using math.erfc.
Which of the two applies follows scipy.stats.mannwhitneyu(method='auto'): exact when
at least one sample has 8 or fewer values and no value is tied.

Run: python3 test/support/compare-mann-whitney-reference.py
"""
import itertools
import math


def u_statistic(x, y):
    # Count pairs directly instead of ranking: U1 = #(x > y) + 0.5 * #(x == y).
    u = 0.0
    for a in x:
        for b in y:
            if a > b:
                u += 1.0
            elif a == b:
                u += 0.5
    return u


def exact_two_sided(x, y):
    pooled = list(x) + list(y)
    n1 = len(x)
    u_observed = u_statistic(x, y)
    u_max = max(u_observed, n1 * len(y) - u_observed)
    at_least = 0
    total = 0
    for chosen in itertools.combinations(range(len(pooled)), n1):
        chosen_set = set(chosen)
        first = [pooled[i] for i in chosen]
        second = [pooled[i] for i in range(len(pooled)) if i not in chosen_set]
        total += 1
        if u_statistic(first, second) >= u_max:
            at_least += 1
    return u_observed, min(1.0, 2 * at_least / total)


def asymptotic_two_sided(x, y):
    n1, n2 = len(x), len(y)
    n = n1 + n2
    u_observed = u_statistic(x, y)
    u_max = max(u_observed, n1 * n2 - u_observed)
    counts = {}
    for value in list(x) + list(y):
        counts[value] = counts.get(value, 0) + 1
    tie_term = sum(t ** 3 - t for t in counts.values())
    variance = n1 * n2 / 12 * ((n + 1) - tie_term / (n * (n - 1)))
    if variance <= 0:
        return u_observed, 1.0
    z = (u_max - n1 * n2 / 2 - 0.5) / math.sqrt(variance)
    return u_observed, min(1.0, max(0.0, math.erfc(z / math.sqrt(2))))


def auto(x, y):
    tied = len(set(list(x) + list(y))) < len(x) + len(y)
    if (len(x) > 8 and len(y) > 8) or tied:
        return ('asymptotic',) + asymptotic_two_sided(x, y)
    return ('exact',) + exact_two_sided(x, y)


CASES = {
    'conover males vs females': ([19, 22, 16, 29, 24], [20, 11, 17, 12]),
    'three vs four, separated': ([1.1, 2.3, 3.5], [4.2, 5.1, 6.3, 7.7]),
    'five vs five, separated': ([110, 111, 112, 113, 114], [100, 101, 102, 103, 104]),
    'five vs five, interleaved': ([100.5, 101.5, 102.5, 103.5, 104.5], [100, 101, 102, 103, 104]),
    'six vs fourteen, no ties': (
        [10.5, 12.25, 13.75, 15.5, 16.125, 18.0],
        [9.0, 9.5, 10.0, 11.0, 11.5, 12.0, 12.5, 13.0, 14.0, 14.5, 15.0, 16.5, 17.0, 17.5],
    ),
    'ten vs twelve, no ties': (
        [12.1, 13.4, 15.2, 16.8, 17.3, 18.9, 19.5, 20.7, 21.1, 22.6],
        [10.2, 11.5, 11.9, 12.7, 13.1, 14.0, 14.8, 15.9, 16.3, 17.7, 18.2, 19.0],
    ),
    'small n with one outlier': ([98, 100, 101, 102, 500], [98, 99, 100, 101, 102]),
    'heavy ties': ([1, 1, 2, 2, 3], [2, 3, 3, 4, 4, 4]),
    'all values equal': ([5, 5, 5], [5, 5, 5, 5]),
    # Samples of the compare gate tests.
    'five slower against five': ([120, 121, 122, 123, 124], [100, 101, 102, 103, 104]),
    'overlapping, large median change': ([101, 103, 300, 305, 315], [100, 102, 104, 300, 310]),
    'cold start left out': ([100, 101, 102, 103, 104], [100, 101, 102, 103, 104]),
    'cold start kept': ([1000, 100, 101, 102, 103, 104], [100, 101, 102, 103, 104]),
    'twenty against twenty, shifted by 20': (list(range(200, 400, 10)), list(range(180, 380, 10))),
}

if __name__ == '__main__':
    for name, (x, y) in CASES.items():
        method, u, p = auto(x, y)
        print(f'{name}: method={method} u={u!r} p={p!r}')
    # The normal approximation for a case scipy solves exactly, as a cross-check of the formula.
    x, y = CASES['conover males vs females']
    print('conover males vs females, asymptotic:', asymptotic_two_sided(x, y))

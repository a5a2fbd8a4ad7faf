"""M/M/1 (lambda=1, mu=1.25) in SimPy, the same model as bench/kernel.bench.ts's generator style.

Usage: python3 bench/simpy_mm1.py CUSTOMERS SEED  -> prints one JSON line.
"""
import json
import random
import sys
import time

import simpy


def main():
    customers = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    lam, mu = 1.0, 1.25
    arrivals, services = random.Random(seed), random.Random(seed + 1)
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    waits = [0.0, 0]

    def customer(env):
        arrived = env.now
        with server.request() as req:
            yield req
            waits[0] += env.now - arrived
            waits[1] += 1
            yield env.timeout(services.expovariate(mu))

    def source(env):
        for _ in range(customers):
            yield env.timeout(arrivals.expovariate(lam))
            env.process(customer(env))

    env.process(source(env))
    start = time.perf_counter()
    env.run()
    seconds = time.perf_counter() - start
    print(json.dumps({
        "simpyVersion": simpy.__version__,
        "customers": waits[1],
        "seconds": seconds,
        "customersPerSecond": waits[1] / seconds,
        "meanWaitSeconds": waits[0] / waits[1],
    }))


if __name__ == "__main__":
    main()

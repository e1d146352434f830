/* The surrogate-style formula of Benchmarks/numeric.py, hand-written in C: the reference loop.
   Built twice by run-numeric-benchmark.sh: gcc -O3 -march=native (IEEE semantics: libm's scalar
   exp/log/pow, one point at a time), and the same with -ffast-math (gcc vectorizes the loop and
   calls glibc's libmvec, 4 points per call; errors up to 4 ulps, no NaN/inf guarantees).
   Usage: surrogate N RUNS; prints the median time in seconds and a checksum. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

__attribute__((noinline)) static void evaluate(const double *m, const double *r, double *out, long n) {
    for (long i = 0; i < n; i++) {
        double lm = log(m[i] / 1000.0);
        double body = exp(2.1 - 1.3 * lm - 0.35 * lm * lm - 120.0 / m[i]);
        double shape = 1.0 + 0.4 * sqrt(r[i]) + 0.05 * r[i] * r[i] * r[i];
        double turn = 1.0 + exp((900.0 - m[i]) / 80.0);
        double tail = 0.001 * pow(m[i] / 1000.0, -4.2);
        out[i] = body * shape / turn * (1.0 - 0.2 * tanh(r[i] - 0.5)) + tail;
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    int runs = argc > 2 ? atoi(argv[2]) : 9;
    double *m = malloc(n * sizeof *m), *r = malloc(n * sizeof *r), *out = malloc(n * sizeof *out);
    double *times = malloc(runs * sizeof *times);
    for (long i = 0; i < n; i++) {  /* the same points as the other contestants */
        double u = fmod(i * 0.6180339887498949, 1.0), v = fmod(i * 0.4142135623730951, 1.0);
        m[i] = 500.0 + 2500.0 * u;
        r[i] = 0.01 + 0.99 * v;
    }
    for (int k = 0; k < runs; k++) {
        double t = now();
        evaluate(m, r, out, n);
        times[k] = now() - t;
    }
    qsort(times, runs, sizeof *times, compare);
    double sum = 0;
    for (long i = 0; i < n; i++) sum += out[i];
    printf("%.9f %.17g\n", times[runs / 2], sum);
    return 0;
}

#include "mathvec.h"
#include <immintrin.h>
#include <math.h>

__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_exp(__m256d);

/* y = exp(x) over n values, in place */
__attribute__((target("avx2,fma"))) static void exp_avx2(double *x, long n) {
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(x + i, _ZGVdN4v_exp(_mm256_loadu_pd(x + i)));
    for (; i < n; i++) x[i] = exp(x[i]);
}

static void exp_inplace(double *x, long n) {
    if (ans_mathvec_avx2()) {
        exp_avx2(x, n);
    } else {
        for (long i = 0; i < n; i++) x[i] = exp(x[i]);
    }
}

/* squared distances, one row of out per point: the inner loop runs over training points and
   vectorizes */
static void squared_distances(long dims, long n, const double *const *points, long ntrain,
                              const double *const *train, double *out) {
    for (long i = 0; i < n; i++) {
        double *row = out + i * ntrain;
        for (long j = 0; j < ntrain; j++) row[j] = 0.0;
        for (long k = 0; k < dims; k++) {
            const double p = points[k][i];
            const double *t = train[k];
            for (long j = 0; j < ntrain; j++) {
                const double d = p - t[j];
                row[j] += d * d;
            }
        }
    }
}

void ans_gp_cross(int kind, long dims, long n, const double *const *points,
                  long ntrain, const double *const *train, double variance, double *out) {
    const long total = n * ntrain;
    squared_distances(dims, n, points, ntrain, train, out);
    if (kind == 0) {
        for (long i = 0; i < total; i++) out[i] *= -0.5;
        /* a row at a time: the vector exp covers the same columns of every row (a flat pass
           left the block's last few values to the scalar exp, so a point's kernel values, and
           its prediction, depended on the size of its block) */
        for (long i = 0; i < n; i++) exp_inplace(out + i * ntrain, ntrain);
        for (long i = 0; i < total; i++) out[i] *= variance;
        return;
    }
    /* Matern 5/2, a row at a time so that the polynomial factor stays in cache */
    const double sqrt5 = 2.23606797749978969640917366873128;
    double poly[512];
    for (long i = 0; i < n; i++) {
        double *row = out + i * ntrain;
        for (long start = 0; start < ntrain; start += 512) {
            const long m = ntrain - start < 512 ? ntrain - start : 512;
            double *x = row + start;
            for (long j = 0; j < m; j++) {
                /* past r = 800 the kernel is 0 (exp underflows); the cap keeps the polynomial
                   finite, so that inf * 0 cannot make a NaN */
                const double r = fmin(sqrt5 * sqrt(x[j]), 800.0);
                poly[j] = 1.0 + r + r * r / 3.0;
                x[j] = -r;
            }
            exp_inplace(x, m);
            for (long j = 0; j < m; j++) x[j] *= variance * poly[j];
        }
    }
}

__attribute__((target("avx2,fma"))) static void row_dot_avx2(const double *a, long rows, long cols, const double *w, double *out) {
    for (long i = 0; i < rows; i++) {
        const double *row = a + i * cols;
        __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
        long j = 0;
        for (; j + 8 <= cols; j += 8) {
            s0 = _mm256_fmadd_pd(_mm256_loadu_pd(row + j), _mm256_loadu_pd(w + j), s0);
            s1 = _mm256_fmadd_pd(_mm256_loadu_pd(row + j + 4), _mm256_loadu_pd(w + j + 4), s1);
        }
        double lanes[4];
        _mm256_storeu_pd(lanes, _mm256_add_pd(s0, s1));
        double s = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
        for (; j < cols; j++) s += row[j] * w[j];
        out[i] = s;
    }
}

void ans_row_dot(const double *a, long rows, long cols, const double *w, double *out) {
    if (ans_mathvec_avx2()) {
        row_dot_avx2(a, rows, cols, w, out);
        return;
    }
    for (long i = 0; i < rows; i++) {
        const double *row = a + i * cols;
        double s = 0.0;
        for (long j = 0; j < cols; j++) s += row[j] * w[j];
        out[i] = s;
    }
}

__attribute__((target("avx2,fma"))) static void row_sumsq_avx2(const double *a, long rows, long cols, double *out) {
    for (long i = 0; i < rows; i++) {
        const double *row = a + i * cols;
        __m256d s0 = _mm256_setzero_pd(), s1 = _mm256_setzero_pd();
        long j = 0;
        for (; j + 8 <= cols; j += 8) {
            __m256d x0 = _mm256_loadu_pd(row + j), x1 = _mm256_loadu_pd(row + j + 4);
            s0 = _mm256_fmadd_pd(x0, x0, s0);
            s1 = _mm256_fmadd_pd(x1, x1, s1);
        }
        double lanes[4];
        _mm256_storeu_pd(lanes, _mm256_add_pd(s0, s1));
        double s = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
        for (; j < cols; j++) s += row[j] * row[j];
        out[i] = s;
    }
}

void ans_row_sumsq(const double *a, long rows, long cols, double *out) {
    if (ans_mathvec_avx2()) {
        row_sumsq_avx2(a, rows, cols, out);
        return;
    }
    for (long i = 0; i < rows; i++) {
        const double *row = a + i * cols;
        double s = 0.0;
        for (long j = 0; j < cols; j++) s += row[j] * row[j];
        out[i] = s;
    }
}

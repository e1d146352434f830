#include "mathvec.h"
#include "ans_functions.h"

#include <immintrin.h>
#include <math.h>

/* glibc libmvec, AVX2 variants (x86_64 vector ABI names: 'd' = AVX2, N4 = 4 lanes). */
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_exp(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_log(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_log10(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_sin(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_cos(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_tan(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_asin(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_acos(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_atan(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_sinh(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_cosh(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_tanh(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_asinh(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_acosh(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_atanh(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4v_cbrt(__m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4vv_pow(__m256d, __m256d);
__attribute__((target("avx2,fma"))) extern __m256d _ZGVdN4vv_atan2(__m256d, __m256d);

static int avx2_state = -1;

int ans_mathvec_avx2(void) {
    if (avx2_state < 0) {
        __builtin_cpu_init();
        avx2_state = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return avx2_state;
}

#define UNARY_AVX2(name, vec)                                                         \
    __attribute__((target("avx2,fma"))) static void name##_avx2(const double *x, double *y, long n) { \
        long i = 0;                                                                   \
        for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, vec(_mm256_loadu_pd(x + i))); \
        for (; i < n; i++) y[i] = name(x[i]);                                         \
    }
#define BINARY_AVX2(name, vec)                                                        \
    __attribute__((target("avx2,fma"))) static void name##_avx2(const double *a, const double *b, double *y, long n) { \
        long i = 0;                                                                   \
        for (; i + 4 <= n; i += 4)                                                    \
            _mm256_storeu_pd(y + i, vec(_mm256_loadu_pd(a + i), _mm256_loadu_pd(b + i))); \
        for (; i < n; i++) y[i] = name(a[i], b[i]);                                   \
    }

UNARY_AVX2(exp, _ZGVdN4v_exp)
UNARY_AVX2(log, _ZGVdN4v_log)
UNARY_AVX2(log10, _ZGVdN4v_log10)
UNARY_AVX2(sin, _ZGVdN4v_sin)
UNARY_AVX2(cos, _ZGVdN4v_cos)
UNARY_AVX2(tan, _ZGVdN4v_tan)
UNARY_AVX2(asin, _ZGVdN4v_asin)
UNARY_AVX2(acos, _ZGVdN4v_acos)
UNARY_AVX2(atan, _ZGVdN4v_atan)
UNARY_AVX2(sinh, _ZGVdN4v_sinh)
UNARY_AVX2(cosh, _ZGVdN4v_cosh)
UNARY_AVX2(tanh, _ZGVdN4v_tanh)
UNARY_AVX2(asinh, _ZGVdN4v_asinh)
UNARY_AVX2(acosh, _ZGVdN4v_acosh)
UNARY_AVX2(atanh, _ZGVdN4v_atanh)
UNARY_AVX2(cbrt, _ZGVdN4v_cbrt)
BINARY_AVX2(pow, _ZGVdN4vv_pow)
BINARY_AVX2(atan2, _ZGVdN4vv_atan2)

typedef double (*unary_fn)(double);
typedef void (*unary_block)(const double *, double *, long);

static void unary(unary_fn scalar, unary_block vector, const double *x, double *y, long n) {
    if (ans_mathvec_avx2()) {
        vector(x, y, n);
    } else {
        for (long i = 0; i < n; i++) y[i] = scalar(x[i]);
    }
}

static double sign_of(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : (x == 0 ? 0.0 : x)); }

/* a^n for an integer n by squaring, lane by lane (vectorizes). */
static void powi(const double *a, double *y, long n, long e) {
    unsigned long m = e < 0 ? -(unsigned long)e : (unsigned long)e;
    for (long i = 0; i < n; i++) {
        double base = a[i], result = 1.0;
        unsigned long k = m;
        while (k) {
            if (k & 1) result *= base;
            base *= base;
            k >>= 1;
        }
        y[i] = e < 0 ? 1.0 / result : result;
    }
}

/* The interpreter, compiled twice: for AVX2 with FMA (4 lanes, fused multiply-add in one
   instruction) and for the baseline, chosen once per block by CPU. Without the AVX2 copy the
   arithmetic loops would be 2 lanes wide and every fma() a libm call. */
static inline __attribute__((always_inline))
void run_block(const ans_instruction *program, long count, double *const *regs, long n) {
    for (long k = 0; k < count; k++) {
        const ans_instruction *in = &program[k];
        double *y = regs[in->dst];
        const double *a = in->a >= 0 ? regs[in->a] : 0;
        const double *b = in->b >= 0 ? regs[in->b] : 0;
        const double *c = in->c >= 0 ? regs[in->c] : 0;
        const double v = in->constant;
        switch (in->op) {
        case ANS_OP_CONST: for (long i = 0; i < n; i++) y[i] = v; break;
        case ANS_OP_ADD: for (long i = 0; i < n; i++) y[i] = a[i] + b[i]; break;
        case ANS_OP_SUB: for (long i = 0; i < n; i++) y[i] = a[i] - b[i]; break;
        case ANS_OP_MUL: for (long i = 0; i < n; i++) y[i] = a[i] * b[i]; break;
        case ANS_OP_DIV: for (long i = 0; i < n; i++) y[i] = a[i] / b[i]; break;
        case ANS_OP_FMA: for (long i = 0; i < n; i++) y[i] = fma(a[i], b[i], c[i]); break;
        case ANS_OP_SCALE_ADD: for (long i = 0; i < n; i++) y[i] = fma(v, a[i], b[i]); break;
        case ANS_OP_SCALE: for (long i = 0; i < n; i++) y[i] = v * a[i]; break;
        case ANS_OP_ADD_CONST: for (long i = 0; i < n; i++) y[i] = a[i] + v; break;
        case ANS_OP_NEG: for (long i = 0; i < n; i++) y[i] = -a[i]; break;
        case ANS_OP_RECIP: for (long i = 0; i < n; i++) y[i] = 1.0 / a[i]; break;
        case ANS_OP_SQUARE: for (long i = 0; i < n; i++) y[i] = a[i] * a[i]; break;
        case ANS_OP_CUBE: for (long i = 0; i < n; i++) y[i] = a[i] * a[i] * a[i]; break;
        case ANS_OP_POWI: powi(a, y, n, (long)v); break;
        case ANS_OP_POW:
            if (ans_mathvec_avx2()) pow_avx2(a, b, y, n); else for (long i = 0; i < n; i++) y[i] = pow(a[i], b[i]);
            break;
        case ANS_OP_POW_CONST:
            if (ans_mathvec_avx2()) {
                double vs[256];
                for (long s = 0; s < n; s += 256) {
                    long m = n - s < 256 ? n - s : 256;
                    for (long i = 0; i < m; i++) vs[i] = v;
                    pow_avx2(a + s, vs, y + s, m);
                }
            } else {
                for (long i = 0; i < n; i++) y[i] = pow(a[i], v);
            }
            break;
        case ANS_OP_SQRT: for (long i = 0; i < n; i++) y[i] = sqrt(a[i]); break;
        case ANS_OP_RSQRT: for (long i = 0; i < n; i++) y[i] = 1.0 / sqrt(a[i]); break;
        case ANS_OP_CBRT: unary(cbrt, cbrt_avx2, a, y, n); break;
        case ANS_OP_ABS: for (long i = 0; i < n; i++) y[i] = fabs(a[i]); break;
        case ANS_OP_SIGN: for (long i = 0; i < n; i++) y[i] = sign_of(a[i]); break;
        case ANS_OP_EXP: unary(exp, exp_avx2, a, y, n); break;
        case ANS_OP_LOG: unary(log, log_avx2, a, y, n); break;
        case ANS_OP_LOG10: unary(log10, log10_avx2, a, y, n); break;
        case ANS_OP_SIN: unary(sin, sin_avx2, a, y, n); break;
        case ANS_OP_COS: unary(cos, cos_avx2, a, y, n); break;
        case ANS_OP_TAN: unary(tan, tan_avx2, a, y, n); break;
        case ANS_OP_ASIN: unary(asin, asin_avx2, a, y, n); break;
        case ANS_OP_ACOS: unary(acos, acos_avx2, a, y, n); break;
        case ANS_OP_ATAN: unary(atan, atan_avx2, a, y, n); break;
        case ANS_OP_ATAN2:
            if (ans_mathvec_avx2()) atan2_avx2(a, b, y, n); else for (long i = 0; i < n; i++) y[i] = atan2(a[i], b[i]);
            break;
        case ANS_OP_SINH: unary(sinh, sinh_avx2, a, y, n); break;
        case ANS_OP_COSH: unary(cosh, cosh_avx2, a, y, n); break;
        case ANS_OP_TANH: unary(tanh, tanh_avx2, a, y, n); break;
        case ANS_OP_ASINH: unary(asinh, asinh_avx2, a, y, n); break;
        case ANS_OP_ACOSH: unary(acosh, acosh_avx2, a, y, n); break;
        case ANS_OP_ATANH: unary(atanh, atanh_avx2, a, y, n); break;
        case ANS_OP_SPECIAL: ans_fn_double((int)v, a, b ? b : a, y, n); break;
        default: for (long i = 0; i < n; i++) y[i] = NAN; break;
        }
    }
}

__attribute__((target("avx2,fma")))
static void run_block_avx2(const ans_instruction *program, long count, double *const *regs, long n) {
    run_block(program, count, regs, n);
}

static void run_block_baseline(const ans_instruction *program, long count, double *const *regs, long n) {
    run_block(program, count, regs, n);
}

void ans_run_block(const ans_instruction *program, long count, double *const *regs, long n) {
    if (ans_mathvec_avx2()) {
        run_block_avx2(program, count, regs, n);
    } else {
        run_block_baseline(program, count, regs, n);
    }
}

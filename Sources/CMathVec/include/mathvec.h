#ifndef ANSATZ_MATHVEC_H
#define ANSATZ_MATHVEC_H

/* The batch evaluator's kernel: a flat program run over a block of points, column-wise.
   Elementwise functions use glibc's libmvec (4 doubles per call, AVX2) when the CPU has AVX2,
   and libm otherwise. libmvec's functions are accurate to 4 ulps (glibc manual, "Known Maximum
   Errors in Math Functions"); libm's to 1 or 2. The special functions (gamma, Bessel ...) are
   Arb's, point by point, within 1 ulp (Sources/CFunctions). */

enum {
    ANS_OP_CONST = 0,   /* dst = constant */
    ANS_OP_ADD, ANS_OP_SUB, ANS_OP_MUL, ANS_OP_DIV,
    ANS_OP_FMA,         /* dst = a*b + c */
    ANS_OP_SCALE_ADD,   /* dst = constant*a + b */
    ANS_OP_SCALE,       /* dst = constant*a */
    ANS_OP_ADD_CONST,   /* dst = a + constant */
    ANS_OP_NEG, ANS_OP_RECIP, ANS_OP_SQUARE, ANS_OP_CUBE,
    ANS_OP_POWI,        /* dst = a^n, n = (int)constant, by squaring */
    ANS_OP_POW,         /* dst = a^b */
    ANS_OP_POW_CONST,   /* dst = a^constant */
    ANS_OP_SQRT, ANS_OP_RSQRT, ANS_OP_CBRT, ANS_OP_ABS, ANS_OP_SIGN,
    ANS_OP_EXP, ANS_OP_LOG, ANS_OP_LOG10,
    ANS_OP_SIN, ANS_OP_COS, ANS_OP_TAN, ANS_OP_ASIN, ANS_OP_ACOS, ANS_OP_ATAN, ANS_OP_ATAN2,
    ANS_OP_SINH, ANS_OP_COSH, ANS_OP_TANH, ANS_OP_ASINH, ANS_OP_ACOSH, ANS_OP_ATANH,
    ANS_OP_SPECIAL,     /* dst = f(a) or f(a, b) for the catalog kernel (int)constant: Arb, within 1 ulp */
    ANS_OP_COUNT
};

typedef struct {
    int op;
    int dst, a, b, c;   /* register numbers; unused ones are -1 */
    double constant;
} ans_instruction;

/* Runs the program over n points: regs[k] points at n doubles for register k (inputs already in
   theirs). Constants are written by the program each time (cheap: once per block). */
void ans_run_block(const ans_instruction *program, long count, double *const *regs, long n);

/* 1 when libmvec's AVX2 functions are in use. */
int ans_mathvec_avx2(void);

/* The covariance of a Gaussian process between a block of points and the training points, the
   hot loop of a surrogate's prediction (and of its fit, with the training points as the block).

   points[k] holds n coordinates of dimension k, train[k] ntrain, both already standardised and
   divided by dimension k's length scale. out (row-major, n rows of ntrain) receives
     kind 0, squared exponential: variance * exp(-r^2/2)
     kind 1, Matern 5/2:          variance * (1 + sqrt5 r + 5 r^2/3) * exp(-sqrt5 r)
   with r^2 the sum over dimensions of the squared differences. exp is libmvec's (AVX2) where
   the CPU has it. */
void ans_gp_cross(int kind, long dims, long n, const double *const *points,
                  long ntrain, const double *const *train, double variance, double *out);

/* out[i] = sum over j of a[i*cols + j]^2, for rows i (row-major): the squared norms behind a
   block's predictive variances. Four accumulators (AVX2) where the CPU has them. */
void ans_row_sumsq(const double *a, long rows, long cols, double *out);

/* out[i] = sum over j of a[i*cols + j] * w[j]: a block's predictive means. Each row is summed
   in the same order whatever the number of rows, so a point's prediction does not depend on the
   other points of its block (a GP mean is a sum with large cancelling terms: BLAS's dgemv, whose
   kernels differ for the last rows of a block, changed it in the 11th digit). */
void ans_row_dot(const double *a, long rows, long cols, const double *w, double *out);

#endif

#ifndef ANSATZ_FUNCTIONS_H
#define ANSATZ_FUNCTIONS_H

/* The numeric kernels of the function catalog (Sources/AnsatzCore/Functions), in Arb's complex
   ball arithmetic (https://arblib.org): one evaluator per function, used at any precision by the
   ball and the MPFR evaluators and, through a precision loop, for doubles by the batch evaluator.
   Every value comes with Arb's proven error bound, which is how the digits are proven.

   Pointers to Arb and MPFR types are passed untyped (void *): Swift imports FLINT's headers in
   one module (CFlint), and a second import of the same types here would make them distinct. */

enum {
    ANS_FN_SIN = 1, ANS_FN_COS, ANS_FN_TAN, ANS_FN_COT, ANS_FN_SEC, ANS_FN_CSC,
    ANS_FN_ASIN, ANS_FN_ACOS, ANS_FN_ATAN, ANS_FN_ATAN2,
    ANS_FN_SINH, ANS_FN_COSH, ANS_FN_TANH, ANS_FN_ASINH, ANS_FN_ACOSH, ANS_FN_ATANH,
    ANS_FN_EXP, ANS_FN_LOG, ANS_FN_LOG10, ANS_FN_CBRT, ANS_FN_ABS, ANS_FN_SIGN,
    ANS_FN_GAMMA, ANS_FN_LOGGAMMA, ANS_FN_DIGAMMA, ANS_FN_POLYGAMMA, ANS_FN_BETA,
    ANS_FN_FACTORIAL, ANS_FN_BINOMIAL, ANS_FN_ZETA, ANS_FN_HURWITZ_ZETA, ANS_FN_POLYLOG,
    ANS_FN_ERF, ANS_FN_ERFC, ANS_FN_ERFI,
    ANS_FN_BESSEL_J, ANS_FN_BESSEL_Y, ANS_FN_BESSEL_I, ANS_FN_BESSEL_K,
    ANS_FN_EXPINT, ANS_FN_EI, ANS_FN_ELLIPTIC_K, ANS_FN_ELLIPTIC_E, ANS_FN_LAMBERTW,
    ANS_FN_HEAVISIDE, ANS_FN_DIRAC_DELTA,
    ANS_FN_RE, ANS_FN_IM, ANS_FN_CONJUGATE, ANS_FN_ARG,
    ANS_FN_COUNT
};

/* Outcomes. */
enum {
    ANS_FN_OK = 0,
    ANS_FN_UNDEFINED = 1,   /* no value here: a pole, log 0, a distribution at its support */
    ANS_FN_UNSUPPORTED = 2, /* not defined for these arguments here (cbrt of a complex value) */
    ANS_FN_NOT_REAL = 3,    /* the value is not real (real evaluation only) */
    ANS_FN_UNRESOLVED = 4,  /* the balls stayed too wide up to the precision limit */
    ANS_FN_BAD_ID = 5,
    ANS_FN_TOO_COSTLY = 6   /* arguments past the range computed in bounded time (zeta far up the critical strip) */
};

/* For ANS_FN_TOO_COSTLY: which argument is too large, as text ("|Im s| > 2^43"), or "". */
const char *ans_fn_limit(int id);

/* The function's arity (1 or 2), 0 for an unknown id. */
int ans_fn_arity(int id);

/* res = f(args[0], ...) for acb_t res and an array of nargs acb_struct, at prec bits. A result
   that is not finite (a pole) is ANS_FN_UNDEFINED. */
int ans_fn_acb(int id, void *res, const void *args, long nargs, long prec);

/* res = f(args) for mpfr_t res and an array of nargs mpfr_ptr, real, rounded to nearest at res's
   precision from a ball whose relative radius is below 2^-(precision + 2): the digits are
   proven. Working precision grows up to max_prec bits; a value that is exactly 0 but not
   provably so ends as ANS_FN_UNRESOLVED. */
int ans_fn_mpfr(int id, void *res, void *const *args, long nargs, long max_prec);

/* out[i] = f(x[i]) or f(x[i], y[i]) in doubles: within 1 ulp (the ball has 55 correct bits
   before rounding to nearest; working precision at most 512 bits), NaN where the value is
   undefined, not real or needs more precision; ±inf past the double range. */
void ans_fn_double(int id, const double *x, const double *y, double *out, long n);

#endif

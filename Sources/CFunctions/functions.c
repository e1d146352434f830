#include "ans_functions.h"

#include <math.h>
#include <mpfr.h>
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <arb.h>
#include <acb.h>
#include <acb_hypgeom.h>
#include <acb_elliptic.h>

int ans_fn_arity(int id) {
    switch (id) {
    case ANS_FN_ATAN2: case ANS_FN_POLYGAMMA: case ANS_FN_BETA: case ANS_FN_BINOMIAL:
    case ANS_FN_HURWITZ_ZETA: case ANS_FN_POLYLOG: case ANS_FN_BESSEL_J: case ANS_FN_BESSEL_Y:
    case ANS_FN_BESSEL_I: case ANS_FN_BESSEL_K: case ANS_FN_EXPINT:
        return 2;
    default:
        return id > 0 && id < ANS_FN_COUNT ? 1 : 0;
    }
}

/* Real-only functions of a complex ball: the real part, or -1 when the ball is not real. */
static int real_part(const acb_t x, arb_srcptr *re) {
    if (!arb_is_zero(acb_imagref(x))) return -1;
    *re = acb_realref(x);
    return 0;
}

/* Γ(n+1)/(Γ(k+1)Γ(n-k+1)), with 1/Γ entire: 0 where k or n - k is a negative integer. */
static void binomial_by_gamma(acb_t r, const acb_t n, const acb_t k, slong p) {
    acb_t s, t;
    acb_init(s);
    acb_init(t);
    acb_add_ui(s, n, 1, p);
    acb_gamma(s, s, p);
    acb_add_ui(t, k, 1, p);
    acb_rgamma(t, t, p);
    acb_mul(s, s, t, p);
    acb_sub(t, n, k, p);
    acb_add_ui(t, t, 1, p);
    acb_rgamma(t, t, p);
    acb_mul(r, s, t, p);
    acb_clear(s);
    acb_clear(t);
}

/* |Im z| > 2^e? */
static int imaginary_beyond(const acb_t z, slong e) {
    mag_t m;
    mag_init(m);
    arb_get_mag(m, acb_imagref(z));
    int beyond = mag_cmp_2exp_si(m, e) > 0;
    mag_clear(m);
    return beyond;
}

/* The time of Arb's zeta, Hurwitz zeta and polylogarithm grows with |Im s| (Euler-Maclaurin
   and Riemann-Siegel sums): measured on the project machine, zeta(1/2 + i 10^14) takes 5 s,
   Hurwitz zeta at |Im s| = 10^7 5 s, polylog at |Im s| = 10^6 more than 30 s. Past these
   limits the call is refused instead of running on: no budget reaches inside a C call. */
const char *ans_fn_limit(int id) {
    switch (id) {
    case ANS_FN_ZETA: return "|Im s| > 2^43 (about 8.8e12)";
    case ANS_FN_HURWITZ_ZETA: return "|Im s| > 2^20 (about 1.0e6)";
    case ANS_FN_POLYLOG: return "|Im s| > 2^17 (about 1.3e5)";
    default: return "";
    }
}

static int too_costly(int id, const acb_struct *a) {
    switch (id) {
    case ANS_FN_ZETA: return imaginary_beyond(&a[0], 43);
    case ANS_FN_HURWITZ_ZETA: return imaginary_beyond(&a[0], 20);
    case ANS_FN_POLYLOG: return imaginary_beyond(&a[0], 17);
    default: return 0;
    }
}

static int kernel(int id, acb_t r, const acb_struct *a, slong p) {
    if (too_costly(id, a)) return ANS_FN_TOO_COSTLY;
    const acb_struct *x = &a[0];
    const acb_struct *y = &a[1]; /* second argument; read only by arity-2 functions */
    arb_srcptr re;
    switch (id) {
    case ANS_FN_SIN: acb_sin(r, x, p); break;
    case ANS_FN_COS: acb_cos(r, x, p); break;
    case ANS_FN_TAN: acb_tan(r, x, p); break;
    case ANS_FN_COT: acb_cot(r, x, p); break;
    case ANS_FN_SEC: acb_sec(r, x, p); break;
    case ANS_FN_CSC: acb_csc(r, x, p); break;
    case ANS_FN_ASIN: acb_asin(r, x, p); break;
    case ANS_FN_ACOS: acb_acos(r, x, p); break;
    case ANS_FN_ATAN: acb_atan(r, x, p); break;
    case ANS_FN_ATAN2: {
        /* atan2(y, x): the first argument is y; real arguments only */
        arb_srcptr ry, rx;
        if (real_part(x, &ry) || real_part(y, &rx)) return ANS_FN_UNSUPPORTED;
        if (arb_is_zero(ry) && arb_is_zero(rx)) return ANS_FN_UNDEFINED;
        acb_zero(r);
        arb_atan2(acb_realref(r), ry, rx, p);
        break;
    }
    case ANS_FN_SINH: acb_sinh(r, x, p); break;
    case ANS_FN_COSH: acb_cosh(r, x, p); break;
    case ANS_FN_TANH: acb_tanh(r, x, p); break;
    case ANS_FN_ASINH: acb_asinh(r, x, p); break;
    case ANS_FN_ACOSH: acb_acosh(r, x, p); break;
    case ANS_FN_ATANH: acb_atanh(r, x, p); break;
    case ANS_FN_EXP: acb_exp(r, x, p); break;
    case ANS_FN_LOG:
    case ANS_FN_LOG10:
        if (acb_contains_zero(x)) return ANS_FN_UNDEFINED;
        acb_log(r, x, p);
        if (id == ANS_FN_LOG10) {
            acb_t ten;
            acb_init(ten);
            acb_set_ui(ten, 10);
            acb_log(ten, ten, p);
            acb_div(r, r, ten, p);
            acb_clear(ten);
        }
        break;
    case ANS_FN_CBRT: {
        /* the real cube root; not defined off the real line */
        if (real_part(x, &re)) return ANS_FN_UNSUPPORTED;
        acb_zero(r);
        if (arb_is_nonnegative(re)) {
            arb_root_ui(acb_realref(r), re, 3, p);
        } else if (arb_is_negative(re)) {
            arb_neg(acb_realref(r), re);
            arb_root_ui(acb_realref(r), acb_realref(r), 3, p);
            arb_neg(acb_realref(r), acb_realref(r));
        } else {
            return ANS_FN_UNDEFINED; /* a ball around 0 whose sign is not known */
        }
        break;
    }
    case ANS_FN_ABS:
        acb_zero(r);
        acb_abs(acb_realref(r), x, p);
        break;
    case ANS_FN_SIGN:
        /* z/|z| (0 at 0); a ball around zero has no sign */
        if (acb_is_zero(x)) { acb_zero(r); break; }
        if (acb_contains_zero(x)) return ANS_FN_UNDEFINED;
        acb_sgn(r, x, p);
        break;
    case ANS_FN_GAMMA: acb_gamma(r, x, p); break;
    case ANS_FN_LOGGAMMA: acb_lgamma(r, x, p); break;
    case ANS_FN_DIGAMMA: acb_digamma(r, x, p); break;
    case ANS_FN_POLYGAMMA: acb_polygamma(r, x, y, p); break;
    case ANS_FN_BETA: {
        /* Γ(a)Γ(b)/Γ(a+b), with 1/Γ entire: 0 where a+b is a pole and a, b are not */
        acb_t s, t;
        acb_init(s);
        acb_init(t);
        acb_add(s, x, y, p);
        acb_rgamma(s, s, p);
        acb_gamma(t, x, p);
        acb_mul(s, s, t, p);
        acb_gamma(t, y, p);
        acb_mul(r, s, t, p);
        acb_clear(s);
        acb_clear(t);
        break;
    }
    case ANS_FN_FACTORIAL:
        acb_add_ui(r, x, 1, p);
        acb_gamma(r, r, p);
        break;
    case ANS_FN_BINOMIAL:
        if (acb_is_int(x) && acb_is_int(y) && arb_is_negative(acb_realref(x))) {
            /* n a negative integer, k an integer: the limit, (-1)^k binomial(k - n - 1, k), 0 for
               k < 0; k's parity read from its midpoint, never converted (k may be 2^(2^60)) */
            if (arb_is_negative(acb_realref(y))) {
                acb_zero(r);
            } else {
                acb_t m;
                acb_init(m);
                acb_sub(m, y, x, p);
                acb_sub_ui(m, m, 1, p);
                binomial_by_gamma(r, m, y, p);
                if (!arf_is_int_2exp_si(arb_midref(acb_realref(y)), 1)) acb_neg(r, r);
                acb_clear(m);
            }
            break;
        }
        binomial_by_gamma(r, x, y, p);
        break;
    case ANS_FN_ZETA: acb_zeta(r, x, p); break;
    case ANS_FN_HURWITZ_ZETA: acb_hurwitz_zeta(r, x, y, p); break;
    case ANS_FN_POLYLOG: acb_polylog(r, x, y, p); break;
    case ANS_FN_ERF: acb_hypgeom_erf(r, x, p); break;
    case ANS_FN_ERFC: acb_hypgeom_erfc(r, x, p); break;
    case ANS_FN_ERFI: acb_hypgeom_erfi(r, x, p); break;
    case ANS_FN_BESSEL_J: acb_hypgeom_bessel_j(r, x, y, p); break;
    case ANS_FN_BESSEL_Y: acb_hypgeom_bessel_y(r, x, y, p); break;
    case ANS_FN_BESSEL_I: acb_hypgeom_bessel_i(r, x, y, p); break;
    case ANS_FN_BESSEL_K: acb_hypgeom_bessel_k(r, x, y, p); break;
    case ANS_FN_EXPINT: acb_hypgeom_expint(r, x, y, p); break;
    case ANS_FN_EI: acb_hypgeom_ei(r, x, p); break;
    case ANS_FN_ELLIPTIC_K: acb_elliptic_k(r, x, p); break;
    case ANS_FN_ELLIPTIC_E: acb_elliptic_e(r, x, p); break;
    case ANS_FN_LAMBERTW: {
        fmpz_t k;
        fmpz_init(k); /* the principal branch, k = 0 */
        acb_lambertw(r, x, k, 0, p);
        fmpz_clear(k);
        break;
    }
    case ANS_FN_HEAVISIDE:
        /* H(0) = 1/2, SymPy's convention */
        if (real_part(x, &re)) return ANS_FN_UNSUPPORTED;
        if (arb_is_zero(re)) { acb_set_d(r, 0.5); break; }
        if (arb_is_positive(re)) { acb_one(r); break; }
        if (arb_is_negative(re)) { acb_zero(r); break; }
        return ANS_FN_UNDEFINED;
    case ANS_FN_DIRAC_DELTA:
        /* a distribution: 0 away from 0, no value at 0 */
        if (real_part(x, &re)) return ANS_FN_UNSUPPORTED;
        if (arb_is_nonzero(re)) { acb_zero(r); break; }
        return ANS_FN_UNDEFINED;
    case ANS_FN_RE:
        arb_set(acb_realref(r), acb_realref(x));
        arb_zero(acb_imagref(r));
        break;
    case ANS_FN_IM:
        arb_set(acb_realref(r), acb_imagref(x));
        arb_zero(acb_imagref(r));
        break;
    case ANS_FN_CONJUGATE: acb_conj(r, x); break;
    case ANS_FN_ARG:
        /* the principal argument, in (-pi, pi]; none at 0 */
        if (acb_contains_zero(x)) return ANS_FN_UNDEFINED;
        arb_zero(acb_imagref(r));
        acb_arg(acb_realref(r), x, p);
        break;
    default:
        return ANS_FN_BAD_ID;
    }
    return acb_is_finite(r) ? ANS_FN_OK : ANS_FN_UNDEFINED;
}

int ans_fn_acb(int id, void *res, const void *args, long nargs, long prec) {
    if (nargs != ans_fn_arity(id)) return ANS_FN_BAD_ID;
    if (prec < 2) prec = 2;
    /* a value that is not finite may be a pole, or a method that needs more precision
       (a polylog of large order): two more tries at 4 and 16 times the precision, up to 4096 bits */
    int status = ANS_FN_UNDEFINED;
    for (slong p = prec; p <= 16 * prec && (p == prec || p <= 4096); p *= 4) {
        status = kernel(id, (acb_ptr)res, (const acb_struct *)args, p);
        if (status != ANS_FN_UNDEFINED) break;
    }
    return status;
}

/* Is the ball r a real value known to `bits` relative bits? 1 yes, 0 not yet, -1 not real. */
static int settled(const acb_t r, slong bits) {
    arb_srcptr re = acb_realref(r), im = acb_imagref(r);
    if (!arb_is_zero(im)) {
        if (!arb_contains_zero(im)) return -1;
        /* an imaginary part that is zero up to rounding: it must be far below the real part */
        mag_t m, bound;
        mag_init(m);
        mag_init(bound);
        arb_get_mag(m, im);
        arb_get_mag_lower(bound, re);
        mag_mul_2exp_si(bound, bound, -(bits + 4));
        int small = mag_cmp(m, bound) <= 0;
        mag_clear(m);
        mag_clear(bound);
        if (!small) return 0;
    }
    if (arb_is_exact(re)) return 1;
    return arb_rel_accuracy_bits(re) >= bits ? 1 : 0;
}

int ans_fn_mpfr(int id, void *res, void *const *args, long nargs, long max_prec) {
    if (nargs != ans_fn_arity(id)) return ANS_FN_BAD_ID;
    mpfr_ptr out = (mpfr_ptr)res;
    slong target = (slong)mpfr_get_prec(out);
    acb_struct in[2];
    acb_t r;
    acb_init(&in[0]);
    acb_init(&in[1]);
    acb_init(r);
    for (long i = 0; i < nargs; i++) arf_set_mpfr(arb_midref(acb_realref(&in[i])), (mpfr_srcptr)args[i]);
    int status = ANS_FN_UNRESOLVED;
    for (slong p = target + 32; p <= max_prec + 32; p = 2 * p) {
        int k = kernel(id, r, in, p);
        if (k != ANS_FN_OK) { status = k; break; }
        int s = settled(r, target + 2);
        if (s < 0) { status = ANS_FN_NOT_REAL; break; }
        if (s > 0) {
            arf_get_mpfr(out, arb_midref(acb_realref(r)), MPFR_RNDN);
            status = ANS_FN_OK;
            break;
        }
    }
    acb_clear(&in[0]);
    acb_clear(&in[1]);
    acb_clear(r);
    return status;
}

void ans_fn_double(int id, const double *x, const double *y, double *out, long n) {
    int arity = ans_fn_arity(id);
    acb_struct in[2];
    acb_t r;
    acb_init(&in[0]);
    acb_init(&in[1]);
    acb_init(r);
    for (long i = 0; i < n; i++) {
        double value = NAN;
        acb_set_d(&in[0], x[i]);
        if (arity == 2) acb_set_d(&in[1], y[i]);
        if (isfinite(x[i]) && (arity == 1 || isfinite(y[i]))) {
            /* capped at 512 bits so that a point costs little whatever its arguments; a value
               that needs more is NaN here (the point evaluator goes further) */
            for (slong p = 64; p <= 512; p *= 2) {
                if (kernel(id, r, in, p) != ANS_FN_OK) break;
                int s = settled(r, 55);
                if (s < 0) break;
                if (s == 0) {
                    /* a value below the smallest subnormal is 0 in doubles, however wide its ball */
                    mag_t m;
                    mag_init(m);
                    acb_get_mag(m, r);
                    int tiny = mag_cmp_2exp_si(m, -1080) < 0;
                    mag_clear(m);
                    if (!tiny) continue;
                }
                value = arf_get_d(arb_midref(acb_realref(r)), ARF_RND_NEAR);
                break;
            }
        }
        out[i] = value;
    }
    acb_clear(&in[0]);
    acb_clear(&in[1]);
    acb_clear(r);
}

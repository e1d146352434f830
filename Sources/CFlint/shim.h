// FLINT (https://flintlib.org) for Swift: sparse multivariate polynomials over Q (fmpq_mpoly),
// their GCD and factorisation, and dense univariate ones (fmpq_poly); and Arb, FLINT's ball
// arithmetic (complex balls with proven radii, principal branches), for the verifier's numeric
// tests. One module for both, so that their shared FLINT types are one set of Swift types.
// FLINT's and Arb's accessors that are macros are wrapped here as static inline functions.
#ifndef ANSATZ_CFLINT_SHIM_H
#define ANSATZ_CFLINT_SHIM_H
#include <math.h>
#include <gmp.h>
#include <mpfr.h>
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpq_mpoly.h>
#include <flint/fmpq_mpoly_factor.h>
#include <arb.h>
#include <acb.h>
#include <arb_fmpz_poly.h>

static inline fmpz *ans_fmpq_num(fmpq_t q) { return fmpq_numref(q); }
static inline fmpz *ans_fmpq_den(fmpq_t q) { return fmpq_denref(q); }
static inline int ans_fmpz_fits_si(const fmpz_t z) { return fmpz_fits_si(z); }
static inline slong ans_fmpz_get_si(const fmpz_t z) { return fmpz_get_si(z); }
static inline int ans_ord_lex(void) { return ORD_LEX; }

static inline arb_ptr ans_acb_real(acb_t z) { return acb_realref(z); }
static inline arb_ptr ans_acb_imag(acb_t z) { return acb_imagref(z); }
/* z = x exactly (an MPFR float is a binary number: a ball of radius zero) */
static inline void ans_acb_set_mpfr(acb_t z, const mpfr_t x) {
    arf_set_mpfr(arb_midref(acb_realref(z)), x);
    mag_zero(arb_radref(acb_realref(z)));
    arb_zero(acb_imagref(z));
}
/* the midpoint of a real ball as a decimal with n significant digits, to be freed by flint_free */
static inline char *ans_arb_mid_string(const arb_t x, slong n) {
    arb_t m;
    arb_init(m);
    arf_set(arb_midref(m), arb_midref(x));
    char *s = arb_get_str(m, n, ARB_STR_NO_RADIUS);
    arb_clear(m);
    return s;
}
/* upper bound of |x| as a double (for scales and tolerances) */
static inline double ans_acb_abs_upper(const acb_t x) {
    mag_t m;
    mag_init(m);
    acb_get_mag(m, x);
    double d = mag_get_d(m);
    mag_clear(m);
    return d;
}
/* out = a lower (upper = 0) or upper (upper = 1) bound of the real ball x, rounded outward */
static inline void ans_arb_bound_mpfr(const arb_t x, mpfr_ptr out, int upper) {
    arf_t b;
    arf_init(b);
    if (upper) arb_get_ubound_arf(b, x, mpfr_get_prec(out)); else arb_get_lbound_arf(b, x, mpfr_get_prec(out));
    arf_get_mpfr(out, b, upper ? MPFR_RNDU : MPFR_RNDD);
    arf_clear(b);
}
static inline double ans_acb_radius(const acb_t x) {
    return mag_get_d(arb_radref(acb_realref(x))) + mag_get_d(arb_radref(acb_imagref(x)));
}
/* a bound of the real part (upper = 0: lower) as sign * log(1 + |bound|): a measure of size that
   stays finite past double's range (exp(10^64)) */
static inline double ans_arb_bound_log1p(const acb_t x, int upper) {
    arf_t b;
    arf_init(b);
    if (upper) arb_get_ubound_arf(b, acb_realref(x), 64); else arb_get_lbound_arf(b, acb_realref(x), 64);
    double r;
    if (arf_is_zero(b)) r = 0;
    else if (!arf_is_finite(b)) r = arf_sgn(b) < 0 ? -HUGE_VAL : HUGE_VAL;
    else if (arf_cmpabs_2exp_si(b, 1000) < 0) {
        double d = arf_get_d(b, ARF_RND_DOWN);
        r = d < 0 ? -log1p(-d) : log1p(d);
    } else {
        double e = (double) arf_abs_bound_lt_2exp_si(b) * 0.6931471805599453;
        r = arf_sgn(b) < 0 ? -e : e;
    }
    arf_clear(b);
    return r;
}
/* the real (part = 0) or imaginary (part = 1) midpoint of root k, exactly, and its radius */
static inline double ans_acb_part_mid(const acb_struct *roots, slong k, int part, fmpq_t out) {
    const arb_struct *x = part ? acb_imagref(roots + k) : acb_realref(roots + k);
    arf_get_fmpq(out, arb_midref(x));
    return mag_get_d(arb_radref(x));
}
static inline int ans_arb_is_exact_zero(const acb_struct *roots, slong k) { return arb_is_zero(acb_imagref(roots + k)); }
#endif

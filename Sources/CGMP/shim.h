// GMP and MPFR for Swift. Most of their short names are C macros that do not import;
// the __gmpz_*/__gmpq_* and mpfr_* functions do. The few function-like macros we need
// are wrapped here as static inline functions.
#ifndef ANSATZ_CGMP_SHIM_H
#define ANSATZ_CGMP_SHIM_H
#include <stdio.h>
#include <gmp.h>
#include <mpfr.h>

static inline int ans_mpz_sgn(const __mpz_struct *z) { return mpz_sgn(z); }
static inline int ans_mpz_odd(const __mpz_struct *z) { return mpz_odd_p(z); }
static inline __mpz_struct *ans_mpq_num(__mpq_struct *q) { return mpq_numref(q); }
static inline __mpz_struct *ans_mpq_den(__mpq_struct *q) { return mpq_denref(q); }
static inline int ans_mpfr_sgn(const __mpfr_struct *x) { return mpfr_sgn(x); }
static inline long ans_mpfr_get_prec(const __mpfr_struct *x) { return mpfr_get_prec(x); }
static inline long ans_mpfr_prec_max(void) { return MPFR_PREC_MAX; }
static inline int ans_mpfr_rndn(void) { return MPFR_RNDN; }
#endif

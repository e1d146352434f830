// FLINT (https://flintlib.org) for Swift: sparse multivariate polynomials over Q (fmpq_mpoly),
// their GCD and factorisation, and dense univariate ones (fmpq_poly). FLINT's accessors that
// are macros are wrapped here as static inline functions.
#ifndef ANSATZ_CFLINT_SHIM_H
#define ANSATZ_CFLINT_SHIM_H
#include <gmp.h>
#include <flint/flint.h>
#include <flint/fmpz.h>
#include <flint/fmpq.h>
#include <flint/fmpq_poly.h>
#include <flint/fmpq_mpoly.h>
#include <flint/fmpq_mpoly_factor.h>

static inline fmpz *ans_fmpq_num(fmpq_t q) { return fmpq_numref(q); }
static inline fmpz *ans_fmpq_den(fmpq_t q) { return fmpq_denref(q); }
static inline int ans_fmpz_fits_si(const fmpz_t z) { return fmpz_fits_si(z); }
static inline slong ans_fmpz_get_si(const fmpz_t z) { return fmpz_get_si(z); }
static inline int ans_ord_lex(void) { return ORD_LEX; }
#endif

// LAPACK and BLAS (OpenBLAS, Debian's libopenblas-dev) for the Gaussian-process surrogates:
// Cholesky factorisation, solves, the triangular inverse and condition estimate, and the
// triangular solve and multiplication behind the predictive variance. The Fortran interface is
// declared here (arguments by reference, column-major matrices), so that nothing depends on
// which LAPACKE or CBLAS header a system ships. Each character argument has the hidden length
// argument gfortran passes after the others (a caller that leaves them out breaks routines
// compiled with sibling-call optimisation: Reference-LAPACK issue #339); callers pass 1.
#ifndef ANSATZ_CLAPACK_SHIM_H
#define ANSATZ_CLAPACK_SHIM_H
#include <stddef.h>

void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info, size_t uplo_len);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t uplo_len);
void dtrsm_(const char *side, const char *uplo, const char *transa, const char *diag,
            const int *m, const int *n, const double *alpha, const double *a, const int *lda,
            double *b, const int *ldb, size_t side_len, size_t uplo_len, size_t transa_len, size_t diag_len);
void dtrmm_(const char *side, const char *uplo, const char *transa, const char *diag,
            const int *m, const int *n, const double *alpha, const double *a, const int *lda,
            double *b, const int *ldb, size_t side_len, size_t uplo_len, size_t transa_len, size_t diag_len);
void dtrcon_(const char *norm, const char *uplo, const char *diag, const int *n, const double *a,
             const int *lda, double *rcond, double *work, int *iwork, int *info,
             size_t norm_len, size_t uplo_len, size_t diag_len);
void dtrtri_(const char *uplo, const char *diag, const int *n, double *a, const int *lda, int *info,
             size_t uplo_len, size_t diag_len);
/* OpenBLAS's own: the threads its level-3 routines use. One, so that results do not depend on
   how many threads a call happened to get (a committee fitted in one process and the same
   experts fitted on a cluster agree bit for bit), and parallelism is ours, over experts and
   blocks of points. */
void openblas_set_num_threads(int n);

#endif

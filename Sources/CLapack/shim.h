// LAPACK and BLAS (OpenBLAS, Debian's libopenblas-dev) for the Gaussian-process surrogates:
// Cholesky factorisation and solves, and the triangular solve behind the predictive variance.
// The Fortran interface is declared here (arguments by reference, column-major matrices), so that
// nothing depends on which LAPACKE or CBLAS header a system ships.
#ifndef ANSATZ_CLAPACK_SHIM_H
#define ANSATZ_CLAPACK_SHIM_H

void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dpotrs_(const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
             double *b, const int *ldb, int *info);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dtrsm_(const char *side, const char *uplo, const char *transa, const char *diag,
            const int *m, const int *n, const double *alpha, const double *a, const int *lda,
            double *b, const int *ldb);
void dtrmm_(const char *side, const char *uplo, const char *transa, const char *diag,
            const int *m, const int *n, const double *alpha, const double *a, const int *lda,
            double *b, const int *ldb);
void dtrcon_(const char *norm, const char *uplo, const char *diag, const int *n, const double *a,
             const int *lda, double *rcond, double *work, int *iwork, int *info);
void dtrtri_(const char *uplo, const char *diag, const int *n, double *a, const int *lda, int *info);
void dgemv_(const char *trans, const int *m, const int *n, const double *alpha, const double *a,
            const int *lda, const double *x, const int *incx, const double *beta, double *y,
            const int *incy);
/* OpenBLAS's own: the threads its level-3 routines use. One, so that results do not depend on
   how many threads a call happened to get (a committee fitted in one process and the same
   experts fitted on a cluster agree bit for bit), and parallelism is ours, over experts and
   blocks of points. */
void openblas_set_num_threads(int n);

#endif

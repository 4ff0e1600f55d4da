// The C corner of QIKit: CBLAS from <cblas.h> and the Fortran LAPACK routines QIKit calls.
// Fortran passes every argument by pointer and appends one hidden length (size_t, always 1)
// per CHARACTER argument, as gfortran expects. Debian's OpenBLAS is LP64: integers are 32-bit.
#ifndef QIKIT_CLAPACK_SHIM_H
#define QIKIT_CLAPACK_SHIM_H
#include <stddef.h>
#include <cblas.h>

typedef int lapack_int;

void dgeqp3_(const lapack_int *m, const lapack_int *n, double *a, const lapack_int *lda,
             lapack_int *jpvt, double *tau, double *work, const lapack_int *lwork,
             lapack_int *info);
void dormqr_(const char *side, const char *trans, const lapack_int *m, const lapack_int *n,
             const lapack_int *k, const double *a, const lapack_int *lda, const double *tau,
             double *c, const lapack_int *ldc, double *work, const lapack_int *lwork,
             lapack_int *info, size_t side_len, size_t trans_len);
void dtrtrs_(const char *uplo, const char *trans, const char *diag, const lapack_int *n,
             const lapack_int *nrhs, const double *a, const lapack_int *lda, double *b,
             const lapack_int *ldb, lapack_int *info, size_t uplo_len, size_t trans_len,
             size_t diag_len);
void dpotrf_(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda,
             lapack_int *info, size_t uplo_len);
void dpotrs_(const char *uplo, const lapack_int *n, const lapack_int *nrhs, const double *a,
             const lapack_int *lda, double *b, const lapack_int *ldb, lapack_int *info,
             size_t uplo_len);
void dpotri_(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda,
             lapack_int *info, size_t uplo_len);
void dsyevd_(const char *jobz, const char *uplo, const lapack_int *n, double *a,
             const lapack_int *lda, double *w, double *work, const lapack_int *lwork,
             lapack_int *iwork, const lapack_int *liwork, lapack_int *info, size_t jobz_len,
             size_t uplo_len);

void openblas_set_num_threads(int num_threads);
#endif
